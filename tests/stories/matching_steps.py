"""Shared steps of the story matching tests (a uniquely named module)."""

from __future__ import annotations

from typing import Any

from glossator.index.stories.matching import Record, records_of
from glossator.index.stories.rows import StoredArticle


def record(date: str | None = "2024-03-11", **fields: Any) -> Record:
    """The one record of an article dated `date` holding an air strike in
    Myanmar with `fields` over it."""
    base: dict[str, Any] = {"sub_event_type": "Air/drone strike", "country": "Myanmar"}
    base.update(fields)
    article = StoredArticle("a.txt", "h", 0, b"", date, [base])
    (rec,) = records_of(article)
    return rec


def article(name: str, *incidents: dict[str, Any]) -> StoredArticle:
    """An undated article `name` holding air strikes in Iraq with these fields."""
    base = {"sub_event_type": "Air/drone strike", "country": "Iraq"}
    return StoredArticle(name, "h", 0, b"", None, [{**base, **i} for i in incidents])
