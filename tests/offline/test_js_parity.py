"""The offline script against the Python it reproduces: same answers in, every number equal.

Answer sets go to :func:`score_diagnostic` / :func:`score_quiz` and, in Chromium, to
``Parcours.scoreDiagnostic`` / ``Parcours.scoreQuiz``; results are compared whole (scores,
stages, recommendations, warnings, completion, partial, overall, modules), then the texts and
the profile figure built from them, then the record the offline page saves.
"""

from __future__ import annotations

import dataclasses
import json
import random
from typing import Any

import pytest

from widgets.activities import activity_answers, activity_meta, activity_summary, load_activities
from widgets.banks import Bank, DiagnosticBank, QuizBank, load_banks, validate_bank
from widgets.errors import DataError
from widgets.figures.profile import profile_layout_updates, profile_trace_updates
from widgets.figures.theme import wrap_text
from widgets.french import format_number
from widgets.offline.course_data import bank_json, profile_payload
from widgets.report import axes_table_html, recommendations_html, warnings_html
from widgets.scoring.diagnostic import score_diagnostic
from widgets.scoring.quiz import score_quiz
from widgets.storage import ResultRecord, import_json
from widgets.templates.quiz import score_html
from widgets.templates.results import record_summary
from widgets.ui.quiz import feedback_html

pytestmark = pytest.mark.browser

BANKS = load_banks()

# Scale 0–4, one item per level step, so thresholds are hit exactly: 25, 50, 75.
EDGES: dict[str, Any] = {
    "schema_version": 1,
    "id": "bords",
    "version": "2",
    "kind": "diagnostic",
    "title": "Bords",
    "description": "Seuils atteints exactement ; b2 inversé ; paliers propres à c.",
    "scale": [{"value": v, "label": f"niveau {v}"} for v in range(5)],
    "axes": [
        {"id": "a", "label": "Axe A"},
        {"id": "b", "label": "Axe B"},
        {"id": "c", "label": "Axe C"},
        {"id": "d", "label": "Axe D"},
    ],
    "items": [
        {"id": "a1", "axis": "a", "statement": "A1"},
        {"id": "b1", "axis": "b", "statement": "B1"},
        {"id": "b2", "axis": "b", "statement": "B2", "reverse": True},
        {"id": "c1", "axis": "c", "statement": "C1"},
        {"id": "d1", "axis": "d", "statement": "D1"},
        {"id": "d2", "axis": "d", "statement": "D2"},
        {"id": "d3", "axis": "d", "statement": "D3"},
    ],
    "stages": {
        "default": [
            {"min": 0, "label": "Bas"},
            {"min": 25, "label": "Moyen"},
            {"min": 75, "label": "Haut"},
        ],
        "c": [{"min": 0, "label": "C bas"}, {"min": 50, "label": "C haut"}],
    },
    "recommendations": {
        "a": [
            {"below": 50, "modules": [4, 1], "text": "Revoir A."},
            {"below": 75, "modules": [1, 2], "text": "Consolider A."},
        ],
        "d": [{"below": 34, "modules": [9], "text": "Revoir D."}],
    },
    "warnings": [
        {
            "id": "a_haut_b_bas",
            "all": [{"axis": "a", "min": 75}, {"axis": "b", "max": 25}],
            "text": "A fort, B faible.",
        },
        {
            "id": "c_ou_d",
            "any": [{"axis": "c", "min": 100}, {"axis": "d", "max": 0}],
            "text": "C au maximum ou D à zéro.",
            "source": "000_x.txt",
        },
        {
            "id": "tout",
            "all": [{"axis": "a", "min": 0}],
            "any": [{"axis": "b", "min": 50, "max": 50}],
            "text": "B au milieu.",
        },
    ],
}
EDGE_BANK = validate_bank(EDGES)
assert isinstance(EDGE_BANK, DiagnosticBank)
DIAGNOSTICS = [b for b in BANKS.values() if isinstance(b, DiagnosticBank)] + [EDGE_BANK]
QUIZZES = [b for b in BANKS.values() if isinstance(b, QuizBank)]


def plain(value: Any) -> Any:
    """A result as JSON values (tuples → lists), the shape the script returns."""
    return json.loads(json.dumps(dataclasses.asdict(value)))


