"""A region under another name, and the city a local paper files from as
the container of a place the table does not know (`matching`, `broad`)."""

from __future__ import annotations

from matching_steps import record

from glossator.index.stories.grouping import group
from glossator.index.stories.matching import compatible
from glossator.index.stories.rows import StoredArticle

ATTACK = {"sub_event_type": "Attack", "country": "Cameroon", "event_date": "2026-08-09"}


def test_a_region_under_another_name_contains_a_village_said_to_be_in_it() -> None:
    # Reuters names Cameroon's Far North "Extreme North"; the local report
    # names the region by the table's name with its kind word.
    village = {
        **ATTACK,
        "location": "Sagme",
        "sentence": "MAROUA: Seven soldiers were killed when terrorists attacked a post at "
        "Sagme, near Mora in the Mayo-Sava division of the Far North region.",
    }
    region = {
        **ATTACK,
        "location": "Extreme North",
        "admin1": "CM.far north",
        "sentence": "Boko Haram militants killed 10 soldiers in Cameroon's Extreme North.",
    }
    articles = [
        StoredArticle(f"{n}.txt", n, 0, b"", "2026-08-10", [r])
        for n, r in (("crtv", village), ("reuters", region))
    ]
    g = group(articles, [])
    assert g.event_of[("crtv.txt", 0)] == g.event_of[("reuters.txt", 0)]
    # "north" alone, without the kind word, is no name of the region.
    vague = {**village, "sentence": "Soldiers were killed at Sagme in the north on Sunday."}
    articles[0] = StoredArticle("crtv.txt", "crtv", 0, b"", "2026-08-10", [vague])
    g = group(articles, [])
    assert g.event_of[("crtv.txt", 0)] != g.event_of[("reuters.txt", 0)]


SHOOTING = {"sub_event_type": "Attack", "country": "South Africa"}
TOWNSHIP = {
    **SHOOTING,
    "location": "Umlazi",
    "event_date": "2026-08-15",
    "sentence": "DURBAN: Six people were shot dead when gunmen opened fire at a tavern in "
    "Umlazi late on Saturday.",
}
CITY = {
    **SHOOTING,
    "location": "Durban",
    "admin1": "ZA.kwazulu natal",
    "latitude": -29.8579,
    "longitude": 31.0292,
    "sentence": "Gunmen killed seven people at a bar in a township near the port city of Durban.",
}


def test_a_place_the_table_lacks_lies_in_the_city_its_local_paper_files_from() -> None:
    township = record("2026-08-16", **TOWNSHIP)
    assert compatible(township, record("2026-08-16", **CITY))
    # An agency's dateline is its bureau, not the nearest city.
    wire = {**TOWNSHIP, "sentence": "DURBAN (Reuters) - " + TOWNSHIP["sentence"][8:]}
    assert not compatible(record("2026-08-16", **wire), record("2026-08-16", **CITY))
    # A dateline city of another country is no container.
    abroad = {**TOWNSHIP, "sentence": "MAPUTO: " + TOWNSHIP["sentence"][8:]}
    assert not compatible(record("2026-08-16", **abroad), record("2026-08-16", **CITY))


def test_two_unknown_villages_filed_from_one_city_stay_two_places() -> None:
    other = {
        **TOWNSHIP,
        "location": "KwaMashu",
        "sentence": "DURBAN: Two men were shot dead in KwaMashu on Saturday.",
    }
    assert not compatible(record("2026-08-16", **TOWNSHIP), record("2026-08-16", **other))


def test_a_barangay_s_city_is_the_city_a_report_names_not_a_province() -> None:
    ambush = {"sub_event_type": "Attack", "country": "Philippines", "event_date": "2026-10-08"}
    barangay = {
        **ambush,
        "location": "Carabalan",
        "within": "Himamaylan",
        "sentence": "Rebels ambushed a patrol in Barangay Carabalan, Himamaylan City, Negros "
        "Occidental, on Thursday.",
    }
    city = {
        **ambush,
        "location": "Himamaylan",
        "admin1": "PH.western visayas",
        "latitude": 10.0989,
        "longitude": 122.8706,
        "sentence": "Rebels ambushed troops in Himamaylan City on Thursday.",
    }
    assert compatible(record("2026-10-09", **barangay), record("2026-10-09", **city))


def test_a_neighbour_named_in_a_report_is_another_place() -> None:
    # "hours after the blasts in neighbouring Porto-Vecchio": the agency
    # blast in Bonifacio is not the Porto-Vecchio bombing, though its
    # sentence names that town.
    blast = {"sub_event_type": "Remote explosive/landmine/IED", "country": "France"}
    porto = {
        **blast,
        "location": "Porto-Vecchio",
        "event_date": "2026-04-03",
        "sentence": "Three villas were destroyed by explosions at Porto-Vecchio.",
    }
    bonifacio = {
        **blast,
        "location": "Bonifacio",
        "event_date": "2026-04-03",
        "sentence": "An explosive device damaged an estate agency in Bonifacio, hours after "
        "the blasts in neighbouring Porto-Vecchio, police said.",
    }
    a, b = (record(None, **r) for r in (porto, bonifacio))
    assert not compatible(a, b)
    # Named as the place it lies in, the town still contains the report.
    inside = {**bonifacio, "sentence": "A bomb damaged a villa at Bonifacio near Porto-Vecchio."}
    assert compatible(a, record(None, **inside))


