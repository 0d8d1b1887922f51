"""Messages the screen's own workers post, and the one route for worker failures.

Workers run in threads and must not touch widgets; they post a message
(posting is thread-safe) and the receiver updates the panes on its own thread.
Panes declare their own messages (`SearchPane.Searched`, `ArticlePane.Loaded`).
A worker that fails unexpectedly ends in `WorkerFailed`, which bubbles to the
app, the one place that logs and shows it (`GlossatorApp.on_worker_failed`).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker, WorkerState

from glossator.index.engine import UpdateReport


@dataclass
class IndexProgress(Message):
    """The start-up update has read `done` of `total` articles."""

    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


@dataclass
class IndexFinished(Message):
    """The start-up update ended; `report` is None when it failed (`error` says why)."""

    report: UpdateReport | None
    error: str | None = None


@dataclass
class WorkerFailed(Message):
    """A worker raised: `name` says what it was doing, `group` what kind of work."""

    name: str
    group: str
    error: BaseException


def report_failure(node: MessagePump, event: Worker.StateChanged) -> None:
    """Turn a failed worker's state change into a `WorkerFailed` that bubbles to the app.

    `Worker.StateChanged` goes only to the node that ran the worker; every
    node with workers passes its failures on through this.
    """
    worker = event.worker
    if event.state is WorkerState.ERROR and worker.error is not None:
        node.post_message(WorkerFailed(worker.name, worker.group, worker.error))
