"""Build and keep current the Whoosh index of a corpus.

The index is derived data: articles and their sidecars are the truth, so any
index that is missing, from another schema version or unreadable is rebuilt
with a notice instead of failing. Updates are incremental: a file is re-read
only when its mtime or size changed (or its sidecar's did), and re-indexed
only when its content hash or tags changed.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from glossator.index import whoosh_fixes  # noqa: F401  (applied on import)
from glossator.index.analysis import ENTITY_SEPARATOR
from glossator.index.completeness import mark_complete, mark_incomplete
from glossator.index.corpus import (
    DEFAULT_MAX_BYTES,
    Article,
    ArticleFile,
    Skipped,
    find_article_files,
    load_article,
    read_article,
)
from glossator.index.labels import LABELS, field_for
from glossator.index.locations import (
    default_index_dir,
    fallback_index_dir,
    state_dir_problem,
    watchlist_path,
    writable_dir,
)
from glossator.index.schema import SCHEMA_VERSION, build_schema

META_FILE = "glossator-meta.json"
MANIFEST_FILE = "glossator-manifest.json"
LOCK_FILE = "glossator-update.lock"
ENTITY_CACHE_FILE = "entities.sqlite3"
SPELLING_FILE = "glossator-spelling.json"
#: More segments than this are merged (small ones first) at the next update.
MAX_SEGMENTS = 10
#: How long an update waits for another process that is updating the index.
DEFAULT_LOCK_WAIT = 60.0

Progress = Callable[[int, int], None]
Notice = Callable[[str], None]


class IndexUnavailable(Exception):
    """The index cannot be used or updated; the message says what to do."""


@dataclass
class UpdateReport:
    """What one index update did."""

    added: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    #: Files whose mtime changed but whose content and tags did not.
    touched: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    seconds: float = 0.0
    total: int = 0

    @property
    def changed(self) -> int:
        """Documents written or removed."""
        return self.added + self.updated + self.deleted

    def summary(self) -> str:
        """One line for people."""
        parts = [
            f"{self.added} added",
            f"{self.updated} updated",
            f"{self.deleted} deleted",
            f"{self.unchanged + self.touched} unchanged",
            f"{len(self.skipped)} skipped",
        ]
        return f"{self.total} articles: " + ", ".join(parts) + f" in {self.seconds:.2f} s"


@dataclass
class _Pass:
    """The working state of one `Index.update` call."""

    ix: Any
    todo: list[ArticleFile]
    gone: list[str]
    manifest: dict[str, ManifestEntry]
    report: UpdateReport
    progress: Progress | None
    words: Counter[str] = field(default_factory=Counter)


class ManifestEntry(NamedTuple):
    """What the index knows about one article file (a tuple, so the manifest
    file is written without converting 100,000 entries first)."""

    mtime_ns: int
    size: int
    sha256: str
    sidecar_mtime_ns: int
    tags: tuple[str, ...] = ()


class Index:
    """A corpus and its Whoosh index.

    `corpus` is the article folder; `index_dir` overrides where the index
    lives. When the default location cannot be written (a read-only corpus)
    a per-user cache folder is used instead and a notice says so.
    """

    def __init__(
        self,
        corpus: Path,
        index_dir: Path | None = None,
        *,
        annotations_dir: Path | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        notice: Notice | None = None,
        lock_wait: float = DEFAULT_LOCK_WAIT,
    ) -> None:
        self.corpus = Path(corpus).resolve()
        if not self.corpus.is_dir():
            raise IndexUnavailable(f"corpus folder {corpus} not found; pass an existing folder")
        self.annotations_dir = Path(annotations_dir).resolve() if annotations_dir else None
        self.max_bytes = max_bytes
        self.lock_wait = lock_wait
        self.notices: list[str] = []
        self._notice = notice
        self.dir = self._choose_dir(index_dir)
        self._ix: Any = None
        self._recogniser: Any = None
        self._recogniser_stamp: tuple[int, int] | None = None
        self._entity_cache: Any = None
        self._store: Any = None
        self._manifest_cache: tuple[tuple[int, int, int], dict[str, ManifestEntry]] | None = None

    # -- locations --------------------------------------------------------

    def _say(self, message: str) -> None:
        self.notices.append(message)
        if self._notice is not None:
            self._notice(message)

    def _choose_dir(self, index_dir: Path | None) -> Path:
        if index_dir is not None:
            path = Path(index_dir).resolve()
            if not writable_dir(path):
                raise IndexUnavailable(
                    f"index folder {index_dir} is not writable; pick another --index-dir"
                )
            return path
        if (problem := state_dir_problem(self.corpus)) is not None:
            raise IndexUnavailable(problem)
        path = default_index_dir(self.corpus)
        if writable_dir(path):
            return path
        fallback = fallback_index_dir(self.corpus)
        if not writable_dir(fallback):
            raise IndexUnavailable(
                f"cannot write an index in {path} or {fallback}; "
                "pass --index-dir to a writable folder"
            )
        self._say(f"corpus is read-only; keeping its index in {fallback}")
        return fallback

    @property
    def store(self) -> Any:
        """The annotation store for this corpus (sidecars next to articles)."""
        if self._store is None:
            from glossator.annotations.store import SidecarStore

            self._store = SidecarStore(self.corpus, self.annotations_dir)
        return self._store

    # -- opening ------------------------------------------------------------

    def _meta(self) -> dict[str, Any]:
        return {"format": SCHEMA_VERSION, "corpus": str(self.corpus)}

    def _read_meta(self) -> dict[str, Any] | None:
        try:
            data = json.loads((self.dir / META_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def _whoosh_files(self) -> list[Path]:
        keep = {ENTITY_CACHE_FILE, LOCK_FILE}
        return [
            p
            for p in self.dir.iterdir()
            if p.name not in keep and not p.name.startswith(ENTITY_CACHE_FILE)
        ]

    def _create(self, reason: str | None) -> Any:
        from whoosh import index as windex

        if reason:
            self._say(f"rebuilding the index: {reason}")
        for path in self._whoosh_files():
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        mark_incomplete(self.dir)
        ix = windex.create_in(str(self.dir), build_schema())
        _atomic_write(self.dir / META_FILE, json.dumps(self._meta(), indent=1))
        _atomic_write(
            self.dir / MANIFEST_FILE,
            json.dumps({"generation": ix.latest_generation(), "articles": {}}),
        )
        return ix

    def _open_existing(self) -> tuple[Any, str | None]:
        """Open the index on disk, or say why it must be rebuilt."""
        from whoosh import index as windex

        # The format first: an older index's table of contents may name
        # modules that no longer exist, and would read as damaged.
        meta = self._read_meta()
        if meta is not None and meta.get("format") != SCHEMA_VERSION:
            return (
                None,
                f"it was written in format {meta.get('format')}, "
                f"this glossator uses {SCHEMA_VERSION}",
            )
        try:
            exists = windex.exists_in(str(self.dir))
        except Exception as exc:  # a damaged table of contents raises here
            return None, f"it is damaged ({type(exc).__name__}: {str(exc)[:80]})"
        if not exists:
            return None, None
        if meta is None:
            return None, "its metadata file is missing or unreadable"
        try:
            ix = windex.open_dir(str(self.dir))
            with ix.searcher() as s:
                s.doc_count()
                # Touch the term index of every segment: a truncated segment
                # file fails here rather than in the middle of a search.
                s.reader().doc_count_all()
                list(s.reader().field_terms("id"))[:1]
        except Exception as exc:  # whoosh raises many kinds on damaged files
            return None, f"it is damaged ({type(exc).__name__}: {str(exc)[:80]})"
        return ix, None

    def open(self) -> Any:
        """Open (creating or rebuilding as needed) and return the Whoosh index."""
        if self._ix is None:
            # A sound index opens without the lock, so searches run while
            # another process is updating it; only creating or rebuilding
            # one waits for the lock.
            ix, _reason = self._open_existing()
            if ix is None:
                with self._update_lock():
                    ix, reason = self._open_existing()
                    if ix is None:
                        ix = self._create(reason)
            self._ix = ix
        return self._ix

    @property
    def whoosh(self) -> Any:
        """The underlying `whoosh.index.FileIndex`."""
        return self.open()

    # -- locking ------------------------------------------------------------

    @contextmanager
    def _update_lock(self, wait: float | None = None) -> Iterator[None]:
        """Serialise updates across processes; waits a bounded time, with a notice."""
        wait = self.lock_wait if wait is None else wait
        fd = os.open(self.dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + wait
            told = False
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IndexUnavailable(
                            f"another glossator has been updating the index for over {wait:.0f} s; "
                            "try again when it finishes"
                        ) from None
                    if not told:
                        self._say("waiting for another glossator to finish updating the index")
                        told = True
                    time.sleep(0.05)
            yield
        finally:
            os.close(fd)

    # -- manifest -----------------------------------------------------------

    def _manifest_stamp(self, ix: Any) -> tuple[int, int, int] | None:
        """Identifies the manifest file's current version (None if missing)."""
        try:
            st = (self.dir / MANIFEST_FILE).stat()
        except OSError:
            return None
        return (ix.latest_generation(), st.st_mtime_ns, st.st_size)

    def _load_manifest(self, ix: Any) -> dict[str, ManifestEntry]:
        stamp = self._manifest_stamp(ix)
        cached = self._manifest_cache
        if stamp is not None and cached is not None and cached[0] == stamp:
            # Unchanged since this process last read or wrote it: parsing
            # 100,000 entries again was a sixth of a one-article update.
            return dict(cached[1])
        try:
            data = json.loads((self.dir / MANIFEST_FILE).read_text("utf-8"))
            if data.get("generation") == ix.latest_generation():
                loaded = {
                    k: ManifestEntry(v[0], v[1], v[2], v[3], tuple(v[4]))
                    for k, v in data["articles"].items()
                }
                if stamp is not None:
                    self._manifest_cache = (stamp, loaded)
                return dict(loaded)
        except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
            pass
        # The manifest lags the index (a crash between commit and manifest
        # write): rebuild it from the stored fields.
        out: dict[str, ManifestEntry] = {}
        with ix.searcher() as s:
            for doc in s.all_stored_fields():
                out[doc["id"]] = ManifestEntry(
                    doc.get("mtime_ns", 0),
                    doc.get("size", 0),
                    doc.get("sha256", ""),
                    doc.get("sidecar_mtime_ns", 0),
                    tuple(_split_tags(doc.get("tags", ""))),
                )
        return out

    def _save_manifest(self, ix: Any, manifest: dict[str, ManifestEntry]) -> None:
        # Entries are tuples, which JSON writes as lists.
        data = {"generation": ix.latest_generation(), "articles": manifest}
        _atomic_write(self.dir / MANIFEST_FILE, json.dumps(data, separators=(",", ":")))
        stamp = self._manifest_stamp(ix)
        self._manifest_cache = (stamp, dict(manifest)) if stamp is not None else None

    def manifest(self) -> dict[str, ManifestEntry]:
        """Article id -> what the index holds for it."""
        return self._load_manifest(self.open())

    # -- entities and tags --------------------------------------------------

    def recogniser(self) -> Any:
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

    def entity_cache(self) -> Any:
        """The on-disk entity cache, keyed by content hash."""
        if self._entity_cache is None:
            from glossator.index.entities.cache import EntityCache

            self._entity_cache = EntityCache(self.dir)
        return self._entity_cache

    def entities(self, article: Article) -> list[Any]:
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

    def _tags(self, article_id: str, notices: list[str] | None) -> tuple[list[str], int]:
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

    def _sidecar_mtime(self, f: ArticleFile) -> int:
        """The mtime of an article's sidecar, 0 when it has none."""
        if self.annotations_dir is None and f.sidecar_mtime_ns is not None:
            return f.sidecar_mtime_ns
        try:
            return int(self.store.path_for(f.id).stat().st_mtime_ns)
        except (OSError, ValueError):
            return 0

    def _document(self, article: Article, tags: list[str], sidecar_mtime: int) -> dict[str, Any]:
        ents = self.entities(article)
        by_label: dict[str, list[str]] = {label: [] for label in LABELS}
        for ent in ents:
            values = by_label.get(ent.label)
            if values is not None:
                text = " ".join(ent.text.split())
                if text not in values:
                    values.append(text)
        doc: dict[str, Any] = {
            "id": article.id,
            "title": article.title,
            # The title is searched through its own (boosted) field; blanking it
            # here, same length, keeps body offsets equal to article offsets and
            # keeps snippets from repeating the title.
            "body": " " * article.body_start + article.body,
            "_stored_body": article.text,
            "tags": ",".join(tags),
            "sha256": article.sha256,
            "mtime_ns": article.mtime_ns,
            "size": article.size,
            "sidecar_mtime_ns": sidecar_mtime,
            "decode_errors": article.decode_errors,
            "words": article.words,
            "facets": (tuple(tags), {k: v for k, v in by_label.items() if v}),
        }
        for label, values in by_label.items():
            if values:
                doc[field_for(label)] = ENTITY_SEPARATOR.join(values)
        return doc

    # -- updating -----------------------------------------------------------

    def update(
        self,
        *,
        rebuild: bool = False,
        progress: Progress | None = None,
        batch_commit_seconds: float | None = None,
        workers: int | None = None,
    ) -> UpdateReport:
        """Bring the index up to date with the corpus; returns what changed.

        Large updates run in worker processes (`index.bulk`) and commit as
        they go, so searches see early articles while the rest are indexed.
        With `batch_commit_seconds`, a single-process update also commits
        at that interval.
        """
        from glossator.index.bulk import PARALLEL_THRESHOLD, worker_count

        started = time.perf_counter()
        report = UpdateReport()
        notices_before = len(self.notices)
        with self._update_lock():
            if rebuild:
                self._ix = self._create(None)
            elif self._ix is None:
                ix, reason = self._open_existing()
                self._ix = ix if ix is not None else self._create(reason)
            ix = self._ix
            manifest = {} if rebuild else self._load_manifest(ix)
            files = list(find_article_files(self.corpus))
            report.total = len(files)
            todo: list[ArticleFile] = []
            seen: set[str] = set()
            for f in files:
                seen.add(f.id)
                old = manifest.get(f.id)
                if (
                    old is not None
                    and old.mtime_ns == f.mtime_ns
                    and old.size == f.size
                    and old.sidecar_mtime_ns == self._sidecar_mtime(f)
                ):
                    report.unchanged += 1
                else:
                    todo.append(f)
            gone = [k for k in manifest if k not in seen]
            if progress:
                progress(report.unchanged, report.total)
            workers = worker_count() if workers is None else workers
            work = _Pass(ix, todo, gone, manifest, report, progress)
            if workers > 1 and len(todo) >= PARALLEL_THRESHOLD:
                self._update_parallel(work, workers)
            else:
                self._update_serial(work, batch_commit_seconds)
            self._compact(ix)
            self._save_manifest(ix, manifest)
            mark_complete(self.dir)
            if work.words or rebuild:
                self._save_spelling(work.words, replace=rebuild)
        report.notices[:0] = self.notices[notices_before:]
        report.seconds = time.perf_counter() - started
        return report

    def _compact(self, ix: Any) -> None:
        """Merge small segments once there are many of them.

        Tag changes and parallel updates each add a segment; searching many
        segments costs a little on every query, so small ones are folded
        together here, during an update, rather than on a tag change.
        """
        with ix.searcher() as s:
            reader = s.reader()
            count = 1 if reader.is_atomic() else len(reader.leaf_readers())
        if count > MAX_SEGMENTS:
            writer = self._writer(ix, bulk=False, merging=True)
            writer.commit(mergetype=_merge_smallest)

    def _count(self, report: UpdateReport, old: ManifestEntry | None, entry: ManifestEntry) -> bool:
        """Count one read article; True when it must be (re)written."""
        if old is None:
            report.added += 1
            return True
        if old.sha256 == entry.sha256 and old.tags == entry.tags:
            report.touched += 1
            return False
        report.updated += 1
        return True

    def _update_serial(self, work: _Pass, batch_commit_seconds: float | None) -> None:
        ix, todo, gone, manifest, report = work.ix, work.todo, work.gone, work.manifest, work.report
        progress, words = work.progress, work.words
        done = report.unchanged
        writer = None
        last_commit = time.monotonic()
        try:
            for f in todo:
                result = read_article(f, self.max_bytes)
                done += 1
                if isinstance(result, Skipped):
                    report.skipped.append(result)
                    if f.id in manifest:
                        gone.append(f.id)
                else:
                    tags, side_mtime = self._tags(f.id, report.notices)
                    old = manifest.get(f.id)
                    entry = ManifestEntry(
                        f.mtime_ns, f.size, result.sha256, side_mtime, tuple(tags)
                    )
                    manifest[f.id] = entry
                    if self._count(report, old, entry):
                        if writer is None:
                            writer = self._writer(ix, bulk=len(todo) > 200)
                        doc = self._document(result, tags, side_mtime)
                        if old is None:
                            writer.add_document(**doc)
                        else:
                            writer.update_document(**doc)
                        words.update(writer.schema["body"].last_words())
                if progress:
                    progress(done, report.total)
                if (
                    batch_commit_seconds is not None
                    and writer is not None
                    and time.monotonic() - last_commit >= batch_commit_seconds
                ):
                    writer.commit(merge=False)
                    self._save_manifest(ix, manifest)
                    writer = None
                    last_commit = time.monotonic()
            if gone:
                if writer is None:
                    writer = self._writer(ix, bulk=False)
                for article_id in gone:
                    writer.delete_by_term("id", article_id)
                    manifest.pop(article_id, None)
                    report.deleted += 1
            if writer is not None:
                writer.commit()
                writer = None
        finally:
            if writer is not None:
                writer.cancel()

    def _update_parallel(self, work: _Pass, workers: int) -> None:
        ix, todo, gone, manifest, report = work.ix, work.todo, work.gone, work.manifest, work.report
        progress, words = work.progress, work.words
        from glossator.index.bulk import ChunkResult, run_parallel

        # Old versions of re-read articles go first; their new versions
        # arrive as whole segments from the workers.
        stale = [f.id for f in todo if f.id in manifest] + gone
        if stale:
            writer = self._writer(ix, bulk=False)
            for article_id in stale:
                writer.delete_by_term("id", article_id)
            writer.commit(merge=False)
        for article_id in gone:
            manifest.pop(article_id, None)
            report.deleted += 1
        old_entries = {f.id: manifest.pop(f.id) for f in todo if f.id in manifest}
        base = report.unchanged

        def on_result(chunk: ChunkResult) -> None:
            report.skipped.extend(chunk.skipped)
            report.notices.extend(chunk.notices)
            words.update(chunk.words)
            for article_id, values in chunk.entries.items():
                entry = ManifestEntry(*values)
                self._count(report, old_entries.get(article_id), entry)
                manifest[article_id] = entry
            if chunk.segments:
                _append_segments(ix, chunk.segments, self.lock_wait)
                self._save_manifest(ix, manifest)

        def on_progress(n: int) -> None:
            if progress:
                progress(base + n, report.total)

        run_parallel(self, todo, on_result, on_progress, workers)
        # Remove files of segments that never made it into a commit (a
        # worker that failed), now that no worker is writing.
        _append_segments(ix, [], self.lock_wait, clean=True)

    # -- spelling -----------------------------------------------------------

    def _save_spelling(self, words: Counter[str], *, replace: bool) -> None:
        counts: Counter[str] = Counter() if replace else Counter(self.spelling_words())
        counts.update(words)
        _atomic_write(self.dir / SPELLING_FILE, json.dumps(counts, separators=(",", ":")))
        self._spelling = dict(counts)

    def spelling_words(self) -> dict[str, int]:
        """Unstemmed words of the corpus with their article counts, for suggestions."""
        if getattr(self, "_spelling", None) is None:
            try:
                data = json.loads((self.dir / SPELLING_FILE).read_text("utf-8"))
                self._spelling = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                self._spelling = {}
        return self._spelling

    def _writer(self, ix: Any, *, bulk: bool, merging: bool = False) -> Any:
        """A Whoosh writer; with `merging`, one that only merges segments."""
        from whoosh.index import LockError

        try:
            if merging:
                from glossator.index.segments import MergingSegmentWriter

                return MergingSegmentWriter(ix, timeout=self.lock_wait, delay=0.1)
            return ix.writer(limitmb=256 if bulk else 64, timeout=self.lock_wait, delay=0.1)
        except LockError:
            raise IndexUnavailable(
                "the index is locked by another writer; try again when it finishes"
            ) from None

    def reindex(self, article_ids: Iterable[str], *, lock_wait: float = 10.0) -> int:
        """Re-index these articles now (after a tag change); returns how many were written."""
        ix = self.open()
        count = 0
        words: Counter[str] = Counter()
        with self._update_lock(lock_wait):
            manifest = self._load_manifest(ix)
            writer = self._writer(ix, bulk=False)
            try:
                for article_id in article_ids:
                    try:
                        article = load_article(self.corpus, article_id, self.max_bytes)
                    except Exception:
                        writer.delete_by_term("id", article_id)
                        manifest.pop(article_id, None)
                        continue
                    tags, side_mtime = self._tags(article.id, None)
                    writer.update_document(**self._document(article, tags, side_mtime))
                    words.update(writer.schema["body"].last_words())
                    manifest[article.id] = ManifestEntry(
                        article.mtime_ns, article.size, article.sha256, side_mtime, tuple(tags)
                    )
                    count += 1
                writer.commit(merge=False)
                writer = None
            finally:
                if writer is not None:
                    writer.cancel()
            self._save_manifest(ix, manifest)
            if words:
                self._save_spelling(words, replace=False)
        return count

    # -- reading ------------------------------------------------------------

    def article(self, article_id: str) -> Article:
        """Read an article from disk by id (or path inside the corpus)."""
        return load_article(self.corpus, article_id, self.max_bytes)

    def searcher(self) -> Any:
        """A `Searcher` over this index (see `index.search`)."""
        from glossator.index.search import Searcher

        return Searcher(self)

    def doc_count(self) -> int:
        """How many articles the index holds."""
        with self.open().searcher() as s:
            return int(s.doc_count())


