"""Rows at one corpus size: query classes, typing and memory, with stock Whoosh and FTS5 beside."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.report import SKIP, Row, ms, percentile, verdict
from bench.suite import Suite
from bench.targets import (
    SMALL_CORPUS,
    TARGET_P95_LARGE_S,
    TARGET_P95_SMALL_S,
    TARGET_RSS_MB,
    TARGET_TYPING_LARGE_S,
    TARGET_TYPING_SMALL_S,
    index_size_row,
    peer_figures,
    searching_rss_row,
)


def stock_search(suite: Suite, label: str, corpus: Path, queries: Path) -> dict[str, Any]:
    """Stock Whoosh on the same query lists (bench/stock_search.py); {} when not wanted."""
    if not suite.wants("stock") or not queries.is_file():
        return {}
    stock_dir = suite.stock_index_for(label, corpus)
    env = suite.env()
    del env["GLOSSATOR_BENCH_SHIM"]
    data = suite.child("stock_search", str(stock_dir), str(queries), env=env)
    suite.raw[f"stock_search:{label}"] = data
    classes: dict[str, Any] = data["classes"]
    return classes


def size_benchmarks(suite: Suite, label: str) -> None:
    corpus = suite.corpus(label)
    if corpus is None:
        suite.add(
            Row("search", "all", label, "-", verdict=SKIP, note=f"corpus {label!r} not found")
        )
        return
    ix_dir, build, reused = suite.index_for(label, corpus)
    docs = build["docs"]
    small = docs <= SMALL_CORPUS
    p95_target = TARGET_P95_SMALL_S if small else TARGET_P95_LARGE_S
    if label not in ("bbc",) or not suite.wants("pipeline") or suite.quick:
        rate = docs / build["seconds"] if build["seconds"] else 0
        note = (
            "built by an earlier run with the same index/ code (--fresh rebuilds)" if reused else ""
        )
        if build.get("stand_in_cache"):
            note = (note + "; " if note else "") + "in-memory stand-in entity cache"
        suite.add(
            Row(
                "index",
                "glossator full pipeline",
                label,
                f"{rate:.0f} docs/s ({build['seconds']:.1f} s, {docs} docs)",
                note=note,
                data=build,
            )
        )
        suite.add(index_size_row(label, build, corpus))
    if suite.wants("rss"):
        rss = max(build["rss_mb"], build.get("rss_children_mb", 0))
        suite.add(
            Row(
                "memory",
                "peak RSS, indexing",
                label,
                f"{build['rss_mb']:.0f} MB (workers {build.get('rss_children_mb', 0):.0f} MB)",
                f"<= {TARGET_RSS_MB:g} MB",
                verdict(rss <= TARGET_RSS_MB),
                note="measured when an earlier run built the index" if reused else "",
            )
        )
    queries = suite.work / f"queries-{label.replace('/', '_')}.json"
    if suite.wants("search", "typing", "rss", "fts5"):
        per_class = 10 if suite.quick else suite.args.queries
        data = suite.child(
            "search",
            str(corpus),
            str(ix_dir),
            str(queries),
            str(per_class),
            str(suite.args.seed),
        )
        suite.raw[f"search:{label}"] = data
    stock = stock_search(suite, label, corpus, queries)
    fts_classes: dict[str, list[float]] = {}
    if suite.wants("fts5") and queries.is_file():
        db = suite.work / f"fts5-{label.replace('/', '_')}.sqlite"
        fts = suite.child("fts5", str(corpus), str(db), str(queries))
        suite.add(
            Row(
                "peer",
                "SQLite FTS5 index (porter)",
                label,
                f"{fts['docs'] / fts['seconds']:.0f} docs/s ({fts['seconds']:.1f} s, "
                f"{fts['db_bytes'] / 1e6:.1f} MB)",
                data=fts,
            )
        )
        suite.add(
            Row(
                "peer",
                "SQLite FTS5 query p50/p95",
                label,
                f"{ms(percentile(fts['times'], 50))} / {ms(percentile(fts['times'], 95))}",
                note="same queries minus fuzzy and gpe:, top 20 with snippet() + count",
            )
        )
        fts_classes = fts.get("classes", {})
    if suite.wants("search", "typing", "rss", "fts5"):
        search_rows(suite, label, data, p95_target, stock, fts_classes)


def search_rows(
    suite: Suite,
    label: str,
    data: dict[str, Any],
    target: float,
    stock: dict[str, Any],
    fts: dict[str, list[float]],
) -> None:
    if suite.wants("search"):
        suite.add(
            Row(
                "search",
                "open + first query (warm disk)",
                label,
                ms(data["open_first_query_s"]),
            )
        )
        for cls, res in data["classes"].items():
            times = res["times"]
            p95 = percentile(times, 95)
            hits = sum(res["totals"]) / len(res["totals"]) if res["totals"] else 0
            example = res["queries"][0] if res["queries"] else ""
            note = f"e.g. {example}; mean hits {hits:.0f}"
            if res["errors"]:
                note += f"; errors: {res['errors'][0]}"
            peers, peer_note = peer_figures(p95, stock.get(cls), fts.get(cls))
            note += peer_note
            suite.add(
                Row(
                    "search",
                    f"{cls} p50/p95 (n={len(times)})",
                    label,
                    f"{ms(percentile(times, 50))} / {ms(p95)}{peers}",
                    f"p95 <= {ms(target)}",
                    verdict(p95 <= target) if times else SKIP,
                    note=note,
                )
            )
    if suite.wants("typing"):
        times = data["typing_times"]
        p95 = percentile(times, 95)
        small = target <= TARGET_P95_SMALL_S  # held to the small-corpus targets
        target = TARGET_TYPING_SMALL_S if small else TARGET_TYPING_LARGE_S
        suite.add(
            Row(
                "typing",
                f"as-you-type keystroke p50/p95 (n={len(times)})",
                label,
                f"{ms(percentile(times, 50))} / {ms(p95)} (max {ms(max(times))})",
                f"p95 <= {ms(target)}",
                verdict(p95 <= target),
                note=f"worst keystroke {data['typing_worst']!r}; typed "
                + ", ".join(repr(q) for q in data["typing_queries"]),
            )
        )
    if suite.wants("rss"):
        suite.add(searching_rss_row(data, label))
