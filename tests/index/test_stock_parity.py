"""The tuned pipeline finds what stock Whoosh finds.

glossator indexes the body in one pass with PyStemmer's Snowball stemmer
instead of Whoosh's StemmingAnalyzer (Porter) chain. This checks, on the
shipped newswire corpus and a slice of the BBC corpus when present, that
ordinary words, phrases and stemmed forms match the same articles and rank
the same leaders.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from whoosh import index as windex
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.qparser import MultifieldParser

from glossator.index.corpus import Skipped, find_article_files, read_article
from glossator.index.indexer import Index

QUERIES = [
    "government",
    "music",
    "mobile",
    "election",
    "football",
    "bank",
    "film",
    "brown AND blair",
    "oil OR gas",
    "economy NOT china",
    '"prime minister"',
    '"interest rates"',
    '"chief executive"',
    '"world cup"',
    "elections",
    "governing",
    "markets",
    "games",
    "banking",
]


@pytest.fixture(scope="module")
def pair(parity_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("parity") / "corpus"
    root.mkdir()
    for cat in sorted(p for p in parity_corpus.iterdir() if p.is_dir()):
        (root / cat.name).mkdir()
        for f in sorted(cat.glob("*.txt"))[:80]:
            shutil.copy(f, root / cat.name / f.name)
    stock_dir = tmp_path_factory.mktemp("stock")
    stock = StemmingAnalyzer()
    schema = Schema(
        id=ID(stored=True, unique=True), title=TEXT(analyzer=stock), body=TEXT(analyzer=stock)
    )
    ix = windex.create_in(str(stock_dir), schema)
    with ix.writer() as w:
        for f in find_article_files(root):
            art = read_article(f)
            assert not isinstance(art, Skipped)
            w.add_document(id=art.id, title=art.title, body=art.body)
    Index(root).update(workers=1)
    return root, stock_dir


def _stock(stock_dir: Path, q: str, limit: int) -> list[str]:
    ix = windex.open_dir(str(stock_dir))
    with ix.searcher() as s:
        parsed = MultifieldParser(["title", "body"], ix.schema).parse(q)
        return [h["id"] for h in s.search(parsed, limit=limit)]


@pytest.mark.parametrize("query", QUERIES)
def test_same_matches_and_same_leaders(pair: tuple[Path, Path], query: str) -> None:
    root, stock_dir = pair
    ours = Index(root).searcher().search(query, limit=10_000, snippets=0, facets=False)
    assert ours, query
    stock_all = _stock(stock_dir, query, 10_000)
    ours_all = [h.article_id for h in ours.hits]
    assert set(ours_all) == set(stock_all)
    # Leaders: the same articles in the top five, in any order (scores
    # differ a little: glossator boosts titles).
    top = min(5, len(stock_all))
    overlap = len(set(ours_all[:top]) & set(stock_all[:top]))
    assert overlap >= top - 1, (ours_all[:top], stock_all[:top])


def test_snowball_stems_where_whoosh_porter_does_not(pair: tuple[Path, Path]) -> None:
    """Whoosh's Porter port stems "running" to "runn", missing "run" and
    "runs"; the Snowball stemmer joins them, so glossator finds more."""
    root, stock_dir = pair
    ours = Index(root).searcher().search("running", limit=10_000, snippets=0, facets=False)
    assert ours
    assert set(_stock(stock_dir, "running", 10_000)) < {h.article_id for h in ours.hits}
