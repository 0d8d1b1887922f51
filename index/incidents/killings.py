"""Plain killing verbs and security operations as the weakest incident triggers.

"Gunmen killed seven" is an attack, "the crash killed two" is not: a killing
verb or a raid counts only with an armed actor or a toll beside it. Tried
only when no rule of `triggers.RULES` fires.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossator.index.incidents.triggers import Trigger, TriggerRule

__all__ = [
    "KILLING",
    "OPERATION",
    "killing_trigger",
    "may_kill",
    "may_operate",
    "operation_trigger",
]

#: Plain killing verbs ("killed", "kill", "overran") report an attack only
#: when the sentence says an armed actor did it (`killing_trigger`): alone
#: they are too common in other news ("the crash killed two", "the tsunami
#: which killed 30,000"). The weakest trigger, tried only when no rule fires.
KILLING = TriggerRule("Attack", r"kill(?:s|ed|ing)?|overr(?:an|un|uns|unning)", 0)

_KILLING = re.compile(rf"(?<![\w-])(?:{KILLING.pattern})(?![\w])", re.IGNORECASE)
#: Who kills in an attack, as news names them without a name.
_ARMED = (
    r"(?:gunmen|gunman|militants?|fighters|rebels?|insurgents?|jihadists?|attackers?"
    r"|assailants?|separatists?|bandits?|terrorists?|militiamen|militias?|gangs?|gangsters"
    r"|extremists?|guerrillas?|raiders|kidnappers|soldiers|troops|forces|gendarmes"
    r"|armed\ (?:men|group)"
    r"|(?:man|men|woman|youths?)\ armed\ with)"
)
#: An armed actor as the subject: not counted victims ("12 soldiers") and not
#: followed by a passive ("soldiers were").
_ARMED_SUBJECT = re.compile(
    rf"(?<!\d\ )(?<![a-z]teen\ )\b(?i:{_ARMED})\b(?!\ (?:were|was|had\ been|have\ been|died))"
)
_COUNTED = re.compile(
    r"(?i:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen"
    r"|[a-z]+ty|a\ dozen|several|dozens)\ (?:[\w-]+\ )?$"
)
_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|be|is|are|get|got)\ (?:(?:reportedly|allegedly|also|later)\ )?$"
)
_BY_ARMED = re.compile(
    rf"\ by\ (?:the\ |a\ |an\ |suspected\ |alleged\ )?(?:[\w-]+\ ){{0,2}}?{_ARMED}\b",
    re.IGNORECASE,
)
#: "condemned the killing of at least 15 civilians by 3R fighters": the
#: noun with its victims, then an armed agent.
_KILLING_OF_BY_ARMED = re.compile(
    rf"\ of\ [^.;]{{0,60}}?{_BY_ARMED.pattern}", re.IGNORECASE | re.VERBOSE
)
#: A passive killing and then the armed men who did it: "were killed when
#: gunmen on motorcycles fired", "killed as gunmen fire on".
_WHEN_ARMED = re.compile(
    rf"\ (?:[\w-]+\ ){{0,6}}?(?:when|as|after)\ (?:[\w-]+\ ){{0,2}}?{_ARMED}\b", re.IGNORECASE
)
#: Police force that killed: "were killed when police dispersed a crowd".
_WHEN_POLICE_FORCE = re.compile(
    r"\ (?:[\w-]+\ ){0,6}?(?:when|as|after)\ (?:the\ )?(?:riot\ )?police\ (?:[\w-]+\ )?"
    r"(?:dispersed|broke\ up|fired\ (?:on|at|into)|shot\ at|charged)\b"
)
#: "the killing of seven people at a party": the noun with counted victims
#: (two or more) is a killing, however it was done.
_KILLING_OF_COUNTED = re.compile(
    r"\ of\ (?:at\ least\ )?(?:[2-9]|\d\d+|two|three|four|five|six|seven|eight|nine|ten"
    r"|eleven|twelve|[a-z]+teen|[a-z]+ty)\ (?:[\w-]+\ )?"
    r"(?:people|civilians|villagers|men|women|youths|police(?:men)?|officers|soldiers)\b"
)
#: A killing and the weapon it was done with: "killed with two shots to
#: the head", "killed with machetes"; not "killed with his wife".
_WITH_WEAPON = re.compile(
    r"\ with\ (?:[\w-]+\ ){0,3}?(?:shots?|bullets?|gunshots?|gunfire|machetes?|knife|knives"
    r"|axes?|rifles?|guns?|pistols?|grenades?|explosives?)\b",
    re.IGNORECASE,
)
#: Blame for the killing on a group: "police said, blaming the East
#: Indonesia Mujahideen (MIT) network".
_BLAMING = re.compile(r"\bblam(?:ed|ing)\ (?:the\ )?")
_CLAIMED_KILLING = re.compile(
    r"\bclaim(?:s|ed|ing)?\ (?:responsibility\ for\ )?(?:the\ )?killings?\b", re.IGNORECASE
)


def may_kill(sentence: str) -> bool:
    """A cheap test before `killing_trigger`: the sentence has a killing verb's stem."""
    return "kill" in sentence or "Kill" in sentence or "overr" in sentence


