"""The word cloud respects French: accents, case, elisions, stop words, plurals, hidden words."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from widgets.room.words import (
    MAX_CHARS,
    MAX_WORDS,
    STOP_WORDS,
    answer_fits,
    clean_answer,
    word_cloud,
    word_key,
    words_of,
)


def cloud(answers: Iterable[str], hidden: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    return [(w.word, w.count) for w in word_cloud(answers, hidden)]


def test_case_is_one_word_shown_with_its_accent() -> None:
    assert cloud(["Économie", "économie", "économie sociale"]) == [
        ("économie", 3),
        ("sociale", 1),
    ]


def test_the_most_written_form_is_shown() -> None:
    assert cloud(["Europe", "Europe", "europe"]) == [("Europe", 3)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("l'alliance", ["alliance"]),
        ("L’Alliance des acteurs", ["Alliance", "acteurs"]),
        ("d'acteurs", ["acteurs"]),
        ("qu'il vienne", ["vienne"]),
        ("jusqu’au bout", ["bout"]),
        ("aujourd'hui", ["aujourd'hui"]),
        ("co-construction", ["co-construction"]),
        ("de la confiance", ["confiance"]),
        ("l' de", []),
        ("2030 ! ?", []),
    ],
)
def test_elisions_and_stop_words(text: str, words: list[str]) -> None:
    assert words_of(text) == words


def test_plural_joins_its_singular_only_when_the_singular_is_written() -> None:
    assert cloud(["acteurs", "acteur", "réseaux", "réseau"]) == [("acteur", 2), ("réseau", 2)]
    assert cloud(["moyens", "moyens"]) == [("moyens", 2)]  # « moyen » never written: kept


def test_an_answer_counts_a_word_once() -> None:
    assert cloud(["confiance, confiance", "réseau réseaux"]) == [("confiance", 1), ("réseau", 1)]


def test_hidden_words_and_their_forms_never_show() -> None:
    answers = ["Économie", "économies", "confiance"]
    assert cloud(answers, ("ÉCONOMIE",)) == [("confiance", 1)]
    assert cloud(answers, ("l'économies",)) == [("confiance", 1)]
    assert word_key("L’Économie") == "économie"


def test_answers_may_come_as_a_generator() -> None:
    assert cloud(a for a in ["Économie", "économie"]) == [("économie", 2)]


def test_order_is_by_count_then_alphabetical() -> None:
    assert [w for w, _ in cloud(["zèle", "avenir", "zèle"])] == ["zèle", "avenir"]


def test_answers_are_tidied_and_bounded() -> None:
    assert clean_answer("  Économie\u00a0\tsociale\n ") == "Économie sociale"
    assert clean_answer("e\u0301conomie") == "économie"  # NFC
    assert answer_fits("un deux trois quatre cinq")
    assert not answer_fits("un deux trois quatre cinq six")
    assert not answer_fits("x" * (MAX_CHARS + 1)) and not answer_fits("")
    assert MAX_WORDS == 5


# -- properties -------------------------------------------------------------------------------

FRENCH = st.text(
    alphabet=st.sampled_from(list("aàâbcçdeéèêëfghiîïjklmnoôpqrstuùûvwxyzœ'’- ,.!?ÉÈÀÇ")),
    max_size=MAX_CHARS,
)
ANSWERS = st.lists(FRENCH, max_size=12)


@settings(max_examples=200, deadline=None)
@given(ANSWERS)
def test_case_never_splits_a_word(answers: list[str]) -> None:
    """Upper-casing some answers changes no count (only, perhaps, the form shown)."""
    changed = [a.upper() if i % 2 else a for i, a in enumerate(answers)]
    assert [(w.key, w.count) for w in word_cloud(changed)] == [
        (w.key, w.count) for w in word_cloud(answers)
    ]


@settings(max_examples=200, deadline=None)
@given(ANSWERS)
def test_no_stop_word_no_elided_article_and_counts_bounded(answers: list[str]) -> None:
    words = word_cloud(answers)
    for word in words:
        assert word.key not in STOP_WORDS
        assert word.word.casefold() not in STOP_WORDS
        assert len(word.word) >= 2 and word.word[:2].casefold() != "l'"
        assert 1 <= word.count <= len(answers)
        assert word_key(word.word) == word.key or word.key.startswith(word_key(word.word)[:-1])
    assert len({w.key for w in words}) == len(words)


@settings(max_examples=200, deadline=None)
@given(ANSWERS, st.permutations(list(range(12))))
def test_order_of_answers_does_not_matter(answers: list[str], order: list[int]) -> None:
    shuffled = [answers[i] for i in order if i < len(answers)]
    assert word_cloud(shuffled) == word_cloud(answers)


@settings(max_examples=200, deadline=None)
@given(ANSWERS, st.data())
def test_a_hidden_word_is_never_shown(answers: list[str], data: st.DataObject) -> None:
    words = word_cloud(answers)
    if not words:
        return
    hidden = data.draw(st.sampled_from(words))
    shown = word_cloud(answers, [hidden.word.upper()])
    assert hidden.key not in {w.key for w in shown}
    assert all(w.word.casefold() != hidden.word.casefold() for w in shown)
