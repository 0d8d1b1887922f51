"""Natural features (LOC) and facilities (FAC) named by a head word.

LOC, head included (as a facility's noun is):

- a name before a capitalised landform head: "Dnipro River", "Kibira Forest",
  "Spin Ghar Range", "Khyber Pass", "Scottish Highlands";
- a name before a lower-case landform head, as wire copy writes them: "the
  Sambisa forest", "the Qandil mountains", "the Swat valley", "the Niger
  delta" (a known town or country before the head is part of the feature's
  name; a known feature is not: "the Nile delta", "the Dnipro River delta"
  give the Nile and the Dnipro River);
- a name after "island of", without it: "the island of Negros";
- names sharing a plural head, without it: "the Mali Hka and N'Mai Hka
  rivers"; names after "the mountains/forests/jungles of" (not "hills":
  "the hills of Ruma Upazila" is a district): "the mountains of
  Chaambi and Semmama", "the forests of Mayombe" (a known name keeps its
  label: "the mountains of Afghanistan");
- a river named by its reaches: "the upper reaches of the Yangtze";
- a head before the name: "Mount Hermon", "Lake Kivu", "Gulf of Aden",
  "Upper Galilee", "River Severn", "Wadi Rum", "Jebel Marra", "Wadi al-Hamd",
  a Spanish range with its tail: "Sierra Madre del Sur", "Cordillera de los
  Andes" ("Sierra Leone" is a known country);
- a protected area by its two-word head, the name maybe one letter:
  "Virunga National Park", "W National Park", "Selous Game Reserve" (a feature
  inside it is part of its name: "Bryce Canyon National Park").

FAC: a facility noun after a name with a lower-case kind between them, or a
head `names.py` lacks: "Goma international airport", "Mirebalais civil
prison", "Kalma district hospital", "Jiribam community health centre",
"Baledo airstrip", "Giwa barracks", "Hadassah Medical Center", "the Porgera
gold mine", "the al-Dhabba oil terminal", "Faya-Largeau military hospital";
"University Hospital of Mirebalais"; a road by its number: "the N-25 highway", "the M6 motorway".

Refused: a known name ("Ivory Coast", "Rhode Island": a list says what it
is), a people or an organisation before the head ("Malian desert", "UN
military base": whose, not which), a feature inside a longer name ("Bryce
Canyon National Park"), "Forest" without "the" ("Nottingham Forest", "Nottm
Forest" are football clubs; "the Black Forest"), acronyms, sentence openers.
"Isle of" is no head: Wight, Man and Anglesey are administrative areas.
Heads that are also surnames ("Woods", "Wood", "Hill", "Ridge") and words
that name products or teams ("range", "Bay") are not on the lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from glossator.index.entities import shapes
from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.name_words import _CAP, _ORG_HEADS, _STOP_TOKENS, _TOKEN

__all__ = ["CUE_GROUPS", "LandformRules"]

#: Heads written before the name ("Mount Hermon", "Gulf of Aden").
_BEFORE = (
    "Mount ",
    "Lake ",
    "Gulf of ",
    "Bay of ",
    "Sea of ",
    "Strait of ",
    "Straits of ",
    "River ",
    "Wadi ",
    "Jebel ",
    "Jabal ",
    "Sierra ",
    "Cordillera ",
)
#: Spanish range heads take a "del"/"de la" tail: "Sierra Madre del Sur".
_RANGES = frozenset(("Sierra ", "Cordillera "))
_UPPER = ("Upper ", "Lower ")
#: Capitalised heads after the name ("Dnipro River").
_AFTER = tuple(
    f" {word}"
    for word in (
        "River Valley Mountains Mountain Hills Desert Plain Plains Sea Strait Peninsula Basin"
        " Lake Delta Plateau Heights Gorge Coast Island Islands Forest Range Ranges Canyon"
        " Falls Glacier Marshes Swamp Lagoon Pass Highlands Archipelago Rainforest"
    ).split()
)
#: Protected areas after the name ("Virunga National Park", "W National Park").
_PARKS = tuple(
    f" {kind} {head}"
    for kind, head in (
        ("National", "Park"),
        ("Game", "Reserve"),
        ("Nature", "Reserve"),
        ("Wildlife", "Reserve"),
        ("Wildlife", "Sanctuary"),
        ("Forest", "Reserve"),
        ("National", "Reserve"),
    )
)
#: Lower-case heads after the name ("the Sambisa forest"). Not "island" or
#: "coast": after a name they describe ("the Caribbean island", "Adriatic
#: coast" of a country); not "range" ("the Nokia range").
_AFTER_LOWER = tuple(
    f" {word}"
    for word in (
        "river forest rainforest mountains hills valley lake desert plateau plains plain wadi"
        " swamp marshes gorge delta basin pass"
    ).split()
)
#: Heads that need "the" before the name: "Nottingham Forest" is a club, "a
#: Wilkinson pass" a rugby pass.
_AFTER_THE = frozenset({" Forest", " pass", " plain"})
#: Lower-case kinds between a name and its facility noun ("Goma international
#: airport"), and facility nouns `names.py` lacks, with their leading space.
#: Only kinds of facility: an owner ("army", "military", "naval") or a rank
#: ("main") says whose or which facility of a place, not its name ("the
#: town's main hospital"; "US base" is no FAC either).
_KINDS = (
    "international civil central district provincial regional general referral teaching community"
).split()
#: Wire copy's lower-case heads for sites of attacks and sieges, after "the"
#: and a name only: a headline's "Port Sudan fuel depot" names the city.
_AFTER_THE_ONLY = (
    *(" compound", " cathedral", " palace", " port", " seaport", " tunnel", " shopping mall"),
    *(" bus terminal", " ferry terminal", " fuel depot", " arms depot", " ammunition depot"),
    *(" shipyard", " dockyard"),
)
_FACILITIES = tuple(
    f" {kind} {noun}"
    for kind in _KINDS
    for noun in (
        "airport hospital prison base camp airfield barracks clinic".split()
        + ["health centre", "health center"]
    )
) + (
    " mine",
    " gold mine",
    " coal mine",
    " copper mine",
    " airstrip",
    " Airstrip",
    " barracks",
    " health centre",
    " health center",
    " Medical Centre",
    " Medical Center",
    # "oil terminal" (names.py has the fields, refineries and power plants),
    # and "military hospital": a hospital is no owner's as a "military base" is.
    *(" oil terminal", " military hospital"),
    *_AFTER_THE_ONLY,
)
#: Heads that name a facility only after a known place ("Mombasa port").
_PLACE_ONLY = frozenset((" port",))
#: "University Hospital of Mirebalais": a hospital named after "of".
_HOSPITAL_OF = ("Hospital of ",)
_HOSPITAL_KIND_BEFORE = re.compile(
    r"(?<![\w’'-])(?:(?:University|General|Teaching|Military|Central|Regional|Referral"
    r"|Provincial|District|Public)\ )+\Z"
)
#: A facility's name may hold an attached article: "the al-Dhabba oil terminal".
_TOKENS_BEFORE = re.compile(rf"(?<![\w’'-]){_TOKEN}(?:\ {_TOKEN})?\Z")
#: Roads named by a number: "the N-25 highway", "the Mexico 15 highway", "the M6 motorway".
_ROADS = (" highway", " motorway")
_ROAD_NUMBER_BEFORE = re.compile(
    r"(?<![\w’'-])(?:[A-Z][a-z]+\ \d{1,3}[A-Z]?|[A-Z]{1,3}-?\d{1,3}[A-Z]?)\Z"
)

#: A saint's building: "St Mary's Catholic Church", "St Thomas' Hospital",
#: "St James' Park" (a school is an organisation's, OntoNotes-style).
_SAINTS_BUILDING = re.compile(
    rf"St\ {_CAP}(?:['’]s|s?['’])(?:\ {_CAP}){{0,2}}?"
    r"\ (?:Church|Cathedral|Chapel|Abbey|Basilica|Hospital|Palace|Park)(?![\w’'-])"
).match
#: Cue groups for `AnchorFinder`, next to context.py's.
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    "landform_before": _BEFORE,
    "landform_upper": _UPPER,
    "landform_after": _AFTER,
    "landform_after_lower": _AFTER_LOWER,
    "landform_park": _PARKS,
    "facility_kind": _FACILITIES,
    "road": _ROADS,
    "saint": ("St ",),
    "hospital_of": _HOSPITAL_OF,
    "island_of": (" island of ",),
    "landform_shared": (" rivers",),
    "reaches": ("reaches of the ",),
    "landform_of": tuple(f"the {head} of " for head in "mountains forests forest jungles".split()),
}
#: "the Mali Hka and N'Mai Hka rivers": two names before a shared plural head.
_SHARED_BEFORE = re.compile(
    rf"(?<![\w’'-])(?:the|The)\ ({_TOKEN}(?:\ {_TOKEN})?)\ and\ ({_TOKEN}(?:\ {_TOKEN})?)\Z"
)

#: One or two words after a head ("Mount Hermon", "Jebel Marra"), an attached
#: article allowed ("Wadi al-Hamd", "Jabal al-Akhdar").
_ONE_OR_TWO_CAPS = re.compile(rf"{_TOKEN}(?:\ {_TOKEN})?(?![\w’'-])")
_RANGE_TAIL = re.compile(rf"\ (?:del|de\ la|de\ los|de\ las|de)\ {_CAP}(?![\w’'-])").match
_TWO_CAPS_BEFORE = re.compile(rf"(?<![\w’'-]){_CAP}(?:\ {_CAP})?\Z")
#: A park's name may be one capital letter ("W National Park").
_PARK_NAME_BEFORE = re.compile(rf"(?<![\w’'.-])(?:{_CAP}|[A-Z])(?:\ {_CAP})?\Z")
#: A hyphenated description ends the name: "UK-run prison", "Iran-backed".
_DESCRIPTION = re.compile(r"-[a-z]+$")
#: What a lower-case head may not follow: a people or an organisation (whose
#: desert), or a feature already named ("the Nile delta" is the Nile's).
_NOT_BEFORE_LOWER = frozenset(("NORP", "ORG", "FAC", "LOC"))
#: A capitalised word after a feature carries the name on ("Thames Valley Police").
_NEXT_CAP = re.compile(r"\ ([A-Z][\w’'-]*)").match
#: After "River"/"Lake": a room, a city or another head, not a river's name.
_NOT_AFTER_HEAD = frozenset("Island Plate Valley Room City District House Stadium".split())


def _word_ends(text: str, end: int) -> bool:
    return not text[end : end + 1].isalnum()


class LandformRules:
    """LOC and FAC candidates from head words (see the module docstring)."""

    def __init__(self, lookup: Callable[[str], str | None]) -> None:
        """`lookup(name)` gives the fixed-list label of a name, or None."""
        self._lookup = lookup

    def find(self, text: str, cues: dict[str, list[tuple[int, str]]]) -> list[Candidate]:
        """LOC spans for natural features, FAC spans for facilities, and the
        other mentions of each LOC name (fallback)."""
        loc = self._head_first(text, cues) + self._head_last(text, cues)
        # "the island of Negros": the name alone (a known one keeps its label:
        # "the island of Dominica" is a country).
        for pos, cue in cues["island_of"]:
            match = _ONE_OR_TWO_CAPS.match(text, pos + len(cue))
            if match is not None:
                loc.append((match.start(), match.end(), False))
        loc += self._shared_and_of(text, cues)
        out = []
        for start, end, lower in loc:
            name = text[start:end]
            words = name.split()
            if words[0] in _STOP_TOKENS or self._lookup(name) is not None:
                continue  # "Ivory Coast" is a country
            if lower:
                before = text[start : end - len(words[-1]) - 1]
                if self._lookup(before) in _NOT_BEFORE_LOWER or before.isupper():
                    continue  # "the Malian desert", "the UN forest", "the Nile delta"
                if f" {before.rsplit(' ', 1)[-1]}" in _AFTER:
                    continue  # "the Dnipro River delta": the river is the name
            if self._continues(text, end):
                continue  # "Bryce Canyon National Park": a longer name
            out.append(Candidate(start, end, "LOC", Layer.SPECIFIC))
        return out + shapes.other_mentions(text, out) + self._facilities(text, cues)

    @staticmethod
    def _continues(text: str, end: int) -> bool:
        """Whether a capitalised word carries the name on after `end`."""
        match = _NEXT_CAP(text, end)
        return match is not None and match.group(1) not in _STOP_TOKENS

    def _head_first(
        self, text: str, cues: dict[str, list[tuple[int, str]]]
    ) -> list[tuple[int, int, bool]]:
        spans = []
        for pos, cue in cues["landform_before"] + cues["landform_upper"]:
            if pos and text[pos - 1].isalnum():
                continue
            at = pos + len(cue)
            if cue in _UPPER and text.startswith(("House", "Chamber"), at):
                continue
            match = _ONE_OR_TWO_CAPS.match(text, at)
            if match is None and cue in _RANGES:
                match = _RANGE_TAIL(text, at - 1)  # "Cordillera de Merida"
            if match is None:
                continue
            if cue in ("River ", "Lake ") and match.group().split()[0] in _NOT_AFTER_HEAD:
                continue  # "River Island" (a shop), "Lake City"
            end = match.end()
            if cue in _RANGES:
                tail = _RANGE_TAIL(text, end)
                end = tail.end() if tail is not None else end
            spans.append((pos, end, False))
        return spans

    def _head_last(
        self, text: str, cues: dict[str, list[tuple[int, str]]]
    ) -> list[tuple[int, int, bool]]:
        spans = []
        groups = (
            ("landform_after", False),
            ("landform_after_lower", True),
            ("landform_park", False),
        )
        for group, lower in groups:
            before = _PARK_NAME_BEFORE if group == "landform_park" else _TWO_CAPS_BEFORE
            for pos, cue in cues[group]:
                end = pos + len(cue)
                if not _word_ends(text, end):
                    continue
                match = before.search(text, max(0, pos - 40), pos)
                if match is None:
                    continue
                start = match.start()
                first = match.group().split(" ", 1)
                if len(first) == 2 and first[0] in _STOP_TOKENS:
                    start += len(first[0]) + 1  # "The Kurram River flows"
                if cue in _AFTER_THE and not text.endswith(("the ", "The "), 0, start):
                    continue  # "Nottingham Forest", a club; "the Black Forest"; "a Smith pass"
                if group == "landform_park" and not self._names_a_park(text[start:pos]):
                    continue
                spans.append((start, end, lower))
        return spans

    @staticmethod
    def _shared_and_of(
        text: str, cues: dict[str, list[tuple[int, str]]]
    ) -> list[tuple[int, int, bool]]:
        """Names before a shared plural head, after "the mountains of" and
        after "reaches of the"."""
        spans = []
        for pos, cue in cues["reaches"]:
            match = _ONE_OR_TWO_CAPS.match(text, pos + len(cue))
            if match is not None:
                spans.append((match.start(), match.end(), False))
        for pos, cue in cues["landform_shared"]:
            if _word_ends(text, pos + len(cue)):
                match = _SHARED_BEFORE.search(text, max(0, pos - 60), pos)
                if match is not None:
                    spans += [(*match.span(1), False), (*match.span(2), False)]
        for pos, cue in cues["landform_of"]:
            if pos and text[pos - 1].isalnum():
                continue
            match = _ONE_OR_TWO_CAPS.match(text, pos + len(cue))
            while match is not None:
                spans.append((match.start(), match.end(), False))
                if not text.startswith(" and ", match.end()):
                    break
                match = _ONE_OR_TWO_CAPS.match(text, match.end() + 5)
        return spans

    def _names_a_park(self, name: str) -> bool:
        """Whether `name` names a park rather than saying whose ("the UK National
        Park network", "a Kenyan Wildlife Reserve"): one letter ("W") is a name,
        an acronym or a people is not."""
        if len(name) > 1 and name.isupper():
            return False
        return self._lookup(name) not in ("NORP", "ORG")

    def _facilities(self, text: str, cues: dict[str, list[tuple[int, str]]]) -> list[Candidate]:
        out = []
        for pos, cue in cues["facility_kind"]:
            end = pos + len(cue)
            if not _word_ends(text, end):
                continue
            match = _TOKENS_BEFORE.search(text, max(0, pos - 40), pos)
            if match is None:
                continue
            name = match.group()
            words = name.split()
            if words[0] in _STOP_TOKENS or words[-1] in _ORG_HEADS:
                continue  # "a Somali National Army base": whose base
            if self._lookup(name) in ("NORP", "ORG") or name.isupper():
                continue  # "the Kenyan military base", "a UN military base"
            if _DESCRIPTION.search(name) or (cue in _PLACE_ONLY and self._lookup(name) != "GPE"):
                continue  # "an Ethernet port": only a known place's port is one
            if cue in _AFTER_THE_ONLY and not text.endswith(("the ", "The "), 0, match.start()):
                continue
            out.append(Candidate(match.start(), end, "FAC", Layer.SPECIFIC))
        for pos, cue in cues["hospital_of"]:
            kind = _HOSPITAL_KIND_BEFORE.search(text, max(0, pos - 40), pos)
            place = _ONE_OR_TWO_CAPS.match(text, pos + len(cue))
            if kind is not None and place is not None and not self._continues(text, place.end()):
                out.append(Candidate(kind.start(), place.end(), "FAC", Layer.SPECIFIC))
        for pos, cue in cues["road"]:
            end = pos + len(cue)
            road = _ROAD_NUMBER_BEFORE.search(text, max(0, pos - 20), pos)
            if road is not None and _word_ends(text, end):
                out.append(Candidate(road.start(), end, "FAC", Layer.SPECIFIC))
        for pos, _ in cues["saint"]:
            saint = _SAINTS_BUILDING(text, pos)
            if saint is not None and (pos == 0 or not text[pos - 1].isalnum()):
                out.append(Candidate(pos, saint.end(), "FAC", Layer.SPECIFIC))
        return out
