"""The offline, kernel-less edition: ``parcours export OUT`` (see :mod:`widgets.export.build`).

Import from here; the submodules are an implementation detail.
"""

from widgets.export.build import ExportSummary, build_export
from widgets.export.replay import (
    FORMAT_NAME as REPLAY_FORMAT,
)
from widgets.export.replay import (
    Replay,
    load_replay,
    parse_replay,
    replay_document,
)
from widgets.export.target import MARKER, ExportError, is_export

__all__ = [
    "MARKER",
    "REPLAY_FORMAT",
    "ExportError",
    "ExportSummary",
    "Replay",
    "build_export",
    "is_export",
    "load_replay",
    "parse_replay",
    "replay_document",
]
