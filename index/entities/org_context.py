"""Context rules for organisations: a name found by the words around it.

- "the X-backed/-led/-aligned ..." and "spokesman for (the) X" when X is no
  known place or people; a lower-case kind before or after a name ("energy
  firm Burren Energy", "the Shining Path guerrilla group", "shares in X",
  "a stake in X", "agreed to buy 33% of X",
  "X's chief executive", "group X", "operated by X"), a name after an
  organisation noun and "known as", and "the X, a/an ... militia/group": ORG.
- "told X" when X is a name of two words or more (or "The X") that no list
  knows and whose first word is no given name: a news outlet ("told RNZ
  Pacific", "told The Irrawaddy"): ORG.
- The names after "members of (the)": a fallback ORG ("members of Los Lobos
  and Los Choneros").
- Clubs by their players' roles: `clubs.py`; newspapers, a name before an
  owner's kind of body and names joined by "&": `org_names.py`.

Split from `context.py`, whose helpers it shares; each rule is tried only
where its literal cue occurs (`anchors.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from glossator.index.entities import lexicon
from glossator.index.entities.context import (
    _DESCRIPTION,
    _HYPHEN_DESCRIPTION,
    _NAME_BEFORE,
    _NAME_MATCH,
    Cues,
    _word_ends,
)
from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.name_words import _CAP, _NAME, _STOP_TOKENS

_CONNECTOR = r"(?:of|for|in|on|and|de|du|des|of\ the|for\ the|and\ the|in\ the|on\ the)"
_NAME_AT = re.compile(rf"{_NAME}(?:\ {_CONNECTOR}\ {_NAME})*")
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
#: The word after a name (a space, then letters), for the "members of" guess.
_WORD_AFTER = re.compile(r"(?:\ |['’])([\w’']+)")
#: Words that may follow the name of a group its members belong to.
_AFTER_MEMBERS_NAME = frozenset(
    """and or who which that were was are is have had has will would could can to in at on
    for from with said say says told also did do not as after before during when""".split()
)
#: "energy firm Burren Energy", "security firm Ambrey": a lower-case kind of
#: organisation right before a name; "the Emergency Lawyers group",
#: "Wazalendo militias": right after it.
_ORG_KIND_BEFORE = tuple(
    f"{word} "
    for word in (
        "firm company carrier operator newspaper charity insurer retailer airline conglomerate"
        " giant group auditor auditors bookmaker bookmakers Bookmakers auctioneer auctioneers"
        " contractor brewer regulator carmaker automaker manufacturer drugmaker chipmaker"
        " supermarket website federation maker"
    ).split()
) + (
    # "veteran broadcaster David Dimbleby" is a person; a state's is a body.
    *("state broadcaster ", "public broadcaster ", "national broadcaster ", "news site "),
    *("unit of ", "subsidiary of ", "contractor, "),
    *("shares in ", "Shares in ", "operated by ", "stake in ", "stakes in "),
    "owned by ",
    # "educated at Haverstock Comprehensive": a school.
    *("educated at ", "studied at "),
)
#: "majority-owned by Japan's Suzuki": the owner's possessor stays outside.
_OWNER_POSSESSOR = re.compile(r"[A-Z][\w-]*(?:\ [A-Z][\w-]*)?['’]s\ (?=[A-Z])")
#: Words that start a person's or a title's name, never a company's.
_PERSON_OPENERS = frozenset("Mr Mrs Ms Dr Sir Lord Lady Dame Prof President".split())
#: Makers of what a person makes: "film maker Theo Van Gogh", "policy makers".
_PERSON_MAKERS = frozenset("film documentary programme policy decision games".split())
#: "agreed to buy 33% of Changyu", "owns 55% of X": a share of a company
#: bought, sold or held (not "27% of the market", "70% of Britons").
_OWNED_PART = re.compile(
    r"(?<![\w-])(?:buy|buys|bought|sell|sells|sold|own|owns|owned|acquire|acquires|acquired"
    r"|hold|holds|held|take|takes|took|control|controls)\ (?:(?:a|about|around|almost|nearly"
    r"|just|another|a\ further)\ )?\d+(?:\.\d+)?%\ of\ \Z"
)
#: "a local gang known as X", "the Oswaldo Cruz Foundation, known as X": a
#: name after "known as" is an organisation's when an organisation noun comes
#: before (a person's or a place's otherwise: "Jimmy Cherizier, known as").
_KNOWN_AS = re.compile(
    r"(?<![\w-])(?:gang|group|groups|militia|cartel|faction|branch|network|company|firm"
    r"|organisation|organization|Foundation|Institute|Group|Company|Movement|Front)"
    r",?\ (?:(?:formerly|also|now|better|locally|widely)\ )?\Z"
)
_NAME_GOES_ON = re.compile(r"\ \d+(?:\ [A-Z][a-z]+)?\b")
#: "the Fano, an Amhara militia", "Metrovias, the private firm which runs":
#: a name before ", a/an/the", up to three words and an organisation noun that
#: ends the phrase (not "a company director", "the company's chairman").
_GROUP_APPOSITION = re.compile(
    r"(?:[\w-]+\ ){0,3}?(?:militia|group|gang|cartel|faction|coalition|firm|company|wing"
    r"|operator|regulator|agency|charity|alliance|network|federation|broadcaster|carrier"
    r"|airline|retailer|insurer|branch|affiliate|offshoot|arm|subsidiary)"
    r"(?=[,.;]|\ (?:of|that|which|who|with|in|based|led|fighting"
    r"|behind|whose|and|has|is|said|was)\b)"
)
_APPOSITION_ARTICLES = (", a ", ", an ", ", the ")
#: "firms such as Dell and Hewlett-Packard", "companies including Volkswagen,
#: DaimlerChrysler and Siemens": every name of the list. Not brands, labels,
#: networks or rivals (products: "rivals such as Firefox and Opera").
_EXAMPLES_CUES = tuple(
    f"{kind} {link} "
    for kind in (
        "firms companies groups banks carmakers retailers airlines manufacturers operators"
        " makers giants broadcasters organisations organizations charities clubs insurers"
        " publishers studios bands lenders"
    ).split()
    for link in ("such as", "including", "like")
)
_EXAMPLE_JOINS = (", and ", ", ", " and ")
_POSSESSIVE = ("'s ", "’s ")
#: "the Shining Path guerrilla group": one lower-case kind may stand between
#: the name and "group"; "Bombardier's shares": a company's possessions.
_ORG_KIND_AFTER = (
    (" group", " militia", " militias", " gang")
    # "the Houthis' Al-Masirah television", "its Az-Zallaqa media outlet", "its Amaq agency"
    + (" television", " media outlet", " media channel", " news agency")
    + tuple(
        f" {kind} group"
        for kind in "guerrilla rebel armed militant separatist jihadist insurgent".split()
    )
    + tuple(
        f"{mark}s {thing}"
        for mark in "'’"
        for thing in ("shares", "share price", "profits", "shareholders", "chief executive")
    )
)
_NUMBER_TAIL = re.compile(r"\ \d{1,3}\Z")
#: "Los Chapitos", "Los Zetas Viejos": "Los" and one or two capitalised words.
_LOS_NAME = re.compile(r"Los\ [A-Z][a-z]+(?:\ [A-Z][a-z]+)?(?![\w’'-])").match
#: Words after "television" that make it a thing or a prize, not a channel.
_NOT_A_CHANNEL = (" set", " screen", " award", " prize")
#: Words after "gang" that make it a kind of fighting, so the name before it
#: is where the gangs fight ("the Lyari gang war"), not a gang's name.
_GANG_FIGHTING = (" war", " violence", " feud", " rivalr", " fight", " clash", " turf", " crime")
#: A possessor inside a name found before its kind: "the Houthis' Al-Masirah".
_POSSESSOR = re.compile(r"\w(?:['’]s?|s['’])\ (?=[A-Z])")
_TITLE_WORDS = frozenset(
    "Commissioner Minister Secretary President Chancellor Director Chairman Governor".split()
)

#: First words of a name after "told" that is no outlet: a title or a compass
#: point before a place.
_NOT_OUTLET_FIRST = frozenset(
    """Judge Justice Lord Lady Sir Prince Princess King Queen General Colonel Captain
    Major Officer Detective Inspector Sergeant Agent Senator North South East West
    Northern Southern Eastern Western Central""".split()
)

#: The cues of these rules, by group (merged into `AnchorFinder`'s groups).
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    "backed": _BACKED_CUES,
    "spokesman": _SPOKESMAN_CUES,
    "org_before": _ORG_KIND_BEFORE,
    "org_after": _ORG_KIND_AFTER,
    # "militants of Jund al-Khilafa": the armed group its fighters belong to.
    "members": tuple(
        f"{word[0]}{word[1:]} of " if first else f"{word[0].upper()}{word[1:]} of "
        for word in "members militants fighters jihadists insurgents rebels militiamen".split()
        for first in (True, False)
    ),
    "los": ("Los ",),
    "owned": ("% of ",),
    "known_as": (" known as ",),
    "apposition": _APPOSITION_ARTICLES,
    "examples": _EXAMPLES_CUES,
    "told": (" told ",),
}


def _sentence_start(text: str, pos: int) -> bool:
    """Whether `pos` opens a line or a sentence, where any word is capitalised."""
    return pos == 0 or text[pos - 1] == "\n" or text.endswith((". ", '." ', "! ", "? "), 0, pos)


class OrgContextRules:
    """ORG candidates from the words around a name (see the module docstring)."""

    def __init__(self, lookup: Callable[[str], str | None]) -> None:
        """`lookup(name)` gives the fixed-list label of a name, or None."""
        self._lookup = lookup
        self._given = lexicon.read_words("first_names.txt") | lexicon.read_words("given_names.txt")

    def _company_owner(self, name: str) -> bool:
        """Whether the owner in "owned by X" is a company ("owned by Viacom"), not
        a person ("Richard Branson", "Lord Conrad Black") or a known place."""
        first = name.split(" ")[0]
        if first in self._given or first in _PERSON_OPENERS or first in _STOP_TOKENS:
            return False
        return self._lookup(name) is None and self._lookup(first) not in ("GPE", "NORP", "LOC")

    def _person_maker(self, text: str, pos: int, name: re.Match[str]) -> bool:
        """Whether "maker X" names a person ("film-maker George Lucas", "games
        maker Peter Molyneux"): after a hyphen or a person's trade, or a given
        name first; "tractor maker Mahindra" is a company."""
        if text[pos - 1 : pos] == "-" or name.group().split(" ")[0] in self._given:
            return True
        words = text[max(0, pos - 20) : pos].split()
        return bool(words) and words[-1] in _PERSON_MAKERS

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
            at = pos + len(cue)
            if cue == "owned by ":
                owner = _OWNER_POSSESSOR.match(text, at)
                at = owner.end() if owner is not None else at
            match = _NAME_MATCH(text, at)
            if match is not None and cue == "owned by " and not self._company_owner(match.group()):
                continue
            if match is not None and cue == "website " and text.endswith("News ", 0, pos):
                continue  # "told the BBC News website Ford did": a person follows
            if match is not None and cue == "maker " and self._person_maker(text, pos, match):
                continue
            if match is not None:
                first, *rest = match.group().split(" ")
                # "the aerospace group EADS Philippe Camus said": a person follows.
                cut = first.isupper() and len(rest) >= 2
                # "Fathers 4 Justice", "Transport 2000": one name.
                more = _NAME_GOES_ON.match(text, match.end())
                end = match.end() if more is None else more.end()
                spans.append((match.start(), match.start() + len(first) if cut else end))
        # Cues other rules own: " agency" ("X, Italy's agency"), " militiamen"
        # ("Nuer and Dinka militiamen").
        shared = [(pos, cue) for pos, cue in cues.get("owned_kind", ()) if cue == " agency"]
        shared += [(pos, cue) for pos, cue in cues.get("people_listed", ()) if cue == " militiamen"]
        for pos, cue in cues["org_after"] + shared:
            if text.startswith(_NOT_A_CHANNEL, pos + len(cue)):
                continue  # "LCD television sets", "the Golden Rose television awards"
            if cue == " gang" and text.startswith(_GANG_FIGHTING, pos + len(cue)):
                continue
            # "the Barrio 18 gang"; not "the Under 21 group", an age's.
            number = _NUMBER_TAIL.search(text, max(0, pos - 4), pos) if cue == " gang" else None
            last = pos if number is None else number.start()
            if _word_ends(text, pos + len(cue)) and text[last - 1 : last].isalpha():
                match = _NAME_BEFORE.search(text, max(0, last - 50), last)
                # "Iranian-backed Iraqi militia": whose militia, not its name.
                if match is not None and self._lookup(match.group().split()[-1]) is None:
                    if not _HYPHEN_DESCRIPTION.search(match.group()):
                        owner = _POSSESSOR.search(match.group())  # "the Houthis' Al-Masirah"
                        start = match.start() + (owner.end() if owner is not None else 0)
                        if ((pos, cue) in shared or cue == " gang") and _sentence_start(
                            text, start
                        ):
                            continue  # "Correction agency plans", "Deadliest gang attack"
                        spans.append((start, pos if number is not None else match.end()))
        for pos, cue in cues["owned"]:
            if _OWNED_PART.search(text, max(0, pos - 40), pos + len(cue)) is not None:
                match = _NAME_MATCH(text, pos + len(cue))
                if match is not None and not match.group().isupper():
                    spans.append(match.span())
        for pos, cue in cues["known_as"]:
            if _KNOWN_AS.search(text, max(0, pos - 30), pos + 1) is not None:
                at = pos + len(cue) + (4 if text.startswith("the ", pos + len(cue)) else 0)
                match = _NAME_MATCH(text, at)
                if match is not None:
                    spans.append(match.span())
        for pos, cue in cues["apposition"]:
            group = _GROUP_APPOSITION.match(text, pos + len(cue))
            if group is not None and " of " not in group.group():
                match = _NAME_BEFORE.search(text, max(0, pos - 50), pos)
                # "Jo Flaherty, a senior broadcaster": a person described.
                if match is not None and match.group().split()[0] not in self._given:
                    start = match.start() + (4 if match.group().startswith("The ") else 0)
                    spans.append((start, match.end()))
        for pos, cue in cues["examples"]:
            if not (pos and text[pos - 1].isalpha()):
                spans += self._examples(text, pos + len(cue))
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
        return out + self._told(text, cues)

    def _told(self, text: str, cues: Cues) -> list[Candidate]:
        """The outlet after "told": two words or more, or "The X" (its article
        kept), no given name first ("told Addis Standard"; not "told Tony
        Blair", "told Mr Leigh")."""
        spans = []
        for pos, cue in cues["told"]:
            at = pos + len(cue)
            the = text.startswith("The ", at)
            match = _NAME_MATCH(text, at + 4 if the else at)
            if match is None:
                continue
            name, words = match.group(), match.group().split()
            if not (len(words) >= 2 or the) or words[0] in self._given or name.isupper():
                continue
            if words[0] in _STOP_TOKENS or words[0] in _NOT_OUTLET_FIRST:
                continue  # "told Judge Clark", "told South Florida's Sun-Sentinel"
            if not _TITLE_WORDS.isdisjoint(words):
                continue
            if self._lookup(words[0]) is None and self._lookup(name) is None:
                if not _DESCRIPTION.search(name):
                    spans.append(Candidate(at, match.end(), "ORG", Layer.SPECIFIC))
        return spans

    def _examples(self, text: str, at: int) -> list[tuple[int, int]]:
        """The names of a list starting at `at`; a country's possessive before a
        name is left out ("firms such as France's Dassault Aviation")."""
        spans = []
        match = _NAME_MATCH(text, at)
        while match is not None:
            if text.startswith(_POSSESSIVE, match.end()):
                if self._lookup(match.group()) != "GPE":
                    break  # "Barclay's Capital": a name of its own
                match = _NAME_MATCH(text, match.end() + 3)
                continue
            spans.append(match.span())
            join = next((j for j in _EXAMPLE_JOINS if text.startswith(j, match.end())), None)
            if join is None:
                break
            match = _NAME_MATCH(text, match.end() + len(join))
        return spans

    def spanish_plurals(self, text: str, cues: Cues) -> list[Candidate]:
        """ORG guesses (fallback layer) for "Los X" that no list knows: gangs,
        cartels and teams ("Los Chapitos", "Los Tlacos"); places are listed
        ("Los Angeles", "Los Alamos") and win."""
        out = []
        for pos, _ in cues["los"]:
            if pos and text[pos - 1].isalnum():
                continue
            match = _LOS_NAME(text, pos)
            if match is not None and self._lookup(match.group()) is None:
                if self._lookup(match.group().rsplit(" ", 1)[0]) is None:  # "Los Angeles Times"
                    out.append(Candidate(*match.span(), "ORG", Layer.FALLBACK))
        return out

    def members_of(self, text: str, cues: Cues) -> list[Candidate]:
        """ORG guesses (fallback layer) for the names after "members of (the)":
        a band, a gang, a body ("members of Los Lobos and Los Choneros")."""
        out = []
        for pos, cue in cues["members"]:
            if pos and text[pos - 1].isalpha():
                continue
            at = pos + len(cue)
            if text.startswith("the ", at):
                at += 4
            match = _NAME_MATCH(text, at)
            while match is not None:
                name = match.group()
                if name.split()[0] in _STOP_TOKENS or self._lookup(name) is not None:
                    break
                if _DESCRIPTION.search(name) or name.isupper():
                    break
                # "the Bank of England's", "Mott the Hoople": a longer name;
                # "the Carib council": a modifier of a noun, not the body.
                after = _WORD_AFTER.match(text, match.end())
                if after is not None and after.group(1) not in _AFTER_MEMBERS_NAME:
                    break
                out.append(Candidate(*match.span(), "ORG", Layer.FALLBACK))
                if not text.startswith(" and ", match.end()):
                    break
                match = _NAME_MATCH(text, match.end() + 5)
        return out
