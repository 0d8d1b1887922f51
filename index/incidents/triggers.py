"""What makes a sentence an incident report, and of which ACLED sub-event type.

One registry (`RULES`): each sub-event type's trigger words and its strength.
A sentence's type is the strongest rule that fires; among rules of one
strength the earliest trigger in the sentence wins ("a missile struck ...;
most were intercepted" is a missile attack). Adding a type or a trigger
touches only this file.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

from glossator.index.incidents.figurative import clash_is_armed, is_figurative

__all__ = [
    "RULES",
    "TriggerRule",
    "Trigger",
    "find_trigger",
    "TRIGGER_SCAN",
    "STEMS",
    "fold_first",
    "stem_positions",
    "may_trigger",
]


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """Trigger words for one sub-event type."""

    sub_event_type: str
    pattern: str
    strength: int
    """Higher wins: a suicide bombing that was also an attack is a suicide bomb."""


RULES: tuple[TriggerRule, ...] = (
    TriggerRule(
        "Suicide bomb",
        r"suicide\ (?:bomb(?:er|ers|ing|ings)?|attack(?:er|s)?|car\ bomb(?:er|ing)?|blast|vest)"
        r"|blew\ (?:himself|herself|themselves)\ up",
        5,
    ),
    TriggerRule("Grenade", r"(?:hand\ )?grenades?", 5),
    TriggerRule(
        "Remote explosive/landmine/IED",
        r"(?:roadside|car|truck|motorcycle|parcel|magnetic|remote[- ]controlled)\ bombs?"
        r"|IEDs?|improvised\ explosive(?:\ devices?)?|(?:land)?mines?\b(?!\ (?:workers|owners))"
        r"|explosive\ devices?|booby[- ]trap(?:ped)?|(?:bomb|device)\ (?:exploded|went\ off)"
        r"|drone\ boats?|pagers?\ (?:exploded|blew)|pagers?\ [\w ]{0,40}exploded",
        4,
    ),
    TriggerRule(
        "Remote explosive/landmine/IED",
        r"explosions?|blasts?|exploded|detonated|bombs?"
        # "claimed the bombing of a police car"; not "hours after the Budva
        # bombing", a reference to another event.
        r"|bombings?(?=\ (?:of|at|in|on|near|outside)\b)",
        2,
    ),
    TriggerRule(
        "Abduction/forced disappearance",
        r"abduct(?:ed|ing|s|ion|ions)?|kidnapp?(?:ed|ing|s)?|kidnappings?|taken\ hostage"
        r"|seized\ (?:as\ )?hostages?|forcibly\ disappeared"
        # Hostages held or ransomed: "the group holding three tourists",
        # "demands ransom for Semporna hostages".
        r"|(?:holding|held|freed|released)\ (?:[\w-]+\ ){0,2}?hostages?"
        r"|holding\ (?:the\ )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|[a-z]+teen"
        r"|dozens\ of|several)\ (?:[\w-]+\ )?(?:tourists|foreigners|passengers|captives"
        r"|workers|crew\ members|sailors|fishermen|students|schoolchildren)\b"
        r"|ransom\ for\ (?:the\ )?(?:[\w-]+\ )?hostages?",
        4,
    ),
    TriggerRule(
        "Disrupted weapons use",
        r"shot\ down|intercepted|defused|destroyed\ (?:a|an|two|three|four|five|\d+)\b[^.;]{0,60}?"
        r"before\ (?:it|they)\ could",
        4,
    ),
    TriggerRule(
        "Air/drone strike",
        r"air\ ?strikes?|airstrikes?|air\ raids?|drone\ (?:strikes?|attacks?)|(?:armed\ |attack\ "
        r"|suicide\ |kamikaze\ )?drones?"
        r"|warplanes?|fighter\ jets?|jets|(?:US\ |Israeli\ )?aircraft|helicopter\ gunships?"
        r"|(?:guided|glide|aerial)\ bombs?"
        r"|bombed|bombing\ raids?|raids|air\ attack|UAVs?|Shaheds?",
        3,
    ),
    TriggerRule(
        "Shelling/artillery/missile attack",
        r"shell(?:ing|ed|s)|artillery|mortars?|rockets?|missiles?|Katyushas?|barrage|projectiles?",
        3,
    ),
    TriggerRule(
        "Armed clash",
        r"clash(?:ed|es)?|fighting|fought|battles?|battled|gun\ ?battles?|firefights?"
        r"|gunfights?|shoot-?outs?|exchanged\ (?:gun)?fire"
        # "killed in an exchange of gunfire at the barracks", "heavy gunfire
        # broke out at a military barracks ..., killing four soldiers".
        r"|exchanges?\ of\ (?:gun)?fire|gunfire\ (?:broke\ out|erupted)"
        # "detained over the gunfire at the Santa Luzia barracks in which
        # four soldiers were killed".
        r"|gunfire\ at\ (?:the|a|an)\ (?:[\w-]+\ ){0,3}?(?:barracks|base|camp|post|checkpoint"
        r"|border|market|palace|presidency|prison|station)",
        2,
    ),
    TriggerRule(
        "Attack",
        r"attack(?:ed|s|ing)?|stormed|opened\ fire|shot\ dead|gunned\ down|ambush(?:ed|es)?"
        r"|massacred?|assault(?:ed)?|raided|killing\ spree|stabbed|executed|strikes?|struck"
        r"|shot\ (?:him|her|them|both|all\ \w+)\ dead|shot\ and\ killed"
        r"|shot\ (?:a|an|the|one|two|three|four|five|\d+)\ (?:[\w-]+\ ){0,2}?dead"
        # "was shot several times outside his home": a person shot, not a
        # film or a goal.
        r"|shot\ (?:several|multiple|many|two|three|four|five|six|\d+)\ times"
        r"|(?:double|triple|quadruple)\ (?:killings?|murders?|homicides?)"
        # Arson as an attack: "set fire to a sawmill", "set the trucks
        # ablaze", "torched several trucks"; not the passive "vehicles were
        # set alight", which rioting is told by as often.
        r"|set\ fire\ to|set\ (?:[\w-]+\ ){1,3}?(?:on\ fire|ablaze|alight)|torch(?:ed|ing)"
        r"|burn(?:t|ed)\ down"
        r"|arson(?:\ attacks?)?|firebomb(?:ed|ing|ings)?"
        r"|burning\ of\ (?:the\ )?(?:[A-Z][\w-]*\ )*?(?:[A-Z][\w-]*|shops|homes|houses|villages?)"
        # A shooting only as an attack on people: "gunmen" need not be named,
        # but the noun alone is also a film's or a match's ("shooting at
        # goal"), so a mass, deadly or venue shooting, or one dated by its day.
        r"|(?:mass|deadly|fatal)\ shootings?|shooting\ (?:attack|spree)s?"
        r"|(?:drive-by|street-corner|gang-related|gangland)\ shootings?"
        # A shooting told by its toll: "the shooting on Fox Hill Road that
        # left three men dead", "the shooting at the depot which killed two".
        r"|shootings?\ (?:(?:on|at|in|near|outside)\ (?:[\w-]+\ ){1,4}?)?(?:that|which)\ "
        r"(?:left\ (?:[\w-]+\ ){1,3}?dead|killed)"
        # A person "hit by gunfire" (or "by a bullet"), not by a car.
        r"|(?:hit|struck)\ by\ (?:gunfire|a\ bullet|bullets|(?:a\ )?stray\ bullets?)"
        r"|shootings?\ (?:at|on|aboard|in)\ (?:a|an|the)\ (?:[\w-]+\ )?"
        r"(?:tavern|bar|pub|shebeen|nightclub"
        r"|school|church|mosque|market|party|restaurant|shop|store|bus|taxi\ rank|checkpoint"
        r"|wedding|funeral|dance|housing\ estate)"
        # A shooting's toll: "the weekend shooting ... death toll".
        r"|shootings?\ death\ toll|death\ toll\ from\ the\ (?:[\w-]+\ ){0,2}?shootings?"
        r"|(?:day|night|weekend|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
        r"['’]s\ shootings?",
        1,
    ),
)

_COMPILED = [
    (rule, re.compile(rf"(?<![\w-])(?:{rule.pattern})(?![\w])", re.VERBOSE)) for rule in RULES
]
#: One pass over the whole text to find the sentences worth reading at all.
#: Matched on `fold_first(sentence)`; a pre-filter, so it may accept more than
#: `find_trigger` does, never less.
TRIGGER_SCAN = re.compile("|".join(rf"(?:{rule.pattern})" for rule in RULES), re.VERBOSE)

#: Literal pieces at least one of which is inside every text `TRIGGER_SCAN`
#: matches (with the first letter folded): found for a whole article in one
#: Aho-Corasick pass, so the costly regex runs only on the few sentences that
#: hold one. A trigger added to `RULES` needs its stem here;
#: tests/incidents/test_incidents_speed.py checks the two agree.
STEMS: tuple[str, ...] = (
    # suicide bombs, grenades
    "suicide", "blew", "grenade",
    # explosives
    "bomb", "IED", "improvised", "mine", "explos", "booby", "device", "explod",
    "blast", "detonat", "drone", "pager",
    # abductions
    "abduct", "kidnap", "hostage", "disappeared", "holding",
    # disrupted weapons use
    "shot", "intercept", "defused", "destroyed",
    # air and drone strikes
    "air strike", "air raid", "air attack", "airstrike", "warplane", "fighter jet", "jets",
    "aircraft", "helicopter gunship", "raids", "UAV", "Shahed",
    # shelling, artillery, missiles
    "shell", "artillery", "mortar", "rocket", "missile", "Katyusha", "barrage", "projectile",
    # clashes
    "clash", "fighting", "fought", "battle", "firefight", "exchanged fire", "gunfight",
    "shootout", "shoot-out", "of fire", "gunfire",
    # attacks
    "attack", "stormed", "opened fire", "gunned down", "ambush", "massacre", "assault",
    "raided", "killing spree", "stabbed", "executed", "strike", "struck",
    # arson, shootings
    "set fire", "on fire", "ablaze", "alight", "torch", "burnt down", "burned down",
    "arson", "firebomb", "shooting", "double", "triple", "quadruple",
    "burning of",
)  # fmt: skip


def _stem_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for stem in STEMS:
        # As written, and capitalised for a sentence's first word.
        for form in {stem, stem[:1].upper() + stem[1:]}:
            automaton.add_word(form, len(form))
    automaton.make_automaton()
    return automaton


_STEMS = _stem_automaton()


def stem_positions(text: str) -> list[int]:
    """Start offsets of every trigger stem in `text`, in order (one pass)."""
    return sorted({end - length + 1 for end, length in _STEMS.iter(text)})


def may_trigger(positions: Sequence[int], start: int, end: int) -> bool:
    """True when a stem from `stem_positions` starts inside `[start, end)`."""
    i = bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


def fold_first(sentence: str) -> str:
    """The sentence with its first letter lower-cased: a trigger that opens a sentence
    is capitalised ("Fighting broke out"); elsewhere a capital means a name ("the
    Houston Rockets"), so only the first letter folds."""
    return sentence[:1].lower() + sentence[1:]


@dataclass(frozen=True, slots=True)
class Trigger:
    """The word that made a sentence an incident report, with its type."""

    sub_event_type: str
    start: int
    end: int
    text: str
    strength: int


#: An event named only to date this one: "a few hours after the car bomb in
#: neighbouring Budva", "days before a shooting in Kotor".
_ANOTHER_EVENT = re.compile(
    r"\b(?:hours|days|minutes|weeks)\ (?:after|before)\ (?:the|a|an)\ (?:[\w-]+\ ){0,2}$"
)


#: ... but one told with its own toll is reported, when the sentence tells
#: of nothing else: "miners were back at the pit two days after the clashes
#: with police in which six people died".
_ITS_TOLL = re.compile(
    r"(?:\ [\w-]+){0,4}?,?\ (?:in\ which|that|which)\ (?:[\w-]+\ ){0,4}?"
    r"(?:died|dead|were\ killed|killed)\b"
)


def _another_event(sentence: str, start: int, end: int) -> bool:
    return (
        _ANOTHER_EVENT.search(sentence, max(0, start - 60), start) is not None
        and _ITS_TOLL.match(sentence, end) is None
    )


def find_trigger(sentence: str) -> Trigger | None:
    """The deciding trigger in a sentence, or None."""
    best: Trigger | None = None
    folded = fold_first(sentence)
    for rule, pattern in _COMPILED:
        match = next(
            (
                m
                for m in pattern.finditer(folded)
                if not is_figurative(folded, *m.span()) and not _another_event(folded, *m.span())
            ),
            None,
        )
        if match is None:
            continue
        if rule.sub_event_type == "Armed clash" and not clash_is_armed(sentence):
            continue
        found = Trigger(
            rule.sub_event_type,
            match.start(),
            match.end(),
            sentence[match.start() : match.end()],
            rule.strength,
        )
        if (
            best is None
            or found.strength > best.strength
            or (found.strength == best.strength and found.start < best.start)
        ):
            best = found
    if (
        best is not None
        and best.strength == 2
        and best.text.lower().startswith("bomb")
        and (fired := _BOMBS_FIRED.search(sentence)) is not None
    ):
        # "bombs fired by the M23 fell on the camp", "planes dropped bombs":
        # shells or aircraft, not a planted bomb.
        dropped = "drop" in fired.group()
        kind = "Air/drone strike" if dropped else "Shelling/artillery/missile attack"
        return Trigger(kind, best.start, best.end, best.text, 3)
    if best is not None and best.sub_event_type == "Attack":
        # A generic "strike" or "struck" is an air strike when aircraft or a
        # state's military is the subject; "hit" alone needs a weapon to count.
        if best.text.startswith(("strike", "struck")) and re.search(
            r"\b(?:US|U\.S\.|United\ States|Britain|British|UK|Israeli?|American|Russian|Turkish"
            r"|Turkey"
            r"|Saudi|coalition|air\ force|warplanes|aircraft)\b",
            sentence[: best.start],
        ):
            return Trigger("Air/drone strike", best.start, best.end, best.text, 3)
    return best


_BOMBS_FIRED = re.compile(
    r"(?i:bombs?)\ (?:[\w-]+\ ){0,4}?(?:fired|fell|dropped|rained|were\ dropped|landed)\b"
    r"|\b(?:fired|dropped|dropping|firing|launched)\ (?:[\w-]+\ ){0,3}?bombs?\b"
)
