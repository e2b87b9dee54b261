"""What every reader of ``data/`` can rely on, checked before Frictionless sees a file.

Frictionless is lenient where our readers are not: it guesses a CSV's delimiter (pandas does
not), reads ``Infinity``, ``NaN`` and ``1e999`` as numbers (the figures overflow), lets a NUL
byte stand in a name, and does not look inside a GeoJSON geometry. So each file is first read
here as strictly as the strictest reader will read it: UTF-8, commas, finite numbers of sane
size, no control characters, JSON without NaN and of bounded nesting, one valid polygon per
region. Anything else is a :class:`~widgets.errors.Problem` with file, line and column (or a
JSON path), and Frictionless is not run on that file.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from widgets.errors import Problem

MAX_FILE_BYTES = 50_000_000
"""Far above any file of the course (the boundaries are 0.2 MB); a bigger one is a mistake."""
MAX_DEPTH = 32
"""JSON nesting: a MultiPolygon inside a FeatureCollection is 6 levels deep."""
MAX_NUMBER_CHARS = 30
NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d{1,3})?")
INTEGER = re.compile(r"-?\d{1,15}")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters no text of the course holds (tab, line feed and return are allowed)."""


def read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    """The text of ``path``, or the problems that keep it from being read as UTF-8 text."""
    if not path.is_file():
        expected = "un fichier" + (" (c'est un dossier)" if path.is_dir() else "")
        return None, [Problem(name, "file-missing", expected=expected)]
    try:
        raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else None
    except OSError as exc:
        return None, [Problem(name, "source-error", value=exc.strerror or str(exc))]
    if raw is None:
        return None, [Problem(name, "too-large", expected=f"au plus {MAX_FILE_BYTES} octets")]
    if not raw.strip():
        return None, [Problem(name, "file-empty")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        bad = raw[exc.start : exc.end].hex(" ")
        problem = Problem(
            name,
            "encoding-error",
            row=row,
            column=f"caractère {column}",
            value=bad,
            expected="du texte en UTF-8",
        )
        return None, [problem]
    return text.removeprefix("\ufeff"), control_problems(text, name)


def control_problems(text: str, name: str) -> list[Problem]:
    """A NUL or another control character: line and character position of the first few."""
    problems = []
    for match in CONTROL.finditer(text):
        row = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        code = f"U+{ord(match.group()):04X}"
        problems.append(
            Problem(name, "control-character", row=row, column=f"caractère {column}", value=code)
        )
        if len(problems) >= 5:
            break
    return problems


# -- CSV ------------------------------------------------------------------------------------


def csv_problems(text: str, name: str, fields: list[dict[str, Any]]) -> list[Problem]:
    """Commas as delimiter, and every number or integer cell finite and of sane size."""
    names = [str(field.get("name")) for field in fields]
    first = text.split("\n", 1)[0].rstrip("\r")
    if ("," not in first and ";" in first) or (
        first.split(";") == names and first.split(",") != names
    ):
        return [Problem(name, "delimiter-error", row=1, value=first[:60], expected="des virgules")]
    kinds = {str(field.get("name")): field.get("type") for field in fields}
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, [])
        for cells in reader:
            row = reader.line_num
            for label, cell in zip(header, cells, strict=False):
                problem = _cell_problem(kinds.get(label), cell.strip(), name, row, label)
                if problem is not None:
                    problems.append(problem)
            if len(problems) >= 20:
                break
    except csv.Error as exc:
        problems.append(Problem(name, "format-error", row=reader.line_num + 1, value=str(exc)))
    return problems


def _cell_problem(kind: Any, cell: str, name: str, row: int, label: str) -> Problem | None:
    if not cell or kind not in {"number", "integer"}:
        return None
    if kind == "integer" and not INTEGER.fullmatch(cell):
        if cell.lstrip("-").isdigit():
            return Problem(name, "too-large", row=row, column=label, value=cell[:40])
        return None  # Frictionless reports the type error with its own words
    if kind == "number" and (len(cell) > MAX_NUMBER_CHARS or not NUMBER.fullmatch(cell)):
        if cell.lower().lstrip("+-") in {"nan", "inf", "infinity"}:
            return Problem(name, "not-finite", row=row, column=label, value=cell)
        if len(cell) > MAX_NUMBER_CHARS and cell.lstrip("-").replace(".", "", 1).isdigit():
            return Problem(name, "too-large", row=row, column=label, value=cell[:40])
        return None
    if kind == "number" and not math.isfinite(float(cell)):
        return Problem(name, "not-finite", row=row, column=label, value=cell)
    if kind == "number" and abs(float(cell)) > 1e15:
        return Problem(name, "too-large", row=row, column=label, value=cell)
    return None


