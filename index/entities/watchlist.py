"""The analyst's watchlist: `<corpus>/.glossator/watchlist.yaml`.

Format, a YAML list of entries::

    - name: Kataib Hezbollah
      label: ORG
      aliases: [KH, Kata'ib Hizballah]
      note: Iran-aligned; designated 2009

`name` and `label` are required, `aliases` (a list of strings) and `note` are
optional. A name or alias in capitals ("KH") matches only in capitals; any
other matches regardless of case. A file that is not valid YAML, or not a list,
is ignored as a whole; a bad entry is skipped. It is read like a sidecar:
no symbolic link, no anchors or aliases, bounded nesting and size. Either way each problem is one
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
from yaml.nodes import Node, SequenceNode

from glossator.annotations.fsio import atomic_write, read_untrusted, refuse_outside
from glossator.annotations.yamlsafe import parse_node, plain_data
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


#: A watchlist larger than this is refused (a few hundred thousand names).
MAX_WATCHLIST_BYTES = 8 * 1024 * 1024


class WatchlistError(ValueError):
    """The watchlist cannot be read or edited; the message is one line."""


def _parse(path: Path) -> tuple[Node | None, str | None]:
    """The watchlist's node tree, read with the sidecars' hardened loader
    (no links, no aliases, bounded depth and size); or the one-line problem."""
    try:
        refuse_outside(path, path.parent.parent)  # `.glossator` itself may be a planted link
        raw = read_untrusted(path, MAX_WATCHLIST_BYTES)
    except OSError as exc:
        return None, f"{path}: cannot read watchlist ({exc.strerror or exc}); ignored"
    if raw is None:
        return None, None
    if len(raw) > MAX_WATCHLIST_BYTES:
        return None, (
            f"{path}: over {MAX_WATCHLIST_BYTES // 1048576} MB; split or trim it; watchlist ignored"
        )
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, f"{path}:{line}: not UTF-8 text; save it as UTF-8; watchlist ignored"
    try:
        return parse_node(source), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, f"{path}{where}: not valid YAML ({problem}); watchlist ignored"


def load_watchlist(path: Path) -> tuple[list[WatchEntry], list[str]]:
    """Read and validate a watchlist file: (entries, one-line error messages).

    A missing file is an empty watchlist, not an error.
    """
    root, problem = _parse(path)
    if problem is not None:
        return [], [problem]
    if root is None:
        return [], []
    if not isinstance(root, SequenceNode):
        return [], [f"{path}:1: a watchlist must be a YAML list of entries; watchlist ignored"]
    entries: list[WatchEntry] = []
    errors: list[str] = []
    for index, node in enumerate(root.value, start=1):
        where = f"{path}:{node.start_mark.line + 1}: entry {index}"
        entry, error = _entry(node, plain_data(node), where)
        if entry is not None:
            entries.append(entry)
        if error is not None:
            errors.append(error)
    return entries, errors


def add_to_watchlist(
    path: Path, name: str, label: str, aliases: Iterable[str] = (), note: str = ""
) -> Path:
    """Append a name (with its aliases and note) to the watchlist file, created if
    needed, and return its path.

    Appended as text, so the analyst's comments and layout stay; the file is
    read with the same hardened loader as for recognition, and one that does
    not load is left alone (`WatchlistError`). The write is atomic and never
    follows a planted link. A blank name or alias is refused the same way.
    """
    name, note = name.strip(), note.strip()
    terms = [a.strip() for a in aliases]
    if not name or not all(terms):
        raise WatchlistError("a watchlist name and each alias need some text")
    root, problem = _parse(path)
    if problem is not None:
        raise WatchlistError(f"{problem.removesuffix('; watchlist ignored')}; fix it first")
    if root is not None and not isinstance(root, SequenceNode):
        raise WatchlistError(f"{path} is not a YAML list of entries; fix it first")
    for entry in plain_data(root) or []:
        if isinstance(entry, dict) and str(entry.get("name", "")).casefold() == name.casefold():
            return path
    raw = read_untrusted(path, MAX_WATCHLIST_BYTES) or b""
    source = raw.decode("utf-8")
    added: dict[str, Any] = {"name": name, "label": label}
    if terms:
        added["aliases"] = list(dict.fromkeys(terms))
    if note:
        added["note"] = note
    block = yaml.safe_dump([added], allow_unicode=True, sort_keys=False)
    if source and not source.endswith("\n"):
        source += "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, (source + block).encode("utf-8"))
    return path


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
