"""The shapes and words of names shared by the entity rules: what a
capitalised name token looks like, the words that never start a name, the
head words that make a name an organisation or a facility, and how a found
span is trimmed to its name (a leading description, stop words, a possessive)."""

from __future__ import annotations

import re

_UPPER = r"[A-ZÀ-ÖØ-Þ]"
_LETTERS = r"[^\W\d_]"
#: One capitalised word, possibly hyphenated or with an inner apostrophe
#: ("Al-Sudani", "O'Brien", "Nujaba’a"), but never swallowing a possessive; a
#: full stop only after an initial ("George W. Bush"), never after a word.
_CAP = rf"(?:{_UPPER}{_LETTERS}*(?:[-’'](?![sS]\b){_LETTERS}+)*(?<=[^\W\d_]{{2}})|{_UPPER}\.)"
_ATTACHED = rf"(?:al|el|ad|as|ash|az|ar|ud|ul|bin|ibn|wal|lil)-{_UPPER}{_LETTERS}+"
_FREE = r"(?:bin|ibn|bint|abu|al|el|de|da|di|du|van|von|der|del|la|le|dos|das)"
_TOKEN = rf"(?:{_CAP}|{_ATTACHED})"
#: A name: tokens joined by single spaces, with free-standing particles only
#: between two tokens. "Shia’ al-Sudani" keeps its stray apostrophe.
#: A bare initial ("George W Bush") too, only between two tokens.
_BETWEEN = rf"(?:{_FREE}\ |{_UPPER}\ (?={_CAP}))"
_NAME = rf"{_TOKEN}(?:(?:[’'](?=\ (?:al|Al|el|El)-))?\ {_BETWEEN}?{_TOKEN})*"

_STOP_TOKENS = frozenset(
    """The A An This That These Those It Its He She They We I You In On At By For From With
    And But Or As If When While After Before Since According There Here His Her Their Our
    My Your Last Earlier Later Meanwhile However Also ALSO Some Many Most All Both Each Such
    No Not Yes Now Then Today Yesterday Tomorrow Mr Mrs Ms Dr Sir What Who Why How Where
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December READ Latest Comment Leave""".split()
)
_ORG_HEADS = frozenset(
    """Ministry Forces Force Brigades Brigade Battalion Battalions Command Council Organization
    Organisation Army Party Movement Front Corps Guard Guards Agency Department Committee
    Commission University College Company Corporation Bank Group Authority Office Institute
    Association Union Federation League Network Service Services Police Parliament Assembly
    Court Tribunal Foundation Trust Unit Units Regiment Division Fleet Navy Airways Airlines
    Club Society Board Bureau Administration Alliance Coalition Mobilization Mobilisation
    Resistance Agency News Times Post Channel Television Radio Energy Oil Petroleum Holdings
    Industries Lab Laboratory Laboratories Cartel Cooperative Co-operative Observatory
    Forum Records Watch""".split()
)
#: A company's last word ("SBC Communications", "Bougainville Copper Ltd"):
#: it ends the name, so what follows "of" is where the company is ("SK
#: Telecom of South Korea"), and "and" before it joins two companies.
_COMPANY_HEADS = frozenset(
    """Ltd Inc plc PLC Corp Motors Engineering Communications Telecom Pharmaceuticals
    Securities Partners""".split()
)
_ORG_HEADS = _ORG_HEADS | _COMPANY_HEADS
#: Heads that make a name only with a non-national modifier ("Popular
#: Mobilization Forces" yes, "US Forces" no).
_GENERIC_HEADS = frozenset(
    (
        "Forces Force Group Groups Coalition Alliance Resistance Police Unit Units Service Services"
    ).split()
)
_FAC_HEADS = (
    "air base|airbase|Air Base|Airbase|Air Force Base|base|Base|military base|International "
    "Airport|airport|Airport|garrison|Garrison|Landing Zone|prison|Prison|hospital|Hospital|"
    "refinery|Refinery|dam|Dam|border crossing|crossing|Crossing|bridge|Bridge|mosque|Mosque|"
    "oil field|gas field|oilfield|gasfield|power plant|power station|nuclear power plant|"
    "Stadium|stadium|airfield|Airfield|displacement camp|refugee camp|camp|children's hospital|"
    "children’s hospital|field hospital|metro station|railway station|police station|checkpoint|"
    "naval base|Naval Base|market|outpost|Monastery|monastery|Penitentiary|penitentiary|"
    "Highway|smelter|Smelter|police post|gendarmerie post|army post|military post|"
    "federal highway|highway|expressway|Expressway|opera house|Opera House|post"
)
#: Facility heads that say which only after a name no list holds: "the London
#: market", "the Japanese market" are a trade's, "the Hajar al-Mak market" a place.
_UNLISTED_ONLY = frozenset(("camp", "market", "post"))
#: Words before "market" that name a season or a trade, not a place.
_MARKET_KINDS = frozenset("Christmas Stock World Single Common Black".split())
#: A capitalised last word that makes the whole sequence a facility ("Nasser
#: Hospital", "Al Anad Air Base") when a name comes before it.
_FAC_LAST_WORDS = frozenset(
    "Hospital Airport Base Airbase Airfield Prison Stadium Dam Bridge Mosque Refinery Crossing "
    "Barracks Checkpoint Monastery Penitentiary Highway Expressway Cafe Café Academy Palace "
    "Pipeline".split()
)
#: Two last words that make the sequence a facility ("Nembe Creek Trunk Line");
#: "Line" alone is a film company's or a song's ("New Line", "The Line").
_FAC_LAST_PAIRS = frozenset((("Trunk", "Line"),))
#: Facility last words that also name a body after a people ("the British
#: Academy" gives awards; "the Islington Academy" is a hall).
_BODY_OR_FAC_WORDS = frozenset(("Academy",))
#: Sentence-initial descriptions swallowed into an organisation's name
#: ("Paramilitary Rapid Support Forces").
_DESCRIPTORS = frozenset(
    "Paramilitary Militant Militants Rebel Rebels Jihadist Jihadists Islamist Armed Rival Allied "
    "Separatist Insurgent Veteran Former Ousted Exiled Embattled Government Opposition".split()
)

