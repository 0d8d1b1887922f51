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


def test_a_cache_of_the_old_format_is_emptied_and_rows_are_compact(tmp_path: Path) -> None:
    import sqlite3

    sha = hashlib.sha256(b"x").hexdigest()
    old = sqlite3.connect(tmp_path / EntityCache.FILENAME)
    old.executescript(
        "CREATE TABLE entities (sha256 TEXT NOT NULL, key TEXT NOT NULL, spans TEXT NOT NULL,"
        " PRIMARY KEY (sha256, key)) WITHOUT ROWID;"
    )
    old.execute("INSERT INTO entities VALUES (?, 'k', '[[0,1,\"ORG\"]]')", (sha,))
    old.commit()
    old.close()
    cache = EntityCache(tmp_path)
    assert cache.get(sha, "k", "x") is None  # hex keys and text rows are not read as new rows
    many = [Entity(i * 10, i * 10 + 5, "", "PERSON") for i in range(40)]
    cache.put(sha, "k", many)
    cache.put_records(sha, "k", [])
    assert cache.get(sha, "k") == many and cache.get_records(sha, "k") == []
    db = sqlite3.connect(tmp_path / EntityCache.FILENAME)
    ((key, spans),) = db.execute("SELECT sha256, spans FROM entities")
    (records,) = db.execute("SELECT records FROM incidents").fetchone()
    assert key == bytes.fromhex(sha)
    assert len(spans) < len(str([[e.start, e.end, e.label] for e in many])) / 2
    assert records == b"[]"
    db.close()


def test_a_row_that_does_not_decode_is_a_miss(tmp_path: Path) -> None:
    import sqlite3

    sha = hashlib.sha256(b"y").hexdigest()
    cache = EntityCache(tmp_path)
    cache.put(sha, "k", [Entity(0, 1, "y", "ORG")])
    cache.put_records(sha, "k", [{"start": 0}])
    db = sqlite3.connect(tmp_path / EntityCache.FILENAME)
    with db:
        db.execute("UPDATE entities SET spans = ?", (b"x\x9cnot deflate",))
        db.execute("UPDATE incidents SET records = ?", (b'{"not": "a list"}',))
    db.close()
    assert cache.get(sha, "k", "y") is None
    assert cache.get_records(sha, "k") is None
