"""What canonical names change on the BBC corpus, and what folding costs.

    .venv/bin/python bench/aliases_bbc.py [--runs N] [--top N]

Recognises every BBC article (../shared/corpora/bbc) and compares the facet
values of each article as written (the distinct entity texts, as before
canonical names) with its canonical names (`Entity.name`): how many
articles' facets change, the top PERSON facet values (articles per name)
before and after, and how many bare surnames are left in an article that
also has a full name ending in them (they should be the ambiguous ones
only). Then the time of recognition and of folding (`Canonicaliser.apply`),
each the median of N runs over the corpus (CPU time), with the load average.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossator.index.entities import Entity, Recogniser  # noqa: E402
from glossator.index.entities.aliases import Canonicaliser, variant_key  # noqa: E402
from glossator.index.entities.merge import resolve  # noqa: E402

BBC = ROOT.parent / "shared" / "corpora" / "bbc"


def facet_values(entities: list[Entity], canonical: bool) -> set[tuple[str, str]]:
    """An article's (label, value) facet pairs, as written or canonical."""
    if canonical:
        return {(e.label, e.name) for e in entities}
    return {(e.label, " ".join(e.text.split())) for e in entities}


def person_facet(per_article: list[set[tuple[str, str]]]) -> Counter[str]:
    """PERSON name -> articles counting it."""
    return Counter(v for values in per_article for label, v in values if label == "PERSON")


def surnames_left(values: set[tuple[str, str]]) -> list[str]:
    """Bare PERSON surnames of an article that also has a full name ending in them."""
    people = [v for label, v in values if label == "PERSON"]
    endings = Counter(variant_key(p.split()[-1]) for p in people if " " in p)
    return [p for p in people if " " not in p and endings[variant_key(p)]]


def print_sample(texts: list[str], folded: list[list[Entity]], n: int) -> None:
    """N mentions that count toward another name, drawn with a fixed seed, in context."""
    import random

    pool = [(i, e) for i, ents in enumerate(folded) for e in ents if e.canonical is not None]
    print(f"\n{n} of {len(pool)} folded mentions (seed 13): written -> canonical, context")
    for i, ent in random.Random(13).sample(pool, min(n, len(pool))):
        context = " ".join(texts[i][max(0, ent.start - 50) : ent.end + 30].split())
        print(f"- {ent.text!r} -> {ent.canonical!r}: ...{context}...")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timing runs (median is given)")
    parser.add_argument("--top", type=int, default=20, help="PERSON facet rows to print")
    parser.add_argument(
        "--sample", type=int, default=0, help="print N folded mentions, drawn at random, to read"
    )
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"skipped: {BBC} not found")
        return
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(BBC.glob("*/*.txt"))]
    rec = Recogniser.load()
    folder = Canonicaliser()
    recognise_s: list[float] = []
    fold_s: list[float] = []
    plain: list[list[Entity]] = []
    folded: list[list[Entity]] = []
    for _ in range(max(1, args.runs)):
        started = time.process_time()
        plain = [resolve(t, rec.candidates(t)) for t in texts]
        recognise_s.append(time.process_time() - started)
        started = time.process_time()
        folded = [folder.apply(ents) for ents in plain]
        fold_s.append(time.process_time() - started)
    before = [facet_values(e, canonical=False) for e in plain]
    after = [facet_values(e, canonical=True) for e in folded]
    changed = sum(b != a for b, a in zip(before, after, strict=True))
    mentions = sum(len(e) for e in folded)
    refolded = sum(e.canonical is not None for ents in folded for e in ents)
    print(f"{len(texts)} BBC articles, {mentions} entities, {refolded} with a canonical name")
    print(f"articles whose facet values change: {changed} of {len(texts)}")
    left_before = sum(len(surnames_left(b)) for b in before)
    left_after = [(i, s) for i, a in enumerate(after) for s in surnames_left(a)]
    print(
        "bare surnames beside a full name ending in them (article, surname pairs): "
        f"{left_before} before, {len(left_after)} after (ambiguous, kept)"
    )
    top_before = person_facet(before).most_common(args.top)
    top_after = person_facet(after).most_common(args.top)
    print(f"\ntop {args.top} PERSON facet values (articles): before | after")
    for i in range(args.top):
        b = f"{top_before[i][0]} {top_before[i][1]}" if i < len(top_before) else ""
        a = f"{top_after[i][0]} {top_after[i][1]}" if i < len(top_after) else ""
        print(f"{i + 1:3} {b:32} | {a}")
    if args.sample:
        print_sample(texts, folded, args.sample)
    load = os.getloadavg()
    rec_med, fold_med = statistics.median(recognise_s), statistics.median(fold_s)
    print(
        f"\nCPU seconds over the corpus, median of {len(recognise_s)}: recognition {rec_med:.2f}, "
        f"folding {fold_med:.3f} ({fold_med / rec_med:.1%} of recognition); "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"
    )
    runs = ", ".join(f"{r:.2f}/{f:.3f}" for r, f in zip(recognise_s, fold_s, strict=True))
    print(f"each run, recognition/folding (the first folds with a cold name cache): {runs}")


if __name__ == "__main__":
    main()
