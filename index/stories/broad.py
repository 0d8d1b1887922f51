"""Reports that name only a whole country or region ("a drone strike in
Ethiopia's Amhara region"), matched after the events of named places.

Such a record contains every place of its country or region, so matched
like any record it could join two events of that region and bridge their
stories. It joins at most one event instead: one whose named places lie in
its country or region, whose records all agree with it on time, type and
attackers, and which is of its own type family, then whose death toll its
own fits, then which its sentences resemble most, when several do (an
equal best is a tie, and it joins none; the likeliest event is chosen
before attackers are compared, so an attacker that rules it out leaves the
record alone rather than sending it to another event). A whole-country
record joins only when both it and the event are dated (without dates it
would join any report of the country), or, when neither it nor its
article has a date, as the only event of its country its toll fits.
"""

from __future__ import annotations

from glossator.index.stories.matching import (
    Record,
    admin1_of,
    guessed_country,
    in_subdivisions,
    is_region,
    names_container,
    names_subdivision,
    same_actor,
    same_day,
    same_kind,
    same_time,
    same_type,
)

__all__ = ["attach_broad", "is_broad"]


def is_broad(rec: Record) -> bool:
    """The record's place is its whole country or a whole region (one
    without coordinates: "Mopti", a city named as its region is, is
    matched as a town)."""
    return rec.countrywide or (is_region(rec) and rec.fields.get("latitude") is None)


def _inside(broad: Record, other: Record) -> bool:
    """`other`'s place lies in `broad`'s country or region."""
    if not other.place or is_broad(other):
        return False
    if broad.countrywide:
        return (
            broad.fields.get("country") == other.fields.get("country")
            or guessed_country(other, broad)
            # A place the table knows nothing of, not even its country
            # ("Tougbo, in the Bounkani region"), may be in this one; the
            # record still joins one event at most, and only when dated.
            or (not other.fields.get("country") and _unplaced(other))
        )
    if (
        broad.subdivisions
        and _unplaced(other)
        and broad.fields.get("country") == other.fields.get("country")
    ):
        # A place the table cannot put in any subdivision, in the country of
        # a region that spans several, may lie in it; the region still joins
        # one event at most. (Not for a single subdivision: on BBC, "Wales"
        # and "Scotland" then both joined one unknown stadium's event.)
        return True
    sub = broad.fields.get("admin1")
    return bool(
        (sub and sub in admin1_of(other))
        or in_subdivisions(broad, other)
        or (isinstance(sub, str) and names_subdivision(other, sub))
        or broad.place <= other.said
        or broad.place <= other.within
    )


def _unplaced(rec: Record) -> bool:
    return not admin1_of(rec) and rec.fields.get("latitude") is None


def _agrees(broad: Record, other: Record, *, actors: bool = True) -> bool:
    ca, cb = broad.fields.get("country"), other.fields.get("country")
    if (
        ca
        and cb
        and ca != cb
        and not (guessed_country(other, broad) or guessed_country(broad, other))
    ):
        return False
    if not (same_time(broad, other) and same_type(broad, other)):
        return False
    return not actors or same_day(broad, other) or same_actor(broad, other)


def _fits(broad: Record, members: list[Record], *, actors: bool = True) -> bool:
    if not all(_agrees(broad, m, actors=actors) for m in members):
        return False
    inside = [m for m in members if _inside(broad, m)]
    if not inside:
        return False
    if broad.countrywide:
        dated = broad.first is not None and any(m.first is not None for m in inside)
        if dated or any(names_container(broad, m) for m in inside):
            return True
        # Undated, with no article date either ("Gunmen killed seven people
        # in an attack on a bus in central Laos"): only by its toll, and
        # only as the one event of its country that fits (`attach_broad`),
        # one a report places in that country (not a place of no country).
        return (
            broad.first is None
            and broad.last is None
            and any(m.fields.get("country") == broad.fields.get("country") for m in inside)
            and _toll_fits(broad, members)
        )
    return True


def _toll_fits(broad: Record, members: list[Record]) -> bool:
    """The record's death toll lies within half the event's lowest and
    twice its highest (tolls disagree between outlets and rise in
    follow-ups, but 30 dead is not an attack that killed eight)."""
    toll = broad.fields.get("fatalities")
    tolls = [n for m in members if isinstance(n := m.fields.get("fatalities"), int) and n > 0]
    if not isinstance(toll, int) or toll <= 0 or not tolls:
        return False
    return min(tolls) / 2 <= toll <= max(tolls) * 2


def _likeness(broad: Record, members: list[Record]) -> tuple[bool, bool, int]:
    """Whether a report of the event is of the record's own type family
    (a bomb attack's, not only a generic attack's), then whether its
    death toll fits the event's (`_toll_fits`), then the words the
    record shares with the event's closest report: its best member, so an
    event told by many reports does not win on their words."""
    return (
        any(same_kind(broad, m) for m in members),
        _toll_fits(broad, members),
        max((len(broad.said & m.said) for m in members), default=0),
    )


def attach_broad(clusters: list[list[Record]], broad: list[Record]) -> list[Record]:
    """Add each broad record to the one cluster (of named places) it fits;
    return the records that fit none, or two equally well."""
    specific = [list(c) for c in clusters]
    left = []
    for rec in broad:
        # The events it could report, attackers aside: the attacker is the
        # extractor's noisiest field, so one that rules out the report's
        # likeliest event must not send it to the next one.
        fits = [i for i, c in enumerate(specific) if _fits(rec, c, actors=False)]
        if len(fits) > 1 and rec.countrywide and rec.first is None:
            # Undated, it is placed only by the district it names: in
            # two events there, it could report either.
            fits = []
        if len(fits) > 1:
            scores = sorted(((_likeness(rec, specific[i]), i) for i in fits), reverse=True)
            fits = [scores[0][1]] if scores[0][0] > scores[1][0] else []
        fits = [i for i in fits if _fits(rec, specific[i])]
        if fits:
            clusters[fits[0]].append(rec)
        else:
            left.append(rec)
    return left
