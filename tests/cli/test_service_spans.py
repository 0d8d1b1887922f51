"""Which passage a span covers (`glossator.service.spans`), as both front ends ask it."""

from __future__ import annotations

import pytest

from glossator.service.spans import find_passage, passage, trimmed

TEXT = "Iraq militiaman 'killed'\nThe Iranian envoy met Iran's\nminister. Iran said no.\n"


def test_a_selection_loses_its_blank_edges() -> None:
    start = TEXT.index("The")
    assert trimmed(TEXT, (start - 1, start + 4)) == (start, start + 3)
    assert passage(TEXT, start - 1, start + 4) == (start, start + 3)
    newline = TEXT.index("\n")
    assert trimmed(TEXT, (newline, newline + 1)) == (newline + 1, newline + 1)
    with pytest.raises(ValueError, match="only blank space"):
        passage(TEXT, newline, newline + 1)


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 3), (5, 2), (0, len(TEXT) + 1)])
def test_offsets_off_the_text_are_refused(start: int, end: int) -> None:
    with pytest.raises(ValueError, match=f"{len(TEXT)}-character article"):
        passage(TEXT, start, end)


def test_words_match_whole_words_and_across_a_line_break() -> None:
    # "Iran" inside "Iranian" does not count; "Iran's" and "Iran said" do.
    first, second = TEXT.index("Iran's"), TEXT.index("Iran said")
    with pytest.raises(ValueError, match="occur 2 times"):
        find_passage(TEXT, "Iran")
    assert find_passage(TEXT, "Iran", 2) == (second, second + 4)
    assert find_passage(TEXT, "Iran", 1) == (first, first + 4)
    wrapped = TEXT.index("Iran's\nminister")
    assert find_passage(TEXT, "Iran's  minister.") == (wrapped, wrapped + len("Iran's\nminister."))
    quoted = TEXT.index("'killed'")
    assert find_passage(TEXT, "'killed'") == (quoted, quoted + 8)
    with pytest.raises(ValueError, match="not in the article"):
        find_passage(TEXT, "iraq")  # case counts
    with pytest.raises(ValueError, match="no occurrence 3"):
        find_passage(TEXT, "Iran", 3)


def test_offsets_count_characters_of_any_script() -> None:
    text = "عنوان\nقال مسؤول عراقي إن الغارة قتلت اثنين\n"
    start, end = find_passage(text, "مسؤول عراقي")
    assert text[start:end] == "مسؤول عراقي"
