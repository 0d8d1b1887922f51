"""Quality and speed of the incident extractor.

    .venv/bin/python bench/incidents_eval.py [--set dev|heldout|all] [--misses] [--runs N]

For each gold set (tests/incidents/gold/dev, heldout, heldout2) prints incident
precision/recall (a match is an overlapping sentence span) and per-field
accuracy over matched incidents, then the extractor's speed in words/s given
the entities (recognition time excluded), over the gold texts, the seeds and
the BBC corpus at ../shared/corpora/bbc when present. Each held-out set was
labelled before the extractor was first run on it; heldout then informed rule
changes, heldout2 was written after those; see docs/incidents.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossator.index.entities import Recogniser  # noqa: E402
from glossator.index.incidents import IncidentExtractor  # noqa: E402
from glossator.index.incidents.scoring import FIELDS, load_gold, score  # noqa: E402

GOLD = ROOT / "tests" / "incidents" / "gold"
SEEDS = ROOT / "seeds"
BBC = ROOT.parent / "shared" / "corpora" / "bbc"
#: Issue #14's bar on held-out text.
TARGETS = {
    "precision": 0.80,
    "recall": 0.80,
    "fatalities": 0.90,
    "injured": 0.90,
    "location": 0.85,
    "actor1": 0.75,
}


def report(name: str, recogniser: Recogniser, extractor: IncidentExtractor, misses: bool) -> None:
    """Score one gold set and print the table."""
    docs = load_gold(GOLD / name, SEEDS, BBC)
    pairs = [(d, extractor.extract(d.text, recogniser.recognise(d.text), d.date)) for d in docs]
    s = score(pairs)
    gold_count = sum(1 for d in docs for g in d.incidents if not g.optional)
    print(f"\n{name}: {len(docs)} documents, {gold_count} gold incidents")
    print(
        f"  precision {s.precision:.3f}  recall {s.recall:.3f}  (tp {s.tp}, fp {s.fp}, fn {s.fn})"
    )
    for field in FIELDS:
        acc = s.accuracy(field)
        if acc is not None:
            print(f"  {field:15} {acc:.3f}  ({s.field_right[field]}/{s.field_total[field]})")
    if misses:
        for line in s.misses:
            print("   ", line)


def speed(recogniser: Recogniser, extractor: IncidentExtractor, runs: int) -> None:
    """Extraction words/s with entities given, median of `runs`."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if BBC.exists():
        texts += [
            p.read_text(encoding="utf-8", errors="replace") for p in sorted(BBC.rglob("*.txt"))
        ]
    for sub in ("dev", "heldout", "heldout2"):
        texts += [d.text for d in load_gold(GOLD / sub, SEEDS, BBC)]
    prepared = [(t, recogniser.recognise(t)) for t in texts]
    words = sum(len(t.split()) for t in texts)
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        found = sum(len(extractor.extract(t, e)) for t, e in prepared)
        rates.append(words / (time.perf_counter() - started))
    print(
        f"\nspeed: {len(texts)} texts, {words} words, {found} incidents;"
        f" {statistics.median(rates):,.0f} words/s (median of {runs}, one core, entities given)"
    )


def main() -> None:
    """Run the evaluation and the speed measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("dev", "heldout", "heldout2", "all"), default="all")
    parser.add_argument(
        "--misses", action="store_true", help="list misses, false positives, wrong fields"
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    recogniser = Recogniser.load()
    extractor = IncidentExtractor()
    for name in ("dev", "heldout", "heldout2"):
        if args.set in (name, "all"):
            report(name, recogniser, extractor, args.misses)
    print("\ntargets on held-out:", ", ".join(f"{k} >= {v}" for k, v in TARGETS.items()))
    speed(recogniser, extractor, args.runs)


if __name__ == "__main__":
    main()
