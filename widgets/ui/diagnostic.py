"""The self-diagnostic form: one screen per axis, then the learner's profile, saved.

The form only wires controls: scoring is :func:`widgets.scoring.diagnostic.score_diagnostic`,
the figure :func:`widgets.figures.profile.profile_figure`, the texts under it come from
:mod:`widgets.templates.diagnostic` (the printable report and the offline edition show the very
same sentences); the blocks between the controls are the macros of ``templates/ui/forms.html.j2``.

Answers are ``RadioButtons`` (native radio inputs): Tab reaches a question, the arrow keys
choose within it, and the browser draws the focus ring. Nothing is pre-selected, because a
default answer would be counted as the learner's. The profile may be asked for at any time: it
is computed on the answers given, and says so.

Every result is saved through :class:`~widgets.storage.ResultStore`; when the database cannot
take it, the store keeps it pending and the form offers it as a JSON download.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as ipw
import plotly.graph_objects as go
from traitlets import Int, validate

from widgets.banks import DiagnosticBank
from widgets.errors import DataError
from widgets.figures.profile import Overlay, apply_profile, describe_profile, profile_figure
from widgets.french import NBSP
from widgets.report import format_date_fr, format_datetime_fr
from widgets.scoring.diagnostic import DiagnosticResult, score_diagnostic
from widgets.storage import ResultRecord, ResultStore
from widgets.templates import macro
from widgets.templates.diagnostic import axes_table_html, recommendations_html, warnings_html
from widgets.templates.notices import alt_html, status_html
from widgets.ui.messages import report as log_failure
from widgets.ui.plotly_widget import FigureWidget
from widgets.ui.saving import SavesResults

FORMS = "ui/forms.html.j2"
KEYBOARD_HINT_FR = (
    f"Au clavier{NBSP}: Tab pour passer d'une question à l'autre, flèches pour choisir une réponse."
)


class DiagnosticForm(SavesResults, ipw.VBox):
    """A self-diagnostic bank as a form, axis by axis, ending on the learner's profile.

    Hooks for tests and notebooks: :meth:`set_answer`, :attr:`answers`, :meth:`show_profile`,
    :attr:`result` (the last :class:`DiagnosticResult`), :attr:`figure`, :attr:`record`.
    """

    page = Int(0, help="Index of the axis screen shown (0 = the bank's first axis).")

    def __init__(
        self,
        bank: DiagnosticBank,
        *,
        store: ResultStore | None = None,
        pseudonym: str | None = None,
        source_titles: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        guard = self._init_saving(bank, store, pseudonym, source_titles)
        self.result: DiagnosticResult | None = None
        self.earlier: ResultRecord | None = None
        self.group: Overlay | None = None
        self.group_label: str | None = None
        self.figure: go.Figure | None = None
        self._saved_ids: set[str] = set()
        self._saved_answers: dict[str, int] | None = None
        wide = ipw.Layout(width="auto")

        self.choices: dict[str, ipw.RadioButtons] = {}
        self._screens = [self._screen(index, guard) for index in range(len(bank.axes))]
        self.screen = ipw.VBox([self._screens[0]])
        self.previous_button = ipw.Button(description="← Précédent", disabled=True, layout=wide)
        self.next_button = ipw.Button(
            description="Suivant →", disabled=len(bank.axes) == 1, layout=wide
        )
        self.profile_button = ipw.Button(
            description="Voir mon profil", button_style="primary", disabled=True, layout=wide
        )
        self.progress = ipw.IntProgress(
            value=0, min=0, max=len(bank.items), layout=ipw.Layout(width="12em")
        )
        self.progress_text = ipw.HTML()
        self.compare = ipw.Checkbox(
            value=False,
            description="Comparer avec mon résultat précédent",
            indent=False,
            disabled=True,
            layout=wide,
        )
        self.summary = ipw.HTML()
        self.compare_note = ipw.HTML()
        self.figure_box = ipw.VBox()
        self.alt_text = ipw.HTML()
        self.details = ipw.HTML()
        self.profile_box = ipw.VBox()

        self.previous_button.on_click(guard(self._on_previous))
        self.next_button.on_click(guard(self._on_next))
        self.profile_button.on_click(guard(self._on_profile))
        self.compare.observe(guard(self._on_compare), names="value")
        nav = ipw.HBox(
            [
                self.previous_button,
                self.next_button,
                self.progress,
                self.progress_text,
                self.profile_button,
            ],
            layout=ipw.Layout(flex_flow="row wrap", align_items="center", margin="1em 0"),
        )
        header = ipw.HTML(macro(FORMS, "intro", bank.title, bank.description, KEYBOARD_HINT_FR))
        super().__init__(
            children=[header, self.screen, nav, self.profile_box, self.output], **kwargs
        )
        self.observe(guard(self._on_page), names="page")
        self._update_progress()

    # -- building ----------------------------------------------------------------------------

    def _screen(self, index: int, guard: Any) -> ipw.VBox:
        """One axis: its title and description, then each statement with its scale."""
        axis = self.bank.axes[index]
        children: list[ipw.Widget] = [
            ipw.HTML(
                macro(
                    FORMS,
                    "step",
                    "Axe",
                    index + 1,
                    len(self.bank.axes),
                    axis.label,
                    description=axis.description or "",
                )
            )
        ]
        options = [(level.label, level.value) for level in self.bank.scale]
        for number, item in enumerate(self.bank.items, start=1):
            if item.axis != axis.id:
                continue
            statement = f"{number}. {item.statement}"
            choice = ipw.RadioButtons(
                options=options,
                value=None,
                description="",
                tooltip=statement,
                description_allow_html=False,
                layout=ipw.Layout(width="auto", min_width="24em", margin="0 0 1em 1.5em"),
            )
            choice.observe(guard(self._on_answer), names="value")
            self.choices[item.id] = choice
            children += [ipw.HTML(macro(FORMS, "strong", statement)), choice]
        return ipw.VBox(children)

    @validate("page")
    def _valid_page(self, proposal: dict[str, Any]) -> int:
        """Keep the page on an existing axis, whatever a caller asks for."""
        return max(0, min(int(proposal["value"]), len(self.bank.axes) - 1))

    # -- answers -----------------------------------------------------------------------------

    @property
    def answers(self) -> dict[str, int]:
        """Item id → scale value, for the answered items only."""
        return {
            key: choice.value for key, choice in self.choices.items() if choice.value is not None
        }

    def set_answer(self, item_id: str, value: int | None) -> None:
        """Answer (or, with ``None``, clear) one statement, as a click would.

        Raises :class:`DataError` for an unknown item or a value outside the scale.
        """
        if item_id not in self.choices:
            raise DataError.single(f"réponses/{self.bank.id}", "unknown-item", item=item_id)
        score_diagnostic(self.bank, {item_id: value})  # the scoring's own checks, in French
        self.choices[item_id].value = value

    def _update_progress(self) -> None:
        count, total = len(self.answers), len(self.bank.items)
        self.progress.value = count
        # « 0 / 16 réponses »: a plain space, as the offline twin writes it (see forms.html.j2).
        words = f"{count} / {total} réponse{'s' if total > 1 else ''}"
        self.progress_text.value = macro(FORMS, "counter", words)
        self.profile_button.disabled = count == 0

    # -- the profile -------------------------------------------------------------------------

    def show_profile(self) -> DiagnosticResult | None:
        """Score the answers given, show the profile and save it; ``None`` without answers."""
        answers = self.answers
        if not answers:
            self.summary.value = status_html(
                "Répondez à au moins une question pour voir votre profil.", ok=False
            )
            self.profile_box.children = (self.summary,)
            return None
        result = score_diagnostic(self.bank, answers)
        self.result = result
        self.earlier = self._find_earlier()
        self._save(result, answers)
        self._render(result)
        return result

    def set_group(self, scores: Overlay | None, label: str | None = None) -> None:
        """Overlay a group average (axis id → score), e.g. the webinar's, on the profile."""
        self.group, self.group_label = scores, label
        if self.result is not None:
            self._draw()

    def _find_earlier(self) -> ResultRecord | None:
        """The learner's latest result of this bank saved before this form's own saves."""
        try:
            history = self.store.history(self.pseudonym, self.bank.id)
        except DataError as exc:  # no history to compare with; the profile still shows
            log_failure(exc, "DiagnosticForm.history")
            return None
        return next(
            (r for r in history if r.id not in self._saved_ids and r.kind == "diagnostic"), None
        )

    def _save(self, result: DiagnosticResult, answers: dict[str, int]) -> None:
        if answers == self._saved_answers:
            return  # asking twice for the same profile saves it once
        record = self._record(
            "diagnostic",
            answers=dict(answers),
            scores=result.scores,
            meta=result.record_meta,
        )
        self._keep(record)
        self._saved_ids.add(record.id)
        self._saved_answers = dict(answers)

    def _render(self, result: DiagnosticResult) -> None:
        summary = macro(FORMS, "diagnostic_summary", result.answered, result.total, result.partial)
        if self.earlier is not None:
            version = ""
            if self.earlier.bank_version != self.bank.version:
                version = f" (version {self.earlier.bank_version} du questionnaire)"
            note = (
                f"Résultat précédent{NBSP}: {format_datetime_fr(self.earlier.created_at)}{version}."
            )
        else:
            note = (
                f"Pas encore de résultat précédent{NBSP}: la comparaison sera possible la "
                "prochaine fois."
            )
        self.summary.value = summary
        self.compare_note.value = macro(FORMS, "note", note)
        self.compare.disabled = self.earlier is None
        if self.earlier is None:
            self.compare.value = False
        self.details.value = (
            warnings_html(result, self.source_titles)
            + axes_table_html(result)
            + recommendations_html(result)
        )
        self._draw()
        self.profile_box.children = (
            self.summary,
            ipw.HBox([self.compare, self.compare_note], layout=ipw.Layout(align_items="center")),
            self.figure_box,
            self.details,
            self.save_notice,
        )

    def _draw(self) -> None:
        """Draw the profile, with the earlier result when asked for; in place when possible."""
        if self.result is None:
            return
        earlier = self.earlier if self.compare.value else None
        options: dict[str, Any] = {
            "title": self.bank.title,
            "earlier_label": (
                f"Résultat du {format_date_fr(earlier.created_at)}" if earlier else None
            ),
            "group_label": self.group_label,
        }
        overlay = earlier.scores if earlier is not None else None
        if isinstance(self.figure, go.FigureWidget):
            apply_profile(self.figure, self.result, overlay, self.group, **options)
        else:
            self.figure = FigureWidget(profile_figure(self.result, overlay, self.group, **options))
            self.figure_box.children = (self.figure, self.alt_text)
        # The figure's text alternative, for screen readers and for anyone who cannot see it.
        self.alt_text.value = alt_html(describe_profile(self.figure))

    # -- observers ---------------------------------------------------------------------------

    def _on_answer(self, _change: dict[str, Any]) -> None:
        self._update_progress()

    def _on_page(self, change: dict[str, Any]) -> None:
        page = change["new"]
        self.screen.children = (self._screens[page],)
        self.previous_button.disabled = page == 0
        self.next_button.disabled = page == len(self._screens) - 1

    def _on_previous(self, _button: ipw.Button) -> None:
        self.page -= 1

    def _on_next(self, _button: ipw.Button) -> None:
        self.page += 1

    def _on_profile(self, _button: ipw.Button) -> None:
        self.show_profile()

    def _on_compare(self, _change: dict[str, Any]) -> None:
        self._draw()
