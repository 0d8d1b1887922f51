"""Entity corrections from the reader: W (not an entity), L (relabel), M (add)."""

from __future__ import annotations

from pathlib import Path

from reader_pilot import AIRSTRIKE, open_first, settle

from glossator.index.entities.watchlist import read_watchlist
from glossator.tui.screens.dialogs import ChoiceDialog
from glossator.tui.widgets.article_view import ArticleView
from glossator.tui.widgets.sidebar import Sidebar


def _corrections(seeds: Path) -> list[tuple[str, str | None, str | None, str, str | None]]:
    found = read_watchlist(seeds / ".glossator" / "watchlist.yaml")
    assert found.errors == []
    return [c.terms for c in found.corrections]


def _mentions(app: object, text: str) -> list[str]:
    bundle = app.screen.bundle  # type: ignore[attr-defined]
    return [e.label for e in bundle.entities if " ".join(e.text.split()) == text]


async def test_w_marks_the_entity_under_the_cursor_wrong_everywhere(app_factory, seeds: Path):
    app = app_factory()
    async with app.run_test(size=(160, 48)) as pilot:
        await open_first(pilot, "airstrike")
        view = app.screen.query_one(ArticleView)
        view.focus()
        await pilot.press("right_square_bracket")
        entity = next(e for e in app.screen.bundle.entities if e.start == view.cursor_offset)
        text, label = " ".join(entity.text.split()), entity.label
        query = f'{label.lower()}:"{text}"'
        assert app.session.find(query).total >= 1
        await pilot.press("W")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("e", "enter")
        await settle(pilot, 0.1)
        assert _corrections(seeds) == [(text, label, None, "corpus", None)]
        # The article is read again without it; the index follows in the background.
        assert label not in _mentions(app, text)
        assert app.session.find(query).total == 0


async def test_l_in_the_sidebar_relabels_here_only(app_factory, seeds: Path):
    app = app_factory()
    async with app.run_test(size=(160, 48)) as pilot:
        await open_first(pilot, "airstrike")
        sidebar = app.screen.query_one(Sidebar)
        sidebar.focus()
        sidebar.highlighted = next(
            i for i, o in enumerate(sidebar._options) if o.id and "entity" in o.id
        )
        _kind, name, label = sidebar.current_item()
        new = "WEAPON" if label != "WEAPON" else "FAC"
        await pilot.press("L")
        await settle(pilot)
        await pilot.press(new[0].lower(), "enter")
        await settle(pilot)
        await pilot.press("h", "enter")
        await settle(pilot, 0.1)
        assert _corrections(seeds) == [(name, label, new, "article", AIRSTRIKE)]
        assert set(_mentions(app, name)) == {new}
        assert app.session.find(f'{new.lower()}:"{name}"').total == 1


async def test_m_adds_the_selection_as_an_entity(app_factory, seeds: Path):
    app = app_factory()
    async with app.run_test(size=(160, 48)) as pilot:
        await open_first(pilot, "airstrike")
        view = app.screen.query_one(ArticleView)
        text = app.screen.bundle.article.text
        start = text.index("armed faction")
        view.jump((start, start + len("armed faction")), select=True)
        view.focus()
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("o", "enter")
        await settle(pilot)
        await pilot.press("e", "enter")
        await settle(pilot, 0.1)
        assert _corrections(seeds) == [("armed faction", None, "ORG", "corpus", None)]
        assert "ORG" in _mentions(app, "armed faction")
        assert app.session.find('org:"armed faction"').total >= 1


async def test_escape_saves_nothing(app_factory, seeds: Path):
    app = app_factory()
    async with app.run_test(size=(160, 48)) as pilot:
        await open_first(pilot, "airstrike")
        app.screen.query_one(ArticleView).focus()
        await pilot.press("right_square_bracket", "W")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceDialog)
    assert not (seeds / ".glossator" / "watchlist.yaml").exists()
