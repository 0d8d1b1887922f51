"""An article's incident records as grouping compares them.

`records_of` turns a stored article's incident fields into `Record`s: its
dates as a range, its place, container and attacker as word sets, and what
its sentences name; `matching` compares them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from glossator.index.incidents.armed_groups import groups_named
from glossator.index.incidents.places import places, plain
from glossator.index.stories.actors import actor_words
from glossator.index.stories.cities import ranked_city
from glossator.index.stories.dates import date_range
from glossator.index.stories.rows import StoredArticle

__all__ = ["DATELINE", "Record", "records_of", "words"]

_WORD = re.compile(r"[a-z0-9]+")
#: A dateline that opens a report: "(Baghdad) Seven Americans ...",
#: "BAGHDAD (Reuters) - ...", "KYIV, March 3 (AP) — ...", or a city in
#: capitals without an agency ("NARATHIWAT: ...", "EL FASHER - ..."). It
#: says where the report was filed, not where anything happened.
DATELINE = re.compile(
    r"\s*(?:\(\s*[A-Z][^()\n]{0,40}\)"
    r"|[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}(?:,[^()\n]{0,30})?"
    r"\s*\([A-Z][A-Za-z ]{1,23}\)\s*[-–—:]"
    r"|[A-Z]{2}[A-Z'’.-]*(?: [A-Z]{2}[A-Z'’.-]*){0,3}(?:,[^()\n:]{0,30})?\s*(?:[-–—]|:)\s)"
)
#: Words that say what kind of place a name is: "Zurmi LGA" and "Zurmi
#: Local Government Area" are one place.
_STOP = {
    "the",
    "a",
    "an",
    "of",
    "in",
    "city",
    "town",
    "village",
    "community",
    "province",
    "state",
    "region",
    "district",
    "county",
    "division",
    "zone",
    "governorate",
    "department",
    "local",
    "government",
    "area",
    "lga",
    # A road names where on a place, not another place: "Fox Hill Road" is
    # Fox Hill, and "Road" alone (the recogniser's piece of "the Savannah
    # Road") no place.
    "road",
    "street",
    "highway",
}


@dataclass(slots=True)
class Record:
    """One incident record of one article, as grouping sees it."""

    article: str
    index: int
    fields: dict[str, Any]
    first: dt.date | None
    last: dt.date | None
    place: frozenset[str]
    #: The broader place the location was named inside (its district).
    within: frozenset[str]
    actor: frozenset[str]
    #: The words of the sentences the record was read from.
    said: frozenset[str]
    #: The location is the whole country ("Sudan"), or, in a dated report,
    #: no place but a country was read ("in the kingdom's deep south", "in
    #: the north of the country"): it contains any place there.
    countrywide: bool
    #: The sentences call the location a city or town ("the city of Kunduz",
    #: "Kunduz city"): the place itself, not the province named after it.
    city: bool = False
    #: The armed groups (`armed_groups`) its attacker's name names.
    groups: frozenset[int] = frozenset()
    #: The country is known only from the place table's entry for the
    #: location's name (`country_from_name`), which may be another place of
    #: that name: the same name in another country may be this place.
    country_weak: bool = False
    #: The armed groups its sentences name anywhere ("Papuan separatists
    #: kill 12", read with the attacker "Papuan").
    groups_told: frozenset[int] = frozenset()
    #: The admin1 codes of the subdivisions a wide region spans, when the
    #: location is one ("Iraqi Kurdistan": Erbil, Duhok, Sulaymaniyah).
    subdivisions: frozenset[str] = frozenset()
    #: `within` is a city, not a province named after one: the city a local
    #: paper filed from (`_filed_within`), or one the sentences call a city
    #: ("Barangay Carabalan, Himamaylan City").
    within_city: bool = False

    @property
    def key(self) -> tuple[str, int]:
        return (self.article, self.index)


# -- records -------------------------------------------------------------------


#: "hours after the blasts in neighbouring Porto-Vecchio": a place named
#: as a neighbour is another place, never one the report's place is in.
_NEIGHBOUR = re.compile(
    r"\b(?:[Nn]eighbou?ring|[Nn]earby|[Aa]djacent|[Nn]ext-door)"
    r"(?:\ [A-Z][\w'’.-]*)+"
)


#: Another event named to date this one: "hours after the Budva bombing".
_OTHER_EVENT = re.compile(
    r"\b(?:hours|days|minutes|weeks)\ (?:after|before)\ (?:the|a|an)\ [^,.;]*"
)


def _told(text: object) -> frozenset[str]:
    """The words of a record's sentences, without an opening dateline, a
    neighbour's name or another event named to date this one."""
    if not isinstance(text, str):
        return frozenset()
    opening = DATELINE.match(text)
    text = text[opening.end() :] if opening else text
    return words(_OTHER_EVENT.sub(" ", _NEIGHBOUR.sub(" ", text)))


#: One word in several languages: "Jebel Chaambi" is "Mount Chaambi".
_SAME_WORD = {"jebel": "mount", "djebel": "mount", "jabal": "mount", "jbel": "mount"}


def words(text: object) -> frozenset[str]:
    if not isinstance(text, str):
        return frozenset()
    # "Tibú" and "Tibu" are one name; without folding, "Tibú" is "tib".
    return frozenset(
        _SAME_WORD.get(w, w) for w in _WORD.findall(plain(text).lower()) if w not in _STOP
    )


