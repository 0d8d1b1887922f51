"""A place named inside a broader one, and which is the incident's.

"Kadawa village in Zurmi Local Government Area", "Residents of Kadawa in
Zurmi LGA", "Pajut, Duk County", "near Ercilla, in Malleco province",
"Barangay Carabalan, Himamaylan City", "attacked Dauran in the Zurmi local
government area", "Imam Sahib district of Kunduz province": the village,
town or district is where it happened, and the district, county, province
or state is kept as its container (`Incident.within`), so two villages of
one district are two places and a report naming only the district still
contains either.
"""

from __future__ import annotations

import re

__all__ = ["inner_place"]

_NAME = r"[A-Z][\w'’-]*(?:[ -](?:al-|el-)?[A-Z][\w'’-]*){0,3}"
_ADMIN = (
    r"(?:[Ll]ocal\ [Gg]overnment\ [Aa]rea|LGA|[Dd]istrict|[Cc]ounty|[Dd]ivision|[Zz]one"
    r"|[Tt]ownship|[Ss]ub-?district|[Mm]unicipality|[Pp]rovince|[Ss]tate|[Rr]egion"
    r"|[Gg]overnorate|[Dd]epartment|[Pp]refecture|[Rr]egency)"
)
#: What the inner place is called, when the sentence says: a village, or a
#: district inside a province ("Imam Sahib district of Kunduz province").
_INNER_KIND = (
    r"(?:village|community|town|settlement|hamlet|[Dd]istrict|[Ss]ub-?district|[Cc]ounty"
    r"|[Tt]ownship|[Mm]unicipality|[Cc]ommune)"
)
#: A city named as a barangay's or a suburb's container ("Barangay
#: Carabalan, Himamaylan City"): only after a comma, as "in Mexico City"
#: names the city itself.
_CITY = rf"(?:,\ (?P<city>{_NAME})\ City\b)"
_CONTAINED = re.compile(
    rf"(?:(?:Barangay|Brgy\.)\ )?(?P<inner>{_NAME})(?:\ {_INNER_KIND})?"
    rf"(?:(?:,\ |\ in\ |\ of\ |,\ in\ )(?:the\ )?(?P<outer>{_NAME})\ {_ADMIN}\b|{_CITY})",
    re.VERBOSE,
)
#: "on the Kutru-Bedre road in Bijapur district", "the Kutru road in
#: Bijapur": a road named after a place, inside a district or town that
#: needs no kind word; the road's place is where it happened.
_ROAD_IN = re.compile(
    rf"(?P<inner>{_NAME})\ (?:road|highway)\ in\ (?:the\ )?(?P<outer>{_NAME})"
    rf"(?:\ {_ADMIN})?\b",
    re.VERBOSE,
)
#: Capitalised words that start a sentence or name no place ("Residents of X").
_NOT_PLACES = frozenset(
    "The A An In On At Of Residents Villagers Gunmen Bandits Police Troops Officials"
    " Monday Tuesday Wednesday Thursday Friday Saturday Sunday North South East West"
    " Northern Southern Eastern Western Central".split()
)


def inner_place(sentence: str, location: str) -> tuple[str, str] | None:
    """(place, container) when `location` is, or is named beside, a place
    written inside an administrative area in `sentence`; else None.

    `location` is the place the extractor picked: either the area itself
    ("Zurmi Local Government Area", "Zurmi") or the inner place ("Kadawa")."""
    for match in (*_CONTAINED.finditer(sentence), *_ROAD_IN.finditer(sentence)):
        inner = match.group("inner")
        outer = re.sub(r"^.*['’]s\ ", "", match.group("outer") or match.group("city") or "")
        if inner.split()[0] in _NOT_PLACES or inner == outer:
            continue
        if location == inner or location.startswith(outer) or inner.startswith(location):
            return inner, outer
    return None
