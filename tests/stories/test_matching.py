"""The pair rules of `matching`: places inside places, wire names, undated reports."""

from __future__ import annotations

from typing import Any

from matching_steps import article, record

from glossator.index.stories.grouping import group
from glossator.index.stories.matching import compatible, same_place
from glossator.index.stories.rows import StoredArticle

VILLAGE = {
    "location": "Let Yet Kone",
    "sentence": "Aircraft bombed Let Yet Kone village in Kanbalu township on Saturday.",
}


def test_a_village_matches_the_district_its_sentence_puts_it_in() -> None:
    assert same_place(record(**VILLAGE), record(location="Kanbalu", sentence="A strike."))


def test_two_villages_of_one_district_do_not_match() -> None:
    other = {
        "location": "Nyaung Pin",
        "sentence": "Aircraft bombed Nyaung Pin village in Kanbalu township on Saturday.",
    }
    assert not same_place(record(**VILLAGE), record(**other))


def test_the_whole_country_contains_a_village_when_both_are_dated() -> None:
    country = {"location": "Myanmar", "sentence": "An air strike in Myanmar killed 35."}
    assert record(**country).countrywide
    assert compatible(record(**VILLAGE), record(**country))
    assert not compatible(record(None, **VILLAGE), record(None, **country))
    assert not same_place(record(**VILLAGE), record(**{**country, "country": "Thailand"}))


def test_wire_names_places_and_countries_are_never_attackers() -> None:
    assert not record(actor1="AP").actor
    assert not record(actor1="Reuters").actor
    assert not record(actor1="ANTARA").actor
    assert not record(actor1="Myanmar military").actor
    assert not record(location="Pont-Sonde", actor1="Pont-Sonde").actor
    # "Manyu: gunmen kill eight in Egbekaw": the container of the place.
    assert not record(location="Egbekaw", within="Manyu", actor1="Manyu").actor
    assert record(actor1="Gran Grif gang").actor == {"gran", "grif"}


def test_an_ideology_read_as_attacker_names_no_group() -> None:
    # "Anarchist groups have claimed similar attacks in the past", read as
    # the attacker, against the group that claimed this one, a day later.
    bomb = {"sub_event_type": "Remote explosive/landmine/IED", "location": "Patras"}
    told = record("2026-05-05", event_date="2026-05-05", actor1="Anarchist", **bomb)
    claimed = record("2026-05-06", event_date="2026-05-06", actor1="Popular Fighters", **bomb)
    assert not told.actor
    assert compatible(told, claimed)


def test_a_wire_name_read_as_attacker_does_not_split_an_event() -> None:
    # Not the same day, so the attackers are compared.
    afp = record("2024-06-12", location="Djibo", event_date="2024-06-12", actor1="Al-Qaeda")
    reuters = record("2024-06-13", location="Djibo", event_date="2024-06-13", actor1="Reuters")
    assert compatible(afp, reuters)
    other = record("2024-06-13", location="Djibo", event_date="2024-06-13", actor1="Wagner")
    assert not compatible(afp, other)


def test_an_undated_record_lies_in_the_days_before_its_article() -> None:
    undated = record("2024-10-04", location="Pont-Sonde", actor1="Haiti", country="Haiti")
    haiti = {"location": "Pont-Sonde", "country": "Haiti"}
    dated = record("2024-10-05", event_date="2024-10-03", actor1="Gran Grif", **haiti)
    assert compatible(undated, dated)
    week_later = record("2024-10-12", event_date="2024-10-11", **haiti)
    assert not compatible(undated, week_later)


def test_the_same_place_on_another_day_is_another_event_and_story() -> None:
    def article(name: str, date: str, day: str) -> StoredArticle:
        rec = {
            "sub_event_type": "Air/drone strike",
            "country": "Myanmar",
            "location": "Kanbalu",
            "event_date": day,
            "sentence": "A jet bombed Kanbalu.",
        }
        return StoredArticle(name, name, 0, b"", date, [rec])

    grouping = group(
        [
            article("a.txt", "2024-03-10", "2024-03-09"),
            article("b.txt", "2024-03-17", "2024-03-16"),
        ],
        [],
    )
    assert len(grouping.events) == 2
    assert grouping.story_of["a.txt"] is not grouping.story_of["b.txt"]