def answer_sets(bank: DiagnosticBank, count: int = 40) -> list[list[tuple[str, int | None]]]:
    """Edges first (nothing, all lowest, all highest, reverse items only), then random sets
    with skipped and explicitly unanswered (None) items, from a fixed seed."""
    low, high = bank.scale[0].value, bank.scale[-1].value
    values = [level.value for level in bank.scale]
    ids = [item.id for item in bank.items]
    sets: list[list[tuple[str, int | None]]] = [
        [],
        [(i, low) for i in ids],
        [(i, high) for i in ids],
        [(item.id, high) for item in bank.items if item.reverse],
        [(i, None) for i in ids],
    ]
    rng = random.Random(f"parcours-{bank.id}")
    for _ in range(count):
        chosen = rng.sample(ids, rng.randint(1, len(ids)))
        sets.append(
            [
                (i, rng.choice([*values, None]) if rng.random() < 0.2 else rng.choice(values))
                for i in chosen
            ]
        )
    return sets


def edge_sets() -> list[list[tuple[str, int | None]]]:
    """Every threshold of the edge bank reached exactly, from both sides."""
    return [
        [("a1", 3), ("b1", 1), ("b2", 3)],  # a 75 (Haut, warning), b 25 (both ends inclusive)
        [("a1", 2), ("b1", 2), ("b2", 2)],  # a 50: « below 50 » is strict; b 50 → « tout »
        [("a1", 1)],  # a 25 → Moyen, both recommendations
        [("c1", 4), ("d1", 0), ("d2", 0), ("d3", 0)],  # c 100, d 0: « any » warning with source
        [("c1", 2), ("d1", 1), ("d2", 1), ("d3", 2)],  # c 50 own stages; d 33.33 < 34
        [("b2", 0)],  # reverse item alone: 0 counts as 4
    ]


def js_diagnostic(js: Any, bank: DiagnosticBank, answers: list[Any]) -> Any:
    return js.evaluate(
        """([bank, answers]) => {
            try { return {result: Parcours.scoreDiagnostic(bank, answers)}; }
            catch (error) { return {problems: error.problems}; }
        }""",
        [bank_json(bank), answers],
    )


@pytest.mark.parametrize("bank", DIAGNOSTICS, ids=lambda b: b.id)
def test_diagnostic_scores_are_identical(js: Any, bank: DiagnosticBank) -> None:
    sets = answer_sets(bank) + (edge_sets() if bank is EDGE_BANK else [])
    results = js.evaluate(
        "([bank, sets]) => sets.map((answers) => Parcours.scoreDiagnostic(bank, answers))",
        [bank_json(bank), sets],
    )
    warned = staged = recommended = 0
    for answers, got in zip(sets, results, strict=True):
        expected = plain(score_diagnostic(bank, dict(answers)))
        assert got == expected, answers
        warned += bool(expected["warnings"])
        recommended += bool(expected["recommendations"])
        staged += sum(axis["stage"] is not None for axis in expected["axes"])
    assert staged and recommended  # the sets do reach stages and recommendations
    if bank.warnings:
        assert warned, "no answer set triggered a warning"


@pytest.mark.parametrize(
    "answers",
    [
        [("inconnue", 1)],
        [("a1", 9)],
        [("a1", True)],
        [("a1", "2")],
        [("a1", 2.5)],
        [("a1", 2), ("zz", None), ("b1", -1)],
    ],
)
def test_invalid_answers_are_refused_alike(js: Any, answers: list[Any]) -> None:
    with pytest.raises(DataError) as caught:
        score_diagnostic(EDGE_BANK, dict(answers))
    expected = [
        {k: v for k, v in problem.as_dict().items() if v is not None}
        for problem in caught.value.problems
    ]
    got = js_diagnostic(js, EDGE_BANK, answers)["problems"]
    assert got == expected


@pytest.mark.parametrize("bank", QUIZZES, ids=lambda b: b.id)
def test_quiz_scores_are_identical(js: Any, bank: QuizBank) -> None:
    rng = random.Random(f"parcours-{bank.id}")
    sets: list[list[tuple[str, str | None]]] = [[], [(i.id, i.answer) for i in bank.items]]
    for _ in range(20):
        chosen = rng.sample(bank.items, rng.randint(1, len(bank.items)))
        sets.append([(i.id, rng.choice([*(o.id for o in i.options), None])) for i in chosen])
    results = js.evaluate(
        "([bank, sets]) => sets.map((answers) => Parcours.scoreQuiz(bank, answers))",
        [bank_json(bank), sets],
    )
    for answers, got in zip(sets, results, strict=True):
        expected = plain(score_quiz(bank, dict(answers)))
        assert got == expected, answers
        for question in score_quiz(bank, dict(answers)).questions:
            text = js.evaluate(
                "([q, t]) => Parcours.feedbackHtml(q, t)", [plain(question), "Titre « x »"]
            )
            assert text == feedback_html(question, "Titre « x »")


