"""First-level subdivisions beside the place table (`admin1.tsv.gz`)."""

from __future__ import annotations

from glossator.index.incidents.build_admin1 import admin1_code
from glossator.index.incidents.places import PlaceTable, places
from glossator.index.stories.matching import Record, records_of, same_place
from glossator.index.stories.rows import StoredArticle

ROWS = [
    ["city", "Goma", "CD", "-1.6741", "29.2284", "432587"],
    ["city", "Bukavu", "CD", "-2.5083", "28.8608", "806940"],
    ["region", "Nord-Kivu", "CD", "", "", "0"],
]
ADMIN1 = [
    ["city", "CD", "-1.6741", "29.2284", "CD.nord kivu"],
    ["city", "CD", "-2.5083", "28.8608", "CD.sud kivu"],
    ["region", "Nord-Kivu", "CD", "CD.nord kivu"],
    ["region", "North Kivu", "CD", "CD.nord kivu"],
]


def test_codes_fold_kind_words_accents_and_hyphens() -> None:
    assert admin1_code("NG", "Zamfara State") == admin1_code("NG", "Zamfara") == "NG.zamfara"
    assert admin1_code("CD", "Nord-Kivu") == admin1_code("CD", "Nord Kivu") == "CD.nord kivu"
    assert admin1_code("NE", "Tillabéri Region") == "NE.tillaberi"


def test_cities_and_regions_get_their_subdivision_and_old_tables_still_load() -> None:
    table = PlaceTable(ROWS, ADMIN1)
    goma, region = table.lookup("Goma"), table.lookup("North Kivu")
    assert goma is not None and goma.admin1 == "CD.nord kivu"
    # A name only the subdivisions file has is a region of its country.
    assert region is not None and (region.code, region.kind) == ("CD", "region")
    assert region.admin1 == goma.admin1
    plain = PlaceTable(ROWS)
    found = plain.lookup("Goma")
    assert found is not None and found.admin1 is None and plain.lookup("North Kivu") is None


def test_the_subdivisions_are_read_on_the_first_look_up_only() -> None:
    reads: list[int] = []

    def rows() -> list[list[str]]:
        reads.append(1)
        return ADMIN1

    table = PlaceTable(ROWS, rows)
    assert table.country_name("CD") == "CD" and table.country_of_word("Goma") is None
    assert not reads
    goma = table.lookup("Goma")
    assert goma is not None and goma.admin1 == "CD.nord kivu"
    assert table.lookup("North Kivu") is not None and table.lookup("Bukavu") is not None
    assert reads == [1]


def test_the_shipped_table_knows_a_province_and_its_city() -> None:
    table = places()
    goma, kivu = table.lookup("Goma"), table.lookup("North Kivu")
    assert goma is not None and kivu is not None and goma.admin1 == kivu.admin1


def _record(location: str, admin1: str | None, lat: float | None = None) -> Record:
    fields = {
        "sub_event_type": "Shelling/artillery/missile attack",
        "country": "Democratic Republic of Congo",
        "event_date": "2025-02-02",
        "location": location,
        "admin1": admin1,
        "latitude": lat,
        "longitude": None if lat is None else 29.0,
        "sentence": f"Shells hit {location}.",
    }
    (rec,) = records_of(StoredArticle("a.txt", "h", 0, b"", "2025-02-03", [fields]))
    return rec


def test_a_province_contains_a_city_in_it_by_code_not_by_name() -> None:
    kivu = _record("North Kivu", "CD.nord kivu")
    goma = _record("Goma", "CD.nord kivu", -1.67)
    bukavu = _record("Bukavu", "CD.sud kivu", -2.5)
    assert same_place(kivu, goma) and same_place(goma, kivu)
    assert not same_place(kivu, bukavu)
    # Two cities of one province are not one place by the code alone.
    other = _record("Rutshuru", "CD.nord kivu", -1.18)
    assert not same_place(goma, other)


