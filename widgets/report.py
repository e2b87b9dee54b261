"""A printable one-page report of a self-diagnostic profile: HTML, and PDF through Chromium.

A learner keeps their profile, brings it to a meeting or sends it to their network, often
printed; so the report is one self-contained HTML page (inline CSS, A4 print rules, the profile
as a hand-drawn inline SVG): it opens offline, in any browser, years later, and contains no
address to fetch. plotly is not used here, since a plotly figure needs its 3 MB script.

The HTML fragments (:func:`axes_table_html`, :func:`recommendations_html`,
:func:`warnings_html`) carry inline styles, so the widgets show the very same text on screen. The
page itself folds the table into the SVG (score and stage beside each bar) to stay on one A4
page even for the eight axes of the maturity diagnostic with every recommendation.

PDF goes through the headless Chromium Debian ships (the one the browser tests use); where it
is missing, :func:`profile_report_pdf` raises a :class:`DataError` whose French message says
so and how to print the HTML instead.
"""

from __future__ import annotations

import html
import logging
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from widgets.errors import DataError
from widgets.figures.theme import FONT_FAMILY, OKABE_ITO
from widgets.french import NBSP, format_number, join_fr
from widgets.scoring.diagnostic import DiagnosticResult

if TYPE_CHECKING:  # the store (and SQLAlchemy) is not needed to write a report
    from widgets.storage.records import ResultRecord

log = logging.getLogger(__name__)

MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
WARNING_STYLE = (
    "border-left:6px solid #d55e00;background:#fff4ec;padding:0.5em 1em;margin:0.6em 0;"
    "color:#1a1a1a"
)
_E = html.escape


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


def modules_fr(modules: tuple[int, ...] | list[int]) -> str:
    """« module 3 », « modules 0, 1 et 5 »."""
    numbers = [str(m) for m in modules]
    return f"module{'s' if len(numbers) > 1 else ''} {join_fr(numbers)}"


# -- fragments shared with the widgets --------------------------------------------------------


def _score(score: float | None) -> str:
    return "sans réponse" if score is None else f"{format_number(score, 0)}{NBSP}/{NBSP}100"


