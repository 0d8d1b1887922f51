"""Change -> searchable: an edit by `update()`, while watching, and a tag change."""

from __future__ import annotations

import shutil

from bench.cache import copy_corpus
from bench.live import watching_rows
from bench.report import SKIP, Row, ms, verdict
from bench.suite import Suite
from bench.targets import TARGET_CHANGE_S


def incremental(suite: Suite, label: str) -> None:
    """One edited article, one tag change: until searchable."""
    src = suite.corpus(label)
    if src is None:
        return
    ix_dir, _build, _ = suite.index_for(label, src)
    slug = label.replace("/", "_")
    corpus = copy_corpus(src, suite.work / f"inc-corpus-{slug}")
    # copytree keeps mtimes (copy2), so the copied index's manifest still matches.
    idx = suite.work / f"inc-index-{slug}"
    shutil.copytree(ix_dir, idx)
    data = suite.child("incremental", str(corpus), str(idx))
    live = suite.child("watching", str(corpus), str(idx))
    edits = data["edits"]
    med = sorted(e["total_s"] for e in edits)[len(edits) // 2]
    upd = sorted(e["update_s"] for e in edits)[len(edits) // 2]
    note = ""
    if data["warm_update_changed"]:
        note = f"the copied index re-indexed {data['warm_update_changed']} articles first"
    if not all(e["found"] for e in edits):
        note = (note + "; " if note else "") + "the new word was NOT found after update()"
    suite.add(
        Row(
            "change",
            "edit one article -> searchable",
            label,
            f"{ms(med)} (update() {ms(upd)})",
            f"<= {TARGET_CHANGE_S * 1000:.0f} ms",
            verdict(med <= TARGET_CHANGE_S),
            note=note or "median of 3 edits; update() scans the corpus for changes",
            data=data,
        )
    )
    for row in watching_rows(label, live):
        suite.add(row)
    tags = data["tags"]
    if not tags:
        suite.add(
            Row(
                "change",
                "tag one article -> searchable",
                label,
                "-",
                verdict=SKIP,
                note="; ".join(data["notes"]),
            )
        )
        return
    med = sorted(t["total_s"] for t in tags)[len(tags) // 2]
    reindex = sorted(t["reindex_s"] for t in tags)[len(tags) // 2]
    found = all(t["found"] for t in tags)
    suite.add(
        Row(
            "change",
            "tag one article -> searchable",
            label,
            f"{ms(med)} (reindex() {ms(reindex)})",
            f"<= {TARGET_CHANGE_S * 1000:.0f} ms",
            verdict(med <= TARGET_CHANGE_S),
            note="SidecarStore.add_tags + Index.reindex + search tag:x; median of 3"
            + ("" if found else "; the tag was NOT found")
            + (
                ""
                if all(t["hyphen_found"] for t in tags)
                else "; a hyphenated tag (tag:bench-check-0) is NOT found"
            ),
            data=data,
        )
    )
