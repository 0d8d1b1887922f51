"""Index many articles at once with worker processes.

Reading, entity recognition and analysis are CPU-bound Python, so a large
update is split into chunks that worker processes index, each with its own
`DocumentSource`. The parent holds the index's update lock throughout and
hands each chunk's result to the engine to commit as it arrives, so
searches see the first articles within a second or two while the rest are
still being indexed. Chunks grow geometrically so a large corpus ends up in
a handful of segments, not hundreds. What a worker does with a chunk is the
engine's (`ChunkTask`); this module only runs the pool.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

from glossator.index.corpus import ArticleFile
from glossator.index.engine_input import ChunkResult, DocumentSource

if TYPE_CHECKING:
    # The pool is imported where it runs: concurrent.futures and ctypes cost
    # 40 ms that a search, which never starts workers, should not pay.
    from concurrent.futures import Future
    from multiprocessing.sharedctypes import Synchronized

#: Below this many articles to (re)index, one process does it all: starting
#: workers costs more than it saves.
PARALLEL_THRESHOLD = 300
FIRST_CHUNK = 64
CHUNK_GROWTH = 4
MAX_CHUNK = 20_000

T = TypeVar("T")


class ChunkTask(Protocol):
    """An engine's work on one chunk, in a worker process (picklable)."""

    def __call__(
        self, source: DocumentSource, files: Sequence[ArticleFile], tick: Callable[[], None]
    ) -> ChunkResult:
        """Index `files`, calling `tick()` after each one."""
        ...


def worker_count() -> int:
    """How many worker processes a bulk update uses (`$GLOSSATOR_WORKERS` overrides)."""
    env = os.environ.get("GLOSSATOR_WORKERS")
    if env and env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(os.cpu_count() or 1, 8))


def chunks(items: Sequence[T], workers: int) -> Iterator[Sequence[T]]:
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

_WORKER: tuple[ChunkTask, DocumentSource, Synchronized[int]] | None = None


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


def _init_worker(task: ChunkTask, source: DocumentSource, counter: Synchronized[int]) -> None:
    global _WORKER
    _die_with_parent()
    _watch_parent()
    # A fresh copy, as a spawned worker gets: a forked one must not share
    # the parent's entity cache connection.
    _WORKER = (task, pickle.loads(pickle.dumps(source)), counter)


def _run_chunk(files: Sequence[ArticleFile]) -> ChunkResult:
    assert _WORKER is not None, "worker not initialised"
    task, source, counter = _WORKER

    def tick() -> None:
        with counter.get_lock():
            counter.value += 1

    return task(source, files, tick)


# -- in the parent ------------------------------------------------------------


def run_parallel(
    task: ChunkTask,
    source: DocumentSource,
    files: Sequence[ArticleFile],
    on_result: Callable[[ChunkResult], None],
    on_progress: Callable[[int], None],
    workers: int,
) -> None:
    """Run `task` over chunks of `files` in worker processes, calling
    `on_result` as each chunk lands.

    `on_progress(n)` gets the number of files finished so far, several times
    a second. Exceptions in a worker propagate here after the pool is shut
    down.
    """
    # Forking skips re-importing the engine and reloading the recogniser in
    # each worker, but is only safe while no other thread could hold a lock
    # at the moment of the fork; the reader app indexes from a thread, so it
    # gets fresh interpreters instead.
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    method = "fork" if threading.active_count() == 1 and os.name == "posix" else "spawn"
    ctx = multiprocessing.get_context(method)
    counter: Synchronized[int] = ctx.Value("i", 0)
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=ctx,
        initializer=_init_worker,
        initargs=(task, source, counter),
    ) as pool:
        pending: set[Future[ChunkResult]] = {
            pool.submit(_run_chunk, chunk) for chunk in chunks(files, workers)
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
