"""What the course notebooks call: one function per widget, ready to display, never raising.

A notebook cell stays one line (``course.quiz(3)``). Whatever goes wrong (a broken bank, an
unreadable database, a module that does not exist) becomes a French message in the cell through
:func:`~widgets.ui.messages.build_or_message`, the details going to the facilitator's log.

Imports sit inside the functions, so ``import widgets.course`` is cheap and a notebook pays only
for the widgets it shows. One results store is shared per database URL: a result that a quiz
had to keep pending is then listed, and exportable, in :func:`results`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, get_args

from widgets import config

if TYPE_CHECKING:
    import ipywidgets

    from widgets.banks import Bank
    from widgets.storage import ResultStore

B = TypeVar("B", bound="Bank")

_BANK_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_STORES: dict[str, ResultStore] = {}


def _safely(build: Callable[[], Any], where: str) -> ipywidgets.Widget:
    from widgets.ui.messages import build_or_message

    return build_or_message(build, where)


def store() -> ResultStore:
    """The results store of the configured database, shared by the widgets of this kernel."""
    from widgets.storage import ResultStore

    url = config.results_url()
    if url not in _STORES:
        _STORES[url] = ResultStore(url)
    return _STORES[url]


def source_titles() -> dict[str, str]:
    """Source file name → document title, from the ``sources/…`` resources of datapackage.json.

    So that feedback reads « Source : Le RAMEAU, « … » » rather than a file name. An unreadable
    package gives ``{}`` (titles fall back to file names; ``parcours validate`` reports it).
    """
    path = config.data_dir() / "datapackage.json"
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    return dict(_titles(str(path), stamp))


@lru_cache(maxsize=4)
def _titles(path: str, _stamp: int) -> tuple[tuple[str, str], ...]:
    try:
        package = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    resources = package.get("resources", []) if isinstance(package, dict) else []
    pairs = []
    for resource in resources if isinstance(resources, list) else []:
        where = resource.get("path") if isinstance(resource, dict) else None
        title = resource.get("title") if isinstance(resource, dict) else None
        if isinstance(where, str) and where.startswith("sources/") and isinstance(title, str):
            pairs.append((where.removeprefix("sources/"), title))
    return tuple(pairs)


def source_title(file_name: str) -> str:
    """The title of a source document of ``data/sources``, or the file name if it has none."""
    return source_titles().get(file_name, file_name)


def course_bank(bank_id: str, kind: type[B]) -> B:
    """Bank ``bank_id`` of the data folder, checked to be a ``kind``; DataError otherwise."""
    from widgets.banks import load_bank
    from widgets.errors import DataError

    file = f"banks/{bank_id}.yaml"
    if not isinstance(bank_id, str) or not _BANK_ID.match(bank_id):
        raise DataError.single(file, "file-missing")
    bank = load_bank(config.data_dir() / file)
    if not isinstance(bank, kind):
        expected = get_args(kind.model_fields["kind"].annotation)[0]
        raise DataError.single(
            file, "invalid-field", column="kind", expected=expected, value=bank.kind
        )
    return bank


def quiz(module: int) -> ipywidgets.Widget:
    """The quiz of a course module (``quiz_module_<n>``), or a French message."""

    def build() -> ipywidgets.Widget:
        from widgets.banks import QuizBank
        from widgets.errors import DataError
        from widgets.ui.quiz import QuizWidget

        if isinstance(module, bool) or not isinstance(module, int):
            raise DataError.single(
                "banks", "invalid-field", item="module", expected="un entier de 0 à 9"
            )
        bank = course_bank(f"quiz_module_{module}", QuizBank)
        return QuizWidget(bank, store=store(), source_titles=source_titles())

    return _safely(build, f"course.quiz({module!r})")


def diagnostic(bank_id: str) -> ipywidgets.Widget:
    """A self-diagnostic form (``profil_catalyseur``, ``maturite_co_construction``…)."""

    def build() -> ipywidgets.Widget:
        from widgets.banks import DiagnosticBank
        from widgets.ui.diagnostic import DiagnosticForm

        bank = course_bank(bank_id, DiagnosticBank)
        return DiagnosticForm(bank, store=store(), source_titles=source_titles())

    return _safely(build, f"course.diagnostic({bank_id!r})")


def results() -> ipywidgets.Widget:
    """The learner's results: list, export, import and printable reports."""

    def build() -> ipywidgets.Widget:
        from widgets.ui.results import ResultsPanel

        return ResultsPanel(store=store(), source_titles=source_titles())

    return _safely(build, "course.results()")


def indices_explorer(**options: Any) -> ipywidgets.Widget:
    """The regional fragility explorer (radar, map, ranking) of module 2."""
    from widgets.ui.indices import IndicesExplorer

    return _safely(lambda: IndicesExplorer(**options), "indices_explorer")


def barometer() -> ipywidgets.Widget:
    """The partnership barometer of module 1 (figures quoted by the sources)."""
    from widgets.ui.figures import barometer_widget

    return _safely(barometer_widget, "barometer")


def figure_text(figure_id: str) -> Any:
    """A quoted figure as a French sentence with its value and source, read from ``data/``."""
    from widgets.ui.figures import figure_text as text

    try:
        return text(figure_id)
    except Exception as exc:  # the text of a module must still read
        from widgets.ui.messages import message_widget, report

        report(exc, f"figure_text({figure_id})")
        return message_widget(exc)
