"""A module quiz as HTML: its heading, each question, the feedback after « Valider », the score.

The words are chosen here (the verdict, right or not or skipped), the markup is
``quiz.html.j2``. The notebook quiz (:mod:`widgets.ui.quiz`) shows these fragments; the offline
edition's script writes the same (``Parcours.feedbackHtml``, compared by the parity tests).
"""

from __future__ import annotations

from widgets.french import NBSP
from widgets.scoring.quiz import QuestionResult, QuizResult
from widgets.templates import macro

RIGHT_STYLE = "border-left:6px solid #009e73;background:#eefaf5;padding:0.4em 1em;margin:0.3em 0"
WRONG_STYLE = "border-left:6px solid #d55e00;background:#fff4ec;padding:0.4em 1em;margin:0.3em 0"
TEMPLATE = "quiz.html.j2"


def verdict_text(question: QuestionResult) -> str:
    """« ✔ Bonne réponse. », or what the right answer was (after a wrong answer or none)."""
    if question.correct:
        return "✔ Bonne réponse."
    right = f"la bonne réponse est «{NBSP}{question.answer_label}{NBSP}»."
    if question.answered:
        return f"✘ Ce n'est pas cela{NBSP}: {right}"
    return f"Sans réponse{NBSP}: {right}"


def feedback_html(question: QuestionResult, source_title: str) -> str:
    """What a learner reads after validating: verdict (icon and words), explanation, source."""
    return macro(
        TEMPLATE,
        "feedback",
        style=RIGHT_STYLE if question.correct else WRONG_STYLE,
        verdict=verdict_text(question),
        explanation=question.explanation,
        source_title=source_title,
    )


def heading_html(title: str, description: str) -> str:
    """The quiz's title and what it is about."""
    return macro(TEMPLATE, "heading", title=title, description=description)


def question_html(number: int, total: int, text: str) -> str:
    """« Question 2 sur 5 » and the question itself."""
    return macro(TEMPLATE, "question", number=number, total=total, text=text)


def score_html(total: int, done: int, correct: int, result: QuizResult | None) -> str:
    """The score line: an invitation before any « Valider », then right answers among the
    ``done`` validated questions, then the final score once ``result`` is known."""
    return macro(TEMPLATE, "score", total=total, done=done, correct=correct, result=result)
