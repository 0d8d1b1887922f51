"""Edit -> searchable while the reader runs: the corpus follower, measured.

`cmd_watching` runs in its own subprocess (`python -m bench.child watching
CORPUS INDEX_DIR`): it opens a `Session` as the reader does, starts the
`CorpusFollower` (watching with watchfiles), then edits, adds and deletes
articles, each timed from the write until `Session.find` agrees. The time
covers the watcher's coalescing wait, `update_files` and a fresh searcher.
`watching_rows` turns its figures into table rows for `bench.sections.change`.
"""

from __future__ import annotations

import queue
import random
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.report import Row, ms, verdict

if TYPE_CHECKING:
    from glossator.service import Session
    from glossator.service.live import CorpusChange

TARGET_S = 0.5
#: Give up on one change after this long (it is then reported as not found).
GIVE_UP_S = 10.0
ROUNDS = 5


def _until(
    session: Session, changes: queue.Queue[CorpusChange], word: str, present: bool, t0: float
) -> dict[str, Any]:
    """Wait for follower batches until searching `word` finds it (or no longer does)."""
    batches = 0
    update_s = 0.0
    while True:
        left = GIVE_UP_S - (time.perf_counter() - t0)
        try:
            change = changes.get(timeout=max(left, 0.001))
        except queue.Empty:
            return {"total_s": None, "update_s": update_s, "batches": batches}
        batches += 1
        if change.report is not None:
            update_s += change.report.seconds
        result = session.find(word, limit=1)
        total = getattr(result, "total", 0)
        if (total > 0) == present:
            return {"total_s": time.perf_counter() - t0, "update_s": update_s, "batches": batches}


def cmd_watching(corpus: Path, index_dir: Path, rounds: int = ROUNDS) -> None:
    """Edit, add and delete `rounds` articles each under a running follower."""
    from bench.tasks.output import FIRST_QUERY, emit
    from glossator.index.corpus import find_article_files
    from glossator.service import Session
    from glossator.service.live import CorpusFollower

    session = Session.open(corpus, index_dir=index_dir)
    warm = session.update(lambda done, total: None)
    session.find(FIRST_QUERY)
    changes: queue.Queue[CorpusChange] = queue.Queue()
    follower = CorpusFollower(session, changes.put)
    follower.start()
    ready = follower.ready.wait(5)
    files = list(find_article_files(corpus))
    rng = random.Random("watching")
    out: dict[str, list[dict[str, Any]]] = {"edit": [], "add": [], "delete": []}
    try:
        for n in range(rounds):
            f = rng.choice(files)
            word = f"zqxwatchedit{n}"
            t0 = time.perf_counter()
            with open(f.path, "a", encoding="utf-8") as fh:
                fh.write(f"\nA late addition mentions {word}.\n")
            out["edit"].append(_until(session, changes, word, True, t0))
            word = f"zqxwatchadd{n}"
            path = corpus / f"watch-added-{n}.txt"
            t0 = time.perf_counter()
            path.write_text(f"Added while watching\n\nThis article mentions {word}.\n", "utf-8")
            out["add"].append(_until(session, changes, word, True, t0))
            t0 = time.perf_counter()
            path.unlink()
            out["delete"].append(_until(session, changes, word, False, t0))
    finally:
        follower.stop()
    emit(
        {
            "mode": follower.mode,
            "why_not_watching": follower.why_not_watching,
            "ready": ready,
            "warm_update_changed": warm.changed,
            **out,
        }
    )


def _median(values: list[float]) -> float | None:
    return sorted(values)[len(values) // 2] if values else None


def watching_rows(label: str, data: dict[str, Any]) -> list[Row]:
    """The `edit -> searchable (watching)` row, with adds and deletes in its note."""
    if data.get("why_not_watching"):
        return [
            Row(
                "change",
                "edit -> searchable, watching",
                label,
                "-",
                verdict="skip",
                note=f"not watching: {data['why_not_watching']}",
            )
        ]
    figures: dict[str, float | None] = {}
    missed: list[str] = []
    for kind in ("edit", "add", "delete"):
        runs = data.get(kind, [])
        times = [r["total_s"] for r in runs if r["total_s"] is not None]
        if len(times) < len(runs):
            missed.append(f"{len(runs) - len(times)} {kind}s never became searchable")
        figures[kind] = _median(times)
    edit = figures["edit"]
    update = _median([r["update_s"] for r in data.get("edit", [])])
    note = (
        f"median of {len(data.get('edit', []))}; add {ms(figures['add'])}, "
        f"delete {ms(figures['delete'])}; from the write to Session.find agreeing "
        "(coalescing wait + update_files + fresh searcher), no corpus scan"
    )
    if missed:
        note += "; " + ", ".join(missed)
    return [
        Row(
            "change",
            "edit -> searchable, watching",
            label,
            f"{ms(edit)} (update_files {ms(update)})",
            f"<= {TARGET_S * 1000:.0f} ms",
            verdict(edit is not None and edit <= TARGET_S and not missed),
            note=note,
            data=data,
        )
    ]
