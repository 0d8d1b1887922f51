"""Editing the watchlist file: adding a name, adding or removing a correction.

Every edit keeps what the analyst wrote: the change is made as text (a line
appended, an item's lines cut) and kept only when the result reads back as
exactly the intended data; otherwise the whole file is written from its data
(comments then go, nothing else). A file that does not load, or is of a newer
version, is never written (`WatchlistError`). A version 1 list becomes a
version 2 mapping only when a correction is saved into it. Writes are atomic
and never follow a planted link.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from glossator.annotations.fsio import atomic_write, read_untrusted
from glossator.annotations.yamlsafe import parse_node, plain_data
from glossator.index.entities.corrections import Correction
from glossator.index.entities.watchlist import (
    MAX_WATCHLIST_BYTES,
    VERSION,
    Watchlist,
    WatchlistError,
    read_watchlist,
)

_Doc = tuple[int, list[Any], list[Any]]


def _editable(path: Path) -> tuple[Watchlist, str]:
    """The file as read and its text; `WatchlistError` when it must be left alone."""
    found = read_watchlist(path)
    if found.refused is not None:
        problem = found.refused
        for tail in ("; watchlist ignored and left unchanged", "; watchlist ignored"):
            problem = problem.removesuffix(tail)
        raise WatchlistError(f"{problem}; fix it first, it was not changed")
    raw = read_untrusted(path, MAX_WATCHLIST_BYTES) or b""
    return found, raw.decode("utf-8")


def _section(root: Node | None, name: str) -> Node | None:
    if isinstance(root, MappingNode):
        for key, value in root.value:
            if isinstance(key, ScalarNode) and key.value == name:
                return value
    return None


def _doc(root: Node | None) -> _Doc:
    """(version, raw entries, raw corrections) of a node tree, as plain data."""
    if isinstance(root, SequenceNode):
        return 1, list(plain_data(root) or []), []
    if isinstance(root, MappingNode):
        entries = plain_data(_section(root, "entries")) or []
        corrections = plain_data(_section(root, "corrections")) or []
        return VERSION, list(entries), list(corrections)
    return 1, [], []


def _dump(items: list[Any], flow: bool) -> str:
    return yaml.safe_dump(
        items,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=None if flow else False,
        width=10_000,
    )


def _write(path: Path, candidates: list[str], want: _Doc) -> None:
    """Write the first candidate text that reads back as `want`, else `want` dumped."""
    for text in candidates:
        try:
            if _doc(parse_node(text)) == want:
                break
        except yaml.YAMLError:
            continue
    else:
        version, entries, corrections = want
        if version == 1:
            text = _dump(entries, flow=False)
        else:
            text = yaml.safe_dump(
                {"version": VERSION, "entries": entries, "corrections": corrections},
                allow_unicode=True,
                sort_keys=False,
                width=10_000,
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text.encode("utf-8"))


def _ended(source: str) -> str:
    return source if not source or source.endswith("\n") else source + "\n"


def _as_version_2(source: str, corrections_block: str) -> str:
    """A version 1 list's text as a version 2 mapping, its lines (and comments) kept."""
    body = "\n".join(line for line in source.splitlines() if line.strip() not in ("---", "..."))
    return f"version: {VERSION}\nentries:\n{_ended(body)}corrections:\n{corrections_block}"


def _without_items(source: str, items: list[Node]) -> str:
    """`source` with the lines of these sequence items cut."""
    lines = source.splitlines(keepends=True)
    cut: set[int] = set()
    for node in items:
        end = node.end_mark.line + (1 if node.end_mark.column > 0 else 0)
        cut.update(range(node.start_mark.line, max(end, node.start_mark.line + 1)))
    return "".join(line for n, line in enumerate(lines) if n not in cut)


def add_to_watchlist(
    path: Path, name: str, label: str, aliases: Iterable[str] = (), note: str = ""
) -> Path:
    """Add a name (with its aliases and note) to the watchlist file (created if
    needed) and return its path.

    A name already there (in any case) is not added twice; a blank name or
    alias is refused (`WatchlistError`).
    """
    name, note = name.strip(), note.strip()
    terms = [a.strip() for a in aliases]
    if not name or not all(terms):
        raise WatchlistError("a watchlist name and each alias need some text")
    found, source = _editable(path)
    version, entries, corrections = _doc(found.root)
    for entry in entries:
        if isinstance(entry, dict) and str(entry.get("name", "")).casefold() == name.casefold():
            return path
    new: dict[str, Any] = {"name": name, "label": label}
    if terms:
        new["aliases"] = list(dict.fromkeys(terms))
    if note:
        new["note"] = note
    block = _dump([new], flow=False)
    want = (version, [*entries, new], corrections)
    if version == 1:
        candidates = [_ended(source) + block]
    else:
        node = _section(found.root, "entries")
        candidates = [_ended(source) + "entries:\n" + block] if node is None else []
        if isinstance(node, SequenceNode) and node.value:
            lines = source.splitlines(keepends=True)
            at = node.value[-1].end_mark
            at_line = at.line + (1 if at.column > 0 else 0)
            indent = " " * node.start_mark.column
            indented = "".join(indent + line for line in block.splitlines(keepends=True))
            candidates.append("".join(lines[:at_line]) + indented + "".join(lines[at_line:]))
    _write(path, candidates, want)
    return path


def add_correction(path: Path, correction: Correction) -> list[Correction]:
    """Save a correction into the watchlist file; returns the corrections it
    replaced (those with the same text, scope and article)."""
    found, source = _editable(path)
    version, entries, raw = _doc(found.root)
    replaced = [c for c in found.corrections if c.target == correction.target]
    node = _section(found.root, "corrections")
    items = list(node.value) if isinstance(node, SequenceNode) else []
    gone = {c.position for c in replaced}
    keep_items = [n for i, n in enumerate(items) if i not in gone]
    kept = [plain_data(n) for n in keep_items]
    new = correction.to_dict()
    want = (VERSION, entries, [*kept, new])
    block = _dump([new], flow=True)
    if version == 1:
        candidates = [_as_version_2(source, block)]
    else:
        trimmed = _without_items(source, [n for n in items if n not in keep_items])
        if node is None:
            candidates = [_ended(trimmed) + "corrections:\n" + block]
        else:
            indent = " " * (node.start_mark.column if isinstance(node, SequenceNode) else 0)
            candidates = [_ended(trimmed) + indent + block]
            if not kept:
                # `corrections: []` (or an emptied list): the key written again.
                lines = [ln for ln in trimmed.splitlines() if not ln.startswith("corrections:")]
                candidates.append(_ended("\n".join(lines)) + "corrections:\n" + block)
    _write(path, candidates, want)
    return replaced


def remove_correction(path: Path, correction_id: str) -> Correction:
    """Remove the correction with this id from the file; returns it."""
    found, source = _editable(path)
    matching = [c for c in found.corrections if c.id == correction_id.strip()]
    if not matching:
        ids = ", ".join(c.id for c in found.corrections) or "none"
        raise WatchlistError(
            f"no correction {correction_id!r} in {path} (ids: {ids}); see glossator entity list"
        )
    target = matching[0]
    version, entries, _raw = _doc(found.root)
    node = _section(found.root, "corrections")
    items = list(node.value) if isinstance(node, SequenceNode) else []
    keep_items = [n for i, n in enumerate(items) if i != target.position]
    want = (version, entries, [plain_data(n) for n in keep_items])
    candidates = [_without_items(source, [n for n in items if n not in keep_items])]
    _write(path, candidates, want)
    return target
