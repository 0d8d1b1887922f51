"""What a search shows, as plain values: for comparing two search paths."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from glossator.index.engine import Searcher, SearchResult


def search_rows(searcher: Searcher, queries: Iterable[str], *, digits: int | None = 9) -> list[Any]:
    """Each query's total, ranked ids with scores (to `digits` places, or
    to the bit with None), snippets and facets."""
    out = []
    for q in queries:
        r = searcher.search(q, limit=50)
        assert isinstance(r, SearchResult), q
        out.append((
            q,
            r.total,
            [(h.article_id, h.score if digits is None else round(h.score, digits)) for h in r.hits],
            [(h.article_id, h.snippets, h.title_highlights) for h in r.hits],
            r.facets,
        ))  # fmt: skip
    return out


def compare_rows(fast: list[Any], stock: list[Any]) -> None:
    """Two paths' rows query by query: totals, ranking (ids and scores),
    snippets and facets, each its own assertion naming the query."""
    for got, want in zip(fast, stock, strict=True):
        q = got[0]
        assert got[1] == want[1], f"{q}: total"
        assert got[2] == want[2], f"{q}: ranking"
        assert got[3] == want[3], f"{q}: snippets"
        assert got[4] == want[4], f"{q}: facets"
