"""Fatalities and injured counts in one sentence, as reported.

"killing at least 12 people and injuring 43" -> (12, 43); "Twenty-three
soldiers were killed and 17 wounded" -> (23, 17); "leaving 11 militants and
two soldiers dead" -> (13, None); "there were no casualties" -> (0, 0);
"no injuries" -> (None, 0); "dozens were killed" -> (None, None): only numbers
count. A hedge ("at least", "more than") keeps the number as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Counts", "count_casualties", "number_value"]

_UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_WORD = "|".join(sorted([*_UNITS, *_TENS, "a dozen", "a hundred"], key=len, reverse=True))
_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{'|'.join(_TENS)})-(?:{'|'.join(_UNITS)})|{_WORD})"
_HEDGE = (
    r"(?:at\ least|at\ most|more\ than|over|nearly|almost|about|around|some|up\ to"
    r"|as\ many\ as|roughly|an\ estimated|another)\ "
)
_KILL = r"(?:killed|killing|kills|kill|dead|died|deaths|death\ toll|lives|shot\ dead|massacred)"
_HURT = r"(?:wounded|wounding|wounds|injured|injuring|injuries|hurt|casualties)"
_NUM = re.compile(
    rf"(?<![\w$£€.,-])(?:{_HEDGE})?(?P<n>{_NUMBER})(?![\w%]|\.\d|-(?:year|month|day|week|km|mile))",
    re.IGNORECASE | re.VERBOSE,
)
#: "N <up to four words> were killed", "N dead", "N killed and M wounded".
_AFTER = re.compile(
    rf"^(?P<gap>(?:\ (?!and\b|or\b|in\b|on\b|by\b|from\b)[\w’'.-]+){{0,4}}?)"
    rf"(?:\ (?:were|was|had\ been|have\ been|has\ been|are|reportedly|also))*\ (?:(?:lightly"
    rf"|seriously|critically|badly)\ )?"
    rf"(?P<verb>{_KILL}|{_HURT})\b",
    re.IGNORECASE | re.VERBOSE,
)
#: "killing N", "killed at least N", "wounding around N", "left N dead".
_BEFORE = re.compile(
    r"\b(?P<verb>killing|killed|kills|kill|wounding|wounded|injuring|injured|wounds|shot\ dead"
    r"|gunned\ down|left|leaving)\ "
    r"(?:(?:a\ further|another|an\ additional)\ )?$",
    re.IGNORECASE | re.VERBOSE,
)
_ZERO_BOTH = re.compile(
    r"\bno\ (?:casualties|one\ was\ (?:hurt|injured|killed|harmed)|deaths?\ or\ injuries"
    r"|injuries\ or\ (?:deaths|damage)|casualties\ or\ damage)\b"
    r"|did\ not\ cause\ (?:any\ )?casualties"
    r"|without\ (?:causing\ )?casualties|no\ one\ was\ hurt|nobody\ was\ (?:hurt|injured|killed)",
    re.VERBOSE,
)
_ZERO_HURT = re.compile(
    r"\bno\ (?:injuries|one\ was\ (?:wounded|injured))\b|reported\ no\ injuries", re.VERBOSE
)
_ZERO_KILLED = re.compile(r"\bno\ (?:deaths|fatalities|one\ was\ killed)\b", re.VERBOSE)
_SINGLE = re.compile(
    rf"\b(?:{_KILL}|wounded|wounding|injured|injuring)\ (?:a|an|one|its|their|his"
    rf"|her)\ (?![\w-]+s\b)[\w-]+\b"
    # "a gunman who shot a man dead"
    rf"|\b(?P<shot>shot)\ (?:a|an|one)\ (?![\w-]+s\b)[\w-]+\ dead\b",
    re.IGNORECASE | re.VERBOSE,
)
#: "killed a commander ... and two of his guards": one plus the others.
_AND_MORE = re.compile(
    rf"[^.;]*?\band\ (?P<n>{_NUMBER})\ (?:of\ (?:his|her|their|its)\ [\w-]+|others?)\b",
    re.IGNORECASE | re.VERBOSE,
)
_SINGLE_SUBJECT = re.compile(
    r"(?:^|,\ |\.\ |:\ )(?:A|An|One)\ [^,;]{2,60}?\ was\ (?:reportedly\ )?(?P<verb>killed|wounded"
    r"|injured|shot\ dead)\b"
    # "A 14-year-old boy was stabbed to death": one killed.
    r"|(?:^|,\ |\.\ |:\ )(?:A|An|One)\ [^,;]{2,60}?\ was\ (?:reportedly\ )?"
    r"(?P<todeath>stabbed\ to\ death)\b",
    re.VERBOSE,
)


#: "one of the drones" counts drones; "seven of them" (after "killed") counts people.
_OF_THE = re.compile(r"\ of\ the\b")
#: "N passengers and shot them dead": the number is the toll.
_THEN_KILLED = re.compile(
    r"^(?:\ [\w’'-]+){0,3}\ and\ (?:then\ )?(?:shot|killed|executed|beheaded)"
    r"\ (?:them|all\ of\ them)(?:\ dead)?\b"
)

#: "..., days after four fighters were killed in a US strike": another event's toll.
_EARLIER_EVENT = re.compile(
    r"\b(?:days|weeks|months|hours|a\ day|a\ week|shortly|soon)\ after\b", re.VERBOSE
)


#: A toll risen to a number: "death toll climbs to seven", "bringing the
#: toll to three", "Toll in La Victoria fighting rises to ten soldiers".
_TOLL_TO = re.compile(
    rf"\b(?i:toll)(?!-)\b[^.;]{{0,80}}?\b(?:rises|rose|risen|climbs|climbed|reached|reaches|jumped"
    rf"|jumps|increased)\ to\ (?P<n>{_NUMBER})\b"
    rf"|\bbringing\ the\ (?:death\ )?toll\ to\ (?P<m>{_NUMBER})\b",
    re.IGNORECASE,
)


#: A number that names a road, a flight or a unit, not a count.
_NAMED_BY_NUMBER = re.compile(
    r"\b(?:Route|Highway|Road|Flight|Platform|Gate|Block|Ward|Sector|Zone|No\.?)\ $"
)


def number_value(text: str) -> int | None:
    """The integer a number phrase names: "Twenty-three" -> 23, "2,800" -> 2800."""
    word = text.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    if word in _UNITS:
        return _UNITS[word]
    if word in _TENS:
        return _TENS[word]
    if word == "a dozen":
        return 12
    if word == "a hundred":
        return 100
    if "-" in word:
        tens, _, unit = word.partition("-")
        if tens in _TENS and unit in _UNITS:
            return _TENS[tens] + _UNITS[unit]
    return None


@dataclass(frozen=True, slots=True)
class Counts:
    """Casualties in one sentence; `others` marks "N others/other people" (added on merge)."""

    fatalities: int | None = None
    injured: int | None = None
    others_killed: bool = False
    others_injured: bool = False


def _kind(verb: str) -> str:
    verb = verb.lower()
    if verb == "casualties":
        return "both"
    return "hurt" if re.fullmatch(_HURT, verb, re.VERBOSE) else "kill"


def count_casualties(
    sentence: str, skip: list[tuple[int, int]] | None = None, *, risen: bool = True
) -> Counts:
    """Fatalities and injured in `sentence`; `skip` are spans (dates, times) that hold
    numbers which are not counts. Without `risen`, a toll risen to a number
    ("toll rises to six") is not read: a headline's, which its story repeats."""
    killed: int | None = None
    hurt: int | None = None
    others_k = others_h = False
    pending: list[int] = []
    skip = list(skip or [])
    earlier = _EARLIER_EVENT.search(sentence)
    if earlier is not None:
        skip.append((earlier.start(), len(sentence)))
    for match in _NUM.finditer(sentence):
        start, end = match.span("n")
        if any(s <= start < e for s, e in skip):
            continue
        value = number_value(match.group("n"))
        if value is None or (1900 <= value <= 2100 and match.group("n").isdigit()):
            continue
        if sentence.endswith(("no ", "No "), 0, start) or _OF_THE.match(sentence, end):
            continue  # "no one was hurt", "one of the drones"
        if _NAMED_BY_NUMBER.search(sentence, max(0, start - 12), start):
            continue  # "a bus on Route 13 that killed six"
        rest = sentence[end : end + 80]
        if _THEN_KILLED.match(rest):
            # "offloaded six passengers and shot them dead"
            killed = value if killed is None else killed
            pending.clear()
            continue
        after = _AFTER.match(rest)
        before = _BEFORE.search(sentence, max(0, match.start() - 40), match.start())
        kind: str | None = None
        if before is not None and before.group("verb").lower() not in ("left", "leaving"):
            kind = _kind(before.group("verb"))
        elif after is not None and not re.search(r"\d", after.group("gap")):
            kind = _kind(after.group("verb"))
        elif re.match(r"^(?:\ [\w’'-]+){0,3}\ and\ ", rest):
            pending.append(value)
            continue
        if kind is None:
            pending.clear()
            continue
        total = value + sum(pending)
        pending.clear()
        is_others = after is not None and re.search(r"\bothers?\b", after.group("gap")) is not None
        if kind in ("kill", "both"):
            if killed is None:
                killed, others_k = total, is_others
            elif is_others:
                killed += total
        elif kind == "hurt":
            if hurt is None:
                hurt, others_h = total, is_others
            elif is_others:
                hurt += total
        if kind == "both" and hurt is None:
            hurt = total
    single = _SINGLE_SUBJECT.search(sentence) or _SINGLE.search(sentence)
    if single is not None:
        found = single.groupdict()
        shot = found.get("shot") or found.get("todeath")
        verb = "killed" if shot else (found.get("verb") or single.group()).split()[0]
        more = _AND_MORE.match(sentence, single.end()) or _AND_MORE.search(
            sentence, single.end(), single.end() + 60
        )
        extra = number_value(more.group("n")) or 0 if more else 0
        if _kind(verb) == "kill" and killed is None:
            killed = 1 + extra
        elif _kind(verb) == "hurt" and hurt is None:
            hurt = 1 + extra
    if risen and killed is None and (toll := _TOLL_TO.search(sentence)) is not None:
        killed = number_value(toll.group("n") or toll.group("m"))
    if _ZERO_BOTH.search(sentence):
        killed = 0 if killed is None else killed
        hurt = 0 if hurt is None else hurt
    if hurt is None and _ZERO_HURT.search(sentence):
        hurt = 0
    if killed is None and _ZERO_KILLED.search(sentence):
        killed = 0
    return Counts(killed, hurt, others_k, others_h)
