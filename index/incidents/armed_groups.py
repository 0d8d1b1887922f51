"""Armed groups under their other names (`index/data/armed_groups.txt`).

Reports of one event name its attacker differently: "KKB", the police's
term, for the TPNPB; "Shene", the government's, for the Oromo Liberation
Army; the affiliate "ISCAP" for the ADF. `groups_named` gives the groups a
report's attacker names, so two names of one group do not conflict
(`stories.matching`); `group_name_at` tells the extractor a place's name
that starts a group's ("Mara" of the Mara Salvatrucha). The table is read
on the first look-up, not when grouping is imported.
"""

from __future__ import annotations

import re
from functools import cache

from glossator.index.entities.lexicon import DATA_DIR

__all__ = ["group_name_at", "groups_named", "parse_table"]

_TOKEN = re.compile(r"[a-z0-9]+")


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text.lower().replace("'", "").replace("’", "")))


def parse_table(text: str) -> dict[tuple[str, ...], frozenset[int]]:
    """Each name's words -> the numbers of the groups (lines) it names."""
    names: dict[tuple[str, ...], set[int]] = {}
    number = 0
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        number += 1
        for name in line.split("|"):
            words = _tokens(name)
            if words:
                names.setdefault(words, set()).add(number)
    return {words: frozenset(groups) for words, groups in names.items()}


@cache
def _table() -> dict[tuple[str, ...], frozenset[int]]:
    return parse_table((DATA_DIR / "armed_groups.txt").read_text("utf-8"))


def groups_named(
    actor: object, table: dict[tuple[str, ...], frozenset[int]] | None = None
) -> frozenset[int]:
    """The groups whose names occur, as whole words, in an attacker's name
    ("ADF) rebels", "members of the KKB")."""
    if not isinstance(actor, str) or not actor:
        return frozenset()
    names = _table() if table is None else table
    words = _tokens(actor)
    found: set[int] = set()
    longest = max((len(k) for k in names), default=0)
    for i in range(len(words)):
        for n in range(1, min(longest, len(words) - i) + 1):
            found |= names.get(words[i : i + n], frozenset())
    return frozenset(found)


def group_name_at(text: str, start: int, end: int) -> bool:
    """A known group's name of two words or more, and no fewer than
    `text[start:end]` has, starts at `start`: "Mara" or "Mara Salvatrucha"
    read as a place in "the Mara Salvatrucha"."""
    first = _TOKEN.match(text[start:end].lower())
    if first is None or first.group() not in _first_words():
        return False
    inner = max(2, len(_tokens(text[start:end])))
    words = _tokens(text[start : start + 120])
    table = _table()
    longest = max((len(k) for k in table), default=0)
    return any(tuple(words[:n]) in table for n in range(inner, min(longest, len(words)) + 1))


@cache
def _first_words() -> frozenset[str]:
    """The first words of the names of two words or more."""
    return frozenset(k[0] for k in _table() if len(k) > 1)
