"""Shared steps of the incident extractor tests (a uniquely named module)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from glossator.index.incidents import Incident

#: `incidents(text, date)`: recognise, then extract (the conftest fixture).
Run = Callable[..., list[Incident]]
#: The article date most tests give: a Friday.
DATE = dt.date(2024, 3, 15)


def one(run: Run, text: str, date: dt.date | None = DATE) -> Incident:
    """The one incident `run` finds in `text` (fails when it finds another number)."""
    found = run(text, date)
    assert len(found) == 1, found
    return found[0]