def quiz_sets(bank: QuizBank) -> list[list[tuple[str, str | None]]]:
    """Nothing, all right, all skipped, then random sets with skipped questions."""
    rng = random.Random(f"parcours-meta-{bank.id}")
    sets: list[list[tuple[str, str | None]]] = [
        [],
        [(i.id, i.answer) for i in bank.items],
        [(i.id, None) for i in bank.items],
    ]
    for _ in range(10):
        chosen = rng.sample(bank.items, rng.randint(1, len(bank.items)))
        sets.append([(i.id, rng.choice([*(o.id for o in i.options), None])) for i in chosen])
    return sets


OUTSIDE_PLAN = QUIZZES[0].model_copy(update={"id": "hors_plan", "module": None})


@pytest.mark.parametrize("bank", [*QUIZZES, OUTSIDE_PLAN], ids=lambda b: b.id)
def test_quiz_records_are_identical(js: Any, bank: QuizBank) -> None:
    """The scores and meta a saved quiz keeps: the notebook's, the live room's and the offline
    script's are one shape (``QuizResult.scores`` and ``record_meta``)."""
    sets = quiz_sets(bank)
    got = js.evaluate(
        """([bank, sets]) => sets.map((answers) => {
            const r = Parcours.scoreQuiz(bank, answers);
            return [Parcours.quizScores(r), Parcours.quizMeta(r)];
        })""",
        [bank_json(bank), sets],
    )
    for answers, (scores, meta) in zip(sets, got, strict=True):
        result = score_quiz(bank, dict(answers))
        assert scores == result.scores, answers
        assert meta == result.record_meta, answers
    assert all(meta["module"] == bank.module for _, meta in got)


@pytest.mark.parametrize("bank", QUIZZES[:2], ids=lambda b: b.id)
def test_quiz_score_lines_are_identical(js: Any, bank: QuizBank) -> None:
    """The score line before any « Valider », while validating (1 then several) and at the end
    (all right, one right, with skipped questions)."""
    total = len(bank.items)
    finals = [score_quiz(bank, dict(answers)) for answers in quiz_sets(bank)]
    cases = [(total, 0, 0, None), (1, 0, 0, None), (total, 1, 0, None), (total, 2, 1, None)]
    cases += [(total, total, r.correct, r) for r in finals]
    got = js.evaluate(
        "cases => cases.map(([t, d, c, r]) => Parcours.quizScoreHtml(t, d, c, r))",
        [(t, d, c, plain(r) if r else None) for t, d, c, r in cases],
    )
    assert got == [score_html(*case) for case in cases]
    assert {r.correct for r in finals} >= {0, 1, total}


def test_activity_records_are_identical(js: Any) -> None:
    """An activity's answers and meta: ``activity_answers``/``activity_meta`` and the script."""
    activity = load_activities()["activite_quatre_dimensions"]
    ids = [d.id for d in activity.dimensions]
    cases: list[tuple[dict[str, int | None], dict[str, str], str]] = [
        ({}, {}, ""),
        (dict.fromkeys(ids, None), {}, "  "),
        ({ids[0]: 0, ids[2]: 3}, {ids[1]: " une phrase ", ids[3]: ""}, "notre note "),
        (dict.fromkeys(ids, 1), dict.fromkeys(ids, "x"), "n"),
    ]
    got = js.evaluate(
        """([activity, cases]) => cases.map(([levels, notes, note]) => {
            const answers = Parcours.activityAnswers(activity, levels, notes, note);
            const meta = Parcours.activityMeta(activity, answers);
            return [answers, meta, Parcours.activitySummary(meta)];
        })""",
        [activity.to_json(), cases],
    )
    for (levels, notes, note), (answers, meta, summary) in zip(cases, got, strict=True):
        expected = activity_answers(activity, levels, notes, note)
        assert answers == expected
        assert meta == activity_meta(activity, expected)
        assert summary == activity_summary(meta)


