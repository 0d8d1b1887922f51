"""Context rules for sports clubs: a club named by its player's or staff's
role ("Leicester youngster Harry Ellis", "Wasps coach Warren Gatland") or after
"side" ("English side Gloucester"): ORG, never a country (a national side is
its country, `national_sides.txt`).

Split from `org_context.py` (the 400-line limit), sharing `context.py`'s
helpers; each rule is tried only where its literal cue occurs (`anchors.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from glossator.index.entities import lexicon
from glossator.index.entities.context import _DESCRIPTION, _NAME_BEFORE, _NAME_MATCH, Cues
from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.name_words import _STOP_TOKENS

#: "Leicester youngster Harry Ellis", "Wasps coach Warren Gatland": a club's
#: player or staff, the role in lower case before a name. A national side
#: is its country ("England coach Andy Robinson", `national_sides.txt`).
_CLUB_ROLES = tuple(
    f" {role} "
    for role in (
        "coach youngster captain skipper boss manager striker winger fly-half scrum-half"
        " hooker flanker midfielder defender goalkeeper full-back"
    ).split()
)
#: Capitalised words that open a sentence before a club's name.
_BEFORE_CLUB = frozenset("Former New Ex Replacement Veteran Caretaker Interim Then".split())
_SENTENCE_START = re.compile(r"(?:\A|[.!?:\n][\"“”'’]?\ ?|\n)\Z")
_ROLE_THEN_NAME = re.compile(r"[A-Z][a-z]")
#: "English side Gloucester", "Premiership side Bath": a club after "side".
_SIDE_AFTER = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*\ \Z")

#: The cues of these rules, by group (merged into `AnchorFinder`'s groups).
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    "club_role": _CLUB_ROLES,
    "club_side": (" side ",),
}


class ClubRules:
    """ORG candidates for clubs (see the module docstring)."""

    def __init__(self, lookup: Callable[[str], str | None]) -> None:
        """`lookup(name)` gives the fixed-list label of a name, or None."""
        self._lookup = lookup
        self._given = lexicon.read_words("first_names.txt") | lexicon.read_words("given_names.txt")
        self._nations = frozenset(lexicon.read_list("national_sides.txt"))

    def clubs(self, text: str, cues: Cues) -> list[Candidate]:
        """ORG for a club named by its player's or staff's role ("Leicester
        youngster Harry Ellis", "Wasps coach Warren Gatland") or after "side"
        ("English side Gloucester"): a town or a name no list knows, never a
        country (a national side is its country)."""
        spans = []
        for pos, cue in cues["club_role"]:
            if _ROLE_THEN_NAME.match(text, pos + len(cue)) is not None:
                match = _NAME_BEFORE.search(text, max(0, pos - 40), pos)
                if match is not None:
                    spans.append(match.span())
        for pos, _ in cues["club_side"]:
            if _SIDE_AFTER.search(text, max(0, pos - 30), pos + 1) is not None:
                match = _NAME_MATCH(text, pos + 6)
                if match is not None:
                    spans.append(match.span())
        out = []
        for start, end in spans:
            name = text[start:end]
            first, _, rest = name.partition(" ")
            opens = _SENTENCE_START.search(text, max(0, start - 3), start) is not None
            if self._lookup(name) is None and (first in _BEFORE_CLUB or opens):
                # "Former Bath captain", "Injured Chelsea striker": a word that
                # opens the sentence; alone, a club's name there is a plural
                # ("Wasps coach"), not "Uncapped fly-half", "Factory manager".
                if not rest and (first in _BEFORE_CLUB or not first.endswith("s")):
                    continue
                if rest and (first in _BEFORE_CLUB or self._lookup(rest) == "GPE"):
                    start, name = start + len(first) + 1, rest  # not "West Ham", "All Blacks"
            if self._lookup(name) is None and " " in name:
                cuts = [i for i, c in enumerate(name) if c == " "]
                # "At the show in Las Vegas Microsoft boss": a place, then a name.
                if any(self._lookup(name[:i]) for i in cuts):
                    continue
                if any(self._lookup(name[i + 1 :]) not in (None, "GPE") for i in cuts):
                    continue  # "Legendary Dutch coach"
                at = next((i + 1 for i in cuts if self._lookup(name[i + 1 :]) == "GPE"), None)
                if at is not None:
                    start, name = start + at, name[at:]
            first = name.split()[0]
            if first in _STOP_TOKENS or first in self._given or name in self._nations:
                continue
            if self._lookup(name) in (None, "GPE") and not _DESCRIPTION.search(name):
                out.append(Candidate(start, end, "ORG", Layer.SPECIFIC))
        return out
