"""On-disk cache of recognised entities, keyed by article content.

One sqlite3 database (`entities.sqlite3` in the given directory). A row is
keyed by the article's SHA-256 and the recogniser's `cache_key` (version, data
files, watchlist hash), so editing the watchlist or upgrading glossator simply
misses instead of serving stale entities. Entities are stored compactly as a
JSON array of `[start, end, label]` triples, with the canonical name as a
fourth item where it differs from the text; the text is re-sliced on read.
The `incidents` table beside it holds each article's incident records (JSON),
keyed the same way plus the extractor's version and the article date.
Hashes are kept as their 32 bytes and JSON deflated where that is shorter
(`FORMAT` 2: at 10,000 articles, 4.0 MB of entity JSON became 1.9 MB); a
cache of another format is emptied on open, and a row that does not decode
is a miss.

Safe with several processes: WAL journal mode lets readers run while one
writer commits, and a busy timeout makes a second writer wait instead of failing.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import zlib
from pathlib import Path
from typing import Any

from glossator.index.entities.model import Entity

#: The rows' format, kept as sqlite's `user_version`: 2 stores hashes as
#: bytes and JSON deflated (1 was hex and plain JSON text).
FORMAT = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entities (
    sha256 BLOB NOT NULL,
    key TEXT NOT NULL,
    spans BLOB NOT NULL,
    PRIMARY KEY (sha256, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS incidents (
    sha256 BLOB NOT NULL,
    key TEXT NOT NULL,
    records BLOB NOT NULL,
    PRIMARY KEY (sha256, key)
) WITHOUT ROWID;
"""


def _hash_key(sha: str) -> bytes:
    """The row key of a content hash: its bytes (a hash that is not hex as it is)."""
    try:
        return bytes.fromhex(sha)
    except ValueError:
        return sha.encode("utf-8")


def _pack(value: object) -> bytes:
    """Compact JSON, deflated when that is shorter (zlib streams start with
    'x', JSON arrays with '[', so the reader tells them apart)."""
    raw = json.dumps(value, separators=(",", ":")).encode("utf-8")
    packed = zlib.compress(raw, 6)
    return packed if len(packed) < len(raw) else raw


def _unpack(data: object) -> Any:
    """What `_pack` packed; None for anything else (the file is not trusted)."""
    if not isinstance(data, bytes):
        return None
    try:
        return json.loads(zlib.decompress(data) if data[:1] == b"x" else data)
    except (zlib.error, ValueError):
        return None


def _canonical(entity: Entity) -> tuple[str, ...]:
    return () if entity.canonical is None else (entity.canonical,)


class EntityCache:
    """`get`/`put` entity lists by (content sha256, recogniser cache key)."""

    FILENAME = "entities.sqlite3"

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / self.FILENAME
        self._local = threading.local()
        # Index workers open the cache at the same moment; switching to WAL
        # needs the database to itself and can answer "locked" at once
        # rather than waiting, so it is retried, and skipped when done.
        for attempt in range(50):
            try:
                with self._connect() as db:
                    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
                    if str(mode).lower() != "wal":
                        db.execute("PRAGMA journal_mode=WAL")
                    self._settle_format(db)
                break
            except sqlite3.OperationalError:
                if attempt == 49:
                    raise
                time.sleep(0.02 * (attempt + 1))

    @staticmethod
    def _settle_format(db: sqlite3.Connection) -> None:
        """Create the tables; a cache of another format is emptied first (it
        is derived data: entities are recomputed on a miss)."""
        if db.execute("PRAGMA user_version").fetchone()[0] == FORMAT:
            db.executescript(_SCHEMA)
            return
        db.execute("BEGIN IMMEDIATE")  # one process converts; the others wait and see it done
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
                db.execute("DROP TABLE IF EXISTS entities")
                db.execute("DROP TABLE IF EXISTS incidents")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute(f"PRAGMA user_version={FORMAT}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _connect(self) -> sqlite3.Connection:
        # One connection per thread: sqlite3 connections must not cross threads.
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, timeout=30.0)
            db.execute("PRAGMA busy_timeout=30000")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db = db
        return db

    def get(self, sha: str, key: str, text: str | None = None) -> list[Entity] | None:
        """The cached entities, or None on a miss.

        Entity text is sliced from `text` when given; otherwise it is left empty
        (callers holding the article should pass it).
        """
        row = (
            self._connect()
            .execute(
                "SELECT spans FROM entities WHERE sha256 = ? AND key = ?", (_hash_key(sha), key)
            )
            .fetchone()
        )
        rows = None if row is None else _unpack(row[0])
        if not isinstance(rows, list):
            return None
        try:
            return [
                Entity(start, end, text[start:end] if text is not None else "", label, *canonical)
                for start, end, label, *canonical in rows
            ]
        except (TypeError, ValueError):
            return None

    def put(self, sha: str, key: str, entities: list[Entity]) -> None:
        """Store (or replace) the entities for this content and key."""
        rows = [[e.start, e.end, e.label, *_canonical(e)] for e in entities]
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO entities (sha256, key, spans) VALUES (?, ?, ?)",
                (_hash_key(sha), key, _pack(rows)),
            )

    def get_records(self, sha: str, key: str) -> list[dict[str, object]] | None:
        """Cached incident records (as `Incident.to_dict()` gave them), or None on a miss."""
        row = (
            self._connect()
            .execute(
                "SELECT records FROM incidents WHERE sha256 = ? AND key = ?", (_hash_key(sha), key)
            )
            .fetchone()
        )
        records = None if row is None else _unpack(row[0])
        return records if isinstance(records, list) else None

    def put_records(self, sha: str, key: str, records: list[dict[str, object]]) -> None:
        """Store (or replace) the incident records for this content and key."""
        with self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO incidents (sha256, key, records) VALUES (?, ?, ?)",
                (_hash_key(sha), key, _pack(records)),
            )

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database and empty it: after a
        build the log holds megabytes that WAL mode never gives back."""
        self._connect().execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def close(self) -> None:
        """Close this thread's connection."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None
