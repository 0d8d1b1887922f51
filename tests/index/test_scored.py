"""Queries ranked from posting blocks give what Whoosh's collector gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from whoosh import query as wq

from glossator.index.engine import Searcher, SearchResult
from glossator.index.indexer import Index
from glossator.index.whoosh.speedups import scored

QUERIES = [
    "government", "said", "film", "title:music", "gpe:iraq", "tag:airstrike",
    "rights court", "blair brown election", "oil OR gas", "(oil OR gas) AND price",
    "gov* minister", "tax* OR econom*", "elect* AND (labour OR tory)", "goverment~ spending",
    "economy NOT china", '"prime minister"', "zzzzqqq",
    '"interest rates"', '"chief executive" OR bank', 'title:"world cup"', '"new york" AND film',
    '"prime minister tony blair"', '"said the"', '"bank of england"',
    '"labour party"~3 OR "gordon brown"',
]  # fmt: skip


def _run_all(searcher: Searcher, as_you_type: bool = False) -> list[Any]:
    out = []
    for q in QUERIES:
        r = searcher.search(q, limit=30, as_you_type=as_you_type)
        assert isinstance(r, SearchResult), q
        out.append((
            q,
            r.total,
            [(h.article_id, round(h.score, 9)) for h in r.hits],
            [(h.snippets, h.title_highlights) for h in r.hits],
            r.facets,
        ))  # fmt: skip
    return out


def _compare(fast: list[Any], stock: list[Any]) -> None:
    for got, want in zip(fast, stock, strict=True):
        q = got[0]
        assert got[1] == want[1], f"{q}: total"
        assert got[2] == want[2], f"{q}: ranking"
        assert got[3] == want[3], f"{q}: snippets"
        assert got[4] == want[4], f"{q}: facets"


@pytest.fixture(scope="module")
def corpus_index(parity_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Index:
    ix = Index(parity_corpus, tmp_path_factory.mktemp("scored"))
    ix.update()
    ix.reindex(sorted(ix.manifest())[:40])  # leaves deleted documents behind
    return ix


def test_scored_queries_match_whoosh(corpus_index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _run_all(corpus_index.searcher())
    fast_typing = _run_all(corpus_index.searcher(), as_you_type=True)
    monkeypatch.setattr(scored, "supported", lambda q, schema: False)
    stock = _run_all(corpus_index.searcher())
    stock_typing = _run_all(corpus_index.searcher(), as_you_type=True)
    _compare(fast, stock)
    _compare(fast_typing, stock_typing)
    # Only the tag (no article is tagged) and the nonsense word find nothing.
    assert sum(1 for _, total, *_ in fast if total) == len(QUERIES) - 2


def test_seeds_with_tags_and_deletions(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ix = Index(seeds, tmp_path / "ix")
    ix.update()
    ix.store.add_tags(
        "000_a527e38b797e7e70.txt", ix.article("000_a527e38b797e7e70.txt").text, ["airstrike"]
    )
    ix.reindex(["000_a527e38b797e7e70.txt"])
    fast = _run_all(ix.searcher())
    monkeypatch.setattr(scored, "supported", lambda q, schema: False)
    stock = _run_all(ix.searcher())
    _compare(fast, stock)
    tagged = [row for row in fast if row[0] == "tag:airstrike"][0]
    assert tagged[1] >= 1


def test_which_queries_are_scored_here() -> None:
    from glossator.index.whoosh.schema import build_schema

    schema = build_schema()
    assert scored.supported(wq.Or([wq.Term("title", "a"), wq.Term("body", "a")]), schema)
    assert scored.supported(wq.And([wq.Term("body", "a"), wq.Term("body", "b")]), schema)
    assert not scored.supported(wq.Phrase("body", ["a", "b"]), schema)
    assert not scored.supported(wq.AndNot(wq.Term("body", "a"), wq.Term("body", "b")), schema)
    assert not scored.supported(wq.Term("body", "a", boost=2.0), schema)