def _merge_smallest(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy: fold the smallest segments into the new one,
    leaving half of MAX_SEGMENTS, so the large ones are never rewritten."""
    from whoosh.reading import SegmentReader

    keep = MAX_SEGMENTS // 2
    ordered = sorted(segments, key=lambda seg: seg.doc_count_all())
    merge, kept = ordered[: max(0, len(ordered) - keep + 1)], ordered[len(ordered) - keep + 1 :]
    for seg in merge:
        # The writer reads the postings at commit and closes the reader then.
        writer.add_reader(SegmentReader(writer.storage, writer.schema, seg))
    return kept


def _append_segments(ix: Any, segments: list[Any], lock_wait: float, clean: bool = False) -> None:
    """Commit a new table of contents: the index's segments plus `segments`.

    Unused segment files are deleted only with `clean`, because during a
    parallel update the workers' unfinished segments are in the same folder.
    """
    from whoosh.index import TOC, clean_files
    from whoosh.writing import SegmentWriter

    writer = SegmentWriter(ix, timeout=lock_wait, delay=0.1)
    try:
        final = list(writer.segments) + list(segments)
        writer._close_segment()
        TOC(writer.schema, final, writer.generation).write(writer.storage, writer.indexname)
        if clean:
            clean_files(writer.storage, writer.indexname, writer.generation, final)
    finally:
        writer._finish()


def _split_tags(value: str) -> list[str]:
    return [t for t in value.split(",") if t]


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
