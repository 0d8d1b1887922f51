"""Faults of the environment: SIGHUP to the reader, a read-only corpus, a
full disk, huge and looping corpora.

Guarantees: no process or half-written file is left, the old file is kept
and the error says so, every file is indexed once.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from hostile_support import (
    ARTICLE,
    GLOSSATOR,
    TEXT,
    alive,
    child_pids,
    fault_corpus,
    glossator,
    glossator_here,
    glossator_in,
    slow,
)

from glossator.annotations.errors import StoreError
from glossator.annotations.store import SidecarStore

# -- SIGHUP ----------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux not installed")
@pytest.mark.e2e
def test_sighup_to_the_reader_leaves_no_process_and_no_half_written_file(tmp_path: Path) -> None:
    from test_hostile_app import _reader_env
    from tmux_driver import Tmux

    root = fault_corpus(tmp_path / "corpus", 5)
    assert glossator("index", str(root)).returncode == 0
    store = SidecarStore(root)
    store.add_tags(ARTICLE, TEXT, ["before"])
    tmux = Tmux("hup")
    try:
        tmux.start([*GLOSSATOR, str(root)], cwd=root, env=_reader_env())
        tmux.wait_for("articles indexed", timeout=30)
        shell = int(tmux.pane("pane_pid"))
        reader = next(
            (
                c
                for c in [shell, *child_pids(shell)]
                if alive(c) and b"glossator" in Path(f"/proc/{c}/cmdline").read_bytes()
            ),
            shell,
        )
        # Save while the reader is open, then hang up on it.
        store.add_note(ARTICLE, TEXT, "saved by a colleague")
        os.kill(reader, signal.SIGHUP)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and alive(reader):
            time.sleep(0.1)
        still = alive(reader)
    finally:
        tmux.kill()
    assert not still, "glossator ignored SIGHUP and kept running"
    assert not [p for p in root.rglob("*.tmp")], "a half-written temporary file was left"
    sidecar = store.load(ARTICLE, TEXT)
    assert sidecar.tags == ["before"] and len(sidecar.notes) == 1


# -- environment -------------------------------------------------------------------------------


def _mount(*args: str) -> bool:
    return subprocess.run(["mount", *args], capture_output=True).returncode == 0


def test_read_only_corpus_says_so_and_annotations_dir_works(
    tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    src = fault_corpus(tmp_path / "src", 3)
    ro = tmp_path / "ro"
    ro.mkdir()
    # Root ignores permissions, so a read-only bind mount is the honest test.
    if not (_mount("--bind", str(src), str(ro)) and _mount("-o", "remount,ro,bind", str(ro))):
        _mount_cleanup(ro)
        pytest.skip("cannot make a read-only bind mount here")
    try:
        status, out, err = glossator_here(
            capfdbinary, "tag", "--corpus", str(ro), str(ro / ARTICLE), "--add", "x"
        )
        assert status == 1, (out, err)
        # A notice that the index moved to the user's cache, then the one-line failure.
        last = err.strip().splitlines()[-1]
        assert b"--annotations-dir" in last and b"Read-only" in last, err
        assert all(line.startswith(b"glossator: ") for line in err.strip().splitlines()), err
        ann = tmp_path / "ann"
        status, out, err = glossator_here(
            capfdbinary,
            "tag",
            "--corpus",
            str(ro),
            "--annotations-dir",
            str(ann),
            str(ro / ARTICLE),
            "--add",
            "x",
        )
        assert status == 0, err
        assert (ann / f"{ARTICLE}.yaml").is_file()
        status, out, err = glossator_here(
            capfdbinary,
            "search",
            "--corpus",
            str(ro),
            "--annotations-dir",
            str(ann),
            "--json",
            "tag:x",
        )
        assert status == 0 and json.loads(out)["total"] == 1
    finally:
        _mount_cleanup(ro)


def _mount_cleanup(path: Path) -> None:
    subprocess.run(["umount", str(path)], capture_output=True)


def test_full_disk_on_save_keeps_the_old_file_and_says_so(
    tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)):
        pytest.skip("cannot mount a small tmpfs here")
    try:
        root = fault_corpus(disk / "corpus")
        store = SidecarStore(root)
        store.add_note(ARTICLE, TEXT, "the analyst's first note")
        path = store.path_for(ARTICLE)
        before = path.read_bytes()
        filler = disk / "filler"
        fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
        try:
            while True:
                os.write(fd, b"\0" * 4096)
        except OSError:
            pass
        finally:
            os.close(fd)
        with pytest.raises(StoreError) as caught:
            store.add_note(ARTICLE, TEXT, "a long note " * 2000)
        assert "space" in str(caught.value) and "nothing changed" in str(caught.value)
        assert path.read_bytes() == before
        status, out, err = glossator_here(
            capfdbinary,
            "note",
            "--corpus",
            str(root),
            "--index-dir",
            str(tmp_path / "ix"),
            str(root / ARTICLE),
            "another long note " * 2000,
        )
        assert status == 1 and b"space" in err and err.count(b"\n") == 1, err
        assert path.read_bytes() == before
        assert not [p for p in root.iterdir() if p.name.endswith(".tmp")]
    finally:
        _mount_cleanup(disk)


def _tiny_corpus(root: Path, n: int) -> None:
    for i in range(n):
        folder = root / f"d{i // 1000:03d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True)
        (folder / f"{i:06d}.txt").write_bytes(b"T%d\nw%d tiny\n" % (i, i))


def _many_files(tmp_path: Path, n: int) -> str:
    root = tmp_path / "many"
    _tiny_corpus(root, n)
    started = time.perf_counter()
    proc = glossator("index", str(root), timeout=3600)
    seconds = time.perf_counter() - started
    assert proc.returncode == 0, proc.stderr.decode()[-500:]
    assert f"{n} articles: {n} added".encode() in proc.stdout, proc.stdout
    hit = json.loads(
        glossator("search", "--corpus", str(root), "--json", "--no-update", f"w{n - 1}").stdout
    )
    assert hit["total"] == 1 and hit["hits"][0]["id"].endswith(f"{n - 1:06d}.txt")
    return f"{n} tiny files indexed in {seconds:.1f} s, search finds the last one"


def test_10000_tiny_files_index_and_search(tmp_path: Path) -> None:
    print(_many_files(tmp_path, 10_000))


@slow
def test_100000_tiny_files_index_and_search(tmp_path: Path) -> None:
    print(_many_files(tmp_path, 100_000))


def test_deep_tree_with_symlink_loops_indexes_each_file_once(tmp_path: Path) -> None:
    root = tmp_path / "deep"
    folder = root
    for depth in range(10):
        folder = folder / f"level{depth}"
        folder.mkdir(parents=True)
        (folder / f"article{depth}.txt").write_text(f"Depth {depth}\nnested{depth} text\n")
    (folder / "up").symlink_to(root)  # a loop from the bottom to the top
    (root / "level0" / "self").symlink_to(root / "level0")
    (root / "level0" / "level1" / "sideways").symlink_to(root / "level0" / "level1" / "level2")
    (root / "dangling").symlink_to(tmp_path / "gone")
    proc = glossator("index", str(root), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert b"10 articles: 10 added" in proc.stdout, proc.stdout
    for depth in range(10):
        # The first search from the real command, the others in this process.
        cli = glossator if depth == 0 else glossator_in
        data = json.loads(
            cli("search", "--corpus", str(root), "--json", "--no-update", f"nested{depth}").stdout
        )
        assert data["total"] == 1, f"depth {depth} found {data['total']} times"


def test_a_file_named_like_the_state_folder_is_named_not_called_read_only(
    tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    # `.glossator` is a file, so the index cannot live in the corpus; the corpus
    # is writable all the same, so "read-only" would send the analyst the wrong way.
    corpus = fault_corpus(tmp_path / "corpus", 2)
    (corpus / ".glossator").write_text("not a folder\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    status, out, err = glossator_here(capfdbinary, "index", str(corpus))
    assert status == 0, err
    notice = err.strip().splitlines()
    assert len(notice) == 1 and notice[0].startswith(b"glossator: "), err
    assert b"read-only" not in err and b".glossator is a file" in err, err
    assert str(tmp_path / "cache").encode() in err
    assert (corpus / ".glossator").read_text(encoding="utf-8") == "not a folder\n"
