"""The annotation commands of the main screen: tags, rating, notes, spans, watchlist.

Each command opens a dialog whose save runs in a worker; on success the main
screen shows the saved sidecar and re-indexes the article. A failed save
keeps the dialog open with the user's text and the reason.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from glossator.annotations.model import CREDIBILITY, RELIABILITY, Sidecar
from glossator.index.labels import LABELS
from glossator.tui.screens.dialogs import ConfirmDialog, Field, FormDialog, NoteDialog, PickDialog
from glossator.tui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from glossator.tui.screens.main import MainScreen
    from glossator.tui.widgets.sidebar import Sidebar

_RATING = re.compile(r"^\s*([A-Fa-f])\s*([1-6])\s*$")


def split_tags(value: str) -> list[str]:
    """Tags typed with commas or spaces between them."""
    return [t for t in re.split(r"[,\s]+", value) if t]


def _target(screen: MainScreen) -> tuple[str, str, str]:
    assert screen.bundle is not None
    article = screen.bundle.article
    return article.id, article.text, article.title


def _apply(screen: MainScreen, sidecar: Sidecar | None, saved: str) -> None:
    if sidecar is not None:
        screen.apply_sidecar(sidecar, saved=saved)


def _tags(tags: list[str]) -> str:
    return " ".join(f"#{t.lower()}" for t in tags)


def add_tags(screen: MainScreen) -> None:
    """`t`: add one or more tags, completing from the corpus's tags."""
    article_id, text, title = _target(screen)
    store = screen.session.store

    added: list[str] = []

    def save(values: dict[str, str]) -> Sidecar:
        tags = split_tags(values["tags"])
        if not tags:
            raise ValueError("type at least one tag")
        sidecar = store.add_tags(article_id, text, tags)
        added[:] = tags
        return sidecar

    known = screen.corpus_tags
    hint = "known: " + ", ".join(known[:12]) if known else "tags: letters, digits, - _ / ."
    screen.app.push_screen(
        FormDialog(
            f"Add tags to “{title[:50]}”",
            [
                Field(
                    "tags",
                    "Tags (comma or space between; → accepts a completion)",
                    suggestions=known,
                )
            ],
            save,
            hint=hint,
        ),
        lambda result: _apply(screen, result, f"tagged {_tags(added)}"),
    )


def remove_tag(screen: MainScreen) -> None:
    """`T`: pick a tag to remove."""
    article_id, text, _ = _target(screen)
    assert screen.sidecar is not None
    store = screen.session.store

    def picked(tag: str | None) -> None:
        if tag:
            screen.save_in_background(
                f"removing tag {tag}",
                lambda: store.remove_tags(article_id, text, [tag]),
                saved=f"removed #{tag}",
            )

    screen.app.push_screen(PickDialog("Remove which tag?", screen.sidecar.tags), picked)


def rate(screen: MainScreen) -> None:
    """`r`: NATO Admiralty code, reliability A-F and credibility 1-6."""
    article_id, text, _ = _target(screen)
    store = screen.session.store
    current = screen.sidecar.rating.code if screen.sidecar and screen.sidecar.rating else ""

    def save(values: dict[str, str]) -> Sidecar:
        raw = values["rating"].strip()
        if not raw:
            return store.set_rating(article_id, text, None, None)
        m = _RATING.match(raw)
        if m is None:
            raise ValueError(f"{raw!r} is not a letter A-F then a digit 1-6, like B2")
        return store.set_rating(article_id, text, m.group(1).upper(), int(m.group(2)))

    def saved(sidecar: Sidecar | None) -> None:
        rating = sidecar.rating if sidecar is not None else None
        _apply(screen, sidecar, f"rated {rating.code}" if rating else "rating cleared")

    # Two columns, one grade a line: reliability on the left, credibility on the right.
    width = max(len(v) for v in RELIABILITY.values())
    hint = "\n".join(
        f"{r} {r_text:<{width}}  {c} {c_text}"
        for (r, r_text), (c, c_text) in zip(RELIABILITY.items(), CREDIBILITY.items(), strict=False)
    )
    hint += "\nleave empty to clear the rating"
    screen.app.push_screen(
        FormDialog(
            "Rate the source",
            [Field("rating", "Reliability A-F + credibility 1-6", value=current, placeholder="B2")],
            save,
            hint=hint,
        ),
        saved,
    )


def add_note(screen: MainScreen, note_id: str | None = None) -> None:
    """`c`: a note about the article (or edit one, with `note_id`)."""
    article_id, text, _ = _target(screen)
    store = screen.session.store
    old = screen.sidecar.find_note(note_id) if (screen.sidecar and note_id) else None

    def save(values: dict[str, str]) -> Sidecar:
        if note_id is not None:
            return store.edit_note(article_id, text, note_id, values["note"])
        store.add_note(article_id, text, values["note"])
        return store.load(article_id, text)

    screen.app.push_screen(
        NoteDialog("Edit note" if old else "Add a note", old.text if old else "", save),
        lambda result: _apply(screen, result, "note changed" if old else "note added"),
    )


