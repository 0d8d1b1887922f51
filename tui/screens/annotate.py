"""The annotation dialogs: tags, rating, notes, spans, deletions and the watchlist.

Each function opens a dialog for one `AnnotationTarget`; the dialog's save
runs in a worker and, on success, the target's `saved` shows the new sidecar.
A failed save keeps the dialog open with the user's text and the reason.
Changes that need no dialog (remove a tag, delete an item) save in an app
worker, whose failure the app reports like any other.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from textual.app import App

from glossator.annotations.checks import normalise_date, normalise_source
from glossator.annotations.model import CREDIBILITY, RELIABILITY, Sidecar
from glossator.index.corpus import Article
from glossator.index.labels import LABELS
from glossator.service import Session
from glossator.service.spans import trimmed
from glossator.tui.screens.dialogs import ConfirmDialog, Field, FormDialog, NoteDialog, PickDialog

#: Span labels offered before the corpus has any of its own.
SPAN_LABELS = ("target", "claim", "casualties", "attribution", "quote")


@dataclass(frozen=True, slots=True)
class AnnotationTarget:
    """The article the dialogs annotate, and where a saved result goes."""

    session: Session
    article: Article
    sidecar: Sidecar
    known_tags: Sequence[str]
    """Every tag in the corpus, most used first, for completion."""
    saved: Callable[[Sidecar, str], object]
    """Shows a saved sidecar; the text says what changed. Called on the app's thread."""


def split_tags(value: str) -> list[str]:
    """Tags typed with commas or spaces between them."""
    return [t for t in re.split(r"[,\s]+", value) if t]


def _tags(tags: list[str]) -> str:
    return " ".join(f"#{t.lower()}" for t in tags)


def _then(target: AnnotationTarget, said: str | Callable[[Sidecar], str]) -> Callable[[Any], None]:
    """The dialog callback: show the saved sidecar (None: the dialog was cancelled)."""

    def done(sidecar: Sidecar | None) -> None:
        if sidecar is not None:
            target.saved(sidecar, said(sidecar) if callable(said) else said)

    return done


def save_in_background(
    app: App[Any], target: AnnotationTarget, describe: str, save: Callable[[], Sidecar], said: str
) -> None:
    """Run a store change without a dialog; `describe` names it if it fails."""

    def run() -> None:
        sidecar = save()
        app.call_from_thread(target.saved, sidecar, said)

    app.run_worker(run, name=describe, group="save", thread=True, exit_on_error=False)


def add_tags(app: App[Any], target: AnnotationTarget) -> None:
    """`t`: add one or more tags, completing from the corpus's tags."""
    added: list[str] = []

    def save(values: dict[str, str]) -> Sidecar:
        tags = split_tags(values["tags"])
        if not tags:
            raise ValueError("type at least one tag")
        sidecar = target.session.tag(target.article, add=tags)
        added[:] = tags
        return sidecar

    known = target.known_tags
    hint = "known: " + ", ".join(known[:12]) if known else "tags: letters, digits, - _ / ."
    field = Field(
        "tags", "Tags (comma or space between; → accepts a completion)", suggestions=known
    )
    app.push_screen(
        FormDialog(f"Add tags to “{target.article.title[:50]}”", [field], save, hint=hint),
        _then(target, lambda _: f"tagged {_tags(added)}"),
    )


def remove_tag(app: App[Any], target: AnnotationTarget) -> None:
    """`T`: pick a tag to remove."""

    def picked(tag: str | None) -> None:
        if tag:
            save_in_background(
                app,
                target,
                f"removing tag {tag}",
                lambda: target.session.tag(target.article, remove=[tag]),
                f"removed #{tag}",
            )

    app.push_screen(PickDialog("Remove which tag?", target.sidecar.tags), picked)


def rate(app: App[Any], target: AnnotationTarget) -> None:
    """`r`: NATO Admiralty code, reliability A-F and credibility 1-6."""
    current = target.sidecar.rating.code if target.sidecar.rating else ""

    def save(values: dict[str, str]) -> Sidecar:
        return target.session.rate(target.article, values["rating"])

    def said(sidecar: Sidecar) -> str:
        return f"rated {sidecar.rating.code}" if sidecar.rating else "rating cleared"

    # Two columns, one grade a line: reliability on the left, credibility on the right.
    width = max(len(v) for v in RELIABILITY.values())
    hint = "\n".join(
        f"{r} {r_text:<{width}}  {c} {c_text}"
        for (r, r_text), (c, c_text) in zip(RELIABILITY.items(), CREDIBILITY.items(), strict=False)
    )
    hint += "\nleave empty to clear the rating"
    field = Field("rating", "Reliability A-F + credibility 1-6", value=current, placeholder="B2")
    app.push_screen(FormDialog("Rate the source", [field], save, hint=hint), _then(target, said))


def add_note(app: App[Any], target: AnnotationTarget, note_id: str | None = None) -> None:
    """`c`: a note about the article (or edit one, with `note_id`)."""
    old = target.sidecar.find_note(note_id) if note_id else None

    def save(values: dict[str, str]) -> Sidecar:
        if note_id is not None:
            return target.session.edit_note(target.article, note_id, values["note"])
        return target.session.add_note(target.article, values["note"])[1]

    app.push_screen(
        NoteDialog("Edit note" if old else "Add a note", old.text if old else "", save),
        _then(target, "note changed" if old else "note added"),
    )


