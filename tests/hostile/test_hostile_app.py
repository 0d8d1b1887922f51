"""Hostile articles in the reader: Pilot for what the widgets render, tmux for
what really reaches a terminal."""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

import pytest
from hostile_support import (
    GLOSSATOR,
    HOSTILE_NAMES,
    MARKER,
    MARKUP,
    OSC_TITLE,
    cli_env,
    glossator,
    slow,
)
from tmux_driver import TYPING, Tmux, footer, needs_tmux, query_line

from glossator.tui.app import make_app
from glossator.tui.config import Config

# Hostile articles the reader must open and show as plain characters.
OPEN = [
    "markup.txt",
    "csi.txt",
    "osc_title.txt",
    "osc52.txt",
    "dcs.txt",
    "c1.txt",
    "bidi.txt",
    "bel_bs.txt",
    "invalid_utf8.txt",
    "utf16.txt",
    "title_only.txt",
]
_ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

HOSTILE_SIDECAR = (
    "version: 1\narticle: csi.txt\ntags: [hostile]\nnotes:\n"
    '  - id: n-1\n    author: "mallory\\e]0;AUTHOR\\a"\n    created: 2026-11-21T10:04:00Z\n'
    '    text: "\\e[2J\\x9b31m \\u202e [bold red] [@click=app.quit]x[/] \\e]52;c;cm0K\\a"\n'
)


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def _screen_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    """Every line every visible widget renders, as the compositor would send it."""
    lines = []
    for widget in app.screen.query("*"):
        if not widget.display or not widget.size.area:
            continue
        for y in range(widget.size.height):
            try:
                lines.append(widget.render_line(y).text)
            except Exception:  # containers with nothing of their own
                break
    return lines


def _open_all(corpus: Path, articles: list[str], keys: tuple[str, ...] = ()) -> dict[str, object]:
    """Open each article in a Pilot-driven reader; what was on screen, and the CPU
    seconds each step took (not wall time: a loaded machine makes a quick step
    wait for a core, only a freeze makes it compute)."""
    app = make_app(corpus, Config(author="tester"), show_timings=False)
    seen: dict[str, object] = {}

    async def drive() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await _settle(pilot)
            screen = app.screen
            for article in articles:
                started = time.process_time()
                screen.open_article(article)
                await _settle(pilot)
                seen[f"{article} open s"] = time.process_time() - started
                assert screen.bundle is not None and screen.bundle.article.id == article
                seen[article] = _screen_lines(app)
                assert app.is_running, f"the reader stopped after opening {article!r}"
                for key in keys:  # what an analyst presses next must not stop it either
                    started = time.process_time()
                    await pilot.press(key)
                    await _settle(pilot)
                    seen[f"{article} {key} s"] = time.process_time() - started
                    assert app.is_running
            seen["running"] = app.is_running

    asyncio.run(drive())
    return seen


def _controls(seen: dict[str, object], article: str) -> list[str]:
    return [ln for ln in seen[article] if _ACTIVE.search(ln)]  # type: ignore[union-attr]


def test_reader_shows_hostile_articles_literally_and_keeps_running(hostile_copy: Path) -> None:
    seen = _open_all(hostile_copy, OPEN, keys=("G", "right_square_bracket"))
    assert seen["running"]
    markup_screen = "\n".join(seen["markup.txt"])  # type: ignore[arg-type]
    assert f"{MARKUP}Markup title[/bold red]" in markup_screen
    assert "[@click=app.quit]quit[/]" in markup_screen
    assert "\u241b[31mRed title" in "\n".join(seen["csi.txt"])  # type: ignore[arg-type]
    for article in OPEN:
        assert not _controls(seen, article), f"{article!r}: {_controls(seen, article)[0]!r}"


def test_sidebar_does_not_show_control_characters_from_a_sidecar(hostile_copy: Path) -> None:
    (hostile_copy / "csi.txt.yaml").write_text(HOSTILE_SIDECAR, encoding="utf-8")
    seen = _open_all(hostile_copy, ["csi.txt"])
    assert any("[bold red]" in ln for ln in seen["csi.txt"])  # type: ignore[union-attr]
    assert not _controls(seen, "csi.txt"), _controls(seen, "csi.txt")[0]


def test_article_with_escapes_in_its_file_name_shows_them_inert(hostile_copy: Path) -> None:
    names = list(HOSTILE_NAMES)
    seen = _open_all(hostile_copy, names)
    for name in names:
        assert not _controls(seen, name), f"{name!r}: {_controls(seen, name)[0]!r}"


