"""Markdown, the kernel-less run of a notebook, and what outputs become in a page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as ipw
import nbformat
import pytest

from widgets.facade import use
from widgets.french import NBSP
from widgets.offline.facade import Fragment, OfflineCourse, Site, Unsupported
from widgets.offline.markdown import render_markdown
from widgets.offline.page import as_fragment, notebook_page
from widgets.offline.runner import CellError, Printed, execute, new_namespace, run_notebook


def test_links_to_notebooks_become_pages_and_web_links_are_marked() -> None:
    text = "[M1](m1_etat_des_lieux.ipynb#objectifs) [web](https://example.org) [x](autre.ipynb)"
    html = render_markdown(text, {"m1_etat_des_lieux.ipynb": "m1_etat_des_lieux.html"})
    assert 'href="m1_etat_des_lieux.html#objectifs"' in html
    assert 'href="autre.ipynb"' in html  # not exported: left alone
    assert 'class="lien-externe"' in html and 'rel="noopener noreferrer"' in html


def test_headings_get_unique_anchors_across_cells() -> None:
    anchors: set[str] = set()
    first = render_markdown("## Quiz du module", anchors=anchors)
    second = render_markdown("## Quiz du module", anchors=anchors)
    assert 'id="quiz-du-module"' in first and 'id="quiz-du-module-"' in second


def test_tables_are_rendered_in_a_box_that_scrolls_and_takes_the_focus() -> None:
    rendered = render_markdown("| a | b |\n| --- | --- |\n| 1 | 2 |")
    assert '<table class="table-defile" tabindex="0">' in rendered


def site() -> Site:
    controls = {
        "regions": [["Bretagne", "53"]],
        "comparisons": [["(aucune)", ""]],
        "views": [["Radar", "radar"]],
        "indicators": [["Chômage", "taux_chomage"]],
    }
    return Site(pages={"accueil.ipynb": "index.html"}, explorer_controls=controls)


@pytest.mark.parametrize(
    "source",
    [
        "from widgets.course import quiz\nquiz(3)",
        "import widgets.course\nwidgets.course.quiz(3)",
        "import widgets.course as c\nc.quiz(3)",
        "from widgets import course\ncourse.quiz(3)",
    ],
)
def test_every_import_form_reaches_the_offline_facade(source: str) -> None:
    with use(OfflineCourse(site())):
        (output,) = execute(source, new_namespace())
    assert isinstance(output, Fragment) and 'data-bank="quiz_module_3"' in output.html


def test_display_print_and_value_are_outputs_in_order() -> None:
    outputs = execute("display(1)\nprint('bonjour')\n2", new_namespace())
    assert outputs == [1, Printed("bonjour\n"), 2]


def test_the_rest_of_the_package_stays_real() -> None:
    with use(OfflineCourse(site())):
        (value,) = execute("import widgets.course\nwidgets.config.APP_NAME", new_namespace())
    assert value == "parcours"


def test_outside_an_export_the_notebook_edition_answers() -> None:
    (value,) = execute("from widgets.course import edition\nedition()", new_namespace())
    assert type(value).__name__ == "NotebookCourse"


def run_offline(path: Path, where: Site) -> Any:
    with use(OfflineCourse(where)):
        return run_notebook(path)


def notebook(tmp_path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Titre\n\nTexte.")]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in sources]
    path = tmp_path / "essai.ipynb"
    nbformat.write(nb, path)
    return path


def test_a_failing_cell_names_the_notebook_and_the_cell(tmp_path: Path) -> None:
    path = notebook(tmp_path, "x = 1", "1 / 0")
    with pytest.raises(CellError) as caught:
        run_offline(path, site())
    assert caught.value.index == 3
    assert (
        caught.value.message_fr()
        == f"essai.ipynb, cellule 3{NBSP}: ZeroDivisionError{NBSP}: division by zero"
    )


def test_a_bank_problem_is_told_in_french(tmp_path: Path) -> None:
    path = notebook(tmp_path, "from widgets.course import quiz\nquiz(12)")
    with pytest.raises(CellError) as caught:
        run_offline(path, site())
    assert "banks/quiz_module_12.yaml" in caught.value.message_fr()


def test_explorer_options_are_checked(tmp_path: Path) -> None:
    where = site()
    course = OfflineCourse(where)
    assert "&quot;region&quot;: &quot;53&quot;" in course.indices_explorer(region="53").html
    with pytest.raises(Exception, match="region"):
        course.indices_explorer(region="99")
    with pytest.raises(Unsupported):
        course.indices_explorer(data=None)


def test_a_notebook_becomes_a_page(tmp_path: Path) -> None:
    path = notebook(
        tmp_path,
        "from widgets.course import quiz, diagnostic\nquiz(1)",
        "diagnostic('profil_catalyseur')",
    )
    where = site()
    page = notebook_page(run_offline(path, where), "essai.html", where.pages)
    assert page.title == "Titre"
    assert page.body.count('data-parcours="') == 2
    assert page.needs == {"course", "figures"}


def test_static_widgets_become_their_content_and_interactive_ones_are_refused() -> None:
    box = ipw.VBox([ipw.HTML("<b>gras</b>"), ipw.Label("a < b")])
    assert as_fragment(box, {}).html == "<b>gras</b><p>a &lt; b</p>"
    with pytest.raises(Unsupported):
        as_fragment(ipw.Dropdown(options=["a"]), {})


def test_a_plotly_figure_becomes_a_static_figure() -> None:
    import plotly.graph_objects as go

    fragment = as_fragment(go.Figure(go.Bar(x=[1], y=[2])), {})
    assert 'data-parcours="figure"' in fragment.html and "figures" in fragment.needs


def test_case_cards_offline_are_the_notebook_edition_html() -> None:
    from widgets import course

    notebook = course.case_cards(theme="Formes de co-construction")
    with use(OfflineCourse(site())):
        fragment = course.case_cards(theme="Formes de co-construction")
    assert isinstance(fragment, Fragment) and fragment.needs == frozenset()
    assert fragment.html == notebook.value


def test_an_activity_is_a_placeholder_that_needs_the_course_data() -> None:
    from widgets import course
    from widgets.errors import DataError

    with use(OfflineCourse(site())):
        fragment = course.activity("activite_quatre_dimensions")
        assert 'data-parcours="activity"' in fragment.html
        assert 'data-activity="activite_quatre_dimensions"' in fragment.html
        assert fragment.needs == {"course"}
        with pytest.raises(DataError):
            course.activity("inconnue")
