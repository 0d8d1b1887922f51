"""The incremental indexer: changes, rebuilds, locks and damaged indexes."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path

import pytest

from glossator.index import indexer as indexer_mod
from glossator.index import locations, locking, manifest
from glossator.index.engine import IndexUnavailable
from glossator.index.indexer import Index
from glossator.index.whoosh import writer as whoosh_writer


def test_first_run_adds_everything_and_second_run_changes_nothing(seeds: Path) -> None:
    ix = Index(seeds)
    first = ix.update()
    assert (first.added, first.updated, first.deleted) == (5, 0, 0)
    second = ix.update()
    assert second.changed == 0 and second.unchanged == 5
    assert ix.doc_count() == 5
    assert (seeds / ".glossator" / "index").is_dir()


def test_edit_add_delete_are_each_picked_up_once(seeds: Path) -> None:
    ix = Index(seeds)
    ix.update()
    target = seeds / "001_5395cbd962320f37.txt"
    target.write_text(target.read_text() + "\nA zanzibarian postscript.\n")
    report = ix.update()
    assert (report.added, report.updated, report.deleted) == (0, 1, 0)
    hits = ix.searcher().search("zanzibarian")
    assert hits and [h.article_id for h in hits.hits] == ["001_5395cbd962320f37.txt"]
    (seeds / "new.txt").write_text("Fresh article\nAbout quokkas.\n")
    (seeds / "000_a527e38b797e7e70.txt").unlink()
    report = ix.update()
    assert (report.added, report.updated, report.deleted) == (1, 0, 1)
    assert ix.doc_count() == 5
    res = ix.searcher().search("militiaman")
    assert res and all(h.article_id != "000_a527e38b797e7e70.txt" for h in res.hits)


def test_an_update_by_another_process_is_seen_by_the_next_update(seeds: Path) -> None:
    """Each Index keeps the manifest it last read; another's update must
    not be mistaken for nothing having changed."""
    mine, theirs = Index(seeds), Index(seeds)
    mine.update()
    assert mine.update().changed == 0
    (seeds / "new.txt").write_text("Fresh article\nAbout quokkas.\n")
    assert theirs.update().added == 1
    target = seeds / "001_5395cbd962320f37.txt"
    target.write_text(target.read_text() + "\nA zanzibarian postscript.\n")
    report = mine.update()
    assert (report.added, report.updated, report.deleted) == (0, 1, 0)
    assert mine.doc_count() == 6
    assert set(mine.manifest()) == set(theirs.manifest())


def test_touching_a_file_rehashes_it_but_does_not_rewrite_it(seeds: Path) -> None:
    ix = Index(seeds)
    ix.update()
    target = seeds / "002_45e5cc2aff789250.txt"
    later = time.time() + 5
    os.utime(target, (later, later))
    report = ix.update()
    assert report.touched == 1 and report.changed == 0
    assert ix.update().touched == 0


def test_rebuild_starts_over(seeds: Path) -> None:
    ix = Index(seeds)
    ix.update()
    report = ix.update(rebuild=True)
    assert report.added == 5 and ix.doc_count() == 5


def test_damaged_index_is_rebuilt_with_a_notice(seeds: Path) -> None:
    Index(seeds).update()
    index_dir = seeds / ".glossator" / "index"
    for path in index_dir.iterdir():
        if path.suffix in (".seg", ".toc") or path.name.endswith(".trm"):
            path.write_bytes(b"garbage" * 10)
    notices: list[str] = []
    ix = Index(seeds, notice=notices.append)
    report = ix.update()
    assert report.added == 5
    assert any("rebuilding the index" in n for n in notices)
    assert ix.searcher().search("militia")


def test_index_from_another_format_is_rebuilt(seeds: Path) -> None:
    Index(seeds).update()
    meta = seeds / ".glossator" / "index" / indexer_mod.META_FILE
    meta.write_text('{"format": -1}')
    notices: list[str] = []
    report = Index(seeds, notice=notices.append).update()
    assert report.added == 5
    assert any("format -1" in n for n in notices)


def test_lagging_manifest_is_rebuilt_from_the_index(seeds: Path) -> None:
    Index(seeds).update()
    (seeds / ".glossator" / "index" / manifest.MANIFEST_FILE).write_text("{not json")
    report = Index(seeds).update()
    assert report.changed == 0 and report.unchanged == 5


def test_read_only_corpus_falls_back_to_the_user_cache(
    seeds: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = locations.writable_dir
    monkeypatch.setattr(
        locations, "writable_dir", lambda p: False if str(p).startswith(str(seeds)) else real(p)
    )
    notices: list[str] = []
    ix = Index(seeds, notice=notices.append)
    assert not str(ix.dir).startswith(str(seeds))
    assert any("read-only" in n for n in notices)
    assert ix.update().added == 5


def _hold_lock(index_dir: str, ready: multiprocessing.synchronize.Event, seconds: float) -> None:
    import fcntl

    fd = os.open(os.path.join(index_dir, locking.LOCK_FILE), os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    ready.set()
    time.sleep(seconds)


def test_a_held_lock_is_waited_for_then_reported(seeds: Path) -> None:
    ix = Index(seeds, lock_wait=0.5)
    ix.update()
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(str(ix.dir), ready, 3.0))
    holder.start()
    try:
        assert ready.wait(5)
        notices: list[str] = []
        blocked = Index(seeds, lock_wait=0.5, notice=notices.append)
        with pytest.raises(IndexUnavailable, match="try again"):
            blocked.update()
        assert any("waiting" in n for n in notices)
        patient = Index(seeds, lock_wait=10)
        assert patient.update().changed == 0
    finally:
        holder.join(10)


def test_missing_corpus_is_reported(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailable, match="not found"):
        Index(tmp_path / "missing")


def test_skipped_files_are_named_in_the_report(seeds: Path) -> None:
    (seeds / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    (seeds / "empty.md").write_bytes(b"")
    report = Index(seeds).update()
    reasons = {s.id: s.reason for s in report.skipped}
    assert set(reasons) == {"blob.txt", "empty.md"}


def _segment_count(ix: Index) -> int:
    with ix.open().ix.searcher() as s:
        reader = s.reader()
        return 1 if reader.is_atomic() else len(reader.leaf_readers())


def test_many_small_commits_are_compacted_at_the_next_update(seeds: Path) -> None:
    ix = Index(seeds)
    ix.update()
    for _ in range(whoosh_writer.MAX_SEGMENTS + 3):
        ix.reindex(["000_a527e38b797e7e70.txt"])
    assert _segment_count(ix) > whoosh_writer.MAX_SEGMENTS
    ix.update()
    assert _segment_count(ix) <= whoosh_writer.MAX_SEGMENTS
    assert ix.doc_count() == 5
    res = ix.searcher().search("militiaman")
    assert res and res.total == 1


def test_parallel_and_serial_builds_give_the_same_hits(seeds: Path, tmp_path: Path) -> None:
    for i in range(40):
        body = f"Generated {i}\nDrone strike number {i} near Kirkuk.\n"
        (seeds / f"gen{i:03}.txt").write_text(body)
    serial = Index(seeds, tmp_path / "serial")
    serial.update(workers=1)
    from glossator.index import parallel

    old = parallel.PARALLEL_THRESHOLD
    parallel.PARALLEL_THRESHOLD = 10
    try:
        parallel = Index(seeds, tmp_path / "parallel")
        report = parallel.update(workers=2)
    finally:
        parallel.PARALLEL_THRESHOLD = old
    assert report.added == 45 and parallel.doc_count() == 45
    for q in ("drone", '"drone strike"', "kirkuk", "gpe:kirkuk", "militia*"):
        a, b = serial.searcher().search(q, limit=100), parallel.searcher().search(q, limit=100)
        assert a and b
        assert {h.article_id for h in a.hits} == {h.article_id for h in b.hits}, q
    assert parallel.update().changed == 0


def test_a_searcher_opened_on_an_empty_index_sees_later_commits(seeds: Path) -> None:
    searcher = Index(seeds).searcher()
    assert searcher.search("militia").total == 0
    Index(seeds).update()
    assert searcher.search("militia").total >= 1


def test_opening_a_sound_index_does_not_wait_for_an_update(seeds: Path) -> None:
    Index(seeds).update()
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(str(seeds / ".glossator" / "index"), ready, 3.0))
    holder.start()
    try:
        assert ready.wait(5)
        # With a 0.2 s lock wait, taking the held lock would raise.
        assert Index(seeds, lock_wait=0.2).searcher().search("militia").total >= 1
    finally:
        holder.join(10)


def test_a_shared_searcher_sees_a_reindexed_article_once(seeds: Path) -> None:
    ix = Index(seeds)
    ix.update()
    searcher = ix.searcher()
    assert [h.article_id for h in searcher.search("militiaman").hits] == [
        "000_a527e38b797e7e70.txt"
    ]
    article = ix.article("000_a527e38b797e7e70.txt")
    ix.store.add_tags(article.id, article.text, ["needs-followup"])
    ix.reindex([article.id])
    assert [h.article_id for h in searcher.search("militiaman").hits] == [article.id]
    assert [h.article_id for h in searcher.search("tag:needs-followup").hits] == [article.id]


def test_hyphenated_names_are_words_not_exclusions(seeds: Path) -> None:
    searcher = Index(seeds).searcher()
    Index(seeds).update()
    plain = searcher.search("al-Asad")
    quoted = searcher.search('"al-Asad"')
    assert plain and quoted and plain.total == quoted.total >= 1
    assert searcher.search("drone -asad").total < searcher.search("drone").total


def test_a_hand_edited_sidecar_is_picked_up_by_the_next_update(seeds: Path) -> None:
    ix = Index(seeds)
    ix.update()
    article = ix.article("003_5603626a8185ad3d.txt")
    ix.store.add_tags(article.id, article.text, ["rocket-attack"])
    report = ix.update()
    assert report.updated == 1 and report.changed == 1
    assert [h.article_id for h in ix.searcher().search("tag:rocket-attack").hits] == [article.id]
    assert ix.update().changed == 0


def test_a_busy_entity_cache_does_not_stop_indexing(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from glossator.index.entities.cache import EntityCache

    def busy(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(EntityCache, "put", busy)
    monkeypatch.setattr(EntityCache, "get", busy)
    ix = Index(seeds)
    assert ix.update(workers=1).added == 5
    assert ix.searcher().search('org:"Kataib Hezbollah"').total == 1


def _open_cache(directory: str, barrier: multiprocessing.synchronize.Barrier) -> None:
    from glossator.index.entities.cache import EntityCache

    barrier.wait()
    EntityCache(Path(directory))


def test_workers_opening_a_new_entity_cache_at_once_all_succeed(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    for round_ in range(5):
        folder = tmp_path / f"cache{round_}"
        barrier = ctx.Barrier(4)
        procs = [ctx.Process(target=_open_cache, args=(str(folder), barrier)) for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(30)
        assert [p.exitcode for p in procs] == [0, 0, 0, 0]


def test_a_searcher_whose_files_were_released_already_closes(seeds: Path) -> None:
    # Two threads replacing a lost index's searcher at once both close it.
    index = Index(seeds)
    index.update()
    searcher = index.searcher()
    assert searcher.search("militia").total == 5
    searcher._searcher.ixreader.close()  # type: ignore[attr-defined]
    searcher.close()
    assert searcher.search("militia").total == 5
