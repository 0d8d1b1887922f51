"""Documents and schemas for the segment-writing tests."""

from __future__ import annotations

import random
from pathlib import Path

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from glossator.index.whoosh.schema import build_schema

WORDS = [f"w{i}" for i in range(60)] + ["common"] * 40


def docs(n: int) -> list[dict[str, object]]:
    rng = random.Random(7)
    docs: list[dict[str, object]] = []
    for i in range(n):
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 120)))
        docs.append({
            "id": f"doc-{i}",
            "title": f"title {i % 7} {rng.choice(WORDS)}",
            "body": body,
            "tags": ",".join(rng.sample(["a", "b-c", "d/e"], rng.randrange(0, 3))),
            "n": i,
            "blob": {"i": i},
        })  # fmt: skip
    return docs


def schemas() -> dict[str, Schema]:
    return {
        "mixed": Schema(
            id=ID(stored=True, unique=True),
            title=TEXT(stored=True, chars=True),
            body=TEXT(phrase=True),
            tags=KEYWORD(commas=True, scorable=True),
            n=NUMERIC(stored=True),
            blob=STORED(),
        ),
        "glossator": build_schema(),
    }


def segment_files(folder: Path) -> dict[str, bytes]:
    # Segment names are random; compare by what follows the name (one
    # segment each). The table of contents names the segment, so it differs.
    out = {}
    for p in folder.iterdir():
        if p.suffix == ".toc" or "WRITELOCK" in p.name:
            continue
        out[p.name.split(".", 1)[1]] = p.read_bytes()
    return out
