/* A module quiz, as widgets/ui/quiz.py runs it: each answer validated on its own with its
 * explanation and source, the score at the end, the result saved (kind "quiz", scores
 * {correct, total}, the same meta as the notebook's). The feedback is feedback_html's. */
(function () {
  "use strict";
  const P = (window.Parcours = window.Parcours || {});
  const E = (text) => P.escape(text);
  const RIGHT = "border-left:6px solid #009e73;background:#eefaf5;padding:0.4em 1em;margin:0.3em 0";
  const WRONG = "border-left:6px solid #d55e00;background:#fff4ec;padding:0.4em 1em;margin:0.3em 0";
  let instances = 0;

  P.feedbackHtml = function (question, sourceTitle) {
    let verdict;
    let style = WRONG;
    if (question.correct) {
      verdict = "✔ Bonne réponse.";
      style = RIGHT;
    } else if (question.chosen !== null) {
      verdict = `✘ Ce n'est pas cela\u00a0: la bonne réponse est «\u00a0${question.answer_label}\u00a0».`;
    } else {
      verdict = `Sans réponse\u00a0: la bonne réponse est «\u00a0${question.answer_label}\u00a0».`;
    }
    return (
      `<div role="status" aria-live="polite" style="${style}">` +
      `<p style="margin:0"><strong>${E(verdict)}</strong></p>` +
      `<p style="margin:0.3em 0">${E(question.explanation)}</p>` +
      `<p style="margin:0;font-size:0.9em;color:#404040">Source\u00a0: ${E(sourceTitle)}</p></div>`
    );
  };

  /* QuizResult.scores and QuizResult.record_meta: what a saved quiz keeps. */
  P.quizScores = function (result) {
    return { correct: result.correct, total: result.total };
  };
  P.quizMeta = function (result) {
    return {
      module: result.module,
      answered: result.answered,
      completion: result.completion,
      partial: result.partial,
      score: result.score,
    };
  };

  /* widgets.templates.quiz.score_html: before any « Valider », while validating, at the end. */
  P.quizScoreHtml = function (total, done, correct, result) {
    if (result) {
      const skipped = result.total - result.answered;
      const note = skipped ? ` (${skipped} sans réponse)` : "";
      const words = P.pluralWord(result.correct, "bonne réponse", "bonnes réponses");
      return (
        `<p role="status" style="font-size:1.3em"><strong>Score\u00a0: ${result.correct} / ${result.total}</strong> ` +
        `${words}${note}</p>`
      );
    }
    if (!done) return `<p>${total} ${P.pluralWord(total, "question")}. Validez chaque réponse pour la corriger.</p>`;
    const validated = P.pluralWord(done, "question validée", "questions validées");
    return `<p role="status">${correct} / ${done}\u00a0: bonnes réponses parmi les ${done} ${validated} (sur ${total}).</p>`;
  };

  P.mountQuiz = function (element) {
    const course = P.data().course;
    const bank = course.banks[element.dataset.bank];
    const sources = course.sources || {};
    const prefix = `quiz${++instances}`;
    const total = bank.items.length;
    const blocks = bank.items
      .map((item, index) => {
        const options = item.options
          .map(
            (option) =>
              `<label class="choix"><input type="radio" name="${prefix}-${item.id}" value="${E(option.id)}"> ${E(option.label)}</label>`
          )
          .join("");
        return (
          `<div class="question-quiz" data-item="${E(item.id)}"><h4>Question ${index + 1} sur ${total}</h4>` +
          `<fieldset><legend><strong>${E(item.question)}</strong></legend>${options}</fieldset>` +
          `<button type="button" data-action="validate" disabled>Valider</button>` +
          `<div class="feedback" tabindex="-1"></div></div>`
        );
      })
      .join("");
    element.innerHTML =
      `<h3>${E(bank.title)}</h3><p>${E(bank.description)}</p>${blocks}` +
      `<div class="boutons"><button type="button" class="primaire" data-action="finish">Terminer le quiz</button>` +
      `<button type="button" data-action="restart" disabled>Recommencer le quiz</button></div>` +
      `<div class="score"></div><div class="save-notice"></div>`;

    const state = { validated: new Set(), result: null };
    const block = (id) => element.querySelector(`.question-quiz[data-item="${id}"]`);
    const answers = () => {
      const given = [];
      for (const item of bank.items) {
        const checked = block(item.id).querySelector("input:checked");
        if (checked) given.push([item.id, checked.value]);
      }
      return given;
    };
    const show = (question) => {
      const holder = block(question.item_id);
      holder.querySelector(".feedback").innerHTML = P.feedbackHtml(question, sources[question.source] || question.source);
      holder.querySelectorAll("input").forEach((input) => (input.disabled = true));
      holder.querySelector("[data-action=validate]").disabled = true;
    };
    const score = element.querySelector(".score");
    const notice = element.querySelector(".save-notice");

    function updateScore() {
      const done = state.validated.size;
      let correct = 0;
      if (!state.result && done) {
        correct = P.scoreQuiz(bank, answers().filter(([id]) => state.validated.has(id))).correct;
      }
      score.innerHTML = P.quizScoreHtml(total, done, correct, state.result);
    }

    function submit() {
      const given = answers();
      const result = P.scoreQuiz(bank, given);
      for (const question of result.questions) if (!state.validated.has(question.item_id)) show(question);
      bank.items.forEach((item) => state.validated.add(item.id));
      state.result = result;
      const record = P.newRecord(bank, "quiz", Object.fromEntries(given), P.quizScores(result), P.quizMeta(result));
      const kept = P.saveResult(record);
      notice.innerHTML = kept
        ? P.notice(`Résultat enregistré le ${P.dateTimeFr(new Date())} dans ce navigateur.`, true)
        : P.notice("Ce navigateur ne garde pas les résultats des pages ouvertes depuis un fichier\u00a0: exportez-les depuis «\u00a0Mes résultats\u00a0» avant de fermer la page.", false);
      updateScore();
      element.querySelector("[data-action=finish]").disabled = true;
      element.querySelector("[data-action=restart]").disabled = false;
      element.dispatchEvent(new CustomEvent("parcours:saved", { bubbles: true, detail: record }));
    }

    element.addEventListener("change", (event) => {
      const holder = event.target.closest(".question-quiz");
      if (holder) holder.querySelector("[data-action=validate]").disabled = false;
    });
    element.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-action]");
      if (!button) return;
      const action = button.dataset.action;
      if (action === "validate") {
        const id = button.closest(".question-quiz").dataset.item;
        const question = P.scoreQuiz(bank, answers()).questions.find((q) => q.item_id === id);
        show(question);
        state.validated.add(id);
        updateScore();
        if (state.validated.size === total) submit();
        // « Valider » is now disabled: keep the focus where the answer is, not at the page's top.
        button.closest(".question-quiz").querySelector(".feedback").focus();
      } else if (action === "finish") {
        if (!answers().length) {
          notice.innerHTML = P.notice("Choisissez au moins une réponse avant de terminer le quiz.", false);
          return;
        }
        submit();
      } else if (action === "restart") {
        state.validated.clear();
        state.result = null;
        element.querySelectorAll(".question-quiz").forEach((holder) => {
          holder.querySelectorAll("input").forEach((input) => {
            input.disabled = false;
            input.checked = false;
          });
          holder.querySelector(".feedback").innerHTML = "";
          holder.querySelector("[data-action=validate]").disabled = true;
        });
        element.querySelector("[data-action=finish]").disabled = false;
        button.disabled = true;
        notice.innerHTML = "";
        updateScore();
      }
    });
    updateScore();
  };
})();
