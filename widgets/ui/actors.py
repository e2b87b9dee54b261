"""The actors map as a notebook form: add actors by profile, link them, save like a quiz.

Keyboard first: a text box and a list of profiles add an actor, two lists and a button add a
link, one list and a button remove an actor; nothing is dragged. The drawing
(:func:`widgets.templates.actors.actors_svg`) and its text alternative follow each change.
The map starts from the learner's last saved one, so module 6 continues module 5's. The
offline twin is ``widgets/offline/static/js/actors.js``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

import ipywidgets as ipw

from widgets.actors import (
    ACTORS_MAP_ID,
    ACTORS_MAP_SOURCE,
    ACTORS_MAP_TITLE,
    ACTORS_MAP_VERSION,
    PROFILES,
    ActorsMap,
    map_answers,
    map_from_answers,
    map_meta,
)
from widgets.french import NBSP
from widgets.storage import ResultRecord, ResultStore
from widgets.templates import macro
from widgets.templates.actors import actors_svg, actors_text
from widgets.templates.notices import status_html
from widgets.ui.saving import SavesResults

FORMS = "ui/forms.html.j2"
PROMPT_FR = (
    "Nommez les acteurs de votre territoire que vous connaissez, chacun dans l'un des quatre "
    "profils, puis reliez ceux qui travaillent déjà ensemble. Un acteur relié à personne est "
    f"entouré de tirets rouges{NBSP}: c'est peut-être une mise en relation à faire."
)
NOTE_FR = "Note du binôme (où ces acteurs se rencontrent, les deux à mettre en relation)"
REFUSED_FR = {
    "name": f"Donnez un nom à l'acteur{NBSP}; deux acteurs ne portent pas le même nom.",
    "link": "Choisissez deux acteurs différents, pas encore reliés.",
}
NOTHING_TO_SAVE_FR = f"Rien à enregistrer{NBSP}: ajoutez au moins un acteur."


class ActorsMapWidget(SavesResults, ipw.VBox):
    """The binôme's map of actors; :meth:`save` keeps it as a record of kind ``"activity"``.

    Hooks for tests: :attr:`name`, :attr:`profile`, :attr:`first`, :attr:`second`,
    :attr:`removed`, their buttons, :attr:`map`, :meth:`save`.
    """

    def __init__(
        self,
        *,
        store: ResultStore | None = None,
        pseudonym: str | None = None,
        source_titles: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        bank = SimpleNamespace(id=ACTORS_MAP_ID, version=ACTORS_MAP_VERSION)
        guard = self._init_saving(bank, store, pseudonym, source_titles)
        self.map = self._last_saved()
        self.name = ipw.Text(placeholder="Nom de l'acteur", description="Acteur")
        self.profile = ipw.Dropdown(
            options=[(label, index) for index, label in enumerate(PROFILES)],
            value=0,
            description="Profil",
            layout=ipw.Layout(width="auto"),
        )
        self.add_button = ipw.Button(
            description="Ajouter l'acteur", layout=ipw.Layout(width="auto")
        )
        self.first = ipw.Dropdown(description="Relier")
        self.second = ipw.Dropdown(description="et")
        self.link_button = ipw.Button(
            description="Ajouter le lien", layout=ipw.Layout(width="auto")
        )
        self.removed = ipw.Dropdown(description="Retirer")
        self.remove_button = ipw.Button(
            description="Retirer l'acteur", layout=ipw.Layout(width="auto")
        )
        self.drawing = ipw.HTML()
        self.feedback = ipw.HTML()
        self.note = ipw.Textarea(
            value=self.map.note,
            placeholder=NOTE_FR,
            layout=ipw.Layout(width="95%", height="5em"),
        )
        self.save_button = ipw.Button(
            description="Enregistrer la carte",
            button_style="primary",
            layout=ipw.Layout(width="auto"),
        )
        self.add_button.on_click(guard(lambda _b: self.add_actor()))
        self.link_button.on_click(guard(lambda _b: self.add_link()))
        self.remove_button.on_click(guard(lambda _b: self.remove_actor()))
        self.save_button.on_click(guard(lambda _b: self.save()))
        source = self.source_titles.get(ACTORS_MAP_SOURCE, ACTORS_MAP_SOURCE)
        self._redraw()
        super().__init__(
            children=[
                ipw.HTML(macro(FORMS, "intro", ACTORS_MAP_TITLE, PROMPT_FR)),
                ipw.HBox([self.name, self.profile, self.add_button]),
                ipw.HBox([self.first, self.second, self.link_button]),
                ipw.HBox([self.removed, self.remove_button]),
                self.feedback,
                self.drawing,
                ipw.HTML(macro(FORMS, "strong", NOTE_FR)),
                self.note,
                self.save_button,
                self.save_notice,
                ipw.HTML(macro(FORMS, "note", f"Les quatre profils{NBSP}: {source}", small=True)),
                self.output,
            ],
            **kwargs,
        )
        self.add_class("parcours-actors")

    def _last_saved(self) -> ActorsMap:
        records = [r for r in self.store.history(self.pseudonym) if r.bank_id == ACTORS_MAP_ID]
        if not records:
            return ActorsMap()
        latest = max(records, key=lambda r: r.created_at)
        return map_from_answers(latest.answers)

    def _redraw(self) -> None:
        names = [(actor.name, index) for index, actor in enumerate(self.map.actors)]
        for control in (self.first, self.second, self.removed):
            control.options = names
            control.value = None
        self.drawing.value = actors_svg(self.map) + macro(
            FORMS, "note", actors_text(self.map), small=True
        )

    def add_actor(self) -> None:
        """Add the actor typed in :attr:`name` with the chosen profile."""
        try:
            self.map = self.map.add_actor(self.name.value, int(self.profile.value))
        except ValueError:
            self.feedback.value = status_html(REFUSED_FR["name"], ok=False)
            return
        self.name.value = ""
        self.feedback.value = ""
        self._redraw()

    def add_link(self) -> None:
        """Link the two actors chosen in :attr:`first` and :attr:`second`."""
        first, second = self.first.value, self.second.value
        try:
            if first is None or second is None:
                raise ValueError("two actors needed")
            self.map = self.map.add_link(first, second)
        except ValueError:
            self.feedback.value = status_html(REFUSED_FR["link"], ok=False)
            return
        self.feedback.value = ""
        self._redraw()

    def remove_actor(self) -> None:
        """Remove the actor chosen in :attr:`removed`, and its links."""
        if self.removed.value is not None:
            self.map = self.map.remove_actor(self.removed.value)
            self._redraw()

    def save(self) -> ResultRecord | None:
        """Save the map as a record of kind ``"activity"``; ``None`` when it has no actor."""
        current = ActorsMap(self.map.actors, self.map.links, self.note.value)
        if not current.actors:
            self.save_notice.value = status_html(NOTHING_TO_SAVE_FR, ok=False)
            return None
        record = self._record("activity", answers=map_answers(current), meta=map_meta(current))
        self._keep(record)
        return record
