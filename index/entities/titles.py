"""PERSON after a title or role word ("Prime Minister Mohammed Shia
al-Sudani", "spokesman, Major General Zaw Min Tun"), the title left outside
the span, and the title forms every rule reads from titles.txt.

Split from `names.py` (the 400-line limit); the rule is tried only where a
title form starts (`Anchors.titles`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from glossator.index.entities import lexicon
from glossator.index.entities.anchors import matches_at
from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.name_words import (
    _CAP,
    _NAME,
    _ORG_HEADS,
    _STOP_TOKENS,
    _tokens,
    clean_span,
)

#: An administrative unit's word right after a name makes the name a place,
#: title and all ("Imam Sahib district", "Sheikh Zayed province").
_ADMIN_AFTER = re.compile(
    r" (?:district|province|governorate|region|county|prefecture|municipality|oblast)\b"
)


def title_forms() -> set[str]:
    """Every title as written in titles.txt, plus with a capital first letter."""
    forms: set[str] = set()
    for title in lexicon.read_list("titles.txt"):
        forms.add(title)
        forms.add(title[0].upper() + title[1:])
    return forms


def _title_pattern() -> re.Pattern[str]:
    forms = title_forms()
    alternation = "|".join(re.escape(t) for t in sorted(forms, key=len, reverse=True))
    # Only tried where a title form starts (`Anchors.titles`), so no look-behind
    # in front; the left word boundary is checked in Python.
    return re.compile(
        rf"(?:{alternation})"
        rf"(?:\ (?:to|of|for)\ (?:the\ )?{_CAP}(?:\ {_CAP})?)?,?\ (?P<name>{_NAME})"
    )


class TitleRules:
    """PERSON candidates after titles (see the module docstring)."""

    def __init__(self, is_place: Callable[[str], str | None]) -> None:
        """`is_place(name)` gives the fixed-list label of a name, or None."""
        self._titles = _title_pattern()
        self._lookup = is_place

    def people_by_title(self, text: str, starts: list[int]) -> list[Candidate]:
        """PERSON names after a title or role word; the title is left out.
        `starts` are `Anchors.titles`, ascending."""
        out = []
        # A match dropped for a bad left boundary still hides the titles inside it.
        for match in matches_at(self._titles, text, starts):
            before = text[match.start() - 1 : match.start()]
            if before.isalnum() or before == "-":
                continue
            if text.startswith(("MP for ", "MP to ", "MP of "), match.start()):
                continue  # "MP for Richmond, North Yorks": a seat, not a name
            start, end = clean_span(text, *match.span("name"))
            # "spokesman, Major General Zaw Min Tun": a second title is outside too.
            inner = self._titles.match(text, start)
            if inner is not None and inner.start("name") > start:
                start = inner.start("name")
            words = _tokens(text[start:end])
            if not words or words[0] in _STOP_TOKENS or words[-1] in _ORG_HEADS:
                continue
            if self._lookup(text[start:end]) is not None:
                continue
            if _ADMIN_AFTER.match(text, end):
                continue  # "Imam Sahib district": a place named after a title
            out.append(Candidate(start, end, "PERSON", Layer.SPECIFIC))
        return out
