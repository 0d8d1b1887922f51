"""The status line under the panes: indexing progress, then what the index holds.

It also runs the index work whose progress it shows, in thread workers: the
start-up update (`update_index`) and re-indexing one article after its
sidecar was saved (`reindex`). Both end by reading the corpus's tags and
posting `TagsRead`; the update posts `IndexProgress` and `IndexFinished`.

While the reader runs, its `CorpusFollower` (a thread of its own, which
never ends, so not a worker) keeps the index current as files change and
posts `CorpusChanged`; the line says how it follows the corpus
(`watching`, or `rescanning every N s`).
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import Worker

from glossator.service import Session
from glossator.service.live import CorpusChange, CorpusFollower
from glossator.tui.messages import IndexFinished, IndexProgress, report_failure
from glossator.tui.render import shown

BAR_WIDTH = 20
#: A message (saved, copied, opening...) gives way to the index line after this long.
MESSAGE_SECONDS = 8.0
#: The start-up update waits at most this long for the corpus watch to be in place.
READY_WAIT_SECONDS = 1.0
#: Full garbage collections wait for this many middle-generation ones (Python: 10).
FULL_COLLECTION_EVERY = 100


def _settle_memory() -> None:
    """Keep Python's full garbage collections from stalling keystrokes.

    A full collection scans every object: with the index and searcher loaded
    that took 30-70 ms, landing on a keystroke every few seconds of typing.
    What exists once the searcher is open lives as long as the reader, so it
    is left out of them (`gc.freeze`), and they run a tenth as often.
    """
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_COLLECTION_EVERY)


class StatusLine(Static):
    """One line; never covers the panes."""

    @dataclass
    class TagsRead(Message):
        """Every tag in the corpus, most used first (after indexing or a re-index)."""

        tags: list[str]
        changed: bool = False
        """True after a re-index: the shown query may match differently now."""

    @dataclass
    class CorpusChanged(Message):
        """Articles changed on disk and the index has caught up (posted from the follower)."""

        change: CorpusChange

    @dataclass
    class FollowModeChanged(Message):
        """The follower switched between watching and rescanning."""

        mode: str

    def __init__(self, session: Session, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.indexed = 0
        """Articles searchable after the start-up update."""
        self._expiry: Timer | None = None
        self._updating = False
        """True from `update_index` until its `IndexFinished` is handled."""
        self._again = False
        self.corpus_name = session.corpus.name or str(session.corpus)
        """The corpus folder's name, said on the ready line."""

        self.follower = CorpusFollower(
            session,
            lambda change: self.post_message(self.CorpusChanged(change)),
            lambda mode: self.post_message(self.FollowModeChanged(mode)),
        )
        """Keeps the index current while the reader runs; its `mode` is shown."""

    def on_mount(self) -> None:
        self.follower.start()

    def on_unmount(self) -> None:
        self.follower.stop()

    def on_status_line_corpus_changed(self, message: CorpusChanged) -> None:
        change = message.change
        report = change.report
        if report is not None and report.changed:
            self.indexed += report.added - report.deleted
            if self._expiry is None:
                self.restore()
        # Even with nothing to write here, another process (the command line)
        # may have indexed the change itself: its tags are new to this reader.
        if change.articles or change.rescan:
            self.read_tags()

    def on_status_line_follow_mode_changed(self) -> None:
        if self._expiry is None:
            self.restore()

    @work(thread=True, exclusive=True, group="tags", name="reading tags", exit_on_error=False)
    def read_tags(self) -> None:
        """Read the corpus's tags again (the index changed): for completion and the query."""
        self.post_message(self.TagsRead(self.session.tags(), changed=True))

    def update_index(self) -> None:
        """Bring the index up to date in a worker, posting progress; then read the tags."""
        self._updating = True
        self._update_index()

    @work(thread=True, exclusive=True, group="index", name="indexing", exit_on_error=False)
    def _update_index(self) -> None:

        def progress(done: int, total: int) -> None:
            self.post_message(IndexProgress(done, total))

        # A file saved between this scan and the watch being in place would
        # be missed by both; the watch takes a tenth of a second to set up.
        self.follower.ready.wait(READY_WAIT_SECONDS)
        try:
            report = self.session.update(progress)
        except Exception as exc:  # shown in the status line and the log
            self.session.add_log("index", f"indexing failed: {exc}")
            self.post_message(IndexFinished(None, str(exc)))
        else:
            try:
                self.session.flush_pending()
            except Exception as exc:
                self.session.add_log("index", f"re-indexing after edits failed: {exc}")
            self.post_message(IndexFinished(report))
        tags = self.session.tags()
        _settle_memory()
        self.post_message(self.TagsRead(tags))
        try:
            # Group the stories now, so the first keystroke does not wait for it.
            self.session.group_hits(())
        except Exception as exc:  # the result list then lists every hit
            if not self.session.losing_index():  # a rebuild is logged by itself
                self.session.add_log("index", f"stories unavailable: {exc}")

    def refresh_index(self, reason: str, *, lost: bool) -> None:
        """Say why in one line, then bring the index up to date in the
        background (again once the running update ends, if one runs)."""
        if lost:
            self.show_text(f"rebuilding the index: {reason}", bold=True, expires=False)
        else:
            self.show_text(f"{reason}; re-indexing the articles it affects")
        if self._updating:
            self._again = True
            return
        self.update_index()

    def reindex(self, article_id: str) -> None:
        """Re-index one article in a worker so `tag:` finds its new tags.

        A failure leaves the sidecar saved and only the index behind; the app
        logs and shows it under the worker's name, `re-indexing <id>`.
        """

        def run() -> None:
            self.session.reindex(article_id)
            self.post_message(self.TagsRead(self.session.tags(), changed=True))

        self.run_worker(
            run, name=f"re-indexing {article_id}", group="reindex", thread=True, exit_on_error=False
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    def on_index_progress(self, message: IndexProgress) -> None:
        self.show_progress(message.done, message.total)

    def on_index_finished(self, message: IndexFinished) -> None:
        self._updating = False
        if self._again:
            self._again = False
            self.update_index()
            return
        if message.report is None:
            self.show_text(f"indexing failed: {message.error} (l: log)", bold=True, expires=False)
        else:
            self.indexed = message.report.total - len(message.report.skipped)
            self.restore()

    def restore(self) -> None:
        """Back to `N articles indexed` (unless the start-up update is still running)."""
        self._cancel_expiry()
        if not self.session.indexing:
            self.show_ready(self.indexed, len(self.session.log))

    def show_progress(self, done: int, total: int) -> None:
        """`indexing 340/2,097 [████░░░░]`; search works on what is done."""
        filled = int(BAR_WIDTH * done / total) if total else 0
        text = Text()
        text.append("rebuilding " if self.session.rebuilding else "indexing ", style="bold")
        text.append(f"{done:,}/{total:,} ")
        text.append("█" * filled + "░" * (BAR_WIDTH - filled))
        text.append("  search works on what is indexed", style="dim")
        self.update(text)

    def show_ready(self, articles: int, problems: int) -> None:
        """How many articles are searchable, in which corpus, how it is followed,
        and whether the log has anything."""
        text = Text(f"{articles:,} articles indexed in {shown(self.corpus_name)}", style="dim")
        text.append(f"  ·  {self.follower.mode}", style="dim")
        if problems:
            text.append("  ·  ")
            text.append(f"{problems} problem{'s' if problems != 1 else ''}", style="bold")
            text.append(" (l: log)", style="dim")
        self.update(text)

    def show_text(self, message: str, *, bold: bool = False, expires: bool = True) -> None:
        """Any other one-line message; unless told otherwise it gives way to
        the index line after `MESSAGE_SECONDS`, so nothing old lingers."""
        self._cancel_expiry()
        self.update(Text(shown(message), style="bold" if bold else "dim"))
        if expires:
            self._expiry = self.set_timer(MESSAGE_SECONDS, self.restore)

    def _cancel_expiry(self) -> None:
        if self._expiry is not None:
            self._expiry.stop()
            self._expiry = None