def killing_trigger(sentence: str, actors: Sequence[tuple[int, int]] = ()) -> Trigger | None:
    """A plain killing verb as an Attack trigger, when the sentence says an
    armed actor did it: one as its subject ("Gunmen killed seven", "its
    fighters killed 13", "JNIM fighters overran"), a named group or people
    right before it (`actors`: the spans of organisation and nationality
    entities, "TPNPB killed 13"), a passive agent ("killed by the KKB",
    "killed by suspected militants", "the killing of 15 civilians by 3R
    fighters"), or a claim ("claims killing of 13")."""
    for match in _KILLING.finditer(sentence):
        start, end = match.span()
        before = sentence[:start]
        armed = False
        if _BY_ARMED.match(sentence, end) or (
            sentence.startswith(" by ", end)
            and any(s == end + 4 or s == end + 8 for s, _ in actors)
        ):
            armed = True
        elif _CLAIMED_KILLING.search(sentence, max(0, start - 40), end):
            armed = True
        elif match.group().lower() == "killing" and _KILLING_OF_BY_ARMED.match(sentence, end):
            armed = True
        elif match.group().lower() == "killing" and _KILLING_OF_COUNTED.match(sentence, end):
            armed = True
        elif (
            _WHEN_ARMED.match(sentence, end)
            or _WITH_WEAPON.match(sentence, end)
            or _WHEN_POLICE_FORCE.match(sentence, end)
        ):
            armed = True
        elif (blame := _BLAMING.search(sentence, end)) is not None and (
            _ARMED_SUBJECT.match(sentence, blame.end()) or any(s == blame.end() for s, _ in actors)
        ):
            armed = True
        elif not _PASSIVE_BEFORE.search(before[-30:]):
            clause = re.split(r"[;:]|,\ (?:who|which|after|while|as)\b", before)[-1]
            offset = start - len(clause)
            armed = any(
                not _COUNTED.search(sentence, max(0, offset + m.start() - 20), offset + m.start())
                for m in _ARMED_SUBJECT.finditer(clause)
            ) or any(start - 2 <= e <= start and s >= offset for s, e in actors)
        if armed:
            return Trigger(KILLING.sub_event_type, start, end, match.group(), KILLING.strength)
    return None


#: A security forces' raid or operation ("a police raid on a favela", "a
#: Military Police operation against drug traffickers"): an armed clash with
#: the gangs it targets, but only when the sentence counts its dead ("left
#: nine dead", "nine people were killed during"); a raid on an office or a
#: match-day operation is no incident.
_OPERATION = re.compile(
    r"\b(?i:police|military|army|security\ forces'?|troops'?)\ (?:[\w-]+\ )?"
    r"(?:raids?|operations?|incursions?)\b"
)
_OPERATION_DEAD = re.compile(
    r"\b(?:(?:left|leaving|leaves|leave)\ (?:[\w-]+\ ){1,3}?dead"
    r"|(?:were|was|been)\ (?:shot\ )?killed|death\ toll|(?:dead|killed)\ in)\b"
)
OPERATION = TriggerRule("Armed clash", _OPERATION.pattern, 0)


def may_operate(sentence: str) -> bool:
    """A cheap test before `operation_trigger`: the sentence names a raid or operation."""
    return "raid" in sentence or "peration" in sentence or "incursion" in sentence


def operation_trigger(sentence: str) -> Trigger | None:
    """A security forces' raid or operation as an Armed clash trigger, when the
    sentence counts people killed in it."""
    match = _OPERATION.search(sentence)
    if match is None or _OPERATION_DEAD.search(sentence) is None:
        return None
    start, end = match.span()
    return Trigger(OPERATION.sub_event_type, start, end, match.group(), OPERATION.strength)
