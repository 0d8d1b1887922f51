"""Profile one full index build of a corpus (default: the BBC) under cProfile.

Runs the update in this process with one worker (`GLOSSATOR_WORKERS=1`), so
every function is seen, then prints the functions with the most own time,
the biggest cumulative entries, and own time grouped by area (Whoosh
writing, analysis, entity recognition, reading files, the entity cache).

    python -m bench.profile_index [--corpus DIR] [--top 25] [--out FILE.pstats]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import tempfile
import time
from pathlib import Path

from bench.corpus_gen import BBC

#: (area, substrings of "file:function") in the order they are tried.
AREAS = (
    ("entity recognition", ("index/entities/",)),
    ("entity cache (sqlite)", ("sqlite3", "entities/cache")),
    ("glossator analysis", ("index/whoosh/analysis.py",)),
    ("whoosh analysis", ("whoosh/analysis/",)),
    ("stemming", ("Stemmer", "stemWord", "whoosh/lang/")),
    (
        "whoosh postings/segment writing",
        (
            "whoosh/codec/",
            "whoosh/writing.py",
            "whoosh/filedb/",
            "whoosh/formats.py",
            "whoosh/fields.py",
            "whoosh/util/",
            "whoosh/system.py",
            "whoosh/columns.py",
        ),
    ),
    ("reading articles", ("index/corpus.py", "index/sanitize.py", "codecs")),
    (
        "indexer bookkeeping",
        (
            "index/indexer.py",
            "index/updating.py",
            "index/documents.py",
            "index/manifest.py",
            "index/whoosh/bulk.py",
            "annotations/",
        ),
    ),
    ("regex", ("re.Pattern", "'_sre", "re/__init__")),
    ("pickle/marshal/zlib", ("pickle", "marshal", "zlib", "_struct", "struct")),
)


def area_of(key: tuple[str, int, str]) -> str:
    """The area a profiled function belongs to."""
    filename, _line, func = key
    text = f"{filename}:{func}"
    for area, needles in AREAS:
        if any(n in text for n in needles):
            return area
    return "other"


def profile(corpus: Path, top: int, out: Path | None) -> str:
    os.environ["GLOSSATOR_WORKERS"] = "1"
    from glossator.index.indexer import Index

    work = Path(tempfile.mkdtemp(prefix="glossator-profile-"))
    try:
        prof = cProfile.Profile()
        started = time.perf_counter()
        prof.enable()
        ix = Index(corpus, index_dir=work / "ix")
        report = ix.update()
        prof.disable()
        wall = time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if out:
        prof.dump_stats(str(out))
    header = (
        f"{report.summary()}; {wall:.1f} s wall under cProfile "
        f"({report.total / wall:.0f} docs/s profiled)"
    )
    return summarise(pstats.Stats(prof), header, top)


def summarise(stats: pstats.Stats, header: str, top: int) -> str:
    """Own time by area, then the top functions by own and cumulative time."""
    total = stats.total_tt  # type: ignore[attr-defined]
    lines = [f"{header}, {total:.1f} s profiled own time", ""]
    by_area: dict[str, float] = {}
    for key, (_cc, _nc, tt, _ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        area = area_of(key)
        if area == "other" and key[0] == "~" and callers:
            # A builtin (sorted, dict.get, len...): charge it to its callers' areas.
            shares = {c: v[2] for c, v in callers.items()}
            whole = sum(shares.values()) or 1.0
            for caller, share in shares.items():
                a = area_of(caller)
                by_area[a] = by_area.get(a, 0.0) + tt * share / whole
            continue
        by_area[area] = by_area.get(area, 0.0) + tt
    lines.append("own time by area (builtins charged to their callers):")
    for area, tt in sorted(by_area.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {tt / total:6.1%}  {tt:6.2f} s  {area}")
    for sort, title in (("tottime", "own time"), ("cumulative", "cumulative time")):
        buf = io.StringIO()
        stats.stream = buf  # type: ignore[attr-defined]
        stats.sort_stats(sort).print_stats(top)
        body = buf.getvalue()
        start = body.find("   ncalls")
        lines += ["", f"top {top} by {title}:", body[start:].rstrip() if start >= 0 else body]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m bench.profile_index", description=__doc__.split("\n\n")[0]
    )
    p.add_argument("--corpus", type=Path, default=BBC)
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--out", type=Path, help="also save the raw profile (pstats) here")
    p.add_argument("--load", type=Path, help="summarise a profile saved with --out instead")
    args = p.parse_args(argv)
    if args.load:
        print(summarise(pstats.Stats(str(args.load)), f"profile {args.load}", args.top))
        return 0
    if not args.corpus.is_dir():
        p.error(f"corpus {args.corpus} not found")
    print(profile(args.corpus, args.top, args.out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
