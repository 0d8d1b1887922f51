"""The search API on the real BBC corpus: query forms, snippets, facets, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossator.index.engine import QueryError, Searcher, SearchResult
from glossator.index.indexer import Index
from glossator.index.query import typing_query, validate


@pytest.fixture
def bbc(bbc_index: Index) -> Searcher:
    """A searcher of the shared BBC index (tests/conftest.py)."""
    return bbc_index.searcher()


def _ids(result: SearchResult | QueryError) -> list[str]:
    assert isinstance(result, SearchResult), result
    return [h.article_id for h in result.hits]


def test_single_word_ranks_title_matches_first(bbc: Searcher) -> None:
    result = bbc.search("quango", limit=5)
    ids = _ids(result)
    assert ids[:2] == sorted(ids[:2]) or set(ids[:2]) == {
        "politics/uk-s-useless-quangos-under-fire.txt",
        "politics/tories-unveil-quango-blitz-plans.txt",
    }
    assert set(ids[:2]) == {
        "politics/uk-s-useless-quangos-under-fire.txt",
        "politics/tories-unveil-quango-blitz-plans.txt",
    }


def test_phrase_matches_only_adjacent_words(bbc: Searcher, bbc_copy: Path) -> None:
    result = bbc.search('"metal slug"', limit=50)
    ids = _ids(result)
    assert ids == ["tech/2d-metal-slug-offers-retro-fun.txt"]
    loose = bbc.search('"gordon brown"', limit=200)
    assert isinstance(loose, SearchResult)
    for hit in loose.hits:
        text = (bbc_copy / hit.article_id).read_text().lower()
        assert "gordon brown" in " ".join(text.split())


def test_phrase_with_slop(bbc: Searcher) -> None:
    exact = bbc.search('"interest rates"', limit=1000)
    sloppy = bbc.search('"interest rates"~3', limit=1000)
    assert isinstance(exact, SearchResult) and isinstance(sloppy, SearchResult)
    assert sloppy.total >= exact.total > 0


def test_boolean_and_not(bbc: Searcher) -> None:
    both = bbc.search("ebbers AND worldcom", limit=100)
    assert "business/worldcom-director-ends-evidence.txt" in _ids(both)
    without = bbc.search("worldcom NOT ebbers", limit=100)
    minus = bbc.search("worldcom -ebbers", limit=100)
    assert _ids(without) == _ids(minus)
    assert not set(_ids(without)) & set(_ids(both))


def test_wildcard_and_stemming(bbc: Searcher) -> None:
    prefix = bbc.search("quang*", limit=50)
    assert "politics/uk-s-useless-quangos-under-fire.txt" in _ids(prefix)
    stemmed = bbc.search("quangos", limit=50)
    assert set(_ids(stemmed)) == set(_ids(bbc.search("quango", limit=50)))


def test_fuzzy_term(bbc: Searcher) -> None:
    result = bbc.search("quangoe~", limit=50)
    assert "politics/uk-s-useless-quangos-under-fire.txt" in _ids(result)


def test_title_field(bbc: Searcher) -> None:
    result = bbc.search('title:"metal slug"')
    assert _ids(result) == ["tech/2d-metal-slug-offers-retro-fun.txt"]
    body_only = bbc.search("title:halo")
    assert "tech/2d-metal-slug-offers-retro-fun.txt" not in _ids(body_only)


def test_snippets_highlight_the_matched_words(bbc: Searcher) -> None:
    result = bbc.search("quango", limit=3)
    assert isinstance(result, SearchResult)
    for hit in result.hits:
        snip = hit.snippet
        assert snip is not None and snip.highlights
        for start, end in snip.highlights:
            assert snip.text[start:end].lower().startswith("quango")
        assert "\n" not in snip.text


def test_misspelling_gets_a_suggestion(bbc: Searcher) -> None:
    result = bbc.search("eletcion")
    assert isinstance(result, SearchResult)
    assert result.total == 0 and result.suggestion == "election"


@pytest.mark.parametrize(
    "query, fragment",
    [
        ('"unclosed phrase', "quote"),
        ("(blair", "'('"),
        ("blair)", "')'"),
        ("colour:red", "unknown field"),
        ("title: blair", "needs a value"),
        ("blair AND", "at the end"),
        ("OR blair", "at the start"),
        ("", "type something"),
    ],
)
def test_malformed_queries_are_error_values(bbc: Searcher, query: str, fragment: str) -> None:
    result = bbc.search(query)
    assert isinstance(result, QueryError)
    assert fragment in result.message and "\n" not in result.message


def test_validate_accepts_ordinary_queries() -> None:
    for q in ['"a b"~5', "tag:airstrike", 'org:"Kataib Hezbollah"', "x -y", "wild*", "10:30"]:
        assert validate(q) is None, q


def test_typing_expands_only_long_enough_last_words() -> None:
    assert typing_query("kirk") == "(kirk OR kirk*)"
    assert typing_query("drone ki") == "drone ki"
    assert typing_query("drone ") == "drone "
    assert typing_query('"open phrase') == '"open phrase'
    assert typing_query("a AND") == "a AND"


def test_hit_offsets_point_at_the_matched_words(bbc: Searcher, bbc_copy: Path) -> None:
    article_id = "politics/uk-s-useless-quangos-under-fire.txt"
    offsets = bbc.hit_offsets(article_id, "quango")
    text = (bbc_copy / article_id).read_text()
    assert offsets
    for start, end in offsets:
        assert text[start:end].lower().startswith("quango")


def test_facets_count_tags_and_entities(bbc: Searcher) -> None:
    result = bbc.search("iraq", limit=5)
    assert isinstance(result, SearchResult)
    assert "gpe" in result.facets
    names = [v.lower() for v, _ in result.facets["gpe"]]
    assert "iraq" in names


@pytest.mark.parametrize("query", ["quang*", "gov*", "elect*"])
def test_total_is_exact_whatever_the_page_size(bbc: Searcher, query: str) -> None:
    """Whoosh miscounts a page of matched-term results collected without its
    skipping optimisation; the total must not depend on how many hits show."""
    small = bbc.search(query, limit=5, facets=False)
    large = bbc.search(query, limit=2000, facets=False)
    assert isinstance(small, SearchResult) and isinstance(large, SearchResult)
    assert small.total == large.total == len(large.hits)


def test_a_cancelled_search_stops_and_says_so(bbc: Searcher) -> None:
    stopped = bbc.search("said", cancelled=lambda: True)
    assert isinstance(stopped, QueryError)
    assert "cancelled" in stopped.message


def test_cancellation_is_checked_while_collecting(bbc: Searcher) -> None:
    """A search that is told to stop half way through collecting stops there."""
    calls = 0

    def after_a_while() -> bool:
        nonlocal calls
        calls += 1
        return calls > 3

    stopped = bbc.search("said OR people OR year", cancelled=after_a_while)
    assert isinstance(stopped, QueryError)
    assert calls == 4


def test_an_uncancelled_search_is_unchanged(bbc: Searcher) -> None:
    plain = bbc.search("gov*")
    polled = bbc.search("gov*", cancelled=lambda: False)
    assert isinstance(plain, SearchResult) and isinstance(polled, SearchResult)
    assert _ids(plain) == _ids(polled) and plain.total == polled.total
    assert plain.facets == polled.facets


def test_a_word_cut_short_is_completed_not_swapped(seeds: Path) -> None:
    """`kirk` is two letters from both `air` (frequent) and `kirkuk`; the
    analyst was typing the second."""
    ix = Index(seeds)
    ix.update()
    result = ix.searcher().search("kirk stri", as_you_type=True)
    assert isinstance(result, SearchResult)
    assert result.total == 0
    assert result.suggestion == "kirkuk strike"


@pytest.mark.parametrize("query", ["gov*", "said", '"prime minister"', "economy NOT china"])
def test_article_ids_are_every_hit_in_rank_order(bbc: Searcher, query: str) -> None:
    full = bbc.search(query, limit=5000, snippets=0, facets=False)
    ids = bbc.article_ids(query)
    assert isinstance(full, SearchResult) and isinstance(ids, list)
    assert ids == [h.article_id for h in full.hits]
    assert len(ids) == full.total > 0


def test_article_ids_report_a_bad_query(bbc: Searcher) -> None:
    assert isinstance(bbc.article_ids('"open'), QueryError)


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_while_searching(
    seeds: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, enabled: bool
) -> None:
    """Full collections would land inside searches; the collector is held
    off while one runs and left as it was found after."""
    import gc

    from glossator.index.whoosh import searcher as whoosh_searcher

    ix = Index(seeds, tmp_path / "ix")
    ix.update()
    seen: list[bool] = []
    real = whoosh_searcher.run

    def recording(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(whoosh_searcher, "run", recording)
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert isinstance(ix.searcher().search("minister"), SearchResult)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False]
