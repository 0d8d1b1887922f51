"""Which indexed articles a change of the entity recogniser affects.

The entities indexed for an article depend on its text and on the
recogniser: glossator's version, its bundled lists and the corpus
watchlist (`Recogniser.cache_key`). The index folder records, in
`glossator-recogniser.json`, the key and the watchlist entries of its last
update. When the watchlist changed since, the articles to re-index are
exactly those whose text holds a name or alias of an entry that was added,
removed or edited (found with the same matcher recognition uses), and
those a correction added or removed applies to (its article, or every
article that mentions its text when it holds for the corpus); when
glossator or its lists changed, every article is. An index with no record
(written before it was kept) counts as built without a watchlist.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from glossator.index.corpus import Article, ArticleFile, decode
from glossator.index.entities.corrections import Correction, CorrectionSet
from glossator.index.entities.gazetteer import fold_case, normalise
from glossator.index.entities.watchlist import WatchEntry, WatchlistMatcher
from glossator.index.manifest import Manifest, atomic_write

if TYPE_CHECKING:
    from glossator.index.changes import Changes

STATE_FILE = "glossator-recogniser.json"

#: An entry as far as recognition is concerned (its note does not count).
Term = tuple[str, str, tuple[str, ...]]
#: A correction as far as recognition is concerned (text, wrong, label, scope, article).
Fix = tuple[str, str | None, str | None, str, str | None]


@dataclass(frozen=True, slots=True)
class RecogniserState:
    """What the index was last brought up to date with."""

    key: str
    entries: frozenset[Term]
    corrections: frozenset[Fix] = frozenset()

    @property
    def base(self) -> str:
        """The key without its watchlist part (version and bundled lists)."""
        return self.key.rsplit("-", 1)[0]


def terms(entries: Iterable[WatchEntry]) -> frozenset[Term]:
    """The entries as (label, name, aliases)."""
    return frozenset((e.label, e.name, tuple(e.aliases)) for e in entries)


def fixes(corrections: Iterable[Correction]) -> frozenset[Fix]:
    """The corrections as (text, wrong, label, scope, article)."""
    return frozenset(c.terms for c in corrections)


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def load_state(index_dir: Path) -> RecogniserState | None:
    """The recorded state, or None when there is none (or it cannot be read)."""
    try:
        data = json.loads((Path(index_dir) / STATE_FILE).read_text("utf-8"))
        key = data["key"]
        entries = frozenset(
            (str(label), str(name), tuple(str(a) for a in aliases))
            for label, name, aliases in data["entries"]
        )
        corrections = frozenset(
            (str(text), _optional(wrong), _optional(label), str(scope), _optional(article))
            for text, wrong, label, scope, article in data.get("corrections", [])
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return RecogniserState(str(key), entries, corrections) if isinstance(key, str) else None


def save_state(index_dir: Path, state: RecogniserState) -> None:
    """Record `state` as the one the index is now up to date with."""
    data = {
        "key": state.key,
        "entries": sorted([lab, n, list(a)] for lab, n, a in state.entries),
        "corrections": sorted((list(c) for c in state.corrections), key=repr),
    }
    text = json.dumps(data, ensure_ascii=False)
    path = Path(index_dir) / STATE_FILE
    try:
        if path.read_text("utf-8") == text:
            return  # already recorded: every update ends here, most with nothing new
    except (OSError, ValueError):
        pass
    atomic_write(path, text)


@dataclass(frozen=True)
class Staleness:
    """How much of the index a recogniser change makes stale."""

    everything: bool = False
    #: Entries added, removed or changed: their names and aliases pick the articles.
    changed: tuple[WatchEntry, ...] = ()
    #: Corrections added or removed: their article, or the articles naming their text.
    corrections: tuple[Correction, ...] = ()

    def __bool__(self) -> bool:
        return self.everything or bool(self.changed) or bool(self.corrections)

    def _terms(self) -> tuple[WatchEntry, ...]:
        """Changed entries, and corpus-wide corrections as entries of their
        text (for the quick look: the same words)."""
        extra = tuple(WatchEntry(c.text, c.label or "ORG") for c in self._fixes())
        return self.changed + extra

    def _fixes(self) -> tuple[Correction, ...]:
        return tuple(c for c in self.corrections if c.scope == "corpus")

    def _named(self, article: str | None) -> bool:
        return article is not None and any(
            c.scope == "article" and c.article == article for c in self.corrections
        )

    def affects(self, text: str, article: str | None = None) -> bool:
        """True when an article with this text (and this id) must be re-indexed."""
        if self.everything or self._named(article):
            return True
        if self.changed and _matcher(self.changed).find(normalise(text)):
            return True
        fixes = self._fixes()
        return bool(fixes) and bool(_corrections(fixes).mentions(text))

    def may_affect(self, lowered: str, article: str | None = None) -> bool:
        """False when an article whose raw text, lower-cased, is `lowered`
        cannot be affected: no changed term's longest word is in it. A
        quick look that spares reading most articles in full."""
        if self.everything or self._named(article):
            return True
        return any(word in lowered for word in _longest_words(self._terms()))


@lru_cache(maxsize=4)
def _longest_words(entries: tuple[WatchEntry, ...]) -> frozenset[str]:
    """The longest word of every name and alias, lower-cased: a text in
    which the matcher finds a term holds that word."""
    words = set()
    for entry in entries:
        for term in entry.terms:
            parts = fold_case(normalise(term)).split()
            if parts:
                words.add(max(parts, key=len))
    return frozenset(words)


@lru_cache(maxsize=4)
def _matcher(entries: tuple[WatchEntry, ...]) -> WatchlistMatcher:
    return WatchlistMatcher(list(entries))


@lru_cache(maxsize=4)
def _corrections(fixes: tuple[Correction, ...]) -> CorrectionSet:
    return CorrectionSet(list(fixes))


def staleness(old: RecogniserState | None, new: RecogniserState) -> Staleness:
    """What changed between the recorded state and the recogniser now."""
    if old is None:
        old = RecogniserState(new.base + "-", frozenset())
    elif old.base != new.base:
        return Staleness(everything=True)
    changed = old.entries ^ new.entries
    fixed = sorted(old.corrections ^ new.corrections, key=repr)
    return Staleness(
        changed=tuple(WatchEntry(name, label, aliases) for label, name, aliases in sorted(changed)),
        corrections=tuple(Correction(t, w, lab, s, a) for t, w, lab, s, a in fixed),
    )


def current_state(corpus: Path) -> RecogniserState:
    """The recogniser's key and watchlist now, read without building it."""
    from glossator.index.entities.recogniser import cache_key_for
    from glossator.index.entities.watchlist import read_watchlist
    from glossator.index.locations import watchlist_path

    found = read_watchlist(watchlist_path(corpus))
    entries = found.entries
    return RecogniserState(cache_key_for(entries), terms(entries), fixes(found.corrections))


