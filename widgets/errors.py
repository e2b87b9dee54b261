"""Errors as data: a code plus where it happened, turned into French by :mod:`widgets.labels`.

Every boundary of the project (data files, question banks, answers, the store) reports what is
wrong as :class:`Problem` values collected into one :class:`DataError`. The code and location are
for tests and logs; :meth:`Problem.message_fr` is what a learner or facilitator reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from widgets.french import NBSP


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, located as precisely as the input allows.

    ``row`` is the 1-based line number in the file (the CSV header is line 1), ``column`` the
    field name, ``item`` an identifier inside a structured file (a question id, a JSON path).
    ``expected`` says what would have been right, ``value`` what was found.
    """

    file: str
    code: str
    row: int | None = None
    column: str | None = None
    item: str | None = None
    expected: str | None = None
    value: str | None = None

    def where_fr(self) -> str:
        """French location: « fichier data/x.csv, ligne 4, colonne value »."""
        parts = [f"fichier {self.file}"]
        if self.row is not None:
            parts.append(f"ligne {self.row}")
        if self.column:
            parts.append(f"colonne «{NBSP}{self.column}{NBSP}»")
        if self.item:
            parts.append(f"élément «{NBSP}{self.item}{NBSP}»")
        return ", ".join(parts)

    def message_fr(self) -> str:
        """The full French sentence shown to people."""
        from widgets.labels import problem_label

        text = f"{self.where_fr()}{NBSP}: {problem_label(self.code)}"
        if self.value is not None:
            text += f" (trouvé{NBSP}: «{NBSP}{_shorten(self.value)}{NBSP}»)"
        if self.expected:
            text += f"{NBSP}; attendu{NBSP}: {self.expected}"
        return printable(text + ".")

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "code": self.code,
            "row": self.row,
            "column": self.column,
            "item": self.item,
            "expected": self.expected,
            "value": self.value,
        }


@dataclass
class DataError(Exception):
    """Raised when an input cannot be used; carries every :class:`Problem` found.

    One exception type for all bad inputs lets each user-facing edge (notebook cell, dashboard,
    command line, HTTP handler) catch one thing and show :meth:`message_fr`.
    """

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.message_fr())

    @classmethod
    def single(cls, file: str, code: str, **where: object) -> DataError:
        return cls([Problem(file=file, code=code, **where)])  # type: ignore[arg-type]

    @classmethod
    def collect(cls, problems: Iterable[Problem]) -> DataError:
        return cls(list(problems))

    @property
    def files(self) -> list[str]:
        return sorted({p.file for p in self.problems})

    def message_fr(self) -> str:
        if not self.problems:
            return "Données invalides."
        lines = [p.message_fr() for p in self.problems]
        if len(lines) == 1:
            return lines[0]
        listed = "\n".join(f"- {x}" for x in lines)
        return f"{len(lines)} problèmes dans les données{NBSP}:\n{listed}"

    def __str__(self) -> str:
        return self.message_fr()


def printable(text: str) -> str:
    """``text`` that any UTF-8 stream can write: a lone surrogate or a control character from
    a broken file is shown escaped (``\\ud800``) instead of making the message itself fail."""
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join(c if c >= " " or c in "\n\t" else f"\\x{ord(c):02x}" for c in text)


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
