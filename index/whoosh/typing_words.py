"""The words a query typed so far can become, for search as you type.

Whoosh stems a prefix before expanding it: `election*` becomes `elect*`, so
typing `election` also matched `electrical`, `electrolux` and `electron`
(their stems start with `elect`), and on BBC an article about brain waves
ranked fourth. The reader means the words that *start with what was typed*:
`election`, `elections`, `electioneering`. Those are found among the
corpus's unstemmed words (the spelling file, word -> article count) and
searched by their stems, the most frequent first; `runn` then finds
`running` (stem `run`) too, which `runn*` missed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from typing import Any

from glossator.index.spelling import SortedWords

#: A typed word the corpus words can complete: lower-case letters and digits
#: as the body is tokenised (an apostrophe or hyphen is left to Whoosh).
_PLAIN = re.compile(r"\w+")


class TypingWords:
    """Completions of a typed word among the corpus words, as stems."""

    def __init__(self, words: SortedWords) -> None:
        self._words = words
        self._stem: Any = None

    def _stemmer(self) -> Any:
        """The body field's stemmer (`analysis.SnowballStemFilter`'s)."""
        if self._stem is None:
            import Stemmer

            self._stem = Stemmer.Stemmer("english")
        return self._stem

    def stem(self, word: str) -> str:
        """The body field's stem of one lower-case word."""
        return str(self._stemmer().stemWord(word))

    def stems(self, typed: str, limit: int) -> list[str] | None:
        """The stems of the `limit` most frequent corpus words starting with
        `typed`, most frequent first; None when no corpus word does (or the
        word is not a plain one), so the caller expands the prefix itself."""
        typed = typed.lower()
        if not _PLAIN.fullmatch(typed):
            return None
        words, ordered = self._words.sorted()
        at = bisect_left(ordered, typed)
        found: list[str] = []
        while at < len(ordered) and ordered[at].startswith(typed):
            found.append(ordered[at])
            at += 1
        if not found:
            return None
        by_stem: Counter[str] = Counter()
        for word, stemmed in zip(found, self._stemmer().stemWords(found), strict=True):
            by_stem[stemmed] += words.get(word, 0)
        return [s for s, _ in by_stem.most_common(limit)]
