"""Field cases (``data/cases.csv``): loaded by id or theme, quoted from their source, as cards."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from widgets.errors import DataError
from widgets.loaders import Case, load_cases, validate_data_dir
from widgets.loaders.sources import source_titles
from widgets.templates.cases import EMPTY_FR, SILENT_FR, case_cards_html

DOC_002 = "002_78cf4fdc1f0e9f8c.txt"
THEME_2020 = "Expérimentations territoriales 2020"


def test_ids_come_back_in_the_order_asked() -> None:
    cases = load_cases(ids=["cbe_lille_2009", "alsace_active_2008"])
    assert [c.case_id for c in cases] == ["cbe_lille_2009", "alsace_active_2008"]
    assert cases[1].year == 2008 and cases[1].territory == "Alsace"
    assert cases[0].actors == ("Comité Bassin d’Emploi de Lille Métropole", "Le RAMEAU")


def test_an_unknown_id_is_a_data_error_naming_it() -> None:
    with pytest.raises(DataError) as caught:
        load_cases(ids=["alsace_active_2008", "atlantide_2099"])
    assert [(p.file, p.code, p.item) for p in caught.value.problems] == [
        ("cases.csv", "unknown-item", "atlantide_2099")
    ]


def test_a_theme_keeps_its_cases_only() -> None:
    cases = load_cases(theme=THEME_2020)
    assert cases and {c.theme for c in cases} == {THEME_2020}
    assert load_cases(theme="Aucun thème") == []


def test_the_2020_map_cards_say_only_a_name() -> None:
    """OCR of a map (doc. 004, p. 16): a territory's name, no actor, nothing learned."""
    names = [c for c in load_cases(theme=THEME_2020) if c.case_id.startswith("experimentation_")]
    assert len(names) >= 10
    assert all(not c.actors and not c.learned for c in names)


def test_a_quote_not_in_its_source_names_line_and_column(data_copy: Path) -> None:
    path = data_copy / "cases.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[1].startswith("alsace_active_2008,")
    lines[1] = lines[1].replace("troisième métier", "quatrième métier")
    path.write_text("".join(lines), encoding="utf-8")
    report = validate_data_dir(data_copy)
    assert [(p.file, p.row, p.column, p.code) for p in report.problems] == [
        ("cases.csv", 2, "quote", "quote-not-found")
    ]


def test_a_card_quotes_its_source_and_says_when_nothing_was_learned() -> None:
    cases = load_cases(ids=["alsace_active_2008", "agir_ensemble_charenton_2012"])
    text = html.unescape(case_cards_html(cases, source_titles()))
    assert text.count('class="parcours-case"') == 2
    assert cases[0].quote in text and SILENT_FR in text
    assert "montre le potentiel du mouvement" in text
    assert "Source\u00a0: Le RAMEAU, «\u00a0Les grandes étapes" in text


def test_card_text_is_escaped_and_an_empty_list_says_so() -> None:
    case = Case("x", "<b>titre</b>", None, "", (), "Thème", "", DOC_002, "a < b")
    text = case_cards_html([case], {})
    assert "&lt;b&gt;titre&lt;/b&gt;" in text and "a &lt; b" in text
    assert f"Source&nbsp;: {DOC_002}" in text
    assert EMPTY_FR in case_cards_html([], {})
