"""Helpers for driving the reader in Pilot tests (a uniquely named module)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

#: The first seed article: an Iraqi militia airstrike report.
AIRSTRIKE = "000_a527e38b797e7e70.txt"


async def settle(pilot: Pilot[object], delay: float = 0.0) -> None:
    """Let workers finish and the screen catch up."""
    await pilot.pause(delay)
    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:  # a newer keystroke cancelled a search: wait for the rest
            continue
        await pilot.pause()
    await pilot.pause()


async def search(pilot: Pilot[object], query: str, *, type_it: bool = False) -> None:
    """Put a query in the search box (typing it key by key if asked) and wait for results."""
    from glossator.tui.widgets.search_pane import SearchPane

    await settle(pilot)
    if type_it:
        await pilot.press(*query)
    else:
        pilot.app.screen.query_one(SearchPane).set_query(query)
    await settle(pilot, 0.05)


async def open_first(pilot: Pilot[object], query: str) -> None:
    """Search and open the top hit."""
    await search(pilot, query)
    await pilot.press("enter", "enter")
    await settle(pilot)


async def watch_first_entity(pilot: Pilot[object]) -> None:
    """In the open article, put the sidebar's first entity on the watchlist (`w`, `y`)."""
    from glossator.tui.widgets.sidebar import Sidebar

    sidebar = pilot.app.screen.query_one(Sidebar)
    sidebar.focus()
    sidebar.highlighted = next(
        i for i, o in enumerate(sidebar._options) if o.id and "entity" in o.id
    )
    await pilot.press("w")
    await settle(pilot)
    await pilot.press("y")
