"""A sidecar may hold at most MAX_ITEMS tags, notes or spans: past that it is
refused in one line (and never overwritten) instead of slowing every command.

Through the installed command: a sidecar with 100,000 tags (under the 2 MB
size cap) is reported by `index`, skipped with a named warning by `export`,
refused by `tag` and `note` with the file byte-identical; at the cap every
command still answers quickly. The 10 s bounds (CPU seconds, so a loaded
machine does not fail them) only prove "does not hang".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile_support import assert_inert, glossator_cpu

from glossator.annotations.codec import MAX_ITEMS


def _corpus(root: Path, tags: int) -> Path:
    root.mkdir()
    (root / "a.txt").write_text("Big\nzebracorn body\n", "utf-8")
    (root / "b.txt").write_text("Small\nzebracorn too\n", "utf-8")
    listed = ", ".join(f"t{i}" for i in range(tags))
    (root / "a.txt.yaml").write_text(f"version: 1\narticle: a.txt\ntags: [{listed}]\n", "utf-8")
    (root / "b.txt.yaml").write_text("version: 1\narticle: b.txt\ntags: [small]\n", "utf-8")
    return root


def _timed(*args: str) -> tuple[float, object]:
    return glossator_cpu(*args, timeout=60)


def test_a_sidecar_over_the_item_cap_is_refused_in_one_line(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus", 100_000)
    before = (root / "a.txt.yaml").read_bytes()
    assert len(before) < 2 * 1024 * 1024
    took, done = _timed("index", str(root))
    assert took < 10 and done.returncode == 0  # type: ignore[attr-defined]
    said = done.stdout + done.stderr  # type: ignore[attr-defined]
    assert b"at most 10,000 tags" in said and b"a.txt.yaml" in said
    for fmt in ("csv", "md"):
        took, out = _timed("export", "--corpus", str(root), "--format", fmt)
        assert took < 10, f"export --format {fmt} took {took:.0f} s"
        # The other article is exported; the refused sidecar makes the status 1.
        assert out.returncode == 1 and b"small" in out.stdout  # type: ignore[attr-defined]
        assert b"a.txt" in out.stderr and b"t99999" not in out.stdout  # type: ignore[attr-defined]
    for args in (("tag", str(root / "a.txt"), "--add", "x"), ("note", str(root / "a.txt"), "hi")):
        took, proc = _timed(args[0], "--corpus", str(root), *args[1:])
        assert took < 10 and proc.returncode == 1  # type: ignore[attr-defined]
        err = proc.stderr  # type: ignore[attr-defined]
        assert_inert(err)
        assert b"at most 10,000" in err and b"Traceback" not in err
    assert (root / "a.txt.yaml").read_bytes() == before


@pytest.mark.parametrize("fmt", ["csv", "w3c"])
def test_a_sidecar_at_the_cap_still_exports_quickly(tmp_path: Path, fmt: str) -> None:
    root = _corpus(tmp_path / "corpus", MAX_ITEMS)
    took, out = _timed("export", "--corpus", str(root), "--format", fmt)
    assert took < 10 and out.returncode == 0, out  # type: ignore[attr-defined]
    assert f"t{MAX_ITEMS - 1}".encode() in out.stdout  # type: ignore[attr-defined]
    took, proc = _timed("tag", "--corpus", str(root), str(root / "b.txt"), "--add", "x")
    assert took < 10 and proc.returncode == 0  # type: ignore[attr-defined]
