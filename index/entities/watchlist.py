"""The analyst's watchlist: `<corpus>/.glossator/watchlist.yaml`.

Version 1, a YAML list of entries::

    - name: Kataib Hezbollah
      label: ORG
      aliases: [KH, Kata'ib Hizballah]
      note: Iran-aligned; designated 2009

Version 2, a mapping with the same entries and the analyst's corrections of
recognised entities (`corrections`, see index/entities/corrections.py)::

    version: 2
    entries:
    - name: Kataib Hezbollah
      label: ORG
    corrections:
    - {text: Labour, wrong: GPE, label: ORG, scope: corpus, author: ana, added: '2026-12-03'}

`name` and `label` are required, `aliases` (a list of strings) and `note` are
optional. A name or alias in capitals ("KH") matches only in capitals; any
other matches regardless of case. A file that is not valid YAML, not a list
or such a mapping, or of a newer version, is ignored as a whole (and never
written); a bad entry or correction is skipped. It is read like a sidecar:
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
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from glossator.annotations.fsio import read_untrusted, refuse_outside
from glossator.annotations.yamlsafe import parse_node, plain_data
from glossator.index.entities.corrections import Correction, parse_correction
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


#: The newest watchlist format this glossator reads and writes.
VERSION = 2


@dataclass
class Watchlist:
    """A watchlist file as read: its entries, corrections and problems."""

    entries: list[WatchEntry] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    version: int = 1
    root: Node | None = None
    """The file's node tree (None when missing or unreadable), for editing."""
    refused: str | None = None
    """Why the file must not be written (unreadable, not a watchlist, newer)."""


def _sections(path: Path, root: MappingNode) -> tuple[dict[str, Node], str | None]:
    """The top-level keys of a version 2 file, or why it is refused."""
    sections: dict[str, Node] = {}
    unknown: list[tuple[int, object]] = []
    for key_node, value in root.value:
        key = key_node.value if isinstance(key_node, ScalarNode) else None
        if key not in ("version", "entries", "corrections"):
            unknown.append((key_node.start_mark.line + 1, key))
        sections[str(key)] = value
    version = plain_data(sections["version"]) if "version" in sections else None
    if not isinstance(version, int) or isinstance(version, bool) or version < 2:
        return {}, f"{path}:1: a watchlist mapping needs 'version: 2'"
    if version > VERSION:
        return {}, (
            f"{path}:1: watchlist version {version} is newer than this glossator reads "
            f"({VERSION}); upgrade glossator; watchlist ignored and left unchanged"
        )
    if unknown:
        line, key = unknown[0]
        return {}, f"{path}:{line}: unknown key {key!r}; expected version, entries, corrections"
    for name in ("entries", "corrections"):
        node = sections.get(name)
        if node is not None and not (isinstance(node, SequenceNode) or plain_data(node) is None):
            line = node.start_mark.line + 1
            return {}, f"{path}:{line}: '{name}' must be a list"
    return sections, None


def read_watchlist(path: Path) -> Watchlist:
    """Read and validate a watchlist file of either version.

    A missing file is an empty watchlist, not an error.
    """
    root, problem = _parse(path)
    if problem is not None:
        return Watchlist(errors=[problem], refused=problem)
    if root is None:
        return Watchlist()
    out = Watchlist(root=root)
    if isinstance(root, SequenceNode):
        entry_nodes, correction_nodes = list(root.value), []
    elif isinstance(root, MappingNode):
        sections, problem = _sections(path, root)
        if problem is not None:
            return Watchlist(errors=[problem], refused=problem)
        out.version = VERSION

        def items(name: str) -> list[Node]:
            node = sections.get(name)
            return list(node.value) if isinstance(node, SequenceNode) else []

        entry_nodes, correction_nodes = items("entries"), items("corrections")
    else:
        problem = f"{path}:1: a watchlist must be a YAML list of entries; watchlist ignored"
        return Watchlist(errors=[problem], refused=problem)
    for index, node in enumerate(entry_nodes, start=1):
        where = f"{path}:{node.start_mark.line + 1}: entry {index}"
        entry, error = _entry(node, plain_data(node), where)
        if entry is not None:
            out.entries.append(entry)
        if error is not None:
            out.errors.append(error)
    for index, node in enumerate(correction_nodes, start=1):
        line = node.start_mark.line + 1
        where = f"{path}:{line}: correction {index}"
        correction, error = parse_correction(plain_data(node), line, where, index - 1)
        if correction is not None:
            out.corrections.append(correction)
        if error is not None:
            out.errors.append(error)
    return out


def load_watchlist(path: Path) -> tuple[list[WatchEntry], list[str]]:
    """Read and validate a watchlist file: (entries, one-line error messages).

    A missing file is an empty watchlist, not an error.
    """
    found = read_watchlist(path)
    return found.entries, found.errors


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
