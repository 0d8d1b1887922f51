"""No key is lost: clear the query and type a new one at typing speed, in tmux.

Keys handled by a binding (`ctrl+u`, backspace, `ctrl+w`, `escape`, `/`) used
to run only after the next letter had already been typed, so clearing the box
and typing `window` left `indow`. Each trial here types at 20 ms a key on the
BBC corpus, some while a slow prefix query is still running, and every key
must land where it was aimed.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from tmux_driver import TYPING, Tmux, footer, needs_tmux, query_line

if TYPE_CHECKING:
    from glossator.index.indexer import Index

# One worker runs them all, so the reader fixture starts once.
pytestmark = [pytest.mark.e2e, needs_tmux, pytest.mark.xdist_group("lost-keys")]

GLOSSATOR = Path(sys.executable).with_name("glossator")
TRIALS = 20
WORDS = ("window", "harbour", "minister", "striker", "festival", "quarterly", "election")


def _env(home: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),
        "GLOSSATOR_CONFIG": str(home / "config.toml"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "GLOSSATOR_HIDE_TIMINGS": "1",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
    }


@pytest.fixture(scope="module")
def reader(bbc_copy: Path, bbc_index: Index, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The reader on BBC at 80x24, index built, query box focused.

    The index is a copy of the worker's shared BBC index: building one more
    in a subprocess cost 11 s, and these tests are about keys, not indexing.
    """
    if not GLOSSATOR.exists():
        pytest.skip("glossator is not installed in this env")
    home = tmp_path_factory.mktemp("lost-keys-home")
    env = _env(home)
    # A writable copy, as conftest's `copy_index` makes: the reader may update it.
    index = Path(shutil.copytree(bbc_index.dir, home / "index", symlinks=True))
    tmux = Tmux("lost-keys")
    tmux.start([str(GLOSSATOR), str(bbc_copy), "--index-dir", str(index)], cwd=bbc_copy, env=env)
    try:
        tmux.wait_for("articles indexed", timeout=60)
        yield tmux
    finally:
        tmux.kill()


def _typed(tmux: Tmux, word: str) -> str | None:
    """None once the box holds exactly `word` with its hits shown, else what it holds."""
    try:
        tmux.wait_until(
            lambda s: query_line(s) == word and " hit" in s, f"the query {word!r}", timeout=8
        )
    except AssertionError:
        return query_line(tmux.screen())
    return None


def _start(tmux: Tmux, text: str) -> None:
    """Empty the box, type `text` and wait until it is shown with its hits."""
    tmux.keys("C-u")
    tmux.wait_until(lambda s: query_line(s) == "", "an empty query box")
    tmux.type(text)
    tmux.wait_until(lambda s: query_line(s) == text and " hit" in s, repr(text))


def _clear_with(tmux: Tmux, how: str, before: str) -> None:
    if how == "ctrl+u":
        tmux.keys("C-u")
    elif how == "backspace":
        tmux.press(["BSpace"] * len(before))
    elif how == "ctrl+w":
        tmux.keys("C-w")
    elif how == "escape, /":
        tmux.keys("/")  # from the hits: the box takes focus with its query selected


@pytest.mark.parametrize(
    ("how", "before", "slow"),
    [
        ("ctrl+u", "abc", False),
        ("backspace", "abc", False),
        ("ctrl+w", "abc", False),
        ("escape, /", "abc", False),
        ("ctrl+u", "s*", True),
        ("backspace", "co*", True),
    ],
    ids=["ctrl+u", "backspace", "ctrl+w", "escape-slash", "ctrl+u-slow-prefix", "bs-slow-prefix"],
)
def test_no_key_is_lost_clearing_the_query_and_typing_another(
    reader: Tmux, how: str, before: str, slow: bool
) -> None:
    lost: list[str] = []
    for trial in range(TRIALS):
        word = WORDS[trial % len(WORDS)]
        if slow:
            # The slow query starts on the last key; clearing comes while it runs.
            reader.keys("C-u")
            reader.wait_until(lambda s: query_line(s) == "", "an empty query box")
            reader.type(before)
        else:
            _start(reader, before)
            if how == "escape, /":
                reader.keys("Escape")
                reader.wait_until(lambda s: TYPING not in footer(s), "focus on the hits")
        _clear_with(reader, how, before)
        reader.type(word)
        got = _typed(reader, word)
        if got is not None:
            lost.append(f"trial {trial}: expected {word!r}, box shows {got!r}")
    assert not lost, f"{len(lost)} of {TRIALS} trials lost keys:\n" + "\n".join(lost)


def test_keys_typed_into_a_dialog_as_it_opens_all_arrive(reader: Tmux) -> None:
    """`t` opens the tag dialog; the tag typed straight after it is all there."""
    _start(reader, "election")
    reader.keys("Enter")
    reader.wait_until(lambda s: TYPING not in footer(s), "focus on the hits")
    reader.keys("Enter")
    reader.wait_for("words ·", timeout=15)
    reader.type("tcampaign-trail")
    try:
        reader.wait_until(
            lambda s: "Add tags" in s and "campaign-trail" in s, "the tag typed in the dialog", 8
        )
    finally:
        reader.keys("Escape")
