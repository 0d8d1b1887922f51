"""The story store's tables."""

from __future__ import annotations

#: The tables' layout; a store in another layout (or of another signature
#: scheme) is emptied and refilled. 3: band keys of 32 bits.
LAYOUT = 3
META = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
# Articles get an integer key `n`, which is all a band row repeats; the
# bands are one b-tree on (key, n) with no rowid, so the table is its own
# index. An article's bands are found again from its stored signature when
# it is dropped, so no index on `n` is kept either.
SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    stamp TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    shingles INTEGER NOT NULL,
    sig BLOB NOT NULL,
    date TEXT,
    incidents TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_body ON articles (body_hash);
CREATE TABLE IF NOT EXISTS bands (
    key INTEGER NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (key, n)
) WITHOUT ROWID;
"""
