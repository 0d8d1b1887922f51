"""The sub-commands that check an article: meta, incident-check, incident-add.

Each is one locked save through the service (`Session`), as `rate` is.
"""

from __future__ import annotations

import argparse
from typing import Any

from rich.text import Text

from glossator.tui.cli_context import Failure, UsageError, named_article, open_session
from glossator.tui.cli_context import guarded as _guarded
from glossator.tui.cli_output import dump_json, stdout_console
from glossator.tui.render import shown, shown_id


def cmd_meta(args: argparse.Namespace, config: Any) -> int:
    """`glossator meta ARTICLE [--date D|--clear-date] [--source S|--clear-source] [--json]`."""
    from glossator.annotations.checks import normalise_date, normalise_source

    # Both values are checked before either is saved: a bad one changes nothing.
    if args.date is not None:
        _guarded(lambda: normalise_date(args.date))
    if args.source is not None:
        _guarded(lambda: normalise_source(args.source))
    ix, article = named_article(args, config)
    session = open_session(ix, config)
    sidecar = _guarded(lambda: session.store.load(article.id, article.text))
    changed = []
    if args.date is not None or args.clear_date:
        date = None if args.clear_date else args.date
        sidecar = _guarded(lambda: session.set_article_date(article, date))
        changed.append("date")
    if args.source is not None or args.clear_source:
        source = None if args.clear_source else args.source
        sidecar = _guarded(lambda: session.set_article_source(article, source))
        changed.append("source")
    if args.json:
        dump_json(
            {"article": article.id, "date": sidecar.date or None, "source": sidecar.source or None}
        )
        return 0
    out = stdout_console()
    if changed:
        out.print(Text(f"set {' and '.join(changed)} of {shown_id(article.id)}"))
    out.print(Text(f"date: {sidecar.date or '(not set)'}"))
    out.print(Text(f"source: {shown(sidecar.source) if sidecar.source else '(not set)'}"))
    return 0


def _values(pairs: list[str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if not eq or not name.strip():
            raise UsageError(f"--set {shown(pair)!r} needs FIELD=VALUE, like fatalities=5")
        values[name.strip()] = value
    return values


def _find(log: list[dict[str, Any]], wanted: str, article_id: str) -> dict[str, Any]:
    for row in log:
        if wanted in (row["id"], row["extracted_id"]):
            return row
    known = ", ".join(r["id"] for r in log) or "none"
    raise Failure(
        f"no incident {shown(wanted)!r} in {shown_id(article_id)}; its incidents: {known}"
    )


def _summary(row: dict[str, Any]) -> str:
    toll = [f"{row[k]} {w}" for k, w in (("fatalities", "killed"), ("injured", "injured"))
            if row[k] is not None]  # fmt: skip
    parts = [row["sub_event_type"] or "no type", row["location"] or "", ", ".join(toll)]
    return shown(" · ".join(p for p in parts if p))


def _report(args: argparse.Namespace, article: Any, row: dict[str, Any] | None, said: str) -> int:
    if args.json:
        dump_json({"article": article.id, "incident": row})
    else:
        stdout_console().print(Text(said))
    return 0


def cmd_incident_check(args: argparse.Namespace, config: Any) -> int:
    """`glossator incident-check ARTICLE ID (--confirm|--reject|--set F=V ...|--undo)`."""
    values = _values(args.set)
    if not (args.confirm or args.reject or args.undo or values):
        raise UsageError("say what to do: --confirm, --reject, --set FIELD=VALUE or --undo")
    if (args.reject or args.undo) and values:
        raise UsageError("--set goes with --confirm or alone, not with --reject or --undo")
    ix, article = named_article(args, config)
    session = open_session(ix, config)
    row = _find(_guarded(lambda: session.checked_incidents(article)), args.id, article.id)
    record = row if row["status"] == "extracted" else None
    if args.undo:
        if record is not None:
            raise UsageError(f"{row['id']} is not checked; there is nothing to undo")
        _guarded(lambda: session.delete_incident_check(article, row["id"]))
        log = _guarded(lambda: session.checked_incidents(article))
        back = [r for r in log if r["id"] == row["extracted_id"]]
        said = f"undid {row['id']} in {shown_id(article.id)}"
        return _report(args, article, back[0] if back else None, said)
    if values:
        check, _ = _guarded(
            lambda: session.edit_incident_fields(article, row["id"], values, record)
        )
    elif args.reject:
        check, _ = _guarded(lambda: session.reject_incident(article, row["id"], record))
    else:
        check, _ = _guarded(lambda: session.confirm_incident(article, row["id"], record))
    now = _find(_guarded(lambda: session.checked_incidents(article)), check.id, article.id)
    said = f"{now['status']} {check.id} in {shown_id(article.id)}: {_summary(now)}"
    return _report(args, article, now, said)


def cmd_incident_add(args: argparse.Namespace, config: Any) -> int:
    """`glossator incident-add ARTICLE --start N --end N [--set F=V ...]`."""
    values = _values(args.set)
    ix, article = named_article(args, config)
    session = open_session(ix, config)
    check, _ = _guarded(lambda: session.add_incident(article, args.start, args.end, values))
    now = _find(_guarded(lambda: session.checked_incidents(article)), check.id, article.id)
    return _report(
        args, article, now, f"added {check.id} to {shown_id(article.id)}: {_summary(now)}"
    )
