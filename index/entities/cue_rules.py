"""Context rules of the fourth pass (#16): a quotation's speaker, found by the
words around its verb.

- PERSON after an inverted "said"/"says"/"added" that closes a quotation or a
  clause ('," said Qorbani Zeluwa, a farmer', ", said Hauwa Bello, whose sons"),
  when an apposition about a person follows the name.
- PERSON before "said"/"says"/"told"/"tells"/"added" when a lower-case role
  comes right before the name ("District police officer Ziaud Qorbani said",
  "acting commissioner Donald Zeluwa told"), or before it with a place or
  body, set off by commas ("A nurse there, Fatou Diatta, said").

- PERSON after "led by", "headed by" or "commanded by" ("the SPLM-N led by
  Qorbani al-Zeluwa"), and after an
  outlet's writer or reporter ("Associated Press writer Ziaud Qorbani", "Velmora
  Herald reporter Donald Zeluwa"): two name words at least, cut and checked
  like a speaker's name (a known name, an organisation's or a facility's
  shape is no person).

Either half alone was tried in the second pass and left out: on BBC a bare
'," said X Y' or "X Y said" finds companies ("Standard Chartered", "Deutsche
Boerse") and titles pulled into the name ("Culture Secretary Tessa Jowell"),
and surname propagation spreads each error through the article. What a person
is said to be (", a farmer", ", an analyst at UBS") or what they do ("police
officer") is the evidence; an organisation's kind (", the bank", "investment
bank X said") is evidence against, and a title inside the name is cut off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from glossator.index.entities import lexicon
from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.name_words import (
    _ATTACHED,
    _FAC_LAST_WORDS,
    _NAME,
    _ORG_HEADS,
    _STOP_TOKENS,
    past_description,
)

__all__ = ["CUE_GROUPS", "CueRules"]

#: The verbs, with the space before them; `AnchorFinder` finds them in its one
#: pass, so no pattern is scanned over the text.
_SPEECH_CUES = (" said", " says", " told", " tells", " added")
#: Verbs that come before their subject at a quotation's end ("told" never does).
_INVERTED = frozenset((" said", " says", " added"))

#: Words after which a person's name comes: "led by X", "<outlet> writer X".
_LED_BY = (" led by ", " headed by ", " commanded by ")
_PRESS_ROLES = (" writer ", " reporter ", " photographer ", " columnist ")
#: Demonyms that are nouns for one person only ("Frenchman Cyril Saulnier",
#: "Dane Kenneth Carlsen"); adjectives ("American", "Russian") also modify
#: names of things ("American Express", "Russian Grand Prix").
_PERSON_DEMONYMS = tuple(
    f"{word} "
    for word in (
        "Frenchman Frenchwoman Englishman Englishwoman Irishman Irishwoman Welshman"
        " Welshwoman Dutchman Dutchwoman Dane Swede Briton Spaniard Scot Finn Pole Croat Serb"
    ).split()
)

#: Cue groups for `AnchorFinder`, next to context.py's.
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    "speech": _SPEECH_CUES,
    "who": (", who ", ", whose "),
    "led_by": _LED_BY,
    "press_role": _PRESS_ROLES,
    "person_demonym": _PERSON_DEMONYMS,
}

_NAME_AT = re.compile(_NAME).match
_NAME_BEFORE = re.compile(rf"(?<![\w’'-]){_NAME}\Z")
#: A name's last word starts with a capital or an attached article ("al-Zeluwa").
_ATTACHED_AT = re.compile(_ATTACHED).match
#: The lower-case word before a name, and an optional comma ("a police
#: officer, Ziaud Qorbani, said").
_WORD_BEFORE = re.compile(r"(?<![\w’'-])([a-z][a-z-]*[a-z]),?\ \Z")
_PREPOSITIONS = r"(?:of|at|for|with|in|from|on|to)"
#: The start of a text, a line or a sentence, right before a word.
_SENTENCE_START = re.compile(r"(?:\A|\n|[.!?][\"”’']?\ )\Z")
#: A role set off by commas with a place or body after it: "A nurse there,
#: Fatou Diatta, said", "a doctor at the Khorog Regional Hospital, X Y, said",
#: "the commissioner of Uror County, X Y, told", "a spokeswoman for the
#: republic's health ministry, X Y, told".
_ROLE_AT_BEFORE = re.compile(
    r"(?<![\w’'-])([a-z][a-z-]*[a-z])\ "
    r"(?:there|here|(?:at|with|in|from|of|for)\ [\w’' -]{1,50}?),\ \Z"
)
#: What may follow the name after an inverted verb: a relative clause, an age,
#: an affiliation, or a noun phrase of up to four lower-case words (capitalised
#: modifiers allowed: "a Yukos spokesman", "the BBC's head of development")
#: that ends at punctuation, at its first preposition or at "who"/"whose", so
#: that the last word is its head ("dean of the college": "dean"; "a farmer who
#: lost two sons": "farmer").
_APPOSITION = re.compile(
    rf""",\ (?:
        (?P<clause>(?:who|whose|from|at)\ |\d{{1,3}}[,)])
      | (?P<article>(?:a|an|the)\ )?
        (?:[A-Z][\w-]*(?:[’']s)?\ ){{0,2}}
        (?P<phrase>(?:(?!{_PREPOSITIONS}\ )[a-z][a-z-]*\ ){{0,3}}[a-z][a-z-]*)
        (?P<after>[,.;:]|\ {_PREPOSITIONS}\ |\ (?:who|whose)\ )
    )""",
    re.VERBOSE,
)
#: Heads of an apposition that describe an organisation, not a person
#: (", the bank", ", an analyst firm", ", Russia's biggest oil producer").
#: "producer" is one and a role too: after a name it is more often oil's,
#: before one a film's ("executive producer Robbie Stamp said").
_ORG_KINDS = frozenset(
    """bank lender firm company group consultancy agency carrier operator newspaper paper
    magazine website site broadcaster network channel charity insurer retailer chain store
    airline conglomerate maker manufacturer carmaker producer supplier provider giant
    association union body organisation organization institute foundation trust party
    council government ministry department regulator watchdog authority exchange fund club
    team side band label studio service unit forum campaign coalition alliance movement
    committee commission report survey study index statement developer publisher business
    operation venture subsidiary outfit militia army force""".split()
)
#: Honorifics titles.txt does not list (the title rule needs no more), cut
#: off the front of a speaker's name like titles: "said Professor Dennis Logue".
_HONORIFICS = frozenset("Professor Prof Reverend Rev Baroness".split())
#: Lower-case roles that name a person before "said"/"told" (the lower-case
#: entries of titles.txt count too), read off BBC's "<role> X Y said".
_ROLES = frozenset(
    """officer commissioner secretary executive co-chairman chairwoman chairperson boss
    lawyer attorney prosecutor editor economist chancellor producer expert professor
    researcher scientist teacher writer author host publicist peer winger skipper supremo
    sprinter forward captain resident farmer witness villager trader doctor surgeon nurse
    medic activist campaigner student survivor elder administrator councillor lawmaker
    legislator senator deputy adviser advisor aide negotiator diplomat inspector
    superintendent detective investigator pilot soldier photographer reporter founder
    co-founder owner premier delegate mediator lecturer principal headteacher veteran
    fisherman herder driver shopkeeper vendor engineer priest pastor bishop imam
    strategist broker dealer consultant """.split()
)


def _head_ok(phrase: str, has_article: bool, after: str) -> bool:
    """Whether an apposition's noun phrase can describe a person."""
    head = phrase.rsplit(" ", 1)[-1]
    if head in _ORG_KINDS or (head.endswith("s") and not head.endswith("ss")):
        return False  # ", the bank"; ", the organisers": a body, not one person
    # Without an article the phrase must lead into its affiliation ("co-founder
    # of Blinkx"), or ", adding that" would pass.
    return has_article or after.startswith(" ") or head in _ROLES


class CueRules:
    """PERSON candidates from a quotation verb's context (see the module docstring)."""

    def __init__(self, lookup: Callable[[str], str | None], titles: Iterable[str]) -> None:
        """`lookup(name)` gives the fixed-list label of a name, or None;
        `titles` are the title forms of titles.txt."""
        self._lookup = lookup
        self._given = lexicon.read_words("first_names.txt") | lexicon.read_words("given_names.txt")
        forms = list(titles)
        #: Capitalised words of titles: a name that holds one starts after it
        #: ("Culture Secretary Tessa Jowell").
        self._title_words = _HONORIFICS | {
            word for form in forms if form[:1].isupper() for word in form.split()
        }
        # "superintendent of police": the role is its first word, not "police".
        self._roles = _ROLES | {
            form.split(" of ")[0].split()[-1] for form in forms if form[:1].islower()
        }

    def speakers(self, text: str, cues: dict[str, list[tuple[int, str]]]) -> list[Candidate]:
        """PERSON spans for the speakers around each speech verb in `text`."""
        out = []
        for pos, cue in cues["speech"]:
            end = pos + len(cue)
            if text[end : end + 1].isalnum():
                continue  # " saidi", " toldo"
            before = text[pos - 1 : pos]
            span = None
            if cue in _INVERTED and before and before in ",\"'”’":
                span = self._after(text, pos, end)
            # "A farmer, Qorbani Zeluwa, said": the comma closes the speaker's name.
            if span is None and (before.isalpha() or before == ","):
                span = self._before(text, pos)
            if span is not None:
                out.append(Candidate(*span, "PERSON", Layer.SPECIFIC))
        return out

    def led_and_bylined(self, text: str, cues: dict[str, list[tuple[int, str]]]) -> list[Candidate]:
        """PERSON spans after "led by" (or headed, commanded) and after an outlet's press role
        ("Associated Press writer X Y"), where the outlet is a capitalised word
        right before the role."""
        out = []
        for group in ("led_by", "press_role", "person_demonym"):
            for pos, cue in cues[group]:
                if group == "person_demonym" and text[pos - 1 : pos].isalnum():
                    continue  # "ScotRail", "Apole"
                if group == "press_role" and not text[pos - 1 : pos].isupper():
                    last = text.rfind(" ", 0, pos) + 1
                    if not text[last : last + 1].isupper():
                        continue  # "a crime writer X": whose writer is not said
                match = _NAME_AT(text, pos + len(cue))
                if match is None:
                    continue
                span = self._person(text, *match.span())
                if span is not None:
                    out.append(Candidate(*span, "PERSON", Layer.SPECIFIC))
        return out

    def described(self, text: str, cues: dict[str, list[tuple[int, str]]]) -> list[Candidate]:
        """PERSON for a name of two words or more that ", who" or ", whose"
        describes ("Hassan Abdi Omar, who runs a shop"): bodies take "which"."""
        out = []
        for pos, _ in cues["who"]:
            match = _NAME_BEFORE.search(text, max(0, pos - 60), pos)
            if match is None:
                continue
            kind = _WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
            if kind is not None and (kind.group(1) in _ORG_KINDS or kind.group(1) == "the"):
                continue  # "the Beastie Boys, who", "band Snow Patrol, who": a body
            span = self._person(text, *match.span())
            if span is None:
                continue
            start, end = span
            words = text[start:end].split(" ")
            if words[-1].isupper() or self._lookup(words[0]) is not None:
                continue  # "Kelvin MP", "Manchester City", "Australian Johnson"
            # "Novelist Arthur Hailey": a description before a given name is no part of it.
            given = next((i for i, word in enumerate(words) if word in self._given), 0)
            if given and len(words) - given >= 2:
                start += sum(len(word) + 1 for word in words[:given])
            out.append(Candidate(start, end, "PERSON", Layer.SPECIFIC))
        return out

    def opening_appositions(
        self, text: str, cues: dict[str, list[tuple[int, str]]]
    ) -> list[Candidate]:
        """PERSON for a name that opens its sentence and a role in apposition
        follows ("Abdiqadir Ahmed Aw-Ali, the chairman of the SSC-Khatumo
        administration, said"): the role is the evidence, as after "said"."""
        out = []
        for pos, _ in cues.get("apposition", ()):
            appo = _APPOSITION.match(text, pos)
            if appo is None or appo.group("article") is None or appo.group("phrase") is None:
                continue
            if appo.group("phrase").rsplit(" ", 1)[-1] not in self._roles:
                continue  # ", the bank", ", a village"
            match = _NAME_BEFORE.search(text, max(0, pos - 60), pos)
            if match is None or not _SENTENCE_START.search(
                text, max(0, match.start() - 3), match.start()
            ):
                continue
            span = self._person(text, *match.span())
            if span is not None:
                out.append(Candidate(*span, "PERSON", Layer.SPECIFIC))
        return out

    def _after(self, text: str, pos: int, end: int) -> tuple[int, int] | None:
        """The name after '," said' when a person's apposition follows it."""
        if text[pos - 1] != "," and text[pos - 2 : pos - 1] not in (",", "?", "!"):
            return None  # a quotation mark that opens one, or ends no clause
        if text[end : end + 1] != " ":
            return None
        match = _NAME_AT(text, end + 1)
        if match is None:
            return None
        appo = _APPOSITION.match(text, match.end())
        if appo is None:
            return None
        phrase = appo.group("phrase")
        if phrase is not None and not _head_ok(
            phrase, appo.group("article") is not None, appo.group("after")
        ):
            return None
        return self._person(text, *match.span())

    def _before(self, text: str, pos: int) -> tuple[int, int] | None:
        """The name before "said"/"told" when a lower-case role precedes it."""
        end = pos - 1 if text[pos - 1] == "," else pos
        # Most verbs follow a lower-case word ("officials said"): look no further.
        last = text.rfind(" ", 0, end) + 1
        if not (text[last : last + 1].isupper() or _ATTACHED_AT(text, last, end)):
            return None
        match = _NAME_BEFORE.search(text, max(0, end - 60), end)
        if match is None:
            return None
        role = _WORD_BEFORE.search(text, max(0, match.start() - 30), match.start())
        if role is None or role.group(1) not in self._roles:
            role = _ROLE_AT_BEFORE.search(text, max(0, match.start() - 80), match.start())
        if role is None or role.group(1) not in self._roles:
            # "Prosecutor Sandra Luz Valdovinos said": the role opens the sentence.
            first = match.group().split(" ", 1)[0]
            opens = _SENTENCE_START.search(text, max(0, match.start() - 3), match.start())
            if opens is None or first.lower() not in self._roles or first.lower() == first:
                return None  # "investment bank Qorbani Zeluwa said", "the Qalbeni Ministry said"
            return self._person(text, match.start() + len(first) + 1, match.end())
        return self._person(text, *match.span())

    def _person(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """The span cut to the person's name, or None when it is no person's:
        one word, a known name, an organisation's or a facility's shape."""
        start = past_description(text, start, end)
        words = text[start:end].split(" ")
        # Titles, capitals ("MP") and stop words lead into the name, never in it;
        # the last word stays whatever it is ("John Major").
        cut = 0
        for i, word in enumerate(words[:-1]):
            capitals = word.isupper() and len(word.rstrip(".")) > 1  # not "W."
            if word in self._title_words or word in _STOP_TOKENS or capitals:
                cut = i + 1
        for word in words[:cut]:
            start += len(word) + 1
        words = words[cut:]
        if len(words) < 2 or words[-1] in _ORG_HEADS or words[-1] in _FAC_LAST_WORDS:
            return None
        if self._lookup(text[start:end]) is not None:
            return None
        return start, end
