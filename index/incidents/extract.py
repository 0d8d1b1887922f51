"""Incident records from an article's text and entities.

    extractor = IncidentExtractor()
    incidents = extractor.extract(text, entities, article_date)

Per sentence: a trigger gives the sub-event type (`triggers.py`); counts of
many events and threats are skipped; casualties, date, actors and places are
read from the sentence (`casualties.py`, `dates.py`, `roles.py`). A sentence
that refers back ("the strike", "claimed responsibility"), or that reports a
compatible event right after another, is merged into the earlier incident.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from glossator.index.entities.model import Entity
from glossator.index.incidents import roles
from glossator.index.incidents.casualties import count_casualties
from glossator.index.incidents.dates import find_date, resolve
from glossator.index.incidents.model import EventDate, Incident
from glossator.index.incidents.places import PlaceTable, places
from glossator.index.incidents.triggers import (
    TRIGGER_SCAN,
    aggregate_kind,
    find_trigger,
    is_hypothetical,
)

__all__ = ["VERSION", "IncidentExtractor", "extract_incidents", "sentences"]

#: Bump when extraction output changes, so cached incidents are recomputed.
VERSION = "1"

_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*[ \t]+(?=[\"“‘(\[]?[A-Z0-9])|\n")
_ABBREVIATIONS = frozenset(
    "U.S U.N U.K Mr Mrs Ms Dr Gen Lt Col Sgt Capt Maj St No Jan Feb Mar Apr Aug Sept Oct Nov Dec"
    " a.m p.m Lt.-Gen Rep Sen Gov Adm Brig".split()
)
_CLAIM_ONLY = re.compile(
    r"\b(?:claimed|blamed|responsibility|attributed\ to|behind\ the)\b", re.VERBOSE
)
_ANAPHOR = re.compile(
    r"(?:\b(?:the|this|that|these|those|its|Tuesday’s|Monday’s|Wednesday’s|Thursday’s|Friday’s"
    r"|Saturday’s|Sunday’s|same|latest|twin|deadly)\ (?:[\w-]+\ )?$)",
    re.VERBOSE,
)
_DEFINITE_EVENT = re.compile(
    r"\b(?i:the|this|that|Monday’s|Tuesday’s|Wednesday’s|Thursday’s|Friday’s|Saturday’s|Sunday’s)"
    r"\ (?:[\w-]+\ )?(?:attack|strike|airstrike|air\ strike|blast|bombing|explosion|assault|raid|shelling|ambush)\b"
)
#: Openers that announce a different event ("Separately, ...", "Earlier in the day, ...").
_NEW_EVENT = re.compile(
    r"^(?:Separately|Meanwhile|Elsewhere|Earlier|Later|Also|In\ a\ separate|In\ another|In\ the\ north"
    r"|In\ the\ south|In\ the\ east|In\ the\ west|On\ [A-Z])",
    re.VERBOSE,
)
_PERSON_KILLED = re.compile(r"^\ was\ (?:reportedly\ )?killed\b")
_SPECIFICITY = {"FAC": 5, "CUE": 4, "city": 4, "region": 2, "LOC": 1, "country": 1}
_LOCATIVE_BEFORE = re.compile(
    r"\b(?i:in|near|at|of|on|outside|off|across|into|around)\ (?:the\ )?(?:[a-z][\w-]*\ ){0,3}$"
)
_ORIGIN = re.compile(r"\b(?:from|by|for)\ (?:the\ )?$")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) covering the non-blank text; every line break ends one."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group() != "\n":
            before = text[max(start, match.start() - 12) : match.start()].split()
            word = before[-1].lstrip('("“') if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isupper()):
                continue
        end = match.start() + (0 if match.group() == "\n" else 1)
        _add(text, spans, start, end)
        start = match.end()
    _add(text, spans, start, len(text))
    return spans


def _add(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


@dataclass
class _Draft:
    """An incident being assembled from one or more sentences."""

    start: int
    end: int
    sub_event_type: str
    strength: int
    sentence_index: int
    mentions: list[tuple[int, int]] = field(default_factory=list)
    date_text: str | None = None
    date: EventDate | None = None
    actor1: str | None = None
    claimed: bool = False
    actor2: str | None = None
    location: str | None = None
    location_rank: int = 0
    location_country: str | None = None
    weapon: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    zero_killed: bool = False
    zero_injured: bool = False
    last_index: int = 0


class IncidentExtractor:
    """Reads incident records out of article text; build once, reuse for every article."""

    def __init__(self, table: PlaceTable | None = None) -> None:
        self._places = table if table is not None else places()

    @property
    def cache_key(self) -> str:
        """Identifies this extractor's output for a given text and entities (for caches)."""
        return f"incidents-v{VERSION}"

    def extract(
        self, text: str, entities: Sequence[Entity], article_date: dt.date | None = None
    ) -> list[Incident]:
        """Incidents in `text`, in order of their first sentence; `entities` are the
        recogniser's for the same text, sorted by start."""
        spans = sentences(text)
        if not spans or TRIGGER_SCAN.search(text) is None:
            return []
        countries = self._article_countries(entities)
        drafts: list[_Draft] = []
        cursor = 0
        for index, (start, end) in enumerate(spans):
            sentence = text[start:end]
            while cursor < len(entities) and entities[cursor].end <= start:
                cursor += 1
            local = []
            for entity in entities[cursor:]:
                if entity.start >= end:
                    break
                if entity.start >= start and entity.end <= end:
                    local.append(
                        replace(entity, start=entity.start - start, end=entity.end - start)
                    )
            self._read_sentence(sentence, start, end, index, local, article_date, countries, drafts)
        return [self._finish(d, text, entities, countries) for d in drafts]

    def _article_countries(self, entities: Sequence[Entity]) -> list[str]:
        counts: Counter[str] = Counter()
        for entity in entities:
            if entity.label in ("GPE", "NORP"):
                code = self._places.country_of_word(entity.text)
                if code is None and entity.label == "GPE":
                    place = self._places.lookup(entity.text)
                    code = place.code if place else None
                if code is not None:
                    counts[code] += 1
        return [code for code, _ in counts.most_common()]

    def _read_sentence(
        self,
        sentence: str,
        start: int,
        end: int,
        index: int,
        entities: list[Entity],
        article_date: dt.date | None,
        countries: list[str],
        drafts: list[_Draft],
    ) -> None:
        trigger = find_trigger(sentence) if TRIGGER_SCAN.search(sentence) else None
        previous = drafts[-1] if drafts else None
        if trigger is None:
            if previous is not None:
                self._attach(sentence, start, end, index, entities, previous)
            return
        anaphoric = (
            _ANAPHOR.search(sentence, max(0, trigger.start - 30), trigger.start) is not None
            or _DEFINITE_EVENT.search(sentence) is not None
        )
        if is_hypothetical(sentence, trigger):
            return
        aggregate = aggregate_kind(sentence, trigger.end)
        if aggregate == "period":
            return
        draft = _Draft(
            start, end, trigger.sub_event_type, trigger.strength, index, last_index=index
        )
        counts = count_casualties(
            sentence, [(e.start, e.end) for e in entities if e.label in ("DATE", "TIME")]
        )
        draft.fatalities, draft.injured = counts.fatalities, counts.injured
        if draft.fatalities is None:
            for entity in entities:
                if entity.label == "PERSON" and _PERSON_KILLED.match(
                    sentence[entity.end : entity.end + 30]
                ):
                    draft.fatalities = 1
                    break
        date = find_date(sentence)
        if date is not None:
            draft.date_text = re.sub(r"^(?:[Ii]n|on)\ ", "", date.group())
            draft.date = resolve(date, article_date)
        claimed = roles.claimed_actor(sentence, entities)
        if claimed:
            draft.actor1, draft.claimed = claimed, True
        else:
            draft.actor1 = (
                roles.agent_before(sentence, entities, trigger.start)
                or roles.subject_actor(sentence, entities, trigger.start)
                or _by_agent(sentence, entities)
            )
        draft.actor2 = (
            roles.passive_target(sentence, entities)
            or roles.target_after(sentence, trigger.end)
            or _victims(sentence)
        )
        if trigger.sub_event_type == "Armed clash":
            side1, side2 = roles.clash_sides(sentence, entities)
            if side1 and not draft.claimed:
                draft.actor1 = side1
            draft.actor2 = side2 or draft.actor2
        self._place(sentence, entities, draft, countries, trigger.start)
        weapons = [e.text for e in entities if e.label == "WEAPON"]
        draft.weapon = (
            weapons[0]
            if weapons
            else (
                trigger.text
                if trigger.strength >= 4
                and trigger.sub_event_type != "Abduction/forced disappearance"
                else None
            )
        )
        continuation = (
            previous is not None
            and index - previous.last_index <= 1
            and draft.date_text is None
            and draft.location_rank < 3
            and _NEW_EVENT.match(sentence) is None
        )
        target = self._merge_target(draft, drafts, anaphoric or continuation)
        if target is not None:
            _merge(target, draft, counts.others_killed, counts.others_injured)
            return
        if aggregate is not None or (not anaphoric and not _specific(draft)):
            return
        drafts.append(draft)

    def _attach(
        self,
        sentence: str,
        start: int,
        end: int,
        index: int,
        entities: list[Entity],
        previous: _Draft,
    ) -> None:
        """Fold a sentence without an event word into the incident before it: a claim
        ("JNIM claimed responsibility") or the toll ("Four others were injured")."""
        claimed = roles.claimed_actor(sentence, entities) if _CLAIM_ONLY.search(sentence) else None
        if claimed and index - previous.last_index <= 3:
            previous.actor1, previous.claimed = claimed, True
            previous.mentions.append((start, end))
            previous.last_index = index
            return
        if index - previous.last_index > 1 or aggregate_kind(sentence) is not None:
            return
        skip = [(e.start, e.end) for e in entities if e.label in ("DATE", "TIME")]
        counts = count_casualties(sentence, skip)
        if counts.fatalities is None and counts.injured is None:
            return
        previous.fatalities = _combine(previous.fatalities, counts.fatalities, counts.others_killed)
        previous.injured = _combine(previous.injured, counts.injured, counts.others_injured)
        previous.mentions.append((start, end))
        previous.last_index = index

    def _place(
        self,
        sentence: str,
        entities: list[Entity],
        draft: _Draft,
        countries: list[str],
        trigger: int,
    ) -> None:
        best: tuple[int, int] | None = None
        for start, end, text, how in roles.place_candidates(sentence, entities):
            after = sentence[end : end + 12]
            if draft.actor1 is not None and text in draft.actor1:
                continue
            if (
                how != "CUE"
                and start < trigger
                and not _LOCATIVE_BEFORE.search(sentence, max(0, start - 30), start)
                and not after.startswith(("’s", "'s"))
            ):
                continue  # a place before the event word is its subject or actor ("Britain carried out")
            if _ORIGIN.search(sentence, max(0, start - 12), start):
                continue
            if how == "GPE" and re.match(
                r"^[- ](?:backed|led|aligned|based|made|owned|flagged|linked)\b", after
            ):
                continue
            if how != "CUE" and re.match(
                r"^\ (?:[a-z]+\ )?(?:strikes?|drones?|forces|troops|military|army|officials?|official|warplanes|aircraft)\b",
                after,
            ):
                continue
            kind = roles.place_kind_after(sentence, end)
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
                draft.location_country = self._cue_country(sentence, entities, start)
        if draft.location is not None and draft.location_rank <= 1:
            # Keep a country-level place only if nothing better is said anywhere.
            pass

    def _cue_country(self, sentence: str, entities: list[Entity], start: int) -> str | None:
        """The country named just before a place: "the *Yemeni* port of", "*Nigeria's* Kaduna"."""
        for entity in reversed(entities):
            if entity.end > start or entity.end < start - 45:
                continue
            if entity.label == "NORP" or (
                entity.label == "GPE" and sentence.startswith(("’s", "'s"), entity.end)
            ):
                code = self._places.country_of_word(entity.text)
                if code is not None:
                    return code
        return None

    def _merge_target(self, draft: _Draft, drafts: list[_Draft], anaphoric: bool) -> _Draft | None:
        if not drafts:
            return None
        previous = drafts[-1]
        if (
            anaphoric
            and draft.sentence_index - previous.last_index <= 4
            and _compatible(previous, draft, loose=True)
        ):
            return previous
        for earlier in reversed(drafts):
            if not _compatible(earlier, draft, loose=False):
                continue
            adjacent = draft.sentence_index - earlier.last_index <= 1
            same_place = draft.location is not None and draft.location == earlier.location
            same_toll = draft.fatalities is not None and draft.fatalities == earlier.fatalities
            if adjacent or same_place or same_toll:
                return earlier
        return None

    def _finish(
        self, draft: _Draft, text: str, entities: Sequence[Entity], countries: list[str]
    ) -> Incident:
        country = latitude = longitude = None
        if draft.location is not None:
            prefer = [draft.location_country] if draft.location_country else []
            place = self._places.lookup(draft.location, prefer + countries)
            if place is None and draft.location_country:
                country = self._places.country_name(draft.location_country)
            elif place is not None:
                country = self._places.country_name(place.code)
                latitude, longitude = place.latitude, place.longitude
        if country is None:
            country = self._country_near(text, draft, entities) or (
                self._places.country_name(countries[0]) if countries else None
            )
        return Incident(
            start=draft.start,
            end=draft.end,
            sentence=text[draft.start : draft.end],
            sub_event_type=draft.sub_event_type,
            event_date_text=draft.date_text,
            event_date=draft.date,
            actor1=draft.actor1,
            actor2=draft.actor2,
            location=draft.location,
            country=country,
            latitude=latitude,
            longitude=longitude,
            weapon=draft.weapon,
            fatalities=draft.fatalities,
            injured=draft.injured,
            mentions=tuple(draft.mentions),
        )

    def _country_near(self, text: str, draft: _Draft, entities: Sequence[Entity]) -> str | None:
        """A country named in the incident's sentences, places first, demonyms after."""
        spans = [(draft.start, draft.end), *draft.mentions]
        fallback = None
        for entity in entities:
            if not any(s <= entity.start < e for s, e in spans):
                continue
            if entity.label == "GPE":
                place = self._places.lookup(entity.text)
                after = text[entity.end : entity.end + 12]
                if place is not None and not re.match(
                    r"^[- ](?:backed|led|aligned|strikes?|forces|troops|military)", after
                ):
                    return self._places.country_name(place.code)
            elif entity.label == "NORP" and fallback is None:
                code = self._places.country_of_word(entity.text)
                if code is not None:
                    fallback = self._places.country_name(code)
        return fallback


