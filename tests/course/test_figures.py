"""No invented figure: every number a learner reads in the course's markdown is sourced.

A number in a markdown cell of ``course/*.ipynb`` must be the value of a row of
``data/seed_figures.csv`` (figures quoted by the source documents), written the French way
(« 1,2 million », « 675 000 », « 42 % », « 8,5 points », « 70 M€ »), or be on the reviewed
allow-list below (module numbers, years, names that contain digits). And the paragraph that
gives a figure names its source document (« doc. 001 »), or, for a list or a table, the
paragraph that introduces it does.

To add a number to the course: quote it from a source and add it to ``seed_figures.csv`` (the
data tests check the quote), or, if it is not a figure, add it here with the reason.
"""

from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "course"
NOTEBOOKS = sorted(COURSE.glob("*.ipynb"))
SEED_FIGURES = ROOT / "data" / "seed_figures.csv"

# -- the reviewed allow-list -------------------------------------------------------------------

ALLOWED_NUMBERS: dict[Decimal, str] = {
    Decimal(0): "module 0 ; bas de l'échelle du radar (« la plus favorable sur 0 », doc. 004)",
    Decimal(1): "numéro de module (module 1)",
    Decimal(2): "numéro de module (module 2)",
    Decimal(3): "numéro de module (module 3)",
    Decimal(4): "numéro de module (module 4)",
    Decimal(5): "numéro de module (module 5)",
    Decimal(6): "numéro de module (module 6)",
    Decimal(7): "numéro de module (module 7)",
    Decimal(8): "numéro de module (module 8)",
    Decimal(9): "numéro de module (module 9)",
    Decimal(2006): "année : fondation du RAMEAU (doc. 002)",
    Decimal(2008): "année : création de l'Observatoire des partenariats, ARPEA (doc. 002)",
    Decimal(2009): "année : première étude territoriale, avec le CBE Lille Métropole (doc. 002)",
    Decimal(2010): "année : étude ARPEA – Collectivités territoriales (doc. 002)",
    Decimal(2011): "année : point de départ de la hausse de + 7 points des associations (doc. 001)",
    Decimal(2012): "année : premières expérimentations territoriales (doc. 002)",
    Decimal(2013): "année : plus ancien indicateur régional de l'explorateur (DATA_NOTES.md)",
    Decimal(2014): "année : réseau des pionniers, programme PHARE, Cercle RSE (doc. 002)",
    Decimal(2015): "année : première Rencontre annuelle du Réseau des pionniers (doc. 002, 004)",
    Decimal(2016): "année : outils en open source ; site de l'Observatoire ; PHARE (doc. 000, 002)",
    Decimal(2017): "année : conception du parcours ; évaluation des impacts (doc. 001, 002, 004)",
    Decimal(2018): "année : test du parcours, lancement de la plateforme (doc. 002, 003)",
    Decimal(2019): "année : présentation ANPP, webinaires, association (doc. 000, 002, 003, 004)",
    Decimal(2020): "année : présentation du Réseau, indicateurs les plus récents (doc. 004)",
}
"""Numbers that are not figures: a module's number or a year of the pathway's history."""

ALLOWED_TERMS: dict[str, str] = {
    "doc. 000": "renvoi au document source 000 (liste des sources sur l'accueil)",
    "doc. 001": "renvoi au document source 001",
    "doc. 002": "renvoi au document source 002",
    "doc. 003": "renvoi au document source 003",
    "doc. 004": "renvoi au document source 004",
    "ODD 17": "nom d'un objectif de développement durable, pas un chiffre (doc. 004)",
    "Covid-19": "nom de la maladie, pas un chiffre (doc. 004)",
    "02/03": "date du 1er webinaire du cycle 2020, telle que l'écrit la source (doc. 004)",
    "28/05": "date du 2e webinaire du cycle 2020, telle que l'écrit la source (doc. 004)",
    "16/07": "date du 3e webinaire du cycle 2020, telle que l'écrit la source (doc. 004)",
    "10/09": "date du 4e webinaire du cycle 2020, telle que l'écrit la source (doc. 004)",
    "26/11": "date du 5e webinaire du cycle 2020, telle que l'écrit la source (doc. 004)",
    "40 sur 100": "seuil fixé par le parcours, pas par les sources : alerte « opérateur » "
    "du profil (data/banks/profil_catalyseur.yaml) et stade « structuration » de la maturité "
    "(data/banks/maturite_co_construction.yaml)",
    "60 sur 100": "seuil fixé par le parcours, pas par les sources : alerte « opérateur » "
    "(data/banks/profil_catalyseur.yaml)",
    "70 sur 100": "seuil fixé par le parcours, pas par les sources : stade « consolidation » "
    "(data/banks/maturite_co_construction.yaml)",
}
"""Names, dates and thresholds of our own that contain digits; removed before the scan.

Dates are kept as the source writes them; a threshold is the course's rule, and the text that
uses it must say so (it is no figure of the sources)."""

