"""Regular-expression rules for DATE, TIME and CARDINAL.

Span conventions (see docs/entities.md):
- DATE is a named day, month or year, never a relative phrase: "Tuesday",
  "7 October", "Oct. 17", "October 17 to 30", "January 2024", "2020".
  "last month", "this week" and "a year ago" are not entities; in "last
  Tuesday" only "Tuesday" is.
- TIME is a clock time: "2:30 a.m.", "2330 GMT", "10pm", "at 14:30". A bare
  "3:45" is more often a race time or a score, so it needs "at" before it.
- CARDINAL is the quantity only, with its hedge ("at least 100", "more than
  13,000", "dozens", "Some 2,500", "several hundred"), or a range ("100-120",
  "110 to 135"; a hyphen joins two numbers of two digits or more, so a score
  such as "0-2" is none), never the counted noun, and only when it
  counts people, casualties, forces, attacks or munitions: "five" in "five
  militants", "2,500" in "2,500 US troops", "23 times" -> "at least 23".
"""

from __future__ import annotations

import re

from glossator.index.entities import lexicon
from glossator.index.entities.anchors import matches_at
from glossator.index.entities.model import Candidate, Layer

_MONTH_FULL = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
#: "Oct. 17", and without the full stop before a number, as datelines write
#: it ("MAKHACHKALA, Oct 14 (Interfax)").
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|(?=\ \d))"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})"
_MAY_MARCH_CONTEXT = (
    "(?:"
    + "|".join(
        rf"(?<=\b{word}\ )"
        for word in (
            "in In since Since until by from of early late mid and or last next this"
        ).split()
    )
    + r"|(?<=\bmid-))"
)
_RANGE = r"(?:(?:,?\ and|\ to|-|–)\ ?" + _DAY + r"\b)"

# One alternation, longest forms first. "May" and "March" alone are verbs or
# words too often, so alone they need a preposition before them.
_DATE_TIME = re.compile(
    rf"""
    (?P<time>\b(?:[01]?\d|2[0-3]):[0-5]\d\ ?(?:[ap]\.m\.|[ap]m\b|GMT\b|local\ time\b)
       |(?<=\bat\ )(?:[01]?\d|2[0-3]):[0-5]\d\b
       |\b(?:1[0-2]|0?[1-9])\ ?(?:[ap]\.m\.|[ap]m\b)
       |\b(?:[01]\d|2[0-3])[0-5]\d\ GMT\b)
    |(?P<date>
       \b{_DAY}\ (?:of\ )?{_MONTH}(?:,?\ {_YEAR})?(?![\w])
      |\b{_MONTH}\ {_DAY}\b{_RANGE}?(?:,\ {_YEAR})?
      |\b(?:{_MONTH_FULL})\ (?:and|to)\ (?:{_MONTH_FULL})\ {_YEAR}\b
      |\b{_MONTH}\ {_YEAR}\b
      |\b{_WEEKDAY}\b
      |{_MAY_MARCH_CONTEXT}(?:May|March)\b
      |\b(?:January|February|April|June|July|August|September|October|November|December)\b
      |(?<![\d,.])\b{_YEAR}s?\b(?![,.]?\d)
    )
    """,
    re.VERBOSE,
)

