"""The manifest's delta: a save after a few changes appends them, and every crash reads back.

A save that knows the version on disk appends one line (entries set, ids
dropped, the new generation) to `glossator-manifest.delta` instead of
writing the whole manifest again; the delta names the manifest it extends,
a damaged last line is ignored with the lines before it kept, and a delta
past its limit is folded back into the manifest.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from glossator.index import manifest as manifest_module
from glossator.index.freshness import INDEX_FILES
from glossator.index.indexer import Index
from glossator.index.manifest import (
    DELTA_FILE,
    MANIFEST_FILE,
    Manifest,
    ManifestEntry,
    ManifestFile,
)

ARTICLE = "001_5395cbd962320f37.txt"


def _entry(n: int, tags: tuple[str, ...] = ("tag",)) -> ManifestEntry:
    return ManifestEntry(n, 10 + n, f"hash{n}", 0, tags, "")


def _entries(count: int) -> Manifest:
    return {f"a{n:04d}.txt": _entry(n) for n in range(count)}


def _never() -> Iterator[tuple[str, ManifestEntry]]:
    raise AssertionError("the manifest should have been read, not rebuilt")


REBUILT = {"rebuilt.txt": _entry(999)}


def _rebuilt() -> Iterator[tuple[str, ManifestEntry]]:
    return iter(REBUILT.items())


def _fresh(folder: Path, generation: int) -> Manifest:
    """What another process reads for `generation` (REBUILT when it cannot)."""
    return ManifestFile(folder).load(generation, _rebuilt)


def _stat(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _three_generations(folder: Path) -> list[Manifest]:
    """Generation 1 whole, 2 and 3 as delta lines; returns each one's entries."""
    file = ManifestFile(folder)
    first = _entries(50)
    file.save(1, first)
    second = dict(first)
    second["a0003.txt"] = _entry(3, ("edited",))
    file.save(2, second)
    third = dict(second)
    del third["a0007.txt"]
    third["new.txt"] = _entry(77)
    file.save(3, third)
    return [first, second, third]


def test_an_edit_appends_a_line_and_leaves_the_manifest_alone(tmp_path: Path) -> None:
    file = ManifestFile(tmp_path)
    first = _entries(200)
    file.save(1, first)
    whole = _stat(tmp_path / MANIFEST_FILE)
    second = dict(first)
    second["a0005.txt"] = _entry(5, ("edited",))
    file.save(2, second)
    assert _stat(tmp_path / MANIFEST_FILE) == whole
    lines = (tmp_path / DELTA_FILE).read_bytes().split(b"\n")
    assert len(lines) == 3 and lines[-1] == b""  # header, one record, nothing torn
    record = json.loads(lines[1])
    edited = [5, 15, "hash5", 0, ["edited"], ""]
    assert record == {"generation": 2, "set": {"a0005.txt": edited}, "drop": []}
    assert ManifestFile(tmp_path).load(2, _never) == second


def test_sets_and_drops_read_back_in_order(tmp_path: Path) -> None:
    versions = _three_generations(tmp_path)
    assert _fresh(tmp_path, 3) == versions[2]
    assert "a0007.txt" not in _fresh(tmp_path, 3)
    # An older generation than the files describe is rebuilt, as before.
    assert _fresh(tmp_path, 2) == REBUILT


def test_a_torn_last_line_is_ignored_and_the_lines_before_it_stand(tmp_path: Path) -> None:
    versions = _three_generations(tmp_path)
    delta = tmp_path / DELTA_FILE
    data = delta.read_bytes()
    delta.write_bytes(data[:-9])  # a crash while appending generation 3's line
    assert _fresh(tmp_path, 3) == REBUILT  # the manifest lags: rebuilt, never wrong
    assert _fresh(tmp_path, 2) == versions[1]
    # The next save cuts the torn line off before appending its own.
    file = ManifestFile(tmp_path)
    assert file.load(2, _never) == versions[1]
    fourth = dict(versions[1])
    fourth["later.txt"] = _entry(88)
    file.save(4, fourth)
    assert _fresh(tmp_path, 4) == fourth
    assert all(line.startswith(b"{") for line in delta.read_bytes().split(b"\n")[:-1])


def test_a_damaged_line_in_the_middle_ends_the_delta_there(tmp_path: Path) -> None:
    versions = _three_generations(tmp_path)
    delta = tmp_path / DELTA_FILE
    lines = delta.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b'"generation":3', b'"generation":"x"')
    delta.write_bytes(b"\n".join(lines))
    assert _fresh(tmp_path, 2) == versions[1]
    assert _fresh(tmp_path, 3) == REBUILT


