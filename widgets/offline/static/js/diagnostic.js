/* A self-diagnostic, as widgets/ui/diagnostic.py runs it: one screen per axis, nothing
 * pre-selected, the profile on demand (computed on the answers given, and saying so), saved
 * once per set of answers, comparable with the learner's previous result and, when the export
 * holds a webinar replay of the same bank, with the room's average.
 *
 * The texts under the profile are report.py's warnings_html, axes_table_html and
 * recommendations_html, reproduced to the character (the parity test compares them). */
(function () {
  "use strict";
  const P = (window.Parcours = window.Parcours || {});
  const E = (text) => P.escape(text);
  const NBSP = "\u00a0";
  const HINT = "Au clavier\u00a0: Tab pour passer d'une question à l'autre, flèches pour choisir une réponse.";
  const WARNING_STYLE =
    "border-left:6px solid #d55e00;background:#fff4ec;padding:0.5em 1em;margin:0.6em 0;color:#1a1a1a";
  let instances = 0;

  const score100 = (score) => (score === null ? "sans réponse" : `${P.formatNumber(score, 0)}${NBSP}/${NBSP}100`);
  const modulesFr = (modules) => `module${modules.length > 1 ? "s" : ""} ${P.joinFr(modules.map(String))}`;

  P.axesTableHtml = function (result) {
    const cell = "padding:0.25em 0.6em;border-bottom:1px solid #d0d0d0;text-align:left";
    const rows = result.axes
      .map(
        (axis) =>
          `<tr><th scope="row" style="${cell}">${E(axis.label)}</th>` +
          `<td style="${cell}">${E(score100(axis.score))}</td>` +
          `<td style="${cell}">${E(axis.stage || "—")}</td>` +
          `<td style="${cell}">${axis.answered} / ${axis.total}</td></tr>`
      )
      .join("");
    const head = ["Axe", "Score", "Palier atteint", "Réponses"]
      .map((name) => `<th scope="col" style="${cell};border-bottom:2px solid #333">${name}</th>`)
      .join("");
    return (
      '<table class="parcours-axes" style="border-collapse:collapse;margin:0.5em 0">' +
      '<caption style="text-align:left;font-weight:bold;padding-bottom:0.3em">' +
      "Palier atteint par axe</caption>" +
      `<thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`
    );
  };

  P.recommendationsHtml = function (result) {
    if (!result.recommendations.length) {
      if (result.answered === 0) return "";
      return (
        "<p><strong>Aucun module à revoir en priorité</strong>\u00a0: vos scores atteignent les " +
        "seuils de recommandation du questionnaire.</p>"
      );
    }
    const label = (id) => result.axes.find((axis) => axis.axis === id).label;
    const items = result.recommendations
      .map((rec) => `<li><strong>${E(label(rec.axis))}</strong> (${E(modulesFr(rec.modules))})\u00a0: ${E(rec.text)}</li>`)
      .join("");
    return (
      `<p><strong>Modules à revoir\u00a0: ${E(P.joinFr(result.modules.map(String)))}.</strong>` +
      `</p><ul style="margin:0.3em 0;padding-left:1.4em">${items}</ul>`
    );
  };

  P.warningsHtml = function (result, sourceTitles) {
    const titles = sourceTitles || {};
    return result.warnings
      .map((warning) => {
        let source = "";
        if (warning.source) {
          const name = warning.source in titles ? titles[warning.source] : warning.source;
          source = `<p style="margin:0.3em 0 0;font-size:0.9em">Source\u00a0: ${E(name)}</p>`;
        }
        return (
          `<div class="parcours-warning" role="note" style="${WARNING_STYLE}">` +
          `<p style="margin:0"><strong>⚠ Point d'attention.</strong> ${E(warning.text)}</p>` +
          `${source}</div>`
        );
      })
      .join("");
  };

  /* The meta DiagnosticForm._save writes. */
  P.diagnosticMeta = function (result) {
    const stages = {};
    for (const axis of result.axes) stages[axis.axis] = axis.stage;
    return {
      stages,
      completion: result.completion,
      answered: result.answered,
      total: result.total,
      partial: result.partial,
      overall: result.overall,
      modules: result.modules.slice(),
      warnings: result.warnings.map((warning) => warning.id),
    };
  };

  function screenHtml(bank, axis, index, prefix) {
    let html = `<h4>Axe ${index + 1} sur ${bank.axes.length}\u00a0: ${E(axis.label)}</h4>`;
    if (axis.description) html += `<p>${E(axis.description)}</p>`;
    bank.items.forEach((item, position) => {
      if (item.axis !== axis.id) return;
      const choices = bank.scale
        .map((level) => `<label class="choix"><input type="radio" name="${prefix}-${item.id}" value="${level.value}"> ${E(level.label)}</label>`)
        .join("");
      html +=
        `<fieldset class="question" data-item="${E(item.id)}"><legend><strong>${position + 1}. ${E(item.statement)}</strong>` +
        `</legend>${choices}</fieldset>`;
    });
    return `<div class="ecran" data-screen="${index}"${index ? " hidden" : ""}>${html}</div>`;
  }

  P.mountDiagnostic = function (element) {
    const course = P.data().course;
    const bank = course.banks[element.dataset.bank];
    const profile = course.profiles[bank.id];
    const rooms = (course.replays || {})[bank.id] || [];
    const prefix = `diag${++instances}`;
    const total = bank.items.length;
    const last = bank.axes.length - 1;
    const screens = bank.axes.map((axis, index) => screenHtml(bank, axis, index, prefix)).join("");
    const room = rooms.length
      ? `<label class="case"><input type="checkbox" data-control="group"> Comparer avec ${E(rooms[rooms.length - 1].label)}</label>`
      : "";
    element.innerHTML =
      `<h3>${E(bank.title)}</h3><p>${E(bank.description)}</p><p style="color:#404040">${E(HINT)}</p>` +
      `${screens}<div class="boutons">` +
      `<button type="button" data-action="previous" disabled>← Précédent</button>` +
      `<button type="button" data-action="next"${last ? "" : " disabled"}>Suivant →</button>` +
      `<progress max="${total}" value="0"></progress><span class="compte" aria-live="polite"></span>` +
      `<button type="button" class="primaire" data-action="profile" disabled>Voir mon profil</button></div>` +
      `<div class="profil" hidden><div class="resume"></div>` +
      `<div class="comparaisons"><label class="case"><input type="checkbox" data-control="earlier" disabled> ` +
      `Comparer avec mon résultat précédent</label> <span class="note-precedent"></span>${room}</div>` +
      `<div class="figure-plotly figure-profil" role="figure"></div><p class="parcours-alt"></p>` +
      `<div class="details"></div><div class="save-notice"></div></div>`;

    const state = { page: 0, result: null, earlier: null, savedAnswers: null, savedIds: new Set() };
    const $ = (selector) => element.querySelector(selector);
    const answers = () => {
      const given = [];
      for (const item of bank.items) {
        const checked = element.querySelector(`fieldset[data-item="${item.id}"] input:checked`);
        if (checked) given.push([item.id, Number(checked.value)]);
      }
      return given;
    };

    function progress() {
      const count = answers().length;
      $("progress").value = count;
      $(".compte").textContent = `${count} / ${total} réponse${total > 1 ? "s" : ""}`;
      $("[data-action=profile]").disabled = count === 0;
    }

    function go(page) {
      state.page = Math.max(0, Math.min(page, last));
      element.querySelectorAll(".ecran").forEach((screen) => {
        screen.hidden = Number(screen.dataset.screen) !== state.page;
      });
      $("[data-action=previous]").disabled = state.page === 0;
      $("[data-action=next]").disabled = state.page === last;
    }

    function draw() {
      const result = state.result;
      if (!result) return;
      const earlier = $("[data-control=earlier]").checked ? state.earlier : null;
      const group = room && $("[data-control=group]").checked ? rooms[rooms.length - 1] : null;
      const figure = P.profileFigure(result, profile, {
        title: bank.title,
        earlier: earlier ? earlier.scores : null,
        earlierLabel: earlier ? `Résultat du ${P.dateFr(earlier.created_at)}` : null,
        group: group ? group.scores : null,
        groupLabel: group ? group.label : null,
      });
      const alt = P.describeProfile(figure);
      $(".figure-profil").setAttribute("aria-label", alt);
      $(".profil .parcours-alt").textContent = alt;
      P.draw($(".figure-profil"), figure);
    }

    function showProfile() {
      const given = answers();
      if (!given.length) return null;
      const result = P.scoreDiagnostic(bank, given);
      state.result = result;
      state.earlier =
        P.results().find((r) => r.bank_id === bank.id && r.kind === "diagnostic" && !state.savedIds.has(r.id)) || null;
      const key = JSON.stringify(given);
      if (key !== state.savedAnswers) {
        const record = P.newRecord(bank, "diagnostic", Object.fromEntries(given), P.axisScores(result), P.diagnosticMeta(result));
        const kept = P.saveResult(record);
        state.savedIds.add(record.id);
        state.savedAnswers = key;
        $(".save-notice").innerHTML = kept
          ? P.notice(`Résultat enregistré le ${P.dateTimeFr(new Date())} dans ce navigateur.`, true)
          : P.notice("Ce navigateur ne garde pas les résultats des pages ouvertes depuis un fichier\u00a0: exportez-les depuis «\u00a0Mes résultats\u00a0» avant de fermer la page.", false);
        element.dispatchEvent(new CustomEvent("parcours:saved", { bubbles: true, detail: record }));
      }
      $(".resume").innerHTML = result.partial
        ? `<p><strong>Profil calculé sur ${result.answered} réponses sur ${result.total}.</strong> ` +
          "Les questions sans réponse ne comptent pas\u00a0: complétez-les puis cliquez de nouveau sur «\u00a0Voir mon profil\u00a0».</p>"
        : `<p><strong>Profil calculé sur vos ${result.total} réponses.</strong></p>`;
      let note = "Pas encore de résultat précédent\u00a0: la comparaison sera possible la prochaine fois.";
      if (state.earlier) {
        const version =
          state.earlier.bank_version !== bank.version ? ` (version ${state.earlier.bank_version} du questionnaire)` : "";
        note = `Résultat précédent\u00a0: ${P.dateTimeFr(state.earlier.created_at)}${version}.`;
      }
      $(".note-precedent").textContent = note;
      const earlierBox = $("[data-control=earlier]");
      earlierBox.disabled = !state.earlier;
      if (!state.earlier) earlierBox.checked = false;
      $(".details").innerHTML = P.warningsHtml(result, course.sources) + P.axesTableHtml(result) + P.recommendationsHtml(result);
      $(".profil").hidden = false;
      draw();
      return result;
    }

    element.addEventListener("change", (event) => {
      if (event.target.matches("input[type=radio]")) progress();
      if (event.target.matches("input[type=checkbox]")) draw();
    });
    element.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (!button) return;
      if (button.dataset.action === "previous") go(state.page - 1);
      if (button.dataset.action === "next") go(state.page + 1);
      if (button.dataset.action === "profile") showProfile();
    });
    progress();
  };
})();
