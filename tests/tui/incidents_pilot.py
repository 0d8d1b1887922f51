"""Shared steps of the incidents-view Pilot tests."""

from __future__ import annotations

from pathlib import Path

import yaml
from reader_pilot import search, settle
from textual.pilot import Pilot

from glossator.tui.screens.incidents import IncidentsScreen
from glossator.tui.widgets.incident_table import IncidentTable

#: The seed reporting the US strike near Kirkuk that killed five militants.
KIRKUK = "002_45e5cc2aff789250.txt"


def kirkuk_row(row: dict) -> bool:
    """Whether an incidents-view row is the Kirkuk strike of KIRKUK."""
    return row["article"] == KIRKUK and row["location"] == "Kirkuk" and row["fatalities"] == 5


async def open_view(pilot: Pilot[object], query: str | None = None) -> IncidentTable:
    """Open the incidents view, of a query's hits when one is given."""
    await settle(pilot)
    if query is not None:
        await search(pilot, query)
    await pilot.press("tab" if query is None else "enter")
    await pilot.press("i")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, IncidentsScreen)
    return screen.query_one(IncidentTable)


def status_text(pilot: Pilot[object], selector: str = "#incidents-status") -> str:
    """The text of a status widget of the screen shown."""
    return str(pilot.app.screen.query_one(selector).render())


def sidecar_incidents(seeds: Path, article: str) -> list[dict]:
    """The incidents saved in an article's sidecar."""
    path = seeds / f"{article}.yaml"
    assert path.exists(), "the check was not saved"
    data = yaml.safe_load(path.read_text("utf-8"))
    return data.get("incidents") or []


async def on_kirkuk(pilot: Pilot[object]) -> IncidentTable:
    """Open the incidents view with the cursor on the Kirkuk strike."""
    table = await open_view(pilot)
    at = next(i for i, r in enumerate(table.rows_shown) if kirkuk_row(r))
    table.move_cursor(row=at)
    await pilot.pause()
    return table
