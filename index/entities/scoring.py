"""Precision/recall/F1 of recognised entities against a hand-labelled gold set.

Used by `bench/entities_eval.py` and the quality floor test. The gold set is
`tests/entities/gold/*.yaml`: `text_file` plus a list of `{start, end, label, text}`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from glossator.index.entities.model import LABELS, Entity


@dataclass(frozen=True)
class GoldDoc:
    """One labelled text."""

    name: str
    text: str
    entities: list[Entity]


@dataclass(frozen=True)
class Score:
    """Counts and ratios for one label (or all)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there was nothing to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(directory: Path) -> list[GoldDoc]:
    """Every gold document in `directory`, checking that offsets match the text."""
    docs = []
    for path in sorted(directory.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        text = (directory / data["text_file"]).read_text(encoding="utf-8")
        ents = [
            Entity(e["start"], e["end"], text[e["start"] : e["end"]], e["label"])
            for e in data["entities"]
        ]
        for raw, ent in zip(data["entities"], ents, strict=True):
            if raw.get("text", ent.text) != ent.text or ent.label not in LABELS:
                raise ValueError(f"{path.name}: bad gold entity {raw}")
        docs.append(GoldDoc(path.stem, text, ents))
    return docs


def _overlaps(a: Entity, b: Entity) -> bool:
    return a.label == b.label and a.start < b.end and b.start < a.end


def score(
    pairs: Iterable[tuple[list[Entity], list[Entity]]], *, overlap: bool = False
) -> dict[str, Score]:
    """Per-label and overall ("ALL") scores for (gold, predicted) pairs.

    Exact: same start, end and label. Overlap: same label and any shared character
    (each gold and each predicted entity is matched at most once).
    """
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for gold, predicted in pairs:
        if overlap:
            unmatched = list(gold)
            for pred in predicted:
                hit = next((g for g in unmatched if _overlaps(g, pred)), None)
                if hit is None:
                    fp[pred.label] += 1
                else:
                    unmatched.remove(hit)
                    tp[pred.label] += 1
            for g in unmatched:
                fn[g.label] += 1
        else:
            gold_set = {(e.start, e.end, e.label) for e in gold}
            pred_set = {(e.start, e.end, e.label) for e in predicted}
            for _, _, label in pred_set & gold_set:
                tp[label] += 1
            for _, _, label in pred_set - gold_set:
                fp[label] += 1
            for _, _, label in gold_set - pred_set:
                fn[label] += 1
    out = {label: Score(tp[label], fp[label], fn[label]) for label in LABELS}
    out["ALL"] = Score(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return out
