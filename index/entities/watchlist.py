"""The analyst's watchlist: `<corpus>/.glossator/watchlist.yaml`.

Format, a YAML list of entries::

    - name: Kataib Hezbollah
      label: ORG
      aliases: [KH, Kata'ib Hizballah]
      note: Iran-aligned; designated 2009

`name` and `label` are required, `aliases` (a list of strings) and `note` are
optional. A name or alias in capitals ("KH") matches only in capitals; any
other matches regardless of case. A file that is not valid YAML, or not a list,
is ignored as a whole; a bad entry is skipped. Either way each problem is one
line naming the file and line, and recognition carries on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from glossator.index.entities.gazetteer import fold_case, normalise
from glossator.index.entities.model import LABELS, Candidate, Layer


@dataclass(frozen=True, slots=True)
class WatchEntry:
    """One watched name with its label, aliases and the analyst's note."""

    name: str
    label: str
    aliases: tuple[str, ...] = ()
    note: str = ""
    line: int = 0
    """Line of the entry in the file (1-based), for messages."""

    @property
    def terms(self) -> tuple[str, ...]:
        """The name and its aliases."""
        return (self.name, *self.aliases)


def _entry(node: Any, data: Any, where: str) -> tuple[WatchEntry | None, str | None]:
    if not isinstance(data, dict):
        return None, f"{where}: an entry must be a mapping with name and label"
    unknown = set(data) - {"name", "label", "aliases", "note"}
    if unknown:
        return None, f"{where}: unknown key(s) {', '.join(sorted(map(str, unknown)))}"
    name, label = data.get("name"), data.get("label")
    if not isinstance(name, str) or not name.strip():
        return None, f"{where}: 'name' must be a non-empty string"
    if label not in LABELS:
        return None, f"{where}: label {label!r} is not one of {' '.join(LABELS)}"
    aliases = data.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        return None, f"{where}: 'aliases' must be a list of non-empty strings"
    note = data.get("note") or ""
    if not isinstance(note, str):
        note = str(note)
    line = node.start_mark.line + 1
    return WatchEntry(name.strip(), label, tuple(a.strip() for a in aliases), note, line), None


def load_watchlist(path: Path) -> tuple[list[WatchEntry], list[str]]:
    """Read and validate a watchlist file: (entries, one-line error messages).

    A missing file is an empty watchlist, not an error.
    """
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], []
    except (OSError, UnicodeDecodeError) as exc:
        return [], [f"{path}: cannot read watchlist ({exc.__class__.__name__}); ignored"]
    try:
        root = yaml.compose(source, Loader=yaml.SafeLoader)
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return [], [f"{path}{line}: not valid YAML ({problem}); watchlist ignored"]
    if data is None:
        return [], []
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        return [], [f"{path}:1: a watchlist must be a YAML list of entries; watchlist ignored"]
    entries: list[WatchEntry] = []
    errors: list[str] = []
    for index, (node, item) in enumerate(zip(root.value, data, strict=True), start=1):
        where = f"{path}:{node.start_mark.line + 1}: entry {index}"
        entry, error = _entry(node, item, where)
        if entry is not None:
            entries.append(entry)
        if error is not None:
            errors.append(error)
    return entries, errors


def watchlist_hash(entries: Iterable[WatchEntry]) -> str:
    """A short hash of what the entries match, for cache keys (notes do not count)."""
    digest = hashlib.sha256()
    for entry in entries:
        digest.update(f"{entry.label}\x1f{entry.name}\x1f{'|'.join(entry.aliases)}\n".encode())
    return digest.hexdigest()[:16]


@dataclass
class WatchlistMatcher:
    """Finds watchlist names and aliases on word boundaries."""

    entries: list[WatchEntry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._exact = ahocorasick.Automaton()
        self._folded = ahocorasick.Automaton()
        for entry in self.entries:
            for term in entry.terms:
                key = " " + normalise(term) + " "
                if term.isupper():
                    self._exact.add_word(key, (len(term), entry.label))
                else:
                    self._folded.add_word(fold_case(key), (len(term), entry.label))
        for automaton in (self._exact, self._folded):
            if len(automaton):
                automaton.make_automaton()

    def find(self, norm: str) -> list[Candidate]:
        """Watchlist candidates in a text given as `normalise(text)`."""
        out: list[Candidate] = []
        padded = " " + norm + " "
        for automaton, haystack in ((self._exact, padded), (self._folded, None)):
            if not len(automaton):
                continue
            if haystack is None:
                haystack = fold_case(padded)
            for end_pad, (length, label) in automaton.iter(haystack):
                end = end_pad - 1
                out.append(Candidate(end - length, end, label, Layer.WATCHLIST))
        return out
