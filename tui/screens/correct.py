"""The entity correction dialogs: not an entity (`W`), relabel (`L`), add a missed one (`M`).

Each asks in `ChoiceDialog`s (a letter, then enter): the label where one is
needed, then here (this article) or everywhere (the corpus). The correction
is saved in the corpus watchlist in a worker; `done` then runs on the UI
thread (the screen re-reads the article and the index re-indexes the
affected articles in the background, with progress in the status line).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.app import App

from glossator.index.labels import LABELS
from glossator.service import Session
from glossator.tui.render import shown
from glossator.tui.screens.dialogs import ChoiceDialog

#: The label picker's letters: the label's first letter, else another of its letters.
LABEL_KEYS: dict[str, str] = {
    "PERSON": "p",
    "ORG": "o",
    "NORP": "n",
    "GPE": "g",
    "LOC": "l",
    "FAC": "f",
    "DATE": "d",
    "TIME": "t",
    "WEAPON": "w",
    "CARDINAL": "c",
}

WHERE = [("h", "here: this article only"), ("e", "everywhere: the whole corpus")]


@dataclass(frozen=True, slots=True)
class Mention:
    """The text a correction is about, where the analyst saw it."""

    text: str
    label: str | None
    """Its label now (None: the recogniser found nothing there)."""
    article: str


def _label_choices(skip: str | None) -> list[tuple[str, str]]:
    used = set(LABEL_KEYS.values())
    out = []
    for label in LABELS:
        key = LABEL_KEYS.get(label) or next(
            (ch for ch in label.lower() if ch not in used), label[0].lower()
        )
        used.add(key)
        if label != skip:
            out.append((key, label))
    return out


def _save(
    app: App[Any],
    session: Session,
    mention: Mention,
    wrong: str | None,
    label: str | None,
    here: bool,
    done: Callable[[], object],
) -> None:
    def run() -> None:
        fix = session.correct(
            mention.text, wrong=wrong, label=label, article=mention.article if here else None
        )
        app.call_from_thread(app.notify, shown(f"saved: {fix.describe()}"), markup=False)
        app.call_from_thread(done)

    app.run_worker(
        run,
        name=f"saving a correction of {mention.text} to the watchlist",
        group="watch",
        thread=True,
        exit_on_error=False,
    )


def _where(
    app: App[Any],
    title: str,
    then: Callable[[bool], None],
) -> None:
    def picked(choice: str | None) -> None:
        if choice is not None:
            then(choice.startswith("here"))

    app.push_screen(ChoiceDialog(title, WHERE, hint="saved in the corpus watchlist"), picked)


def _quoted(mention: Mention) -> str:
    return f"“{shown(mention.text)}”" + (f" ({mention.label})" if mention.label else "")


def mark_wrong(
    app: App[Any], session: Session, mention: Mention, done: Callable[[], object]
) -> None:
    """`W`: the mention is not an entity (as its label), here or everywhere."""
    _where(
        app,
        f"{_quoted(mention)} is not an entity: where?",
        lambda here: _save(app, session, mention, mention.label or "any", None, here, done),
    )


def _pick_label(app: App[Any], title: str, skip: str | None, then: Callable[[str], None]) -> None:
    def picked(label: str | None) -> None:
        if label is not None:
            then(label)

    app.push_screen(ChoiceDialog(title, _label_choices(skip)), picked)


def relabel(app: App[Any], session: Session, mention: Mention, done: Callable[[], object]) -> None:
    """`L`: the mention is an entity of another label, here or everywhere."""

    def labelled(label: str) -> None:
        _where(
            app,
            f"{_quoted(mention)} is {label}: where?",
            lambda here: _save(app, session, mention, mention.label or "any", label, here, done),
        )

    _pick_label(app, f"Relabel {_quoted(mention)} as", mention.label, labelled)


def add_missed(
    app: App[Any], session: Session, mention: Mention, done: Callable[[], object]
) -> None:
    """`M`: the selected text is an entity the recogniser missed."""

    def labelled(label: str) -> None:
        _where(
            app,
            f"{_quoted(mention)} is {label}: where?",
            lambda here: _save(app, session, mention, None, label, here, done),
        )

    _pick_label(app, f"Add {_quoted(mention)} as", None, labelled)