#: Span labels offered before the corpus has any of its own.
SPAN_LABELS = ("target", "claim", "casualties", "attribution", "quote")


def _labels(screen: MainScreen) -> list[str]:
    used = [s.label for s in (screen.sidecar.spans if screen.sidecar else [])]
    return list(
        dict.fromkeys([*used, *SPAN_LABELS, *screen.corpus_tags, *(lbl.lower() for lbl in LABELS)])
    )


def annotate_selection(screen: MainScreen) -> None:
    """`a`: label the selected passage, with an optional note."""
    article_id, text, _ = _target(screen)
    view = screen.query_one(ArticleView)
    picked = view.selected_range()
    if picked is None:
        return
    start, end = picked
    # A selection made with the cursor keys often takes the space or line
    # break next to a word; the passage is the text without them.
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        screen.say("the selection is only blank space: select some words first", bold=True)
        return
    store = screen.session.store
    quote = " ".join(text[start:end].split())

    def save(values: dict[str, str]) -> Sidecar:
        store.add_span(article_id, text, start, end, values["label"], values["note"])
        return store.load(article_id, text)

    def saved(sidecar: Sidecar | None) -> None:
        if sidecar is not None:
            view.clear_selection()
            label = next((s.label for s in sidecar.spans if (s.start, s.end) == (start, end)), "")
            _apply(screen, sidecar, f"passage labelled {label} ({end - start} characters)")

    shown = quote if len(quote) <= 60 else quote[:57] + "…"
    screen.app.push_screen(
        FormDialog(
            f"Annotate “{shown}”",
            [
                Field(
                    "label",
                    "Label (→ accepts a completion)",
                    suggestions=_labels(screen),
                    placeholder="e.g. target, claim, casualties",
                    required=True,
                ),
                Field("note", "Note (optional)"),
            ],
            save,
        ),
        saved,
    )


def edit_span(screen: MainScreen, span_id: str) -> None:
    """Change a span's label and note."""
    article_id, text, _ = _target(screen)
    store = screen.session.store
    span = screen.sidecar.find_span(span_id) if screen.sidecar else None
    if span is None:
        return

    def save(values: dict[str, str]) -> Sidecar:
        return store.edit_span(article_id, text, span_id, values["label"], values["note"])

    screen.app.push_screen(
        FormDialog(
            "Edit span",
            [
                Field(
                    "label", "Label", value=span.label, suggestions=_labels(screen), required=True
                ),
                Field("note", "Note", value=span.note),
            ],
            save,
        ),
        lambda result: _apply(screen, result, "span changed"),
    )


def sidebar_item(screen: MainScreen, message: Sidebar.ItemAction) -> None:
    """Jump to, edit, delete or watch the sidebar item the user acted on."""
    if screen.bundle is None:
        return
    article_id, text, _ = _target(screen)
    store = screen.session.store
    kind, key, verb = message.kind, message.key, message.verb
    view = screen.query_one(ArticleView)
    if verb == "jump" and kind == "span" and screen.sidecar is not None:
        span = screen.sidecar.find_span(key)
        if span is not None:
            view.jump((span.start, span.end), select=True)
            view.focus()
    elif verb == "jump" and kind == "entity":
        screen.jump_to_entity(key)
    elif verb == "edit" and kind == "note":
        add_note(screen, key)
    elif verb == "edit" and kind == "rating":
        rate(screen)
    elif verb == "edit" and kind in ("span", "orphan"):
        edit_span(screen, key)
    elif verb == "delete":
        _delete(screen, kind, key, article_id, text, store)
    elif verb == "watch":
        _watch(screen, key, message.label)


def _delete(
    screen: MainScreen, kind: str, key: str, article_id: str, text: str, store: object
) -> None:
    from glossator.annotations.store import SidecarStore

    assert isinstance(store, SidecarStore)
    what = {
        "note": "this note",
        "span": "this span",
        "orphan": "this orphaned span",
        "tag": f"the tag {key}",
    }.get(kind, "this")

    def answered(yes: bool | None) -> None:
        if not yes:
            return
        if kind == "note":
            screen.save_in_background(
                "deleting a note",
                lambda: store.delete_note(article_id, text, key),
                saved="note deleted",
            )
        elif kind in ("span", "orphan"):
            screen.save_in_background(
                "deleting a span",
                lambda: store.delete_span(article_id, text, key),
                saved="span deleted",
            )
        elif kind == "tag":
            screen.save_in_background(
                f"removing tag {key}",
                lambda: store.remove_tags(article_id, text, [key]),
                saved=f"removed #{key}",
            )

    screen.app.push_screen(ConfirmDialog(f"Delete {what}?"), answered)


def _watch(screen: MainScreen, name: str, label: str) -> None:
    def confirmed(yes: bool | None) -> None:
        if yes:
            screen.watch_name(name, label)

    screen.app.push_screen(
        ConfirmDialog(f"Add “{name}” ({label}) to the corpus watchlist?"), confirmed
    )
