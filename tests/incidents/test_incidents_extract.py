"""The extractor's rules, one behaviour per test."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from glossator.index.incidents import SUB_EVENT_TYPES, Incident, IncidentExtractor, sentences
from glossator.index.incidents.casualties import count_casualties

Run = Callable[..., list[Incident]]
DATE = dt.date(2024, 3, 15)  # a Friday


def one(run: Run, text: str, date: dt.date | None = DATE) -> Incident:
    found = run(text, date)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "An Israeli air strike on a house in Rafah killed six people on Thursday.",
            "Air/drone strike",
        ),
        (
            "Russian shelling killed two civilians in Kherson on Thursday.",
            "Shelling/artillery/missile attack",
        ),
        (
            "A roadside bomb killed four soldiers near Baidoa on Thursday.",
            "Remote explosive/landmine/IED",
        ),
        (
            "A suicide bomber blew himself up at a market in Kabul on Thursday, killing nine.",
            "Suicide bomb",
        ),
        (
            "Militants threw a grenade into a bar in Beledweyne on Thursday, wounding five.",
            "Grenade",
        ),
        ("Troops clashed with rebels near Goma on Thursday, leaving 12 dead.", "Armed clash"),
        ("Gunmen stormed a hotel in Mogadishu on Thursday, killing eight people.", "Attack"),
        ("Gunmen kidnapped 20 students in Kaduna on Thursday.", "Abduction/forced disappearance"),
        ("Air defences shot down 11 drones over Kyiv on Thursday.", "Disrupted weapons use"),
        ("Fighting in Tripoli killed nine people on Thursday.", "Armed clash"),
        (
            "Two were killed when a suicide car bomber hit a convoy in Mogadishu on Thursday.",
            "Suicide bomb",
        ),
    ],
)
def test_each_sub_event_type(run: Run, text: str, sub_event_type: str) -> None:
    assert sub_event_type in SUB_EVENT_TYPES
    assert one(run, text).sub_event_type == sub_event_type


@pytest.fixture
def run(incidents: Run) -> Run:
    return incidents


def test_at_least_five_is_five(run: Run) -> None:
    found = one(
        run,
        "Al-Shabaab attacked an army base in Bulo Burte on Tuesday, "
        "killing at least five soldiers.",
    )
    assert found.fatalities == 5 and found.injured is None


def test_no_casualties_is_zero_and_unstated_is_none(run: Run) -> None:
    found = one(
        run, "Two drones targeted the Ain al-Asad air base on Tuesday; there were no casualties."
    )
    assert (found.fatalities, found.injured) == (0, 0)
    found = one(
        run,
        "A US-owned bulk carrier was hit by a missile in the Gulf of Aden on Monday "
        "but reported no injuries.",
    )
    assert (found.fatalities, found.injured) == (None, 0)
    found = one(run, "Russian shelling hit a school in Kherson on Monday.")
    assert (found.fatalities, found.injured) == (None, None)


@pytest.mark.parametrize(
    ("sentence", "counts"),
    [
        ("killing at least 12 people and injuring 43", (12, 43)),
        ("Twenty-three soldiers were killed and 17 wounded", (23, 17)),
        ("leaving at least 11 militants and two soldiers dead", (13, None)),
        ("that left one U.S. serviceman critically injured and two others wounded", (None, 3)),
        ("killed a senior commander, Abu Baqir al-Saadi, and two of his guards", (3, None)),
        ("killed dozens of fighters", (None, None)),
        ("days after four fighters were killed in a US strike", (None, None)),
        ("debris from one of the drones damaged a house but no one was hurt", (0, 0)),
    ],
)
def test_casualty_phrases(sentence: str, counts: tuple[int | None, int | None]) -> None:
    found = count_casualties(sentence)
    assert (found.fatalities, found.injured) == counts


@pytest.mark.parametrize(
    "text",
    [
        "The Houthis have launched more than 30 attacks on shipping since November.",
        "US forces have been attacked at least 100 times in Iraq and Syria since October.",
        "There have been dozens of strikes on bases in Iraq since the war began.",
        "Militias threatened to target US bases with missiles and drones if Washington intervened.",
        "Such attacks were common in the early months of the war.",
    ],
)
def test_aggregates_and_threats_are_not_incidents(run: Run, text: str) -> None:
    assert run(text, DATE) == []


def test_a_past_incident_told_with_specifics_is_one(run: Run) -> None:
    found = one(run, "In January, a drone strike killed three American soldiers in Jordan.")
    assert found.sub_event_type == "Air/drone strike"
    assert (found.fatalities, found.country, str(found.event_date)) == (3, "Jordan", "2024-01")


def test_a_follow_up_sentence_is_merged(run: Run) -> None:
    text = (
        "Three crew members were killed on Wednesday when a Houthi missile hit "
        "a bulk carrier off Aden. "
        "Four others were injured, US Central Command said. "
        "The Houthis claimed responsibility for the attack."
    )
    found = one(run, text)
    assert (found.fatalities, found.injured) == (3, 4)
    assert found.actor1 == "Houthis"
    assert len(found.mentions) == 2
    assert all(text[s:e] for s, e in found.mentions)


def test_two_events_in_one_article_stay_apart(run: Run) -> None:
    text = (
        "A Russian missile hit Kharkiv on Thursday, killing four people. "
        "Separately, a drone attack on the village of Velykyi Burluk wounded a woman."
    )
    found = run(text, DATE)
    assert [i.location for i in found] == ["Kharkiv", "Velykyi Burluk"]
    assert [i.injured for i in found] == [None, 1]


def test_actor_place_country_and_coordinates(run: Run) -> None:
    found = one(
        run,
        "Houthi rebels fired an anti-ship missile at a tanker off the Yemeni port "
        "of Hodeidah on Monday.",
    )
    assert found.actor1 == "Houthi rebels"
    assert found.location == "Hodeidah" and found.country == "Yemen"
    assert found.latitude is not None and found.longitude is not None
    assert str(found.event_date) == "2024-03-11"


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        # What was fired is not the target; where it landed is.
        (
            "A drone fired at least two missiles into an al-Nujaba militia base in eastern "
            "Baghdad on Thursday.",
            "al-Nujaba militia base",
        ),
        # A count after the verb belongs to its object, "at" here is no place cue.
        (
            "Paramilitary fighters abducted at least 30 women in a raid on a village in "
            "Darfur on Monday.",
            "women",
        ),
    ],
)
def test_the_target_after_a_count_or_a_firing(run: Run, text: str, actor2: str) -> None:
    assert one(run, text).actor2 == actor2


def test_blame_names_the_attacker(run: Run) -> None:
    found = one(
        run,
        "A rocket struck a football pitch in Majdal Shams on Saturday, killing 12 children. "
        "Israel blamed Hezbollah.",
    )
    assert found.actor1 == "Hezbollah"


def test_offsets_index_the_text_and_records_round_trip(run: Run) -> None:
    text = "Title line\nA roadside bomb killed four soldiers near Baidoa on Thursday. More text."
    found = one(run, text)
    assert text[found.start : found.end] == found.sentence
    assert Incident.from_dict(found.to_dict()) == found


def test_no_trigger_no_work(extractor: IncidentExtractor) -> None:
    assert extractor.extract("The markets rose on Tuesday.", []) == []
    assert extractor.extract("", []) == []


def test_sentences_keep_abbreviations_whole() -> None:
    text = "The U.S. military said Gen. Smith left.\nNext line. Another one."
    spans = [text[s:e] for s, e in sentences(text)]
    assert spans == ["The U.S. military said Gen. Smith left.", "Next line.", "Another one."]


def test_front_matter_is_skipped_but_offsets_index_the_whole_text(run: Run) -> None:
    from glossator.index.entities import Recogniser
    from glossator.index.incidents import extract_incidents, parse_front_matter

    text = (
        "---\ndate: 2024-03-15\ntitle: A roadside bomb killed four soldiers near Baidoa\n---\n"
        "Somalia\nA roadside bomb killed four soldiers near Baidoa on Thursday.\n"
    )
    meta = parse_front_matter(text)
    found = extract_incidents(text, Recogniser.load().recognise(text), meta.date, meta.body_start)
    assert len(found) == 1
    assert found[0].start > meta.body_start
    assert text[found[0].start : found[0].end] == found[0].sentence
    assert str(found[0].event_date) == "2024-03-14"


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


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Gunmen kill 7 bus passengers in southern Varnadu on Thursday", 7),
        (
            "Gunmen stopped a bus near Varnadu on Thursday, checked the passengers' identity "
            "cards and killed seven of them, officials said.",
            7,
        ),
        (
            "Armed men stopped a bus near Varnadu on Thursday, offloaded six passengers and "
            "shot them dead, officials said.",
            6,
        ),
        ("The rebel army said its fighters killed 13 people at a mining site in Varnadu.", 13),
        ("In Varnadu, 15 miners were killed by suspected rebels on Thursday, police said.", 15),
        (
            "Fighters of the Zelkor Liberation Front (ZLF) overran the army post at Varnadu at "
            "dawn, killing 12 soldiers, local sources said.",
            12,
        ),
    ],
)
def test_a_killing_by_an_armed_actor_is_an_attack(run: Run, text: str, killed: int) -> None:
    found = one(run, text)
    assert (found.sub_event_type, found.fatalities) == ("Attack", killed)
    assert found.location in ("Varnadu", None)


def test_the_killing_of_victims_by_an_armed_actor_is_an_attack(run: Run) -> None:
    found = one(
        run,
        "The mission condemned the killing of at least 15 civilians by rebel fighters in "
        "Varnadu village, Zelkor prefecture.",
    )
    assert (found.sub_event_type, found.location) == ("Attack", "Varnadu")
    assert run("The mission condemned the killing of civilians in Varnadu.", DATE) == []


@pytest.mark.parametrize(
    "text",
    [
        "The crash killed two people on Thursday.",
        "Hurricane Zelda killed about 10,000 people and caused damage of about $10bn.",
        "Two climbers were killed by an avalanche near Varnadu on Thursday.",
        "A prolonged drought has killed crops and drained wells in Varnadu.",
        "The new tax could kill the business model of radio.",
        "The project overran its budget by 12 million on Thursday.",
    ],
)
def test_a_killing_without_an_armed_actor_is_not_an_incident(run: Run, text: str) -> None:
    assert run(text, DATE) == []


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("A police raid on a favela in Varnadu left nine people dead on Wednesday.", 9),
        (
            "Nine people were killed on Wednesday during a Military Police operation against "
            "drug traffickers in Varnadu, the police said.",
            9,
        ),
    ],
)
def test_a_security_operation_that_kills_is_an_armed_clash(
    run: Run, text: str, killed: int
) -> None:
    found = one(run, text)
    assert (found.sub_event_type, found.fatalities, found.location) == (
        "Armed clash",
        killed,
        "Varnadu",
    )


@pytest.mark.parametrize(
    "text",
    [
        "A huge police operation was mounted for the match in Varnadu on Saturday.",
        "Police said the operation in Varnadu on Thursday had been planned for months.",
        "The army operation to rescue the miners in Varnadu ended on Thursday.",
    ],
)
def test_a_security_operation_without_dead_is_not_an_incident(run: Run, text: str) -> None:
    assert run(text, DATE) == []


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
