"""The words of an incident record's attacker that name a party to the event.

`matching.same_actor` compares attackers by these words: generic ones
("gunmen"), dates ("Monday's"), news agencies and the event's own place,
country and people are left out.
"""

from __future__ import annotations

import re

_NAME = re.compile(r"[A-Za-z0-9]+")
#: Words that describe an attacker without naming one ("gunmen", "armed men").
_GENERIC_ACTORS = {
    "forces",
    "force",
    "military",
    "army",
    "group",
    "groups",
    "militants",
    "fighters",
    "rebels",
    "gunmen",
    "gunman",
    "armed",
    "men",
    "attackers",
    "assailants",
    "bandits",
    "unknown",
    "unidentified",
    "suspected",
    "paramilitary",
    "paramilitaries",
    "jihadist",
    "jihadists",
    "islamist",
    "islamists",
    "anarchist",
    "anarchists",
    "insurgent",
    "insurgents",
    "militia",
    "militias",
    "militiamen",
    "gang",
    "gangs",
    "troops",
    "soldiers",
    "junta",
    "regime",
    "government",
    "security",
    # People who tell of an event, read as its subject ("Relatives of the
    # five officers ...", "Residents said ...").
    "police",
    "officials",
    "authorities",
    "residents",
    "relatives",
    "families",
    "witnesses",
    "survivors",
    "villagers",
    "locals",
    "sources",
}
#: News agencies: "(AP)" and "told Reuters" are read as attackers, but a wire
#: name is never a party to the event.
WIRE_SERVICES = frozenset(
    "ap afp reuters upi dpa efe ansa xinhua tass ria interfax anadolu bernama kyodo"
    " yonhap pti ani irna wafa sana nna lusa apa mena qna spa kuna bna wam"
    " ukrinform unian rfa rfi bbc cnn antara".split()
)
#: Date words the extractor can mistake for an attacker ("Monday's attack").
_NOT_ACTORS = {
    "s",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "last",
    "week",
    "weekend",
    "overnight",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
}


def actor_words(
    actor: object, not_names: frozenset[str], country: frozenset[str] = frozenset()
) -> frozenset[str]:
    """The words that name an attacker: not generic ("gunmen"), not a date
    ("Monday's"), not a news agency ("AP"), not the event's own place or
    country ("Haiti" in Haiti, "Myanmar military" in Myanmar) nor its
    people ("Thai" in Thailand, "Iraqi" in Iraq: more often the victims'
    nationality, "Three Thai rangers died"). Another country ("US",
    "Israel") is an attacker like any. `not_names` holds the event's place
    and country words and the words for kinds of place."""
    if not isinstance(actor, str):
        return frozenset()
    return frozenset(
        w
        for raw in _NAME.findall(actor)
        if (w := raw.lower()) not in _GENERIC_ACTORS
        and w not in _NOT_ACTORS
        and w not in WIRE_SERVICES
        and w not in not_names
        and not any(_demonym_of(w, c) for c in country)
    )


def _demonym_of(word: str, country: str) -> bool:
    """`word` is the people of `country` by spelling: one is the start of
    the other ("thai" / "thailand", "iraq" / "iraqi")."""
    return min(len(word), len(country)) >= 4 and (
        country.startswith(word) or word.startswith(country)
    )
