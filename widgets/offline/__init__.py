"""The offline, kernel-less edition: ``parcours export OUT`` (see :mod:`widgets.offline.build`).

Import from here; the submodules are an implementation detail.

What lives here: the build (:mod:`.build`, :mod:`.site`, :mod:`.target`), the kernel-less run
of the notebooks (:mod:`.runner`, :mod:`.patches`) and its course facade (:mod:`.facade`), the
pages (:mod:`.page`, :mod:`.replay_page`, :mod:`.markdown`; their markup is in
``widgets/templates/offline/``), the data the pages carry (:mod:`.course_data`,
:mod:`.explorer`, :mod:`.progress`, :mod:`.plotlyjs`) and ``static/``: the style sheet and the
script sources (``static/js/``) concatenated into ``assets/parcours.js``.

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