def _compatible(a: _Draft, b: _Draft, *, loose: bool) -> bool:
    if (
        a.sub_event_type != b.sub_event_type
        and "Attack" not in (a.sub_event_type, b.sub_event_type)
        and not loose
    ):
        return False
    if a.date is not None and b.date is not None and a.date != b.date:
        return False
    if (
        not loose
        and a.location
        and b.location
        and min(a.location_rank, b.location_rank) >= 3
        and a.location != b.location
    ):
        return False
    if (
        not loose
        and a.fatalities is not None
        and b.fatalities is not None
        and a.fatalities != b.fatalities
    ):
        return False
    return True


def _merge(into: _Draft, new: _Draft, others_killed: bool, others_injured: bool) -> None:
    into.mentions.append((new.start, new.end))
    into.last_index = new.sentence_index
    # A later sentence refines a generic report ("an attack", "an explosion") or
    # reveals a suicide bombing; it never turns a strike into a clash.
    if (into.strength <= 2 and new.strength >= 3 and new.strength > into.strength) or (
        new.sub_event_type == "Suicide bomb" and into.sub_event_type != "Suicide bomb"
    ):
        into.sub_event_type, into.strength = new.sub_event_type, new.strength
    if new.claimed and not into.claimed:
        into.actor1, into.claimed = new.actor1, True
    into.actor1 = into.actor1 or new.actor1
    into.actor2 = into.actor2 or new.actor2
    if new.location is not None and new.location_rank > into.location_rank:
        into.location, into.location_rank = new.location, new.location_rank
        into.location_country = new.location_country
    into.date_text, into.date = (
        (into.date_text, into.date) if into.date_text else (new.date_text, new.date)
    )
    into.weapon = into.weapon or new.weapon
    into.fatalities = _combine(into.fatalities, new.fatalities, others_killed)
    into.injured = _combine(into.injured, new.injured, others_injured)


