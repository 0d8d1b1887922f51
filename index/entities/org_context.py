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
        " supermarket website federation"
    ).split()
) + (
    # "veteran broadcaster David Dimbleby" is a person; a state's is a body.
    *("state broadcaster ", "public broadcaster ", "national broadcaster ", "news site "),
    *("unit of ", "subsidiary of ", "contractor, "),
    *("shares in ", "Shares in ", "operated by ", "stake in ", "stakes in "),
)
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
    r"|airline|retailer|insurer)(?=[,.;]|\ (?:of|that|which|who|with|in|based|led|fighting"
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
    (" group", " militia", " militias")
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
#: "Los Chapitos", "Los Zetas Viejos": "Los" and one or two capitalised words.
_LOS_NAME = re.compile(r"Los\ [A-Z][a-z]+(?:\ [A-Z][a-z]+)?(?![\w’'-])").match
#: Words after "television" that make it a thing or a prize, not a channel.
_NOT_A_CHANNEL = (" set", " screen", " award", " prize")
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
#: Newspapers named by one word after "the" ("according to the Times",
#: "told the Guardian newspaper"), the article outside as for any outlet; not
#: before another capitalised word ("the Guardian Angels").
_PAPERS = ("Times", "Guardian", "Observer", "Economist")
_PAPER_CUES = tuple(f"{the} {paper}" for the in ("the", "The") for paper in _PAPERS)
_CAPITALISED_NEXT = re.compile(r"\ [A-Z]")
#: "Consob, Italy's stock market regulator": a name before a country's (or
#: any owner's) kind of body in apposition.
_OWNED_KINDS = tuple(
    f" {kind}"
    for kind in (
        "regulator lender carmaker automaker airline insurer retailer broadcaster brewer"
        " bank firm company operator agency watchdog"
    ).split()
)
_OWNER_APPOSITION = re.compile(rf"(?<![\w’'-])({_NAME}),\ [A-Z][\w-]*['’]s(?:\ [\w-]+){{0,3}}\Z")
_AFTER_OWNED_KIND = re.compile(r"[,.;)]|\ (?:which|that|and|said|has|is|was|had|will)\b")
#: "Deloitte & Touche", "Scottish & Newcastle", "Marsh & McLennan": words
#: joined by " & " name a firm or a band, up to three capitalised words each
#: side, a possessive outside ("Johnson & Johnson's").
_AMPERSAND_LEFT = re.compile(r"(?<![\w’'&-])[A-Z][\w-]*(?:\ [A-Z][\w-]*){0,2}\Z")
_AMPERSAND_RIGHT = re.compile(r"[A-Z][\w-]*(?:\ [A-Z][\w-]*){0,2}(?![\w-])")
_SENTENCE_START = re.compile(r"(?:\A|[.!?:\n][\"“”'’]?\ ?|\n)\Z")
_ROLE_THEN_NAME = re.compile(r"[A-Z][a-z]")
#: "English side Gloucester", "Premiership side Bath": a club after "side".
_SIDE_AFTER = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*\ \Z")

#: The cues of these rules, by group (merged into `AnchorFinder`'s groups).
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    "backed": _BACKED_CUES,
    "spokesman": _SPOKESMAN_CUES,
    "org_before": _ORG_KIND_BEFORE,
    "org_after": _ORG_KIND_AFTER,
    "members": ("members of ", "Members of "),
    "los": ("Los ",),
    "owned": ("% of ",),
    "known_as": (" known as ",),
    "apposition": _APPOSITION_ARTICLES,
    "examples": _EXAMPLES_CUES,
    "told": (" told ",),
    "club_role": _CLUB_ROLES,
    "club_side": (" side ",),
    "ampersand": (" & ",),
    "owned_kind": _OWNED_KINDS,
    "paper": _PAPER_CUES,
}


