"""Where an export goes: refuse to clobber, build aside, then move in; the marker file last.

An export is a folder that a learner may copy, zip or open at any moment, so it must never be
seen half-written, and the command must never destroy something it did not make:

* ``OUT`` may be missing, an empty folder, or an earlier export: a folder whose marker file
  :data:`MARKER` lists every file that export wrote. Anything else in ``OUT`` (the user's own
  notes next to an export copied to a USB stick) is refused before a single byte is written,
  unless the user passes ``--force``; even then those files are kept, never replaced. A file
  of the user's that bears the name of a file of the export is always refused.
* ``OUT`` given as a symbolic link is followed (the export goes into the folder it points
  to); the link itself is never replaced.
* The new export is written into a hidden staging folder on the same file system (next to a
  missing ``OUT``, inside an existing one), the marker written last. A missing ``OUT`` is then
  one atomic rename; an existing one receives the new files one by one
  (:mod:`widgets.offline.install`), after the files of the earlier export are moved aside, and
  gets them back if anything fails. The hidden folders are removed after success and failure.
* ``OUT.zip`` is replaced only if it is an earlier export's archive; it is written the same
  way (``.OUT.zip.partiel-…`` then renamed), with the files the marker lists, marker last.
"""

from __future__ import annotations

import json
import os
import secrets
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from widgets.french import NBSP

MARKER = "parcours-export.json"
"""Written last in every export: its presence is what makes a folder an earlier export."""
MARKER_FORMAT = "parcours-export"
MARKER_VERSION = 2
"""Version 2 lists the files written (``written``); version 1 only counted them."""
SHOWN_OTHERS = 8
"""How many of the user's files a refusal names before « et N autres »."""


class ExportError(Exception):
    """Why the export stopped, in French, with the details (one problem per line)."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        self.message = message
        self.details = list(details or [])
        super().__init__(self.message_fr())

    def message_fr(self) -> str:
        lines = [self.message, *(f"- {line}" for line in self.details)]
        return "\n".join(lines)


@dataclass(frozen=True)
class Target:
    """``OUT`` as found before the export: where to write, and what an earlier export wrote.

    ``folder`` is the real folder (a symbolic link followed), ``shown`` the path as given;
    ``ours`` the files (relative POSIX paths, marker included) the earlier export listed;
    ``others`` every other entry, which the export keeps.
    """

    folder: Path
    shown: Path
    exists: bool
    ours: frozenset[str] = frozenset()
    others: tuple[str, ...] = ()


def read_marker(folder: Path) -> dict[str, Any] | None:
    """The marker of ``folder`` if it is one written by ``parcours export``, else None."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if isinstance(marker, dict) and marker.get("format") == MARKER_FORMAT:
        return marker
    return None


def is_export(folder: Path) -> bool:
    """True when ``folder`` holds a marker file written by ``parcours export``."""
    return read_marker(folder) is not None


