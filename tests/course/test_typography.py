"""French typography in what a learner reads: the notebooks, the banks, the widgets' strings.

In markdown cells and in the learner-facing strings of ``data/banks/*.yaml`` (titles,
descriptions, questions, options, statements, explanations, stages, recommendations, warnings):

- a no-break space (U+00A0, or the narrow U+202F) before « : ; ? ! »;
- a no-break space U+00A0 inside guillemets: « after the opening one and before the closing »;
- a (narrow) no-break space before « % »;
- « À », not « A », for the capital preposition.

Code cells, code spans, addresses and link targets are not checked; nor is a bank's ``quote``,
which copies its source verbatim. Each problem names its file, its cell or field, and a snippet.

The widgets' own strings (:data:`WIDGET_SOURCES`: the notebook edition, figures, templates,
report, the offline edition and its JavaScript, error labels) are read as code, so only the
plain-space mistakes are reported there (:data:`PLAIN_SPACE_RULES`): a plain space before
« : ; ? ! % » or inside guillemets. Python strings are read with :mod:`ast` (docstrings
skipped; ``{NBSP}`` in an f-string counts as the space it is), JavaScript string and template
literals with a small tokenizer (``\\u00a0`` decoded, ``${…}`` left out), templates without
their tags (``&nbsp;`` counts as the space it is).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted([*ROOT.glob("course/*.ipynb"), *ROOT.glob("dashboards/*.ipynb")])
BANKS = sorted((ROOT / "data" / "banks").glob("*.yaml"))

LEARNER_FIELDS = {
    "title",
    "description",
    "question",
    "label",
    "explanation",
    "statement",
    "text",
    "prompt",
    "note_label",
    "source_label",
}
"""Bank fields a learner reads; ``quote``, ids and file names are not French prose."""

NBSP, NNBSP = "\u00a0", "\u202f"
_NO_BREAK = f"[{NBSP}{NNBSP}]"

_NOT_PROSE = re.compile(
    r"```.*?```"  # fenced code
    r"|`[^`\n]*`"  # code span
    r"|<https?://[^>\s]+>"  # autolink
    r"|\]\([^)]*\)"  # link target
    r"|https?://\S+"  # bare address
    r"|<[^>\n]+>",  # HTML tag
    re.DOTALL,
)

_ENDS_A_WORD = rf"(?=[\s*_)]|$|{NBSP}»)"

RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("espace insécable avant « : ; ? ! »", re.compile(rf"(?<!{_NO_BREAK})[:;?!]{_ENDS_A_WORD}")),
    ("espace insécable après « « »", re.compile(f"«(?!{NBSP})")),
    ("espace insécable avant « » »", re.compile(f"(?<!{NBSP})»")),
    ("espace insécable (fine) avant « % »", re.compile(rf"(?<!{_NO_BREAK})%")),
    ("« À » accentué", re.compile(r"(?<![\w'’-])A (?=[a-zàâçéèêëîïôùûüÿœ])")),
)
"""What is checked: (message, pattern that finds a mistake). A colon, semicolon, question or
exclamation mark is checked where it ends a word (followed by a space, the end of the text, a
closing guillemet, parenthesis or emphasis mark), so that « 16/07 », « 9:30 » or « ?» inside an
address are not reported."""


def prose(text: str) -> str:
    """What a learner reads of a markdown text, with code, addresses and link targets blanked."""
    return _NOT_PROSE.sub(" ", text)


def problems(text: str) -> Iterator[str]:
    """Each mistake as « message : …snippet… » (with ⍽ for a plain space before the mark)."""
    for message, pattern in RULES:
        for match in pattern.finditer(text):
            start, end = max(match.start() - 25, 0), min(match.end() + 25, len(text))
            snippet = text[start:end].replace("\n", " ")
            yield f"{message} : …{snippet}…"


def notebook_problems(path: Path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    found = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "markdown":
            found += [f"{path.name}, cellule {index} : {p}" for p in problems(prose(cell.source))]
    return found


def learner_strings(node: object, where: str = "") -> Iterator[tuple[str, str]]:
    """(field path, text) for every learner-facing string of a parsed bank."""
    if isinstance(node, dict):
        for key, value in node.items():
            path = f"{where}.{key}" if where else str(key)
            if isinstance(value, str):
                if key in LEARNER_FIELDS:
                    yield path, value
            else:
                yield from learner_strings(value, path)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from learner_strings(value, f"{where}[{index}]")


def bank_problems(path: Path) -> list[str]:
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}, {field} : {p}"
        for field, text in learner_strings(bank)
        for p in problems(prose(text))
    ]


# -- the checker works ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"Objectifs{NBSP}: lire{NBSP}; écrire{NBSP}? Oui{NNBSP}!",
        f"«{NBSP}tiers de confiance{NBSP}»",
        f"42{NNBSP}% et 74{NBSP}%",
        "À chaque acteur du territoire",
        "le webinaire du 16/07, voir <https://example.org/a?b=c> et `x : y`",
        f"[Module 1](m1_etat_des_lieux.ipynb){NBSP}: les chiffres",
        f"«{NBSP}Ensemble, innovons{NBSP}!{NBSP}»",
    ],
)
def test_checker_accepts_french_typography(text: str) -> None:
    assert list(problems(prose(text))) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Objectifs : lire", "avant « : ; ? ! »"),
        ("Objectifs: lire", "avant « : ; ? ! »"),
        ("Pourquoi ?", "avant « : ; ? ! »"),
        ("**À noter :** le nombre", "avant « : ; ? ! »"),
        (f"«tiers{NBSP}»", "après « « »"),
        (f"« tiers{NBSP}»", "après « « »"),
        (f"«{NBSP}tiers »", "avant « » »"),
        ("42 % des entreprises", "avant « % »"),
        ("42% des entreprises", "avant « % »"),
        ("A chaque acteur", "« À » accentué"),
    ],
)
def test_checker_reports_each_mistake(text: str, message: str) -> None:
    found = list(problems(prose(text)))
    assert found and all(message in p for p in found), found


def test_problem_names_file_cell_and_snippet(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell("x = {'a': 1} ; print('?')")]
    notebook.cells.append(nbformat.v4.new_markdown_cell("# Titre\n\nLe catalyseur : un tiers."))
    path = tmp_path / "essai.ipynb"
    nbformat.write(notebook, path)
    (problem,) = notebook_problems(path)
    assert problem.startswith("essai.ipynb, cellule 1 : espace insécable avant")
    assert "Le catalyseur : un tiers" in problem


def test_bank_problem_names_the_field_and_skips_quotes(tmp_path: Path) -> None:
    path = tmp_path / "quiz.yaml"
    path.write_text(
        "title: Quiz\nitems:\n  - question: Combien ?\n    quote: 42% mènent des partenariats\n",
        encoding="utf-8",
    )
    (problem,) = bank_problems(path)
    assert problem.startswith("quiz.yaml, items[0].question : espace insécable avant")


# -- what we ship -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_markdown_follows_french_typography(path: Path) -> None:
    assert notebook_problems(path) == []


@pytest.mark.parametrize("path", [*BANKS, ROOT / "data" / "activities.yaml"], ids=lambda p: p.name)
def test_bank_texts_follow_french_typography(path: Path) -> None:
    assert bank_problems(path) == []


# -- the widgets' own strings -----------------------------------------------------------------

WIDGETS = ROOT / "widgets"
WIDGET_SOURCES = sorted(
    [
        *WIDGETS.glob("ui/*.py"),
        *WIDGETS.glob("figures/*.py"),
        *WIDGETS.glob("templates/*.py"),
        *WIDGETS.glob("templates/**/*.j2"),
        *WIDGETS.glob("offline/*.py"),
        *WIDGETS.glob("offline/static/js/*.js"),
        *WIDGETS.glob("live/*.py"),
        *WIDGETS.glob("live/**/*.js"),
        *WIDGETS.glob("room/*.py"),
        *WIDGETS.glob("banks/*.py"),
        *WIDGETS.glob("loaders/*.py"),
        *WIDGETS.glob("storage/*.py"),
        *WIDGETS.glob("scoring/*.py"),
        *WIDGETS.glob("host/*.py"),
        WIDGETS / "cli.py",
        WIDGETS / "report.py",
        WIDGETS / "quotes.py",
        WIDGETS / "errors.py",
        WIDGETS / "labels.py",
        WIDGETS / "activities.py",
        WIDGETS / "actors.py",
        WIDGETS / "plan.py",
        WIDGETS / "learner_folder.py",
    ]
)
"""Where the strings a learner or a facilitator reads are written."""

_WORD_END = rf"(?=[\s*_)<]|$|{_NO_BREAK}»)"
PLAIN_SPACE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("espace insécable avant « : ; ? ! »", re.compile(rf" [:;?!]{_WORD_END}")),
    ("espace insécable après « « »", re.compile("« ")),
    ("espace insécable avant « » »", re.compile(" »")),
    ("espace insécable (fine) avant « % »", re.compile(rf" %{_WORD_END}")),
)
_SPACE_NAMES = {"NBSP": NBSP, "NNBSP": NNBSP}


def _string_value(node: ast.AST) -> str | None:
    """A string constant, or an f-string with ``{NBSP}`` read as the space and others as x."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if not isinstance(node, ast.JoinedStr):
        return None
    parts = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            parts.append(str(part.value))
        elif (
            isinstance(part, ast.FormattedValue)
            and isinstance(part.value, ast.Name)
            and part.value.id in _SPACE_NAMES
        ):
            parts.append(_SPACE_NAMES[part.value.id])
        else:
            parts.append("x")
    return "".join(parts)


