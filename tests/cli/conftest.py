"""Fixtures for the command-line and service tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossator.service import Session


@pytest.fixture
def session(seeds: Path, tmp_path: Path) -> Session:
    """The service over an indexed copy of the seeds, saving as ``tester``."""
    opened = Session.open(seeds, index_dir=tmp_path / "index", author="tester")
    opened.update(lambda done, total: None)
    return opened
