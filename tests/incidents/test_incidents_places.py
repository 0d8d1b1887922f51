"""Where an event happened: weapons' and borders' demonyms, regions
spanning several subdivisions, districts and their regions, compass
compounds."""

from __future__ import annotations

import datetime as dt

from incident_steps import Run, one


def test_a_weapons_demonym_is_the_attacker_not_the_country(incidents: Run) -> None:
    struck = one(
        incidents,
        "An Israeli missile struck a house in the village of Kfar Zelkor on Thursday, "
        "killing three people, the ministry said.",
    )
    assert struck.actor1 == "Israel"
    assert struck.country != "Israel"
    near_borders = one(
        incidents,
        "A Turkish drone struck a car outside Varnadu on Thursday, killing three people. "
        "Varnadu lies close to the Turkish and Iranian borders.",
    )
    assert near_borders.actor1 == "Turkey"
    assert near_borders.country is None
    # A demonym before anything but a weapon or a border still gives the country.
    forces = one(
        incidents,
        "Terrorists attacked a position of the Togolese armed forces near Varnadu on "
        "Thursday, killing seven soldiers.",
    )
    assert forces.country == "Togo"


def test_a_wide_region_is_its_countrys_and_spans_its_subdivisions(incidents: Run) -> None:
    found = one(
        incidents,
        "A drone strike on a car killed four people in Iraq's autonomous Kurdistan region "
        "on Thursday, a local official said.",
    )
    assert found.country == "Iraq"
    assert {"IQ.erbil", "IQ.duhok", "IQ.sulaymaniyah"} <= set(found.subdivisions)
    darfur = one(incidents, "Shelling killed five people in Darfur on Thursday.")
    assert darfur.country == "Sudan" and len(darfur.subdivisions) == 5
    # The same name in another country is that country's province, not the region.
    iran = one(incidents, "Shelling killed five people in Iran's Kurdistan province on Thursday.")
    assert iran.country == "Iran" and iran.subdivisions == ()


def test_a_place_in_a_known_district_lies_in_the_districts_region(incidents: Run) -> None:
    found = one(
        incidents,
        "A drone struck a car near Sarvakan village in Soran district on Thursday, "
        "killing three people.",
    )
    assert (found.location, found.within) == ("Sarvakan", "Soran")
    assert found.within_admin1 == "IQ.erbil"
    assert found.country == "Iraq"


def test_a_compass_compound_in_one_word_is_the_tables_subdivision(incidents: Run) -> None:
    found = one(
        incidents,
        "Armed separatists killed seven people in a village in Cameroon's restive "
        "Southwest region on Thursday, a local official said.",
    )
    assert found.country == "Cameroon"
    assert found.admin1 == "CM.south west"


def test_a_name_two_subdivisions_share_is_the_one_in_the_subdivision_the_article_names(
    incidents,
) -> None:
    # Two Bijapurs in India: Karnataka's (the larger) and Chhattisgarh's.
    headline = "Maoists ambush security convoy in Bijapur, nine killed\n"
    there = "The attack came days after a Maoist leader was killed in Chhattisgarh."
    [found] = incidents(headline + there)
    assert found.location == "Bijapur" and found.admin1 == "IN.chhattisgarh"
    [alone] = incidents(headline + "The attack came days after a Maoist leader was killed.")
    assert alone.admin1 == "IN.karnataka"


def test_a_facility_named_by_nothing_but_its_country_is_no_place(incidents: Run) -> None:
    text = (
        "12 killed as shells hit Sudan displacement camp\n"
        "Shells struck a camp for displaced people in Sudan's North Darfur state on Sunday, "
        "killing at least 12 people, aid workers said."
    )
    assert one(incidents, text).location == "North Darfur"


def test_a_name_two_countries_go_by_is_the_one_the_articles_other_places_are_in(
    incidents: Run,
) -> None:
    text = (
        "Rebels killed 12 villagers in Kalembe in eastern Congo on Sunday, officials said. "
        "The army in North Kivu blamed the M23."
    )
    assert one(incidents, text).country == "Democratic Republic of Congo"
    alone = one(incidents, "Shells hit a camp in Congo on Sunday, killing 12 people.")
    assert alone.country == "Republic of Congo"


