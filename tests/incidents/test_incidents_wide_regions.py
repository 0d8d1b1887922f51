"""Regions that span several subdivisions (`wide_regions.py`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from glossator.index.entities.lexicon import DATA_DIR
from glossator.index.incidents import Incident, wide_regions
from glossator.index.incidents.places import places


def test_every_subdivision_the_table_lists_is_one_the_place_table_has() -> None:
    table = wide_regions.parse_table((DATA_DIR / "wide_regions.txt").read_text("utf-8"))
    missing = sorted(
        (code, name)
        for regions in table.values()
        for code, members in regions
        for name in members
        if places().subdivision(name, code) is None
    )
    assert missing == []


def test_names_match_whole_and_only_in_the_lines_country() -> None:
    table = wide_regions.parse_table("ZZ : Velmor Highlands | Velmoria : Alpha | Beta\n")
    codes = {("Alpha", "ZZ"): "ZZ.alpha", ("Beta", "ZZ"): "ZZ.beta"}

    def sub(name: str, code: str) -> str | None:
        return codes.get((name, code))

    assert wide_regions.find("the Velmor Highlands region", None, sub, table) == (
        "ZZ",
        ("ZZ.alpha", "ZZ.beta"),
    )
    assert wide_regions.find("Velmoria", "ZZ", sub, table) is not None
    assert wide_regions.find("Velmoria", "YY", sub, table) is None
    assert wide_regions.find("Velmor", None, sub, table) is None


def test_a_malformed_line_says_how_to_write_it() -> None:
    with pytest.raises(ValueError, match="line 2: write '<country code> : <names>"):
        wide_regions.parse_table("# fine\nKurdistan: Erbil\n")


def test_negros_island_spans_the_two_visayas_regions_its_provinces_lie_in(
    incidents: Callable[..., list[Incident]],
) -> None:
    (ambush,) = incidents(
        "Communist guerrillas killed three soldiers in an ambush on the central island of "
        "Negros on Thursday, the military said."
    )
    assert ambush.country == "Philippines"
    assert set(ambush.subdivisions) == {"PH.western visayas", "PH.central visayas"}
