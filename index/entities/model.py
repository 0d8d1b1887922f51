"""The entity value and the candidate spans the recogniser layers produce."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from glossator.index.labels import LABELS

__all__ = ["LABELS", "Candidate", "Entity", "Layer"]


@dataclass(frozen=True, slots=True)
class Entity:
    """A recognised name: `text == article_text[start:end]`, `label` in LABELS.

    `canonical` is the name this mention counts toward when it differs from
    what was written ("Blair" after "Tony Blair", a watchlist alias), else
    None; see `aliases.py`.
    """

    start: int
    end: int
    text: str
    label: str
    canonical: str | None = None

    @property
    def name(self) -> str:
        """The canonical name, or the written text with its spacing made single."""
        return self.canonical if self.canonical is not None else " ".join(self.text.split())

    def to_dict(self) -> dict[str, Any]:
        """The entity as a plain dict `{start, end, text, label, canonical}`."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "canonical": self.canonical,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        """Inverse of `to_dict`."""
        canonical = data.get("canonical")
        return cls(
            int(data["start"]),
            int(data["end"]),
            str(data["text"]),
            str(data["label"]),
            None if canonical is None else str(canonical),
        )


class Layer(IntEnum):
    """Who proposed a span. When spans overlap the higher layer wins, then the longer span."""

    FALLBACK = 1
    """Capitalised sequences labelled by weak cues (a known given name)."""
    LEXICON = 2
    """Gazetteer, dates, times, numbers and weapon terms."""
    SPECIFIC = 3
    """Rules with strong context: titles before names, facility and organisation shapes,
    known organisations, later mentions of a person's surname."""
    WATCHLIST = 4
    """The analyst's own list; always wins."""


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed span before overlaps are resolved."""

    start: int
    end: int
    label: str
    layer: Layer
