"""Full build from scratch vs stock Whoosh, in the same run: wall and CPU-seconds.

    nice .venv/bin/python -m bench.build_bench [--sizes bbc,10k] [--runs 3]

Each build runs as its own process (`bench.child index` / `stock`), the two
kinds interleaved; CPU-seconds count the process and its worker processes.
Targets (issue 17): glossator's full build >= 2x stock Whoosh's speed on
two cores, in wall time, and its figures per CPU-second are printed beside.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.stories_bench import corpus_for
from bench.tasks.output import PREFIX

TARGET_WALL_RATIO = 2.0


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def one_build(kind: str, corpus: Path, scratch: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU-seconds and documents of one build in a fresh folder."""
    ix = scratch / f"ix-{kind}"
    shutil.rmtree(ix, ignore_errors=True)
    cpu0, t0 = _cpu(), time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "bench.child", kind, str(corpus), str(ix)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    wall, cpu = time.perf_counter() - t0, _cpu() - cpu0
    data = next(json.loads(x[len(PREFIX) :]) for x in out.splitlines() if x.startswith(PREFIX))
    shutil.rmtree(ix, ignore_errors=True)
    return wall, cpu, int(data["docs"])


def run(name: str, runs: int) -> bool:
    corpus = corpus_for(name)
    load0 = os.getloadavg()
    walls: dict[str, list[float]] = {"stock": [], "index": []}
    cpus: dict[str, list[float]] = {"stock": [], "index": []}
    docs = 0
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            for kind in ("stock", "index"):
                wall, cpu, docs = one_build(kind, corpus, Path(tmp))
                walls[kind].append(wall)
                cpus[kind].append(cpu)
    load1 = os.getloadavg()
    sw, gw = statistics.median(walls["stock"]), statistics.median(walls["index"])
    sc, gc = statistics.median(cpus["stock"]), statistics.median(cpus["index"])
    ratio, per_cpu = sw / gw, sc / gc
    ok = ratio >= TARGET_WALL_RATIO
    print(
        f"\n{name}: {docs} articles, median of {runs}"
        f"  (load 1/5 min {load0[0]:.1f}/{load0[1]:.1f} -> {load1[0]:.1f}/{load1[1]:.1f})"
    )
    for kind, label in (("stock", "stock Whoosh"), ("index", "glossator full build")):
        w = " ".join(f"{x:.1f}" for x in walls[kind])
        c = " ".join(f"{x:.1f}" for x in cpus[kind])
        print(f"  {label:22} wall s {w:>16}   CPU-s {c:>16}")
    print(
        f"  build speed vs stock, wall     {ratio:6.2f}x   target >= {TARGET_WALL_RATIO:g}x"
        f"  {'ok' if ok else 'MISS'}"
    )
    print(
        f"  work per CPU-second vs stock   {per_cpu:6.2f}x   (compare with the 100k ratio;"
        " not run today)"
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="bbc,10k")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    for name in args.sizes.split(","):
        run(name.strip(), max(1, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
