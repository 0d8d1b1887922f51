"""Trigger words used for something other than violence.

General news uses the words of attacks for much else: a heart attack, a
labour strike, a deal struck, a goal-scorer's strike, a politician's attack
on a policy, a denial-of-service attack, a tsunami that struck, a coal
mine, an order for aircraft, a film that bombed. On BBC
these were most of the incident records read outside conflict news. Each
test looks at the words around one trigger match, so a sentence with a
figurative use and a real one still yields the real one.
"""

from __future__ import annotations

import re

__all__ = ["clash_is_armed", "is_figurative"]

#: A clash or a battle is armed only when the sentence says so: an armed
#: side, a weapon, casualties or fighting that broke out. On BBC 59 of 64
#: clashes were a match ("Sunday's Six Nations clash"), a lawsuit ("legal
#: battle"), a market ("the battle between satellite and cable TV") or a
#: comeback ("fought back from a set down").
_CLASH_EVIDENCE = re.compile(
    r"(?i:gunmen|gunman|militants?|fighters|rebels?|insurgents?|jihadists?|attackers?"
    r"|separatists?|bandits?|terrorists?|militiamen|militias?|gangs?|extremists?|guerrillas?"
    r"|soldiers?|troops|forces|army|armed|military|police|policemen|security|gun\w*|shots?"
    r"|fire|weapons?|killed|dead|died|wounded|injured|casualties|clan|tribal|communal"
    r"|villagers|herders|protesters|front\ ?lines?|offensive)\b"
    r"|\b(?i:heavy|fierce|intense|renewed|deadly|street)\ (?:fighting|clashes|battles)\b"
    r"|\b(?i:fighting|clashes)\ (?:broke\ out|erupted|raged|continued|intensified|spread)\b"
)


def clash_is_armed(sentence: str) -> bool:
    """True when a clash sentence names an armed side, a weapon, casualties or fighting."""
    return _CLASH_EVIDENCE.search(sentence) is not None


#: Words right before an attack that make it something else.
_BEFORE_ATTACK = re.compile(
    r"(?i:heart|panic|asthma|anxiety|counter"
    r"|denial[- ]of[- ]service[\"”']?|phishing|virus|net|cyber|hacker|spam|worm|zombie|web|online"
    r"|verbal|personal|scathing|stinging|blistering|Tory|Labour|Conservative|Lib\ Dem|legal)"
    r"\ (?:[\w-]+\ )?$"
    r"|\bon\ the\ $"
)
#: And right after it. Only what a speech attacks: "an attack on the energy
#: system", "on a media office" or "on military assets" is a real one, and
#: "the attack cost 12 lives" says nothing figurative.
_AFTER_ATTACK = re.compile(
    r"^\ (?:"
    # a politician's attack: "an attack on Conservative spending plans"
    r"(?:on|against)\ (?:the\ )?(?:[\w’'-]+\ ){0,3}?(?:plans?|polic(?:y|ies)|record|proposals?"
    r"|words|comments|remarks|decision|budget|spending|claims|critics|patents|liberties"
    r"|tabloids|economy|reforms?|bill|laws?|finances|cost\ of)\b"
    # "has attacked UK policy", "to attack Mr Blair's words"
    r"|(?:the\ )?(?:[\w’'-]+\ ){0,3}?(?:plans?|polic(?:y|ies)|record|proposals?|words|comments"
    r"|remarks|decision|claims|critics)\b"
    r"|by\ (?:critics|reviewers|opponents|campaigners|the\ (?:press|media|opposition|Tories))\b"
    r"|(?:\"|“|')(?:false|desperate)\b"
    # sport: "attacking exuberance", "the attacking platform"
    r"|(?:exuberance|platform|play|football|flair|options|intent|midfielder)\b"
    r")"
)
#: A person named with a title right after an attack: in general news one
#: attacked in words ("warned that attacking Mr Campbell had brought it
#: trouble"), unless the sentence names violence or a thing of theirs hit.
_AFTER_ATTACK_PERSON = re.compile(
    r"^\ (?:on\ |against\ )?(?:Mr|Mrs|Ms|Miss|Dr)\.?\ [A-Z][\w’'-]+"
    r"(?![’']s?\ (?:convoy|home|house|car|motorcade|office|residence|vehicle|family|guards?))"
)


