"""Fixtures for the incident extractor tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from glossator.index.entities import Recogniser
from glossator.index.incidents import Incident, IncidentExtractor


@pytest.fixture(scope="session")
def recogniser() -> Recogniser:
    """One recogniser without a watchlist, shared by the session."""
    return Recogniser.load()


@pytest.fixture(scope="session")
def extractor() -> IncidentExtractor:
    """One extractor with the bundled place table."""
    return IncidentExtractor()


@pytest.fixture(scope="session")
def incidents(
    recogniser: Recogniser, extractor: IncidentExtractor
) -> Callable[..., list[Incident]]:
    """`incidents(text, date=None)`: recognise, then extract."""

    def run(text: str, date: dt.date | None = None) -> list[Incident]:
        return extractor.extract(text, recogniser.recognise(text), date)

    return run


@pytest.fixture
def run(incidents: Callable[..., list[Incident]]) -> Callable[..., list[Incident]]:
    """The extractor tests' name for `incidents`."""
    return incidents
