"""The replay page: what a webinar room answered, question by question, and its mean profile.

Built from a validated :class:`~widgets.room.replay.Replay` and its bank. Figures are static
(the numbers of a closed session never change); a diagnostic's mean profile is also handed to
the diagnostic form of the offline course, which can lay it over the learner's own profile.
The words and the order are chosen here; the markup is ``templates/offline/replay.html.j2``.
"""

from __future__ import annotations

from typing import Any

from widgets.banks import Bank, DiagnosticBank, graded_items
from widgets.figures.room import choice_counts_figure, describe_replay, group_profile_figure
from widgets.french import NBSP, format_number, plural
from widgets.offline.facade import Fragment, figure_fragment, figure_json
from widgets.report import format_date_fr
from widgets.room.replay import Replay, choices
from widgets.templates import markup, render
from widgets.templates.room import audience_html, word_cloud_html


def replay_title(replay: Replay, bank: Bank) -> str:
    """How pages and menus name the session."""
    return replay.title or f"Webinaire «{NBSP}{bank.title}{NBSP}»"


def group_label(replay: Replay, bank: Bank) -> str:
    """The overlay's name on a learner's profile: « Moyenne de la salle (42 participants) »."""
    people = plural(replay.participants, "participant")
    return f"Moyenne de la salle — {replay_title(replay, bank)} ({people})"


def replay_overlay(replay: Replay, bank: Bank, page: str) -> dict[str, Any]:
    """What ``course.js`` keeps of a replay for the diagnostic form (``scores`` may be None)."""
    return {
        "bank_id": bank.id,
        "page": page,
        "label": group_label(replay, bank),
        "participants": replay.participants,
        "scores": replay.scores,
    }


def _where(bank: Bank, pages: dict[str, str]) -> dict[str, str] | None:
    """The module page that asks this bank's questions, if there is one: its link."""
    from widgets.plan import MODULES

    for module in MODULES:
        if bank.id in (module.quiz_bank, module.diagnostic_bank):
            return {"href": pages.get(module.filename, module.filename), "label": module.label}
    return None


def replay_body(replay: Replay, bank: Bank, pages: dict[str, str]) -> Fragment:
    """The page's main content."""
    figures: list[Fragment] = []
    profile = None
    if isinstance(bank, DiagnosticBank) and replay.profile is not None:
        figure = group_profile_figure(
            [a.label for a in replay.profile],
            [a.mean for a in replay.profile],
            [a.respondents for a in replay.profile],
            bank.title,
        )
        figures.append(figure_fragment(figure_json(figure), describe_replay(figure)))
        profile = {"figure": markup(figures[0].html), "rows": _profile_rows(replay)}
    offered = choices(bank)
    texts = _question_texts(bank)
    right = {key: str(item.answer) for key, item in graded_items(bank).items()}
    questions = []
    kinds = {item.id: getattr(item, "type", "choice") for item in bank.items}
    for number, (question, options) in enumerate(offered.items(), start=1):
        title = f"{number}. {texts[question]}"
        if kinds[question] in ("words", "questions"):
            html_text = _open_answers(replay, question, kinds[question], title)
            questions.append(Fragment(html_text, frozenset()))
            continue
        values = [value for value, _ in options]
        figure = choice_counts_figure(
            title,
            [label for _, label in options],
            [replay.counts[question][value] for value in values],
            right=values.index(right[question]) if question in right else None,
            respondents=replay.answered(question) if kinds[question] == "multiple" else None,
        )
        questions.append(figure_fragment(figure_json(figure), describe_replay(figure)))
    body = render(
        "offline/replay.html.j2",
        title=replay_title(replay, bank),
        participants=replay.participants,
        bank_title=bank.title,
        closed=format_date_fr(replay.closed_at) if replay.closed_at is not None else None,
        versions=(
            (replay.bank_version, bank.version) if replay.bank_version != bank.version else None
        ),
        link=_where(bank, pages),
        profile=profile,
        questions=[markup(fragment.html) for fragment in questions],
    )
    needs = frozenset().union(*(fragment.needs for fragment in [*figures, *questions]))
    return Fragment(body, needs)


def _open_answers(replay: Replay, question: str, kind: str, title: str) -> str:
    """A cloud (``words``) or the audience's questions, as the room last saw them."""
    if kind == "words":
        words = replay.extras.words.get(question, ())
        return word_cloud_html(question, title, words, replay.answered(question))
    return audience_html(question, title, replay.extras.audience.get(question, ()))


def _question_texts(bank: Bank) -> dict[str, str]:
    if isinstance(bank, DiagnosticBank):
        return {item.id: item.statement for item in bank.items}
    return {item.id: item.question for item in bank.items}


def _profile_rows(replay: Replay) -> list[dict[str, Any]]:
    """The mean profile's table, axis by axis: mean (or « sans réponse ») and respondents."""
    return [
        {
            "label": axis.label,
            "mean": "sans réponse" if axis.mean is None else f"{format_number(axis.mean, 0)} / 100",
            "respondents": axis.respondents,
        }
        for axis in replay.profile or ()
    ]