# -- the scanner -------------------------------------------------------------------------------

_SPACE = "[ \u00a0\u202f]"
NUMBER = re.compile(
    rf"(?P<int>\d{{1,3}}(?:{_SPACE}\d{{3}})+(?!\d)|\d+)"  # 675 000 or 2019
    r"(?:,(?P<dec>\d+))?"  # 8,5
    rf"(?:{_SPACE}(?P<scale>millions?|milliards?|M€)(?!\w))?"  # 1,2 million, 70 M€
)
SCALES = {
    "million": Decimal(10**6),
    "millions": Decimal(10**6),
    "M€": Decimal(10**6),
    "milliard": Decimal(10**9),
    "milliards": Decimal(10**9),
}
_URL = re.compile(r"https?://[^\s)>]+")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)
_CITATION = re.compile(r"doc\. 00\d")


def seed_values() -> set[Decimal]:
    with SEED_FIGURES.open(encoding="utf-8", newline="") as handle:
        return {Decimal(row["value"]) for row in csv.DictReader(handle)}


def reader_text(markdown: str) -> str:
    """What a learner reads: without link targets, addresses, code and allowed names."""
    text = _CODE.sub(" ", markdown)
    text = _LINK_TARGET.sub("]", text)
    text = _URL.sub(" ", text)
    for term in ALLOWED_TERMS:
        text = text.replace(term, " ")
    return text


def numbers(text: str) -> list[tuple[str, Decimal]]:
    """Each number written in ``text`` (already through :func:`reader_text`) and its value.

    Every run of digits is a number here, even inside a word (« 3ème »): nothing escapes.
    """
    found = []
    for match in NUMBER.finditer(text):
        value = Decimal(re.sub(_SPACE, "", match["int"]))
        if match["dec"]:
            value += Decimal(f"0.{match['dec']}")
        if match["scale"]:
            value *= SCALES[match["scale"]]
        found.append((match.group(0), value))
    return found


def unsourced(text: str, known: set[Decimal]) -> list[str]:
    return [
        written
        for written, value in numbers(reader_text(text))
        if value not in known and value not in ALLOWED_NUMBERS
    ]


def markdown_cells(path: Path) -> list[tuple[int, str]]:
    notebook = nbformat.read(path, as_version=4)
    return [(i, c.source) for i, c in enumerate(notebook.cells) if c.cell_type == "markdown"]


# -- the scanner works -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,2 million de partenariats", [Decimal(1_200_000)]),
        ("1,2\u00a0million", [Decimal(1_200_000)]),
        ("plus de 675\u202f000 partenariats", [Decimal(675_000)]),
        ("plus de 675 000 partenariats", [Decimal(675_000)]),
        ("42\u00a0% font du mécénat", [Decimal(42)]),
        ("augmenté de 8,5 points en 5 ans", [Decimal("8.5"), Decimal(5)]),
        ("1 037 téléchargements", [Decimal(1037)]),
        ("70 M€ mobilisés et 1 M€ de budget", [Decimal(70_000_000), Decimal(1_000_000)]),
        ("« 3 territoires sur 4, 1 association sur 2 »", [Decimal(3), Decimal(4), Decimal(1),
                                                          Decimal(2)]),
        ("l'émergence d'une 3ème ère", [Decimal(3)]),
        ("de 2013 à 2020", [Decimal(2013), Decimal(2020)]),
    ],
)  # fmt: skip
def test_scanner_reads_french_numbers(text: str, expected: list[Decimal]) -> None:
    assert [value for _, value in numbers(reader_text(text))] == expected


