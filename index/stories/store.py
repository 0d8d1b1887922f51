"""`stories.sqlite3`: per-article signatures, LSH bands and incident records.

The store sits in the index folder next to the entity cache and is derived
data: a rebuild of the index removes it, and `StoryStore.sync` brings it in
step with the index's manifest, computing signatures only for articles whose
content hash or sidecar facts changed and dropping articles the index no
longer holds. A look-up reads the article's band keys, the rows sharing any
of them, and compares signatures: a few indexed queries, whatever the
corpus size.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from glossator.index.stories import signatures
from glossator.index.stories.layout import LAYOUT, META, SCHEMA
from glossator.index.stories.rows import Facts, StoredArticle, near
from glossator.index.stories.signatures import Signature

STORE_FILE = "stories.sqlite3"
#: Articles written per transaction when syncing.
SYNC_BATCH = 500
#: Rows from which filling an empty store skips looking for rows to drop.
BULK_MIN = 200

#: The record fields' version, bumped when `RECORD_FIELDS` or the
#: extractor's output changes; with the signature scheme and `LAYOUT` it makes
#: the store's version.
RECORDS = 47
#: The incident fields grouping needs, kept per article.
RECORD_FIELDS = (
    "start",
    "sentence",
    "sub_event_type",
    "event_date",
    "event_date_precision",
    "actor1",
    "actor2",
    "location",
    "within",
    "country",
    "country_from_name",
    "admin1",
    "subdivisions",
    "within_admin1",
    "latitude",
    "longitude",
    "fatalities",
    "injured",
    "headline",
    "mentioned",
)


_R = TypeVar("_R")


def _reopening(read: Callable[..., _R]) -> Callable[..., _R]:
    """A read that a rebuild's `close()` interrupts (the reader's thread
    searching while a lost index is replaced) reads the new store instead."""

    @functools.wraps(read)
    def run(self: StoryStore, *args: Any) -> _R:
        try:
            return read(self, *args)
        except sqlite3.ProgrammingError as exc:
            if "closed" not in str(exc):
                raise
            return read(self, *args)

    return run


def _version() -> str:
    return f"{signatures.VERSION}+records-{RECORDS}/layout-{LAYOUT}"


class StoryStore:
    """The story store of one index folder."""

    def __init__(self, directory: Path) -> None:
        self.path = Path(directory) / STORE_FILE
        self._db: sqlite3.Connection | None = None
        #: The stamps last read, with the `data_version` they were read at:
        #: a full sync compares 100,000 of them, and reading them again
        #: when no other connection has written since was most of the
        #: sync of an update that found nothing to do.
        self._stamps: tuple[int, dict[str, str]] | None = None

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            db = sqlite3.connect(self.path, timeout=10.0, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            # A crash loses at most the last transaction, never the file's
            # integrity; the store is rebuilt from the articles in any case.
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(META)
            row = db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
            if row is None or row[0] != _version():
                # Signatures of another scheme do not compare, and rows of
                # another layout do not read: start afresh.
                with db:
                    db.execute("DROP TABLE IF EXISTS bands")
                    db.execute("DROP TABLE IF EXISTS articles")
                    db.executescript(SCHEMA)
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (_version(),))
                if row is not None:
                    db.execute("VACUUM")
            else:
                db.executescript(SCHEMA)
            self._db = db
        return self._db

    def close(self) -> None:
        self._stamps = None
        if self._db is not None:
            self._db.close()
            self._db = None

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the store and empty it (after a
        build, the log is as large as what the build wrote); a busy or
        broken store keeps its log for the next time."""
        try:
            self._conn().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error:
            pass

    # -- keeping in step --------------------------------------------------------

    @_reopening
    def stamps(self) -> dict[str, str]:
        """Article id -> the stamp it was stored with."""
        return dict(self._known_stamps())

    def _known_stamps(self) -> dict[str, str]:
        """The stamps, read again only when another connection (another
        process) has committed since they were last read; this connection's
        own writes keep them current (`sync`, `put`, `delete`)."""
        db = self._conn()
        version = db.execute("PRAGMA data_version").fetchone()[0]
        if self._stamps is None or self._stamps[0] != version:
            self._stamps = (version, dict(db.execute("SELECT id, stamp FROM articles")))
        return self._stamps[1]

    def _mark(self, written: Mapping[str, str | None]) -> None:
        """Keep the known stamps current after this connection committed
        `written` (article id -> its new stamp, None for a dropped row)."""
        if self._stamps is None:
            return
        marks = self._stamps[1]
        for article_id, mark in written.items():
            if mark is None:
                marks.pop(article_id, None)
            else:
                marks[article_id] = mark

    def sync(
        self,
        wanted: Mapping[str, str],
        facts_of: Callable[[str], Facts | None],
        *,
        only: Iterable[str] | None = None,
    ) -> int:
        """Make the store hold exactly `wanted` (article id -> stamp): rows with
        another stamp are recomputed with `facts_of(id)` (None drops the row),
        rows not wanted are dropped. With `only`, just those ids are looked at.
        Returns how many rows were written or dropped."""
        db = self._conn()
        if only is None:
            have = self._known_stamps()
            if have == wanted:
                return 0
            stale = [i for i in have if i not in wanted]
            todo = sorted(i for i, mark in wanted.items() if have.get(i) != mark)
        else:
            # Named articles only (a watcher's burst): their rows alone are
            # read, whatever the size of the store.
            ids = set(only)
            have = self._stamps_of(sorted(ids))
            stale = [i for i in ids if i in have and i not in wanted]
            todo = sorted(i for i in ids if i in wanted and have.get(i) != wanted[i])
        # Filling an empty store (a first build): there is nothing to drop.
        fresh = only is None and not have and len(todo) >= BULK_MIN
        try:
            with db:
                for article_id in stale:
                    self._drop(db, article_id)
            self._mark({i: None for i in stale})
            n = len(stale)
            # One transaction per batch: a commit per article would make a
            # full build wait on thousands of syncs to disk.
            for at in range(0, len(todo), SYNC_BATCH):
                batch = [(i, facts_of(i)) for i in todo[at : at + SYNC_BATCH]]
                with db:
                    for article_id, facts in batch:
                        if not fresh:
                            self._drop(db, article_id)
                        if facts is not None:
                            self._put(db, article_id, wanted[article_id], facts)
                self._mark({i: None if f is None else wanted[i] for i, f in batch})
                n += len(batch)
        except BaseException:
            self._stamps = None
            raise
        return n

    def _stamps_of(self, ids: list[str]) -> dict[str, str]:
        db = self._conn()
        found: dict[str, str] = {}
        for at in range(0, len(ids), 500):
            chunk = ids[at : at + 500]
            marks = ",".join("?" * len(chunk))
            found.update(db.execute(f"SELECT id, stamp FROM articles WHERE id IN ({marks})", chunk))
        return found

    def put(self, article_id: str, stamp: str, facts: Facts) -> None:
        """Store (or replace) one article's row."""
        db = self._conn()
        try:
            with db:
                self._drop(db, article_id)
                self._put(db, article_id, stamp, facts)
        except BaseException:
            self._stamps = None
            raise
        self._mark({article_id: stamp})

    def delete(self, article_id: str) -> None:
        db = self._conn()
        try:
            with db:
                self._drop(db, article_id)
        except BaseException:
            self._stamps = None
            raise
        self._mark({article_id: None})

    @staticmethod
    def _drop(db: sqlite3.Connection, article_id: str) -> None:
        row = db.execute(
            "SELECT n, shingles, sig FROM articles WHERE id=?", (article_id,)
        ).fetchone()
        if row is None:
            return
        n, shingles, values = row
        if shingles:
            # The keys _put stored, from the signature it stored.
            keys = Signature("", shingles, values).bands()
            db.executemany("DELETE FROM bands WHERE key=? AND n=?", ((k, n) for k in keys))
        db.execute("DELETE FROM articles WHERE n=?", (n,))

    @staticmethod
    def _put(db: sqlite3.Connection, article_id: str, stamp: str, facts: Facts) -> None:
        sig = facts.signature
        records = [{k: r.get(k) for k in RECORD_FIELDS} for r in facts.incidents]
        cursor = db.execute(
            "INSERT INTO articles (id, stamp, body_hash, shingles, sig, date, incidents)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                article_id,
                stamp,
                sig.body_hash,
                sig.shingles,
                sig.values,
                facts.date,
                json.dumps(records, separators=(",", ":")),
            ),
        )
        if sig.shingles:
            n = cursor.lastrowid
            db.executemany(
                "INSERT OR IGNORE INTO bands VALUES (?, ?)", ((key, n) for key in sig.bands())
            )

    # -- reading ----------------------------------------------------------------

    @_reopening
    def get(self, article_id: str) -> StoredArticle | None:
        row = (
            self._conn()
            .execute(
                "SELECT id, body_hash, shingles, sig, date, incidents FROM articles WHERE id=?",
                (article_id,),
            )
            .fetchone()
        )
        return _stored(row) if row else None

    def _many(self, ids: list[str]) -> list[StoredArticle]:
        """The stored rows of these ids (signatures only: incidents not decoded)."""
        out = []
        db = self._conn()
        for at in range(0, len(ids), 500):
            chunk = ids[at : at + 500]
            marks = ",".join("?" * len(chunk))
            rows = db.execute(
                f"SELECT id, body_hash, shingles, sig, date FROM articles WHERE id IN ({marks})",
                chunk,
            )
            out += [StoredArticle(r[0], r[1], r[2], r[3], r[4], []) for r in rows]
        return out

    @_reopening
    def all(self) -> list[StoredArticle]:
        """Every stored article, by id."""
        rows = self._conn().execute(
            "SELECT id, body_hash, shingles, sig, date, incidents FROM articles ORDER BY id"
        )
        return [_stored(r) for r in rows]

    @_reopening
    def near_duplicates(self, article_id: str) -> list[tuple[str, float]]:
        """The stored articles that are near-duplicates of `article_id`, with
        their estimated similarity, most similar first."""
        me = self.get(article_id)
        if me is None:
            return []
        return [(other.id, j) for other, j in self._near(me, exclude=article_id)]

    @_reopening
    def near_signature(self, sig: Signature) -> list[tuple[str, float]]:
        """Stored near-duplicates of a signature not (yet) stored."""
        return [(other.id, j) for other, j in self._near(sig, exclude=None)]

    def _near(
        self, me: StoredArticle | Signature, exclude: str | None
    ) -> list[tuple[StoredArticle, float]]:
        db = self._conn()
        keys = Signature(me.body_hash, me.shingles, me.values).bands() if me.shingles else []
        ids = {
            r[0] for r in db.execute("SELECT id FROM articles WHERE body_hash=?", (me.body_hash,))
        }
        if keys:
            marks = ",".join("?" * len(keys))
            ids.update(
                r[0]
                for r in db.execute(
                    "SELECT DISTINCT a.id FROM bands b JOIN articles a ON a.n = b.n"
                    f" WHERE b.key IN ({marks})",
                    keys,
                )
            )
        ids.discard(exclude)
        found = []
        for other in self._many(sorted(ids)):
            if (j := near(me, other)) is not None:
                found.append((other, j))
        found.sort(key=lambda p: (-p[1], p[0].id))
        return found

    @_reopening
    def all_near_pairs(self) -> list[tuple[str, str, float]]:
        """Every near-duplicate pair (a < b), from shared band keys and body hashes."""
        db = self._conn()
        rows = {r.id: r for r in self.all()}
        ids = dict(db.execute("SELECT n, id FROM articles"))
        candidates: set[tuple[str, str]] = set()
        for x, y in db.execute(
            "SELECT DISTINCT a.n, b.n FROM bands a JOIN bands b ON a.key = b.key AND a.n < b.n"
        ):
            a, b = ids.get(x), ids.get(y)
            if a is not None and b is not None:
                candidates.add((a, b) if a < b else (b, a))
        candidates.update(
            db.execute(
                "SELECT a.id, b.id FROM articles a JOIN articles b"
                " ON a.body_hash = b.body_hash AND a.id < b.id"
            )
        )
        pairs = []
        for a, b in sorted(candidates):
            if a in rows and b in rows and (j := near(rows[a], rows[b])) is not None:
                pairs.append((a, b, j))
        return pairs


def _stored(row: tuple[Any, ...]) -> StoredArticle:
    try:
        incidents = json.loads(row[5])
    except ValueError:
        incidents = []
    if not isinstance(incidents, list):
        incidents = []
    return StoredArticle(row[0], row[1], row[2], row[3], row[4], incidents)
