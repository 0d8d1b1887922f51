"""Preloaded multi-term queries rank, score and highlight as Whoosh's own do."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from search_rows import search_rows
from whoosh import query as wq

from glossator.index.engine import Searcher, SearchResult
from glossator.index.indexer import Index
from glossator.index.spelling import SortedWords
from glossator.index.whoosh.speedups import memo, multiterm, postings, scored

QUERIES = [
    "gov*", "pro*", "elect*", "s*ing", "te?m", "goverment~", "minster~2", "title:mark*",
    "gov* AND minister", "tax* OR econom*", "blair -elect*", '"prime minister" OR chan*',
    # Short prefixes: hundreds of terms, many stored inline in the term table.
    "co*", "st*", "title:pr*", "co* AND minister", "st* -co*",
]  # fmt: skip


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("glossator.index.whoosh.searcher.preload", lambda node: node)


def _run_all(searcher: Searcher) -> list[Any]:
    return search_rows(searcher, QUERIES)


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


def test_mapped_walk_gives_whoosh_terms_and_infos(corpus_index: Index) -> None:
    """The walk read straight from the mapped term table gives the terms
    Whoosh's `items_from` gives, in order, each with the same term info."""
    from whoosh.codec.whoosh3 import W3TermInfo

    engine = corpus_index.open()
    with engine.ix.searcher() as s:  # type: ignore[attr-defined]
        mapped = 0
        for sub, _offset in s.leaf_searchers():
            terms = sub.reader()._terms
            for field, prefix in [("body", b"co"), ("body", b"e"), ("title", b"pr"), ("body", b"")]:
                start = terms._keycoder(field, prefix)
                skip = len(terms._keycoder(field, b""))
                want = []
                for key, value in terms._tindex.items_from(start):
                    if not key.startswith(start):
                        break
                    want.append((key[skip:], W3TermInfo.from_bytes(value)))
                got = postings.prefix_terms(sub, field, prefix)
                mapped += any(isinstance(i, postings.PackedTermInfo) for _w, i in got)
                assert [w for w, _i in got] == [w for w, _i in want], (field, prefix)
                for (word, info), (_word, real) in zip(got, want, strict=True):
                    assert info.doc_frequency() == real.doc_frequency(), word
                    assert info.is_inlined() == real.is_inlined(), word
                    if real.is_inlined():
                        assert info.inlined_postings() == real.inlined_postings(), word
                    else:
                        assert info.extent() == real.extent(), word
                    assert (info.weight(), info.max_weight(), info.min_id(), info.max_id()) == (
                        real.weight(),
                        real.max_weight(),
                        real.min_id(),
                        real.max_id(),
                    ), word
        assert mapped, "the segments' term tables should be read mapped"


def test_memoised_scores_match_fresh_ones(corpus_index: Index) -> None:
    """A second run on the same searcher reads each multi-term query's
    scores from the searcher's memo: the same results as the first run,
    including a prefix scored only among an AND's candidates (`within`)
    after its full scores were kept, and a boosted prefix."""
    searcher = corpus_index.searcher()
    queries = [*QUERIES, "co* AND minister", "title:pr*^2 OR co*", "st* AND co*"]
    first = [searcher.search(q, limit=50) for q in queries]
    again = [searcher.search(q, limit=50) for q in queries]
    engine = corpus_index.open()
    with engine.ix.searcher() as s:  # type: ignore[attr-defined]
        assert len(memo.memo_for(s)) == 0  # a new searcher starts empty
    for q, a, b in zip(queries, first, again, strict=True):
        assert isinstance(a, SearchResult) and isinstance(b, SearchResult), q
        assert a.total == b.total, q
        assert [(h.article_id, h.score, h.snippets) for h in a.hits] == [
            (h.article_id, h.score, h.snippets) for h in b.hits
        ], q
        assert a.facets == b.facets, q


def test_memo_is_bounded(corpus_index: Index, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "MEMO_POSTINGS", 50)
    kept = memo.SearcherMemo()
    kept.keep("a", 1, 30)
    kept.keep("b", 2, 30)  # pushes "a" out
    kept.keep("c", 3, 51)  # too big to keep at all
    assert (kept.scores("a"), kept.scores("b"), kept.scores("c")) == (None, 2, None)


