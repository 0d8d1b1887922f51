"""Incidents being assembled, and when two reports are one incident."""

from __future__ import annotations

from dataclasses import dataclass, field

from glossator.index.incidents.model import EventDate

__all__ = ["Draft", "combine", "compatible", "is_specific", "merge", "merge_target"]


@dataclass
class Draft:
    """An incident being assembled from one or more sentences."""

    start: int
    end: int
    sub_event_type: str
    strength: int
    sentence_index: int
    mentions: list[tuple[int, int]] = field(default_factory=list)
    date_text: str | None = None
    date: EventDate | None = None
    actor1: str | None = None
    claimed: bool = False
    actor2: str | None = None
    location: str | None = None
    location_rank: int = 0
    location_country: str | None = None
    #: The broader place the location was named inside ("Zurmi" for Kadawa).
    within: str | None = None
    #: The location was named as a province or region ("Kunduz province"),
    #: not as the city of the same name.
    location_area: bool = False
    #: The location is in the place table (a known city, region or country).
    location_known: bool = False
    #: Read from the article's headline line, whose place words are the
    #: shortest name readers know ("Yahukimo"), not always where it happened
    #: ("Seradala").
    headline: bool = False
    weapon: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    zero_killed: bool = False
    zero_injured: bool = False
    last_index: int = 0


def merge_target(draft: Draft, drafts: list[Draft], anaphoric: bool) -> Draft | None:
    """The earlier incident `draft` reports again, if any."""
    if not drafts:
        return None
    previous = drafts[-1]
    if (
        anaphoric
        and draft.sentence_index - previous.last_index <= 4
        and compatible(previous, draft, loose=True)
    ):
        return previous
    for earlier in reversed(drafts):
        if not compatible(earlier, draft, loose=False):
            continue
        adjacent = draft.sentence_index - earlier.last_index <= 1
        same_place = draft.location is not None and draft.location == earlier.location
        same_toll = draft.fatalities is not None and draft.fatalities == earlier.fatalities
        if adjacent or same_place or same_toll:
            return earlier
    return None


def compatible(a: Draft, b: Draft, *, loose: bool) -> bool:
    if (
        a.sub_event_type != b.sub_event_type
        and "Attack" not in (a.sub_event_type, b.sub_event_type)
        and not loose
    ):
        return False
    if a.date is not None and b.date is not None and a.date != b.date:
        return False
    if (
        not loose
        and a.location
        and b.location
        and min(a.location_rank, b.location_rank) >= 3
        and a.location != b.location
    ):
        return False
    if (
        not loose
        and a.fatalities is not None
        and b.fatalities is not None
        and a.fatalities != b.fatalities
    ):
        return False
    return True


def merge(into: Draft, new: Draft, others_killed: bool, others_injured: bool) -> None:
    into.mentions.append((new.start, new.end))
    into.last_index = new.sentence_index
    # A later sentence refines a generic report ("an attack", "an explosion") or
    # reveals a suicide bombing; it never turns a strike into a clash.
    if (into.strength <= 2 and new.strength >= 3 and new.strength > into.strength) or (
        new.sub_event_type == "Suicide bomb" and into.sub_event_type != "Suicide bomb"
    ):
        into.sub_event_type, into.strength = new.sub_event_type, new.strength
    if new.claimed and not into.claimed:
        into.actor1, into.claimed = new.actor1, True
    into.actor1 = into.actor1 or new.actor1
    into.actor2 = into.actor2 or new.actor2
    if new.location is not None and (
        new.location_rank > into.location_rank
        or (
            # A headline's unknown name gives way to the body's place.
            into.headline
            and not into.location_known
            and not new.headline
            and new.location_rank == into.location_rank
        )
    ):
        into.location, into.location_rank = new.location, new.location_rank
        into.within = new.within
        into.location_area = new.location_area
        into.location_known = new.location_known
        into.location_country = new.location_country
    into.date_text, into.date = (
        (into.date_text, into.date) if into.date_text else (new.date_text, new.date)
    )
    into.weapon = into.weapon or new.weapon
    into.fatalities = combine(into.fatalities, new.fatalities, others_killed)
    into.injured = combine(into.injured, new.injured, others_injured)


def combine(old: int | None, new: int | None, others: bool) -> int | None:
    if new is None:
        return old
    if old is None:
        return new
    if others:
        return old + new
    return max(old, new)


def is_specific(draft: Draft) -> bool:
    """An incident needs something concrete: a toll, a date, a named actor at a
    named town or facility, or a strike or bombing of a named facility ("Two
    armed drones targeted Iraq's Ain Al-Asad air base"; not a generic
    attack's "a Los Angeles hospital", where the wounded are)."""
    return (
        draft.fatalities is not None
        or draft.injured is not None
        or draft.date_text is not None
        or (draft.location_rank >= 3 and draft.actor1 is not None)
        or (draft.location_rank >= 5 and draft.sub_event_type != "Attack")
    )
