"""The corpus words that spelling suggestions choose from.

`glossator-spelling.json` holds every unstemmed body word with the number of
articles it appears in; each update adds the words of the articles it wrote.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from glossator.index.manifest import atomic_write

SPELLING_FILE = "glossator-spelling.json"


class SpellingWords:
    """The spelling file of one index folder, read once."""

    def __init__(self, directory: Path) -> None:
        self.path = Path(directory) / SPELLING_FILE
        self._words: dict[str, int] | None = None
        self._unsaved = False

    def words(self) -> dict[str, int]:
        """Unstemmed words of the corpus with their article counts."""
        if self._words is None:
            try:
                data = json.loads(self.path.read_text("utf-8"))
                self._words = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                self._words = {}
        return self._words

    def add(self, words: Counter[str], *, replace: bool, save: bool = True) -> None:
        """Count `words` in (or, with `replace`, start over from them).

        Without `save` only this process sees them until `save` is called:
        writing 100,000 words out would cost a live update more than the rest.
        """
        counts: Counter[str] = Counter() if replace else Counter(self.words())
        counts.update(words)
        self._words = dict(counts)
        self._unsaved = not save
        if save:
            atomic_write(self.path, json.dumps(counts, separators=(",", ":")))

    def save(self) -> None:
        """Write out words added with `save=False`."""
        if self._unsaved and self._words is not None:
            atomic_write(self.path, json.dumps(self._words, separators=(",", ":")))
            self._unsaved = False


class SortedWords:
    """The corpus words `spelling()` gives, and the same words sorted.

    Spelling suggestions and typing completions both search the sorted
    list. One `SortedWords` serves every searcher of an index, so a new
    searcher (after each re-index) does not sort the words again; they are
    sorted again when `spelling()` gives another dict (every change of the
    words makes a new one, see `SpellingWords.add`) or the dict has grown.
    """

    def __init__(self, spelling: Callable[[], dict[str, int]]) -> None:
        self.source = spelling
        self._last: tuple[dict[str, int], list[str]] | None = None

    def words(self) -> dict[str, int]:
        """Unstemmed words of the corpus with their article counts."""
        return self.source()

    def sorted(self) -> tuple[dict[str, int], list[str]]:
        """The words, and their keys sorted (one pair, safe across threads)."""
        words = self.source()
        last = self._last
        if last is None or last[0] is not words or len(last[1]) != len(words):
            last = (words, sorted(words))
            self._last = last
        return last
