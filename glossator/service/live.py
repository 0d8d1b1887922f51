"""Keeping a session's index current while the reader runs: watch the corpus, else rescan.

`CorpusFollower` owns one background thread. Where the folder can be watched
(`glossator.index.watching`), each burst of changes goes straight to
`Session.update_files` for just those articles, so an added, edited or
deleted article is searchable a fraction of a second later whatever the
size of the corpus. Where it cannot (watchfiles missing, a network
filesystem, the inotify limit reached, `GLOSSATOR_WATCH=scan`) the thread
rescans the whole corpus every few seconds instead, and checks the open
article's file and sidecar every second. `mode` says which, for the
status line.

The follower never touches the screen: it calls `on_change` with a
`CorpusChange` (and `on_mode` when the mode changes) from its thread; the
reader posts those as messages.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from glossator.index.engine import UpdateReport
from glossator.index.watching import ChangedPaths, WatchUnavailable, watch_corpus, watch_unavailable
from glossator.service.session import Session

#: `GLOSSATOR_WATCH=scan` rescans instead of watching (e.g. a filesystem
#: whose notifications are known to be unreliable); `auto` (the default) watches.
WATCH_ENV = "GLOSSATOR_WATCH"
#: Rescans are at least this many seconds apart...
MIN_RESCAN_SECONDS = 5.0
#: ... and take at most this share of the time (a 1.2 s scan: every 12 s).
RESCAN_SHARE = 0.1
#: In rescan mode, the open article's files are looked at this often.
OPEN_CHECK_SECONDS = 1.0
#: Small segments left by live updates are merged once the corpus has been
#: quiet this long (merging can take a second; an edit should not wait for it).
COMPACT_AFTER_SECONDS = 3.0


@dataclass(frozen=True)
class CorpusChange:
    """What the follower brought into the index."""

    articles: frozenset[str]
    """Ids whose article file or sidecar changed (empty after a full rescan)."""
    report: UpdateReport | None = None
    """What the index update did; None when it failed (`error` says why)."""
    rescan: bool = False
    """True after a full rescan, which does not say which articles changed."""
    error: str | None = None


def rescan_text(seconds: float) -> str:
    """The status line's name for rescan mode."""
    return f"rescanning every {seconds:.0f} s"


WATCHING = "watching"


