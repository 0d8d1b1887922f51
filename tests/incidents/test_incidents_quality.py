"""A quality floor on the dev gold set: fails when a rule change makes extraction worse.

The held-out sets are scored by `bench/incidents_eval.py`, not here, so the
tests never tempt anyone to tune rules on them.
"""

from __future__ import annotations

from pathlib import Path

from glossator.index.entities import Recogniser
from glossator.index.incidents import IncidentExtractor
from glossator.index.incidents.scoring import load_gold, score

ROOT = Path(__file__).resolve().parents[2]
FLOOR = {
    "fatalities": 0.85,
    "injured": 0.85,
    "location": 0.80,
    "actor1": 0.75,
    "sub_event_type": 0.85,
}


def test_dev_set_floor(recogniser: Recogniser, extractor: IncidentExtractor) -> None:
    docs = load_gold(
        ROOT / "tests" / "incidents" / "gold" / "dev", ROOT / "seeds", ROOT / "missing"
    )
    assert sum(len(d.incidents) for d in docs) >= 20
    result = score(
        (d, extractor.extract(d.text, recogniser.recognise(d.text), d.date)) for d in docs
    )
    assert result.precision >= 0.85, result.misses
    assert result.recall >= 0.85, result.misses
    for name, floor in FLOOR.items():
        accuracy = result.accuracy(name)
        assert accuracy is not None and accuracy >= floor, (name, accuracy, result.misses)


def test_every_gold_quote_is_in_its_text() -> None:
    gold = ROOT / "tests" / "incidents" / "gold"
    for name in ("dev", "heldout", "heldout2"):
        assert load_gold(gold / name, ROOT / "seeds", ROOT / "missing")  # raises on a bad quote
