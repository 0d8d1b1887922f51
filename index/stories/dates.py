"""The days an incident record's event may lie in, from its date and its
article's (`matching.records_of`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

__all__ = ["UNDATED_LOOKBACK_DAYS", "date_range", "earlier_period"]

#: When a record has no date of its own, the event is taken to lie this
#: many days before the article's date, up to the article's date.
UNDATED_LOOKBACK_DAYS = 3

#: A sentence that tells of bodies found or a toll updated ("found four
#: more bodies on Sunday, raising to 15 the number killed", "the toll rose
#: to 12 on Monday"): its date is the day of the finding or the update, and
#: the event itself may lie days before.
_AFTERWARDS = re.compile(
    r"\b(?:(?:found|discovered|recovered|retrieved|exhumed|pulled)\b[^.;]{0,40}\bbod(?:y|ies)\b"
    r"|bod(?:y|ies)\b[^.;]{0,40}\b(?:were|was|have\ been|has\ been|had\ been)\ "
    r"(?:found|discovered|recovered|retrieved)"
    r"|(?:raising|bringing|taking|pushing|lifting)\b[^.;]{0,30}\b(?:toll|number|tally)\b"
    r"|(?:raising|bringing|taking|pushing|lifting)\ (?:it\ )?to\ (?:\d+|[a-z]+)\ the\ number"
    r"|\btoll\b[^.;]{0,30}\b(?:rose|rises|risen|climbed|climbs|reached|reaches))",
    re.IGNORECASE,
)


def date_range(
    fields: dict[str, Any], article_date: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """The days the event may lie in: its own date when it is a day or a
    week; a month or year other than the article's ("last month", "in
    2020") when it is one; else (the article's own month or year, none)
    the days before the article's date; None when neither is known."""
    text = fields.get("event_date")
    if isinstance(text, str) and text:
        try:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                d = dt.date.fromisoformat(text)
                if _AFTERWARDS.search(str(fields.get("sentence") or "")):
                    return d - dt.timedelta(days=UNDATED_LOOKBACK_DAYS), d
                return d, d
            if re.fullmatch(r"\d{4}-W\d{2}", text):
                y, w = text.split("-W")
                start = dt.date.fromisocalendar(int(y), int(w), 1)
                return start, start + dt.timedelta(days=6)
            earlier = earlier_period(text, article_date)
            if earlier is not None:
                return earlier
        except ValueError:
            pass
    if article_date is not None:
        return article_date - dt.timedelta(days=UNDATED_LOOKBACK_DAYS), article_date
    return None


def earlier_period(text: str, article_date: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """A month ("2023-11") or year ("2020") before the article's own, as its
    first and last days; None for anything else (the article's own month or
    year says no more than the days before it)."""
    if article_date is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}", text):
        year, month = int(text[:4]), int(text[5:])
        first = dt.date(year, month, 1)
        if (year, month) >= (article_date.year, article_date.month):
            return None
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if year >= article_date.year:
            return None
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None
