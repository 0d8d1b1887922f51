"""An article's effective incident log: the extractor's records under the analyst's checks.

`reconcile` is a pure function. The extractor's records come in the shape of
`glossator.index.incidents.Incident.to_dict()`; the analyst's are the
sidecar's `IncidentCheck` values. Each check is re-anchored on the current
text and matched one-to-one to the extracted record whose sentence it
overlaps most. The analyst's fields always win, so a re-extraction that
changes a toll leaves a confirmed record as the analyst confirmed it, a
rejected record hides its extracted counterpart, and a check whose
counterpart vanished is still listed.

The `*_change` functions build the edits the store applies under its lock
(`SidecarStore.edit`), so every check is a locked read-modify-write.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from glossator.annotations.anchor import context_of, reanchor
from glossator.annotations.checks import (
    FIELDS,
    FieldValue,
    IncidentCheck,
    date_precision,
    field_value,
)
from glossator.annotations.errors import InvalidValue, NotFoundError
from glossator.annotations.model import Sidecar, new_id, utc_now

__all__ = [
    "add_change",
    "delete_change",
    "extracted_ids",
    "match",
    "reconcile",
    "status_change",
    "validated_fields",
]

Change = Callable[[Sidecar], None]
Extracted = Mapping[str, Any]


def extracted_ids(extracted: Sequence[Extracted]) -> list[str]:
    """Stable ids for extracted records: ``x-`` and a short hash of the sentence.

    The same sentence gets the same id however the extractor's other output
    changes; a sentence that occurs twice gets ``-2``, ``-3`` ... in text order.
    """
    order = sorted(range(len(extracted)), key=lambda i: (extracted[i]["start"], i))
    ids = [""] * len(extracted)
    used: set[str] = set()
    for i in order:
        base = "x-" + hashlib.sha1(str(extracted[i]["sentence"]).encode("utf-8")).hexdigest()[:8]
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}-{n}"
        used.add(candidate)
        ids[i] = candidate
    return ids


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(checks: Sequence[IncidentCheck], extracted: Sequence[Extracted]) -> dict[int, int]:
    """Check index -> extracted index, one-to-one, largest overlap first.

    Checks must already be anchored on the text the records were extracted
    from. Orphaned checks match nothing; ties go to the earlier check and
    the earlier record.
    """
    pairs = []
    for ci, check in enumerate(checks):
        if check.orphaned:
            continue
        for ei, record in enumerate(extracted):
            size = _overlap((check.start, check.end), (record["start"], record["end"]))
            if size > 0:
                pairs.append((-size, ci, ei))
    pairs.sort()
    matched: dict[int, int] = {}
    taken: set[int] = set()
    for _, ci, ei in pairs:
        if ci not in matched and ei not in taken:
            matched[ci] = ei
            taken.add(ei)
    return matched


def _row(rid: str, status: str, start: int, end: int, sentence: str) -> dict[str, Any]:
    return {"id": rid, "status": status, "start": start, "end": end, "sentence": sentence}


def _extracted_row(record: Extracted, rid: str) -> dict[str, Any]:
    row = _row(rid, "extracted", record["start"], record["end"], record["sentence"])
    row.update({name: record.get(name) for name in FIELDS})
    row["event_date_precision"] = record.get("event_date_precision")
    row.update(extracted_id=rid, author=None, updated=None, orphaned=False)
    row["mentions"] = [list(m) for m in record.get("mentions", ())]
    return row


def _check_row(
    text: str, check: IncidentCheck, record: Extracted | None, rid: str | None
) -> dict[str, Any]:
    sentence = check.quote if check.orphaned else text[check.start : check.end]
    row = _row(check.id, check.status, check.start, check.end, sentence)
    base = record if record is not None else {}
    for name in FIELDS:
        row[name] = check.fields[name] if name in check.fields else base.get(name)
    if "event_date" in check.fields:
        date = check.fields["event_date"]
        row["event_date_precision"] = date_precision(str(date)) if date else None
    else:
        row["event_date_precision"] = base.get("event_date_precision")
    row.update(extracted_id=rid, author=check.author, updated=check.updated)
    row["orphaned"] = check.orphaned
    row["mentions"] = [list(m) for m in base.get("mentions", ())]
    return row


def reconcile(
    text: str, extracted: Sequence[Extracted], checks: Sequence[IncidentCheck]
) -> list[dict[str, Any]]:
    """The effective incident log of an article, sorted by position.

    One dict per record with ``id``, ``status`` (``extracted`` or the check's
    status), ``start``, ``end``, ``sentence``, every field of `FIELDS`,
    ``event_date_precision``, ``extracted_id`` (the matched extracted
    record's id, or None), ``author``, ``updated``, ``orphaned`` and
    ``mentions``. Neither argument is changed.
    """
    anchored = [replace(c, fields=dict(c.fields)) for c in checks]
    reanchor(anchored, text)
    ids = extracted_ids(extracted)
    pairs = match(anchored, extracted)
    taken = set(pairs.values())
    rows = [_extracted_row(r, ids[i]) for i, r in enumerate(extracted) if i not in taken]
    for ci, check in enumerate(anchored):
        ei = pairs.get(ci)
        record = None if ei is None else extracted[ei]
        rows.append(_check_row(text, check, record, None if ei is None else ids[ei]))
    rows.sort(key=lambda r: (r["start"], r["end"], r["id"]))
    return rows


# -- changes for SidecarStore.edit -------------------------------------------------


def validated_fields(values: Mapping[str, Any]) -> dict[str, FieldValue]:
    """Every value checked with `field_value`; raises InvalidValue on the first bad one."""
    return {name: field_value(name, value) for name, value in values.items()}


def _snapshot(record: Extracted) -> dict[str, FieldValue]:
    # What the analyst saw when checking; a value the sidecar could not hold
    # is left out, and the extractor's stays in the log.
    out: dict[str, FieldValue] = {}
    for name in FIELDS:
        if name == "notes":
            continue
        try:
            out[name] = field_value(name, record.get(name))
        except InvalidValue:
            continue
    return out


def _check_for(
    sidecar: Sidecar, text: str, record_id: str, record: Extracted | None, author: str
) -> IncidentCheck:
    found = sidecar.find_incident(record_id)
    if found is not None:
        return found
    if record is None:
        raise NotFoundError(
            f"no incident {record_id!r} in this article (re-extracted or undone by someone else?)"
        )
    # Someone may have checked the same sentence a moment ago: update theirs.
    reanchor(sidecar.incidents, text)
    paired = match(sidecar.incidents, [record])
    if paired:
        return sidecar.incidents[next(iter(paired))]
    start, end = int(record["start"]), int(record["end"])
    if not 0 <= start < end <= len(text) or text[start:end] != record["sentence"]:
        raise InvalidValue(
            f"incident {record_id!r} is not at {start}-{end} in this text; list the incidents again"
        )
    prefix, suffix = context_of(text, start, end)
    check = IncidentCheck(
        new_id("i", sidecar.ids()), "confirmed", start, end, text[start:end], prefix, suffix,
        _snapshot(record), author, utc_now(),
    )  # fmt: skip
    sidecar.incidents.append(check)
    return check


def status_change(
    text: str,
    record_id: str,
    record: Extracted | None,
    author: str,
    *,
    status: str,
    values: Mapping[str, FieldValue] | None = None,
    made: list[IncidentCheck] | None = None,
) -> Change:
    """Confirm (``status="confirmed"``), reject, or edit (``"edited"`` with `values`).

    `record_id` names a check, or an extracted record given as `record`
    (a check is then made from it). An analyst's added record stays
    ``added`` when confirmed or edited, and an edited one stays ``edited``
    when confirmed. The check is appended to `made`.
    """

    def change(sidecar: Sidecar) -> None:
        check = _check_for(sidecar, text, record_id, record, author)
        if status == "rejected":
            check.status = status
        elif check.status != "added" and not (status == "confirmed" and check.status == "edited"):
            check.status = status
        check.fields.update(values or {})
        check.author, check.updated = author, utc_now()
        if made is not None:
            made.append(check)

    return change


def add_change(
    text: str,
    start: int,
    end: int,
    values: Mapping[str, FieldValue],
    author: str,
    made: list[IncidentCheck],
) -> Change:
    """Record an incident the extractor missed, at ``text[start:end]``; raises InvalidValue."""
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise InvalidValue(
            f"incident {start}-{end} is not a non-empty stretch of the "
            f"{len(text)}-character article"
        )
    prefix, suffix = context_of(text, start, end)

    def change(sidecar: Sidecar) -> None:
        check = IncidentCheck(
            new_id("i", sidecar.ids()), "added", start, end, text[start:end], prefix, suffix,
            dict(values), author, utc_now(),
        )  # fmt: skip
        sidecar.incidents.append(check)
        made.append(check)

    return change


def delete_change(check_id: str) -> Change:
    """Remove a check (undo): its extracted record, if any, shows as extracted again."""

    def change(sidecar: Sidecar) -> None:
        check = sidecar.find_incident(check_id)
        if check is None:
            raise NotFoundError(
                f"no incident check {check_id!r} in this sidecar (undone by someone else?)"
            )
        sidecar.incidents.remove(check)

    return change
