/* Pacing on the participant's phone: one question at a time, the facilitator's; after a quiz
   question's reveal, whether this phone was right, the explanation and the source; at the end
   the score and « Merci ! » with « Garder mes réponses ».
   Kept apart from participant.js (which draws the questions and sends the answers): it only
   shows, hides and annotates the questions that page drew, from the session's events
   (paced, current, total, corrections; see widgets/room/pacing.py). */
(function () {
  "use strict";

  var NBSP = "\u00a0";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /* ``page``: {answers(): {id: value}, questions(): [{id, text, choices}], code, bank, title}. */
  function Pacing(page) {
    this.page = page;
    this.paced = false;
    this.current = 0;
    this.corrections = {};
  }

  /* Apply one event (or the fallback poll's document): which question shows, which are locked. */
  Pacing.prototype.follow = function (event) {
    if (typeof event.paced !== "boolean") { return; }
    this.paced = event.paced;
    this.current = event.current || 0;
    this.corrections = event.corrections || {};
    var sections = document.querySelectorAll("fieldset.question");
    for (var i = 0; i < sections.length; i++) {
      var section = sections[i];
      var index = Number(section.getAttribute("data-index"));
      section.hidden = this.paced && index !== this.current;
      var position = section.querySelector(".position");
      if (position) { position.hidden = !this.paced; }
      this.correct(section);
    }
    this.finish();
  };

  /* Whether the room's results of ``question`` may show on this phone now. */
  Pacing.prototype.shows = function (question) {
    if (!this.paced) { return true; }
    var ids = this.page.questions().map(function (q) { return q.id; });
    if (ids.indexOf(question.id) !== this.current) { return false; }
    return question.visible !== "answered" || question.id in this.page.answers();
  };

  Pacing.prototype.correct = function (section) {
    var id = section.getAttribute("data-id");
    var correction = this.corrections[id];
    var box = section.querySelector(".correction");
    if (!correction) { if (box) { box.remove(); } return; }
    var inputs = section.querySelectorAll("input");
    for (var i = 0; i < inputs.length; i++) { inputs[i].disabled = true; }  /* locked by the server too */
    if (box) { return; }
    var mine = this.page.answers()[id];
    var question = this.page.questions().filter(function (q) { return q.id === id; })[0];
    var right = question ? question.choices.filter(function (c) { return c.value === correction.answer; })[0] : null;
    box = el("div", "correction");
    box.setAttribute("role", "status");
    var verdict;
    if (mine === undefined) { verdict = "Vous n'avez pas répondu. "; box.className += " missed"; }
    else if (mine === correction.answer) { verdict = "Bonne réponse" + NBSP + "! "; box.className += " right"; }
    else { verdict = "Pas tout à fait. "; box.className += " wrong"; }
    var first = el("p", "verdict", verdict);
    if (right && mine !== correction.answer) { first.appendChild(el("span", null, "La bonne réponse" + NBSP + ": " + right.label + ".")); }
    box.appendChild(first);
    box.appendChild(el("p", null, correction.explanation));
    box.appendChild(el("p", "source", "Source" + NBSP + ": " + correction.source));
    section.appendChild(box);
  };

  /* Every question answered: « Merci ! », the score once every quiz question is corrected,
     and the participant's own answers to keep (made here, from what this phone sent). */
  Pacing.prototype.finish = function () {
    var thanks = document.getElementById("thanks");
    if (!thanks) { return; }
    var questions = this.page.questions();
    var answers = this.page.answers();
    /* The audience's questions are asked and voted for, never « answered ». */
    var asked = questions.filter(function (q) { return q.type !== "questions"; });
    var all = asked.length > 0 && asked.every(function (q) { return q.id in answers; });
    thanks.hidden = !(this.paced && all);
    if (thanks.hidden) { return; }
    /* The quiz questions (all of a quiz's, a poll's with a right answer), once all corrected. */
    var graded = questions.filter(function (q) { return q.graded; });
    var corrections = this.corrections;
    var score = document.getElementById("score");
    var quiz = graded.length > 0 && graded.every(function (q) { return q.id in corrections; });
    score.hidden = !quiz;
    if (quiz) {
      var right = graded.filter(function (q) { return answers[q.id] === corrections[q.id].answer; }).length;
      score.textContent = "Votre score" + NBSP + ": " + right + NBSP + "sur" + NBSP + graded.length +
        " (" + Math.round(100 * right / graded.length) + "\u202f%).";
    }
  };

  Pacing.prototype.keep = function () {
    var page = this.page;
    var answers = page.answers();
    var corrections = this.corrections;
    var kept = {
      format: "parcours-mes-reponses",
      session: page.code,
      bank: page.bank(),
      title: page.title(),
      saved_at: new Date().toISOString(),
      answers: page.questions().filter(function (q) { return q.id in answers; }).map(function (q) {
        var chosen = q.choices.filter(function (c) { return c.value === answers[q.id]; })[0];
        var entry = { question: q.text, answer: chosen ? chosen.label : answers[q.id] };
        if (corrections[q.id]) { entry.right = answers[q.id] === corrections[q.id].answer; }
        return entry;
      })
    };
    return { filename: "mes-reponses-" + page.code + ".json", document: kept };
  };

  window.ParcoursPacing = Pacing;
})();
