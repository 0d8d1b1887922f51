"""What gets indexed for an article: its text, sidecar tags, entities and incidents.

`DocumentBuilder` is the engine-free half of indexing. It reads article
files, finds their tags (and the analyst's date and source) in the sidecar
store, their entities (through the recogniser and the on-disk entity cache,
keyed by content hash) and their incident records (extracted from the
entities, cached the same way), and makes the `Document` an engine indexes.
The bulk workers each receive one (it pickles as its settings alone).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossator.index.corpus import DEFAULT_MAX_BYTES, Article, ArticleFile, Skipped, read_article
from glossator.index.engine_input import NO_SIDECAR, Document, SidecarFacts
from glossator.index.labels import LABELS
from glossator.index.locations import watchlist_path

if TYPE_CHECKING:
    from glossator.annotations.store import SidecarStore
    from glossator.index.entities import Entity, Recogniser
    from glossator.index.entities.cache import EntityCache
    from glossator.index.incidents import IncidentExtractor

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
        self._extractor: IncidentExtractor | None = None
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

    def fold_cache_log(self) -> None:
        """After a build: empty the entity cache's write-ahead log (kept
        when the cache is busy; the next build tries again)."""
        try:
            self.entity_cache().checkpoint()
        except sqlite3.Error:
            pass

    def forget_cache(self) -> None:
        """Drop the entity cache connection (its file went with a lost index)."""
        self._entity_cache = None

    def entities(self, article: Article) -> list[Entity]:
        """Entities of an article: from the cache, else recognised and cached."""
        rec = self.recogniser()
        corrected = rec.corrected(article.id, article.text)
        key = corrected.key
        cache = self.entity_cache()
        try:
            found = cache.get(article.sha256, key, article.text)
        except sqlite3.Error:
            found = None
        if found is not None:
            return list(found)
        ents = rec.recognise(article.text, article.id, corrected)
        try:
            cache.put(article.sha256, key, ents)
        except sqlite3.Error:
            # The cache only saves recognising this text again; a busy or
            # broken cache must not stop indexing.
            pass
        return ents

    # -- incidents ------------------------------------------------------------

    def extractor(self) -> IncidentExtractor:
        """The incident extractor (its place table loads once, on first use)."""
        if self._extractor is None:
            from glossator.index.incidents import IncidentExtractor

            self._extractor = IncidentExtractor()
        return self._extractor

    def incidents(
        self,
        article: Article,
        date: dt.date | None = None,
        entities: list[Entity] | None = None,
    ) -> list[dict[str, Any]]:
        """Incident records of an article (`Incident.to_dict()` shape): from the
        cache, else extracted and cached. `date` is the article's date (the
        sidecar's, else the front matter's); it resolves "Tuesday"."""
        if date is None:
            date = article.front_matter.date
        rec = self.recogniser()
        extractor = self.extractor()
        key = f"{rec.corrected(article.id, article.text).key}+{extractor.cache_key}+{date or '-'}"
        cache = self.entity_cache()
        try:
            found = cache.get_records(article.sha256, key)
        except (sqlite3.Error, ValueError):
            found = None
        if found is not None:
            return found
        if entities is None:
            entities = self.entities(article)
        records = [
            i.to_dict()
            for i in extractor.extract(article.text, entities, date, article.content_start)
        ]
        try:
            cache.put_records(article.sha256, key, records)
        except sqlite3.Error:
            pass
        return records

    # -- sidecars ---------------------------------------------------------------

    def sidecar(self, article_id: str, notices: list[str] | None) -> SidecarFacts:
        """An article's tags, date and source from its sidecar, and the sidecar's mtime.

        A malformed sidecar must not stop indexing: its problem goes into
        `notices` and the article is indexed without tags.
        """
        path = self.store.path_for(article_id)
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            return NO_SIDECAR
        try:
            sidecar = self.store.load(article_id)
        except Exception as exc:
            if notices is not None:
                notices.append(str(exc).splitlines()[0] if str(exc) else repr(exc))
            return SidecarFacts([], mtime)
        date: dt.date | None = None
        if sidecar.date:
            try:
                date = dt.date.fromisoformat(sidecar.date)
            except ValueError:  # the codec checks it; a date it let through is not used
                date = None
        return SidecarFacts(
            list(sidecar.tags), mtime, date, sidecar.source or None, tuple(sidecar.incidents)
        )

    def sidecar_check(self) -> Callable[[ArticleFile], int] | None:
        """What a corpus scan asks for each file's sidecar mtime; None when
        the sidecars sit beside the articles, where the scan sees them."""
        return None if self.annotations_dir is None else self.sidecar_mtime

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

    def document(self, article: Article, facts: SidecarFacts) -> Document:
        """The document to index for `article`, with its entities by label and its incidents."""
        return self._document(article, facts)[0]

    def document_with_extras(
        self, article: Article, facts: SidecarFacts
    ) -> tuple[Document, object]:
        """The document, and the story store's facts of the article (its
        signature, date and incident records) made from what the document
        pass already read and extracted, so the store's sync neither reads
        the file again nor looks its records up; the facts are None when
        they cannot be made (the sync then makes them)."""
        from glossator.index.stories.sync import facts_for

        doc, records = self._document(article, facts)
        try:
            return doc, facts_for(self, article, facts, records)
        except Exception:
            return doc, None

    def _document(
        self, article: Article, facts: SidecarFacts
    ) -> tuple[Document, list[dict[str, Any]]]:
        """The document and the extractor's incident records (before the
        analyst's checks)."""
        entities = self.entities(article)
        searched, names = _by_label(article.text, entities)
        date = facts.date or article.front_matter.date
        extracted = incidents = self.incidents(article, date, entities)
        if facts.checks:
            # The analyst's checks win: confirmed, edited and added records are
            # searched as the analyst left them, rejected ones not at all.
            from glossator.annotations.incidents import reconcile

            rows = reconcile(article.text, incidents, facts.checks)
            incidents = [r for r in rows if r["status"] != "rejected"]
        doc = Document(
            article=article,
            tags=tuple(facts.tags),
            sidecar_mtime_ns=facts.mtime,
            entities=searched,
            incidents=tuple(incidents),
            date=date,
            source=facts.source or article.front_matter.source,
            sidecar_meta=facts.signature,
            names=names,
        )
        return doc, extracted


def _by_label(
    text: str, entities: list[Entity]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Label -> the distinct written texts, with a person's title ("Mr Blair"),
    and canonical names (what is searched), and label -> the distinct
    canonical names (what facets count)."""
    from glossator.index.entities.aliases import title_form

    searched: dict[str, list[str]] = {label: [] for label in LABELS}
    names: dict[str, list[str]] = {label: [] for label in LABELS}
    for ent in entities:
        if ent.label not in names:
            continue
        name = ent.name
        values = searched[ent.label]
        for value in (" ".join(ent.text.split()), title_form(text, ent), name):
            if value is not None and value not in values:
                values.append(value)
        if name not in names[ent.label]:
            names[ent.label].append(name)
    return {k: v for k, v in searched.items() if v}, {k: v for k, v in names.items() if v}