def _combine(old: int | None, new: int | None, others: bool) -> int | None:
    if new is None:
        return old
    if old is None:
        return new
    if others:
        return old + new
    return max(old, new)


def _specific(draft: _Draft) -> bool:
    """An incident needs something concrete: a toll, a date, or a named actor at a
    named town or facility."""
    return (
        draft.fatalities is not None
        or draft.injured is not None
        or draft.date_text is not None
        or (draft.location_rank >= 3 and draft.actor1 is not None)
    )


_BY = re.compile(r"\bby\ (?:a\ |an\ |the\ )?")


def _by_agent(sentence: str, entities: Sequence[Entity]) -> str | None:
    match = _BY.search(sentence)
    if match is None:
        return None
    stop = re.search(r"[,;.]", sentence[match.end() :])
    end = match.end() + (stop.start() if stop else len(sentence) - match.end())
    return roles._actor_in(sentence, entities, match.end(), min(end, match.end() + 40))


_VICTIMS = re.compile(
    r"\b(?:killing|killed|wounding|wounded|injuring|injured)\ (?:at\ least\ |more\ than\ |some\ |around\ )?"
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|[a-z]+teen|[a-z]+ty)\ (?P<who>[a-z][\w-]*(?:\ [a-z][\w-]*)?)",
    re.VERBOSE,
)


def _victims(sentence: str) -> str | None:
    match = _VICTIMS.search(sentence)
    if match is None:
        return None
    words = [w for w in match.group("who").split() if w not in ("and", "in", "on", "at", "near")]
    return words[0] if words else None


def extract_incidents(
    text: str, entities: Sequence[Entity], article_date: dt.date | None = None
) -> list[Incident]:
    """Incidents in `text` with a shared default `IncidentExtractor`."""
    return _default().extract(text, entities, article_date)


_DEFAULT: list[IncidentExtractor] = []


def _default() -> IncidentExtractor:
    if not _DEFAULT:
        _DEFAULT.append(IncidentExtractor())
    return _DEFAULT[0]
