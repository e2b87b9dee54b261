"""A room that has answered: a session of the opening poll with a dozen phones' answers.

For the screenshots of the live dashboard (``docs/make_screenshots.py``) and the test that it
fits a projector with its results shown (``tests/browser/test_figure_layout.py``). The answers
are made up for the picture (twelve simulated participants), posted through the participants'
API as a phone does, and the results revealed through the facilitator's.
"""

from __future__ import annotations

from tests.conftest import Server
from tests.live.conftest import Admin, answer, participant

BANK = "sondage_ouverture"
ANSWERS: list[dict[str, str]] = [
    {"profil": "collectivite", "dynamique": "oui_engagee", "metier": "dialogue_territorial"},
    {"profil": "collectivite", "dynamique": "oui_emergente", "metier": "dialogue_territorial"},
    {"profil": "collectivite", "dynamique": "oui_emergente", "metier": "accompagnements"},
    {"profil": "association", "dynamique": "oui_engagee", "metier": "experimentations_collectives"},
    {"profil": "association", "dynamique": "oui_emergente", "metier": "dialogue_territorial"},
    {"profil": "association", "dynamique": "non", "metier": "gestion_lieu"},
    {"profil": "association", "dynamique": "oui_emergente", "metier": "accompagnements"},
    {"profil": "acteur_economique", "dynamique": "ne_sait_pas", "metier": "aucun"},
    {"profil": "acteur_economique", "dynamique": "oui_emergente", "metier": "accompagnements"},
    {"profil": "academique", "dynamique": "non", "metier": "experimentations_collectives"},
    {"profil": "collectivite", "dynamique": "oui_engagee", "metier": "dialogue_territorial"},
    {"profil": "association", "dynamique": "oui_emergente"},
]
"""What each simulated phone answered (the last one skipped a question)."""


def fill_room(server: Server) -> str:
    """A new session of :data:`BANK` with :data:`ANSWERS`, results revealed: its join code."""
    admin = Admin(server)
    code = str(admin.create(BANK)["code"])
    for answers in ANSWERS:
        status, reply = answer(server, code, participant(), answers)
        assert status == 200, reply
    admin.act(code, "reveal")
    return code
