"""The recogniser's data files in `index/data/`, read once per process."""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _lines(text: str) -> list[str]:
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


@cache
def read_list(name: str) -> tuple[str, ...]:
    """The entries of a one-per-line data file (comments and blanks dropped)."""
    return tuple(_lines((DATA_DIR / name).read_text(encoding="utf-8")))


@cache
def read_words(name: str) -> frozenset[str]:
    """The whitespace-separated words of a data file, as a set."""
    return frozenset(word for line in read_list(name) for word in line.split())


def _table(lines: list[str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in lines:
        name, _, label = line.partition("\t")
        if label:
            table[name] = label.strip()
    return table


@cache
def gazetteer() -> dict[str, str]:
    """Place and group names -> GPE/LOC/NORP (built by `build_gazetteer`)."""
    raw = gzip.decompress((DATA_DIR / "gazetteer.tsv.gz").read_bytes()).decode("utf-8")
    # The built file is clean name<TAB>label lines, so no per-line checks.
    return dict(line.split("\t", 1) for line in raw.splitlines())  # type: ignore[misc]


@cache
def known_names() -> dict[str, str]:
    """Known organisations and facilities -> ORG/FAC."""
    return _table(list(read_list("known_names.tsv")))
