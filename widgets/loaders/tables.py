"""Frictionless's checks of one table, as our :class:`~widgets.errors.Problem` values.

Frictionless checks each table against its schema in ``datapackage.json`` (types, constraints,
primary and foreign keys); this module runs it on one resource and says in French, from the
field's own descriptor, what the schema wanted.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from widgets.errors import Problem

log = logging.getLogger(__name__)

PACKAGE_FILE = "datapackage.json"


def frictionless_problems(
    package_path: Path, descriptor: dict[str, Any], name: str, path: str
) -> list[Problem]:
    """Frictionless's verdict on one resource of the package (its foreign keys included).

    Only that resource and those its foreign keys point to are given to Frictionless, so that
    a broken file elsewhere in the package does not stop this one from being checked.

    Whatever Frictionless itself raises on a descriptor it cannot read becomes a problem of
    ``datapackage.json``: no traceback reaches the facilitator.
    """
    from frictionless import Package, system

    problems: list[Problem] = []
    wanted = {name, *_references(descriptor, name)}
    sub_package = {
        "name": str(descriptor.get("name") or "data"),
        "resources": [r for r in descriptor["resources"] if r.get("name") in wanted],
    }
    try:
        with system.use_context(trusted=True):
            package = Package(sub_package, basepath=str(package_path.parent))
            resource = package.get_resource(name)
            result = resource.validate()
    except (Exception, RecursionError) as exc:  # FrictionlessException, or worse
        log.info("Frictionless could not read %s", package_path, exc_info=exc)
        return [Problem(PACKAGE_FILE, "package-error", item=name, value=_first_line(exc))]
    fields = _fields_by_name(descriptor, name)
    keys = _primary_key(descriptor, name)
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


def _references(descriptor: dict[str, Any], name: str) -> list[str]:
    """The resources ``name``'s foreign keys point to (Frictionless needs them to check)."""
    for resource in descriptor["resources"]:
        if resource.get("name") == name:
            schema = resource.get("schema") or {}
            keys = schema.get("foreignKeys") or [] if isinstance(schema, dict) else []
            return [
                str(key["reference"]["resource"])
                for key in keys
                if isinstance(key, dict) and isinstance(key.get("reference"), dict)
                and "resource" in key["reference"]
            ]  # fmt: skip
    return []


def _fields_by_name(descriptor: dict[str, Any], name: str) -> dict[str, dict[str, Any]]:
    for resource in descriptor.get("resources", []):
        if resource.get("name") == name:
            return {f["name"]: f for f in resource.get("schema", {}).get("fields", [])}
    return {}


def _primary_key(descriptor: dict[str, Any], name: str) -> list[str]:
    for resource in descriptor.get("resources", []):
        if resource.get("name") == name:
            key = resource.get("schema", {}).get("primaryKey", [])
            return [key] if isinstance(key, str) else [str(k) for k in key or []]
    return []


def _first_line(value: object) -> str:
    return str(value).strip().splitlines()[0] if str(value).strip() else ""
