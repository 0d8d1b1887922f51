"""Where an incident happened: the most specific place, its country and coordinates."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from glossator.index.entities.model import Entity
from glossator.index.incidents import roles
from glossator.index.incidents.armed_groups import group_name_at
from glossator.index.incidents.containers import inner_place
from glossator.index.incidents.countries import CountryEvidence
from glossator.index.incidents.drafts import Draft
from glossator.index.incidents.place_words import place_candidates, place_kind_after
from glossator.index.incidents.places import Place

__all__ = ["Locator"]

#: A town's name after a comma: "Spanish Town", "Honiara".
_TOWN = r"[A-Z][\w'’-]*(?:\ [A-Z][\w'’-]*){0,2}"
_SPECIFICITY = {"FAC": 5, "CUE": 4, "city": 4, "region": 2, "LOC": 1, "country": 1}
_LOCATIVE_BEFORE = re.compile(
    r"\b(?i:in|near|at|of|on|outside|off|across|into|around)\ (?:the\ )?(?:[a-z][\w-]*\ ){0,3}$"
)
_BACKGROUND = re.compile(r"\b(?:said|says|reported|added),?\ (?:as|while|amid)\b")
_ORIGIN = re.compile(r"\b(?:from|by|for)\ (?:the\ )?$")
_ACTS = re.compile(
    r"\ (?:has|have|had|says|said|accuses|accused|blames|blamed|denies|denied|vowed|vows"
    r"|warned|warns|insists|insisted|claims)\b"
)
_WHOSE_REBELS = re.compile(
    r"['’]s\ (?:[\w-]+\ ){0,3}?(?:guerrillas?|rebels?|militants?|insurgents?|militias?)\b"
)
_WHOSE_ACTOR = re.compile(
    r"['’]s\ (?:[\w-]+\ ){0,3}?(?:guerrillas?|rebels?|militants?|insurgents?|militias?|army"
    r"|military|forces|troops|government|president|minister|ministry|police|navy|officials?"
    r"|spokes(?:man|woman|person)|ambassador|leaders?)\b"
)
_ACRONYM_AFTER = re.compile(r"(?:\ [a-z][\w'’-]*)*\ \([A-Z][A-Z0-9-]{1,11}\)")
#: Words that name a first-level subdivision: "Kunduz province" is the
#: province, not the city it is named after.
_AREA_KINDS = frozenset(("region", "state", "province", "governorate", "oblast"))
_AREA_BEFORE = re.compile(r"\b(?:region|state|province|governorate|oblast)\ of\ (?:the\ )?$")
#: "near the border with Burkina Faso", "across the border into Congo":
#: the neighbour is not where the event was.
_BORDER_BEFORE = re.compile(r"\bborders?\ (?:with|into)\ (?:the\ )?$", re.IGNORECASE)
#: "died in a Raipur hospital", "taken to Bwera hospital": where the
#: wounded were treated, not where they were hurt.
_TREATED_BEFORE = re.compile(
    r"\b(?:died|dies|succumbed|taken|rushed|admitted|treated|evacuated|transferred"
    r"|airlifted|brought|hospitali[sz]ed)\b[^.;]{0,40}$"
)
#: "the Shining Path guerrilla group", "the Velmor rebels": a name
#: before a group word is the group's.
_GROUP_AFTER = re.compile(
    r"\ (?:[a-z]+\ )?(?:group|groups|movement|guerrillas?|rebels|militants|insurgents"
    r"|separatists|militia|militiamen|fighters|faction|resistance|gangs?|cartels?|clans?|mafia)\b"
)
#: "a Turkish drone", "Israeli missiles", "the Russian air strike": the
#: demonym names who fired the weapon, not where it fell.
_WEAPON_AFTER = re.compile(
    r"[- ](?:[a-z]+\ )?(?:drones?|missiles?|rockets?|strikes?|airstrikes?|shells|shelling"
    r"|artillery|bombardment|bombs|warplanes?|jets?|aircraft|helicopters?|gunships?)\b"
)
#: "near the Turkish border", "close to the Turkish and Iranian borders": a
#: neighbour, not where the event was.
_BORDER_AFTER = re.compile(r"(?:\ (?:and|or)\ [A-Z][\w'’-]*)?\ (?:borders?|frontier)\b")
_CARE_PLACES = ("hospital", "clinic", "infirmary", "morgue", "mortuary", "health centre")
#: "... in hospital in ", "a clinic at ": a care place's town follows.
_CARE_IN_BEFORE = re.compile(
    r"\b(?:hospitals?|clinic|infirmary|morgue|mortuary|health\ centre)\ (?:in|at)\ $"
)


#: "the Pointe-Noire to Brazzaville train", "the Kabul-Jalalabad highway":
#: a route named by its ends.
_ROUTE_NOUNS = r"(?:train|road|highway|motorway|railway|rail\ line|line|bus|flight|convoy)\b"
_ROUTE_AFTER = re.compile(r"\ (?:to|-|–)\ ?[A-Z][\w'’-]*(?:\ [A-Z][\w'’-]*)?\ " + _ROUTE_NOUNS)
_ROUTE_BEFORE = re.compile(r"\b[A-Z][\w'’-]*\ ?(?:to|-|–)\ ?$")
#: "attacked a checkpoint in North Sinai": a name right after a locative.
_LOCATIVE_RIGHT_BEFORE = re.compile(r"\b(?:in|near|outside|across)\ $")


def elsewhere(text: str, entity: Entity) -> bool:
    """A demonym that names a weapon's owner or a border ("a Turkish drone",
    "the Iranian border"), or a country whose rebels fought ("dissidents of
    Colombia's former FARC guerrilla" in Venezuela): no evidence of the
    event's country."""
    if entity.label == "GPE":
        return _WHOSE_REBELS.match(text, entity.end) is not None
    return entity.label == "NORP" and bool(
        _WEAPON_AFTER.match(text, entity.end) or _BORDER_AFTER.match(text, entity.end)
    )


#: A capitalised word and a hyphen right before a name: "KwaZulu-" of
#: "KwaZulu-Natal".
_HYPHENED_HEAD = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{2,}-(?:[a-z]{1,3}-)?$")
#: A hyphen and a capitalised word right after a name: "-Vecchio" of
#: "Porto-Vecchio", "-Noire" of "Pointe-Noire" when read as "Pointe".
_HYPHENED_TAIL = re.compile(r"-(?:[a-z]{1,3}-)?[A-Z]")


def name_tail(text: str, entity: Entity) -> bool:
    """`entity` is a place read from the end or the start of a longer
    hyphened name ("Natal" of "KwaZulu-Natal", "Porto" of "Porto-Vecchio",
    "Sud" of "Corse-du-Sud"): neither where anything happened nor evidence
    of the country its own name is in. A short particle before the hyphen
    ("al-Anbar") is part of the name."""
    return entity.label in ("GPE", "LOC") and (
        _HYPHENED_HEAD.search(text, max(0, entity.start - 20), entity.start) is not None
        or _HYPHENED_TAIL.match(text, entity.end) is not None
    )


#: What an armed group is called after a place's name: "the Bagdad gang",
#: "the ChaoFa resistance", "the Sinaloa cartel", "the Karnel group".
_GANG_AFTER = re.compile(
    r"\ (?:gangs?|cartels?|clans?|resistance|militias?|mafia|factions?|crew|posse|group)\b"
)


def group_name(text: str, entity: Entity) -> bool:
    """`entity` is a place's name used as an armed group's ("the Bagdad
    gang", a Panamanian gang named after Baghdad; "Mara" of the Mara
    Salvatrucha, a name in `armed_groups.txt`): neither where anything
    happened nor evidence of a country."""
    return entity.label in ("GPE", "LOC") and (
        _GANG_AFTER.match(text, entity.end) is not None
        or group_name_at(text, entity.start, entity.end)
    )


class Locator(CountryEvidence):
    """Picks an incident's place from a sentence and resolves its country."""

    def misread_place(self, text: str, entity: Entity) -> Entity:
        """`entity`, as a place when the recogniser read a subdivision the
        place table knows, written right after a locative, as a person's
        name ("in North Sinai")."""
        if entity.label != "PERSON" or not _LOCATIVE_RIGHT_BEFORE.search(
            text, max(0, entity.start - 8), entity.start
        ):
            return entity
        place = self._places.lookup(entity.text)
        if place is None or place.kind != "region":
            return entity
        return replace(entity, label="GPE")

    def weapon_owner(self, sentence: str, entities: Sequence[Entity], actor: str) -> str | None:
        """The country whose weapon the attacker `actor` is read from ("an
        Israeli missile struck": Israel), or None when it is no such demonym."""
        for entity in entities:
            if entity.text == actor and entity.label == "NORP":
                if _WEAPON_AFTER.match(sentence, entity.end):
                    code = self._places.country_of_word(entity.text)
                    return self._places.country_name(code) if code else None
        return None

    def place(
        self,
        sentence: str,
        entities: list[Entity],
        draft: Draft,
        countries: list[str],
        trigger: int,
    ) -> None:
        best: tuple[int, int] | None = None
        dateline = roles.CAPS_DATELINE.match(sentence)
        for start, end, text, how in place_candidates(sentence, entities):
            after = sentence[end : end + 12]
            if draft.actor1 is not None and text in draft.actor1:
                continue
            if dateline is not None and end <= dateline.end() < trigger:
                # "PORT OF SPAIN: A 17-year-old was shot dead in Morvant":
                # where the report was filed.
                continue
            if (
                how != "CUE"
                and start < trigger
                and not _LOCATIVE_BEFORE.search(sentence, max(0, start - 30), start)
                and not after.startswith(("’s", "'s"))
            ):
                # A place before the event word is its subject ("Britain carried out").
                continue
            if _ORIGIN.search(sentence, max(0, start - 12), start):
                continue
            if _BACKGROUND.search(sentence, 0, start):
                # "..., police said, as protests turned violent on
                # Guadalcanal": the setting after the report, not its place.
                continue
            if _ROUTE_AFTER.match(sentence, end) or _ROUTE_BEFORE.search(
                sentence, max(0, start - 40), start
            ):
                # "the Pointe-Noire to Brazzaville train near Mindouli": the
                # ends of a route, not where it was hit.
                continue
            if _BORDER_BEFORE.search(sentence, max(0, start - 30), start):
                continue
            if text.lower().endswith(_CARE_PLACES) and _TREATED_BEFORE.search(
                sentence, max(0, start - 50), start
            ):
                continue
            care = _CARE_IN_BEFORE.search(sentence, max(0, start - 30), start)
            if care is not None and _TREATED_BEFORE.search(
                sentence, max(0, care.start() - 50), care.start()
            ):
                # "died in hospital in Cúcuta": where the wounded were treated.
                continue
            if how == "FAC" and self._generic_facility(text):
                continue
            if how == "CUE" and _GROUP_AFTER.match(sentence, end):
                continue
            if how == "CUE" and _ACRONYM_AFTER.match(sentence, end):
                # "Fighters of Jama'at Nusrat al-Islam wal-Muslimin (JNIM)": a
                # name given with its acronym is a group's, not a place's.
                continue
            if how == "GPE" and re.match(
                r"^[- ](?:backed|led|aligned|based|made|owned|flagged|linked)\b", after
            ):
                continue
            if how == "GPE" and _WHOSE_ACTOR.match(sentence, end):
                # "dissidents of Colombia's former FARC guerrilla",
                # "Venezuela's defence minister said": whose fighters or
                # officials, not where it happened.
                continue
            if how == "GPE" and _ACTS.match(sentence, end):
                # "where Ankara has long targeted ...": a capital standing
                # for its government, the subject of a verb, not a place.
                continue
            if how != "CUE" and re.match(
                r"^\ (?:[a-z]+\ )?(?:strikes?|drones?|forces|troops|military|army|officials?"
                r"|official|warplanes|aircraft)\b",
                after,
            ):
                continue
            kind = place_kind_after(sentence, end)
            place = None
            if how in ("GPE", "CUE"):
                place = self._places.lookup(text, countries)
                level = place.kind if place else ("CUE" if how == "CUE" else "city")
                if kind in (
                    "region",
                    "state",
                    "province",
                    "governorate",
                    "oblast",
                    "territory",
                    "county",
                    "district",
                ):
                    level = "region"
                elif kind in ("area", "camp", "township", "beach", "base", "air base", "airbase"):
                    level = "CUE"
            else:
                level = how
            rank = _SPECIFICITY.get(level, 1)
            if best is None or rank > best[0]:
                best = (rank, start)
                draft.location, draft.location_rank = text, rank
                draft.location_country = self.cue_country(sentence, entities, start)
                draft.location_area = kind in _AREA_KINDS or bool(
                    _AREA_BEFORE.search(sentence, max(0, start - 20), start)
                )
                draft.location_known = place is not None
        if draft.location is not None:
            found = inner_place(sentence, draft.location) or self._in_town(
                sentence, draft.location, countries
            )
            if found is not None:
                draft.location, draft.within = found
                draft.location_area = False
                draft.location_rank = max(draft.location_rank, _SPECIFICITY["city"])

    def _in_town(
        self, sentence: str, location: str, countries: Sequence[str]
    ) -> tuple[str, str] | None:
        """(place, town) for a neighbourhood named before the town it is in,
        after a comma ("a burnt-out shop in Chinatown, Honiara", "a dance in
        Lakes Pen, St Catherine"): the town is a city or a subdivision of the
        table, and the neighbourhood keeps the capitalised words the
        recogniser left off. Only for a place the table does not know in the town's country: a
        known district of the town ("Deurne, Antwerp") is a place of its own.
        The town's whole name: "Tibu, Norte de Santander" is not in
        Guinea-Bissau's Norte region."""
        pattern = (
            rf"\b{re.escape(location)}((?:\ [A-Z][\w'’-]*)?),\ ({_TOWN})\b(?!\ d(?:e|el|o|os|a)\b)"
        )
        for match in re.finditer(pattern, sentence):
            town = match.group(2)
            place = self._places.lookup(town, countries)
            if place is None or place.kind == "country" or town == location:
                continue
            name = location + match.group(1)
            known = self._places.lookup(name, [place.code])
            if known is None or known.code != place.code:
                return name, town
        return None

    def cue_country(self, sentence: str, entities: list[Entity], start: int) -> str | None:
        """The country named just before a place: "the *Yemeni* port of", "*Nigeria's* Kaduna"."""
        for entity in reversed(entities):
            if entity.end > start or entity.end < start - 45:
                continue
            if elsewhere(sentence, entity):
                continue
            if entity.label == "NORP" or (
                entity.label == "GPE" and sentence.startswith(("’s", "'s"), entity.end)
            ):
                code = self._places.country_of_word(entity.text)
                if code is not None:
                    return code
        return None

    def _sentence_places(
        self, text: str, draft: Draft, entities: Sequence[Entity], countries: Sequence[str]
    ) -> Iterator[tuple[Entity, Place | None]]:
        """The incident's sentences' entities, GPEs with their places: looked
        up in the article's `countries` first, and as a subdivision when the
        text says so ("the Junin region" is Peru's region before Argentina's
        town). A GPE standing for an attacker ("US-backed", "Turkish forces")
        has none."""
        spans = [(draft.start, draft.end), *draft.mentions]
        for entity in entities:
            if not any(s <= entity.start < e for s, e in spans):
                continue
            place = None
            if entity.label == "GPE":
                kind = place_kind_after(text, entity.end)
                after = text[entity.end : entity.end + 12]
                if not re.match(
                    r"^[- ](?:backed|led|aligned|strikes?|forces|troops|military)", after
                ):
                    place = self._places.lookup(entity.text, countries, region=kind in _AREA_KINDS)
            yield entity, place

    def _generic_facility(self, text: str) -> bool:
        """ "Congo displacement camp", "a Syria refugee camp": a kind of
        facility in a country, named by nothing but the country."""
        first, _, rest = text.partition(" ")
        return bool(rest) and rest == rest.lower() and bool(self._places.countries_named(first))

    def country_near(
        self,
        text: str,
        draft: Draft,
        entities: Sequence[Entity],
        countries: Sequence[str] = (),
    ) -> str | None:
        """A country named in the incident's sentences, places first, demonyms after."""
        fallback = None
        for entity, place in self._sentence_places(text, draft, entities, countries):
            if entity.label == "GPE" and _WHOSE_ACTOR.match(text, entity.end):
                # "Serbia's government denied any link to the shooting near
                # Zupce, in the north of Kosovo": whose government speaks,
                # not where it happened.
                continue
            if place is not None:
                return self._places.country_name(place.code)
            if entity.label == "NORP" and fallback is None:
                code = self._places.country_of_word(entity.text)
                if code is not None:
                    fallback = self._places.country_name(code)
        return fallback

    def other_country(
        self, text: str, draft: Draft, entities: Sequence[Entity], countries: Sequence[str]
    ) -> str | None:
        """The one country that the incident's other places lie in, when the
        location's own look-up found a place of another country with its
        name (the table's "Bwera" is in Pakistan; "Bwera sub-county, Kasese
        district" is in Uganda): the subdivisions the sentences name as
        such, or the one the location was named inside, and nothing else in the article points to
        that country. None when those places name no country, or more than
        one, or the location's, or the article names the location's country
        otherwise."""
        found = set()
        for entity, place in self._sentence_places(text, draft, entities, countries):
            if place is None or place.kind == "country" or entity.text == draft.location:
                # A country's name can be two countries' ("Congo").
                continue
            if (
                entity.text != draft.within
                and place.kind != "city"
                and place_kind_after(text, entity.end) is None
            ):
                # Only a city, or a subdivision named as one ("Kasese
                # district", "Idlib province"), is the evidence: "the Zaire
                # group" is no place.
                continue
            if _BORDER_BEFORE.search(text, max(0, entity.start - 30), entity.start):
                continue
            found.add(place.code)
        return found.pop() if len(found) == 1 else None
