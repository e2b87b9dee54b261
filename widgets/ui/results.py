"""The learner's results: list, export (JSON, CSV), import, and the printable profile report.

Downloads are ``<a download href="data:…">`` links inside an ``ipywidgets.HTML``: the file is
made in the kernel and carried in the page, so it works the same in JupyterLab and Voilà, with
no server route and no network. (Browsers refuse to *navigate* to a ``data:`` address, but they
download one; hence ``download`` on every link.)

The two helpers at the top are shared with the diagnostic form and the quiz, which must offer
the same download when the store keeps a result pending.
"""

from __future__ import annotations

import base64
import html
import re
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ipywidgets as ipw

from widgets.activities import activity_summary, activity_title
from widgets.banks import Bank, DiagnosticBank
from widgets.config import learner_pseudonym
from widgets.errors import DataError
from widgets.french import NBSP, format_number, plural
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
from widgets.ui.messages import guarded_callback
from widgets.ui.messages import report as log_failure

_E = html.escape
NOTICE_STYLE = "border-left:6px solid {color};padding:0.4em 1em;margin:0.4em 0;background:{bg}"
OK_STYLE = NOTICE_STYLE.format(color="#009e73", bg="#eefaf5")
PROBLEM_STYLE = NOTICE_STYLE.format(color="#d55e00", bg="#fff4ec")


