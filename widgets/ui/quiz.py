"""A module quiz: each question validated on its own, with the explanation and its source.

A quiz is for learning, so feedback comes right after each « Valider »: right or not, the
right answer, why, and the document it comes from (« Source : <titre> »). A validated question
is locked, so the score counts first answers. When every question is validated, or on
« Terminer le quiz », the quiz is scored by :func:`widgets.scoring.quiz.score_quiz` (a skipped
question counts as not right and still gets its explanation), the score « 3 / 5 » is shown and
the result saved as kind ``quiz`` with scores ``{"correct": n, "total": m}``.

Options are ``RadioButtons`` with nothing selected: a default would answer for the learner.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import ipywidgets as ipw

from widgets.banks import QuizBank
from widgets.errors import DataError
from widgets.scoring.quiz import QuestionResult, QuizResult, score_quiz
from widgets.storage import ResultStore
from widgets.templates.notices import status_html
from widgets.templates.quiz import feedback_html, heading_html, question_html, score_html
from widgets.ui.focus import FocusMover
from widgets.ui.saving import SavesResults

__all__ = ["QuizWidget", "feedback_html"]


class QuizWidget(SavesResults, ipw.VBox):
    """A quiz bank as questions with « Valider », immediate feedback and a saved score.

    Hooks for tests and notebooks: :meth:`answer`, :meth:`validate`, :meth:`submit`,
    :meth:`restart`, :attr:`answers`, :attr:`result` (the :class:`QuizResult` once finished).
    """

    def __init__(
        self,
        bank: QuizBank,
        *,
        store: ResultStore | None = None,
        pseudonym: str | None = None,
        source_titles: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        guard = self._init_saving(bank, store, pseudonym, source_titles)
        self.result: QuizResult | None = None
        self.validated: set[str] = set()
        # Sized to its label: in a VBox a button stretches across the page unless it aligns left.
        wide = ipw.Layout(width="auto", align_self="flex-start")

        self.choices: dict[str, ipw.RadioButtons] = {}
        self.validate_buttons: dict[str, ipw.Button] = {}
        self.feedback: dict[str, ipw.HTML] = {}
        self.focus = FocusMover()  # after « Valider », onto its feedback (widgets.ui.focus)
        blocks: list[ipw.Widget] = []
        total = len(bank.items)
        for number, item in enumerate(bank.items, start=1):
            choice = ipw.RadioButtons(
                options=[(option.label, option.id) for option in item.options],
                value=None,
                description="",
                tooltip=item.question,
                description_allow_html=False,
                layout=ipw.Layout(width="auto", min_width="24em", margin="0 0 0.5em 1.5em"),
            )
            button = ipw.Button(description="Valider", disabled=True, layout=wide)
            choice.observe(guard(self._on_choice), names="value")
            button.on_click(guard(self._validator(item.id)))
            self.choices[item.id] = choice
            self.validate_buttons[item.id] = button
            self.feedback[item.id] = self.focus.mark(ipw.HTML())
            self.feedback[item.id].add_class("parcours-feedback")
            blocks.append(
                ipw.VBox(
                    [
                        ipw.HTML(question_html(number, total, item.question)),
                        choice,
                        button,
                        self.feedback[item.id],
                    ],
                    layout=ipw.Layout(margin="0 0 1em 0"),
                )
            )
        self.finish_button = ipw.Button(
            description="Terminer le quiz", button_style="primary", layout=wide
        )
        self.restart_button = ipw.Button(
            description="Recommencer le quiz", disabled=True, layout=wide
        )
        self.score = ipw.HTML()
        self.finish_button.on_click(guard(self._on_finish))
        self.restart_button.on_click(guard(self._on_restart))
        super().__init__(
            children=[
                ipw.HTML(heading_html(bank.title, bank.description)),
                *blocks,
                ipw.HBox([self.finish_button, self.restart_button]),
                self.score,
                self.save_notice,
                self.output,
                self.focus,
            ],
            **kwargs,
        )
        self._update_score()

    # -- answering ---------------------------------------------------------------------------

    @property
    def answers(self) -> dict[str, str]:
        """Item id → chosen option id, for the questions answered."""
        return {
            key: choice.value for key, choice in self.choices.items() if choice.value is not None
        }

    def answer(self, item_id: str, option_id: str | None) -> None:
        """Choose an option (``None`` clears), as a click would; raises DataError if unknown."""
        score_quiz(self.bank, {item_id: option_id})  # unknown question or option, in French
        if item_id in self.validated:
            raise DataError.single(
                f"réponses/{self.bank.id}", "invalid-field", item=item_id, value="déjà validée"
            )
        self.choices[item_id].value = option_id

    def validate(self, item_id: str) -> QuestionResult:
        """Lock one answered question and show its feedback; finishes after the last one."""
        if item_id not in self.choices:
            raise DataError.single(f"réponses/{self.bank.id}", "unknown-item", item=item_id)
        question = score_quiz(self.bank, self.answers).question(item_id)
        self._show_feedback(question)
        self.validated.add(item_id)
        self._update_score()
        if len(self.validated) == len(self.choices):
            self.submit()
        return question

    def submit(self) -> QuizResult:
        """Validate every answered question, score the quiz, show « 3 / 5 » and save it."""
        answers = self.answers
        result = score_quiz(self.bank, answers)
        for question in result.questions:
            if question.item_id not in self.validated:
                self._show_feedback(question)
        self.validated = set(self.choices)
        if self.result is None or self.result != result:
            self.result = result
            self._save(result, answers)
        self._update_score()
        self.finish_button.disabled = True
        self.restart_button.disabled = False
        return result

    def restart(self) -> None:
        """Clear every answer for a new attempt (the saved result stays in the history)."""
        self.result = self.record = self.outcome = None
        self.validated = set()
        for item_id, choice in self.choices.items():
            choice.disabled = False
            choice.value = None
            self.feedback[item_id].value = ""
            self.validate_buttons[item_id].disabled = True
        self.finish_button.disabled = False
        self.restart_button.disabled = True
        self.save_notice.value = ""
        self._update_score()

    # -- internals ---------------------------------------------------------------------------

    def _show_feedback(self, question: QuestionResult) -> None:
        title = self.source_titles.get(question.source, question.source)
        self.feedback[question.item_id].value = feedback_html(question, title)
        self.choices[question.item_id].disabled = True
        self.validate_buttons[question.item_id].disabled = True

    def _update_score(self) -> None:
        done = len(self.validated)
        correct = 0
        if self.result is None and done:
            validated = {k: v for k, v in self.answers.items() if k in self.validated}
            correct = score_quiz(self.bank, validated).correct
        self.score.value = score_html(len(self.choices), done, correct, self.result)

    def _save(self, result: QuizResult, answers: dict[str, str]) -> None:
        record = self._record(
            "quiz", answers=dict(answers), scores=result.scores, meta=result.record_meta
        )
        self._keep(record)

    def _on_choice(self, change: dict[str, Any]) -> None:
        item_id = next(k for k, choice in self.choices.items() if choice is change["owner"])
        self.validate_buttons[item_id].disabled = change["new"] is None

    def _validator(self, item_id: str) -> Callable[[ipw.Button], None]:
        def on_validate(_button: ipw.Button) -> None:
            self.validate(item_id)
            # « Valider » is disabled now: the focus goes to what it showed, not the page's top.
            self.focus.focus(self.feedback[item_id])

        return on_validate

    def _on_finish(self, _button: ipw.Button) -> None:
        if not self.answers:
            self.save_notice.value = status_html(
                "Choisissez au moins une réponse avant de terminer le quiz.", ok=False
            )
            return
        self.submit()

    def _on_restart(self, _button: ipw.Button) -> None:
        self.restart()
