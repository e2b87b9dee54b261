"""The results panel: list in French, export → import round trips, bad files, reports."""

from __future__ import annotations

import base64
import html
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from widgets.banks import DiagnosticBank, QuizBank
from widgets.french import NBSP
from widgets.report import chromium_path, format_datetime_fr
from widgets.storage import ResultRecord, ResultStore
from widgets.ui.results import ResultsPanel

from .conftest import PSEUDONYM

LINK = re.compile(r'download="([^"]+)" href="data:([^;]+)(?:;charset=utf-8)?;base64,([^"]+)"')


def links(value: str) -> list[tuple[str, str, bytes]]:
    """(file name, MIME type, content) of every download link in an HTML widget's value."""
    return [(n, m, base64.b64decode(data)) for n, m, data in LINK.findall(value)]


@pytest.fixture
def saved(store: ResultStore, catalyst: DiagnosticBank, quiz_bank: QuizBank) -> list[ResultRecord]:
    """A diagnostic (the older) and a quiz, saved for the test learner."""
    diagnostic = ResultRecord(
        pseudonym=PSEUDONYM,
        bank_id=catalyst.id,
        bank_version=catalyst.version,
        kind="diagnostic",
        created_at=datetime(2025, 3, 1, 9, 5, tzinfo=UTC),
        answers={item.id: 2 for item in catalyst.items},
        scores={axis.id: 200 / 3 for axis in catalyst.axes},
        meta={"answered": 16, "total": 16},
    )
    quiz = ResultRecord(
        pseudonym=PSEUDONYM,
        bank_id=quiz_bank.id,
        bank_version=quiz_bank.version,
        kind="quiz",
        created_at=datetime(2025, 3, 2, 14, 30, tzinfo=UTC),
        answers={"nombre_partenariats": "b"},
        scores={"correct": 3, "total": 5},
    )
    for record in (diagnostic, quiz):
        assert store.save(record).stored
    return [quiz, diagnostic]


@pytest.fixture
def panel(
    store: ResultStore, catalyst: DiagnosticBank, quiz_bank: QuizBank, saved: list[ResultRecord]
) -> ResultsPanel:
    return ResultsPanel(store=store, banks={catalyst.id: catalyst, quiz_bank.id: quiz_bank})


def test_empty_history_says_so(store: ResultStore) -> None:
    panel = ResultsPanel(store=store, banks={})
    assert "Aucun résultat enregistré" in panel.table.value
    assert panel.report_button.disabled


def test_results_listed_newest_first_with_french_dates_and_titles(
    panel: ResultsPanel, saved: list[ResultRecord]
) -> None:
    shown = html.unescape(panel.table.value)
    assert panel.records == saved
    quiz_row = shown.index("Quiz — État des lieux des partenariats")
    diagnostic_row = shown.index("Profil du catalyseur territorial")
    assert quiz_row < diagnostic_row
    assert format_datetime_fr(saved[0].created_at) in shown
    assert "mars 2025" in shown
    assert "3 / 5 bonnes réponses" in shown
    assert f"Dialogue territorial{NBSP}: 67" in shown and "(16 réponses sur 16)" in shown
    assert panel.report_choice.options == (
        (f"{format_datetime_fr(saved[1].created_at)} — Profil du catalyseur territorial",
         saved[1].id),
    )  # fmt: skip


@pytest.mark.parametrize(("fmt", "mime"), [("json", "application/json"), ("csv", "text/csv")])
def test_export_then_import_round_trip(
    panel: ResultsPanel, saved: list[ResultRecord], tmp_path: Path, fmt: str, mime: str
) -> None:
    button = panel.json_button if fmt == "json" else panel.csv_button
    button.click()
    ((name, kind, content),) = links(panel.download.value)
    assert name.startswith(f"parcours-resultats-{PSEUDONYM}-") and name.endswith(f".{fmt}")
    assert kind == mime

    with ResultStore(f"sqlite:///{tmp_path / 'autre.sqlite3'}") as other:
        fresh = ResultsPanel(store=other, banks=panel.banks)
        assert fresh.import_file(name, content) == 2
        assert fresh.records == saved
        assert "2 résultats importés" in fresh.import_notice.value
        assert fresh.import_file(name, content) == 0  # idempotent
        assert "0 résultat importé, 2 déjà présents" in html.unescape(fresh.import_notice.value)
        assert other.history(PSEUDONYM) == saved


