"""Moving a finished export into ``OUT``: one rename for a new folder, file by file otherwise.

An existing ``OUT`` (an earlier export, an empty folder, a USB stick's root that cannot be
renamed) receives the new files one by one: the earlier export's files are first moved into
a hidden folder inside ``OUT`` (its marker first, so an interruption never leaves a marker
that lists files no longer there), then the new files are moved in, the marker last. If
anything fails, what was moved in is taken out and the earlier files are put back. Only the
files the earlier marker listed are ever moved or deleted; everything else is left where it
is (:mod:`widgets.offline.target` has refused the export if such a file is in the way).
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from widgets.french import NBSP
from widgets.offline.target import MARKER, ExportError, Target


def install(staged: Path, target: Target, written: Sequence[str]) -> None:
    """Put the export built in ``staged`` (its files: ``written``) in place at ``target``."""
    try:
        if not target.exists:
            if target.folder.exists() or target.folder.is_symlink():
                raise ExportError(
                    f"«{NBSP}{target.shown}{NBSP}» est apparu pendant l'export{NBSP}: il n'a "
                    "pas été modifié. Relancez l'export."
                )
            staged.rename(target.folder)
            return
        _refuse_collisions(target, written)
        _move_in(staged, target, written)
    finally:
        shutil.rmtree(staged, ignore_errors=True)


def _refuse_collisions(target: Target, written: Sequence[str]) -> None:
    """A file of the user's where the export would write (or a link on its way): refused."""
    others = set(target.others)
    clashes = sorted(
        path
        for path in written
        if any(part in others for part in _with_parents(PurePosixPath(path)))
    )
    if clashes:
        raise ExportError(
            f"Le dossier «{NBSP}{target.shown}{NBSP}» contient déjà, sous le nom d'un fichier "
            f"de l'export, un fichier ou un lien qu'aucun export n'a écrit{NBSP}: rien n'a été "
            "modifié. Déplacez-le ou choisissez un autre dossier.",
            clashes[:8],
        )


def _with_parents(path: PurePosixPath) -> list[str]:
    return [path.as_posix(), *(p.as_posix() for p in path.parents if p.as_posix() != ".")]


def _move_in(staged: Path, target: Target, written: Sequence[str]) -> None:
    out = target.folder
    trash = out / f".parcours-ancien-{secrets.token_hex(4)}"
    old = sorted(target.ours, key=lambda path: (path != MARKER, path))
    set_aside: list[str] = []
    placed: list[str] = []
    created: list[Path] = []
    try:
        for relative in old:
            if (out / relative).is_file() and not (out / relative).is_symlink():
                _move(out / relative, trash / relative, [])
                set_aside.append(relative)
        for relative in sorted(written, key=lambda path: (path == MARKER, path)):
            _move(staged / relative, out / relative, created)
            placed.append(relative)
    except BaseException:
        for relative in reversed(placed):
            (out / relative).unlink(missing_ok=True)
        for folder in reversed(created):
            _remove_if_empty(folder)
        for relative in set_aside:
            _move(trash / relative, out / relative, [])
        raise
    finally:
        shutil.rmtree(trash, ignore_errors=True)
    _prune(out, set(target.ours) - set(written))


def _prune(out: Path, gone: set[str]) -> None:
    """The folders that held only files of the earlier export no longer written, if empty."""
    for relative in gone:
        for parent in PurePosixPath(relative).parents:
            if parent.as_posix() != ".":
                _remove_if_empty(out / parent)


def _move(source: Path, destination: Path, created: list[Path]) -> None:
    missing = [p for p in reversed(destination.parents) if not p.exists()]
    for folder in missing:
        folder.mkdir()
        created.append(folder)
    source.rename(destination)


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()
