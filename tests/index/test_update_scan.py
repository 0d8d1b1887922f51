"""The cheap no-change part of `Index.update`: every shortcut still sees every change.

An update scans the corpus with one stat per file, compares it with the
manifest as plain tuples, writes the manifest, the recogniser state and the
story store only when they changed, and keeps the story store's stamps in
memory. Each test here fails on a shortcut that skips too much. (An edit
that keeps a file's size and mtime is not seen: the limit of any mtime and
size scan.)
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from glossator.index import changes
from glossator.index.corpus import ArticleFile, find_article_files, scan_article_files
from glossator.index.indexer import Index
from glossator.index.manifest import MANIFEST_FILE, ManifestEntry, ManifestFile
from glossator.index.recogniser_state import (
    STATE_FILE,
    RecogniserState,
    load_state,
    save_state,
)
from glossator.index.stories.rows import Facts
from glossator.index.stories.signatures import Signature
from glossator.index.stories.store import StoryStore

ARTICLE = "001_5395cbd962320f37.txt"


def _entry(n: int) -> ManifestEntry:
    return ManifestEntry(n, 10 + n, f"hash{n}", 0, ("tag",), "")


def _never() -> object:
    raise AssertionError("the manifest file should have been read, not rebuilt")


# -- the scan -------------------------------------------------------------------


def test_the_scan_finds_what_find_article_files_finds(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A\nbody\n")
    (tmp_path / "a.txt.yaml").write_text("version: 1\n")
    (tmp_path / "notes.md").write_text("N\nbody\n")
    (tmp_path / "skip.pdf").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("H\n")
    # A folder named like an article is walked, not taken for a file.
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "folder.txt" / "inner.txt").write_text("I\nbody\n")
    (tmp_path / "out").symlink_to("/")
    scanned = list(scan_article_files(tmp_path))
    assert [s[0] for s in scanned] == ["a.txt", "folder.txt/inner.txt", "notes.md"]
    assert [ArticleFile(*s) for s in scanned] == list(find_article_files(tmp_path))
    sidecar = (tmp_path / "a.txt.yaml").stat().st_mtime_ns
    assert scanned[0][2:] == (7, (tmp_path / "a.txt").stat().st_mtime_ns, sidecar)
    assert scanned[2][4] == 0


def test_the_scan_reports_a_file_added_and_another_deleted_as_both(tmp_path: Path) -> None:
    """The same count of files on disk as in the manifest is not "nothing gone"."""
    (tmp_path / "new.txt").write_text("New\nbody\n")
    manifest = {"old.txt": _entry(1)}
    found = changes.scan(tmp_path, manifest)
    assert [f.id for f in found.todo] == ["new.txt"]
    assert found.gone == ["old.txt"]
    assert (found.total, found.unchanged) == (1, 0)


def test_an_edit_of_the_same_size_is_seen_by_its_mtime(seeds: Path) -> None:
    ix = Index(seeds)
    ix.update()
    target = seeds / ARTICLE
    text = target.read_text()
    word = "quagga"
    mid = len(text) // 2
    target.write_text(text[:mid] + f" {word} " + text[mid + len(word) + 2 :])
    assert target.stat().st_size == len(text.encode())
    later = time.time() + 5
    os.utime(target, (later, later))
    assert ix.update().updated == 1
    hits = ix.searcher().search(word)
    assert hits and [h.article_id for h in hits.hits] == [ARTICLE]


def test_a_sidecar_kept_in_an_annotations_folder_is_looked_at(seeds: Path, tmp_path: Path) -> None:
    """With --annotations-dir the sidecars the scan sees beside the articles
    are not the ones that count."""
    notes = tmp_path / "notes"
    ix = Index(seeds, index_dir=tmp_path / "ix", annotations_dir=notes)
    ix.update()
    text = ix.article(ARTICLE).text
    ix.store.add_tags(ARTICLE, text, ["scanned-tag"])
    report = ix.update()
    assert report.updated == 1
    hits = ix.searcher().search("tag:scanned-tag")
    assert hits and [h.article_id for h in hits.hits] == [ARTICLE]
    assert ix.update().changed == 0


# -- writing only what changed ---------------------------------------------------


def test_an_update_that_finds_nothing_writes_neither_manifest_nor_state(seeds: Path) -> None:
    ix = Index(seeds)
    ix.update()
    folder = ix.dir
    before = {name: (folder / name).stat() for name in (MANIFEST_FILE, STATE_FILE)}
    ix.update()
    for name, st in before.items():
        now = (folder / name).stat()
        assert (now.st_ino, now.st_mtime_ns) == (st.st_ino, st.st_mtime_ns), name


def test_the_same_manifest_is_written_again_for_a_new_generation(tmp_path: Path) -> None:
    file = ManifestFile(tmp_path)
    entries = {"a.txt": _entry(1)}
    file.save(1, entries)
    file.save(2, dict(entries))
    assert ManifestFile(tmp_path).load(2, _never) == entries  # type: ignore[arg-type]


def test_a_manifest_another_process_wrote_is_replaced(tmp_path: Path) -> None:
    mine, theirs = ManifestFile(tmp_path), ManifestFile(tmp_path)
    entries = {"a.txt": _entry(1)}
    mine.save(1, entries)
    theirs.save(1, {"a.txt": _entry(1), "b.txt": _entry(22)})
    mine.save(1, dict(entries))
    assert ManifestFile(tmp_path).load(1, _never) == entries  # type: ignore[arg-type]


def test_a_changed_recogniser_state_is_written(tmp_path: Path) -> None:
    first = RecogniserState("k-1", frozenset({("ORG", "Acme", ())}))
    save_state(tmp_path, first)
    stamp = (tmp_path / STATE_FILE).stat().st_mtime_ns
    save_state(tmp_path, first)
    assert (tmp_path / STATE_FILE).stat().st_mtime_ns == stamp
    second = RecogniserState("k-2", frozenset({("ORG", "Acme", ("ACME",))}))
    save_state(tmp_path, second)
    assert load_state(tmp_path) == second


# -- the story store's stamps, kept in memory ------------------------------------


def _facts(seed: int = 0) -> Facts:
    return Facts(Signature(f"body{seed}", 300, bytes(range(2)) * 128), None, [])


@pytest.fixture
def store(tmp_path: Path) -> StoryStore:
    s = StoryStore(tmp_path)
    assert s.sync({"a.txt": "s1", "b.txt": "s1"}, lambda i: _facts()) == 2
    assert s.sync({"a.txt": "s1", "b.txt": "s1"}, lambda i: _facts()) == 0
    return s


def test_another_connections_write_is_seen(store: StoryStore, tmp_path: Path) -> None:
    other = StoryStore(tmp_path)
    other.delete("a.txt")
    other.put("b.txt", "s9", _facts(1))
    other.close()
    assert store.sync({"a.txt": "s1", "b.txt": "s1"}, lambda i: _facts()) == 2
    assert store.stamps() == {"a.txt": "s1", "b.txt": "s1"}


def test_own_puts_and_deletes_keep_the_stamps_current(store: StoryStore) -> None:
    store.delete("a.txt")
    store.put("b.txt", "s2", _facts(1))
    assert store.stamps() == {"b.txt": "s2"}
    assert store.sync({"a.txt": "s1", "b.txt": "s1"}, lambda i: _facts()) == 2
    assert store.stamps() == {"a.txt": "s1", "b.txt": "s1"}


def test_a_row_whose_facts_are_missing_is_not_counted_as_stored(store: StoryStore) -> None:
    assert store.sync({"a.txt": "s2", "b.txt": "s1"}, lambda i: None) == 1
    assert store.stamps() == {"b.txt": "s1"}
    assert store.sync({"a.txt": "s2", "b.txt": "s1"}, lambda i: _facts()) == 1
    assert store.stamps() == {"a.txt": "s2", "b.txt": "s1"}


def test_a_sync_that_fails_part_way_is_redone(store: StoryStore) -> None:
    def failing(article_id: str) -> Facts:
        raise RuntimeError("cannot read")

    with pytest.raises(RuntimeError):
        store.sync({"a.txt": "s3", "b.txt": "s3"}, failing)
    assert store.sync({"a.txt": "s3", "b.txt": "s3"}, lambda i: _facts()) == 2
    assert store.stamps() == {"a.txt": "s3", "b.txt": "s3"}


def test_a_sync_of_named_articles_keeps_the_stamps_current(store: StoryStore) -> None:
    assert store.sync({"a.txt": "s4"}, lambda i: _facts(), only=["a.txt"]) == 1
    assert store.sync({"a.txt": "s4", "b.txt": "s1"}, lambda i: _facts()) == 0
    assert store.sync({"b.txt": "s1"}, lambda i: _facts(), only=["a.txt"]) == 1
    assert store.stamps() == {"b.txt": "s1"}
