"""Run the benchmark suite and print figures next to their targets.

`bench.options` reads the command line, `bench.suite` holds the run and
starts its subprocesses, `bench/sections/` measures each part of the table,
and this module runs the chosen sections in order and prints the table.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import time
from collections.abc import Callable
from typing import Any

from bench.cache import REPO
from bench.options import parse_args
from bench.report import render
from bench.sections.change import incremental
from bench.sections.pipeline import first_search, pipeline
from bench.sections.search import size_benchmarks
from bench.sections.start import app, cli, cold
from bench.suite import Suite


def run(suite: Suite) -> int:
    """Run the chosen sections in order, print the table, write the JSON; the exit status."""
    started = time.perf_counter()
    steps: list[tuple[str, str, Callable[[], None]]] = []
    if suite.wants("pipeline"):
        steps.append(("index", "bbc", lambda: pipeline(suite)))
    if suite.wants("first"):
        steps.append(("open", "bbc", lambda: first_search(suite)))
    if suite.wants("cold"):
        steps.append(("start", "bbc", lambda: cold(suite)))
    if suite.wants("cli"):
        steps.append(("start", "bbc", lambda: cli(suite)))
    for label in suite.args.sizes:
        if suite.wants("search", "typing", "rss", "fts5"):
            steps.append(("search", label, lambda label=label: size_benchmarks(suite, label)))
        if suite.wants("incremental"):
            steps.append(("change", label, lambda label=label: incremental(suite, label)))
    if suite.wants("app"):
        steps.append(("app", "-", lambda: app(suite)))
    try:
        for section, size, fn in steps:
            suite.guarded(section, size, fn)
    finally:
        if not suite.args.keep:
            shutil.rmtree(suite.work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    print(header(suite))
    print(render(suite.rows))
    if "app_bench" in suite.raw:
        print("\nbench/app_bench.py says:\n" + suite.raw["app_bench"])
    print(f"\nsuite ran {elapsed:.0f} s")
    if suite.args.json:
        suite.args.json.write_text(
            json.dumps(
                {
                    "machine": machine(suite),
                    "options": options(suite),
                    "rows": [r.to_dict() for r in suite.rows],
                    "raw": suite.raw,
                    "seconds": elapsed,
                },
                indent=1,
                default=str,
            )
        )
    return 0


def machine(suite: Suite) -> dict[str, Any]:
    """The machine, Python and git revision the figures were measured on."""
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        dirty = bool(
            subprocess.run(
                ["git", "status", "--porcelain", "index"],
                cwd=REPO,
                capture_output=True,
                text=True,
                check=False,
            ).stdout.strip()
        )
    except OSError:
        rev, dirty = "", False
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "git": rev + ("+dirty index/" if dirty else ""),
        "loadavg": os.getloadavg(),
        "index_code": suite.code,
    }


def options(suite: Suite) -> dict[str, Any]:
    """The run's options, for the JSON."""
    return {
        "sizes": suite.args.sizes,
        "quick": suite.quick,
        "only": sorted(suite.only),
        "seed": suite.args.seed,
        "queries": suite.args.queries,
    }


def header(suite: Suite) -> str:
    """The line above the table: machine, revision, seed and load."""
    m = machine(suite)
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"glossator benchmarks: {m['cpus']} CPUs, Python {m['python']}, git {m['git']}, "
        f"seed {suite.args.seed}{', quick' if suite.quick else ''}; load average at the "
        f"end {load} (other work on the machine makes every figure slower)\n"
    )


def main(argv: list[str] | None = None) -> int:
    """`python -m bench`."""
    return run(Suite(parse_args(argv)))