def test_a_guessed_country_does_not_keep_a_report_from_the_countrys_events() -> None:
    # The follow-up's Chile is the table's first country of "Concepcion"
    # (`country_from_name`); the ranch attack near Horqueta is Paraguay's.
    attack = {"sub_event_type": "Attack", "event_date": "2026-07-04"}
    local = {
        **attack,
        "location": "Horqueta",
        "within": "Concepción",
        "country": "Paraguay",
        "actor1": "EPP",
        "sentence": "EPP guerrillas killed two ranch workers near Horqueta, Concepción.",
    }
    agency = {
        **attack,
        "event_date": "2026-07-05",
        "location": "Paraguay",
        "country": "Paraguay",
        "sentence": "Suspected guerrillas killed two ranch workers in northern Paraguay.",
    }
    followup = {
        **attack,
        "location": "Horqueta",
        "country": "Chile",
        "country_from_name": True,
        "sentence": "A ranch worker wounded in Saturday's attack near Horqueta died, the "
        "Concepcion health department said.",
    }
    articles = [
        StoredArticle(f"{n}.txt", n, 0, b"", d, [r])
        for n, d, r in (
            ("abc", "2026-07-05", local),
            ("afp", "2026-07-05", agency),
            ("uh", "2026-07-07", followup),
        )
    ]
    g = group(articles, [])
    assert len({g.event_of[(f"{n}.txt", 0)] for n in ("abc", "afp", "uh")}) == 1
    # Known for certain, Chile's Horqueta is another place.
    sure = {**followup, "country_from_name": False}
    articles[2] = StoredArticle("uh.txt", "uh", 0, b"", "2026-07-07", [sure])
    g = group(articles, [])
    assert g.event_of[("uh.txt", 0)] != g.event_of[("abc.txt", 0)]


def test_jebel_and_mount_are_one_word_of_a_place_name() -> None:
    ambush = {"sub_event_type": "Attack", "country": "Tunisia", "event_date": "2026-07-14"}
    mount = record(None, **ambush, location="Mount Chaambi", within="Kasserine")
    jebel = record(None, **ambush, location="Jebel Chaambi", actor1="Okba Ibn Nafaa Brigade")
    assert compatible(mount, jebel)
    # Another mountain is another place.
    assert not compatible(mount, record(None, **ambush, location="Jebel Semmama"))


def test_a_place_filed_from_a_city_lies_in_that_citys_region() -> None:
    # The table has no Porto-Vecchio; the local paper files from Ajaccio,
    # so the bombing lies in Corsica, the region AFP's report names.
    blast = {
        "sub_event_type": "Remote explosive/landmine/IED",
        "country": "France",
        "event_date": "2026-04-04",
    }
    local = {
        **blast,
        "location": "Porto-Vecchio",
        "sentence": "AJACCIO: Three holiday villas were destroyed by explosions overnight at "
        "Porto-Vecchio, the prosecutor said.",
    }
    region = {
        **blast,
        "location": "Corsica",
        "admin1": "FR.corsica",
        "sentence": "A series of bomb blasts overnight destroyed three holiday homes in southern "
        "Corsica, prosecutors said.",
    }
    articles = [
        StoredArticle(f"{n}.txt", n, 0, b"", "2026-04-04", [r])
        for n, r in (("corsematin", local), ("afp", region))
    ]
    g = group(articles, [])
    assert g.event_of[("corsematin.txt", 0)] == g.event_of[("afp.txt", 0)]
    # Filed from a city of another region, it is not shown to lie in Corsica.
    elsewhere = {**local, "sentence": local["sentence"].replace("AJACCIO", "MARSEILLE")}
    articles[0] = StoredArticle("corsematin.txt", "corsematin", 0, b"", "2026-04-04", [elsewhere])
    g = group(articles, [])
    assert g.event_of[("corsematin.txt", 0)] != g.event_of[("afp.txt", 0)]


def test_a_report_that_puts_one_place_in_another_links_their_reports() -> None:
    # AIP says Tougbo is in the Bounkani region; RFI names only Tougbo and
    # Fraternite Matin only Bounkani; the table knows neither.
    attack = {"sub_event_type": "Attack", "event_date": "2026-09-13"}
    aip = {
        **attack,
        "location": "Tougbo",
        "within": "Bounkani",
        "sentence": "Two gendarmes were killed when armed men attacked the post at Tougbo, "
        "in the Bounkani region, on Sunday.",
    }
    rfi = {**attack, "location": "Tougbo", "actor1": "JNIM", "sentence": "JNIM claimed it."}
    fratmat = {**attack, "location": "Bounkani", "sentence": "An attack in Bounkani region."}
    named = [("aip", aip), ("rfi", rfi), ("fratmat", fratmat)]
    articles = [StoredArticle(f"{n}.txt", n, 0, b"", "2026-09-14", [r]) for n, r in named]
    g = group(articles, [])
    assert len({g.event_of[(f"{n}.txt", 0)] for n, _ in named}) == 1
    # Without the report that places Tougbo in Bounkani, nothing links them.
    g = group(articles[1:], [])
    assert g.event_of[("rfi.txt", 0)] != g.event_of[("fratmat.txt", 0)]
