"""Who attacked whom, and where: the roles of an incident sentence.

All functions take one sentence and the entities inside it (offsets relative
to the sentence) and work on surface patterns: the words before the trigger
("a *Russian* missile"), the subject of the clause ("*Houthi rebels* fired"),
claims and blame ("*JNIM* claimed responsibility", "blamed on *Israel*"), the
object after the trigger ("attacked *a police checkpoint*"). The places it
names are `place_words`'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from glossator.index.entities.model import Entity

__all__ = [
    "ACTOR_NOUNS",
    "CAPS_DATELINE",
    "STOP_CAPS",
    "agent_before",
    "clash_sides",
    "passive_target",
    "claimed_actor",
    "subject_actor",
    "target_after",
]

#: Nouns that name an armed actor when no name is given ("gunmen", "militants").
ACTOR_NOUNS = frozenset(
    """army military forces troops soldiers police militia militias militiamen militants
    rebels fighters gunmen jihadists insurgents settlers attackers bomber bombers navy
    paramilitaries paramilitary guerrillas extremists men junta government""".split()
)
_ACTOR_LABELS = ("ORG", "NORP", "GPE", "PERSON")
_WORD = re.compile(r"[A-Za-z][\w’'.-]*")
_CAP_SEQ = re.compile(
    r"(?:[Aa][lnsrd][- ])?[A-Z][\w’'-]*(?:\ (?:(?:of|al|el|the|in|for"
    r"|and)\ )?(?:[Aa]l-)?[A-Z][\w’'-]*)*"
)
STOP_CAPS = frozenset(
    """A An The This That These Those It Its In On At By For From Near With After Before
    Earlier Later Separately Meanwhile Monday Tuesday Wednesday Thursday Friday Saturday
    Sunday January February March April May June July August September October November
    December Two Three Four Five Six Seven Eight Nine Ten Some One Thousands Hundreds
    Dozens Several Police Officials Residents Witnesses Rescuers Local Reuters No Heavy Fierce
    Intense Renewed Fresh Sporadic Deadly Deadliest Bloodiest Worst Latest Another Route
    Highway Kilometre""".split()
)


def _in(entities: Sequence[Entity], start: int, end: int, labels: tuple[str, ...]) -> list[Entity]:
    return [e for e in entities if e.start >= start and e.end <= end and e.label in labels]


def _with_noun(sentence: str, end: int, text: str) -> str:
    """Extend an actor name by the actor nouns right after it ("Israeli settlers")."""
    for word in sentence[end : end + 40].split(" ")[1:3]:
        if word not in ACTOR_NOUNS:
            break
        text += " " + word
    return text


def _actor_in(sentence: str, entities: Sequence[Entity], start: int, end: int) -> str | None:
    """The best actor name in `sentence[start:end]`: an organisation, a people or
    state with its noun, a capitalised name, then a bare actor noun."""
    found = _in(entities, start, end, _ACTOR_LABELS)
    for label in ("ORG", "NORP", "GPE", "PERSON"):
        for entity in found:
            if entity.label == label:
                return _with_noun(sentence, entity.end, entity.text)
    for match in _CAP_SEQ.finditer(sentence, start, end):
        text = match.group()
        words = text.split()
        while words and words[0] in STOP_CAPS:
            words.pop(0)
        if not words or (len(words) == 1 and words[0].lower() in ACTOR_NOUNS):
            continue
        name = " ".join(words)
        return _with_noun(sentence, match.end(), name)
    for match in _WORD.finditer(sentence, start, end):
        if match.group().lower() in ACTOR_NOUNS:
            before = sentence[max(start, match.start() - 25) : match.start()].split()
            prefix = before[-1] if before and before[-1][:1].isupper() else ""
            word = match.group()
            return f"{prefix} {word}".strip() if prefix not in STOP_CAPS else word
    return None


_CLAIM_BEFORE = re.compile(
    r"\b(?:has\ |have\ |later\ |also\ |quickly\ )?(?:claimed|claims|endorsed)\b"
    r"|\bsaid\ (?:it|they)\ (?:was|were|had)\ (?:behind|carried\ out)"
    r"|\bsaid\ (?:it|its\ fighters)\ (?:carried\ out|had\ targeted|targeted)",
    re.VERBOSE,
)
_CLAIM_AFTER = re.compile(
    r"\b(?:blamed\ (?:the\ (?:attack|blast|strike|killings|bombing)\ |it\ )?on|attributed\ to"
    r"|claimed\ by|blaming|blamed(?!\ (?:the\ |it\ )?on))\ (?:the\ )?",
    re.VERBOSE,
)


def claimed_actor(sentence: str, entities: Sequence[Entity]) -> str | None:
    """The actor a claim or blame names ("JNIM claimed", "blamed on Israel")."""
    match = _CLAIM_AFTER.search(sentence)
    if match is not None:
        stop = re.search(r"[,;.]|\bwhich\b|\bfor\b", sentence[match.end() :])
        end = match.end() + (stop.start() if stop else len(sentence) - match.end())
        found = _actor_in(sentence, entities, match.end(), end)
        if found:
            return found
    match = _CLAIM_BEFORE.search(sentence)
    if match is not None:
        clause = max(sentence.rfind(",", 0, match.start()), sentence.rfind(";", 0, match.start()))
        start = clause + 1 if clause >= 0 else 0
        if re.match(r"\s*(?:No|Nobody|No\ one)\b", sentence[start:]):
            return None
        # The name nearest the verb: "The al Qaeda-linked *Al-Shabaab* said it was behind".
        linked = list(
            re.finditer(r"-(?:linked|backed|aligned|allied)\b", sentence[start : match.start()])
        )
        if linked:
            start += linked[-1].end()
        return _actor_in(sentence, entities, start, match.start())
    return None


_NP_START = re.compile(
    r"(?:^|[,;(]|\b(?:a|an|the|its|their|by|on|of|with|after|when|as|in|two|three|four|five"
    r"|several)\ )"
    r"(?=[^,;(]*$)"
)


#: A word that makes the name before it a place: "Mangu *village* attack".
_PLACE_WORD_AFTER = re.compile(
    r"\ (?:village|town|city|district|county|province|state|region|area|camp|market"
    r"|neighbourhood|neighborhood|township|commune|LGA|river|lake|valley|forest|hills)\b"
)


def agent_before(sentence: str, entities: Sequence[Entity], trigger_start: int) -> str | None:
    """The actor named in front of the trigger noun ("a *US* drone strike")."""
    head = sentence[:trigger_start]
    starts = [m.end() for m in _NP_START.finditer(head)]
    start = starts[-1] if starts else 0
    dateline = CAPS_DATELINE.match(sentence)
    if dateline is not None and dateline.end() <= trigger_start:
        # "BUENOS AIRES: A taxi driver was killed": where the report was
        # filed, not who killed.
        start = max(start, dateline.end())
    if trigger_start - start > 40:
        return None
    for entity in _in(entities, start, trigger_start, ("ORG", "NORP", "GPE")):
        if _PLACE_WORD_AFTER.match(sentence, entity.end):
            # "Mangu village attack", "Bijapur district IED blast": where,
            # not who.
            continue
        text = sentence[entity.start : trigger_start].strip()
        words = [w for w in text.split() if w[:1].isupper() or w in ACTOR_NOUNS]
        # Keep the name and any actor nouns after it ("Sudanese army warplanes").
        kept = [words[0]] if words else [entity.text]
        for word in text.split()[len(entity.text.split()) :]:
            if word in ACTOR_NOUNS or word[:1].isupper():
                kept.append(word)
            else:
                break
        return " ".join(kept) if len(kept) > 1 else entity.text
    caps = [
        m
        for m in _CAP_SEQ.finditer(sentence, start, trigger_start)
        if m.group() not in STOP_CAPS and not _PLACE_WORD_AFTER.match(sentence, m.end())
    ]
    if caps:
        return caps[-1].group()
    return None


#: A dateline in capitals that opens a lead: "BUENOS AIRES: ", "PANAMA
#: CITY - ", "ISLAMABAD, March 18 (Reuters) - ", "VIENTIANE (AFP) - ".
CAPS_DATELINE = re.compile(
    r"[A-Z]{2}[A-Z'’.-]*(?:\ [A-Z]{2}[A-Z'’.-]*){0,3}(?:,\ [^()\n:]{0,30}?)?"
    r"(?:\s*\([A-Z][A-Za-z ]{1,23}\))?\s*(?::|[-–—]\ )\s*"
)


_VERB = re.compile(
    r"\b(?:fired|launched|carried\ out|attacked|struck|hit|shelled|bombed|targeted|killed|stormed"
    r"|ambushed|kidnapped|abducted|clashed|fought|seized|opened|shot|hurled|threw|blew|pushed|said"
    r"|destroyed|raided|detonated|executed|conducted|downed|gunned)\b",
    re.VERBOSE,
)
_LEAD = re.compile(r"^(?:[A-Z][^,]{0,40},\ )")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are)\ (?:\w+ly\ )?$")


_LOCATIVE = re.compile(r"\ (?:in|at|near|on|outside|across|off)\ ")


def subject_actor(sentence: str, entities: Sequence[Entity], trigger_start: int) -> str | None:
    """The actor that is the subject of the reporting clause ("*Militants* attacked ...").
    None when the subject is the event itself ("A suicide bombing in Quetta killed ...")."""
    verb = _VERB.search(sentence)
    if verb is None or _PASSIVE.search(sentence, 0, verb.start()):
        return None
    start = 0
    lead = _LEAD.match(sentence)
    if lead is not None and lead.end() < verb.start():
        start = lead.end()
    if start <= trigger_start < verb.start():
        return None
    cut = _LOCATIVE.search(sentence, start, verb.start())
    end = cut.start() if cut is not None else verb.start()
    if verb.group() == "said":
        nxt = re.match(r"\ (?:it|they)\ ", sentence[verb.end() :])
        if nxt is None:
            return None
    return _actor_in(sentence, entities, start, end)


_TARGET_CUE = re.compile(
    r"(?:[\w’'-]+\ ){0,3}?(?:on|at(?!\ (?:least|most)\b)|against|targeting|into|targeted"
    r"|attacked|struck|hit|shelled"
    r"|bombed|stormed|ambushed|kidnapped|abducted|with|killed|seized|fought)\ ",
    re.VERBOSE,
)
_NP_SKIP = re.compile(
    r"(?:(?:a|an|the|its|their|his|her|at\ least|more\ than|some|about|around|several|dozens\ of"
    r"|\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty"
    r"|thirty|forty|fifty|group\ of|crowded|popular|busy|main|local)\ )+"
)
_NP_STOP = frozenset(
    """in near at on of off outside across during from with and or but as to by for
    who which that when where while after before killing wounding injuring leaving
    was were is are had has have said sheltering used watching travelling hosting
    housing belonging setting""".split()
)


def _noun_phrase(sentence: str, start: int) -> str | None:
    skip = _NP_SKIP.match(sentence, start)
    pos = skip.end() if skip else start
    words: list[str] = []
    for raw in sentence[pos : pos + 80].split(" "):
        word = raw.strip(',;.:()“”"')
        if not word or word.lower() in _NP_STOP or len(words) >= 5:
            break
        words.append(word)
        if word != raw:
            break
    text = " ".join(words).strip(" ’'")
    if not text or text.split()[0] in STOP_CAPS:
        return None
    return text


_PASSIVE_SUBJECT = re.compile(
    r"^(?:[A-Z][^,]{0,40},\ )?(?P<subject>[^,;]{3,70}?)\ (?:was|were|had\ been"
    r"|have\ been)\ (?:\w+ly\ )?"
    r"(?:attacked|targeted|hit|struck|killed|wounded|injured|abducted|kidnapped|ambushed|shelled"
    r"|shot)\b",
    re.VERBOSE,
)


def passive_target(sentence: str, entities: Sequence[Entity]) -> str | None:
    """The victim that is the subject of a passive clause ("*Seven Americans* were wounded")."""
    match = _PASSIVE_SUBJECT.match(sentence)
    if match is None:
        return None
    start, end = match.span("subject")
    dateline = CAPS_DATELINE.match(sentence, start)
    if dateline is not None and dateline.end() < end:
        start = dateline.end()
    return _actor_in(sentence, entities, start, end) or _noun_phrase(sentence, start)


_BETWEEN = re.compile(
    r"\bbetween\ (?:the\ )?(?P<a>[^,;]{2,50}?)\ and\ (?:the\ )?(?P<b>[^,;]{2,50}?)(?=\ (?:in|near"
    r"|at|on|around|over|outside)\b|[,;.]|$)"
)
_CLASHED_WITH = re.compile(r"\b(?:clashed|fought|battled|fighting)\ (?:with\ )?(?:the\ )?")


def clash_sides(sentence: str, entities: Sequence[Entity]) -> tuple[str | None, str | None]:
    """The two sides of a clash: "fighting between *the army* and *the RSF*"."""
    match = _BETWEEN.search(sentence)
    if match is not None:
        a = _actor_in(sentence, entities, *match.span("a")) or match.group("a")
        b = _actor_in(sentence, entities, *match.span("b")) or match.group("b")
        return a, b
    match = _CLASHED_WITH.search(sentence)
    if match is not None:
        stop = re.search(r"[,;.]|\ (?:in|near|at|on)\ ", sentence[match.end() :])
        end = match.end() + (stop.start() if stop else len(sentence) - match.end())
        return None, _actor_in(sentence, entities, match.end(), end) or _noun_phrase(
            sentence, match.end()
        )
    return None, None


#: A count right after the trigger: its object ("abducted *at least 30 women*").
_COUNT_AFTER = re.compile(r"\ (?:at\ least|at\ most|more\ than|nearly|almost)\ (?:\d|[a-z]+\ )")
#: Verbs whose object is what was fired, not who was hit: the trigger itself
#: ("militants *fired* rockets") or right after it ("a drone *fired* missiles").
_FIRED = re.compile(r"(?:fired|launched|dropped|lobbed)$")
_FIRED_NEXT = re.compile(r"\ (?:fired|launched|dropped|lobbed)\b")
#: Where what was fired landed ("fired *two missiles* into *a base*").
_FIRED_AT = re.compile(
    r"\ (?:[\w’'-]+\ ){0,5}?(?:into|at(?!\ (?:least|most)\b)|on|towards?)\ ", re.VERBOSE
)


def target_after(sentence: str, trigger_end: int) -> str | None:
    """The target named after the trigger ("strike *on a school*", "attacked *a convoy*")."""
    rest = sentence[trigger_end:]
    if fired := _FIRED_NEXT.match(rest):
        trigger_end += fired.end()
        rest = sentence[trigger_end:]
    if fired or _FIRED.search(sentence[:trigger_end]):
        landed = _FIRED_AT.match(rest)
        return _noun_phrase(sentence, trigger_end + landed.end()) if landed else None
    if _COUNT_AFTER.match(rest):
        return _noun_phrase(sentence, trigger_end + 1)
    match = _TARGET_CUE.match(rest, 1 if rest.startswith(" ") else 0)
    if match is None:
        return None
    return _noun_phrase(sentence, trigger_end + match.end())


_BY = re.compile(r"\bby\ (?:a\ |an\ |the\ )?")


def by_agent(sentence: str, entities: Sequence[Entity]) -> str | None:
    match = _BY.search(sentence)
    if match is None:
        return None
    stop = re.search(r"[,;.]", sentence[match.end() :])
    end = match.end() + (stop.start() if stop else len(sentence) - match.end())
    return _actor_in(sentence, entities, match.end(), min(end, match.end() + 40))


_VICTIMS = re.compile(
    r"\b(?:killing|killed|wounding|wounded|injuring|injured)\ (?:at\ least\ |more\ than\ |some\ "
    r"|around\ )?"
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|[a-z]+teen"
    r"|[a-z]+ty)\ (?P<who>[a-z][\w-]*(?:\ [a-z][\w-]*)?)",
    re.VERBOSE,
)


def victims(sentence: str) -> str | None:
    match = _VICTIMS.search(sentence)
    if match is None:
        return None
    words = [w for w in match.group("who").split() if w not in ("and", "in", "on", "at", "near")]
    return words[0] if words else None