def is_export_zip(path: Path) -> bool:
    """True when ``path`` is a zip made by ``parcours export`` (its marker is inside)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return any(name.endswith(f"/{MARKER}") for name in archive.namelist())
    except (OSError, zipfile.BadZipFile):
        return False


def zip_path(out: Path) -> Path:
    """``OUT.zip`` next to ``OUT``."""
    return out.with_name(out.name + ".zip")


def listed_files(marker: dict[str, Any]) -> frozenset[str] | None:
    """The files a marker says its export wrote (marker included); None if it does not say.

    Only safe relative paths count: a marker edited to list ``../x`` or ``/etc`` cannot make
    the export delete anything outside ``OUT``.
    """
    written = marker.get("written")
    if not isinstance(written, list) or not all(isinstance(w, str) for w in written):
        return None
    safe = {w for w in written if _safe_relative(w)}
    return frozenset({*safe, MARKER})


def _safe_relative(path: str) -> bool:
    pure = PurePosixPath(path)
    return bool(path) and not pure.is_absolute() and ".." not in pure.parts and "\\" not in path


def check_target(out: Path, *, with_zip: bool, force: bool = False) -> Target:
    """``OUT`` checked and described; :class:`ExportError` if it is not ours to write."""
    shown = out
    folder = _followed(out)
    if not folder.exists():
        if not folder.parent.is_dir():
            raise ExportError(
                f"Le dossier parent «{NBSP}{folder.parent}{NBSP}» n'existe pas{NBSP}: rien n'a "
                "été écrit."
            )
        target = Target(folder=folder, shown=shown, exists=False)
    else:
        target = _existing(folder, shown, force)
    archive = zip_path(out)
    present = archive.exists() or archive.is_symlink()
    if with_zip and present and (archive.is_symlink() or not is_export_zip(archive)):
        raise ExportError(
            f"«{NBSP}{archive}{NBSP}» existe déjà et n'est pas l'archive d'un export "
            f"précédent{NBSP}: rien n'a été écrit. Déplacez ce fichier ou lancez l'export "
            "avec --no-zip."
        )
    return target


def _followed(out: Path) -> Path:
    """``out``, or the folder a symbolic link ``out`` leads to (never the link itself)."""
    if not out.is_symlink():
        if out.exists() and not out.is_dir():
            raise ExportError(
                f"«{NBSP}{out}{NBSP}» existe déjà et n'est pas un dossier{NBSP}: rien n'a été "
                "écrit. Choisissez un autre nom de dossier."
            )
        return out
    real = out.resolve()
    if not real.is_dir():
        raise ExportError(
            f"«{NBSP}{out}{NBSP}» est un lien symbolique qui ne mène pas à un dossier{NBSP}: "
            "rien n'a été écrit. Donnez le dossier lui-même, ou un autre nom."
        )
    return real


def _existing(folder: Path, shown: Path, force: bool) -> Target:
    marker = read_marker(folder)
    ours = listed_files(marker) if marker is not None else frozenset()
    if ours is None:
        raise ExportError(
            f"Le dossier «{NBSP}{shown}{NBSP}» contient un export d'une version antérieure de "
            f"parcours, qui ne dit pas quels fichiers il a écrits{NBSP}: rien n'a été modifié. "
            "Videz ce dossier vous-même ou choisissez-en un autre."
        )
    others = tuple(_others(folder, ours))
    if others and not force:
        raise ExportError(
            f"Le dossier «{NBSP}{shown}{NBSP}» contient des fichiers qu'aucun export n'a "
            f"écrits (ils ne sont pas listés dans {MARKER}){NBSP}: rien n'a été modifié. "
            "Choisissez un dossier nouveau ou vide, ou relancez avec --force pour y écrire "
            "l'export à côté de ces fichiers, qui seront conservés.",
            _named(others),
        )
    return Target(folder=folder, shown=shown, exists=True, ours=ours, others=others)


def _named(paths: Sequence[str]) -> list[str]:
    shown = list(paths[:SHOWN_OTHERS])
    if len(paths) > SHOWN_OTHERS:
        rest = len(paths) - SHOWN_OTHERS
        shown.append(f"et {rest} autre{'s' if rest > 1 else ''}")
    return shown


def _others(folder: Path, ours: frozenset[str]) -> Iterator[str]:
    """Entries of ``folder`` the earlier export did not write: files, links, empty folders.

    A symbolic link is never followed here: it is the user's, whatever it points to.
    """
    for here, dirs, files in os.walk(folder):
        base = Path(here).relative_to(folder)
        for name in sorted(dirs):
            path = Path(here) / name
            if path.is_symlink():
                dirs.remove(name)
                yield (base / name).as_posix()
            elif _empty(path):
                yield (base / name).as_posix()
        dirs.sort()
        for name in sorted(files):
            relative = (base / name).as_posix()
            if relative not in ours or (Path(here) / name).is_symlink():
                yield relative


def _empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def staging_folder(target: Target) -> Path:
    """A new hidden folder on ``OUT``'s file system where the export is built."""
    if target.exists:
        folder = target.folder / f".parcours-partiel-{secrets.token_hex(4)}"
    else:
        folder = target.folder.with_name(f".{target.folder.name}.partiel-{secrets.token_hex(4)}")
    folder.mkdir()
    return folder


def write_marker(folder: Path, details: dict[str, Any]) -> list[str]:
    """The marker, written last (after every other file is closed); the files it lists."""
    files = [path for path in walk(folder) if path.name != MARKER or path.parent != folder]
    written = [path.relative_to(folder).as_posix() for path in files]
    document = {
        "format": MARKER_FORMAT,
        "version": MARKER_VERSION,
        **details,
        "files": len(files),
        "bytes": sum(path.stat().st_size for path in files),
        "written": written,
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    (folder / MARKER).write_text(text, encoding="utf-8")
    return [*written, MARKER]


def walk(folder: Path) -> Iterator[Path]:
    """Every file under ``folder``, in a stable order."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path


def write_zip(folder: Path, files: Sequence[str], target: Path, name: str) -> None:
    """``files`` of ``folder`` as ``target`` (entries under ``<name>/``), the marker last."""
    partial = target.with_name(f".{target.name}.partiel-{secrets.token_hex(4)}")
    ordered = sorted(files, key=lambda path: (path == MARKER, path))
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for relative in ordered:
                archive.write(folder / relative, f"{name}/{relative}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
