"""Cities a report names only by rank: "the capital", "Belgium's second
city" (`cities.ranked_city`, `records.records_of`)."""

from __future__ import annotations

from glossator.index.stories.cities import ranked_city
from glossator.index.stories.grouping import group
from glossator.index.stories.rows import StoredArticle

GRENADE = {"sub_event_type": "Grenade", "country": "Belgium", "event_date": "2026-03-19"}


def _one_event(first: dict[str, object], second: dict[str, object], date: str) -> bool:
    """Do the two articles, one record each, report one event?"""
    articles = [
        StoredArticle(f"{n}.txt", n, 0, b"", date, [r]) for n, r in (("a", first), ("b", second))
    ]
    g = group(articles, [])
    return g.event_of[("a.txt", 0)] == g.event_of[("b.txt", 0)]


def test_a_country_s_second_city_and_its_capital_are_read() -> None:
    found = ranked_city("a home in Belgium's second city, the latest in a string", None)
    assert found is not None and found[0] == "Antwerp"
    found = ranked_city("shops burned in the Solomon Islands capital on Wednesday", None)
    assert found is not None and found[0] == "Honiara"
    found = ranked_city("a street battle in the capital left two dead", "TL")
    assert found is not None and found[0] == "Dili"
    # Beside the capital, a region's capital, a capital named by its name.
    assert ranked_city("a bomb exploded near Nepal's capital on Wednesday", None) is None
    assert ranked_city("in the capital of the Gorno-Badakhshan Autonomous Region", "TJ") is None
    assert ranked_city("in the Ain Zara district of the Libyan capital Tripoli", None) is None


def test_a_report_of_the_second_city_joins_a_report_of_its_neighbourhood() -> None:
    deurne = {
        **GRENADE,
        "location": "Deurne",
        "admin1": "BE.flanders",
        "latitude": 51.2213,
        "longitude": 4.4662,
        "sentence": "A woman was killed when a hand grenade was thrown through the window "
        "of their house in Deurne, Antwerp, early on Thursday, prosecutors said.",
    }
    city = {
        **GRENADE,
        # A gang's name read as the place.
        "location": "Mocro Maffia",
        "sentence": "A woman died on Thursday after an explosive was thrown into a home in "
        "Belgium's second city, the latest in a string of attacks linked to the Mocro Maffia.",
    }
    assert _one_event(deurne, city, "2026-03-19")
    # The capital is another city.
    capital = {**city, "sentence": city["sentence"].replace("Belgium's second city", "the capital")}
    assert not _one_event(deurne, capital, "2026-03-19")


def test_a_country_s_commercial_city_is_its_largest() -> None:
    found = ranked_city("two money changers shot in Tanzania's commercial capital", None)
    assert found is not None and found[0] == "Dar es Salaam"
    found = ranked_city("a bomb in Kenya's main commercial city killed one", None)
    assert found is not None and found[1].code == "KE"
    found = ranked_city("protests in the Ivorian economic capital on Friday", None)
    assert found is not None and found[0] == "Abidjan"


def test_a_dateline_s_country_gives_way_to_the_city_the_sentence_names() -> None:
    robbery = {"sub_event_type": "Attack", "event_date": "2026-05-04", "fatalities": 2}
    local = {
        **robbery,
        "location": "Dar es Salaam",
        "country": "Tanzania",
        "admin1": "TZ.dar es salaam",
        "latitude": -6.8235,
        "longitude": 39.2695,
        "sentence": "Two money changers were shot dead in Dar es Salaam on Monday.",
    }
    wire = {
        **robbery,
        # The country read from the bureau's dateline.
        "country": "Kenya",
        "sentence": "NAIROBI, May 4 (Reuters) - Gunmen shot dead two money changers in "
        "Tanzania's largest city on Monday, police said.",
    }
    assert _one_event(local, wire, "2026-05-04")
    # A country the sentence itself names stands.
    kenyan = {**wire, "sentence": wire["sentence"].replace("police said", "Kenyan police said")}
    assert not _one_event(local, kenyan, "2026-05-04")


def test_a_capital_named_by_the_country_s_demonym_is_the_capital() -> None:
    shop = {"sub_event_type": "Attack", "country": "Belize", "event_date": "2026-04-11"}
    named = {
        **shop,
        "location": "Belmopan",
        "sentence": "A trader was shot dead when two gunmen stormed his shop in Belmopan "
        "on Saturday afternoon, police said.",
    }
    # The demonym read as the place.
    demonym = {
        **shop,
        "location": "Belizean",
        "sentence": "Armed robbers shot dead a trader at his shop in the Belizean capital "
        "on Saturday, police said.",
    }
    assert _one_event(named, demonym, "2026-04-12")