def test_a_failed_append_leaves_the_old_state_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    versions = _three_generations(tmp_path)
    delta = tmp_path / DELTA_FILE
    before = delta.read_bytes()
    file = ManifestFile(tmp_path)
    assert file.load(3, _never) == versions[2]

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(manifest_module.os, "fsync", full_disk)
    fourth = dict(versions[2])
    fourth["a0001.txt"] = _entry(1, ("lost",))
    with pytest.raises(OSError):
        file.save(4, fourth)
    monkeypatch.undo()
    assert delta.read_bytes() == before  # the half-written line was cut off again
    assert _fresh(tmp_path, 3) == versions[2]
    file.save(4, fourth)  # and the next save still works
    assert _fresh(tmp_path, 4) == fourth


def test_a_failed_whole_write_leaves_the_old_state_readable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    versions = _three_generations(tmp_path)
    # Every save writes the whole manifest.
    monkeypatch.setattr(manifest_module, "MIN_DELTA_LIMIT", 0)
    monkeypatch.setattr(manifest_module, "DELTA_FRACTION", 10**9)

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(manifest_module.os, "fsync", full_disk)
    with pytest.raises(OSError):
        ManifestFile(tmp_path).save(4, _entries(3))
    monkeypatch.undo()
    assert (tmp_path / DELTA_FILE).is_file()
    assert _fresh(tmp_path, 3) == versions[2]


def test_a_delta_left_beside_a_newer_manifest_is_not_applied(tmp_path: Path) -> None:
    """A crash after a whole manifest was written and before the old delta was removed."""
    _three_generations(tmp_path)
    kept = tmp_path / "old.delta"
    shutil.copyfile(tmp_path / DELTA_FILE, kept)
    other = _entries(5)
    ManifestFile(tmp_path)._write_whole(9, other)
    assert not (tmp_path / DELTA_FILE).exists()
    os.replace(kept, tmp_path / DELTA_FILE)
    assert _fresh(tmp_path, 9) == other
    # Its next save starts a delta of its own in place of the stale one.
    file = ManifestFile(tmp_path)
    tenth = {**file.load(9, _never), "x.txt": _entry(5)}
    file.save(10, tenth)
    assert _fresh(tmp_path, 10) == tenth


def test_a_delta_past_its_limit_is_folded_into_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(manifest_module, "MIN_DELTA_LIMIT", 400)
    file = ManifestFile(tmp_path)
    entries = _entries(20)
    file.save(1, entries)
    folded = 0
    for generation in range(2, 12):
        entries = {**entries, f"a{generation:04d}.txt": _entry(generation, ("again",))}
        whole = _stat(tmp_path / MANIFEST_FILE)
        file.save(generation, entries)
        delta = tmp_path / DELTA_FILE
        if _stat(tmp_path / MANIFEST_FILE) != whole:
            folded += 1
            assert not delta.exists()
        else:
            assert 0 < delta.stat().st_size <= 400
        assert _fresh(tmp_path, generation) == entries
    assert folded >= 2


def test_a_manifest_written_before_deltas_is_read_and_then_written_whole(tmp_path: Path) -> None:
    entries = _entries(4)
    old = {"generation": 3, "articles": {k: list(v) for k, v in entries.items()}}
    (tmp_path / MANIFEST_FILE).write_text(json.dumps(old))
    (tmp_path / DELTA_FILE).write_text('{"delta":1,"token":null}\n')  # never applied to it
    file = ManifestFile(tmp_path)
    assert file.load(3, _never) == entries
    changed = {**entries, "b.txt": _entry(9)}
    file.save(4, changed)
    assert "token" in json.loads((tmp_path / MANIFEST_FILE).read_text())
    assert _fresh(tmp_path, 4) == changed


def test_an_edited_article_is_found_by_the_next_process_without_a_rebuild(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix = Index(seeds)
    ix.update()
    whole = _stat(ix.dir / MANIFEST_FILE)
    with open(seeds / ARTICLE, "a", encoding="utf-8") as fh:
        fh.write("\nA late line about a quagga.\n")
    assert ix.update().updated == 1
    assert _stat(ix.dir / MANIFEST_FILE) == whole
    assert (ix.dir / DELTA_FILE).is_file()
    other = Index(seeds)
    other.open()
    monkeypatch.setattr(other.engine, "stored_entries", _never)
    assert other.manifest() == ix.manifest()
    assert other.manifest()[ARTICLE].size == (seeds / ARTICLE).stat().st_size
    assert other.update().changed == 0


def test_the_delta_counts_in_the_freshness_stamp() -> None:
    assert DELTA_FILE in INDEX_FILES
