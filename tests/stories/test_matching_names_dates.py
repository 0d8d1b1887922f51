"""Story matching: attackers under other names and from datelines, peoples'
names, dates of follow-ups and earlier periods, type and accent rules."""

from __future__ import annotations

import datetime as dt

import pytest
from matching_steps import record

from glossator.index.stories.matching import Record, compatible, same_actor, same_place


def test_the_peoples_name_of_the_events_own_country_is_not_an_attacker() -> None:
    # "Three Zelkorian rangers died when insurgents ...": the victims'
    # nationality read as the attacker must not conflict with the group
    # another report names.
    here = {"sub_event_type": "Attack", "country": "Zelkoria", "location": "Rueso"}
    victims = record("2025-05-20", actor1="Zelkorian", **here)
    assert not victims.actor
    named = record("2025-05-20", event_date="2025-05-20", actor1="Varnadu Front", **here)
    assert compatible(victims, named)
    # Another country's people are attackers like any.
    assert record(actor1="Korvanian", **here).actor == {"korvanian"}


def test_an_earlier_month_or_year_is_that_period_not_the_days_before_the_article() -> None:
    def dated(event_date: str) -> Record:
        return record("2023-12-05", location="Kirkuk", country="Iraq", event_date=event_date)

    last_month = dated("2023-11")
    assert (last_month.first, last_month.last) == (dt.date(2023, 11, 1), dt.date(2023, 11, 30))
    assert not compatible(last_month, dated("2023-12-03"))
    assert compatible(last_month, dated("2023-11-20"))
    years_ago = dated("2020")
    assert not compatible(years_ago, dated("2023-12-04"))
    # The article's own month or year says no more than the days before it.
    this_month = dated("2023-12")
    assert (this_month.first, this_month.last) == (dt.date(2023, 12, 2), dt.date(2023, 12, 5))
    assert compatible(this_month, dated("2023-12-04"))


@pytest.mark.parametrize(
    ("first", "second", "agree"),
    [("KKB", "TPNPB", True), ("ADF) rebels", "ISCAP", True), ("KKB", "Wagner", False)],
)
def test_one_armed_group_under_two_names_is_one_attacker(
    first: str, second: str, agree: bool
) -> None:
    # Two days apart, so the attackers are compared.
    a = record("2024-06-12", location="Tarvos", event_date="2024-06-12", actor1=first)
    b = record("2024-06-13", location="Tarvos", event_date="2024-06-13", actor1=second)
    assert compatible(a, b) is agree


def test_a_record_with_a_country_but_no_place_reports_the_whole_country() -> None:
    vague = record(location=None, country="Velmoria", sentence="A bomb killed two soldiers.")
    assert vague.countrywide
    town = record(location="Ostrava Nel", country="Velmoria", sentence="A bomb hit Ostrava Nel.")
    assert compatible(vague, town)
    undated = record(None, location="Ostrava Nel", country="Velmoria")
    assert not compatible(record(None, location=None, country="Velmoria"), undated)
    assert not record(location=None, country=None).countrywide
    # Undated, it would join any report of the country; it stays alone.
    assert not record(None, location=None, country="Velmoria").countrywide


def test_one_name_in_two_countries_matches_when_one_country_is_only_the_names() -> None:
    weak = record(location="Bravel", country="Ostria", country_from_name=True)
    sure = record(location="Bravel", country="Velmoria")
    assert same_place(weak, sure)
    assert not same_place(record(location="Bravel", country="Ostria"), sure)
    assert not same_place(weak, record(location="Karnel", country="Velmoria"))


