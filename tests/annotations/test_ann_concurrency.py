"""Many writers at once keep every edit; a writer killed mid-save tears nothing."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from pathlib import Path

import yaml
from ann_support import ARTICLE_ID, ARTICLE_TEXT

from glossator.annotations.store import SidecarStore

WORKERS = 8
EDITS_EACH = 25
KILLS = 50
# fork: the children inherit the imported package, so they start in milliseconds.
_ctx = multiprocessing.get_context("fork")


def _writer(root: str, worker: int, barrier: multiprocessing.synchronize.Barrier) -> None:
    store = SidecarStore(Path(root), author=f"analyst{worker}")
    barrier.wait()
    for n in range(EDITS_EACH):
        kind = n % 3
        if kind == 0:
            store.add_tags(ARTICLE_ID, ARTICLE_TEXT, [f"w{worker}-e{n}"])
        elif kind == 1:
            store.add_note(ARTICLE_ID, ARTICLE_TEXT, f"note {worker}/{n}")
        else:
            start = (worker * EDITS_EACH + n) % (len(ARTICLE_TEXT) - 20)
            store.add_span(ARTICLE_ID, ARTICLE_TEXT, start, start + 10, f"w{worker}-s{n}")


def _setup(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "seeds").mkdir(parents=True)
    (root / ARTICLE_ID).write_text(ARTICLE_TEXT)
    return root


def test_concurrent_writers_keep_every_edit(tmp_path: Path) -> None:
    root = _setup(tmp_path)
    barrier = _ctx.Barrier(WORKERS)
    procs = [_ctx.Process(target=_writer, args=(str(root), w, barrier)) for w in range(WORKERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * WORKERS

    store = SidecarStore(root)
    raw = yaml.safe_load(store.path_for(ARTICLE_ID).read_text())  # plain YAML for any tool
    sidecar = store.load(ARTICLE_ID, ARTICLE_TEXT)
    expected_tags = {f"w{w}-e{n}" for w in range(WORKERS) for n in range(0, EDITS_EACH, 3)}
    expected_notes = {f"note {w}/{n}" for w in range(WORKERS) for n in range(1, EDITS_EACH, 3)}
    expected_spans = {f"w{w}-s{n}" for w in range(WORKERS) for n in range(2, EDITS_EACH, 3)}
    assert set(sidecar.tags) == expected_tags
    assert {n.text for n in sidecar.notes} == expected_notes
    assert {s.label for s in sidecar.spans} == expected_spans
    kept = len(sidecar.tags) + len(sidecar.notes) + len(sidecar.spans)
    assert kept == WORKERS * EDITS_EACH == 200
    assert len(raw["notes"]) + len(raw["spans"]) + len(raw["tags"]) == 200
    assert len(sidecar.ids()) == len(sidecar.notes) + len(sidecar.spans)


def _save_forever(root: str) -> None:
    store = SidecarStore(Path(root), author="looper")
    n = 0
    while True:
        n += 1
        store.add_note(ARTICLE_ID, ARTICLE_TEXT, f"note {n} " + "padding " * 200)


def test_killed_writer_never_leaves_a_torn_file(tmp_path: Path) -> None:
    root = _setup(tmp_path)
    store = SidecarStore(root)
    store.add_tags(ARTICLE_ID, ARTICLE_TEXT, ["seed"])
    path = store.path_for(ARTICLE_ID)
    rng = random.Random(20261121)
    previous = 0
    mid_save = 0
    for _ in range(KILLS):
        child = _ctx.Process(target=_save_forever, args=(str(root),))
        child.start()
        time.sleep(rng.uniform(0.002, 0.04))
        assert child.pid is not None
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        mid_save += any(p.name.endswith(".tmp") for p in path.parent.iterdir())
        data = path.read_bytes()
        assert data, "sidecar is empty after a kill"
        sidecar = store.load(ARTICLE_ID, ARTICLE_TEXT)  # raises on a torn file
        assert sidecar.tags == ["seed"]
        # Each kill leaves the last complete save: never fewer notes than before.
        assert len(sidecar.notes) >= previous
        previous = len(sidecar.notes)
    assert previous > 0, "the writer never got to save; the test proved nothing"
    print(f"{KILLS} kills, {mid_save} with a save in flight, {previous} notes kept, 0 torn")
    # The next save clears temporary files the killed writers left behind.
    store.add_tags(ARTICLE_ID, ARTICLE_TEXT, ["after"])
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
