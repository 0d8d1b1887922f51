"""Gold story and event groups (tests/stories/gold) and their pairwise scores.

A gold document is written out or made from a BBC article with edits
(tests/stories/gold/README.md). Scores count pairs of documents: a story
pair is two documents in one story, an event pair two reports (documents
with an `events` key) sharing an event.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from glossator.index.stories.grouping import Grouping


@dataclass(frozen=True, slots=True)
class GoldDoc:
    id: str
    text: str
    story: str
    events: frozenset[str] | None
    #: True for an unedited copy of a BBC article.
    exact: bool
    source_file: str | None


def _edit(text: str, spec: dict[str, Any], where: str) -> str:
    title, _, body = text.partition("\n")
    for old, new in spec.get("replace", []) or []:
        if old not in body:
            raise ValueError(f"{where}: {old!r} is not in the article")
        body = body.replace(old, new)
    if (frac := spec.get("truncate")) is not None:
        cut = int(len(body) * float(frac))
        end = max(body.rfind(". ", 0, cut), body.rfind(".\n", 0, cut))
        body = body[: end + 1 if end > 0 else cut] + "\n"
    if spec.get("title"):
        title = str(spec["title"])
    if spec.get("prefix"):
        stripped = body.lstrip("\n")
        body = body[: len(body) - len(stripped)] + str(spec["prefix"]) + stripped
    return f"{title}\n{body}"


def load_gold(folder: Path, bbc: Path) -> list[GoldDoc]:
    """The documents of every YAML file in `folder`, texts made."""
    docs = []
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        for spec in data.get("documents", []):
            where = f"{path.name}: {spec.get('id')}"
            if "from" in spec:
                text = _edit((bbc / spec["from"]).read_text("utf-8"), spec, where)
                exact = not any(k in spec for k in ("replace", "truncate", "title", "prefix"))
            else:
                text = str(spec["text"])
                exact = False
            head = [f"{k}: {spec[k]}" for k in ("date", "source") if spec.get(k)]
            if head:
                text = "---\n" + "\n".join(head) + "\n---\n" + text
            events = spec.get("events")
            docs.append(
                GoldDoc(
                    str(spec["id"]),
                    text,
                    str(spec.get("story") or f"alone:{spec['id']}"),
                    frozenset(events) if events is not None else None,
                    exact,
                    spec.get("from"),
                )
            )
    return docs


def write_corpus(docs: Iterable[GoldDoc], folder: Path) -> None:
    """One article file per document, named by its id."""
    folder.mkdir(parents=True, exist_ok=True)
    for d in docs:
        (folder / f"{re.sub(r'[^A-Za-z0-9_-]', '_', d.id)}.txt").write_text(d.text, "utf-8")


def article_id(doc: GoldDoc) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", doc.id) + ".txt"


@dataclass(frozen=True, slots=True)
class PairScore:
    tp: int
    fp: int
    fn: int
    false_pairs: tuple[tuple[str, str], ...]
    missed_pairs: tuple[tuple[str, str], ...]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(gold: dict[str, bool], predicted: dict[str, bool]) -> PairScore:
    tp = fp = fn = 0
    false, missed = [], []
    for key in gold:
        g, p = gold[key], predicted[key]
        a, b = key.split("\x00")
        if g and p:
            tp += 1
        elif p:
            fp += 1
            false.append((a, b))
        elif g:
            fn += 1
            missed.append((a, b))
    return PairScore(tp, fp, fn, tuple(false), tuple(missed))


def score(docs: list[GoldDoc], grouping: Grouping) -> dict[str, Any]:
    """Story and event pair scores, and the two hard rules' failures."""
    story = {
        d.id: grouping.story_of[aid].id if (aid := article_id(d)) in grouping.story_of else d.id
        for d in docs
    }
    events: dict[str, set[str]] = {d.id: set() for d in docs}
    doc_of = {article_id(d): d.id for d in docs}
    for event in grouping.events:
        for aid in event.articles:
            if aid in doc_of:
                events[doc_of[aid]].add(event.id)
    gold_s, pred_s, gold_e, pred_e = {}, {}, {}, {}
    exact_missed, same_place_joined = [], []
    for a, b in itertools.combinations(docs, 2):
        key = f"{a.id}\x00{b.id}"
        gold_s[key] = a.story == b.story
        pred_s[key] = story[a.id] == story[b.id]
        if a.exact and b.exact and a.source_file == b.source_file and not pred_s[key]:
            exact_missed.append((a.id, b.id))
        if a.events is not None and b.events is not None:
            gold_e[key] = bool(a.events & b.events)
            pred_e[key] = bool(events[a.id] & events[b.id])
            if a.events and b.events and not gold_s[key] and pred_s[key]:
                same_place_joined.append((a.id, b.id))
    return {
        "story": _pairs(gold_s, pred_s),
        "event": _pairs(gold_e, pred_e),
        "exact_missed": exact_missed,
        "distinct_joined": same_place_joined,
    }
