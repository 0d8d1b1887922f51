"""Index many articles at once with worker processes.

Reading, entity recognition and analysis are CPU-bound Python, and Whoosh
writes postings one at a time, so a large update is split into chunks that
worker processes turn into finished Whoosh segments. The parent holds the
index's update lock throughout and commits each segment as it arrives, so
searches see the first articles within a second or two while the rest are
still being indexed. Chunks grow geometrically so a large corpus ends up in
a handful of segments, not hundreds.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossator.index.corpus import ArticleFile, Skipped

#: Below this many articles to (re)index, one process does it all: starting
#: workers costs more than it saves.
PARALLEL_THRESHOLD = 300
FIRST_CHUNK = 64
CHUNK_GROWTH = 4
MAX_CHUNK = 20_000
#: A worker starts a new segment after this many postings (about 30 bytes
#: each in memory; BBC-style articles have ~170 postings each).
MAX_SEGMENT_POSTINGS = 2_000_000


def worker_count() -> int:
    """How many worker processes a bulk update uses (`$GLOSSATOR_WORKERS` overrides)."""
    env = os.environ.get("GLOSSATOR_WORKERS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(os.cpu_count() or 1, 8))


@dataclass
class ChunkResult:
    """What one worker made of one chunk of files."""

    #: The Whoosh segments written, in order (a big chunk may need several).
    segments: list[Any] = field(default_factory=list)
    #: article id -> (mtime_ns, size, sha256, sidecar_mtime_ns, tags)
    entries: dict[str, tuple[int, int, str, int, tuple[str, ...]]] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    words: Counter[str] = field(default_factory=Counter)


def chunks(items: Sequence[Any], workers: int) -> Iterator[Sequence[Any]]:
    """Split `items` into chunks: small first (early results), then growing,
    with the last round split evenly so no worker is left finishing alone."""
    n = len(items)
    size = FIRST_CHUNK
    pos = 0
    while pos < n:
        rest = n - pos
        if rest <= workers * size * 2:
            base, extra = divmod(rest, workers)
            for i in range(workers):
                step = base + (1 if i < extra else 0)
                if step:
                    yield items[pos : pos + step]
                    pos += step
            return
        for _ in range(workers):
            yield items[pos : pos + size]
            pos += size
        size = min(size * CHUNK_GROWTH, MAX_CHUNK)


# -- in the worker process -----------------------------------------------------

_WORKER_INDEX: Any = None
_WORKER_COUNTER: Any = None


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the updating process dies.

    A worker left running after `kill -9` of its parent would keep writing
    segment files into an index the next update is using.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    # The parent may have died before prctl took effect.
    if os.getppid() == 1:
        os._exit(1)


def _watch_parent() -> None:
    """Exit when the process that started this worker is gone.

    Backs up PR_SET_PDEATHSIG, which fires when the parent *thread* ends and
    does not exist off Linux: a daemon thread polls the parent's pid.
    """
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="glossator-parent-watch", daemon=True).start()


def _init_worker(settings: dict[str, Any], counter: Any) -> None:
    global _WORKER_INDEX, _WORKER_COUNTER
    _die_with_parent()
    _watch_parent()
    from glossator.index.indexer import Index

    _WORKER_INDEX = Index(
        Path(settings["corpus"]),
        Path(settings["index_dir"]),
        annotations_dir=Path(settings["annotations_dir"]) if settings["annotations_dir"] else None,
        max_bytes=settings["max_bytes"],
    )
    _WORKER_COUNTER = counter


def _index_chunk(files: Sequence[ArticleFile]) -> ChunkResult:
    from whoosh import index as windex

    from glossator.index.corpus import read_article
    from glossator.index.segments import BulkSegmentWriter

    owner = _WORKER_INDEX
    ix = windex.open_dir(str(owner.dir))
    # Whoosh names a writer's scratch folder after the index, so concurrent
    # writers would delete each other's temporary files; give each its own.
    storage = ix.storage
    shared_temp = storage.temp_storage
    tag = f"{os.getpid()}-{id(files)}"
    storage.temp_storage = lambda name=None: shared_temp(f"{name or 'scratch'}.{tag}")
    result = ChunkResult()
    writer: Any = None
    try:
        for f in files:
            article = read_article(f, owner.max_bytes)
            if isinstance(article, Skipped):
                result.skipped.append(article)
            else:
                if writer is None:
                    writer = BulkSegmentWriter(ix, _lk=False)
                tags, side_mtime = owner._tags(f.id, result.notices)
                writer.add_document(**owner._document(article, tags, side_mtime))
                result.words.update(writer.schema["body"].last_words())
                result.entries[f.id] = (f.mtime_ns, f.size, article.sha256, side_mtime, tuple(tags))
                if writer.posting_count >= MAX_SEGMENT_POSTINGS:
                    # Postings wait in memory until the segment is written;
                    # bound them, whatever the chunk and article sizes.
                    result.segments.append(_finish(writer))
                    writer = None
            with _WORKER_COUNTER.get_lock():
                _WORKER_COUNTER.value += 1
        if writer is not None:
            result.segments.append(_finish(writer))
            writer = None
    finally:
        if writer is not None:
            with contextlib.suppress(Exception):
                writer._close_segment()
                writer._tempstorage.destroy()
    return result


def _finish(writer: Any) -> Any:
    """Write out a worker's segment and drop its scratch folder."""
    try:
        return writer._finalize_segment()
    finally:
        writer._tempstorage.destroy()


# -- in the parent ------------------------------------------------------------


def run_parallel(
    owner: Any,
    files: Sequence[ArticleFile],
    on_result: Callable[[ChunkResult], None],
    on_progress: Callable[[int], None],
    workers: int,
) -> None:
    """Index `files` in worker processes, calling `on_result` as each chunk lands.

    `on_progress(n)` gets the number of files finished so far, several times
    a second. Exceptions in a worker propagate here after the pool is shut
    down.
    """
    # Forking skips re-importing Whoosh and reloading the recogniser in each
    # worker, but is only safe while no other thread could hold a lock at
    # the moment of the fork; the reader app indexes from a thread, so it
    # gets fresh interpreters instead.
    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    ctx = multiprocessing.get_context(method)
    counter = ctx.Value("i", 0)
    settings = {
        "corpus": str(owner.corpus),
        "index_dir": str(owner.dir),
        "annotations_dir": str(owner.annotations_dir) if owner.annotations_dir else None,
        "max_bytes": owner.max_bytes,
    }
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(settings, counter)
    ) as pool:
        pending: set[Future[ChunkResult]] = {
            pool.submit(_index_chunk, chunk) for chunk in chunks(files, workers)
        }
        try:
            while pending:
                done, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                on_progress(counter.value)
                for fut in done:
                    on_result(fut.result())
        except BaseException:
            for fut in pending:
                fut.cancel()
            raise
        finally:
            on_progress(counter.value)
    # Give the workers' exit a moment so no zombie outlives the update.
    time.sleep(0)
