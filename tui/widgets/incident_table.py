"""The incident table: one row per incident, columns fitted to the terminal's width.

Rows are the incident log's dicts (`glossator.service.incidents.FIELDS`).
Every column is one `Column` in `COLUMNS`, with the width it needs and how
important it is: on a narrow terminal the most important columns get their
room first, the others are shortened (with an ellipsis) and, below their
minimum, left out. Sorting, the status filter and updating a row after a
check keep the cursor on the same incident.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable

from glossator.service.stories import disagreements
from glossator.tui.commands import bindings
from glossator.tui.render import shown

Row = dict[str, Any]

#: Short names of ACLED's sub-event types, for narrow columns.
SHORT_TYPES: dict[str, str] = {
    "Air/drone strike": "Air strike",
    "Shelling/artillery/missile attack": "Shelling",
    "Remote explosive/landmine/IED": "IED/mine",
    "Suicide bomb": "Suicide",
    "Grenade": "Grenade",
    "Armed clash": "Clash",
    "Attack": "Attack",
    "Abduction/forced disappearance": "Abduction",
    "Disrupted weapons use": "Disrupted",
}

#: How each status shows: a mark for narrow tables, the word for wide ones.
STATUS_MARKS: dict[str, str] = {
    "extracted": "·",
    "confirmed": "✓",
    "edited": "✎",
    "added": "+",
    "rejected": "✗",
    "mixed": "~",
}

#: The status filter `f` cycles through: (name, statuses shown; empty: all).
FILTERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("all", frozenset()),
    ("unchecked", frozenset({"extracted"})),
    ("checked", frozenset({"confirmed", "edited", "added"})),
    ("rejected", frozenset({"rejected"})),
)


def count(value: object) -> str:
    """A toll as shown: the number, or `?` when the text does not say."""
    return "?" if value is None else str(value)


def describe(row: Row) -> str:
    """One line naming an incident: `Air/drone strike, Kirkuk, 5 killed`."""
    parts = [str(row.get("sub_event_type") or "incident")]
    place = row.get("location") or row.get("country")
    if place:
        parts.append(str(place))
    if row.get("fatalities") is not None:
        parts.append(f"{row['fatalities']} killed")
    if row.get("injured"):
        parts.append(f"{row['injured']} injured")
    return shown(", ".join(parts))


def _actors(row: Row) -> str:
    a, b = row.get("actor1"), row.get("actor2")
    if not a and not b:
        return ""
    return f"{a or '?'} → {b or '?'}"


def _text_key(value: object) -> tuple[int, str]:
    return (0, str(value).casefold()) if value not in (None, "") else (1, "")


def _number_key(value: object) -> tuple[int, float]:
    return (0, float(value)) if isinstance(value, int | float) else (1, 0.0)


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the table."""

    key: str
    title: str
    short: str
    """The title when the column is narrower than `title`."""
    text: Callable[[Row, int], str]
    """The cell's text for a row, given the column's width."""
    sort: Callable[[Row], tuple[int, Any]]
    """Sort key; the first element is 1 for an empty value, so those sort last."""
    least: int
    """Narrower than this the column is left out."""
    most: int
    """Never wider than this."""
    fair: int
    """What the column gets before any column grows past this (the rest comes after)."""
    rank: int
    """Lower is more important: gets its room first and is the last left out."""
    right: bool = False
    descending: bool = False
    """Sorting by this column starts with the largest value (tolls)."""


def _type_text(row: Row, width: int) -> str:
    name = str(row.get("sub_event_type") or "")
    return name if cell_len(name) <= width else SHORT_TYPES.get(name, name)


def _status_text(row: Row, width: int) -> str:
    status = str(row.get("status") or "extracted")
    return status if width >= len(status) else STATUS_MARKS.get(status, "?")


