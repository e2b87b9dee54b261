"""The course notebooks: clean, well outlined, and built the same way module after module.

Each module has its title « # Module N — Titre » (the title of :data:`MODULES`), an
« Objectifs » section, its quiz, « Pour aller plus loin » with the references the sources give,
and ends with the navigation bar. Code cells are thin calls into ``widgets``, collapsed for
learners, each importing what it uses, and each interactive element is introduced by text
that says what it shows.
"""

from __future__ import annotations

import ast
import csv
import itertools
import re
from pathlib import Path

import nbformat
import pytest

from widgets.plan import MODULES, Module

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "course"
HOME = COURSE / "accueil.ipynb"
NOTEBOOKS = sorted(COURSE.glob("*.ipynb"))

FACADE = {"widgets.course"}
"""The only modules a course cell imports from."""

SPECIFIC_CALLS: dict[int, list[str]] = {
    0: ['diagnostic("profil_catalyseur")'],
    1: ["barometer()"],
    2: ["indices_explorer()"],
    3: ['diagnostic("maturite_co_construction")'],
    9: ['diagnostic("maturite_co_construction")', "results()"],
}
"""The interactive element each module must offer besides its quiz."""

FURTHER_REFERENCES = (
    "centre de ressources",
    "MOOC",
    "Observatoire des partenariats",
    "L'innovation territoriale en actions",
)
"""The references the sources give: each is offered by at least one module's « Pour aller plus
loin », where it serves that module (not pasted in every module)."""

SOURCES = ROOT / "data" / "sources"
_ADDRESS = re.compile(r"<(https?://[^>\s]+)>")
_CITATION = re.compile(r"doc\. 00\d")

_FENCE = re.compile(r"^```.*?^```", re.DOTALL | re.MULTILINE)
_HEADING = re.compile(r"^(#{1,6})\s+(.*\S)\s*$", re.MULTILINE)


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


def headings(notebook: nbformat.NotebookNode) -> list[tuple[int, str]]:
    found = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            text = _FENCE.sub("", cell.source)
            found += [(len(m[1]), m[2]) for m in _HEADING.finditer(text)]
    return found


def code_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in notebook.cells if c.cell_type == "code"]


def calls(source: str) -> list[str]:
    """Top-level calls of a cell, as written: ``quiz(1)``, ``diagnostic("x")``."""
    tree = ast.parse(source)
    return [
        ast.unparse(node.value).replace("'", '"')
        for node in tree.body
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
    ]


def section(notebook: nbformat.NotebookNode, title: str) -> str:
    """The markdown of the section that starts with heading ``title``."""
    text, inside = [], False
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            match = _HEADING.match(line)
            if match:
                inside = match[2] == title
            if inside:
                text.append(line)
    return "\n".join(text)


def module_path(module: Module) -> Path:
    return COURSE / module.filename


def module_id(module: Module) -> str:
    return f"m{module.number}"


# -- every notebook ----------------------------------------------------------------------------


def test_the_course_has_a_home_and_every_module() -> None:
    assert HOME.exists()
    assert {p.name for p in NOTEBOOKS} == {HOME.name, *(m.filename for m in MODULES)}
    assert [m.number for m in MODULES] == list(range(10))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_valid_and_committed_without_outputs(path: Path) -> None:
    notebook = read(path)
    nbformat.validate(notebook)
    for cell in code_cells(notebook):
        assert cell.outputs == [], f"{path.name}: sorties à effacer"
        assert cell.execution_count is None, f"{path.name}: compteur d'exécution à effacer"
    assert notebook.metadata.kernelspec.name == "python3"
    assert notebook.metadata.get("language") == "fr"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_headings_form_a_proper_outline(path: Path) -> None:
    found = headings(read(path))
    assert found, "no heading"
    assert found[0][0] == 1, "the notebook starts with its « # » title"
    assert [level for level, _ in found].count(1) == 1, "one « # » title per notebook"
    for (before, _), (level, title) in itertools.pairwise(found):
        assert level <= before + 1, f"« {title} » skips a heading level"
    titles = [title for level, title in found if level == 2]
    assert len(titles) == len(set(titles)), "two sections with the same title"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_thin_collapsed_calls_with_their_imports(path: Path) -> None:
    notebook = read(path)
    for cell in code_cells(notebook):
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, cell.source
        assert "hide-input" in cell.metadata.get("tags", []), cell.source
        tree = ast.parse(cell.source)
        imported: set[str] = set()
        for node in tree.body:
            if isinstance(node, ast.ImportFrom):
                assert node.module in FACADE, cell.source
                imported |= {alias.asname or alias.name for alias in node.names}
            else:
                assert isinstance(node, ast.Expr) and isinstance(node.value, ast.Call), (
                    f"only imports and calls in a course cell:\n{cell.source}"
                )
                assert isinstance(node.value.func, ast.Name), cell.source
                assert node.value.func.id in imported, f"import it in the same cell:\n{cell.source}"
        assert 1 <= len(calls(cell.source)) <= 2, cell.source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_interactive_element_is_introduced_by_text(path: Path) -> None:
    """A figure or a form never appears without a sentence saying what it is (text alternative)."""
    cells = read(path).cells
    for index, cell in enumerate(cells):
        if cell.cell_type != "code":
            continue
        if not any(c.startswith("navigation(") for c in calls(cell.source)):
            assert index > 0 and cells[index - 1].cell_type == "markdown", cell.source
            assert len(cells[index - 1].source.split()) >= 8, cell.source


