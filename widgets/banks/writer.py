"""Save a bank made without YAML: ``banks/<id>.yaml`` and its resource in ``datapackage.json``,
both or neither.

A bank file without its resource (or the reverse) is a data folder ``parcours validate``
refuses, so the two files change together: both are written to temporary files in their own
folders, read back and validated, then moved into place with :func:`os.replace` (atomic on
one file system). If the second move fails, the first file is put back as it was, byte for
byte; a failure before the moves leaves both untouched. An existing id is refused unless the
facilitator asked to replace it: never alter what was not asked for.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from widgets import config
from widgets.banks.authoring import PollDraft, validated_bank
from widgets.banks.loader import validate_bank
from widgets.banks.model import Bank
from widgets.errors import DataError, Problem

log = logging.getLogger(__name__)

PACKAGE = "datapackage.json"
HEADER = (
    "# Préparé sans YAML («\u00a0Préparer un sondage\u00a0» ou import d'un tableur).\n"
    "# Modifiable à la main\u00a0: vérifiez ensuite avec «\u00a0parcours validate\u00a0».\n"
)
LICENSE = {
    "name": "other-at",
    "title": (
        "Documents publiés par Le RAMEAU et le Réseau des pionniers des alliances en territoire, "
        "cités avec mention de la source"
    ),
}


@dataclass(frozen=True)
class Saved:
    """What :func:`save_draft` wrote: the bank and its file (relative to the data folder)."""

    bank: Bank
    path: str


def save_draft(
    draft: PollDraft,
    *,
    data_dir: str | Path | None = None,
    replace: bool = False,
    file: str = "formulaire",
) -> Saved:
    """Validate ``draft`` and save it (:func:`save_bank`); raise :class:`DataError` in French."""
    root = Path(data_dir) if data_dir is not None else config.data_dir()
    data, _ = validated_bank(draft, file=file, data_root=root)
    return save_bank(data, data_dir=root, replace=replace)


def save_bank(
    data: Mapping[str, Any], *, data_dir: str | Path | None = None, replace: bool = False
) -> Saved:
    """Write ``banks/<id>.yaml`` and its resource in ``datapackage.json`` atomically."""
    root = Path(data_dir) if data_dir is not None else config.data_dir()
    with _locked(root):
        return _save_bank(data, root, replace)


def _save_bank(data: Mapping[str, Any], root: Path, replace: bool) -> Saved:
    bank_id = str(data.get("id", ""))
    name = f"banks/{bank_id}.yaml"
    bank = validate_bank(data, file=name, data_root=root)
    target, package_path = root / name, root / PACKAGE
    descriptor = _descriptor(package_path)
    exists = target.exists() or any(r.get("path") == name for r in descriptor["resources"])
    if exists and not replace:
        expected = "un autre titre ou identifiant, ou «\u00a0remplacer\u00a0» coché"
        raise DataError(
            [Problem(name, "bank-exists", column="id", value=bank_id, expected=expected)]
        )
    text = HEADER + yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=100)
    _check_text(text, name, root)
    descriptor = _with_resource(descriptor, bank, name)
    package_text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    _replace_both(target, text, package_path, package_text)
    return Saved(bank, name)


@contextmanager
def _locked(root: Path) -> Iterator[None]:
    """One save at a time per data folder, across kernels: ``datapackage.json`` is read,
    changed and written, and two saves at once would otherwise keep only one resource.
    The lock file sits in the cache folder, never among the data."""
    try:
        import fcntl
    except ImportError:  # Windows: saves from one kernel at a time are still whole
        yield
        return
    key = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
    path = config.cache_dir() / f"bank-save-{key}.lock"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a")
    except OSError:  # no cache folder to write in: save without the lock rather than not at all
        log.warning("bank save lock unavailable: %s", path)
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _descriptor(path: Path) -> dict[str, Any]:
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataError([Problem(PACKAGE, "package-error", value=str(error)[:120])]) from error
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataError(
            [Problem(PACKAGE, "package-error", expected="une liste «\u00a0resources\u00a0»")]
        )
    return descriptor


def _check_text(text: str, name: str, root: Path) -> None:
    """The YAML as written, read back: what ``parcours validate`` will read."""
    validate_bank(yaml.safe_load(text), file=name, data_root=root)


def _with_resource(descriptor: dict[str, Any], bank: Bank, name: str) -> dict[str, Any]:
    sources_by_path = {r.get("path"): r for r in descriptor["resources"]}
    sources = [
        {
            "title": str(sources_by_path.get(f"sources/{s}", {}).get("title", s)),
            "path": f"sources/{s}",
        }
        for s in bank.sources
    ]
    resource: dict[str, Any] = {
        "name": f"bank_{bank.id}",
        "path": name,
        "format": "yaml",
        "mediatype": "application/yaml",
        "encoding": "utf-8",
        "title": bank.title,
        "description": (
            f"Banque de questions ({bank.kind}), préparée sans YAML («\u00a0Préparer un "
            "sondage\u00a0» ou import d'un tableur) et validée par widgets.banks (schéma 1)."
        ),
    }
    if sources:
        resource["sources"] = sources
    resource["licenses"] = [LICENSE]
    resources = [r for r in descriptor["resources"] if r.get("path") != name]
    return {**descriptor, "resources": [*resources, resource]}


def _temporary(folder: Path, text: str, stem: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    handle, path = tempfile.mkstemp(prefix=f".{stem}.", suffix=".tmp", dir=folder)
    with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
    return Path(path)


def _replace_both(target: Path, text: str, package: Path, package_text: str) -> None:
    """Both files or neither: the bank first, then the descriptor; the bank undone on failure."""
    before = target.read_bytes() if target.exists() else None
    bank_tmp = _temporary(target.parent, text, target.stem)
    package_tmp: Path | None = None
    try:
        package_tmp = _temporary(package.parent, package_text, package.stem)
        json.loads(package_tmp.read_text(encoding="utf-8"))  # what was written reads back
        os.replace(bank_tmp, target)
        try:
            os.replace(package_tmp, package)
        except BaseException:
            _restore(target, before)
            raise
    except OSError as error:
        log.exception("bank not saved: %s", target)
        raise DataError([Problem(target.name, "source-error", value=error.strerror)]) from error
    finally:
        for leftover in (bank_tmp, package_tmp):
            if leftover is not None and leftover.exists():
                leftover.unlink()


def _restore(target: Path, before: bytes | None) -> None:
    if before is None:
        target.unlink(missing_ok=True)
        return
    backup = _temporary(target.parent, "", target.stem)
    backup.write_bytes(before)
    os.replace(backup, target)