@pytest.mark.parametrize(
    "text",
    [
        "[Module suivant](m1_etat_des_lieux.ipynb)",
        "<https://www.coursera.org/essec> et http://observatoire-des-partenariats.fr/",
        "(Le RAMEAU, doc. 001)",
        "le kit « ODD 17 en pratique » et la crise du Covid-19",
    ],
)
def test_scanner_ignores_addresses_and_names(text: str) -> None:
    assert numbers(reader_text(text)) == []


def test_scanner_flags_an_invented_figure() -> None:
    known = seed_values()
    assert unsourced("1,3 million de partenariats et 43 % de mécénat", known) == [
        "1,3 million",
        "43",
    ]
    assert unsourced("1,2 million de partenariats et 42 % de mécénat", known) == []


def test_every_allowed_number_is_not_a_figure_in_disguise() -> None:
    """Years and module numbers only: a figure belongs in seed_figures.csv with its quote."""
    for value, reason in ALLOWED_NUMBERS.items():
        assert value <= 9 or 2000 <= value <= 2030, (value, reason)
        assert reason.strip()


# -- the course --------------------------------------------------------------------------------


def test_there_are_course_notebooks() -> None:
    assert len(NOTEBOOKS) == 11  # the home and ten modules


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_number_in_markdown_is_a_sourced_figure_or_allowed(path: Path) -> None:
    known = seed_values()
    problems = [
        f"cellule {index} : « {written} »"
        for index, source in markdown_cells(path)
        for written in unsourced(source, known)
    ]
    assert problems == [], (
        f"{path.name} : nombres absents de data/seed_figures.csv et de la liste autorisée"
    )


def _blocks(markdown: str) -> list[str]:
    return [b for b in re.split(r"\n\s*\n", markdown) if b.strip()]


def _is_list_or_table(block: str) -> bool:
    first = block.lstrip().splitlines()[0]
    return first.startswith(("- ", "* ", "|"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_names_its_source(path: Path) -> None:
    """A paragraph that gives a figure cites its document; a list or a table may rely on the
    paragraph that introduces it."""
    known = seed_values()
    problems = []
    for index, source in markdown_cells(path):
        blocks = _blocks(source)
        for position, block in enumerate(blocks):
            figures = [
                w for w, v in numbers(reader_text(block)) if v in known and v not in ALLOWED_NUMBERS
            ]
            if not figures or _CITATION.search(block):
                continue
            intro = blocks[position - 1] if position > 0 else ""
            if _is_list_or_table(block) and _CITATION.search(intro):
                continue
            problems.append(f"cellule {index} : {figures} sans « doc. 00x » — {block[:60]!r}")
    assert problems == []


def _activity_texts(value: object) -> list[str]:
    """Every string a learner reads in data/activities.yaml (ids and versions left out)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [
            text
            for key, item in value.items()
            if key not in {"id", "version", "source", "module", "schema"}
            for text in _activity_texts(item)
        ]
    if isinstance(value, list):
        return [text for item in value for text in _activity_texts(item)]
    return []


def test_every_number_in_the_activities_is_a_sourced_figure_or_allowed() -> None:
    """The activities of every module are course text too (``data/activities.yaml``)."""
    import yaml

    document = yaml.safe_load((ROOT / "data" / "activities.yaml").read_text(encoding="utf-8"))
    assert len(_activity_texts(document)) > 50  # the scan reads the activities' texts
    known = seed_values()
    problems = [
        f"« {written} » dans « {text[:60]} »"
        for text in _activity_texts(document)
        for written in unsourced(text, known)
    ]
    assert problems == [], "activities.yaml : nombres absents de seed_figures.csv et de la liste"
