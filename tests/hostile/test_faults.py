"""Faults: many writers at once, and kill -9 in the middle of a save.

Guarantees: no edit is lost and no file is torn.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import subprocess
import time
from pathlib import Path

import yaml
from hostile_support import (
    ARTICLE,
    GLOSSATOR,
    TEXT,
    cli_env,
    fault_corpus,
    glossator,
    glossator_in,
    slow,
)

from glossator.annotations.store import SidecarStore

_fork = multiprocessing.get_context("fork")


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
    root = fault_corpus(tmp_path / "corpus")
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
    root = fault_corpus(tmp_path / "corpus", articles)
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
    root = fault_corpus(tmp_path / "corpus")
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
