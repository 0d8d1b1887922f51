"""Search as you type completes the typed word among the corpus's words,
not every word whose stem begins with the typed word's stem."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest

from glossator.index import spelling
from glossator.index.engine import Searcher, SearchResult
from glossator.index.indexer import Index
from glossator.index.spelling import SortedWords
from glossator.index.whoosh.typing_words import TypingWords

ARTICLES = {
    "vote.txt": "Election day\nThe election was called for May; elections follow.",
    "poll.txt": "Poll gains\nThe party hopes the election brings gains.",
    # `electrical` stems to `electr`, which begins with `elect`.
    "brain.txt": "Brain waves\nElectrical signals, electrical caps and electrical power.",
    "race.txt": "Marathon\nShe was running the race and won it.",
}


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Searcher:
    corpus = tmp_path_factory.mktemp("typing")
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    ix = Index(corpus)
    ix.update()
    return ix.searcher()


def typed(searcher: Searcher, query: str) -> set[str]:
    result = searcher.search(query, limit=20, as_you_type=True)
    assert isinstance(result, SearchResult), result
    return {hit.article_id for hit in result.hits}


def test_a_typed_word_finds_the_words_it_begins_not_its_stems_relatives(
    searcher: Searcher,
) -> None:
    assert typed(searcher, "election") == {"vote.txt", "poll.txt"}
    assert typed(searcher, "electi") == {"vote.txt", "poll.txt"}
    # A shorter prefix still begins `electrical`.
    assert typed(searcher, "elect") == {"vote.txt", "poll.txt", "brain.txt"}


def test_a_typed_word_finds_the_stem_of_a_word_it_begins(searcher: Searcher) -> None:
    # `runn` begins `running`, whose stem is `run`: Whoosh's `runn*` missed it.
    assert typed(searcher, "runn") == {"race.txt"}
    assert typed(searcher, "marathon runn") == {"race.txt"}


def test_a_word_no_corpus_word_begins_falls_back_to_the_prefix(searcher: Searcher) -> None:
    # Title words are not in the spelling words; the prefix still finds them.
    assert typed(searcher, "waves") == {"brain.txt"}
    assert typed(searcher, "zzq") == set()


def test_completions_are_the_most_frequent_stems_first() -> None:
    words = {"election": 9, "elections": 4, "electioneering": 1, "elect": 3, "electric": 7}
    typing = TypingWords(SortedWords(lambda: words))
    # election + elections (stem elect) 13; electioneering (stem election) 1.
    assert typing.stems("Election", 5) == ["elect", "election"]
    assert typing.stems("elect", 1) == ["elect"]
    assert typing.stems("o'neil", 5) is None
    assert typing.stems("zzz", 5) is None
    words["electioneers"] = 20  # the spelling words grew
    assert typing.stems("election", 5) == ["election", "elect"]


def test_searchers_of_one_index_share_the_sorted_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A searcher is replaced after every re-index (a tag, an edit): the
    # corpus words are sorted once for all of them, not once per searcher.
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ix = Index(tmp_path)
    ix.update()
    sorts: list[int] = []

    def counting(words: dict[str, int]) -> list[str]:
        sorts.append(len(words))
        return builtins.sorted(words)

    monkeypatch.setattr(spelling, "sorted", counting, raising=False)
    for _ in range(3):
        searcher = ix.searcher()
        assert typed(searcher, "runn") == {"race.txt"}
        assert searcher.search("electon", limit=5).suggestion == "election"
    assert len(sorts) == 1


def test_completions_follow_words_that_change_but_not_in_number() -> None:
    # Every change of the spelling words makes a new dict: one with as many
    # words as before is still a change.
    current = {"running": 2, "rivers": 1}
    typing = TypingWords(SortedWords(lambda: current))
    assert typing.stems("runn", 5) == ["run"]
    current = {"runway": 2, "rivers": 1}
    assert typing.stems("runw", 5) == ["runway"]
    assert typing.stems("runn", 5) is None
