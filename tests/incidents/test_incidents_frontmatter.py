"""Front matter: metadata read from the top of an article, never an exception."""

from __future__ import annotations

import datetime as dt

import pytest

from glossator.index.frontmatter import MAX_BYTES
from glossator.index.incidents import parse_front_matter

ARTICLE = """---
date: 2024-01-16
source: Reuters
url: https://example.org/houthis
author: Jane Doe
title: Houthis hit a bulk carrier
desk: Middle East
---
Houthis hit a bulk carrier
The body starts here.
"""


def test_reads_every_field_and_the_body_offset() -> None:
    meta = parse_front_matter(ARTICLE)
    assert meta.error is None
    assert meta.date == dt.date(2024, 1, 16)
    assert (meta.source, meta.url, meta.author) == (
        "Reuters",
        "https://example.org/houthis",
        "Jane Doe",
    )
    assert meta.title == "Houthis hit a bulk carrier"
    assert meta.extra == (("desk", "Middle East"),)
    assert ARTICLE[meta.body_start :].startswith("Houthis hit a bulk carrier\n")


def test_no_front_matter_means_body_from_zero() -> None:
    meta = parse_front_matter("Title\nBody --- not a block\n")
    assert meta.body_start == 0 and meta.error is None and meta.date is None


def test_crlf_and_bom() -> None:
    text = "\ufeff---\r\ndate: 2024-02-01\r\n---\r\nTitle\r\n"
    meta = parse_front_matter(text)
    assert meta.date == dt.date(2024, 2, 1)
    assert text[meta.body_start :] == "Title\r\n"


def test_quoted_date_and_datetime_are_dates() -> None:
    assert parse_front_matter('---\ndate: "2024-03-05"\n---\n').date == dt.date(2024, 3, 5)
    assert parse_front_matter("---\ndate: 2024-03-05T10:00:00Z\n---\n").date == dt.date(2024, 3, 5)


def test_a_bad_date_drops_only_the_date() -> None:
    meta = parse_front_matter("---\ndate: last tuesday\nsource: AP\n---\nBody\n")
    assert meta.date is None and meta.source == "AP"
    assert meta.error is not None and "date" in meta.error and "\n" not in meta.error


@pytest.mark.parametrize(
    ("block", "word"),
    [
        ("a: &x [1, 2]\nb: *x\n", "anchor"),
        ("source: !!python/object/apply:os.system ['echo hi']\n", "tag"),
        ("source: A\nsource: B\n", "duplicate"),
        ("source: " + "[" * 40 + "]" * 40 + "\n", "nested"),
        ("source: [unclosed\n", ""),
        ("- a list\n- not a mapping\n", "key: value"),
    ],
)
def test_hostile_blocks_are_refused_in_one_line(block: str, word: str) -> None:
    meta = parse_front_matter("---\n" + block + "---\nBody\n")
    assert meta.body_start == 0
    assert meta.error is not None and word in meta.error
    assert "\n" not in meta.error


def test_no_closing_line() -> None:
    meta = parse_front_matter("---\ndate: 2024-01-01\nTitle\nBody\n")
    assert meta.body_start == 0 and meta.date is None
    assert meta.error is not None and "closing" in meta.error


def test_huge_block_is_refused_unread() -> None:
    text = "---\n" + "note: " + "x" * (MAX_BYTES + 10) + "\n---\nBody\n"
    meta = parse_front_matter(text)
    assert meta.body_start == 0 and meta.error is not None and "longer" in meta.error


def test_alias_bomb_is_refused_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        lines.append(
            f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [" + ",".join([f"*{prev}"] * 9) + "]"
        )
    meta = parse_front_matter("---\n" + "\n".join(lines) + "\n---\nBody\n")
    assert meta.error is not None and meta.body_start == 0


def test_empty_block_is_fine() -> None:
    meta = parse_front_matter("---\n---\nBody\n")
    assert meta.error is None and meta.body_start == len("---\n---\n")


def test_nested_value_for_a_field_is_reported() -> None:
    meta = parse_front_matter("---\nauthor: {name: X}\ntitle: T\n---\n")
    assert meta.author is None and meta.title == "T"
    assert meta.error is not None and "author" in meta.error