def test_figure_texts_and_diagnostics_refer_to_existing_data() -> None:
    with (ROOT / "data" / "seed_figures.csv").open(encoding="utf-8", newline="") as handle:
        figure_ids = {row["figure_id"] for row in csv.DictReader(handle)}
    seen = 0
    for path in NOTEBOOKS:
        for cell in code_cells(read(path)):
            for call in calls(cell.source):
                argument = re.fullmatch(r'(figure_text|diagnostic)\("([a-z0-9_]+)"\)', call)
                if argument is None:
                    continue
                seen += 1
                if argument[1] == "figure_text":
                    assert argument[2] in figure_ids, f"{path.name}: {call}"
                else:
                    assert (ROOT / "data" / "banks" / f"{argument[2]}.yaml").exists(), call
    assert seen >= 3  # the diagnostics of modules 0, 3 and 9


# -- every module ------------------------------------------------------------------------------


@pytest.mark.parametrize("module", MODULES, ids=module_id)
def test_module_title_matches_the_course_list(module: Module) -> None:
    found = headings(read(module_path(module)))
    assert found[0] == (1, module.label)


@pytest.mark.parametrize("module", MODULES, ids=module_id)
def test_module_has_objectives_quiz_further_reading_and_navigation(module: Module) -> None:
    notebook = read(module_path(module))
    sections = [title for level, title in headings(notebook) if level == 2]
    assert sections[0] == "Objectifs"
    assert sections[-1] == "Pour aller plus loin"
    objectives = section(notebook, "Objectifs")
    assert objectives.count("\n- ") >= 3, "at least three objectives, as a list"

    every_call = [call for cell in code_cells(notebook) for call in calls(cell.source)]
    assert f"quiz({module.number})" in every_call
    assert (ROOT / "data" / "banks" / f"{module.quiz_bank}.yaml").exists()
    for call in SPECIFIC_CALLS.get(module.number, []):
        assert call in every_call, f"{module.filename}: {call} missing"
    assert calls(code_cells(notebook)[-1].source) == [f"navigation({module.number})"]
    assert notebook.cells[-1].cell_type == "code", "the navigation bar closes the module"


def further_items(module: Module) -> list[str]:
    further = section(read(module_path(module)), "Pour aller plus loin")
    return [line for line in further.splitlines() if line.startswith("- ")]


def sources_without_spaces() -> str:
    """All source documents run together, without whitespace (OCR splits some addresses)."""
    texts = (path.read_text(encoding="utf-8") for path in sorted(SOURCES.glob("*.txt")))
    return "".join(re.sub(r"\s+", "", text) for text in texts)


@pytest.mark.parametrize("module", MODULES, ids=module_id)
def test_further_reading_points_to_the_sources_own_addresses(module: Module) -> None:
    items = further_items(module)
    assert len(items) >= 2, f"{module.filename}: at least two resources"
    addresses = [a for item in items for a in _ADDRESS.findall(item)]
    assert addresses, f"{module.filename}: at least one address the sources give"
    assert len(addresses) == len(set(addresses)), f"{module.filename}: an address listed twice"
    known = sources_without_spaces()
    for address in addresses:
        bare = address.split("://", 1)[1].rstrip("/")
        assert bare in known, f"{module.filename}: {address} is not an address of the sources"
    for item in items:
        if _ADDRESS.search(item):
            assert _CITATION.search(item), f"{module.filename}: no « doc. 00x » in {item[:60]!r}"


def test_further_reading_is_written_for_each_module() -> None:
    """No resource pasted word for word in two modules; together they give every reference."""
    seen: dict[str, str] = {}
    for module in MODULES:
        for item in further_items(module):
            where = f"{module.filename} repeats an item of {seen.get(item)}: {item[:60]}"
            assert item not in seen, where
            seen[item] = module.filename
    everything = "\n".join(seen)
    for reference in FURTHER_REFERENCES:
        assert reference in everything.replace("\u00a0", " "), f"« {reference} » in no module"


@pytest.mark.parametrize("module", MODULES, ids=module_id)
def test_module_has_an_interactive_element_besides_navigation(module: Module) -> None:
    every_call = [
        call for cell in code_cells(read(module_path(module))) for call in calls(cell.source)
    ]
    assert [c for c in every_call if not c.startswith("navigation(")]


def test_home_lists_every_module_and_shows_progress() -> None:
    notebook = read(HOME)
    every_call = [call for cell in code_cells(notebook) for call in calls(cell.source)]
    assert every_call == ["home()"]
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    for module in MODULES:
        assert f"[{module.label}]({module.filename})" in text
