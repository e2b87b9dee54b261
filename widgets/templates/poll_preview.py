"""« Préparer un sondage »: a bank's questions as a phone shows them, before it is saved.

Built from :func:`widgets.room.questions.public_view`, what the server sends the phones, so
the preview shows what participants will read (the same texts, choices and bounds), plus, for
a quiz, the right answer and the explanation the phones show after the reveal.
"""

from __future__ import annotations

from typing import Any

from widgets.banks import Bank, graded_items
from widgets.room.questions import public_view
from widgets.templates import render


def poll_preview_html(bank: Bank) -> str:
    """The bank's questions, one phone-sized card each (``templates/ui/poll_preview.html.j2``)."""
    view: dict[str, Any] = public_view(bank)
    graded = graded_items(bank)
    for question in view["questions"]:
        item = graded.get(question["id"])
        if item is not None:
            labels = {option.id: option.label for option in item.options or []}
            question["answer"] = labels[str(item.answer)]
            question["explanation"] = item.explanation
    return render("ui/poll_preview.html.j2", view=view)
