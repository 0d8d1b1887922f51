"""The suite's targets, and the rows that judge a figure against its target."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from bench.report import Row, ms, percentile, verdict

#: Sizes up to this many articles are held to the small-corpus search target.
SMALL_CORPUS = 5000

TARGET_FULL_RATIO = 2.0
TARGET_TEXT_RATIO = 4.0
TARGET_FIRST_S = 2.0
TARGET_P95_SMALL_S = 0.050
TARGET_P95_LARGE_S = 0.150
#: A keystroke's answer while typing: 30 ms up to BBC size, 100 ms above (issue #17).
TARGET_TYPING_SMALL_S = 0.030
TARGET_TYPING_LARGE_S = 0.100
TARGET_COLD_S = 1.0
TARGET_CHANGE_S = 0.5
TARGET_RSS_MB = 250.0
TARGET_DISK_RATIO = 2.0
#: From this many articles the index-size target applies (the issue's 100k).
LARGE_CORPUS_DOCS = 100_000


def peer_figures(
    p95: float, stock: dict[str, Any] | None, fts: list[float] | None
) -> tuple[str, str]:
    """`; stock p95 X = Nx; FTS5 p95 Y` for a search row, and a note on skipped queries."""
    result, note = "", ""
    if stock and stock["times"]:
        stock_p95 = percentile(stock["times"], 95)
        result += f"; stock {ms(stock_p95)} ({stock_p95 / p95:.1f}x)" if p95 else ""
        if stock["skipped"]:
            note = (
                f"; stock Whoosh ran {len(stock['times'])} of "
                f"{len(stock['times']) + stock['skipped']} queries in its time budget"
            )
    if fts:
        result += f"; FTS5 {ms(percentile(fts, 95))}"
    return result, note


def index_size_row(
    label: str, build: dict[str, Any], corpus: Path, stock_bytes: int | None = None
) -> Row:
    """The index folder's size against the article text it indexes.

    The target (at most 2x the corpus) is judged from 100,000 articles up:
    below that the fixed parts (lexicons, the spelling list) dominate.
    """
    size = build["index_bytes"]
    text = corpus_text_bytes(corpus)
    ratio = size / text if text else 0.0
    stock = f", stock {stock_bytes / 1e6:.1f} MB" if stock_bytes is not None else ""
    large = build.get("docs", 0) >= LARGE_CORPUS_DOCS
    return Row(
        "disk",
        "index size",
        label,
        f"{size / 1e6:.1f} MB = {ratio:.2f}x the {text / 1e6:.1f} MB of articles{stock}",
        f"<= {TARGET_DISK_RATIO:g}x corpus" if large else "",
        verdict(ratio <= TARGET_DISK_RATIO) if large else "",
        data={"glossator": size, "corpus": text, "stock": stock_bytes},
    )


def corpus_text_bytes(corpus: Path) -> int:
    """Bytes of the article files under `corpus` (sidecars and hidden files left out)."""
    total = 0
    for root, dirs, files in os.walk(corpus):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith(".") or name.endswith((".yaml", ".yml")):
                continue
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return total


def searching_rss_row(data: dict[str, Any], label: str) -> Row:
    """Peak memory while searching, judged on what the process owns.

    Mapped index pages (RssFile) are the kernel's page cache: shared,
    reclaimable and the size of the index, so the target counts only the
    anonymous memory (RssAnon, sampled through the run); the total peak and
    the mapped pages are shown beside it.
    """
    now = data.get("rss_now", {})
    owned = data.get("rss_owned_peak_mb")
    if owned is None:  # no /proc: only the total peak is known
        result, ok = f"{data['rss_mb']:.0f} MB (total; owned not measurable here)", None
    else:
        mapped = f", {now['RssFile']:.0f} MB mapped files at exit" if "RssFile" in now else ""
        result = f"{owned:.0f} MB owned (total peak {data['rss_mb']:.0f} MB{mapped})"
        ok = owned <= TARGET_RSS_MB
    return Row(
        "memory",
        "peak RSS owned, searching",
        label,
        result,
        f"<= {TARGET_RSS_MB:g} MB",
        verdict(ok),
    )
