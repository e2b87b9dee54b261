"""Where an export goes: refuse to clobber, build aside, then swap in; the marker file last.

An export is a folder that a learner may copy, zip or open at any moment, so it must never be
seen half-written, and the command must never destroy something it did not make:

* ``OUT`` may be missing, an empty folder, or an earlier export (it holds the marker file
  :data:`MARKER`); anything else is refused before a single byte is written. ``OUT.zip`` is
  replaced only if it is an earlier export's archive.
* The new export is written into a hidden sibling folder ``.OUT.partiel-…`` (same file system,
  so the final rename is atomic), the marker written last; only then does it replace ``OUT``.
  A failure removes the sibling; an interrupted run leaves, at worst, a hidden folder without
  a marker, which does not look like an export and is never opened as one.
* The zip is written the same way (``.OUT.zip.partiel-…`` then renamed), the marker as its
  last entry.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from widgets.french import NBSP

MARKER = "parcours-export.json"
"""Written last in every export: its presence is what makes a folder an earlier export."""
MARKER_FORMAT = "parcours-export"
MARKER_VERSION = 1


class ExportError(Exception):
    """Why the export stopped, in French, with the details (one problem per line)."""

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        self.message = message
        self.details = list(details or [])
        super().__init__(self.message_fr())

    def message_fr(self) -> str:
        lines = [self.message, *(f"- {line}" for line in self.details)]
        return "\n".join(lines)


def is_export(folder: Path) -> bool:
    """True when ``folder`` holds a marker file written by ``parcours export``."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(marker, dict) and marker.get("format") == MARKER_FORMAT


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


def check_target(out: Path, *, with_zip: bool) -> None:
    """Refuse an ``OUT`` (or ``OUT.zip``) that is not ours; raises :class:`ExportError`."""
    if out.exists() or out.is_symlink():
        if not out.is_dir():
            raise ExportError(
                f"«{NBSP}{out}{NBSP}» existe déjà et n'est pas un dossier{NBSP}: rien n'a été "
                "écrit. "
                "Choisissez un autre nom de dossier."
            )
        if not is_export(out) and any(out.iterdir()):
            raise ExportError(
                f"Le dossier «{NBSP}{out}{NBSP}» existe déjà et ne contient pas d'édition hors "
                "ligne "
                f"(pas de fichier {MARKER}){NBSP}: il n'a pas été modifié et rien n'a été écrit. "
                "Choisissez un dossier nouveau ou vide, ou celui d'un export précédent."
            )
    if not out.parent.is_dir():
        raise ExportError(
            f"Le dossier parent «{NBSP}{out.parent}{NBSP}» n'existe pas{NBSP}: rien n'a été écrit."
        )
    archive = zip_path(out)
    if with_zip and archive.exists() and not is_export_zip(archive):
        raise ExportError(
            f"«{NBSP}{archive}{NBSP}» existe déjà et n'est pas l'archive d'un export "
            f"précédent{NBSP}: rien n'a "
            "été écrit. Déplacez ce fichier ou lancez l'export avec --no-zip."
        )


def staging_folder(out: Path) -> Path:
    """A new hidden folder next to ``OUT`` where the export is built."""
    folder = out.with_name(f".{out.name}.partiel-{secrets.token_hex(4)}")
    folder.mkdir()
    return folder


def write_marker(folder: Path, details: dict[str, Any]) -> None:
    """The marker, written last (after every other file is closed)."""
    files = [path for path in walk(folder) if path.name != MARKER]
    document = {
        "format": MARKER_FORMAT,
        "version": MARKER_VERSION,
        **details,
        "files": len(files),
        "bytes": sum(path.stat().st_size for path in files),
    }
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    (folder / MARKER).write_text(text, encoding="utf-8")


def install(staged: Path, out: Path) -> None:
    """Put the finished export in place of ``OUT`` (an earlier export or an empty folder)."""
    if not (out.exists() or out.is_symlink()):
        staged.rename(out)
        return
    old = out.with_name(f".{out.name}.ancien-{secrets.token_hex(4)}")
    out.rename(old)
    try:
        staged.rename(out)
    except OSError:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def walk(folder: Path) -> Iterator[Path]:
    """Every file under ``folder``, in a stable order."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path


def write_zip(folder: Path, target: Path) -> None:
    """``folder`` as ``target`` (entries under ``<folder name>/``), the marker last."""
    partial = target.with_name(f".{target.name}.partiel-{secrets.token_hex(4)}")
    files = sorted(walk(folder), key=lambda path: (path.name == MARKER, str(path)))
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
