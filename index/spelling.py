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

    def words(self) -> dict[str, int]:
        """Unstemmed words of the corpus with their article counts."""
        if self._words is None:
            try:
                data = json.loads(self.path.read_text("utf-8"))
                self._words = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                self._words = {}
        return self._words

    def add(self, words: Counter[str], *, replace: bool) -> None:
        """Count `words` in (or, with `replace`, start over from them)."""
        counts: Counter[str] = Counter() if replace else Counter(self.words())
        counts.update(words)
        atomic_write(self.path, json.dumps(counts, separators=(",", ":")))
        self._words = dict(counts)
