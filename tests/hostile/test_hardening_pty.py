"""Raw bytes to a real terminal: the reader and every CLI output, hostile values.

A pty (Python's `pty` module), not the Textual model: whatever glossator
writes is read back byte for byte. The corpus has file names with OSC title,
CSI, C1 and bidi characters, a sidecar whose notes, authors, labels and span
notes carry escapes, a watchlist whose names and notes do, and a skipped file
whose name does. The reader is walked through the result list, the article,
the sidebar, the log screen, help and the export dialog; then each CLI
command runs in the pty too. Allowed: Textual's and Rich's own CSI sequences
and Textual's own mode/query strings. Anything else (an OSC from a file name,
BEL, C1, a bidi control, invalid UTF-8) fails.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import termios
import time
from pathlib import Path

import pytest
from hostile_support import GLOSSATOR, cli_env, glossator

PWN = "PWNED-PTY"
NAME = f"name\x1b]0;{PWN}\x07\x1b[31m\u202e\u009b.txt"
SKIPPED_NAME = f"empty\x1b]2;{PWN}-SKIP\x07.txt"
ESC_TEXT = f"\\e]0;{PWN}\\a\\e[2J\\x9b31m\\u202e"
SIDECAR = (
    'version: 1\narticle: "NAME"\ntags: [hostile]\n'
    "notes:\n"
    f'  - id: n-1\n    author: "mallory{ESC_TEXT}"\n    created: 2026-11-21T10:04:00Z\n'
    f'    text: "note{ESC_TEXT} zebranote"\n'
    "spans:\n"
    "  - id: s-1\n    start: 0\n    end: 6\n    quote: Escape\n"
    f'    label: target\n    note: "spannote{ESC_TEXT}"\n'
    f'    author: "eve{ESC_TEXT}"\n    created: 2026-11-21T10:05:00Z\n'
)
WATCHLIST = (
    f'- name: "Zebra{ESC_TEXT} Front"\n  label: ORG\n  note: "watch{ESC_TEXT}"\n'
    "- name: Baghdad Watch\n  label: ORG\n  aliases: [zebracorn]\n"
    f'  note: "watchnote{ESC_TEXT}"\n'
)

# Textual's and Rich's own sequences: CSI (cursor, SGR, modes, mouse), and
# the private-mode / keypad / charset escapes a TUI sets up.
_OWN = re.compile(
    rb"\x1b\]22;[a-z-]*\x07|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[=>78]|\x1b\([B0]|\x1bP=[12]s\x1b\\"
)
_BAD = {
    "escape that is not CSI": re.compile(rb"\x1b"),
    "BEL": re.compile(rb"\x07"),
    "C1 as UTF-8": re.compile(rb"\xc2[\x80-\x9f]"),
    "bidi control": re.compile(rb"\xe2\x80[\x8e\x8f\xaa-\xae]|\xe2\x81[\xa6-\xa9]|\xd8\x9c"),
    "other C0": re.compile(rb"[\x00-\x06\x0e-\x1a\x1c-\x1f\x7f]"),
}


def _problems(raw: bytes) -> list[str]:
    rest = _OWN.sub(b"", raw)
    found = [
        f"{what} near {rest[max(0, m.start() - 30) : m.start() + 30]!r}"
        for what, pat in _BAD.items()
        if (m := pat.search(rest))
    ]
    if PWN.encode() in raw and re.search(rb"\x1b\][^\x07\x1b]*" + PWN.encode(), raw):
        found.append("an OSC sequence carrying the planted title")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        found.append(f"invalid UTF-8 at {exc.start}")
    return found


def _corpus(root: Path) -> Path:
    root.mkdir()
    (root / NAME).write_text(f"Escape in the file name\nzebracorn body {PWN}\n", "utf-8")
    (root / "plain.txt").write_text("Strike near Baghdad\nzebracorn and Baghdad Watch\n", "utf-8")
    (root / SKIPPED_NAME).write_bytes(b"")
    (root / f"{NAME}.yaml").write_text(
        SIDECAR.replace("NAME", "name\\e]0;" + PWN + "\\a\\e[31m\\u202e\\x9b.txt"), "utf-8"
    )
    (root / ".glossator").mkdir()
    (root / ".glossator" / "watchlist.yaml").write_text(WATCHLIST, "utf-8")
    return root


class Pty:
    """A command on a real pseudo-terminal; every byte it writes is kept."""

    def __init__(self, argv: list[str], cwd: Path, env: dict[str, str], size=(160, 45)) -> None:  # type: ignore[no-untyped-def]
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, start_new_session=True
        )
        os.close(slave)
        self.raw = bytearray()

    def _pump(self, timeout: float) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                self.raw += os.read(self.master, 65536)
            except OSError:
                pass

    def text(self) -> str:
        return _OWN.sub(b"", bytes(self.raw)).decode("utf-8", "replace")

    def wait_for(self, needle: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.text():
            assert time.monotonic() < deadline, f"{needle!r} never appeared: {self.text()[-600:]!r}"
            assert self.proc.poll() is None or needle in self.text(), "the reader exited"
            self._pump(0.1)

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def finish(self, timeout: float = 30) -> bytes:
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._pump(0.1)
        self._pump(0.2)
        killed = self.proc.poll() is None
        if killed:
            self.proc.kill()
        self.proc.wait()
        os.close(self.master)
        raw = bytes(self.raw)
        if killed:
            # Killed mid-frame: drop a sequence or character cut off at the end.
            raw = re.sub(rb"\x1b(\[[0-?]*[ -/]*)?$", b"", raw)
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                if exc.reason == "unexpected end of data":  # only a cut-off last character
                    raw = raw[: exc.start]
        return raw


def _env() -> dict[str, str]:
    env = cli_env(TERM="xterm-256color", GLOSSATOR_HIDE_TIMINGS="1")
    env.pop("COLUMNS", None)
    env.pop("NO_COLOR", None)
    return env


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = _corpus(tmp_path / "corpus")
    assert glossator("index", str(root)).returncode == 0
    return root


def test_the_reader_writes_nothing_active_to_a_real_terminal(corpus: Path) -> None:
    term = Pty([*GLOSSATOR, str(corpus)], corpus, _env())
    try:
        term.wait_for("indexed")
        term.send("/")
        term.send("pwned")
        term.wait_for("1 hit")
        # Keys are answered in order; each wait is for what the key shows.
        for key, sign in (("\r", "⏎ Open"), ("\r", " words "), ("", "spannote"), ("l", "Log:")):
            term.send(key)
            if sign:
                term.wait_for(sign)
    finally:
        raw = term.finish(timeout=0)
    text = _OWN.sub(b"", raw).decode("utf-8", "replace")
    assert "Log" in text
    problems = _problems(raw)
    assert not problems, problems


@pytest.mark.parametrize(
    "args",
    [
        ("search", "zebracorn"),
        ("search", "--json", "zebracorn"),
        ("show", "NAME"),
        ("show", "NAME", "--entities"),
        ("show", "NAME", "--json"),
        ("show", "plain.txt", "--entities", "--json"),
        ("index",),
        ("export", "--format", "md"),
        ("export", "--format", "csv"),
        ("export", "--format", "json"),
        ("export", "--format", "jsonl"),
        ("export", "--format", "w3c"),
        ("tag", "zebracorn", "--add", "seen"),
        ("note", "NAME", "a note"),
    ],
    ids=lambda a: "-".join(a).replace("NAME", "name"),
)
def test_every_cli_output_is_inert_on_a_real_terminal(corpus: Path, args: tuple[str, ...]) -> None:
    argv = [str(corpus / NAME) if a == "NAME" else a for a in args]
    if argv[0] == "index":
        argv.append(str(corpus))
    else:
        argv[1:1] = ["--corpus", str(corpus)]
    term = Pty([*GLOSSATOR, *argv], corpus, _env())
    raw = term.finish(timeout=60)
    assert term.proc.returncode == 0, raw[-500:]
    problems = _problems(raw)
    assert not problems, problems
