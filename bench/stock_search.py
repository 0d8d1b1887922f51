"""The same query lists on stock Whoosh, in the same run: the yardstick for each search row.

    python -m bench.child stock_search CORPUS STOCK_INDEX QUERIES

The stock index is what a Whoosh user would build to search and show
snippets: `StemmingAnalyzer` title and body, body stored for highlights
(`python -m bench.child stock CORPUS DIR --stored`). Each query is parsed by
a `MultifieldParser` over title and body with `FuzzyTermPlugin`, run with
`searcher.search(q, limit=20)`, and timed until the exact total
(`len(results)`) and the highlights of the twenty hits are in hand, which
is what glossator's rows include. glossator's Whoosh backend is never
imported here, so none of its speed-ups are installed in this process.

Stock Whoosh can take seconds on a prefix that expands to thousands of
terms; each class stops after `CLASS_BUDGET_S` and says how many of its
queries it ran.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

#: Seconds of stock-Whoosh querying per class before the rest are skipped.
CLASS_BUDGET_S = 30.0
#: Classes whose queries name fields only glossator's schema has.
GLOSSATOR_ONLY = ("field",)


def run_stock_queries(index_dir: Path, classes: dict[str, list[str]]) -> dict[str, Any]:
    """Per class: the times of the queries run, their totals, and how many were skipped."""
    from whoosh import index as windex
    from whoosh.qparser import FuzzyTermPlugin, MultifieldParser

    if any(m.startswith("glossator.index.whoosh") for m in sys.modules):
        raise RuntimeError("glossator's Whoosh backend is loaded: this would not be stock Whoosh")
    ix = windex.open_dir(str(index_dir))
    parser = MultifieldParser(["title", "body"], ix.schema)
    parser.add_plugin(FuzzyTermPlugin())
    out: dict[str, Any] = {}
    with ix.searcher() as searcher:
        for warm in ("minister", '"prime minister"', "uni*"):
            searcher.search(parser.parse(warm), limit=20)
        for cls, queries in classes.items():
            if cls in GLOSSATOR_ONLY:
                continue
            times: list[float] = []
            totals: list[int] = []
            spent = 0.0
            for q in queries:
                if spent > CLASS_BUDGET_S:
                    break
                t = time.perf_counter()
                results = searcher.search(parser.parse(q), limit=20)
                total = len(results)
                for hit in results:
                    hit.highlights("body")
                elapsed = time.perf_counter() - t
                spent += elapsed
                times.append(elapsed)
                totals.append(total)
            out[cls] = {"times": times, "totals": totals, "skipped": len(queries) - len(times)}
    return out


def cmd_stock_search(index_dir: Path, queries_file: Path) -> dict[str, Any]:
    """The figures `bench.child stock_search` prints."""
    classes = json.loads(queries_file.read_text())["classes"]
    return {"classes": run_stock_queries(index_dir, classes)}
