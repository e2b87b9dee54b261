"""The export's progress bar, on the terminal's error stream so the summary stays clean.

``rich`` comes with typer (it draws typer's own error boxes), so no new dependency: a bar with
the current step, the count and the time left, removed when the export is done.
"""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)


class RichProgress:
    """:class:`widgets.offline.build.Progress` drawn by rich, as a context manager."""

    def __init__(self, console: Console | None = None) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console or Console(stderr=True),
            transient=True,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> RichProgress:
        self._progress.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._progress.stop()

    def start(self, total: int) -> None:
        self._task = self._progress.add_task("Préparation", total=total)

    def advance(self, amount: int = 1, description: str | None = None) -> None:
        if self._task is None:
            return
        if description is not None:
            self._progress.update(self._task, description=description)
        self._progress.advance(self._task, amount)
