"""Snippets and title highlights read without scorers are Whoosh's own.

`hits._UnscoredCharsHighlighter` reads the shown hits' character offsets
from each hit's segment instead of through `Searcher.postings` (which builds
a BM25F scorer per term and segment), and cuts passages from plain tuples
instead of a `Token` per match and a `Fragment` per passage. Every hit's snippets and title
highlights must equal those of Whoosh's `Highlighter`, on the queries where
the two differ most in cost: short prefixes and phrases of common words.
"""

from __future__ import annotations

import pytest

from glossator.index.indexer import Index
from glossator.index.whoosh.hits import make_highlighter

QUERIES = [
    "co*",
    "pr*",
    "st*",
    "re*",
    "de*",
    "ma*",
    "gov*",
    '"last year"',
    '"also said"',
    '"the government"',
    "government",
    "brown AND blair",
    "oil OR gas",
    "economy -china",
    "electon~",
    "title:music",
    "m*c",
]


@pytest.fixture
def searcher(parity_index: Index) -> object:
    # A searcher of its own: the tests swap its highlighter.
    return parity_index.searcher()


@pytest.mark.parametrize("query", QUERIES)
def test_the_same_snippets_as_whoosh(searcher: object, query: str) -> None:
    shown = {}
    for fast in (True, False):
        searcher._highlighter = make_highlighter(fast)  # type: ignore[attr-defined]
        result = searcher.search(query, limit=40, snippets=3)  # type: ignore[attr-defined]
        assert result, query
        shown[fast] = [(h.article_id, h.snippets, h.title_highlights) for h in result.hits]
    assert shown[True] == shown[False]
    if query.endswith("*"):
        assert any(snips for _, snips, _ in shown[True]), "the prefix highlighted nothing"
