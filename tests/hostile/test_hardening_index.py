"""A half-built or damaged index is reported, never shown as a true result.

Through the installed command: after `kill -9` of `glossator index --rebuild`
part-way, and after a segment file is truncated or deleted, `search
--no-update` fails with "the index is incomplete: ... run glossator index"
(exit 1) instead of printing a short or empty result with exit 0; the next
`glossator index` repairs it.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hostile_support import GLOSSATOR, cli_env, glossator

INDEX = Path(".glossator") / "index"


@pytest.fixture(scope="module")
def indexed(bbc_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ix") / "corpus"
    root.mkdir()
    for path in sorted((bbc_copy / "business").glob("*.txt"))[:200]:
        shutil.copy(path, root / path.name)
    assert glossator("index", str(root), "-q").returncode == 0
    return root


def _copy(src: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(src, tmp_path / "corpus", symlinks=True))


def _wait(cond: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not cond():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def _incomplete_then_repaired(root: Path) -> None:
    proc = glossator("search", "--corpus", str(root), "--no-update", "--json", "oil")
    assert proc.returncode == 1, f"a broken index answered: {proc.stdout[:200]!r}"
    assert b"index is incomplete" in proc.stderr and b"run glossator index" in proc.stderr
    assert proc.stdout == b""
    assert glossator("index", str(root), "-q").returncode == 0
    again = glossator("search", "--corpus", str(root), "--no-update", "--json", "oil")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["total"] > 20


def test_a_killed_rebuild_is_reported_not_searched(indexed: Path, tmp_path: Path) -> None:
    root = _copy(indexed, tmp_path)
    proc = subprocess.Popen(
        [*GLOSSATOR, "index", str(root), "--rebuild", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=cli_env(GLOSSATOR_WORKERS="2"),
    )
    marker = root / INDEX / "glossator-incomplete"
    try:
        _wait(lambda: marker.exists() or proc.poll() is not None, "the rebuild to start")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert marker.exists(), "the rebuild finished before it could be killed"
    _incomplete_then_repaired(root)


@pytest.mark.parametrize("damage", ["truncate", "delete"])
def test_a_damaged_segment_is_reported_not_searched(
    indexed: Path, tmp_path: Path, damage: str
) -> None:
    root = _copy(indexed, tmp_path)
    segment = sorted((root / INDEX).glob("*.seg"))[0]
    if damage == "truncate":
        with open(segment, "r+b") as fh:
            fh.truncate(1000)
    else:
        segment.unlink()
    _incomplete_then_repaired(root)
