"""The learner's results: list, export (JSON, CSV), import, and the printable profile report.

Downloads are ``<a download href="data:…">`` links inside an ``ipywidgets.HTML``: the file is
made in the kernel and carried in the page, so it works the same in JupyterLab and Voilà, with
no server route and no network. (Browsers refuse to *navigate* to a ``data:`` address, but they
download one; hence ``download`` on every link.)

The HTML is the templates' (:mod:`widgets.templates.results`, :mod:`widgets.templates.forms`);
:func:`save_notice_html` is shared with the diagnostic form, the quiz and the activity, which
must offer the same download when the store keeps a result pending.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ipywidgets as ipw
from markupsafe import Markup

from widgets.activities import activity_title
from widgets.banks import Bank, DiagnosticBank
from widgets.config import learner_pseudonym
from widgets.errors import DataError
from widgets.french import NBSP, plural_word
from widgets.report import (
    chromium_path,
    format_datetime_fr,
    profile_report_html,
    profile_report_pdf,
)
from widgets.scoring.diagnostic import DiagnosticResult, score_diagnostic
from widgets.storage import (
    ResultRecord,
    ResultStore,
    SaveOutcome,
    export_csv,
    export_json,
    import_csv,
    import_json,
)
from widgets.templates import escaped
from widgets.templates.forms import download_link, paragraphs_html, problems_html
from widgets.templates.notices import status_html
from widgets.templates.results import (
    heading_html,
    import_help_html,
    import_text,
    record_summary,
    results_table_html,
    section_html,
)
from widgets.ui.messages import guarded_callback
from widgets.ui.messages import report as log_failure

__all__ = [
    "ResultsPanel",
    "rescore",
    "save_notice_html",
]


def save_notice_html(outcome: SaveOutcome, store: ResultStore) -> str:
    """« Résultat enregistré » or, when kept pending, the store's French notice and a download
    of every pending result, so that closing the notebook loses nothing."""
    if outcome.stored:
        when = format_datetime_fr(outcome.record.created_at)
        return status_html(f"Résultat enregistré le {when}.")
    stamp = datetime.now(UTC).strftime("%Y-%m-%d-%H%M")
    link = download_link(
        store.export_pending_json(),
        f"parcours-resultats-en-attente-{stamp}.json",
        "application/json",
        "Télécharger mes résultats en attente (JSON)",
    )
    text = outcome.message_fr or "Résultat non enregistré."
    extra = paragraphs_html([Markup(link)], style="margin:0.4em 0 0")
    return status_html(text, ok=False, extra=extra)


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "resultats"


class ResultsPanel(ipw.VBox):
    """The learner's results, newest first, with export, import and printable reports.

    ``banks`` (bank id → bank) gives titles and axis labels and lets a diagnostic be rescored
    for its report; without it the banks of the data folder are loaded on first use. Results
    of banks it does not know are listed under their id.
    """

    def __init__(
        self,
        *,
        store: ResultStore | None = None,
        pseudonym: str | None = None,
        banks: Mapping[str, Bank] | None = None,
        source_titles: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        self.store = store if store is not None else ResultStore()
        self.pseudonym = pseudonym or learner_pseudonym()
        self._banks = dict(banks) if banks is not None else None
        self.source_titles = dict(source_titles or {})
        self.records: list[ResultRecord] = []
        self.output = ipw.Output()
        guard = guarded_callback(self.output)
        wide = ipw.Layout(width="auto")

        self.table = ipw.HTML()
        self.refresh_button = ipw.Button(description="Actualiser la liste", layout=wide)
        self.json_button = ipw.Button(description="Exporter en JSON", layout=wide)
        self.csv_button = ipw.Button(description="Exporter en CSV", layout=wide)
        self.download = ipw.HTML()
        self.upload = ipw.FileUpload(
            accept=".json,.csv", multiple=False, description="Importer un fichier", layout=wide
        )
        self.import_notice = ipw.HTML()
        self.report_choice = ipw.Dropdown(
            description=f"Autodiagnostic{NBSP}:",
            style={"description_width": "initial"},
            layout=ipw.Layout(width="auto", min_width="28em"),
        )
        self.report_button = ipw.Button(
            description="Rapport imprimable", button_style="primary", layout=wide
        )
        self.report_links = ipw.HTML()

        self.refresh_button.on_click(guard(self._on_refresh))
        self.json_button.on_click(guard(self._on_export_json))
        self.csv_button.on_click(guard(self._on_export_csv))
        self.report_button.on_click(guard(self._on_report))
        self.upload.observe(guard(self._on_upload), names="value")

        super().__init__(
            children=[
                ipw.HTML(heading_html(self.pseudonym)),
                self.table,
                self.refresh_button,
                ipw.HTML(section_html("Garder ou transmettre mes résultats")),
                ipw.HBox([self.json_button, self.csv_button]),
                self.download,
                ipw.HTML(import_help_html()),
                self.upload,
                self.import_notice,
                ipw.HTML(section_html("Rapport imprimable d'un autodiagnostic")),
                ipw.HBox([self.report_choice, self.report_button]),
                self.report_links,
                self.output,
            ],
            **kwargs,
        )
        self.refresh()

    # -- listing -----------------------------------------------------------------------------

    @property
    def banks(self) -> dict[str, Bank]:
        """Known banks; loaded once, and an unreadable folder only costs the titles."""
        if self._banks is None:
            from widgets.banks import load_banks

            try:
                self._banks = load_banks()
            except DataError as exc:
                log_failure(exc, "ResultsPanel.banks")
                self._banks = {}
        return self._banks

    def title(self, bank_id: str) -> str:
        bank = self.banks.get(bank_id)
        if bank is None and (title := activity_title(bank_id)) is not None:
            return title
        return bank.title if bank is not None else bank_id

    def refresh(self) -> list[ResultRecord]:
        """Read the learner's history again and redraw the list and the report choices."""
        try:
            self.records = self.store.history(self.pseudonym)
        except DataError as exc:
            log_failure(exc, "ResultsPanel.refresh")
            self.records = []
            self.table.value = status_html(exc.message_fr(), ok=False)
        else:
            pending = {record.id for record in self.store.pending}
            self.table.value = self._table_html(pending)
        self._update_report_choice()
        return self.records

    def _update_report_choice(self) -> None:
        """Diagnostics whose bank is known, newest first; the current choice is kept."""
        chosen = self.report_choice.value
        options = [
            (f"{format_datetime_fr(r.created_at)} — {self.title(r.bank_id)}", r.id)
            for r in self.records
            if r.kind == "diagnostic" and isinstance(self.banks.get(r.bank_id), DiagnosticBank)
        ]
        self.report_choice.options = options
        ids = [record_id for _, record_id in options]
        self.report_choice.value = chosen if chosen in ids else (ids[0] if ids else None)
        self.report_button.disabled = not options

    def _table_html(self, pending: set[str]) -> str:
        rows = [
            (
                format_datetime_fr(record.created_at),
                self.title(record.bank_id),
                record_summary(record, self.banks.get(record.bank_id))
                + (" (en attente d'enregistrement)" if record.id in pending else ""),
            )
            for record in self.records
        ]
        return results_table_html(rows)

    # -- export and import -------------------------------------------------------------------

    def export(self, fmt: str = "json") -> str:
        """The learner's results as JSON or CSV text; also shown as a download link."""
        records = self.refresh()
        text = export_json(records) if fmt == "json" else export_csv(records)
        mime = "application/json" if fmt == "json" else "text/csv"
        day = datetime.now(UTC).strftime("%Y-%m-%d")
        name = f"parcours-resultats-{_slug(self.pseudonym)}-{day}.{fmt}"
        count = len(records)
        label = f"Télécharger {name} ({count} {plural_word(count, 'résultat')})"
        self.download.value = paragraphs_html([Markup(download_link(text, name, mime, label))])
        return text

    def import_file(self, name: str, content: bytes | str) -> int:
        """Read a ``.json`` or ``.csv`` export and add its results; returns how many were new.

        Never raises for a bad file: the problems are shown in French and 0 is returned.
        """
        try:
            reader = import_csv if name.lower().endswith(".csv") else import_json
            records = reader(content, source=name)
            added = self.store.import_records(records)
        except DataError as exc:
            log_failure(exc, "ResultsPanel.import_file")
            self.import_notice.value = status_html(
                f"Le fichier «{NBSP}{name}{NBSP}» n'a pas été importé{NBSP}; rien n'a été ajouté.",
                ok=False,
                extra=problems_html(p.message_fr() for p in exc.problems[:10]),
            )
            return 0
        others = sum(record.pseudonym != self.pseudonym for record in records)
        self.import_notice.value = status_html(import_text(name, added, len(records), others))
        self.refresh()
        return added

    def _on_refresh(self, _button: ipw.Button) -> None:
        self.refresh()

    def _on_export_json(self, _button: ipw.Button) -> None:
        self.export("json")

    def _on_export_csv(self, _button: ipw.Button) -> None:
        self.export("csv")

    def _on_report(self, _button: ipw.Button) -> None:
        self.report()

    def _on_upload(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        self.import_file(str(upload["name"]), bytes(upload["content"]))
        self.upload.value = ()

    # -- report ------------------------------------------------------------------------------

    def report(self, record_id: str | None = None, *, pdf: bool = True) -> str:
        """HTML report of a diagnostic result (default: the one chosen), with download links.

        The PDF link is added when Chromium is installed; otherwise a French sentence says the
        PDF needs it and how to print the HTML instead.
        """
        record_id = record_id or self.report_choice.value
        record = next((r for r in self.records if r.id == record_id), None)
        if record is None:
            raise DataError.single("résultats", "unknown-item", item=str(record_id))
        bank = self.banks.get(record.bank_id)
        if not isinstance(bank, DiagnosticBank):
            raise DataError.single(f"banks/{record.bank_id}.yaml", "file-missing")
        result = rescore(record, bank)
        page = profile_report_html(
            result, record, title=bank.title, source_titles=self.source_titles
        )
        stem = f"rapport-{record.bank_id}-{record.created_at.strftime('%Y-%m-%d')}"
        links = [
            Markup(download_link(page, f"{stem}.html", "text/html", "Rapport à imprimer (HTML)"))
        ]
        if pdf:
            links.append(self._pdf_link(page, stem))
        self.report_links.value = paragraphs_html(links)
        return page

    def _pdf_link(self, page: str, stem: str) -> Markup:
        if chromium_path() is None:
            problem = DataError.single(f"{stem}.pdf", "pdf-unavailable")
            return escaped(problem.problems[0].message_fr())
        with tempfile.TemporaryDirectory(prefix="parcours-report-") as tmp:
            try:
                path = profile_report_pdf(page, Path(tmp) / f"{stem}.pdf")
            except DataError as exc:
                log_failure(exc, "ResultsPanel.report")
                return escaped(exc.message_fr())
            data = path.read_bytes()
        return Markup(download_link(data, f"{stem}.pdf", "application/pdf", "Rapport en PDF"))


def rescore(record: ResultRecord, bank: DiagnosticBank) -> DiagnosticResult:
    """A saved diagnostic scored again with ``bank``, today's version of its bank.

    A statement that a newer version dropped (the maturity bank 2.0 merged overlapping ones)
    is left out instead of refusing the report: the learner's older result stays printable,
    scored on the statements the bank still asks.
    """
    known = {item.id for item in bank.items}
    answers = {
        key: value
        for key, value in record.answers.items()
        if isinstance(value, int) and key in known
    }
    return score_diagnostic(bank, answers)
