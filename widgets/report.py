"""A printable one-page report of a self-diagnostic profile: HTML, and PDF through Chromium.

A learner keeps their profile, brings it to a meeting or sends it to their network, often
printed; so the report is one self-contained HTML page (inline CSS, A4 print rules, the profile
as a hand-drawn inline SVG): it opens offline, in any browser, years later, and contains no
address to fetch. plotly is not used here, since a plotly figure needs its 3 MB script.

This module is the report's presenter: it chooses the words and computes the drawing (where
each bar, tick and line of text goes); the markup is in ``widgets/templates/report.html.j2``
and ``profile.svg.j2``. The texts under the profile (:func:`axes_table_html`,
:func:`recommendations_html`, :func:`warnings_html`) are the ones the notebook form shows
(:mod:`widgets.templates.diagnostic`). The page folds the table into the SVG (score and stage
beside each bar) to stay on one A4 page even for the eight axes of the maturity diagnostic
with every recommendation.

PDF goes through the headless Chromium Debian ships (:mod:`widgets.pdf`); where it is missing,
:func:`profile_report_pdf` raises a :class:`DataError` whose French message says so and how to
print the HTML instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from widgets.figures.theme import FONT_FAMILY, OKABE_ITO
from widgets.french import NBSP, format_number, plural
from widgets.pdf import CHROMIUM_CANDIDATES, chromium_path, print_pdf
from widgets.scoring.diagnostic import DiagnosticResult
from widgets.templates import markup, render
from widgets.templates.diagnostic import (
    WARNING_STYLE,
    axes_table_html,
    modules_fr,
    recommendations_html,
    score_fr,
    warnings_html,
)

if TYPE_CHECKING:  # the store (and SQLAlchemy) is not needed to write a report
    from widgets.storage.records import ResultRecord

MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


# -- French dates -----------------------------------------------------------------------------


def format_date_fr(moment: datetime) -> str:
    """« 1er mars 2025 », in the machine's local time zone (the learner's, on a laptop)."""
    local = moment.astimezone()
    day = "1er" if local.day == 1 else str(local.day)
    return f"{day} {MONTHS_FR[local.month - 1]} {local.year}"


def format_datetime_fr(moment: datetime) -> str:
    """« 1er mars 2025 à 9 h 05 »."""
    local = moment.astimezone()
    return f"{format_date_fr(moment)} à {local.hour} h {local.minute:02d}"


# -- the SVG profile --------------------------------------------------------------------------

LEFT, BAR_WIDTH, STAGE_X, ROW, TOP, WIDTH = 200, 260, 505, 36, 30, 760
"""The drawing's grid (SVG units): bars start at ``LEFT``, stages are written at ``STAGE_X``."""


