"""Acronyms: an acronym defined in parentheses after its full name ("Israel
Defense Forces (IDF)", "Lashkar-e-Taiba (LeT)", "Sudan People's Liberation
Movement-North (SPLM-N)") or before it ("RED-Tabara (Resistance for the Rule of
Law in Burundi)") labels the full name and every later use of the acronym; an
unknown acronym in capitals is a fallback ORG, hyphenated parts and all
("CNDD-FDD", "SPLM-IO").
The full name leaves out what stands in front of it: "The", a hyphenated
description ("Kurdish-led") and the people of the group ("Fighters of the").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from glossator.index.entities import lexicon, shapes
from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.name_words import (
    _NAME,
    _ORG_HEADS,
    _STOP_TOKENS,
    past_description,
    unit_of_body,
)

#: "(IDF)", "(UKMTO)", "(M23)": two or more capitals, maybe digits, maybe a final s.
_DEFINED = re.compile(r"\(([A-Z][A-Za-z]?[A-Z0-9]{1,7}(?:-[A-Z0-9]{1,5})*)\)")
_CONNECTOR = r"(?:of|for|in|on|and|de|du|des|of\ the|for\ the|and\ the|in\ the|on\ the)"
#: A name and "and (the)" opening a longer full name.
_PLACE_AND = re.compile(rf"({_NAME}) and (?:the )?")
_FULL_NAME = re.compile(rf"(?<![\w’'-]){_NAME}(?:\ {_CONNECTOR}\ {_NAME})*\Z")
#: Starts with a character class (the boundary checked after the first
#: capital) so the regex engine can skip to the next capital.
#: A possessive is outside the name ("KFOR's commander"); another apostrophe
#: is part of a word in capitals ("DON'T").
_ACRONYM = re.compile(
    r"[A-Z](?<![\w’'-][A-Z])(?:[A-Z]{2,6}|[A-Z]?\d{1,3})(?![\w]|['’](?!s(?![\w’'])))"
)
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

#: Capitals joined by "&" ("AT&T", "S&P", "P&O"), a possessive outside.
_AMPERSAND = re.compile(
    r"[A-Z](?<![\w’'&-][A-Z])[A-Z]{0,2}&[A-Z]{1,3}(?![\w&-]|['’](?!s(?![\w’'])))"
)
#: A capitalised word right before or after: the capitals are inside a name.
_WORD_BEFORE = re.compile(r"(?<![\w’'-])[A-Z][a-z]+\ \Z")
_WORD_AFTER = re.compile(r"\ [A-Z][a-z]")
#: "&" capitals that are terms, not organisations.
_AMPERSAND_TERMS = frozenset("A&E R&D Q&A R&B B&B M&A P&L G&T S&L D&T F&B E&P".split())

#: An acronym joined by hyphens to capitals or a name ("CNDD-FDD", "SPLM-N",
#: "RED-Tabara"); "US-led" and "AK-47" are no such name.
_HYPHENATED = re.compile(
    r"[A-Z](?<![\w’'-][A-Z])[A-Z0-9]{1,6}(?:-(?:[A-Z][A-Z0-9]{0,5}|[A-Z][a-z]{2,}))+(?![\w’'-])"
)
#: The full name in parentheses right after an acronym: "(Resistance for the Rule of Law)".
_NAME_IN_PARENS = re.compile(rf"\ \(({_NAME}(?:\ {_CONNECTOR}\ {_NAME})*)\)")
#: The acronym just before " (": capitals, maybe hyphenated ("RED-Tabara").
_ACRONYM_BEFORE = re.compile(
    r"(?<![\w’'-])[A-Z][A-Z0-9]{1,6}(?:-(?:[A-Z][A-Z0-9]{0,5}|[A-Z][a-z]{2,}))*\Z"
)
_HYPHEN_PART = re.compile("-")
#: A common-noun possessive just before a defined name: "Sudan People's" in
#: front of "Liberation Movement-North (SPLM-N)".
_POSSESSOR_BEFORE = re.compile(
    rf"(?<![\w’'-])(?:{_NAME}\ )?(?:{'|'.join(shapes.POSSESSORS)})(?:s?['’]|['’]s)\ \Z"
)

#: "Fighters of the National Liberation Army": people nouns in front of a name.
_MEMBERS_OF = re.compile(r"([A-Z][a-z]+)\ of\ (?:the\ )?(?=[A-Z])")


def _whole_words(text: str, word: str) -> list[int]:
    """Where `word` occurs in `text` as a whole word."""
    out = []
    pos = text.find(word)
    while pos >= 0:
        end = pos + len(word)
        if not (text[pos - 1 : pos].isalnum() or text[end : end + 1].isalnum()):
            out.append(pos)
        pos = text.find(word, end)
    return out


def _initials(name: str) -> str:
    """The initials of a hyphenated one-word name ("Lashkar-e-Taiba" -> "LeT"),
    or "" for a name of one part."""
    parts = name.split("-")
    return "".join(part[:1] for part in parts) if len(parts) > 2 else ""


#: Heads that make a defined full name a place, not a body: "Ene and Mantaro
#: River Valley (VRAEM)" is a LOC, and so is every later use of the acronym.
#: Not a region's ("Gorno-Badakhshan Autonomous Region (GBAO)" as a GPE
#: split stories/heldout15's Khorog reports: the canonical names of a region,
#: its acronym and its short name are not joined yet), nor "Province"
#: ("Islamic State West Africa Province (ISWAP)" is a group).
_PLACE_HEADS = dict.fromkeys("Valley Basin Delta Mountains Highlands Plateau Desert".split(), "LOC")
_HEAD_BEFORE = re.compile(r"(\S+)\ (?:in|of)\ ")


def _place_label(name: str) -> str:
    """LOC when the name's head (its last word, or the word before its first
    "in" or "of") is a landform's, else ORG."""
    label = _PLACE_HEADS.get(name.rsplit(" ", 1)[-1])
    if label is None and (head := _HEAD_BEFORE.search(name)) is not None:
        label = _PLACE_HEADS.get(head.group(1))
    return label or "ORG"


