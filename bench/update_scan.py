"""What a plain `Index.update()` costs on an indexed corpus: nothing changed, and one edit.

    python -m bench.update_scan CORPUS INDEX_DIR [--runs 7] [--profile N]

Works on a scratch copy of both (the copy keeps mtimes, so the copied
index's manifest still matches), never on the folders given. Each round
times `update()` with nothing changed, then `update()` after appending a
new word to one article, then the search that finds it; medians over the
rounds, in one warm process (as the reader would run it), after one
untimed `update()` that loads the manifest. `--profile N` prints cProfile's
top N functions of the no-change updates and of those after an edit, before the
timings.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

DEFAULT_RUNS = 7


def _copy(corpus: Path, index_dir: Path, scratch: Path) -> tuple[Path, Path]:
    ours, ix = scratch / "corpus", scratch / "index"
    shutil.copytree(corpus, ours, ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(index_dir, ix)
    return ours, ix


def _run(ix: Any, profiler: cProfile.Profile | None) -> Any:
    if profiler is None:
        return ix.update()
    profiler.enable()
    try:
        return ix.update()
    finally:
        profiler.disable()


def measure(corpus: Path, index_dir: Path, runs: int, profile: int = 0) -> dict[str, object]:
    """Median seconds of a no-change update, an update after one edit, and edit to found."""
    from glossator.index.corpus import find_article_files
    from glossator.index.indexer import Index

    ix = Index(corpus, index_dir=index_dir)
    first = ix.update()
    searcher = ix.searcher()
    searcher.search("government")
    files = list(find_article_files(corpus))
    rng = random.Random("update-scan")
    still, edited, found = [], [], []
    misses = 0
    quiet, after_edit = cProfile.Profile(), cProfile.Profile()
    for n in range(runs):
        t = time.perf_counter()
        rep = _run(ix, quiet if profile else None)
        still.append(time.perf_counter() - t)
        if rep.changed:
            misses += 1
        f = rng.choice(files)
        word = f"zqxscan{n}word"
        with open(f.location, "a", encoding="utf-8") as fh:
            fh.write(f"\nA late addition mentions {word}.\n")
        t = time.perf_counter()
        rep = _run(ix, after_edit if profile else None)
        edited.append(time.perf_counter() - t)
        result = searcher.search(word)
        found.append(time.perf_counter() - t)
        if not (result and result.total):
            misses += 1
    if profile:
        for title, profiler in (("nothing changed", quiet), ("one article edited", after_edit)):
            print(f"-- update(), {title}")
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(profile)
    return {
        "articles": len(files),
        "first_update_changed": first.changed,
        "no_change_s": statistics.median(still),
        "edit_update_s": statistics.median(edited),
        "edit_to_found_s": statistics.median(found),
        "runs": runs,
        "problems": misses,
    }


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.update_scan`."""
    p = argparse.ArgumentParser(prog="python -m bench.update_scan", description=__doc__)
    p.add_argument("corpus", type=Path, help="an indexed corpus folder (copied, not changed)")
    p.add_argument("index_dir", type=Path, help="its index folder (copied, not changed)")
    p.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="rounds (default 7)")
    p.add_argument("--profile", type=int, default=0, metavar="N", help="print cProfile's top N")
    args = p.parse_args(argv)
    for folder in (args.corpus, args.index_dir):
        if not folder.is_dir():
            p.error(f"{folder} is not a folder; pass an indexed corpus and its index folder")
    if args.runs < 1:
        p.error("--runs must be at least 1")
    scratch = Path(tempfile.mkdtemp(prefix="glossator-update-scan-"))
    try:
        corpus, ix = _copy(args.corpus, args.index_dir, scratch)
        data = measure(corpus, ix, args.runs, args.profile)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"{data['articles']} articles, median of {data['runs']}: no change "
        f"{data['no_change_s'] * 1000:.0f} ms; one edit: update() "
        f"{data['edit_update_s'] * 1000:.0f} ms, until found "
        f"{data['edit_to_found_s'] * 1000:.0f} ms; first update re-indexed "
        f"{data['first_update_changed']}; problems {data['problems']}; load average {load}"
    )
    return 1 if data["problems"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