COLUMNS: tuple[Column, ...] = (
    Column(
        "date", "date", "date",
        lambda r, w: str(r.get("event_date") or ""),
        lambda r: _text_key(r.get("event_date")), 7, 10, 10, 4,
    ),
    Column(
        "place", "place", "place",
        lambda r, w: str(r.get("location") or r.get("country") or ""),
        lambda r: _text_key(r.get("location") or r.get("country")), 8, 24, 14, 2,
    ),
    Column(
        "type", "type", "type", _type_text,
        lambda r: _text_key(r.get("sub_event_type")), 8, 33, 10, 1,
    ),
    Column(
        "actors", "actor1 → actor2", "actors", lambda r, w: _actors(r),
        lambda r: _text_key(_actors(r)), 10, 40, 22, 5,
    ),
    Column(
        "weapon", "weapon", "weapon", lambda r, w: str(r.get("weapon") or ""),
        lambda r: _text_key(r.get("weapon")), 6, 20, 10, 8,
    ),
    Column(
        "killed", "killed", "dead", lambda r, w: count(r.get("fatalities")),
        lambda r: _number_key(r.get("fatalities")), 4, 6, 6, 3, right=True, descending=True,
    ),
    Column(
        "injured", "injured", "hurt", lambda r, w: count(r.get("injured")),
        lambda r: _number_key(r.get("injured")), 4, 7, 7, 6, right=True, descending=True,
    ),
    Column(
        "status", "status", "✓", _status_text,
        lambda r: _text_key(r.get("status")), 1, 9, 1, 7,
    ),
    Column(
        "article", "article", "article", lambda r, w: str(r.get("article") or ""),
        lambda r: (0, r.get("_order", 0)), 7, 28, 12, 9,
    ),
)  # fmt: skip

BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}
#: Each cell has a space either side.
PADDING = 2


def _shown_text(column: Column, row: Row) -> str:
    """A cell's whole text: the value, or an event row's mark (`≠4–10`)."""
    marks: dict[str, str] = row.get("_marks") or {}
    return marks.get(column.key) or column.text(row, column.most)


def fit_columns(rows: Sequence[Row], width: int) -> list[tuple[Column, int]]:
    """The columns that fit in `width` cells, in their order, with their widths.

    The most important columns get their minimum first; columns that do not
    fit even so are left out. What is left widens the columns, most
    important first: each to its fair width, then to what its longest value
    (or title) needs.
    """
    wanted = {}
    for column in COLUMNS:
        longest = max((cell_len(_shown_text(column, row)) for row in rows), default=0)
        wanted[column.key] = min(column.most, max(column.least, longest, cell_len(column.title)))
    kept: dict[str, int] = {}
    used = 0
    for column in sorted(COLUMNS, key=lambda c: c.rank):
        if used + column.least + PADDING <= width:
            kept[column.key] = column.least
            used += column.least + PADDING
    for limit in (lambda c: min(c.fair, wanted[c.key]), lambda c: wanted[c.key]):
        for column in sorted(COLUMNS, key=lambda c: c.rank):
            if column.key in kept:
                extra = min(limit(column) - kept[column.key], width - used)
                if extra > 0:
                    kept[column.key] += extra
                    used += extra
    return [(c, kept[c.key]) for c in COLUMNS if c.key in kept]


def cell(column: Column, row: Row, width: int) -> Text:
    """A cell: the value made inert (never markup), cut with an ellipsis to `width`.
    On an event row a field the reports disagree on shows `≠` and is bold."""
    marks: dict[str, str] = row.get("_marks") or {}
    marked = column.key in marks
    value = marks[column.key] if marked else column.text(row, width)
    text = Text(shown(value), no_wrap=True, overflow="ellipsis")
    text.truncate(width, overflow="ellipsis")
    if column.right:
        text.justify = "right"
    if row.get("status") == "rejected":
        text.stylize("strike dim")
    if marked:
        text.stylize("bold")
    return text


def row_key(row: Row) -> str:
    """The table's key for a row: its article and record id (an event row: its event)."""
    if row.get("_members"):
        return f"event\x00{row.get('event')}"
    return f"{row.get('article')}\x00{row.get('id')}"


#: The columns that show each compared field (`service.stories.COMPARED`).
MARKED_COLUMNS: dict[str, str] = {
    "fatalities": "killed",
    "injured": "injured",
    "sub_event_type": "type",
    "event_date": "date",
    "actor1": "actors",
    "actor2": "actors",
    "location": "place",
    "country": "place",
    "weapon": "weapon",
}


def _range(values: Sequence[Any]) -> str:
    numbers = [v for v in values if isinstance(v, int)]
    return f"≠{min(numbers)}–{max(numbers)}" if numbers else "≠"


