"""Trigger sentences that report no single event: tallies over time, counts
of many events, and threatened, planned or conditional attacks."""

from __future__ import annotations

import re

from glossator.index.incidents.triggers import Trigger

__all__ = ["aggregate_kind", "is_aggregate", "is_hypothetical"]

_COUNT = (
    r"(?:several|numerous|dozens|hundreds|thousands|scores|a\ series|a\ wave|waves"
    r"|more\ than\ (?:a\ )?\w+|at\ least\ \d[\d,]*|over\ \d[\d,]*|\d[\d,]{2,}|\d{2}|twenty|thirty"
    r"|forty|fifty)"
)
#: "shot several times" is one person shot, not several events.
_AGGREGATE_COUNT = re.compile(
    rf"""
    (?<!shot\ )(?<!stabbed\ )
    \b{_COUNT}\ (?:of\ )?(?:such\ |similar\ |these\ |rocket\ and\ drone\ |drone\ and\ rocket\ )?
        (?:attacks|strikes|airstrikes|air\ strikes|raids|times|incidents|clashes|bombings|shellings
           |glide\ bombs)\b
  | \b(?i:such|these|those)\ (?:attacks|strikes|raids)\b
  | \bincrease\ in\ (?:attacks|strikes)\b
    """,
    re.VERBOSE,
)
#: A toll over years or decades ("3000 died over 30 years", "Thirty more
#: years; ... more than 3,000 civilians dead"): a war's or a campaign's
#: total, not one event's. "In ten years" and "for 20 years" are left
#: alone: "the worst attack in ten years" is one event.
_YEARS = (
    r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
    r"|thirty|forty|fifty|several|many)"
)
_SPAN = (
    rf"\b(?i:over|during|across|spanning)\ (?:the\ (?:past|last)\ )?{_YEARS}"
    rf"\ (?:more\ )?(?:years|decades)\b"
    rf"|(?<![\w-])(?i:{_YEARS})\ more\ (?:years|decades)\b"
    r"|\b(?i:decades)\ of\ (?:violence|conflict|war|fighting|terrorism|bombings|attacks)\b"
)
#: "since" an adverb ("a third victim has since died") is no period.
_AGGREGATE_PERIOD = re.compile(
    rf"""
    \b(?:have|has)\b[^.;]{{0,90}}?
      \b(?:since(?!\ (?:been|died|[a-z]+ed)\b)|so\ far|this\ (?:month|year)(?:\ alone)?)\b
  | \b(?:since|so\ far\ this)\b[^.;]{{0,90}}?\b(?:have|has)\b
  | \b(?:in\ total|a\ total\ of|since\ the\ (?:war|conflict|start))\b
  | {_SPAN}
    """,
    re.VERBOSE,
)


def aggregate_kind(sentence: str, trigger_end: int | None = None) -> str | None:
    """`period` for tallies over time ("more than 100 attacks since October"), `count`
    for counts of several events without a period ("dozens of strikes"), else None.
    With `trigger_end`, a count only counts when it is the trigger's own phrase, not a
    later clause ("..., adding that 27 clashes had taken place")."""
    if _AGGREGATE_PERIOD.search(sentence):
        return "period"
    for match in _AGGREGATE_COUNT.finditer(sentence):
        if trigger_end is None or match.start() <= trigger_end + 5:
            return "count"
    return None


def is_aggregate(sentence: str) -> bool:
    """True for counts of many events ("more than 100 attacks since October")."""
    return aggregate_kind(sentence) is not None


_HYPOTHETICAL = re.compile(
    r"\b(?:threaten(?:ed|s|ing)?\ to|vow(?:ed|s)?\ to|pledg(?:ed|es)\ to|would|will|could|might"
    r"|intend\ to|plan(?:s|ned)?\ to|if\ |warn(?:ed|s)?\ (?:of|that|against)|in\ order\ to"
    r"|aims?\ to)\b"
)


#: "it would extend the state of emergency after yesterday's attack": a
#: past event, dated or named as known, right before the trigger; the modal
#: is the response's, not the attack's ("after any attack" stays one).
_PAST_EVENT_BEFORE = re.compile(
    r"\b(?:after|following|since|over|in\ the\ wake\ of)\ (?:the\ |last\ \w+['’]s\ "
    r"|(?:yester|Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day['’]s\ )(?:[\w-]+\ ){0,2}$"
)


def is_hypothetical(sentence: str, trigger: Trigger) -> bool:
    """True when the trigger is threatened, planned or conditional, not reported."""
    if _HYPOTHETICAL.search(sentence, 0, trigger.start) is None:
        return False
    return _PAST_EVENT_BEFORE.search(sentence, max(0, trigger.start - 60), trigger.start) is None
