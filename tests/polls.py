"""The poll a facilitator types in « Préparer un sondage », shared by the form's tests, the
poll-without-YAML tests and the whole webinar: a multiple choice (at most two) and open words."""

from __future__ import annotations

from typing import Any


def fill_poll_form(form: Any, title: str, *, words: str = "En un mot ?") -> Any:
    """Type the two questions into ``form`` (a :class:`widgets.ui.poll_form.PollForm`); the
    editor of the words question, for a test that sets more of it."""
    form.title.value = title
    first = form.editors[0]
    first.text.value = "Vos partenaires ?"  # the form puts the no-break space in
    first.type.value = "multiple"
    first.options.value = "Élus\nEntreprises\nAssociations"
    first.max_choices.value = 2
    words_editor = form.add_question()
    words_editor.text.value = words
    words_editor.type.value = "words"
    return words_editor
