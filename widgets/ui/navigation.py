"""The course's table of contents, the links between modules, and the course home.

:data:`MODULES` is the course as data: each module's number, French title, notebook file and
the question banks whose results mark it as done. Everything else here reads that list:

* :func:`navigation` — the « ← Module précédent · Accueil · Module suivant → » bar at the end of
  each module, as relative links, so the course works wherever the ``course/`` folder is served
  (JupyterLab resolves ``m1_etat_des_lieux.ipynb`` next to the open notebook);
* :func:`home` — the ten modules with this learner's progress (quiz done, diagnostic done), read
  from the results store. A store that cannot be read shows one French sentence and the list of
  modules still works: a learner must always be able to reach a module.

The HTML is built by pure functions (:func:`navigation_html`, :func:`progress_html`) so that tests
check links and progress without a kernel or a browser.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

import ipywidgets as ipw

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


# -- navigation between modules ---------------------------------------------------------------

_NAV_STYLE = (
    "margin-top:1.5em;padding:0.8em 1em;border-top:2px solid #0072B2;"
    "font-size:1.1em;line-height:1.6"
)


def _link(href: str, text: str, title: str) -> str:
    return (
        f'<a href="{html.escape(href)}" title="{html.escape(title)}" '
        f'style="color:#0072B2;font-weight:600">{html.escape(text)}</a>'
    )


def navigation_html(number: int) -> str:
    """The navigation bar of module ``number``: previous module, home, next module.

    Module 0 has no previous module and module 9 no next one; an unknown number gets only the
    link home, so a mistyped call still leaves the learner a way out.
    """
    current = module(number)
    previous = module(number - 1) if current else None
    following = module(number + 1) if current else None
    links = []
    if previous is not None:
        links.append(_link(previous.filename, "← Module précédent", previous.label))
    links.append(_link(HOME_FILE, "Accueil", "Accueil du parcours et votre progression"))
    if following is not None:
        links.append(_link(following.filename, "Module suivant →", following.label))
    detail = ""
    if following is not None:
        detail = f"<br><small>Suite du parcours : {html.escape(following.label)}</small>"
    elif current is not None:
        detail = "<br><small>Vous êtes au dernier module du parcours.</small>"
    return (
        f'<nav aria-label="Navigation entre les modules" style="{_NAV_STYLE}">'
        f"{' · '.join(links)}{detail}</nav>"
    )


def navigation(number: int) -> ipw.HTML:
    """The navigation bar shown at the end of module ``number``."""
    return ipw.HTML(navigation_html(number))


# -- the course home --------------------------------------------------------------------------


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


def _mark(done: bool | None) -> str:
    if done is None:
        return f'<span aria-label="pas d\'autodiagnostic dans ce module">{NONE}</span>'
    if done:
        return f'<strong style="color:#009E73">{DONE}</strong>'
    return f'<span style="color:#555">{TODO}</span>'


_CELL = "padding:0.35em 0.8em;border-bottom:1px solid #D0D0D0;text-align:left"


def progress_html(done: Iterable[str] | None, problem_fr: str | None = None) -> str:
    """The home table: one row per module, with a link and, when known, the progress.

    ``done`` is ``None`` when the results could not be read: the table then lists the modules
    without progress and ``problem_fr`` is shown above it.
    """
    rows = progress(done or ())
    lines = []
    if problem_fr:
        lines.append(
            '<div role="alert" style="border-left:6px solid #D55E00;padding:0.6em 1em;'
            f'background:#fff4ec;margin-bottom:0.8em">{html.escape(problem_fr)}</div>'
        )
    elif done is not None:
        quizzes = sum(r.quiz_done for r in rows)
        lines.append(f"<p>Quiz faits : <strong>{quizzes} sur {len(rows)}</strong>.</p>")
    head = "".join(
        f'<th scope="col" style="{_CELL}">{label}</th>'
        for label in ("Module", "Quiz", "Autodiagnostic")
    )
    lines.append(
        '<table style="border-collapse:collapse;font-size:1.05em">'
        f"<caption style='text-align:left;font-weight:600;padding-bottom:0.4em'>"
        f"Les modules du parcours et votre progression</caption><thead><tr>{head}</tr></thead>"
        "<tbody>"
    )
    for row in rows:
        m = row.module
        link = _link(m.filename, m.label, f"Ouvrir le module {m.number}")
        quiz = _mark(row.quiz_done) if done is not None else NONE
        if m.diagnostic_bank is None:
            diagnostic = _mark(None)
        else:
            diagnostic = _mark(row.diagnostic_done) if done is not None else NONE
        lines.append(
            f'<tr data-module="{m.number}">'
            f'<th scope="row" style="{_CELL};font-weight:normal">{link}</th>'
            f'<td data-part="quiz" style="{_CELL}">{quiz}</td>'
            f'<td data-part="diagnostic" style="{_CELL}">{diagnostic}</td></tr>'
        )
    lines.append("</tbody></table>")
    return "".join(lines)


def _read_done() -> tuple[set[str] | None, str | None]:
    """The learner's finished banks, or ``None`` and a French sentence saying why not."""
    try:
        from widgets.config import learner_pseudonym
        from widgets.storage import ResultStore

        with ResultStore() as store:
            return store.banks_done(learner_pseudonym()), None
    except Exception as exc:  # the learner's home must always open
        _report(exc)
        from widgets.errors import DataError

        reason = f" ({exc.message_fr().rstrip('.')})" if isinstance(exc, DataError) else ""
        return None, (
            f"Votre progression n'a pas pu être lue{reason}. Les modules restent accessibles "
            "ci-dessous ; le détail est noté dans le journal du formateur."
        )


def _report(exc: BaseException) -> None:
    """Log the details for the facilitator; never let logging itself break the home."""
    try:
        from widgets.ui.messages import report

        report(exc, "home")
    except Exception:  # pragma: no cover - logging must not break the home
        pass


def home_html() -> str:
    """The home table for the current learner (see :func:`progress_html`); never raises."""
    done, problem = _read_done()
    return progress_html(done, problem)


def home() -> ipw.VBox:
    """The course home: the ten modules with this learner's progress, and a refresh button.

    The button re-reads the store, for a learner who keeps the home open in a tab while working
    through a module.
    """
    table = ipw.HTML(home_html())
    refresh = ipw.Button(
        description="Actualiser ma progression",
        icon="refresh",
        tooltip="Relire vos résultats enregistrés",
        layout=ipw.Layout(width="max-content"),
    )

    def update(_: object = None) -> None:
        table.value = home_html()

    refresh.on_click(update)
    return ipw.VBox([table, refresh])
