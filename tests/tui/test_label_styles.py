"""Every entity label is told apart in every theme, colour depth and under NO_COLOR.

The Pilot test takes each label's Rich style as the theme resolves it,
downgrades its colour to 256 and 16 colours (`rich.color.Color.downgrade`)
and requires every pair of labels to differ; the attributes alone must
differ too, which is all NO_COLOR leaves. The tmux test reads the SGR codes
the installed reader really writes for a seed article at TERM=xterm-256color,
TERM=xterm (16 colours) and with NO_COLOR.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from itertools import combinations
from pathlib import Path

import pytest
from reader_pilot import open_first, settle
from rich.color import ColorSystem
from rich.console import Group
from rich.style import Style
from textual.widgets import Static
from tmux_driver import Tmux, needs_tmux

from glossator.index.labels import LABELS
from glossator.tui.app import GlossatorApp
from glossator.tui.widgets.article_view import ArticleView, entity_class

ATTRIBUTES = ("bold", "italic", "underline", "underline2", "overline", "reverse", "strike")


def _attributes(style: Style) -> tuple[bool, ...]:
    return tuple(bool(getattr(style, name)) for name in ATTRIBUTES)


def _colour(style: Style, system: ColorSystem) -> tuple[int, ...] | None:
    if style.color is None:
        return None
    colour = style.color.downgrade(system)
    if colour.number is not None:
        return (colour.number,)
    triplet = colour.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


def _clashes(styles: dict[str, tuple[object, ...]]) -> list[tuple[str, str]]:
    return [(a, b) for a, b in combinations(styles, 2) if styles[a] == styles[b]]


async def test_every_pair_of_labels_differs_in_every_theme(
    app_factory: Callable[..., GlossatorApp],
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        themes = sorted(app.available_themes)
        assert len(themes) >= 20
        problems = []
        for theme in themes:
            app.theme = theme
            await pilot.pause()
            styles = {
                label: view.get_component_rich_style(entity_class(label), partial=True)
                for label in LABELS
            }
            for label, style in styles.items():
                if not (style.underline or style.underline2):
                    problems.append(f"{theme}: {label} is not underlined")
            no_color = {label: _attributes(s) for label, s in styles.items()}
            if clashes := _clashes(no_color):
                problems.append(f"{theme} NO_COLOR: {clashes}")
            for system in (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT, ColorSystem.STANDARD):
                shown = {k: (_colour(s, system), *_attributes(s)) for k, s in styles.items()}
                if clashes := _clashes(shown):
                    problems.append(f"{theme} {system.name}: {clashes}")
    assert not problems, problems


# -- what the installed reader writes ------------------------------------------

GLOSSATOR = Path(sys.executable).with_name("glossator")
_SGR = re.compile(r"\x1b\[([0-9;:]*)m")
_FLAGS = {"1": "bold", "3": "italic", "4": "underline", "7": "reverse"}
_ARTICLE_ID = re.compile(r"\d{3}_[0-9a-f]{16}\.txt")


def _cells(line: str) -> list[tuple[str, frozenset[str], str]]:
    """Each character of a `capture-pane -e` line with its attributes and colour."""
    attrs: set[str] = set()
    fg = "default"
    cells: list[tuple[str, frozenset[str], str]] = []
    pos = 0
    for match in [*_SGR.finditer(line), None]:
        end = match.start() if match else len(line)
        cells.extend((ch, frozenset(attrs), fg) for ch in line[pos:end])
        if match is None:
            break
        pos = match.end()
        params = match.group(1).split(";") if match.group(1) else ["0"]
        i = 0
        while i < len(params):
            code = params[i]
            if code in ("0", ""):
                attrs.clear()
                fg = "default"
            elif code in ("38", "48"):
                # 38;5;N or 38;2;R;G;B
                span = 3 if params[i + 1] == "5" else 5
                if code == "38":
                    fg = ";".join(params[i : i + span])
                i += span - 1
            elif code in ("1", "3", "4", "7", "9"):
                attrs.add(_FLAGS.get(code, code))
            elif code in ("4:2", "21"):
                attrs.add("underline2")
            elif code in ("53", "5:3"):  # tmux 3.3 writes overline as 5:3
                attrs.add("overline")
            elif code in ("22", "23", "24", "27", "55"):
                attrs -= {
                    "22": {"bold"},
                    "23": {"italic"},
                    "24": {"underline", "underline2"},
                    "27": {"reverse"},
                    "55": {"overline"},
                }[code]
            elif code == "39":
                fg = "default"
            elif 30 <= int(code.split(":")[0]) <= 37 or 90 <= int(code.split(":")[0]) <= 97:
                fg = code
            i += 1
    return cells


def _label_styles(screen: str, entities: list[dict[str, object]]) -> dict[str, Counter[object]]:
    """Per label, how often each (attributes, colour) was seen on its entities' text."""
    seen: dict[str, Counter[object]] = {}
    for line in screen.splitlines():
        cells = _cells(line)
        text = "".join(c[0] for c in cells)
        for ent in entities:
            name = str(ent["text"])
            for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                _, attrs, fg = cells[match.start()]
                if "reverse" in attrs or not attrs & {"underline", "underline2"}:
                    continue  # a search hit, or the unstyled title above the text
                seen.setdefault(str(ent["label"]), Counter())[(attrs, fg)] += 1
    return seen


