"""`glossator meta`, `incident-check` and `incident-add` as a script would use them."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from test_cli import SEED, here, run

from glossator.service import Session


def _ids(seeds: Path) -> list[str]:
    session = Session.open(seeds, index_dir=seeds / ".glossator" / "index")
    return [r["id"] for r in session.checked_incidents(session.index.article(SEED))]


def test_meta_shows_sets_and_clears_date_and_source(seeds: Path) -> None:
    # Indexed first, so a path into it finds this corpus from any folder.
    run("index", str(seeds), check=True)
    out = run("meta", str(seeds / SEED), check=True).stdout.decode()
    assert out == "date: (not set)\nsource: (not set)\n"
    out = run("meta", str(seeds / SEED), "--date", "2024-01-16", "--source", "Reuters", "--json",
              check=True).stdout  # fmt: skip
    assert json.loads(out) == {"article": SEED, "date": "2024-01-16", "source": "Reuters"}
    said = run("meta", str(seeds / SEED), "--clear-source", check=True).stdout.decode()
    assert said.splitlines() == [f"set source of {SEED}", "date: 2024-01-16", "source: (not set)"]
    data = yaml.safe_load((seeds / f"{SEED}.yaml").read_text("utf-8"))
    assert data["version"] == 2 and str(data["date"]) == "2024-01-16" and "source" not in data
    refused = [
        (["--date", "yesterday"], b"YYYY-MM-DD"),
        (["--source", "\x1b[2J"], b"control characters"),
        (["--date", "2024-01-01", "--clear-date"], b"not allowed with"),
        (["--date", "2025-05-05", "--source", " "], b"source is empty"),
    ]
    for bad, words in refused:
        proc = here("meta", str(seeds / SEED), *bad)
        assert proc.returncode == 2 and words in proc.stderr, proc.stderr
        assert proc.stderr.count(b"\n") == 1 and b"\x1b" not in proc.stderr
    after = yaml.safe_load((seeds / f"{SEED}.yaml").read_text("utf-8"))
    assert str(after["date"]) == "2024-01-16"  # the refused --date 2025-05-05 was not saved


def test_incident_check_confirms_edits_rejects_and_undoes(seeds: Path) -> None:
    first, second = _ids(seeds)[:2]
    out = run("incident-check", str(seeds / SEED), first, "--confirm", "--json", check=True)
    shown = json.loads(out.stdout)
    assert shown["article"] == SEED
    incident = shown["incident"]
    assert incident["status"] == "confirmed" and incident["extracted_id"] == first
    assert set(incident) >= {"id", "start", "end", "sentence", "sub_event_type", "event_date",
                             "event_date_text", "actor1", "actor2", "location", "country",
                             "latitude", "longitude", "weapon", "fatalities", "injured", "notes",
                             "status", "author", "updated"}  # fmt: skip
    checked = incident["id"]
    # The extracted id still names the record once it is checked.
    out = run("incident-check", str(seeds / SEED), first, "--set", "fatalities=7", "--set",
              "actor1=Kataib Hezbollah", "--set", "notes=", "--json", check=True)  # fmt: skip
    edited = json.loads(out.stdout)["incident"]
    assert (edited["id"], edited["status"], edited["fatalities"], edited["actor1"]) == (
        checked, "edited", 7, "Kataib Hezbollah")  # fmt: skip
    said = run("incident-check", str(seeds / SEED), second, "--reject", check=True).stdout
    assert said.decode().startswith("rejected i-")
    data = yaml.safe_load((seeds / f"{SEED}.yaml").read_text("utf-8"))
    assert [c["status"] for c in data["incidents"]] == ["edited", "rejected"]
    assert data["incidents"][0]["fields"]["fatalities"] == 7

    out = run("incident-check", str(seeds / SEED), second, "--undo", "--json", check=True).stdout
    assert json.loads(out)["incident"]["status"] == "extracted"
    again = run("incident-check", str(seeds / SEED), second, "--undo")
    assert again.returncode == 2 and b"nothing to undo" in again.stderr


def test_incident_check_says_what_is_wrong(seeds: Path) -> None:
    first = _ids(seeds)[0]
    cases = [
        ([first], 2, b"say what to do"),
        ([first, "--confirm", "--reject"], 2, b"not allowed with"),
        ([first, "--reject", "--set", "injured=1"], 2, b"--set goes with --confirm"),
        ([first, "--set", "fatalities"], 2, b"needs FIELD=VALUE"),
        ([first, "--set", "toll=3"], 2, b"unknown incident field 'toll'"),
        ([first, "--set", "latitude=north"], 2, b"must be a number from -90 to 90"),
        ([first, "--set", "sub_event_type=Riot"], 2, b"not one of ACLED's"),
        (["x-\x1b[31m", "--confirm"], 1, b"its incidents: x-"),
    ]
    for args, status, words in cases:
        proc = here("incident-check", str(seeds / SEED), *args)
        assert proc.returncode == status and words in proc.stderr, (args, proc.stderr)
        assert proc.stderr.count(b"\n") == 1 and b"\x1b" not in proc.stderr
    assert not (seeds / f"{SEED}.yaml").exists()  # nothing refused was saved


def test_incident_add_records_a_missed_incident(seeds: Path) -> None:
    run("index", str(seeds), check=True)
    text = (seeds / SEED).read_text("utf-8")
    out = run("incident-add", str(seeds / SEED), "--start", "0", "--end", "37", "--set",
              "sub_event_type=air/drone strike", "--set", "fatalities=1", "--json",
              check=True).stdout  # fmt: skip
    incident = json.loads(out)["incident"]
    assert incident["status"] == "added" and incident["sentence"] == text[:37]
    assert incident["sub_event_type"] == "Air/drone strike" and incident["fatalities"] == 1
    assert incident["id"] in _ids(seeds)
    bad = here("incident-add", str(seeds / SEED), "--start", "30", "--end", "10")
    assert bad.returncode == 2 and b"not a non-empty stretch" in bad.stderr
