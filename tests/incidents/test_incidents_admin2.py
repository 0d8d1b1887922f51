"""Second-level subdivisions and the regions they lie in (`admin2.tsv.gz`)."""

from __future__ import annotations

from glossator.index.incidents.places import PlaceTable, places


def test_a_district_is_looked_up_in_the_preferred_country_then_alone() -> None:
    rows = [["Velmor", "ZZ", "ZZ.north"], ["Velmor", "YY", "YY.east"], ["Karsk", "ZZ", "ZZ.south"]]
    table = PlaceTable([], admin2=rows)
    assert table.admin2("Velmor", ["YY"]) == ("YY", "YY.east")
    assert table.admin2("Velmor") is None  # in two countries, none preferred
    assert table.admin2("Karsk", ["YY"]) == ("ZZ", "ZZ.south")
    assert table.admin2("Zelkor") is None
    assert places().admin2("Soran", ["IQ"]) == ("IQ", "IQ.erbil")
