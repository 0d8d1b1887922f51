"""The analyst's checks of incidents: confirm, reject, edit a field, add, undo.

Both the incidents view and the article view check incidents through these
functions. Each change goes through the `Session` (which saves the article's
sidecar with the store's locked write) in a worker; when it is saved, the
article's incident rows are read again and handed to `done` on the app's
thread, with a line saying what changed. The dialogs are in
`screens/incident_dialogs.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App

from glossator.index.corpus import Article
from glossator.service import Session
from glossator.service.spans import trimmed
from glossator.tui.render import shown
from glossator.tui.screens.incident_dialogs import (
    BY_NAME,
    EDITABLE,
    IncidentAddDialog,
    IncidentEditDialog,
    parse_value,
)
from glossator.tui.widgets.incident_table import describe

Row = dict[str, Any]
#: Called on the app's thread once a check is saved: the article id, its
#: incident rows now, and what to say.
Done = Callable[[str, list[Row], str], object]


def _article(session: Session, row: Row) -> Article:
    return session.index.article(str(row["article"]))


def _extracted(row: Row) -> Row:
    """The record as the extractor gave it (without the log's own keys)."""
    return {k: v for k, v in row.items() if not k.startswith("_")}


#: What the status line says while a check without a dialog is saved.
SAVING = "saving…"


def start(app: App[Any], session: Session, verb: str, row: Row, done: Done) -> str | None:
    """Start a check of one incident (`edit` opens its dialog); returns what to say:
    why it cannot be done, `SAVING`, or None (a dialog is open)."""
    if verb == "edit":
        edit(app, session, row, done)
        return None
    return run_check(app, session, verb, row, done) or SAVING


def run_check(app: App[Any], session: Session, verb: str, row: Row, done: Done) -> str | None:
    """`confirm`, `reject` or `undo` one incident in a worker; returns why not, if it cannot."""
    if verb == "undo" and row.get("status") == "extracted":
        return "this incident is not checked: nothing to undo"
    said = {"confirm": "confirmed", "reject": "rejected", "undo": "check removed"}[verb]

    def run() -> None:
        article = _article(session, row)
        if verb == "undo":
            session.delete_incident_check(article, str(row["id"]))
        elif verb == "reject":
            session.reject_incident(article, str(row["id"]), _extracted(row))
        else:
            session.confirm_incident(article, str(row["id"]), _extracted(row))
        rows = session.incidents(article)
        app.call_from_thread(done, article.id, rows, f"{said}: {describe(row)}")

    app.run_worker(run, name=f"{verb} an incident", group="save", thread=True, exit_on_error=False)
    return None


def edit(app: App[Any], session: Session, row: Row, done: Done) -> None:
    """`e`: correct one field of an incident in a small dialog."""

    def save(values: dict[str, str]) -> tuple[str, list[Row], str]:
        field = BY_NAME[values["field"]]
        value = parse_value(field, values["value"])
        article = _article(session, row)
        session.edit_incident(article, str(row["id"]), field.name, value, _extracted(row))
        shown_value = "not stated" if value is None else str(value)
        return article.id, session.incidents(article), f"{field.label} set to {shown_value}"

    def closed(result: tuple[str, list[Row], str] | None) -> None:
        if result is not None:
            done(*result)

    app.push_screen(IncidentEditDialog(row, save), closed)


def add(
    app: App[Any], session: Session, article: Article, picked: tuple[int, int], done: Done
) -> str | None:
    """`A`: add an incident reported by the passage `picked`; returns why not, if it cannot."""
    text = article.text
    start, end = trimmed(text, picked)
    if start == end:
        return "the selection is only blank space: select the sentence first"

    def save(values: dict[str, str]) -> tuple[str, list[Row], str]:
        fields: dict[str, object] = {}
        for field in EDITABLE:
            fields[field.name] = parse_value(field, values.get(field.name, ""))
        session.add_incident(article, start, end, fields)
        return article.id, session.incidents(article), f"incident added: {describe(fields)}"

    def closed(result: tuple[str, list[Row], str] | None) -> None:
        if result is not None:
            done(*result)

    quote = shown(" ".join(text[start:end].split()))
    app.push_screen(IncidentAddDialog(quote, save), closed)
    return None
