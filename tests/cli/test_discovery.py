"""Which corpus a command works on, and that it never reaches outside it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from glossator.index import locations
from glossator.index.locations import discover_corpus

ARTICLE = "Harbour report\nThe quokka census found forty quokkas on the pier.\n"


def glossator(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, HOME=str(home), COLUMNS="100", TERM="dumb")
    return subprocess.run(
        [sys.executable, "-m", "glossator", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def corpus_at(folder: Path) -> Path:
    (folder / ".glossator").mkdir(parents=True)
    (folder / "far.txt").write_text("Far away\nA quokka article of the parent folder.\n")
    return folder


def test_a_glossator_folder_above_the_home_folder_is_not_adopted(tmp_path: Path) -> None:
    far = corpus_at(tmp_path / "x")
    home = far / "home"
    work = home / "work"
    work.mkdir(parents=True)
    (work / "near.txt").write_text(ARTICLE)
    assert discover_corpus(work, home=home).corpus == work
    proc = glossator("search", "quokka", cwd=work, home=home)
    assert proc.returncode == 0, proc.stderr
    assert "near.txt" in proc.stdout and "far.txt" not in proc.stdout
    assert "found above" not in proc.stderr
    assert not (far / ".glossator" / "index").exists()


def test_the_home_folder_itself_is_never_taken_by_walking_up(tmp_path: Path) -> None:
    home = corpus_at(tmp_path / "home")
    work = home / "notes"
    work.mkdir()
    assert discover_corpus(work, home=home).corpus == work
    assert discover_corpus(home, home=home).corpus == home  # started there: chosen


def test_the_walk_stops_at_a_git_repository_root(tmp_path: Path) -> None:
    far = corpus_at(tmp_path / "x")
    repo = far / "repo"
    (repo / ".git").mkdir(parents=True)
    sub = repo / "sub"
    sub.mkdir()
    (sub / "near.txt").write_text(ARTICLE)
    home = tmp_path / "home"
    assert discover_corpus(sub, home=home).corpus == sub
    proc = glossator("search", "quokka", cwd=sub, home=home)
    assert proc.returncode == 0, proc.stderr
    assert "near.txt" in proc.stdout and "far.txt" not in proc.stdout
    # A corpus at the repository root itself is still found, and said.
    (repo / ".glossator").mkdir()
    other = repo / "other"
    other.mkdir()
    assert discover_corpus(other, home=home).corpus == repo
    proc = glossator("search", "quokka", cwd=other, home=home)
    assert proc.returncode == 0, proc.stderr
    assert f"glossator: corpus {repo} (found above {other}" in proc.stderr


def test_a_corpus_found_by_walking_up_is_said_on_stderr(tmp_path: Path) -> None:
    far = corpus_at(tmp_path / "x")
    sub = far / "2024" / "march"
    sub.mkdir(parents=True)
    proc = glossator("search", "quokka", cwd=sub, home=tmp_path / "home")
    assert proc.returncode == 0, proc.stderr
    assert "far.txt" in proc.stdout
    assert proc.stderr.count("\n") == 1
    assert f"corpus {far} (found above {sub}; pass --corpus DIR" in proc.stderr


def test_the_walk_stops_where_the_file_system_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    far = corpus_at(tmp_path / "x")
    mount = far / "mnt"
    mount.mkdir()
    real_stat = Path.stat

    def stat(self: Path, *, follow_symlinks: bool = True) -> os.stat_result:
        st = real_stat(self, follow_symlinks=follow_symlinks)
        if self == far:  # as if `mnt` were another file system mounted there
            fields = list(st)
            fields[2] = st.st_dev + 1
            return os.stat_result(fields)
        return st

    monkeypatch.setattr(locations.Path, "stat", stat)
    assert discover_corpus(mount, home=tmp_path / "home").corpus == mount
    monkeypatch.setattr(locations.Path, "stat", real_stat)
    assert discover_corpus(mount, home=tmp_path / "home").corpus == far


@pytest.mark.parametrize("command", ["show", "tag", "note", "rate"])
def test_article_paths_outside_the_corpus_are_refused(seeds: Path, command: str) -> None:
    secret = seeds.parent / "secret.txt"
    secret.write_text("Secret\nroot:x:0:0:root:/root:/bin/bash\n")
    (seeds / "link.txt").symlink_to(secret)
    extra = {"show": [], "tag": ["--add", "leak"], "note": ["a note"], "rate": ["B2"]}[command]
    home = seeds.parent / "home"
    for ref in ("/etc/passwd", "link.txt", "../secret.txt", str(seeds / ".." / "secret.txt")):
        proc = glossator(command, ref, *extra, cwd=seeds, home=home)
        assert proc.returncode == 1, (ref, proc.stdout, proc.stderr)
        assert proc.stdout == ""
        assert proc.stderr.count("\n") == 1
        assert f"{ref} is outside the corpus {seeds}" in proc.stderr
        assert "pass --corpus DIR" in proc.stderr
    assert not (seeds.parent / "secret.txt.yaml").exists()
    assert not (seeds / ".glossator").exists()  # refused before any index was made


def test_an_article_inside_the_corpus_is_still_found_from_a_subfolder(seeds: Path) -> None:
    home = seeds.parent / "home"
    assert glossator("index", str(seeds), cwd=seeds, home=home).returncode == 0
    sub = seeds / "notes"
    sub.mkdir()
    # A path names its article, and its corpus: nothing to say.
    proc = glossator("show", "../000_a527e38b797e7e70.txt", cwd=sub, home=home)
    assert proc.returncode == 0, proc.stderr
    assert "000_a527e38b797e7e70.txt" in proc.stdout and proc.stderr == ""
    # An id is looked up in the corpus found from here, which is said.
    proc = glossator("show", "000_a527e38b797e7e70.txt", cwd=sub, home=home)
    assert proc.returncode == 0, proc.stderr
    assert "000_a527e38b797e7e70.txt" in proc.stdout
    assert (
        proc.stderr
        == f"glossator: corpus {seeds} (found above {sub}; pass --corpus DIR to choose another)\n"
    )
