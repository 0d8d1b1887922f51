"""Demonyms the place table lacks, for countries its build could not match.

`build_places` finds demonyms by a prefix rule over the gazetteer's NORP
names ("Iraqi" -> IQ) and a short hand list, which left most countries
without one: "the Togolese armed forces" or "three Thai rangers" named no
country. These are read with the bundled table (`places.places`) and never
override a demonym the table has. tests/incidents/test_incidents_demonyms.py
lists the countries that still have none, so a gap shows.
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["DEMONYMS", "NO_DEMONYM", "demonym_rows"]

#: Country code -> its demonyms (adjective and noun forms); plurals are
#: added by `demonym_rows`.
DEMONYMS: dict[str, tuple[str, ...]] = {
    "AD": ("Andorran",),
    "AG": ("Antiguan",),
    "AO": ("Angolan",),
    "BA": ("Bosnian",),
    "BB": ("Barbadian",),
    "BI": ("Burundian",),
    "BJ": ("Beninese",),
    "BN": ("Bruneian",),
    "BO": ("Bolivian",),
    "BS": ("Bahamian",),
    "BT": ("Bhutanese",),
    "BW": ("Botswanan", "Motswana", "Batswana"),
    "BZ": ("Belizean",),
    "CF": ("Central African",),
    "CI": ("Ivorian",),
    "CR": ("Costa Rican",),
    "CV": ("Cape Verdean",),
    "DJ": ("Djiboutian",),
    "DK": ("Danish", "Dane"),
    "DO": ("Dominican",),
    "EC": ("Ecuadorian",),
    "EE": ("Estonian",),
    "EH": ("Sahrawi",),
    "ES": ("Spanish", "Spaniard"),
    "FI": ("Finnish", "Finn"),
    "FJ": ("Fijian",),
    "FM": ("Micronesian",),
    "GA": ("Gabonese",),
    "GD": ("Grenadian",),
    "GM": ("Gambian",),
    "GN": ("Guinean",),
    "GQ": ("Equatorial Guinean", "Equatoguinean"),
    "GT": ("Guatemalan",),
    "GW": ("Bissau-Guinean",),
    "GY": ("Guyanese",),
    "HN": ("Honduran",),
    "IE": ("Irish",),
    "IS": ("Icelandic", "Icelander"),
    "JM": ("Jamaican",),
    "KG": ("Kyrgyz", "Kyrgyzstani"),
    "KH": ("Cambodian",),
    "KM": ("Comorian",),
    "KN": ("Kittitian",),
    "KZ": ("Kazakh", "Kazakhstani"),
    "LA": ("Laotian",),
    "LC": ("Saint Lucian",),
    "LI": ("Liechtensteiner",),
    "LS": ("Basotho", "Mosotho"),
    "LT": ("Lithuanian",),
    "LU": ("Luxembourgish", "Luxembourger"),
    "LV": ("Latvian",),
    "MC": ("Monegasque",),
    "MD": ("Moldovan",),
    "ME": ("Montenegrin",),
    "MG": ("Malagasy",),
    "MH": ("Marshallese",),
    "MK": ("Macedonian", "North Macedonian"),
    "MR": ("Mauritanian",),
    "MT": ("Maltese",),
    "MU": ("Mauritian",),
    "MV": ("Maldivian",),
    "MW": ("Malawian",),
    "NA": ("Namibian",),
    "NI": ("Nicaraguan",),
    "NR": ("Nauruan",),
    "PG": ("Papua New Guinean",),
    "PH": ("Filipino", "Philippine"),
    "PL": ("Polish",),
    "PR": ("Puerto Rican",),
    "PW": ("Palauan",),
    "PY": ("Paraguayan",),
    "SB": ("Solomon Islander",),
    "SC": ("Seychellois",),
    "SG": ("Singaporean",),
    "SI": ("Slovenian", "Slovene"),
    "SL": ("Sierra Leonean",),
    "SM": ("Sammarinese",),
    "SR": ("Surinamese",),
    "SS": ("South Sudanese",),
    "ST": ("Sao Tomean",),
    "SV": ("Salvadoran", "Salvadorean"),
    "SZ": ("Swazi",),
    "TG": ("Togolese",),
    "TH": ("Thai",),
    "TJ": ("Tajik", "Tajikistani"),
    "TL": ("Timorese", "East Timorese"),
    "TM": ("Turkmen", "Turkmenistani"),
    "TO": ("Tongan",),
    "TT": ("Trinidadian",),
    "TV": ("Tuvaluan",),
    "TZ": ("Tanzanian",),
    "UY": ("Uruguayan",),
    "UZ": ("Uzbek",),
    "VC": ("Vincentian",),
    "VU": ("Ni-Vanuatu",),
    "WS": ("Samoan",),
    "XK": ("Kosovar", "Kosovan"),
    "ZA": ("South African",),
    "ZM": ("Zambian",),
}

#: Countries and territories left without a demonym of their own: their
#: demonym names another country first ("Congolese" is DR Congo's,
#: "Dominican" the Dominican Republic's, "Kiribati" the country), or they
#: are territories whose people news names by the governing country.
NO_DEMONYM = frozenset(
    "CG DM KI CS AN AI AQ AS AW AX BL BM BQ BV CC CK CW CX FK FO GF GG GI GL GP GS GU HK HM"
    " IM IO JE KY MF MO MP MQ MS NC NF NU PF PM PN RE SH SJ SX TC TF TK UM VA VG VI WF YT".split()
)

_PLURAL_ENDINGS = ("an", "i", "er", "ino", "ik", "ek", "akh", "ar", "ne", "ian", "que", "z")


def demonym_rows() -> Iterator[list[str]]:
    """`demonym` rows in the place table's layout, with plurals ("Thais")."""
    for code, names in DEMONYMS.items():
        for name in names:
            yield ["demonym", name, code, "", "", "0"]
            if name.endswith(_PLURAL_ENDINGS) and not name.endswith(("ese", "Kyrgyz")):
                yield ["demonym", name + "s", code, "", "", "0"]