def _svg_lines(text: str, width: int) -> list[str]:
    """Greedy word wrap (SVG text never wraps), at most two lines with an ellipsis."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines if len(lines) <= 2 else [lines[0], lines[1] + "…"]


def _text_block(x: float, middle: float, lines: list[str], **attributes: str) -> dict[str, Any]:
    """A text of one or two lines, vertically centred on ``middle`` (``profile.svg.j2``)."""
    first = middle - (len(lines) - 1) * 7.5 + 4.5
    return {
        "x": f"{x:g}",
        "lines": [{"y": f"{first + 15 * n:g}", "text": line} for n, line in enumerate(lines)],
        "attributes": [(key.replace("_", "-"), value) for key, value in attributes.items()],
    }


def _axis_row(index: int, label: str, stage: str | None, score: float | None) -> dict[str, Any]:
    """One axis of the drawing: its label, a separator above it, its stage, and its bar."""
    middle = TOP + index * ROW + ROW / 2
    row: dict[str, Any] = {
        "label": _text_block(
            LEFT - 8, middle, _svg_lines(label, 26), text_anchor="end", fill="#1a1a1a"
        ),
        "separator": f"{middle - ROW / 2:g}" if index else None,
        "stage": _text_block(STAGE_X, middle, _svg_lines(stage or "—", 34), fill="#1a1a1a"),
        "bar": None,
    }
    if score is None:
        row["value"] = _text_block(
            LEFT + 6, middle, ["sans réponse"], fill="#404040", font_style="italic"
        )
        return row
    width = BAR_WIDTH * score / 100
    row["bar"] = {"x": LEFT, "y": f"{middle - 10:g}", "width": f"{width:.1f}"}
    row["value"] = _text_block(
        LEFT + width + 6, middle, [format_number(score, 0)], font_weight="bold", fill="#1a1a1a"
    )
    return row


def profile_svg(result: DiagnosticResult) -> str:
    """Horizontal bars, 0–100, one per axis, with score and stage, drawn by hand.

    No script and no address, so it prints and opens offline; the ``<desc>`` says the same in
    words for screen readers.
    """
    height = TOP + ROW * len(result.axes) + 6
    summary = "; ".join(
        f"{axis.label}{NBSP}: {score_fr(axis.score)}" + (f", {axis.stage}" if axis.stage else "")
        for axis in result.axes
    )
    ticks = [
        {"x": f"{LEFT + BAR_WIDTH * tick / 100:g}", "label": tick} for tick in range(0, 101, 25)
    ]
    rows = [
        _axis_row(index, axis.label, axis.stage, axis.score)
        for index, axis in enumerate(result.axes)
    ]
    return render(
        "profile.svg.j2",
        width=WIDTH,
        height=height,
        font=FONT_FAMILY,
        summary=summary,
        stage_x=STAGE_X,
        top=TOP,
        ticks=ticks,
        rows=rows,
        bar_colour=OKABE_ITO["blue"],
    )


# -- the page ---------------------------------------------------------------------------------


def profile_report_html(
    result: DiagnosticResult,
    record: ResultRecord | None = None,
    *,
    title: str | None = None,
    source_titles: Mapping[str, str] | None = None,
) -> str:
    """The one-page printable report of ``result`` (French, self-contained, no address).

    ``record`` gives the date and pseudonym of the saved result (else: now, no pseudonym);
    ``title`` is the bank's title (else its id); ``source_titles`` names the documents that
    warnings cite.
    """
    moment = record.created_at if record is not None else datetime.now(UTC)
    if result.partial:
        count = (
            f"Profil calculé sur {plural(result.answered, 'réponse')} sur {result.total}{NBSP}: "
            "les questions sans réponse ne comptent pas."
        )
    else:
        count = f"Profil calculé sur vos {plural(result.total, 'réponse')}."
    page = render(
        "report.html.j2",
        title=title or result.bank_id,
        pseudonym=record.pseudonym if record is not None else None,
        when=format_datetime_fr(moment),
        version=result.bank_version,
        count=count,
        profile=markup(profile_svg(result)),
        warnings=markup(warnings_html(result, source_titles)),
        advice=markup(recommendations_html(result)),
        produced=format_datetime_fr(datetime.now(UTC)),
        font=markup(FONT_FAMILY),  # in the style sheet, where quotes stay quotes
    )
    return page + "\n"


# -- PDF --------------------------------------------------------------------------------------


def profile_report_pdf(
    report_html: str, out_path: str | Path, *, chromium: str | None = None, timeout: float = 90
) -> Path:
    """Print ``report_html`` to ``out_path`` with headless Chromium; returns ``out_path``.

    Raises :class:`DataError` with code ``pdf-unavailable`` when Chromium is not installed and
    ``pdf-failed`` when it did not produce the file (details in the log).
    """
    return print_pdf(report_html, out_path, chromium or chromium_path(), timeout)


__all__ = [
    "CHROMIUM_CANDIDATES",
    "WARNING_STYLE",
    "axes_table_html",
    "chromium_path",
    "format_date_fr",
    "format_datetime_fr",
    "modules_fr",
    "profile_report_html",
    "profile_report_pdf",
    "profile_svg",
    "recommendations_html",
    "warnings_html",
]
