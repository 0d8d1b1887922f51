"""Country- and region-only reports, reports without a country, and
attackers named in the other report's sentences (`grouping`, `broad`)."""

from __future__ import annotations

from typing import Any

from glossator.index.stories.grouping import Grouping, group
from glossator.index.stories.matching import compatible, records_of
from glossator.index.stories.rows import StoredArticle

DAY = {"sub_event_type": "Air/drone strike", "country": "Ethiopia", "event_date": "2025-08-03"}
FINOTE = {
    **DAY,
    "location": "Finote Selam",
    "admin1": "ET.amhara",
    "latitude": 10.7,
    "longitude": 37.2667,
    "sentence": "A drone struck the market in Finote Selam, killing 26.",
}
BURE = {
    **DAY,
    "location": "Bure",
    "admin1": "ET.amhara",
    "latitude": 10.7,
    "longitude": 37.0667,
    "sentence": "A drone struck a minibus outside Bure, killing four.",
}
AMHARA = {
    **DAY,
    "location": "Amhara",
    "admin1": "ET.amhara",
    "sentence": "A drone strike hit a crowded market in Amhara, killing 30.",
}


def grouped(**articles: list[dict[str, Any]]) -> Grouping:
    return group(
        [StoredArticle(f"{n}.txt", n, 0, b"", "2025-08-04", recs) for n, recs in articles.items()],
        [],
    )


def same_event(g: Grouping, a: str, b: str) -> bool:
    return g.event_of[(f"{a}.txt", 0)] == g.event_of[(f"{b}.txt", 0)]


def test_a_region_only_report_joins_one_event_of_its_region_and_never_bridges_two() -> None:
    g = grouped(finote=[FINOTE], bure=[BURE], ap=[AMHARA])
    assert not same_event(g, "finote", "bure")
    # Both lie in Amhara; the report's words are the market strike's.
    assert same_event(g, "ap", "finote") and not same_event(g, "ap", "bure")
    assert g.story_of["bure.txt"] is not g.story_of["finote.txt"]
    # Told apart by nothing, it joins neither.
    plain = {**AMHARA, "sentence": "A drone strike in Amhara."}
    g = grouped(finote=[{**FINOTE, "sentence": "A strike."}], bure=[BURE], ap=[plain])
    assert not same_event(g, "ap", "finote") and not same_event(g, "ap", "bure")
    assert len({g.story_of[f"{n}.txt"].id for n in ("finote", "bure", "ap")}) == 3


def test_a_region_only_report_joins_an_event_whose_sentence_names_the_region() -> None:
    manipur = {**DAY, "country": "India", "location": "Manipur", "admin1": "IN.manipur"}
    pti = {
        **manipur,
        "location": "Sejam Chirang",
        "admin1": None,
        "sentence": "Drones dropped bombs on Sejam Chirang in Manipur's Imphal West district.",
    }
    hindu = {**pti, "sentence": "Bombs fell on homes in Sejam Chirang in Imphal West."}
    g = grouped(pti=[pti], hindu=[hindu], reuters=[{**manipur, "sentence": "A drone attack."}])
    assert same_event(g, "reuters", "pti") and same_event(g, "reuters", "hindu")
    # Another day is another event.
    later = {**manipur, "event_date": "2025-08-20", "sentence": "A drone attack."}
    g = grouped(pti=[pti], hindu=[hindu], reuters=[later])
    assert not same_event(g, "reuters", "pti")


def test_a_record_without_a_country_is_compared_with_every_event() -> None:
    # Sorted first by date, the dated report with a country starts the
    # event; the follow-up names no country.
    corbeau = {"sub_event_type": "Attack", "country": "Central African Republic"}
    corbeau |= {"location": "Koundjili", "event_date": "2025-11-15", "actor1": "3R"}
    ndeke = {"sub_event_type": "Attack", "location": "Koundjili", "sentence": "Toll rises."}
    g = group(
        [
            StoredArticle("corbeau.txt", "a", 0, b"", "2025-11-16", [corbeau]),
            StoredArticle("ndeke.txt", "b", 0, b"", "2025-11-18", [ndeke]),
        ],
        [],
    )
    assert g.event_of[("corbeau.txt", 0)] == g.event_of[("ndeke.txt", 0)]


