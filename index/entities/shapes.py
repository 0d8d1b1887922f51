"""Name shapes the capitalised-sequence pass cannot see, because a name word
carries a possessive or a lower-case "of" joins it.

- ORG: a possessive inside an organisation's name, when the possessor is a
  common noun ("People's Defence Force", "Kurdistan Workers' Party",
  "Women's Protection Units"); a possessive after a proper name stays outside
  ("Iraq's Defence Ministry" is GPE + ORG).
- GPE: "Republic of X" with its leading words ("Republic of Congo",
  "Democratic Republic of the Congo").
- GPE: the place of a wire dateline in capitals ("N'DJAMENA (AFP) -",
  "PORT MORESBY, Papua New Guinea (Reuters) -").
- ORG: a military unit by its number ("the 14th Infantry Division", "47th
  Brigade"), which the sequence pass cuts to its capitalised words.
- Other mentions of a place found by its context, and whether a line is
  written in capitals (a headline), for the context rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from glossator.index.entities.model import Candidate, Layer

_UPPER = r"[A-ZÀ-ÖØ-Þ]"
_WORD = rf"{_UPPER}[^\W\d_]*(?:-[^\W\d_]+)*"
#: Common nouns that own an organisation's name.
POSSESSORS = (
    "People Peoples Workers Women Farmers Martyrs Patriots Mothers Children Students"
    " Veterans Soldiers Mujahideen Nations Officers Peasants"
).split()
_CUES = tuple(f"{word}{mark}" for word in POSSESSORS for mark in ("'", "’"))
#: Up to three name words before the possessor, the possessive, then name words.
_BEFORE = re.compile(rf"(?<![\w’'-])(?:{_WORD} ){{0,3}}\Z")
_AFTER = re.compile(rf"(?:s?['’]|['’]s)((?: {_WORD}){{1,4}})(?![\w’'-])")
_REPUBLIC = re.compile(rf"Republic of (?:the )?{_WORD}(?: {_WORD})?(?![\w’'-])")
_REPUBLIC_BEFORE = re.compile(
    r"(?<![\w’'-])(?:(?:Democratic|Islamic|Federal|Socialist|Arab|People's|Central African) )+\Z"
)


def possessive_orgs(text: str, heads: frozenset[str], stop: Iterable[str]) -> list[Candidate]:
    """ORG spans with a common-noun possessive inside, ending in an ORG head."""
    stop_words = frozenset(stop)
    out = []
    for cue in _CUES:
        pos = text.find(cue)
        while pos >= 0:
            word_start = pos
            word_end = pos + len(cue) - 1
            after = _AFTER.match(text, word_end)
            if after is not None and (word_start == 0 or not text[word_start - 1].isalnum()):
                words = after.group(1).split()
                # The name ends at its last ORG head: "People's Defence Force troops".
                last = max((i for i, w in enumerate(words) if w in heads), default=-1)
                if last >= 0:
                    end = after.start(1) + len(" ".join(words[: last + 1])) + 1
                    start = word_start
                    before = _BEFORE.search(text, max(0, word_start - 60), word_start)
                    if before is not None:
                        lead = text[before.start() : word_start].split()
                        while lead and lead[0] in stop_words:
                            lead.pop(0)
                        start = word_start - len(" ".join(lead)) - (1 if lead else 0)
                    out.append(Candidate(start, end, "ORG", Layer.SPECIFIC))
            pos = text.find(cue, pos + 1)
    return out


def republics(text: str) -> list[Candidate]:
    """GPE for "Republic of X", with "Democratic", "Central African"... before it."""
    out = []
    pos = text.find("Republic of ")
    while pos >= 0:
        match = _REPUBLIC.match(text, pos)
        if match is not None and (pos == 0 or not text[pos - 1].isalnum()):
            before = _REPUBLIC_BEFORE.search(text, max(0, pos - 40), pos)
            start = before.start() if before is not None else pos
            out.append(Candidate(start, match.end(), "GPE", Layer.SPECIFIC))
        pos = text.find("Republic of ", pos + 1)
    return out


#: A dateline: a line opening with a place in capitals, maybe its country, then
#: the agency in parentheses and a dash or colon ("BAMAKO (AFP) -"), maybe
#: a date before the agency ("SAN PEDRO SULA, Honduras, March 2 (Reuters) -"),
#: or no agency after the country ("COTABATO CITY, Philippines -").
_DATELINE = re.compile(
    r"^([A-Z][A-Z’'.-]+(?:\ [A-Z][A-Z’'.-]+){0,2})"
    r"(?:(?:,\ [A-Z][\w.’'\ -]{1,40}?)?(?:,\ [A-Z][a-z]{2,8}\.?\ \d{1,2})?"
    r"\ \(([A-Z][\w\ .&-]{1,30})\)|,\ [A-Z][\w.’'\ ]{1,40}?)\ ?[-–—:]\ ",
    re.MULTILINE,
)


def datelines(text: str) -> list[Candidate]:
    """GPE for the place of a wire dateline in capitals, ORG for its agency
    ("KADUGLI, Sudan (Sudan Tribune) -"), in the first four lines."""
    out: list[Candidate] = []
    # A dateline opens the story: only its first lines (title, maybe a byline).
    head_end = 0
    for _ in range(4):
        head_end = text.find("\n", head_end + 1)
        if head_end < 0:
            head_end = len(text)
            break
    for match in _DATELINE.finditer(text, 0, head_end):
        out.append(Candidate(match.start(1), match.end(1), "GPE", Layer.SPECIFIC))
        if match.group(2) is not None:  # "COTABATO CITY, Philippines -": no agency
            out.append(Candidate(match.start(2), match.end(2), "ORG", Layer.SPECIFIC))
    return out


#: Unit heads after an ordinal ("3rd Division", "82nd Airborne Division").
_UNIT_HEADS = tuple(
    f" {head}"
    for head in (
        "Division Brigade Battalion Regiment Corps Army Fleet Squadron Group Commando"
    ).split()
)
#: The ordinal and up to three capitalised words between it and the head.
_ORDINAL_BEFORE = re.compile(r"(?<![\w.,’'-])\d{1,3}(?:st|nd|rd|th)((?:\ [A-Z][\w’'-]*){0,3})\Z")
_NEXT_CAPITAL = re.compile(r"\ [A-Z]")


def ordinal_units(text: str, stop: frozenset[str]) -> list[Candidate]:
    """ORG for a military unit named by its number, the number included. Not
    when a capitalised word carries the name on past the head (a longer name
    this cannot delimit), nor "Group" with no word before it."""
    out = []
    for head in _UNIT_HEADS:
        pos = text.find(head)
        while pos >= 0:
            end = pos + len(head)
            if not text[end : end + 1].isalnum():
                match = _ORDINAL_BEFORE.search(text, max(0, pos - 60), pos)
                if (
                    match is not None
                    and not (head == " Group" and not match.group(1))
                    and not any(w in stop for w in match.group(1).split())
                    and not (
                        _NEXT_CAPITAL.match(text, end)
                        and text[end + 1 :].split(" ", 1)[0].strip(",.;:") not in stop
                    )
                ):
                    out.append(Candidate(match.start(), end, "ORG", Layer.SPECIFIC))
            pos = text.find(head, end)
    return out


def whole_mentions(text: str, name: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every mention of `name` as whole words: no letter or
    digit either side, no hyphen or apostrophe before ("Blair-era" is no
    mention of "era"). Plain str.find: a per-article regex would be compiled
    afresh for every article."""
    pos = text.find(name)
    while pos >= 0:
        end = pos + len(name)
        before, after = text[pos - 1 : pos], text[end : end + 1]
        if not (before.isalnum() or (before and before in "-’'") or after.isalnum()):
            yield pos, end
        pos = text.find(name, end)


def other_mentions(text: str, places: list[Candidate]) -> list[Candidate]:
    """Every other mention of a place found by its context ("the town of Adan
    Yabaal ... Adan Yabaal"), as a fallback: lists and rules win over it."""
    seen = {(c.start, c.end) for c in places}
    names = {text[c.start : c.end]: c.label for c in places}
    return [
        Candidate(pos, end, label, Layer.FALLBACK)
        for name, label in names.items()
        for pos, end in whole_mentions(text, name)
        if (pos, end) not in seen
    ]


def in_capitals(text: str, line_start: int) -> bool:
    """Whether the line starting at `line_start` is written in capitals (a headline
    or dateline), judged on its first 80 characters."""
    head = text[line_start : line_start + 80].split("\n", 1)[0]
    letters = sum(ch.isalpha() for ch in head)
    return letters > 12 and sum(ch.isupper() for ch in head) > 0.7 * letters
