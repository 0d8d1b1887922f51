"""Rules for names: FAC and ORG by their shape, PERSON by apposition, and the
capitalised-sequence fallback (PERSON after titles and roles is in
`titles.py`, later mentions of a person in `mentions.py`, weapons' model
names in `weapon_names.py`).

Span conventions (see docs/entities.md): a PERSON span is the name only, never
the title ("Prime Minister [Mohammed Shia al-Sudani]"); Arabic particles are
part of the name ("Fadhil Atia Shanin al-Maksusi", "Abu Mahdi Al-Muhandis").
A FAC span includes its facility noun ("Ain al-Asad air base"). An ORG span
found by shape includes a leading national modifier ("Iraqi Defence Ministry").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from glossator.index.entities import lexicon, shapes
from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.name_words import (
    _BODY_OR_FAC_WORDS,
    _CAP,
    _COMPANY_HEADS,
    _COUNT_OPENERS,
    _DESCRIPTORS,
    _FAC_HEADS,
    _FAC_LAST_PAIRS,
    _FAC_LAST_WORDS,
    _GENERIC_HEADS,
    _MARKET_KINDS,
    _NAME,
    _ORG_HEADS,
    _STOP_TOKENS,
    _UNLISTED_ONLY,
    _UPPER,
    _tokens,
    clean_span,
    unit_of_body,
)
from glossator.index.entities.titles import title_forms

#: The lookahead first gives the scan a set of first characters (capitals
#: and the first letters of the attached particles, `_ATTACHED`), which `re`
#: skips to faster than it tries the lookbehind at every offset (a sixth of
#: the scan's time on BBC).
_SEQUENCE = re.compile(
    rf"(?=[{_UPPER[1:-1]}aeiubwl])(?<![\w’'-]){_NAME}(?:\ (?:of|for|of\ the|for\ the)\ {_NAME})*"
)
#: Heads that end the second half of one name ("Department of Health and
#: Human Services"), not a second organisation's name.
_SECOND_HEADS = frozenset({"Service", "Services"})
#: A name after "and" that may continue an organisation's or facility's name
#: ("Ministry of Health and Sanitation", "Mother and Child Hospital").
_AND_NAME = re.compile(rf"\ and\ ({_NAME}(?:\ (?:of|for|of\ the|for\ the)\ {_NAME})*)")
#: A school whose hospital is named with it ("Medical College and Hospital").
_TEACHING_HEADS = frozenset(("College", "University", "Institute"))
_FACILITY_AFTER = re.compile(rf"\ (?:{_FAC_HEADS})\b(?!-)")
#: The first words of the facility heads: most capitalised words are followed
#: by none of them, and a set lookup is far cheaper than the alternation.
_NEXT_WORD = re.compile(r"\ ([^\W\d_]+)")
_FACILITY_FIRST_WORDS = frozenset(re.split(r"[ '’]", head)[0] for head in _FAC_HEADS.split("|"))
_PAREN_BEFORE = re.compile(rf"\({_CAP}\)\ $")
_APPOSITION = re.compile(
    r",\ (?:the\ |a\ |an\ )?(?:[A-Z]\w+’s\ |[A-Z]\w+'s\ )?(?:\w+\ )?"
    r"(?:head|leader|chief|spokesman|spokesperson|spokeswoman|commander|founder|president"
    r"|director|minister|secretary|representative|envoy|ambassador|deputy|member)\b"
)
#: An age after a name set off by a comma or a lower-case word: "The dead
#: officer, Arben Hoxha, 34, was", "candidate John Houston, 54, said".
_AGE_AFTER = re.compile(r",\ [1-9]\d?,\ ")
#: The first half of a place named with "and" before the second half
#: ("Jammu and Kashmir Police" is read from "Kashmir Police").
_PLACE_AND_BEFORE = re.compile(r"(?<![\w’'-])([A-Z][\w-]*(?: [A-Z][\w-]*)?) and \Z")
#: A capitalised word after a span: a headline in title case goes on.
_CAPITALISED_AFTER = re.compile(r" [A-Z][a-z]")
_ROYALS = frozenset("Prince Princess King Queen".split())
#: Given names that more often open a firm's, a unit's or a song's name
#: after a word ("Citigroup Smith Barney", "2nd Battalion Royal Gurkha
#: Rifles", "Like Toy Soldiers", "Bookmaker William Hill").
_NOT_GIVEN_AFTER = frozenset("Royal Smith Toy William Morgan Junior Crystal Urban".split())
#: Last words that make the rest a thing's name, not a person's ("Nairobi
#: Serena Hotel", "Sao Paolo Stock Exchange", "Best Urban Act").
_NOT_A_SURNAME = frozenset("Hotel Exchange Media Act Park Street Road".split())
#: Last words of a name before "for" that make it a body or a prize, not a
#: person ("John Innes Centre for", "the Samuel Johnson Prize for").
_NOT_BEFORE_FOR = frozenset("Centre Center Prize Award Awards Trophy Cup Medal Fund Trust".split())
_AFTER_COMMA_OR_WORD = re.compile(r"(?:,|[a-z])\ \Z")


#: First words that make the name a station's or a paper's.
_MEDIA_FIRST = frozenset({"Radio", "Daily"})


def _connector_free(words: list[str]) -> bool:
    """Whether a name has no "of"/"for"/"on"/"in" inside ("Radio Free Europe" yes)."""
    return not any(w in ("of", "for", "on", "in") for w in words)


class NameRules:
    """PERSON/ORG/FAC candidates from shapes and cues."""

    def __init__(self, is_place: Callable[[str], str | None]) -> None:
        """`is_place(name)` gives the fixed-list label of a name, or None."""
        #: Capitalised words of titles, never the first word of a name found
        #: by apposition ("Lieutenant Colonel X Y, the spokesperson").
        self._title_words = {
            word for form in title_forms() if form[:1].isupper() for word in form.split()
        }
        self._first_names = lexicon.read_words("first_names.txt") | lexicon.read_words(
            "given_names.txt"
        )
        self._lookup = is_place
        self._count_nouns = lexicon.read_words("count_nouns.txt")
        self._nations = frozenset(lexicon.read_list("national_sides.txt"))

    def _counts_people(self, text: str, end: int) -> bool:
        """Whether a counted noun comes right after `end` ("... Army soldiers")."""
        word = _NEXT_WORD.match(text, end)
        return word is not None and word.group(1) in self._count_nouns

    def _town_camp(self, text: str, start: int, name: str, head: str) -> bool:
        """Whether "the <town> camp" names a camp after the town it is by ("the
        Sharya camp near Duhok"); a country's camp is its team's ("the England
        camp") and "in El Fasher camp" (no article) may be the town itself."""
        return (
            head == "camp"
            and text.endswith("the ", 0, start)
            and self._lookup(name) == "GPE"
            and name not in self._nations
        )

    def _facility(self, text: str, start: int, end: int) -> Candidate | None:
        """FAC for a name followed by a facility noun, noun included ("Harir airbase")."""
        after = _FACILITY_AFTER.match(text, end)
        if after is None:
            return None
        name = text[start:end]
        if name.split()[0] in _STOP_TOKENS or self._lookup(name) in ("NORP", "ORG"):
            return None  # "the Medecins Sans Frontieres hospital": whose, not which
        if name in _COUNT_OPENERS:
            return None  # "Three prison guards": a count, not a prison's name
        parts = name.split("-")
        if len(parts) > 1 and all(self._lookup(part) in ("GPE", "LOC") for part in parts):
            return None  # "the Damascus-Sweida highway": two places, as hyphens part them
        if re.search(r"-[a-z]+$", name):
            return None  # "UK-run prison": a description, not a name
        head = after.group().strip()
        if (
            head in _UNLISTED_ONLY
            and self._lookup(name) is not None
            and not self._town_camp(text, start, name, head)
        ):
            return None  # "England camp": a team's camp; "the London market"
        if head == "post" and not text.endswith("the ", 0, start):
            return None  # "a Facebook post": a message; "the Point Triple post" a position
        if head == "market" and name.split()[-1] in _MARKET_KINDS:
            return None  # "the Christmas market", "the World market"
        if len(name) <= 4 and name.replace(".", "").isupper():
            return None  # "US base": a base of someone, not a named one
        if name.split()[-1] in _ORG_HEADS:
            return None  # "a Somali National Army base": whose base, not its name
        before = _PAREN_BEFORE.search(text, max(0, start - 30), start)
        if before is not None:  # "(Ain) Al-Assad air base"
            start = before.start()
        return Candidate(start, after.end(), "FAC", Layer.SPECIFIC)

    def sequences(self, text: str) -> list[Candidate]:
        """FAC and ORG by their head noun, PERSON by apposition or a known given
        name (the fallback); one pass over the capitalised sequences."""
        out = []
        next_word = _NEXT_WORD.match
        first_words = _FACILITY_FIRST_WORDS

        def facility_after(text: str, end: int) -> re.Match[str] | None:
            word = next_word(text, end)
            if word is None or word.group(1) not in first_words:
                return None
            return _FACILITY_AFTER.match(text, end)

        for match in _SEQUENCE.finditer(text):
            # Most sequences are one capitalised word ("The", "Blair"); alone it
            # can only become a facility ("Harir airbase"), so skip the rest
            # unless a facility noun follows.
            if (
                text.find(" ", *match.span()) < 0
                and facility_after(text, match.end()) is None
                and not text.startswith(" and ", match.end())
            ):
                continue
            start, end = clean_span(text, *match.span())
            words = _tokens(text[start:end])
            if not words:
                continue
            if text.startswith(" and ", end):
                joined = self._joined_by_and(text, start, end, words)
                if joined is not None:
                    out.append(joined)
            facility = self._facility(text, start, end)
            if facility is not None:
                out.append(facility)
                continue
            if len(words) < 2:
                continue
            named_facility = (
                words[-1] in _FAC_LAST_WORDS
                or words[0] == "Camp"
                or tuple(words[-2:]) in _FAC_LAST_PAIRS
            )
            if words[-1] in _BODY_OR_FAC_WORDS and self._lookup(words[0]) == "NORP":
                named_facility = False
            if named_facility and words[0] not in _STOP_TOKENS:
                out.append(Candidate(start, end, "FAC", Layer.SPECIFIC))
                continue
            if words[0] in _MEDIA_FIRST and _connector_free(words):
                # "Radio Free Europe/Radio Liberty" is one name.
                second = _SEQUENCE.match(text, end + 1) if text[end : end + 1] == "/" else None
                if text[start - 1 : start] != "/":
                    out.append(
                        Candidate(
                            start, end if second is None else second.end(), "ORG", Layer.SPECIFIC
                        )
                    )
                continue  # "Radio Tamazuj", "Daily Monitor": a station or paper
            counted = words[0] in _COUNT_OPENERS and self._counts_people(text, end)
            if (words[0] in _DESCRIPTORS or counted) and len(words) > 2:
                start += len(words[0]) + 1  # "Paramilitary ...", "Four Philippine Army soldiers"
                words = words[1:]
                while len(words) > 2 and words[0] in ("of", "the"):
                    start += len(words[0]) + 1  # "Rebels of the X Front": the people's group
                    words = words[1:]
            # The head noun ends the name ("Popular Mobilization Forces") or comes
            # before its complement ("Ministry of Defence").
            connector = next((i for i, w in enumerate(words) if w in ("of", "for", "in")), None)
            head = len(words) - 1 if connector is None else connector - 1
            if words[head] in _COMPANY_HEADS:
                if connector is None and text.startswith(" and ", end):
                    continue  # "US Securities and Exchange Commission": one name
                if connector is not None:
                    end = start + len(" ".join(words[: head + 1]))
                    words, connector = words[: head + 1], None
            if words[head] in _ORG_HEADS:
                parts = unit_of_body(start, words, head)
                if parts:
                    out += [Candidate(s, e, "ORG", Layer.SPECIFIC) for s, e in parts]
                    continue
                if self._lookup(text[start:end]) in ("GPE", "LOC"):
                    continue  # "the West Bank": a place whose last word is a head
                modifiers = [w for w in words[:head] if w != "the"]
                national_only = all(
                    self._lookup(w) in ("GPE", "NORP") or w in _STOP_TOKENS for w in modifiers
                )
                # "US Navy" is an institution; "US Forces" in a headline is not a name.
                if connector is not None or (
                    modifiers and not (national_only and words[head] in _GENERIC_HEADS)
                ):
                    out.append(Candidate(start, end, "ORG", Layer.SPECIFIC))
                elif words[head] == "Police" and connector is None:
                    out += self._place_police(text, start, end, modifiers)
                continue
            if any(w in ("of", "for", "on", "in") for w in words):
                # "won by Marlon Brando for On the Waterfront": a given name and a
                # surname before "for" are the person, the title after is not.
                if connector in (2, 3) and words[connector] == "for":
                    person = " ".join(words[:connector])
                    if (
                        words[0] in self._first_names
                        and words[connector - 1] not in _NOT_BEFORE_FOR
                        and words[connector - 1] not in _NOT_A_SURNAME
                        and words[connector - 1] not in _FAC_LAST_WORDS
                        and words[connector - 1] not in self._title_words
                        and self._lookup(person) is None
                    ):
                        out.append(Candidate(start, start + len(person), "PERSON", Layer.FALLBACK))
                continue
            # A title in front stays outside: "Lieutenant Colonel X Y, the
            # spokesperson", "Lance Corporal X Y" ("Lance" is a given name too).
            lead = 0
            while lead < len(words) - 2 and words[lead] in self._title_words:
                lead += 1
            titled = start + sum(len(w) + 1 for w in words[:lead])
            aged = (
                words[0] not in self._title_words
                and words[0] not in _ROYALS
                and _AGE_AFTER.match(text, end) is not None
                and _AFTER_COMMA_OR_WORD.search(text, max(0, start - 2), start) is not None
            )
            if (aged or _APPOSITION.match(text, end)) and self._lookup(text[start:end]) is None:
                out.append(Candidate(titled, end, "PERSON", Layer.SPECIFIC))
            elif words[0] in self._first_names and self._lookup(text[start:end]) is None:
                out.append(Candidate(titled, end, "PERSON", Layer.FALLBACK))
            elif (
                lead == 0
                and 3 <= len(words) <= 4
                and words[1] in self._first_names
                and words[1] not in _NOT_GIVEN_AFTER
                and not words[0].isupper()  # "JP Morgan Chase"
                and words[0] not in _ROYALS
                and words[-1] not in _ORG_HEADS
                and words[-1] not in _FAC_LAST_WORDS  # "Nairobi Serena Hotel"
                and words[-1] not in self._title_words  # "the Glasgow Kelvin MP"
                and words[-1] not in _NOT_A_SURNAME
                and self._lookup(text[start:end]) is None
            ):
                # "Comic Joe Pasquale", "Americans Andy Roddick", "Oscar-winner
                # Andrea Arnold": a description in front of a given name.
                out.append(Candidate(start + len(words[0]) + 1, end, "PERSON", Layer.FALLBACK))
        out += shapes.possessive_orgs(text, _ORG_HEADS, _STOP_TOKENS)
        out += shapes.republics(text)
        out += shapes.ordinal_units(text, _STOP_TOKENS)
        out += shapes.datelines(text)
        return out

    def _place_police(
        self, text: str, start: int, end: int, modifiers: list[str]
    ) -> list[Candidate]:
        """A place's police force by name ("the Kosovo Police", "Jammu and Kashmir
        Police"): a place, not a people ("Iraqi Police" stays a description), and
        not a headline's capitals ("Kosovo Police Clash With Protesters")."""
        place = " ".join(modifiers)
        joined = _PLACE_AND_BEFORE.search(text, max(0, start - 40), start)
        if joined is not None and self._lookup(f"{joined.group(1)} and {place}") == "GPE":
            start, place = joined.start(1), f"{joined.group(1)} and {place}"
        elif self._lookup(place) != "GPE":
            return []
        if _CAPITALISED_AFTER.match(text, end):
            return []
        return [Candidate(start, end, "ORG", Layer.SPECIFIC)]

    def _joined_by_and(self, text: str, start: int, end: int, words: list[str]) -> Candidate | None:
        """An organisation or facility whose name goes on past "and": after the
        head's complement ("Ministry of Health and Sanitation", "Forces for the
        Defence of Law and Order") or with a head after the second word
        ("Mother and Child Hospital", "Securities and Exchange Commission").
        Not when the second name is a name of its own ("Ministry of Defence and
        Nato", "Bank of England and Bank of Scotland", "US and Iraqi Forces")."""
        after = _AND_NAME.match(text, end)
        if after is None:
            return None
        second = after.group(1).split()
        if second[0] in _STOP_TOKENS or second[0] in _ORG_HEADS:
            return None
        if self._lookup(after.group(1)) not in (None, "NORP"):
            return None
        if self._lookup(second[0]) in ("GPE", "ORG", "FAC", "LOC"):
            return None
        if second[0] in self._first_names:
            return None  # "the University of California and Dan Gillmor"
        connector = next((i for i, w in enumerate(words) if w in ("of", "for")), None)
        if connector is not None:
            if connector > 0 and words[connector - 1] in _ORG_HEADS:
                if any(w in _ORG_HEADS and w not in _SECOND_HEADS for w in second):
                    return None  # "Bank of Africa and Standard Trust Bank": two banks
                return Candidate(start, after.end(), "ORG", Layer.SPECIFIC)
            return None
        if len(second) == 1 and second[0] in _FAC_LAST_WORDS and words[-1] in _TEACHING_HEADS:
            # "Assam Medical College and Hospital": a teaching hospital, one place.
            return Candidate(start, after.end(), "FAC", Layer.SPECIFIC)
        if len(words) != 1 or words[0].isupper() or self._lookup(words[0]) in ("ORG", "NORP"):
            return None
        if words[0] in _GENERIC_HEADS:
            return None  # "the G7 Group and World Economic Forum": two bodies
        if self._lookup(second[0]) == "NORP":
            return None  # "Lufthansa and British Airways"
        inner = next((i for i, w in enumerate(second) if w in ("of", "for")), len(second))
        head = second[inner - 1]
        if inner == len(second) and head in _FAC_LAST_WORDS:
            return Candidate(start, after.end(), "FAC", Layer.SPECIFIC)
        if head not in _ORG_HEADS or head in _COMPANY_HEADS or inner < 2:
            return None  # "Ford and General Motors": two companies
        if head in _GENERIC_HEADS and self._lookup(words[0]) == "GPE":
            return None  # "Iraq and Kurdish Forces": two forces, no name
        return Candidate(start, after.end(), "ORG", Layer.SPECIFIC)
