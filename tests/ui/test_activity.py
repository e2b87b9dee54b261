"""The binôme activities (data/activities.yaml): levels and notes saved like a quiz's result."""

from __future__ import annotations

import html

import pytest

from widgets import course
from widgets.activities import (
    activity_answers,
    activity_meta,
    activity_summary,
    load_activities,
)
from widgets.plan import MODULES
from widgets.storage import ResultStore, export_csv, export_json, import_csv, import_json
from widgets.templates.results import record_summary
from widgets.ui.activity import NOTHING_TO_SAVE_FR, ActivityWidget
from widgets.ui.results import ResultsPanel

from .conftest import PSEUDONYM

FOUR_DIMENSIONS = load_activities()["activite_quatre_dimensions"]


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
    # The note of « solutions » and the level of « dispositif » make two dimensions answered.
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
        (
            {"placed": 3, "total": 4, "unit": ["métier renseigné", "métiers renseignés"]},
            "3\u00a0métiers renseignés sur 4",
        ),
        ({"actors": 1, "links": 2}, "1\u00a0acteur, 2\u00a0liens"),
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


def test_every_module_but_the_actors_map_has_its_own_activity() -> None:
    """One activity per module (the actors map serves module 5), each naming a shipped source."""
    activities = load_activities()
    modules = sorted(a.module for a in activities.values())
    assert modules == [m for m in range(len(MODULES)) if m != 5]
    for activity in activities.values():
        assert activity.source.endswith(".txt") and activity.dimensions


@pytest.mark.parametrize("activity_id", sorted(load_activities()))
def test_each_activity_saves_a_choice_and_a_sentence(activity_id: str, store: ResultStore) -> None:
    activity = load_activities()[activity_id]
    form = ActivityWidget(activity, store=store, pseudonym=PSEUDONYM)
    first = activity.dimensions[0]
    if activity.scale(first):
        form.levels[first.id].value = len(activity.scale(first)) - 1
    form.notes[first.id].value = "Une phrase."
    saved = form.save()
    assert saved is not None and saved.bank_id == activity_id
    assert saved.meta["placed"] == 1 and saved.meta["total"] == len(activity.dimensions)
    assert record_summary(saved, None).startswith("1\u00a0")


def test_a_sentence_only_item_has_no_choices(store: ResultStore) -> None:
    activity = load_activities()["activite_radar_region"]
    form = ActivityWidget(activity, store=store, pseudonym=PSEUDONYM)
    assert "fragilite_percue" not in form.levels and "ecart" in form.levels
    with pytest.raises(ValueError):
        activity_answers(activity, {"fragilite_percue": 0}, {})


def test_a_broken_activities_file_names_the_activity_and_field(tmp_path) -> None:
    from widgets.errors import DataError

    (tmp_path / "activities.yaml").write_text(
        "activities:\n  - id: a\n    module: deux\n", encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_activities(tmp_path)
    found = {(p.file, p.code, p.item) for p in caught.value.problems}
    assert ("activities.yaml", "invalid-field", "a.module") in found
    assert ("activities.yaml", "missing-field", "a.items") in found


def test_an_activity_can_suggest_its_own_sentence(store: ResultStore) -> None:
    activity = load_activities()["activite_leviers_missions"]
    form = ActivityWidget(activity, store=store, pseudonym=PSEUDONYM)
    assert form.notes["accompagnements"].placeholder == activity.placeholder != ""
