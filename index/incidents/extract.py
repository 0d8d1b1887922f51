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
from collections.abc import Sequence
from dataclasses import replace

from glossator.index.entities.model import Entity
from glossator.index.incidents import roles
from glossator.index.incidents.aggregates import aggregate_kind, is_hypothetical
from glossator.index.incidents.casualties import count_casualties
from glossator.index.incidents.dates import find_date, resolve
from glossator.index.incidents.drafts import Draft, combine, is_specific, merge, merge_target
from glossator.index.incidents.finish import finish
from glossator.index.incidents.killings import (
    killing_trigger,
    may_kill,
    may_operate,
    operation_trigger,
)
from glossator.index.incidents.locate import Locator, elsewhere, group_name, name_tail
from glossator.index.incidents.model import Incident
from glossator.index.incidents.places import PlaceTable, places
from glossator.index.incidents.sentences import sentences
from glossator.index.incidents.triggers import (
    TRIGGER_SCAN,
    Trigger,
    find_trigger,
    fold_first,
    may_trigger,
    stem_positions,
)

__all__ = ["VERSION", "IncidentExtractor", "extract_incidents", "sentences"]

#: Bump when extraction output changes, so cached incidents are recomputed.
VERSION = "52"

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
    r"\ (?:[\w-]+\ )?(?:attack|strike|airstrike|air\ strike|blast|bombing|explosion|assault|raid"
    r"|shelling|ambush)\b"
)
#: Openers that announce a different event ("Separately, ...", "Earlier in the day, ...").
_NEW_EVENT = re.compile(
    r"^(?:Separately|Meanwhile|Elsewhere|Earlier|Later|Also|In\ a\ separate|In\ another"
    r"|In\ the\ north"
    r"|In\ the\ south|In\ the\ east|In\ the\ west|On\ [A-Z])",
    re.VERBOSE,
)
_PERSON_KILLED = re.compile(r"^\ was\ (?:reportedly\ )?killed\b")
#: A sentence that opens with what was hit and a past participle with no
#: object after it, headline style: "Man killed in armed attack on Mixco
#: shop", "Passenger train attacked near Mindouli, three dead".
_VICTIM_FIRST = re.compile(
    r"^[\w'’-]+(?:\ (?!(?:was|were|is|are|been|being|has|have|had)\b)[\w'’-]+){0,5}?"
    r"\ (?:killed|shot(?:\ dead)?|wounded|injured|attacked"
    r"|torched|bombed|burnt|burned|kidnapped|abducted|ambushed|shelled|stabbed"
    r"|hacked\ to\ death)"
    r"(?=\ (?:in|at(?!\ (?:least|most)\b)|near|on|as|after|during|outside|by|and|overnight)\b"
    r"|\s*[,;:.]|\s*$)"
)
#: One person, then how they were killed: "Man killed", "Teenager shot dead".
_ONE_KILLED = re.compile(
    r"^(?:An?\ )?[A-Z][a-z'’-]*[^s\W](?:\ [a-z][a-z'’-]*[^s\W]){0,2}"
    r"\ (?:killed|shot\ dead|stabbed\ to\ death|hacked\ to\ death)$"
)


#: A toll as the clause's subject or a day's possessive, no attacker:
#: "Death toll from ... rises", "Monday's drone strike".
_TOLL_SUBJECT = re.compile(
    r"(?i:the\ )?(?i:death|toll)\b"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Yesterday|Today)['’]s$"
)