#: Words right before a strike (a labour dispute) or "struck" (a deal).
_BEFORE_STRIKE = re.compile(
    r"(?i:one-day|two-day|three-day|24-hour|48-hour|general|national|rail|train|tube|postal"
    r"|teachers['’]?|workers['’]?|union|hunger|pay|(?:voted?|votes|ballot(?:ed)?)\ to"
    r"|UK-wide|nationwide|civil\ servants['’]?)\ (?:[\w-]+\ )?$"
    # "were on strike", "went on strike", "Thousands join strike in Wales"
    r"|\b(?i:on|join(?:ed|s|ing)?)\ $"
    r"|(?i:deal|agreement|accord|bargain),?\ $"
)
_AFTER_STRIKE = re.compile(
    r"^,?\ (?:"
    r"(?:a|an|the)\ (?:[\w$£€.,-]+\ ){0,2}?(?:deal|agreement|accord|bargain|chord|balance"
    r"|note|tone|pact|compromise|partnership|settlement)s?\b"
    r"|gold\b|lucky\b|it\ rich\b"
    r"|called\ by\ (?:the\ )?(?:(?:[A-Z][\w-]*|and|of|for)\ ){0,6}?Unions?\b"
    r"|(?:action|ballot|vote|talks|leaders|threat|over\ (?:pay|cuts|jobs|pensions"
    r"|conditions|plans))\b"
    r")"
)
#: "stormed to his second international victory".
_AFTER_STORMED = re.compile(
    r"^\ (?:to|into)\ (?:(?:his|her|their|a|an|the)\ )?(?:[\w-]+\ ){0,2}?"
    r"(?:victory|win|title|lead|gold|final|semi-finals?|top)\b"
)
#: A disaster or a computer virus right before "struck": "natural disasters
#: that have struck the US", "in the US where viruses have struck".
_DISASTER_BEFORE = re.compile(
    r"(?i:tsunami|earthquake|quake|hurricane|cyclone|typhoon|floods?|disasters?|lightning"
    r"|recession|viruse?s?|worms?|hackers?)(?:\ (?:that|which))?(?:\ (?:has|have|had))?\ $"
)
#: A match: the sport words an attack or a strike shares a sentence with.
_SPORT = re.compile(
    r"(?i:free[- ]kicks?|penalty\ (?:kick|area|spot)|goals|scored|striker|midfielder|header"
    r"|half-time|own\ goal|defensively)\b"
)
#: Mines that are dug, not laid: "15 deep and surface mines", "output from
#: factories, mines and utilities".
_MINING = re.compile(
    r"(?i:coal|gold|copper|diamond|iron\ ore|tin|salt|uranium|mining|miners?|deep|surface"
    r"|open-?cast|factories|utilities|output|quarr\w*|collier\w*|pits?)\b"
)
#: "after a long battle with skin cancer", "has battled injury".
_AFTER_BATTLE = re.compile(
    r"^\ (?:(?:with|against)\ )?(?:[\w-]+\ ){0,2}?(?:cancer|illness|disease|leuka?emia"
    r"|injur(?:y|ies)|addiction|depression|obesity|alcoholism)\b"
)
_WARRANTS = re.compile(r"\bwarrants?\ (?:were|was|have\ been|had\ been)\ $")


#: "the gadget explosion", "the explosion in consumer technology".
_BEFORE_EXPLOSION = re.compile(
    r"(?i:gadget|traffic|population|data|price|growth|sales|demand|popularity|consumer|digital"
    r"|internet|online|broadband|creative)\ $"
)
_AFTER_EXPLOSION = re.compile(
    r"^\ (?:in|of)\ (?:[\w-]+\ ){0,3}?(?:technology|traffic|growth|sales|demand|popularity"
    r"|interest|use|usage|numbers?|activity|gadgets|devices|services)\b"
)
#: A bomb that was only feared: "a bomb scare during the game".
_AFTER_BOMB = re.compile(r"^\ (?:scare|threat|hoax|alert)s?\b")
#: "the film bombed", "it's not rocket science", "Nadal blasts a forehand".
_BEFORE_BOMBED = re.compile(r"(?i:film|movie|show|album|play|single|sequel|it)\ $")
_AFTER_ROCKET = re.compile(r"^\ science\b")
_AFTER_BLAST = re.compile(
    r"^\ (?:a|an|the|his|her)\ (?:[\w-]+\ )?(?:forehand|backhand|serve|volley|return|shot|ace"
    r"|drive)\b"
)
#: Aircraft bought, ordered, made or delivered: "a firm order for 30 of the
#: aircraft", "deliveries of the aircraft will begin", "aircraft maker Airbus".
_AIRCRAFT = re.compile(r"(?:aircraft|jets|warplanes?|fighter\ jets?)", re.IGNORECASE)
_AIRCRAFT_TRADE = re.compile(
    r"(?i:orders?\ for|buy|buying|bought|purchases?|purchased|purchasing|deliveries"
    r"|maker|makers|manufacturers?|airlines?|subsidies|sales|sell|selling|lease|leased"
    r"|leasing)\b"
)
#: Word -> (the words right before it, right after it) that make it no violence.
_AROUND: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]] = {
    "explosion": (_BEFORE_EXPLOSION, _AFTER_EXPLOSION),
    "bomb": (None, _AFTER_BOMB),
    "bombed": (_BEFORE_BOMBED, None),
    "rocket": (None, _AFTER_ROCKET),
    "blasts": (None, _AFTER_BLAST),
}


def _around(word: str, sentence: str, before: int, start: int, after: str) -> bool:
    head, tail = _AROUND[word]
    return bool(
        (head is not None and head.search(sentence, before, start))
        or (tail is not None and tail.match(after))
    )


def is_figurative(sentence: str, start: int, end: int) -> bool:
    """True when the trigger at `sentence[start:end]` is not violence."""
    word = sentence[start:end].lower()
    before = max(0, start - 40)
    after = sentence[end : end + 90]
    if word.startswith(("attack", "assault")):
        if _BEFORE_ATTACK.search(sentence, before, start) or _AFTER_ATTACK.match(after):
            return True
        if _AFTER_ATTACK_PERSON.match(after) and not clash_is_armed(sentence):
            return True
    elif word.startswith(("strike", "struck")):
        if _BEFORE_STRIKE.search(sentence, before, start) or _AFTER_STRIKE.match(after):
            return True
        if _DISASTER_BEFORE.search(sentence, before, start):
            return True
    elif word == "stormed":
        return _AFTER_STORMED.match(after) is not None
    elif word.startswith("battle"):
        return _AFTER_BATTLE.match(after) is not None
    elif word in ("mine", "mines"):
        return _MINING.search(sentence) is not None
    elif word == "executed":
        return _WARRANTS.search(sentence, before, start) is not None
    elif word in _AROUND:
        return _around(word, sentence, before, start, after)
    elif _AIRCRAFT.fullmatch(word):
        return _AIRCRAFT_TRADE.search(sentence) is not None
    else:
        return False
    return _SPORT.search(sentence) is not None
