"""Run a course notebook without a kernel: its code cells call the offline facade.

A module's code cells are one-liners over the course facade (``from widgets.course import
quiz`` then ``quiz(3)``). Starting a kernel per notebook only to get ipywidgets that no static
page can show would cost seconds each and give nothing usable. Instead each cell is executed
here, in a namespace of its own per notebook, with every import the real one: the caller makes
the offline facade (:class:`widgets.offline.facade.OfflineCourse`) the course's edition
(:func:`widgets.facade.use`), so ``widgets.course``'s functions return HTML fragments instead of
widgets, and a cell that computes something still computes it.

The value of a cell's last expression, what it passes to ``display()`` and what it prints are
its outputs, in that order, as in Jupyter. A cell that raises stops the export with a
:class:`CellError` that names the notebook and the cell: a half-rendered module must never be
shipped.
"""

from __future__ import annotations

import ast
import builtins
import io
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from widgets.french import NBSP


@dataclass(frozen=True)
class Printed:
    """Text a cell printed (shown as preformatted text)."""

    text: str


@dataclass(frozen=True)
class Cell:
    """One cell of a notebook: markdown source, or the outputs of a code cell."""

    kind: str
    """``"markdown"`` or ``"code"``."""
    source: str
    outputs: tuple[Any, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class RunNotebook:
    """A notebook after execution: its cells in order, ready to be rendered."""

    path: Path
    cells: tuple[Cell, ...] = field(default_factory=tuple)

    @property
    def title(self) -> str:
        """The text of the first level-1 heading (the page title), else the file name."""
        for cell in self.cells:
            if cell.kind != "markdown":
                continue
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
        return self.path.stem


class CellError(Exception):
    """A code cell failed: which notebook, which cell (1-based), and the original error."""

    def __init__(self, notebook: Path, index: int, error: BaseException) -> None:
        self.notebook = notebook
        self.index = index
        self.error = error
        super().__init__(self.message_fr())

    def message_fr(self) -> str:
        detail = getattr(self.error, "message_fr", None)
        reason = (
            detail() if callable(detail) else f"{type(self.error).__name__}{NBSP}: {self.error}"
        )
        return f"{self.notebook.name}, cellule {self.index}{NBSP}: {reason}"


def run_notebook(path: Path) -> RunNotebook:
    """Execute every code cell of ``path`` in a fresh namespace.

    Raises :class:`CellError` for the first cell that fails (a notebook that cannot be read
    counts as cell 0).
    """
    try:
        notebook = nbformat.read(path, as_version=4)
    except Exception as exc:  # unreadable JSON, wrong nbformat: say which file
        raise CellError(path, 0, exc) from exc
    namespace = new_namespace()
    cells: list[Cell] = []
    for index, cell in enumerate(notebook.cells, start=1):
        tags = tuple(cell.get("metadata", {}).get("tags", ()))
        if cell.cell_type == "markdown":
            cells.append(Cell("markdown", cell.source, tags=tags))
        elif cell.cell_type == "code":
            try:
                outputs = execute(cell.source, namespace, f"{path.name}, cellule {index}")
            except Exception as exc:
                raise CellError(path, index, exc) from exc
            cells.append(Cell("code", cell.source, tuple(outputs), tags))
    return RunNotebook(path, tuple(cells))


def execute(source: str, namespace: dict[str, Any], where: str = "<cellule>") -> list[Any]:
    """Run one cell like IPython: outputs are ``display()`` calls, prints, then the last value."""
    tree = ast.parse(source, filename=where)
    last: ast.Expression | None = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        expression = tree.body.pop()
        assert isinstance(expression, ast.Expr)
        last = ast.Expression(expression.value)
    shown: list[Any] = []
    namespace["display"] = lambda *values, **_options: shown.extend(values)
    printed = io.StringIO()
    with redirect_stdout(printed):
        exec(compile(tree, where, "exec"), namespace)
        value = eval(compile(last, where, "eval"), namespace) if last is not None else None
    outputs = list(shown)
    if printed.getvalue():
        outputs.append(Printed(printed.getvalue()))
    if value is not None:
        outputs.append(value)
    return outputs


def new_namespace() -> dict[str, Any]:
    """A fresh ``__main__`` namespace, as a kernel gives each notebook."""
    return {"__name__": "__main__", "__builtins__": builtins}
