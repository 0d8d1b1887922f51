"""Weapon spans grown to take in a model name, a model code or a calibre
before them ("Burkan rocket", "AR-15 rifles", "9mm pistols")."""

from __future__ import annotations

import re
from collections.abc import Callable

from glossator.index.entities.model import Candidate
from glossator.index.entities.name_words import _STOP_TOKENS

_MODEL_NAME_BEFORE = re.compile(r"([A-Z][\w-]*\w) $")
#: A model code ("AR-15", "ZU-23", "M203"): letters, an optional hyphen, digits.
_MODEL_CODE = re.compile(r"[A-Z]{1,4}-?\d{1,4}[A-Z]?")
#: A calibre before a weapon ("9mm pistols", ".50-caliber machine gun"), with
#: a maker's name before it ("Barrett .50-caliber sniper rifle").
_CALIBRE_BEFORE = re.compile(
    r"(?<![\w.-])(?:[A-Z][a-z]+ )?(?:\.\d{2,3}-calib(?:er|re)|\d{1,3}(?:\.\d)?mm"
    r"|\d{1,3}-millimet(?:er|re)) $"
)


def _model_acronym(text: str, word: str, lookup: Callable[[str], str | None]) -> bool:
    """Whether capitals before a weapon name its model ("SKS assault rifle"),
    not its owner: no list knows them ("IRA bombs", "US missiles") and the
    article does not define them as an acronym ("the Kachin Independence
    Army (KIA) ... KIA mortars")."""
    return (
        word.isupper()
        and 2 <= len(word) <= 6
        and word.isalpha()
        and lookup(word) is None
        and f"({word})" not in text
    )


def named_weapons(
    text: str, found: list[Candidate], lookup: Callable[[str], str | None]
) -> list[Candidate]:
    """Weapon spans grown to take in a model name before them ("Burkan rocket",
    "Shahed drones"), unless that word is a place, group or sentence opener;
    a model code ("AR-15 rifles") or a calibre ("9mm pistols", "Barrett
    .50-caliber sniper rifle") always."""
    out = []
    for cand in found:
        if cand.label != "WEAPON":
            continue
        calibre = _CALIBRE_BEFORE.search(text, max(0, cand.start - 40), cand.start)
        if calibre is not None and text[cand.start : cand.end][:1].islower():
            start = calibre.start()
            if text[start : start + 1].isupper() and lookup(text[start:].split()[0]):
                start = text.index(" ", start) + 1  # "Iraqi 9mm pistols": whose
            out.append(Candidate(start, cand.end, "WEAPON", cand.layer))
            continue
        before = _MODEL_NAME_BEFORE.search(text, max(0, cand.start - 30), cand.start)
        if before is None or (before.start() and text[before.start() - 1].isalnum()):
            continue
        word = before.group(1)
        if _MODEL_CODE.fullmatch(word) and text[cand.start : cand.end][:1].islower():
            out.append(Candidate(before.start(), cand.end, "WEAPON", cand.layer))
            continue  # a model code says which model even at a sentence start
        if _model_acronym(text, word, lookup) and text[cand.start : cand.end][:1].islower():
            out.append(Candidate(before.start(), cand.end, "WEAPON", cand.layer))
            continue  # "SKS assault rifle", "PKM machine guns", "INSAS rifle"
        opener = text[max(0, before.start() - 2) : before.start()]
        if not opener or opener[-1] == "\n" or opener[0] in ".!?:":
            continue  # a capital at the start of a sentence says nothing
        if word in _STOP_TOKENS or word.isupper() or lookup(word) is not None:
            continue  # "IRA bombs", "Iranian missiles": whose, not which model
        if not text[cand.start : cand.end][:1].islower():
            continue  # "Atomic Bomb", "Gurkha Rifles": a title or a regiment
        out.append(Candidate(before.start(), cand.end, "WEAPON", cand.layer))
    return out
