"""A course bank by id, as a notebook names it (``quiz_module_3``, ``profil_catalyseur``)."""

from __future__ import annotations

import re
from typing import TypeVar, get_args

from widgets import config
from widgets.banks.loader import load_bank
from widgets.banks.model import Bank
from widgets.errors import DataError

B = TypeVar("B", bound=Bank)

_BANK_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")


def course_bank(bank_id: str, kind: type[B]) -> B:
    """Bank ``bank_id`` of the data folder, checked to be a ``kind``; DataError otherwise.

    What the course facade of every edition calls with a notebook's argument: an id that is not
    a plain file name is refused before any path is built from it.
    """
    file = f"banks/{bank_id}.yaml"
    if not isinstance(bank_id, str) or not _BANK_ID.fullmatch(bank_id):
        raise DataError.single(file, "file-missing")
    bank = load_bank(config.data_dir() / file)
    if not isinstance(bank, kind):
        expected = get_args(kind.model_fields["kind"].annotation)[0]
        raise DataError.single(
            file, "invalid-field", column="kind", expected=expected, value=bank.kind
        )
    return bank


def quiz_bank_id(module: object) -> str:
    """The quiz bank of a module number; DataError for anything but an integer."""
    if isinstance(module, bool) or not isinstance(module, int):
        raise DataError.single(
            "banks", "invalid-field", item="module", expected="un entier de 0 à 9"
        )
    return f"quiz_module_{module}"
