/* A binôme activity (widgets/ui/activity.py without a kernel): levels per dimension and notes,
 * saved in this browser as a record of kind "activity", like a quiz. */
(function () {
  "use strict";
  const P = (window.Parcours = window.Parcours || {});
  const E = (text) => P.escape(text);
  let instances = 0;

  /* widgets.activities.activity_summary. */
  P.activitySummary = function (meta) {
    const placed = meta ? meta.placed : undefined;
    const total = meta ? meta.total : undefined;
    if (!Number.isInteger(placed) || !Number.isInteger(total)) return "activité enregistrée";
    return `${placed}\u00a0${P.pluralWord(placed, "dimension placée", "dimensions placées")} sur ${total}`;
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
    const placed = activity.dimensions.filter((d) => Number.isInteger(answers[d.id])).length;
    return { module: activity.module, placed, total: activity.dimensions.length };
  };

  P.mountActivity = function (element) {
    const course = P.data().course;
    const activity = course.activities[element.dataset.activity];
    const sources = course.sources || {};
    const prefix = `activite${++instances}`;
    const total = activity.dimensions.length;
    const blocks = activity.dimensions
      .map((dimension, index) => {
        const options = activity.levels
          .map(
            (label, level) =>
              `<label class="choix"><input type="radio" name="${prefix}-${dimension.id}" value="${level}"> ${E(label)}</label>`
          )
          .join("");
        return (
          `<div class="dimension" data-dimension="${E(dimension.id)}">` +
          `<h4>Dimension ${index + 1} sur ${total}\u00a0: ${E(dimension.label)}</h4>` +
          `<fieldset><legend><strong>${E(dimension.question)}</strong></legend>${options}</fieldset>` +
          `<textarea rows="2" style="width:95%" aria-label="${E(dimension.label)}" placeholder="La réponse de votre territoire, en une phrase"></textarea></div>`
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
      `<p style="font-size:0.9em;color:#404040">Questions des quatre dimensions\u00a0: ${E(source)}</p>`;
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
        notice.innerHTML = P.notice("Rien à enregistrer\u00a0: placez au moins une dimension ou écrivez une note.", false);
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
