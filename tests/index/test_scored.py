"""Queries ranked from posting blocks give what Whoosh's collector gives."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from search_rows import compare_rows
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
    # Exclusion and requirement, alone and mixed.
    "blair -brown", "blair AND NOT brown", "blair NOT brown", "-brown blair",
    "blair -brown -iraq", "+blair +brown -iraq court", "+blair brown", "blair +brown",
    "blair -brown OR court", "(blair OR brown) AND NOT (iraq OR court)", "gov* -minister",
    'blair -"gordon brown"', '"prime minister" -brown', "NOT brown AND NOT blair",
    "title:record -body:brown", "tag:airstrike -brown",
]  # fmt: skip
#: Exclusion queries and the sets they must equal, computed from their parts
#: ("a" - "b" is what "a -b" means).
EXCLUSIONS = [
    ("blair -brown", ["blair"], ["brown"]),
    ("blair AND NOT brown", ["blair"], ["brown"]),
    ("-brown blair", ["blair"], ["brown"]),
    ("blair -brown -iraq", ["blair"], ["brown", "iraq"]),
    ("+blair +brown -iraq", ["blair AND brown"], ["iraq"]),
    ("+blair +brown -iraq court", ["blair AND brown"], ["iraq"]),
    ("(blair OR court) -brown", ["blair OR court"], ["brown"]),
    ('blair -"gordon brown"', ["blair"], ['"gordon brown"']),
    ("gov* -minister", ["gov*"], ["minister"]),
]


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


@pytest.fixture
def corpus_index(parity_index: Index) -> Index:
    """The shared index of each corpus, with deleted documents in its old
    segments (tests/conftest.py)."""
    return parity_index


def test_scored_queries_match_whoosh(corpus_index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _run_all(corpus_index.searcher())
    fast_typing = _run_all(corpus_index.searcher(), as_you_type=True)
    monkeypatch.setattr(scored, "supported", lambda q, schema: False)
    stock = _run_all(corpus_index.searcher())
    stock_typing = _run_all(corpus_index.searcher(), as_you_type=True)
    compare_rows(fast, stock)
    compare_rows(fast_typing, stock_typing)
    # Only the tags (no article is tagged) and the nonsense word find nothing.
    assert sum(1 for _, total, *_ in fast if total) == len(QUERIES) - 3


def _ids(searcher: Searcher, query: str) -> set[str]:
    found = searcher.article_ids(query)
    assert isinstance(found, list), query
    assert len(found) == len(set(found)), query
    return set(found)


@pytest.mark.parametrize("fast", [True, False], ids=["scored", "collector"])
def test_exclusion_means_not(
    corpus_index: Index, monkeypatch: pytest.MonkeyPatch, fast: bool
) -> None:
    """`a -b` finds exactly the articles of `a` that `b` does not, whichever
    path ranks it, and its total agrees with its list."""
    if not fast:
        monkeypatch.setattr(scored, "supported", lambda q, schema: False)
    s = corpus_index.searcher()
    for query, kept, dropped in EXCLUSIONS:
        want = set().union(*(_ids(s, q) for q in kept)) - set().union(
            *(_ids(s, q) for q in dropped)
        )
        assert want, query
        assert _ids(s, query) == want, query
        r = s.search(query, limit=5, snippets=0, facets=False)
        assert isinstance(r, SearchResult)
        assert r.total == len(want), query


def test_exclusion_of_an_earlier_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Whoosh's AndNotMatcher returned the first document of `a` when `b`
    started earlier and matched it too (BBC: `blair -brown` 121 hits, `blair
    AND NOT brown` 119)."""
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Brown\n\nGordon Brown spoke.\n")
    (corpus / "b.txt").write_text("Both\n\nBlair met Brown.\n")
    (corpus / "c.txt").write_text("Blair\n\nTony Blair spoke.\n")
    ix = Index(corpus, tmp_path / "ix")
    ix.update(workers=1)
    for query in ("blair -brown", "blair AND NOT brown", "-brown blair"):
        assert ix.searcher().article_ids(query) == ["c.txt"], query
    monkeypatch.setattr(scored, "supported", lambda q, schema: False)
    for query in ("blair -brown", "blair AND NOT brown", "-brown blair"):
        assert ix.searcher().article_ids(query) == ["c.txt"], query
        r = ix.searcher().search(query, snippets=0, facets=False)
        assert isinstance(r, SearchResult)
        assert r.total == 1 and [h.article_id for h in r.hits] == ["c.txt"]


def test_not_adds_nothing_to_the_score(corpus_index: Index) -> None:
    """`a AND NOT b` ranks as `a` does: NOT once added 1.0 to every hit,
    which lifted `(a AND NOT b) OR c` over `c`."""
    s = corpus_index.searcher()
    plain = s.search("blair", limit=50, snippets=0, facets=False)
    excluded = s.search("blair AND NOT brown", limit=50, snippets=0, facets=False)
    assert isinstance(plain, SearchResult) and isinstance(excluded, SearchResult)
    scores = {h.article_id: h.score for h in plain.hits}
    for h in excluded.hits:
        if h.article_id in scores:
            assert h.score == pytest.approx(scores[h.article_id], rel=1e-9)


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
    compare_rows(fast, stock)
    tagged = [row for row in fast if row[0] == "tag:airstrike"][0]
    assert tagged[1] >= 1


def test_which_queries_are_scored_here() -> None:
    from glossator.index.whoosh.schema import build_schema

    schema = build_schema()
    assert scored.supported(wq.Or([wq.Term("title", "a"), wq.Term("body", "a")]), schema)
    assert scored.supported(wq.And([wq.Term("body", "a"), wq.Term("body", "b")]), schema)
    assert scored.supported(wq.Phrase("body", ["a", "b"]), schema)
    assert scored.supported(wq.Or([wq.Phrase("title", ["a", "b"]), wq.Term("body", "c")]), schema)
    # Sloppy and boosted phrases, and fields without positions, are Whoosh's.
    assert not scored.supported(wq.Phrase("body", ["a", "b"], slop=3), schema)
    assert not scored.supported(wq.Phrase("body", ["a", "b"], boost=2.0), schema)
    assert not scored.supported(wq.Phrase("tags", ["a", "b"]), schema)
    assert scored.supported(wq.AndNot(wq.Term("body", "a"), wq.Term("body", "b")), schema)
    assert scored.supported(wq.AndMaybe(wq.Term("body", "a"), wq.Term("body", "b")), schema)
    assert scored.supported(wq.AndNot(wq.Term("body", "a"), wq.Phrase("body", ["a", "b"])), schema)
    assert not scored.supported(wq.Not(wq.Term("body", "a")), schema)
    assert not scored.supported(wq.Term("body", "a", boost=2.0), schema)


# From LARGE_SEGMENT on, the top is picked with numpy.
@pytest.mark.parametrize("size", [0, 1, 19, 20, 21, 79, 80, 81, 500, 20_000, 50_000])
def test_best_is_the_heap_of_every_pair(size: int) -> None:
    """The top of a segment's scores, ties to the lower document number, as
    `heapq.nsmallest` of every (-score, document) pair gives it."""
    import heapq
    import random

    rng = random.Random(size)
    # Few distinct scores, so ties straddle the cut.
    scores = {rng.randrange(10 * size + 1): float(rng.randrange(6)) for _ in range(size)}
    for depth in (1, 5, 20, 1000):
        want = heapq.nsmallest(depth, ((-s, d + 7) for d, s in scores.items()))
        assert scored.best(scores, 7, depth) == want
