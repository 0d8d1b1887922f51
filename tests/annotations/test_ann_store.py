"""Paths, wrappers, permissions and failure behaviour of the sidecar store."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
import yaml
from ann_support import Corpus

from glossator.annotations.anchor import text_sha256
from glossator.annotations.errors import InvalidValue, NotFoundError, StoreError, TagError
from glossator.annotations.store import SidecarStore


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_path_for_sits_next_to_the_article(tmp_path: Path) -> None:
    store = SidecarStore(tmp_path)
    assert store.path_for("seeds/000_x.txt") == tmp_path / "seeds" / "000_x.txt.yaml"
    assert store.path_for("a.md") == tmp_path / "a.md.yaml"
    mirrored = SidecarStore(tmp_path / "corpus", annotations_dir=tmp_path / "notes")
    assert mirrored.path_for("seeds/000_x.txt") == tmp_path / "notes" / "seeds" / "000_x.txt.yaml"


@pytest.mark.parametrize(
    "bad", ["", "/etc/passwd", "../x.txt", "seeds/../../x.txt", "a\x00b", "a\\..\\b"]
)
def test_article_ids_cannot_escape_the_corpus(tmp_path: Path, bad: str) -> None:
    with pytest.raises(StoreError, match="not a path inside the corpus"):
        SidecarStore(tmp_path).path_for(bad)


def test_missing_sidecar_loads_empty(corpus: Corpus) -> None:
    sidecar = corpus.store.load(corpus.article_id)
    assert sidecar.article == "000_test.txt"
    assert sidecar.is_empty()
    assert not corpus.sidecar_path.exists()


def test_wrappers_round_trip_through_the_file(corpus: Corpus) -> None:
    store, aid, text = corpus.store, corpus.article_id, corpus.text
    store.add_tags(aid, text, ["Airstrike", "kataib-hezbollah"])
    store.add_tags(aid, text, ["airstrike", "needs-followup"])
    store.remove_tags(aid, text, ["needs-followup", "never-there"])
    store.set_rating(aid, text, "b", 2)
    note = store.add_note(aid, text, "  Compare with Reuters.  ")
    start = text.index("Ain al-Asad base")
    span = store.add_span(aid, text, start, start + 16, "Target", "first strike")
    store.edit_note(aid, text, note.id, "Compare with the Reuters report.")
    store.edit_span(aid, text, span.id, label="base", note="")

    loaded = store.load(aid, text)
    assert loaded.tags == ["airstrike", "kataib-hezbollah"]
    assert loaded.rating is not None and loaded.rating.code == "B2"
    assert [(n.id, n.author, n.text) for n in loaded.notes] == [
        (note.id, "alice", "Compare with the Reuters report.")
    ]
    (got,) = loaded.spans
    assert (got.id, got.label, got.note, got.quote) == (span.id, "base", "", "Ain al-Asad base")
    assert span.prefix == text[start - 32 : start] and span.suffix == text[start + 16 : start + 48]
    assert loaded.article_sha256 == text_sha256(text)

    store.delete_note(aid, text, note.id)
    store.delete_span(aid, text, span.id)
    store.set_rating(aid, text, None, None)
    store.remove_tags(aid, text, ["airstrike", "kataib-hezbollah"])
    # An emptied sidecar stays on disk, diff-friendly, with its empty lists.
    data = yaml.safe_load(corpus.sidecar_path.read_text())
    assert data == {"version": 2, "article": "000_test.txt", "article_sha256": text_sha256(text),
                    "tags": [], "notes": [], "spans": [], "incidents": []}  # fmt: skip
    assert _files(corpus.sidecar_path.parent) == [
        ".000_test.txt.yaml.lock", "000_test.txt", "000_test.txt.yaml"
    ]  # fmt: skip


def test_bad_input_is_refused_before_the_file_is_touched(corpus: Corpus) -> None:
    store, aid, text = corpus.store, corpus.article_id, corpus.text
    with pytest.raises(TagError):
        store.add_tags(aid, text, ["ok", "not ok"])
    with pytest.raises(InvalidValue, match="give both"):
        store.set_rating(aid, text, "A", None)
    with pytest.raises(InvalidValue, match="letter A-F"):
        store.set_rating(aid, text, "Q", 1)
    with pytest.raises(InvalidValue, match="note is empty"):
        store.add_note(aid, text, "   ")
    with pytest.raises(InvalidValue, match="not a non-empty stretch"):
        store.add_span(aid, text, 5, 5, "x")
    with pytest.raises(InvalidValue):
        store.add_span(aid, text, 0, len(text) + 1, "x")
    with pytest.raises(NotFoundError, match="no note 'n-0000'"):
        store.delete_note(aid, text, "n-0000")
    with pytest.raises(NotFoundError):
        store.edit_span(aid, text, "s-0000", label="x")
    assert not corpus.sidecar_path.exists()


def test_a_change_that_would_break_the_file_is_not_written(corpus: Corpus) -> None:
    corpus.store.add_tags(corpus.article_id, corpus.text, ["a"])
    before = corpus.sidecar_path.read_bytes()

    def sabotage(sidecar: object) -> None:
        sidecar.tags.append("not a tag")  # type: ignore[attr-defined]

    with pytest.raises(InvalidValue, match="has a space"):
        corpus.store.edit(corpus.article_id, corpus.text, sabotage)
    assert corpus.sidecar_path.read_bytes() == before


def test_permissions_are_preserved(corpus: Corpus) -> None:
    corpus.store.add_tags(corpus.article_id, corpus.text, ["a"])
    os.chmod(corpus.sidecar_path, 0o640)
    corpus.store.add_tags(corpus.article_id, corpus.text, ["b"])
    assert stat.S_IMODE(corpus.sidecar_path.stat().st_mode) == 0o640


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_disk_full_leaves_the_old_file_and_no_temp_files(
    corpus: Corpus, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    corpus.store.add_tags(corpus.article_id, corpus.text, ["before"])
    before = corpus.sidecar_path.read_bytes()
    listing = _files(corpus.sidecar_path.parent)

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, disk_full)
    with pytest.raises(StoreError) as err:
        corpus.store.add_note(corpus.article_id, corpus.text, "x" * 100_000)
    monkeypatch.undo()

    assert "No space left on device" in str(err.value) and "\n" not in str(err.value)
    assert corpus.sidecar_path.read_bytes() == before
    assert _files(corpus.sidecar_path.parent) == listing


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder_says_what_to_do(corpus: Corpus) -> None:
    folder = corpus.sidecar_path.parent
    os.chmod(folder, 0o555)
    try:
        with pytest.raises(StoreError, match="use --annotations-dir"):
            corpus.store.add_tags(corpus.article_id, corpus.text, ["a"])
    finally:
        os.chmod(folder, 0o755)


def test_annotations_dir_mirrors_a_read_only_corpus(corpus: Corpus, tmp_path: Path) -> None:
    store = SidecarStore(corpus.root, annotations_dir=tmp_path / "notes", author="bob")
    store.add_tags(corpus.article_id, corpus.text, ["a"])
    assert (tmp_path / "notes" / "seeds" / "000_test.txt.yaml").is_file()
    assert not corpus.sidecar_path.exists()
    assert store.load(corpus.article_id).tags == ["a"]


def test_stale_temp_files_of_killed_writers_are_cleaned(corpus: Corpus) -> None:
    folder = corpus.sidecar_path.parent
    (folder / ".000_test.txt.yaml.abcd1234.tmp").write_text("half a file")
    keep = folder / ".000_test.txt.yaml.other.txt.yaml.abcd1234.tmp"
    keep.write_text("someone else's")
    corpus.store.add_tags(corpus.article_id, corpus.text, ["a"])
    assert not (folder / ".000_test.txt.yaml.abcd1234.tmp").exists()
    assert keep.exists()


def test_unlockable_folder_says_what_to_do(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulated so it also runs as root, who can write to a read-only folder.
    def denied(path: Path) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    monkeypatch.setattr("glossator.annotations.store.exclusive_lock", denied)
    with pytest.raises(StoreError) as err:
        corpus.store.add_tags(corpus.article_id, corpus.text, ["a"])
    assert "not writable" in str(err.value) and "--annotations-dir" in str(err.value)
    assert not corpus.sidecar_path.exists()
