"""Learners' results: the record, the store that keeps them, and the exchange formats.

* :class:`ResultRecord` (:mod:`.records`): one result in canonical form.
* :class:`ResultStore` (:mod:`.base`): SQLite by default, PostgreSQL on a shared server; a save
  that the database refuses is kept pending instead of lost (see :class:`SaveOutcome`).
* :func:`export_json` / :func:`import_json`, :func:`export_csv` / :func:`import_csv`
  (:mod:`.exchange`): the ``parcours-results`` format shared with the offline edition and the
  live-audience pages.

Core (SQLAlchemy, no web server): imports ``errors``, ``config``, ``banks``; the live store
(:mod:`.live`) is here too, shared by the live edition and the facilitator's panel.
"""

from widgets.storage.base import FlushOutcome, ResultStore, SaveOutcome
from widgets.storage.exchange import (
    FORMAT_NAME,
    FORMAT_VERSION,
    export_csv,
    export_json,
    import_csv,
    import_json,
)
from widgets.storage.records import KINDS, Kind, ResultRecord, new_id, utc_now

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "KINDS",
    "FlushOutcome",
    "Kind",
    "ResultRecord",
    "ResultStore",
    "SaveOutcome",
    "export_csv",
    "export_json",
    "import_csv",
    "import_json",
    "new_id",
    "utc_now",
]
