"""Context rules: spans found by the words around them rather than by a list.

- DATE: relative and partial dates ("recent weeks", "the previous week",
  "last month", "two years ago", "three days later", "early this year",
  "late July", "early Friday", "mid-March").
- ORG and others: an acronym defined in parentheses after its full name
  ("Israel Defense Forces (IDF)") labels the full name and every later use of
  the acronym; an unknown acronym in capitals is a fallback ORG.
- ORG by the words around a name ("the X-backed ...", "spokesman for X",
  "members of X"): `org_context.py`.
- GPE: a capitalised name after "the town/village/city of" or before
  "region/province/district/state" ("the village of Aita al-Shaab").
- LOC and FAC by a head word: `landforms.py`.
- WEAPON: lower-case weapon modifiers join the weapon after them
  ("explosive" + "drone" -> "explosive drone").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from glossator.index.entities import lexicon, shapes
from glossator.index.entities.acronyms import AcronymRules
from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.name_words import _NAME, _STOP_TOKENS
from glossator.index.entities.names import past_description
from glossator.index.entities.periods import period_after_unit

_NUMBER = (
    r"(?i:few|several|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty"
    r"|fifty)"
)
_UNIT = r"(?:day|week|weekend|month|year|decade)s?"
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
    *(" quarter", " half"),
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

#: Every rule below is tried only where one of its literal cue words occurs
#: (found with str.find), with a name matched forwards or backwards from
#: there: a pattern scanned over the whole text cost more than all other
#: rules together.
_NAME_BEFORE = re.compile(rf"(?<![\w’'-]){_NAME}\Z")
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
        " municipality prefecture township"
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
)
_DESCRIPTION = re.compile(r"-[a-z]+$")
_HYPHEN_DESCRIPTION = re.compile(r"-[a-z]")
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


_NAME_MATCH = re.compile(_NAME).match
#: Peoples whose name is also their region's ("Amhara", "Afar", "Somali"): NORP
#: in the lists, GPE before "region" or after "in"/"near" with no noun after.
_REGION_PEOPLES = frozenset("Amhara Afar Somali Oromo".split())
_LOWER_WORD = re.compile(r"\ [a-z]")


#: Every cue the rules need, by group; `AnchorFinder` finds them all in the
#: pass it already makes over the text, and the rules get them as `Cues`.
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    "settlement": _SETTLEMENT_CUES,
    "admin": _ADMIN_CUES,
    "settlement_after": _SETTLEMENT_AFTER_CUES,
    "area_plural": _AREA_PLURAL_CUES,
    "unit": _UNIT_WORDS,
    "locative": LOCATIVE_CUES,
    "county": (" County",),
}
#: "<X> County" names a football club, not a county ("Notts County").
_COUNTY_CLUBS = frozenset("Derby Notts Stockport".split())


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
