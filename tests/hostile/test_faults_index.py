"""Faults while indexing: kill -9 mid-index, worker processes, and a tag
written while the index is in use.

Guarantees: the index is always usable (rebuilt with a notice if it must
be), no worker outlives the command, no sidecar is changed by indexing.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from hostile_support import (
    ARTICLE,
    GLOSSATOR,
    alive,
    child_pids,
    cli_env,
    fault_corpus,
    glossator,
    glossator_here,
)

from glossator.annotations.store import SidecarStore

# -- kill -9 mid-index ----------------------------------------------------------------------


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
        fault_corpus(root, articles)
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
        kids = child_pids(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + orphan_wait
        while time.monotonic() < deadline and any(alive(c) for c in kids):
            time.sleep(0.1)
        orphans += [c for c in kids if alive(c)]
        for c in kids:  # clean up after a failure so later kills are independent
            if alive(c):
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
        kids = child_pids(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # The workers have 3 s to notice and end; done as soon as they all have.
    deadline = time.monotonic() + 3.0
    while time.monotonic() < deadline and any(alive(c) for c in kids):
        time.sleep(0.05)
    left = [c for c in kids if alive(c)]
    for c in left:
        os.kill(c, signal.SIGKILL)
    assert kids, "the update never started its workers; the test proved nothing"
    assert not left, (
        f"{len(left)} of {len(kids)} worker processes outlived 'glossator index' by 3 s"
    )


def test_a_tag_with_a_hyphen_is_searchable(
    tmp_path: Path, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    root = fault_corpus(tmp_path / "corpus")
    status, _, err = glossator_here(
        capfdbinary, "tag", "--corpus", str(root), str(root / ARTICLE), "--add", "kataib-hezbollah"
    )
    assert status == 0, err
    status, out, _ = glossator_here(
        capfdbinary, "search", "--corpus", str(root), "--json", "tag:kataib-hezbollah"
    )
    assert status == 0 and json.loads(out)["total"] == 1
