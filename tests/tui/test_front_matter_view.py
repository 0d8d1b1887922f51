"""An article with YAML front matter in the reader: metadata in the header, never body text."""

from __future__ import annotations

from pathlib import Path

from reader_pilot import open_first, settle

from glossator.tui.screens.main import MainScreen
from glossator.tui.widgets.article_view import ArticleView

ARTICLE = """---
date: 2024-01-16
source: Reuters
title: Houthis hit a bulk carrier
---
Houthi rebels fired an anti-ship ballistic missile at a Greek-owned bulk carrier \
off Yemen on Tuesday, injuring two crew members, the U.S. military said.

A second paragraph names the carrier again: the carrier was hit above the waterline.
"""


async def test_front_matter_is_shown_as_metadata(app_factory, seeds: Path) -> None:
    (seeds / "red_sea.txt").write_text(ARTICLE, encoding="utf-8")
    app = app_factory()
    async with app.run_test(size=(100, 30)) as pilot:
        await open_first(pilot, "carrier")
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.bundle is not None
        article = screen.bundle.article
        assert article.id == "red_sea.txt"
        view = screen.query_one(ArticleView)
        assert view.text.startswith("Houthi rebels fired")
        assert "source: Reuters" not in view.text and "---" not in view.text
        title = str(screen.query_one("#article-title").render())
        meta = str(screen.query_one("#article-meta").render())
        assert "Houthis hit a bulk carrier" in title
        assert "2024-01-16" in meta and "Reuters" in meta
        # Offsets in and out of the view are still offsets into the file's text.
        await pilot.press("n")
        await settle(pilot)
        start, end = view.hits[0]
        assert article.text[start:end].lower() == "carrier"
        assert view.cursor_offset == start
        await pilot.press("n")
        second = view.cursor_offset
        assert second > start and article.text[second : second + 7].lower() == "carrier"
