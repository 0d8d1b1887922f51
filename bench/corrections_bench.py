"""Time from saving an entity correction to the index answering with it, on BBC.

    .venv/bin/python bench/corrections_bench.py [--corpus PATH] [--runs N]

On a scratch copy of the corpus, indexed once: "Labour is ORG not GPE,
everywhere" (saved as the reader saves it, then the update the reader runs
in the background, then the first search that sees it), a correction in one
article, and undoing the corpus-wide one. Each is run `--runs` times
(saved, then removed again) and the median printed against the target of
issue #16 (2 s), with the load average beside it. Figures only: nothing here
is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glossator.index.engine import SearchResult  # noqa: E402
from glossator.service import Session  # noqa: E402

BBC = ROOT.parent / "shared" / "corpora" / "bbc"
TARGET_S = 2.0
#: CPU seconds of every case timed, in order (what an idle machine would take, about).
CPU: list[float] = []


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def total(session: Session, query: str) -> int:
    found = session.find(query, limit=1)
    assert isinstance(found, SearchResult), found
    return found.total


def timed(session: Session, change: Callable[[], object], query: str, want: int | None) -> float:
    """Seconds from the change being saved to `query` answering `want` hits."""
    t0, cpu0 = time.perf_counter(), time.process_time()
    change()
    report = session.update(lambda done, of: None)
    session._fresh_searcher()  # as the reader does after its background update
    got = total(session, query)
    took, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    if want is not None and got != want:
        print(f"  !! {query}: {got} hits, expected {want}", file=sys.stderr)
    print(
        f"    {took:6.3f} s wall, {cpu:6.3f} s CPU  ({report.reindexed} re-indexed, "
        f"{query} -> {got})  {load()}"
    )
    CPU.append(cpu)
    return took


def one_run(session: Session, article: str, counts: dict[str, int]) -> dict[str, float]:
    """Seconds of each case: saved (or removed) to the index answering."""
    out: dict[str, float] = {}
    ids: dict[str, str] = {}

    def save(name: str, **how: str | None) -> Callable[[], None]:
        def run() -> None:
            ids[name] = session.correct("Labour", **how).id

        return run

    print("  Labour is ORG not GPE, everywhere:")
    out["ORG not GPE, everywhere"] = timed(
        session, save("org", wrong="GPE", label="ORG"), "org:labour", counts["org"]
    )
    session.uncorrect(ids["org"])
    session.update(lambda done, of: None)
    print("  Labour is NORP not ORG, everywhere (a change the index shows):")
    out["NORP not ORG, everywhere"] = timed(
        session, save("norp", wrong="ORG", label="NORP"), "norp:labour", None
    )
    print(f"  Labour is PERSON in {article} only:")
    out["PERSON, one article"] = timed(
        session,
        save("one", wrong="NORP", label="PERSON", article=article),
        "person:labour",
        counts["person"] + 1,
    )
    session.uncorrect(ids["one"])
    session.update(lambda done, of: None)
    print("  undo NORP everywhere:")
    out["undo NORP everywhere"] = timed(
        session, lambda: session.uncorrect(ids["norp"]), "norp:labour", counts["norp"]
    )
    return out


def row(label: str, runs: list[float], cpu: list[float]) -> None:
    median, median_cpu = statistics.median(runs), statistics.median(cpu)
    verdict = "ok" if median <= TARGET_S else "over"
    print(
        f"  {label:42} median {median:6.3f} s wall ({median_cpu:6.3f} s CPU)"
        f"  target {TARGET_S:.1f} s  {verdict}  {load()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(args.corpus, corpus)
        session = Session.open(corpus)
        t0 = time.perf_counter()
        session.update(lambda done, of: None)
        print(f"indexed {corpus.name} in {time.perf_counter() - t0:.1f} s  {load()}")
        labour = total(session, "labour")
        org, gpe = total(session, "org:labour"), total(session, "gpe:labour")
        print(f"  articles with labour: {labour}; with it in ORG {org}, in GPE {gpe}")
        one = session.find("labour -person:labour", limit=1)
        assert isinstance(one, SearchResult) and one.hits
        article = one.hits[0].article_id

        counts = {
            "labour": labour,
            "org": total(session, "org:labour"),
            "norp": total(session, "norp:labour"),
            "person": total(session, "person:labour"),
        }
        runs = [one_run(session, article, counts) for _ in range(args.runs)]
        print(
            f"\ncorrections on {corpus.name} ({labour} articles mention Labour), {args.runs} runs"
        )
        cases = len(runs[0])
        for i, name in enumerate(runs[0]):
            cpu = CPU[i::cases]
            row(name + ": saved -> index answers", [r[name] for r in runs], cpu)


if __name__ == "__main__":
    main()
