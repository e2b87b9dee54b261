"""Validate a data folder described by ``datapackage.json``.

Frictionless checks each table against its schema (types, constraints, keys); our own checks
cover what a table schema cannot say (region boundaries, quotes found in their source document,
question banks). Opening a Frictionless package costs about a second (it imports ``jsonschema``),
far too much for a dashboard's first paint, so a successful validation is remembered by a
fingerprint of the files' bytes: the next load of unchanged files skips Frictionless entirely.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from widgets.errors import DataError, Problem
from widgets.loaders.checks import QUOTED_TABLES, geojson_problems, quote_problems

log = logging.getLogger(__name__)

PACKAGE_FILE = "datapackage.json"
_CACHE_VERSION = 1


@dataclass
class ValidationReport:
    """What a validation found, with the resources it looked at."""

    data_dir: Path
    problems: list[Problem] = field(default_factory=list)
    resources: list[str] = field(default_factory=list)
    files: int = 0

    @property
    def valid(self) -> bool:
        return not self.problems

    def problems_for(self, files: Iterable[str]) -> list[Problem]:
        wanted = set(files) | {PACKAGE_FILE}
        return [p for p in self.problems if p.file in wanted]

    def summary_fr(self) -> str:
        if self.valid:
            return (
                f"Données valides\u00a0: {len(self.resources)} ressources, {self.files} fichiers "
                f"vérifiés dans {self.data_dir}."
            )
        return f"{len(self.problems)} problème(s) dans {self.data_dir}."


def validate_data_dir(data_dir: Path | str, *, use_cache: bool = False) -> ValidationReport:
    """Validate every resource of ``data_dir/datapackage.json`` and the question banks.

    With ``use_cache`` a folder whose bytes already passed is not validated again.
    """
    data_dir = Path(data_dir)
    package_path = data_dir / PACKAGE_FILE
    report = ValidationReport(data_dir=data_dir)
    descriptor = _read_descriptor(package_path, report)
    if descriptor is None:
        return report
    resources = [r for r in descriptor.get("resources", []) if isinstance(r, dict)]
    report.resources = [str(r.get("name")) for r in resources]
    paths = [str(r.get("path")) for r in resources if isinstance(r.get("path"), str)]
    report.files = len(paths) + 1

    fingerprint = _fingerprint(data_dir, paths) if use_cache else None
    if fingerprint is not None and _cache_hit(fingerprint):
        return report

    for resource in resources:
        report.problems.extend(_missing_or_empty(data_dir, resource))
    broken = {p.file for p in report.problems}
    report.problems.extend(_frictionless_problems(package_path, descriptor, skip=broken))
    broken = {p.file for p in report.problems}
    if "regions.geojson" not in broken and (data_dir / "regions.geojson").exists():
        report.problems.extend(geojson_problems(data_dir / "regions.geojson", "regions.geojson"))
    for table in QUOTED_TABLES:
        if table not in broken and (data_dir / table).exists():
            report.problems.extend(quote_problems(data_dir, table))
    report.problems.extend(_bank_problems(data_dir))

    if fingerprint is not None and report.valid:
        _cache_store(fingerprint)
    return report


def ensure_valid(data_dir: Path | str, files: Iterable[str]) -> None:
    """Raise :class:`DataError` if any of ``files`` (relative to ``data_dir``) has a problem.

    Problems in other files do not block this load: a module whose figures table is fine still
    shows its figures when the indicators file is broken.
    """
    data_dir = Path(data_dir).resolve()
    report = _validated(data_dir)
    problems = report.problems_for(files)
    if problems:
        raise DataError.collect(problems)


_memo: dict[tuple[str, str], ValidationReport] = {}


def _validated(data_dir: Path) -> ValidationReport:
    """Validate once per process and per fingerprint of the folder's bytes."""
    try:
        descriptor = json.loads((data_dir / PACKAGE_FILE).read_text(encoding="utf-8"))
        paths = [r["path"] for r in descriptor.get("resources", []) if "path" in r]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        paths = []
    key = (str(data_dir), _fingerprint(data_dir, paths))
    if key not in _memo:
        _memo.clear()
        _memo[key] = validate_data_dir(data_dir, use_cache=True)
    return _memo[key]


# -- reading the descriptor -------------------------------------------------------------------


def _read_descriptor(path: Path, report: ValidationReport) -> dict[str, Any] | None:
    if not path.exists():
        report.problems.append(Problem(PACKAGE_FILE, "file-missing", expected=str(path)))
        return None
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        report.problems.append(Problem(PACKAGE_FILE, "encoding-error"))
        return None
    except json.JSONDecodeError as exc:
        report.problems.append(Problem(PACKAGE_FILE, "json-error", row=exc.lineno, value=exc.msg))
        return None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        report.problems.append(
            Problem(
                PACKAGE_FILE,
                "package-error",
                expected="un objet avec une liste «\u00a0resources\u00a0»",
            )
        )
        return None
    return descriptor


def _missing_or_empty(data_dir: Path, resource: dict[str, Any]) -> list[Problem]:
    path = resource.get("path")
    if not isinstance(path, str):
        return [Problem(PACKAGE_FILE, "package-error", item=str(resource.get("name")))]
    full = data_dir / path
    if not full.is_file():
        return [
            Problem(path, "file-missing", expected=f"le fichier {path} décrit par {PACKAGE_FILE}")
        ]
    if full.stat().st_size == 0:
        return [Problem(path, "file-empty")]
    return []


