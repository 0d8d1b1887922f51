"""Analysts checking one article's incidents at the same moment keep every check."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

from ann_support import ARTICLE_ID, ARTICLE_TEXT

from glossator.annotations.checks import IncidentCheck
from glossator.annotations.incidents import add_change, extracted_ids, reconcile, status_change
from glossator.annotations.store import SidecarStore

WORKERS = 6
EDITS_EACH = 12
_ctx = multiprocessing.get_context("fork")
SENTENCE = ARTICLE_TEXT.splitlines()[1]


def _record() -> dict[str, Any]:
    start = ARTICLE_TEXT.index(SENTENCE)
    return {"start": start, "end": start + len(SENTENCE), "sentence": SENTENCE,
            "sub_event_type": "Air/drone strike", "fatalities": 1}  # fmt: skip


def _writer(root: str, worker: int, barrier: Any) -> None:
    store = SidecarStore(Path(root), author=f"analyst{worker}")
    rec = _record()
    rid = extracted_ids([rec])[0]
    barrier.wait()
    for n in range(EDITS_EACH):
        made: list[IncidentCheck] = []
        if n % 3 == 0:
            # Everyone corrects the same extracted record: one check, every field kept.
            values = {"notes" if worker % 2 else "weapon": f"w{worker}"}
            change = status_change(ARTICLE_TEXT, rid, rec, store.author, status="edited",
                                   values=values, made=made)  # fmt: skip
        else:
            start = (worker * EDITS_EACH + n) % (len(ARTICLE_TEXT) - 20)
            change = add_change(ARTICLE_TEXT, start, start + 10, {"injured": n}, store.author, made)
        store.edit(ARTICLE_ID, ARTICLE_TEXT, change)
        if n % 4 == 1:
            store.add_tags(ARTICLE_ID, ARTICLE_TEXT, [f"w{worker}-t{n}"])


def test_concurrent_incident_checks_keep_every_edit(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "seeds").mkdir(parents=True)
    (root / ARTICLE_ID).write_text(ARTICLE_TEXT)
    barrier = _ctx.Barrier(WORKERS)
    procs = [_ctx.Process(target=_writer, args=(str(root), w, barrier)) for w in range(WORKERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0] * WORKERS

    sidecar = SidecarStore(root).load(ARTICLE_ID, ARTICLE_TEXT)
    added = [c for c in sidecar.incidents if c.status == "added"]
    edited = [c for c in sidecar.incidents if c.status == "edited"]
    assert len(added) == WORKERS * (EDITS_EACH - EDITS_EACH // 3)
    assert len(edited) == 1  # nobody's correction made a second check of the same sentence
    assert edited[0].fields["weapon"] in {f"w{w}" for w in range(0, WORKERS, 2)}
    assert edited[0].fields["notes"] in {f"w{w}" for w in range(1, WORKERS, 2)}
    assert len(sidecar.tags) == WORKERS * len(range(1, EDITS_EACH, 4))
    log = reconcile(ARTICLE_TEXT, [_record()], sidecar.incidents)
    assert len(log) == len(sidecar.incidents)  # the extracted record is the edited check
