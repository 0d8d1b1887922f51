"""Sentence spans for incident extraction: offsets into the article text.

Every line break ends a sentence (headlines, datelines and list items are
lines of their own); inside a line a sentence ends at `.`, `!` or `?` before a
capital or digit, except after an abbreviation ("U.S.", "Gen.", "Sept.").
"""

from __future__ import annotations

import re

__all__ = ["OPENING", "sentences"]

_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*[ \t]+(?=[\"“‘(\[]?[A-Z0-9])|\n")
_ABBREVIATIONS = frozenset(
    "U.S U.N U.K Mr Mrs Ms Dr Gen Lt Col Sgt Capt Maj St No Jan Feb Mar Apr Aug Sept Oct Nov Dec"
    " a.m p.m Lt.-Gen Rep Sen Gov Adm Brig".split()
)


#: A wire dateline before the first word of a report: "KHARTOUM, Aug 12
#: (Reuters) - ", "Jayapura (ANTARA) - ", "NARATHIWAT: ".
OPENING = re.compile(
    r"[A-Z][\w'’.-]*(?:\ [A-Z][\w'’.-]*){0,3}(?:,[^()\n]{0,40}?)?(?:\ ?\([^()\n]{1,30}\))?"
    r"\ ?(?:-|–|—|--|:)\ +"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) covering the non-blank text; every line break ends one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group() != "\n":
            before = text[max(start, match.start() - 12) : match.start()].split()
            word = before[-1].lstrip('("“') if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue
        end = match.start() + (0 if match.group() == "\n" else 1)
        _add(text, spans, start, end)
        start = match.end()
    _add(text, spans, start, len(text))
    return spans


def _add(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
