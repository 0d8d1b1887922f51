"""The textual-serve server behind `glossator serve`, made fit for a corpus.

Changes to textual-serve's `Server`: browser sessions from a page of another
origin are refused (see `allowed_origins`); every log line is made inert
before it reaches the terminal (request lines and the readers' error output
carry text from outside); the URL is printed once the port is open, so a
port in use is an error rather than a URL that does not work; and ctrl+c
stops within seconds, open sessions or not. Imported only by `cmd_serve`,
because textual-serve is optional.
"""

from __future__ import annotations

import asyncio
import io
import logging
import signal
import sys
from pathlib import Path
from typing import TextIO

from aiohttp import web
from textual_serve.server import Server

from glossator.index.sanitize import neutralise

__all__ = ["InertStream", "ReaderServer"]

log = logging.getLogger("glossator.serve")

#: Seconds ctrl+c waits for open browser sessions before closing them.
SHUTDOWN_TIMEOUT = 2.0


class _InertFormatter(logging.Formatter):
    """Log lines with every terminal control character made visible."""

    def format(self, record: logging.LogRecord) -> str:
        return neutralise(super().format(record))


class InertStream(io.TextIOBase):
    """A text stream that makes whatever is written to it inert first.

    textual-serve copies each reader's standard error to standard output as
    it comes; a reader's traceback can quote article text.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        return self._stream.write(neutralise(text))

    def flush(self) -> None:
        self._stream.flush()


class ReaderServer(Server):
    """A textual-serve server that runs the reader on one corpus."""

    def __init__(
        self,
        command: str,
        *,
        corpus: Path,
        host: str,
        port: int,
        public_url: str,
        origins: frozenset[str],
    ) -> None:
        super().__init__(command, host=host, port=port, title="glossator", public_url=public_url)
        self.corpus = corpus
        #: Page origins allowed to open a session (`glossator.tui.serve.allowed_origins`).
        self.origins = origins

    def initialize_logging(self) -> None:
        """Plain, inert log lines on stderr: each request, each refusal."""
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_InertFormatter("%(asctime)s %(message)s", datefmt="%H:%M:%S"))
        logging.basicConfig(level=logging.DEBUG if self.debug else logging.INFO, handlers=[handler])

    async def on_startup(self, app: web.Application) -> None:
        """Nothing: textual-serve prints its banner here, before the port is open."""

    def serve(self, debug: bool = False) -> None:
        """Serve until SIGINT or SIGTERM; `OSError` when the port cannot be opened."""
        self.debug = debug
        self.initialize_logging()
        stdout = sys.stdout
        sys.stdout = InertStream(stdout)
        try:
            asyncio.run(self._serve())
        finally:
            sys.stdout = stdout

    async def _serve(self) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        runner = web.AppRunner(await self._make_app(), shutdown_timeout=SHUTDOWN_TIMEOUT)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
            print(
                f"glossator serve: {self.corpus} at {self.public_url}"
                " (each browser tab runs its own reader; ctrl+c stops)",
                flush=True,
            )
            await stop.wait()
        finally:
            # Open sessions get SHUTDOWN_TIMEOUT seconds, then are cancelled;
            # textual-serve tells each one's reader to quit as it ends.
            await runner.cleanup()

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Start a reader for this browser, unless its page came from another site."""
        origin = request.headers.get("Origin")
        # Browsers always send Origin; a client that does not could forge it anyway.
        if origin is not None and origin.rstrip("/").lower() not in self.origins:
            log.warning(
                "refused a session from a page at %s; if that is how your browser reaches "
                "this server, restart with --public-url %s",
                origin,
                origin,
            )
            raise web.HTTPForbidden(text="this page's origin may not open a reader session\n")
        return await super().handle_websocket(request)
