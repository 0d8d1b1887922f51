"""Other mentions of an organisation found by a strong rule.

A company or an armed group is often named with a cue once ("plane-making
giant Bombardier", "shares in Lenovo", "the Polisario Front") and bare
everywhere else in the article ("Bombardier said ..."). Every other mention
of such a name, in the same article only, is an ORG as trustworthy as the
span it came from. A name ending in Front or Movement lends its first word
too ("the Polisario Front" ... "the Polisario").

Not spread: names any list knows (a place, a people, a known organisation
already matches everywhere), acronyms (`acronyms.py` spreads those), words
of a person's name found in the article, and mentions that overlap a span of
another label proposed by a list or a rule (a longer place name wins).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable

from glossator.index.entities.model import Candidate, Layer
from glossator.index.entities.shapes import whole_mentions

#: Heads whose first word names the group alone: "Polisario Front" -> "Polisario".
_SHORT_HEADS = frozenset({"Front", "Movement"})
#: A capitalised word or "&" right after a mention carries a longer name on
#: ("Yangtze Electric Power", "Johnson & Johnson"), which this cannot delimit.
_NEXT_NAME_WORD = re.compile(r" (?:[A-Z][a-z]|&)")
#: A capitalised word right before a mention: the mention ends a longer name
#: when a list knows that word ("Manchester United" after "29% of United");
#: "But Bombardier", "On 14 October Google" are mentions.
_NAME_WORD_BEFORE = re.compile(r"(?<![\w’'-])[A-Z][a-z]\w* \Z")


def _ends_longer_name(text: str, pos: int, lookup: Callable[[str], str | None]) -> bool:
    """Whether the mention at `pos` is the end of a longer name (see above)."""
    before = _NAME_WORD_BEFORE.search(text, max(0, pos - 30), pos)
    return before is not None and lookup(before.group()[:-1]) is not None


def _forms(name: str) -> list[str]:
    words = name.split()
    if len(words) == 2 and words[1] in _SHORT_HEADS:
        return [name, words[0]]
    return [name]


def org_mentions(
    text: str,
    found: list[Candidate],
    lookup: Callable[[str], str | None],
    stop: Iterable[str],
) -> list[Candidate]:
    """ORG candidates at every other mention of an ORG name a specific rule found."""
    stop_words = frozenset(stop)
    people = {w for c in found if c.label == "PERSON" for w in text[c.start : c.end].split()}
    forms: dict[str, Layer] = {}
    seen: set[tuple[int, int]] = set()
    for cand in found:
        if cand.label != "ORG" or cand.layer < Layer.SPECIFIC:
            continue
        seen.add((cand.start, cand.end))
        for form in _forms(text[cand.start : cand.end]):
            words = form.split()
            if (
                len(form) < 3
                or form.isupper()
                or words[0] in stop_words
                or lookup(form) is not None
                or not people.isdisjoint(words)
            ):
                continue
            forms[form] = max(cand.layer, forms.get(form, cand.layer))
    if not forms:
        return []
    # Spans of other labels from lists and rules, sorted by start, to skip.
    others = sorted(
        (c.start, c.end) for c in found if c.label != "ORG" and c.layer >= Layer.LEXICON
    )
    starts = [s for s, _ in others]
    longest = max((e - s for s, e in others), default=0)
    out = []
    for form, layer in forms.items():
        for pos, end in whole_mentions(text, form):
            if (
                (pos, end) in seen
                or text.endswith("& ", 0, pos)
                or text[end : end + 1] == "-"
                or _NEXT_NAME_WORD.match(text, end)
                or _ends_longer_name(text, pos, lookup)
            ):
                continue
            first = bisect_left(starts, pos - longest)
            if not any(s < end and pos < e for s, e in others[first : bisect_left(starts, end)]):
                out.append(Candidate(pos, end, "ORG", layer))
    return out
