"""Text analysis for the index: how article text becomes searchable terms.

The body analyzer tokenises, lower-cases, drops Whoosh's standard English stop
words and stems with the Snowball English stemmer from PyStemmer (a C
extension) behind an unbounded cache, so common words are stemmed once.
Entity fields keep whole words, lower-cased and unstemmed, so `org:hezbollah`
matches the name as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StopFilter,
)
from whoosh.analysis.acore import Token
from whoosh.fields import TEXT
from whoosh.formats import Characters
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


class FastText(TEXT):
    """A TEXT field whose indexing runs the body analyzer as one tight loop.

    Indexing gives exactly the terms, positions and character offsets of
    `body_analyzer()` (which still analyses queries), without building a
    Token object per word and a generator per filter. The field's spelling
    words (unstemmed forms) come from the same pass instead of a second
    analysis of the text.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(analyzer=body_analyzer(), **kwargs)
        self._last_words: set[str] = set()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_last_words"] = set()
        return state

    def index(self, value: Any, **kwargs: Any) -> Any:  # noqa: D102 - see class docstring
        if not isinstance(value, str):
            yield from super().index(value, **kwargs)
            return
        # Lower-casing the whole text once is the same as word by word,
        # unless some character changes length when lowered (rare: the
        # Turkish dotted I); then the offsets would drift, so fall back.
        lowered = value.lower()
        if len(lowered) != len(value):
            lowered = ""
        stem_get = _STEM_CACHE.get
        stops = STOP_WORDS
        postings: dict[str, list[tuple[int, int, int]]] = {}
        words: set[str] = set()
        pos = -1
        for index, m in enumerate(_TOKEN_RE.finditer(lowered or value)):
            word = m.group() if lowered else m.group().lower()
            if word in stops or len(word) < 2:
                continue
            # As StopFilter(renumber=True) numbers them: the first kept word
            # keeps its place, later ones follow it with no gaps.
            pos = index if pos < 0 else pos + 1
            words.add(word)
            term = stem_get(word) or _stem_cached(word)
            start, end = m.span()
            entry = postings.get(term)
            if entry is None:
                postings[term] = [(pos, start, end)]
            else:
                entry.append((pos, start, end))
        self._last_words = words
        fmt = self.format
        fb = fmt.field_boost
        encode = fmt.encode
        if isinstance(fmt, Characters):
            for term, plist in postings.items():
                yield term.encode("utf-8"), len(plist), len(plist) * fb, encode(plist)
        else:
            for term, plist in postings.items():
                positions = [p[0] for p in plist]
                yield term.encode("utf-8"), len(plist), len(plist) * fb, encode(positions)

    def last_words(self) -> set[str]:
        """The distinct unstemmed words of the value `index()` last indexed."""
        return self._last_words


_TOKEN_RE = re.compile(r"\w+(?:\.?\w+)*")
_STEM_CACHE: dict[str, str] = {}
_STEMMER: Any = None


def _stem_cached(word: str) -> str:
    stemmed = _STEM_CACHE.get(word)
    if stemmed is None:
        global _STEMMER
        if _STEMMER is None:
            import Stemmer

            _STEMMER = Stemmer.Stemmer("english")
        stemmed = _STEMMER.stemWord(word)
        if len(_STEM_CACHE) < 500_000:
            _STEM_CACHE[word] = stemmed
    return stemmed