def test_a_reprint_without_incident_records_reports_its_originals_events() -> None:
    rec = {"sub_event_type": "Attack", "country": "Haiti", "location": "Pont-Sonde"}
    original = StoredArticle("ap.txt", "h1", 0, b"", "2024-10-04", [rec])
    reprint = StoredArticle("herald.txt", "h2", 0, b"", "2024-10-05", [])
    unrelated = StoredArticle("other.txt", "h3", 0, b"", "2024-10-05", [])
    grouping = group([original, reprint, unrelated], [("herald.txt", "ap.txt", 0.7)])
    (event,) = grouping.events
    assert event.articles == ["ap.txt", "herald.txt"] and event.reprints == ["herald.txt"]
    assert event.to_dict()["reports"] == 2
    assert grouping.story_of["herald.txt"] is grouping.story_of["ap.txt"]
    assert grouping.story_of["other.txt"] is not grouping.story_of["ap.txt"]


def test_a_sentence_naming_the_country_is_not_the_whole_country_rule() -> None:
    # Undated: "Iraq" in a Baghdad record's sentence must not join a country-wide record.
    baghdad = record(None, location="Baghdad", country="Iraq", sentence="A strike on Iraq.")
    iraq = record(None, location="Iraq", country="Iraq", sentence="Strikes in Iraq.")
    assert not same_place(baghdad, iraq)


ZURMI = {"sub_event_type": "Attack", "country": "Nigeria", "event_date": "2025-05-17"}


def test_two_villages_of_one_district_never_match_even_when_close() -> None:
    kadawa = record(location="Kadawa", within="Zurmi", latitude=12.77, longitude=6.78, **ZURMI)
    dauran = record(location="Dauran", within="Zurmi", latitude=12.80, longitude=6.80, **ZURMI)
    assert not same_place(kadawa, dauran)
    assert not compatible(kadawa, dauran)
    again = record(location="Kadawa", within="Zurmi LGA", sentence="Kadawa again.", **ZURMI)
    assert compatible(kadawa, again)


def test_a_district_contains_the_village_named_inside_it() -> None:
    kadawa = record(location="Kadawa", within="Zurmi", sentence="Bandits hit Kadawa.", **ZURMI)
    district = record(location="Zurmi Local Government Area", sentence="A raid.", **ZURMI)
    assert same_place(kadawa, district) and same_place(district, kadawa)
    assert same_place(record(location="Zurmi LGA", **ZURMI), district)


def test_a_headline_record_follows_its_bodys_lead_and_is_not_matched_alone() -> None:
    def art(name: str, *records: dict[str, Any]) -> StoredArticle:
        return StoredArticle(name, name, 0, b"", "2025-01-14", list(records))

    strike = {"sub_event_type": "Air/drone strike", "country": "Syria", "event_date": "2025-01-14"}
    headline = {**strike, "location": "Ariha", "headline": True, "sentence": "Strike kills 16"}
    lead = {**strike, "location": "Jisr al-Shughur", "sentence": "A strike hit Jisr al-Shughur."}
    ariha = {**strike, "location": "Ariha", "sentence": "A strike hit Ariha."}
    grouping = group([art("a.txt", headline, lead), art("b.txt", ariha)], [])
    assert grouping.event_of[("a.txt", 0)] == grouping.event_of[("a.txt", 1)]
    assert grouping.story_of["a.txt"] is not grouping.story_of["b.txt"]
    # A headline with the body merged into it (its mentions) is the lead itself.
    merged = {**headline, "mentioned": "A strike hit Ariha on Tuesday."}
    grouping = group([art("a.txt", merged), art("b.txt", ariha)], [])
    assert grouping.story_of["a.txt"] is grouping.story_of["b.txt"]


def test_a_neighbouring_town_the_same_day_is_another_place() -> None:
    # Bure is 22 km from Finote Selam: a drone strike on each the same day
    # is two events, not one seen from two towns.
    day = {"country": "Ethiopia", "event_date": "2025-08-03", "admin1": "ET.amhara"}
    finote = record(location="Finote Selam", latitude=10.7, longitude=37.2667, **day)
    bure = record(location="Bure", latitude=10.7, longitude=37.0667, **day)
    assert not same_place(finote, bure)
    spelled = record(location="Finote Salam", latitude=10.71, longitude=37.27, **day)
    assert same_place(finote, spelled)


def test_a_village_named_near_a_town_of_its_district_matches_the_village() -> None:
    cameroon = {"sub_event_type": "Attack", "country": "Cameroon", "event_date": "2025-10-19"}
    near = record(
        location="Mamfe",
        within="Manyu",
        sentence="Gunmen stormed Egbekaw village near Mamfe in Manyu division on Sunday.",
        **cameroon,
    )
    village = {"location": "Egbekaw", "within": "Manyu", "sentence": "Egbekaw buried eight."}
    assert same_place(near, record(**village, **cameroon))
    other = {"location": "Besongabang", "within": "Manyu", "sentence": "Besongabang burned."}
    assert not same_place(near, record(**other, **cameroon))


