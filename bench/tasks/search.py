"""Query latency: glossator on a warm searcher, and SQLite FTS5 as the peer."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from bench.tasks.output import FIRST_QUERY, dir_bytes, emit
from bench.tasks.queries import make_queries, sample_articles, typing_keystrokes


def cmd_search(corpus: Path, index_dir: Path, queries_out: Path, per_class: int, seed: int) -> None:
    """Latency per query class and per keystroke on a warm searcher."""
    from glossator.index.indexer import Index

    started = time.perf_counter()
    ix = Index(corpus, index_dir=index_dir)
    searcher = ix.searcher()
    searcher.search(FIRST_QUERY)
    open_s = time.perf_counter() - started
    queries = make_queries(sample_articles(ix, 400, seed), per_class, seed)
    typing = [q.replace('"', "") for q in queries["and2"][:3] + queries["phrase"][:2]]
    queries_out.write_text(json.dumps({"classes": queries, "typing": typing}, indent=1))
    # Warm-up: a few queries outside the measured lists.
    for q in ("minister", "market share", '"prime minister"', "uni*", "title:new", "tech~"):
        searcher.search(q)
    results: dict[str, Any] = {}
    for cls, qs in queries.items():
        times, totals, errors = [], [], []
        for q in qs:
            t = time.perf_counter()
            r = searcher.search(q, limit=20)
            times.append(time.perf_counter() - t)
            if r:
                totals.append(r.total)
            else:
                errors.append(f"{q}: {r.message}")
        results[cls] = {"times": times, "totals": totals, "errors": errors[:3], "queries": qs}
    keys = typing_keystrokes(typing)
    ktimes = []
    for q in keys:
        t = time.perf_counter()
        searcher.search(q, limit=20, as_you_type=True)
        ktimes.append(time.perf_counter() - t)
    worst = max(range(len(keys)), key=ktimes.__getitem__) if keys else None
    emit(
        {
            "open_first_query_s": open_s,
            "classes": results,
            "typing_times": ktimes,
            "typing_worst": keys[worst] if worst is not None else None,
            "typing_queries": typing,
            "docs": ix.doc_count(),
            "index_bytes": dir_bytes(index_dir),
        }
    )


# -- SQLite FTS5 ----------------------------------------------------------------


def _fts_query(q: str) -> str | None:
    q = q.strip()
    if q.endswith("~") or q.startswith("gpe:"):
        return None
    if q.startswith("title:"):
        return f'title : "{q[6:]}"'
    if q.startswith('"'):
        return q
    if q.endswith("*"):
        return f'"{q[:-1]}"*'
    return " ".join(f'"{w}"' for w in q.split())


def cmd_fts5(corpus: Path, db: Path, queries_file: Path) -> None:
    """SQLite FTS5 (porter) on the same files: build rate and query latency with snippets."""
    import sqlite3

    from glossator.index.corpus import find_article_files

    started = time.perf_counter()
    conn = sqlite3.connect(db)
    conn.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
        "tokenize='porter unicode61')"
    )
    n = 0
    with conn:
        for f in find_article_files(corpus):
            text = f.path.read_text("utf-8", "replace")
            title, _, body = text.strip().partition("\n")
            conn.execute("INSERT INTO docs VALUES (?, ?, ?)", (f.id, title, body))
            n += 1
    build = time.perf_counter() - started
    classes = json.loads(queries_file.read_text())["classes"]
    sql = (
        "SELECT id, snippet(docs, 2, '[', ']', '...', 24) FROM docs WHERE docs MATCH ? "
        "ORDER BY rank LIMIT 20"
    )
    times: list[float] = []
    per_class: dict[str, list[float]] = {}
    for cls, qs in classes.items():
        for q in qs:
            fq = _fts_query(q)
            if fq is None:
                continue
            t = time.perf_counter()
            try:
                conn.execute(sql, (fq,)).fetchall()
                conn.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (fq,)).fetchone()
            except sqlite3.OperationalError:
                continue
            times.append(time.perf_counter() - t)
            per_class.setdefault(cls, []).append(times[-1])
    conn.close()
    emit(
        {
            "seconds": build,
            "docs": n,
            "times": times,
            "classes": per_class,
            "db_bytes": db.stat().st_size,
        }
    )