# -- JSON -----------------------------------------------------------------------------------


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} n'est pas un nombre JSON")


def json_document(text: str, name: str) -> tuple[Any, list[Problem]]:
    """The JSON value of ``text``: no NaN or Infinity, nesting bounded, no huge integer."""
    too_deep = Problem(name, "too-deep", expected=f"au plus {MAX_DEPTH} niveaux d'imbrication")
    try:
        document = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        column = f"caractère {exc.colno}"
        return None, [Problem(name, "json-error", row=exc.lineno, column=column, value=exc.msg)]
    except RecursionError:
        return None, [too_deep]
    except ValueError as exc:  # NaN / Infinity, or an integer of more than 4 300 digits
        return None, [Problem(name, "not-finite", value=str(exc)[:80])]
    if depth_exceeds(document, MAX_DEPTH):
        return None, [too_deep]
    return document, []


def depth_exceeds(value: Any, limit: int) -> bool:
    """Whether ``value`` nests lists and objects deeper than ``limit`` (no recursion)."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((inner, depth + 1) for inner in item.values())
        elif isinstance(item, list):
            stack.extend((inner, depth + 1) for inner in item)
    return False


# -- GeoJSON --------------------------------------------------------------------------------


def geojson_problems(document: Any, name: str, codes: tuple[str, ...]) -> list[Problem]:
    """A FeatureCollection with exactly one valid (Multi)Polygon per region of ``codes``."""
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        return [Problem(name, "geometry-error", item="features", expected="une FeatureCollection")]
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, feature in enumerate(features):
        where = f"features[{index}]"
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            problems.append(
                Problem(name, "invalid-field", item=f"{where}.properties", expected="un objet")
            )
            continue
        code = feature["properties"].get("code")
        if not isinstance(code, str) or code not in codes:
            problems.append(
                Problem(
                    name,
                    "unknown-region",
                    item=f"{where}.properties.code",
                    value=str(code)[:40],
                    expected="un code INSEE de région métropolitaine",
                )
            )
        elif code in seen:
            problems.append(
                Problem(
                    name,
                    "duplicate-region",
                    item=f"{where}.properties.code",
                    value=code,
                    expected=f"une seule fois chaque région (déjà en features[{seen[code]}])",
                )
            )
        else:
            seen[code] = index
        problems.extend(_geometry_problems(feature.get("geometry"), name, f"{where}.geometry"))
        if len(problems) >= 20:
            return problems
    problems.extend(
        Problem(name, "geometry-error", item=f"région {code}", expected="un contour par région")
        for code in codes
        if code not in seen
    )
    return problems


def _geometry_problems(geometry: Any, name: str, where: str) -> list[Problem]:
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in {"Polygon", "MultiPolygon"}:
        return [
            Problem(name, "geometry-error", item=where, expected="un Polygon ou un MultiPolygon")
        ]
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        return [_bad(name, f"{where}.coordinates", "une liste de polygones non vide")]
    for p, polygon in enumerate(polygons):
        here = f"{where}.coordinates" + ("" if kind == "Polygon" else f"[{p}]")
        if not isinstance(polygon, list) or not polygon:
            return [_bad(name, here, "une liste d'anneaux non vide")]
        for r, ring in enumerate(polygon):
            problem = _ring_problem(ring, name, f"{here}[{r}]")
            if problem is not None:
                return [problem]
    return []


def _ring_problem(ring: Any, name: str, where: str) -> Problem | None:
    if not isinstance(ring, list) or len(ring) < 4:
        return _bad(name, where, "un anneau d'au moins 4 points")
    for i, point in enumerate(ring):
        if not _position(point):
            return _bad(name, f"{where}[{i}]", "[longitude, latitude] en degrés, des nombres finis")
    if ring[0][:2] != ring[-1][:2]:
        return _bad(name, where, "un anneau fermé (dernier point = premier point)")
    return None


def _position(point: Any) -> bool:
    if not isinstance(point, list) or len(point) not in (2, 3):
        return False
    if not all(isinstance(x, int | float) and not isinstance(x, bool) for x in point):
        return False
    lon, lat = point[0], point[1]
    return math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90


def _bad(name: str, item: str, expected: str) -> Problem:
    return Problem(name, "geometry-error", item=item, expected=expected)


# -- the package descriptor -----------------------------------------------------------------

FIELD_TYPES = {"string", "number", "integer", "boolean", "date", "datetime", "year", "any"}


def descriptor_problems(descriptor: Any, name: str) -> list[Problem]:
    """What Frictionless and our loaders assume of ``datapackage.json``, checked first."""
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return [
            Problem(
                name, "package-error", expected="un objet avec une liste «\u00a0resources\u00a0»"
            )
        ]
    problems: list[Problem] = []
    for index, resource in enumerate(descriptor["resources"]):
        problems.extend(_resource_problems(resource, name, f"resources[{index}]"))
    return problems


def _resource_problems(resource: Any, name: str, where: str) -> Iterator[Problem]:
    if not isinstance(resource, dict):
        yield Problem(name, "package-error", item=where, expected="un objet")
        return
    path = resource.get("path")
    if not isinstance(resource.get("name"), str):
        yield Problem(name, "package-error", item=f"{where}.name", expected="un nom (texte)")
    if not isinstance(path, str) or not _relative(path):
        yield Problem(
            name,
            "package-error",
            item=f"{where}.path",
            value=str(path)[:60],
            expected="un chemin relatif dans le dossier de données",
        )
    schema = resource.get("schema", {})
    fields = schema.get("fields", []) if isinstance(schema, dict) else None
    if not isinstance(fields, list):
        yield Problem(name, "package-error", item=f"{where}.schema", expected="une liste fields")
        return
    for index, field in enumerate(fields):
        yield from _field_problems(field, name, f"{where}.schema.fields[{index}]")


def _relative(path: str) -> bool:
    parts = Path(path).parts
    return bool(parts) and not Path(path).is_absolute() and ".." not in parts and "://" not in path


def _field_problems(field: Any, name: str, where: str) -> Iterator[Problem]:
    if not isinstance(field, dict) or not isinstance(field.get("name"), str):
        yield Problem(name, "package-error", item=where, expected="un objet avec un nom")
        return
    if field.get("type", "string") not in FIELD_TYPES:
        yield Problem(
            name,
            "package-error",
            item=f"{where}.type",
            value=str(field.get("type"))[:40],
            expected=", ".join(sorted(FIELD_TYPES)),
        )
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict):
        yield Problem(name, "package-error", item=f"{where}.constraints", expected="un objet")
        return
    for key, sane, expected in _CONSTRAINT_CHECKS:
        if key in constraints and not sane(constraints[key]):
            yield Problem(
                name,
                "package-error",
                item=f"{where}.constraints.{key}",
                value=str(constraints[key])[:40],
                expected=expected,
            )
    enum = constraints.get("enum")
    if enum is not None and not (isinstance(enum, list) and all(_scalar(v) for v in enum)):
        yield Problem(name, "package-error", item=f"{where}.constraints.enum", expected="une liste")


def _sane_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return abs(value) <= 1e15 if isinstance(value, int) else math.isfinite(value)


def _valid_pattern(pattern: Any) -> bool:
    """No pattern (``null``), or a text that compiles as a regular expression."""
    if pattern is None:
        return True
    if not isinstance(pattern, str):
        return False
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return False
    return True


_CONSTRAINT_CHECKS: tuple[tuple[str, Callable[[Any], bool], str], ...] = (
    *(
        (key, _sane_number, "un nombre fini")
        for key in ("minimum", "maximum", "minLength", "maxLength")
    ),
    ("pattern", _valid_pattern, "une expression régulière valide"),
)
"""A field's constraints, each with the test its value must pass and what is expected (French)."""


def _scalar(value: Any) -> bool:
    return isinstance(value, str | int | bool) or (
        isinstance(value, float) and math.isfinite(value)
    )
