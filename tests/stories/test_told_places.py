"""A report that names two places together links the reports of each
(`matching.told_inside`)."""

from __future__ import annotations

from glossator.index.stories.grouping import group
from glossator.index.stories.rows import StoredArticle

SHOOTING = {"sub_event_type": "Attack", "event_date": "2026-09-05"}


def _articles(lead_sentence: str) -> list[StoredArticle]:
    lead = {
        **SHOOTING,
        "country": "Costa Rica",
        "location": "Cieneguita",
        "sentence": lead_sentence,
    }
    city = {
        **SHOOTING,
        "country": "Costa Rica",
        "location": "Limon",
        "admin1": "CR.limon",
        "latitude": 9.9907,
        "longitude": -83.0359,
        "sentence": "Gunmen killed four people in the Caribbean port city of Limon on Saturday.",
    }
    follow = {
        **SHOOTING,
        "location": "Cieneguita",
        "sentence": "A man wounded in Saturday's attack in Cieneguita died on Monday.",
    }
    return [
        StoredArticle(f"{n}.txt", n, 0, b"", "2026-09-06", [r])
        for n, r in (("nacion", lead), ("ticotimes", city), ("crhoy", follow))
    ]


def test_a_neighbourhood_named_with_its_city_links_the_reports_of_each() -> None:
    articles = _articles(
        "Four people were shot dead outside a house in the Cieneguita neighbourhood of "
        "Limon on Saturday."
    )
    g = group(articles, [])
    assert len({g.event_of[(a.id, 0)] for a in articles}) == 1


def test_a_neighbouring_town_named_in_a_report_links_nothing() -> None:
    articles = _articles(
        "Four people were shot dead outside a house in Cieneguita on Saturday, hours after "
        "a shooting in neighbouring Limon."
    )
    g = group(articles, [])
    assert g.event_of[("crhoy.txt", 0)] != g.event_of[("ticotimes.txt", 0)]


def test_a_place_another_report_names_is_in_that_reports_country() -> None:
    # "Lakes" alone is South Sudan's Lakes state to the place table; the
    # other report names the Lakes Pen community of Spanish Town, Jamaica.
    dance = {"sub_event_type": "Attack", "event_date": "2026-01-17"}
    town = {
        **dance,
        "country": "Jamaica",
        "country_from_name": True,
        "location": "Spanish Town",
        "admin1": "JM.saint catherine parish",
        "latitude": 17.9911,
        "longitude": -76.9574,
        "sentence": "Five people were killed when gunmen opened fire on a street dance in "
        "the Lakes Pen community of Spanish Town on Saturday night.",
    }
    lakes = {
        **dance,
        "country": "South Sudan",
        "country_from_name": True,
        "location": "Lakes",
        "admin1": "SS.lakes",
        "sentence": "Police blamed the Clansman gang for Saturday night's attack in Lakes Pen.",
    }
    articles = [
        StoredArticle(f"{n}.txt", n, 0, b"", "2026-01-18", [r])
        for n, r in (("gleaner", town), ("observer", lakes))
    ]
    g = group(articles, [])
    assert g.event_of[("gleaner.txt", 0)] == g.event_of[("observer.txt", 0)]
    other = {**town, "sentence": "Five people were killed at a dance in Spanish Town."}
    articles[0] = StoredArticle("gleaner.txt", "gleaner", 0, b"", "2026-01-18", [other])
    g = group(articles, [])
    assert g.event_of[("gleaner.txt", 0)] != g.event_of[("observer.txt", 0)]
    # Undated, a name in another report is no evidence of one place.
    undated = [
        StoredArticle(f"{n}.txt", n, 0, b"", None, [{**r, "event_date": None}])
        for n, r in (("gleaner", town), ("observer", lakes))
    ]
    g = group(undated, [])
    assert g.event_of[("gleaner.txt", 0)] != g.event_of[("observer.txt", 0)]


def test_a_report_read_before_the_one_that_places_it_still_joins_its_event() -> None:
    # The capital's report is undated (so compared first, from the days
    # before its article's), the follow-up names only the neighbourhood, and
    # only the lead says the neighbourhood is in the capital.
    clash = {"sub_event_type": "Armed clash", "country": "Timor Leste"}
    capital = {
        **clash,
        "location": "Dili",
        "admin1": "TL.dili municipality",
        "latitude": -8.5586,
        "longitude": 125.5736,
        "fatalities": 2,
        "sentence": "Police blamed the PSHT group for a street battle in the capital that "
        "left two dead.",
    }
    follow = {
        **clash,
        "event_date": "2026-06-27",
        "location": "Becora",
        "sentence": "A third young man injured in Saturday's fighting in Becora died on Tuesday.",
    }
    lead = {
        **clash,
        "event_date": "2026-06-27",
        "location": "Becora",
        "within": "Dili",
        "fatalities": 2,
        "sentence": "Two young men were killed when rival groups fought in Becora, Dili, on "
        "Saturday night.",
    }
    articles = [
        StoredArticle("abc.txt", "abc", 0, b"", "2026-06-28", [capital]),
        StoredArticle("lusa.txt", "lusa", 0, b"", "2026-06-30", [follow]),
        StoredArticle("tatoli.txt", "tatoli", 0, b"", "2026-06-27", [lead]),
    ]
    g = group(articles, [])
    assert len({g.event_of[(a.id, 0)] for a in articles}) == 1


