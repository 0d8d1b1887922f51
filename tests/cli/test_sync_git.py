"""`glossator sync` with real git: a bare remote and two analysts' clones."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from glossator.annotations.merge import CONFLICT_SEPARATOR
from glossator.annotations.model import Rating, Sidecar
from glossator.annotations.store import SidecarStore

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

REPO = Path(__file__).resolve().parents[2]
SEED = "000_a527e38b797e7e70.txt"


@pytest.fixture
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A private git config for every git this test runs (never the user's)."""
    config = tmp_path / "gitconfig"
    config.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(config))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for key in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(key, raising=False)
    return dict(os.environ)


def glossator(
    folder: Path, author: str, *args: str, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run the real command in ``folder`` as ``author``."""
    env = dict(os.environ, GLOSSATOR_AUTHOR=author, COLUMNS="100", TERM="dumb")
    proc = subprocess.run(
        [sys.executable, "-m", "glossator", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def git(folder: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=folder, capture_output=True, text=True, check=True, timeout=60
    ).stdout


def articles(dest: Path) -> Path:
    """A folder holding only copies of the sample articles."""
    dest.mkdir()
    for p in sorted((REPO / "seeds").glob("*.txt")):
        shutil.copyfile(p, dest / p.name)
    return dest


def store(folder: Path, author: str) -> tuple[SidecarStore, str]:
    return SidecarStore(folder, author=author), (folder / SEED).read_text(encoding="utf-8")


def rate(folder: Path, rating: Rating) -> None:
    """Set a rating with a chosen timestamp, so which one is later is known."""

    def change(sidecar: Sidecar) -> None:
        sidecar.rating = rating

    st, text = store(folder, rating.by)
    st.edit(SEED, text, change)


def sidecars(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yaml"))}


@pytest.fixture
def team(tmp_path: Path, git_env: dict[str, str]) -> tuple[Path, Path]:
    """Alice and Bob, set up for sync against one bare remote, with a shared
    starting point: one note and tags from Alice that Bob has received."""
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    alice, bob = articles(tmp_path / "alice"), articles(tmp_path / "bob")
    out = glossator(alice, "alice", "sync", "--init", str(remote)).stdout
    assert "created a git repository" in out
    st, text = store(alice, "alice")
    st.add_tags(SEED, text, ["airstrike", "iraq", "kataib-hezbollah"])
    st.add_note(SEED, text, "Compare with the Reuters report.")
    st.add_span(SEED, text, 0, 4, "place")
    glossator(alice, "alice", "sync")
    glossator(bob, "bob", "sync", "--init", str(remote))
    glossator(bob, "bob", "sync")
    assert sidecars(alice) == sidecars(bob)
    return alice, bob


def _concurrent_edits(alice: Path, bob: Path) -> None:
    note_id = SidecarStore(alice).load(SEED).notes[0].id
    st, text = store(alice, "alice")
    st.remove_tags(SEED, text, ["iraq"])  # Bob keeps it
    st.add_tags(SEED, text, ["needs-followup"])
    st.edit_note(SEED, text, note_id, "Reuters says four killed, not five.")
    st.add_span(SEED, text, 5, 15, "actor")
    rate(alice, Rating("B", 2, "alice", "2026-12-01T09:00:00Z"))
    st, text = store(bob, "bob")
    st.edit_note(SEED, text, note_id, "Reuters and AP disagree on the toll.")
    st.add_span(SEED, text, 20, 30, "target")
    st.add_note(SEED, text, "Bob's own note.")
    rate(bob, Rating("C", 3, "bob", "2026-12-01T10:00:00Z"))


@pytest.mark.parametrize("first", ["alice", "bob"])
def test_two_analysts_edit_one_sidecar_and_sync_in_either_order(
    team: tuple[Path, Path], first: str
) -> None:
    alice, bob = team
    _concurrent_edits(alice, bob)
    order = [(alice, "alice"), (bob, "bob")]
    if first == "bob":
        order.reverse()
    (one, one_name), (two, two_name) = order
    glossator(one, one_name, "sync")
    report = json.loads(glossator(two, two_name, "sync", "--json").stdout)
    assert report["incoming"] == [SEED] and report["pushed"] is True
    assert report["marked_for_review"] == 1
    glossator(one, one_name, "sync")
    assert sidecars(alice) == sidecars(bob)
    for folder in (alice, bob):  # no conflict markers, no half-merged files
        assert git(folder, "status", "--porcelain", "--untracked-files=no") == ""
        assert b"<<<<<<<" not in (folder / f"{SEED}.yaml").read_bytes()

    merged = SidecarStore(alice).load(SEED)
    assert merged.tags == ["airstrike", "kataib-hezbollah", "needs-followup"]
    assert merged.rating is not None and merged.rating.code == "C3"  # Bob rated later
    texts = [n.text for n in merged.notes]
    conflict = next(n for n in merged.notes if CONFLICT_SEPARATOR in n.text)
    assert "four killed" in conflict.text and "AP disagree" in conflict.text
    assert conflict.review and merged.in_review() == [conflict]
    assert "Bob's own note." in texts
    assert any("B2" in t and "C3" in t for t in texts), texts  # the replaced rating, kept
    assert sorted(s.label for s in merged.spans) == ["actor", "place", "target"]
    authors = set(git(alice, "log", "--format=%an").split())
    assert {"alice", "bob"} <= authors


def test_sync_commits_only_sidecars(team: tuple[Path, Path]) -> None:
    alice, _ = team
    (alice / "new-article.txt").write_text("A title\nA body.\n")
    (alice / "scratch.yaml").write_text("not: a sidecar\n")
    st, text = store(alice, "alice")
    st.add_tags(SEED, text, ["checked"])
    report = json.loads(glossator(alice, "alice", "sync", "--json").stdout)
    assert report["committed"] == 1
    tracked = git(alice, "ls-files").split()
    assert "new-article.txt" not in tracked and "scratch.yaml" not in tracked
    assert not any(name.endswith(".txt") for name in tracked)


def test_init_is_idempotent_and_the_driver_is_this_glossator(team: tuple[Path, Path]) -> None:
    alice, _ = team
    before = git(alice, "log", "--oneline")
    out = glossator(alice, "alice", "sync", "--init").stdout
    assert "nothing to change" in out
    assert git(alice, "log", "--oneline") == before
    driver = git(alice, "config", "merge.glossator.driver")
    assert driver.startswith(sys.executable) and "merge-sidecar %O %A %B" in driver
    assert (alice / ".gitattributes").read_text().count("merge=glossator") == 2


def test_no_remote_is_one_line_saying_how_to_add_one(tmp_path: Path, git_env: dict) -> None:
    folder = articles(tmp_path / "solo")
    glossator(folder, "alice", "sync", "--init")
    proc = glossator(folder, "alice", "sync", check=False)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "sync --init URL" in proc.stderr


def test_unreachable_remote_is_one_line_without_traceback(tmp_path: Path, git_env: dict) -> None:
    folder = articles(tmp_path / "solo")
    glossator(folder, "alice", "sync", "--init", str(tmp_path / "gone.git"))
    proc = glossator(folder, "alice", "sync", check=False)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert "git fetch failed" in proc.stderr


def test_sync_before_init_says_to_run_init(tmp_path: Path, git_env: dict) -> None:
    folder = articles(tmp_path / "plain")
    proc = glossator(folder, "alice", "sync", check=False)
    assert proc.returncode == 1 and "sync --init" in proc.stderr


def test_a_push_refused_after_the_merge_is_one_line(team: tuple[Path, Path]) -> None:
    alice, bob = team
    remote = Path(git(alice, "config", "remote.origin.url").strip())
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'remote: refused by policy' >&2\nexit 1\n")
    hook.chmod(0o755)
    st, text = store(bob, "bob")
    st.add_tags(SEED, text, ["late"])
    proc = glossator(bob, "bob", "sync", check=False)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_a_sidecar_that_does_not_read_is_not_sent(team: tuple[Path, Path]) -> None:
    alice, _ = team
    sidecar = alice / f"{SEED}.yaml"
    sidecar.write_text("version: [1\n")
    proc = glossator(alice, "alice", "sync", check=False)
    assert proc.returncode == 1
    assert "not sent" in proc.stderr and SEED in proc.stderr
    assert "version: [1" not in git(alice, "show", f"origin/main:{SEED}.yaml")
    assert sidecar.read_text() == "version: [1\n"


def test_a_merge_the_driver_cannot_do_is_undone_without_markers(team: tuple[Path, Path]) -> None:
    alice, bob = team
    st, text = store(bob, "bob")
    st.add_tags(SEED, text, ["from-bob"])
    glossator(bob, "bob", "sync")
    broken = "version: 1\narticle: [unclosed\n"
    (alice / f"{SEED}.yaml").write_text(broken)  # committed behind glossator's back
    git(alice, "-c", "user.name=alice", "-c", "user.email=a@example.org", "commit", "-qam", "hand")
    proc = glossator(alice, "alice", "sync", check=False)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1
    assert f"{SEED}.yaml" in proc.stderr
    assert (alice / f"{SEED}.yaml").read_text() == broken
    assert not (alice / ".git" / "MERGE_HEAD").exists()
    assert git(alice, "status", "--porcelain", "--untracked-files=no") == ""


def test_init_uses_the_annotations_dir(tmp_path: Path, git_env: dict) -> None:
    corpus = articles(tmp_path / "corpus")
    notes = tmp_path / "notes"
    notes.mkdir()
    glossator(corpus, "alice", "sync", "--init", "--annotations-dir", str(notes))
    assert (notes / ".git").is_dir() and not (corpus / ".git").exists()
    assert "merge=glossator" in (notes / ".gitattributes").read_text()


def test_a_sidecar_both_analysts_created_before_their_first_sync_merges(
    tmp_path: Path, git_env: dict
) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    alice, bob = articles(tmp_path / "alice"), articles(tmp_path / "bob")
    for folder, name in ((alice, "alice"), (bob, "bob")):
        glossator(folder, name, "sync", "--init", str(remote))
        st, text = store(folder, name)
        st.add_tags(SEED, text, [f"from-{name}"])
        st.add_note(SEED, text, f"{name} was here")
    glossator(alice, "alice", "sync")
    glossator(bob, "bob", "sync")  # no common ancestor: merged from an empty base
    glossator(alice, "alice", "sync")
    assert sidecars(alice) == sidecars(bob)
    merged = SidecarStore(alice).load(SEED)
    assert merged.tags == ["from-alice", "from-bob"]
    assert sorted(n.text for n in merged.notes) == ["alice was here", "bob was here"]


def test_a_sidecar_deleted_on_one_machine_and_edited_on_the_other_is_kept(
    team: tuple[Path, Path],
) -> None:
    alice, bob = team
    (alice / f"{SEED}.yaml").unlink()
    glossator(alice, "alice", "sync")
    st, text = store(bob, "bob")
    st.add_tags(SEED, text, ["still-wanted"])
    glossator(bob, "bob", "sync")
    glossator(alice, "alice", "sync")
    assert sidecars(alice) == sidecars(bob)
    assert "still-wanted" in SidecarStore(alice).load(SEED).tags
