"""Regions that span several first-level subdivisions
(`index/data/wide_regions.txt`): "Iraqi Kurdistan" is Erbil, Duhok and
Sulaymaniyah, "Darfur" five states of Sudan. A record located in one gets
those subdivisions (`Incident.subdivisions`), so grouping can tell that a
town in Erbil lies inside it, as it tells that Goma lies in North Kivu.
The table is read on the first look-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from glossator.index.entities.lexicon import DATA_DIR

__all__ = ["WideRegion", "find", "parse_table"]

_WORD = re.compile(r"[a-z0-9]+")
#: Words that say what kind of place a name is, left out when names are
#: compared ("the Kurdistan region" / "Kurdistan").
_KIND = frozenset(("the", "region", "regions", "province", "provinces", "area"))

#: (country code, the subdivisions' names as admin1.tsv.gz's region rows give them)
WideRegion = tuple[str, tuple[str, ...]]


def _key(name: str) -> tuple[str, ...]:
    return tuple(w for w in _WORD.findall(name.lower().replace("’", "'")) if w not in _KIND)


def parse_table(text: str) -> dict[tuple[str, ...], list[WideRegion]]:
    """Each name's words -> the regions of that name. A line that is not
    "<code> : <names> : <subdivisions>" raises ValueError naming it."""
    table: dict[tuple[str, ...], list[WideRegion]] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(" : ")]
        if len(parts) != 3 or not re.fullmatch(r"[A-Z]{2}", parts[0]):
            raise ValueError(
                f"wide_regions.txt line {number}: write '<country code> : <names> : "
                f"<subdivisions>', not {line[:60]!r}"
            )
        members = tuple(m.strip() for m in parts[2].split("|") if m.strip())
        for name in parts[1].split("|"):
            key = _key(name)
            if key and members:
                table.setdefault(key, []).append((parts[0], members))
    return table


@cache
def _table() -> dict[tuple[str, ...], list[WideRegion]]:
    return parse_table((DATA_DIR / "wide_regions.txt").read_text("utf-8"))


def find(
    location: str,
    country: str | None,
    subdivision: Callable[[str, str], str | None],
    table: dict[tuple[str, ...], list[WideRegion]] | None = None,
) -> tuple[str, tuple[str, ...]] | None:
    """The wide region `location` names, as its country code and its
    subdivisions' admin1 codes (`subdivision(name, code)` resolves one);
    only one of the record's `country` code when that is known. None when
    it names none."""
    regions = (_table() if table is None else table).get(_key(location), [])
    for code, members in regions:
        if country is not None and code != country:
            continue
        codes = tuple(c for c in (subdivision(m, code) for m in members) if c is not None)
        if codes:
            return code, codes
    return None
