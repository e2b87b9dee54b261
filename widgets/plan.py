"""The course plan: its modules in order, the banks that mark each one done, the home's file.

:data:`MODULES` is the course as data: each module's number, French title, notebook file and
the question banks whose results mark it as done. The three editions read it — the notebook
edition's navigation and home, the offline edition's pages and progress, the live room's list
of banks — so a module is added in one place. Pure data and functions: no import of the rest of
the package.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

HOME_FILE = "accueil.ipynb"
"""The course home, in the same folder as the modules."""

DONE = "✓ fait"
TODO = "à faire"
NONE = "—"


@dataclass(frozen=True)
class Module:
    """One module of the course.

    ``quiz_bank`` and ``diagnostic_bank`` are bank ids of ``data/banks/`` (the file name without
    ``.yaml``); a result saved under one of them marks that part of the module as done.
    """

    number: int
    title: str
    filename: str
    quiz_bank: str
    diagnostic_bank: str | None = None

    @property
    def label(self) -> str:
        """« Module 3 — Modèles de co-construction territoriale »."""
        return f"Module {self.number} — {self.title}"


MODULES: tuple[Module, ...] = (
    Module(0, "Le catalyseur territorial", "m0_catalyseur.ipynb", "quiz_module_0",
           "profil_catalyseur"),
    Module(1, "État des lieux des partenariats en France et spécificités régionales",
           "m1_etat_des_lieux.ipynb", "quiz_module_1"),
    Module(2, "Fragilités en territoire et enjeux d'alliances innovantes",
           "m2_fragilites.ipynb", "quiz_module_2"),
    Module(3, "Modèles de co-construction territoriale", "m3_modeles_co_construction.ipynb",
           "quiz_module_3", "maturite_co_construction"),
    Module(4, "Innovations territoriales & sociétales, publiques et privées",
           "m4_innovations_territoriales.ipynb", "quiz_module_4"),
    Module(5, "Tiers lieux & dialogue territorial", "m5_tiers_lieux.ipynb", "quiz_module_5"),
    Module(6, "Partenariats associations / entreprises",
           "m6_partenariats_asso_entreprises.ipynb", "quiz_module_6"),
    Module(7, "Modèles socio-économiques hybrides", "m7_modeles_socio_economiques.ipynb",
           "quiz_module_7"),
    Module(8, "RSE & Partenariats", "m8_rse_partenariats.ipynb", "quiz_module_8"),
    Module(9, "Évaluer selon la maturité", "m9_evaluer_maturite.ipynb", "quiz_module_9",
           "maturite_co_construction"),
)  # fmt: skip
"""The ten modules, in the order a learner follows them (0 opens, 9 closes)."""


def module(number: int) -> Module | None:
    """The module with this number, or ``None``."""
    for candidate in MODULES:
        if candidate.number == number:
            return candidate
    return None


@dataclass(frozen=True)
class ModuleProgress:
    """Where the learner stands in one module: ``None`` means the module has no such part."""

    module: Module
    quiz_done: bool
    diagnostic_done: bool | None


def progress(done: Iterable[str]) -> list[ModuleProgress]:
    """Progress per module, from the ids of the banks the learner has results for."""
    banks = set(done)
    return [
        ModuleProgress(
            module=m,
            quiz_done=m.quiz_bank in banks,
            diagnostic_done=None if m.diagnostic_bank is None else m.diagnostic_bank in banks,
        )
        for m in MODULES
    ]