def _named_a_city(fields: dict[str, Any], key: str = "location") -> bool:
    """The record's sentences call its location (or the place under `key`)
    a city or town."""
    location = fields.get(key)
    if not isinstance(location, str) or not location.strip():
        return False
    text = " ".join(
        t for t in (fields.get("sentence"), fields.get("mentioned")) if isinstance(t, str)
    )
    name = re.escape(location.strip())
    return (
        re.search(rf"\b(?:[Cc]ity|[Tt]own)\ of\ {name}\b|\b{name}\ (?:[Cc]ity|[Tt]own)\b", text)
        is not None
    )


def _in_dateline(fields: dict[str, Any]) -> bool:
    """The record's attacker was read from the dateline that opens its
    sentence ("DURBAN: Six people were shot ...", read "DURBAN: Six"): the
    city the report was filed from, not who attacked."""
    actor, sentence = fields.get("actor1"), fields.get("sentence")
    if not isinstance(actor, str) or not actor or not isinstance(sentence, str):
        return False
    opening = DATELINE.match(sentence)
    return opening is not None and 0 <= sentence.find(actor) < opening.end()


#: A local paper's dateline: a city in capitals, no agency ("DURBAN: ...").
_LOCAL_DATELINE = re.compile(r"\s*([A-Z]{2}[A-Z'’.-]*(?: [A-Z]{2}[A-Z'’.-]*){0,2})\s*(?:[-–—]|:)\s")


def _filed_within(fields: dict[str, Any], place: frozenset[str]) -> tuple[frozenset[str], str]:
    """The city a local paper files from, as the container of a place the
    place table does not know ("DURBAN: ... a tavern in Umlazi"): a local
    paper's dateline is the nearest city, where an agency's is its bureau.
    Nothing when the place is known, has a container, or the city is not
    one of the record's country. With it, the city's first-level
    subdivision ("AJACCIO: ... at Porto-Vecchio": Corsica), or ""."""
    sentence, country = fields.get("sentence"), fields.get("country")
    if (
        not place
        or not isinstance(sentence, str)
        or not isinstance(country, str)
        or fields.get("latitude") is not None
        or fields.get("admin1")
        or (opening := _LOCAL_DATELINE.match(sentence)) is None
    ):
        return frozenset(), ""
    table = places()
    city = table.lookup(opening[1].title())
    if city is None or city.kind != "city" or table.country_name(city.code) != country:
        return frozenset(), ""
    filed = words(opening[1].title())
    return (frozenset(), "") if filed <= place else (filed, city.admin1 or "")


def _ranked_place(fields: dict[str, Any]) -> dict[str, Any]:
    """The record placed in the city its sentence names only as "the
    capital" or "Belgium's second city" (`cities.ranked_city`): as its
    location when it has none or only the whole country, as the container
    of a location the table does not know ("a home in Belgium's second
    city" read at "Mocro Maffia", a gang's name). A location that is only
    the country's demonym ("the Guyanese capital" read at "Guyanese") is
    the whole country."""
    location, country = fields.get("location"), fields.get("country")
    table = places()
    codes = table.codes_of(country, "country") if isinstance(country, str) else ()
    code = codes[0] if codes else None
    if (
        code is not None
        and isinstance(location, str)
        and location != country
        and table.country_of_word(location.strip()) == code
    ):
        location = country
        fields = {**fields, "location": country}
    place = words(location)
    known = fields.get("latitude") is not None or bool(fields.get("admin1"))
    if place and known and not place <= words(country):
        return fields
    for key in ("sentence", "mentioned"):
        text = fields.get(key)
        if not isinstance(text, str) or (found := ranked_city(text, code)) is None:
            continue
        name, city = found
        if code is not None and city.code != code and (place or _names_country(text, code)):
            # A country the sentence names itself stands; one from a
            # dateline ("JOHANNESBURG ... in Swaziland's main commercial
            # city") gives way to the phrase's.
            return fields
        placed = {
            **fields,
            "latitude": city.latitude,
            "longitude": city.longitude,
            "admin1": city.admin1,
            "country": table.country_name(city.code),
        }
        if place and not known:
            return {**placed, "within": fields.get("within") or name}
        return {**placed, "location": name}
    return fields


def _names_country(text: str, code: str) -> bool:
    """`text` names the country `code` by its name or a demonym."""
    return code in places().countries_in(text)


def records_of(article: StoredArticle) -> list[Record]:
    """An article's incident records, ready to compare."""
    try:
        adate = dt.date.fromisoformat(article.date) if article.date else None
    except ValueError:
        adate = None
    out = []
    for i, fields in enumerate(article.incidents):
        if not isinstance(fields, dict):
            continue
        fields = _ranked_place(fields)
        span = date_range(fields, adate)
        place = words(fields.get("location"))
        within = words(fields.get("within"))
        filed, filed_admin1 = (frozenset(), "") if within else _filed_within(fields, place)
        if filed_admin1 and not fields.get("within_admin1"):
            # The place lies in the region of the city it was filed from.
            fields = {**fields, "within_admin1": filed_admin1}
        country = words(fields.get("country"))
        out.append(
            Record(
                article.id,
                i,
                fields,
                span[0] if span else None,
                span[1] if span else None,
                place,
                within or filed,
                frozenset()
                if _in_dateline(fields)
                else actor_words(fields.get("actor1"), place | within | country | _STOP, country),
                _told(fields.get("sentence")) | _told(fields.get("mentioned")),
                place <= country if place else bool(country) and span is not None,
                _named_a_city(fields),
                groups_named(fields.get("actor1")),
                bool(fields.get("country_from_name")),
                groups_named(
                    " ".join(
                        t
                        for t in (fields.get("sentence"), fields.get("mentioned"))
                        if isinstance(t, str)
                    )
                ),
                frozenset(c for c in fields.get("subdivisions") or () if isinstance(c, str)),
                bool(filed) or _named_a_city(fields, "within"),
            )
        )
    return out