def _labels(target: AnnotationTarget) -> list[str]:
    used = [s.label for s in target.sidecar.spans]
    return list(
        dict.fromkeys([*used, *SPAN_LABELS, *target.known_tags, *(lbl.lower() for lbl in LABELS)])
    )


def annotate_selection(
    app: App[Any], target: AnnotationTarget, picked: tuple[int, int], clear: Callable[[], object]
) -> str | None:
    """`a`: label the passage `picked`, with an optional note; `clear` ends the selection.

    Returns why nothing was opened (a selection of blank space only), else None.
    """
    text = target.article.text
    start, end = trimmed(text, picked)
    if start == end:
        return "the selection is only blank space: select some words first"
    quote = " ".join(text[start:end].split())

    def save(values: dict[str, str]) -> Sidecar:
        return target.session.label_span(
            target.article, start, end, values["label"], values["note"]
        )

    def said(sidecar: Sidecar) -> str:
        clear()
        label = next((s.label for s in sidecar.spans if (s.start, s.end) == (start, end)), "")
        return f"passage labelled {label} ({end - start} characters)"

    shown = quote if len(quote) <= 60 else quote[:57] + "…"
    label = Field(
        "label",
        "Label (→ accepts a completion)",
        suggestions=_labels(target),
        placeholder="e.g. target, claim, casualties",
        required=True,
    )
    app.push_screen(
        FormDialog(f"Annotate “{shown}”", [label, Field("note", "Note (optional)")], save),
        _then(target, said),
    )
    return None


def edit_span(app: App[Any], target: AnnotationTarget, span_id: str) -> None:
    """Change a span's label and note."""
    span = target.sidecar.find_span(span_id)
    if span is None:
        return

    def save(values: dict[str, str]) -> Sidecar:
        return target.session.edit_span(target.article, span_id, values["label"], values["note"])

    fields = [
        Field("label", "Label", value=span.label, suggestions=_labels(target), required=True),
        Field("note", "Note", value=span.note),
    ]
    app.push_screen(FormDialog("Edit span", fields, save), _then(target, "span changed"))


#: For each kind of sidebar item: how the question names it, what the status
#: line says once it is gone, and the name of the change in a failure.
_DELETE = {
    "note": ("this note", "note deleted", "deleting a note"),
    "span": ("this span", "span deleted", "deleting a span"),
    "orphan": ("this orphaned span", "span deleted", "deleting a span"),
}


def delete(app: App[Any], target: AnnotationTarget, kind: str, key: str) -> None:
    """Ask, then delete a note, span or tag from the sidebar."""
    if kind == "tag":
        what, said, describe = f"the tag {key}", f"removed #{key}", f"removing tag {key}"
    elif kind in _DELETE:
        what, said, describe = _DELETE[kind]
    else:
        return

    def answered(yes: bool | None) -> None:
        if yes:
            save_in_background(
                app,
                target,
                describe,
                lambda: target.session.delete(target.article, kind, key),
                said,
            )

    app.push_screen(ConfirmDialog(f"Delete {what}?"), answered)


def watch(
    app: App[Any], session: Session, name: str, label: str, done: Callable[[], object]
) -> None:
    """Ask, then add an entity name to the corpus watchlist; `done` runs after."""

    def add() -> None:
        path = session.watch(name, label)
        app.call_from_thread(app.notify, f"{name} ({label}) added to {path}")
        app.call_from_thread(done)

    def confirmed(yes: bool | None) -> None:
        if yes:
            app.run_worker(
                add,
                name=f"adding {name} to the watchlist",
                group="watch",
                thread=True,
                exit_on_error=False,
            )

    app.push_screen(ConfirmDialog(f"Add “{name}” ({label}) to the corpus watchlist?"), confirmed)


def set_date_source(
    app: App[Any], target: AnnotationTarget, then: Callable[[Sidecar, list[dict[str, Any]]], object]
) -> None:
    """`D`: the article's date and source, kept in its sidecar.

    The fields start from the sidecar; what the front matter says is shown
    as a hint. Both are checked before either is saved, so a bad date never
    leaves a half-made change; an empty field clears the sidecar's value (the
    front matter's, if any, applies again). `then` gets the saved sidecar and
    the article's incident rows, whose dates now resolve against the new date.
    """
    sidecar, meta = target.sidecar, target.article.front_matter

    def save(values: dict[str, str]) -> tuple[Sidecar, list[dict[str, Any]]]:
        date, source = values["date"].strip(), values["source"].strip()
        if date:
            normalise_date(date)
        if source:
            normalise_source(source)
        session, article = target.session, target.article
        if date != sidecar.date:
            session.set_article_date(article, date or None)
        if source != sidecar.source:
            session.set_article_source(article, source or None)
        return session.store.load(article.id, article.text), session.incidents(article)

    said = [f"date {meta.date.isoformat()}" if meta.date else "", meta.source or ""]
    hint = "front matter: " + ", ".join(s for s in said if s) if any(said) else "no front matter"
    hint += "\nan empty field clears it · incident dates resolve against the date"
    fields = [
        Field("date", "Date (YYYY-MM-DD)", value=sidecar.date, placeholder="2024-01-16"),
        Field("source", "Source (who published it)", value=sidecar.source, placeholder="Reuters"),
    ]

    def done(result: tuple[Sidecar, list[dict[str, Any]]] | None) -> None:
        if result is not None:
            then(*result)

    app.push_screen(FormDialog("Date and source", fields, save, hint=hint), done)
