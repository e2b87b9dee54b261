/* The learner's results (widgets/ui/results.py without a kernel) and the home's progress
 * (widgets/ui/navigation.py's table, read from this browser instead of the results store). */
(function () {
  "use strict";
  const P = (window.Parcours = window.Parcours || {});
  const E = (text) => P.escape(text);

  /* widgets.templates.results.record_summary. */
  P.recordSummary = function (record, bank) {
    if (record.kind === "quiz") {
      const words = P.pluralWord(record.scores.correct || 0, "bonne réponse", "bonnes réponses");
      return `${record.scores.correct} / ${record.scores.total} ${words}`;
    }
    if (record.kind === "diagnostic") {
      const labels = {};
      if (bank && bank.kind === "diagnostic") bank.axes.forEach((axis) => (labels[axis.id] = axis.label));
      const parts = Object.entries(record.scores).map(
        ([axis, score]) => `${labels[axis] || axis}\u00a0: ${score === null ? "sans réponse" : P.formatNumber(score, 0)}`
      );
      const answered = record.meta.answered;
      const total = record.meta.total;
      const word = Number.isInteger(answered) ? P.pluralWord(answered, "réponse") : "réponses";
      let count = answered !== undefined && answered !== null && total ? ` (${answered} ${word} sur ${total})` : "";
      /* record_summary of widgets/templates/results.py: a profile saved before every answer says so. */
      if (record.meta.partial && count) count = ` (profil partiel\u00a0: ${count.slice(2)}`;
      return parts.join("\u00a0; ") + count;
    }
    if (record.kind === "activity") return P.activitySummary(record.meta);
    const count = Object.keys(record.answers).length;
    return `${count}\u00a0${P.pluralWord(count, "réponse")}`;
  };

  function tableHtml(records, banks) {
    if (!records.length) {
      return "<p>Aucun résultat enregistré pour l'instant\u00a0: ils apparaîtront ici après un autodiagnostic ou un quiz.</p>";
    }
    const cell = "padding:0.3em 0.8em;border-bottom:1px solid #d0d0d0;text-align:left";
    const head = ["Date", "Questionnaire", "Résumé"]
      .map((name) => `<th scope="col" style="${cell};border-bottom:2px solid #333">${name}</th>`)
      .join("");
    const rows = records
      .map((record) => {
        const bank = banks[record.bank_id];
        const activity = (P.data().course.activities || {})[record.bank_id];
        const title = bank ? bank.title : activity ? activity.title : record.bank_id;
        return (
          `<tr data-result="${E(record.id)}"><td style="${cell}">${E(P.dateTimeFr(record.created_at))}</td>` +
          `<th scope="row" style="${cell}">${E(title)}</th>` +
          `<td style="${cell}">${E(P.recordSummary(record, bank))}</td></tr>`
        );
      })
      .join("");
    const count = records.length;
    return (
      '<table style="border-collapse:collapse">' +
      `<caption style="text-align:left;padding-bottom:0.3em">${count} ${P.pluralWord(count, "résultat")}, du plus récent au plus ancien</caption>` +
      `<thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`
    );
  }

  P.mountResults = function (element) {
    const banks = P.data().course.banks;
    element.innerHTML =
      `<h3>Mes résultats (pseudonyme «\u00a0<span class="pseudo"></span>\u00a0»)</h3>` +
      `<div class="liste"></div>` +
      `<p><label>Pseudonyme des prochains résultats\u00a0: <input type="text" data-control="pseudonym" maxlength="60"></label></p>` +
      `<h4>Garder ou transmettre mes résultats</h4>` +
      `<div class="boutons"><button type="button" class="primaire" data-action="export">Exporter en JSON</button></div>` +
      `<div class="export-notice"></div>` +
      `<p>Un fichier exporté depuis parcours (ici ou dans JupyterLab) peut être réimporté\u00a0; un résultat déjà présent n'est pas ajouté deux fois.</p>` +
      `<p><label>Importer un fichier\u00a0: <input type="file" accept=".json,application/json" data-control="import"></label></p>` +
      `<div class="import-notice"></div>`;
    const $ = (selector) => element.querySelector(selector);
    const refresh = () => {
      $(".liste").innerHTML = tableHtml(P.results(), banks);
      $(".pseudo").textContent = P.pseudonym();
      if (!P.storageAvailable()) {
        $(".liste").insertAdjacentHTML(
          "afterbegin",
          P.notice("Ce navigateur ne garde pas les résultats des pages ouvertes depuis un fichier\u00a0: exportez-les avant de fermer la page.", false)
        );
      }
    };
    $("[data-control=pseudonym]").value = P.pseudonym();
    $("[data-control=pseudonym]").addEventListener("change", (event) => {
      if (event.target.value.trim()) P.setPseudonym(event.target.value);
      refresh();
    });
    $("[data-action=export]").addEventListener("click", () => {
      const records = P.results();
      const name = P.resultsFileName();
      P.download(P.exportDocument(records), name, "application/json");
      const count = records.length;
      $(".export-notice").innerHTML = P.notice(`${name}\u00a0: ${count} ${P.pluralWord(count, "résultat exporté", "résultats exportés")}.`, true);
    });
    $("[data-control=import]").addEventListener("change", (event) => {
      const file = event.target.files && event.target.files[0];
      if (!file) return;
      const reader = new FileReader();
      reader.onload = () => {
        const parsed = P.parseResults(reader.result, file.name);
        if (parsed.problems.length) {
          const lines = parsed.problems.slice(0, 10).map((p) => `<li>${E(P.problemMessage(p))}</li>`).join("");
          $(".import-notice").innerHTML = P.notice(`Le fichier «\u00a0${file.name}\u00a0» n'a pas été importé\u00a0; rien n'a été ajouté.`, false, `<ul>${lines}</ul>`);
        } else {
          const [added, present] = P.importResults(parsed.records);
          let text = `${added} ${P.pluralWord(added, "résultat importé", "résultats importés")}`;
          if (present) text += `, ${present} ${P.pluralWord(present, "déjà présent", "déjà présents")}`;
          $(".import-notice").innerHTML = P.notice(`«\u00a0${file.name}\u00a0»\u00a0: ${text}.`, true);
          refresh();
        }
        event.target.value = "";
      };
      reader.readAsArrayBuffer(file); // the bytes: a file that is not UTF-8 is refused, as in Python
    });
    document.addEventListener("parcours:saved", refresh);
    refresh();
  };

  const MARKS = {
    none: `<span aria-label="pas d'autodiagnostic dans ce module">—</span>`,
    done: '<strong style="color:#009E73">✓ fait</strong>',
    todo: '<span style="color:#555">à faire</span>',
  };

  P.mountProgress = function (element) {
    const update = () => fillProgress(element);
    // Back from a module (page cache), or a result saved in another tab: read again.
    window.addEventListener("pageshow", update);
    window.addEventListener("storage", update);
    update();
  };

  function fillProgress(element) {
    const done = new Set(P.results().map((record) => record.bank_id));
    let quizzes = 0;
    const rows = element.querySelectorAll("tr[data-module]");
    rows.forEach((row) => {
      const quiz = done.has(row.dataset.quizBank);
      quizzes += quiz ? 1 : 0;
      row.querySelector("[data-part=quiz]").innerHTML = quiz ? MARKS.done : MARKS.todo;
      const diagnostic = row.dataset.diagnosticBank;
      row.querySelector("[data-part=diagnostic]").innerHTML = !diagnostic
        ? MARKS.none
        : done.has(diagnostic)
          ? MARKS.done
          : MARKS.todo;
    });
    element.querySelector("[data-part=summary]").innerHTML = `Quiz faits\u00a0: <strong>${quizzes} sur ${rows.length}</strong>.`;
  }
})();
