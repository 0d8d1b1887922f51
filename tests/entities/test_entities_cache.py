"""The on-disk entity cache."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from entities_support import REPO

from glossator.index.entities import Entity, Recogniser
from glossator.index.entities.cache import EntityCache


def test_round_trip(tmp_path: Path) -> None:
    text = "Drones hit Baghdad on Tuesday."
    sha = hashlib.sha256(text.encode()).hexdigest()
    rec = Recogniser.load()
    entities = rec.recognise(text)
    cache = EntityCache(tmp_path)
    assert cache.get(sha, rec.cache_key, text) is None
    cache.put(sha, rec.cache_key, entities)
    assert cache.get(sha, rec.cache_key, text) == entities
    assert EntityCache(tmp_path).get(sha, rec.cache_key, text) == entities  # reopened
    assert cache.get(sha, "another-key", text) is None


def test_put_replaces(tmp_path: Path) -> None:
    cache = EntityCache(tmp_path)
    cache.put("abc", "k", [Entity(0, 3, "abc", "ORG")])
    cache.put("abc", "k", [])
    assert cache.get("abc", "k", "abc") == []


def test_two_processes_write_at_once(tmp_path: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from glossator.index.entities import Entity;"
        "from glossator.index.entities.cache import EntityCache;"
        "c = EntityCache(Path(sys.argv[1]));"
        "[c.put(f'{sys.argv[2]}{i}', 'k', [Entity(0, 1, 'x', 'ORG')]) for i in range(200)]"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", script, str(tmp_path), tag], cwd=REPO)
        for tag in ("a", "b")
    ]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    cache = EntityCache(tmp_path)
    assert all(cache.get(f"{tag}{i}", "k") is not None for tag in "ab" for i in range(200))
