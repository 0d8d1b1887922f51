"""The corpus words that spelling suggestions choose from.

`glossator-spelling.json` holds every unstemmed body word with the number of
articles it appears in; each update adds the words of the articles it wrote.
"""

from __future__ import annotations

import json
from collections import Counter
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
