"""Context rules: spans found by the words around them rather than by a list.

- DATE: relative and partial dates ("recent weeks", "the previous week",
  "last month", "two years ago", "three days later", "early this year",
  "late July", "early Friday", "mid-March").
- ORG and others: an acronym defined in parentheses after its full name
  ("Israel Defense Forces (IDF)") labels the full name and every later use of
  the acronym; an unknown acronym in capitals is a fallback ORG.
- ORG by the words around a name ("the X-backed ...", "spokesman for X",
  "members of X"): `org_context.py`, `clubs.py`, `org_names.py`.
- GPE: a capitalised name after "the town/village/city of" or before
  "region/province/district/state" ("the village of Aita al-Shaab"), or after
  "near"/"in": `places.py`.
- LOC and FAC by a head word: `landforms.py`.
- WEAPON: lower-case weapon modifiers join the weapon after them
  ("explosive" + "drone" -> "explosive drone").

The helpers every context module shares (`Cues`, the name matched before or
after a cue) live here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from glossator.index.entities import lexicon
from glossator.index.entities.acronyms import AcronymRules
from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.name_words import _NAME
from glossator.index.entities.periods import period_after_unit

_NUMBER = (
    r"(?i:few|several|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty"
    r"|fifty)"
)
_UNIT = r"(?:day|week|weekend|month|year|decade|season)s?"
#: Relative dates, matched backwards from their unit word (a window ending at
#: the unit, `\Z` = the window's end).
_RELATIVE = re.compile(
    rf"""(?<![\w-])(?:
        (?:[Tt]he\ )?(?:[Pp]ast|[Pp]revious|[Ff]ollowing|[Cc]oming|[Pp]receding|[Ll]ast|[Nn]ext)
            \ (?:{_NUMBER}\ )?{_UNIT}
      | (?:(?:[Ee]arly|[Ll]ate)\ )?(?:[Tt]his|[Ll]ast|[Nn]ext)\ {_UNIT}
      | [Rr]ecent\ {_UNIT}
      | (?:(?:[Aa]\ couple\ of|[Mm]any|[Ss]ome)\ )?(?:[Dd]ecades|[Yy]ears|[Mm]onths|[Ww]eeks)\ ago
      | (?:[Ee]arlier|[Ll]ater)\ this\ {_UNIT}
      | (?:[Aa]|[Aa]n|[Oo]ne|[Aa]\ few|{_NUMBER})\ {_UNIT}\ (?:ago|later|earlier)
    )\Z""",
    re.VERBOSE,
)
#: A counted span of time is a DATE where it says how long (OntoNotes):
#: after "for", "in", "over" or "within" ("tracked the men for three
#: weeks", "its lowest level in three years"), or before "of" and a word,
#: "after" or "before" ("three days of mourning", "the 100 days of
#: slaughter", "two weeks after his appearance"; not "65 years of age").
#: Units of a day or more only ("24 hours" is none); "few" is left out
#: ("in a few days").
_DURATION_COUNT = (
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|several)\ (?:days|weeks|months|years|decades)\Z"
)
_DURATION = re.compile(
    r"(?:(?<=\bfor\ )|(?<=\bin\ )|(?<=\bover\ )|(?<=\bwithin\ ))" + _DURATION_COUNT
)
_DURATION_BARE = re.compile(r"(?<![\w$£€.,-])(?:[Tt]he\ )?" + _DURATION_COUNT)
_DURATION_AFTER = re.compile(r"\ (?:of\ (?!age\b)[a-z]|after\b|before\b)")
_UNIT_WORDS = (
    *(" day", " week", " month", " year", " decade", " ago", " later", " earlier"),
    *(" quarter", " half", " season"),
)
#: Parts of a year: "the third quarter", "the first half of the year" (a half
#: needs its year: "the second half" alone is a match's on BBC sport).
_PART_OF_YEAR = re.compile(
    r"(?<![\w-])(?:[Tt]he\ )?(?:first|second|third|fourth|final|last|latest)\ (?:quarter|half)\Z"
)
_OF_YEAR = re.compile(r"\ of\ (?:the\ (?:year|financial\ year|fiscal\ year)|(?:1[89]|20)\d\d)\b")
#: A quarter with no year is a date only in a sentence about money or output
#: ("earned $10m in the third quarter"); on BBC sport it is a match's quarter.
_BUSINESS_WORD = re.compile(
    r"[$£€%]|\b(?:growth|profits?|sales|earnings|revenues?|economy|exports|GDP|output|demand"
    r"|spending|prices|loss|losses|results|figures)\b"
)
#: A bare decade takes its article: "the 1970s" (a modifier still starts the
#: span: "early 1980s", as the gold has it).
_DECADE_PREFIX = re.compile(r"(?<![\w-])[Tt]he\ \Z")
#: Cues that end a relative date as they stand ("two days later"), no plural after.
_UNIT_ENDS = frozenset({" ago", " later", " earlier"})
#: Words before a named date that belong to it: "late July", "early Friday",
#: "mid-March", "last Tuesday".
_DATE_PREFIX = re.compile(
    r"(?<![\w-])(?:[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Nn]ext|[Tt]his"
    r"|[Tt]he\ (?:end|start|beginning|middle)\ of)(?:\ |(?<=[Mm]id)-)\Z"
)

#: Every context rule (here, in `places.py`, `org_context.py`, `clubs.py`
#: and `org_names.py`) is tried only where one of its literal cue words
#: occurs (found with str.find), with a name matched forwards or backwards
#: from there: a pattern scanned over the whole text cost more than all other
#: rules together. These helpers are shared by all of them.
_NAME_BEFORE = re.compile(rf"(?<![\w’'-]){_NAME}\Z")
_DESCRIPTION = re.compile(r"-[a-z]+$")
_HYPHEN_DESCRIPTION = re.compile(r"-[a-z]")
_NAME_MATCH = re.compile(_NAME).match


#: Every cue the rules need, by group; `AnchorFinder` finds them all in the
#: pass it already makes over the text, and the rules get them as `Cues`.
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    "unit": _UNIT_WORDS,
}


def _about_business(text: str, pos: int) -> bool:
    """Whether the sentence around `pos` is about money or output."""
    start = text.rfind(". ", max(0, pos - 200), pos)
    start = max(0, pos - 200) if start < 0 else start + 1
    end = text.find(". ", pos, pos + 200)
    return _BUSINESS_WORD.search(text, start, end if end >= 0 else pos + 200) is not None


def _word_ends(text: str, end: int) -> bool:
    return not text[end : end + 1].isalnum()


#: Lower-case words that make a weapon term longer ("explosive drone",
#: "guided aerial bombs"); read from weapon_modifiers.txt.
_WEAPON_BEFORE = re.compile(r"([a-z][a-z-]*[a-z]) \Z")


Cues = dict[str, list[tuple[int, str]]]


class ContextRules:
    """Candidates from the words around a span (see the module docstring)."""

    def __init__(self, lookup: Callable[[str], str | None]) -> None:
        """`lookup(name)` gives the fixed-list label of a name, or None."""
        self._lookup = lookup
        self._weapon_modifiers = lexicon.read_words("weapon_modifiers.txt")
        self._acronyms = AcronymRules(lookup)

    def relative_dates(self, text: str, cues: Cues) -> list[Candidate]:
        """DATE spans for relative dates, found from their unit words."""
        out = []
        for pos, unit in cues["unit"]:
            end = pos + len(unit)
            if unit not in _UNIT_ENDS:
                if text[end : end + 3] == "end":  # "weekend"
                    end += 3
                if text[end : end + 1] == "s":
                    end += 1
            if text[end : end + 1].isalnum():
                continue
            if unit in (" quarter", " half"):
                part = _PART_OF_YEAR.search(text, max(0, pos - 16), end)
                year = _OF_YEAR.match(text, end)
                if part is not None and (
                    year is not None or (unit == " quarter" and _about_business(text, pos))
                ):
                    out.append(
                        Candidate(part.start(), year.end() if year else end, "DATE", Layer.LEXICON)
                    )
                    continue
            period = period_after_unit(text, pos, end)
            if period is not None:
                out.append(period)
                continue
            match = _RELATIVE.search(text, max(0, pos - 40), end)
            if match is None and text[end - 1 : end] == "s":
                match = _DURATION.search(text, max(0, pos - 20), end)
                if match is None and _DURATION_AFTER.match(text, end):
                    match = _DURATION_BARE.search(text, max(0, pos - 20), end)
            if match is not None:
                out.append(Candidate(match.start(), end, "DATE", Layer.LEXICON))
        return out

    def partial_dates(self, text: str, dates: list[Candidate]) -> list[Candidate]:
        """Named dates grown to take in "early", "late", "mid-", "last", "next", "this",
        "the end of" ("by the end of 2004")."""
        out = []
        for date in dates:
            if date.label != "DATE":
                continue
            match = None
            if text[date.end - 1] == "s" and text[date.start].isdigit():
                match = _DECADE_PREFIX.search(text, max(0, date.start - 10), date.start)
            if match is None:
                match = _DATE_PREFIX.search(text, max(0, date.start - 20), date.start)
            if match is not None:
                out.append(Candidate(match.start(), date.end, "DATE", date.layer))
        return out

    def acronyms(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """Acronyms defined in parentheses and unknown capitals (`acronyms.py`)."""
        return self._acronyms.find(text, found)

    def weapon_compounds(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """Weapon spans grown leftwards over weapon modifiers ("explosive drone")
        and joined when two weapon terms touch ("drone boat")."""
        weapons = sorted((c for c in found if c.label == "WEAPON"), key=lambda c: c.start)
        out = []
        for i, cand in enumerate(weapons):
            start, end = cand.start, cand.end
            while True:
                before = _WEAPON_BEFORE.search(text, max(0, start - 25), start)
                if before is None or before.group(1) not in self._weapon_modifiers:
                    break
                start = before.start(1)
            if text[end : end + 1] == " ":
                after = [w.end for w in weapons[i + 1 : i + 4] if w.start == end + 1]
                if after:
                    end = max(after)
            if (start, end) != (cand.start, cand.end):
                out.append(Candidate(start, end, "WEAPON", cand.layer))
        return out
