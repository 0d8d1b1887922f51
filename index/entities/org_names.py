"""Context rules for organisations named beside a name rather than by a
phrase before it:

- a newspaper named by one word after "the" ("according to the Times");
- a name no list knows before an owner's kind of body in apposition
  ("Consob, Italy's stock market regulator");
- capitalised words joined by " & " ("Deloitte & Touche", "Scottish &
  Newcastle"), not two places or two people;
- a name in apposition after "the"/"its" and a kind of body ("the
  operator, Aiteo Eastern E&P Company,", "the statistics office, Destatis,").

All ORG. Split from `org_context.py` (the 400-line limit), sharing
`context.py`'s helpers; each rule is tried only where its literal cue occurs
(`anchors.py`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from glossator.index.entities import lexicon
from glossator.index.entities.context import _DESCRIPTION, Cues, _word_ends
from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.name_words import _NAME, _STOP_TOKENS

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

#: "the statistics office, Destatis,", "The airline, SpiceJet,": a kind of
#: body after "the"/"its" (a lower-case word may come between), then its name
#: closed by a comma.
_APPOSED_KINDS = tuple(
    f" {kind}, "
    for kind in (
        "office operator manager regulator agency company firm bank lender airline carrier"
        " watchdog broadcaster"
    ).split()
)
_THE_KIND_BEFORE = re.compile(r"(?<![\w’'-])(?:the|The|its|Its)(?:\ [a-z]+)?\Z")
#: Up to six capitalised words, "&" inside one ("Aiteo Eastern E&P Company").
_NAME_THEN_COMMA = re.compile(r"([A-Z][\w&-]*(?:\ [A-Z][\w&-]*){0,5}),")

#: A broadcaster's channel or station by its number or region ("BBC One",
#: "BBC Radio 4", "BBC Radio Five Live", "BBC World Service", "BBC 6 Music").
_CHANNEL = re.compile(
    r"BBC\ (?:One|Two|Three|Four|Parliament|World\ Service|News\ 24|\d\ Music|Radio\ (?:\d"
    r"|One|Two|Three|Four|Five\ Live|[A-Z][a-z]+)(?:\ Live)?|Scotland|Wales|Sport)"
    r"(?![\w-]|['’](?!s(?![\w’'])))"
).match

#: The cues of these rules, by group (merged into `AnchorFinder`'s groups).
CUE_GROUPS: dict[str, tuple[str, ...]] = {
    "channel": ("BBC ",),
    "ampersand": (" & ",),
    "owned_kind": _OWNED_KINDS,
    "paper": _PAPER_CUES,
    "apposed_kind": _APPOSED_KINDS,
}


class OrgNameRules:
    """ORG candidates for papers, owners' bodies and "&" names (see the module docstring)."""

    def __init__(self, lookup: Callable[[str], str | None]) -> None:
        """`lookup(name)` gives the fixed-list label of a name, or None."""
        self._lookup = lookup
        self._given = lexicon.read_words("first_names.txt") | lexicon.read_words("given_names.txt")

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

    def channels(self, text: str, cues: Cues) -> list[Candidate]:
        """ORG for a broadcaster's channel named with it ("BBC One", "BBC Radio 4")."""
        out = []
        for pos, _ in cues.get("channel", ()):
            match = _CHANNEL(text, pos)
            if match is not None and not (pos and text[pos - 1].isalnum()):
                out.append(Candidate(pos, match.end(), "ORG", Layer.SPECIFIC))
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

    def apposed_names(self, text: str, cues: Cues) -> list[Candidate]:
        """ORG for a name in apposition after the kind of body it is ("the
        operator, Aiteo Eastern E&P Company, to shut in"); not a person ("the
        firm, Peter Zelvan, said") nor a name a list knows."""
        out = []
        for pos, cue in cues.get("apposed_kind", ()):
            if _THE_KIND_BEFORE.search(text, max(0, pos - 20), pos) is None:
                continue  # "a spokesman for one company, Reuters said"
            match = _NAME_THEN_COMMA.match(text, pos + len(cue))
            if match is None:
                continue
            name = match.group(1)
            first = name.split(" ")[0]
            if first in _STOP_TOKENS or first in self._given or self._lookup(name) is not None:
                continue
            out.append(Candidate(match.start(1), match.end(1), "ORG", Layer.SPECIFIC))
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
