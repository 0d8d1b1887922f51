"""The extractor's rules, one behaviour per test."""

from __future__ import annotations

import pytest
from incident_steps import DATE, Run, one

from glossator.index.incidents import SUB_EVENT_TYPES, Incident, IncidentExtractor, sentences
from glossator.index.incidents.casualties import count_casualties


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
        # Tolls over years are a campaign's total, not one event's.
        "Thirty more years; over 600 soldiers, more than 3,000 civilians dead, but even IRA"
        " bombs could not force us to become a tyranny.",
        "Over 30 years, IRA bombs killed more than 3,000 civilians.",
        "Bombs killed more than 3,000 civilians during three decades of the conflict.",
        "Car bombs killed over 900 people across the last ten years of the war.",
    ],
)
def test_aggregates_and_threats_are_not_incidents(run: Run, text: str) -> None:
    assert run(text, DATE) == []


def test_the_worst_attack_in_years_is_still_one_event(run: Run) -> None:
    found = one(run, "A car bomb killed 12 people in Mosul, the worst attack in ten years.")
    assert (found.fatalities, found.sub_event_type) == (12, "Remote explosive/landmine/IED")


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


@pytest.mark.parametrize(
    "text",
    [
        "Ireland captain Brian O'Driscoll has been ruled out of Saturday's Six Nations clash"
        " against Scotland.",
        "The EFF has gained some powerful allies in its legal battle with Apple.",
        "Cable firms have launched video-on-demand services as the battle between satellite"
        " and cable TV heats up.",
        "Hewitt fought back from a set down and trailed in both tie-breaks but would not be"
        " denied, thrilling the Melbourne crowd with a typically battling effort.",
    ],
)
def test_a_match_a_lawsuit_or_a_market_is_no_armed_clash(run: Run, text: str) -> None:
    assert run(text, DATE) == []


@pytest.mark.parametrize(
    "text",
    [
        "Heavy fighting broke out in Omdurman on Saturday.",
        "Clansmen clashed with soldiers near Beledweyne, leaving four dead.",
        "Fierce clashes erupted along the front line near Bakhmut on Sunday.",
    ],
)
def test_a_clash_the_sentence_calls_armed_is_one(run: Run, text: str) -> None:
    assert one(run, text).sub_event_type == "Armed clash"
