"""The printable profile report: self-contained French HTML, and a one-page PDF via Chromium."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from widgets.banks import DiagnosticBank, load_bank
from widgets.errors import DataError
from widgets.report import (
    chromium_path,
    format_date_fr,
    format_datetime_fr,
    modules_fr,
    profile_report_html,
    profile_report_pdf,
)
from widgets.scoring.diagnostic import DiagnosticResult, score_diagnostic
from widgets.storage import ResultRecord

BANKS = Path(__file__).resolve().parents[1] / "data" / "banks"
DOC_003 = "003_9901828f3a127206.txt"


def bank(name: str) -> DiagnosticBank:
    loaded = load_bank(BANKS / f"{name}.yaml")
    assert isinstance(loaded, DiagnosticBank)
    return loaded


@pytest.fixture(scope="module")
def catalyst() -> DiagnosticBank:
    return bank("profil_catalyseur")


def operator(catalyst: DiagnosticBank, skip: int = 0) -> DiagnosticResult:
    """Accompagnements at the top, everything else at 0: warning and three recommendations."""
    items = catalyst.items[: len(catalyst.items) - skip]
    return score_diagnostic(
        catalyst, {i.id: 3 if i.axis == "accompagnements" else 0 for i in items}
    )


def record_of(result: DiagnosticResult) -> ResultRecord:
    return ResultRecord(
        pseudonym="camille",
        bank_id=result.bank_id,
        bank_version=result.bank_version,
        kind="diagnostic",
        created_at=datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
    )


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_report_shows_axes_stages_advice_and_who(catalyst: DiagnosticBank) -> None:
    result = operator(catalyst)
    page = profile_report_html(
        result, record_of(result), title=catalyst.title, source_titles={DOC_003: "Le parcours"}
    )
    text = " ".join(text_of(page).split())
    for axis in result.axes:
        assert axis.label in text and axis.stage in text
    assert "Profil du catalyseur territorial" in text
    assert "questionnaire version 1.0" in text
    assert "Pseudonyme : camille" in text  # text_of() reads a no-break space as a space
    assert f"Résultat du {format_datetime_fr(record_of(result).created_at)}" in text
    assert "Profil calculé sur vos 16 réponses." in text
    assert "Point d'attention." in text and "Source : Le parcours" in text
    assert "Modules à revoir : 0, 1, 2, 3, 4, 5 et 9." in text
    assert "Dialogue territorial (modules 0, 1 et 5)" in text


def test_report_is_self_contained(catalyst: DiagnosticBank) -> None:
    page = profile_report_html(operator(catalyst), title=catalyst.title)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert "http" not in page  # no link, no font, no script to fetch
    assert "<script" not in page and "<link" not in page and "src=" not in page
    assert page.count("<svg") == 1 and "@page" in page and "A4" in page
    assert page.count("<rect") == 4  # one bar per axis, drawn by hand
    desc = html.unescape(re.search(r"<desc[^>]*>(.*?)</desc>", page).group(1))
    assert "Accompagnements\u00a0: 100\u00a0/\u00a0100, Métier au cœur de votre action" in desc


def test_partial_result_and_unanswered_axis(catalyst: DiagnosticBank) -> None:
    result = operator(catalyst, skip=4)  # the four « gestion d'un lieu » items
    text = " ".join(text_of(profile_report_html(result)).split())
    assert "Profil calculé sur 12 réponses sur 16" in text
    assert "sans réponse" in text
    assert "Pseudonyme" not in text  # no record: nobody is named
    assert "profil_catalyseur" in text  # no title: the bank id


def test_report_escapes_what_it_is_given(catalyst: DiagnosticBank) -> None:
    page = profile_report_html(operator(catalyst), title="<script>alert(1)</script>")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_french_dates_and_module_lists() -> None:
    assert format_date_fr(datetime(2025, 3, 1, 12, tzinfo=UTC)) == "1er mars 2025"
    assert format_date_fr(datetime(2025, 8, 14, 12, tzinfo=UTC)) == "14 août 2025"
    assert modules_fr((3,)) == "module 3"
    assert modules_fr((0, 1, 5)) == "modules 0, 1 et 5"


def test_pdf_without_chromium_says_so_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, catalyst: DiagnosticBank
) -> None:
    monkeypatch.setattr("widgets.report.chromium_path", lambda: None)
    with pytest.raises(DataError) as caught:
        profile_report_pdf(profile_report_html(operator(catalyst)), tmp_path / "rapport.pdf")
    assert [p.code for p in caught.value.problems] == ["pdf-unavailable"]
    assert "le PDF nécessite Chromium" in caught.value.message_fr()
    assert not (tmp_path / "rapport.pdf").exists()


@pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed")
@pytest.mark.parametrize("name", ["profil_catalyseur", "maturite_co_construction"])
def test_pdf_fits_on_one_page_even_with_every_recommendation(tmp_path: Path, name: str) -> None:
    diagnostic = bank(name)
    low = diagnostic.scale[0].value
    result = score_diagnostic(diagnostic, {item.id: low for item in diagnostic.items})
    assert len(result.recommendations) == len(diagnostic.recommendations)
    page = profile_report_html(result, record_of(result), title=diagnostic.title)
    out = profile_report_pdf(page, tmp_path / "sortie" / "rapport.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) == 1
