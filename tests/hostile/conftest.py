"""Fixtures for the hostile-input and fault tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_support import glossator, make_hostile_corpus


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile corpus, indexed once per module (tests must not change it)."""
    root = make_hostile_corpus(tmp_path_factory.mktemp("hostile") / "corpus")
    proc = glossator("index", str(root))
    assert proc.returncode == 0, proc.stderr
    return root


@pytest.fixture
def hostile_copy(tmp_path: Path) -> Path:
    """A fresh, unindexed hostile corpus a test may change."""
    return make_hostile_corpus(tmp_path / "corpus")
