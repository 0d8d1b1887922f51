"""Paths and helpers shared by the entity tests (a uniquely named module, not a package)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED_FILES = sorted((REPO / "seeds").glob("*.txt"))
BBC_DIR = (REPO / ".." / "shared" / "corpora" / "bbc").resolve()
GOLD_DIR = Path(__file__).resolve().parent / "gold"


def seed_text(stem_prefix: str) -> str:
    """The text of the seed article whose file name starts with `stem_prefix`."""
    path = next(p for p in SEED_FILES if p.name.startswith(stem_prefix))
    return path.read_text(encoding="utf-8")
