"""`glossator search` piped: plain lines, written without rich, the same bytes rich writes.

A search whose output is not a terminal prints its hits through
`render.plain_result` so that it never imports rich (its start-up is the
command's cost). These tests hold it to what `render.print_result` prints on
a console that is not a terminal, for any text an article can hold.
"""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from glossator.index.engine import SearchHit, SearchResult, Snippet
from glossator.tui import render

#: Text of every kind an article, title or file name can hold: wide and
#: combining characters, controls rich deletes, tabs, newlines, trailing blanks.
_TEXT = st.text(
    alphabet=st.sampled_from(
        list("ab Z9.,-#…") + ["\n", "\t", "\r", "\x07", "\x0b", "\x0c", "漢", "é", "\u0301"]
    ),
    max_size=40,
)
_SPANS = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=3).map(
    lambda spans: tuple((min(a, b), max(a, b)) for a, b in spans)
)
_SNIPPETS = st.lists(
    st.builds(Snippet, start=st.integers(0, 3), text=_TEXT, highlights=_SPANS), max_size=2
).map(tuple)
_HITS = st.lists(
    st.builds(
        SearchHit,
        rank=st.integers(1, 1200),
        article_id=_TEXT,
        title=_TEXT,
        score=st.floats(0, 10),
        snippets=_SNIPPETS,
        title_highlights=_SPANS,
        tags=st.lists(st.sampled_from(["airstrike", "needs-followup", "a/b.c"]), max_size=3).map(
            tuple
        ),
        words=st.integers(0, 900),
    ),
    max_size=4,
).map(tuple)
_RESULTS = st.builds(
    SearchResult,
    query=st.just("q"),
    hits=_HITS,
    total=st.integers(0, 9),
    elapsed=st.floats(0, 2),
    suggestion=st.one_of(st.none(), _TEXT),
)


def _rich_bytes(result: SearchResult, width: int) -> str:
    out = io.StringIO()
    console = Console(file=out, highlight=False, soft_wrap=True, width=width)
    assert not console.is_terminal
    render.print_result(console, result)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _no_forced_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)


@settings(max_examples=300, deadline=None)
@given(result=_RESULTS, width=st.sampled_from([20, 80, 200]))
def test_plain_lines_are_the_bytes_rich_prints_off_a_terminal(
    result: SearchResult, width: int
) -> None:
    plain = render.plain_result(result)
    rich = _rich_bytes(result, width)
    if plain is None:  # a tab: rich expands it by cell width, so rich prints it
        assert "\t" in "".join(
            h.title + h.article_id + "".join(s.text for s in h.snippets) for h in result.hits
        ) + (result.suggestion or "")
    else:
        assert plain == rich


def test_a_search_result_of_every_part_prints_as_rich_would() -> None:
    hit = SearchHit(
        rank=1,
        article_id="world/kirkuk.txt",
        title="Blast in Kirkuk",
        score=1.0,
        snippets=(Snippet(12, "  a blast in Kirkuk killed  ", ((12, 18),)),),
        title_highlights=((9, 15),),
        tags=("airstrike",),
        words=300,
    )
    result = SearchResult("kirkuk", (hit,), total=3, elapsed=0.012)
    plain = render.plain_result(result)
    assert plain == _rich_bytes(result, 80)
    assert plain == (
        "  1. Blast in Kirkuk\n"
        "     world/kirkuk.txt  #airstrike\n"
        "     …a blast in Kirkuk killed…\n"
        "\n"
        "3 hits, showing 1 (12 ms)\n"
    )
    empty = SearchResult("kirkk", (), total=0, elapsed=0.001, suggestion="kirkuk")
    assert render.plain_result(empty) == _rich_bytes(empty, 80)


def test_forced_colour_or_a_terminal_goes_through_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdout", io.StringIO())
    assert render.plain_stdout()
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert not render.plain_stdout()
    monkeypatch.delenv("FORCE_COLOR")
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    assert not render.plain_stdout()  # rich decides what its variables mean
    monkeypatch.delenv("TTY_COMPATIBLE")

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Tty())
    assert not render.plain_stdout()