def event_row(event: str, members: Sequence[Row]) -> Row:
    """One row standing for the records of one event in several reports: the
    first record's values, the highest toll, `N reports` in the article
    column, and a mark on each field the reports disagree on."""
    first = members[0]
    row: Row = dict(first)
    differs = disagreements(members)
    articles = sorted({str(m.get("article")) for m in members})
    statuses = {str(m.get("status") or "extracted") for m in members}
    row["status"] = statuses.pop() if len(statuses) == 1 else "mixed"
    for name in ("fatalities", "injured"):
        stated: list[int] = [v for m in members if isinstance(v := m.get(name), int)]
        row[name] = max(stated) if stated else None
    for name in ("sub_event_type", "event_date", "actor1", "actor2", "location", "country"):
        if row.get(name) in (None, ""):
            row[name] = next((m.get(name) for m in members if m.get(name)), None)
    marks: dict[str, str] = {}
    for name, values in differs.items():
        column = MARKED_COLUMNS[name]
        if name in ("fatalities", "injured"):
            marks[column] = _range(values)
        elif column not in marks:
            marks[column] = "≠" + BY_KEY[column].text(row, 99)
    n = len(articles)
    marks["article"] = f"{n} report{'s' if n != 1 else ''}" if n > 1 else articles[0]
    row.update(
        _members=list(members),
        _differs=differs,
        _marks=marks,
        _reports=n,
        _order=min(m.get("_order", 0) for m in members),
    )
    return row


def event_rows(rows: Sequence[Row]) -> list[Row]:
    """One row per event (in the order of each event's first record); a record
    of no event, or the only record of its event here, stays as it is."""
    groups: dict[str, list[Row]] = {}
    order: list[Row | str] = []
    for row in rows:
        event = row.get("event")
        if not event:
            order.append(row)
            continue
        if event not in groups:
            groups[event] = []
            order.append(str(event))
        groups[event].append(row)
    out: list[Row] = []
    for item in order:
        if isinstance(item, str):
            members = groups[item]
            out.append(members[0] if len(members) == 1 else event_row(item, members))
        else:
            out.append(item)
    return out


class IncidentTable(DataTable[Text]):
    """The incidents, one per line; `enter` opens one (the screen's binding)."""

    BINDINGS: ClassVar[list[Any]] = bindings("incident-table") + bindings("list")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self.rows_shown: list[Row] = []
        self._widths: list[tuple[Column, int]] = []

    def show_rows(self, rows: Sequence[Row], keep: str | None = None) -> None:
        """Replace the rows (in this order), putting the cursor on `keep` when it is there."""
        self.rows_shown = list(rows)
        self._rebuild(keep)

    def _rebuild(self, keep: str | None) -> None:
        width = max(self.size.width or self.app.size.width, 20) - 2
        self._widths = fit_columns(self.rows_shown, width)
        self.clear(columns=True)
        for column, size in self._widths:
            title = column.title if cell_len(column.title) <= size else column.short
            label = Text(title, style="bold", justify="right" if column.right else "left")
            label.truncate(size, overflow="ellipsis")
            self.add_column(label, width=size, key=column.key)
        for row in self.rows_shown:
            self.add_row(*(cell(c, row, w) for c, w in self._widths), key=row_key(row))
        if keep is not None:
            self.move_to(keep)

    def on_resize(self) -> None:
        keep = self.current_key
        self._rebuild(keep)

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor."""
        if not self.rows_shown or self.cursor_row >= len(self.rows_shown):
            return None
        return row_key(self.rows_shown[self.cursor_row])

    @property
    def current(self) -> Row | None:
        """The row under the cursor."""
        if not self.rows_shown or self.cursor_row >= len(self.rows_shown):
            return None
        return self.rows_shown[self.cursor_row]

    def move_to(self, key: str) -> None:
        """Put the cursor on the row with this key, if it is shown."""
        keys = [row_key(r) for r in self.rows_shown]
        if key in keys:
            self.move_cursor(row=keys.index(key), animate=False)

    def replace_row(self, old_key: str, row: Row) -> None:
        """Show a row's new values in place (after a check); the cursor stays."""
        keys = [row_key(r) for r in self.rows_shown]
        if old_key not in keys:
            return
        at = keys.index(old_key)
        self.rows_shown[at] = row
        if row_key(row) != old_key:
            # A changed id changes the key: rebuild, still at the same place.
            self._rebuild(None)
            self.move_cursor(row=at, animate=False)
            return
        for column, size in self._widths:
            self.update_cell(old_key, column.key, cell(column, row, size))


def ordered(rows: Sequence[Row], sort: str, descending: bool) -> list[Row]:
    """Rows sorted by a column; empty values last in either direction, ties in found order."""
    column = BY_KEY[sort]
    present = [r for r in rows if column.sort(r)[0] == 0]
    empty = [r for r in rows if column.sort(r)[0] != 0]
    present.sort(key=lambda r: (column.sort(r), r.get("_order", 0)))
    if descending:
        present.reverse()
    return present + sorted(empty, key=lambda r: r.get("_order", 0))


def filtered(rows: Sequence[Row], filter_index: int) -> list[Row]:
    """The rows the status filter shows."""
    statuses = FILTERS[filter_index][1]
    return [r for r in rows if not statuses or r.get("status") in statuses]
