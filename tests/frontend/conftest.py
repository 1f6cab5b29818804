"""The front-end suite talks to its own server process on its own SQLite file: nothing here uses
the session's test database, so there is nothing to clean after it."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def clean_database() -> None:
    """Overrides tests/conftest.py's sweep (which would set up the session database for nothing)."""
