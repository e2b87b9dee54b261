"""Read question banks from YAML files and report every defect as a located :class:`Problem`.

Banks are written by hand by facilitators, so a defect must say where it is: the file (relative to
the data directory, e.g. ``banks/profil_catalyseur.yaml``), the YAML line, the field and the
dotted path of the element (``items[3].axis``). Nothing here lets a raw traceback escape: any
failure becomes a :class:`DataError` that the user-facing edges show in French.

The data directory defaults to the parent of the folder holding the bank (``data/`` for
``data/banks/x.yaml``). When it has a ``sources/`` folder, the source files a bank cites must exist
there and each quiz ``quote`` must appear in its source: this is what keeps quiz content tied to
the course documents instead of invented.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.nodes import Node

from widgets import config
from widgets.banks.issues import BankIssue, FieldPath, dotted
from widgets.banks.model import (
    BANK_ADAPTER,
    BANK_KINDS,
    ISSUES_CONTEXT_KEY,
    Bank,
    graded_items,
)
from widgets.banks.yaml_lines import duplicate_keys, row_of
from widgets.errors import DataError, Problem

log = logging.getLogger(__name__)

BANK_SUFFIXES = (".yaml", ".yml")

# French wording of what pydantic expected, by pydantic error type (``expected`` of a Problem).
_EXPECTED_FR: dict[str, str] = {
    "string_type": "un texte",
    "int_type": "un nombre entier",
    "float_type": "un nombre",
    "bool_type": "true ou false",
    "list_type": "une liste",
    "dict_type": "une table de champs (clé: valeur)",
    "model_type": "une table de champs (clé: valeur)",
    "model_attributes_type": "une table de champs (clé: valeur)",
    "union_tag_invalid": ", ".join(BANK_KINDS),
    "union_tag_not_found": ", ".join(BANK_KINDS),
}


def load_bank(path: str | Path, *, data_root: str | Path | None = None) -> Bank:
    """Load and validate one bank file; raise :class:`DataError` listing every problem found."""
    bank, problems = _read(Path(path), _root_for(Path(path), data_root))
    if problems or bank is None:
        raise DataError.collect(problems)
    return bank


def bank_problems(path: str | Path, *, data_root: str | Path | None = None) -> list[Problem]:
    """Every problem of one bank file (empty when the bank is valid); never raises."""
    return _read(Path(path), _root_for(Path(path), data_root))[1]


def load_banks(
    directory: str | Path | None = None, *, data_root: str | Path | None = None
) -> dict[str, Bank]:
    """Load every ``*.yaml`` bank of a folder (default: ``banks/`` of the configured data dir).

    All files are checked before raising, so a facilitator sees every defect at once, including a
    bank id used by two files. Banks are keyed by id, in file-name order.
    """
    banks, problems = usable_banks(directory, data_root=data_root)
    if problems:
        raise DataError.collect(problems)
    return banks


def usable_banks(
    directory: str | Path | None = None, *, data_root: str | Path | None = None
) -> tuple[dict[str, Bank], list[Problem]]:
    """The valid banks of a folder, and the problems of the others; never raises.

    For the live room: one broken bank must not take the others' webinars with it (``serve``
    starts whatever the data, and names what is broken).
    """
    directory = Path(directory) if directory is not None else config.data_dir() / "banks"
    root = Path(data_root) if data_root is not None else directory.parent
    if not directory.is_dir():
        return {}, [Problem(file=_display(directory, root), code="file-missing")]
    banks: dict[str, Bank] = {}
    problems: list[Problem] = []
    files = sorted(p for p in directory.iterdir() if p.suffix in BANK_SUFFIXES and p.is_file())
    for path in files:
        bank, found, node = _read_with_node(path, root)
        problems.extend(found)
        if bank is None:
            continue
        if bank.id in banks:
            problems.append(
                Problem(
                    file=_display(path, root),
                    code="duplicate-id",
                    row=row_of(node, ("id",)),
                    column="id",
                    item="id",
                    value=bank.id,
                )
            )
            continue
        banks[bank.id] = bank
    return banks, problems


def validate_bank(
    data: Mapping[str, Any], *, file: str = "banque", data_root: str | Path | None = None
) -> Bank:
    """Validate a bank given as a mapping (a UI editor, a test); same checks as a file, no lines.

    With ``data_root``, the cited sources must also exist in its ``sources/`` folder and each
    quiz ``quote`` stand in its source, as ``parcours validate`` checks a file.
    """
    bank, problems = _validate(dict(data), file, None)
    if bank is not None and data_root is not None:
        problems = _source_problems(bank, Path(data_root) / "sources", file, None)
    if problems or bank is None:
        raise DataError.collect(problems)
    return bank


# --- reading -------------------------------------------------------------------------------------


def _root_for(path: Path, data_root: str | Path | None) -> Path:
    return Path(data_root) if data_root is not None else path.parent.parent


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


Read = tuple[Bank | None, list[Problem], Node | None]


def _read(path: Path, root: Path) -> tuple[Bank | None, list[Problem]]:
    bank, problems, _ = _read_with_node(path, root)
    return bank, problems


def _read_with_node(path: Path, root: Path) -> Read:
    file = _display(path, root)
    try:
        return _read_checked(path, root, file)
    except Exception:  # last resort: a participant never sees a traceback
        log.exception("unexpected failure while reading bank %s", path)
        return None, [Problem(file=file, code="format-error")], None


def _read_checked(path: Path, root: Path, file: str) -> Read:
    if not path.is_file():
        return None, [Problem(file=file, code="file-missing")], None
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(file=file, code="source-error", value=error.strerror)], None
    if not raw.strip():
        return None, [Problem(file=file, code="file-empty")], None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        bad = raw[error.start : error.end].hex(" ")
        problem = Problem(file=file, code="encoding-error", row=row, expected="UTF-8", value=bad)
        return None, [problem], None
    try:
        node, data = _compose_and_construct(text)
    except RecursionError:  # PyYAML recurses once per level of nesting
        expected = "quelques niveaux d'imbrication, comme dans les banques fournies"
        return None, [Problem(file=file, code="too-deep", expected=expected)], None
    except ValueError as error:  # an integer beyond Python's 4 300 digits
        return None, [Problem(file=file, code="too-large", value=str(error)[:120])], None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        detail = getattr(error, "problem", None) or str(error)
        return None, [Problem(file=file, code="yaml-error", row=line, value=detail)], None
    if node is None:
        return None, [Problem(file=file, code="file-empty")], None
    problems = [
        Problem(
            file=file,
            code="yaml-error",
            row=row,
            column=str(where[-1]),
            item=dotted(where),
            value="clé en double",
        )
        for where, row in duplicate_keys(node)
    ]
    bank, found = _validate(data, file, node)
    problems.extend(found)
    if bank is not None:
        problems.extend(_id_problems(bank, path, file, node))
        problems.extend(_source_problems(bank, root / "sources", file, node))
    problems.sort(key=lambda problem: problem.row or 0)  # stable: same line keeps check order
    return (None if problems else bank), problems, node


def _compose_and_construct(text: str) -> tuple[Node | None, Any]:
    """The node tree (for line numbers) and the Python data, from a single YAML parse."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _validate(data: Any, file: str, node: Node | None) -> tuple[Bank | None, list[Problem]]:
    if not isinstance(data, dict):
        return None, [
            Problem(
                file=file,
                code="invalid-field",
                row=row_of(node, ()),
                expected=_EXPECTED_FR["dict_type"],
                value=type(data).__name__,
            )
        ]
    issues: list[BankIssue] = []
    try:
        bank = BANK_ADAPTER.validate_python(data, context={ISSUES_CONTEXT_KEY: issues})
    except ValidationError as error:
        kind = data.get("kind")
        return None, [_from_pydantic(err, file, node, kind) for err in error.errors()]
    problems = [_problem(file, node, i.path, i.code, i.expected, i.value) for i in issues]
    return (None if problems else bank), problems


