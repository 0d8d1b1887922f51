"""Fixtures for the entity recogniser tests."""

from __future__ import annotations

import pytest

from glossator.index.entities import Recogniser


@pytest.fixture(scope="session")
def recogniser() -> Recogniser:
    """One recogniser without a watchlist, shared by the session."""
    return Recogniser.load()
