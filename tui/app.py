"""The reader application: the App, its factory and `run_reader` for the CLI."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen
from textual.worker import Worker

from glossator.service import Session
from glossator.tui import terminal_guard
from glossator.tui.commands import COMMANDS, Command, commands_in, palette_help
from glossator.tui.config import Config
from glossator.tui.keyorder import OrderedKeys
from glossator.tui.messages import WorkerFailed, report_failure
from glossator.tui.screens.incidents import IncidentsScreen
from glossator.tui.screens.main import MainScreen

#: Set to hide timings (hit ms, log clock) so screenshots are reproducible.
HIDE_TIMINGS_ENV = "GLOSSATOR_HIDE_TIMINGS"


class GlossatorApp(OrderedKeys):
    """Search, read, tag and export a folder of articles."""

    CSS_PATH = "glossator.tcss"
    TITLE = "glossator"
    ENABLE_COMMAND_PALETTE = True

    def __init__(
        self,
        session: Session,
        config: Config,
        *,
        show_timings: bool = True,
        export_dir: Path | None = None,
    ) -> None:
        super().__init__()
        terminal_guard.install()
        self.session = session
        self.config = config
        self.show_timings = show_timings
        self.export_dir = export_dir or Path.cwd()
        self.keymap: dict[str, str] = dict(config.keymap)
        if config.theme:
            self.theme = config.theme

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        self.push_screen(
            MainScreen(self.session, show_timings=self.show_timings, export_dir=self.export_dir)
        )

    @property
    def main(self) -> MainScreen:
        """The reader screen (under any dialog)."""
        return next(s for s in self.screen_stack if isinstance(s, MainScreen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The reader commands that apply now, plus Textual's own (theme, keys, quit)."""
        if isinstance(screen, MainScreen):
            for command in COMMANDS:
                if command.palette and command.where == "screen" and screen.applies(command):
                    yield SystemCommand(
                        command.description,
                        palette_help(command, self.keymap),
                        partial(self._run_command, command),
                    )
        elif isinstance(screen, IncidentsScreen):
            for command in commands_in("incidents"):
                if command.palette:
                    yield SystemCommand(
                        command.description,
                        palette_help(command, self.keymap),
                        partial(self.run_action, command.action, screen),
                    )
        yield from super().get_system_commands(screen)

    def on_app_focus(self) -> None:
        # Back from another window, where the CLI may have changed things.
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.regained_focus()

    #: The log's name for each group of workers whose failure is reported.
    _FAILURE_KIND = {"save": "save", "watch": "watchlist", "export": "export"}

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        report_failure(self, event)

    def on_worker_failed(self, message: WorkerFailed) -> None:
        """The one place a failed worker is reported: in the log and on screen."""
        kind = self._FAILURE_KIND.get(message.group, "index")
        self.session.add_log(kind, f"{message.name}: {message.error}")
        self.notify(
            f"{message.name} failed: {message.error}", severity="error", timeout=8, markup=False
        )

    async def _run_command(self, command: Command) -> None:
        main = self.main
        main.from_palette = True
        try:
            ran = await self.run_action(command.action, main)
        finally:
            main.from_palette = False
        if not ran:
            self.notify(f"{command.description}: not available here", severity="warning")


def make_app(
    corpus: Path,
    config: Config,
    index_dir: Path | None = None,
    annotations_dir: Path | None = None,
    *,
    max_bytes: int | None = None,
    show_timings: bool | None = None,
    export_dir: Path | None = None,
) -> GlossatorApp:
    """Build the reader for a corpus; used by the command line and the tests."""
    session = Session.open(
        corpus,
        index_dir=index_dir or (Path(config.index_dir) if config.index_dir else None),
        annotations_dir=annotations_dir
        or (Path(config.annotations_dir) if config.annotations_dir else None),
        max_bytes=max_bytes if max_bytes is not None else config.max_bytes,
        author=config.author,
    )
    if show_timings is None:
        show_timings = not os.environ.get(HIDE_TIMINGS_ENV)
    # Large updates index in worker processes. Their resource tracker must be
    # started while sys.stderr is still the real one: once the app runs,
    # Textual captures stderr and a tracker started then fails to launch.
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    return GlossatorApp(session, config, show_timings=show_timings, export_dir=export_dir)


def run_reader(corpus: Path, args: argparse.Namespace, config: Config) -> int:
    """`glossator [CORPUS]`: open the reader; returns the exit status."""
    from glossator.index.engine import IndexUnavailable
    from glossator.tui.cli_context import Failure

    max_bytes = int(args.max_size * 1048576) if getattr(args, "max_size", None) else None
    try:
        app = make_app(
            corpus,
            config,
            getattr(args, "index_dir", None),
            getattr(args, "annotations_dir", None),
            max_bytes=max_bytes,
        )
    except IndexUnavailable as exc:
        raise Failure(str(exc)) from exc
    app.run()
    return app.return_code or 0
