"""The trigger stem pre-filter never drops a sentence the trigger regex would read."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from glossator.index.incidents import sentences
from glossator.index.incidents.triggers import (
    TRIGGER_SCAN,
    find_trigger,
    fold_first,
    may_trigger,
    stem_positions,
)

REPO = Path(__file__).resolve().parents[2]
BBC = REPO.parent / "shared" / "corpora" / "bbc"
GOLD = Path(__file__).parent / "gold"


def _gold_texts() -> list[str]:
    texts = []
    for path in sorted(GOLD.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        docs = data if isinstance(data, list) else data.get("documents", [data])
        for doc in docs:
            if isinstance(doc, dict) and isinstance(doc.get("text"), str):
                texts.append(doc["text"])
    return texts


def _missed(texts: list[str]) -> list[str]:
    missed = []
    for text in texts:
        stems = stem_positions(text)
        for start, end in sentences(text):
            sentence = text[start:end]
            if TRIGGER_SCAN.search(fold_first(sentence)) and not may_trigger(stems, start, end):
                missed.append(sentence)
    return missed


def test_every_trigger_word_has_a_stem() -> None:
    words = (
        "suicide bomber blew himself up; hand grenade; roadside bomb; IEDs; improvised "
        "explosive device; landmines; explosion; blasts; detonated; booby-trapped; drone "
        "boat; pagers exploded; abducted; kidnapped; taken hostage; forcibly disappeared; "
        "shot down; intercepted; defused; destroyed two drones before they could; air "
        "strikes; airstrike; air raid; warplanes; fighter jets; aircraft; helicopter "
        "gunships; glide bombs; bombed; raids; UAVs; Shaheds; shelling; artillery; mortars; "
        "rockets; missiles; Katyushas; barrage; projectiles; clashed; fighting; fought; "
        "battles; gun battle; firefights; exchanged fire; attacked; stormed; opened fire; "
        "shot dead; gunned down; ambushed; massacre; assaulted; raided; killing spree; "
        "stabbed; executed; strikes; struck"
    )
    read = 0
    for phrase in words.split("; "):
        for form in (phrase, phrase[0].upper() + phrase[1:]):
            if TRIGGER_SCAN.search(fold_first(form)) and find_trigger(form) is not None:
                read += 1
                assert may_trigger(stem_positions(form), 0, len(form)), form
    assert read > 100


def test_gold_and_seed_sentences_pass_the_prefilter() -> None:
    texts = _gold_texts() + [p.read_text("utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    assert len(texts) > 10
    assert _missed(texts) == []


@pytest.mark.skipif(not BBC.is_dir(), reason="the BBC corpus is not beside the checkout")
def test_bbc_sentences_pass_the_prefilter() -> None:
    texts = [p.read_text("utf-8", errors="replace") for p in sorted(BBC.rglob("*.txt"))]
    assert _missed(texts) == []