def test_record_summaries_are_identical(js: Any) -> None:
    """The results list's line for each kind, singular and plural, with and without its bank."""
    quiz, diagnostic = QUIZZES[0], BANKS["profil_catalyseur"]
    assert isinstance(diagnostic, DiagnosticBank)
    records: list[tuple[dict[str, Any], Bank | None]] = []
    for correct in (0, 1, 2):
        records.append(({"kind": "quiz", "scores": {"correct": correct, "total": 5}}, quiz))
    for answered in (None, 1, 12):
        scores: dict[str, float | None] = {axis.id: None for axis in diagnostic.axes}
        scores[diagnostic.axes[0].id] = 66.666
        meta = {} if answered is None else {"answered": answered, "total": 16}
        for bank in (diagnostic, None):
            records.append(({"kind": "diagnostic", "scores": scores, "meta": meta}, bank))
    for placed in (0, 1, 3):
        meta = {"placed": placed, "total": 4}
        records.append(({"kind": "activity", "meta": meta}, None))
    for count in (0, 1, 2):
        answers = {f"q{i}": "a" for i in range(count)}
        records.append(({"kind": "poll", "answers": answers}, None))
    full = [
        ResultRecord(pseudonym="moi", bank_id="b", bank_version="1", **record)
        for record, _ in records
    ]
    got = js.evaluate(
        "pairs => pairs.map(([record, bank]) => Parcours.recordSummary(record, bank))",
        [
            (
                {"kind": r.kind, "answers": r.answers, "scores": r.scores, "meta": r.meta},
                bank_json(bank) if bank else None,
            )
            for r, (_, bank) in zip(full, records, strict=True)
        ],
    )
    expected = [record_summary(r, bank) for r, (_, bank) in zip(full, records, strict=True)]
    assert got == expected


def test_quiz_refuses_unknown_options_alike(js: Any) -> None:
    bank = QUIZZES[0]
    answers = [(bank.items[0].id, "zz"), ("nope", "a"), (bank.items[1].id, 3)]
    with pytest.raises(DataError) as caught:
        score_quiz(bank, dict(answers))
    expected = [
        {k: v for k, v in p.as_dict().items() if v is not None} for p in caught.value.problems
    ]
    got = js.evaluate(
        """([bank, answers]) => { try { Parcours.scoreQuiz(bank, answers); return null; }
                                  catch (error) { return error.problems; } }""",
        [bank_json(bank), answers],
    )
    assert got == expected


GROUP_LABEL = 'Salle <a href="https://exemple.org">du 3 mars</a>'
"""A replay's title as a legend: escaped alike, never a link (issue: it became clickable)."""


@pytest.mark.parametrize("bank", DIAGNOSTICS, ids=lambda b: b.id)
def test_texts_and_profile_figure_are_identical(js: Any, bank: DiagnosticBank) -> None:
    """What the learner reads under the profile, and the profile's traces and layout."""
    titles = {"000_x.txt": "Document « zéro »"}
    sets = answer_sets(bank, count=10) + (edge_sets() if bank is EDGE_BANK else [])
    group = {axis.id: (None if n % 3 == 0 else 10.0 * n) for n, axis in enumerate(bank.axes)}
    for answers in sets:
        result = score_diagnostic(bank, dict(answers))
        got = js.evaluate(
            """([bank, profile, answers, titles, group, LABEL]) => {
                const r = Parcours.scoreDiagnostic(bank, answers);
                return {
                  html: Parcours.warningsHtml(r, titles) + Parcours.axesTableHtml(r)
                        + Parcours.recommendationsHtml(r),
                  plain: Parcours.profileUpdates(r, profile, {title: bank.title}),
                  group: Parcours.profileUpdates(r, profile,
                         {title: bank.title, group, groupLabel: LABEL}),
                  meta: Parcours.diagnosticMeta(r),
                };
            }""",
            [bank_json(bank), profile_payload(bank), answers, titles, group, GROUP_LABEL],
        )
        html = warnings_html(result, titles) + axes_table_html(result)
        assert got["html"] == html + recommendations_html(result)
        for key, overlay in (("plain", None), ("group", group)):
            label = GROUP_LABEL if overlay else None
            traces = profile_trace_updates(result, None, overlay, group_label=label)
            layout = profile_layout_updates(
                result, None, overlay, title=bank.title, group_label=label
            )
            assert got[key] == json.loads(json.dumps([traces, layout])), answers
        assert got["meta"] == result.record_meta  # what the notebooks' form saves


