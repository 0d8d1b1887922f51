"""Canonical names in the index: `person:` search finds every variant, facets count one name."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossator.index.engine import Searcher, SearchResult
from glossator.index.indexer import Index

ARTICLES = {
    # The full name, then only the title form and the bare surname.
    "a.txt": "Budget talks in Leeds\nTony Blair visited Leeds on Monday. Mr Blair said "
    "the talks went well, and Blair left at noon.",
    # The headline's surname comes before the full name.
    "b.txt": "Blair defends record\nTony Blair said on Tuesday that schools had improved.",
    # No full name: the surname stays as written.
    "c.txt": "Budget row grows\nMr Blair and Mr Howard argued on Wednesday about the budget.",
    # A watchlist alias alone.
    "d.txt": "Militia denies attack\nKH denied the attack on Thursday, a budget official said.",
    "e.txt": "Militia named\nKataib Hezbollah was named on Friday in the budget papers.",
}
WATCHLIST = "- name: Kataib Hezbollah\n  label: ORG\n  aliases: [KH]\n"


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    corpus = tmp_path_factory.mktemp("aliases")
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    (corpus / ".glossator").mkdir()
    (corpus / ".glossator" / "watchlist.yaml").write_text(WATCHLIST, encoding="utf-8")
    ix = Index(corpus)
    ix.update()
    return ix.searcher()


def ids(searcher: Searcher, query: str) -> set[str]:
    result = searcher.search(query, limit=50)
    assert isinstance(result, SearchResult), result
    return {hit.article_id for hit in result.hits}


def test_person_search_finds_the_canonical_name_and_every_written_form(
    searcher: Searcher,
) -> None:
    assert ids(searcher, 'person:"tony blair"') == {"a.txt", "b.txt"}
    assert ids(searcher, 'person:"mr blair"') == {"a.txt", "c.txt"}
    assert ids(searcher, "person:blair") == {"a.txt", "b.txt", "c.txt"}
    assert ids(searcher, 'org:"kataib hezbollah"') == {"d.txt", "e.txt"}
    assert ids(searcher, "org:kh") == {"d.txt"}


def test_facets_count_each_canonical_name_once_per_article(searcher: Searcher) -> None:
    result = searcher.search("budget", limit=50)
    assert isinstance(result, SearchResult)
    people = dict(result.facets["person"])
    # a.txt and b.txt count toward "Tony Blair" alone; c.txt has no full name.
    assert people["Tony Blair"] == 1 and people["Blair"] == 1
    assert people == {"Tony Blair": 1, "Blair": 1, "Howard": 1}
    everything = searcher.search("person:blair OR org:kh OR org:kataib", limit=50)
    assert isinstance(everything, SearchResult)
    assert dict(everything.facets["person"])["Tony Blair"] == 2
    assert dict(everything.facets["org"]) == {"Kataib Hezbollah": 2}


def test_facets_count_spellings_a_search_does_not_tell_apart_as_one_name(
    tmp_path: Path,
) -> None:
    # The same words with another apostrophe, case or hyphen: one name to
    # `person:` search, so one facet value, counted once per article.
    texts = {
        "a.txt": "Talks in Baghdad\nPrime Minister Mohammed Shia’ al-Sudani spoke on Monday.",
        "b.txt": "Talks go on\nPrime Minister Mohammed Shia al-Sudani spoke on Tuesday.",
        "c.txt": "More talks\nPrime Minister Mohammed Shia al-Sudani spoke on Wednesday. "
        "Later Mohammed Shia’ al-Sudani left.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ix = Index(tmp_path)
    ix.update()
    searcher = ix.searcher()
    assert ids(searcher, 'person:"mohammed shia al-sudani"') == set(texts)
    result = searcher.search("talks", limit=50)
    assert isinstance(result, SearchResult)
    assert dict(result.facets["person"]) == {"Mohammed Shia al-Sudani": 3}
