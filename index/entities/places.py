"""Context rules for places: GPE found by the words around a name.

- A capitalised name after "the town/village/city of" (every name after "the
  villages/towns/cities of"), before "region/province/district/state" or a
  lower-case settlement word ("Salama village"), "X County", both names of
  "the X and Y fronts/districts", and "X, a village/town ..." in apposition;
  "The Tibesti, a volcanic range": LOC (other landforms: `landforms.py`).
- Unknown names after "near", "outside", "in", "the road to" ...: a
  fallback GPE, which any label from a list or another rule wins over.

Split from `context.py` (the 400-line limit), whose helpers it shares; each
rule is tried only where its literal cue occurs (`anchors.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from glossator.index.entities import lexicon, shapes
from glossator.index.entities.context import (
    _DESCRIPTION,
    _NAME_BEFORE,
    _NAME_MATCH,
    Cues,
    _word_ends,
)
from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.name_words import _NAME, _STOP_TOKENS, past_description

_CAP_AFTER = re.compile(r"\ [A-Z]").match
_SETTLEMENT_CUES = tuple(
    f"{word} of "
    for word in (
        "town village city district region province governorate area port territory county"
        " department municipality"
    ).split()
) + tuple(f"{word} of " for word in ("towns", "villages", "cities"))
#: After a plural settlement word every name of the list is a place ("the
#: villages of Gida Kiremu and Haro Limu", "the towns of Ndop, Bamessing and Bafut").
_LIST_JOINS = (", and ", " and ", ", ")
_ADMIN_CUES = tuple(
    f" {word}"
    for word in (
        "region province governorate district state oblast territory county department"
        " municipality prefecture township regency subdistrict sub-region"
    ).split()
)
#: A name before a lower-case settlement or local-area word is a place, the
#: word outside ("Salama village", "Bulen woreda", "the Metekel zone", "the
#: Dzhalgan neighbourhood"). " quarter" is the dates' cue ("the third
#: quarter"), so "the Safsaf quarter" is left out.
_SETTLEMENT_AFTER_CUES = tuple(
    f" {word}" for word in "village woreda zone neighbourhood neighborhood locality".split()
)
#: Capitalised words before those that name no place ("the Olympic village",
#: "the Euro zone").
_NOT_SETTLEMENTS = frozenset("Olympic Euro Global Time Eurozone".split())
#: "the Raghwan and Sirwah fronts", "the Mahbes and Farsia sectors": two
#: names joined by "and" before a plural area word are both places.
_AREA_PLURAL_CUES = tuple(
    f" {word}"
    for word in (
        "districts provinces regions governorates sectors fronts neighbourhoods"
        " neighborhoods towns villages"
    ).split()
)
#: "Tassia, a village about 40 km from", "al-Maqwas, a Bedouin neighbourhood":
#: a name before ", a/an" and a settlement word (not "a village chief").
_SETTLEMENT_APPOSITION = re.compile(
    r"(?:[\w-]+\ ){0,2}?(?:village|hamlet|town|city|neighbourhood|neighborhood|suburb"
    r"|settlement)\b(?!\ (?:chief|head|elder|leader|council|councillor|official|resident"
    r"|hall|mayor|crier|centre|center))"
)
#: "Gilgel Beles, the zone's capital,", "X, the capital of Y", "X, a provincial
#: capital": a capital is a place (not "the venture capital arm").
_CAPITAL_APPOSITION = re.compile(
    r"(?:[\w-]+(?:['’]s)?\ ){0,2}?capital(?:\ city)?(?=[,.;]|\ (?:of|where|which|since|and"
    r"|in|on|about|some|near)\b)"
)
#: "The Tibesti, a volcanic range whose highest peak", "the Barak, a river
#: that": a name described as a natural feature is one (LOC), whatever a
#: list says the name is elsewhere (the Tibesti region).
_LANDFORM_APPOSITION = re.compile(
    r"(?:[\w-]+\ ){0,2}?(?:range|mountain\ range|massif|river|tributary|plateau|volcano"
    r"|desert|lake|mountain)(?=[,.;]|\ (?:whose|that|which|in|on|near|along|where|running"
    r"|rising|flowing|stretching|with|between|across)\b)"
)
_NOT_IN_APPOSITION = re.compile(r"\b(?:of|from|the|in|at)\ ")
_AND_NAME_BEFORE = re.compile(rf"(?<![\w’'-])({_NAME}) and ({_NAME})\Z")
#: A capitalised name after these with no other label is taken for a place:
#: "near Vovchansk", "the road to Zalambessa", "their base at Fataki", "the
#: direction of al-Takma", "camps around Shire". Not "post at" (a job on
#: BBC: "the vacant post at Ajax").
LOCATIVE_CUES = (
    " near ",
    " outside ",
    " towards ",
    " in ",
    " road to ",
    " road between ",
    " base at ",
    " bases at ",
    " bases around ",
    " camps around ",
    " direction of ",
    " posts at ",
    " barracks at ",
    " travelled to ",
    " positions around ",
    " roads around ",
    " villages around ",
    " returning from ",
    " sent from ",
    # "reached Yuai and Motot", "fled to Gilgel Beles".
    *(" reached ", " fled to ", " fled from "),
)
#: Last words that make a name after "in" something other than a place.
_NOT_PLACE_HEADS = frozenset(
    """Cup League Championship Championships Open Games Olympics Party Council Committee
    Commission Court Parliament Assembly Congress Senate Ministry Department Office Group
    Company Bank Times Post News Award Awards Prize Festival Street Road Square Hall House
    Theatre Centre Center Park Stadium Hospital Airport Base Prison University College School
    Act Bill Report Review Inquiry Agreement Treaty Cabinet""".split()
)
#: Words before "in" that make what follows a company or a film ("shares in
#: Gazprom", "starring in Closer"), measured on BBC.
_NOT_PLACE_BEFORE_IN = re.compile(
    r"(?:[Ss]hares|stake|stakes|interest|investment|invest|invested|investing|role|roles|starring"
    r"|starred|stars|appeared|appears|nominated|work|works|worked|working)\Z"
)

#: A name after "at", "from", "seized" or "captured", then " in " and a known
#: place inside a country: "at Kakopathar in Tinsukia", "seized Paletwa in
#: Chin State", "from Dartford in Kent".
_PLACE_BEFORE_IN = re.compile(
    r"(?<![\w’'-])(?:at|from|seized|captured)\ ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\Z"
)

#: Peoples whose name is also their region's ("Amhara", "Afar", "Somali"): NORP
#: in the lists, GPE before "region" or after "in"/"near" with no noun after.
_REGION_PEOPLES = frozenset("Amhara Afar Somali Oromo".split())
_LOWER_WORD = re.compile(r"\ [a-z]")

#: The cues of these rules, by group (merged into `AnchorFinder`'s groups).
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    "settlement": _SETTLEMENT_CUES,
    "admin": _ADMIN_CUES,
    "settlement_after": _SETTLEMENT_AFTER_CUES,
    "area_plural": _AREA_PLURAL_CUES,
    "locative": LOCATIVE_CUES,
    "county": (" County",),
}
#: "<X> County" names a football club, not a county ("Notts County").
_COUNTY_CLUBS = frozenset("Derby Notts Stockport".split())


class PlaceRules:
    """GPE (and LOC) candidates from the words around a name (see the module docstring)."""

    def __init__(self, lookup: Callable[[str], str | None]) -> None:
        """`lookup(name)` gives the fixed-list label of a name, or None."""
        self._lookup = lookup
        self._nations = frozenset(lexicon.read_list("national_sides.txt"))

    def places(self, text: str, cues: Cues) -> list[Candidate]:
        """GPE after "the village of", before "region", before ", a village", and
        both names of "the X and Y fronts" (landforms: `landforms.py`)."""
        gpe = []
        features: list[Candidate] = []
        for pos, cue in cues["settlement"]:
            if pos == 0 or not text[pos - 1].isalpha():
                match = _NAME_MATCH(text, pos + len(cue))
                if match is not None:
                    gpe.append(match.span())
                plural = cue.endswith("s of ")
                while plural and match is not None:
                    join = next((j for j in _LIST_JOINS if text.startswith(j, match.end())), None)
                    if join is None:
                        break
                    match = _NAME_MATCH(text, match.end() + len(join))
                    if match is not None:
                        gpe.append(match.span())
                    if join.endswith("and "):
                        break
        for pos, cue in cues["admin"]:
            if text.startswith(" store", pos + len(cue)):
                continue  # "Upscale department store"
            if _word_ends(text, pos + len(cue)) and text[pos - 1 : pos].isalpha():
                match = _NAME_BEFORE.search(text, max(0, pos - 50), pos)
                if match is not None:
                    gpe.append(match.span())
        for pos, cue in cues["settlement_after"]:
            end = pos + len(cue)
            if _word_ends(text, end):
                match = _NAME_BEFORE.search(text, max(0, pos - 50), pos)
                if match is not None and _NOT_SETTLEMENTS.isdisjoint(
                    re.split(r"[ -]", match.group())
                ):
                    gpe.append(match.span())  # not "the Euro-Africa zone"
        for pos, cue in cues["county"]:  # "Uror County", "Tambura County": the name, head and all
            end = pos + len(cue)
            if _word_ends(text, end) and not _CAP_AFTER(text, end):  # not "Durham County Council"
                match = _NAME_BEFORE.search(text, max(0, pos - 50), pos)
                if match is not None and match.group().split()[-1] not in _COUNTY_CLUBS:
                    gpe.append((match.start(), end))
        # The ", a "/", an " cues are org_context.py's group, shared.
        for pos, cue in cues.get("apposition", ()):
            feature = _LANDFORM_APPOSITION.match(text, pos + len(cue))
            if feature is not None and cue != ", the ":  # not "Presumably, the age range"
                match = _NAME_BEFORE.search(text, max(0, pos - 50), pos)
                if match is not None and not _NOT_IN_APPOSITION.search(feature.group()):
                    start = match.start() + (4 if match.group().startswith("The ") else 0)
                    name = text[start : match.end()]
                    known = self._lookup(name)
                    if name.split()[0] not in _STOP_TOKENS and known in (None, "GPE", "LOC"):
                        features.append(Candidate(start, match.end(), "LOC", Layer.SPECIFIC))
                continue
            kind = _SETTLEMENT_APPOSITION.match(text, pos + len(cue))
            kind = kind or _CAPITAL_APPOSITION.match(text, pos + len(cue))
            if kind is not None and not _NOT_IN_APPOSITION.search(kind.group()):
                match = _NAME_BEFORE.search(text, max(0, pos - 50), pos)
                if match is not None:
                    gpe.append(match.span())
        for pos, cue in cues["area_plural"]:
            if _word_ends(text, pos + len(cue)) and text[pos - 1 : pos].isalpha():
                pair = _AND_NAME_BEFORE.search(text, max(0, pos - 80), pos)
                # "the Americas and Asia-Pacific regions": continents, no places of ours.
                if pair is not None and not any(
                    self._lookup(part) == "LOC" for part in re.split(r"[ -]", pair.group())
                ):
                    gpe += [pair.span(1), pair.span(2)]
        out = []
        for start, end in gpe:
            start = past_description(text, start, end)
            name = text[start:end]
            if _DESCRIPTION.search(name):
                continue  # "the Muslim-majority region": a description, no name
            if name in _REGION_PEOPLES:  # "the Amhara region": the place, not its people
                out.append(Candidate(start, end, "GPE", Layer.SPECIFIC))
                continue
            if name.split()[0] in _STOP_TOKENS or self._lookup(name) in ("NORP", "ORG", "FAC"):
                continue
            out.append(Candidate(start, end, "GPE", Layer.LEXICON))
        return out + shapes.other_mentions(text, out) + features

    def after_locatives(self, text: str, cues: Cues) -> list[Candidate]:
        """GPE guesses (fallback layer) for unknown names after "near", "in"...:
        any label from a list or another rule wins over them."""
        out, strong = [], []
        for pos, cue in cues["locative"]:
            at = pos + len(cue)
            match = _NAME_MATCH(text, at)
            if match is None:
                continue
            name = match.group()
            if not self._placelike(text, match, known_ok=True):
                continue
            if cue == " in " and _NOT_PLACE_BEFORE_IN.search(text, max(0, pos - 12), pos):
                continue
            known = self._lookup(name)
            if cue == " in " and known == "GPE" and name not in self._nations:
                inner = _PLACE_BEFORE_IN.search(text, max(0, pos - 40), pos)
                if inner is not None and self._lookup(inner.group(1)) is None:
                    # "an army camp at Kakopathar in Tinsukia district"
                    out.append(Candidate(*inner.span(1), "GPE", Layer.FALLBACK))
            if name in _REGION_PEOPLES and not _LOWER_WORD.match(text, match.end()):
                out.append(Candidate(at, match.end(), "GPE", Layer.SPECIFIC))  # "in Amhara"
            if known is None:
                out.append(Candidate(at, match.end(), "GPE", Layer.FALLBACK))
                if cue != " in ":  # after "in" half are no places (BBC)
                    strong.append(out[-1])
            # "near Vovchansk and Lyptsi", "in Hiran and Galmudug": the second
            # name is a place too; after "in" only when the first is a known place.
            if text.startswith(" and ", match.end()) and (
                known == "GPE" or (known is None and cue != " in ")
            ):
                second = _NAME_MATCH(text, match.end() + 5)
                if second is not None and self._placelike(text, second):
                    out.append(Candidate(*second.span(), "GPE", Layer.FALLBACK))
        return out + shapes.other_mentions(text, strong)

    def _placelike(self, text: str, match: re.Match[str], known_ok: bool = False) -> bool:
        """Whether a name after a locative may be a place: not a stop word, an
        organisation's head, capitals ("NTL") or a possessor ("Public Enemy's")."""
        name = match.group()
        words = name.split()
        if words[0] in _STOP_TOKENS or words[-1] in _NOT_PLACE_HEADS or name.isupper():
            return False
        if text.startswith(("’s", "'s"), match.end()):
            return False
        return known_ok or self._lookup(name) is None