_NUMBER_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety"
)
_HEDGE = (
    r"(?:at\ least|at\ most|more\ than|less\ than|fewer\ than|over|nearly|almost|about|around"
    r"|some|up\ to|as\ many\ as|roughly|approximately|an\ estimated|another)\ "
)
_QUANTITY = re.compile(
    rf"""
    (?<![\w$£€.,-])
    (?P<qty>
      (?:\d{{1,3}}(?:,\d{{3}})+|\d{{2,}}[-–]\d{{2,}}(?![\d,.])
        |\d+(?:\.\d+)?(?:\ to\ \d+(?![\d,.]))?)
        (?:\ (?:million|thousand|hundred))?
     |(?i:{_NUMBER_WORDS})(?:[- ](?i:{_NUMBER_WORDS}))?(?:\ (?i:hundred|thousand|million))?
     |(?i:half\ a\ million|dozens?|scores|hundreds|thousands|tens\ of\ thousands
        |several\ (?:hundred|thousand|dozen))
    )
    (?![\w’'])
    (?P<tail>(?:\ of\b(?:\ (?:the|its|their|his|them|those)\b)?)?(?:\ [\w’'.-]+){{0,4}})
    """,
    re.VERBOSE,
)
#: Where a quantity can start (besides a digit), in lower-cased text: the
#: full pattern is only tried there (see `anchors.py`).
QUANTITY_WORDS = (
    *_NUMBER_WORDS.split("|"),
    *("half", "dozen", "scores", "hundreds", "thousands", "tens", "several"),
)
_HEDGE_BEFORE = re.compile(rf"(?i:{_HEDGE}|a\ |several\ )$")
#: Where a date can start (besides a digit): every month name and abbreviation
#: begins with one of these, as does every weekday.
DATE_WORDS = tuple(
    "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec"
    " Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
_AUXILIARIES = frozenset({"were", "was", "are", "have", "had", "has"})
_CASUALTY_VERBS = frozenset(
    {"killed", "wounded", "injured", "recorded", "died", "arrested", "detained", "dead", "been"}
    | {"flee", "fled", "fleeing", "displaced", "missing"}
    | {"gunned", "abducted", "kidnapped"}  # not "shot": "Doom 3 shot to the top"
)
#: After a counted phrase, a bare number with a place is the same count again:
#: "900 US soldiers are stationed in Syria and 2,500 in Iraq".
_ELLIPSIS = re.compile(r"^ (?:in|on|at) [A-Z]")
_YEAR_END = re.compile(r"(?:1[89]\d\d|20\d\d)$")
#: A casualty verb right before a number makes it a count of people even with
#: nothing after it: "kill 19 in Khan Younis", "wounding at least 40".
_CASUALTY_VERB_BEFORE = re.compile(
    r"(?<![\w-])(?:kill|kills|killed|killing|wound|wounds|wounded|wounding|injure|injures"
    r"|injured|injuring)\ \Z"
)
_AFTER_BARE_COUNT = frozenset(
    {"", "in", "on", "at", "and", "near", "as", "when", "after", "during", "across", "including"}
    | {"since"}
)


class QuantityRules:
    """DATE, TIME and CARDINAL candidates."""

    def __init__(self, norp_plurals: frozenset[str]) -> None:
        self._nouns = lexicon.read_words("count_nouns.txt")
        self._modifiers = lexicon.read_words("count_modifiers.txt")
        self._norp = norp_plurals

    def dates_and_times(self, text: str, starts: list[int]) -> list[Candidate]:
        """DATE and TIME spans; `starts` are `Anchors.dates`, ascending."""
        out = []
        for match in matches_at(_DATE_TIME, text, starts):
            label = "TIME" if match.lastgroup == "time" else "DATE"
            out.append(Candidate(match.start(), match.end(), label, Layer.LEXICON))
        return out

    def _counts_something(self, tail: str) -> bool:
        """Whether the words after a number name what it counts."""
        words = tail.split()
        if words and words[0] == "of":
            words = words[1:]
            if words and words[0] in ("the", "its", "their", "his", "them", "those"):
                if words[0] in ("them", "those"):
                    return True
                words = words[1:]
        if len(words) >= 2 and words[0] in _AUXILIARIES and words[1] in _CASUALTY_VERBS:
            return True  # "More than 175 were recorded", "four have been killed"
        if words and words[0] in _CASUALTY_VERBS:
            return True
        previous = ""
        for word in words:
            word = word.rstrip(".,’'")
            if word.lower() in self._nouns or word in self._nouns or word in self._norp:
                return True  # "sailors", "MEPs", "Palestinians"
            # "23 Filipino and Russian sailors": "and" between two modifiers.
            joined = word == "and" and previous[:1].isupper()
            # "9,000 of the camp's residents", "94,000 of the 140,000 deaths":
            # an owner or the whole's count between.
            owner = word.endswith(("'s", "’s")) or word.replace(",", "").isdigit()
            if not (
                word[:1].isupper() or "-" in word or word in self._modifiers or joined or owner
            ):
                return False
            previous = word
        return False

    def cardinals(self, text: str, starts: list[int]) -> list[Candidate]:
        """CARDINAL spans: quantities followed by what they count; `starts` are
        `Anchors.quantities`, ascending."""
        out: list[Candidate] = []
        last_end = -1
        # The counted words after a quantity may hold the next quantity
        # ("two of the five"), so only the quantity itself hides anchors.
        for match in matches_at(_QUANTITY, text, starts, resume="qty"):
            start, end = match.span("qty")
            hedge = _HEDGE_BEFORE.search(text, max(0, start - 16), start)
            if hedge is not None and (hedge.start() == 0 or not text[hedge.start() - 1].isalnum()):
                start = hedge.start()
            tail = match.group("tail")
            if self._counts_something(tail) or (
                _CASUALTY_VERB_BEFORE.search(text, max(0, start - 12), start)
                and text[end : end + 1] != "-"  # "killing a 16-year-old"
                and (tail.split() or [""])[0].strip(",.;:") in _AFTER_BARE_COUNT
            ):
                out.append(Candidate(start, end, "CARDINAL", Layer.LEXICON))
                last_end = end
            elif (
                last_end >= 0
                and start - last_end < 120
                and "." not in text[last_end:start]
                and _ELLIPSIS.match(tail)
                and not _YEAR_END.search(match.group("qty"))
            ):
                out.append(Candidate(start, end, "CARDINAL", Layer.LEXICON))
        return out
