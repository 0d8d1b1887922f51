"""The words of attacks used for something else are no incidents; the same
words in conflict news still are."""

from __future__ import annotations

import pytest
from incident_steps import DATE, Run, one


@pytest.mark.parametrize(
    "text",
    [
        "Peel died after suffering a heart attack in Peru in October.",
        "Unions have earmarked 23 March for a one-day strike which could involve 1.4 million"
        " workers in London.",
        "Next Friday's strike action by the PCS is the biggest in the civil service since 1993.",
        "Thousands of civil servants were on strike across Wales on Friday.",
        "The strike, called by the Public and Commercial Services Union, shut offices in Cardiff.",
        "Risks were small because the networks were smaller than in the US where viruses have"
        " struck.",
        "Last week, it struck a $1bn cost-cutting deal with its pilots in Chicago.",
        "The deal, struck at the European Council last week, was welcomed in Ankara.",
        "Tony Blair has launched an attack on Conservative spending plans in London.",
        "Ex-chatshow host Robert Kilroy-Silk has attacked UK policy on immigration in London.",
        'In early October a so-called "denial of service" attack was mounted on the site.',
        "Other terms were related to natural disasters that have struck the US, such as hurricane.",
        "Seventy search warrants were executed in the US, Britain and Australia.",
        "UK Coal blamed operating flaws at its deep mines in South Yorkshire for its loss.",
        "The gadget explosion signalled the strongest growth yet in the US in 2004.",
        "The explosion in consumer technology is to continue, delegates in Las Vegas heard.",
        "Spectators were evacuated from Real Madrid's Bernabeu stadium on Sunday following a"
        " bomb scare during the game.",
        "He distanced himself from the movie in Los Angeles, and the film bombed.",
        '"Also," he said, "they have to simplify the interface so its not rocket science in'
        ' terms of someone understanding it." Research bears out the suspicion that people in'
        " Britain are not sending multimedia messages.",
        "On the very next point in Seville, Nadal blasts a forehand return past Roddick.",
        "Japan Airlines has made a firm order for 30 of the aircraft, at $120m each.",
        "Lockheed said it had signed an agreement with Hindustan Aeronautics to share information"
        " on the P-3 Orion maritime surveillance aircraft. In fact, the Indian Armed Force is"
        " considering the buying of used P-3 Orion as well as F-16 fighter jets from Lockheed.",
        "Melcher died on Friday night at his home in Beverly Hills, California, after a long"
        " battle with skin cancer.",
        "Output from factories, mines and utilities in the US rose 0.3% in December.",
        "An early own goal followed by an Alan Shearer strike earned them a 2-1 win in Athens.",
        "James McIlroy stormed to his second international victory in Birmingham.",
        "But it was Wales who finished the game on the attack in Cardiff.",
        "In London he warned the BBC that attacking Mr Campbell had brought it trouble before.",
    ],
)
def test_a_heart_attack_a_labour_strike_or_a_deal_struck_is_no_incident(
    run: Run, text: str
) -> None:
    assert run(text, DATE) == [], text


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Gunmen attacked a police station in Kano, killing four officers.", "Attack"),
        ("A late Sunday attack on a village near Beni killed 12 civilians.", "Attack"),
        ("An early morning strike on the hospital in Khan Younis killed nine.", "Attack"),
        (
            "A deal struck in Doha did not stop an air strike on Rafah that killed eight.",
            "Air/drone strike",
        ),
        ("Militants stormed a hotel in Mogadishu, killing 15 people.", "Attack"),
        ("The attack cost the lives of 12 soldiers near Maiduguri.", "Attack"),
        (
            "Russian missiles attacked Ukraine's energy system overnight, killing two in Lviv.",
            "Shelling/artillery/missile attack",
        ),
        ("An attack on a media office in Gaza City killed three journalists.", "Attack"),
        ("After the floods, a strike on a school in Sirte killed six children.", "Attack"),
        (
            "Jets struck the town of Maaret al-Numan on the orders of the president, killing 9.",
            "Air/drone strike",
        ),
        ("Russian forces joined the strike on Kharkiv that killed four.", "Air/drone strike"),
        ("Rebels executed six villagers near Kiwanja on Tuesday.", "Attack"),
        (
            "A car bomb exploded in a street outside the stadium in Madrid and 17 people were"
            " injured.",
            "Remote explosive/landmine/IED",
        ),
        ("Russian jets bombed a market in Idlib, killing 11 people.", "Air/drone strike"),
        ("Gunmen attacking Mr Khan's convoy near Quetta killed two guards.", "Attack"),
        ("Militants attacking Mr Ahmed opened fire near Peshawar, killing him.", "Attack"),
        (
            "Two children were killed when their cart hit a mine near Kandahar.",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_the_same_words_in_conflict_news_are_incidents(run: Run, text: str, kind: str) -> None:
    assert one(run, text).sub_event_type == kind
