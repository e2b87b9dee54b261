"""The learner's own folder: copies of the course notebooks that the learner runs and edits.

An installed course never serves its own files: JupyterLab writes into the notebooks it runs,
and a new version of the package would wipe whatever the learner wrote there. ``parcours
serve`` copies ``course/`` and ``dashboards/`` into a folder of the learner's
(:func:`widgets.config.learner_dir`) and keeps a manifest of what it copied, so that the next
version of the course updates only the notebooks the learner left as they were.

"Left as they were" compares what a notebook says, not its bytes: the type and source of each
cell. A notebook that was only run (outputs, execution counts, widget state) is updated; one
whose cells were changed, added or removed is left alone and named. A file the manifest does
not know (a learner's own file of the same name) counts as the learner's. Nothing is ever
deleted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from widgets.french import NBSP

COPIED_FOLDERS = ("course", "dashboards")
"""Folders of the product copied into the learner's folder (data stay in the package)."""

MANIFEST = Path(".parcours") / "manifest.json"
"""Where the learner's folder records what was copied (a hidden folder: JupyterLab hides it)."""

MANIFEST_FORMAT = 1


@dataclass
class SyncReport:
    """What :func:`sync_learner_folder` did, by path relative to the learner's folder."""

    folder: Path
    copied: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Changed by the learner (or theirs): a newer version of the course was not copied."""

    def lines_fr(self) -> list[str]:
        """The French lines ``parcours serve`` prints."""
        lines = [f"Dossier de l'apprenant{NBSP}: {self.folder}"]
        if self.copied:
            lines.append(f"  {len(self.copied)} fichier(s) copié(s) du cours.")
        if self.updated:
            lines.append(
                f"  {len(self.updated)} carnet(s) mis à jour vers la nouvelle version du "
                f"cours{NBSP}: {', '.join(self.updated)}."
            )
        if self.kept:
            lines.append(
                f"  Carnet(s) que vous avez modifié(s), laissé(s) tel(s) quel(s){NBSP}; la "
                f"nouvelle version du cours n'y a pas été copiée{NBSP}: {', '.join(self.kept)}."
            )
        return lines


def content_hash(path: Path) -> str:
    """A digest of what a file says: for a notebook, the type and source of each cell.

    Outputs, execution counts and metadata change whenever a notebook is run and saved; they
    are not the learner's edits. A file that is not a readable notebook is hashed as bytes.
    """
    raw = path.read_bytes()
    if path.suffix == ".ipynb":
        try:
            cells = json.loads(raw)["cells"]
            said = [
                [
                    cell["cell_type"],
                    "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"],
                ]
                for cell in cells
            ]
        except (ValueError, KeyError, TypeError):
            pass
        else:
            raw = json.dumps(said, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


def course_files(source_root: Path) -> Iterator[str]:
    """Paths (POSIX, relative to ``source_root``) of the files to copy, checkpoints excluded."""
    for folder in COPIED_FOLDERS:
        base = source_root / folder
        for path in sorted(base.rglob("*")):
            relative = path.relative_to(source_root)
            if path.is_file() and not any(
                part.startswith(".") or part == "__pycache__" for part in relative.parts
            ):
                yield relative.as_posix()


def read_manifest(folder: Path) -> dict[str, str]:
    """Digest of each file as it was last copied into ``folder`` (empty when none)."""
    try:
        document = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files = document["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``path`` whole or not at all (a crash never leaves half a notebook)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def sync_learner_folder(source_root: Path, folder: Path, version: str = "") -> SyncReport:
    """Create or update the learner's ``folder`` from the course in ``source_root``.

    A missing file is copied; a file the learner left as it was last copied takes the new
    version; a file the learner changed is left alone and listed in :attr:`SyncReport.kept`.
    """
    folder = folder.expanduser().resolve()
    report = SyncReport(folder=folder)
    manifest = read_manifest(folder)
    for relative in course_files(source_root):
        source = source_root / relative
        target = folder / relative
        wanted = content_hash(source)
        if not target.exists():
            _write_atomically(target, source.read_bytes())
            report.copied.append(relative)
        else:
            present = content_hash(target)
            last_copied = manifest.get(relative)
            if present == wanted:
                pass  # the same course text, maybe with the learner's outputs: keep them
            elif last_copied == present:  # untouched by the learner: take the new version
                _write_atomically(target, source.read_bytes())
                report.updated.append(relative)
            elif last_copied == wanted:  # the learner's edits, and nothing new in the course
                continue
            else:  # the learner's edits (or own file), and a new version in the course
                report.kept.append(relative)
                continue  # the manifest keeps what was copied last, not the learner's text
        manifest[relative] = wanted
    document = {
        "format": MANIFEST_FORMAT,
        "version": version,
        "files": dict(sorted(manifest.items())),
    }
    _write_atomically(
        folder / MANIFEST, json.dumps(document, indent=1, ensure_ascii=False).encode("utf-8")
    )
    return report
