"""Preloaded multi-term queries rank, score and highlight as Whoosh's own do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from glossator.index.engine import Searcher, SearchResult
from glossator.index.indexer import Index
from glossator.index.whoosh.speedups import multiterm

QUERIES = [
    "gov*", "pro*", "elect*", "s*ing", "te?m", "goverment~", "minster~2", "title:mark*",
    "gov* AND minister", "tax* OR econom*", "blair -elect*", '"prime minister" OR chan*',
    # Short prefixes: hundreds of terms, many stored inline in the term table.
    "co*", "st*", "title:pr*", "co* AND minister", "st* -co*",
]  # fmt: skip


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("glossator.index.whoosh.searcher.preload", lambda node: node)


def _run_all(searcher: Searcher) -> list[Any]:
    out = []
    for q in QUERIES:
        r = searcher.search(q, limit=50)
        assert isinstance(r, SearchResult), q
        out.append((
            q,
            r.total,
            [(h.article_id, round(h.score, 9)) for h in r.hits],
            [(h.article_id, h.snippets, h.title_highlights) for h in r.hits],
            r.facets,
        ))  # fmt: skip
    return out


@pytest.fixture
def corpus_index(parity_index: Index) -> Index:
    """The shared index of each corpus, with deleted documents in its old
    segments (tests/conftest.py)."""
    return parity_index


def test_preloaded_queries_match_whoosh(
    corpus_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = corpus_index.open()
    with engine.ix.searcher() as s:  # type: ignore[attr-defined]
        # The corpus must have expansions big enough to be preloaded.
        assert len(list(s.reader().expand_prefix("body", "pro"))) > multiterm.FEW_TERMS
    fast = _run_all(corpus_index.searcher())
    _plain(monkeypatch)
    stock = _run_all(corpus_index.searcher())
    for got, want in zip(fast, stock, strict=True):
        assert got[1] == want[1], f"{got[0]}: total"
        assert got[2] == want[2], f"{got[0]}: ranking"
        assert got[3] == want[3], f"{got[0]}: snippets"
        assert got[4] == want[4], f"{got[0]}: facets"


def test_every_expansion_size_on_the_seeds(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the lowest bound, every expansion of two or more terms is preloaded."""
    ix = Index(seeds, tmp_path / "ix")
    ix.update()
    ix.reindex(["000_a527e38b797e7e70.txt"])
    monkeypatch.setattr(multiterm, "FEW_TERMS", 1)
    fast = _run_all(ix.searcher())
    monkeypatch.setattr("glossator.index.whoosh.searcher.preload", lambda node: node)
    stock = _run_all(ix.searcher())
    assert fast == stock
    assert any(total for _, total, *_ in fast)


def test_the_wrapper_is_used_for_expanding_queries() -> None:
    from whoosh import query as wq

    wrapped = wq.Or([wq.Prefix("body", "gov"), wq.Term("body", "tax")]).accept(multiterm.preload)
    kinds = [type(q).__name__ for q in wrapped.subqueries]
    assert kinds == ["PreloadedMultiTerm", "Term"]


def test_prefix_walk_gives_whoosh_idf(corpus_index: Index) -> None:
    """The idf a prefix's term-table walk puts in the cache is Whoosh's own."""
    from whoosh import query as wq

    engine = corpus_index.open()
    with engine.ix.searcher() as s:  # type: ignore[attr-defined]
        query = multiterm.PreloadedMultiTerm(wq.Prefix("body", "co"))
        for sub, _offset in s.leaf_searchers():
            query.segment_scores(sub, s)
        primed = {term: idf for term, idf in s._idf_cache.items() if term[0] == "body"}
        words = set(s.reader().expand_prefix("body", "co"))
        assert {word for _field, word in primed} == words
        for (field, word), idf in primed.items():
            assert idf == s.weighting.idf(s, field, word), word