def test_a_province_named_after_its_capital_is_not_the_capitals_point() -> None:
    from glossator.index.entities import Recogniser
    from glossator.index.incidents import IncidentExtractor

    rows = [
        ["country", "Afghanistan", "AF", "", "", "0"],
        ["city", "Zandara", "AF", "36.7", "68.9", "300000"],
        ["region", "Zandara", "AF", "", "", "0"],
    ]
    admin1 = [
        ["city", "AF", "36.7", "68.9", "AF.zandara"],
        ["region", "Zandara", "AF", "AF.zandara"],
    ]
    extractor = IncidentExtractor(PlaceTable(rows, admin1))
    recogniser = Recogniser.load()

    def place(text: str) -> tuple[str | None, float | None, str | None]:
        (found,) = extractor.extract(text, recogniser.recognise(text))
        return found.location, found.latitude, found.admin1

    assert place("A roadside bomb killed two soldiers in Zandara province on 3 May 2026.") == (
        "Zandara",
        None,
        "AF.zandara",
    )
    assert place("A bomb killed two soldiers in the province of Zandara on 3 May 2026.")[1] is None
    assert place("A bomb killed eight people in the city of Zandara on 3 May 2026.")[1] == 36.7


def test_a_region_named_as_one_gives_its_country_not_a_town_abroad() -> None:
    from glossator.index.entities import Recogniser
    from glossator.index.entities.model import Entity
    from glossator.index.incidents import IncidentExtractor

    rows = [
        ["country", "Velmoria", "VM", "", "", "0"],
        ["country", "Ostria", "OS", "", "", "0"],
        ["city", "Karnel", "OS", "-34.6", "-60.9", "90000"],
        ["region", "Karnel", "VM", "", "", "0"],
    ]
    table = PlaceTable(rows)
    extractor = IncidentExtractor(table)
    text = (
        "Four soldiers were killed in an ambush in the district of Drovia Nel, "
        "in the Karnel region, "
        "on 3 May 2026."
    )
    entities = sorted(
        [e for e in Recogniser.load().recognise(text) if e.text != "Karnel"]
        + [Entity(text.index("Karnel"), text.index("Karnel") + 6, "Karnel", "GPE")],
        key=lambda e: e.start,
    )
    (found,) = extractor.extract(text, entities)
    assert found.country == table.country_name("VM")


def test_a_place_of_another_countrys_name_takes_the_country_of_its_district() -> None:
    from glossator.index.entities import Recogniser
    from glossator.index.entities.model import Entity
    from glossator.index.incidents import IncidentExtractor

    rows = [
        ["city", "Bravel", "OS", "32.4", "72.9", "50000"],
        ["city", "Karnel", "VM", "0.18", "30.08", "90000"],
    ]
    table = PlaceTable(rows)
    extractor = IncidentExtractor(table)
    recogniser = Recogniser.load()

    def found(text: str) -> tuple[str | None, float | None, bool]:
        names = [e for e in recogniser.recognise(text) if e.text not in ("Bravel", "Karnel")]
        for name in ("Bravel", "Karnel"):
            at = text.find(name)
            if at >= 0:
                names.append(Entity(at, at + len(name), name, "GPE"))
        (incident,) = extractor.extract(text, sorted(names, key=lambda e: e.start))
        return incident.country, incident.latitude, incident.country_from_name

    assert found(
        "Rebels killed 17 people at a school in Bravel sub-county, Karnel district, on 3 May 2026."
    ) == (table.country_name("VM"), None, False)
    # Nothing else in the report names a country: the table's, held weakly.
    assert found("Rebels killed 17 people at a school in Bravel on 3 May 2026.") == (
        table.country_name("OS"),
        32.4,
        True,
    )
    # "the Karnel group" is no subdivision, so it is no evidence.
    assert found("Fighters of the Karnel group killed 17 people in Bravel on 3 May 2026.")[0] == (
        table.country_name("OS")
    )


def test_a_subdivision_of_two_names_is_found_however_they_are_joined() -> None:
    rows = [["region", "Sistan va Baluchestan", "IR", "", "", "0"]]
    admin1 = [["region", "Sistan and Baluchestan", "IR", "IR.sistan and baluchestan"]]
    table = PlaceTable(rows, admin1)
    for name in ("Sistan and Baluchestan", "Sistan-Baluchestan", "Sistan & Baluchestan"):
        found = table.lookup(name)
        assert found is not None and found.admin1 == "IR.sistan and baluchestan", name
    # Only two names joined by "and": a longer one keeps its own spelling.
    assert (
        PlaceTable(rows, [["region", "Dadra and Nagar Haveli", "IN", "IN.d"]]).lookup(
            "Dadra-Nagar Haveli"
        )
        is None
    )
