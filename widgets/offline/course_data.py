"""What the offline pages' scripts read: banks, source titles, modules, profile figures, replays,
and the rules a results import is checked against (:mod:`widgets.storage.import_rules`).

Everything comes from the same objects the notebooks use: the validated banks (dumped as JSON
with the model's own field names), the module list of :mod:`widgets.ui.navigation`, and, for
each self-diagnostic, an empty profile figure built by
:func:`widgets.figures.profile.profile_figure`. ``parcours.js`` only fills that figure's
traces and texts, so the offline profile has the notebook's look without a second figure
builder. It is written once as ``assets/data/course.js`` (a plain ``<script src>``: pages
opened from ``file://`` may not fetch anything).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from widgets.activities import load_activities
from widgets.actors import actors_map_json
from widgets.banks import Bank, DiagnosticBank
from widgets.figures.profile import DEFAULT_LABELS_FR, NO_ANSWER_FR, profile_figure, profile_style
from widgets.figures.theme import wrap_text
from widgets.offline.facade import figure_json
from widgets.scoring.diagnostic import score_diagnostic
from widgets.storage.import_rules import import_rules

RADAR_LABEL_WIDTH = 18
BARS_LABEL_WIDTH = 26
"""Axis label widths of :func:`widgets.figures.profile._axis_labels`, per style."""


def bank_json(bank: Bank) -> dict[str, Any]:
    """A bank as the scripts read it: the pydantic model's fields (``all_of``, ``any_of``)."""
    return bank.model_dump(mode="json")


def profile_payload(bank: DiagnosticBank) -> dict[str, Any]:
    """The empty profile figure of ``bank`` and its axis labels, wrapped as plotly shows them.

    For each axis two labels: answered, and « (sans réponse) ». Wrapping is done here with the
    figures' own :func:`wrap_text`; the script only keeps them unique, as the builder does.
    """
    empty = score_diagnostic(bank, {})
    style = profile_style(empty)
    width = RADAR_LABEL_WIDTH if style == "radar" else BARS_LABEL_WIDTH
    labels = {
        axis.id: [
            wrap_text(axis.label, width=width, max_lines=3),
            wrap_text(f"{axis.label} ({NO_ANSWER_FR})", width=width, max_lines=3),
        ]
        for axis in bank.axes
    }
    return {
        "style": style,
        "base": figure_json(profile_figure(empty, title=bank.title), fitted=False),
        "labels": labels,
        "names": dict(DEFAULT_LABELS_FR),
    }


def modules_payload(pages: Mapping[str, str]) -> list[dict[str, Any]]:
    """The ten modules with their page, quiz bank and diagnostic bank (home progress)."""
    from widgets.plan import MODULES

    return [
        {
            "number": module.number,
            "title": module.title,
            "label": module.label,
            "page": pages.get(module.filename, module.filename),
            "quiz_bank": module.quiz_bank,
            "diagnostic_bank": module.diagnostic_bank,
        }
        for module in MODULES
    ]


def course_payload(
    banks: Mapping[str, Bank],
    pages: Mapping[str, str],
    sources: Mapping[str, str],
    replays: Sequence[Mapping[str, Any]] = (),
    *,
    pseudonym: str,
    generated_at: str,
) -> dict[str, Any]:
    """Everything ``assets/data/course.js`` holds (see the module docstring)."""
    group_overlays: dict[str, list[Mapping[str, Any]]] = {}
    for replay in replays:
        if replay.get("scores") is not None:
            group_overlays.setdefault(str(replay["bank_id"]), []).append(replay)
    return {
        "banks": {bank_id: bank_json(bank) for bank_id, bank in banks.items()},
        "sources": dict(sources),
        "modules": modules_payload(pages),
        "profiles": {
            bank_id: profile_payload(bank)
            for bank_id, bank in banks.items()
            if isinstance(bank, DiagnosticBank)
        },
        "replays": group_overlays,
        "activities": {key: activity.to_json() for key, activity in load_activities().items()},
        "actors_map": actors_map_json(),
        "results_rules": import_rules(),
        "pseudonym": pseudonym,
        "generated_at": generated_at,
    }


def data_script(name: str, payload: Any) -> str:
    """A data file for ``<script src>``: ``PARCOURS_DATA.<name> = {…};``.

    JSON is valid JavaScript; only U+2028 and U+2029, legal in JSON strings but not in older
    JavaScript string literals, are escaped.
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (
        "window.PARCOURS_DATA = window.PARCOURS_DATA || {};\n"
        f"window.PARCOURS_DATA[{json.dumps(name)}] = {text};\n"
    )
