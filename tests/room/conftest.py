"""Fixtures for the room model: the shipped question banks."""

from __future__ import annotations

import pytest

from widgets.banks import Bank, load_banks


@pytest.fixture(scope="session")
def banks() -> dict[str, Bank]:
    return load_banks()
