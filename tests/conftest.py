"""Shared fixtures: temporary corpora, a private config, the BBC corpus when present."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from glossator.index.indexer import Index

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


#: How many articles the shared indexes re-index after building, so that their
#: old segments hold deleted documents (searches must skip them).
REINDEXED = 40


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Index]:
    """`built_index(corpus)`: ONE index of `corpus` per worker, shared by every
    test that only reads it (building the BBC one takes 15-20 s).

    It is built in a folder of its own, then its first `REINDEXED` articles are
    re-indexed, which leaves deleted documents behind in the old segments. Do
    not write to it (tags, updates, compaction, the reader): copy it first with
    `copy_index`.
    """
    from glossator.index.indexer import Index

    built: dict[Path, Index] = {}

    def build(corpus: Path) -> Index:
        key = corpus.resolve()
        if key not in built:
            home = tmp_path_factory.mktemp("index-home")
            # Session fixtures run outside any test's private config.
            with pytest.MonkeyPatch.context() as env:
                env.setenv("GLOSSATOR_CONFIG", str(home / "config.toml"))
                env.setenv("XDG_CACHE_HOME", str(home / "cache"))
                ix = Index(key, tmp_path_factory.mktemp("index"))
                ix.update()
                ix.reindex(sorted(ix.manifest())[:REINDEXED])
            built[key] = ix
        return built[key]

    return build


@pytest.fixture(scope="session")
def bbc_index(bbc_copy: Path, built_index: Callable[[Path], Index]) -> Index:
    """The shared read-only index of `bbc_copy` (`built_index`)."""
    return built_index(bbc_copy)


@pytest.fixture(scope="session")
def parity_index(parity_corpus: Path, built_index: Callable[[Path], Index]) -> Index:
    """The shared read-only index of each `parity_corpus` (`built_index`)."""
    return built_index(parity_corpus)


def copy_index(ix: Index, dest: Path) -> Path:
    """A writable copy of a shared index's folder at `dest` (which must not
    exist), for a test that updates, tags or opens the reader on it. The copy
    belongs to the same corpus: another corpus would rebuild it."""
    return Path(shutil.copytree(ix.dir, dest, symlinks=True))