class CorpusFollower:
    """Follows one session's corpus in a daemon thread until `stop`."""

    def __init__(
        self,
        session: Session,
        on_change: Callable[[CorpusChange], object],
        on_mode: Callable[[str], object] | None = None,
    ) -> None:
        self.session = session
        self.on_change = on_change
        self.on_mode = on_mode
        self.open_article: str | None = None
        """The article on screen (set by the reader); rescan mode checks its files."""
        self.why_not_watching: str | None = self._refusal()
        self.rescan_seconds = MIN_RESCAN_SECONDS
        self.mode = WATCHING if self.why_not_watching is None else rescan_text(MIN_RESCAN_SECONDS)
        self.ready = threading.Event()
        """Set once changes are being caught (the watch is in place, or rescanning)."""
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._pending = ChangedPaths()
        self._stamps: dict[str, tuple[int, int]] = {}
        self._compact_at: float | None = None
        self._thread = threading.Thread(target=self._run, name="corpus follower", daemon=True)

    def _refusal(self) -> str | None:
        if os.environ.get(WATCH_ENV, "auto").strip().lower() == "scan":
            return f"{WATCH_ENV}=scan"
        return watch_unavailable(self.session.corpus)

    # -- control (any thread) -------------------------------------------------

    def start(self) -> None:
        """Start following."""
        self._thread.start()

    def stop(self, wait: float = 2.0) -> None:
        """Stop and wait (a bounded time) for the thread to end."""
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(wait)

    def poke(self) -> None:
        """Look for changes now (the terminal regained focus); rescan mode only."""
        self._wake.set()

    # -- the thread -------------------------------------------------------------

    def _run(self) -> None:
        if self.why_not_watching is None:
            index = self.session.index
            paths = [index.corpus] + ([index.annotations_dir] if index.annotations_dir else [])
            try:
                watch_corpus(
                    [p for p in paths if p is not None and p.is_dir()],
                    self._stop,
                    self._changed,
                    on_tick=self._flush,
                )
                self._finish()
                return
            except WatchUnavailable as exc:
                self.why_not_watching = str(exc)
                self.session.add_log("index", f"{exc}; rescanning the corpus instead")
                self._set_mode(rescan_text(self.rescan_seconds))
        self._rescan_loop()

    def _finish(self) -> None:
        # Stopping (the reader quits): keep the words of live updates for
        # spelling suggestions; merging segments waits for the next update.
        if self._compact_at is not None:
            try:
                self.session.index.save_spelling()
            except OSError as exc:
                self.session.add_log("index", f"saving spelling words failed: {exc}")

    def _set_mode(self, mode: str) -> None:
        if mode != self.mode:
            self.mode = mode
            if self.on_mode is not None:
                self.on_mode(mode)

    def _changed(self, paths: set[str]) -> None:
        self.ready.set()
        index = self.session.index
        found = ChangedPaths.classify(
            paths, index.corpus, annotations_dir=index.annotations_dir, index_dir=index.dir
        )
        self._pending.articles |= found.articles
        self._pending.folders |= found.folders
        self._flush()

    def _flush(self) -> None:
        """Index what changed, unless the start-up update still runs (it is kept till then)."""
        self.ready.set()
        if self.session.indexing:
            return
        if self._pending:
            todo, self._pending = self._pending, ChangedPaths()
            self._apply(frozenset(todo.articles), sorted(todo.folders))
        elif self._compact_at is not None and time.monotonic() >= self._compact_at:
            self._compact_at = None
            try:
                self.session.index.compact()
            except Exception as exc:  # a busy index: the next update compacts it
                self.session.add_log("index", f"merging index segments failed: {exc}")

    def _apply(self, articles: frozenset[str], folders: list[str]) -> None:
        try:
            report = self.session.update_files(sorted(articles), folders)
        except Exception as exc:  # the index is busy or broken: say so, keep following
            self.session.add_log("index", f"updating changed articles failed: {exc}")
            self.on_change(CorpusChange(articles, None, error=str(exc)))
            return
        if report.changed:
            self._compact_at = time.monotonic() + COMPACT_AFTER_SECONDS
        if folders:
            articles = articles | {f"{folder}/" for folder in folders}
        self.on_change(CorpusChange(articles, report))

    def _rescan_loop(self) -> None:
        self.ready.set()
        next_scan = time.monotonic() + self.rescan_seconds
        while not self._stop.is_set():
            poked = self._wake.wait(OPEN_CHECK_SECONDS)
            self._wake.clear()
            if self._stop.is_set():
                return
            if self.session.indexing:
                continue
            self._check_open_article()
            if poked or time.monotonic() >= next_scan:
                self._rescan()
                next_scan = time.monotonic() + self.rescan_seconds

    def _check_open_article(self) -> None:
        article_id = self.open_article
        if article_id is None:
            return
        stamp = (_mtime(self.session.corpus / article_id), _mtime(self._sidecar(article_id)))
        before = self._stamps.get(article_id)
        self._stamps = {article_id: stamp}
        if before is not None and before != stamp:
            self._apply(frozenset({article_id}), [])

    def _sidecar(self, article_id: str) -> Path | None:
        try:
            return self.session.store.path_for(article_id)
        except Exception:  # an id the store refuses has no sidecar
            return None

    def _rescan(self) -> None:
        try:
            # Not `Session.update`: that one is the start-up update, which
            # holds back the reader's re-indexing and its ready line.
            report = self.session.index.update()
            self.session.log_report(report)
        except Exception as exc:
            self.session.add_log("index", f"rescanning the corpus failed: {exc}")
            return
        self.rescan_seconds = max(MIN_RESCAN_SECONDS, report.seconds / RESCAN_SHARE)
        self._set_mode(rescan_text(self.rescan_seconds))
        if report.changed:
            self.on_change(CorpusChange(frozenset(), report, rescan=True))


def _mtime(path: Path | None) -> int:
    if path is None:
        return 0
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0
