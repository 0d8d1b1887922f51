"""Where: the places an incident sentence names, and the kind word after one.

GPE, LOC and FAC entities, and capitalised names after locative words ("in
the village of *Elbur*", "near *Teguey*") that no entity covers; a name
ending in an organisation's word, a ship's or a possessive is none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossator.index.entities.model import Entity
from glossator.index.incidents.armed_groups import group_name_at
from glossator.index.incidents.roles import STOP_CAPS

__all__ = ["place_candidates", "place_kind_after"]

_PLACE_CUE = re.compile(
    r"\b(?:(?:town|village|city|port|district|province|region|state|township|area|camp|suburb"
    r"|neighbourhood|outskirts|hamlet|capital|base)\ of|in|near|outside|at|off|of|into|on|across)\ "
    r"(?:the\ )?(?:(?:[a-z][\w-]*|Israeli-occupied)\ ){0,4}?"
    r"(?P<place>(?:[Aa]l-|[Ee]l-)?[A-Z][\w’'-]*(?:\ (?:(?:al|el|ad|as|ar"
    r"|de)[- ])?[A-Z][\w’'-]*){0,3})",
    re.VERBOSE,
)
#: A capitalised name ending in one of these is an organisation, not a place.
_ORG_WORDS = frozenset(
    """Forces Force Army Front Party Movement Brigade Brigades Council Group Command Guard
    Corps Battalion Militia Resistance Union Committee Government Ministry Agency Service
    Services Office Organization Organisation Network Authority Police Navy""".split()
)
#: Ship prefixes: a named ship is a target, never a place.
_SHIPS = frozenset({"USS ", "HMS ", "MV ", "MSC "})
_SUFFIX_KIND = re.compile(
    r"^\ (?P<kind>region|state|province|governorate|oblast|district|territory|township|area|camp"
    r"|county|base|air\ base|airbase|beach)\b"
)


def place_candidates(sentence: str, entities: Sequence[Entity]) -> list[tuple[int, int, str, str]]:
    """Places in a sentence as (start, end, text, how): `how` is the entity label
    (GPE, LOC, FAC) or `CUE` for a capitalised name after a locative word."""
    out: list[tuple[int, int, str, str]] = []
    covered = [(e.start, e.end) for e in entities]
    for entity in entities:
        if entity.label in ("GPE", "LOC", "FAC"):
            out.append((entity.start, entity.end, entity.text, entity.label))
    for match in _PLACE_CUE.finditer(sentence):
        start, end = match.span("place")
        text = match.group("place")
        if (
            text.split()[0] in STOP_CAPS
            or text.endswith(("’s", "'s"))
            or text[:4] in _SHIPS
            or text.split()[-1] in _ORG_WORDS
            or group_name_at(sentence, start, end)
        ):
            continue
        if any(s < end and start < e for s, e in covered):
            continue
        out.append((start, end, text, "CUE"))
    out.sort()
    return out


def place_kind_after(sentence: str, end: int) -> str | None:
    """The kind word right after a place ("Gezira *state*", "Beni *territory*"), if any."""
    match = _SUFFIX_KIND.match(sentence[end : end + 20])
    return match.group("kind") if match else None
