"""Shared fixtures: temporary corpora, a private config, the BBC corpus when present."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
BBC = (REPO / ".." / "shared" / "corpora" / "bbc").resolve()
#: Generated news-style articles that ship with the repository
#: (tests/fixtures/make_newswire.py), for tests that must always run.
NEWSWIRE = REPO / "tests" / "fixtures" / "newswire"


@pytest.fixture(autouse=True)
def _private_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test reads the developer's own config or cache."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("GLOSSATOR_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("GLOSSATOR_AUTHOR", "tester")


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A writable copy of the five sample articles, and only them.

    Using the reader on `seeds/` leaves sidecars, lock files and an index
    there; a test must not see them.
    """
    dest = tmp_path / "seeds"
    dest.mkdir()
    for p in sorted(SEEDS.glob("*.txt")):
        shutil.copyfile(p, dest / p.name)
        (dest / p.name).chmod(0o644)
    return dest


@pytest.fixture(scope="session")
def bbc_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A writable copy of the BBC corpus, shared by the session (skips when absent)."""
    if not BBC.is_dir():
        pytest.skip("BBC corpus not found at ../shared/corpora/bbc")
    dest = tmp_path_factory.mktemp("bbc") / "bbc"
    shutil.copytree(BBC, dest)
    for p in dest.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    return dest


@pytest.fixture(scope="session")
def newswire_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A writable copy of the shipped newswire corpus, shared by the session."""
    dest = tmp_path_factory.mktemp("newswire") / "newswire"
    shutil.copytree(NEWSWIRE, dest)
    for p in dest.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    return dest


@pytest.fixture(scope="session", params=["newswire", "bbc"])
def parity_corpus(request: pytest.FixtureRequest) -> Path:
    """Each corpus the parity tests run on: the shipped newswire one always,
    the BBC one when present (skipped otherwise)."""
    path: Path = request.getfixturevalue(f"{request.param}_copy")
    return path