def test_import_through_the_upload_widget(panel: ResultsPanel, tmp_path: Path) -> None:
    panel.export("json")
    ((name, _, content),) = links(panel.download.value)
    with ResultStore(f"sqlite:///{tmp_path / 'autre.sqlite3'}") as other:
        fresh = ResultsPanel(store=other, banks=panel.banks)
        fresh.upload.value = (
            {
                "name": name,
                "type": "application/json",
                "size": len(content),
                "content": memoryview(content),
                "last_modified": datetime.now(UTC),
            },
        )
        assert len(fresh.records) == 2
        assert fresh.upload.value == ()  # ready for the next file
        assert "2 résultats importés" in fresh.import_notice.value


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("resultats.json", b"{pas du json", "JSON invalide"),
        ("resultats.json", b'{"format": "autre", "version": 1, "results": []}', "format"),
        ("resultats.csv", b"id,pseudonym\n1,moi\n", "colonne manquante"),
        ("resultats.json", b"\xff\xfe\x00", "encodage illisible"),
    ],
)
def test_a_bad_file_is_refused_in_french_and_adds_nothing(
    panel: ResultsPanel, store: ResultStore, name: str, content: bytes, said: str
) -> None:
    before = store.history(PSEUDONYM)
    assert panel.import_file(name, content) == 0
    notice = html.unescape(panel.import_notice.value)
    assert f"Le fichier «{NBSP}{name}{NBSP}» n'a pas été importé" in notice
    assert said in notice
    assert "Traceback" not in notice
    assert store.history(PSEUDONYM) == before


def test_results_of_another_pseudonym_are_counted_apart(
    panel: ResultsPanel, catalyst: DiagnosticBank
) -> None:
    from widgets.storage import export_json

    other = ResultRecord(
        pseudonym="collegue", bank_id=catalyst.id, bank_version="1.0", kind="diagnostic"
    )
    assert panel.import_file("collegue.json", export_json([other])) == 1
    assert "1 sous un autre pseudonyme" in panel.import_notice.value
    assert len(panel.records) == 2


def test_printable_report_without_chromium(
    panel: ResultsPanel, saved: list[ResultRecord], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("widgets.ui.results.chromium_path", lambda: None)
    panel.report_button.click()
    ((name, mime, content),) = links(panel.report_links.value)
    assert name == "rapport-profil_catalyseur-2025-03-01.html" and mime == "text/html"
    page = content.decode("utf-8")
    assert "Profil du catalyseur territorial" in page and "Métier exercé régulièrement" in page
    assert f"Pseudonyme{NBSP}: {PSEUDONYM}" in page
    assert "le PDF nécessite Chromium" in html.unescape(panel.report_links.value)


def test_a_result_of_an_older_bank_version_stays_printable(
    panel: ResultsPanel,
    store: ResultStore,
    catalyst: DiagnosticBank,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A statement a newer version of the bank dropped does not refuse the report."""
    monkeypatch.setattr("widgets.ui.results.chromium_path", lambda: None)
    older = ResultRecord(
        pseudonym=PSEUDONYM,
        bank_id=catalyst.id,
        bank_version="0.9",
        kind="diagnostic",
        created_at=datetime(2025, 4, 1, 9, 0, tzinfo=UTC),
        answers={**{item.id: 3 for item in catalyst.items}, "enonce_retire": 1},
        scores={axis.id: 100.0 for axis in catalyst.axes},
        meta={"answered": 17, "total": 17},
    )
    assert store.save(older).stored
    panel.refresh()
    panel.report(older.id)
    ((name, _, content),) = links(panel.report_links.value)
    assert name.startswith("rapport-profil_catalyseur-2025-04-01")
    assert "Profil du catalyseur territorial" in content.decode("utf-8")


@pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed")
def test_printable_report_as_pdf(panel: ResultsPanel, saved: list[ResultRecord]) -> None:
    panel.report(saved[1].id)
    found = links(panel.report_links.value)
    assert [mime for _, mime, _ in found] == ["text/html", "application/pdf"]
    assert found[1][2].startswith(b"%PDF")


def test_unreadable_store_shows_a_french_message(broken_store: ResultStore) -> None:
    panel = ResultsPanel(store=broken_store, banks={})
    assert "base de résultats indisponible" in panel.table.value
    assert panel.records == []
    assert panel.report_button.disabled
