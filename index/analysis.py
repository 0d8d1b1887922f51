"""Text analysis for the index: how article text becomes searchable terms.

The body analyzer tokenises, lower-cases, drops Whoosh's standard English stop
words and stems with the Snowball English stemmer from PyStemmer (a C
extension) behind an unbounded cache, so common words are stemmed once.
Entity fields keep whole words, lower-cased and unstemmed, so `org:hezbollah`
matches the name as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StopFilter,
)
from whoosh.analysis.acore import Token
from whoosh.lang.stopwords import stoplists

#: Tokens are runs of word characters, optionally joined by dots or
#: apostrophes ("U.S.", "don't"), the same pattern as Whoosh's default.
TOKEN_PATTERN = r"\w+(\.?\w+)*"
STOP_WORDS = frozenset(stoplists["en"])
#: Written between two entity values in an entity field so that a phrase
#: query cannot match across the end of one name and the start of the next.
ENTITY_SEPARATOR = " glossatorsep "


class SnowballStemFilter(Filter):
    """Stem tokens with PyStemmer's English stemmer, caching every word."""

    is_morph = True

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}
        self._stem: Any = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SnowballStemFilter)

    def __hash__(self) -> int:
        return hash(SnowballStemFilter)

    def __getstate__(self) -> dict[str, Any]:
        # The C stemmer and the cache are rebuilt on load, not pickled into
        # the index's table of contents.
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]

    def _stemmer(self) -> Any:
        if self._stem is None:
            import Stemmer

            self._stem = Stemmer.Stemmer("english").stemWord
        return self._stem

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        cache = self._cache
        stem = self._stemmer()
        for t in tokens:
            if not t.stopped:
                text = t.text
                stemmed = cache.get(text)
                if stemmed is None:
                    stemmed = stem(text)
                    if len(cache) < 500_000:
                        cache[text] = stemmed
                t.text = stemmed
            yield t


def body_analyzer() -> Any:
    """The analyzer for title and body text."""
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=2)
        | SnowballStemFilter()
    )


def entity_analyzer() -> Any:
    """The analyzer for the per-label entity fields: whole words, lower case."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter()
