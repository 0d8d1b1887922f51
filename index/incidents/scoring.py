"""Score extracted incidents against hand-labelled gold (tests/incidents/gold/).

A gold file holds `documents:`, each with `name`, the text (`text`, or
`seed_file` under the repo's seeds/, or `corpus_file` under the BBC corpus),
an optional article `date`, and `incidents:`. A gold incident has `quote` (a
substring of the reporting sentence), optional `also` quotes (other sentences
that report it), `optional: true` for borderline ones (neither credited nor
counted against), and the expected fields; a list gives accepted alternatives.

A predicted incident matches a gold one when any of its sentences overlaps any
of the gold quotes. Strings match when equal after lower-casing and dropping
punctuation and articles, or when one contains the other with at most two words
more. Missing fields mean "not stated" (None).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from glossator.index.incidents.model import Incident

__all__ = ["FIELDS", "GoldDoc", "GoldIncident", "Score", "load_gold", "score"]

FIELDS = (
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "fatalities",
    "injured",
    "event_date",
)


@dataclass
class GoldIncident:
    """One labelled incident."""

    spans: list[tuple[int, int]]
    optional: bool
    expected: dict[str, Any]


@dataclass
class GoldDoc:
    """One labelled article."""

    name: str
    text: str
    date: dt.date | None
    incidents: list[GoldIncident]


def _doc_text(raw: dict[str, Any], seeds: Path, corpus: Path) -> str | None:
    if "text" in raw:
        return str(raw["text"])
    path = seeds / raw["seed_file"] if "seed_file" in raw else corpus / raw["corpus_file"]
    if not path.exists():
        return None
    return path.read_text(encoding="utf-8")


def load_gold(directory: Path, seeds: Path, corpus: Path) -> list[GoldDoc]:
    """Every document in the gold YAML files under `directory` (missing corpus files skipped)."""
    docs: list[GoldDoc] = []
    for path in sorted(directory.glob("*.yaml")):
        for raw in yaml.safe_load(path.read_text(encoding="utf-8"))["documents"]:
            text = _doc_text(raw, seeds, corpus)
            if text is None:
                continue
            incidents = []
            for item in raw.get("incidents") or []:
                quotes = [item["quote"], *item.get("also", [])]
                spans = []
                for quote in quotes:
                    at = text.find(quote)
                    if at < 0:
                        raise ValueError(
                            f"{path.name}: {raw['name']}: quote not in text: {quote!r}"
                        )
                    spans.append((at, at + len(quote)))
                expected = {k: item.get(k) for k in FIELDS}
                if expected["event_date"] is not None:
                    expected["event_date"] = str(expected["event_date"])
                incidents.append(GoldIncident(spans, bool(item.get("optional")), expected))
            date = raw.get("date")
            docs.append(GoldDoc(raw["name"], text, date, incidents))
    return docs


def _norm(value: str) -> list[str]:
    words = re.sub(r"[^\w\s]", " ", value.lower().replace("’s", "").replace("'s", "")).split()
    return [w for w in words if w not in ("the", "a", "an")]


def _contains(big: list[str], small: list[str]) -> bool:
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


def same_value(predicted: Any, expected: Any) -> bool:
    """Whether a predicted field value matches the gold one (or one of its alternatives)."""
    options = expected if isinstance(expected, list) else [expected]
    for option in options:
        if option is None or predicted is None:
            if option is None and predicted is None:
                return True
            continue
        if isinstance(option, bool) or isinstance(option, int):
            if predicted == option:
                return True
            continue
        p, g = _norm(str(predicted)), _norm(str(option))
        if p == g:
            return True
        if p and g and abs(len(p) - len(g)) <= 2 and (_contains(p, g) or _contains(g, p)):
            return True
    return False


@dataclass
class Score:
    """Incident-level counts and per-field agreement over matched incidents."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    field_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    field_total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[str] = field(default_factory=list)
    """One line per miss, false positive and wrong field, for reading."""

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def accuracy(self, name: str) -> float | None:
        total = self.field_total[name]
        return self.field_right[name] / total if total else None


def _overlaps(a: Iterable[tuple[int, int]], b: Iterable[tuple[int, int]]) -> bool:
    blist = list(b)
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in blist)


def _value(incident: Incident, name: str) -> Any:
    value = getattr(incident, name)
    return None if value is None else (str(value) if name == "event_date" else value)


def score(pairs: Iterable[tuple[GoldDoc, list[Incident]]]) -> Score:
    """Score predicted incidents per document against the gold."""
    result = Score()
    for doc, predicted in pairs:
        used: set[int] = set()
        for gold in doc.incidents:
            match = None
            for i, incident in enumerate(predicted):
                spans = [(incident.start, incident.end), *incident.mentions]
                if i not in used and _overlaps(spans, gold.spans):
                    match = i
                    break
            quote = doc.text[gold.spans[0][0] : gold.spans[0][1]][:60]
            if match is None:
                if not gold.optional:
                    result.fn += 1
                    result.misses.append(f"MISS {doc.name}: {quote}")
                continue
            used.add(match)
            if gold.optional:
                continue
            result.tp += 1
            for name in FIELDS:
                if name == "event_date" and doc.date is None:
                    continue
                result.field_total[name] += 1
                got = _value(predicted[match], name)
                if same_value(got, gold.expected[name]):
                    result.field_right[name] += 1
                else:
                    want = gold.expected[name]
                    result.misses.append(
                        f"FIELD {doc.name} {name}: got {got!r}, want {want!r} ({quote})"
                    )
        for i, incident in enumerate(predicted):
            if i not in used:
                result.fp += 1
                result.misses.append(f"FP {doc.name}: {incident.sentence[:80]}")
    return result
