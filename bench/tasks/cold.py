"""Cold start: fresh interpreters import glossator, open the warm index and search."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from bench.tasks.output import emit, parse_output

COLD_SCRIPT = r"""
import sys, time, json
t0 = time.perf_counter()
import glossator.tui.cli
from glossator.index.indexer import Index
import glossator.index.whoosh.searcher
t1 = time.perf_counter()
ix = Index(sys.argv[1], index_dir=sys.argv[2])
ix.open()
s = ix.searcher()
t2 = time.perf_counter()
r = s.search("government")
t3 = time.perf_counter()
print("BENCHJSON " + json.dumps({"import_s": t1 - t0, "open_s": t2 - t1, "query_s": t3 - t2,
                                  "total": r.total if r else 0}))
"""


def cmd_cold(corpus: Path, index_dir: Path) -> None:
    """Fresh interpreters: import, open the warm index, first query (median of 3)."""
    import statistics
    import subprocess

    runs = []
    env = {k: v for k, v in os.environ.items() if k != "GLOSSATOR_BENCH_SHIM"}
    for _ in range(3):
        t = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", COLD_SCRIPT, str(corpus), str(index_dir)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        wall = time.perf_counter() - t
        data = parse_output(out.stdout)
        if data is None:
            emit({"error": out.stderr.strip().splitlines()[-1:] or ["no output"]})
            return
        data["wall_s"] = wall
        runs.append(data)
    imp = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", COLD_SCRIPT, str(corpus), str(index_dir)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    median = {
        k: statistics.median(r[k] for r in runs)
        for k in ("import_s", "open_s", "query_s", "wall_s")
    }
    emit({"median": median, "runs": runs, "importtime": top_imports(imp.stderr)})


def top_imports(stderr: str, count: int = 8) -> list[tuple[str, float]]:
    """The top-level packages that cost the most cumulative import time (ms)."""
    per_pkg: dict[str, float] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line[len("import time:") :].split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue
        # Self time, summed per top-level package, wherever it was imported from.
        top = parts[2].strip().split(".")[0]
        per_pkg[top] = per_pkg.get(top, 0.0) + int(parts[0]) / 1000
    return sorted(per_pkg.items(), key=lambda kv: -kv[1])[:count]