def python_strings(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of each string literal of a Python module, docstrings left out."""
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))  # docstrings, of a module, class, function or attribute
        if isinstance(node, ast.JoinedStr):
            skipped |= {id(value) for value in node.values}
    for node in ast.walk(tree):
        text = None if id(node) in skipped else _string_value(node)
        if text:
            yield node.lineno, text  # type: ignore[attr-defined]


_JS_TOKEN = re.compile(
    r"//[^\n]*|/\*.*?\*/"  # comments
    r"|'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\"|`(?:\\.|[^`\\])*`",  # literals
    re.DOTALL,
)


def js_strings(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of each string or template literal of a script, ``${…}`` read as x."""
    for match in _JS_TOKEN.finditer(source):
        token = match.group(0)
        if token.startswith("/"):
            continue
        text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), token[1:-1])
        if token[0] == "`":
            text = re.sub(r"\$\{[^{}]*\}", "x", text)
        yield source.count("\n", 0, match.start()) + 1, text


def template_strings(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of a Jinja template: tags, statements and comments out, ``{{ … }}`` as x."""
    text = re.sub(r"\{#.*?#\}|\{%.*?%\}", " ", source, flags=re.DOTALL)
    text = re.sub(r"\{\{.*?\}\}", "x", text, flags=re.DOTALL)
    text = re.sub(r"<[^>\n]+>", "<>", text).replace("&nbsp;", NBSP).replace("&#8239;", NNBSP)
    yield from enumerate(text.splitlines(), start=1)


def plain_space_problems(strings: Iterable[tuple[int, str]], name: str) -> list[str]:
    found = []
    for line, text in strings:
        for message, pattern in PLAIN_SPACE_RULES:
            for match in pattern.finditer(text):
                snippet = text[max(match.start() - 25, 0) : match.end() + 25].replace("\n", " ")
                found.append(f"{name}, ligne {line} : {message} : …{snippet}…")
    return found


def widget_source_problems(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    read = {".py": python_strings, ".js": js_strings, ".j2": template_strings}[path.suffix]
    return plain_space_problems(read(source), path.relative_to(ROOT).as_posix())


@pytest.mark.parametrize(
    ("source", "read"),
    [
        ('def f():\n    """Docstring : skipped."""\n    return "Source : x"\n', python_strings),
        ('x = f"Bonne réponse « {label} »"\n', python_strings),
        ("const a = `Score : ${n} / ${total}`; // comment : skipped\n", js_strings),
        ('const b = "42 %";\n', js_strings),
        ("<p>Quiz faits : {{ n }}</p>{# comment : skipped #}\n", template_strings),
    ],
)
def test_widget_checker_reports_plain_spaces_in_strings_only(source: str, read: object) -> None:
    found = plain_space_problems(read(source), "x")  # type: ignore[operator]
    assert len(found) in (1, 2) and all("skipped" not in p for p in found), found


@pytest.mark.parametrize(
    ("source", "read"),
    [
        ('x = f"Source{NBSP}: {title}"\ny = "«\\u00a0a\\u00a0»"\n', python_strings),
        ('const a = `Score\\u00a0: ${a ? "b" : "c"}`;\n', js_strings),
        ("<p>Quiz faits&nbsp;: {{ n }}</p><b style='a : b'>\n", template_strings),
        ('style = "margin:0;font-size:0.9em"\n', python_strings),
    ],
)
def test_widget_checker_accepts_no_break_spaces_code_and_css(source: str, read: object) -> None:
    assert plain_space_problems(read(source), "x") == []  # type: ignore[operator]


@pytest.mark.parametrize("path", WIDGET_SOURCES, ids=lambda p: p.relative_to(WIDGETS).as_posix())
def test_widget_strings_follow_french_typography(path: Path) -> None:
    assert widget_source_problems(path) == []


def test_data_package_titles_and_descriptions_follow_french_typography() -> None:
    """Source titles reach the learner (« Source : Le RAMEAU, « … » »); descriptions, the
    facilitator who adds a dataset."""
    import json

    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    found = [
        f"datapackage.json, {field} : {p}"
        for field, text in learner_strings(package)
        if field.rsplit(".", 1)[-1] in {"title", "description"}
        for p in problems(prose(text))
    ]
    assert found == []
