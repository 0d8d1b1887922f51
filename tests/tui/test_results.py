"""The result list redraws only what changed between keystrokes, and draws it right."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Region

from glossator.index.engine import SearchHit, Snippet
from glossator.tui.widgets.results import ResultList


def _hit(article_id: str, word: str, rank: int = 1) -> SearchHit:
    text = f"the {word} grew in the last quarter of the year"
    start = text.index(word)
    return SearchHit(
        rank=rank,
        article_id=article_id,
        title=f"{article_id} {word}",
        score=1.0,
        snippets=(Snippet(0, text, ((start, start + len(word)),)),),
        title_highlights=((len(article_id) + 1, len(article_id) + 1 + len(word)),),
        tags=("business",),
        words=100,
    )


class _Lists(App[None]):
    CSS_PATH = "../../tui/glossator.tcss"

    def compose(self) -> ComposeResult:
        yield ResultList(id="results")


def _drawn(widget: ResultList) -> list[list[tuple[str, object]]]:
    size = widget.size
    strips = widget.render_lines(Region(0, 0, size.width, size.height))
    return [[(seg.text, seg.style) for seg in strip] for strip in strips]


async def test_reused_entries_draw_like_new_ones() -> None:
    first = [_hit("a", "economy"), _hit("b", "economy"), _hit("c", "econ")]
    second = [_hit("a", "economy"), _hit("d", "economic"), _hit("c", "econ")]
    app = _Lists()
    async with app.run_test(size=(60, 12)) as pilot:
        results = app.query_one(ResultList)
        results.show_hits(first)
        await pilot.pause()
        _drawn(results)
        kept = results.get_option_at_index(0)
        results.show_hits(second)
        await pilot.pause()
        assert results.get_option_at_index(0) is kept
        reused = _drawn(results)
        results.show_hits([])
        results.show_hits(second)
        await pilot.pause()
        assert _drawn(results) == reused
        assert [o.id for o in results.options] == ["a", "d", "c"]


async def test_same_entries_are_not_redrawn() -> None:
    app = _Lists()
    async with app.run_test(size=(60, 12)) as pilot:
        results = app.query_one(ResultList)
        results.show_hits([_hit("a", "film"), _hit("b", "film")])
        await pilot.pause()
        options = list(results.options)
        results.show_hits([_hit("a", "film", rank=1), _hit("b", "film", rank=2)])
        assert list(results.options) == options
        assert [h.article_id for h in results.hits] == ["a", "b"]
