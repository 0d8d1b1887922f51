"""Where the title, date and number regexes can start, found in one pass per text.

A big alternation ("Prime Minister|President|...", 200 title forms) makes the
`re` engine try every branch at almost every position; that one pattern used
to cost more than the rest of recognition. Every match of those patterns
starts with a literal from a short list (a title form, a month or weekday
prefix, a number word) or a digit, so one Aho-Corasick pass finds every
position where a match can start, and the regex is only tried there.

Trying the regex at a superset of the possible starts, in ascending order and
skipping starts inside the previous match, gives exactly what `finditer`
gives: a position where no match starts just fails.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import ahocorasick

from glossator.index.entities.gazetteer import fold_case

_TITLE, _DATE, _QUANTITY, _CUE = 1, 2, 4, 8
#: Digit runs start dates, times and quantities alike (`\d` is any Unicode digit).
_DIGITS = re.compile(r"\d+")


class Anchors(NamedTuple):
    """Sorted candidate start offsets for each family of rules."""

    titles: list[int]
    dates: list[int]
    quantities: list[int]
    cues: dict[str, list[tuple[int, str]]]
    """(offset, cue) of each context-rule cue, by group (see `context.py`)."""


class AnchorFinder:
    """Finds `Anchors` with two automata: one over the text as written (titles,
    month and weekday names are case-sensitive) and one over the lower-cased
    text (number words match in any case)."""

    def __init__(
        self,
        titles: Iterable[str],
        date_words: Iterable[str],
        quantity_words: Iterable[str],
        cues: dict[str, Iterable[str]] | None = None,
    ) -> None:
        """`cues` maps a group name to its cue strings (case-sensitive)."""
        kinds: dict[str, int] = {}
        for word in titles:
            kinds[word] = kinds.get(word, 0) | _TITLE
        for word in date_words:
            kinds[word] = kinds.get(word, 0) | _DATE
        self._groups = list(cues or {})
        cue_group: dict[str, str] = {}
        for group, words in (cues or {}).items():
            for word in words:
                kinds[word] = kinds.get(word, 0) | _CUE
                cue_group[word] = group
        self._cased = ahocorasick.Automaton()
        for word, kind in kinds.items():
            self._cased.add_word(word, (len(word) - 1, kind, cue_group.get(word, ""), word))
        self._cased.make_automaton()
        self._folded = ahocorasick.Automaton()
        for word in quantity_words:
            self._folded.add_word(word, len(word) - 1)
        self._folded.make_automaton()

    def find(self, text: str) -> Anchors:
        """Candidate starts for titles, dates/times and quantities in `text`."""
        titles: set[int] = set()
        dates: set[int] = set()
        cues: dict[str, list[tuple[int, str]]] = {group: [] for group in self._groups}
        for end, (back, kind, group, word) in self._cased.iter(text):
            # `end` is the offset of the key's last character.
            if kind & _TITLE:
                titles.add(end - back)
            if kind & _DATE:
                dates.add(end - back)
            if kind & _CUE:
                cues[group].append((end - back, word))
        quantities = {end - back for end, back in self._folded.iter(fold_case(text))}
        digits = [match.start() for match in _DIGITS.finditer(text)]
        dates.update(digits)
        quantities.update(digits)
        return Anchors(sorted(titles), sorted(dates), sorted(quantities), cues)


def matches_at(
    pattern: re.Pattern[str], text: str, starts: list[int], resume: int | str = 0
) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer(text)` would give, trying only `starts`
    (ascending; every offset where a match can begin must be among them).

    Like `finditer`, a match hides the starts inside it: the next try is at or
    after the end of its group `resume` (the whole match by default).
    """
    done = 0
    match_at = pattern.match
    for pos in starts:
        if pos < done:
            continue
        match = match_at(text, pos)
        if match is not None:
            done = match.end(resume)
            yield match
