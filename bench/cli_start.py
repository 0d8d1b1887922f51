"""`glossator search` as a user runs it: process start to printed results, warm index.

    .venv/bin/python -m bench.cli_start [--runs 15] [--query government]
    .venv/bin/python -m bench --only cli          (the same, as a row of the table)

Each run is a fresh `glossator search QUERY --limit 20` (the console script)
on a copy of the cached, already complete BBC index, timed from before the
process starts until it exits with the results printed. Beside it, in the
same run and alternating with it, a bare stock-Whoosh script does the same
on a stock index of the same corpus: open, parse, top 20, highlights, total.
Medians of `--runs` runs each, after one untimed run of each that compiles
bytecode into a scratch `PYTHONPYCACHEPREFIX` (an installed package has
its `.pyc` files; `PYTHONDONTWRITEBYTECODE` would otherwise make every run
compile glossator from source) and warms the page cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.tasks.cold import top_imports

TARGET_S = 0.150
DEFAULT_RUNS = 15
QUERY = "government"

STOCK_SCRIPT = r"""
import sys
from whoosh import index
from whoosh.qparser import MultifieldParser
ix = index.open_dir(sys.argv[1])
with ix.searcher() as s:
    results = s.search(MultifieldParser(["title", "body"], ix.schema).parse(sys.argv[2]), limit=20)
    for hit in results:
        print(hit["id"], hit["title"])
        print("   ", hit.highlights("body"))
    print(len(results), "hits")
"""


def glossator_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m glossator`."""
    script = Path(sys.executable).with_name("glossator")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "glossator"]


def start_env(base: dict[str, str], scratch: Path) -> dict[str, str]:
    """`base` with bytecode written to (and read from) a scratch cache."""
    env = {k: v for k, v in base.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    env["PYTHONPYCACHEPREFIX"] = str(scratch / "pycache")
    env.pop("GLOSSATOR_BENCH_SHIM", None)
    return env


def _wall(cmd: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if out.returncode != 0 or not out.stdout.strip():
        tail = (out.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{cmd[0]} exited {out.returncode}: {tail}")
    return wall


def measure(
    corpus: Path,
    index_dir: Path,
    stock_dir: Path,
    env: dict[str, str],
    runs: int = DEFAULT_RUNS,
    query: str = QUERY,
) -> dict[str, Any]:
    """Wall times of both commands, alternated, and glossator's biggest imports."""
    with tempfile.TemporaryDirectory(prefix="glossator-cli-start-") as tmp:
        scratch = Path(tmp)
        ix_copy = scratch / "index"
        shutil.copytree(index_dir, ix_copy)
        env = start_env(env, scratch)
        ours = [
            *glossator_command(),
            "search",
            query,
            "--corpus",
            str(corpus),
            "--index-dir",
            str(ix_copy),
            "--limit",
            "20",
        ]
        stock = [sys.executable, "-c", STOCK_SCRIPT, str(stock_dir), query]
        _wall(ours, env)
        _wall(stock, env)
        times: dict[str, list[float]] = {"glossator": [], "stock": []}
        for _ in range(runs):
            times["glossator"].append(_wall(ours, env))
            times["stock"].append(_wall(stock, env))
        python = [sys.executable, "-X", "importtime", "-m", "glossator", *ours[-8:]]
        imp = subprocess.run(python, env=env, capture_output=True, text=True, check=False)
    return {
        "times": times,
        "median": {k: statistics.median(v) for k, v in times.items()},
        "importtime": top_imports(imp.stderr),
        "loadavg": os.getloadavg(),
        "runs": runs,
        "query": query,
    }


def summary(data: dict[str, Any]) -> str:
    """One line: both medians, their ratio and the load."""
    ours, stock = data["median"]["glossator"], data["median"]["stock"]
    load = "/".join(f"{x:.1f}" for x in data["loadavg"])
    return (
        f"glossator search {ours * 1000:.0f} ms, stock Whoosh script {stock * 1000:.0f} ms "
        f"({ours / stock:.2f}x), median of {data['runs']}, target <= {TARGET_S * 1000:.0f} ms "
        f"{'ok' if ours <= TARGET_S else 'MISS'}; load average {load}"
    )


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.cli_start`: the BBC indexes from the bench cache, then the runs."""
    from bench.options import parse_args
    from bench.suite import Suite

    p = argparse.ArgumentParser(prog="python -m bench.cli_start", description=__doc__)
    p.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="timed runs of each command")
    p.add_argument("--query", default=QUERY, help="the query both commands search")
    args = p.parse_args(argv)
    suite = Suite(parse_args(["--only", "cli", "--sizes", "bbc"]))
    try:
        corpus = suite.corpus("bbc")
        if corpus is None:
            print("the BBC corpus is not at ../shared/corpora/bbc", file=sys.stderr)
            return 1
        ix_dir, _build, _reused = suite.index_for("bbc", corpus)
        stock_dir = suite.stock_index_for("bbc", corpus)
        data = measure(corpus, ix_dir, stock_dir, suite.env(), args.runs, args.query)
    finally:
        shutil.rmtree(suite.work, ignore_errors=True)
    print(summary(data))
    top = ", ".join(f"{name} {t:.0f} ms" for name, t in data["importtime"][:6])
    print(f"biggest imports (self time per package): {top}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
