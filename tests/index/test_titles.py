"""Titles as display text: a site's navigation line passed over, a paragraph-long
first line cut; the body's offsets never move (index/titles.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossator.index import corpus
from glossator.index.corpus import find_article_files, read_article, split_title
from glossator.index.engine import SearchResult
from glossator.index.indexer import Index
from glossator.index.titles import LONGEST, is_navigation
from glossator.index.whoosh.backend import WhooshEngine

NAV_SEED = "002_45e5cc2aff789250.txt"
PARAGRAPH_SEED = "004_b3427344e654de89.txt"


def _article(root: Path, name: str) -> corpus.Article:
    found = {f.id: f for f in find_article_files(root)}
    art = read_article(found[name])
    assert isinstance(art, corpus.Article)
    return art


def test_a_navigation_line_gives_way_to_the_headline_without_moving_the_body(seeds: Path) -> None:
    art = _article(seeds, NAV_SEED)
    assert art.title == "US strike in Iraq kills 5 militants preparing attack"
    # The body still starts after the first line: only the display text changed.
    assert art.text[: art.body_start] == "-Top News Arab News USA\n"
    assert art.body.lstrip().startswith("US strike in Iraq kills 5")


def test_a_paragraph_long_first_line_is_cut_to_its_first_clause(seeds: Path) -> None:
    art = _article(seeds, PARAGRAPH_SEED)
    first_line = art.text.split("\n", 1)[0]
    assert art.title == "ANBAR: Two armed drones targeted Iraq’s Ain Al-Asad air base…"
    assert art.body_start == len(first_line) + 1


def test_a_long_first_line_keeps_its_first_sentence_past_abbreviations(seeds: Path) -> None:
    art = _article(seeds, "001_5395cbd962320f37.txt")
    assert art.title == (
        "A U.S. strike kills a militia leader blamed for Iraq attacks,"
        " according to a U.S. official."
    )


@pytest.mark.parametrize(
    "line",
    ["-Top News Arab News USA", "| World | Sport", "Home | World | Sport | Business", "Top News"],
)
def test_menu_lines_are_navigation(line: str) -> None:
    assert is_navigation(line)
    title, body_start = split_title(f"{line}\nA headline\nBody.\n")
    assert title == "A headline" and body_start == len(line) + 1


@pytest.mark.parametrize(
    "line",
    [
        "Iraq | Seven Americans injured by rocket fire on military base",
        "US strike in Iraq kills 5 militants preparing attack",
        "Breaking News: drones hit the base",
        "Kirkuk Strike Kills Five",
    ],
)
def test_headlines_are_not_navigation(line: str) -> None:
    assert split_title(f"{line}\nBody.\n")[0] == line


def test_a_navigation_line_alone_is_still_the_title() -> None:
    assert split_title("-Top News\n\n") == ("-Top News", len("-Top News") + 1)


def test_a_long_line_without_a_clause_is_cut_between_words() -> None:
    line = " ".join(["word"] * 60)
    title, body_start = split_title(line + "\nmore\n")
    assert title.endswith("word…") and len(title) <= LONGEST + 1
    assert body_start == len(line) + 1


def test_an_index_written_with_the_old_titles_reads_them_again(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The index of the previous format held the first line as the title.
    with monkeypatch.context() as old:
        old.setattr(corpus, "display_title", lambda lines: lines[0] if lines else "")
        old.setattr(WhooshEngine, "format", 8)
        Index(seeds).update()
        result = Index(seeds).searcher().search("kirkuk")
        assert isinstance(result, SearchResult)
        assert [hit.title for hit in result.hits] == ["-Top News Arab News USA"]
    Index(seeds).update()
    result = Index(seeds).searcher().search("kirkuk")
    assert isinstance(result, SearchResult)
    assert [hit.title for hit in result.hits] == [
        "US strike in Iraq kills 5 militants preparing attack"
    ]


@pytest.mark.parametrize("line", ["---", "-", "|", "— — —", "***", "-- | --"])
def test_a_line_without_words_is_not_navigation(line: str) -> None:
    assert not is_navigation(line)
    # An unclosed front-matter fence stays the title; the line after it is body.
    assert split_title(f"{line}\ndate: 2024-01-16\nBody.\n") == (line, len(line) + 1)
