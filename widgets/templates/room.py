"""The live room's blocks as HTML: what the shared screen shows to let people join, and what
bar charts cannot show of a room (its word clouds, the audience's questions)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from markupsafe import Markup, escape

from widgets.banks import Bank
from widgets.french import plural
from widgets.room.aggregate import word_clouds
from widgets.room.join import join_url, loopback_only, qr_svg
from widgets.room.qa import AudienceQuestion, room_order
from widgets.templates import render


def join_html(code: str, base: str | None) -> str:
    """The join code in large type, the URL and the QR code (or why there is none)."""
    if base is None:
        return render("join.html.j2", code=code, url=join_url("", code), known=False, qr="")
    url = join_url(base, code)
    try:
        # segno's SVG (our own generator's output, no text of the user in it but the URL,
        # which segno encodes as modules, not as text).
        qr = Markup(qr_svg(url).replace("<svg ", '<svg role="img" aria-label="Code QR" ', 1))
    except ImportError as exc:
        qr = Markup("<p>{}</p>").format(escape(str(exc)))
    return render("join.html.j2", code=code, url=url, known=True, qr=qr)


PROJECTION_PATH = "../../../parcours/live/admin/sessions/{code}/projection"
"""The projected screen, relative to the dashboard's page (``/voila/render/dashboards/…``)."""


def projection_link_html(code: str, base: str | None) -> str:
    """« Ouvrir la vue projection » for the facilitator, and a warning when phones cannot
    reach the join address (loopback only)."""
    loopback = base is None or loopback_only(join_url(base, code))
    href = PROJECTION_PATH.format(code=code)
    return render("projection_link.html.j2", href=href, loopback=loopback)


WORD_SIZES = (1.0, 3.0)
"""Font sizes (em) of the least and the most cited word of a cloud."""


def word_cloud_html(
    question_id: str, title: str, words: Sequence[tuple[str, int]], answered: int
) -> str:
    """A ``words`` question's cloud: a list sized by count (escaped by the template)."""
    top = max((count for _, count in words), default=1) or 1
    low, high = WORD_SIZES
    shown = [
        {"word": word, "count": count, "size": f"{low + (high - low) * count / top:.2f}"}
        for word, count in words
    ]
    return render(
        "room_words.html.j2",
        id=question_id,
        title=title,
        answered=plural(answered, "réponse"),
        words=shown,
    )


def audience_html(question_id: str, title: str, questions: Sequence[tuple[str, int, bool]]) -> str:
    """The audience's questions in the room's order, with their votes."""
    listed = [
        {"text": text, "votes": plural(votes, "vote"), "answered": answered}
        for text, votes, answered in questions
    ]
    return render("room_audience.html.j2", id=question_id, title=title, questions=listed)


def room_extras_html(
    bank: Bank,
    answers: Mapping[str, Mapping[str, Any]],
    hidden: Iterable[str] = (),
    audience: Iterable[AudienceQuestion] = (),
) -> str:
    """Every cloud and list of the audience's questions of a session, in the bank's order
    (``""`` for a bank that has neither): what the room's bar charts cannot show."""
    clouds = {cloud.id: cloud for cloud in word_clouds(bank, answers, hidden)}
    asked = room_order(audience)
    parts = []
    for item in bank.items:
        kind = getattr(item, "type", "choice")
        if kind == "words" and item.id in clouds:
            cloud = clouds[item.id]
            pairs = [(w.word, w.count) for w in cloud.words]
            parts.append(word_cloud_html(item.id, cloud.text, pairs, cloud.answered))
        elif kind == "questions":
            mine = [(q.text, q.votes, q.answered) for q in asked if q.item_id == item.id]
            parts.append(audience_html(item.id, getattr(item, "question", ""), mine))
    return "".join(parts)