def test_posting_blocks_decode_as_whoosh_does(corpus_index: Index) -> None:
    """`term_blocks` parses the postings file as `W3LeafMatcher` reads it:
    the same ids, weights and values for every out-of-line term, including
    lists of several blocks, and the same ids and weights without values."""
    engine = corpus_index.open()
    several = 0
    with engine.ix.searcher() as s:  # type: ignore[attr-defined]
        for sub, _offset in s.leaf_searchers():
            reader = sub.reader()
            fmt = s.schema["body"].format
            for btext, info in postings.prefix_terms(sub, "body", b""):
                if info.is_inlined():
                    continue
                got = list(postings.term_blocks(reader, "body", btext, info))
                m = reader._terms._codec.postings_reader(reader._terms._postfile, info, fmt)
                want = []
                while m.is_active():
                    m._read_ids()
                    m._read_weights()
                    m._read_values()
                    want.append((list(m._ids), list(m._weights), list(m._values)))
                    m._next_block()
                assert [(i, list(w), list(v)) for i, w, v in got] == want, btext
                # Without values, only the head of each block is inflated.
                bare = list(postings.term_blocks(reader, "body", btext, info, with_values=False))
                assert [(i, list(w), v) for i, w, v in bare] == [(i, w, None) for i, w, _ in want]
                several += len(want) > 1
                assert fmt.supports("characters")
    assert several, "the corpus should have terms of several posting blocks"


def _segment_readers(s: Any) -> list[Any]:
    return [sub.reader() for sub, _offset in s.leaf_searchers()]


def test_a_reused_query_keeps_no_old_readers(corpus_index: Index) -> None:
    """A parsed query run on one searcher, then on a reopened one, leaves
    nothing of the first searcher alive: its expansions and scores live in
    that searcher's memo, not on the query."""
    import gc
    import weakref

    from whoosh import query as wq

    engine = corpus_index.open()
    query = wq.Or([wq.Prefix("body", "co"), wq.Prefix("title", "st")]).accept(multiterm.preload)
    first = engine.ix.searcher()  # type: ignore[attr-defined]
    old = [weakref.ref(r) for r in _segment_readers(first)]
    old_searcher = weakref.ref(first)
    want = [(d, round(sc, 9)) for sc, d in scored.search(first, query, 20, 20).top_n]
    assert len(memo.memo_for(first))
    first.close()
    del first
    second = engine.ix.searcher()  # type: ignore[attr-defined]
    got = [(d, round(sc, 9)) for sc, d in scored.search(second, query, 20, 20).top_n]
    gc.collect()
    assert got == want
    assert old_searcher() is None
    assert all(ref() is None for ref in old)
    second.close()


def test_the_idf_cache_is_left_alone_for_another_idf(corpus_index: Index) -> None:
    """The walk writes Whoosh's idf cache only for the stock
    `WeightingModel.idf`; a weighting with its own idf fills it itself."""
    from whoosh import query as wq
    from whoosh import scoring

    class OwnIdf(scoring.BM25F):  # type: ignore[misc]
        def idf(self, searcher: Any, fieldname: str, text: bytes) -> float:
            return 2.0

    engine = corpus_index.open()
    with engine.ix.searcher(weighting=OwnIdf()) as s:  # type: ignore[attr-defined]
        query = multiterm.PreloadedMultiTerm(wq.Prefix("body", "co"))
        sub = s.leaf_searchers()[0][0]
        query.segment_scores(sub, s)
        assert set(s._idf_cache.values()) == {2.0}


