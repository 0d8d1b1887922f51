"""The benchmark harness runs and the corpus generator is deterministic.

No timing is asserted here: figures belong in `python -m bench`, not in tests.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from bench import corpus_gen
from bench.report import Row, percentile, render
from bench.tasks.cold import top_imports
from bench.tasks.queries import COMMON_PHRASES, SHORT_PREFIXES, make_queries, typing_keystrokes

REPO = Path(__file__).resolve().parents[2]


def _digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_generator_is_byte_identical_for_a_size_and_seed(tmp_path: Path) -> None:
    a = corpus_gen.write_corpus(tmp_path / "a", 40, seed=7, source=corpus_gen.SEEDS)
    b = corpus_gen.write_corpus(tmp_path / "b", 40, seed=7, source=corpus_gen.SEEDS)
    assert _digest(a) == _digest(b)
    assert len(_digest(a)) == 40
    c = corpus_gen.write_corpus(tmp_path / "c", 40, seed=8, source=corpus_gen.SEEDS)
    assert _digest(a) != _digest(c)


def test_generated_articles_look_like_articles(tmp_path: Path) -> None:
    folder = corpus_gen.write_corpus(tmp_path / "g", 20, seed=1, source=corpus_gen.SEEDS)
    for path in folder.rglob("*.txt"):
        title, blank, body = path.read_text("utf-8").partition("\n\n")
        assert title.strip() and "\n" not in title
        assert len(body.split()) >= 50
        assert path.parent.parent == folder  # <category>/<slug>.txt


def test_generated_corpus_is_cached(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("GLOSSATOR_BENCH_CACHE", str(tmp_path / "cache"))
    first = corpus_gen.ensure_corpus(12, seed=3, source=corpus_gen.SEEDS)
    stamp = (first / ".complete").stat().st_mtime_ns
    again = corpus_gen.ensure_corpus(12, seed=3, source=corpus_gen.SEEDS)
    assert again == first and (again / ".complete").stat().st_mtime_ns == stamp


def test_sizes_parse() -> None:
    assert corpus_gen.parse_size("10k") == 10_000
    assert corpus_gen.parse_size("250") == 250
    assert corpus_gen.parse_size("0.1m") == 100_000


def test_query_lists_are_seeded() -> None:
    samples = [
        {
            "title": "Government plans",
            "body": "The government announced spending plans "
            "for schools and hospitals across the country on Monday " * 3,
            "entity_values": {"GPE": ["Britain"]},
        },
        {
            "title": "Market rally",
            "body": "Shares rallied as investors welcomed strong "
            "profits from banks and retailers in London trading " * 3,
        },
    ]
    one = make_queries(samples, 6, seed=5)
    assert one == make_queries(samples, 6, seed=5)
    assert all(len(qs) == 6 for qs in one.values())
    assert all(q.endswith("*") for q in one["prefix"])
    # Common-word phrases and short prefixes are classes of their own, the
    # named ones first, then drawn from the sample.
    assert one["phrase_common"][:3] == list(COMMON_PHRASES)
    assert all(q.startswith('"') and q.count(" ") == 1 for q in one["phrase_common"])
    assert one["prefix_short"][:3] == list(SHORT_PREFIXES)
    assert all(len(q) == 3 and q.endswith("*") for q in one["prefix_short"])
    assert typing_keystrokes(["ab c"]) == ["a", "ab", "ab ", "ab c"]


def test_report_helpers() -> None:
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile(list(range(1, 101)), 95) == 95
    table = render([Row("search", "single", "bbc", "1 ms", "<= 50 ms", "ok", note="n")])
    assert "single [1]" in table and "[1] n" in table
    sample = "import time:       120 |        300 | whoosh.query\nimport time: 50 | 50 |   yaml\n"
    assert top_imports(sample)[0] == ("whoosh", 0.12)


def test_harness_prints_a_table(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["GLOSSATOR_BENCH_CACHE"] = str(tmp_path / "cache")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--quick",
            "--only",
            "search,stock",
            "--sizes",
            "seeds",
            "--json",
            str(tmp_path / "bench.json"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.splitlines()
    assert any(line.startswith("section") and "target" in line for line in lines)
    for cls in ("single", "and2", "phrase", "prefix", "field", "fuzzy"):
        assert any(f"{cls} p50/p95" in line for line in lines), cls
    # The new rows carry a target, a verdict and stock Whoosh's figure from the same run.
    for cls in ("phrase_common", "prefix_short"):
        row = next(line for line in lines if f"{cls} p50/p95" in line)
        assert "; stock " in row and "p95 <=" in row, row
        assert row.rstrip().endswith(("ok", "MISS")), row
    assert "failed" not in out.stdout
    assert (tmp_path / "bench.json").is_file()


def test_cli_start_runs_both_commands_with_bytecode_and_reports_them(tmp_path: Path) -> None:
    from bench import cli_start

    env = cli_start.start_env(
        {"PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": "x", "GLOSSATOR_BENCH_SHIM": "1"}, tmp_path
    )
    assert "PYTHONDONTWRITEBYTECODE" not in env and "GLOSSATOR_BENCH_SHIM" not in env
    assert env["PYTHONPYCACHEPREFIX"] == str(tmp_path / "pycache")
    line = cli_start.summary(
        {"median": {"glossator": 0.2, "stock": 0.1}, "loadavg": (1.0, 2.0, 3.0), "runs": 5}
    )
    assert "200 ms" in line and "2.00x" in line and "MISS" in line and "1.0/2.0/3.0" in line


def test_cli_start_measures_the_real_command(tmp_path: Path) -> None:
    """One timed run of each on the seeds: both print results, nothing is timed here."""
    from bench import cli_start

    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for p in sorted(corpus_gen.SEEDS.glob("*.txt")):
        (corpus / p.name).write_bytes(p.read_bytes())
    env = dict(os.environ, GLOSSATOR_CONFIG=str(tmp_path / "none.toml"))
    ix = tmp_path / "ix"
    subprocess.run(
        [sys.executable, "-m", "glossator", "index", str(corpus), "--index-dir", str(ix), "-q"],
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "-m", "bench.child", "stock", str(corpus), str(tmp_path / "st")]
        + ["--stored"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    data = cli_start.measure(corpus, ix, tmp_path / "st", env, runs=1, query="Kirkuk")
    assert len(data["times"]["glossator"]) == len(data["times"]["stock"]) == 1
    assert data["importtime"], "no -X importtime figures"