class OrgContextRules:
    """ORG candidates from the words around a name (see the module docstring)."""

    def __init__(self, lookup: Callable[[str], str | None]) -> None:
        """`lookup(name)` gives the fixed-list label of a name, or None."""
        self._lookup = lookup
        self._given = lexicon.read_words("first_names.txt") | lexicon.read_words("given_names.txt")
        self._nations = frozenset(lexicon.read_list("national_sides.txt"))

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
            if match is not None and cue == "website " and text.endswith("News ", 0, pos):
                continue  # "told the BBC News website Ford did": a person follows
            if match is not None:
                first, *rest = match.group().split(" ")
                # "the aerospace group EADS Philippe Camus said": a person follows.
                cut = first.isupper() and len(rest) >= 2
                # "Fathers 4 Justice", "Transport 2000": one name.
                more = _NAME_GOES_ON.match(text, match.end())
                end = match.end() if more is None else more.end()
                spans.append((match.start(), match.start() + len(first) if cut else end))
        for pos, cue in cues["org_after"]:
            if text.startswith(_NOT_A_CHANNEL, pos + len(cue)):
                continue  # "LCD television sets", "the Golden Rose television awards"
            if _word_ends(text, pos + len(cue)) and text[pos - 1 : pos].isalpha():
                match = _NAME_BEFORE.search(text, max(0, pos - 50), pos)
                # "Iranian-backed Iraqi militia": whose militia, not its name.
                if match is not None and self._lookup(match.group().split()[-1]) is None:
                    if not _HYPHEN_DESCRIPTION.search(match.group()):
                        owner = _POSSESSOR.search(match.group())  # "the Houthis' Al-Masirah"
                        start = match.start() + (owner.end() if owner is not None else 0)
                        spans.append((start, match.end()))
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

    def papers(self, text: str, cues: Cues) -> list[Candidate]:
        """ORG for a newspaper named by one word after "the" ("the Times")."""
        out = []
        for pos, cue in cues["paper"]:
            end = pos + len(cue)
            if pos and text[pos - 1].isalnum():
                continue  # "Bathe Times"
            if not _word_ends(text, end) or _CAPITALISED_NEXT.match(text, end):
                continue  # "the Times Educational Supplement", "the Guardian Angels"
            out.append(Candidate(pos + 4, end, "ORG", Layer.SPECIFIC))
        return out

    def owner_appositions(self, text: str, cues: Cues) -> list[Candidate]:
        """ORG for a name no list knows before an owner's kind of body
        ("Consob, Italy's stock market regulator", "X, the group's lender")."""
        out = []
        for pos, cue in cues["owned_kind"]:
            if not _AFTER_OWNED_KIND.match(text, pos + len(cue)):
                continue  # "Italy's bank holidays": the kind goes on
            match = _OWNER_APPOSITION.search(text, max(0, pos - 90), pos)
            if match is None:
                continue
            start, name = match.start(1), match.group(1)
            first, _, rest = name.partition(" ")
            if first.endswith("ing") and rest:  # "Combining SMFG, Japan's ... lender"
                start, name, first = start + len(first) + 1, rest, rest.split()[0]
            if first in _STOP_TOKENS or first in self._given:
                continue
            if self._lookup(name) is None and not _DESCRIPTION.search(name):
                out.append(Candidate(start, match.end(1), "ORG", Layer.SPECIFIC))
        return out

    def ampersand_names(self, text: str, cues: Cues) -> list[Candidate]:
        """ORG for capitalised words joined by " & " ("Deloitte & Touche",
        "Scottish & Newcastle"); not two places ("Serbia & Montenegro",
        "Folkestone & Hythe") or two people ("Richard & Judy", "Matt Lucas &
        David Walliams"), nor a name a list knows whole."""
        out = []
        for pos, cue in cues["ampersand"]:
            left = _AMPERSAND_LEFT.search(text, max(0, pos - 40), pos)
            right = _AMPERSAND_RIGHT.match(text, pos + len(cue))
            if left is None or right is None:
                continue
            start = left.start()
            first = left.group().split()[0]
            if first in _STOP_TOKENS or first in ("The", "A"):
                if " " not in left.group():
                    continue
                start += len(first) + 1  # "The Securities & Exchange Commission"
            end = right.end()
            one, two = text[start:pos], right.group()
            if self._lookup(text[start:end]) is not None:
                continue
            if self._lookup(one) == "GPE" and self._lookup(two) == "GPE":
                continue
            if one != two and one.split()[0] in self._given and two.split()[0] in self._given:
                continue  # "Johnson & Johnson" is one family's firm
            out.append(Candidate(start, end, "ORG", Layer.SPECIFIC))
        return out

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
