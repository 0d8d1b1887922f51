"""The command line of `python -m bench`."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from bench import corpus_gen

BENCHMARKS = (
    "pipeline",
    "first",
    "search",
    "stock",
    "typing",
    "cold",
    "cli",
    "incremental",
    "rss",
    "fts5",
    "app",
)
DEFAULT_SIZES = "bbc,10k"
#: Articles in the --quick pipeline comparison (a fixed, sorted subset).
QUICK_PIPELINE_FILES = 400


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The options of `python -m bench`; a usage error (exit 2) names a bad one."""
    p = argparse.ArgumentParser(
        prog="python -m bench",
        description="glossator's speed benchmarks: figures next to their targets.",
    )
    p.add_argument(
        "--sizes",
        default=DEFAULT_SIZES,
        help="comma list of corpora: bbc, seeds, a count (500, 10k, 100k) for a "
        f"generated corpus, or a folder (default {DEFAULT_SIZES}; 100k takes long)",
    )
    p.add_argument(
        "--quick",
        action="store_true",
        help=f"fewer queries, pipeline on {QUICK_PIPELINE_FILES} BBC articles",
    )
    p.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="run only these benchmarks (repeatable or comma list): " + ", ".join(BENCHMARKS),
    )
    p.add_argument("--json", type=Path, metavar="FILE", help="also write every figure here")
    p.add_argument(
        "--seed",
        type=int,
        default=corpus_gen.DEFAULT_SEED,
        help="seed for generated corpora and query lists",
    )
    p.add_argument("--queries", type=int, default=50, help="queries per class (default 50)")
    p.add_argument(
        "--fresh",
        action="store_true",
        help="rebuild indexes even when an earlier run built one with the same code",
    )
    p.add_argument("--keep", action="store_true", help="keep the run's scratch folder")
    args = p.parse_args(argv)
    only = [n.strip() for item in args.only for n in item.split(",") if n.strip()]
    unknown = [n for n in only if n not in BENCHMARKS]
    if unknown:
        p.error(f"unknown benchmark {unknown[0]!r}; choose from " + ", ".join(BENCHMARKS))
    args.only_explicit = set(only)
    args.only = only or list(BENCHMARKS)
    args.sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    for s in args.sizes:
        if s in ("bbc", "seeds") or os.sep in s or Path(s).is_dir():
            continue
        try:
            corpus_gen.parse_size(s)
        except ValueError as exc:
            p.error(str(exc))
    return args
