"""Right-to-left articles in the reader (Pilot): found, opened, shown unmangled.

Textual lays text out left to right and has no bidi algorithm, so an Arabic
line is written in its stored (logical) order; what must hold is that every
character reaches the screen as stored, lines wrap between words, and no
bidi control is passed on (they are replaced by U+FFFD when read).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from reader_pilot import open_first
from rich.cells import cell_len

from glossator.index.sanitize import has_unsafe
from glossator.tui.app import GlossatorApp
from glossator.tui.widgets.article_pane import ArticlePane
from glossator.tui.widgets.article_view import ArticleView

RTL = Path(__file__).resolve().parent.parent / "fixtures" / "rtl"
MARKED = "\u200fبيان\u061c \u202eصحفي\u202c \u2067مرفق\u2069 zebra\n"


@pytest.fixture
def rtl_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "rtl"
    corpus.mkdir()
    for article in RTL.glob("*.txt"):
        shutil.copyfile(article, corpus / article.name)
    (corpus / "marked.txt").write_text("بيان مع علامات\n" + MARKED * 20, "utf-8")
    return corpus


def _wrapped_lines(view: ArticleView) -> list[str]:
    doc = view.wrapped_document
    return [part for row in range(view.document.line_count) for part in doc.get_sections(row)]


@pytest.mark.parametrize(
    ("query", "article", "word"),
    [("بغداد", "arabic_airstrike.txt", "الرمادي"), ("הרצל", "hebrew_explosion.txt", "חבלנים")],
)
async def test_an_rtl_article_opens_unmangled_and_wraps_between_words(
    app_factory: Callable[..., GlossatorApp],
    rtl_corpus: Path,
    query: str,
    article: str,
    word: str,
) -> None:
    app = app_factory(rtl_corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, query)
        bundle = app.screen.bundle  # type: ignore[attr-defined]
        assert bundle is not None and bundle.article.id == article
        view = app.screen.query_one(ArticleView)
        text = (rtl_corpus / article).read_text("utf-8")
        assert view.text == bundle.article.text == text
        assert view.hits and view.text[slice(*view.hits[0])] == query
        lines = _wrapped_lines(view)
        assert len(lines) > view.document.line_count  # the paragraphs did wrap
        # Every wrapped piece is whole words: joined back it is the text.
        rows = view.text.split("\n")
        assert "".join(lines) == "".join(rows)
        for piece in lines:
            assert cell_len(piece.rstrip(" ")) <= view.wrap_width
        for row, line in enumerate(rows):
            for cut in view.wrapped_document.get_offsets(row):
                assert line[cut - 1] == " " or line[cut] == " ", (line[cut - 5 : cut + 5], cut)
        assert word in "".join(lines)
        # What the widget draws, line by line, holds the words as stored.
        shown = "\n".join(view.render_line(y).text for y in range(view.size.height))
        assert query in shown
        assert app.screen.query_one(ArticlePane).region.width == 80


async def test_bidi_controls_in_an_article_are_never_drawn(
    app_factory: Callable[..., GlossatorApp], rtl_corpus: Path
) -> None:
    app = app_factory(rtl_corpus)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "zebra")
        view = app.screen.query_one(ArticleView)
        assert not has_unsafe(view.text)
        drawn = "".join(view.render_line(y).text for y in range(view.size.height))
        assert "صحفي" in drawn and "\ufffd" in drawn
        assert not has_unsafe(drawn)
