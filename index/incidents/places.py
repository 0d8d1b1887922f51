"""Countries, coordinates and subdivisions for place names
(`index/data/places.tsv.gz`, and `admin1.tsv.gz` beside it)."""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from glossator.index.entities.lexicon import DATA_DIR

__all__ = ["Place", "PlaceTable", "places"]


@dataclass(frozen=True, slots=True)
class Place:
    """Where a name points: a country code, and coordinates for a city."""

    code: str
    kind: str
    """`city`, `region` or `country`."""
    latitude: float | None = None
    longitude: float | None = None
    #: The first-level subdivision (`build_admin1.admin1_code`: `NG.zamfara`)
    #: a city is in, or a region is; None when not known.
    admin1: str | None = None


class PlaceTable:
    """Looks names up; see `build_places` for where the rows come from."""

    def __init__(self, rows: Iterable[list[str]], admin1: Iterable[list[str]] = ()) -> None:
        cities: dict[tuple[str, str, str], str] = {}
        regions: dict[tuple[str, str], str] = {}
        for row in admin1:
            if row[0] == "city" and len(row) == 5:
                cities[(row[1], row[2], row[3])] = row[4]
            elif row[0] == "region" and len(row) == 4:
                regions[(row[1], row[2])] = row[3]
        self._countries: dict[str, str] = {}
        self._names: dict[str, list[Place]] = {}
        self._demonyms: dict[str, str] = {}
        population: dict[Place, int] = {}
        for kind, name, code, lat, lon, pop in rows:
            if kind == "country":
                self._countries[name] = code
            elif kind == "countryname":
                self._names.setdefault(name, []).insert(0, Place(code, "country"))
            elif kind == "demonym":
                self._demonyms[name] = code
            else:
                if kind == "city":
                    sub = cities.get((code, lat, lon))
                else:
                    sub = regions.pop((name, code), None)
                place = Place(
                    code, kind, float(lat) if lat else None, float(lon) if lon else None, sub
                )
                population[place] = int(pop or 0)
                self._names.setdefault(name, []).append(place)
        for (name, code), sub in regions.items():
            # Names of subdivisions the place table lacks ("North Kivu").
            self._names.setdefault(name, []).append(Place(code, "region", admin1=sub))
        rank = {"country": 0, "city": 1, "region": 2}
        for entries in self._names.values():
            entries.sort(key=lambda p: (rank.get(p.kind, 3), -population.get(p, 0)))

    def country_name(self, code: str) -> str:
        """The display name of an ISO country code."""
        return self._countries.get(code, code)

    def country_of_word(self, word: str) -> str | None:
        """The country code a country name or demonym names ("Iraq", "Iraqi"), else None."""
        code = self._demonyms.get(word)
        if code is not None:
            return code
        for place in self._names.get(word, ()):
            if place.kind == "country":
                return place.code
        return None

    def lookup(self, name: str, prefer: Iterable[str] = ()) -> Place | None:
        """The best place for `name`: in one of the `prefer`red country codes if any
        (countries the article mentions), else the first (largest) one."""
        entries = self._names.get(name)
        if not entries:
            return None
        wanted = list(prefer)
        for code in wanted:
            for place in entries:
                if place.code == code:
                    return place
        cities = [p for p in entries if p.kind == "city"]
        return cities[0] if cities and entries[0].kind != "country" else entries[0]


@cache
def places() -> PlaceTable:
    """The bundled place table, read once per process."""
    with gzip.open(DATA_DIR / "admin1.tsv.gz", "rt", encoding="utf-8") as handle:
        admin1 = [line.rstrip("\n").split("\t") for line in handle]
    with gzip.open(DATA_DIR / "places.tsv.gz", "rt", encoding="utf-8") as handle:
        return PlaceTable((line.rstrip("\n").split("\t") for line in handle), admin1)
