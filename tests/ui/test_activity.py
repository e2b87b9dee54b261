"""The binôme activity of module 3: placed levels and notes saved like a quiz's result."""

from __future__ import annotations

import html

import pytest

from widgets import course
from widgets.activities import FOUR_DIMENSIONS, activity_answers, activity_meta, activity_summary
from widgets.storage import ResultStore, export_csv, export_json, import_csv, import_json
from widgets.templates.results import record_summary
from widgets.ui.activity import NOTHING_TO_SAVE_FR, ActivityWidget
from widgets.ui.results import ResultsPanel

from .conftest import PSEUDONYM


@pytest.fixture
def form(store: ResultStore) -> ActivityWidget:
    return ActivityWidget(FOUR_DIMENSIONS, store=store, pseudonym=PSEUDONYM)


def test_the_form_shows_the_four_questions_with_nothing_placed(form: ActivityWidget) -> None:
    assert list(form.levels) == ["solutions", "chaine_de_valeur", "modele_economique", "dispositif"]
    assert all(control.value is None for control in form.levels.values())
    shown = html.unescape(form.children[1].children[0].value)
    assert "Dimension 1 sur 4\u00a0: Solutions" in shown
    assert "ingénierie adaptée à la co-construction en territoire\u00a0?" in shown
    assert form.answers() == {}


def test_an_empty_form_is_not_saved(form: ActivityWidget, store: ResultStore) -> None:
    assert form.save() is None
    assert NOTHING_TO_SAVE_FR in html.unescape(form.save_notice.value)
    assert store.history(PSEUDONYM) == []


def test_saving_keeps_levels_and_notes_as_an_activity_record(
    form: ActivityWidget, store: ResultStore
) -> None:
    form.levels["solutions"].value = 2
    form.levels["dispositif"].value = 0
    form.notes["solutions"].value = "  Un tiers lieu ouvre en mars.  "
    form.note.value = "Travailler le modèle économique (module 7)."
    form.save_button.click()
    (saved,) = store.history(PSEUDONYM)
    assert saved.kind == "activity" and saved.bank_id == "activite_quatre_dimensions"
    assert saved.answers == {
        "solutions": 2,
        "dispositif": 0,
        "solutions_note": "Un tiers lieu ouvre en mars.",
        "note": "Travailler le modèle économique (module 7).",
    }
    assert saved.scores == {} and saved.meta == {"module": 3, "placed": 2, "total": 4}
    assert record_summary(saved, None) == "2\u00a0dimensions placées sur 4"
    assert "enregistré" in html.unescape(form.save_notice.value)
    assert import_json(export_json([saved])) == [saved]
    assert import_csv(export_csv([saved])) == [saved]


def test_the_results_list_names_the_activity(form: ActivityWidget, store: ResultStore) -> None:
    form.levels["solutions"].value = 1
    form.save()
    panel = ResultsPanel(store=store, pseudonym=PSEUDONYM)
    assert panel.title("activite_quatre_dimensions") == FOUR_DIMENSIONS.title


@pytest.mark.parametrize(
    ("meta", "said"),
    [
        ({"placed": 1, "total": 4}, "1\u00a0dimension placée sur 4"),
        ({}, "activité enregistrée"),
    ],
)
def test_summary(meta: dict[str, int], said: str) -> None:
    assert activity_summary(meta) == said


def test_answers_refuse_a_level_outside_the_scale() -> None:
    with pytest.raises(ValueError):
        activity_answers(FOUR_DIMENSIONS, {"solutions": 4}, {})
    answers = activity_answers(FOUR_DIMENSIONS, {"solutions": 3}, {"dispositif": " "}, " ")
    assert answers == {"solutions": 3}
    assert activity_meta(FOUR_DIMENSIONS, answers)["placed"] == 1


def test_the_facade_builds_the_form_or_says_what_is_wrong() -> None:
    assert isinstance(course.activity("activite_quatre_dimensions"), ActivityWidget)
    wrong = course.activity("inconnue")
    assert 'class="parcours-message"' in wrong.value
