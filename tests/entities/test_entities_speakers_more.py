"""Rules of the thirteenth round (VERSION 75 on), from the older gold sets'
misses: what each must find and what it must leave alone. Invented names
where no list must know them."""

from __future__ import annotations

from glossator.index.entities import Recogniser


def found(text: str, recogniser: Recogniser, label: str) -> list[str]:
    return [e.text for e in recogniser.recognise(text) if e.label == label]


def test_a_role_of_or_for_a_body_before_a_speaker_set_off_by_commas(
    recogniser: Recogniser,
) -> None:
    text = "The commissioner of Qarsho County, Dakwor Nyal Thiec, told Radio Velmora."
    assert found(text, recogniser, "PERSON") == ["Dakwor Nyal Thiec"]
    text = "Three died, a spokeswoman for the region's health ministry, Zarema Tolgueva, told us."
    assert found(text, recogniser, "PERSON") == ["Zarema Tolgueva"]
    # No role, or no commas round the name: no speaker.
    assert found("The capital of Qarsho County, Dakwor Nyal, said so.", recogniser, "PERSON") == []
    assert found("A spokeswoman for Qarsho Velmora Thiec said so.", recogniser, "PERSON") == []


def test_capitals_joined_by_an_ampersand_are_an_organisation(recogniser: Recogniser) -> None:
    text = "Qorvani bought QX&T, and QX&T's shareholders cheered; ZR&Q rated it."
    assert found(text, recogniser, "ORG") == ["QX&T", "QX&T", "ZR&Q"]
    # Terms, lower case and a headline in capitals are no organisation.
    assert found("Spending on R&D rose; a Q&A and a B&B in A&E.", recogniser, "ORG") == []
    assert found("QX&T SHARES FALL AS QX&T CUTS JOBS\nBody.", recogniser, "ORG") == []
    # Inside a longer name the capitals are no name of their own.
    # (The whole name is one ORG, by its apposition after "The operator,".)
    text = "The operator, Qorvani Eastern QX&T Zeluwa, said so."
    assert "QX&T" not in found(text, recogniser, "ORG")
    assert found("Qorvani Eastern QX&T Zeluwa said so.", recogniser, "ORG") == []


def test_counts_of_border_riot_traffic_and_prison_guards(recogniser: Recogniser) -> None:
    text = "Four Qorvani border guards died. Some 40 riot police and two traffic policemen fell."
    assert found(text, recogniser, "CARDINAL") == ["Four", "Some 40", "two"]
    text = "Three prison guards fled from the Zeluwa prison."
    assert found(text, recogniser, "CARDINAL") == ["Three"]
    assert [e.text for e in recogniser.recognise(text) if e.label == "FAC"] == ["Zeluwa prison"]
    # A border or a prison is no count of people.
    assert (
        found("Two border crossings and three prison blocks were shut.", recogniser, "CARDINAL")
        == []
    )


def test_highways_expressways_and_opera_houses(recogniser: Recogniser) -> None:
    text = "Gunmen closed the Zeluwa highway and the Qorvani federal highway near Velmora."
    assert found(text, recogniser, "FAC") == ["Zeluwa highway", "Qorvani federal highway"]
    text = "Fans left the Qalbeni opera house for the Thiec Expressway."
    assert found(text, recogniser, "FAC") == ["Qalbeni opera house", "Thiec Expressway"]
    # A people's or an organisation's highway is no name.
    assert found("The Iraqi highway and a BBC opera house.", recogniser, "FAC") == []
    # Two known places joined by a hyphen stay two places.
    text = "They shut the Damascus-Baghdad highway."
    assert found(text, recogniser, "FAC") == []
    assert [e.text for e in recogniser.recognise(text)] == ["Damascus", "Baghdad"]


def test_a_spanish_range_by_its_head(recogniser: Recogniser) -> None:
    text = "Poppies grow in the Sierra Zeluwa del Sur and the Cordillera de Qorvani."
    assert found(text, recogniser, "LOC") == ["Sierra Zeluwa del Sur", "Cordillera de Qorvani"]
    # A known country keeps its label.
    assert found("Troops left Sierra Leone.", recogniser, "GPE") == ["Sierra Leone"]


