"""File names the store refuses, or that are not UTF-8, cost only their own file.

Run through the installed `glossator` command: each bad name is skipped with
a warning that names it inertly; `index`, `search`, `tag` and `export` keep
working for the rest of the corpus; nothing printed is invalid UTF-8.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from hostile_support import assert_inert, glossator, glossator_in

GOOD = {"good_one.txt": "Good one\nzebracorn body text\n", "sub/good_two.txt": "Two\nzebracorn\n"}
#: raw file name -> a word its skip warning must contain
BAD: dict[bytes, str] = {
    b"back\\slash.txt": "backslash",
    b"not_utf8_\xff\xfe.txt": "UTF-8",
    b"sub/osc\x1b]0;PWNED\x07_\xc3.txt": "UTF-8",
}


def _corpus(root: Path) -> Path:
    for name, text in GOOD.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for raw in BAD:
        with open(os.fsencode(root) + b"/" + raw, "wb") as fh:
            fh.write(b"Bad name zebracorn\nzebracorn body\n")
    return root


def test_bad_file_names_cost_only_their_own_file(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus")
    done = glossator("index", str(root))
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-800:]
    both = done.stdout + done.stderr
    assert_inert(both, "index output")
    text = both.decode()
    assert "Traceback" not in text
    for word in BAD.values():
        assert word in text
    assert "back\\slash.txt" in text and "not_utf8_\\xff\\xfe.txt" in text

    search = glossator("search", "--corpus", str(root), "--json", "--no-update", "zebracorn")
    assert search.returncode == 0, search.stderr.decode(errors="replace")
    assert sorted(h["id"] for h in json.loads(search.stdout)["hits"]) == sorted(GOOD)
    plain = glossator("search", "--corpus", str(root), "zebracorn")
    assert plain.returncode == 0
    assert_inert(plain.stdout + plain.stderr, "search")

    tag = glossator("tag", "--corpus", str(root), "zebracorn", "--add", "seen")
    assert tag.returncode == 0, tag.stderr.decode(errors="replace")
    assert_inert(tag.stdout + tag.stderr, "tag")
    assert b"2 changed" in tag.stdout

    for fmt in ("csv", "md", "json"):
        out = glossator("export", "--corpus", str(root), "--format", fmt, "--tag", "seen")
        assert out.returncode == 0, out.stderr.decode(errors="replace")
        assert_inert(out.stdout + out.stderr, f"export {fmt}")
        assert b"Good one" in out.stdout


def test_show_of_a_badly_named_file_fails_in_one_inert_line(tmp_path: Path) -> None:
    root = _corpus(tmp_path / "corpus")
    for raw in BAD:
        # A bytes path: the name as the shell would pass it.
        shown = glossator(
            "show",
            "--corpus",
            str(root),
            (os.fsencode(root) + b"/" + raw).decode("utf-8", "surrogateescape"),
        )
        assert shown.returncode == 1, shown.stdout
        assert_inert(shown.stdout + shown.stderr, f"show {raw!r}")
        assert len(shown.stderr.strip().splitlines()) == 1
        assert b"rename" in shown.stderr


def test_an_article_named_with_a_line_break_can_be_tagged_and_reread(tmp_path: Path) -> None:
    # Linux allows a newline (and an escape) in a file name; the store accepts
    # such a name, so its sidecar must save and read back like any other.
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "two\nlines\x1b[31m.txt").write_text("Odd name\nzebracorn body\n", encoding="utf-8")
    for tag in ("seen", "again"):
        done = glossator_in("tag", "--corpus", str(root), "zebracorn", "--add", tag)
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        assert_inert(done.stdout + done.stderr, "tag")
        assert b"1 changed" in done.stdout
    found = glossator_in("search", "--corpus", str(root), "--json", "tag:seen tag:again")
    assert found.returncode == 0, found.stderr.decode(errors="replace")
    assert [h["id"] for h in json.loads(found.stdout)["hits"]] == ["two\nlines\x1b[31m.txt"]


def test_an_export_file_name_with_an_escape_is_echoed_inertly(tmp_path: Path) -> None:
    # The analyst's own -o path is echoed back on success; an escape in it
    # (pasted, or from a script's variable) must not reach the terminal.
    root = _corpus(tmp_path / "corpus")
    for extra in ((), ("--incidents",)):
        out = tmp_path / f"out{len(extra)}\x1b]0;PWNED\x07\x1b[31m.csv"
        done = glossator_in(
            "export", "--corpus", str(root), *extra, "--format", "csv", "-o", str(out)
        )
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        assert out.is_file()
        assert_inert(done.stdout + done.stderr, f"export {extra}")
        assert b"exported" in done.stderr
