"""What gets indexed for an article: its text, sidecar tags and entities.

`DocumentBuilder` is the engine-free half of indexing. It reads article
files, finds their tags in the sidecar store and their entities (through
the recogniser and the on-disk entity cache, keyed by content hash), and
makes the `Document` an engine indexes. The bulk workers each receive one
(it pickles as its settings alone).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from glossator.index.corpus import DEFAULT_MAX_BYTES, Article, ArticleFile, Skipped, read_article
from glossator.index.engine import Document
from glossator.index.labels import LABELS
from glossator.index.locations import watchlist_path

if TYPE_CHECKING:
    from glossator.annotations.store import SidecarStore
    from glossator.index.entities import Entity, Recogniser
    from glossator.index.entities.cache import EntityCache

ENTITY_CACHE_FILE = "entities.sqlite3"


def _quiet(message: str) -> None:
    """A notice nobody reads (in a worker process)."""


class DocumentBuilder:
    """Articles of one corpus, turned into documents.

    `index_dir` holds the entity cache; `say` gets notices such as a
    watchlist's errors.
    """

    def __init__(
        self,
        corpus: Path,
        index_dir: Path,
        *,
        annotations_dir: Path | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        say: Callable[[str], None] = _quiet,
    ) -> None:
        self.corpus = corpus
        self.index_dir = index_dir
        self.annotations_dir = annotations_dir
        self._max_bytes = max_bytes
        self._say = say
        self._recogniser: Recogniser | None = None
        self._recogniser_stamp: tuple[int, int] | None = None
        self._entity_cache: EntityCache | None = None
        self._store: SidecarStore | None = None

    def __getstate__(self) -> dict[str, object]:
        # A worker process gets the settings and loads the rest itself.
        return {
            "corpus": self.corpus,
            "index_dir": self.index_dir,
            "annotations_dir": self.annotations_dir,
            "max_bytes": self._max_bytes,
        }

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(  # type: ignore[misc]
            state["corpus"],
            state["index_dir"],
            annotations_dir=state["annotations_dir"],
            max_bytes=state["max_bytes"],
        )

    @property
    def max_bytes(self) -> int:
        """Files larger than this are skipped."""
        return self._max_bytes

    @property
    def store(self) -> SidecarStore:
        """The annotation store for this corpus (sidecars next to articles)."""
        if self._store is None:
            # Imported when first needed, as the recogniser and the cache
            # are: opening an index to search needs none of them.
            from glossator.annotations.store import SidecarStore

            self._store = SidecarStore(self.corpus, self.annotations_dir)
        return self._store

    # -- entities -------------------------------------------------------------

    def recogniser(self) -> Recogniser:
        """The entity recogniser, reloaded when the watchlist file changes."""
        path = watchlist_path(self.corpus)
        try:
            st = path.stat()
            stamp: tuple[int, int] | None = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        if self._recogniser is None or stamp != self._recogniser_stamp:
            from glossator.index.entities import Recogniser

            self._recogniser = Recogniser.load(watchlist=path if stamp else None)
            self._recogniser_stamp = stamp
            for err in getattr(self._recogniser, "watchlist_errors", []):
                self._say(err)
        return self._recogniser

    def entity_cache(self) -> EntityCache:
        """The on-disk entity cache, keyed by content hash."""
        if self._entity_cache is None:
            from glossator.index.entities.cache import EntityCache

            self._entity_cache = EntityCache(self.index_dir)
        return self._entity_cache

    def forget_cache(self) -> None:
        """Drop the entity cache connection (its file went with a lost index)."""
        self._entity_cache = None

    def entities(self, article: Article) -> list[Entity]:
        """Entities of an article: from the cache, else recognised and cached."""
        rec = self.recogniser()
        key = rec.cache_key
        cache = self.entity_cache()
        try:
            found = cache.get(article.sha256, key, article.text)
        except sqlite3.Error:
            found = None
        if found is not None:
            return list(found)
        ents = rec.recognise(article.text)
        try:
            cache.put(article.sha256, key, ents)
        except sqlite3.Error:
            # The cache only saves recognising this text again; a busy or
            # broken cache must not stop indexing.
            pass
        return ents

    # -- sidecars ---------------------------------------------------------------

    def tags(self, article_id: str, notices: list[str] | None) -> tuple[list[str], int]:
        """An article's tags from its sidecar and the sidecar's mtime (0 if none).

        A malformed sidecar must not stop indexing: its problem goes into
        `notices` and the article is indexed without tags.
        """
        path = self.store.path_for(article_id)
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            return [], 0
        try:
            sidecar = self.store.load(article_id)
        except Exception as exc:
            if notices is not None:
                notices.append(str(exc).splitlines()[0] if str(exc) else repr(exc))
            return [], mtime
        return list(sidecar.tags), mtime

    def sidecar_mtime(self, f: ArticleFile) -> int:
        """The mtime of an article's sidecar, 0 when it has none."""
        if self.annotations_dir is None and f.sidecar_mtime_ns is not None:
            return f.sidecar_mtime_ns
        try:
            return int(self.store.path_for(f.id).stat().st_mtime_ns)
        except (OSError, ValueError):
            return 0

    # -- documents ----------------------------------------------------------------

    def read(self, file: ArticleFile) -> Article | Skipped:
        """Read one file; never raises for a bad file."""
        return read_article(file, self._max_bytes)

    def document(self, article: Article, tags: list[str], sidecar_mtime: int) -> Document:
        """The document to index for `article`, with its entities by label."""
        by_label: dict[str, list[str]] = {label: [] for label in LABELS}
        for ent in self.entities(article):
            values = by_label.get(ent.label)
            if values is not None:
                text = " ".join(ent.text.split())
                if text not in values:
                    values.append(text)
        return Document(
            article=article,
            tags=tuple(tags),
            sidecar_mtime_ns=sidecar_mtime,
            entities={k: v for k, v in by_label.items() if v},
        )