def download_link(content: str | bytes, filename: str, mime: str, label: str) -> str:
    """An ``<a download>`` link carrying ``content`` as a base64 ``data:`` URI."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    charset = ";charset=utf-8" if isinstance(content, str) else ""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a download="{_E(filename)}" href="data:{mime}{charset};base64,{encoded}" '
        f'style="font-weight:bold">{_E(label)}</a>'
    )


def notice_html(text: str, *, ok: bool = True, extra: str = "") -> str:
    """A short status box; ``role="status"`` so a screen reader reads it when it changes."""
    style = OK_STYLE if ok else PROBLEM_STYLE
    return f'<div role="status" style="{style}"><p style="margin:0">{_E(text)}</p>{extra}</div>'


def save_notice_html(outcome: SaveOutcome, store: ResultStore) -> str:
    """« Résultat enregistré » or, when kept pending, the store's French notice and a download
    of every pending result, so that closing the notebook loses nothing."""
    if outcome.stored:
        when = format_datetime_fr(outcome.record.created_at)
        return notice_html(f"Résultat enregistré le {when}.")
    stamp = datetime.now(UTC).strftime("%Y-%m-%d-%H%M")
    link = download_link(
        store.export_pending_json(),
        f"parcours-resultats-en-attente-{stamp}.json",
        "application/json",
        "Télécharger mes résultats en attente (JSON)",
    )
    text = outcome.message_fr or "Résultat non enregistré."
    return notice_html(text, ok=False, extra=f'<p style="margin:0.4em 0 0">{link}</p>')


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "resultats"


def record_summary(record: ResultRecord, bank: Bank | None) -> str:
    """One line saying what a result was: scores per axis, quiz score, or answer count."""
    if record.kind == "quiz":
        correct, total = record.scores.get("correct"), record.scores.get("total")
        return f"{correct} / {total} bonnes réponses"
    if record.kind == "diagnostic":
        labels = {a.id: a.label for a in bank.axes} if isinstance(bank, DiagnosticBank) else {}
        parts = [
            f"{labels.get(axis, axis)}{NBSP}: "
            + ("sans réponse" if score is None else format_number(score, 0))
            for axis, score in record.scores.items()
        ]
        answered, total = record.meta.get("answered"), record.meta.get("total")
        count = f" ({answered} réponses sur {total})" if answered is not None and total else ""
        return f"{NBSP}; ".join(parts) + count
    if record.kind == "activity":
        return activity_summary(record.meta)
    return plural(len(record.answers), "réponse")


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
                ipw.HTML(f"<h3>Mes résultats (pseudonyme «{NBSP}{_E(self.pseudonym)}{NBSP}»)</h3>"),
                self.table,
                self.refresh_button,
                ipw.HTML("<h4>Garder ou transmettre mes résultats</h4>"),
                ipw.HBox([self.json_button, self.csv_button]),
                self.download,
                ipw.HTML(
                    "<p>Un fichier exporté depuis parcours (JSON ou CSV) peut être réimporté "
                    f"ici{NBSP}; "
                    "un résultat déjà présent n'est pas ajouté deux fois.</p>"
                ),
                self.upload,
                self.import_notice,
                ipw.HTML("<h4>Rapport imprimable d'un autodiagnostic</h4>"),
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
            self.table.value = notice_html(exc.message_fr(), ok=False)
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
        if not self.records:
            return (
                f"<p>Aucun résultat enregistré pour l'instant{NBSP}: ils apparaîtront ici après un "
                "autodiagnostic ou un quiz.</p>"
            )
        cell = "padding:0.3em 0.8em;border-bottom:1px solid #d0d0d0;text-align:left"
        head = "".join(
            f'<th scope="col" style="{cell};border-bottom:2px solid #333">{name}</th>'
            for name in ("Date", "Questionnaire", "Résumé")
        )
        rows = []
        for record in self.records:
            waiting = " (en attente d'enregistrement)" if record.id in pending else ""
            summary = record_summary(record, self.banks.get(record.bank_id))
            rows.append(
                f'<tr><td style="{cell}">{_E(format_datetime_fr(record.created_at))}</td>'
                f'<th scope="row" style="{cell}">{_E(self.title(record.bank_id))}</th>'
                f'<td style="{cell}">{_E(summary + waiting)}</td></tr>'
            )
        count = len(self.records)
        caption = f"{count} résultat{'s' if count > 1 else ''}, du plus récent au plus ancien"
        return (
            '<table style="border-collapse:collapse">'
            f'<caption style="text-align:left;padding-bottom:0.3em">{caption}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    # -- export and import -------------------------------------------------------------------

    def export(self, fmt: str = "json") -> str:
        """The learner's results as JSON or CSV text; also shown as a download link."""
        records = self.refresh()
        text = export_json(records) if fmt == "json" else export_csv(records)
        mime = "application/json" if fmt == "json" else "text/csv"
        day = datetime.now(UTC).strftime("%Y-%m-%d")
        name = f"parcours-resultats-{_slug(self.pseudonym)}-{day}.{fmt}"
        count = len(records)
        label = f"Télécharger {name} ({count} résultat{'s' if count > 1 else ''})"
        self.download.value = f"<p>{download_link(text, name, mime, label)}</p>"
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
            lines = "".join(f"<li>{_E(p.message_fr())}</li>" for p in exc.problems[:10])
            self.import_notice.value = notice_html(
                f"Le fichier «{NBSP}{name}{NBSP}» n'a pas été importé{NBSP}; rien n'a été ajouté.",
                ok=False,
                extra=f"<ul>{lines}</ul>",
            )
            return 0
        others = sum(record.pseudonym != self.pseudonym for record in records)
        text = f"{added} résultat{'s' if added > 1 else ''} importé{'s' if added > 1 else ''}"
        if added < len(records):
            text += (
                f", {len(records) - added} déjà présent{'s' if len(records) - added > 1 else ''}"
            )
        if others:
            text += f"{NBSP}; {others} sous un autre pseudonyme (non listés ici)"
        self.import_notice.value = notice_html(f"«{NBSP}{name}{NBSP}»{NBSP}: {text}.")
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
        links = [download_link(page, f"{stem}.html", "text/html", "Rapport à imprimer (HTML)")]
        if pdf:
            links.append(self._pdf_link(page, stem))
        self.report_links.value = "".join(f"<p>{link}</p>" for link in links)
        return page

    def _pdf_link(self, page: str, stem: str) -> str:
        if chromium_path() is None:
            problem = DataError.single(f"{stem}.pdf", "pdf-unavailable")
            return _E(problem.problems[0].message_fr())
        with tempfile.TemporaryDirectory(prefix="parcours-report-") as tmp:
            try:
                path = profile_report_pdf(page, Path(tmp) / f"{stem}.pdf")
            except DataError as exc:
                log_failure(exc, "ResultsPanel.report")
                return _E(exc.message_fr())
            data = path.read_bytes()
        return download_link(data, f"{stem}.pdf", "application/pdf", "Rapport en PDF")


def rescore(record: ResultRecord, bank: DiagnosticBank) -> DiagnosticResult:
    """A saved diagnostic scored again with ``bank`` (answers outside it raise DataError)."""
    answers = {key: value for key, value in record.answers.items() if isinstance(value, int)}
    return score_diagnostic(bank, answers)
