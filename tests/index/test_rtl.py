"""Right-to-left articles: Arabic and Hebrew are tokenised, found and read safely.

The fixtures (tests/fixtures/rtl) are short news paragraphs written for
these tests. The analyser splits on Unicode word characters, so Arabic and
Hebrew words are terms like any other; the English stemmer leaves them as
they are.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from glossator.index.engine import QueryError, SearchResult
from glossator.index.indexer import Index
from glossator.index.sanitize import has_unsafe, neutralise

RTL = Path(__file__).resolve().parent.parent / "fixtures" / "rtl"
ARABIC = "arabic_airstrike.txt"
HEBREW = "hebrew_explosion.txt"
#: An Arabic line with the controls real web text carries (RLM, ALM) and the
#: ones a "Trojan Source" trick uses (RLO, PDF, RLI, PDI).
MARKED = "\u200fبيان\u061c \u202eصحفي\u202c \u2067مرفق\u2069 zebra\n"


@pytest.fixture(scope="module")
def rtl_index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    corpus = tmp_path_factory.mktemp("rtl") / "rtl"
    corpus.mkdir()
    for article in RTL.glob("*.txt"):
        shutil.copyfile(article, corpus / article.name)
    (corpus / "marked.txt").write_text("بيان مع علامات\n" + MARKED, "utf-8")
    ix = Index(corpus)
    ix.update()
    return ix


def _ids(result: SearchResult | QueryError) -> list[str]:
    assert isinstance(result, SearchResult), result
    return [h.article_id for h in result.hits]


@pytest.mark.parametrize(
    ("query", "article"),
    [
        ("بغداد", ARABIC),  # Baghdad
        ("الأنبار", ARABIC),  # al-Anbar, with the article
        ('"محافظة الأنبار"', ARABIC),  # a phrase
        ("بغد*", ARABIC),  # a prefix
        ("غارة AND الرمادي", ARABIC),
        ("title:شاحنة", ARABIC),  # "truck", in the title
        ("הרצל", HEBREW),  # Herzl (street)
        ('"תל אביב"', HEBREW),  # Tel Aviv, a phrase
        ("חבלנים", HEBREW),  # sappers
        ("Ynet", HEBREW),  # a Latin name inside Hebrew text
    ],
)
def test_a_query_in_the_article_s_script_finds_it(
    rtl_index: Index, query: str, article: str
) -> None:
    assert _ids(rtl_index.searcher().search(query, limit=5)) == [article]


def test_snippets_and_highlights_point_at_the_arabic_word(rtl_index: Index) -> None:
    result = rtl_index.searcher().search("بغداد", limit=1)
    assert isinstance(result, SearchResult)
    hit = result.hits[0]
    assert hit.snippet is not None
    start, end = hit.snippet.highlights[0]
    assert hit.snippet.text[start:end] == "بغداد"
    text = rtl_index.article(ARABIC).text
    assert text[hit.snippet.start + start : hit.snippet.start + end] == "بغداد"


def test_a_word_between_bidi_controls_is_still_found(rtl_index: Index) -> None:
    assert _ids(rtl_index.searcher().search("صحفي", limit=5)) == ["marked.txt"]
    assert _ids(rtl_index.searcher().search("مرفق", limit=5)) == ["marked.txt"]


def test_bidi_controls_are_replaced_not_obeyed(rtl_index: Index) -> None:
    text = rtl_index.article("marked.txt").text
    line = text.splitlines()[1]
    assert line == neutralise(MARKED.rstrip("\n"))
    assert len(line) == len(MARKED) - 1 and not has_unsafe(line)
    for control in "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        assert control not in text
    assert line.count("\ufffd") == 6


def test_entities_in_rtl_articles_do_not_crash_and_keep_offsets(rtl_index: Index) -> None:
    for article_id in (ARABIC, HEBREW, "marked.txt"):
        article = rtl_index.article(article_id)
        for ent in rtl_index.entities(article):
            assert article.text[ent.start : ent.end] == ent.text
    arabic = rtl_index.article(ARABIC)
    assert "Reuters" in {e.text for e in rtl_index.entities(arabic)}