def test_an_attacker_named_in_the_other_report_or_a_witness_does_not_conflict() -> None:
    def rec(date: str | None, **fields: Any) -> Any:
        base = {"sub_event_type": "Attack", "country": "Chad", "location": "Barkaram"}
        (r,) = records_of(StoredArticle("a.txt", "h", 0, b"", date, [{**base, **fields}]))
        return r

    reuters = rec("2025-07-19", event_date="2025-07-19", actor1="Boko Haram")
    un = rec(None, actor1="Guterres", sentence="Guterres condemned the attack by Boko Haram.")
    assert compatible(reuters, un)
    assert not compatible(reuters, rec(None, actor1="Guterres", sentence="An attack."))
    assert compatible(reuters, rec(None, actor1="Relatives", sentence="Relatives asked why."))


def test_a_region_report_ruled_out_of_its_likeliest_event_by_attacker_joins_no_other() -> None:
    # Not dated to the market strike's day, so attackers are compared: the
    # report names another group than the market strike's, and the only
    # other event in the region must not take it for that reason.
    market = {**FINOTE, "actor1": "Fano militia"}
    report = {
        **AMHARA,
        "event_date": None,
        "actor1": "Tigray Defence Forces",
        "sentence": "A drone struck the market in Amhara, killing 30.",
    }
    g = grouped(finote=[market], bure=[BURE], ap=[report])
    assert not same_event(g, "ap", "finote") and not same_event(g, "ap", "bure")


def test_an_event_told_by_many_reports_does_not_win_a_region_report_on_their_words() -> None:
    # Three reports of the Bure minibus share more words with the region
    # report between them than the one market report does, each fewer.
    bure = [
        {**BURE, "sentence": s}
        for s in (
            "Traders fled when a drone struck a minibus outside Bure.",
            "The market emptied after a strike outside Bure killing four.",
            "Some 30 people were at the scene in Amhara outside Bure.",
        )
    ]
    report = {**AMHARA, "sentence": "A drone struck the market in Amhara, killing 30 traders."}
    market = {
        **FINOTE,
        "sentence": "A drone struck the market in Finote Selam, killing 26 traders.",
    }
    g = grouped(finote=[market], b1=[bure[0]], b2=[bure[1]], b3=[bure[2]], ap=[report])
    assert same_event(g, "ap", "finote") and not same_event(g, "ap", "b1")


WIDE = {
    "sub_event_type": "Air/drone strike",
    "country": "Iraq",
    "event_date": "2025-08-03",
    "location": "Iraqi Kurdistan",
    "subdivisions": ["IQ.erbil", "IQ.duhok", "IQ.sulaymaniyah"],
    "sentence": "A drone strike on a car killed four people in Iraqi Kurdistan.",
}


def test_a_wide_region_report_joins_an_event_in_one_of_its_subdivisions() -> None:
    in_erbil = {
        **WIDE,
        "location": "Zervan",
        "subdivisions": [],
        "sentence": "A drone struck a car outside Zervan in Erbil province, killing three.",
    }
    placed = {**in_erbil, "sentence": "A drone struck a car outside Zervan.", "admin1": "IQ.erbil"}
    unplaced = {**in_erbil, "sentence": "A drone struck a car outside Zervan, killing three."}
    for one in (in_erbil, placed, unplaced):
        assert same_event(grouped(town=[one], afp=[WIDE]), "town", "afp")
    # A place the table puts in another subdivision is outside it.
    basra = {**placed, "admin1": "IQ.basra", "latitude": 30.5, "longitude": 47.8}
    assert not same_event(grouped(town=[basra], afp=[WIDE]), "town", "afp")


def test_a_region_report_joins_a_place_whose_district_lies_in_the_region() -> None:
    region = {**WIDE, "location": "Erbil", "admin1": "IQ.erbil", "subdivisions": []}
    village = {
        **WIDE,
        "location": "Sarvakan",
        "within": "Soran",
        "subdivisions": [],
        "within_admin1": "IQ.erbil",
        "sentence": "A drone struck a car near Sarvakan village in Soran district.",
    }
    assert same_event(grouped(village=[village], region=[region]), "village", "region")
    elsewhere = {**village, "within_admin1": "IQ.duhok"}
    assert not same_event(grouped(village=[elsewhere], region=[region]), "village", "region")


def test_a_one_subdivision_region_does_not_contain_a_place_the_table_cannot_put() -> None:
    day = {"sub_event_type": "Armed clash", "country": "Velmoria", "event_date": "2025-08-03"}
    stadium = {**day, "location": "Karsk Road", "sentence": "They clashed at Karsk Road."}
    north = {**day, "location": "North", "admin1": "VV.north", "sentence": "A clash in North."}
    south = {**day, "location": "South", "admin1": "VV.south", "sentence": "A clash in South."}
    g = grouped(stadium=[stadium], north=[north], south=[south])
    assert not same_event(g, "stadium", "north")
    assert not same_event(g, "stadium", "south")


