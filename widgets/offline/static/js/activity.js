/* A binôme activity (widgets/ui/activity.py without a kernel): a choice on each item's own scale
 * (none for a sentence-only item), a sentence per item and a note, saved in this browser as a
 * record of kind "activity", like a quiz. Every activity of data/activities.yaml uses it. */
(function () {
  "use strict";
  const P = (window.Parcours = window.Parcours || {});
  const E = (text) => P.escape(text);
  let instances = 0;

  /* widgets.activities.activity_summary. */
  P.activitySummary = function (meta) {
    if (meta && Number.isInteger(meta.actors) && Number.isInteger(meta.links)) {
      return `${meta.actors}\u00a0acteur${meta.actors > 1 ? "s" : ""}, ${meta.links}\u00a0lien${meta.links > 1 ? "s" : ""}`;
    }
    const placed = meta ? meta.placed : undefined;
    const total = meta ? meta.total : undefined;
    if (!Number.isInteger(placed) || !Number.isInteger(total)) return "activité enregistrée";
    const unit =
      Array.isArray(meta.unit) && meta.unit.length === 2 && meta.unit.every((u) => typeof u === "string")
        ? meta.unit
        : ["dimension placée", "dimensions placées"];
    return `${placed}\u00a0${placed > 1 ? unit[1] : unit[0]} sur ${total}`;
  };

  /* widgets.activities.activity_answers and activity_meta. */
  P.activityAnswers = function (activity, levels, notes, note) {
    const answers = {};
    for (const dimension of activity.dimensions) {
      const level = levels[dimension.id];
      if (level !== null && level !== undefined) answers[dimension.id] = level;
    }
    for (const dimension of activity.dimensions) {
      const text = (notes[dimension.id] || "").trim();
      if (text) answers[`${dimension.id}_note`] = text;
    }
    if ((note || "").trim()) answers.note = note.trim();
    return answers;
  };
  P.activityMeta = function (activity, answers) {
    const placed = activity.dimensions.filter((d) => d.id in answers || `${d.id}_note` in answers).length;
    const meta = { module: activity.module, placed, total: activity.dimensions.length };
    if (activity.unit && (activity.unit[0] !== "dimension placée" || activity.unit[1] !== "dimensions placées")) {
      meta.unit = activity.unit.slice();
    }
    return meta;
  };

  P.mountActivity = function (element) {
    const course = P.data().course;
    const activity = course.activities[element.dataset.activity];
    const sources = course.sources || {};
    const prefix = `activite${++instances}`;
    const total = activity.dimensions.length;
    const blocks = activity.dimensions
      .map((dimension, index) => {
        const options = (dimension.levels || activity.levels)
          .map(
            (label, level) =>
              `<label class="choix"><input type="radio" name="${prefix}-${dimension.id}" value="${level}"> ${E(label)}</label>`
          )
          .join("");
        return (
          `<div class="dimension" data-dimension="${E(dimension.id)}">` +
          `<h4>${E(activity.item_label || "Dimension")} ${index + 1} sur ${total}\u00a0: ${E(dimension.label)}</h4>` +
          (options
            ? `<fieldset><legend><strong>${E(dimension.question)}</strong></legend>${options}</fieldset>`
            : `<p><strong>${E(dimension.question)}</strong></p>`) +
          `<textarea rows="2" style="width:95%" aria-label="${E(dimension.label)}" placeholder="${E(activity.placeholder || (options ? "La réponse de votre territoire, en une phrase" : "Votre réponse, à deux"))}"></textarea></div>`
        );
      })
      .join("");
    const source = sources[activity.source] || activity.source;
    element.innerHTML =
      `<h3>${E(activity.title)}</h3><p>${E(activity.prompt)}</p>${blocks}` +
      `<p><strong>${E(activity.note_label)}</strong></p>` +
      `<textarea class="note" rows="4" style="width:95%" aria-label="${E(activity.note_label)}"></textarea>` +
      `<div class="boutons"><button type="button" class="primaire" data-action="save">Enregistrer l'activité</button></div>` +
      `<div class="save-notice"></div>` +
      `<p style="font-size:0.9em;color:#404040">${E(activity.source_label || "Questions de l'activité")}\u00a0: ${E(source)}</p>`;
    const notice = element.querySelector(".save-notice");

    element.querySelector("[data-action=save]").addEventListener("click", () => {
      const levels = {};
      const notes = {};
      for (const dimension of activity.dimensions) {
        const block = element.querySelector(`.dimension[data-dimension="${dimension.id}"]`);
        const checked = block.querySelector("input:checked");
        levels[dimension.id] = checked ? Number(checked.value) : null;
        notes[dimension.id] = block.querySelector("textarea").value;
      }
      const answers = P.activityAnswers(activity, levels, notes, element.querySelector("textarea.note").value);
      if (!Object.keys(answers).length) {
        notice.innerHTML = P.notice("Rien à enregistrer\u00a0: répondez à au moins une question ou écrivez une note.", false);
        return;
      }
      const record = P.newRecord(activity, "activity", answers, {}, P.activityMeta(activity, answers));
      const kept = P.saveResult(record);
      notice.innerHTML = kept
        ? P.notice(`Résultat enregistré le ${P.dateTimeFr(new Date())} dans ce navigateur.`, true)
        : P.notice("Ce navigateur ne garde pas les résultats des pages ouvertes depuis un fichier\u00a0: exportez-les depuis «\u00a0Mes résultats\u00a0» avant de fermer la page.", false);
      element.dispatchEvent(new CustomEvent("parcours:saved", { bubbles: true, detail: record }));
    });
  };
})();
