"""Sidecars, lock files and the watchlist: links are refused, YAML is bounded.

Through the installed `glossator` command: a sidecar that is a symbolic link
is never read through (its tags are not indexed or exported), a planted lock
file link or a folder link in the annotations tree never makes a save create
a file outside, and a hostile watchlist (aliases, deep nesting, a link, not
UTF-8, huge) is refused in one line with its line number while recognition
carries on.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_support import assert_inert, glossator, glossator_cpu

ARTICLE = "Strike on Baghdad\nA drone hit Baghdad on Monday, zebracorn.\n"


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    root, outside = tmp_path / "corpus", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "a.txt").write_text(ARTICLE, "utf-8")
    (root / "b.txt").write_text("Second\nzebracorn again\n", "utf-8")
    return root, outside


def _one_line_refusal(proc: object, word: bytes) -> None:
    assert proc.returncode == 1, proc.stdout  # type: ignore[attr-defined]
    err = proc.stderr  # type: ignore[attr-defined]
    assert_inert(err, "stderr")
    assert word in err and b"Traceback" not in err


def test_a_sidecar_that_is_a_link_is_never_read_through(tmp_path: Path) -> None:
    root, outside = _corpus(tmp_path)
    secret = outside / "x.yaml"
    secret.write_text("version: 1\narticle: a.txt\ntags: [secret]\n", "utf-8")
    (root / "a.txt.yaml").symlink_to(secret)
    before = secret.read_bytes()

    done = glossator("index", str(root))
    assert done.returncode == 0, done.stderr.decode()
    said = done.stdout + done.stderr
    assert b"symbolic link" in said and b"a.txt.yaml" in said
    hits = glossator("search", "--corpus", str(root), "--json", "--no-update", "tag:secret")
    assert hits.returncode == 0 and json.loads(hits.stdout)["total"] == 0
    out = glossator("export", "--corpus", str(root), "--format", "csv")
    assert b"secret" not in out.stdout
    _one_line_refusal(
        glossator("tag", "--corpus", str(root), str(root / "a.txt"), "--add", "x"), b"link"
    )
    _one_line_refusal(glossator("note", "--corpus", str(root), "a.txt", "hello"), b"link")
    assert secret.read_bytes() == before and (root / "a.txt.yaml").is_symlink()


def test_a_planted_lock_link_never_creates_a_file_outside(tmp_path: Path) -> None:
    root, outside = _corpus(tmp_path)
    (root / ".b.txt.yaml.lock").symlink_to(outside / "created")
    proc = glossator("tag", "--corpus", str(root), str(root / "b.txt"), "--add", "x")
    _one_line_refusal(proc, b"lock file")
    assert not (outside / "created").exists() and not (root / "b.txt.yaml").exists()


def test_a_folder_link_in_the_annotations_dir_never_leads_a_save_outside(tmp_path: Path) -> None:
    root, outside = _corpus(tmp_path)
    (root / "sub").mkdir()
    (root / "sub" / "c.txt").write_text("Third\nzebracorn\n", "utf-8")
    ann = tmp_path / "ann"
    ann.mkdir()
    (ann / "sub").symlink_to(outside, target_is_directory=True)
    proc = glossator(
        "tag",
        "--corpus",
        str(root),
        "--annotations-dir",
        str(ann),
        str(root / "sub/c.txt"),
        "--add",
        "x",
    )
    _one_line_refusal(proc, b"outside")
    assert list(outside.iterdir()) == []


def _laughs() -> str:
    """Anchors in early entries, the expansion in a later entry's note."""
    lines = ['- &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"- &{name} [{','.join(['*' + prev] * 9)}]")
    lines.append("- {name: Laughing Group, label: ORG, note: *j}")
    return "\n".join(lines) + "\n"


HOSTILE_WATCHLISTS: dict[str, bytes] = {
    "billion_laughs": _laughs().encode(),
    "deep_nesting": b"- name: x\n  label: ORG\n  note: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "alias_in_entry": b"- &n {name: KH, label: ORG}\n- *n\n",
    "not_utf8": b"- name: \xff\xfe\n  label: ORG\n",
    "python_tag": b"- !!python/object/apply:os.system ['true']\n",
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_WATCHLISTS))
def test_a_hostile_watchlist_is_refused_in_one_line_and_recognition_goes_on(
    tmp_path: Path, kind: str
) -> None:
    root, _ = _corpus(tmp_path)
    (root / ".glossator").mkdir()
    (root / ".glossator" / "watchlist.yaml").write_bytes(HOSTILE_WATCHLISTS[kind])
    used, proc = glossator_cpu(
        "show", "--corpus", str(root), "a.txt", "--entities", "--json", timeout=30
    )
    assert used < 10, f"a hostile watchlist must not stall recognition ({used:.1f} CPU s)"
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    assert_inert(proc.stderr, "stderr")
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and "watchlist.yaml:" in lines[0] and "Traceback" not in lines[0]
    assert lines[0].split("watchlist.yaml:")[1].split(":")[0].isdigit(), lines[0]
    entities = json.loads(proc.stdout)
    assert {"text": "Baghdad", "label": "GPE"} in [
        {"text": e["text"], "label": e["label"]} for e in entities
    ]


def test_a_watchlist_that_is_a_link_is_not_read(tmp_path: Path) -> None:
    root, outside = _corpus(tmp_path)
    (outside / "w.yaml").write_text("- name: Monday Group\n  label: ORG\n", "utf-8")
    (root / ".glossator").mkdir()
    (root / ".glossator" / "watchlist.yaml").symlink_to(outside / "w.yaml")
    proc = glossator("show", "--corpus", str(root), "a.txt", "--entities", "--json")
    assert proc.returncode == 0
    assert b"symbolic link" in proc.stderr
    assert "Monday Group" not in proc.stdout.decode()


def test_a_state_folder_link_never_puts_the_index_or_its_deletions_outside(
    tmp_path: Path,
) -> None:
    root, outside = _corpus(tmp_path)
    (outside / "index").mkdir()
    keep = outside / "index" / "precious.txt"
    keep.write_text("not glossator's", "utf-8")
    (outside / "watchlist.yaml").write_text("- name: Monday Group\n  label: ORG\n", "utf-8")
    (root / ".glossator").symlink_to(outside, target_is_directory=True)
    for args in (("index", str(root), "--rebuild"), ("search", "--corpus", str(root), "x")):
        proc = glossator(*args)
        _one_line_refusal(proc, b"symbolic link")
    assert keep.read_text("utf-8") == "not glossator's"
    assert sorted(p.name for p in (outside / "index").iterdir()) == ["precious.txt"]
    shown = glossator("show", "--corpus", str(root), str(root / "a.txt"), "--entities", "--json")
    assert "Monday Group" not in shown.stdout.decode()
