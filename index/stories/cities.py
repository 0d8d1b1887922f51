"""A city a report names only by its rank in its country: "the capital",
"the Solomon Islands capital", "Belgium's second city", "Denmark's
second-largest city", "Swaziland's main commercial city" or "commercial
capital", its largest (`records.records_of`).

Such a report has no place of its own, or a wrong one (the name of a gang
read as the location), and would match no report that names the city or
a neighbourhood of it. The capital comes from `index/data/capitals.tsv`
(`build_capitals`), the n-th city from the place table's populations.
"The capital of the Gorno-Badakhshan Autonomous Region" is a regional
capital, "near the capital" another place, and "the Libyan capital
Tripoli" names its city: none is read.
"""

from __future__ import annotations

import gzip
import re
from functools import cache

from glossator.index.entities.lexicon import DATA_DIR
from glossator.index.incidents.places import Place, capitals, places

__all__ = ["ranked_city"]

_NAME = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}"
_RANKED = re.compile(
    rf"(?:\b(?P<owner>{_NAME})['’]s|\bthe(?: (?P<adj>{_NAME}))?)"
    r" (?P<rank>capital|(?P<nth>second|largest|biggest|main commercial|commercial|economic)"
    r"(?:[- ](?:largest|biggest))? (?:city|capital))\b"
    # "the capital of the Gorno-Badakhshan Autonomous Region" is a
    # region's; "the Libyan capital Tripoli" names its city.
    r"(?! of\b)(?!,? [A-Z])"
)
#: Words before the phrase that put the place beside the city, not in it.
_BESIDE = re.compile(
    r"\b(?:near|outside|beyond|from|towards?|(?:north|south|east|west)(?:-?(?:east|west))? of)\s*$",
    re.IGNORECASE,
)


@cache
def _by_population() -> dict[str, list[str]]:
    """Each country's city names, largest first."""
    rows: dict[str, list[tuple[int, str]]] = {}
    with gzip.open(DATA_DIR / "places.tsv.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            kind, name, code, _lat, _lon, pop = line.rstrip("\n").split("\t")
            if kind == "city":
                rows.setdefault(code, []).append((-int(pop or 0), name))
    return {code: [n for _p, n in sorted(cities)] for code, cities in rows.items()}


def _country(phrase: str | None) -> str | None:
    """The country code a name or demonym phrase names ("Belgium",
    "Uruguayan", "Solomon Islands"), else None."""
    if not phrase:
        return None
    table = places()
    if code := table.country_of_word(phrase):
        return code
    codes = table.codes_of(phrase, "country")
    return codes[0] if codes else None


def ranked_city(text: str, country: str | None) -> tuple[str, Place] | None:
    """The city `text` names as a country's capital or its n-th city, with
    its place; the country is the one the phrase names, else `country`
    (a code), else the only one `text` names."""
    for match in _RANKED.finditer(text):
        if _BESIDE.search(text, 0, match.start()):
            continue
        named = match["owner"] or match["adj"]
        code = _country(named)
        if named and code is None:
            # "the Regional Council capital": no country, no city.
            continue
        if code is None:
            code = country or _only_country(text)
        if code is None:
            continue
        if match["nth"] is None or match["rank"] == "second capital":
            name = capitals().get(code) if match["nth"] is None else None
        else:
            rank = 1 if match["nth"] == "second" else 0
            cities = _by_population().get(code, [])
            name = cities[rank] if len(cities) > rank else None
        place = places().lookup(name, [code]) if name else None
        if name and place is not None and place.code == code and place.kind == "city":
            return name, place
    return None


def _only_country(text: str) -> str | None:
    codes = places().countries_in(text)
    return next(iter(codes)) if len(codes) == 1 else None