def test_a_report_whose_sentences_give_another_name_of_the_group_agrees(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from glossator.index.incidents import armed_groups

    table = armed_groups.parse_table("Velmor Front | VLF | Velmorian separatists\n")
    monkeypatch.setattr(armed_groups, "_table", lambda: table)
    # Two days apart, so the attackers are compared.
    police = record("2024-06-12", location="Tarvos", event_date="2024-06-12", actor1="VLF")
    wire = record(
        "2024-06-13",
        location="Tarvos",
        event_date="2024-06-13",
        actor1="Velmorian",
        sentence="Velmorian separatists killed 12 miners in Tarvos, police said.",
    )
    assert compatible(police, wire)
    other = record(
        "2024-06-13",
        location="Tarvos",
        event_date="2024-06-13",
        actor1="Ostrian",
        sentence="Ostrian gunmen killed 12 miners in Tarvos, police said.",
    )
    assert not compatible(police, other)


def test_a_report_of_bodies_found_or_a_toll_risen_may_date_an_earlier_event() -> None:
    attack = record(
        "2024-03-08", location="Zelkor", event_date="2024-03-08", actor1="Velmor rebels"
    )
    found = record(
        "2024-03-11",
        location="Zelkor",
        event_date="2024-03-11",
        sentence="Search teams found four more bodies near Zelkor on Monday, raising to 15 "
        "the number killed by the rebels.",
    )
    assert (found.first, found.last) == (dt.date(2024, 3, 8), dt.date(2024, 3, 11))
    assert compatible(attack, found)
    rose = record(
        "2024-03-11",
        location="Zelkor",
        event_date="2024-03-11",
        sentence="The toll in the Zelkor attack rose to 12 on Monday.",
    )
    assert rose.first == dt.date(2024, 3, 8)
    # A report of its own day's attack is dated to that day only.
    later = record(
        "2024-03-11",
        location="Zelkor",
        event_date="2024-03-11",
        sentence="Rebels killed three people in Zelkor on Monday.",
    )
    assert later.first == later.last == dt.date(2024, 3, 11)
    assert not compatible(attack, later)


def test_a_clash_and_a_strike_of_one_place_are_one_event_only_on_one_day() -> None:
    def rec(kind: str, day: str | None) -> Record:
        return record(
            "2024-03-12",
            sub_event_type=kind,
            location="Kanbalu",
            event_date=day,
            sentence="Kanbalu was hit.",
        )

    clash, strike = rec("Armed clash", "2024-03-11"), rec("Air/drone strike", "2024-03-11")
    assert compatible(clash, strike)
    assert not compatible(clash, rec("Air/drone strike", "2024-03-10"))
    assert not compatible(clash, rec("Air/drone strike", None))
    assert not compatible(rec("Abduction/forced disappearance", "2024-03-11"), strike)


def test_a_place_written_with_and_without_accents_is_one_place() -> None:
    accented = record(
        location="Tibú", sentence="Drones struck the army base in Tibú on Tuesday, killing two."
    )
    plain = record(location="Tibu", sentence="Rebels attacked the base in Tibu on Tuesday.")
    assert same_place(accented, plain)
    suburb = record(
        location="Aguaruto",
        sentence="Gunmen opened fire at a party in the Aguaruto neighbourhood of Culiacán.",
    )
    assert same_place(suburb, record(location="Culiacan", sentence="Gunmen killed nine."))


def test_a_dateline_read_as_attacker_is_no_attacker() -> None:
    def belvic(actor: str, sentence: str) -> Record:
        return record("2024-06-13", location="Belvic", actor1=actor, sentence=sentence)

    # "VARNOSK: A lorry driver was shot ..." read with the attacker "VARNOSK: A".
    filed = belvic("VARNOSK: A", "VARNOSK: A lorry driver was shot dead near Belvic on Tuesday.")
    assert not filed.actor
    assert compatible(filed, record("2024-06-12", location="Belvic", actor1="Kessar Front"))
    # A name after the dateline is still the attacker.
    after = belvic("Kessar Front", "VARNOSK: Kessar Front fighters attacked Belvic on Tuesday.")
    assert after.actor == {"kessar", "front"}


def test_an_acronym_may_leave_the_groups_kind_word_out_of_the_name() -> None:
    # "SLF" is the Sulu Liberation Front, named without "Front" by the other
    # report (a name `armed_groups` does not list); the dates differ, so the
    # attackers are compared.
    named = record("2026-01-24", actor1="Sulu Liberation", event_date="2026-01-24")
    acronym = record("2026-01-25", actor1="SLF", event_date="2026-01-25")
    assert same_actor(named, acronym)
    assert not same_actor(named, record("2026-01-25", actor1="MNLF", event_date="2026-01-25"))
