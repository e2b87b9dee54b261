"""« Préparer un sondage » built in plain pytest: fill it, preview, save, import a spreadsheet."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.polls import fill_poll_form
from widgets.banks import load_bank
from widgets.banks.spreadsheet_template import template_csv, template_xlsx
from widgets.loaders.validation import validate_data_dir
from widgets.storage.live import LiveStore
from widgets.ui.live import LiveSessionPanel
from widgets.ui.poll_form import PollForm, QuestionEditor, with_poll_form


@pytest.fixture
def data(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PARCOURS_DATA_DIR", str(data_copy))
    return data_copy


def output_text(form: PollForm) -> str:
    return str(form.status.value)


def fill(form: PollForm) -> None:
    words = fill_poll_form(form, "Sondage du vendredi")
    form.editors[0].options.value = "Élus\nEntreprises\n\nAssociations"  # a blank line is skipped
    words.results.value = "always"


def test_fields_follow_the_question_type(data: Path) -> None:
    editor = PollForm().editors[0]
    assert editor.answer in editor.children and editor.max_choices not in editor.children
    editor.type.value = "multiple"
    assert editor.max_choices in editor.children and editor.answer not in editor.children
    editor.type.value = "words"
    assert editor.options not in editor.children


def test_preview_shows_what_a_phone_shows(data: Path) -> None:
    form = PollForm()
    fill(form)
    form.preview()
    html = form.preview_html.value
    assert "Vos partenaires ?" in html and "☐ Entreprises" in html
    assert "2\u00a0choix au plus" in html and "Quelques mots" in html
    assert form.output.outputs == ()


def test_saving_writes_a_bank_that_validates(data: Path) -> None:
    saved: list[str] = []
    form = PollForm(on_saved=lambda s: saved.append(s.bank.id))
    fill(form)
    form.save_button.click()
    assert saved == ["sondage_du_vendredi"]
    bank = load_bank(data / "banks" / "sondage_du_vendredi.yaml")
    assert [item.type for item in bank.items] == ["multiple", "words"]
    assert bank.items[1].results == "always"
    assert "enregistré" in form.status.value
    assert validate_data_dir(data).valid
    form.save_button.click()  # the same id again: refused in French, nothing changed
    assert saved == ["sondage_du_vendredi"]
    assert "une banque porte déjà cet identifiant" in output_text(form)
    form.replace.value = True
    form.save_button.click()
    assert saved == ["sondage_du_vendredi"] * 2


def test_a_quiz_with_a_missing_explanation_is_refused_by_question_and_field(data: Path) -> None:
    before = (data / "datapackage.json").read_bytes()
    form = PollForm()
    form.title.value = "Petit quiz"
    editor = form.editors[0]
    editor.text.value = "Combien ?"
    editor.options.value = "Dix\nVingt"
    editor.answer.value = "Vingt"
    form.save_button.click()
    text = output_text(form)
    assert "question 1" in text and "explication" in text and "source" in text
    assert "Traceback" not in text
    assert (data / "datapackage.json").read_bytes() == before
    editor.explanation.value = "Ainsi."
    editor.source.value = "004_331fb6bdea7adcf7.txt"
    form.save_button.click()
    assert load_bank(data / "banks" / "petit_quiz.yaml").kind == "quiz"


def test_removing_a_question_renumbers_the_others(data: Path) -> None:
    form = PollForm()
    second = form.add_question()
    form.add_question()
    second.remove.click()
    assert len(form.editors) == 2
    assert "Question 2" in form.editors[1].heading.value


@pytest.mark.parametrize(
    ("content", "name"), [(template_csv(), "modele.csv"), (template_xlsx(), "modele.xlsx")]
)
def test_upload_fills_the_form(data: Path, content: bytes, name: str) -> None:
    form = PollForm()
    form.upload.value = (
        {
            "name": name,
            "content": memoryview(content),
            "size": len(content),
            "type": "",
            "last_modified": datetime.now(UTC),
        },
    )
    assert form.title.value == "Sondage de rentrée du webinaire"
    assert [e.type.value for e in form.editors] == ["choice", "multiple", "words", "questions"]
    assert isinstance(form.editors[1], QuestionEditor) and form.editors[1].max_choices.value == 2
    assert "4\u00a0questions importées" in form.status.value
    assert "Depuis combien de temps" in form.preview_html.value


def test_a_bad_spreadsheet_names_row_and_column(data: Path) -> None:
    form = PollForm()
    content = b"titre;T\nquestion;type;max_choices\nQ ?;multiple;beaucoup\n"
    form.upload.value = (
        {
            "name": "mauvais.csv",
            "content": memoryview(content),
            "size": 3,
            "type": "text/csv",
            "last_modified": datetime.now(UTC),
        },
    )
    text = output_text(form)
    assert "fichier mauvais.csv, ligne 3, colonne «\u00a0max_choices\u00a0»" in text
    assert "Traceback" not in text


def test_the_dashboard_picker_offers_the_saved_poll(data: Path, tmp_path: Path) -> None:
    with LiveStore(f"sqlite:///{tmp_path / 'live.sqlite3'}") as store:
        panel = LiveSessionPanel(store=store, autostart=False)
        box = with_poll_form(panel)
        form = box.children[1].children[0]
        assert isinstance(form, PollForm)
        fill(form)
        form.save()
        assert panel.bank_picker.value == "sondage_du_vendredi"
        panel.create(panel.bank_picker.value)
        assert panel.session is not None and panel.session.bank_id == "sondage_du_vendredi"
    assert json.loads((data / "datapackage.json").read_text(encoding="utf-8"))


def test_an_installed_course_s_own_data_folder_is_flagged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packaged = tmp_path / "_content"
    (packaged / "data").mkdir(parents=True)
    monkeypatch.delenv("PARCOURS_DATA_DIR", raising=False)
    monkeypatch.setattr("widgets.config.packaged_content", lambda: packaged)
    assert "PARCOURS_DATA_DIR" in PollForm().status.value
    monkeypatch.setenv("PARCOURS_DATA_DIR", str(tmp_path))
    assert PollForm().status.value == ""


def test_a_quiz_preview_shows_what_the_phones_show_after_the_reveal(data: Path) -> None:
    form = PollForm()
    form.title.value = "Petit quiz"
    editor = form.editors[0]
    editor.text.value = "Combien ?"
    editor.options.value = "Dix\nVingt"
    editor.answer.value = "2"
    editor.explanation.value = "Parce que <b>vingt</b>."
    editor.source.value = "004_331fb6bdea7adcf7.txt"
    form.preview_button.click()
    html = form.preview_html.value
    assert "«\u00a0Vingt\u00a0» est la bonne réponse" in html
    assert "&lt;b&gt;vingt&lt;/b&gt;" in html and "<b>" not in html  # typed text is text


def test_a_scale_question_is_typed_with_its_levels(data: Path) -> None:
    form = PollForm()
    form.title.value = "Sondage sur une échelle"
    editor = form.editors[0]
    editor.text.value = "Vous sentez-vous prêt ?"
    editor.type.value = "scale"
    assert editor.options in editor.children and editor.options.description == "Niveaux"
    assert editor.answer not in editor.children  # a scale has no right answer
    editor.options.value = "Pas du tout\nUn peu\nBeaucoup"
    form.preview()
    assert "Un peu" in form.preview_html.value
    saved = form.save()
    bank = load_bank(data / saved.path)
    assert [(level.value, level.label) for level in getattr(bank, "scale", None) or []] == [
        (1, "Pas du tout"),
        (2, "Un peu"),
        (3, "Beaucoup"),
    ]
