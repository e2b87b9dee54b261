"""The actors map form: keyboard controls only, saved like a quiz, back in module 6."""

from __future__ import annotations

from widgets import course
from widgets.storage import ResultStore
from widgets.ui.actors import NOTHING_TO_SAVE_FR, ActorsMapWidget
from widgets.ui.results import record_summary

from .conftest import PSEUDONYM


def test_adding_linking_saving_and_finding_the_map_again(store: ResultStore) -> None:
    form = ActorsMapWidget(store=store, pseudonym=PSEUDONYM)
    assert form.save() is None and NOTHING_TO_SAVE_FR in form.save_notice.value.replace(
        "&#x27;", "'"
    )
    for name, profile in [("Mairie", 0), ("Épicerie solidaire", 2)]:
        form.name.value, form.profile.value = name, profile
        form.add_button.click()
    form.name.value = "mairie"
    form.add_button.click()
    assert "Donnez un nom" in form.feedback.value and len(form.map.actors) == 2
    form.first.value, form.second.value = 0, 1
    form.link_button.click()
    assert form.drawing.value.count("<path") == 1
    form.note.value = "Au forum des associations."
    form.save_button.click()
    (saved,) = store.history(PSEUDONYM)
    assert saved.kind == "activity" and saved.bank_id == "carte_des_acteurs"
    assert record_summary(saved, None) == "2\u00a0acteurs, 1\u00a0lien"
    again = ActorsMapWidget(store=store, pseudonym=PSEUDONYM)
    assert again.map == form.map.__class__(
        form.map.actors, form.map.links, "Au forum des associations."
    )


def test_the_facade_gives_the_map(store: ResultStore) -> None:
    assert isinstance(course.activity("carte_des_acteurs"), ActorsMapWidget)
