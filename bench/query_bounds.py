"""Time hostile and ordinary queries against an indexed corpus (default: BBC).

    .venv/bin/python bench/query_bounds.py ../shared/corpora/bbc

Prints, per query, whether it ran or was refused, and the time the search
call took (one warm searcher, best of 3). The figures go in
docs/robustness.md; there is no timed assert in the tests beyond "does not
hang".
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from glossator.index.search import QueryError

from glossator.index.indexer import Index

QUERIES = [
    "a" * 3000,
    "x" * 100,
    "government~99",
    "government~2",
    "gover~2 minist~2 elect~2",
    "*a*",
    "go*",
    "*",
    "title:*",
    " OR ".join(f"w{i}*" for i in range(16)),
    " ".join(f"word{i}" for i in range(64)),
    '"the prime minister said"~50',
    "economy AND (growth OR inflation) -oil",
    "gpe:iraq OR person:blair",
    # The costliest queries the limits let through (cost 8 of 8).
    "ab* OR st* OR co* OR pr*",
    "gover~2 minist~2 elect~1 vot*",
    "s*ing OR t*ion OR gov*",
    " ".join(c * 99 for c in "abcdefghij"),
    " ".join(c * 20 for c in "abcdefghijklmnopqrstuvwxyz"),
]


def main() -> None:
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora/bbc")
    ix = Index(corpus)
    ix.update()
    searcher = ix.searcher()
    searcher.search("warm up")
    worst = 0.0
    for q in QUERIES:
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            result = searcher.search(q, limit=20)
            best = min(best, time.perf_counter() - start)
        worst = max(worst, best)
        what = (
            f"refused: {result.message}"
            if isinstance(result, QueryError)
            else f"{result.total} hits"
        )
        print(f"{best * 1000:8.1f} ms  {q[:40]!r:44} {what[:90]}")
    print(f"slowest: {worst * 1000:.0f} ms")


if __name__ == "__main__":
    main()
