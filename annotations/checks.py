"""What an analyst records about an article's incidents, and its metadata.

An `IncidentCheck` is the analyst's word on one incident: confirmed, edited,
added or rejected, anchored to the sentence it is about like a `Span`, with
the field values the analyst stands by. `field_value` validates one field
(for the store, the sidecar reader and the command line alike);
`normalise_date` and `normalise_source` do the same for the article's
`date` and `source`. Plain Python, no I/O.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from glossator.annotations.errors import InvalidValue

__all__ = [
    "FIELDS",
    "INT_FIELDS",
    "MAX_LINE",
    "STATUSES",
    "SUB_EVENT_TYPES",
    "FieldValue",
    "IncidentCheck",
    "date_precision",
    "field_value",
    "normalise_date",
    "normalise_source",
]

#: ACLED's nine violent sub-event types. A copy of
#: `glossator.index.incidents.SUB_EVENT_TYPES` (annotations may not import
#: index); tests/annotations/test_ann_incidents.py checks the two are equal.
SUB_EVENT_TYPES: tuple[str, ...] = (
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Suicide bomb",
    "Grenade",
    "Armed clash",
    "Attack",
    "Abduction/forced disappearance",
    "Disrupted weapons use",
)

#: What the analyst did: kept the extractor's record as it was, corrected it,
#: recorded one the extractor missed, or said it is not an incident.
STATUSES: tuple[str, ...] = ("confirmed", "edited", "added", "rejected")

#: The fields an analyst may set, in the order a sidecar lists them.
FIELDS: tuple[str, ...] = (
    "sub_event_type",
    "event_date",
    "event_date_text",
    "actor1",
    "actor2",
    "location",
    "country",
    "latitude",
    "longitude",
    "weapon",
    "fatalities",
    "injured",
    "notes",
)
INT_FIELDS = ("fatalities", "injured")
_COORDINATES = {"latitude": 90.0, "longitude": 180.0}
_LINE_FIELDS = ("event_date_text", "actor1", "actor2", "location", "country", "weapon")

#: Longest a one-line value (source, actor, place, weapon) may be.
MAX_LINE = 200

FieldValue = str | int | float | None

# C0 controls, DEL, C1 controls, bidi overrides and isolates: what a terminal
# acts on. (The same set as index.sanitize, which this package may not import.)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")


@dataclass(slots=True)
class IncidentCheck:
    """The analyst's record of one incident.

    ``start``/``end``/``quote``/``prefix``/``suffix`` anchor it to the
    sentence it is about exactly as a `Span` is anchored (and re-anchored).
    ``fields`` holds only what the analyst stands by: a key that is present
    wins over the extractor, even when its value is None ("not stated").
    """

    id: str
    """``i-`` and random hex, unique within the sidecar."""
    status: str
    """One of `STATUSES`."""
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    fields: dict[str, FieldValue] = field(default_factory=dict)
    author: str = ""
    updated: str = ""
    """ISO-8601 UTC with a ``Z``: when the analyst last changed it."""
    orphaned: bool = False
    """The quote is no longer in the text; the check is kept, never dropped."""
    review: str = ""
    """Set by a merge of two analysts' edits that disagreed: why to look again."""


def _one_line(value: str, what: str, *, empty: str) -> str:
    cleaned = " ".join(unicodedata.normalize("NFC", value).split())
    if not cleaned:
        raise InvalidValue(f"{what} is empty; {empty}")
    if _CONTROL.search(cleaned):
        raise InvalidValue(f"{what} has control characters; type plain text")
    if len(cleaned) > MAX_LINE:
        raise InvalidValue(
            f"{what} is {len(cleaned)} characters long; shorten it to {MAX_LINE} or fewer"
        )
    return cleaned


def normalise_source(value: str) -> str:
    """The stored form of an article's source: one line of plain text; raises InvalidValue."""
    if not isinstance(value, str):
        raise InvalidValue(f"source {value!r} must be text, like Reuters")
    return _one_line(value, "source", empty="give a name like Reuters, or clear it")


