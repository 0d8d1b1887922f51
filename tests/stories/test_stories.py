"""Stories: signatures kept in step with the index, near-duplicate look-up,
event grouping, `glossator stories --json` and the exports' event ids."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from glossator.annotations.incident_export import event_summaries, export_incidents
from glossator.index.indexer import Index
from glossator.index.stories.grouping import grouping_of
from glossator.index.stories.scoring import load_gold, score, write_corpus
from glossator.service.session import Session

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEED = "002_45e5cc2aff789250.txt"

REPORT_A = """---
date: 2024-08-10
source: WAFA
---
Israeli air strike kills nine in Khan Younis
An Israeli air strike on a house in Khan Younis killed nine members \
of one family on Saturday, medics said.
"""
REPORT_B = """---
date: 2024-08-11
source: Al Jazeera
---
Family killed in Khan Younis strike
Eleven people were killed when an Israeli air strike hit a family home \
in Khan Younis on Saturday, the Gaza health ministry said.
"""
LATER = """---
date: 2024-08-25
source: WAFA
---
Air strike kills four in Khan Younis
An Israeli air strike on a tent camp in Khan Younis killed four people on Sunday, medics said.
"""


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    corpus = tmp_path / "seeds"
    shutil.copytree(SEEDS, corpus)
    return corpus


def _index(corpus: Path) -> Index:
    ix = Index(corpus, corpus.parent / "index")
    ix.update(workers=1)
    return ix


def test_a_duplicate_folds_into_its_story_and_unfolds_when_deleted(seeds: Path) -> None:
    ix = _index(seeds)
    before = grouping_of(ix.stories).story_of[SEED].articles
    assert "dup.txt" not in before
    text = (seeds / SEED).read_text("utf-8")
    body = text.partition("\n")[2]
    (seeds / "dup.txt").write_text("A new headline for a reprint\n" + body, "utf-8")
    ix.update(workers=1)
    assert [a for a, _j in ix.stories.near_duplicates("dup.txt")] == [SEED]
    story = grouping_of(ix.stories).story_of[SEED]
    assert "dup.txt" in story.articles
    assert ("002_45e5cc2aff789250.txt", "dup.txt") in story.near_duplicates
    (seeds / "dup.txt").unlink()
    ix.update(workers=1)
    assert ix.stories.near_duplicates(SEED) == []
    assert "dup.txt" not in ix.stories.stamps()
    assert grouping_of(ix.stories).story_of[SEED].articles == before


def test_edited_and_truncated_reprints_are_near_duplicates(seeds: Path) -> None:
    ix = _index(seeds)
    text = (seeds / SEED).read_text("utf-8")
    title, _, body = text.partition("\n")
    half = body[: len(body) * 6 // 10]
    (seeds / "cut.txt").write_text(title + "\n" + half, "utf-8")
    (seeds / "edit.txt").write_text(
        "Other title\nBAGHDAD (Wire) - " + body.replace(" the ", " a ", 5), "utf-8"
    )
    ix.update(workers=1)
    near = {a for a, _j in ix.stories.near_duplicates(SEED)}
    assert near == {"cut.txt", "edit.txt"}
    # Unrelated seeds are not near-duplicates of each other.
    assert ix.stories.near_duplicates("000_a527e38b797e7e70.txt") == []


def test_reindex_keeps_the_store_in_step(seeds: Path) -> None:
    ix = _index(seeds)
    stamp = ix.stories.stamps()[SEED]
    (seeds / SEED).write_text("Changed\nSomething else entirely happened here today.\n", "utf-8")
    ix.reindex([SEED])
    assert ix.stories.stamps()[SEED] != stamp


def test_reports_of_one_event_share_an_event_id_and_another_day_does_not(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    for name, text in (("a.txt", REPORT_A), ("b.txt", REPORT_B), ("later.txt", LATER)):
        (corpus / name).write_text(text, "utf-8")
    ix = _index(corpus)
    session = Session.open(corpus, index_dir=tmp_path / "index")
    rows = {name: session.incidents(ix.article(name)) for name in ("a.txt", "b.txt", "later.txt")}
    a, b, later = (rows[n][0]["event"] for n in ("a.txt", "b.txt", "later.txt"))
    assert a and a == b and later and later != a
    story = session.story_of("a.txt")
    assert story is not None and story.articles == ["a.txt", "b.txt"]
    [event] = [e for e in story.events if e.id == a]
    assert event.tolls("fatalities") == (9, 11)
    assert [s.articles for s in session.stories()] == [["a.txt", "b.txt"]]
    assert [s.articles for s in session.group_hits(["later.txt", "b.txt", "a.txt"])] == [
        ["later.txt"],
        ["a.txt", "b.txt"],
    ]
    # Export: each record carries its event id, and the summary the range of tolls.
    log = session.incident_log(["a.txt", "b.txt", "later.txt"])
    table = list(csv.DictReader(io.StringIO(export_incidents(log.rows, "csv"))))
    assert [r["event_id"] for r in table] == [a, a, later]
    [summary, other] = event_summaries(log.rows)
    assert summary["event_id"] == a and summary["reports"] == 2
    assert (summary["fatalities_min"], summary["fatalities_max"]) == (9, 11)
    assert summary["tolls_disagree"] is True and other["reports"] == 1


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, COLUMNS="200", TERM="dumb")
    return subprocess.run(
        [sys.executable, "-m", "glossator", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=180,
    )


def test_stories_json_shape_and_incident_event_ids(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(REPORT_A, "utf-8")
    (corpus / "b.txt").write_text(REPORT_B, "utf-8")
    (corpus / "a-copy.txt").write_text(REPORT_A.replace("WAFA", "Reuters"), "utf-8")
    proc = run("stories", "--json", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    [story] = json.loads(proc.stdout)
    assert set(story) == {"id", "articles", "near_duplicates", "events"}
    assert story["articles"] == ["a-copy.txt", "a.txt", "b.txt"]
    assert story["near_duplicates"] == [["a-copy.txt", "a.txt"]]
    [event] = story["events"]
    assert event["reports"] == 3 and event["fatalities"] == [9, 11]
    assert set(event) >= {"id", "articles", "records", "fatalities", "injured", "location"}
    rows = json.loads(run("incidents", "--json", cwd=corpus).stdout)
    assert {r["event"] for r in rows} == {event["id"]}
    summary = run("export", "--incidents", "--summary", "--format", "json", cwd=corpus)
    assert summary.returncode == 0, summary.stderr
    [one] = json.loads(summary.stdout)
    assert one["event_id"] == event["id"] and one["reports"] == 3
    bad = run("stories", "title:(", cwd=corpus)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    wrong = run("export", "--summary", "--format", "json", cwd=corpus)
    assert wrong.returncode == 2 and "--summary applies to --incidents only" in wrong.stderr


BBC = ROOT.parent / "shared" / "corpora" / "bbc"


@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus is not beside the checkout")
def test_dev_gold_set_meets_the_targets(tmp_path: Path) -> None:
    docs = load_gold(ROOT / "tests" / "stories" / "gold" / "dev", BBC)
    write_corpus(docs, tmp_path / "c")
    ix = _index(tmp_path / "c")
    result = score(docs, grouping_of(ix.stories))
    assert result["story"].f1 >= 0.9 and result["event"].f1 >= 0.8
    assert not result["exact_missed"] and not result["distinct_joined"]


def test_filling_an_empty_store_in_bulk_stores_what_row_by_row_puts_do(tmp_path: Path) -> None:
    """A first build fills the store without looking for rows to drop; the
    rows and the near-duplicates it finds are those of one put per article."""
    import random
    import sqlite3

    from glossator.index.stories.rows import Facts
    from glossator.index.stories.signatures import BANDS, NUM_PERM, Signature
    from glossator.index.stories.store import BULK_MIN, StoryStore

    rng = random.Random(7)
    base = [rng.getrandbits(16) for _ in range(NUM_PERM)]
    facts: dict[str, Facts] = {}
    for n in range(BULK_MIN + 50):
        # Every tenth article is a near copy of the base body; the rest unrelated.
        values = [v if n % 10 == 0 and k % 4 else rng.getrandbits(16) for k, v in enumerate(base)]
        packed = b"".join(v.to_bytes(2, sys.byteorder) for v in values)
        facts[f"a/{n:04d}.txt"] = Facts(Signature(f"{n:040x}", 300, packed), None, [])
    bulk, single = StoryStore(tmp_path / "bulk"), StoryStore(tmp_path / "single")
    (tmp_path / "bulk").mkdir()
    (tmp_path / "single").mkdir()
    bulk.sync({k: "s" for k in facts}, facts.get)
    for article_id, fact in facts.items():
        single.put(article_id, "s", fact)
    assert bulk.all_near_pairs() == single.all_near_pairs()
    assert len(bulk.all_near_pairs()) >= 10
    for store in (bulk, single):
        store.close()
    dumps = []
    for folder in ("bulk", "single"):
        db = sqlite3.connect(tmp_path / folder / "stories.sqlite3")
        found = db.execute("SELECT name FROM sqlite_master WHERE type='index'")
        names = sorted(r[0] for r in found)
        rows = sorted(db.execute("SELECT b.key, a.id FROM bands b JOIN articles a ON a.n = b.n"))
        dumps.append((names, rows))
        db.close()
    assert dumps[0] == dumps[1]
    assert len(dumps[0][1]) == (BULK_MIN + 50) * BANDS


def test_band_keys_are_32_bit_and_colliding_keys_find_the_same_pairs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Band keys take four bytes; a key two different bands share only adds
    a candidate, which its signature then rules out: with every band of every
    article on one of four keys, the store finds exactly the same pairs."""
    import random

    from glossator.index.stories import signatures
    from glossator.index.stories.rows import Facts
    from glossator.index.stories.signatures import NUM_PERM, Signature
    from glossator.index.stories.store import StoryStore

    rng = random.Random(11)
    base = [rng.getrandbits(16) for _ in range(NUM_PERM)]
    facts = {}
    for n in range(60):
        values = [v if n % 6 == 0 and k % 3 else rng.getrandbits(16) for k, v in enumerate(base)]
        packed = b"".join(v.to_bytes(2, sys.byteorder) for v in values)
        facts[f"{n:03d}.txt"] = Facts(Signature(f"{n:040x}", 300, packed), None, [])
    keys = [k for f in facts.values() for k in f.signature.bands()]
    assert all(-(2**31) <= k < 2**31 for k in keys)
    (tmp_path / "wide").mkdir()
    wide = StoryStore(tmp_path / "wide")
    wide.sync({k: "s" for k in facts}, facts.get)
    expected = wide.all_near_pairs()
    wide.close()
    assert len(expected) >= 10
    narrow_bands = signatures.Signature.bands
    monkeypatch.setattr(
        signatures.Signature, "bands", lambda self: [k % 4 for k in narrow_bands(self)]
    )
    (tmp_path / "narrow").mkdir()
    narrow = StoryStore(tmp_path / "narrow")
    narrow.sync({k: "s" for k in facts}, facts.get)
    assert narrow.all_near_pairs() == expected
    assert narrow.near_signature(facts["000.txt"].signature)[:5]
    narrow.close()


