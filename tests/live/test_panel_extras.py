"""The facilitator's panel shows the room's clouds and the audience's questions (plain pytest)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from widgets.banks import Bank
from widgets.storage.live import LiveStore
from widgets.storage.live_qa import QAStore
from widgets.templates.room import audience_html, word_cloud_html
from widgets.ui.live import LiveSessionPanel


@pytest.fixture
def panel(live_store: LiveStore, banks: dict[str, Bank]) -> Iterator[LiveSessionPanel]:
    made = LiveSessionPanel(store=live_store, banks=banks, autostart=False)
    yield made
    made.stop()


def test_clouds_and_questions_beside_the_bars(
    panel: LiveSessionPanel, live_store: LiveStore
) -> None:
    qa = QAStore(live_store)
    session = panel.create("sondage_questions_salle")
    live_store.save_answers(
        session.id, "a", {"partenaires": ["associations"], "evocation": "Économie"}
    )
    live_store.save_answers(session.id, "b", {"evocation": "l'économie <i>locale</i>"})
    first = qa.ask(session.id, "questions_salle", "a", "Comment financer ?")
    second = qa.ask(session.id, "questions_salle", "b", "Qui <b>anime</b> ?")
    assert first is not None and second is not None
    qa.vote(session.id, second.id, "a")
    qa.hide_word(session.id, "locale")
    panel.reveal()
    assert panel.figure is not None and list(panel.figure.data[0].x) == [0, 0, 1, 0, 0]
    html = panel.extras.widget.value
    assert panel.extras.widget in panel.results_box.children
    assert 'data-count="2"' in html and "Économie" not in html and "économie" in html
    assert "locale" not in html and "<i>" not in html
    assert html.index("Qui &lt;b&gt;anime&lt;/b&gt; ?") < html.index("Comment financer ?")
    # A vote changes no answer count: the panel still sees it at its next read.
    qa.vote(session.id, first.id, "b")
    qa.vote(session.id, first.id, "c")
    panel.refresh()
    html = panel.extras.widget.value
    assert html.index("Comment financer ?") < html.index("Qui &lt;b&gt;anime")
    assert "2\u00a0votes" in html
    export = panel.extras.read(panel._require())
    assert export[0] == ["locale"]


def test_presenters_escape_and_size() -> None:
    html = word_cloud_html("q", "Mots ?", [("<script>", 4), ("réseau", 1)], 4)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "font-size:3.00em" in html and "font-size:1.50em" in html
    assert "4\u00a0réponses" in html
    assert "Aucune question" in audience_html("q", "Vos questions ?", [])


def test_the_facilitator_hides_a_word_and_marks_questions_from_the_panel(
    panel: LiveSessionPanel, live_store: LiveStore
) -> None:
    qa = QAStore(live_store)
    session = panel.create("sondage_questions_salle")
    moderation = panel.extras.moderation
    assert moderation is not None and moderation.layout.display is None
    moderation.word.value = "L'Économie"  # before anyone answered: hidden when it comes
    moderation.hide_word.click()
    assert qa.hidden_words(session.id) == ["économie"] and "économie" in moderation.hidden.value
    asked = qa.ask(session.id, "questions_salle", "a", "Comment financer ?")
    assert asked is not None
    moderation.reload.click()
    assert moderation.question.options == (("Comment financer ? (0)", asked.id),)
    later = qa.ask(session.id, "questions_salle", "b", "Qui anime ?")
    assert later is not None
    moderation.reload.click()
    moderation.question.value = later.id
    qa.vote(session.id, later.id, "c")  # a vote arrives: the choice stays, its count shows
    moderation.reload.click()
    assert moderation.question.value == later.id
    assert moderation.question.options[1] == ("Qui anime ? (1)", later.id)
    qa.mark(session.id, later.id, hidden=True)
    moderation.question.value = asked.id
    moderation.answered.click()
    assert qa.questions(session.id)[0].answered
    moderation.hide_question.click()
    assert qa.questions(session.id)[0].hidden and moderation.question.options == ()
    live_store.save_answers(session.id, "b", {"evocation": "économie et confiance"})
    panel.reveal()
    assert "confiance" in panel.extras.widget.value
    assert "économie" not in panel.extras.widget.value.replace("Masqués", "")


def test_a_bank_without_clouds_or_questions_shows_no_moderation(panel: LiveSessionPanel) -> None:
    panel.create("sondage_ouverture")
    assert panel.extras.moderation is not None
    assert panel.extras.moderation.layout.display == "none"
