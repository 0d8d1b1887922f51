"""Context rules: spans found by the words around them rather than by a list.

- DATE: relative and partial dates ("recent weeks", "the previous week",
  "last month", "two years ago", "late July", "early Friday", "mid-March").
- ORG and others: an acronym defined in parentheses after its full name
  ("Israel Defense Forces (IDF)") labels the full name and every later use of
  the acronym; an unknown acronym in capitals is a fallback ORG.
- ORG: "the X-backed/-led/-aligned ..." and "spokesman for (the) X" when X is
  not a known place or people.
- GPE: a capitalised name after "the town/village/city of" or before
  "region/province/district/state" ("the village of Aita al-Shaab").
- LOC: names with a landform head ("Dnipro River", "Mount Hermon", "Lake Kivu",
  "Upper Galilee").
- WEAPON: lower-case weapon modifiers join the weapon after them
  ("explosive" + "drone" -> "explosive drone").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from glossator.index.entities import lexicon, shapes
from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.names import _CAP, _NAME, _STOP_TOKENS

_NUMBER = (
    r"(?:few|several|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|fifteen|twenty|thirty|forty|fifty)"
)
_UNIT = r"(?:day|week|weekend|month|year|decade)s?"
#: Relative dates, matched backwards from their unit word (a window ending at
#: the unit, `\Z` = the window's end).
_RELATIVE = re.compile(
    rf"""(?<![\w-])(?:
        (?:[Tt]he\ )?(?:[Pp]ast|[Pp]revious|[Ff]ollowing|[Cc]oming|[Pp]receding|[Ll]ast|[Nn]ext)
            \ (?:{_NUMBER}\ )?{_UNIT}
      | (?:[Tt]his|[Ll]ast|[Nn]ext)\ {_UNIT}
      | [Rr]ecent\ {_UNIT}
      | (?:[Ee]arlier|[Ll]ater)\ this\ {_UNIT}
      | (?:[Aa]|[Aa]n|[Oo]ne|[Aa]\ few|{_NUMBER})\ {_UNIT}\ ago
    )\Z""",
    re.VERBOSE,
)
_UNIT_WORDS = (" day", " week", " month", " year", " decade", " ago")
#: Words before a named date that belong to it: "late July", "early Friday",
#: "mid-March", "last Tuesday".
_DATE_PREFIX = re.compile(
    r"(?<![\w-])(?:[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Nn]ext|[Tt]his)(?:\ |(?<=[Mm]id)-)\Z"
)

#: "(IDF)", "(UKMTO)", "(M23)": two or more capitals, maybe digits, maybe a final s.
_DEFINED = re.compile(r"\(([A-Z][A-Za-z]?[A-Z0-9]{1,7})\)")
_CONNECTOR = r"(?:of|for|in|on|and|de|du|des|of\ the|for\ the|and\ the|in\ the|on\ the)"
_FULL_NAME = re.compile(rf"(?<![\w’'-]){_NAME}(?:\ {_CONNECTOR}\ {_NAME})*\Z")
#: Starts with a character class (the boundary checked after the first
#: capital) so the regex engine can skip to the next capital.
_ACRONYM = re.compile(r"[A-Z](?<![\w’'-][A-Z])(?:[A-Z]{2,6}|[A-Z]?\d{1,3})(?![\w’'])")
#: Capitals that are not organisations: units, time zones, roman numerals,
#: diseases and the like.
_NOT_ORG = frozenset(
    """GMT BST EST PST UTC CET TV DVD CEO CFO MP MPs MEP MEPs PM AM FM GDP DNA HIV AIDS BSE SARS
    III IV VI VII VIII IX XI XII XIV XV XX OK USA UAE UK US USB PC PCS LCD SMS MP3 CD CDS FA
    IT ID VAT PIN API RPG UAV IED ATM NGO NGOs DJ ASAP FAQ PDF ICT SUV CCTV GCSE PhD MBA RAF
    THE AND FOR NOT ALL NEW ONE TWO BUT WAS HAS ARE YOU OUR WHO IPTV UMD HMS GPS PSP PVR RFID
    HD HDTV LED VOIP MMS CPU RAM ROM PDA PDAs DRM WAP DSL ADSL ISP ISPs URL HTML XML GPRS PS2
    DTT UWB GTA GSM UMTS HSDPA WLAN LAN DVB DAB SIM P2P""".split()
)

#: Every rule below is tried only where one of its literal cue words occurs
#: (found with str.find), with a name matched forwards or backwards from
#: there: a pattern scanned over the whole text cost more than all other
#: rules together.
_NAME_AT = re.compile(rf"{_NAME}(?:\ {_CONNECTOR}\ {_NAME})*")
_NAME_BEFORE = re.compile(rf"(?<![\w’'-]){_NAME}\Z")
_THE_NAME_BEFORE = re.compile(rf"(?<![\w’'-])(?:the|The)\ ({_CAP}(?:\ {_CAP})*)\Z")
_BACKED_CUES = tuple(
    f"-{word}"
    for word in (
        "backed led aligned allied linked affiliated controlled run supported sponsored".split()
    )
)
_SPOKESMAN_CUES = tuple(
    f"{word} for " for word in "spokesman spokeswoman spokesperson official commander".split()
)
_SETTLEMENT_CUES = tuple(
    f"{word} of "
    for word in (
        "town village city district region province governorate area port territory county"
        " department municipality"
    ).split()
)
_ADMIN_CUES = tuple(
    f" {word}"
    for word in (
        "region province governorate district state oblast territory county department"
        " municipality prefecture"
    ).split()
)
#: "energy firm Burren Energy", "security firm Ambrey": a lower-case kind of
#: organisation right before a name; "the Emergency Lawyers group",
#: "Wazalendo militias": right after it.
_ORG_KIND_BEFORE = tuple(
    f"{word} "
    for word in (
        "firm company carrier operator newspaper charity insurer retailer airline conglomerate"
    ).split()
)
_ORG_KIND_AFTER = (" group", " militia", " militias")
#: A capitalised name after these with no other label is taken for a place.
LOCATIVE_CUES = (" near ", " outside ", " towards ", " in ")
_LANDFORM_BEFORE = ("Mount ", "Lake ", "Gulf of ", "Bay of ", "Sea of ", "Strait of ")
_LANDFORM_UPPER = ("Upper ", "Lower ")
_LANDFORM_AFTER = tuple(
    f" {word}"
    for word in (
        "River Valley Mountains Mountain Hills Desert Plain Plains Sea Strait Peninsula Basin"
        " Lake Delta Plateau Heights Gorge Coast Island Islands"
    ).split()
)
_ONE_OR_TWO_CAPS = re.compile(rf"{_CAP}(?:\ {_CAP})?(?![\w’'-])")
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
    r"(?:shares|stake|stakes|interest|investment|invest|invested|investing|role|roles|starring"
    r"|starred|stars|appeared|appears|nominated|work|works|worked|working)\Z"
)
_TITLE_WORDS = frozenset(
    "Commissioner Minister Secretary President Chancellor Director Chairman Governor".split()
)


_NAME_MATCH = re.compile(_NAME).match
_TWO_CAPS_BEFORE = re.compile(rf"(?<![\w’'-]){_CAP}(?:\ {_CAP})?\Z")


#: Every cue the rules need, by group; `AnchorFinder` finds them all in the
#: pass it already makes over the text, and the rules get them as `Cues`.
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    "backed": _BACKED_CUES,
    "spokesman": _SPOKESMAN_CUES,
    "settlement": _SETTLEMENT_CUES,
    "admin": _ADMIN_CUES,
    "landform_before": _LANDFORM_BEFORE,
    "landform_upper": _LANDFORM_UPPER,
    "landform_after": _LANDFORM_AFTER,
    "unit": _UNIT_WORDS,
    "locative": LOCATIVE_CUES,
    "org_before": _ORG_KIND_BEFORE,
    "org_after": _ORG_KIND_AFTER,
}


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

    def relative_dates(self, text: str, cues: Cues) -> list[Candidate]:
        """DATE spans for relative dates, found from their unit words."""
        out = []
        for pos, unit in cues["unit"]:
            end = pos + len(unit)
            if unit != " ago":
                if text[end : end + 3] == "end":  # "weekend"
                    end += 3
                if text[end : end + 1] == "s":
                    end += 1
            if not text[end : end + 1].isalnum():
                match = _RELATIVE.search(text, max(0, pos - 40), end)
                if match is not None:
                    out.append(Candidate(match.start(), end, "DATE", Layer.LEXICON))
        return out

    def partial_dates(self, text: str, dates: list[Candidate]) -> list[Candidate]:
        """Named dates grown to take in "early", "late", "mid-", "last", "next", "this"."""
        out = []
        for date in dates:
            if date.label != "DATE":
                continue
            match = _DATE_PREFIX.search(text, max(0, date.start - 10), date.start)
            if match is not None:
                out.append(Candidate(match.start(), date.end, "DATE", date.layer))
        return out

    def acronyms(self, text: str, found: list[Candidate]) -> list[Candidate]:
        """A full name with its acronym in parentheses after it, the acronym
        everywhere in the article, and unknown capitals as fallback ORG."""
        out: list[Candidate] = []
        labels = {(c.start, c.end): c.label for c in found}
        defined: dict[str, str] = {}
        pos = text.find("(")
        while pos >= 0:
            match = _DEFINED.match(text, pos)
            if match is not None and text[pos - 1 : pos] == " ":
                full = _FULL_NAME.search(text, max(0, pos - 120), pos - 1)
                if full is not None:
                    start, end = full.span()
                    head, _, rest = text[start:end].partition(" ")
                    while rest and head in _STOP_TOKENS:  # "The", "In"
                        start += len(head) + 1
                        head, _, rest = rest.partition(" ")
                    label = labels.get((start, end), "ORG")
                    if label in ("PERSON", "NORP", "DATE", "TIME", "CARDINAL", "WEAPON"):
                        label = "ORG"
                    if " " in text[start:end]:
                        out.append(Candidate(start, end, label, Layer.SPECIFIC))
                        defined[match.group(1)] = label
            pos = text.find("(", pos + 1)
        capitals: dict[int, bool] = {}
        for match in _ACRONYM.finditer(text):
            word = match.group()
            carried = defined.get(word)
            if carried is not None:
                out.append(Candidate(match.start(), match.end(), carried, Layer.SPECIFIC))
                continue
            if word in _NOT_ORG or word in _STOP_TOKENS or self._lookup(word) is not None:
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            headline = capitals.get(line_start)
            if headline is None:
                headline = capitals[line_start] = shapes.in_capitals(text, line_start)
            if not headline:
                out.append(Candidate(match.start(), match.end(), "ORG", Layer.FALLBACK))
        return out

    def backed_and_spokesman(self, text: str, cues: Cues) -> list[Candidate]:
        """ORG for "the X-backed ..." and "spokesman for the X" when X is no known place."""
        spans = []
        for pos, cue in cues["backed"]:
            if _word_ends(text, pos + len(cue)):
                match = _THE_NAME_BEFORE.search(text, max(0, pos - 60), pos)
                if match is not None:
                    spans.append(match.span(1))
        for pos, cue in cues["org_before"]:
            if pos and text[pos - 1].isalpha():
                continue  # "confirm Monday"
            match = _NAME_MATCH(text, pos + len(cue))
            if match is not None:
                spans.append(match.span())
        for pos, cue in cues["org_after"]:
            if _word_ends(text, pos + len(cue)) and text[pos - 1 : pos].isalpha():
                match = _NAME_BEFORE.search(text, max(0, pos - 50), pos)
                # "Iranian-backed Iraqi militia": whose militia, not its name.
                if match is not None and self._lookup(match.group().split()[-1]) is None:
                    if not _HYPHEN_DESCRIPTION.search(match.group()):
                        spans.append(match.span())
        for pos, cue in cues["spokesman"]:
            at = pos + len(cue)
            if text.startswith("the ", at):
                at += 4
            match = _NAME_AT.match(text, at)
            if match is not None:
                spans.append(match.span())
        out = []
        for start, end in spans:
            name = text[start:end]
            words = name.split()
            if self._lookup(name) is not None or words[0] in _STOP_TOKENS:
                continue
            if _DESCRIPTION.search(name) or not _TITLE_WORDS.isdisjoint(words):
                continue  # "North Carolina-based", "... Commissioner Franco Frattini"
            out.append(Candidate(start, end, "ORG", Layer.SPECIFIC))
        return out

    def places(self, text: str, cues: Cues) -> list[Candidate]:
        """GPE after "the village of" or before "region"; LOC by landform heads."""
        gpe = []
        for pos, cue in cues["settlement"]:
            if pos == 0 or not text[pos - 1].isalpha():
                match = _NAME_MATCH(text, pos + len(cue))
                if match is not None:
                    gpe.append(match.span())
        for pos, cue in cues["admin"]:
            if text.startswith(" store", pos + len(cue)):
                continue  # "Upscale department store"
            if _word_ends(text, pos + len(cue)) and text[pos - 1 : pos].isalpha():
                match = _NAME_BEFORE.search(text, max(0, pos - 50), pos)
                if match is not None:
                    gpe.append(match.span())
        out = []
        for start, end in gpe:
            name = text[start:end]
            if name.split()[0] in _STOP_TOKENS or self._lookup(name) in ("NORP", "ORG", "FAC"):
                continue
            out.append(Candidate(start, end, "GPE", Layer.LEXICON))
        loc = []
        for pos, cue in cues["landform_before"] + cues["landform_upper"]:
            if pos and text[pos - 1].isalnum():
                continue
            at = pos + len(cue)
            if cue in _LANDFORM_UPPER and text.startswith(("House", "Chamber"), at):
                continue
            match = _ONE_OR_TWO_CAPS.match(text, at)
            if match is not None:
                loc.append((pos, match.end()))
        for pos, cue in cues["landform_after"]:
            end = pos + len(cue)
            if _word_ends(text, end):
                match = _TWO_CAPS_BEFORE.search(text, max(0, pos - 40), pos)
                if match is not None:
                    loc.append((match.start(), end))
        for start, end in loc:
            name = text[start:end]
            if name.split()[0] in _STOP_TOKENS or self._lookup(name) is not None:
                continue  # "Ivory Coast" is a country
            out.append(Candidate(start, end, "LOC", Layer.SPECIFIC))
        return out + shapes.other_mentions(text, out)

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
