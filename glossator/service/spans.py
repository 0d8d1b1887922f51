"""Which passage of an article a span covers: from a selection, offsets or quoted words.

The reader's `a` labels a selection; the command line names the passage by
offsets or by its words. Both end here, so a passage is checked the same
way whichever front end picked it. Every problem is a `ValueError` with a
one-line message that says what to do.
"""

from __future__ import annotations

import re

__all__ = ["find_passage", "passage", "trimmed"]

#: How many of the places a phrase occurs an ambiguity message lists.
_SHOWN_PLACES = 5


def trimmed(text: str, picked: tuple[int, int]) -> tuple[int, int]:
    """A selection without the blank space at its edges (equal ends: only blank space).

    A selection made with the cursor keys often takes the space or line
    break next to a word; the passage is the text without them.
    """
    start, end = picked
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def passage(text: str, start: int, end: int) -> tuple[int, int]:
    """The passage `text[start:end]` as a span takes it: blank edges trimmed.

    Raises `ValueError` for offsets outside the text, an end not after the
    start, or a stretch of blank space only.
    """
    size = len(text)
    if not 0 <= start < end <= size:
        raise ValueError(
            f"offsets {start}-{end} are not a stretch of this {size}-character article; "
            f"give 0 <= START < END <= {size} (glossator show ARTICLE --json has the text)"
        )
    trimmed_start, trimmed_end = trimmed(text, (start, end))
    if trimmed_start == trimmed_end:
        raise ValueError(f"offsets {start}-{end} hold only blank space; give some words")
    return trimmed_start, trimmed_end


def find_passage(text: str, words: str, occurrence: int | None = None) -> tuple[int, int]:
    """Where `words` stand in `text`: the `occurrence`-th place (1-based), or the only one.

    The words must match exactly, case included, and as whole words (a
    phrase that starts or ends with a letter or digit does not match inside
    a longer word); any run of blank space in
    `words` also matches a line break or several spaces in the article, so
    a passage wrapped over lines is found as it reads. Raises `ValueError`
    when the words are not there, when they occur more than once and no
    `occurrence` says which, or when `occurrence` is past the last one.
    """
    parts = words.split()
    if not parts:
        raise ValueError("--text is blank; give the exact words of the passage")
    if occurrence is not None and occurrence < 1:
        raise ValueError("--occurrence counts from 1 (the first place the words occur)")
    # Whole words only: "Iran" is not the start of "Iranian".
    before = r"(?<!\w)" if re.match(r"\w", parts[0]) else ""
    after = r"(?!\w)" if re.search(r"\w$", parts[-1]) else ""
    pattern = re.compile(before + r"\s+".join(re.escape(p) for p in parts) + after)
    places = [(m.start(), m.end()) for m in pattern.finditer(text)]
    shown = " ".join(parts)
    quoted = repr(shown if len(shown) <= 60 else shown[:59] + "…")
    if not places:
        raise ValueError(
            f"the words {quoted} are not in the article (case and punctuation count); "
            "copy them from glossator show ARTICLE"
        )
    if occurrence is None:
        if len(places) == 1:
            return places[0]
        listed = ", ".join(f"{s}-{e}" for s, e in places[:_SHOWN_PLACES])
        more = "" if len(places) <= _SHOWN_PLACES else ", …"
        raise ValueError(
            f"the words {quoted} occur {len(places)} times (at {listed}{more}); "
            "say which with --occurrence K, or give --start and --end"
        )
    if occurrence > len(places):
        raise ValueError(
            f"the words {quoted} occur {len(places)} time{'s' if len(places) > 1 else ''}, "
            f"so there is no occurrence {occurrence}"
        )
    return places[occurrence - 1]