def normalise_date(value: str) -> str:
    """An article date as ``YYYY-MM-DD`` naming a real day; raises InvalidValue."""
    raw = str(value).strip()
    m = _DAY.fullmatch(raw)
    try:
        if m is None:
            raise ValueError
        dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise InvalidValue(
            f"date {raw!r} is not a day written YYYY-MM-DD; use one like 2024-01-16"
        ) from None
    return raw


def date_precision(event_date: str) -> str:
    """``day``, ``week``, ``month`` or ``year`` for a valid `event_date` value."""
    if _DAY.fullmatch(event_date):
        return "day"
    if _WEEK.fullmatch(event_date):
        return "week"
    return "month" if _MONTH.fullmatch(event_date) else "year"


def _event_date(value: FieldValue) -> str:
    raw = str(value).strip()
    try:
        if (m := _DAY.fullmatch(raw)) is not None:
            dt.date(int(m[1]), int(m[2]), int(m[3]))
        elif (m := _WEEK.fullmatch(raw)) is not None:
            dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        elif (m := _MONTH.fullmatch(raw)) is not None:
            dt.date(int(m[1]), int(m[2]), 1)
        elif not _YEAR.fullmatch(raw):
            raise ValueError
    except ValueError:
        raise InvalidValue(
            f"event_date {raw!r} is not a date; use YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY, "
            "like 2024-01-16 or 2024-W03"
        ) from None
    return raw


#: The largest toll or count kept: what the index's 32-bit count fields hold
#: (a larger figure is a typo, and `killed:[N TO]` could not find it).
MAX_COUNT = 2**32 - 1


def _count(name: str, value: FieldValue) -> int:
    number: Any = value
    if isinstance(value, str):
        try:
            number = int(value.strip())
        except ValueError:
            number = None
    if isinstance(number, bool) or not isinstance(number, int) or number < 0:
        raise InvalidValue(
            f"{name} {value!r} must be a whole number 0 or more, like 5 (empty for not stated)"
        )
    if number > MAX_COUNT:
        raise InvalidValue(f"{name} {value!r} is more than {MAX_COUNT:,}; check for a typo")
    return number


def _coordinate(name: str, value: FieldValue) -> float:
    limit = _COORDINATES[name]
    number: Any = value
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = None
    if (
        isinstance(number, bool)
        or not isinstance(number, int | float)
        or not math.isfinite(number)
        or abs(number) > limit
    ):
        raise InvalidValue(
            f"{name} {value!r} must be a number from {-limit:g} to {limit:g}, "
            "like 15.35 (empty for unknown)"
        )
    return float(number)


def field_value(name: str, value: Any) -> FieldValue:
    """The stored form of one incident field; raises InvalidValue with a one-line reason.

    Text from a command line is accepted for every field (``"5"`` for a
    toll); empty text or None means "not stated" and is stored as None.
    """
    if name not in FIELDS:
        raise InvalidValue(f"unknown incident field {name!r}; use one of {', '.join(FIELDS)}")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if name in INT_FIELDS:
        return _count(name, value)
    if name in _COORDINATES:
        return _coordinate(name, value)
    if name == "event_date":
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise InvalidValue(f"event_date {value!r} must be text like 2024-01-16")
        return _event_date(value)
    if not isinstance(value, str):
        raise InvalidValue(f"{name} {value!r} must be text; put it in quotes")
    if name == "sub_event_type":
        wanted = " ".join(value.split()).casefold()
        for known in SUB_EVENT_TYPES:
            if known.casefold() == wanted:
                return known
        raise InvalidValue(
            f"sub_event_type {value!r} is not one of ACLED's: {'; '.join(SUB_EVENT_TYPES)}"
        )
    if name == "notes":
        return value.strip()
    assert name in _LINE_FIELDS
    return _one_line(value, name, empty="leave it empty for not stated")
