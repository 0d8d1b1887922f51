"""A floor under recognition quality on the hand-labelled gold set."""

from __future__ import annotations

from entities_support import GOLD_DIR

from glossator.index.entities import Recogniser
from glossator.index.entities.scoring import load_gold, score


def test_gold_offsets_match_text() -> None:
    docs = load_gold(GOLD_DIR)  # raises if any gold span disagrees with its text
    assert len(docs) >= 8


def test_f1_floor(recogniser: Recogniser) -> None:
    pairs = [(doc.entities, recogniser.recognise(doc.text)) for doc in load_gold(GOLD_DIR)]
    exact = score(pairs)
    assert exact["ALL"].f1 >= 0.85, exact["ALL"]
    for label, s in exact.items():
        if s.tp + s.fn >= 5:
            assert s.f1 >= 0.70, (label, s)
