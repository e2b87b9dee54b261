"""The replay page: what a webinar room answered, question by question, and its mean profile.

Built from a validated :class:`~widgets.room.replay.Replay` and its bank. Figures are static
(the numbers of a closed session never change); a diagnostic's mean profile is also handed to
the diagnostic form of the offline course, which can lay it over the learner's own profile.
"""

from __future__ import annotations

import html
from typing import Any

from widgets.banks import Bank, DiagnosticBank, QuizBank
from widgets.figures.room import choice_counts_figure, describe_replay, group_profile_figure
from widgets.french import NBSP, format_number
from widgets.offline.facade import Fragment, figure_fragment, figure_json
from widgets.report import format_date_fr
from widgets.room.replay import Replay, choices
from widgets.templates.room import audience_html, word_cloud_html

_E = html.escape


def replay_title(replay: Replay, bank: Bank) -> str:
    """How pages and menus name the session."""
    return replay.title or f"Webinaire «{NBSP}{bank.title}{NBSP}»"


def group_label(replay: Replay, bank: Bank) -> str:
    """The overlay's name on a learner's profile: « Moyenne de la salle (42 participants) »."""
    people = f"{replay.participants} participant{'s' if replay.participants > 1 else ''}"
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


def _where(bank: Bank, pages: dict[str, str]) -> str:
    """A link to the module page that asks this bank's questions, if there is one."""
    from widgets.plan import MODULES

    for module in MODULES:
        if bank.id in (module.quiz_bank, module.diagnostic_bank):
            page = pages.get(module.filename, module.filename)
            return f'<a href="{_E(page)}">{_E(module.label)}</a>'
    return ""


def replay_body(replay: Replay, bank: Bank, pages: dict[str, str]) -> Fragment:
    """The page's main content."""
    parts = [f"<h1>Ce qu'a répondu la salle{NBSP}: {_E(replay_title(replay, bank))}</h1>"]
    facts = [
        f"{replay.participants} participant{'s' if replay.participants > 1 else ''}",
        f"questionnaire «{NBSP}{_E(bank.title)}{NBSP}»",
    ]
    if replay.closed_at is not None:
        facts.append(f"session close le {_E(format_date_fr(replay.closed_at))}")
    parts.append(f"<p>{' · '.join(facts)}.</p>")
    if replay.bank_version != bank.version:
        parts.append(
            '<p class="parcours-notice">Le questionnaire a changé depuis la session (version '
            f"{_E(replay.bank_version)} pendant la session, {_E(bank.version)} dans ce "
            f"cours){NBSP}: "
            "une question ajoutée depuis apparaît sans réponse.</p>"
        )
    parts.append(
        f'<p class="parcours-note">Réponses anonymes{NBSP}: seuls le nombre de personnes par '
        "réponse "
        "et les moyennes de la salle ont été conservés, sans nom ni réponse individuelle.</p>"
    )
    link = _where(bank, pages)
    needs: set[str] = set()
    if isinstance(bank, DiagnosticBank) and replay.profile is not None:
        invite = f" ({link})" if link else ""
        parts.append(
            "<h2>Le profil moyen de la salle</h2>"
            f"<p>Faites l'autodiagnostic{invite}{NBSP}: votre profil pourra être comparé à cette "
            "moyenne.</p>"
        )
        figure = group_profile_figure(
            [a.label for a in replay.profile],
            [a.mean for a in replay.profile],
            [a.respondents for a in replay.profile],
            bank.title,
        )
        fragment = figure_fragment(figure_json(figure), describe_replay(figure))
        parts.append(fragment.html)
        needs |= fragment.needs
        parts.append(_profile_table(replay))
    elif link:
        parts.append(f"<p>Ces questions sont celles de {link}.</p>")
    parts.append("<h2>Question par question</h2>")
    offered = choices(bank)
    texts = _question_texts(bank)
    right = {item.id: item.answer for item in bank.items} if isinstance(bank, QuizBank) else {}
    kinds = {item.id: getattr(item, "type", "choice") for item in bank.items}
    for number, (question, options) in enumerate(offered.items(), start=1):
        title = f"{number}. {texts[question]}"
        if kinds[question] in ("words", "questions"):
            parts.append(_open_answers(replay, question, kinds[question], title))
            continue
        values = [value for value, _ in options]
        figure = choice_counts_figure(
            title,
            [label for _, label in options],
            [replay.counts[question][value] for value in values],
            right=values.index(right[question]) if question in right else None,
            respondents=replay.answered(question) if kinds[question] == "multiple" else None,
        )
        fragment = figure_fragment(figure_json(figure), describe_replay(figure))
        parts.append(fragment.html)
        needs |= fragment.needs
    return Fragment("".join(parts), frozenset(needs))


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


def _profile_table(replay: Replay) -> str:
    cell = "padding:0.3em 0.8em;border-bottom:1px solid #d0d0d0;text-align:left"
    rows = "".join(
        f'<tr><th scope="row" style="{cell}">{_E(axis.label)}</th>'
        f'<td style="{cell}">'
        f"{'sans réponse' if axis.mean is None else format_number(axis.mean, 0) + ' / 100'}</td>"
        f'<td style="{cell}">{axis.respondents}</td></tr>'
        for axis in replay.profile or ()
    )
    head = "".join(
        f'<th scope="col" style="{cell};border-bottom:2px solid #333">{name}</th>'
        for name in ("Axe", "Moyenne de la salle", "Personnes")
    )
    return (
        '<table style="border-collapse:collapse;margin:0.5em 0">'
        '<caption style="text-align:left;font-weight:bold">Moyenne de la salle par axe</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
