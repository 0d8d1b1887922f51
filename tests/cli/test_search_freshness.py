"""`glossator search` skips the corpus update when a stat-only stamp says nothing changed.

The stamp (index/freshness.py) must never hide a change: an added, edited
or deleted article, a sidecar's tags and a watchlist edit are each found by
the next search, without `glossator index` in between.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path

from test_cli import SEED, here, run

from glossator.index import freshness
from glossator.index.indexer import Index
from glossator.index.locking import LOCK_FILE


def _search(corpus: Path, query: str) -> dict[str, object]:
    # In this process: each call is a new search that reads the stamp from
    # disk, as a new process would (the first test starts real ones).
    out = here("search", "--corpus", str(corpus), "--json", query, check=True).stdout
    data: dict[str, object] = json.loads(out)
    return data


def _index_dir(corpus: Path) -> Path:
    return corpus / ".glossator" / "index"


def _touch_later(path: Path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))


def test_a_second_search_on_an_unchanged_corpus_does_not_update(seeds: Path) -> None:
    """With the stamp current, the search never asks for the update lock: it
    answers while another process holds it (without the stamp it would wait
    for the lock, 60 s, and fail)."""
    first = run("search", "--corpus", str(seeds), "--json", "Kirkuk", check=True)
    assert json.loads(first.stdout)["total"] == 1
    assert (_index_dir(seeds) / freshness.FRESH_FILE).is_file()
    fd = os.open(_index_dir(seeds) / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        proc = run("search", "--corpus", str(seeds), "--json", "Kirkuk", check=True)
    finally:
        os.close(fd)
    assert json.loads(proc.stdout)["total"] == 1
    assert b"waiting for another glossator" not in proc.stderr


def test_added_edited_and_deleted_articles_are_seen(seeds: Path) -> None:
    assert _search(seeds, "zqxadded")["total"] == 0
    added = seeds / "zz_added.txt"
    added.write_text("A new article\n\nIt mentions zqxadded once.\n", encoding="utf-8")
    assert _search(seeds, "zqxadded")["total"] == 1

    # An edit of the same length: only the mtime tells.
    text = added.read_text("utf-8")
    added.write_text(text.replace("zqxadded", "zqxedited"), encoding="utf-8")
    _touch_later(added)
    assert _search(seeds, "zqxedited")["total"] == 1
    assert _search(seeds, "zqxadded")["total"] == 0

    added.unlink()
    assert _search(seeds, "zqxedited")["total"] == 0


def test_a_watchlist_edit_is_seen(seeds: Path) -> None:
    assert _search(seeds, "person:kirkuk")["total"] == 0
    (seeds / ".glossator" / "watchlist.yaml").write_text(
        "- name: Kirkuk\n  label: PERSON\n", encoding="utf-8"
    )
    assert _search(seeds, "person:kirkuk")["total"] == 1


def test_a_sidecar_written_by_another_program_is_seen(seeds: Path) -> None:
    assert _search(seeds, "tag:zqxtag")["total"] == 0
    sidecar = seeds / (SEED + ".yaml")
    run("tag", str(seeds / SEED), "--add", "zqxtag", "--corpus", str(seeds), check=True)
    assert _search(seeds, "tag:zqxtag")["total"] == 1
    # The tag removed by hand (a git pull, an editor): the next search knows.
    body = sidecar.read_text("utf-8")
    assert "zqxtag" in body
    sidecar.write_text(body.replace("tags: [zqxtag]", "tags: []"), encoding="utf-8")
    _touch_later(sidecar)
    assert _search(seeds, "tag:zqxtag")["total"] == 0


def test_the_stamp_follows_every_input(seeds: Path, tmp_path: Path) -> None:
    before = freshness.corpus_stamp(seeds)
    assert freshness.corpus_stamp(seeds) == before
    assert freshness.corpus_stamp(seeds, max_bytes=10) != before
    assert freshness.corpus_stamp(seeds, annotations_dir=tmp_path) == freshness.corpus_stamp(
        seeds, annotations_dir=tmp_path
    )
    (tmp_path / "x.txt.yaml").write_text("tags: [a]\n", encoding="utf-8")
    with_sidecar = freshness.corpus_stamp(seeds, annotations_dir=tmp_path)
    _touch_later(tmp_path / "x.txt.yaml")
    assert freshness.corpus_stamp(seeds, annotations_dir=tmp_path) != with_sidecar
    _touch_later(seeds / SEED)
    assert freshness.corpus_stamp(seeds) != before


def test_an_unreadable_or_foreign_stamp_file_means_update(seeds: Path) -> None:
    assert _search(seeds, "Kirkuk")["total"] == 1
    stamp_file = _index_dir(seeds) / freshness.FRESH_FILE
    stamp = freshness.stamp_for(Index(seeds))
    assert freshness.is_fresh(_index_dir(seeds), stamp)
    for junk in ("{not json", "[]", json.dumps({"corpus": "x", "index": "y"})):
        stamp_file.write_text(junk, encoding="utf-8")
        assert not freshness.is_fresh(_index_dir(seeds), stamp)
        assert _search(seeds, "Kirkuk")["total"] == 1
        assert freshness.is_fresh(_index_dir(seeds), stamp)


def test_tag_while_another_process_updates_saves_and_defers_the_index(seeds: Path) -> None:
    """`glossator tag` saves the tags, says in one line that the index is busy,
    exits 0, and the next search finds them (its update reads the sidecars)."""
    assert _search(seeds, "tag:zqxbusy")["total"] == 0  # the index is fresh now
    fd = os.open(_index_dir(seeds) / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        proc = here("tag", "--corpus", str(seeds), str(seeds / SEED), "--add", "zqxbusy")
    finally:
        os.close(fd)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.decode().splitlines()
    busy = [line for line in lines if "the tags are saved, but the index is busy" in line]
    assert len(busy) == 1 and "glossator index" in busy[0]
    assert "zqxbusy" in (seeds / f"{SEED}.yaml").read_text("utf-8")
    assert _search(seeds, "tag:zqxbusy")["total"] == 1
