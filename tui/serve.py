"""`glossator serve`: the reader in a browser, through textual-serve.

Each browser tab that opens the page gets its own reader process, started
from one command line built here; the sidecar locks keep several of them on
one corpus as safe as several analysts in terminals. There is no
authentication (docs/robustness.md), so the server listens on the loopback
address unless told otherwise with `--allow-remote`.

textual-serve is an optional dependency (`pip install 'glossator[serve]'`);
it is imported only when the command runs, so the parsers and the reader
never need it.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import os
import shlex
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from glossator.tui.cli_context import Failure, UsageError, error_line, open_index

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "add_serve_parser",
    "allowed_origins",
    "bind_warning",
    "cmd_serve",
    "is_loopback",
    "public_url_for",
    "reader_command",
]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

#: Addresses that mean "every interface": the URL to print is the machine's name.
_WILDCARDS = {"", "0.0.0.0", "::"}


def add_serve_parser(sub: Any, common: Callable[..., None]) -> None:
    """Add `glossator serve` to the sub-command parsers (`common` adds the shared options)."""
    p = sub.add_parser("serve", help="the reader in a browser (textual-serve)")
    p.add_argument(
        "corpus", nargs="?", type=Path, default=Path("."), help="the article folder (default .)"
    )
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default {DEFAULT_HOST}; others need --allow-remote)",
    )
    p.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    p.add_argument(
        "--public-url",
        type=_public_url,
        metavar="URL",
        help="the address browsers use, when it is not http://HOST:PORT (a proxy or tunnel)",
    )
    p.add_argument(
        "--allow-remote",
        action="store_true",
        help="listen on an address other machines can reach; there is no authentication",
    )
    common(p, corpus_option=False)
    p.set_defaults(handler=cmd_serve)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is out of range; use 1 to 65535")
    return port


def _public_url(text: str) -> str:
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an http:// or https:// URL with a host name"
        )
    return text.rstrip("/")


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host` (`localhost`, 127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: whatever it resolves to, treat it as remote


def bind_warning(host: str, allow_remote: bool) -> str | None:
    """The warning to print for listening on `host`, or None for a loopback address.

    A non-loopback address without `allow_remote` is a usage error: nothing
    stands between the network and the corpus.
    """
    if is_loopback(host):
        return None
    if not allow_remote:
        raise UsageError(
            f"--host {host} would serve the corpus to the network with no authentication; "
            "add --allow-remote to do it anyway, or keep the default and use an SSH tunnel "
            "(docs/robustness.md)"
        )
    return (
        f"warning: listening on {host} with no authentication: anyone who can reach this "
        "port can read the corpus and change its annotations (docs/robustness.md)"
    )


def _url_host(host: str) -> str:
    if host in _WILDCARDS:
        # Some machines map their own name to localhost, which no other
        # browser could use: then the plain host name is the better guess.
        name = socket.getfqdn()
        return socket.gethostname() if name.startswith("localhost") else name
    return f"[{host}]" if ":" in host else host


def public_url_for(host: str, port: int) -> str:
    """The URL browsers open when nothing else is given: `http://HOST:PORT`."""
    return f"http://{_url_host(host)}:{port}"


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(public_url: str, host: str, port: int) -> frozenset[str]:
    """The page origins whose browsers may start a reader.

    Browsers let any web page open a WebSocket to 127.0.0.1, so without this
    check a page the analyst happens to visit could drive the reader. The
    public URL's origin is allowed, and on a loopback address the other names
    of the loopback (what `ssh -L` users type) as well. The request's own
    `Host` header is never trusted: DNS rebinding controls it.
    """
    origins = {_origin(public_url)}
    if is_loopback(host):
        origins |= {f"http://{name}:{port}" for name in ("localhost", "127.0.0.1", "[::1]")}
    return frozenset(origins)


def reader_command(corpus: Path, args: argparse.Namespace) -> str:
    """The shell command textual-serve runs for each browser session.

    textual-serve hands a string to the shell, and the corpus path is not
    ours to trust: every part is quoted, and `--` ends the options so a folder
    named like an option or a sub-command is still the corpus.
    """
    argv = [sys.executable, "-m", "glossator"]
    if args.index_dir is not None:
        argv += ["--index-dir", str(Path(args.index_dir).resolve())]
    if args.annotations_dir is not None:
        argv += ["--annotations-dir", str(Path(args.annotations_dir).resolve())]
    if args.max_size is not None:
        argv += ["--max-size", str(args.max_size)]
    argv += ["--", str(corpus.resolve())]
    return shlex.join(argv)


def _listen_problem(host: str, port: int, exc: OSError) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} on {host} is in use; stop what is using it or pick another with --port"
    if exc.errno == errno.EACCES:
        return f"not allowed to listen on port {port}; pick one above 1023 with --port"
    code = exc.errno
    # aiohttp words a failed bind itself; resolver errors (negative codes) keep theirs.
    reason = os.strerror(code) if code is not None and code > 0 else (exc.strerror or str(exc))
    return f"cannot listen on {host} port {port}: {reason}; check --host"


def cmd_serve(args: argparse.Namespace, config: Any) -> int:
    """`glossator serve`: serve the reader until Ctrl+C; returns the exit status."""
    warning = bind_warning(args.host, args.allow_remote)
    corpus: Path = args.corpus
    if not corpus.is_dir():
        raise Failure(f"corpus folder {corpus} not found; pass the folder that holds your articles")
    # The same checks a reader makes at start-up, made once here, so a
    # broken setup is one line now rather than a blank page per session.
    open_index(args, corpus, config)
    try:
        from glossator.tui.serve_server import ReaderServer
    except ImportError as exc:
        raise Failure(
            f"glossator serve needs textual-serve ({exc}); "
            "install it with: pip install 'glossator[serve]'"
        ) from exc
    if warning is not None:
        error_line(warning)
    url = args.public_url or public_url_for(args.host, args.port)
    if args.public_url is None and args.host in _WILDCARDS:
        error_line(
            f"browsers must open {url}; if they know this machine by another name, "
            "pass that with --public-url"
        )
    server = ReaderServer(
        reader_command(corpus, args),
        corpus=corpus.resolve(),
        host=args.host,
        port=args.port,
        public_url=url,
        origins=allowed_origins(url, args.host, args.port),
    )
    try:
        server.serve()
    except OSError as exc:
        raise Failure(_listen_problem(args.host, args.port, exc)) from exc
    print("stopped", flush=True)
    return 0
