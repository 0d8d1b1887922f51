"""Where an incident happened: villages in districts, datelines, headlines,
capitals standing for governments, front matter, hyphened names."""

from __future__ import annotations

import datetime as dt

import pytest
from incident_steps import Run, one

from glossator.index.incidents import Incident


@pytest.mark.parametrize(
    ("text", "place", "within"),
    [
        (
            "Armed bandits on Saturday night attacked Kadawa village in Zurmi Local "
            "Government Area of Zamfara State, killing 23 residents.",
            "Kadawa",
            "Zurmi",
        ),
        (
            "Residents of Kadawa in Zurmi LGA of Zamfara State have buried 26 people "
            "killed when bandits stormed the community on Saturday night.",
            "Kadawa",
            "Zurmi",
        ),
        (
            "Gunmen killed 12 people in an attack on Dauran in the Zurmi local "
            "government area on Saturday.",
            "Dauran",
            "Zurmi",
        ),
    ],
)
def test_a_village_named_inside_its_district_is_the_place(
    run: Run, text: str, place: str, within: str
) -> None:
    found = one(run, text)
    assert (found.location, found.within) == (place, within)
    assert Incident.from_dict(found.to_dict()).within == within


def test_a_place_without_a_container_has_none(run: Run) -> None:
    found = one(run, "An air strike on a house in Rafah killed six people on Thursday.")
    assert found.location == "Rafah" and found.within is None


@pytest.mark.parametrize(
    "text",
    [
        "A magnetic bomb killed two soldiers in Imam Gulzar district of Zandara province on "
        "Tuesday evening, local sources said.",
        "A roadside bomb killed two soldiers in Imam Gulzar district in Zandara province on "
        "Tuesday.",
    ],
)
def test_a_district_named_inside_its_province_is_the_place(run: Run, text: str) -> None:
    found = one(run, text)
    assert (found.location, found.within) == ("Imam Gulzar", "Zandara")


def test_a_wire_datelines_date_is_when_it_was_filed_not_the_event(run: Run) -> None:
    found = one(
        run, "KORVANI, March 15 (Reuters) - A mortar hit a camp on Wednesday, killing nine."
    )
    assert str(found.event_date) == "2024-03-13"
    filed = one(run, "KORVANI, March 14 (Reuters) - A mortar hit a camp, killing nine people.")
    assert str(filed.event_date) == "2024-03-14"


def test_a_headlines_unknown_place_gives_way_to_the_bodys(run: Run) -> None:
    text = (
        "Rebels claim killing of 13 miners in Zelkor\n"
        "The rebel army said its fighters killed 13 people at a gold mining site in Varnadu.\n"
    )
    assert one(run, text).location == "Varnadu"


def test_a_capital_standing_for_its_government_is_not_the_place(run: Run) -> None:
    found = one(
        run,
        "A drone strike killed four people in the Zelkor region on Saturday, in an area "
        "where Ankara has long targeted rebel bases.",
    )
    assert found.location == "Zelkor"


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "Ten people were killed on Sunday when bombs fired by the rebels fell on the "
            "Varnadu camp.",
            "Shelling/artillery/missile attack",
        ),
        ("Planes dropped bombs on the Varnadu market on Sunday, killing ten.", "Air/drone strike"),
        (
            "Two rangers were killed on Sunday when a bomb hidden at the roadside went off in "
            "Varnadu.",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_bombs_fired_or_dropped_are_shells_or_an_air_strike(
    run: Run, text: str, sub_event_type: str
) -> None:
    assert one(run, text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "location"),
    [
        # The hospital where the wounded died is not where they were hurt.
        (
            "A soldier wounded in Saturday's bomb attack on the Zelkor road died in a Varnadu "
            "hospital on Sunday, taking the toll to ten.",
            "Zelkor",
        ),
        # Nor is the country across the border.
        (
            "Rebels killed 21 people in an attack on a school in western Uganda near the border "
            "with the Democratic Republic of Congo on Saturday.",
            "Uganda",
        ),
        # A name before a group word is the group's.
        (
            "Remnants of the Velmor Sun guerrilla group killed five soldiers in an ambush in "
            "Peru on Tuesday.",
            "Peru",
        ),
    ],
)
def test_places_that_are_not_where_it_happened(run: Run, text: str, location: str) -> None:
    assert one(run, text).location == location