# --- problems ------------------------------------------------------------------------------------


def _from_pydantic(err: Any, file: str, node: Node | None, kind: object) -> Problem:
    """One pydantic error as a Problem: loc → dotted item path and field, type → our code."""
    loc: FieldPath = tuple(err["loc"])
    if loc and loc[0] == kind and kind in BANK_KINDS:
        loc = loc[1:]  # the discriminated union prefixes the bank kind
    kind_error = err["type"] in ("union_tag_invalid", "union_tag_not_found")
    if kind_error:
        loc = ("kind",)
    code = _code_for(err)
    expected = _expected_for(err)
    value = None if code == "missing-field" else _scalar(err.get("input"))
    if kind_error and code != "missing-field":
        value = _scalar(kind)
    return _problem(file, node, loc, code, expected, value)


def _code_for(err: Any) -> str:
    kind = err["type"]
    if kind in ("missing", "union_tag_not_found"):
        return "missing-field"
    if kind == "extra_forbidden":
        return "unknown-field"
    if kind == "string_too_short":
        return "missing-field"  # a blank label is a missing label
    return "invalid-field"


def _expected_for(err: Any) -> str | None:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "literal_error":  # pydantic joins the allowed values with an English "or"
        return str(ctx.get("expected")).replace(" or ", " ou ")
    if kind in ("greater_than_equal", "greater_than"):
        return f"un nombre ≥ {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"un nombre ≤ {ctx.get('le', ctx.get('lt'))}"
    if kind == "too_short":
        return f"au moins {ctx.get('min_length')} élément(s)"
    if kind == "string_pattern_mismatch":
        if str(ctx.get("pattern", "")).endswith(r"\.txt$"):
            return "un nom de fichier .txt de data/sources (sans dossier)"
        return "un identifiant\u00a0: minuscules sans accent, chiffres et _"
    return _EXPECTED_FR.get(kind)


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    return str(value)


