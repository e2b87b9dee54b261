"""Links between modules, and the course home that shows the learner's progress."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import ipywidgets as ipw
import nbformat
import pytest

from widgets.config import learner_pseudonym
from widgets.french import NBSP
from widgets.plan import HOME_FILE, MODULES, progress
from widgets.storage import ResultRecord, ResultStore
from widgets.templates.course import navigation_html, progress_html
from widgets.ui.navigation import home, navigation

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "course"
_HREF = re.compile(r'href="([^"]+)"')
_MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


def hrefs(html: str) -> list[str]:
    return _HREF.findall(html)


def text(html: str) -> str:
    """What the learner reads: the HTML without its tags."""
    return html_lib.unescape(re.sub(r"<[^>]+>", "", html))


def row(html: str, number: int) -> dict[str, str]:
    """The text of the quiz and diagnostic cells of module ``number`` in the home table."""
    match = re.search(rf'<tr data-module="{number}">(.*?)</tr>', html)
    assert match, f"no row for module {number}"
    cells = dict(re.findall(r'<td data-part="(\w+)"[^>]*>(.*?)</td>', match[1]))
    return {part: text(content) for part, content in cells.items()}


# -- navigation --------------------------------------------------------------------------------


@pytest.mark.parametrize("number", range(10))
def test_navigation_links_point_to_existing_notebooks(number: int) -> None:
    links = hrefs(navigation_html(number))
    assert links
    for link in links:
        assert "/" not in link, "relative links, next to the open notebook"
        assert (COURSE / link).is_file(), link


@pytest.mark.parametrize("number", range(10))
def test_navigation_goes_to_previous_home_and_next(number: int) -> None:
    expected = [
        *([MODULES[number - 1].filename] if number > 0 else []),
        HOME_FILE,
        *([MODULES[number + 1].filename] if number < 9 else []),
    ]
    html = navigation_html(number)
    assert hrefs(html) == expected
    assert ("← Module précédent" in html) == (number > 0)
    assert ("Module suivant →" in html) == (number < 9)
    assert "Accueil" in html


def test_navigation_is_a_widget_and_survives_a_bad_number() -> None:
    widget = navigation(3)
    assert isinstance(widget, ipw.HTML)
    assert widget.value == navigation_html(3)
    assert hrefs(navigation_html(42)) == [HOME_FILE]


def test_module_list_matches_notebooks_and_banks() -> None:
    for module in MODULES:
        assert (COURSE / module.filename).is_file()
        assert (ROOT / "data" / "banks" / f"{module.quiz_bank}.yaml").is_file()
        if module.diagnostic_bank:
            assert (ROOT / "data" / "banks" / f"{module.diagnostic_bank}.yaml").is_file()


@pytest.mark.parametrize("path", sorted(COURSE.glob("*.ipynb")), ids=lambda p: p.name)
def test_markdown_links_to_notebooks_exist(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for target in _MARKDOWN_LINK.findall(cell.source):
            if not target.startswith(("http://", "https://", "#")):
                assert (COURSE / target.split("#")[0]).is_file(), target


# -- home --------------------------------------------------------------------------------------


def test_progress_from_banks_done() -> None:
    rows = progress({"quiz_module_1", "maturite_co_construction"})
    by_number = {r.module.number: r for r in rows}
    assert [r.module.number for r in rows] == list(range(10))
    assert by_number[1].quiz_done and not by_number[2].quiz_done
    assert by_number[3].diagnostic_done and by_number[9].diagnostic_done
    assert by_number[0].diagnostic_done is False
    assert by_number[4].diagnostic_done is None


def test_home_links_point_to_existing_notebooks() -> None:
    links = hrefs(progress_html(set()))
    assert links == [m.filename for m in MODULES]
    for link in links:
        assert (COURSE / link).is_file()


@pytest.fixture
def learner_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ResultStore:
    """A fresh SQLite results store, configured the way a learner's laptop is."""
    monkeypatch.setenv("PARCOURS_DATABASE_URL", f"sqlite:///{tmp_path / 'resultats.sqlite3'}")
    monkeypatch.setenv("PARCOURS_PSEUDONYM", "binome-nord")
    monkeypatch.setenv("PARCOURS_LOG_FILE", str(tmp_path / "parcours.log"))
    store = ResultStore()
    yield store
    store.close()


def record(bank_id: str, kind: str, pseudonym: str | None = None) -> ResultRecord:
    scores = {"correct": 4, "total": 5} if kind == "quiz" else {"solutions": 50.0}
    return ResultRecord(
        pseudonym=pseudonym or learner_pseudonym(),
        bank_id=bank_id,
        bank_version="1.0",
        kind=kind,  # type: ignore[arg-type]
        scores=scores,
    )


def home_table(widget: ipw.VBox) -> str:
    table = widget.children[0]
    assert isinstance(table, ipw.HTML)
    return table.value


def test_home_shows_a_saved_quiz_as_done(learner_store: ResultStore) -> None:
    assert learner_store.save(record("quiz_module_1", "quiz")).stored
    assert learner_store.save(record("quiz_module_2", "quiz", pseudonym="quelqu-un-d-autre")).stored

    html = home_table(home())

    assert row(html, 1)["quiz"] == "✓ fait"
    assert row(html, 2)["quiz"] == "à faire", "another learner's result does not count"
    assert row(html, 0)["diagnostic"] == "à faire"
    assert row(html, 1)["diagnostic"] == "—"
    assert f"Quiz faits{NBSP}: 1 sur 10." in text(html)


def test_home_shows_a_diagnostic_in_both_modules_that_offer_it(
    learner_store: ResultStore,
) -> None:
    assert learner_store.save(record("maturite_co_construction", "diagnostic")).stored
    html = home_table(home())
    assert row(html, 3)["diagnostic"] == "✓ fait"
    assert row(html, 9)["diagnostic"] == "✓ fait"
    assert row(html, 3)["quiz"] == "à faire"


def test_home_refresh_button_reads_new_results(learner_store: ResultStore) -> None:
    widget = home()
    assert row(home_table(widget), 5)["quiz"] == "à faire"
    assert learner_store.save(record("quiz_module_5", "quiz")).stored
    button = widget.children[1]
    assert isinstance(button, ipw.Button)
    button.click()
    assert row(home_table(widget), 5)["quiz"] == "✓ fait"


def test_home_with_an_unreadable_store_shows_french_and_still_lists_modules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    garbage = tmp_path / "resultats.sqlite3"
    garbage.write_text("ceci n'est pas une base de données\n" * 100, encoding="utf-8")
    monkeypatch.setenv("PARCOURS_DATABASE_URL", f"sqlite:///{garbage}")
    monkeypatch.setenv("PARCOURS_LOG_FILE", str(tmp_path / "parcours.log"))

    html = home_table(home())

    message = text(html)
    assert "Votre progression n'a pas pu être lue" in message
    assert "base de résultats indisponible" in message
    assert 'role="alert"' in html
    assert "Traceback" not in message and "Error" not in message
    assert hrefs(html) == [m.filename for m in MODULES]
    assert row(html, 1)["quiz"] == "—"
