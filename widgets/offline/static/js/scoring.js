/* Scoring, line for line as widgets/scoring/diagnostic.py and quiz.py do it.
 *
 * Read those two files first: every rule here is theirs, in the same order.
 * - Axis score = (sum of (value − scale min)) × 100 / (answered × (max − min)): one division
 *   of integers, so 2 of 0–5 gives exactly 40, and the same double as Python.
 * - A reverse item counts min + max − value. Unanswered items do not count; an axis without
 *   answers has score null (never 0) and no stage, no recommendation.
 * - Stage: the last stage whose min the score reaches (a score at a threshold is in).
 * - A recommendation applies when score < below. A warning when every « all » condition and,
 *   if any are given, one « any » condition hold; bounds are inclusive and an axis without
 *   score satisfies no condition.
 * - overall = mean of the axis scores that exist; completion = answered / total.
 * Invalid answers are refused with the Python codes (unknown-item, out-of-scale,
 * unknown-option), every one listed, nothing dropped or clipped.
 *
 * Answers may be an object or a list of [item id, value] pairs (a list keeps the order of
 * ids that look like numbers, which objects reorder).
 */
(function () {
  "use strict";
  const P = (window.Parcours = window.Parcours || {});

  class ScoringError extends Error {
    constructor(problems) {
      super(problems.map((p) => `${p.code} ${p.item}`).join("; "));
      this.problems = problems;
    }
  }
  P.ScoringError = ScoringError;

  const entries = (answers) => (Array.isArray(answers) ? answers : Object.entries(answers || {}));

  /* Python's str() of a value, for the « trouvé » of a problem. */
  function shown(value) {
    if (value === true) return "True";
    if (value === false) return "False";
    if (value === null || value === undefined) return "None";
    if (typeof value === "number" && Number.isInteger(value) && !Object.is(value, -0)) return String(value);
    if (typeof value === "number") {
      if (Number.isInteger(value)) return value.toFixed(1);
      return String(value);
    }
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  /* widgets.scoring.diagnostic._as_int: ints and integral floats, never booleans or text.
   * JSON cannot tell 2 from 2.0, and Python accepts both: so does this. */
  function asInt(raw) {
    if (typeof raw !== "number" || !Number.isFinite(raw) || !Number.isInteger(raw)) return null;
    return raw;
  }

  function checkedAnswers(bank, answers, origin) {
    const known = new Set(bank.items.map((item) => item.id));
    const allowed = new Set(bank.scale.map((level) => level.value));
    const expected = bank.scale.map((level) => String(level.value)).join(", ");
    const values = new Map();
    const problems = [];
    for (const [itemId, raw] of entries(answers)) {
      if (!known.has(itemId)) {
        problems.push({ file: origin, code: "unknown-item", item: String(itemId), value: shown(raw) });
        continue;
      }
      if (raw === null || raw === undefined) continue;
      const value = asInt(raw);
      if (value === null || !allowed.has(value)) {
        problems.push({
          file: origin,
          code: "out-of-scale",
          item: itemId,
          expected: `une valeur parmi ${expected}`,
          value: shown(raw),
        });
        continue;
      }
      values.set(itemId, value);
    }
    if (problems.length) throw new ScoringError(problems);
    return values;
  }

  P.stageFor = function (stages, score) {
    if (score === null || score === undefined) return null;
    let label = null;
    for (const stage of stages) {
      if (score >= stage.min) label = stage.label;
    }
    return label;
  };

  function conditionHolds(condition, scores) {
    const score = scores.has(condition.axis) ? scores.get(condition.axis) : null;
    if (score === null) return false;
    if (condition.min !== null && condition.min !== undefined && score < condition.min) return false;
    return condition.max === null || condition.max === undefined || score <= condition.max;
  }

  P.scoreDiagnostic = function (bank, answers, origin) {
    const values = checkedAnswers(bank, answers, origin || `réponses/${bank.id}`);
    const low = bank.scale[0].value;
    const high = bank.scale[bank.scale.length - 1].value;
    const span = high - low;
    const sums = new Map();
    const answered = new Map();
    const totals = new Map();
    for (const axis of bank.axes) {
      sums.set(axis.id, 0);
      answered.set(axis.id, 0);
      totals.set(axis.id, 0);
    }
    for (const item of bank.items) {
      totals.set(item.axis, totals.get(item.axis) + 1);
      if (!values.has(item.id)) continue;
      let value = values.get(item.id);
      if (item.reverse) value = low + high - value;
      sums.set(item.axis, sums.get(item.axis) + (value - low));
      answered.set(item.axis, answered.get(item.axis) + 1);
    }
    const axes = [];
    const scores = new Map();
    for (const axis of bank.axes) {
      const count = answered.get(axis.id);
      const score = count ? (sums.get(axis.id) * 100) / (count * span) : null;
      scores.set(axis.id, score);
      const recommendations = (bank.recommendations[axis.id] || [])
        .filter((rec) => score !== null && score < rec.below)
        .map((rec) => ({ axis: axis.id, modules: rec.modules.slice(), text: rec.text }));
      const stages = bank.stages[axis.id] && bank.stages[axis.id].length ? bank.stages[axis.id] : bank.stages.default;
      axes.push({
        axis: axis.id,
        label: axis.label,
        score,
        answered: count,
        total: totals.get(axis.id),
        stage: P.stageFor(stages, score),
        recommendations,
      });
    }
    const present = Array.from(scores.values()).filter((score) => score !== null);
    const totalAnswered = Array.from(answered.values()).reduce((a, b) => a + b, 0);
    const total = bank.items.length;
    const recommendations = axes.flatMap((axis) => axis.recommendations);
    const modules = Array.from(new Set(recommendations.flatMap((rec) => rec.modules))).sort((a, b) => a - b);
    const warnings = bank.warnings
      .filter(
        (rule) =>
          rule.all_of.every((c) => conditionHolds(c, scores)) &&
          (!rule.any_of.length || rule.any_of.some((c) => conditionHolds(c, scores)))
      )
      .map((rule) => ({ id: rule.id, text: rule.text, source: rule.source === undefined ? null : rule.source }));
    return {
      bank_id: bank.id,
      bank_version: bank.version,
      axes,
      overall: present.length ? present.reduce((a, b) => a + b, 0) / present.length : null,
      answered: totalAnswered,
      total,
      completion: totalAnswered / total,
      partial: totalAnswered < total,
      warnings,
      recommendations,
      modules,
    };
  };

  /* The Python result's .scores: axis id → score, in the bank's axis order. */
  P.axisScores = function (result) {
    const scores = {};
    for (const axis of result.axes) scores[axis.axis] = axis.score;
    return scores;
  };

  P.scoreQuiz = function (bank, answers, origin) {
    const where = origin || `réponses/${bank.id}`;
    const items = new Map(bank.items.map((item) => [item.id, item]));
    const given = new Map();
    const problems = [];
    for (const [itemId, chosen] of entries(answers)) {
      const item = items.get(itemId);
      if (item === undefined) {
        problems.push({ file: where, code: "unknown-item", item: String(itemId), value: shown(chosen) });
      } else if (
        chosen !== null &&
        chosen !== undefined &&
        (typeof chosen !== "string" || !item.options.some((option) => option.id === chosen))
      ) {
        problems.push({
          file: where,
          code: "unknown-option",
          item: itemId,
          expected: item.options.map((option) => option.id).join(", "),
          value: shown(chosen),
        });
      }
      given.set(itemId, chosen === undefined ? null : chosen);
    }
    if (problems.length) throw new ScoringError(problems);
    const questions = bank.items.map((item) => {
      const labels = new Map(item.options.map((option) => [option.id, option.label]));
      const chosen = given.has(item.id) ? given.get(item.id) : null;
      return {
        item_id: item.id,
        question: item.question,
        chosen,
        chosen_label: chosen !== null ? (labels.has(chosen) ? labels.get(chosen) : null) : null,
        answer: item.answer,
        answer_label: labels.get(item.answer),
        correct: chosen === item.answer,
        explanation: item.explanation,
        source: item.source,
      };
    });
    const correct = questions.filter((q) => q.correct).length;
    const answered = questions.filter((q) => q.chosen !== null).length;
    const total = questions.length;
    return {
      bank_id: bank.id,
      bank_version: bank.version,
      module: bank.module === undefined ? null : bank.module,
      questions,
      correct,
      answered,
      total,
      score: (correct * 100) / total,
      completion: answered / total,
      partial: answered < total,
    };
  };
})();