def test_a_store_of_the_old_layout_is_started_afresh(tmp_path: Path) -> None:
    import sqlite3

    from glossator.index.stories.rows import Facts
    from glossator.index.stories.signatures import Signature
    from glossator.index.stories.store import StoryStore

    db = sqlite3.connect(tmp_path / "stories.sqlite3")
    db.executescript(
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "INSERT INTO meta VALUES ('version', 'minhash-affine32-3-128-42x3-1');"
        "CREATE TABLE articles (id TEXT PRIMARY KEY, stamp TEXT NOT NULL, body_hash TEXT,"
        " shingles INTEGER, sig BLOB, date TEXT, incidents TEXT);"
        "CREATE TABLE bands (key BLOB NOT NULL, id TEXT NOT NULL);"
        "INSERT INTO articles VALUES ('old.txt', 's', 'h', 0, x'', NULL, '[]');"
    )
    db.commit()
    db.close()
    store = StoryStore(tmp_path)
    assert store.stamps() == {}
    packed = bytes(range(2)) * 128
    for name in ("a.txt", "b.txt"):
        store.put(name, "s", Facts(Signature("same", 300, packed), None, []))
    assert store.near_duplicates("a.txt") == [("b.txt", 1.0)]
    assert [p[:2] for p in store.all_near_pairs()] == [("a.txt", "b.txt")]
    store.delete("b.txt")
    assert store.near_duplicates("a.txt") == []
    store.close()


def test_a_read_the_store_is_closed_under_reads_the_store_again(tmp_path: Path) -> None:
    # A rebuild of a lost index closes the store while the reader's thread
    # may be reading it: that read opens it again rather than failing.
    from glossator.index.stories.rows import Facts
    from glossator.index.stories.signatures import Signature
    from glossator.index.stories.store import StoryStore

    store = StoryStore(tmp_path)
    sig = Signature("0" * 40, 300, bytes(2 * 128))
    store.sync({"a.txt": "s"}, lambda _: Facts(sig, None, []))
    opened = store._conn

    def closed_under_it() -> object:
        db = opened()
        store._conn = opened  # type: ignore[method-assign]
        store.close()
        return db

    store._conn = closed_under_it  # type: ignore[method-assign]
    assert [row.id for row in store.all()] == ["a.txt"]
    store.close()
