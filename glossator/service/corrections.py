"""The analyst's corrections of recognised entities, saved in the corpus watchlist.

One call each for the CLI (`glossator entity ...`) and the reader's keys:
`correction` checks what the analyst asked for and makes the `Correction`
(its article id resolved inside the corpus), `save_correction` writes it,
`list_corrections` and `drop_correction` read and undo. The index follows on
its next update: the watchlist changed, so exactly the articles a
correction applies to are re-indexed (index/recogniser_state.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from glossator.index.article_ids import resolve_article_id
from glossator.index.corpus import CorpusError
from glossator.index.labels import LABELS
from glossator.index.locations import watchlist_path

if TYPE_CHECKING:
    from glossator.annotations.store import SidecarStore
    from glossator.index.entities.corrections import Correction
    from glossator.index.entities.watchlist import Watchlist
    from glossator.index.indexer import Index

# The watchlist and correction modules are imported where they are used:
# they import PyYAML and the gazetteer, which a session that only searches
# (every `glossator search`) never needs.

__all__ = [
    "SessionCorrections",
    "correction",
    "drop_correction",
    "list_corrections",
    "save_correction",
]


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _check_label(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    upper = value.strip().upper()
    if upper not in LABELS:
        raise ValueError(f"{what} {value!r} is not one of {' '.join(LABELS)}")
    return upper


def correction(
    corpus: Path,
    text: str,
    *,
    wrong: str | None = None,
    label: str | None = None,
    article: str | None = None,
    author: str = "",
) -> Correction:
    """A correction of `text`: `wrong` (a label, or `ANY`) is what it is not,
    `label` what it is; `article` (an id or a path inside the corpus) limits
    it to that article. Raises `ValueError` with one line saying what to fix."""
    from glossator.index.entities.corrections import ANY, Correction

    text = " ".join(text.split())
    if not text:
        raise ValueError("give the entity's text, e.g. 'Labour'")
    wrong = ANY if wrong is not None and wrong.strip().lower() == ANY else wrong
    if wrong != ANY:
        wrong = _check_label(wrong, "the wrong label")
    label = _check_label(label, "the label")
    if wrong is None and label is None:
        raise ValueError("say what is wrong (a label or 'any') or give the right label")
    if wrong is not None and wrong == label:
        raise ValueError(f"{text!r} is already {label}; give another label")
    article_id = None
    if article is not None:
        try:
            article_id = resolve_article_id(corpus, article)
        except (CorpusError, OSError) as exc:
            raise ValueError(str(exc)) from None
    return Correction(
        text,
        wrong,
        label,
        "article" if article_id else "corpus",
        article_id,
        author,
        _now(),
    )


def save_correction(corpus: Path, fix: Correction) -> list[Correction]:
    """Save a correction in the corpus watchlist (a version 1 file becomes
    version 2); returns the corrections it replaced. `WatchlistError` when the
    file cannot be edited (it is then left as it was)."""
    from glossator.index.entities.watchlist_edit import add_correction

    return add_correction(watchlist_path(corpus), fix)


def list_corrections(corpus: Path) -> Watchlist:
    """The corpus watchlist as read (its corrections, entries and problems)."""
    from glossator.index.entities.watchlist import read_watchlist

    return read_watchlist(watchlist_path(corpus))


def drop_correction(corpus: Path, correction_id: str) -> Correction:
    """Remove a correction by id (undo); returns it. `WatchlistError` when there is none."""
    from glossator.index.entities.watchlist_edit import remove_correction

    return remove_correction(watchlist_path(corpus), correction_id)


class SessionCorrections:
    """Corrections as part of `Session`: saved as the session's author."""

    index: Index
    store: SidecarStore

    def correct(
        self,
        text: str,
        *,
        wrong: str | None = None,
        label: str | None = None,
        article: str | None = None,
    ) -> Correction:
        """Save a correction (see `correction`); returns it. The index follows
        on the next update (`Session.stale` notices the watchlist changed)."""
        fix = correction(
            self.index.corpus,
            text,
            wrong=wrong,
            label=label,
            article=article,
            author=self.store.author,
        )
        save_correction(self.index.corpus, fix)
        return fix

    def uncorrect(self, correction_id: str) -> Correction:
        """Remove a correction by id; returns it."""
        return drop_correction(self.index.corpus, correction_id)
