"""An incident draft made a record: its place, country, subdivision and point.

`extract` reads drafts sentence by sentence; `finish` resolves each one's
place against the place table and the article's countries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossator.index.entities.model import Entity
from glossator.index.incidents import wide_regions
from glossator.index.incidents.drafts import Draft
from glossator.index.incidents.locate import Locator
from glossator.index.incidents.model import Incident
from glossator.index.incidents.places import Place, PlaceTable, capitals

#: "Egbekaw village near Mamfe": the town a place the table does not know
#: is named near, right after it.
_NEAR_TOWN = re.compile(
    r"(?:\ (?:village|town|community|settlement|hamlet))?,?\ near\ "
    r"(?P<town>[A-Z][\w'’-]*(?:\ [A-Z][\w'’-]*)?)"
)

__all__ = ["finish"]


def finish(
    draft: Draft,
    text: str,
    entities: Sequence[Entity],
    countries: list[str],
    regions: frozenset[str],
    table: PlaceTable,
    locator: Locator,
) -> Incident:
    """The incident a finished draft records: its place resolved to a country,
    subdivision and coordinates with the article's `countries` (most named
    first) and the subdivisions it names (`regions`)."""
    country = latitude = longitude = admin1 = None
    from_name = False
    # "Iraq's Kurdistan region": a wide region of the country named
    # before it comes before the table's place of that name (Iran's
    # Kurdistan province).
    wide = (
        wide_regions.find(draft.location, draft.location_country, table.subdivision)
        if draft.location is not None and draft.location_country
        else None
    )
    if wide is not None:
        country = table.country_name(wide[0])
    elif draft.location is not None:
        prefer = [draft.location_country] if draft.location_country else []
        place = table.lookup(
            draft.location, prefer + countries, region=draft.location_area, within=regions
        )
        if place is None and draft.location_country:
            country = table.country_name(draft.location_country)
        elif place is not None:
            other = locator.other_country(text, draft, entities, countries)
            if other is None and draft.within:
                # "Chinatown, Honiara": the town it was named in, when the
                # recogniser did not read that town as a place.
                container = table.lookup(draft.within, countries)
                other = container.code if container and container.kind == "city" else None
            if (
                other is not None
                and other != place.code
                and place.code not in locator.article_countries(entities, draft.location)
                # A capital is its country's, whatever smaller namesakes
                # elsewhere the sentence also names ("a driver shot dead
                # in Cerro Norte" is not Havana's Cerro: "Bus drivers in
                # Montevideo" stays in Uruguay).
                and capitals().get(place.code) != draft.location
            ):
                # The sentences' other places are all in another
                # country: the place of that name there, or, when the
                # table has none, one in that country without a point.
                there = table.lookup(draft.location, [other], region=draft.location_area)
                place = there if there is not None and there.code == other else Place(other, "city")
            country = table.country_name(place.code)
            from_name = place.code not in locator.article_countries(entities, draft.location)
            admin1 = place.admin1
            if not draft.location_area:
                # A province named after its capital ("Kunduz province")
                # is not that city's point.
                latitude, longitude = place.latitude, place.longitude
    if country is None and draft.within:
        # "Kitaya village in Mtwara Region": a village the table does not
        # know is in the country of the district or region it is named in.
        container = table.lookup(draft.within, countries, region=True)
        country = table.country_name(container.code) if container else None
    if country is None:
        country = locator.country_near(text, draft, entities, countries) or (
            table.country_name(countries[0]) if countries else None
        )
        # Only the table's first country of a name several have ("the
        # Concepcion health department"): another report's same place may
        # be in another of them.
        code = table.country_of_word(country) if country else None
        from_name = code is not None and code in locator.guessed_countries(entities, text)
    if wide is None and draft.location is not None and admin1 is None and latitude is None:
        wide = wide_regions.find(
            draft.location,
            table.country_of_word(country) if country else None,
            table.subdivision,
        )
        if wide is not None:
            country = table.country_name(wide[0])
    subdivisions = wide[1] if wide is not None else ()
    within_admin1 = None
    if admin1 is None and wide is None:
        # "Kpinkankandi in Kpendjal prefecture": the district's region.
        code = table.country_of_word(country) if country else None
        for name in (draft.within, draft.location):
            hit = table.admin2(name, [code] if code else countries) if name else None
            if hit is not None and (code is None or hit[0] == code):
                within_admin1 = hit[1]
                country = country or table.country_name(hit[0])
                break
    if admin1 is None and within_admin1 is None and wide is None and draft.location:
        # "Egbekaw village near Mamfe": a village the table does not know
        # is in the subdivision of the known town it is named near.
        within_admin1 = _near_town_admin1(text, draft, table, country)
    return Incident(
        start=draft.start,
        end=draft.end,
        sentence=text[draft.start : draft.end],
        sub_event_type=draft.sub_event_type,
        event_date_text=draft.date_text,
        event_date=draft.date,
        actor1=draft.actor1,
        actor2=draft.actor2,
        location=draft.location,
        within=draft.within,
        country=country,
        country_from_name=from_name,
        admin1=admin1,
        within_admin1=within_admin1,
        subdivisions=subdivisions,
        latitude=latitude,
        longitude=longitude,
        weapon=draft.weapon,
        fatalities=draft.fatalities,
        injured=draft.injured,
        mentions=tuple(draft.mentions),
    )


def _near_town_admin1(
    text: str, draft: Draft, table: PlaceTable, country: str | None
) -> str | None:
    """The first-level subdivision of the town the article names near the
    record's place, when the table knows that town (in the record's
    country) and not the place."""
    location = draft.location or ""
    if not location or table.lookup(location) is not None:
        return None
    # Anywhere in the article: a headline's record ("gunmen storm Egbekaw
    # village") has the story's sentence naming the town.
    code = table.country_of_word(country) if country else None
    at = text.find(location)
    while at >= 0:
        near = _NEAR_TOWN.match(text, at + len(location))
        if near is not None:
            town = table.lookup(near.group("town"), [code] if code else [])
            if town is not None and town.kind == "city" and code in (None, town.code):
                return town.admin1
        at = text.find(location, at + 1)
    return None