def test_a_district_named_with_its_province_is_no_report_of_the_city() -> None:
    # "Imam Sahib, in Kunduz province" says where Imam Sahib is, not that
    # a bombing in the city of Kunduz the same day was there.
    bomb = {
        "sub_event_type": "Remote explosive/landmine/IED",
        "event_date": "2026-03-17",
        "country": "Afghanistan",
    }
    city = {
        **bomb,
        "location": "Kunduz",
        "admin1": "AF.kunduz",
        "latitude": 36.7289,
        "longitude": 68.857,
        "fatalities": 8,
        "sentence": "A bomb killed eight people at a bank in the northern city of Kunduz.",
    }
    district = {
        **bomb,
        "location": "Imam Sahib",
        "within": "Kunduz",
        "within_admin1": "AF.kunduz",
        "fatalities": 2,
        "sentence": "A magnetic bomb killed two men in Imam Sahib district of Kunduz province.",
    }
    articles = [
        StoredArticle("afp.txt", "afp", 0, b"", "2026-03-17", [city]),
        StoredArticle("amu.txt", "amu", 0, b"", "2026-03-17", [district]),
    ]
    g = group(articles, [])
    assert g.event_of[("afp.txt", 0)] != g.event_of[("amu.txt", 0)]


def test_a_report_of_the_place_s_post_joins_through_the_report_that_names_its_province() -> None:
    # The lead names the village inside its province; the wire report,
    # reprinted, names only the province; an undated follow-up names the
    # village's army post ("the Derecik outpost"): one event.
    attack = {"sub_event_type": "Attack", "country": "Turkey"}
    province = {**attack, "location": "Hakkari", "admin1": "TR.hakkari"}
    city = {"latitude": 37.5744, "longitude": 43.7408}
    saturday = {"event_date": "2026-02-07", "event_date_precision": "day"}
    headline = {**province, **city, "headline": True, "sentence": "Two soldiers killed in Hakkari"}
    lead = {
        **attack,
        **saturday,
        "location": "Derecik",
        "within": "Semdinli",
        "within_admin1": "TR.hakkari",
        "sentence": "Two soldiers were killed when militants attacked a military outpost near "
        "the village of Derecik in the Semdinli district of Hakkari province on Saturday.",
    }
    told = "Militants killed two Turkish soldiers in an attack on a border post in the "
    told += "southeastern province of Hakkari on Saturday."
    wire = {
        **province,
        **saturday,
        "headline": True,
        "sentence": "Militants kill two Turkish soldiers near Iraq border",
        "mentioned": told,
    }
    reprint = {**wire, **city, "sentence": "Two Turkish troops killed in Hakkari attack"}
    follow = {
        **attack,
        "location": "Derecik outpost",
        "sentence": "A soldier wounded in the attack on the Derecik outpost has died, bringing "
        "to three the number of troops killed.",
    }
    articles = [
        StoredArticle("aa.txt", "aa", 0, b"", "2026-02-07", [headline, lead]),
        StoredArticle("wire.txt", "wire", 0, b"", "2026-02-07", [wire]),
        StoredArticle("reprint.txt", "reprint", 0, b"", "2026-02-08", [reprint]),
        StoredArticle("follow.txt", "follow", 0, b"", None, [follow]),
    ]
    g = group(articles, [])
    assert len({g.event_of[(a.id, 0)] for a in articles}) == 1


def test_an_undated_report_without_a_country_read_first_still_joins_the_whole_event() -> None:
    # The undated follow-up (no country read) starts the event, the
    # district's report is compared before the lead that puts the village
    # in the district: the clusters are merged once the lead is in.
    grenade = {"sub_event_type": "Grenade", "fatalities": 2}
    saturday = {"country": "India", "event_date": "2026-03-14", "event_date_precision": "day"}
    district = {
        **grenade,
        **saturday,
        "location": "Dibrugarh",
        "admin1": "IN.assam",
        "latitude": 27.4728,
        "longitude": 94.912,
        "headline": True,
        "sentence": "2 killed in grenade attack in Assam's Dibrugarh",
        "mentioned": "Two people were killed in a grenade attack at a market in upper "
        "Assam's Dibrugarh district on Saturday, a police officer said.",
    }
    lead = {
        **grenade,
        **saturday,
        "location": "Naharkatia",
        "within": "Dibrugarh",
        "within_admin1": "IN.assam",
        "sentence": "Two traders were killed when militants hurled a grenade at the weekly "
        "market in Naharkatia, Dibrugarh district, on Saturday evening, police said.",
    }
    follow = {
        "sub_event_type": "Grenade",
        "actor1": "United Liberation Front of Asom",
        "location": "Naharkatia market",
        "sentence": "The United Liberation Front of Asom has claimed the grenade attack on "
        "the Naharkatia market.",
    }
    articles = [
        StoredArticle("a-district.txt", "a", 0, b"", "2026-03-14", [district]),
        StoredArticle("b-lead.txt", "b", 0, b"", "2026-03-14", [lead]),
        StoredArticle("c-follow.txt", "c", 0, b"", None, [follow]),
    ]
    g = group(articles, [])
    assert len({g.event_of[(a.id, 0)] for a in articles}) == 1
