"""Validate a data folder described by ``datapackage.json``, file by file.

Each file is first read as strictly as its strictest reader (:mod:`widgets.loaders.strict`:
UTF-8, commas, finite numbers, no control characters, bounded JSON, valid geometries), then
checked by Frictionless against its schema (types, constraints, keys), then by our own checks
(quotes found in their source document, question banks). ``parcours validate`` checks every
file; a loader checks only the files it reads (:func:`ensure_valid`), so that reading one CSV
neither validates the banks nor hashes every data file.

Opening Frictionless costs about a second (it imports ``jsonschema``), far too much for a
dashboard's first paint, so a file found valid is remembered: in the process by its
(path, modification time, size) and those of the files it depends on, and across processes by
a fingerprint of those files' bytes in the cache folder.
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
from widgets.loaders import strict
from widgets.loaders.checks import QUOTED_TABLES, quote_problems, required_problems
from widgets.loaders.tables import PACKAGE_FILE, frictionless_problems
from widgets.regions import REGION_CODES

log = logging.getLogger(__name__)

_CACHE_VERSION = 2
FOREIGN_TABLES = {"regions_indicators.csv": ("indicators.csv",)}
"""Files whose validity depends on another's (foreign keys)."""


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

    With ``use_cache`` a file whose bytes (and those it depends on) already passed is not
    validated again.
    """
    data_dir = Path(data_dir)
    report = ValidationReport(data_dir=data_dir)
    descriptor, problems = read_descriptor(data_dir)
    report.problems.extend(problems)
    if descriptor is None:
        return report
    resources = descriptor["resources"]
    report.resources = [str(r.get("name")) for r in resources]
    paths = [str(r["path"]) for r in resources]
    report.files = len(paths) + 1
    for path in paths:
        report.problems.extend(file_problems(data_dir, descriptor, path, use_cache=use_cache))
    listed = set(paths)
    banks = data_dir / "banks"
    if banks.is_dir():
        for bank in sorted(banks.glob("*.y*ml")):
            name = bank.relative_to(data_dir).as_posix()
            if name not in listed:
                report.problems.extend(_bank_problems(data_dir, name))
    report.problems = list(dict.fromkeys(report.problems))  # a problem found twice, once
    return report


def ensure_valid(data_dir: Path | str, files: Iterable[str]) -> None:
    """Raise :class:`DataError` if any of ``files`` (relative to ``data_dir``) has a problem.

    Only these files (with the descriptor and the files they depend on) are checked: a module
    whose figures table is fine still shows its figures when the indicators file is broken,
    and reading one table never validates the banks.
    """
    data_dir = Path(data_dir).resolve()
    descriptor, problems = read_descriptor(data_dir)
    if descriptor is not None:
        for name in files:
            problems.extend(file_problems(data_dir, descriptor, name, use_cache=True))
    if problems:
        raise DataError.collect(problems)


def read_descriptor(data_dir: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """``datapackage.json`` parsed and checked (:func:`strict.descriptor_problems`)."""
    path = data_dir / PACKAGE_FILE
    if not path.exists():
        return None, [Problem(PACKAGE_FILE, "file-missing", expected=str(path))]
    text, problems = strict.read_text(path, PACKAGE_FILE)
    if text is None or problems:
        return None, problems
    descriptor, problems = strict.json_document(text, PACKAGE_FILE)
    if problems:
        return None, problems
    problems = strict.descriptor_problems(descriptor, PACKAGE_FILE)
    return (None if problems else descriptor), problems


# -- one file ----------------------------------------------------------------------------------

_memo: dict[tuple[str, str], tuple[tuple[Any, ...], list[Problem]]] = {}


def file_problems(
    data_dir: Path, descriptor: dict[str, Any], name: str, *, use_cache: bool = True
) -> list[Problem]:
    """The problems of one file of the package; remembered while its files are unchanged."""
    stamp = _stamp(data_dir, _depends_on(descriptor, name))
    key = (str(data_dir.resolve()), name)
    if use_cache and key in _memo and _memo[key][0] == stamp:
        return list(_memo[key][1])
    fingerprint = _fingerprint(data_dir, _depends_on(descriptor, name)) if use_cache else None
    if fingerprint is not None and _cache_hit(fingerprint):
        problems: list[Problem] = []
    else:
        problems = _check_file(data_dir, descriptor, name)
        if fingerprint is not None and not problems:
            _cache_store(fingerprint)
    if len(_memo) > 256:  # many folders in one process (the tests): forget the oldest
        _memo.clear()
    _memo[key] = (stamp, problems)
    return list(problems)


def _depends_on(descriptor: dict[str, Any], name: str) -> list[str]:
    """``name``, the descriptor, and the files its checks also read."""
    names = [name, PACKAGE_FILE, *FOREIGN_TABLES.get(name, ())]
    if name in QUOTED_TABLES:
        resources = descriptor["resources"]
        names += [str(r["path"]) for r in resources if r["path"].startswith("sources/")]
    return names


def _check_file(data_dir: Path, descriptor: dict[str, Any], name: str) -> list[Problem]:
    resource = next((r for r in descriptor["resources"] if r["path"] == name), None)
    if name.startswith("banks/"):
        return _bank_problems(data_dir, name)
    text, problems = strict.read_text(data_dir / name, name)
    if text is None or problems:
        return problems
    if resource is None:
        return [Problem(PACKAGE_FILE, "resource-missing", item=name)]
    if name.endswith(".csv"):
        return _table_problems(data_dir, descriptor, resource, text)
    if name.endswith((".geojson", ".json")):
        document, problems = strict.json_document(text, name)
        if problems:
            return problems
        return strict.geojson_problems(document, name, REGION_CODES)
    return []


def _table_problems(
    data_dir: Path, descriptor: dict[str, Any], resource: dict[str, Any], text: str
) -> list[Problem]:
    name = str(resource["path"])
    fields = resource.get("schema", {}).get("fields", [])
    problems = strict.csv_problems(text, name, fields)
    if problems:
        return problems
    for other in FOREIGN_TABLES.get(name, ()):
        if file_problems(data_dir, descriptor, other):
            return []  # its keys cannot be checked; the problems are the other file's
    problems = frictionless_problems(
        data_dir / PACKAGE_FILE, descriptor, str(resource["name"]), name
    )
    if not problems:
        problems = required_problems(data_dir, name)
    if not problems and name in QUOTED_TABLES:
        problems = _quote_problems(data_dir, name)
    return problems


def _quote_problems(data_dir: Path, table: str) -> list[Problem]:
    """Quotes in their sources, once the sources are known to be readable text."""
    sources = data_dir / "sources"
    for path in sorted(sources.glob("*")) if sources.is_dir() else []:
        text, problems = strict.read_text(path, f"sources/{path.name}")
        if text is None or problems:
            return []  # reported as the source's own problem; quotes cannot be looked for
    return quote_problems(data_dir, table)


def _bank_problems(data_dir: Path, name: str) -> list[Problem]:
    from widgets.banks.loader import bank_problems

    return bank_problems(data_dir / name)


# -- caches -----------------------------------------------------------------------------------


def _stamp(data_dir: Path, names: Iterable[str]) -> tuple[Any, ...]:
    stamps: list[Any] = []
    for name in names:
        try:
            info = (data_dir / name).stat()
            stamps.append((name, info.st_mtime_ns, info.st_size, info.st_ino))
        except OSError:
            stamps.append((name, None))
    return tuple(stamps)


def _fingerprint(data_dir: Path, names: Iterable[str]) -> str:
    digest = hashlib.sha256(f"v{_CACHE_VERSION}".encode())
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
    except (OSError, ValueError, TypeError, RecursionError):
        return False


def _cache_store(fingerprint: str) -> None:
    path = _cache_file()
    try:
        known = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
        known = [*[k for k in known if isinstance(k, str)][-200:], fingerprint]
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(known), encoding="utf-8")
        tmp.replace(path)
    except (OSError, ValueError, TypeError, RecursionError) as exc:  # costs time only
        log.info("validation cache not written: %s", exc)
