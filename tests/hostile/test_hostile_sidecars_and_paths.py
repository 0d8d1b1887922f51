"""Hostile sidecars through the command line, and article ids that try to
leave the corpus. A broken sidecar is never written to and never stops the
index; no id, path or symlink reaches a file outside the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hostile_support import assert_inert, glossator, glossator_here, glossator_in

from glossator.annotations.errors import StoreError
from glossator.annotations.store import SidecarStore

ARTICLE = "a.txt"
TEXT = "Strike on the base\nA drone hit the base at dawn, officials said.\n"

MALFORMED = {
    "not yaml": b"version: 1\ntags: [unclosed\n",
    "python tag": (
        b"version: 1\narticle: a.txt\ntags: !!python/object/apply:os.system [echo pwned]\n"
    ),
    "billion laughs": b"version: 1\narticle: a.txt\na: &a [x, x]\nb: &b [*a, *a]\ntags: *b\n",
    "duplicate key": b"version: 1\narticle: a.txt\ntags: [x]\ntags: [y]\n",
    "other article": b"version: 1\narticle: b.txt\ntags: [x]\n",
    "span past the end": (
        b"version: 1\narticle: a.txt\narticle_sha256: %s\nspans:\n  - id: s-1\n    start: 5000\n"
        b"    end: 5010\n    quote: far away\n    label: x\n    author: m\n"
        b"    created: 2026-11-21T10:05:00Z\n"
    ),
    "not utf-8": b"version: 1\narticle: a.txt\nnotes: [\xff\xfe]\n",
    "escape in key": b'version: 1\narticle: a.txt\n"\\e]0;PWNED\\a": 1\n',
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / ARTICLE).write_text(TEXT, encoding="utf-8")
    (root / "b.txt").write_text("Another\nbody text here\n", encoding="utf-8")
    return root


def _sha(text: str) -> bytes:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest().encode()


@pytest.mark.parametrize("kind", list(MALFORMED))
def test_malformed_sidecar_fails_tag_and_note_in_one_line_and_is_left_byte_identical(
    corpus: Path, kind: str, capfdbinary: pytest.CaptureFixture[bytes]
) -> None:
    data = (
        MALFORMED[kind].replace(b"%s", _sha(TEXT)) if b"%s" in MALFORMED[kind] else MALFORMED[kind]
    )
    sidecar = corpus / f"{ARTICLE}.yaml"
    sidecar.write_bytes(data)
    before = sidecar.stat()
    status, out, err = glossator_here(capfdbinary, "index", str(corpus))
    assert status == 0, err  # a notice, not a crash
    if kind != "span past the end":  # tags alone are fine; spans are checked against the text
        assert b"a.txt.yaml" in out + err, "the broken sidecar is not mentioned"
    assert_inert(out + err, "index with a broken sidecar")
    for args in (
        ["tag", "--corpus", str(corpus), str(corpus / ARTICLE), "--add", "new"],
        ["note", "--corpus", str(corpus), str(corpus / ARTICLE), "a note"],
    ):
        status, out, raw_err = glossator_here(capfdbinary, *args)
        assert status == 1, (kind, args, out, raw_err)
        err = raw_err.decode()
        assert err.count("\n") == 1 and "Traceback" not in err, (kind, err)
        assert "a.txt.yaml" in err, err
        assert_inert(raw_err, f"{kind}: {args[0]} stderr")
    assert sidecar.read_bytes() == data, f"{kind}: the broken sidecar was changed"
    assert sidecar.stat().st_mtime_ns == before.st_mtime_ns
    status, out, _ = glossator_here(
        capfdbinary, "search", "--corpus", str(corpus), "--json", "drone"
    )
    assert status == 0 and json.loads(out)["total"] == 1


# -- paths -----------------------------------------------------------------------------


@pytest.fixture
def escape_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus next to a secret file, with a symlink pointing out at it."""
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / ARTICLE).write_text(TEXT, encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret title\nthe key is hunter2\n", encoding="utf-8")
    (root / "link_out.txt").symlink_to(secret)
    (root / "sub" / "dir_out").symlink_to(tmp_path)
    return root, secret


ESCAPES = [
    "../secret.txt",
    "sub/../../secret.txt",
    "link_out.txt",
    "sub/dir_out/secret.txt",
    "/etc/passwd",
    "%SECRET%",
    "sub/dir_out/corpus/a.txt/../../secret.txt",
]


def _refs(secret: Path) -> list[str]:
    return [str(secret) if r == "%SECRET%" else r for r in ESCAPES]


def test_show_note_and_tag_never_reach_outside_the_corpus(escape_corpus: tuple[Path, Path]) -> None:
    root, secret = escape_corpus
    before = {p: p.read_bytes() for p in secret.parent.iterdir() if p.is_file()}
    assert glossator("index", str(root)).returncode == 0
    ids = json.loads(glossator("search", "--corpus", str(root), "--json", "hunter2").stdout)
    assert ids["total"] == 0, "a file outside the corpus was indexed through a symlink"
    refused = 0
    for ref in _refs(secret):
        for args in (["show", ref], ["note", ref, "x"], ["tag", ref, "--add", "x"]):
            proc = glossator_in(*args[:1], "--corpus", str(root), *args[1:], cwd=root)
            assert b"hunter2" not in proc.stdout, (ref, args)
            assert proc.returncode != 0 or args[0] == "tag", (ref, args, proc.stdout)
            refused += 1
    after = {p: p.read_bytes() for p in secret.parent.iterdir() if p.is_file()}
    assert after == before, "a file outside the corpus was written"
    assert not list(secret.parent.glob("*.yaml")), "a sidecar was written outside the corpus"
    assert refused == 3 * len(ESCAPES)


@pytest.mark.parametrize(
    "bad", ["../x.txt", "/etc/passwd", "a/../../x.txt", "", "a\\..\\x.txt", "a\x00.txt", "."]
)
def test_sidecar_paths_stay_inside_the_corpus_and_annotations_dir(tmp_path: Path, bad: str) -> None:
    for store in (SidecarStore(tmp_path / "c"), SidecarStore(tmp_path / "c", tmp_path / "ann")):
        with pytest.raises(StoreError):
            store.path_for(bad)


def test_reader_refuses_to_open_ids_outside_the_corpus(escape_corpus: tuple[Path, Path]) -> None:
    import asyncio

    from glossator.tui.app import make_app
    from glossator.tui.config import Config

    root, secret = escape_corpus
    app = make_app(root, Config(author="tester"), show_timings=False)
    opened: list[str] = []

    async def drive() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            screen = app.screen
            for ref in _refs(secret):
                screen.open_article(ref)
                await pilot.pause()
                await app.workers.wait_for_complete()
                await pilot.pause()
                if screen.bundle is not None:
                    opened.append(
                        f"{ref} -> {screen.bundle.article.id}: {screen.bundle.article.text[:40]!r}"
                    )
            assert app.is_running

    asyncio.run(drive())
    assert not opened, opened


def test_export_never_overwrites_without_force(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / ARTICLE).write_text(TEXT, encoding="utf-8")
    assert (
        glossator("tag", "--corpus", str(root), str(root / ARTICLE), "--add", "x").returncode == 0
    )
    dest = tmp_path / "report.md"
    dest.write_bytes(b"the analyst's own report\n")
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "victim.md")
    (tmp_path / "victim.md").write_bytes(b"victim\n")
    for target in (dest, link):
        proc = glossator("export", "--corpus", str(root), "--format", "md", "-o", str(target))
        assert proc.returncode == 1 and b"--force" in proc.stderr, proc.stderr
    assert dest.read_bytes() == b"the analyst's own report\n"
    assert (tmp_path / "victim.md").read_bytes() == b"victim\n"
    proc = glossator("export", "--corpus", str(root), "--format", "md", "-o", str(dest), "--force")
    assert proc.returncode == 0 and b"# Annotations" in dest.read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
