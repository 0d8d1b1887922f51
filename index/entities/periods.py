"""Periods named by a unit word and what comes after it: "the three months to
December", "the 12 months ending March 2005", "the last three months of
2004", "the year before".

Tried from the unit cues of `context.relative_dates` ("month", "year"...), so
no pattern is scanned over the whole text.
"""

from __future__ import annotations

import re

from glossator.index.entities.model import Candidate, Layer

_MONTH = "January|February|March|April|May|June|July|August|September|October|November|December"
_COUNT = (
    r"(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty-four)"
)
#: "the three months" right before the unit's end (`\Z` = the window's end).
_COUNTED_MONTHS = re.compile(rf"(?<![\w-])[Tt]he\ (?:(?:first|last|past)\ )?{_COUNT}\ months\Z")
#: What a counted period runs to or lies in: "to December", "ending March
#: 2005", "to the end of June", "of 2004".
_RUNS_TO = re.compile(
    rf"\ (?:(?:to|ending|ended|up\ to)\ (?:the\ end\ of\ )?(?:{_MONTH})(?:\ (?:1[89]|20)\d\d)?"
    r"|of\ (?:1[89]|20)\d\d)\b"
)
#: "the year before" as a period of its own: the unit with "the" in front and
#: the clause ending after it ("up on the year before."), not "the year before
#: the war" (a date of the war's, which this cannot delimit).
_THE_UNIT = re.compile(r"(?<![\w-])[Tt]he\ (?:day|week|month|year)\Z")
_BEFORE_AND_STOP = re.compile(r"\ (?:before|earlier)(?=[.,;:!?)\"”]|\ and\ |\ but\ |\n|\Z)")


def period_after_unit(text: str, pos: int, end: int) -> Candidate | None:
    """A DATE for a counted period running to a month, or "the year before",
    whose unit word runs from `pos` to `end`; None when the unit starts none."""
    window = max(0, pos - 30)
    if text.startswith("months", end - 6):
        counted = _COUNTED_MONTHS.search(text, window, end)
        runs_to = _RUNS_TO.match(text, end) if counted is not None else None
        if counted is not None and runs_to is not None:
            return Candidate(counted.start(), runs_to.end(), "DATE", Layer.LEXICON)
        return None
    unit = _THE_UNIT.search(text, window, end)
    if unit is not None:
        stop = _BEFORE_AND_STOP.match(text, end)
        if stop is not None:
            return Candidate(unit.start(), stop.end(), "DATE", Layer.LEXICON)
    return None
