"""Named entities for glossator articles, found offline (no model download).

    >>> from glossator.index.entities import Recogniser
    >>> [(e.text, e.label) for e in Recogniser.load().recognise("Drones hit Baghdad on Tuesday.")]
    [('Drones', 'WEAPON'), ('Baghdad', 'GPE'), ('Tuesday', 'DATE')]

See docs/entities.md for the labels, span conventions and merge policy.
This package never imports textual.
"""

from __future__ import annotations

from glossator.index.entities.model import LABELS, Entity
from glossator.index.entities.recogniser import VERSION, Recogniser
from glossator.index.entities.watchlist import WatchEntry, load_watchlist

__all__ = ["LABELS", "VERSION", "Entity", "Recogniser", "WatchEntry", "load_watchlist"]