def test_a_region_only_report_joins_the_event_of_its_own_type_family_over_a_generic_attack() -> (
    None
):
    bomb = {**DAY, "sub_event_type": "Remote explosive/landmine/IED"}
    road = {**bomb, **{k: FINOTE[k] for k in ("location", "admin1", "latitude", "longitude")}}
    road["sentence"] = "Rebels killed nine people with a landmine near Finote Selam."
    shooting = {**BURE, "sub_event_type": "Attack"}
    shooting["sentence"] = "Rebels killed two people near Bure."
    region = {**AMHARA, **{k: bomb[k] for k in ("sub_event_type",)}}
    region["sentence"] = "Rebels killed people in Amhara."
    g = grouped(road=[road], shot=[shooting], wire=[region])
    assert same_event(g, "wire", "road") and not same_event(g, "wire", "shot")


def test_a_region_only_report_joins_the_event_its_death_toll_fits_over_its_words() -> None:
    finote = {**FINOTE, "fatalities": 26, "sentence": "Drones struck Finote Selam, killing 26."}
    bure = {**BURE, "fatalities": 4}
    # Its words are the minibus strike's, its toll the market's.
    report = {
        **AMHARA,
        "fatalities": 30,
        "sentence": "A drone strike hit a minibus outside a town in Amhara, killing 30.",
    }
    g = grouped(finote=[finote], bure=[bure], ap=[report])
    assert same_event(g, "ap", "finote") and not same_event(g, "ap", "bure")


def test_a_country_report_joins_the_one_event_of_a_place_with_no_country() -> None:
    # Neither the village nor its region is in the place table, so the
    # local report has no country; the wire's names only the country.
    attack = {"sub_event_type": "Attack", "event_date": "2026-09-13"}
    village = {
        **attack,
        "location": "Tougbo",
        "within": "Bounkani",
        "fatalities": 2,
        "sentence": "Two gendarmes were killed when armed men attacked the post at Tougbo.",
    }
    country = {
        **attack,
        "location": "Ivory Coast",
        "country": "Ivory Coast",
        "fatalities": 3,
        "sentence": "Jihadists killed three members of the security forces in an attack on a"
        " post in northern Ivory Coast.",
    }
    g = grouped(aip=[village], afp=[country])
    assert same_event(g, "aip", "afp")


def test_an_undated_country_only_report_joins_the_one_event_of_its_country_its_toll_fits() -> None:
    ambush = {"sub_event_type": "Attack", "country": "Malawi", "event_date": "2026-10-10"}
    mangochi = {
        **ambush,
        "location": "Mangochi",
        "latitude": -14.4782,
        "longitude": 35.2645,
        "fatalities": 5,
        "sentence": "Gunmen killed five people in an ambush on a minibus near Mangochi.",
    }
    wire = {
        "sub_event_type": "Attack",
        "country": "Malawi",
        "location": "Malawi",
        "fatalities": 6,
        "sentence": "Gunmen killed six people in an attack on a minibus in southern Malawi.",
    }

    def events(*dated: dict[str, Any]) -> set[str]:
        articles = [
            StoredArticle(f"d{i}.txt", f"d{i}", 0, b"", "2026-10-11", [r])
            for i, r in enumerate(dated)
        ]
        articles.append(StoredArticle("wire.txt", "wire", 0, b"", None, [wire]))
        g = group(articles, [])
        return {g.event_of[("wire.txt", 0)], g.event_of[("d0.txt", 0)]}

    # Neither it nor its article is dated: its toll places it.
    assert len(events(mangochi, {**mangochi, "fatalities": 6})) == 1
    # A place of no country (the table knows nothing of it) is no event of
    # the country to tie with.
    road = {
        "sub_event_type": "Attack",
        "event_date": "2026-10-09",
        "location": "Picton Road",
        "fatalities": 5,
        "sentence": "Gunmen shot five men dead on Picton Road on Friday.",
    }
    assert len(events(mangochi, road)) == 1
    # Another event of the country it could report: it joins neither.
    zomba = {
        **mangochi,
        "location": "Zomba",
        "latitude": -15.386,
        "longitude": 35.3188,
        "sentence": "Gunmen killed five people in an ambush on a bus near Zomba.",
    }
    assert len(events(mangochi, zomba)) == 2
    # A toll far from the event's: another event.
    assert len(events({**mangochi, "fatalities": 40})) == 2
