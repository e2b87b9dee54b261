"""The self-diagnostic form, clicked through in plain pytest: screens, profile, saving, history."""

from __future__ import annotations

import base64
import html
import re

import ipywidgets as ipw
import pytest

from widgets.banks import DiagnosticBank
from widgets.errors import DataError
from widgets.french import NBSP
from widgets.storage import ResultStore, import_json
from widgets.ui.diagnostic import DiagnosticForm

from .conftest import PSEUDONYM

DOC_003 = "003_9901828f3a127206.txt"


def answer_all(form: DiagnosticForm, value: int, count: int | None = None) -> None:
    for item in form.bank.items[:count]:
        form.set_answer(item.id, value)


def operator_profile(form: DiagnosticForm) -> None:
    """Dialogue territorial at 0, accompagnements at the top: the bank's warning holds."""
    for item in form.bank.items:
        form.set_answer(item.id, 3 if item.axis == "accompagnements" else 0)


def screen_text(form: DiagnosticForm) -> str:
    return " ".join(w.value for w in form.screen.children[0].children if isinstance(w, ipw.HTML))


def test_one_screen_per_axis_and_nothing_preselected(
    catalyst: DiagnosticBank, store: ResultStore
) -> None:
    form = DiagnosticForm(catalyst, store=store)
    assert list(form.choices) == [item.id for item in catalyst.items]
    assert all(choice.value is None for choice in form.choices.values())
    first = form.choices["dt_enjeux"]
    assert first.options == tuple((level.label, level.value) for level in catalyst.scale)
    assert first.description_allow_html is False
    assert first.tooltip == "1. Connaître les enjeux et acteurs du territoire"
    assert f"Axe 1 sur 4{NBSP}: Dialogue territorial" in screen_text(form)
    assert "0 / 16 réponses" in form.progress_text.value
    assert form.progress.max == 16
    assert form.profile_button.disabled and form.previous_button.disabled


def test_previous_and_next_move_between_axes(catalyst: DiagnosticBank, store: ResultStore) -> None:
    form = DiagnosticForm(catalyst, store=store)
    form.next_button.click()
    assert form.page == 1
    assert f"Axe 2 sur 4{NBSP}: Expérimentations collectives" in screen_text(form)
    assert not form.previous_button.disabled
    form.next_button.click()
    form.next_button.click()
    assert form.page == 3 and form.next_button.disabled
    form.page = 99  # validated: stays on the last axis
    assert form.page == 3
    form.previous_button.click()
    assert f"Axe 3 sur 4{NBSP}: Accompagnements" in screen_text(form)


def test_partial_answers_give_a_profile_that_says_so(
    catalyst: DiagnosticBank, store: ResultStore
) -> None:
    form = DiagnosticForm(catalyst, store=store)
    answer_all(form, 1, count=12)  # the « Gestion d'un lieu » axis stays unanswered
    assert form.progress.value == 12 and "12 / 16 réponses" in form.progress_text.value
    form.profile_button.click()

    assert form.result is not None and form.result.partial
    assert "Profil calculé sur 12 réponses sur 16" in form.summary.value
    assert form.summary in form.profile_box.children
    data = form.figure.to_dict()["data"]
    assert data[0]["r"] == [pytest.approx(100 / 3)] * 3 + [None, pytest.approx(100 / 3)]
    assert data[0]["theta"][3] == "Gestion d'un lieu<br>(sans réponse)"
    assert [trace["visible"] for trace in data] == [True, False, False]
    assert "Métier exercé ponctuellement" in form.details.value  # the stage per axis
    assert f"Modules à revoir{NBSP}: 0, 1, 2, 3, 4, 5, 6 et 9." in form.details.value


def test_a_profile_of_three_answers_is_saved_and_listed_as_partial(
    catalyst: DiagnosticBank, store: ResultStore
) -> None:
    """3 answers of 16: the record says partial, and the results list says « profil partiel »."""
    from widgets.ui.results import record_summary

    form = DiagnosticForm(catalyst, store=store)
    answer_all(form, 3, count=3)
    form.profile_button.click()

    (record,) = store.history(PSEUDONYM, catalyst.id)
    assert record.meta["partial"] is True
    assert (record.meta["answered"], record.meta["total"]) == (3, 16)
    assert record_summary(record, catalyst).endswith(f"(profil partiel{NBSP}: 3 réponses sur 16)")


def test_the_result_is_saved_with_scores_and_stages(
    catalyst: DiagnosticBank, store: ResultStore
) -> None:
    form = DiagnosticForm(catalyst, store=store)
    answer_all(form, 2, count=12)
    result = form.show_profile()
    assert result is not None

    (record,) = store.history(PSEUDONYM, catalyst.id)
    assert record.kind == "diagnostic" and record.id == form.record.id
    assert record.answers == {item.id: 2 for item in catalyst.items[:12]}
    assert record.scores == result.scores
    assert record.scores["gestion_lieu"] is None
    assert record.meta["stages"]["dialogue_territorial"] == "Métier exercé régulièrement"
    assert record.meta["completion"] == 0.75 and record.meta["partial"] is True
    assert "Résultat enregistré le" in form.save_notice.value


