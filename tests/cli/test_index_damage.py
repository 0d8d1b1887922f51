"""A damaged or missing index costs one line and a rebuild, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from test_cli import here, run


def _damage(corpus: Path) -> None:
    segments = list((corpus / ".glossator" / "index").glob("*.seg"))
    assert segments
    for segment in segments:
        segment.write_bytes(b"\0" * 100)


def test_search_rebuilds_a_damaged_index_in_one_line(seeds: Path) -> None:
    here("index", "--quiet", str(seeds), check=True)
    _damage(seeds)
    proc = run("search", "--corpus", str(seeds), "--json", "militia")
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and err.startswith("glossator: rebuilding the index: ")
    assert json.loads(proc.stdout)["total"] == 5


def test_search_without_update_says_what_to_do(seeds: Path) -> None:
    here("index", "--quiet", str(seeds), check=True)
    _damage(seeds)
    proc = run("search", "--corpus", str(seeds), "--no-update", "militia")
    assert proc.returncode == 1 and proc.stdout == b""
    err = proc.stderr.decode()
    assert "Traceback" not in err
    assert all(line.startswith("glossator: ") for line in err.splitlines())
    assert err.splitlines()[-1].endswith("run glossator index")
    assert b"5 hits" in run("search", "--corpus", str(seeds), "militia", check=True).stdout


def test_search_after_the_index_folder_was_deleted(seeds: Path) -> None:
    here("index", "--quiet", str(seeds), check=True)
    shutil.rmtree(seeds / ".glossator" / "index")
    proc = run("search", "--corpus", str(seeds), "--json", "militia")
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["total"] == 5
