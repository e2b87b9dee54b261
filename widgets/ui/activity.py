"""A binôme activity as a form that saves like a quiz: a choice and a sentence per item, a note.

One form for every activity of ``data/activities.yaml`` (:mod:`widgets.activities`): each item
shows its own scale as native radio buttons, nothing preselected (a default would answer for
the binôme), or none when the item asks for a sentence only; then one sentence per item and a
shared note. « Enregistrer » saves a record of kind ``"activity"`` to the
learner's results store (:class:`~widgets.ui.saving.SavesResults`), listed and exported with
the quizzes. The offline twin is ``widgets/offline/static/js/activity.js``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ipywidgets as ipw

from widgets.activities import Activity, activity_answers, activity_meta
from widgets.french import NBSP
from widgets.storage import ResultRecord, ResultStore
from widgets.templates import macro
from widgets.templates.notices import status_html
from widgets.ui.saving import SavesResults

FORMS = "ui/forms.html.j2"
NOTE_PLACEHOLDER_FR = "La réponse de votre territoire, en une phrase"
ANSWER_PLACEHOLDER_FR = "Votre réponse, à deux"
NOTHING_TO_SAVE_FR = (
    f"Rien à enregistrer{NBSP}: répondez à au moins une question ou écrivez une note."
)


class ActivityWidget(SavesResults, ipw.VBox):
    """An :class:`~widgets.activities.Activity` as a form; :meth:`save` keeps its record.

    Hooks for tests and notebooks: :attr:`levels`, :attr:`notes`, :attr:`note` (the controls),
    :meth:`answers`, :meth:`save`.
    """

    def __init__(
        self,
        activity: Activity,
        *,
        store: ResultStore | None = None,
        pseudonym: str | None = None,
        source_titles: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        guard = self._init_saving(activity, store, pseudonym, source_titles)
        self.activity = activity
        self.levels: dict[str, ipw.RadioButtons] = {}
        self.notes: dict[str, ipw.Textarea] = {}
        blocks: list[ipw.Widget] = [
            ipw.HTML(macro(FORMS, "intro", activity.title, activity.prompt))
        ]
        total = len(activity.dimensions)
        for number, dimension in enumerate(activity.dimensions, start=1):
            controls: list[ipw.Widget] = []
            scale = activity.scale(dimension)
            if scale:
                self.levels[dimension.id] = ipw.RadioButtons(
                    options=[(label, index) for index, label in enumerate(scale)],
                    value=None,
                    description="",
                    tooltip=dimension.question,
                    layout=ipw.Layout(width="auto", margin="0 0 0.3em 1.5em"),
                )
                controls.append(self.levels[dimension.id])
            self.notes[dimension.id] = ipw.Textarea(
                placeholder=activity.placeholder
                or (NOTE_PLACEHOLDER_FR if scale else ANSWER_PLACEHOLDER_FR),
                layout=ipw.Layout(width="95%", height="4em"),
            )
            heading = macro(
                FORMS,
                "step",
                activity.item_label,
                number,
                total,
                dimension.label,
                question=dimension.question,
            )
            blocks.append(
                ipw.VBox(
                    [ipw.HTML(heading), *controls, self.notes[dimension.id]],
                    layout=ipw.Layout(margin="0 0 1em 0"),
                )
            )
        self.note = ipw.Textarea(
            placeholder=activity.note_label, layout=ipw.Layout(width="95%", height="6em")
        )
        self.save_button = ipw.Button(
            description="Enregistrer l'activité",
            button_style="primary",
            layout=ipw.Layout(width="auto"),
        )
        self.save_button.on_click(guard(lambda _button: self.save()))
        source = self.source_titles.get(activity.source, activity.source)
        blocks += [
            ipw.HTML(macro(FORMS, "strong", activity.note_label)),
            self.note,
            self.save_button,
            self.save_notice,
            ipw.HTML(macro(FORMS, "note", f"{activity.source_label}{NBSP}: {source}", small=True)),
            self.output,
        ]
        super().__init__(children=blocks, **kwargs)
        self.add_class("parcours-activity")

    def answers(self) -> dict[str, int | str]:
        """What the form holds now, in the canonical form a record keeps."""
        return activity_answers(
            self.activity,
            {key: control.value for key, control in self.levels.items()},
            {key: control.value for key, control in self.notes.items()},
            self.note.value,
        )

    def save(self) -> ResultRecord | None:
        """Save the form as a record of kind ``"activity"``; ``None`` when it is empty."""
        answers = self.answers()
        if not answers:
            self.save_notice.value = status_html(NOTHING_TO_SAVE_FR, ok=False)
            return None
        record = self._record(
            "activity", answers=answers, meta=activity_meta(self.activity, answers)
        )
        self._keep(record)
        return record