def test_french_numbers_are_identical(js: Any) -> None:
    values = [
        0,
        0.5,
        1.5,
        2.5,
        62.5,
        63.5,
        -0.4,
        -2.5,
        33.333333,
        66.66666,
        0.125,
        0.375,
        1234567.891,
        675000,
        7.3,
        35015,
        10.45,
        -1e-9,
        100,
    ]
    cases = [(v, d) for v in values for d in (None, 0, 1, 2)]
    got = js.evaluate("cases => cases.map(([v, d]) => Parcours.formatNumber(v, d))", cases)
    assert got == [format_number(v, d) for v, d in cases]


def test_wrapping_is_identical(js: Any) -> None:
    texts = ["", "co-construction territoriale et multi-acteurs", "a" * 40, "Mot — tiret"]
    for bank in BANKS.values():
        texts += [bank.title, bank.description]
        texts += [getattr(i, "statement", None) or getattr(i, "question", "") for i in bank.items]
    cases = [(t, w, m) for t in texts for w, m in ((18, 3), (26, 3), (70, 2), (80, None))]
    got = js.evaluate("cases => cases.map(([t, w, m]) => Parcours.wrapText(t, w, m))", cases)
    assert got == [wrap_text(t, w, m) for t, w, m in cases]


def test_saved_record_imports_in_python_with_the_same_scores(js: Any) -> None:
    bank = BANKS["maturite_co_construction"]
    assert isinstance(bank, DiagnosticBank)
    answers = [("sol_besoins", 4), ("po_operateur", 4), ("po_clair", 2), ("go_modele", 1)]
    document = js.evaluate(
        """([bank, answers]) => {
            const r = Parcours.scoreDiagnostic(bank, answers);
            const record = Parcours.newRecord(bank, "diagnostic", Object.fromEntries(answers),
                                              Parcours.axisScores(r), Parcours.diagnosticMeta(r));
            return Parcours.exportDocument([record]);
        }""",
        [bank_json(bank), answers],
    )
    (record,) = import_json(document)
    result = score_diagnostic(bank, dict(answers))
    assert record.kind == "diagnostic" and record.bank_id == bank.id
    assert record.bank_version == bank.version
    assert record.answers == dict(answers)
    assert record.scores == result.scores
    assert record.meta["stages"] == {axis.axis: axis.stage for axis in result.axes}
    assert record.meta["completion"] == result.completion


@pytest.mark.parametrize(
    ("document", "codes"),
    [
        ("", ["file-empty"]),
        ("{", ["json-error"]),
        ('{"format": "autre", "version": 1, "results": []}', ["format-error"]),
        ('{"format": "parcours-results", "version": 2, "results": []}', ["unsupported-version"]),
        ('{"format": "parcours-results", "version": 1}', ["missing-field"]),
    ],
)
def test_import_refuses_bad_files_like_python(js: Any, document: str, codes: list[str]) -> None:
    with pytest.raises(DataError) as caught:
        import_json(document, source="x.json")
    assert [p.code for p in caught.value.problems] == codes
    got = js.evaluate("t => Parcours.parseResults(t, 'x.json').problems.map(p => p.code)", document)
    assert got == codes


def test_import_locates_bad_results_like_python(js: Any) -> None:
    good = {
        "id": "3f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b",
        "pseudonym": "moi",
        "bank_id": "quiz_module_1",
        "bank_version": 1,
        "kind": "quiz",
        "created_at": "2025-03-01T09:30:00.123456+01:00",
        "answers": {"q": "a"},
        "scores": {"correct": 1, "total": 5},
    }
    broken = [
        good,
        {**good, "id": "pas-un-uuid"},
        {**good, "id": "4f2b6c1e-9a4d-4e0f-8b7a-6c5d4e3f2a1b", "kind": "autre"},
        {**good, "id": "5f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b", "created_at": "2025-03-01T09:30:00"},
        {**good, "id": "6f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b", "scores": {"x": "12"}},
        {**good, "id": "7f2b6c1e9a4d4e0f8b7a6c5d4e3f2a1b", "answers": {"q": True}},
        good,
    ]
    text = json.dumps({"format": "parcours-results", "version": 1, "results": broken})
    with pytest.raises(DataError) as caught:
        import_json(text, source="x.json")
    expected = [(p.code, p.item) for p in caught.value.problems]
    got = js.evaluate(
        "t => Parcours.parseResults(t, 'x.json').problems.map(p => [p.code, p.item])", text
    )
    assert [tuple(pair) for pair in got] == expected
    valid = json.dumps({"format": "parcours-results", "version": 1, "results": [good]})
    records = js.evaluate("t => Parcours.parseResults(t, 'x.json').records", valid)
    assert import_json(json.dumps({**json.loads(valid), "results": records})) == import_json(valid)


