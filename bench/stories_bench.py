"""Cost of near-duplicate signatures and story grouping, against the targets.

    .venv/bin/python bench/stories_bench.py [--sizes bbc,10k] [--runs 3] [--pairs]

For each corpus: full builds into scratch folders (workers as `glossator
index` picks them), `--runs` times each without and with the story store,
alternating, the median of each compared (the parent's store sync timed
apart); signing 300 articles; near-duplicate look-ups for 300 articles; adding one edited reprint
(signature and store row, then a whole `Index.update`); grouping the whole
corpus into stories. `--pairs` lists every near-duplicate pair found, and
the pairs just under the threshold, for choosing it (docs/stories.md).
Figures only: nothing here is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossator.index.indexer import Index  # noqa: E402
from glossator.index.stories import signatures  # noqa: E402
from glossator.index.stories.grouping import grouping_of  # noqa: E402
from glossator.index.stories.rows import StoredArticle  # noqa: E402

BBC = ROOT.parent / "shared" / "corpora" / "bbc"
#: Issue #15's targets.
BUILD_SHARE = 0.20
LOOKUP_MS = 5.0


def corpus_for(name: str) -> Path:
    if name == "bbc":
        return BBC
    if name == "seeds":
        return ROOT / "seeds"
    from bench.corpus_gen import ensure_corpus, parse_size

    return ensure_corpus(parse_size(name), log=lambda m: print(m, file=sys.stderr))


def row(label: str, value: str, target: str = "") -> None:
    print(f"  {label:44} {value:>16}  {target}")


def baseline_build(src: Path) -> float:
    """Seconds for a full build with the story store switched off (the
    workers fork, so the class attribute reaches them)."""
    from glossator.index.documents import DocumentBuilder

    saved = DocumentBuilder.document_with_extras
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(src, corpus)
        index = Index(corpus, Path(tmp) / "index")
        index._sync_stories = lambda *a, **k: None  # type: ignore[method-assign]
        DocumentBuilder.document_with_extras = None  # type: ignore[assignment,method-assign]
        try:
            t0 = time.perf_counter()
            index.update()
            return time.perf_counter() - t0
        finally:
            DocumentBuilder.document_with_extras = saved  # type: ignore[method-assign]


def full_build(src: Path, tmp: Path) -> tuple[Index, float, float]:
    """A full build as glossator does it: the index, its seconds, and the
    seconds of the parent's story store sync within them."""
    corpus = tmp / "corpus"
    shutil.copytree(src, corpus)
    index = Index(corpus, tmp / "index")
    sync_seconds = 0.0
    real_sync = index._sync_stories

    def timed_sync(*args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        nonlocal sync_seconds
        t = time.perf_counter()
        real_sync(*args, **kwargs)
        sync_seconds += time.perf_counter() - t

    index._sync_stories = timed_sync  # type: ignore[method-assign]
    t0 = time.perf_counter()
    index.update()
    return index, time.perf_counter() - t0, sync_seconds


def run(name: str, show_pairs: bool, runs: int) -> None:
    src = corpus_for(name)
    load0 = os.getloadavg()
    bases, totals, syncs = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            bases.append(baseline_build(src))
            if i < runs - 1:
                with tempfile.TemporaryDirectory() as scratch:
                    scratch_index, total, sync = full_build(src, Path(scratch))
                    scratch_index.stories.close()
            else:
                index, total, sync = full_build(src, Path(tmp))
            totals.append(total)
            syncs.append(sync)
        corpus = Path(tmp) / "corpus"
        base, total = statistics.median(bases), statistics.median(totals)
        load1 = os.getloadavg()
        print(
            f"\n{name}: {len(index.manifest())} articles, {runs} runs"
            f"  (load average 1/5 min {load0[0]:.1f}/{load0[1]:.1f}"
            f" -> {load1[0]:.1f}/{load1[1]:.1f})"
        )
        row("full build without the story store, s", " ".join(f"{b:.1f}" for b in bases))
        row("full build, s", " ".join(f"{t:.1f}" for t in totals))
        row("  of which the parent's store sync, s", " ".join(f"{t:.1f}" for t in syncs))
        row("median without / with, s", f"{base:.1f} / {total:.1f}")
        row(
            "  build time added by stories (medians)",
            f"{(total - base) / base:.1%}",
            f"target <= {BUILD_SHARE:.0%}",
        )
        row(
            "  added, per run",
            " ".join(f"{(t - b) / b:.0%}" for b, t in zip(bases, totals, strict=True)),
        )
        store = index.stories
        ids = sorted(store.stamps())
        rng = random.Random(1729)
        sample = rng.sample(ids, min(300, len(ids)))
        times = []
        for article_id in sample:
            t = time.perf_counter()
            store.near_duplicates(article_id)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        row(
            "near-duplicate look-up, median ms",
            f"{statistics.median(times):.2f}",
            f"target < {LOOKUP_MS}",
        )
        row(
            "near-duplicate look-up, p95 ms",
            f"{times[int(len(times) * 0.95)]:.2f}",
            f"target < {LOOKUP_MS}",
        )
        # One edited reprint added (numpy imported first: workers signed the rest).
        t = time.perf_counter()
        import numpy  # noqa: F401

        row("numpy import in this process, ms", f"{(time.perf_counter() - t) * 1000:.0f}")
        articles = [index.article(i) for i in sample]
        t = time.perf_counter()
        for article in articles:
            signatures.signature(article)
        row("signing, ms per article", f"{(time.perf_counter() - t) * 1000 / len(articles):.2f}")
        victim = index.article(sample[0])
        reprint = corpus / "zz-reprint.txt"
        reprint.write_text("A new headline\n" + victim.body.replace(" the ", " a ", 3), "utf-8")
        t = time.perf_counter()
        sig = signatures.signature(index.article("zz-reprint.txt"))
        found = store.near_signature(sig)
        one = (time.perf_counter() - t) * 1000
        row("one article: signature + look-up, ms", f"{one:.2f}")
        t = time.perf_counter()
        index.update(workers=1)
        row("one article: whole `Index.update`, ms", f"{(time.perf_counter() - t) * 1000:.0f}")
        row(
            "  reprint found as near-duplicate of its source",
            str(any(i == victim.id for i, _ in found)),
        )
        t = time.perf_counter()
        grouping = grouping_of(store)
        row("group the corpus into stories, ms", f"{(time.perf_counter() - t) * 1000:.0f}")
        multi = [s for s in grouping.stories if len(s.articles) > 1]
        row("stories of 2+ articles", str(len(multi)))
        row(
            "events reported by 2+ articles",
            str(sum(1 for e in grouping.events if len(e.articles) > 1)),
        )
        pairs = store.all_near_pairs()
        row("near-duplicate pairs", str(len(pairs)))
        if show_pairs:
            rows = {a.id: a for a in store.all()}
            for a, b, j in pairs:
                print(f"    near  J={j:.2f}  {a}  {b}")
            print("    just under the threshold (shared band, not near):")
            for a, b, j, c in close_misses(store, rows):
                print(f"    close J={j:.2f} C={c:.2f}  {a}  {b}")
        store.close()


def close_misses(store, rows: dict[str, StoredArticle]):  # type: ignore[no-untyped-def]
    from glossator.index.stories.rows import near

    db = store._conn()
    out = []
    for a, b in db.execute(
        "SELECT DISTINCT x.id, y.id FROM bands a JOIN bands b ON a.key = b.key AND a.n < b.n"
        " JOIN articles x ON x.n = a.n JOIN articles y ON y.n = b.n"
    ):
        a, b = min(a, b), max(a, b)
        ra, rb = rows[a], rows[b]
        if near(ra, rb) is None:
            j = signatures.jaccard(ra.values, rb.values)
            c = signatures.containment(j, ra.shingles, rb.shingles)
            if j >= 0.15 or c >= 0.4:
                out.append((a, b, j, c))
    return sorted(out, key=lambda p: -p[2])[:30]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="bbc,10k")
    parser.add_argument("--runs", type=int, default=3, help="builds of each kind (median)")
    parser.add_argument("--pairs", action="store_true")
    args = parser.parse_args(argv)
    for name in args.sizes.split(","):
        run(name.strip(), args.pairs, max(1, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