def test_typing_caps_a_prefix_to_the_same_terms(
    corpus_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As-you-type keeps a prefix's most frequent terms; the memoised walk
    picks the same terms, in the same order, as Whoosh's reader does (a cap
    of 6, so the small corpus has prefixes past it too)."""
    from glossator.index.whoosh import searcher as whoosh_searcher
    from glossator.index.whoosh.searcher import WhooshSearcher

    monkeypatch.setattr(whoosh_searcher, "TYPING_EXPANSION", 6)

    engine = corpus_index.open()
    text = corpus_index.indexed_text
    fast = WhooshSearcher(lambda: engine.ix, SortedWords(dict), text, fast=True)  # type: ignore[attr-defined]
    stock = WhooshSearcher(lambda: engine.ix, SortedWords(dict), text, fast=False)  # type: ignore[attr-defined]
    capped = 0
    for text in ("st", "th", "in", "co", "con", "pr", "pro", "sta", "re", "zzq", "title:co"):
        want = stock._cap_prefixes(stock._whoosh(), stock.parse(text + "*"))
        got = fast._cap_prefixes(fast._whoosh(), fast.parse(text + "*"))
        assert got == want, text
        capped += repr(got).count("Term(") >= 6
    assert capped, "some prefix should expand past the cap"
    fast.close()
    stock.close()


def test_array_sums_are_the_term_by_term_sums(
    corpus_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large expansion scored as arrays (`summed`) gives every document
    the same summed score to the bit, and every term the same documents, as
    scoring it term by term; the corpus's old segments have deletions."""
    from glossator.index.whoosh.speedups import summed

    engine = corpus_index.open()
    arrays = 0
    with engine.ix.searcher() as s:  # type: ignore[attr-defined]
        for text in ("co", "st", "pro", "gov", "e"):
            q = multiterm.PreloadedMultiTerm(wq.Prefix("body", text))
            for sub, _offset in s.leaf_searchers():
                expansion = q._prefix_terms(sub, s)
                monkeypatch.setattr(summed, "MIN_POSTINGS", 0)
                got = summed.expansion_scores(sub, s, "body", expansion)
                assert got is not None
                monkeypatch.setattr(summed, "MIN_POSTINGS", 10**12)
                assert summed.expansion_scores(sub, s, "body", expansion) is None
                merged, parts, _count = q._score_segment(sub, s, None, None)
                assert got[0] == merged, text
                assert [(t, sorted(d)) for t, d in got[1]] == [
                    (t, sorted(d)) for t, d in parts if d
                ], text
                arrays += len(merged) > 0
    assert arrays


def test_arrays_pay_from_a_tenth_of_the_postings_once_numpy_is_in(
    bbc_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An expansion of MIN_POSTINGS / 10 postings or more is scored as
    arrays once numpy is imported; below that, term by term. (Without
    numpy, the subprocess test below: no small expansion imports it.)"""
    import sys

    import numpy

    from glossator.index.whoosh.speedups import summed

    monkeypatch.setitem(sys.modules, "numpy", numpy)
    engine = bbc_index.open()
    sizes = {True: 0, False: 0}
    with engine.ix.searcher() as s:  # type: ignore[attr-defined]
        for field, text in (("title", "pr"), ("title", "gov"), ("body", "minis"), ("body", "ab")):
            q = multiterm.PreloadedMultiTerm(wq.Prefix(field, text))
            for sub, _offset in s.leaf_searchers():
                expansion = q._prefix_terms(sub, s)
                postings = sum(info.doc_frequency() for _w, info in expansion)
                if postings >= summed.MIN_POSTINGS:
                    continue
                arrays = summed.expansion_scores(sub, s, field, expansion) is not None
                assert arrays == (postings >= summed.MIN_POSTINGS // 10), (text, postings)
                sizes[arrays] += 1
    assert sizes[True] and sizes[False], sizes


def test_a_small_expansion_does_not_import_numpy(bbc_index: Index) -> None:
    """Below MIN_POSTINGS a search without numpy imported scores term by
    term: importing it would cost a first search 60-250 ms."""
    import subprocess
    import sys

    script = f"""
import sys
from pathlib import Path
from glossator.index.indexer import Index
searcher = Index(Path({str(bbc_index.corpus)!r}), Path({str(bbc_index.dir)!r})).searcher()
result = searcher.search("minis*")
assert result.total, result
assert "numpy" not in sys.modules
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_fuzzy_walk_with_a_kept_automaton(corpus_index: Index) -> None:
    """`fuzzy_words` finds what Whoosh's `terms_within` finds in every
    segment and field, with the automaton and its answers reused from one
    segment to the next."""
    engine = corpus_index.open()
    found = 0
    with engine.ix.searcher() as s:  # type: ignore[attr-defined]
        for text, maxdist in (("goverment", 1), ("minster", 2), ("sayd", 1), ("brwn", 1)):
            for field in ("title", "body"):
                q = wq.FuzzyTerm(field, text, maxdist=maxdist, prefixlength=1)
                for sub, _offset in s.leaf_searchers():
                    reader = sub.reader()
                    got = multiterm.fuzzy_words(q, reader)
                    assert got == [t for t in q._btexts(reader) if t], (text, field)
                    found += len(got)
        assert multiterm.fuzzy_words(q, s.reader()) in (None, list(q._btexts(s.reader())))
    assert found