class IncidentExtractor:
    """Reads incident records out of article text; build once, reuse for every article."""

    def __init__(self, table: PlaceTable | None = None) -> None:
        self._places = table if table is not None else places()
        self._locator = Locator(self._places)

    @property
    def cache_key(self) -> str:
        """Identifies this extractor's output for a given text and entities (for caches)."""
        return f"incidents-v{VERSION}"

    def extract(
        self,
        text: str,
        entities: Sequence[Entity],
        article_date: dt.date | None = None,
        body_start: int = 0,
    ) -> list[Incident]:
        """Incidents in `text`, in order of their first sentence.

        `entities` are the recogniser's for the same text, sorted by start;
        `article_date` resolves "Tuesday" and "last month"; sentences before
        `body_start` (a front matter block, `FrontMatter.body_start`) are skipped,
        while offsets still index the whole text."""
        spans = [span for span in sentences(text) if span[0] >= body_start]
        if not spans:
            return []
        # Of the front matter's names only a country's is evidence of where
        # anything happened ("source: L'Express de Madagascar"); a newspaper
        # read as a town ("source: Punch", India's Punch) is not; nor is a
        # gang named after a place ("the Bagdad gang").
        entities = [
            self._locator.misread_place(text, e)
            for e in entities
            if (e.start >= body_start or self._places.country_of_word(e.text) is not None)
            and not name_tail(text, e)
            and not group_name(text, e)
        ]
        # A weapon's or a border's demonym is no evidence of where anything
        # happened ("a Turkish drone struck ... near the Iranian border").
        placed = [e for e in entities if not elsewhere(text, e)]
        countries = self._locator.article_countries(
            placed, filed=self._locator.filed_from(text, body_start), text=text[body_start:]
        )
        drafts: list[Draft] = []
        cursor = 0
        stems = stem_positions(text)
        for index, (start, end) in enumerate(spans):
            sentence = text[start:end]
            trigger = (
                find_trigger(sentence)
                if may_trigger(stems, start, end) and TRIGGER_SCAN.search(fold_first(sentence))
                else None
            )
            killing = trigger is None and (may_kill(sentence) or may_operate(sentence))
            if trigger is None and not drafts and not killing:
                # Nothing to start or to add to: most sentences of most articles.
                continue
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
            if killing:
                actors = [(e.start, e.end) for e in local if e.label in ("ORG", "NORP")]
                trigger = killing_trigger(sentence, actors) or operation_trigger(sentence)
                if trigger is None and not drafts:
                    continue
            self._read_sentence(
                sentence,
                trigger,
                start,
                end,
                index,
                local,
                article_date,
                countries,
                drafts,
                headline=len(spans) > 1 and text.startswith("\n", end),
            )
        # "Chhattisgarh's Bijapur" once: every Bijapur of the article is that one.
        regions = self._locator.article_subdivisions(placed, countries)
        return [
            finish(d, text, placed, countries, regions, self._places, self._locator) for d in drafts
        ]

    def _read_sentence(
        self,
        sentence: str,
        trigger: Trigger | None,
        start: int,
        end: int,
        index: int,
        entities: list[Entity],
        article_date: dt.date | None,
        countries: list[str],
        drafts: list[Draft],
        *,
        headline: bool = False,
    ) -> None:
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
        draft = Draft(start, end, trigger.sub_event_type, trigger.strength, index, last_index=index)
        draft.headline = index == 0 and headline
        # A headline's risen toll ("toll rises to six") is its story's to
        # give: read here, it would make the headline the record's sentence.
        counts = count_casualties(
            sentence,
            [(e.start, e.end) for e in entities if e.label in ("DATE", "TIME")],
            risen=not draft.headline,
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
                or roles.by_agent(sentence, entities)
            )
            if draft.actor1 is not None and _TOLL_SUBJECT.match(draft.actor1):
                # "Death toll from Kadugli market attack rises to 18",
                # "Saturday's ambush".
                draft.actor1 = None
            victim = _VICTIM_FIRST.match(sentence)
            if victim is not None and (
                draft.actor1 is None or sentence.find(draft.actor1, victim.end()) < 0
            ):
                # "Shopkeeper shot dead in Mixco", "Gendarmerie post at Tougbo
                # attacked, two gendarmes killed": a headline's passive
                # without its auxiliary; what comes first is the victim.
                draft.actor1 = roles.by_agent(sentence, entities)
                if draft.fatalities is None and _ONE_KILLED.match(victim.group()):
                    # "Shopkeeper shot dead", "Police officer killed": one.
                    draft.fatalities = 1
        draft.actor2 = (
            roles.passive_target(sentence, entities)
            or roles.target_after(sentence, trigger.end)
            or roles.victims(sentence)
        )
        if trigger.sub_event_type == "Armed clash":
            side1, side2 = roles.clash_sides(sentence, entities)
            if side1 and not draft.claimed:
                draft.actor1 = side1
            draft.actor2 = side2 or draft.actor2
        if draft.actor1 is not None and not draft.claimed:
            draft.actor1 = (
                self._locator.weapon_owner(sentence, entities, draft.actor1) or draft.actor1
            )
        self._locator.place(sentence, entities, draft, countries, trigger.start)
        if draft.actor1 is not None and not draft.claimed and self._is_town(draft.actor1):
            # "Mindouli train attack: toll rises to six": the town where it
            # happened, no attacker (read after the place, which skips it).
            draft.actor1 = None
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
        target = merge_target(draft, drafts, anaphoric or continuation)
        if target is not None:
            merge(target, draft, counts.others_killed, counts.others_injured)
            return
        if aggregate is not None or (not anaphoric and not is_specific(draft)):
            return
        drafts.append(draft)

    def _is_town(self, name: str) -> bool:
        """`name` is a city or a subdivision of the place table (a country can
        be an attacker, "Israel struck"; a town cannot)."""
        place = self._places.lookup(name)
        return place is not None and place.kind != "country"

    def _attach(
        self,
        sentence: str,
        start: int,
        end: int,
        index: int,
        entities: list[Entity],
        previous: Draft,
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
        previous.fatalities = combine(previous.fatalities, counts.fatalities, counts.others_killed)
        previous.injured = combine(previous.injured, counts.injured, counts.others_injured)
        previous.mentions.append((start, end))
        previous.last_index = index


def extract_incidents(
    text: str,
    entities: Sequence[Entity],
    article_date: dt.date | None = None,
    body_start: int = 0,
) -> list[Incident]:
    """Incidents in `text` with a shared default `IncidentExtractor`."""
    return _default().extract(text, entities, article_date, body_start)


_DEFAULT: list[IncidentExtractor] = []


def _default() -> IncidentExtractor:
    if not _DEFAULT:
        _DEFAULT.append(IncidentExtractor())
    return _DEFAULT[0]
