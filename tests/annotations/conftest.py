"""Fixtures for the annotations tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from ann_support import Corpus, make_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    """A corpus folder with one article and a store writing as ``alice``."""
    return make_corpus(tmp_path)
