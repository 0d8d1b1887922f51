"""Spelling suggestions: a query with its misspelt words replaced."""

from __future__ import annotations

import re
from typing import Any

from glossator.index.query import OPERATORS
from glossator.index.query_limits import worth_correcting
from glossator.index.spelling import SortedWords
from glossator.index.whoosh.analysis import STOP_WORDS

# Words a suggestion may replace: not field names (followed by a colon) and
# not the value of a non-text field such as tag: or an entity label.
_WORD_RE = re.compile(r"(?<![\w:~*/.'-])[^\W\d_]+(?![\w:*~/.'-])")


class Suggester:
    """Suggests corrections from the corpus words (word -> article count)."""

    def __init__(self, words: SortedWords) -> None:
        self._words = words
        self._corrector: Any = None

    def suggest(self, query: str) -> str | None:
        """The query with misspelt words replaced by the likeliest corpus word."""
        words, ordered = self._words.sorted()
        if not words:
            return None
        if self._corrector is None or self._corrector.wordlist is not ordered:
            from whoosh.spelling import ListCorrector

            self._corrector = ListCorrector(ordered)
        corrector = self._corrector
        changed = False
        tries = 0

        def fix(m: re.Match[str]) -> str:
            nonlocal changed, tries
            word = m.group(0)
            lower = word.lower()
            if word in OPERATORS or lower in words or lower in STOP_WORDS:
                return word  # a common word is not indexed, and no misspelling
            if not worth_correcting(word, tries):
                return word
            tries += 1
            for maxdist in (1, 2):
                cands = {sug for _, sug in corrector._suggestions(lower, maxdist, 0)}
                if cands:
                    # A word cut short (`kirk`) or mistyped past its first
                    # letter is likelier than a frequent word that merely
                    # lies as close (`air`): completions first, then words
                    # with the same first letter, then the most frequent.
                    best = max(
                        cands,
                        key=lambda c: (
                            c.startswith(lower),
                            c[:1] == lower[:1],
                            words.get(c, 0),
                            c,
                        ),
                    )
                    changed = True
                    return best
            return word

        fixed = _WORD_RE.sub(fix, query)
        return fixed if changed and fixed != query else None
