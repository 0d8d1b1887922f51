"""A reprint made from a seed, for the stories tests (a uniquely named module)."""

from __future__ import annotations

from pathlib import Path

#: A reprint of 002 under a new headline that says four were killed, not five.
REPRINT = "900_kirkuk_reprint.txt"


def add_reprint(corpus: Path) -> Path:
    """Write a reprint of seed 002 into `corpus` (new headline, a toll of 4 for 5)."""
    body = (corpus / "002_45e5cc2aff789250.txt").read_text("utf-8").split("\n", 1)[1]
    for five, four in (
        ("kills 5 militants", "kills 4 militants"),
        ("killed five Iraqi", "killed four Iraqi"),
        ("said five of its members", "said four of its members"),
    ):
        assert five in body
        body = body.replace(five, four)
    path = corpus / REPRINT
    path.write_text("Wire copy: Kirkuk strike\n" + body, "utf-8")
    return path
