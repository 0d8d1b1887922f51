"""Helpers for the hostile-input and fault tests: hostile corpora, the real
`glossator` command, and the check that output bytes are terminal-inert.

A uniquely named module rather than ``conftest`` so test modules can import
it without clashing with other layers' helpers.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cli_driver import in_process

#: Long soaks run only when asked: `GLOSSATOR_SLOW=1 pytest -m slow tests/hostile`.
RUN_SLOW = os.environ.get("GLOSSATOR_SLOW") == "1"


def slow(func):  # type: ignore[no-untyped-def]
    """Mark a soak test: in the `slow` group and skipped unless GLOSSATOR_SLOW=1."""
    func = pytest.mark.slow(func)
    return pytest.mark.skipif(not RUN_SLOW, reason="soak test; set GLOSSATOR_SLOW=1")(func)


# -- the real command ------------------------------------------------------------

_SCRIPT = Path(sys.executable).parent / "glossator"
GLOSSATOR = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "glossator"]


def cli_env(**extra: str) -> dict[str, str]:
    """The environment a script would give glossator: no terminal, wide lines."""
    env = dict(os.environ, COLUMNS="100", TERM="dumb", GLOSSATOR_WORKERS="2")
    env.pop("FORCE_COLOR", None)
    # Module-scoped fixtures run before the private-config fixture: never read ~.
    env.setdefault("GLOSSATOR_CONFIG", os.devnull)
    env.setdefault("GLOSSATOR_AUTHOR", "tester")
    env.update(extra)
    return env


def glossator(
    *args: str, cwd: Path | None = None, timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[bytes]:
    """Run the installed `glossator` command; never raises on a non-zero exit."""
    return subprocess.run(
        [*GLOSSATOR, *args], capture_output=True, cwd=cwd, env=cli_env(**env), timeout=timeout
    )


def glossator_in(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """`glossator(*args)` in this process (`cli_driver.in_process`), with the
    same script-like environment: for loops of steps that check output and
    files, not the process. Every command here also runs for real elsewhere."""
    env = cli_env()
    return in_process(
        args, cwd=cwd, env={k: env[k] for k in ("COLUMNS", "TERM", "GLOSSATOR_WORKERS")}
    )


def glossator_cpu(*args: str, **kwargs: Any) -> tuple[float, subprocess.CompletedProcess[bytes]]:
    """`glossator(*args)` and the CPU seconds it used (user + system, its children too).

    "Does not hang" bounds use CPU time, not the wall clock: on a loaded machine
    a quick command waits for a core, but it does not compute for longer. The
    `timeout` stays the guard against a real hang.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = glossator(*args, **kwargs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return used, proc


def glossator_here(capfd: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, bytes, bytes]:
    """`glossator ARGS` in this process (same code, no start-up cost): status, stdout, stderr."""
    from glossator.tui.cli import main

    capfd.readouterr()
    status = main(list(args))
    out, err = capfd.readouterr()
    return status, out, err


def glossator_popen(*args: str, **kwargs: object) -> subprocess.Popen[bytes]:
    """Start `glossator` without waiting (for kill tests)."""
    return subprocess.Popen(  # type: ignore[call-overload, no-any-return]
        [*GLOSSATOR, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
        **kwargs,
    )


# -- what must never reach a terminal --------------------------------------------

_FORBIDDEN: dict[str, re.Pattern[bytes]] = {
    "ESC": re.compile(rb"\x1b"),
    "BEL": re.compile(rb"\x07"),
    "BS": re.compile(rb"\x08"),
    "C1 as UTF-8": re.compile(rb"\xc2[\x80-\x9f]"),
    # U+202A-U+202E and U+2066-U+2069 encoded as UTF-8.
    "bidi override/isolate": re.compile(rb"\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]"),
    "other C0": re.compile(rb"[\x00-\x06\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]"),
}


def terminal_problems(raw: bytes) -> list[str]:
    """What in `raw` a terminal would act on; empty when the bytes are inert."""
    found = [
        f"{name} at byte {m.start()}" for name, pat in _FORBIDDEN.items() if (m := pat.search(raw))
    ]
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        found.append(f"not UTF-8 at byte {exc.start}")
    return found


def assert_inert(raw: bytes, what: str = "output") -> None:
    """Fail with the first offending bytes when `raw` holds a control sequence."""
    problems = terminal_problems(raw)
    if problems:
        first = int(problems[0].rsplit(" ", 1)[1]) if problems[0][-1].isdigit() else 0
        raise AssertionError(
            f"{what}: {', '.join(problems)}; near {raw[max(0, first - 20) : first + 20]!r}"
        )


# -- the hostile corpus ------------------------------------------------------------

#: Every readable hostile article carries this word, so one search finds them all.
MARKER = "zebracorn"
MARKUP = "[bold red]"
OSC_TITLE = "PWNED-BY-ARTICLE"


def _article(title: str, body: str) -> str:
    return f"{title} {MARKER}\n{body} {MARKER}\n"


def _utf16(text: str) -> bytes:
    """UTF-16 little-endian with its BOM."""
    return b"\xff\xfe" + text.encode("utf-16-le")


#: file name -> content (str is written as UTF-8).
HOSTILE_TEXT: dict[str, str | bytes] = {
    "csi.txt": _article(
        "\x1b[31mRed title\x1b[0m",
        "\x1b[2J\x1b[H cleared \x1b[10;10H moved \x1b[?1049h alt \x1b[6n",
    ),
    "osc_title.txt": _article(
        f"\x1b]0;{OSC_TITLE}\x07Window title", f"\x1b]2;{OSC_TITLE}-2\x1b\\ and more"
    ),
    "osc8.txt": _article("Hyperlink", "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\"),
    "osc52.txt": _article("Clipboard", "\x1b]52;c;cm0gLXJmIH4vKgo=\x07 copied"),
    "dcs.txt": _article("Device control", "\x1bP+q544e\x1b\\ \x1bP$q m\x1b\\ \x1b_apc\x1b\\"),
    "bel_bs.txt": _article("Bell\x07\x07", "ring\x07 back\x08\x08\x08space \x0b\x0c\x7f\x1cx"),
    "c1.txt": _article(
        "C1 \u009b31m controls", "".join(chr(c) for c in range(0x80, 0xA0)) + " \u009d0;c1\u009c"
    ),
    "bidi.txt": _article(
        "Invoice \u202egnp.exe\u202c",
        "\u202a\u202b\u202d\u2066\u2067\u2068\u2069 \u200e\u200f\u061c x",
    ),
    "zero_width.txt": _article("Zero\u200bwidth", "a\u200b\u200c\u200d\u2060\ufeffb joiners"),
    "markup.txt": _article(
        f"{MARKUP}Markup title[/bold red]",
        "[bold red]not bold[/bold red] [@click=app.quit]quit[/] [link=https://evil.example]x[/link]"
        " [on red]bg[/] :smile: \\[escaped]",
    ),
    "invalid_utf8.txt": b"Invalid bytes "
    + MARKER.encode()
    + b"\n\xff\xfe\xc3( \x9b31m \xed\xa0\x80 "
    + MARKER.encode()
    + b"\n",
    "utf16.txt": _utf16(
        _article("UTF-16 \x1b[31m title", "wide text \x1b]0;" + OSC_TITLE + "\x07")
    ),
    "crlf.txt": _article("Windows lines", "one\r\ntwo\r\nthree\rfour").replace("\n", "\r\n"),
    "title_only.txt": f"Only a title {MARKER}",
    "empty.txt": b"",
    "binary.txt": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 64,
}


#: Articles whose *file names* carry escapes: ids are shown too.
HOSTILE_NAMES: dict[str, str] = {
    f"name\x1b]0;{OSC_TITLE}-NAME\x07\x1b[31m.txt": _article("Escape in the file name", "body"),
    "name\u202etxt.exe\u009b.txt": _article("Bidi in the file name", "body"),
}

#: Files glossator must skip, and a word its reason must contain.
SKIPPED = {"empty.txt": "empty", "binary.txt": "binary", "huge.txt": "limit"}


def make_hostile_corpus(root: Path, *, big: bool = True) -> Path:
    """Write every hostile article under `root` (plus a 1 MB line and a 50 MB file)."""
    root.mkdir(parents=True, exist_ok=True)
    for name, content in HOSTILE_TEXT.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (root / name).write_bytes(data)
    for name, text in HOSTILE_NAMES.items():
        (root / name).write_text(text, encoding="utf-8")
    # One line of a megabyte, with markup and escapes spread through it.
    chunk = f"word {MARKER} [bold]x[/bold] \x1b[31m "
    line = (chunk * (1_048_576 // len(chunk) + 1))[:1_048_576]
    (root / "long_line.txt").write_text(f"One long line {MARKER}\n{line}\n", encoding="utf-8")
    if big:
        # 50 MB without writing 50 MB: a sparse file (reads as NULs).
        with open(root / "huge.txt", "wb") as fh:
            fh.write(b"Huge title\n")
            fh.truncate(50 * 1024 * 1024)
    return root


#: Articles that index and can be opened.
READABLE = sorted([n for n in HOSTILE_TEXT if n not in SKIPPED] + ["long_line.txt", *HOSTILE_NAMES])


def copy_tree(src: Path, dest: Path) -> Path:
    """A writable copy of a folder."""
    shutil.copytree(src, dest)
    for p in dest.rglob("*"):
        p.chmod(0o755 if p.is_dir() else 0o644)
    return dest


# -- the small corpus of the fault tests ----------------------------------------------

ARTICLE = "a.txt"
TEXT = "Strike on the base\nA drone hit the base at dawn, officials said.\n" * 3


def fault_corpus(root: Path, n: int = 1) -> Path:
    """One article, ARTICLE, and n - 1 short others under root."""
    root.mkdir(parents=True, exist_ok=True)
    (root / ARTICLE).write_text(TEXT, encoding="utf-8")
    for i in range(1, n):
        (root / f"b{i:05d}.txt").write_text(f"Article {i}\nword{i} common text\n", encoding="utf-8")
    return root


def child_pids(pid: int) -> list[int]:
    """The pids whose parent is pid, read from /proc."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    """Whether pid runs (a zombie does not)."""
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
