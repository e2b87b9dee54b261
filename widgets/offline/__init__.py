"""The offline, kernel-less edition: ``parcours export OUT`` (see :mod:`widgets.offline.build`).

Import from here; the submodules are an implementation detail.

The offline edition: imports the core only (figures, room, templates, banks…), never the
notebook (``ui``) or live editions; it implements :class:`widgets.facade.CourseFacade`.
"""

from widgets.offline.build import ExportSummary, build_export
from widgets.offline.target import MARKER, ExportError, is_export
from widgets.room.replay import (
    FORMAT_NAME as REPLAY_FORMAT,
)
from widgets.room.replay import (
    Replay,
    load_replay,
    parse_replay,
    replay_document,
)

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