def _problem(
    file: str,
    node: Node | None,
    path: FieldPath,
    code: str,
    expected: str | None = None,
    value: str | None = None,
) -> Problem:
    columns = [part for part in path if isinstance(part, str)]
    return Problem(
        file=file,
        code=code,
        row=row_of(node, path),
        column=columns[-1] if columns else None,
        item=dotted(path) or None,
        expected=expected,
        value=value,
    )


def _id_problems(bank: Bank, path: Path, file: str, node: Node | None) -> list[Problem]:
    """The file name is the bank id, so ``banks/x.yaml`` always holds bank ``x``."""
    if bank.id == path.stem:
        return []
    return [_problem(file, node, ("id",), "invalid-field", path.stem, bank.id)]


def _source_problems(bank: Bank, sources: Path, file: str, node: Node | None) -> list[Problem]:
    """Cited source files exist and quotes are found in them (skipped outside a data tree)."""
    if not sources.is_dir():
        return []
    cited: list[tuple[FieldPath, str]] = [(("sources", i), s) for i, s in enumerate(bank.sources)]
    graded = graded_items(bank)  # a quiz's questions, a poll's questions with a right answer
    items: list[Any] = list(bank.items)
    positions = {i: graded[item.id] for i, item in enumerate(items) if item.id in graded}
    cited += [(("items", i, "source"), item.source) for i, item in positions.items() if item.source]
    cited += [
        (("warnings", i, "source"), rule.source)
        for i, rule in enumerate(getattr(bank, "warnings", []))
        if rule.source is not None
    ]
    problems = [
        _problem(file, node, where, "missing-source", "un fichier de data/sources", name)
        for where, name in cited
        if not (sources / name).is_file()
    ]
    for index, item in positions.items():
        if item.quote is None or item.source is None or not (sources / item.source).is_file():
            continue
        if _normalise(item.quote) not in _source_text(sources / item.source):
            where = ("items", index, "quote")
            problems.append(_problem(file, node, where, "quote-not-found", item.source, item.quote))
    return problems


@lru_cache(maxsize=32)
def _source_text(path: Path) -> str:
    """The source's text; an unreadable one (not UTF-8) has none, so no quote is found in it
    (``parcours validate`` names the source file itself)."""
    try:
        return _normalise(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return ""


_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "*": None, "\u00a0": " ", "\u202f": " "})


def _normalise(text: str) -> str:
    """Compare quotes loosely on layout only: apostrophes, bold marks, spaces and case."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return re.sub(r"\s+", " ", text).strip().casefold()
