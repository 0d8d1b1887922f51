"""The incident record and ACLED's sub-event vocabulary."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

__all__ = ["SUB_EVENT_TYPES", "EventDate", "Incident", "Precision"]

#: ACLED's sub-event types for violent events, in the order glossator lists them.
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

Precision = Literal["day", "week", "month", "year"]


@dataclass(frozen=True, slots=True)
class EventDate:
    """A resolved event date: `day` is the first day of the period it names."""

    day: dt.date
    precision: Precision

    def __str__(self) -> str:
        """ISO form by precision: `2024-01-15`, `2024-W03`, `2024-01`, `2024`."""
        if self.precision == "day":
            return self.day.isoformat()
        if self.precision == "week":
            year, week, _ = self.day.isocalendar()
            return f"{year}-W{week:02d}"
        if self.precision == "month":
            return f"{self.day.year}-{self.day.month:02d}"
        return str(self.day.year)


@dataclass(frozen=True, slots=True)
class Incident:
    """One violent event reported in an article (ACLED's terms where they apply).

    Offsets index the article text the entities were recognised on.
    """

    start: int
    """Start of the sentence that reports the incident."""
    end: int
    sentence: str
    """`text[start:end]`."""
    sub_event_type: str
    """One of `SUB_EVENT_TYPES`."""
    event_date_text: str | None = None
    """The date as written ("Tuesday", "last month", "5 August")."""
    event_date: EventDate | None = None
    """Resolved against the article date; None without one (or without a date in the text)."""
    actor1: str | None = None
    """The attacker as named, claimed or blamed."""
    actor2: str | None = None
    """The target."""
    location: str | None = None
    """The most specific named place."""
    within: str | None = None
    """The broader place it was named inside ("Zurmi" for "Kadawa village in
    Zurmi Local Government Area"); None when the text gives none."""
    country: str | None = None
    country_from_name: bool = False
    """The country is only the place table's for the location's name, and
    nothing else in the article names it (an "Ariha" the table has in one
    country, in a report that names no country): weak evidence."""
    admin1: str | None = None
    """The first-level subdivision the place is in, or is (`NG.zamfara`), from
    the place table; None when the place is not in it."""
    within_admin1: str | None = None
    """For a place the table cannot put in a subdivision, the first-level
    one its second-level container (or itself) lies in, from `admin2.tsv.gz`
    ("Kpinkankandi in Kpendjal prefecture": `TG.savanes`)."""
    subdivisions: tuple[str, ...] = field(default=())
    """When the location is a region spanning several subdivisions
    ("Iraqi Kurdistan", `wide_regions.py`), their admin1 codes."""
    latitude: float | None = None
    longitude: float | None = None
    weapon: str | None = None
    """As written ("ballistic missile", "roadside bomb")."""
    fatalities: int | None = None
    """As reported ("at least five" -> 5); 0 when the text says none; None when not stated."""
    injured: int | None = None
    mentions: tuple[tuple[int, int], ...] = field(default=())
    """Other sentences in the article merged into this incident, as (start, end)."""

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (the shape `glossator incidents --json` prints)."""
        out = asdict(self)
        out["event_date"] = None if self.event_date is None else str(self.event_date)
        out["event_date_precision"] = None if self.event_date is None else self.event_date.precision
        out["mentions"] = [list(span) for span in self.mentions]
        out["subdivisions"] = list(self.subdivisions)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Incident:
        """Inverse of `to_dict` (for the cache)."""
        values = dict(data)
        text = values.pop("event_date")
        precision = values.pop("event_date_precision", None)
        values["mentions"] = tuple(tuple(span) for span in values.get("mentions", ()))
        values["subdivisions"] = tuple(values.get("subdivisions", ()))
        values["event_date"] = None if text is None else _parse_event_date(text, precision)
        return cls(**values)


def _parse_event_date(text: str, precision: Precision | None) -> EventDate:
    if precision == "week" or "-W" in text:
        year, week = text.split("-W")
        return EventDate(dt.date.fromisocalendar(int(year), int(week), 1), "week")
    parts = text.split("-")
    if len(parts) == 3:
        return EventDate(dt.date.fromisoformat(text), "day")
    if len(parts) == 2:
        return EventDate(dt.date(int(parts[0]), int(parts[1]), 1), "month")
    return EventDate(dt.date(int(parts[0]), 1, 1), "year")