@pytest.mark.e2e
@needs_tmux
@pytest.mark.parametrize(
    ("term", "no_color"),
    [("xterm-256color", False), ("xterm", False), ("xterm-256color", True)],
    ids=["256-colours", "16-colours", "no-color"],
)
def test_the_reader_writes_a_different_style_for_each_label(
    seeds: Path, tmp_path: Path, term: str, no_color: bool
) -> None:
    if not GLOSSATOR.exists():
        pytest.skip("glossator is not installed in this env")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "GLOSSATOR_CONFIG": str(tmp_path / "config.toml"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "GLOSSATOR_HIDE_TIMINGS": "1",
        "TERM": term,
        "LANG": "C.UTF-8",
    }
    if no_color:
        env["NO_COLOR"] = "1"
    subprocess.run([str(GLOSSATOR), "index", "-q", str(seeds)], env=env, check=True, timeout=120)
    tmux = Tmux(f"labels-{term}-{no_color}")
    tmux.start([str(GLOSSATOR), str(seeds)], cwd=seeds, env=env)
    try:
        tmux.wait_for("articles indexed", timeout=60)
        tmux.type("Hezbollah")
        tmux.wait_for(" hit")
        tmux.keys("Enter")
        tmux.wait_for("⏎ Open")
        tmux.keys("Enter")
        screen = tmux.wait_for(" words ")
        # The legend is drawn with the body, in the same frame.
        tmux.wait_for("span")
        raw = tmux.screen(escapes=True)
    finally:
        tmux.kill()
    article_id = _ARTICLE_ID.search(screen)
    assert article_id, screen
    shown = subprocess.run(
        [str(GLOSSATOR), "show", "--corpus", str(seeds), article_id.group(), "--entities"]
        + ["--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    seen = _label_styles(raw, json.loads(shown.stdout))
    assert len(seen) >= 6, seen
    styles = {label: counts.most_common(1)[0][0] for label, counts in seen.items()}
    compared = {
        label: (attrs,) if no_color else (attrs, fg) for label, (attrs, fg) in styles.items()
    }
    assert not _clashes(compared), styles
    if term == "xterm":
        assert "38;5;" not in raw and "38;2;" not in raw
    else:
        assert "38;2;" not in raw


async def test_changing_the_theme_recolours_the_open_article_and_legend(
    app_factory: Callable[..., GlossatorApp],
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-dark"
        await open_first(pilot, "airstrike")
        view = app.screen.query_one(ArticleView)
        ent = view.entities[0]
        row, col = view.location_of(ent.start)

        def drawn() -> Style:
            return view.get_line(row).get_style_at_offset(app.console, col)

        def legend() -> Style:
            group = app.screen.query_one("#article-legend", Static).content
            assert isinstance(group, Group)
            text = group.renderables[0]
            return text.get_style_at_offset(app.console, 0)  # type: ignore[union-attr]

        before = drawn().color
        app.theme = "nord"
        await settle(pilot)
        wanted = view.get_component_rich_style(entity_class(ent.label), partial=True)
        assert wanted.color != before
        assert drawn().color == wanted.color
        first = next(label for label in LABELS if label in {e.label for e in view.entities})
        legend_wanted = view.get_component_rich_style(entity_class(first), partial=True)
        assert legend().color == legend_wanted.color
