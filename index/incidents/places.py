"""Countries, coordinates and subdivisions for place names
(`index/data/places.tsv.gz`, and `admin1.tsv.gz` beside it)."""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import cache
from itertools import chain

from glossator.index.entities.lexicon import DATA_DIR
from glossator.index.incidents.demonyms import demonym_rows

__all__ = ["Place", "PlaceTable", "places", "plain"]


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


#: "Southwest region" is the table's "South-West" (Cameroon's, Nigeria's
#: "North-East" zone): a compass compound written as one word.
_COMPASS = re.compile(r"^(North|South)(east|west)\b")
#: A capitalised word: a country name or demonym candidate (`countries_in`).
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}\b")
#: "Sistan and Baluchestan" is also written "Sistan-Baluchestan" and
#: "Jammu and Kashmir" "Jammu & Kashmir": a subdivision of two names joined
#: by "and".
_TWO_NAMES = re.compile(r"^([A-Z][\w'-]*) and ([A-Z][\w'-]*)$")
#: Names two countries go by: "Congo" is the Republic's in the table and
#: the Democratic Republic's in most news ("eastern Congo's North Kivu").
#: The first is the table's; the article's other places choose.
SHARED_COUNTRY_NAMES: dict[str, tuple[str, ...]] = {"Congo": ("CG", "CD")}
#: Country names in news use that neither GeoNames nor ISO prints ("East
#: Timor" is ISO's Timor-Leste), added under the table's own names.
NEWS_COUNTRY_NAMES: dict[str, str] = {
    "East Timor": "TL",
    "Burma": "MM",
    "Swaziland": "SZ",
    "Cape Verde": "CV",
    "Macedonia": "MK",
    "DR Congo": "CD",
    "DRC": "CD",
    "Congo-Kinshasa": "CD",
    "Congo-Brazzaville": "CG",
    "The Gambia": "GM",
}
_RANK = {"country": 0, "city": 1, "region": 2}
_NO_REGION = ("country", "city")


