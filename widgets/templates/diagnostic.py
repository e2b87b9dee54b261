"""A self-diagnostic's result as HTML: the texts under the profile, and the modules to revisit.

The notebook form (:class:`widgets.ui.diagnostic.DiagnosticForm`) shows them under the learner's
profile, the printable report (:mod:`widgets.report`) prints them, and the offline script builds
the very same strings in the browser (``offline/static/js/diagnostic.js``: ``axesTableHtml``,
``recommendationsHtml``, ``warningsHtml``; ``tests/offline/test_js_parity.py`` compares them).
So these functions only choose the words; the markup is in ``diagnostic_*.html.j2``.
"""

from __future__ import annotations

from collections.abc import Mapping

from widgets.french import NBSP, format_number, join_fr
from widgets.scoring.diagnostic import DiagnosticResult
from widgets.templates import render

WARNING_STYLE = (
    "border-left:6px solid #d55e00;background:#fff4ec;padding:0.5em 1em;margin:0.6em 0;"
    "color:#1a1a1a"
)
NO_STAGE = "—"


def score_fr(score: float | None) -> str:
    """« 63 / 100 », or « sans réponse » for an axis without answers."""
    return "sans réponse" if score is None else f"{format_number(score, 0)}{NBSP}/{NBSP}100"


def modules_fr(modules: tuple[int, ...] | list[int]) -> str:
    """« module 3 », « modules 0, 1 et 5 ».

    The word comes before the numbers here, so :func:`widgets.french.plural` (« 3 modules »)
    does not fit; French takes the plural from two on, as there.
    """
    numbers = [str(m) for m in modules]
    return f"{'modules' if len(numbers) > 1 else 'module'} {join_fr(numbers)}"


def axes_table_html(result: DiagnosticResult) -> str:
    """Score, stage and answers per axis, as an accessible table."""
    rows = [
        {
            "label": axis.label,
            "score": score_fr(axis.score),
            "stage": axis.stage or NO_STAGE,
            "answers": f"{axis.answered} / {axis.total}",
        }
        for axis in result.axes
    ]
    return render("diagnostic_axes.html.j2", rows=rows)


def recommendations_html(result: DiagnosticResult) -> str:
    """The modules to revisit, then why, axis by axis (nothing at all without any answer)."""
    if not result.recommendations and result.answered == 0:
        return ""
    items = [
        {
            "axis": result.axis(rec.axis).label,
            "modules": modules_fr(rec.modules),
            "text": rec.text,
        }
        for rec in result.recommendations
    ]
    modules = join_fr([str(m) for m in result.modules])
    return render("diagnostic_recommendations.html.j2", items=items, modules=modules)


def warnings_html(result: DiagnosticResult, source_titles: Mapping[str, str] | None = None) -> str:
    """Each triggered warning in a highlighted box (icon and words, not colour alone)."""
    titles = source_titles or {}
    warnings = [
        {
            "text": warning.text,
            "source": titles.get(warning.source, warning.source) if warning.source else None,
        }
        for warning in result.warnings
    ]
    return render("diagnostic_warnings.html.j2", warnings=warnings, style=WARNING_STYLE)
