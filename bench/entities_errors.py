"""The gold spans the recogniser misses and the spans it adds, set by set.

    .venv/bin/python bench/entities_errors.py [--skip unseen17_ ...] [--label ORG]

Lists every false negative (`-`) and false positive (`+`) with its label and
the words around it, for the gold sets under tests/entities/gold/. The sets
held out for the next first run are skipped by default (`--skip` replaces
the default list), so rules are written from the older sets' misses only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossator.index.entities import Recogniser  # noqa: E402
from glossator.index.entities.scoring import load_gold  # noqa: E402

GOLD = ROOT / "tests" / "entities" / "gold"
#: Held-out sets whose errors are not read while rules are written.
HELD_OUT = ("unseen12_", "unseen13_", "unseen14_", "unseen15_", "unseen16_", "unseen17_")


def main() -> None:
    """Print the errors of every gold document not skipped."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", nargs="*", default=list(HELD_OUT), help="name prefixes left out")
    parser.add_argument("--label", help="only errors with this label")
    parser.add_argument("--context", type=int, default=40, help="characters either side")
    args = parser.parse_args()
    recogniser = Recogniser.load()
    for doc in load_gold(GOLD):
        if any(doc.name.startswith(prefix) for prefix in args.skip):
            continue
        gold = {(e.start, e.end, e.label) for e in doc.entities}
        found = {(e.start, e.end, e.label) for e in recogniser.recognise(doc.text)}
        for sign, spans in (("-", gold - found), ("+", found - gold)):
            for start, end, label in sorted(spans):
                if args.label and label != args.label:
                    continue
                left = doc.text[max(0, start - args.context) : start].replace("\n", " ")
                right = doc.text[end : end + args.context].replace("\n", " ")
                print(f"{doc.name}\t{sign}{label}\t{left}[{doc.text[start:end]}]{right}")


if __name__ == "__main__":
    main()
