"""Which countries an article is about: what its names and dateline point to.

`Locator` (locate.py) places each incident with these.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from glossator.index.entities.model import Entity
from glossator.index.incidents.places import Place, PlaceTable

__all__ = ["CountryEvidence"]

#: Kind words after a first-level subdivision's name ("Mtwara Region").
_AREA_KINDS = frozenset(("region", "state", "province", "governorate", "oblast"))

#: A city in capitals opening a line, before a comma, colon, dash or
#: agency ("JOS: ...", "MAROUA - ...", "CULIACÁN, Sin. - ..."): where the
#: report was filed.
_DATELINE_CITY = re.compile(
    r"^[ \t]*([A-ZÀ-Þ]{2}[A-ZÀ-Þ'’.-]*(?:\ [A-ZÀ-Þ]{2}[A-ZÀ-Þ'’.-]*){0,3})(?=,|[ \t]*[-–—:(])",
    re.MULTILINE,
)


class CountryEvidence:
    """The article-wide country evidence of a place table."""

    def __init__(self, table: PlaceTable) -> None:
        self._places = table

    def filed_from(self, text: str, start: int = 0) -> str | None:
        """The country of the city in capitals that opens one of the
        article's first lines (its dateline: "JOS: ...", "MAROUA - ..."),
        or None."""
        for found in _DATELINE_CITY.finditer(text, start, start + 400):
            name = found[1].title()
            place = self._places.lookup(name)
            if place is None or place.kind != "city":
                continue
            others = [c for c in self._places.codes_of(name) if c != place.code]
            if not others:
                return place.code
            # "CONCEPCION: ... the Paraguayan People's Army": a name several
            # countries have is the one of them the text names, and no
            # evidence when it names none of them (or only the first).
            named = self._places.countries_in(text)
            return next((c for c in others if c in named), None)
        return None

    def article_countries(
        self,
        entities: Sequence[Entity],
        without: str = "",
        filed: str | None = None,
        text: str = "",
    ) -> list[str]:
        """The countries the article's names point to, most named first;
        leaving out the mentions of the name `without`. The country it was
        `filed` from (`filed_from`) counts as less than one mention: it
        decides between countries named as often ("Plateau" in Benin and
        Nigeria, "Plateau State" in Nigeria, filed from Jos), and comes
        last when named by nothing else (a bureau reports on its
        neighbours). A name several countries have counts for the one the
        article's `text` (or, without it, its names) names ("Paraguayan").
        """
        return self._ranked_countries(entities, without, filed, text)[0]

    def guessed_countries(self, entities: Sequence[Entity], text: str = "") -> frozenset[str]:
        """The countries `article_countries` counts only by the place table's
        first entry for a name several countries have, with nothing else in
        the article pointing to one of them ("the Concepcion health
        department": Chile's city, not Paraguay's department)."""
        return self._ranked_countries(entities, "", None, text)[1]

    def _ranked_countries(
        self, entities: Sequence[Entity], without: str, filed: str | None, text: str
    ) -> tuple[list[str], frozenset[str]]:
        counts: Counter[str] = Counter()
        shared = []
        for entity in entities:
            if entity.label in ("GPE", "NORP") and entity.text != without:
                named = self._places.countries_named(entity.text)
                if len(named) > 1:
                    shared.append(named)
                    continue
                code = self._places.country_of_word(entity.text)
                if code is None and entity.label == "GPE":
                    place = self._places.lookup(entity.text) or self._area(entity.text)
                    code = place.code if place else None
                    regions = self._places.codes_of(entity.text, "region")
                    if place is not None and (set(regions) - {place.code}):
                        # "Concepción" is a city of Chile and a department
                        # of Paraguay: the table's first unless other
                        # names point to the other.
                        shared.append((place.code, *(c for c in regions if c != place.code)))
                        continue
                if code is not None:
                    counts[code] += 1
        told: frozenset[str] | None = None
        guessed = set()
        for named in shared:
            # "Congo" is the one of its countries the article's other names
            # point to ("eastern Congo's North Kivu"), or a group's name
            # ("the Paraguayan People's Army"), else the table's.
            code = next((code for code in named if code in counts), None)
            if code is None:
                if told is None:
                    told = self._places.countries_in(text or " ".join(e.text for e in entities))
                code = next((code for code in named if code in told), None)
                if code is None:
                    code = named[0]
                    guessed.add(code)
            counts[code] += 1
        ranked = [code for code, _ in counts.most_common()]
        if filed is not None:
            ranked = sorted(ranked, key=lambda code: (-counts[code], code != filed))
            if filed not in counts:
                ranked.append(filed)
        return ranked, frozenset(c for c in guessed if counts[c] == 1)

    def _area(self, name: str) -> Place | None:
        """The subdivision a name with its kind word names ("Mtwara Region",
        "Cabo Delgado province"), which the table holds without the word."""
        head, _, kind = name.rpartition(" ")
        if not head or kind.lower() not in _AREA_KINDS:
            return None
        return self._places.lookup(head, region=True)

    def article_subdivisions(
        self, entities: Sequence[Entity], countries: Sequence[str]
    ) -> frozenset[str]:
        """The admin1 codes of the subdivisions the article names ("Chhattisgarh"
        -> IN.chhattisgarh), in the countries it names."""
        found = set()
        for entity in entities:
            if entity.label in ("GPE", "LOC"):
                for code in countries:
                    sub = self._places.subdivision(entity.text, code)
                    if sub is not None:
                        found.add(sub)
        return frozenset(found)
