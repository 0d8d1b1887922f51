"""What every sub-command prints with: JSON on stdout, a plain console, the update progress bar."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from glossator.tui.cli_context import Failure
from glossator.tui.render import terminal_json

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["dump_json", "stdout_console", "update_index"]


def dump_json(data: Any) -> None:
    """Print JSON on stdout (see `terminal_json`), one trailing newline."""
    sys.stdout.write(terminal_json(data) + "\n")


def stdout_console() -> Console:
    """A console on standard output that never styles what it prints."""
    from rich.console import Console

    # highlight=False: never colour numbers or paths found inside article text.
    return Console(highlight=False, soft_wrap=True)


def update_index(ix: Any, *, rebuild: bool = False, quiet: bool = False) -> Any:
    """Update the index, with a progress bar on a terminal."""
    from rich.console import Console

    from glossator.index.engine import IndexUnavailable

    err = Console(stderr=True, highlight=False)
    show = not quiet and err.is_terminal
    try:
        if not show:
            return ix.update(rebuild=rebuild)
        # Here, not at the top: a search that updates quietly (or not at
        # all) should not pay for importing the progress bar.
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            Task,
            TextColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class _RateColumn(ProgressColumn):
            def render(self, task: Task) -> Text:
                speed = task.finished_speed or task.speed
                return Text(f"{speed:,.0f} docs/s" if speed else "", style="dim")

        with Progress(
            TextColumn("indexing"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
        ) as bar:
            task = bar.add_task("index", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            return ix.update(rebuild=rebuild, progress=progress)
    except IndexUnavailable as exc:
        raise Failure(str(exc)) from exc
