"""The learner's results as they are listed: one line per result, the table, the panel's texts.

:func:`record_summary` says in a line what a result was, whatever edition saved it (the records
have one shape per kind: ``QuizResult.record_meta``, ``DiagnosticResult.record_meta``,
:func:`widgets.activities.activity_meta`); the offline edition's script says the same
(``Parcours.recordSummary``, compared by ``tests/offline/test_js_parity.py``). Markup in
``results.html.j2``; the notebook's panel is :mod:`widgets.ui.results`.
"""

from __future__ import annotations

from collections.abc import Iterable

from widgets.activities import activity_summary
from widgets.banks import Bank, DiagnosticBank
from widgets.french import NBSP, format_number, plural, plural_word
from widgets.storage import ResultRecord
from widgets.templates import macro

TEMPLATE = "results.html.j2"


def record_summary(record: ResultRecord, bank: Bank | None) -> str:
    """One line saying what a result was: scores per axis, quiz score, or answer count."""
    if record.kind == "quiz":
        correct, total = record.scores.get("correct"), record.scores.get("total")
        words = plural_word(int(correct or 0), "bonne réponse", "bonnes réponses")
        return f"{correct} / {total} {words}"
    if record.kind == "diagnostic":
        labels = {a.id: a.label for a in bank.axes} if isinstance(bank, DiagnosticBank) else {}
        parts = [
            f"{labels.get(axis, axis)}{NBSP}: "
            + ("sans réponse" if score is None else format_number(score, 0))
            for axis, score in record.scores.items()
        ]
        answered, total = record.meta.get("answered"), record.meta.get("total")
        count = ""
        if answered is not None and total:
            word = plural_word(answered, "réponse") if isinstance(answered, int) else "réponses"
            count = f" ({answered} {word} sur {total})"
        if record.meta.get("partial") and count:  # saved before every question was answered
            count = f" (profil partiel{NBSP}: {count[2:]}"
        return f"{NBSP}; ".join(parts) + count
    if record.kind == "activity":
        return activity_summary(record.meta)
    return plural(len(record.answers), "réponse")


def heading_html(pseudonym: str) -> str:
    """« Mes résultats (pseudonyme « … ») »."""
    return macro(TEMPLATE, "heading", pseudonym=pseudonym)


def results_table_html(rows: Iterable[tuple[str, str, str]]) -> str:
    """The results, newest first: ``(date, title, summary)`` each; a sentence when none."""
    return macro(TEMPLATE, "table", rows=list(rows))


def section_html(title: str) -> str:
    return macro(TEMPLATE, "section", title=title)


def import_help_html() -> str:
    """What can be imported, and that a result already there is not added twice."""
    return macro(TEMPLATE, "import_help")


def import_text(name: str, added: int, offered: int, others: int) -> str:
    """« « fichier.json » : 2 résultats importés, 1 déjà présent ; … »: what an import did."""
    text = f"{added} {plural_word(added, 'résultat importé', 'résultats importés')}"
    present = offered - added
    if present > 0:
        text += f", {present} {plural_word(present, 'déjà présent', 'déjà présents')}"
    if others:
        text += f"{NBSP}; {others} sous un autre pseudonyme (non listés ici)"
    return f"«{NBSP}{name}{NBSP}»{NBSP}: {text}."