def test_same_answers_are_saved_once_and_new_answers_again(
    catalyst: DiagnosticBank, store: ResultStore
) -> None:
    form = DiagnosticForm(catalyst, store=store)
    answer_all(form, 3)
    form.profile_button.click()
    form.profile_button.click()
    assert len(store.history(PSEUDONYM, catalyst.id)) == 1
    form.set_answer("dt_enjeux", 0)
    form.profile_button.click()
    assert len(store.history(PSEUDONYM, catalyst.id)) == 2


def test_warning_and_its_source_are_highlighted(
    catalyst: DiagnosticBank, store: ResultStore
) -> None:
    titles = {DOC_003: "Le parcours d'expérience"}
    form = DiagnosticForm(catalyst, store=store, source_titles=titles)
    operator_profile(form)
    form.show_profile()
    assert [w.id for w in form.result.warnings] == ["derive_operateur"]
    shown = html.unescape(form.details.value)
    assert 'class="parcours-warning"' in shown
    assert "⚠ Point d'attention." in shown
    assert f"Source{NBSP}: Le parcours d'expérience" in shown
    assert form.record.meta["warnings"] == ["derive_operateur"]


def test_compare_with_the_previous_result(catalyst: DiagnosticBank, store: ResultStore) -> None:
    first = DiagnosticForm(catalyst, store=store)
    answer_all(first, 0)
    first.show_profile()
    assert first.compare.disabled and not first.compare.value
    assert "Pas encore de résultat précédent" in first.compare_note.value

    second = DiagnosticForm(catalyst, store=store)
    answer_all(second, 3)
    second.show_profile()
    assert not second.compare.disabled
    assert f"Résultat précédent{NBSP}:" in second.compare_note.value
    second.compare.value = True
    data = second.figure.to_dict()["data"]
    assert data[1]["visible"] is True and data[1]["r"] == [0.0] * 5
    assert data[1]["name"].startswith("Résultat du ")
    assert second.figure.to_dict()["layout"]["meta"]["earlier"] is True
    second.compare.value = False
    assert second.figure.to_dict()["data"][1]["visible"] is False


def test_group_average_overlay(catalyst: DiagnosticBank, store: ResultStore) -> None:
    form = DiagnosticForm(catalyst, store=store)
    answer_all(form, 1)
    form.show_profile()
    form.set_group({"dialogue_territorial": 50.0}, "Moyenne du groupe (8 personnes)")
    group = form.figure.to_dict()["data"][2]
    assert group["visible"] is True and group["name"] == "Moyenne du groupe (8 personnes)"
    assert group["r"] == [50.0, None, None, None, 50.0]


def test_unavailable_store_keeps_the_result_and_offers_it_for_download(
    catalyst: DiagnosticBank, broken_store: ResultStore
) -> None:
    form = DiagnosticForm(catalyst, store=broken_store)
    answer_all(form, 2)
    form.profile_button.click()  # neither the history read nor the save may raise

    assert form.result is not None and form.outcome is not None
    assert not form.outcome.stored
    assert "base de résultats indisponible" in form.save_notice.value
    match = re.search(
        r'download="([^"]+)" href="data:application/json;charset=utf-8;base64,'
        r'([^"]+)"',
        form.save_notice.value,
    )
    assert match is not None and match.group(1).endswith(".json")
    (kept,) = import_json(base64.b64decode(match.group(2)))
    assert kept == form.record
    assert form.compare.disabled  # no history to compare with, and no error either


def test_no_answer_no_profile(catalyst: DiagnosticBank, store: ResultStore) -> None:
    form = DiagnosticForm(catalyst, store=store)
    assert form.show_profile() is None
    assert "Répondez à au moins une question" in form.summary.value
    assert store.history(PSEUDONYM) == []


@pytest.mark.parametrize(
    ("item_id", "value", "code"),
    [("inconnu", 1, "unknown-item"), ("dt_enjeux", 7, "out-of-scale")],
)
def test_set_answer_refuses_what_a_click_could_not_give(
    catalyst: DiagnosticBank, store: ResultStore, item_id: str, value: int, code: str
) -> None:
    form = DiagnosticForm(catalyst, store=store)
    with pytest.raises(DataError) as caught:
        form.set_answer(item_id, value)
    assert [p.code for p in caught.value.problems] == [code]
    assert form.answers == {}


def test_a_failing_callback_does_not_raise(
    catalyst: DiagnosticBank, store: ResultStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    form = DiagnosticForm(catalyst, store=store)
    answer_all(form, 1)
    monkeypatch.setattr("widgets.ui.diagnostic.score_diagnostic", broken)
    form.profile_button.click()  # the message goes to form.output, not to the learner's cell
    assert form.result is None
