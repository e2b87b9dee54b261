"""English words a person must not read on our pages and in our command's output.

Each is a string that Jupyter, Voilà, plotly or Typer write by default (« Executing 3 of 3 »,
plotly's « Download plot as a PNG », « Lasso Select », « Share chart », Typer's « Show this
message and exit. », jupyter_server's « 404 : Not Found »…). Matched as whole words and case
sensitive, so French words that contain them (« Erreur », « Panorama ») and proper nouns
(« Voilà », « JupyterLab », « Python ») pass. The English-strings scans of
``tests/browser/test_french_everywhere.py``, ``tests/offline/test_french_offline.py`` and
``tests/test_cli.py`` share this list.
"""

from __future__ import annotations

import re

ENGLISH = (
    "Executing",
    "Reading",
    "Running",
    "Loading",
    "Download plot",
    "Zoom",
    "Lasso",
    "Box Select",
    "Autoscale",
    "Reset axes",
    "Pan",
    "Share",
    "Produced with Plotly",
    "Edit in Chart Studio",
    "Show this message",
    "Usage",
    "Commands",
    "Try '",
    "Missing",
    "Invalid value",
    "No such",
    "required",
    "default:",
    "Not Found",
    "Forbidden",
    "Error",
    "requesting a page",
    "Please",
    "Click",
    "<path>",
    "<text>",
    "<int>",
    "<float>",
    "Password",
    "Log in",
    "Token",
    "There was an error",
    "exception occurred",
)


def _whole(word: str) -> str:
    end = r"(?!\w)" if word[-1].isalnum() else ""
    return r"(?<![\w'])" + re.escape(word) + end


_PATTERN = re.compile("|".join(_whole(word) for word in ENGLISH))


def english_in(text: str) -> list[str]:
    """The English UI strings found in ``text``, with a few characters around each."""
    return [text[max(0, m.start() - 30) : m.end() + 30] for m in _PATTERN.finditer(text)]


PAGE_TEXT = """() => {
  const parts = [document.title, document.body ? document.body.innerText : ""];
  const names = ["title", "aria-label", "data-title", "placeholder", "alt"];
  for (const node of document.querySelectorAll(names.map((name) => `[${name}]`).join(","))) {
    for (const name of names) {
      const value = node.getAttribute(name);
      if (value) parts.push(value);
    }
  }
  return parts.join("\\n");
}"""
"""What a person reads on a page: its visible text and the tooltips and labels of its nodes."""