def test_more_kinds_of_organisation_before_a_name(recogniser: Recogniser) -> None:
    text = "Profits rose at carmaker Zeluwa and website Qorvani, said state broadcaster Tele Velm."
    assert found(text, recogniser, "ORG") == ["Zeluwa", "Qorvani", "Tele Velm"]
    assert found("The news site Thiec 24 said so.", recogniser, "ORG") == ["Thiec 24"]
    # A broadcaster alone may be a person.
    assert found("The veteran broadcaster Zindaro Qalbeni retired.", recogniser, "ORG") == []
    assert found("He told the BBC News website Qalbeni was wrong.", recogniser, "ORG") == [
        "BBC News"
    ]


def test_english_names_of_subdivisions_iso_writes_in_the_local_form(
    recogniser: Recogniser,
) -> None:
    from glossator.index.entities.build_gazetteer import subdivision_aliases

    assert list(subdivision_aliases("Dagestan, Respublika", "RU")) == ["Dagestan"]
    assert list(subdivision_aliases("Michoacán de Ocampo", "MX")) == ["Michoacán"]
    assert list(subdivision_aliases("Ciudad de México", "MX")) == []
    assert list(subdivision_aliases("Sulawesi Tengah", "ID")) == ["Central Sulawesi"]
    assert list(subdivision_aliases("Jawa Barat", "ID")) == ["West Java", "West Jawa"]
    assert list(subdivision_aliases("Nusa Tenggara Barat", "ID")) == ["West Nusa Tenggara"]
    assert list(subdivision_aliases("Sīstān va Balūchestān", "IR")) == ["Sīstān and Balūchestān"]
    # The bundled gazetteer holds them.
    text = "Militants in Dagestan, Michoacan and Central Sulawesi; Louis Saha scored."
    assert found(text, recogniser, "GPE") == ["Dagestan", "Michoacan", "Central Sulawesi"]
    text = "A border post in Sistan and Baluchestan province was hit."
    assert found(text, recogniser, "GPE") == ["Sistan and Baluchestan"]


def test_a_county_by_its_capitalised_head(recogniser: Recogniser) -> None:
    text = "Youth raided Jonglei State's Zeluwa County; the commissioner of Zeluwa County spoke."
    assert found(text, recogniser, "GPE") == ["Jonglei State", "Zeluwa County", "Zeluwa County"]
    # A known place keeps its head: "Tambura County", not "Tambura".
    assert found("Fighting in Tambura County.", recogniser, "GPE") == ["Tambura County"]
    # A council, a club: no county of ours.
    assert found("Zeluwa County Council met. Notts County won.", recogniser, "GPE") == []


def test_a_name_described_by_who(recogniser: Recogniser) -> None:
    text = "Roads were shut.\nDakwor Nyal Thiec, who runs a shop in Velmora, said families fled."
    assert found(text, recogniser, "PERSON") == ["Dakwor Nyal Thiec"]
    text = "They met Zarema Tolgueva, whose sons were taken."
    assert found(text, recogniser, "PERSON") == ["Zarema Tolgueva"]
    # One word, a known place or an organisation's shape: no person.
    assert found("They met Qorvani, who ran.", recogniser, "PERSON") == []
    assert found("Residents of South Sudan, who fled, returned.", recogniser, "PERSON") == []
    assert found("The Qorvani Velmora Group, who bought it, said so.", recogniser, "PERSON") == []
    assert found("The band saw the Qorvani Boys, who played.", recogniser, "PERSON") == []
    text = "Novelist Arthur Qorvani, who died at 84, wrote it."
    assert found(text, recogniser, "PERSON") == ["Arthur Qorvani"]
    assert found("He joined Manchester Qorvani, who won.", recogniser, "PERSON") == []


def test_a_bare_count_after_a_casualty_verb_before_since(recogniser: Recogniser) -> None:
    text = "Clashes have killed thousands since 2017, and raids wounded 40 since May."
    assert found(text, recogniser, "CARDINAL") == ["thousands", "40"]
    assert found("Prices have risen 40 since May.", recogniser, "CARDINAL") == []


def test_a_saints_building(recogniser: Recogniser) -> None:
    text = "They sheltered at St Qorvan's Catholic Church, then St Zeluwa' Hospital."
    assert found(text, recogniser, "FAC") == ["St Qorvan's Catholic Church", "St Zeluwa' Hospital"]
    # A school is no facility of ours; "Best" is no saint.
    assert found("St Qorvan's Middle School and Best Qorvan's Church.", recogniser, "FAC") == []


