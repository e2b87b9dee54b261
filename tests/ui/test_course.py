"""The facade the course notebooks call: right widget, or a French message, never a traceback."""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

import ipywidgets as ipw
import pytest

from widgets import course
from widgets.french import NBSP
from widgets.loaders.sources import source_title, source_titles
from widgets.ui.course import store
from widgets.ui.diagnostic import DiagnosticForm
from widgets.ui.quiz import QuizWidget
from widgets.ui.results import ResultsPanel

DOC_001 = "001_52d11ce732393435.txt"


def message(widget: ipw.Widget) -> str:
    assert isinstance(widget, ipw.HTML), f"expected a message, got {type(widget).__name__}"
    assert 'class="parcours-message"' in widget.value
    return html.unescape(widget.value)


def test_source_titles_come_from_the_data_package() -> None:
    assert source_title(DOC_001) == (
        "Le RAMEAU, «\u00a0Le mouvement de co-construction territoriale\u00a0» (Observatoire des "
        "partenariats)"
    )
    assert source_title("absent.txt") == "absent.txt"
    assert len(source_titles()) == 5


def test_source_titles_without_a_package_fall_back_to_file_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARCOURS_DATA_DIR", str(tmp_path))
    assert source_titles() == {}
    assert source_title(DOC_001) == DOC_001


def test_each_function_returns_its_widget() -> None:
    quiz = course.quiz(1)
    assert isinstance(quiz, QuizWidget) and quiz.bank.id == "quiz_module_1"
    assert quiz.source_titles[DOC_001].startswith("Le RAMEAU")
    form = course.diagnostic("maturite_co_construction")
    assert isinstance(form, DiagnosticForm) and len(form.choices) == len(form.bank.items)
    assert isinstance(course.results(), ResultsPanel)


def test_widgets_share_one_store_so_pending_results_are_listed() -> None:
    quiz, panel = course.quiz(2), course.results()
    assert isinstance(quiz, QuizWidget) and isinstance(panel, ResultsPanel)
    assert quiz.store is panel.store is store()


def test_quiz_feedback_names_the_source_document() -> None:
    quiz = course.quiz(1)
    assert isinstance(quiz, QuizWidget)
    quiz.answer("nombre_partenariats", "b")
    quiz.validate("nombre_partenariats")
    shown = html.unescape(quiz.feedback["nombre_partenariats"].value)
    assert (
        f"Source{NBSP}: Le RAMEAU, «{NBSP}Le mouvement de co-construction territoriale{NBSP}»"
        in shown
    )


@pytest.mark.parametrize(
    ("build", "said"),
    [
        (
            lambda: course.diagnostic("inexistant"),
            f"banks/inexistant.yaml{NBSP}: fichier introuvable",
        ),
        (lambda: course.diagnostic("../secret"), "fichier introuvable"),
        (lambda: course.diagnostic("quiz_module_1"), f"attendu{NBSP}: diagnostic"),
        (lambda: course.quiz(42), f"banks/quiz_module_42.yaml{NBSP}: fichier introuvable"),
        (lambda: course.quiz("1"), "un entier de 0 à 9"),  # type: ignore[arg-type]
    ],
)
def test_a_wrong_request_shows_a_french_message(build: object, said: str) -> None:
    assert said in message(build())  # type: ignore[operator]


def test_a_broken_bank_shows_a_french_message(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = data_copy / "banks" / "profil_catalyseur.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("axis: gestion_lieu", "axis: lieu"))
    monkeypatch.setenv("PARCOURS_DATA_DIR", str(data_copy))
    shown = message(course.diagnostic("profil_catalyseur"))
    assert "banks/profil_catalyseur.yaml" in shown and "axe inconnu" in shown
    assert "Traceback" not in shown


def test_importing_the_facade_is_cheap() -> None:
    code = (
        "import sys, widgets.course; "
        "heavy = {'ipywidgets', 'plotly'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_case_cards_are_an_html_widget_and_a_wrong_id_a_message() -> None:
    cards = course.case_cards(["alsace_active_2008"])
    assert isinstance(cards, ipw.HTML) and 'id="cas-alsace_active_2008"' in cards.value
    assert "parcours-message" not in cards.value
    message(course.case_cards(["atlantide_2099"]))
