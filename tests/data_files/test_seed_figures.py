"""Checks for ``data/seed_figures.csv``: every figure is quoted verbatim from a source document."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
SEED_FIGURES = DATA_DIR / "seed_figures.csv"
SOURCES_DIR = DATA_DIR / "sources"

HEADER = ["figure_id", "value", "unit", "label_fr", "module", "source_document", "quote"]

REQUIRED_IDS = {
    "partenariats_total",
    "partenariats_entreprises_10_salaries",
    "pratiques_responsables_pct",
    "mecenat_pct",
    "cooperation_economique_pct",
    "innovation_societale_pct",
    "tpe_part_pct",
    "perimetre_local_pct",
    "perimetre_regional_pct",
    "perimetre_national_pct",
    "perimetre_international_pct",
    "entreprises_hausse_taux_points",
    "associations_employeuses_partenariats_pct",
    "associations_hausse_points",
    "maires_dynamique_pct",
    "maires_emergente_pct",
    "observatoire_domaines",
    "observatoire_indices",
    "observatoire_regions",
    "catalyseurs_reseau",
    "reseaux_nationaux_pct",
    "acteurs_locaux_pct",
    "rencontre_2020_participants_live",
    "rencontre_2020_duree_moyenne_minutes",
    "replays_telecharges",
    "webinaires_2020",
    "webinaires_inscrits_2020",
    "covid_initiatives_besoins",
    "covid_programmes_urgence",
    "covid_programmes_developpement",
    "covid_reseaux_tetes_de_pont",
    "covid_entretiens_bilateraux",
    "experimentations_territoriales",
}

# Spaces that may separate thousands in French typography.
_SPACES = " \u00a0\u202f"
_SPACE_CLASS = "[ \u00a0\u202f]"
_SCALES = (
    (1_000_000_000, ("milliard", "milliards", "Md€")),
    (1_000_000, ("million", "millions", "M€")),
)


def collapse_ws(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) into one space."""
    return re.sub(r"\s+", " ", text).strip()


