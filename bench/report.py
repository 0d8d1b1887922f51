"""Rows of figures with their targets, printed as one aligned plain-text table."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

OK = "ok"
MISS = "MISS"
SKIP = "skip"


@dataclass
class Row:
    """One line of the table: a figure next to the target it must meet."""

    section: str
    name: str
    size: str
    result: str
    target: str = ""
    verdict: str = ""
    note: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return asdict(self)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def ms(seconds: float | None) -> str:
    """Seconds as a short millisecond figure."""
    if seconds is None or math.isnan(seconds):
        return "-"
    value = seconds * 1000
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def verdict(ok: bool | None) -> str:
    """OK, MISS, or nothing when there is no target."""
    if ok is None:
        return ""
    return OK if ok else MISS


def render(rows: list[Row]) -> str:
    """The table, with notes numbered under it."""
    headers = ("section", "benchmark", "size", "result", "target", "")
    notes: list[str] = []
    cells = []
    for row in rows:
        name = row.name
        if row.note:
            notes.append(row.note)
            name = f"{name} [{len(notes)}]"
        cells.append((row.section, name, row.size, row.result, row.target, row.verdict))
    widths = [
        max(len(h), *(len(c[i]) for c in cells)) if cells else len(h) for i, h in enumerate(headers)
    ]

    def line(values: tuple[str, ...]) -> str:
        return "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [line(headers), line(tuple("-" * w for w in widths))]
    previous = None
    for c in cells:
        section = c[0] if c[0] != previous else ""
        previous = c[0]
        out.append(line((section, *c[1:])))
    if notes:
        out.append("")
        out.extend(f"[{i}] {n}" for i, n in enumerate(notes, 1))
    return "\n".join(out)