def axes_table_html(result: DiagnosticResult) -> str:
    """Score, stage and answers per axis, as an accessible table."""
    cell = "padding:0.25em 0.6em;border-bottom:1px solid #d0d0d0;text-align:left"
    rows = "".join(
        f'<tr><th scope="row" style="{cell}">{_E(axis.label)}</th>'
        f'<td style="{cell}">{_E(_score(axis.score))}</td>'
        f'<td style="{cell}">{_E(axis.stage or "—")}</td>'
        f'<td style="{cell}">{axis.answered} / {axis.total}</td></tr>'
        for axis in result.axes
    )
    head = "".join(
        f'<th scope="col" style="{cell};border-bottom:2px solid #333">{name}</th>'
        for name in ("Axe", "Score", "Palier atteint", "Réponses")
    )
    return (
        '<table class="parcours-axes" style="border-collapse:collapse;margin:0.5em 0">'
        '<caption style="text-align:left;font-weight:bold;padding-bottom:0.3em">'
        "Palier atteint par axe</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )


def recommendations_html(result: DiagnosticResult) -> str:
    """The modules to revisit, then why, axis by axis."""
    if not result.recommendations:
        if result.answered == 0:
            return ""
        return (
            f"<p><strong>Aucun module à revoir en priorité</strong>{NBSP}: vos scores "
            "atteignent les "
            "seuils de recommandation du questionnaire.</p>"
        )
    items = "".join(
        f"<li><strong>{_E(result.axis(rec.axis).label)}</strong> "
        f"({_E(modules_fr(rec.modules))}){NBSP}: {_E(rec.text)}</li>"
        for rec in result.recommendations
    )
    return (
        f"<p><strong>Modules à revoir{NBSP}: "
        f"{_E(join_fr([str(m) for m in result.modules]))}.</strong>"
        f'</p><ul style="margin:0.3em 0;padding-left:1.4em">{items}</ul>'
    )


def warnings_html(result: DiagnosticResult, source_titles: Mapping[str, str] | None = None) -> str:
    """Each triggered warning in a highlighted box (icon and words, not colour alone)."""
    titles = source_titles or {}
    boxes = []
    for warning in result.warnings:
        source = ""
        if warning.source:
            name = titles.get(warning.source, warning.source)
            source = f'<p style="margin:0.3em 0 0;font-size:0.9em">Source{NBSP}: {_E(name)}</p>'
        boxes.append(
            f'<div class="parcours-warning" role="note" style="{WARNING_STYLE}">'
            f'<p style="margin:0"><strong>⚠ Point d\'attention.</strong> {_E(warning.text)}</p>'
            f"{source}</div>"
        )
    return "".join(boxes)


# -- the SVG profile --------------------------------------------------------------------------


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


def _svg_text(x: float, middle: float, lines: list[str], **attributes: str) -> str:
    """A text block of one or two lines, vertically centred on ``middle``."""
    first = middle - (len(lines) - 1) * 7.5 + 4.5
    spans = "".join(
        f'<tspan x="{x:g}" y="{first + 15 * n:g}">{_E(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    extra = "".join(f' {key.replace("_", "-")}="{_E(value)}"' for key, value in attributes.items())
    return f"<text{extra}>{spans}</text>"


def profile_svg(result: DiagnosticResult) -> str:
    """Horizontal bars, 0–100, one per axis, with score and stage, drawn by hand.

    No script and no address, so it prints and opens offline; the ``<desc>`` says the same in
    words for screen readers.
    """
    left, bar_width, stage_x, row, top = 200, 260, 505, 36, 30
    height = top + row * len(result.axes) + 6
    summary = "; ".join(
        f"{axis.label}{NBSP}: {_score(axis.score)}" + (f", {axis.stage}" if axis.stage else "")
        for axis in result.axes
    )
    parts = [
        '<svg class="parcours-profile" role="img" aria-labelledby="profile-title profile-desc" '
        f'viewBox="0 0 760 {height}" width="100%" '
        f'style="max-width:182mm;font-family:{_E(FONT_FAMILY)};font-size:13px">',
        f'<title id="profile-title">Profil par axe{NBSP}: score de 0 à 100 et palier '
        "atteint</title>",
        f'<desc id="profile-desc">{_E(summary)}.</desc>',
        f'<text x="{stage_x}" y="{top - 12}" font-weight="bold" fill="#1a1a1a">'
        "Palier atteint</text>",
    ]
    for tick in range(0, 101, 25):
        x = left + bar_width * tick / 100
        parts.append(
            f'<line x1="{x:g}" y1="{top - 6}" x2="{x:g}" y2="{height - 4}" stroke="#d0d0d0"/>'
            f'<text x="{x:g}" y="{top - 12}" text-anchor="middle" fill="#404040">{tick}</text>'
        )
    for index, axis in enumerate(result.axes):
        middle = top + index * row + row / 2
        parts.append(
            _svg_text(
                left - 8, middle, _svg_lines(axis.label, 26), text_anchor="end", fill="#1a1a1a"
            )
        )
        if index:
            parts.append(
                f'<line x1="0" y1="{middle - row / 2:g}" x2="760" y2="{middle - row / 2:g}" '
                'stroke="#eeeeee"/>'
            )
        stage = _svg_lines(axis.stage or "—", 34)
        parts.append(_svg_text(stage_x, middle, stage, fill="#1a1a1a"))
        if axis.score is None:
            parts.append(
                _svg_text(left + 6, middle, ["sans réponse"], fill="#404040", font_style="italic")
            )
            continue
        width = bar_width * axis.score / 100
        parts.append(
            f'<rect x="{left}" y="{middle - 10:g}" width="{width:.1f}" height="20" '
            f'fill="{OKABE_ITO["blue"]}"/>'
            + _svg_text(
                left + width + 6,
                middle,
                [format_number(axis.score, 0)],
                font_weight="bold",
                fill="#1a1a1a",
            )
        )
    parts.append("</svg>")
    return "".join(parts)


# -- the page ---------------------------------------------------------------------------------

_CSS = f"""
@page {{ size: A4; margin: 12mm 14mm; }}
* {{ box-sizing: border-box; }}
body {{ font-family: {FONT_FAMILY}; font-size: 10pt; line-height: 1.35; color: #1a1a1a;
  max-width: 182mm; margin: 0 auto; padding: 6mm 0; }}
h1 {{ font-size: 16pt; margin: 0 0 0.15em; }}
h2 {{ font-size: 11.5pt; margin: 0.8em 0 0.3em; border-bottom: 1px solid #333; }}
p {{ margin: 0.3em 0; }}
.meta {{ color: #404040; margin: 0 0 0.4em; }}
.note {{ font-size: 9pt; color: #404040; }}
li {{ margin-bottom: 0.2em; }}
footer {{ margin-top: 1em; font-size: 8pt; color: #404040; border-top: 1px solid #d0d0d0; }}
@media print {{ body {{ padding: 0; }} h2, table, .parcours-warning {{ break-inside: avoid; }} }}
"""


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
    name = title or result.bank_id
    moment = record.created_at if record is not None else datetime.now(UTC)
    who = f"Pseudonyme{NBSP}: {_E(record.pseudonym)} · " if record is not None else ""
    count = (
        f"Profil calculé sur {result.answered} réponses sur {result.total}{NBSP}: les "
        "questions sans "
        "réponse ne comptent pas."
        if result.partial
        else f"Profil calculé sur vos {result.total} réponses."
    )
    warnings = warnings_html(result, source_titles)
    sections = [
        f"<h1>{_E(name)}</h1>",
        f'<p class="meta">{who}Résultat du {_E(format_datetime_fr(moment))} · '
        f"questionnaire version {_E(result.bank_version)}</p>",
        f'<p class="note">{_E(count)} Chaque score est la moyenne des réponses de l\'axe, '
        "ramenée de 0 (bas de l'échelle) à 100 (haut de l'échelle).</p>",
        "<h2>Profil</h2>",
        profile_svg(result),
    ]
    if warnings:
        sections += ["<h2>Points d'attention</h2>", warnings]
    advice = recommendations_html(result)
    if advice:
        sections += ["<h2>Pour aller plus loin</h2>", advice]
    produced = _E(format_datetime_fr(datetime.now(UTC)))
    sections.append(
        f"<footer>Parcours «{NBSP}co-construction territoriale{NBSP}» — autodiagnostic. "
        "Rapport produit le "
        f"{produced}. Il n'y a pas de bonne réponse{NBSP}: ce profil est une photographie de votre "
        "action, à comparer avec vous-même dans le temps.</footer>"
    )
    body = "\n".join(sections)
    return (
        '<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_E(name)} — rapport</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


# -- PDF --------------------------------------------------------------------------------------


def chromium_path() -> str | None:
    """Debian's Chromium if installed (``python3 dev.py test`` installs it), else ``None``."""
    for candidate in CHROMIUM_CANDIDATES:
        found = candidate if Path(candidate).is_absolute() else shutil.which(candidate)
        if found and Path(found).exists():
            return found
    return None


def profile_report_pdf(
    report_html: str, out_path: str | Path, *, chromium: str | None = None, timeout: float = 90
) -> Path:
    """Print ``report_html`` to ``out_path`` with headless Chromium; returns ``out_path``.

    Raises :class:`DataError` with code ``pdf-unavailable`` when Chromium is not installed and
    ``pdf-failed`` when it did not produce the file (details in the log).
    """
    out = Path(out_path).resolve()
    executable = chromium or chromium_path()
    if executable is None:
        raise DataError.single(out.name, "pdf-unavailable")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="parcours-pdf-") as tmp:
        page = Path(tmp) / "rapport.html"
        page.write_text(report_html, encoding="utf-8")
        command = [
            executable,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-dev-shm-usage",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.info("Chromium failed to print %s", out, exc_info=exc)
            raise DataError.single(out.name, "pdf-failed", value=type(exc).__name__) from exc
    if not out.is_file() or out.stat().st_size == 0:
        log.info("Chromium gave no PDF (exit %s): %s", done.returncode, done.stderr[-2000:])
        raise DataError.single(out.name, "pdf-failed", value=f"code {done.returncode}")
    return out
