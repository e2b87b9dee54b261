"""Keyboard focus moved from Python: after « Valider », onto the feedback it shows.

« Valider » is disabled once used, and a disabled button loses the focus: the browser puts it
back on the page (in JupyterLab, on the notebook), and a keyboard or screen-reader user starts
again from the top. The offline quiz moves the focus onto the feedback
(``offline/static/js/quiz.js``); in a notebook, Python cannot reach the page, so a tiny anywidget
does it: Python marks the feedback's widget with a class of its own and sends that class, and the
browser focuses the element once it shows text (the feedback arrives in the same message queue,
just before).
"""

from __future__ import annotations

import uuid

import anywidget
import ipywidgets as ipw

_ESM = """
export default {
  initialize({ model }) {
    model.on("msg:custom", (message) => {
      if (!message || !message.focus) return;
      const attempt = (left) => {
        const target = document.querySelector("." + message.focus);
        if (target && target.offsetParent !== null && target.textContent.trim()) {
          target.tabIndex = -1;
          target.focus();
        } else if (left > 0) {
          requestAnimationFrame(() => attempt(left - 1));
        }
      };
      attempt(120);
    });
  },
  render({ el }) {
    el.hidden = true;
  },
};
"""


class FocusMover(anywidget.AnyWidget):
    """Moves the keyboard focus onto widgets it marked (:meth:`mark`, then :meth:`focus`)."""

    _esm = _ESM

    def __init__(self) -> None:
        super().__init__(layout=ipw.Layout(display="none"))
        self._marks: dict[str, str] = {}

    def mark(self, widget: ipw.DOMWidget) -> ipw.DOMWidget:
        """Give ``widget`` a class of its own, so the browser can find it; returns it."""
        name = f"parcours-focus-{uuid.uuid4().hex[:12]}"
        widget.add_class(name)
        self._marks[widget.model_id] = name
        return widget

    def focus(self, widget: ipw.DOMWidget) -> None:
        """Ask the browser to focus ``widget`` (marked before) as soon as it shows text."""
        name = self._marks.get(widget.model_id)
        if name is not None:
            self.send({"focus": name})