def lowered_text(file: ArticleFile, max_bytes: int) -> str | None:
    """A file's text decoded and lower-cased, without the rest of reading an
    article (None when it cannot be read: the full read then decides)."""
    try:
        with open(file.location, "rb") as fh:
            # Not read(max_bytes + 1): that allocates the whole limit per file.
            decoded = decode(fh.read(min(file.size, max_bytes) + 1))
    except OSError:
        return None
    return None if decoded is None else decoded[0].lower()


def stale_entities(
    index_dir: Path,
    files: Callable[[], Iterable[ArticleFile]],
    todo: Changes,
    manifest: Manifest,
    now: RecogniserState,
    read: Callable[[ArticleFile], object],
    max_bytes: int,
) -> set[str]:
    """Articles unchanged on disk whose indexed entities the recogniser
    change makes stale; they join `todo` (`read` reads one in full).
    `files()` lists the corpus, called only when something is stale."""
    if not manifest:
        return set()
    stale = staleness(load_state(index_dir), now)
    if not stale:
        return set()
    queued = {f.id for f in todo.todo}
    forced: set[str] = set()
    for f in files():
        if f.id in queued or f.id not in manifest:
            continue
        lowered = lowered_text(f, max_bytes)
        if lowered is not None and not stale.may_affect(lowered, f.id):
            continue
        article = read(f)
        if isinstance(article, Article) and stale.affects(article.text, f.id):
            forced.add(f.id)
            todo.todo.append(f)
    todo.unchanged -= len(forced)
    return forced
