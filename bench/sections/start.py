"""Processes that start: a cold interpreter, `glossator search`, and the app's own benchmark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench import corpus_gen
from bench.cache import REPO
from bench.report import SKIP, Row, ms, verdict
from bench.suite import Suite
from bench.targets import TARGET_COLD_S


def _warm_index(suite: Suite) -> tuple[str, Path, Path] | None:
    """The label, corpus and built index of BBC (or the first size without it)."""
    label = "bbc" if corpus_gen.BBC.is_dir() else suite.args.sizes[0]
    corpus = suite.corpus(label)
    if corpus is None:
        return None
    ix_dir, _build, _ = suite.index_for(label, corpus)
    return label, corpus, ix_dir


def cold(suite: Suite) -> None:
    """A fresh interpreter: imports, open, first query on the warm BBC index."""
    warm = _warm_index(suite)
    if warm is None:
        return
    label, corpus, ix_dir = warm
    data = suite.child("cold", str(corpus), str(ix_dir))
    if "error" in data:
        suite.add(Row("start", "cold start", label, "-", verdict=SKIP, note=str(data["error"])))
        return
    m = data["median"]
    to_interactive = m["wall_s"]
    top = ", ".join(f"{name} {t:.0f} ms" for name, t in data["importtime"][:5])
    suite.add(
        Row(
            "start",
            "imports (tui.cli + index)",
            label,
            ms(m["import_s"]),
            note=f"-X importtime, biggest: {top}",
        )
    )
    suite.add(Row("start", "open index + searcher", label, ms(m["open_s"])))
    suite.add(Row("start", "first query", label, ms(m["query_s"])))
    suite.add(
        Row(
            "start",
            "process start to first results",
            label,
            ms(to_interactive),
            f"<= {TARGET_COLD_S:g} s",
            verdict(to_interactive <= TARGET_COLD_S),
            note="wall time of `python -c ...` incl. interpreter start; median of 3; "
            "the app's own screen is measured by bench/app_bench.py",
            data=data,
        )
    )


def cli(suite: Suite) -> None:
    """`glossator search` as a process on the warm BBC index, beside a stock script."""
    from bench.cli_start import TARGET_S, measure

    warm = _warm_index(suite)
    if warm is None:
        return
    label, corpus, ix_dir = warm
    data = measure(corpus, ix_dir, suite.stock_index_for(label, corpus), suite.env())
    ours, stock = data["median"]["glossator"], data["median"]["stock"]
    top = ", ".join(f"{name} {t:.0f} ms" for name, t in data["importtime"][:5])
    suite.add(
        Row(
            "start",
            "glossator search: start to printed results",
            label,
            f"{ms(ours)} (stock Whoosh script {ms(stock)}, {ours / stock:.2f}x)",
            f"<= {ms(TARGET_S)}",
            verdict(ours <= TARGET_S),
            note=f"median of {data['runs']}, alternating; bench/cli_start.py; "
            f"-X importtime, biggest: {top}",
            data=data,
        )
    )


def app(suite: Suite) -> None:
    """The colleague-owned app benchmark, when it exists: its output, verbatim."""
    script = REPO / "bench" / "app_bench.py"
    if not script.is_file():
        if "app" in suite.args.only_explicit:
            suite.add(
                Row(
                    "app",
                    "bench/app_bench.py",
                    "-",
                    "-",
                    verdict=SKIP,
                    note="bench/app_bench.py does not exist yet",
                )
            )
        return
    try:
        out = subprocess.run(
            [sys.executable, "-m", "bench.app_bench"],
            cwd=REPO,
            env=suite.env(),
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        text = out.stdout.strip() or out.stderr.strip()[-2000:]
    except subprocess.TimeoutExpired:
        text = "bench/app_bench.py ran over 600 s"
    suite.raw["app_bench"] = text
    suite.add(Row("app", "bench/app_bench.py", "-", "see below the table"))
