"""Countries and coordinates for place names (`index/data/places.tsv.gz`)."""

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


class PlaceTable:
    """Looks names up; see `build_places` for where the rows come from."""

    def __init__(self, rows: Iterable[list[str]]) -> None:
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
                place = Place(code, kind, float(lat) if lat else None, float(lon) if lon else None)
                population[place] = int(pop or 0)
                self._names.setdefault(name, []).append(place)
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
    with gzip.open(DATA_DIR / "places.tsv.gz", "rt", encoding="utf-8") as handle:
        return PlaceTable(line.rstrip("\n").split("\t") for line in handle)