def test_status_box_is_identical(js: Any) -> None:
    """The status box the notebook edition shows (a template) and the one the script builds."""
    from widgets.templates.notices import status_html

    text, extra = 'Résultat « l\'autre » <enregistré> & "x"', '<a href="x">lien</a>'
    for ok in (True, False):
        got = js.evaluate("([t, ok, e]) => Parcours.notice(t, ok, e)", [text, ok, extra])
        assert got == status_html(text, ok=ok, extra=extra)


def test_markup_in_file_texts_is_escaped_alike(js: Any) -> None:
    texts = ['<a href="https://x">lien</a> R&D', "a & b ; c & d ; e & f ; g & h ; i & j ; k"]
    cases = [(t, w, m) for t in texts for w, m in ((10, 2), (80, None))]
    got = js.evaluate("cases => cases.map(([t, w, m]) => Parcours.wrapText(t, w, m))", cases)
    assert got == [wrap_text(t, w, m) for t, w, m in cases]
    assert all("<a " not in text for text in got)


def test_activity_answers_meta_and_summaries_are_identical(js: Any) -> None:
    """Every activity of data/activities.yaml and the actors map: the script makes the answers,
    meta and summary line Python makes."""
    from widgets.activities import (
        activity_answers,
        activity_meta,
        activity_summary,
        load_activities,
    )
    from widgets.actors import ActorsMap, map_answers, map_from_answers, map_meta

    for activity in load_activities().values():
        first, last = activity.dimensions[0], activity.dimensions[-1]
        levels = {first.id: len(activity.scale(first)) - 1 if activity.scale(first) else None}
        notes = {last.id: "  Une phrase.  "}
        answers = activity_answers(activity, levels, notes, " Note ")
        meta = activity_meta(activity, answers)
        got = js.evaluate(
            """([a, levels, notes]) => {
                const answers = Parcours.activityAnswers(a, levels, notes, " Note ");
                const meta = Parcours.activityMeta(a, answers);
                return [answers, meta, Parcours.activitySummary(meta)];
            }""",
            [activity.to_json(), levels, notes],
        )
        assert got == [answers, meta, activity_summary(meta)], activity.id

    actors_map = ActorsMap().add_actor("Mairie", 0).add_actor("IUT", 3).add_link(0, 1)
    answers = map_answers(actors_map)
    got = js.evaluate(
        """(answers) => {
            const map = Parcours.actorsFromAnswers(answers);
            const meta = Parcours.actorsMeta(map, 5);
            return [Parcours.actorsAnswers(map), meta, Parcours.activitySummary(meta)];
        }""",
        answers,
    )
    meta = map_meta(map_from_answers(answers))
    assert got == [answers, meta, activity_summary(meta)]


def test_actors_map_drawing_is_identical(js: Any) -> None:
    """The offline drawing's boxes and curves are where the notebook's are."""
    from widgets.actors import ActorsMap, actors_map_json, layout, map_answers

    actors_map = (
        ActorsMap()
        .add_actor("Mairie", 0)
        .add_actor("Métropole", 0)
        .add_actor("IUT", 3)
        .add_actor("Épicerie", 2)
        .add_link(0, 2)
        .add_link(0, 1)
        .add_link(3, 2)
    )
    drawn = js.evaluate(
        """([answers, definition]) => {
            const host = document.createElement("div");
            host.innerHTML = Parcours.actorsSvg(Parcours.actorsFromAnswers(answers), definition);
            const svg = host.querySelector("svg");
            return {
                viewBox: svg.getAttribute("viewBox"),
                rects: [...svg.querySelectorAll("rect")].map(
                    (r) => [+r.getAttribute("x"), +r.getAttribute("y")]),
                paths: [...svg.querySelectorAll("path")].map((p) => p.getAttribute("d")),
            };
        }""",
        [map_answers(actors_map), actors_map_json()],
    )
    expected = layout(actors_map)
    assert drawn["viewBox"] == f"0 0 {expected['width']} {expected['height']}"
    assert drawn["rects"] == [[box["x"], box["y"]] for box in expected["boxes"]]
    assert drawn["paths"] == [line["d"] for line in expected["lines"]]