def test_of_the_front_matters_names_only_a_countrys_is_evidence_of_the_country() -> None:
    from glossator.index.entities import Recogniser
    from glossator.index.incidents import extract_incidents, parse_front_matter

    # "Punch" (a newspaper) is also a town in India's table: read from the
    # front matter, it put an unknown village in India.
    text = (
        "---\ndate: 2024-03-15\nsource: Punch\n---\n"
        "Toll rises to 12\nThe toll from Sunday's attack on Tchakamari has risen to 12, "
        "the police said on Wednesday.\n"
    )
    meta = parse_front_matter(text)
    entities = Recogniser.load().recognise(text)
    assert any(e.text == "Punch" and e.start < meta.body_start for e in entities)
    found = extract_incidents(text, entities, meta.date, meta.body_start)
    assert [(i.location, i.country) for i in found] == [("Tchakamari", None)]
    # A country the source's name names still is.
    named = text.replace("source: Punch", "source: L'Express de Madagascar")
    meta = parse_front_matter(named)
    found = extract_incidents(named, Recogniser.load().recognise(named), meta.date, meta.body_start)
    assert [(i.location, i.country) for i in found] == [("Tchakamari", "Madagascar")]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            "Eight killed in Zorkan village attack\nEight people were killed on Sunday "
            "when armed men stormed a village, the police said.",
            "Zorkan",
        ),
        (
            "Four soldiers killed in Bijapur district IED blast\nFour soldiers were killed "
            "on Monday when an IED exploded under their vehicle, police said.",
            "Bijapur",
        ),
    ],
)
def test_a_name_before_a_place_word_and_the_event_word_is_the_place(
    run: Run, text: str, place: str
) -> None:
    found = run(text, dt.date(2024, 3, 15))
    assert all(i.actor1 != place for i in found)
    assert found[0].location == place


def test_a_city_read_from_the_end_of_a_hyphened_name_is_no_country(run: Run) -> None:
    # "Natal" of "Kovaru-Natal" is not Brazil's Natal.
    found = one(run, "Gunmen shot dead six people in Belvic on Saturday, Kovaru-Natal police said.")
    assert found.country != "Brazil"


def test_a_city_read_from_the_end_of_a_hyphened_name_is_not_the_place(run: Run) -> None:
    found = one(run, "Gunmen shot dead six people on Saturday, Kovaru-Natal police said.")
    assert found.location != "Natal"


@pytest.mark.parametrize(
    "text",
    [
        "Attackers set fire to the Nanyamba police post late on Sunday, wounding an officer, "
        "in a second incident in Mtwara region that night.",
        "Gunmen stormed the Nanyamba gendarmerie post on Sunday, in Mtwara region.",
    ],
)
def test_a_town_naming_a_post_is_where_it_happened_not_the_region(run: Run, text: str) -> None:
    # "the Nanyamba police post ... in Mtwara region": the post (and its
    # town) is the place; the region only contains it.
    found = one(run, text)
    assert found.location is not None and found.location.startswith("Nanyamba")


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Shopkeeper shot dead in Mixco on Saturday", 1),
        ("Man killed in armed attack on Mixco shop on Saturday", 1),
        ("Gendarmerie post at Tougbo attacked on Sunday, two gendarmes killed", 2),
        ("Passenger train attacked near Mindouli on Friday, three dead", 3),
    ],
)
def test_a_headline_passive_names_its_victim_not_its_attacker(
    run: Run, text: str, killed: int
) -> None:
    # Headlines drop the auxiliary: "Shopkeeper shot dead" is "a shopkeeper
    # was shot dead", so the first noun is who was hit.
    found = one(run, text)
    assert found.actor1 is None
    assert found.fatalities == killed


def test_an_active_sentence_keeps_its_attacker(run: Run) -> None:
    found = one(run, "Paramilitary fighters abducted at least 30 women in Sudan on Monday.")
    assert found.actor1 is not None


def test_a_city_read_from_the_start_of_a_hyphened_name_is_not_the_place(run: Run) -> None:
    # "Porto" of "Porto-Vecchio" is Portugal's city; "Sud" of "Corse-du-Sud"
    # is no place of its own.
    found = one(
        run,
        "Three holiday villas were destroyed by explosions overnight on Friday at "
        "Porto-Vecchio, in Corse-du-Sud, the prosecutor said.",
    )
    assert found.location == "Porto-Vecchio"
    assert found.country != "Portugal"


def test_the_ends_of_a_route_are_not_where_it_was_attacked(run: Run) -> None:
    found = one(
        run,
        "Gunmen attacked the Pointe-Noire to Brazzaville train near Mindouli on Friday, "
        "killing three people.",
    )
    assert found.location == "Mindouli"


def test_a_river_crossed_is_not_the_attacker(run: Run) -> None:
    found = one(
        run,
        "Five villagers were killed on Sunday night when armed men crossed the Ruvuma river "
        "and set fire to houses in Kitaya village.",
    )
    assert found.actor1 != "Ruvuma"


def test_a_passive_with_its_auxiliary_is_not_a_headline_passive(run: Run) -> None:
    # "was shot" is read by the passive rules; the record is kept.
    found = one(run, "Van Gogh was shot and stabbed to death in Amsterdam six weeks ago.")
    assert found.location == "Amsterdam"
