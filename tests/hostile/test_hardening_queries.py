"""Queries that would never return are refused before any work starts.

A pasted page, a word of thousands of letters, `word~99`, a short word at a
large distance, a leading wildcard and a pile of wildcards are answered with
one short line saying what to change (exit 2), through the installed command
and inline in the reader; `*` answers at once. The time limit here only
proves "does not hang"; the figures are in docs/robustness.md
(`bench/query_bounds.py`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hostile_support import GLOSSATOR, assert_inert, cli_env, glossator, glossator_cpu
from tmux_driver import TYPING, Tmux, footer, needs_tmux

HOSTILE_QUERIES = {
    "pasted_page": " ".join(["government minister said"] * 200),
    "long_word": "a" * 3000,
    "huge_distance": "government~99",
    "short_fuzzy": "ab~2",
    "leading_wildcard": "*ment*",
    "many_wildcards": " OR ".join(f"{w}*" for w in ("ab", "st", "co", "pr", "re", "th")),
    "many_words": " ".join(f"word{i}" for i in range(100)),
}


@pytest.fixture(scope="module")
def small_bbc(bbc_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("q") / "corpus"
    root.mkdir()
    for path in sorted((bbc_copy / "politics").glob("*.txt"))[:120]:
        shutil.copy(path, root / path.name)
    assert glossator("index", str(root), "-q").returncode == 0
    return root


@pytest.mark.parametrize("kind", sorted(HOSTILE_QUERIES))
def test_a_query_that_would_not_return_is_refused_in_one_line(small_bbc: Path, kind: str) -> None:
    used, proc = glossator_cpu(
        "search", "--corpus", str(small_bbc), "--no-update", HOSTILE_QUERIES[kind], timeout=30
    )
    assert used < 10, f"a query kept the command busy ({used:.1f} CPU seconds)"
    assert proc.returncode == 2, proc.stdout[-300:]
    assert_inert(proc.stderr, "stderr")
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and len(lines[0]) < 300, lines


def test_star_and_bounded_expansions_still_answer(small_bbc: Path) -> None:
    for query in ("*", "title:*", "gover~2", "minist*", "elect~1 OR vot*"):
        proc = glossator("search", "--corpus", str(small_bbc), "--no-update", "--json", query)
        assert proc.returncode == 0, (query, proc.stderr)
        assert json.loads(proc.stdout)["total"] > 0, query


@needs_tmux
def test_the_reader_shows_a_pasted_page_as_an_inline_error_and_keeps_going(
    small_bbc: Path,
) -> None:
    env = cli_env(TERM="xterm-256color", GLOSSATOR_HIDE_TIMINGS="1")
    keep = {k: v for k, v in env.items() if k in ("PATH", "HOME", "GLOSSATOR_CONFIG", "TERM")}
    keep.update(GLOSSATOR_AUTHOR="tester", GLOSSATOR_HIDE_TIMINGS="1", LANG="C.UTF-8")
    tmux = Tmux("query")
    try:
        tmux.start([*GLOSSATOR, str(small_bbc)], cwd=small_bbc, env=keep)
        tmux.wait_for("articles", timeout=30)
        tmux.keys("/")
        tmux.wait_until(lambda s: TYPING in footer(s), "focus in the query box")
        tmux("send-keys", "-t", "main", "-l", "x" * 1500)
        tmux.wait_for("keep it under", timeout=20)
        tmux.keys("C-u")
        tmux("send-keys", "-t", "main", "-l", "gover~2")
        screen = tmux.wait_until(lambda s: " hit" in s, "hits after the refused query")
        alive = tmux.pane("pane_dead") == "0"
    finally:
        tmux.kill()
    assert alive, screen
