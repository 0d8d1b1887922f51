"""The glossator command as a script would use it: exit codes, output, JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cli_driver import in_process

SEED = "000_a527e38b797e7e70.txt"


#: What `run` adds to the environment: a script's pipe, not a terminal.
CLI_ENV = {"COLUMNS": "100", "TERM": "dumb"}


def run(
    *args: str, cwd: Path | None = None, check: bool = False
) -> subprocess.CompletedProcess[bytes]:
    """Run the real `glossator` entry point in a subprocess."""
    env = dict(os.environ, **CLI_ENV)
    proc = subprocess.run(
        [sys.executable, "-m", "glossator", *args],
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )
    if check:
        assert proc.returncode == 0, proc.stderr.decode()
    return proc


def here(
    *args: str, cwd: Path | None = None, check: bool = False
) -> subprocess.CompletedProcess[bytes]:
    """`run`, in this process (`cli_driver.in_process`): the same `main` on the
    same arguments and environment, without the 0.3-1 s a new interpreter
    spends importing glossator.

    For the steps of a test that only need the command's output and status;
    each command family keeps tests that start the real process (`run`).
    """
    proc = in_process(args, cwd=cwd, env=CLI_ENV)
    if check:
        assert proc.returncode == 0, proc.stderr.decode()
    return proc


def test_index_reports_counts_then_nothing_to_do(seeds: Path) -> None:
    first = run("index", str(seeds), check=True)
    assert b"5 added" in first.stdout
    second = run("index", str(seeds), check=True)
    assert b"0 added, 0 updated, 0 deleted, 5 unchanged" in second.stdout


def test_search_prints_ranked_hits(seeds: Path) -> None:
    out = run("search", "--corpus", str(seeds), "Kirkuk", check=True).stdout.decode()
    assert out.lstrip().startswith("1.")
    assert "hit" in out


def test_search_json_has_the_documented_shape(seeds: Path) -> None:
    out = run("search", "--corpus", str(seeds), "--json", "airstrike", check=True).stdout
    data = json.loads(out)
    assert set(data) >= {"query", "total", "elapsed_ms", "suggestion", "hits", "facets"}
    assert data["total"] >= 1
    hit = data["hits"][0]
    assert set(hit) >= {"rank", "id", "title", "score", "tags", "snippets", "title_highlights"}
    text = (seeds / hit["id"]).read_text()
    for snip in hit["snippets"]:
        assert (
            text[snip["start"] : snip["start"] + len(snip["text"])].replace("\n", " ")
            == snip["text"]
        )


def test_search_finds_the_corpus_from_the_current_folder(seeds: Path) -> None:
    run("index", str(seeds), check=True)
    sub = seeds / "notes"
    sub.mkdir()
    out = run("search", "--json", "militia", cwd=sub, check=True).stdout
    assert json.loads(out)["total"] >= 1


def test_malformed_query_is_one_line_on_stderr_with_status_2(seeds: Path) -> None:
    proc = run("search", "--corpus", str(seeds), '"unclosed')
    assert proc.returncode == 2
    assert proc.stdout == b""
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and err.startswith("glossator: ") and "quote" in err


def test_usage_errors_are_one_line_with_status_2(seeds: Path) -> None:
    for cli, args in (
        (run, ["search"]),
        (here, ["search", "x", "--limit", "zero"]),
        (here, ["export", "--format", "pdf"]),
    ):
        proc = cli(*args)
        assert proc.returncode == 2, args
        assert proc.stderr.decode().count("\n") == 1, proc.stderr


def test_missing_corpus_is_status_1(tmp_path: Path) -> None:
    proc = run("index", str(tmp_path / "nope"))
    assert proc.returncode == 1
    assert b"not found" in proc.stderr and proc.stderr.count(b"\n") == 1


def test_misspelling_offers_a_suggestion(seeds: Path) -> None:
    data = json.loads(run("search", "--corpus", str(seeds), "--json", "militai", check=True).stdout)
    assert data["total"] == 0 and data["suggestion"] == "militia"


def test_show_json_and_path_outside_the_corpus(seeds: Path, tmp_path: Path) -> None:
    data = json.loads(run("show", str(seeds / SEED), "--json", cwd=seeds, check=True).stdout)
    assert data["id"] == SEED and data["title"].startswith("Iraq militiaman")
    (tmp_path / "outside.txt").write_text("Outside\n")
    proc = run("show", "--corpus", str(seeds), "../outside.txt")
    assert proc.returncode == 1 and b"no article" in proc.stderr


def test_show_entities_json_offsets_match_the_text(seeds: Path) -> None:
    ents = json.loads(
        run("show", str(seeds / SEED), "--entities", "--json", cwd=seeds, check=True).stdout
    )
    text = (seeds / SEED).read_text()
    assert ents
    for e in ents:
        assert set(e) == {"start", "end", "text", "label", "canonical"}
        assert text[e["start"] : e["end"]] == e["text"]
        assert e["canonical"] is None or e["canonical"] != e["text"]
    labels = {e["label"] for e in ents}
    assert {"ORG", "GPE", "WEAPON"} <= labels


def test_tag_then_search_by_tag_and_sidecar_reads_as_designed(seeds: Path) -> None:
    dry = run("tag", "--corpus", str(seeds), "drone", "--add", "airstrike", "--dry-run", check=True)
    assert b"would change" in dry.stdout
    assert not list(seeds.glob("*.yaml"))
    run("tag", "--corpus", str(seeds), "drone", "--add", "AirStrike", check=True)
    found = json.loads(
        here(
            "search", "--corpus", str(seeds), "--json", "--no-update", "tag:airstrike", check=True
        ).stdout
    )
    drone = json.loads(
        here(
            "search", "--corpus", str(seeds), "--json", "--limit", "50", "drone", check=True
        ).stdout
    )
    assert {h["id"] for h in found["hits"]} == {h["id"] for h in drone["hits"]}
    sidecars = sorted(seeds.glob("*.txt.yaml"))
    assert len(sidecars) == drone["total"]
    data = yaml.safe_load(sidecars[0].read_text())
    assert data["version"] == 2
    assert data["article"] == sidecars[0].name[: -len(".yaml")]
    assert data["tags"] == ["airstrike"]
    assert len(data["article_sha256"]) == 64


def test_refused_tag_explains_why(seeds: Path) -> None:
    proc = run("tag", "--corpus", str(seeds), "drone", "--add", "air strike")
    assert proc.returncode == 2 and b"space" in proc.stderr


def test_note_and_export_formats(seeds: Path, tmp_path: Path) -> None:
    run("note", str(seeds / SEED), "Compare with the Reuters report.", cwd=seeds, check=True)
    run("tag", str(seeds / SEED), "--add", "needs-followup", cwd=seeds, check=True)
    # One format from the real command, the others in this process.
    for cli, fmt in ((run, "json"), (here, "jsonl"), (here, "csv"), (here, "md"), (here, "w3c")):
        out = cli("export", "--corpus", str(seeds), "--format", fmt, check=True).stdout.decode()
        assert "Reuters" in out, fmt
    dest = tmp_path / "report.md"
    run("export", "--corpus", str(seeds), "--format", "md", "-o", str(dest), check=True)
    again = here("export", "--corpus", str(seeds), "--format", "md", "-o", str(dest))
    assert again.returncode == 1 and b"--force" in again.stderr
    here("export", "--corpus", str(seeds), "--format", "md", "-o", str(dest), "--force", check=True)


@pytest.mark.parametrize("cmd", [["search", "x"], ["index"]])
def test_help_exits_zero(cmd: list[str]) -> None:
    assert run(cmd[0], "--help").returncode == 0


def test_tag_and_note_print_json_when_asked(seeds: Path) -> None:
    out = run("note", str(seeds / SEED), "Check the toll.", "--json", cwd=seeds, check=True).stdout
    note = json.loads(out)
    assert note["article"] == SEED and note["note"]["text"] == "Check the toll."
    assert note["note"]["id"].startswith("n-") and note["note"]["author"]
    out = here(
        "tag", str(seeds / SEED), "--add", "airstrike", "--json", cwd=seeds, check=True
    ).stdout
    tagged = json.loads(out)
    assert tagged["matched"] == 1 and tagged["changed"] == 1 and not tagged["dry_run"]
    assert tagged["changes"] == [
        {"article": SEED, "added": ["airstrike"], "removed": [], "error": None}
    ]
    out = here("tag", "airstrike", "--corpus", str(seeds), "--remove", "airstrike", "--dry-run",
              "--json", check=True).stdout  # fmt: skip
    dry = json.loads(out)
    assert dry["dry_run"] and {"article": SEED, "added": [], "removed": ["airstrike"],
                               "error": None} in dry["changes"]  # fmt: skip


def test_rate_sets_and_clears_the_source_rating(seeds: Path) -> None:
    out = run("rate", str(seeds / SEED), "b2", "--json", cwd=seeds, check=True).stdout
    assert json.loads(out) == {"article": SEED, "rating": {"reliability": "B", "credibility": 2}}
    data = yaml.safe_load((seeds / f"{SEED}.yaml").read_text("utf-8"))
    rating = data["rating"]
    assert (rating["reliability"], rating["credibility"], rating["by"]) == ("B", 2, "tester")
    assert rating["rated"].endswith("Z")  # when: a sync keeps the later of two ratings
    said = here("rate", str(seeds / SEED), "C3", cwd=seeds, check=True).stdout.decode()
    assert "rated" in said and "C3" in said
    bad = here("rate", str(seeds / SEED), "Z9", cwd=seeds)
    assert bad.returncode == 2 and b"A-F" in bad.stderr
    out = here("rate", str(seeds / SEED), "", "--json", cwd=seeds, check=True).stdout
    assert json.loads(out)["rating"] is None