def test_messaging_and_video_networks_by_name(recogniser: Recogniser) -> None:
    text = "Qorvani Front said on Telegram, WhatsApp and YouTube that it left; a telegram came."
    assert [o for o in found(text, recogniser, "ORG") if o != "Qorvani Front"] == [
        "Telegram",
        "WhatsApp",
        "YouTube",
    ]


def test_an_mp_and_a_superintendent_of_police_before_a_name(recogniser: Recogniser) -> None:
    text = "Velmora MP Dakwor Thiec and Superintendent of Police Zarema Tolgueva spoke."
    assert found(text, recogniser, "PERSON") == ["Dakwor Thiec", "Zarema Tolgueva"]
    # The seat after "MP for" is no name.
    assert (
        found(
            "He is MP for Richmond, North Qorvania, and MP for Zeluwa Thiec.", recogniser, "PERSON"
        )
        == []
    )


def test_a_television_or_media_outlet_by_its_kind_after_it(recogniser: Recogniser) -> None:
    text = "No word came from the Qorvanis' Al-Zeluwa television or its Thiec media outlet."
    assert found(text, recogniser, "ORG") == ["Al-Zeluwa", "Thiec"]
    assert found("Chinese television said so.", recogniser, "ORG") == []
    assert (
        found(
            "They bought Qorvan television sets for the Zeluwa television awards.",
            recogniser,
            "ORG",
        )
        == []
    )


def test_an_abbreviated_month_without_a_full_stop_in_a_dateline(recogniser: Recogniser) -> None:
    text = "VELMORA, Oct 14 (Zeluwa News) - Guards died. QORVAN, Nov 22: and Dec. 3 too."
    assert found(text, recogniser, "DATE") == ["Oct 14", "Nov 22", "Dec. 3"]
    # Without a number after it the abbreviation is a word or a name.
    assert found("Jan Qorvanski spoke in Oct and Dec.", recogniser, "DATE") == []


def test_a_people_before_youth(recogniser: Recogniser) -> None:
    text = "Officials denied that Qorvle youth took part; Zeluwi youths fled."
    assert found(text, recogniser, "NORP") == ["Qorvle", "Zeluwi"]
    assert found("Labour youth met. Young youths met.", recogniser, "NORP") == []


def test_downing_street_by_its_other_names(recogniser: Recogniser) -> None:
    text = "Downing St said so; Number 10 and No 10 agreed. He wore the number 10 shirt."
    assert found(text, recogniser, "FAC") == ["Downing St", "Number 10", "No 10"]


def test_a_capitalised_role_that_opens_the_sentence_before_a_speaker(
    recogniser: Recogniser,
) -> None:
    text = "Four died.\nProsecutor Zarema Luz Tolgueva said so. Doctor Dakwor Thiec told us."
    assert found(text, recogniser, "PERSON") == ["Zarema Luz Tolgueva", "Dakwor Thiec"]
    # Inside a sentence a capitalised word is a name's, not a role's.
    assert found("Then Prosecutor Zarema Tolgueva said so.", recogniser, "PERSON") == []


def test_a_name_opening_its_sentence_with_a_role_in_apposition(recogniser: Recogniser) -> None:
    text = "Talks broke down.\nDakwor Nyal Thiec, the chairman of the Velmora council, said so."
    assert found(text, recogniser, "PERSON") == ["Dakwor Nyal Thiec"]
    # A body's kind, or no role: no person.
    assert found("Talks broke down. Qorvan Zeluwa, the bank, said so.", recogniser, "PERSON") == []
    assert found("Talks broke down. Qorvan Zeluwa, the town, fell.", recogniser, "PERSON") == []


def test_los_and_a_name_no_list_knows(recogniser: Recogniser) -> None:
    text = "Los Qorvitos fought Los Zeluwas Viejos near Los Angeles, the Los Angeles Times said."
    assert found(text, recogniser, "ORG") == [
        "Los Qorvitos",
        "Los Zeluwas Viejos",
        "Los Angeles Times",
    ]
    assert found(text, recogniser, "GPE") == ["Los Angeles"]
