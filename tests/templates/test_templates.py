"""The templates' environment and the results/quiz presenters: what a learner reads."""

from __future__ import annotations

import html

import pytest
from markupsafe import Markup

from widgets.french import NBSP, plural, plural_word
from widgets.templates import environment
from widgets.templates.forms import paragraphs_html
from widgets.templates.notices import status_html
from widgets.templates.results import import_text, results_table_html

AWKWARD = 'l\'« atelier » "du 3" <b> & co'


def test_values_are_escaped_as_html_escape_does() -> None:
    """Same entities as html.escape and the offline script's Parcours.escape (&#x27;, &quot;)."""
    template = environment().from_string('<p title="{{ text }}">{{ text }}{{ markup }}</p>')
    shown = template.render(text=AWKWARD, markup=Markup("<br>"))
    assert shown == f'<p title="{html.escape(AWKWARD)}">{html.escape(AWKWARD)}<br></p>'


def test_links_pass_and_text_is_escaped_in_paragraphs() -> None:
    shown = paragraphs_html([Markup('<a href="x">lien</a>'), "<b>"], style="margin:0")
    assert shown == '<p style="margin:0"><a href="x">lien</a></p><p style="margin:0">&lt;b&gt;</p>'
    assert status_html(AWKWARD).count(html.escape(AWKWARD)) == 1


@pytest.mark.parametrize(
    ("count", "word", "said"),
    [(0, "résultat", "0 résultat"), (1, "résultat", "1 résultat"), (2, "résultat", "2 résultats")],
)
def test_plural_word_agrees_as_plural_does(count: int, word: str, said: str) -> None:
    assert f"{count} {plural_word(count, word)}" == said
    assert plural(count, word) == said.replace(" ", NBSP)


@pytest.mark.parametrize(
    ("added", "offered", "others", "said"),
    [
        (2, 2, 0, "2 résultats importés"),
        (1, 1, 0, "1 résultat importé"),
        (0, 2, 0, "0 résultat importé, 2 déjà présents"),
        (1, 2, 1, f"1 résultat importé, 1 déjà présent{NBSP}; 1 sous un autre pseudonyme"),
    ],
)
def test_import_text_says_what_was_added(added: int, offered: int, others: int, said: str) -> None:
    assert said in import_text("f.json", added, offered, others)
    assert import_text("f.json", added, offered, others).startswith(f"«{NBSP}f.json{NBSP}»{NBSP}: ")


def test_results_table_counts_and_escapes() -> None:
    assert "Aucun résultat enregistré" in results_table_html([])
    one = results_table_html([("1er mars 2025", AWKWARD, "3 / 5 bonnes réponses")])
    assert "1 résultat, du plus récent au plus ancien" in one
    assert html.escape(AWKWARD) in one
    two = results_table_html([("a", "b", "c"), ("d", "e", "f")])
    assert "2 résultats, du plus récent" in two and two.count("<tr>") == 3
