"""Faults: many writers at once, kill -9 mid-save and mid-index, SIGHUP, a
read-only corpus, a full disk, huge and looping corpora.

Guarantees: no edit is lost, no file is torn, the index is always usable
(rebuilt with a notice if it must be), no sidecar is changed by indexing.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from hostile_support import GLOSSATOR, cli_env, glossator, glossator_here, glossator_in, slow

from glossator.annotations.errors import StoreError
from glossator.annotations.store import SidecarStore

ARTICLE = "a.txt"
TEXT = "Strike on the base\nA drone hit the base at dawn, officials said.\n" * 3
_fork = multiprocessing.get_context("fork")


def _corpus(root: Path, n: int = 1) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / ARTICLE).write_text(TEXT, encoding="utf-8")
    for i in range(1, n):
        (root / f"b{i:05d}.txt").write_text(f"Article {i}\nword{i} common text\n", encoding="utf-8")
    return root


# -- concurrency through the public API ------------------------------------------------


def _api_writer(root: str, worker: int, edits: int, barrier) -> None:  # type: ignore[no-untyped-def]
    store = SidecarStore(Path(root), author=f"analyst{worker}")
    barrier.wait()
    for n in range(edits):
        kind = n % 3
        if kind == 0:
            store.add_tags(ARTICLE, TEXT, [f"w{worker}-e{n}"])
        elif kind == 1:
            store.add_note(ARTICLE, TEXT, f"note {worker}/{n}")
        else:
            start = (worker * 7 + n) % (len(TEXT) - 12)
            store.add_span(ARTICLE, TEXT, start, start + 10, f"w{worker}-s{n}")


def _api_edits(tmp_path: Path, workers: int, edits: int) -> dict[str, float]:
    root = _corpus(tmp_path / "corpus")
    barrier = _fork.Barrier(workers)
    started = time.perf_counter()
    procs = [
        _fork.Process(target=_api_writer, args=(str(root), w, edits, barrier))
        for w in range(workers)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
    assert [p.exitcode for p in procs] == [0] * workers
    raw = yaml.safe_load((root / f"{ARTICLE}.yaml").read_text("utf-8"))
    sidecar = SidecarStore(root).load(ARTICLE, TEXT)
    kept = (
        {f"tag {t}" for t in sidecar.tags}
        | {f"note {n.text}" for n in sidecar.notes}
        | {f"span {s.label}" for s in sidecar.spans}
    )
    made = set()
    for w in range(workers):
        for n in range(edits):
            made.add((f"tag w{w}-e{n}", f"note note {w}/{n}", f"span w{w}-s{n}")[n % 3])
    assert kept == made, f"lost {len(made - kept)} of {len(made)} edits"
    assert len(raw["tags"]) + len(raw["notes"]) + len(raw["spans"]) == workers * edits
    return {"edits": workers * edits, "seconds": time.perf_counter() - started}


def test_8_processes_x_12_edits_through_the_api_keep_all_96(tmp_path: Path) -> None:
    figure = _api_edits(tmp_path, 8, 12)
    print(f"API: {figure['edits']} of {figure['edits']} edits kept in {figure['seconds']:.1f} s")


@slow
def test_8_processes_x_50_edits_through_the_api_keep_all_400(tmp_path: Path) -> None:
    figure = _api_edits(tmp_path, 8, 50)
    print(f"API: {figure['edits']} of {figure['edits']} edits kept in {figure['seconds']:.1f} s")


def _cli_concurrency(tmp_path: Path, workers: int, edits: int, articles: int) -> str:
    root = _corpus(tmp_path / "corpus", articles)
    assert glossator("index", str(root)).returncode == 0
    ids = [ARTICLE] + [f"b{i:05d}.txt" for i in range(1, articles)]
    script = tmp_path / "edits.sh"
    lines = ["set -u", "fail=0"]
    for w in range(workers):
        cmds = []
        for n in range(edits):
            target = str(root / ids[(w + n) % len(ids)])
            if n % 2 == 0:
                cmds.append(
                    f"{' '.join(GLOSSATOR)} tag --corpus {root} {target} --add w{w}_e{n}"
                    ' >/dev/null 2>>err.log || echo "tag $?" >>fail.log'
                )
            else:
                cmds.append(
                    f"{' '.join(GLOSSATOR)} note --corpus {root} {target} 'note {w}/{n}'"
                    ' >/dev/null 2>>err.log || echo "note $?" >>fail.log'
                )
        lines.append("( " + " ; ".join(cmds) + " ) &")
    lines.append("wait")
    script.write_text("\n".join(lines) + "\n")
    stop = tmp_path / "stop"
    loop = tmp_path / "loop.sh"
    loop.write_text(
        f"n=0; while [ ! -e {stop} ]; do n=$((n+1));"
        f" {' '.join(GLOSSATOR)} index {root} -q >/dev/null 2>>loop_err.log"
        ' || echo "index $?" >>fail.log;'
        f" {' '.join(GLOSSATOR)} search --corpus {root} common >/dev/null 2>>loop_err.log"
        ' || echo "search $?" >>fail.log; done; echo $n > loops\n'
    )
    started = time.perf_counter()
    looper = subprocess.Popen(["sh", str(loop)], cwd=tmp_path, env=cli_env())
    subprocess.run(["sh", str(script)], cwd=tmp_path, env=cli_env(), check=True, timeout=600)
    stop.touch()
    looper.wait(timeout=120)
    seconds = time.perf_counter() - started
    fails = (tmp_path / "fail.log").read_text() if (tmp_path / "fail.log").exists() else ""
    errs = (tmp_path / "err.log").read_text() if (tmp_path / "err.log").exists() else ""
    assert not fails, f"commands failed: {fails}\n{errs[-2000:]}"
    assert "Traceback" not in errs, errs[-2000:]
    # Every tag is searchable, every note is on disk. (The searches that check
    # run in this process: the concurrent part above is all real processes.)
    for w in range(workers):
        for n in range(0, edits, 2):
            data = json.loads(
                glossator_json("search", "--corpus", str(root), "--json", f"tag:w{w}_e{n}")
            )
            assert data["total"] == 1, f"tag w{w}_e{n} is not searchable"
    notes = 0
    for article in ids:
        side = root / f"{article}.yaml"
        if side.exists():
            notes += len(yaml.safe_load(side.read_text("utf-8"))["notes"])
    assert notes == workers * (edits // 2)
    loops = (tmp_path / "loops").read_text().strip()
    return (
        f"{workers}x{edits} CLI edits, {loops} index+search loops alongside, "
        f"0 failed, all tags searchable, {seconds:.1f} s"
    )


def glossator_json(*args: str) -> bytes:
    proc = glossator_in(*args)
    assert proc.returncode == 0, proc.stderr
    return bytes(proc.stdout)


def test_cli_tag_and_note_while_index_and_search_loop(tmp_path: Path) -> None:
    print(_cli_concurrency(tmp_path, workers=4, edits=4, articles=5))


@slow
def test_cli_tag_and_note_while_index_and_search_loop_soak(tmp_path: Path) -> None:
    print(_cli_concurrency(tmp_path, workers=8, edits=20, articles=20))


# -- kill -9 mid-save -------------------------------------------------------------------

# Syscalls of a save, in order; the child kills itself at the k-th call of one of them.
_SAVE_CALLS = ("open", "write", "fchmod", "fsync", "close", "replace", "link", "unlink")


def _save_then_die(root: str, call: str, nth: int, serial: int) -> None:
    """Start one save and SIGKILL this process at the nth `os.<call>` during it."""
    count = [0]
    real = getattr(os, call)

    def hooked(*args, **kwargs):  # type: ignore[no-untyped-def]
        count[0] += 1
        if count[0] == nth:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)

    setattr(os, call, hooked)
    SidecarStore(Path(root), author="k").add_note(ARTICLE, TEXT, f"save {serial} " + "x" * 4000)
    setattr(os, call, real)
    os._exit(0)


def _timed_save_loop(root: str) -> None:
    store = SidecarStore(Path(root), author="k")
    n = 0
    while True:
        n += 1
        store.add_note(ARTICLE, TEXT, f"loop {os.getpid()} {n} " + "y" * 3000)


def _kill_during_saves(tmp_path: Path, kills: int, seed: int) -> str:
    root = _corpus(tmp_path / "corpus")
    store = SidecarStore(root)
    store.add_tags(ARTICLE, TEXT, ["seed"])
    path = store.path_for(ARTICLE)
    rng = random.Random(seed)
    torn = old = new = 0
    for serial in range(kills):
        before = path.read_bytes()
        notes_before = len(store.load(ARTICLE, TEXT).notes)
        if serial % 2 == 0:  # at a chosen syscall of the save
            child = _fork.Process(
                target=_save_then_die,
                args=(str(root), rng.choice(_SAVE_CALLS), rng.randint(1, 4), serial),
            )
            child.start()
        else:  # at a random moment of a stream of saves
            child = _fork.Process(target=_timed_save_loop, args=(str(root),))
            child.start()
            time.sleep(rng.uniform(0.001, 0.03))
            assert child.pid is not None
            os.kill(child.pid, signal.SIGKILL)
        child.join(timeout=30)
        after = path.read_bytes()
        try:
            sidecar = store.load(ARTICLE, TEXT)
        except Exception:
            torn += 1
            continue
        if after == before:
            old += 1
        else:
            new += 1
        assert sidecar.tags == ["seed"]
        assert len(sidecar.notes) >= notes_before, "a save lost earlier notes"
    assert torn == 0, f"{torn} torn sidecars after {kills} kills"
    store.add_tags(ARTICLE, TEXT, ["after"])
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    return f"{kills} kills mid-save: {old} left the old file, {new} a newer one, 0 torn"


def test_kill_9_during_50_saves_leaves_old_or_new_never_torn(tmp_path: Path) -> None:
    print(_kill_during_saves(tmp_path, 50, 1121))


@slow
def test_kill_9_during_200_saves_leaves_old_or_new_never_torn(tmp_path: Path) -> None:
    print(_kill_during_saves(tmp_path, 200, 2026))


# -- kill -9 mid-index ----------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*.yaml")
        if ".glossator" not in p.parts
    }


def _kill_during_index(
    tmp_path: Path, source: Path | None, articles: int, kills: int, orphan_wait: float = 0.0
) -> str:
    root = tmp_path / "corpus"
    if source is not None:
        shutil.copytree(source, root)
    else:
        _corpus(root, articles)
    files = sorted(p for p in root.rglob("*.txt"))[:articles]
    for p in sorted(root.rglob("*.txt"))[articles:]:
        p.unlink()
    store = SidecarStore(root)
    for i, p in enumerate(files[::10]):
        rel = p.relative_to(root).as_posix()
        store.add_tags(rel, p.read_text("utf-8", "replace"), [f"kept_{i}"])
    sidecars = _digest(root)
    rng = random.Random(77)
    orphans: list[int] = []
    for k in range(kills):
        if k % 3 == 2:  # sometimes a rebuild, which deletes the old index first
            proc = subprocess.Popen(
                [*GLOSSATOR, "index", str(root), "--rebuild", "-q"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=cli_env(GLOSSATOR_WORKERS="2"),
            )
        else:
            (root / files[rng.randrange(len(files))].relative_to(root)).touch()
            proc = subprocess.Popen(
                [*GLOSSATOR, "index", str(root), "-q"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                env=cli_env(GLOSSATOR_WORKERS="2"),
            )
        time.sleep(rng.uniform(0.2, 1.2))
        kids = _children(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + orphan_wait
        while time.monotonic() < deadline and any(_alive(c) for c in kids):
            time.sleep(0.1)
        orphans += [c for c in kids if _alive(c)]
        for c in kids:  # clean up after a failure so later kills are independent
            if _alive(c):
                os.kill(c, signal.SIGKILL)
    final = glossator("index", str(root))
    assert final.returncode == 0, final.stderr.decode()[-1000:]
    assert _digest(root) == sidecars, "indexing changed or lost a sidecar"
    search = glossator("search", "--corpus", str(root), "--json", "--no-update", "tag:kept_0")
    assert search.returncode == 0 and json.loads(search.stdout)["total"] == 1
    count = json.loads(
        glossator(
            "search", "--corpus", str(root), "--json", "--no-update", "--limit", "1", "*"
        ).stdout
        or b"{}"
    ).get("total")
    if orphan_wait:
        assert not orphans, (
            f"{len(orphans)} worker processes outlived a killed "
            f"'glossator index' by {orphan_wait:.0f} s"
        )
    summary = final.stdout.decode().strip().splitlines()[-1]
    return (
        f"{kills} kills of 'glossator index' over {len(files)} articles; next run: {summary};"
        f" {len(sidecars)} sidecars unchanged; {count} searchable"
    )


def test_kill_9_during_index_then_next_index_works(tmp_path: Path, bbc_copy: Path) -> None:
    print(_kill_during_index(tmp_path, bbc_copy, 400, 10))


def test_killed_index_leaves_no_worker_processes(tmp_path: Path, bbc_copy: Path) -> None:
    root = tmp_path / "corpus"
    shutil.copytree(bbc_copy / "business", root)  # ~500 articles: a parallel update
    proc = subprocess.Popen(
        [*GLOSSATOR, "index", str(root), "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=cli_env(GLOSSATOR_WORKERS="2"),
    )
    deadline = time.monotonic() + 10
    kids: list[int] = []
    while time.monotonic() < deadline and len(kids) < 2:
        time.sleep(0.2)
        kids = _children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # The workers have 3 s to notice and end; done as soon as they all have.
    deadline = time.monotonic() + 3.0
    while time.monotonic() < deadline and any(_alive(c) for c in kids):
        time.sleep(0.05)
    left = [c for c in kids if _alive(c)]
    for c in left:
        os.kill(c, signal.SIGKILL)
    assert kids, "the update never started its workers; the test proved nothing"
    assert not left, (
        f"{len(left)} of {len(kids)} worker processes outlived 'glossator index' by 3 s"
    )


def test_a_tag_with_a_hyphen_is_searchable(
    tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    root = _corpus(tmp_path / "corpus")
    status, _, err = glossator_here(
        capfdbinary, "tag", "--corpus", str(root), str(root / ARTICLE), "--add", "kataib-hezbollah"
    )
    assert status == 0, err
    status, out, _ = glossator_here(
        capfdbinary, "search", "--corpus", str(root), "--json", "tag:kataib-hezbollah"
    )
    assert status == 0 and json.loads(out)["total"] == 1


# -- SIGHUP ----------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux not installed")
@pytest.mark.e2e
def test_sighup_to_the_reader_leaves_no_process_and_no_half_written_file(tmp_path: Path) -> None:
    from test_hostile_app import _reader_env
    from tmux_driver import Tmux

    root = _corpus(tmp_path / "corpus", 5)
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
                for c in [shell, *_children(shell)]
                if _alive(c) and b"glossator" in Path(f"/proc/{c}/cmdline").read_bytes()
            ),
            shell,
        )
        # Save while the reader is open, then hang up on it.
        store.add_note(ARTICLE, TEXT, "saved by a colleague")
        os.kill(reader, signal.SIGHUP)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and _alive(reader):
            time.sleep(0.1)
        still = _alive(reader)
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
    src = _corpus(tmp_path / "src", 3)
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
        root = _corpus(disk / "corpus")
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