def test_a_subdivision_read_as_a_persons_name_after_a_locative_is_a_place(
    incidents: Run,
) -> None:
    found = one(
        incidents,
        "Five soldiers were killed on Friday when militants attacked a security checkpoint "
        "west of Zelkor in North Sinai, the army spokesman said.",
    )
    assert (found.location, found.country) == ("Zelkor", "Egypt")


def test_a_road_named_after_a_place_lies_in_the_district_or_town_after_it(
    incidents: Run,
) -> None:
    town = one(incidents, "A roadside bomb killed three soldiers on the Zelkor road in Varnadu.")
    assert (town.location, town.within) == ("Zelkor", "Varnadu")
    district = one(
        incidents,
        "A roadside bomb killed three soldiers on Tuesday on the Zelkor-Kalembe road in "
        "Varnadu district, police said.",
    )
    assert (district.location, district.within) == ("Zelkor-Kalembe", "Varnadu")


def test_a_place_written_with_accents_is_the_tables_name_without_them(incidents: Run) -> None:
    shot = one(
        incidents,
        "Gunmen shot dead four people at a bar in Medellín on Tuesday, the police said.",
    )
    assert shot.location == "Medellín"
    assert shot.country == "Colombia"
    assert shot.latitude is not None


def test_the_city_in_capitals_a_report_is_filed_from_decides_its_country(
    incidents: Run,
) -> None:
    # No other name says which country an unknown village is in.
    herders = incidents(
        "Four herders killed\nMAROUA: Gunmen killed four herders in Tchakamari village "
        "on Monday, a local official said.",
        dt.date(2024, 3, 15),
    )
    assert [(i.location, i.country) for i in herders] == [("Tchakamari", "Cameroon")]
    # "Plateau" is a region of Benin and of Nigeria: the dateline's Jos is in
    # Nigeria's.
    raid = incidents(
        "Gunmen kill nine in Plateau raid\nJOS: Gunmen killed nine people when they "
        "raided Kwall village in Bassa Local Government Area of Plateau State on Tuesday.",
        dt.date(2024, 3, 15),
    )
    assert {i.country for i in raid} == {"Nigeria"}


def test_the_town_of_the_hospital_the_wounded_died_in_is_not_the_place(incidents: Run) -> None:
    died = one(
        incidents,
        "A fourth soldier wounded in Tuesday's drone attack on the army base has died "
        "in hospital in Arauca, the army said.",
    )
    assert died.location != "Arauca"
    assert died.country == "Colombia"


def test_a_village_the_table_does_not_know_is_in_its_regions_country(incidents: Run) -> None:
    # "Mtwara Region" is Tanzania's; the insurgency the group wages in
    # Mozambique's Cabo Delgado is no evidence of where this attack was.
    raid = one(
        incidents,
        "The number of people killed in Sunday's attack on Kitaya village in Mtwara Region "
        "has risen to eight, police said. Ahlu Sunnah wal Jamaah, the group behind the "
        "insurgency in Cabo Delgado, is suspected.",
    )
    assert raid.location == "Kitaya"
    assert raid.country == "Tanzania"


def test_a_country_only_guessed_from_a_shared_name_is_weak(incidents: Run) -> None:
    # Concepcion is a city of Chile and a department of Paraguay; nothing
    # else in the text says which, so the table's first is only a guess.
    guess = one(
        incidents,
        "A ranch worker wounded in Saturday's guerrilla attack near Horqueta died in hospital "
        "on Monday, bringing the toll to three, the Concepcion health department said.",
    )
    assert guess.location == "Horqueta"
    assert guess.country_from_name
    # A demonym in the text decides it, and the country is no guess.
    told = one(
        incidents,
        "A ranch worker wounded in Saturday's guerrilla attack near Horqueta died in hospital "
        "on Monday, the Concepcion health department said. Paraguayan police are searching.",
    )
    assert told.country == "Paraguay"
    assert not told.country_from_name