class PlaceTable:
    """Looks names up; see `build_places` for where the rows come from."""

    def __init__(
        self,
        rows: Iterable[list[str]],
        admin1: Iterable[list[str]] | Callable[[], Iterable[list[str]]] = (),
        admin2: Iterable[list[str]] | Callable[[], Iterable[list[str]]] = (),
    ) -> None:
        """`admin1` (rows of `admin1.tsv.gz`, or a function giving them) is
        read on the first `lookup`: a process that never looks a place up
        (a search) does not pay for it; `admin2` (rows of `admin2.tsv.gz`)
        on the first `admin2` look-up."""
        self._admin1 = admin1
        self._admin1_read = False
        self._admin2_source = admin2
        self._admin2: dict[str, list[tuple[str, str]]] | None = None
        self._city_admin1: dict[tuple[str, float, float], str] = {}
        self._region_admin1: dict[tuple[str, str], str] = {}
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
        for name, codes in SHARED_COUNTRY_NAMES.items():
            entries = self._names.get(name, [])
            if any(p.kind == "country" and p.code == codes[0] for p in entries):
                entries.extend(Place(code, "country") for code in codes[1:])
        for name, code in NEWS_COUNTRY_NAMES.items():
            entries = self._names.setdefault(name, [])
            if code in self._countries and not any(p.kind == "country" for p in entries):
                entries.insert(0, Place(code, "country"))
        for entries in self._names.values():
            entries.sort(key=lambda p: (_RANK.get(p.kind, 3), -population.get(p, 0)))

    def _read_admin1(self) -> None:
        """Read the subdivisions of cities and regions, and add those the
        place table lacks ("North Kivu")."""
        self._admin1_read = True
        source = self._admin1
        for row in source() if callable(source) else source:
            if row[0] == "city" and len(row) == 5:
                self._city_admin1[(row[1], float(row[2]), float(row[3]))] = row[4]
            elif row[0] == "region" and len(row) == 4:
                self._region_admin1[(row[1], row[2])] = row[3]
                for name in _spellings(row[1]):
                    self._add_region(name, row[2], row[3])

    def _add_region(self, name: str, code: str, admin1: str) -> None:
        """Register subdivision `admin1` of country `code` under `name`."""
        self._region_admin1.setdefault((name, code), admin1)
        entries = self._names.setdefault(name, [])
        if not any(p.code == code and p.kind not in _NO_REGION for p in entries):
            entries.append(Place(code, "region", admin1=admin1))
            entries.sort(key=lambda p: _RANK.get(p.kind, 3))

    def _with_admin1(self, name: str, place: Place) -> Place:
        if place.kind == "country" or place.admin1 is not None:
            return place
        if place.kind == "city" and place.latitude is not None and place.longitude is not None:
            sub = self._city_admin1.get((place.code, place.latitude, place.longitude))
        else:
            sub = self._region_admin1.get((name, place.code))
        if sub is None:
            return place
        return Place(place.code, place.kind, place.latitude, place.longitude, sub)

    def admin2(self, name: str, prefer: Iterable[str] = ()) -> tuple[str, str] | None:
        """The country code and admin1 code of the second-level subdivision
        `name` ("Kpendjal" -> ("TG", "TG.savanes")): the one in a `prefer`red
        country, else the only one; None when unknown or in several countries."""
        if self._admin2 is None:
            table: dict[str, list[tuple[str, str]]] = {}
            source = self._admin2_source
            for row in source() if callable(source) else source:
                if len(row) == 3:
                    table.setdefault(row[0], []).append((row[1], row[2]))
            self._admin2 = table
        entries = self._admin2.get(name, [])
        for code in prefer:
            for entry in entries:
                if entry[0] == code:
                    return entry
        return entries[0] if len(entries) == 1 else None

    def subdivision(self, name: str, code: str) -> str | None:
        """The admin1 code of the subdivision of country `code` named `name`
        ("Erbil", "IQ" -> "IQ.erbil"), or None."""
        if not self._admin1_read:
            self._read_admin1()
        return self._region_admin1.get((name, code))

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

    def codes_of(self, name: str, kind: str | None = None) -> tuple[str, ...]:
        """The country codes of every place called `name` (of that `kind`
        only, when given), in the table's order."""
        entries = self._names.get(name) or self._names.get(plain(name)) or []
        return tuple(dict.fromkeys(p.code for p in entries if kind is None or p.kind == kind))

    def countries_in(self, text: str) -> frozenset[str]:
        """The codes of the countries `text` names by a one-word country name
        or demonym ("Paraguay", "Paraguayan")."""
        return frozenset(
            code for word in set(_CAPITALISED.findall(text)) if (code := self.country_of_word(word))
        )

    def countries_named(self, word: str) -> tuple[str, ...]:
        """Every country code the country name `word` names: two for "Congo",
        one for most names, none for other words."""
        return tuple(p.code for p in self._names.get(word, ()) if p.kind == "country")

    def lookup(
        self,
        name: str,
        prefer: Iterable[str] = (),
        *,
        region: bool = False,
        within: Collection[str] = (),
    ) -> Place | None:
        """The best place for `name`: in one of the `prefer`red country codes if any
        (countries the article mentions), else the first (largest) one. With
        `region` (the text says "Kunduz province"), a subdivision of that name
        comes before a city. Of several places of that name in one country,
        one in a subdivision `within` (admin1 codes the article names) comes
        first: Bijapur in an article about Chhattisgarh is Chhattisgarh's."""
        if not self._admin1_read:
            self._read_admin1()
        if name not in self._names:
            name = _COMPASS.sub(lambda m: f"{m[1]}-{m[2].capitalize()}", name)
        if name not in self._names:
            # The table's names are written without accents: "Culiacán" is
            # its "Culiacan".
            name = plain(name)
        if name not in self._names and name.startswith(("St ", "St. ")):
            # "St Catherine" parish is the table's "Saint Catherine".
            name = "Saint " + name.split(" ", 1)[1]
        entries = self._names.get(name)
        if not entries:
            return None
        if region:
            entries = [p for p in entries if p.kind == "region"] or entries
        wanted = list(prefer)
        for code in wanted:
            here = [self._with_admin1(name, p) for p in entries if p.code == code]
            if here:
                if len(here) > 1 and not any(p.kind == "country" for p in here):
                    inside = [p for p in here if p.admin1 in within]
                    if inside:
                        return inside[0]
                # A country's own name is the country, not its subdivision
                # of that name ("in Panama" is not Panama province), unless
                # the text says it is a subdivision.
                return here[0]
        cities = [p for p in entries if p.kind == "city"]
        best = cities[0] if cities and entries[0].kind != "country" else entries[0]
        return self._with_admin1(name, best)


def plain(text: str) -> str:
    """`text` without its accents and other combining marks ("Tibú" -> "Tibu")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _spellings(name: str) -> tuple[str, ...]:
    """`name` and the other ways a subdivision of two names is written."""
    two = _TWO_NAMES.match(name)
    if two is None:
        return (name,)
    return (name, f"{two[1]}-{two[2]}", f"{two[1]} & {two[2]}")


@cache
def places() -> PlaceTable:
    """The bundled place table, read once per process (its subdivisions on
    the first look-up)."""
    with gzip.open(DATA_DIR / "places.tsv.gz", "rt", encoding="utf-8") as handle:
        # The table's own demonyms come after, so they win over the supplement.
        rows = chain(demonym_rows(), (line.rstrip("\n").split("\t") for line in handle))
        return PlaceTable(rows, _admin1_rows, _admin2_rows)


@cache
def capitals() -> dict[str, str]:
    """Each country's capital by ISO code (`index/data/capitals.tsv`, from
    GeoNames by `index/stories/build_capitals.py`)."""
    out = {}
    for line in (DATA_DIR / "capitals.tsv").read_text("utf-8").splitlines():
        code, _, name = line.partition("\t")
        if code and name:
            out[code] = name
    return out


def _admin1_rows() -> list[list[str]]:
    with gzip.open(DATA_DIR / "admin1.tsv.gz", "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle]


def _admin2_rows() -> list[list[str]]:
    with gzip.open(DATA_DIR / "admin2.tsv.gz", "rt", encoding="utf-8") as handle:
        return [line.rstrip("\n").split("\t") for line in handle]
