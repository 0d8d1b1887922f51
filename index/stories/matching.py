"""When two incident records are reports of one real event.

Records are compared on their dates (within `DATE_WINDOW_DAYS` when known),
sub-event types (the same, or one family), places (the same or overlapping,
or coordinates within `NEAR_KM`) and attackers (no conflicting names).
`grouping` joins records into events with these rules.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from glossator.index.incidents.places import plain
from glossator.index.stories.records import Record, records_of, words

__all__ = [
    "DATE_WINDOW_DAYS",
    "NEAR_KM",
    "Record",
    "compatible",
    "compatible_in",
    "guessed_country",
    "names_container",
    "records_of",
    "same_named_place",
    "same_place",
]


#: Event dates (or article dates, when the record has none) further apart
#: than this are different events.
DATE_WINDOW_DAYS = 2
#: Places with coordinates this close are the same place (one place under
#: two spellings or names). Two towns further apart are neighbours, and a
#: neighbouring town hit the same day is another event (Bure is 22 km from
#: Finote Selam).
NEAR_KM = 5.0

#: Sub-event types that one event can be reported as.
_FAMILY = {
    "Air/drone strike": "strike",
    "Shelling/artillery/missile attack": "strike",
    "Disrupted weapons use": "strike",
    "Remote explosive/landmine/IED": "bomb",
    "Suicide bomb": "bomb",
    "Grenade": "bomb",
    "Armed clash": "clash",
    "Abduction/forced disappearance": "abduction",
}
_WORD = re.compile(r"[a-z0-9]+")
#: What a subdivision is called after its name ("the Far North region").
_KIND_WORD = r"(?:region|province|state|department|governorate|oblast)"


# -- compatibility ---------------------------------------------------------------


def _km(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    try:
        la1, lo1 = float(a["latitude"]), float(a["longitude"])
        la2, lo2 = float(b["latitude"]), float(b["longitude"])
    except (KeyError, TypeError, ValueError):
        return None
    p1, p2 = math.radians(la1), math.radians(la2)
    dp, dl = p2 - p1, math.radians(lo2 - lo1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def same_named_place(a: Record, b: Record) -> bool:
    """Both records name one place: the same words (one's inside the
    other's: "Baghdad" / "eastern Baghdad") or coordinates within `NEAR_KM`."""
    if a.place and b.place and (a.place <= b.place or b.place <= a.place):
        return True
    km = _km(a.fields, b.fields)
    return km is not None and km <= NEAR_KM


def same_place(a: Record, b: Record) -> bool:
    ca, cb = a.fields.get("country"), b.fields.get("country")
    if ca and cb and ca != cb and not (guessed_country(a, b) or guessed_country(b, a)):
        return False
    same = bool(a.place and b.place and (a.place <= b.place or b.place <= a.place))
    if not same and a.within & b.within:
        # Two villages of one district, however close; unless a sentence
        # names both ("Egbekaw village near Mamfe in Manyu division" /
        # "Egbekaw, Manyu division").
        return _names_other(a, b) or _names_other(b, a)
    km = _km(a.fields, b.fields)
    if same or (km is not None and km <= NEAR_KM):
        return True
    for one, other in ((a, b), (b, a)):
        if not other.place:
            continue
        if other.city and other.place <= one.within and not one.within_city:
            # "Imam Sahib district of Kunduz province" / "the city of
            # Kunduz": the province is named after the city, and a district
            # of it is not the city.
            continue
        if other.place <= one.within:
            # The district that contains the other's village.
            return True
        if _in_region(one, other):
            return True
        # A place inside another: the whole country contains every place in
        # it (same country checked above; only when both are dated, as time
        # is then the evidence), and a record's sentence that names
        # the other's place too ("Let Yet Kone village in Kanbalu township",
        # "Abu Shouk camp near El Fasher"; or, read without a location,
        # "... near Mopti") puts its place inside or beside that one. Two
        # villages of one district are neither.
        if one.countrywide and (ca or cb) and a.first is not None and b.first is not None:
            return True
        if _names_other(one, other):
            return True
        if names_container(one, other):
            return True
    return False


def names_container(one: Record, other: Record) -> bool:
    """`one` has no place of its own (or only its country) and its
    sentences name the district or province `other`'s place was named
    inside: "a fourth officer wounded in the Chapare ambush" / "near Villa
    Tunari, in the Chapare province"."""
    return (not one.place or one.countrywide) and bool(other.within) and other.within <= one.said


def guessed_country(weak: Record, other: Record) -> bool:
    """`weak`'s country is only a guess from a name several countries have,
    and `other` is where that guess may be wrong: the same place name, one
    `other`'s sentences name (both dated), or,
    for a place the table has no point for ("near Horqueta", read as Chile's
    by "the Concepcion health department"), a whole country."""
    if not weak.country_weak:
        return False
    if weak.place == other.place:
        return True
    if _names_other(other, weak) and weak.first is not None and other.first is not None:
        # The other report names this place in its own country ("the Lakes
        # Pen community of Spanish Town": not South Sudan's Lakes state);
        # only when both are dated, as time is then the evidence (undated,
        # "Scotland" named in a report of Ireland's match would do).
        return True
    return other.countrywide and bool(weak.place) and weak.fields.get("latitude") is None


def _names_other(one: Record, other: Record) -> bool:
    """`one`'s sentences name `other`'s place."""
    return bool(other.place) and other.place <= one.said and not other.countrywide


def is_region(rec: Record) -> bool:
    """The record's place is a whole subdivision: one without coordinates
    (the place table has none for regions), or one named as its
    subdivision is ("Idlib" in Idlib), unless its sentences call it a
    city ("the city of Idlib")."""
    if rec.city:
        return False
    if rec.subdivisions:
        return True
    sub = rec.fields.get("admin1")
    if not isinstance(sub, str):
        return False
    return rec.fields.get("latitude") is None or rec.place <= words(sub.partition(".")[2])


def in_subdivisions(region: Record, other: Record) -> bool:
    """`other`'s place lies in one of the subdivisions of the wide region
    `region` names: by its admin1 code, or as a sentence or container names
    one of them ("Sidakan in Erbil province")."""
    if not region.subdivisions:
        return False
    if any(s in region.subdivisions for s in admin1_of(other)):
        return True
    named = other.said | other.within
    return any(words(code.partition(".")[2]) <= named for code in region.subdivisions)


def _in_region(region: Record, other: Record) -> bool:
    """`other`'s place lies in the subdivision `region` names ("North Kivu" /
    "Goma"), by the place table's subdivision codes, or in one of the
    subdivisions of the wide region it names."""
    if not is_region(region):
        return False
    sub = region.fields.get("admin1")
    if isinstance(sub, str) and names_subdivision(other, sub):
        return True
    if _namesake_city_apart(region, other):
        return False
    if isinstance(sub, str) and sub in admin1_of(other):
        return True
    return in_subdivisions(region, other)


def _namesake_city_apart(region: Record, other: Record) -> bool:
    """`region` is named as its subdivision is but the table placed it at
    the city of that name ("Rio de Janeiro"), and `other` is a place of its
    own further than `NEAR_KM` from it ("Niteroi", across the bay): a
    neighbouring city, not a part of the subdivision the name might mean;
    so is a place the other's report puts in a town other than that city."""
    if region.subdivisions or region.fields.get("latitude") is None:
        return False
    km = _km(region.fields, other.fields)
    if km is not None:
        return km > NEAR_KM
    # "the Morro do Estado community in Niteroi": placed in a town of its
    # own that is not the namesake city.
    return bool(other.within) and not other.within <= region.place


def names_subdivision(rec: Record, sub: str) -> bool:
    """`rec`'s sentences name the subdivision `sub` (an admin1 code) by the
    table's name with its kind word: a report placed in "Extreme North"
    contains a village "near Mora in the Mayo-Sava division of the Far
    North region"."""
    name = sub.partition(".")[2]
    text = " ".join(
        t for t in (rec.fields.get("sentence"), rec.fields.get("mentioned")) if isinstance(t, str)
    )
    folded = " ".join(_WORD.findall(plain(text).lower()))
    return bool(name) and re.search(rf"\b{re.escape(name)}\ {_KIND_WORD}\b", folded) is not None


def admin1_of(rec: Record) -> tuple[object, ...]:
    """The first-level subdivisions a record's place is known to lie in: the
    place table's, or its district's (`Incident.within_admin1`)."""
    return tuple(
        s for s in (rec.fields.get("admin1"), rec.fields.get("within_admin1")) if s is not None
    )


#: Families one event is often told as by different outlets: "a border
#: clash flares" and "forces struck a village" of one place on one day.
_ONE_DAY_FAMILIES = frozenset({"clash", "strike"})


def same_type(a: Record, b: Record) -> bool:
    """One event's types: the same family, or an attack of any kind; a clash
    and a strike or shelling only when both are dated to the same day."""
    ta, tb = a.fields.get("sub_event_type"), b.fields.get("sub_event_type")
    if ta == tb or ta == "Attack" or tb == "Attack" or not ta or not tb:
        return True
    fa, fb = _FAMILY.get(ta), _FAMILY.get(tb)
    if fa == fb:
        return True
    return {fa, fb} == _ONE_DAY_FAMILIES and same_day(a, b)


def same_kind(a: Record, b: Record) -> bool:
    """Both of one type family, neither only a generic attack: a roadside
    bomb and a landmine, not a bombing and a shooting told as an attack."""
    fa = _FAMILY.get(a.fields.get("sub_event_type") or "")
    return fa is not None and fa == _FAMILY.get(b.fields.get("sub_event_type") or "")


def same_time(a: Record, b: Record) -> bool:
    if a.first is None or b.first is None or a.last is None or b.last is None:
        return True
    gap = max((a.first - b.last).days, (b.first - a.last).days, 0)
    return gap <= DATE_WINDOW_DAYS


def _prefix_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(x[:5] == y[:5] for x in a for y in b)


def same_actor(a: Record, b: Record) -> bool:
    """False only when both name an attacker and the names share nothing
    (no word, no word's first five letters, not one's initials, with or
    without a last "group" or "front": "ASG" / "Abu Sayyaf", not one
    group's two names: "KKB" / "TPNPB"), and neither record's sentences
    name the other's attacker."""
    if not a.actor or not b.actor:
        return True
    if _prefix_overlap(a.actor, b.actor) or a.groups & b.groups:
        return True
    if (
        a.actor <= b.said
        or b.actor <= a.said
        or a.groups & b.groups_told
        or b.groups & a.groups_told
    ):
        # One report names the other's attacker ("the attack by Boko Haram",
        # its actor read as the UN chief who condemned it), or another name
        # of its group ("Papuan separatists" for the KKB).
        return True
    for one, other in ((a, b), (b, a)):
        words = _WORD.findall(str(other.fields.get("actor1") or "").lower())
        initials = "".join(w[0] for w in words)
        if len(initials) > 1 and (
            initials in one.actor
            or any(w[:-1] == initials and w[-1] in _KIND_INITIALS for w in one.actor)
        ):
            return True
    return False


#: The initials of the words an armed group's name ends in and a report
#: may leave out: "ASG" is "Abu Sayyaf" (Group), "ELF" "Eritrean
#: Liberation" (Front): group, front, army, movement, party, brigade(s).
_KIND_INITIALS = frozenset("gfampb")


def same_day(a: Record, b: Record) -> bool:
    """Both records are dated to the same single day."""
    return a.first is not None and a.first == a.last == b.first == b.last


def told_inside(a: Record, b: Record, reports: Iterable[Record]) -> bool:
    """One of `reports` puts one record's place inside the other's: its
    place is `a`'s and its container `b`'s ("Tougbo, in the Bounkani
    region" for a report of Tougbo and one of Bounkani), or its sentences
    name `b`'s place ("the Cieneguita neighbourhood of Limon" for reports
    of Cieneguita and of Limon), or the reverse."""
    for placeless, placed in ((a, b), (b, a)):
        if not placeless.place and placed.place:
            # A report without a place that names the container another
            # report puts this one's place in.
            return any(n.place == placed.place and names_container(placeless, n) for n in reports)
    if not a.place or not b.place:
        return False
    return any(
        (_alike(n, a) and (b.place <= n.within or _names_other(n, b)))
        or (_alike(n, b) and (a.place <= n.within or _names_other(n, a)))
        for n in reports
    )


def _alike(n: Record, r: Record) -> bool:
    """`n` and `r` name one place in words, one's inside the other's
    ("Esendere" / "the Esendere outpost")."""
    return bool(n.place) and (n.place <= r.place or r.place <= n.place)


def compatible_in(a: Record, b: Record, reports: Iterable[Record]) -> bool:
    """`compatible`, or so but for places that another report of the event
    puts one inside the other (`told_inside`); different countries still
    rule the pair out."""
    if compatible(a, b):
        return True
    ca, cb = a.fields.get("country"), b.fields.get("country")
    if ca and cb and ca != cb:
        return False
    if not (same_time(a, b) and same_type(a, b) and told_inside(a, b, reports)):
        return False
    return same_day(a, b) or same_actor(a, b)


def compatible(a: Record, b: Record) -> bool:
    """Could `a` and `b` be reports of one event? The attackers are compared
    only when the dates leave room for doubt: the extractor's actor1 is the
    noisiest field, and the same place, day and type are stronger evidence."""
    if not (same_time(a, b) and same_type(a, b) and same_place(a, b)):
        return False
    return same_day(a, b) or same_actor(a, b)