# -- Frictionless -----------------------------------------------------------------------------


def _frictionless_problems(
    package_path: Path, descriptor: dict[str, Any], skip: set[str]
) -> list[Problem]:
    """Run Frictionless on each resource not already known broken, as problems."""
    from frictionless import Package, system

    problems: list[Problem] = []
    try:
        with system.use_context(trusted=True):
            package = Package(str(package_path))
    except Exception as exc:  # frictionless raises FrictionlessException with a report
        return [Problem(PACKAGE_FILE, "package-error", value=_first_line(exc))]
    for resource in package.resources:
        path = str(resource.path)
        if path in skip:
            continue
        fields = _fields_by_name(descriptor, resource.name)
        keys = _primary_key(descriptor, resource.name)
        with system.use_context(trusted=True):
            result = resource.validate()
        for task in result.tasks:
            for error in task.errors:
                problems.append(_problem_from_error(path, error, fields, keys))
    return problems


def _problem_from_error(
    path: str, error: Any, fields: dict[str, dict[str, Any]], keys: list[str]
) -> Problem:
    code = str(error.type)
    row = getattr(error, "row_number", None)
    column = getattr(error, "field_name", None) or getattr(error, "label", None)
    value = getattr(error, "cell", None)
    if code in {
        "missing-label",
        "extra-label",
        "incorrect-label",
        "duplicate-label",
        "blank-label",
    }:
        row = 1
    if code == "encoding-error":
        return Problem(path, code, value=_first_line(error.note))
    if code == "source-error" and "empty" in str(error.note):
        return Problem(path, "file-empty")
    if code in {"primary-key", "unique-error"} and not column:
        column = ", ".join(keys)
        value = ", ".join(map(str, getattr(error, "cells", []) or [])) or None
    if code == "foreign-key":
        column = column or "indicator_id"
    spec = fields.get(str(column), {}) if column else {}
    return Problem(
        path,
        code,
        row=row,
        column=column,
        value=None if value in (None, "") else str(value),
        expected=_expected_fr(code, spec, error),
    )


def _expected_fr(code: str, spec: dict[str, Any], error: Any) -> str | None:
    """Say in French what the schema wanted, from the field's own descriptor."""
    kind = spec.get("type")
    constraints = spec.get("constraints", {})
    if code == "type-error":
        return {
            "number": "un nombre (avec un point décimal, ex. 7.3)",
            "integer": "un nombre entier",
            "boolean": "«\u00a0true\u00a0» ou «\u00a0false\u00a0»",
        }.get(str(kind), f"une valeur de type {kind}")
    if code == "constraint-error":
        if "enum" in constraints:
            return "une des valeurs\u00a0: " + ", ".join(map(str, constraints["enum"]))
        if "minimum" in constraints or "maximum" in constraints:
            low, high = constraints.get("minimum", "-∞"), constraints.get("maximum", "+∞")
            return f"une valeur entre {low} et {high}"
        if constraints.get("required"):
            return "une valeur non vide"
        if "pattern" in constraints:
            return f"le motif {constraints['pattern']}"
    if code == "missing-label":
        return "l'en-tête de colonne décrit dans datapackage.json"
    if code == "primary-key":
        return "une clé unique"
    if code == "foreign-key":
        return "un identifiant présent dans indicators.csv"
    return None


def _fields_by_name(descriptor: dict[str, Any], name: str) -> dict[str, dict[str, Any]]:
    for resource in descriptor.get("resources", []):
        if resource.get("name") == name:
            return {f["name"]: f for f in resource.get("schema", {}).get("fields", [])}
    return {}


def _primary_key(descriptor: dict[str, Any], name: str) -> list[str]:
    for resource in descriptor.get("resources", []):
        if resource.get("name") == name:
            key = resource.get("schema", {}).get("primaryKey", [])
            return [key] if isinstance(key, str) else list(key)
    return []


def _bank_problems(data_dir: Path) -> list[Problem]:
    banks = data_dir / "banks"
    if not banks.is_dir():
        return []
    from widgets.banks.loader import bank_problems

    problems: list[Problem] = []
    for path in sorted(banks.glob("*.y*ml")):
        problems.extend(bank_problems(path))
    return problems


def _first_line(value: object) -> str:
    return str(value).strip().splitlines()[0] if str(value).strip() else ""


# -- fingerprint cache ------------------------------------------------------------------------


def _fingerprint(data_dir: Path, paths: Iterable[str]) -> str:
    digest = hashlib.sha256(f"v{_CACHE_VERSION}".encode())
    names = [PACKAGE_FILE, *sorted(paths)]
    banks = data_dir / "banks"
    if banks.is_dir():
        names += sorted(str(p.relative_to(data_dir)) for p in banks.glob("*.y*ml"))
    for name in names:
        digest.update(name.encode())
        try:
            digest.update((data_dir / name).read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()


def _cache_file() -> Path:
    from widgets.config import cache_dir

    return cache_dir() / "valid.json"


def _cache_hit(fingerprint: str) -> bool:
    try:
        return fingerprint in json.loads(_cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError):
        return False


def _cache_store(fingerprint: str) -> None:
    path = _cache_file()
    try:
        known = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
        known = [*[k for k in known if isinstance(k, str)][-20:], fingerprint]
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(known), encoding="utf-8")
        tmp.replace(path)
    except (OSError, ValueError, TypeError) as exc:  # a read-only cache only costs time
        log.info("validation cache not written: %s", exc)
