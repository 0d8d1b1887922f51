"""Find the date an incident sentence gives and resolve it against the article date.

"Tuesday" is the latest Tuesday on or before the article date ("last Tuesday"
the one before that if the article is itself dated a Tuesday); "5 August" is
the latest 5 August on or before it; "last week" and "over the weekend" give a
week, "last month" and a bare month name a month. Dates inside a reporting
clause ("..., the governor said on Tuesday") are skipped: they date the
statement, not the event.
"""

from __future__ import annotations

import datetime as dt
import re

from glossator.index.incidents.model import EventDate
from glossator.index.incidents.sentences import OPENING

__all__ = ["find_date", "resolve"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        start=1,
    )
    for name in names.split()
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DATE = re.compile(
    rf"""
    (?P<dm>\b{_DAY}\ (?:of\ )?{_MONTH}(?:,?\ (?P<y1>20\d\d))?\b)
  | (?P<md>\b{_MONTH}\ {_DAY}\b(?:,?\ (?P<y2>20\d\d))?)
  | (?P<wd>\b(?:(?P<last>[Ll]ast)\ )?{_WEEKDAY}\b(?:\ (?:night|morning|afternoon|evening))?)
  | (?P<rel>\b(?:[Ll]ast|[Tt]his|[Ee]arlier\ this)\ (?P<unit>week|month)\b)
  | (?P<weekend>\b(?:over\ the|last|at\ the)\ weekend\b)
  | (?P<day>\b(?:overnight|[Yy]esterday|[Tt]oday|[Ll]ast\ night|[Tt]his\ morning
       |[Ee]arlier\ today)\b)
  | (?P<month>\b(?:[Ii]n|[Ee]arly|[Ll]ate|[Mm]id-?|[Ss]ince)\ ?{_MONTH}(?:\ (?P<y3>20\d\d))?\b)
  | (?P<year>\bin\ (?P<y4>(?:19|20)\d\d)\b)
    """,
    re.VERBOSE,
)
#: A date right after these words dates a statement, not the event.
_REPORTING = re.compile(
    r"(?:said|says|told\ [\w ]{1,30}?|announced|reported|added|confirmed|stated|statement|"
    r"spokesman|spokesperson|comment(?:ed)?)\ (?:late\ |early\ )?(?:on\ )?$",
    re.VERBOSE,
)


def find_date(sentence: str) -> re.Match[str] | None:
    """The first date expression in `sentence` that dates the event, if any.
    A wire dateline's date ("GOMA, Feb 3 (Reuters) - ...") is when the report
    was filed: it counts only when the sentence gives no other."""
    opening = OPENING.match(sentence)
    filed = None
    for match in _DATE.finditer(sentence):
        if match.lastgroup == "month" and match.group().lower().startswith("since"):
            continue
        if _REPORTING.search(sentence, max(0, match.start() - 40), match.start()):
            continue
        if opening is not None and match.end() <= opening.end():
            filed = filed or match
            continue
        return match
    return filed


def _month_number(word: str) -> int:
    return _MONTHS[word.rstrip(".").lower()]


def _month_before(article: dt.date, month: int, year: str | None) -> int:
    if year:
        return int(year)
    return article.year if month <= article.month else article.year - 1


def resolve(match: re.Match[str], article: dt.date | None) -> EventDate | None:
    """The date `match` (from `find_date`) names, given the article date."""
    kind = match.lastgroup
    text = match.group()
    words = re.findall(r"[A-Za-z]+|\d+", text)
    explicit_year = match.group("y1") or match.group("y2") or match.group("y3") or match.group("y4")
    if article is None and not explicit_year:
        return None
    try:
        if kind in ("dm", "md"):
            day = int(re.search(r"\d+", text).group())  # type: ignore[union-attr]
            month = _month_number(next(w for w in words if w.lower().rstrip(".") in _MONTHS))
            year = (
                int(explicit_year) if explicit_year else _year_for_day(article, month, day)  # type: ignore[arg-type]
            )
            return EventDate(dt.date(year, month, day), "day")
        if kind == "month":
            month = _month_number(next(w for w in words if w.lower() in _MONTHS))
            year = _month_before(article, month, explicit_year)  # type: ignore[arg-type]
            return EventDate(dt.date(year, month, 1), "month")
        if kind == "year":
            return EventDate(dt.date(int(explicit_year), 1, 1), "year")  # type: ignore[arg-type]
    except (ValueError, StopIteration):
        return None
    assert article is not None
    if kind == "wd":
        weekday = next(_WEEKDAYS.index(w.lower()) for w in words if w.lower() in _WEEKDAYS)
        back = (article.weekday() - weekday) % 7
        if match.group("last") and back == 0:
            back = 7
        return EventDate(article - dt.timedelta(days=back), "day")
    if kind == "rel":
        unit = match.group("unit")
        last = text.lower().startswith("last")
        if unit == "week":
            then = article - dt.timedelta(days=7 if last else 0)
            return EventDate(then - dt.timedelta(days=then.weekday()), "week")
        first = article.replace(day=1)
        if last:
            first = (first - dt.timedelta(days=1)).replace(day=1)
        return EventDate(first, "month")
    if kind == "weekend":
        saturday = article - dt.timedelta(days=(article.weekday() - 5) % 7 or 7)
        return EventDate(saturday - dt.timedelta(days=saturday.weekday()), "week")
    if kind == "day":
        lowered = text.lower()
        back = 1 if lowered in ("yesterday", "last night") else 0
        return EventDate(article - dt.timedelta(days=back), "day")
    return None


def _year_for_day(article: dt.date, month: int, day: int) -> int:
    candidate = dt.date(article.year, month, day)
    return article.year if candidate <= article else article.year - 1
