"""What a self-diagnostic form and a quiz share: whose results they are and where they go.

Both widgets answer a bank, keep the learner's last record, save it to a
:class:`~widgets.storage.ResultStore` and say in French whether it was saved or is waiting
(``save_notice``). The scoring and the screens differ; this is the part that does not.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as ipw

from widgets.config import learner_pseudonym
from widgets.storage import ResultRecord, ResultStore, SaveOutcome
from widgets.storage.records import Kind
from widgets.ui.messages import guarded_callback
from widgets.ui.results import save_notice_html


class SavesResults:
    """Mixin for the widgets that save a learner's result (diagnostic form, quiz)."""

    bank: Any
    store: ResultStore
    pseudonym: str
    source_titles: dict[str, str]
    record: ResultRecord | None
    outcome: SaveOutcome | None
    output: ipw.Output
    save_notice: ipw.HTML

    def _init_saving(
        self,
        bank: Any,
        store: ResultStore | None,
        pseudonym: str | None,
        source_titles: Mapping[str, str] | None,
    ) -> Callable[[Callable[..., Any]], Callable[..., None]]:
        """Set the shared state; return the guard that turns a failing callback into a
        French message in ``self.output`` (never a traceback on the learner's screen)."""
        self.bank = bank
        self.store = store if store is not None else ResultStore()
        self.pseudonym = pseudonym or learner_pseudonym()
        self.source_titles = dict(source_titles or {})
        self.record = None
        self.outcome = None
        self.output = ipw.Output()
        self.save_notice = ipw.HTML()
        return guarded_callback(self.output)

    def _record(self, kind: Kind, **fields: Any) -> ResultRecord:
        """A record of this learner for this bank."""
        return ResultRecord(
            pseudonym=self.pseudonym,
            bank_id=self.bank.id,
            bank_version=self.bank.version,
            kind=kind,
            **fields,
        )

    def _keep(self, record: ResultRecord) -> None:
        """Save ``record`` (or queue it if the store fails) and say which."""
        self.outcome = self.store.save(record)
        self.record = record
        self.save_notice.value = save_notice_html(self.outcome, self.store)
