"""Build `index/data/given_names.txt` from the Faker package's name lists (MIT).

Run once at development time, never at run time::

    .venv/bin/pip install Faker   # the build-names extra
    .venv/bin/python -m glossator.index.entities.build_names

Given names from the locales of the countries in the news (East and West
Africa, South Asia, the Philippines and Indonesia, Turkey and Azerbaijan,
Latin America) and from English, French, Spanish, Portuguese, Italian and
German, folded to ASCII. Left out: names that are also common English words
(Faker's own English word list, "Hope", "Will"), places, groups and titles in
the recogniser's lists, and the words a name never starts with.
"""

from __future__ import annotations

import argparse
import importlib
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

#: Faker locales whose first names are written in Latin letters.
LOCALES = (
    "en_KE en_NG ha_NG ig_NG yo_NG sw tw_GH zu_ZA en_PK en_IN id_ID tr_TR az_AZ vi_VN"
    " es_CO es_MX es_ES es_AR pt_BR pt_PT fr_FR it_IT de_DE en_US en_GB"
).split()
MIN_LENGTH = 3


def faker_first_names(locales: Iterable[str]) -> Iterator[str]:
    """Every first name of the locales' person providers, as written."""
    for locale in locales:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            names = getattr(provider, attr, None)
            yield from names if isinstance(names, (dict, list, tuple)) else ()


def fold(name: str) -> str | None:
    """The ASCII spelling of a one-word name, or None when it has none."""
    folded = unicodedata.normalize("NFKD", name.strip())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    ok = folded.isascii() and folded.isalpha() and folded[:1].isupper() and folded[1:].islower()
    return folded if ok and len(folded) >= MIN_LENGTH else None


def english_words() -> frozenset[str]:
    """Faker's list of common English words, lower case."""
    from faker.providers.lorem.en_US import Provider

    return frozenset(word.lower() for word in Provider.word_list)


def build(names: Iterable[str], excluded: Iterable[str], words: frozenset[str]) -> list[str]:
    """The sorted, folded names, without English words and the excluded names."""
    skip = set(excluded)
    out = set()
    for raw in names:
        name = fold(raw)
        if name is not None and name not in skip and name.lower() not in words:
            out.add(name)
    return sorted(out)


def main(argv: list[str] | None = None) -> None:
    """Write the names file and print how many it holds."""
    from glossator.index.entities import lexicon
    from glossator.index.entities.name_words import _ORG_HEADS, _STOP_TOKENS
    from glossator.index.entities.titles import title_forms

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA_DIR / "given_names.txt")
    args = parser.parse_args(argv)
    known = {**lexicon.gazetteer(), **lexicon.known_names()}
    excluded = set(known) | _STOP_TOKENS | _ORG_HEADS | title_forms()
    names = build(faker_first_names(LOCALES), excluded, english_words())
    header = (
        "# Given names from the Faker package's person providers (MIT licence), built by\n"
        "# python -m glossator.index.entities.build_names; do not edit by hand.\n"
    )
    lines = [" ".join(names[i : i + 12]) for i in range(0, len(names), 12)]
    args.out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
