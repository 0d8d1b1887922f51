"""The sidebar lists one row per canonical entity, and enter visits every way it was written."""

from __future__ import annotations

import re
from pathlib import Path

from reader_pilot import open_first, settle

from glossator.tui.widgets.article_view import ArticleView
from glossator.tui.widgets.sidebar import Sidebar
from glossator.tui.widgets.status import StatusLine

TEXT = (
    "Blair defends schools record\n"
    "Tony Blair visited Leeds on Monday. Mr Blair said the schools had improved, "
    "and Blair left at noon. Later Tony Blair flew to Rome."
)


def rows(sidebar: Sidebar) -> list[str]:
    return [str(o.prompt) for o in sidebar._options if o.id and o.id.startswith("entity")]


async def test_one_row_per_canonical_entity_and_enter_visits_every_variant(
    app_factory, tmp_path: Path
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "blair.txt").write_text(TEXT, encoding="utf-8")
    app = app_factory(corpus)
    async with app.run_test(size=(160, 48)) as pilot:
        await open_first(pilot, "schools")
        sidebar = app.screen.query_one(Sidebar)
        people = [r for r in rows(sidebar) if "Blair" in r]
        assert people == ["   Tony Blair ×5 (Blair)"]
        sidebar.focus()
        sidebar.highlighted = next(
            i for i, o in enumerate(sidebar._options) if o.id and o.id.endswith("Tony Blair")
        )
        view = app.screen.query_one(ArticleView)
        visited = []
        for _ in range(5):
            await pilot.press("enter")
            await settle(pilot)
            visited.append(view.cursor_offset)
        starts = [m.start() for m in re.finditer("Blair", TEXT)]
        # "Tony Blair" is visited at "Tony", the bare surnames at "Blair".
        expected = sorted(s - 5 if TEXT[s - 5 : s] == "Tony " else s for s in starts)
        assert visited == expected
        assert "mention 5 of 5" in str(app.screen.query_one(StatusLine).render())
