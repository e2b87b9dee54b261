"""The results import's rules as data, for the offline edition's script.

The offline edition (``assets/parcours.js``, ``static/js/exchange.js``) imports a
``parcours-results`` file in the browser, with no Python at hand. Had it its own copy of the
limits, the two imports would drift apart, and a file refused by JupyterLab could enter a
browser, then come back through its export. So the export writes these rules into
``assets/data/course.js`` (:func:`widgets.offline.course_data.course_payload`) and the script
reads every number, pattern and French word from there: the bounds of
:mod:`widgets.storage.bounds`, the « attendu » texts of :mod:`widgets.storage.schema` and the
labels of :mod:`widgets.labels`. ``tests/offline/test_js_parity.py`` feeds the same broken
files to both imports.
"""

from __future__ import annotations

from typing import Any, get_args

from widgets.labels import problem_label
from widgets.storage import bounds
from widgets.storage.exchange import FORMAT_NAME, FORMAT_VERSION, MAX_PROBLEMS
from widgets.storage.json_text import TOO_DEEP_FR
from widgets.storage.records import Kind
from widgets.storage.schema import EXPECTED_FR

CODES = (
    "file-empty",
    "encoding-error",
    "json-error",
    "format-error",
    "unsupported-version",
    "missing-field",
    "invalid-field",
    "duplicate-id",
    "too-deep",
)
"""Every problem code the import can report."""


def python_whitespace() -> str:
    """What ``str.strip`` and ``str.split`` take for blank, as a regular-expression class
    (JavaScript's ``trim`` differs: it keeps U+001C–U+001F and U+0085, strips U+FEFF)."""
    return "[" + "".join(f"\\u{code:04x}" for code in range(0x10000) if chr(code).isspace()) + "]"


def import_rules() -> dict[str, Any]:
    """Everything ``exchange.js`` checks a file against (see the module docstring)."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "max_problems": MAX_PROBLEMS,
        "kinds": list(get_args(Kind)),
        "bounds": bounds.as_json(),
        "expected": dict(EXPECTED_FR),
        "too_deep": TOO_DEEP_FR,
        "labels": {code: problem_label(code) for code in CODES},
        "whitespace": python_whitespace(),
    }
