"""Peoples named by the words around them (NORP), for the many ethnic groups,
clans and communities no list holds: "the Toubou people", "between Meitei and
Kuki communities", "the Sikin and Kaekin clans", "ethnic Amharas". Each name
found so is a NORP at its other mentions too ("which represents the Kuki"),
as a fallback that lists and rules win over.

Not a people: a name at the start of a sentence ("Young people said"), in
capitals ("BBC people"), a number ("Three people"), the end of a longer name
("North East people"), a name written after "in", "to" or "near" anywhere
in the article (a place: "Powys people ... in Powys"), or one the lists know
as anything else ("the Darfur people", "the Labour people").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from glossator.index.entities import shapes
from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.name_words import _STOP_TOKENS
from glossator.index.entities.rules import QUANTITY_WORDS

__all__ = ["CUE_GROUPS", "PeopleRules"]

_AFTER = tuple(
    f" {word}"
    for word in (
        "people peoples community communities clan clans tribe tribes tribesmen herders"
        " youth youths"
    ).split()
)
#: Plural nouns of people that make a name a people only in a list with a
#: people the lists know ("Amhara and Agew residents"): alone, "Kalemie
#: residents" are a town's.
_AFTER_LISTED = tuple(
    f" {word}"
    for word in (
        "residents farmers landowners villagers fighters militiamen elders families civilians"
    ).split()
)
#: Cue groups for `AnchorFinder`, next to context.py's.
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    "people_after": _AFTER,
    "people_before": ("ethnic ",),
    "people_listed": _AFTER_LISTED,
}

_WORD = r"[A-Z][a-z]+"
#: The people's name before the cue, maybe a second one before "and" ("Meitei
#: and Kuki communities"), and what stands in front of them.
_BEFORE_CUE = re.compile(rf"(?<![\w’'-])(?:({_WORD})\ and\ )?({_WORD})\Z")
#: A capitalised word before the name makes it part of a longer one ("North East people").
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w’'-]*\ \Z")
_NUMBERS = frozenset(QUANTITY_WORDS)
#: Two or three one-word names in a list before the cue ("Amhara and Agew",
#: "Murle, Nuer and Dinka").
_LISTED = re.compile(rf"(?<![\w’'-])(?:({_WORD}),\ )?({_WORD})\ and\ ({_WORD})\Z")
_AFTER_ETHNIC = re.compile(rf"({_WORD})(?![\w’'-])")
#: Before a name that opens a sentence there is a full stop, a quote or a line break.
_SENTENCE_OPENER = re.compile(r"(?:^|[.!?:\"“”]\s*|\n\s*)\Z")


class PeopleRules:
    """NORP candidates from people cues; `lookup(name)` gives a name's list label."""

    def __init__(self, lookup: Callable[[str], str | None]) -> None:
        self._lookup = lookup

    def find(self, text: str, cues: dict[str, list[tuple[int, str]]]) -> list[Candidate]:
        """NORP for a name before a people noun or after "ethnic", and its other mentions."""
        out: list[Candidate] = []
        for pos, _ in cues.get("people_after", ()):
            match = _BEFORE_CUE.search(text, max(0, pos - 60), pos)
            if match is None:
                continue
            for group in (1, 2):
                if match.group(group) is not None:
                    self._add(text, match.start(group), match.end(group), out)
        for pos, _ in cues.get("people_listed", ()):
            self._add_listed(text, _LISTED.search(text, max(0, pos - 60), pos), out)
        for pos, cue in cues.get("people_before", ()):
            if pos and text[pos - 1].isalnum():
                continue
            match = _AFTER_ETHNIC.match(text, pos + len(cue))
            if match is not None:
                self._add(text, match.start(1), match.end(1), out, opener_ok=True)
        if not out:
            return out
        return out + shapes.other_mentions(text, out)

    def _add_listed(self, text: str, match: re.Match[str] | None, out: list[Candidate]) -> None:
        """The names no list knows in a list with a known people, as peoples."""
        if match is None:
            return
        groups = [g for g in (1, 2, 3) if match.group(g) is not None]
        labels = [self._lookup(match.group(g)) for g in groups]
        if "NORP" not in labels or any(label not in (None, "NORP") for label in labels):
            return  # "Kalemie and Kabeke residents": no people in the list
        for group, label in zip(groups, labels, strict=True):
            if label is None:
                self._add(text, match.start(group), match.end(group), out)

    def _add(
        self, text: str, start: int, end: int, out: list[Candidate], *, opener_ok: bool = False
    ) -> None:
        name = text[start:end]
        if name in _STOP_TOKENS or name.lower() in _NUMBERS:
            return  # "Three people"
        if self._lookup(name) not in (None, "NORP"):
            return
        if not opener_ok and _SENTENCE_OPENER.search(text, max(0, start - 3), start):
            return  # "Young people said": a capital because the sentence starts
        if _CAPITAL_BEFORE.search(text, max(0, start - 30), start):
            return  # "North East people", "the Powys Rural people"
        if re.search(rf"\b(?:in|to|near) {name}\b(?!-)", text):
            return  # "Powys people ... officials in Powys": a place's people
        out.append(Candidate(start, end, "NORP", Layer.SPECIFIC))