class AcronymRules:
    """Acronym candidates; `lookup(name)` gives the fixed-list label of a name."""

    def __init__(self, lookup: Callable[[str], str | None]) -> None:
        self._lookup = lookup
        self._people = lexicon.read_words("count_nouns.txt")

    def find(self, text: str, found: list[Candidate]) -> list[Candidate]:
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
                    start = self._past_stop_words(text, start, end)  # "The", "In"
                    start = self._past_members(text, past_description(text, start, end), end)
                    start = self._past_place_and(text, start, end, match.group(1))
                    owner = _POSSESSOR_BEFORE.search(text, max(0, start - 60), start)
                    if owner is not None:  # "Sudan People's Liberation Movement-North"
                        start = self._past_stop_words(text, owner.start(), end)
                    start = self._past_unit(text, start, end, out)
                    label = labels.get((start, end)) or _place_label(text[start:end])
                    if label in ("PERSON", "NORP", "DATE", "TIME", "CARDINAL", "WEAPON"):
                        label = "ORG"
                    acronym = match.group(1)
                    if "-" in acronym and not self._joins(acronym.split("-")):
                        pass  # "(DVB-H)": a technical standard, not a body
                    elif " " in text[start:end] or _initials(text[start:end]) == acronym:
                        out.append(Candidate(start, end, label, Layer.SPECIFIC))
                        if len(acronym) > 2 or self._body(text[start:end], acronym):
                            defined[acronym] = label
            elif match is None:
                self._name_after(text, pos, labels, out, defined)
            pos = text.find("(", pos + 1)
        for word, carried in defined.items():
            # "LeT", "KeNHA", "FC", "DIPAMPCO": the capitals pass cannot see them
            if _ACRONYM.fullmatch(word) is None and _HYPHENATED.fullmatch(word) is None:
                out += [
                    Candidate(pos, pos + len(word), carried, Layer.SPECIFIC)
                    for pos in _whole_words(text, word)
                ]
        capitals: dict[int, bool] = {}
        for match in _HYPHENATED.finditer(text):
            word = match.group()
            known = defined.get(word)
            if known is None and not self._joins(word.split("-")):
                continue
            line_start = text.rfind("\n", 0, match.start()) + 1
            headline = capitals.get(line_start)
            if headline is None:
                headline = capitals[line_start] = shapes.in_capitals(text, line_start)
            if known is not None or not headline:
                out.append(Candidate(match.start(), match.end(), known or "ORG", Layer.SPECIFIC))
        if "&" in text:
            out += self._ampersands(text, defined, capitals)
        for match in _ACRONYM.finditer(text):
            word = match.group()
            known = defined.get(word)
            if known is not None:
                out.append(Candidate(match.start(), match.end(), known, Layer.SPECIFIC))
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

    def _ampersands(
        self, text: str, defined: dict[str, str], capitals: dict[int, bool]
    ) -> list[Candidate]:
        """Capitals joined by "&" outside a headline in capitals: a fallback
        ORG ("AT&T", "S&P"), or the label of the name they were defined for."""
        out: list[Candidate] = []
        if "&" not in text:
            return out  # most articles: no scan at all
        for match in _AMPERSAND.finditer(text):
            word = match.group()
            known = defined.get(word)
            if known is None and (word in _AMPERSAND_TERMS or self._lookup(word) is not None):
                continue
            if _WORD_BEFORE.search(text, max(0, match.start() - 30), match.start()) and (
                _WORD_AFTER.match(text, match.end())
            ):
                continue  # "Aiteo Eastern E&P Company": inside a longer name
            line_start = text.rfind("\n", 0, match.start()) + 1
            headline = capitals.get(line_start)
            if headline is None:
                headline = capitals[line_start] = shapes.in_capitals(text, line_start)
            if known is not None or not headline:
                layer = Layer.SPECIFIC if known is not None else Layer.FALLBACK
                out.append(Candidate(match.start(), match.end(), known or "ORG", layer))
        return out

    def _body(self, name: str, acronym: str) -> bool:
        """Whether two capitals defined after `name` stand for a body: a name
        ending in an ORG head or known as one ("General Motors (GM)", "Frontier
        Corps (FC)"), not a product, a term or a country ("Internet Explorer
        (IE)", "National Insurance (NI)", "Doris Lessing (UK)")."""
        if acronym in _NOT_ORG or self._lookup(acronym) is not None:
            return False
        return name.rsplit(" ", 1)[-1] in _ORG_HEADS or self._lookup(name) == "ORG"

    def _joins(self, parts: list[str]) -> bool:
        """Whether hyphenated parts make one acronym name: "CNDD-FDD" and
        "RED-Tabara" do; "US-UK", "EU-China" and "Iraq-ISIS" are two names each.
        A tail of one or two capitals ("SPLM-N", "SPLM-IO") names no one else,
        so it joins even a known acronym."""
        first, rest = parts[0], parts[1:]
        if first in _NOT_ORG or first in _STOP_TOKENS:
            return False
        if all(len(part) >= 5 and part.isalpha() and part.isupper() for part in parts):
            return False  # "QUARTER-FINALS", "EMPTY-HANDED": words in capitals
        for part in rest:
            if part in _NOT_ORG or self._lookup(part) is not None:
                return False
            if any(ch.isdigit() for ch in part):
                return False  # "VPC-C4", "SCH-V770": a product's model number
            if not (len(part) <= 2 and part.isupper()) and self._lookup(first) is not None:
                return False
        return True

    def _name_after(
        self,
        text: str,
        pos: int,
        labels: dict[tuple[int, int], str],
        out: list[Candidate],
        defined: dict[str, str],
    ) -> None:
        """An acronym with its full name in parentheses after it ("RED-Tabara
        (Resistance for the Rule of Law in Burundi)"): both get the name's label."""
        full = _NAME_IN_PARENS.match(text, pos - 1)
        if full is None or " " not in full.group(1) or full.group(1).isupper():
            return
        words = full.group(1).split()
        if words[-1] not in _ORG_HEADS and not {"of", "for", "in"} & set(words):
            return  # "RSS (Really Simple Syndication)": a technical term, no body
        acronym = _ACRONYM_BEFORE.search(text, max(0, pos - 30), pos - 1)
        if acronym is None:
            return
        word = acronym.group()
        if word in _NOT_ORG or word in _STOP_TOKENS:
            return
        if _HYPHEN_PART.search(word) and not self._joins(word.split("-")):
            return
        start = self._past_stop_words(text, full.start(1), full.end(1))
        name = text[start : full.end(1)]
        label = labels.get((start, full.end(1)), "ORG")
        if label != "ORG" or self._lookup(name) is not None:
            return  # "UK (Britain)": a place named twice, not an organisation
        out.append(Candidate(start, full.end(1), "ORG", Layer.SPECIFIC))
        out.append(Candidate(acronym.start(), acronym.end(), "ORG", Layer.SPECIFIC))
        defined[word] = "ORG"

    @staticmethod
    def _past_stop_words(text: str, start: int, end: int) -> int:
        """`start` moved past leading stop words ("The", "In")."""
        head, _, rest = text[start:end].partition(" ")
        while rest and head in _STOP_TOKENS:
            start += len(head) + 1
            head, _, rest = rest.partition(" ")
        return start

    def _past_place_and(self, text: str, start: int, end: int, acronym: str) -> int:
        """`start` moved past "X and (the)" when X is a known place and an
        organisation's name follows (an ORG head, a known name, or the
        acronym's initials): "Baghdad and the Kurdistan Regional Government
        (KRG)" is a place and an ORG, not one name."""
        match = _PLACE_AND.match(text, start, end)
        if match is None or self._lookup(match.group(1)) not in ("GPE", "LOC"):
            return start
        rest = text[match.end() : end]
        words = rest.split()
        capitals = "".join(w[0] for w in words if w[0].isupper())
        if len(words) < 2 or not (
            words[-1] in _ORG_HEADS or capitals == acronym or self._lookup(rest) is not None
        ):
            return start
        return match.end()

    @staticmethod
    def _past_unit(text: str, start: int, end: int, out: list[Candidate]) -> int:
        """`start` moved to the body a named unit belongs to ("the National
        Violence Observatory of the National Autonomous University of Honduras
        (UNAH)": the acronym is the university's); the unit is an ORG of its own."""
        words = text[start:end].split(" ")
        connector = next((i for i, w in enumerate(words) if w in ("of", "for", "in")), None)
        if connector is None:
            return start
        parts = unit_of_body(start, words, connector - 1)
        if not parts:
            return start
        out.append(Candidate(*parts[0], "ORG", Layer.SPECIFIC))
        return parts[1][0]

    def _past_members(self, text: str, start: int, end: int) -> int:
        """`start` moved past "Fighters of the" or "Members of" in front of a
        name: the people of an organisation are no part of its name."""
        match = _MEMBERS_OF.match(text, start, end)
        if match is not None and match.group(1).lower() in self._people:
            return match.end()
        return start