def test_a_dateline_is_not_a_place_the_report_names() -> None:
    filed = record(
        None,
        country="Iraq",
        location="Ain al-Asad",
        sentence="(Baghdad) Rockets hit the Ain al-Asad air base.",
    )
    assert not same_place(filed, record(None, country="Iraq", location="Baghdad"))
    wire = record(None, country="Iraq", location="Ain al-Asad", sentence="BAGHDAD (Reuters) - x.")
    assert not same_place(wire, record(None, country="Iraq", location="Baghdad"))
    # Named in the sentence itself, the other place still counts.
    near = record(None, country="Iraq", location="Abu Ghraib", sentence="Abu Ghraib, near Baghdad.")
    assert same_place(near, record(None, country="Iraq", location="Baghdad"))


def test_a_record_joins_the_event_of_its_own_place_before_one_it_mentions() -> None:
    # a.txt is about a base and mentions a truck leaving Baghdad; b.txt and
    # c.txt are about Baghdad, and b.txt's attacker is not a.txt's. Undated,
    # c.txt could join either, but its Baghdad strike is b.txt's.
    a = article(
        "a.txt",
        {
            "location": "Ain al-Asad base",
            "sentence": "A truck left Baghdad; the base was hit.",
            "actor1": "Islamic Resistance in Iraq",
        },
    )
    b = article(
        "b.txt", {"location": "Baghdad", "sentence": "A drone hit a car.", "actor1": "U.S."}
    )
    c = article("c.txt", {"location": "Baghdad", "sentence": "A strike in eastern Baghdad."})
    grouping = group([a, b, c], [])
    assert grouping.event_of[("c.txt", 0)] == grouping.event_of[("b.txt", 0)]
    assert grouping.event_of[("a.txt", 0)] != grouping.event_of[("b.txt", 0)]


def test_a_district_of_a_province_is_not_the_city_the_province_is_named_after() -> None:
    # "Zandara" is a city and the province around it; a district of the
    # province hit the same day is another place than the city itself.
    day = {"sub_event_type": "Remote explosive/landmine/IED", "country": "Afghanistan"}
    city = {"location": "Zandara", "admin1": "AF.zandara", "latitude": 36.7, "longitude": 68.9}
    district = record(
        location="Imam Gulzar",
        within="Zandara",
        sentence="A bomb killed two in Imam Gulzar district of Zandara province on Tuesday.",
        event_date="2026-03-17",
        **day,
    )
    in_the_city = record(
        sentence="A suicide bomber killed eight outside a bank in the city of Zandara.",
        event_date="2026-03-17",
        **city,
        **day,
    )
    assert in_the_city.city and not district.city
    assert not same_place(district, in_the_city) and not same_place(in_the_city, district)
    # Named without saying which, "Zandara" may be the province: it still
    # contains the district.
    in_zandara = record(sentence="An explosion in Zandara killed five.", **city, **day)
    assert same_place(district, in_zandara)


def test_a_dateline_in_capitals_without_an_agency_is_not_a_place_the_report_names() -> None:
    filed = record(location="Zelkor", sentence="KORVANI: Two rangers died in Zelkor district.")
    assert not same_place(filed, record(location="Korvani", sentence="A bomb in Korvani."))
    dashed = record(location="Zelkor", sentence="KORVANI CITY - A bomb went off in Zelkor.")
    assert not same_place(dashed, record(location="Korvani", sentence="A bomb in Korvani."))
    # A capitalised word that opens an ordinary sentence is no dateline.
    named = record(location="Zelkor", sentence="Zelkor, near Korvani: a bomb went off.")
    assert same_place(named, record(location="Korvani", sentence="A bomb in Korvani."))


def test_an_earlier_event_named_to_date_a_report_is_not_its_place() -> None:
    # "hours after the Tivat bombing": the shooting was in Herceg Novi; a
    # same-day bombing in Tivat is another event, not this one's place.
    day = {"country": "Montenegro", "event_date": "2026-05-16"}
    bombing = record(location="Tivat", sub_event_type="Remote explosive/landmine/IED", **day)
    shooting = record(
        location="Herceg Novi",
        sub_event_type="Attack",
        sentence="A gunman shot a man dead in Herceg Novi, hours after the Tivat bombing.",
        **day,
    )
    assert not compatible(bombing, shooting)