#: Number words that open a count ("Four Philippine Army soldiers"): outside
#: an organisation's name when a counted noun follows it, as a description is;
#: "the Three Brotherhood Alliance" and "Three Gorges Corporation" keep theirs.
_COUNT_OPENERS = frozenset(
    "Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty Dozens Hundreds".split()
)

#: A hyphenated description in front of a name ("Kurdish-led", "Iran-backed",
#: "al-Qaeda-linked", "Indian-administered"): hyphens separate words, so it is
#: no part of the name after it. Participles only: "Blu-ray Disc Association"
#: and "Dai-ichi Life" are names.
_LEAD_DESCRIPTION = re.compile(
    r"(?:(?:al|el|Al|El)\ )?[A-Za-z][\w’'-]*-(?:[a-z]+ed|run|held|born|made) (?=[A-ZÀ-ÖØ-Þ])"
)


def unit_of_body(start: int, words: list[str], head: int) -> list[tuple[int, int]]:
    """The spans of a named unit and the named body it belongs to ("the Tulkarm
    Brigade of the Al-Quds Brigades", "the National Violence Observatory of the
    National Autonomous University of Honduras"), given a name's words from
    `start` and the index of its first head: a name and an ORG head on each
    side of "of the". None when either side is a bare head ("Armed Forces of
    the Philippines", "Bank of the Philippine Islands")."""
    if head < 1 or words[head] not in _ORG_HEADS or words[head + 1 : head + 3] != ["of", "the"]:
        return []
    rest = words[head + 3 :]
    connector = next((i for i, w in enumerate(rest) if w in ("of", "for", "in")), len(rest))
    if connector < 2 or rest[connector - 1] not in _ORG_HEADS:
        return []
    first_end = start + len(" ".join(words[: head + 1]))
    second_start = first_end + len(" of the ")
    return [(start, first_end), (second_start, second_start + len(" ".join(rest)))]


def past_description(text: str, start: int, end: int) -> int:
    """`start` moved past a leading hyphenated description ("Turkish-backed
    Syrian National Army" -> "Syrian National Army"), when a name follows it."""
    match = _LEAD_DESCRIPTION.match(text, start, end)
    return match.end() if match is not None else start


_POSSESSIVE = re.compile(r"[’']s?$")


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading stop words and a trailing possessive from a span."""
    while True:
        head, _, rest = text[start:end].partition(" ")
        if rest and head in _STOP_TOKENS:
            start += len(head) + 1
        else:
            break
    start = past_description(text, start, end)
    possessive = _POSSESSIVE.search(text, start, end)
    if possessive and possessive.start() > start:
        end = possessive.start()
    return start, end


def _tokens(span: str) -> list[str]:
    return span.replace("’ ", " ").split()
