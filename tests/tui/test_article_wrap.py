"""The article is never drawn cut off: the text wraps at the width it is drawn at."""

from __future__ import annotations

from reader_pilot import open_first
from textual.geometry import Region
from textual.widgets import TextArea

from glossator.tui.widgets.article_view import ArticleView


async def test_the_first_article_is_drawn_wrapped_when_the_sidebar_opens(app_factory, monkeypatch):
    # At 160 columns the sidebar opens with the first article and the article
    # pane narrows. Textual draws the pane at its new width before the pane's
    # Resize event rewraps the text: what is drawn then is recorded here.
    drawn: list[list[str]] = []
    rewrap = TextArea._on_resize

    def record_then_rewrap(self: TextArea) -> None:
        if isinstance(self, ArticleView) and self.document.text and not drawn:
            width, height = self.size
            strips = self.render_lines(Region(0, 0, width, height))
            drawn.append([strip.text for strip in strips])
        rewrap(self)

    monkeypatch.setattr(TextArea, "_on_resize", record_then_rewrap)
    app = app_factory()
    async with app.run_test(size=(160, 48)) as pilot:
        await open_first(pilot, "kirkuk strike")
        view = app.screen.query_one(ArticleView)
        words = view.document.text.split()
    assert drawn, "the article pane was never resized: the test proved nothing"
    shown = " ".join(drawn[0]).split()
    assert len(shown) > 50
    assert shown == words[: len(shown)], "words were cut off at the pane's edge"