def _long_line_corpus(root: Path, size: int) -> str:
    root.mkdir()
    chunk = f"word {MARKER} [bold]x[/bold] \x1b[31m "
    (root / "long.txt").write_text(
        f"Long {MARKER}\n" + (chunk * (size // len(chunk) + 1))[:size] + "\n", encoding="utf-8"
    )
    return "long.txt"


def test_a_100kb_single_line_article_does_not_freeze_the_reader(tmp_path: Path) -> None:
    article = _long_line_corpus(tmp_path / "corpus", 100_000)
    seen = _open_all(tmp_path / "corpus", [article], keys=("G",))
    slowest = max(v for k, v in seen.items() if k.endswith(" s"))  # type: ignore[type-var]
    assert slowest < 1.0, {k: round(v, 2) for k, v in seen.items() if k.endswith(" s")}


@slow
def test_a_1mb_single_line_article_does_not_freeze_the_reader(tmp_path: Path) -> None:
    article = _long_line_corpus(tmp_path / "corpus", 1_048_576)
    seen = _open_all(tmp_path / "corpus", [article], keys=("G", "g"))
    slowest = max(v for k, v in seen.items() if k.endswith(" s"))  # type: ignore[type-var]
    # A megabyte is ~170,000 words to lay out; opening took ~15 s when the
    # line was soft-wrapped whole, ~1.2 s broken for display.
    assert slowest < 3.0, {k: round(v, 2) for k, v in seen.items() if k.endswith(" s")}


# -- a real terminal ---------------------------------------------------------------


def _reader_env() -> dict[str, str]:
    env = cli_env(TERM="xterm-256color", GLOSSATOR_HIDE_TIMINGS="1")
    keep = (
        "PATH",
        "HOME",
        "GLOSSATOR_CONFIG",
        "GLOSSATOR_AUTHOR",
        "XDG_CACHE_HOME",
        "TERM",
        "GLOSSATOR_HIDE_TIMINGS",
        "GLOSSATOR_WORKERS",
        "LANG",
        "LC_ALL",
    )
    env.setdefault("LANG", "C.UTF-8")
    return {k: env[k] for k in keep if k in env}


# SGR colour codes are what tmux itself writes with -e; anything else came from the app.
_FOREIGN = re.compile(r"\x1b(?!\[[0-9;:]*m)")


@needs_tmux
@pytest.mark.e2e
def test_real_terminal_is_not_driven_by_a_hostile_article(hostile_copy: Path) -> None:
    assert glossator("index", str(hostile_copy)).returncode == 0
    tmux = Tmux("read")
    try:
        tmux.start([*GLOSSATOR, str(hostile_copy)], cwd=hostile_copy, env=_reader_env())
        title_before = tmux.pane("pane_title")
        tmux.wait_for("articles indexed", timeout=30)
        screens: list[str] = []
        plains: list[str] = []
        for query, shown in (
            ('"window title"', "Window title"),
            ("cleared", "Red title"),
            ("clipboard", "copied"),
            ("markup", "not bold"),
        ):
            tmux.keys("/")
            tmux.wait_until(lambda s: TYPING in footer(s), "focus in the query box")
            tmux.keys("C-u")
            tmux.type(f"{query} {MARKER}")
            tmux.wait_until(
                lambda s, q=f"{query} {MARKER}": query_line(s) == q and " hit" in s,
                f"the hits for {query!r}",
            )
            tmux.keys("Enter")
            tmux.wait_until(lambda s: TYPING not in footer(s), "focus on the hits")
            tmux.keys("Enter")
            tmux.wait_until(
                lambda s, shown=shown: shown in s and " words · " in s, f"the article {shown!r}"
            )
            screens.append(tmux.screen(escapes=True))
            plains.append(tmux.screen())
        joined = "\n".join(screens)
        plain = "\n".join(plains)
        title_after = tmux.pane("pane_title")
        buffers = tmux("list-buffers")
        alive = tmux.exited() is None
    finally:
        tmux.kill()
    assert alive, "glossator exited while showing hostile articles:\n" + joined[-2000:]
    assert OSC_TITLE not in title_after, f"an article set the terminal title: {title_after!r}"
    assert OSC_TITLE not in title_before
    assert not buffers.strip(), f"an article wrote the clipboard (OSC 52): {buffers!r}"
    foreign = _FOREIGN.search(joined)
    assert foreign is None, (
        f"non-SGR escape on screen: {joined[foreign.start() : foreign.start() + 30]!r}"
    )
    assert "\u241b" in plain, "the escape picture never showed: the articles were not opened"
    assert "[bold red]not bold[/bold red] [@click=app.quit]quit[/]" in plain, plain