def _plain_decimal(value: float) -> str:
    """``1200000.0`` -> ``"1200000"``, ``8.5`` -> ``"8.5"``."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def _group_thousands(digits: str, sep: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return sep.join(groups)


def french_forms(value: float) -> set[str]:
    """Ways a number can be written in a French source.

    ``1200000`` -> ``"1200000"``, ``"1 200 000"``, ``"1.200.000"``, ``"1,2 million"``, ...;
    ``8.5`` -> ``"8,5"``, ``"8.5"``; ``42`` -> ``"42"``; ``70000000`` -> ``"70 M€"``.
    """
    plain = _plain_decimal(value)
    sign = "-" if plain.startswith("-") else ""
    int_part, _, frac = plain.lstrip("-").partition(".")
    forms: set[str] = set()
    for sep in ("", *_SPACES, "."):
        if sep == "." and frac:
            continue  # "1.234,5" is too rare to be worth the ambiguity
        grouped = sign + _group_thousands(int_part, sep)
        forms.add(f"{grouped},{frac}" if frac else grouped)
    if frac:
        forms.add(plain)  # decimal point, as in OCR'd slides
    for scale, words in _SCALES:
        if abs(value) >= scale:
            mantissa = _plain_decimal(value / scale).replace(".", ",")
            for word in words:
                forms.add(f"{mantissa} {word}")
                forms.add(f"{mantissa}\u00a0{word}")
                if word.endswith("€"):
                    forms.add(f"{mantissa}{word}")
    return forms


def _form_pattern(form: str) -> re.Pattern[str]:
    """Regex for one written form, tolerant on the kind of space, bounded on both sides."""
    body = "".join(_SPACE_CLASS if ch in _SPACES else re.escape(ch) for ch in form)
    # Not glued to another number on the left (``2`` in ``1,2``) nor on the right
    # (``675`` in ``675 000``, ``8`` in ``8,5``, ``1`` in ``12``).
    return re.compile(rf"(?<![\d,.]){body}(?!\d|[,.]\d|{_SPACE_CLASS}\d{{3}}(?!\d))")


def value_in_text(value: float, text: str) -> bool:
    return any(_form_pattern(form).search(text) for form in french_forms(value))


@cache
def source_text(name: str) -> str:
    return collapse_ws((SOURCES_DIR / name).read_text(encoding="utf-8"))


@cache
def load_rows() -> tuple[list[str], list[dict[str, str]]]:
    with SEED_FIGURES.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _row_ids() -> list[str]:
    if not SEED_FIGURES.exists():
        return []
    return [row["figure_id"] for row in load_rows()[1]]


# --- the helper itself -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1_200_000, {"1,2 million", "1 200 000", "1200000"}),
        (675_000, {"675 000", "675\u00a0000", "675000", "675\u202f000"}),
        (8.5, {"8,5", "8.5"}),
        (42, {"42"}),
        (1037, {"1 037", "1.037", "1037"}),
        (70_000_000, {"70 M€", "70 millions"}),
    ],
)
def test_french_forms(value: float, expected: set[str]) -> None:
    assert expected <= french_forms(value)


@pytest.mark.parametrize(
    ("value", "text", "found"),
    [
        (1_200_000, "1,2 million de partenariats", True),
        (675_000, "Plus de 675\u202f000 partenariats", True),
        (675_000, "Plus de 675\u00a0000 partenariats", True),
        (675, "Plus de 675 000 partenariats", False),
        (8.5, "augmenté de 8,5 points", True),
        (8, "augmenté de 8,5 points", False),
        (5, "augmenté de 8,5 points", False),
        (2, "1,2 million", False),
        (42, "42% mènent", True),
        (1037, "1.037 téléchargements", True),
        (1, "12 territoires", False),
        (7, "depuis 2011 (+ 7 points)", True),
    ],
)
def test_value_in_text(value: float, text: str, found: bool) -> None:
    assert value_in_text(value, text) is found


# --- the table ---------------------------------------------------------------------------


def test_file_exists() -> None:
    assert SEED_FIGURES.is_file()


def test_header_is_exact() -> None:
    fieldnames, _ = load_rows()
    assert fieldnames == HEADER


def test_file_is_comma_separated_utf8() -> None:
    raw = SEED_FIGURES.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no BOM"
    first_line = raw.decode("utf-8").splitlines()[0]
    assert first_line == ",".join(HEADER)


def test_ids_are_unique_snake_case() -> None:
    ids = _row_ids()
    assert ids, "empty table"
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, duplicates
    bad = [i for i in ids if not re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", i)]
    assert not bad, bad


def test_required_ids_present() -> None:
    missing = sorted(REQUIRED_IDS - set(_row_ids()))
    assert not missing, missing


@pytest.mark.parametrize("figure_id", _row_ids())
def test_row(figure_id: str) -> None:
    row = next(r for r in load_rows()[1] if r["figure_id"] == figure_id)
    assert None not in row, "extra fields"
    assert all(row[key] is not None and row[key].strip() for key in HEADER), row

    assert re.fullmatch(r"-?\d+(?:\.\d+)?", row["value"]), row["value"]
    value = float(row["value"])

    assert re.fullmatch(r"\d", row["module"]), row["module"]
    assert 0 <= int(row["module"]) <= 9

    source = row["source_document"]
    assert re.fullmatch(r"\d{3}_[0-9a-f]+\.txt", source), source
    assert (SOURCES_DIR / source).is_file(), source

    quote = collapse_ws(row["quote"])
    assert len(quote) <= 300
    assert quote in source_text(source), f"quote not found verbatim in {source}: {quote!r}"
    assert value_in_text(value, quote), f"{row['value']} not written in quote {quote!r}"


def test_required_values() -> None:
    """The barometer and audience figures other code relies on."""
    expected = {
        "partenariats_total": 1_200_000,
        "partenariats_entreprises_10_salaries": 675_000,
        "pratiques_responsables_pct": 42,
        "mecenat_pct": 30,
        "cooperation_economique_pct": 25,
        "innovation_societale_pct": 16,
        "tpe_part_pct": 50,
        "perimetre_local_pct": 74,
        "perimetre_regional_pct": 51,
        "perimetre_national_pct": 25,
        "perimetre_international_pct": 16,
        "entreprises_hausse_taux_points": 8.5,
        "associations_employeuses_partenariats_pct": 53,
        "associations_hausse_points": 7,
        "maires_dynamique_pct": 76,
        "maires_emergente_pct": 46,
        "observatoire_domaines": 16,
        "observatoire_indices": 17,
        "observatoire_regions": 13,
        "catalyseurs_reseau": 350,
        "reseaux_nationaux_pct": 33,
        "acteurs_locaux_pct": 67,
        "rencontre_2020_participants_live": 592,
        "rencontre_2020_duree_moyenne_minutes": 53,
        "replays_telecharges": 1037,
        "webinaires_2020": 5,
        "webinaires_inscrits_2020": 400,
        "covid_initiatives_besoins": 45,
        "covid_programmes_urgence": 102,
        "covid_programmes_developpement": 36,
        "covid_reseaux_tetes_de_pont": 30,
        "covid_entretiens_bilateraux": 48,
        "experimentations_territoriales": 15,
    }
    assert set(expected) == REQUIRED_IDS
    values = {row["figure_id"]: float(row["value"]) for row in load_rows()[1]}
    wrong = {k: values.get(k) for k, v in expected.items() if values.get(k) != v}
    assert not wrong, wrong
