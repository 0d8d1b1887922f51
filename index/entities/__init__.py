"""Named entities for glossator articles, found offline (no model download).

    >>> from glossator.index.entities import Recogniser
    >>> [(e.text, e.label) for e in Recogniser.load().recognise("Drones hit Baghdad on Tuesday.")]
    [('Drones', 'WEAPON'), ('Baghdad', 'GPE'), ('Tuesday', 'DATE')]

See docs/entities.md for the labels, span conventions and merge policy.
This package never imports textual.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from glossator.index.entities.model import LABELS, Entity
    from glossator.index.entities.recogniser import VERSION, Recogniser
    from glossator.index.entities.watchlist import WatchEntry, load_watchlist

__all__ = ["LABELS", "VERSION", "Entity", "Recogniser", "WatchEntry", "load_watchlist"]

# Imported when first asked for: the recogniser's rules cost 70 ms to import,
# and importing any module of this package (the watchlist, the gazetteer's
# case folding) ran this file first.
_HOME = {
    "LABELS": "model",
    "Entity": "model",
    "VERSION": "recogniser",
    "Recogniser": "recogniser",
    "WatchEntry": "watchlist",
    "load_watchlist": "watchlist",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
