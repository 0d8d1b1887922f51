"""`glossator serve` without a browser: binding, the reader's command line, origins, errors."""

from __future__ import annotations

import argparse
import asyncio
import io
import shlex
import socket
import subprocess
import sys
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from serve_driver import (
    GLOSSATOR,
    Served,
    alive,
    descendants,
    needs_glossator,
    run_glossator,
    wait_until,
)

from glossator.tui.cli import main
from glossator.tui.cli_context import UsageError
from glossator.tui.serve import (
    allowed_origins,
    bind_warning,
    is_loopback,
    public_url_for,
    reader_command,
)

#: A folder name that runs commands if any part of it reaches a shell unquoted.
HOSTILE = "seeds $(touch PWNED) ; 'q\" `touch PWNED2` -- index"


def _options(**given: object) -> argparse.Namespace:
    values: dict[str, object] = {"index_dir": None, "annotations_dir": None, "max_size": None}
    values.update(given)
    return argparse.Namespace(**values)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.10", False),
        ("reader.example.org", False),
    ],
)
def test_only_loopback_addresses_count_as_local(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_remote_address_needs_allow_remote_and_then_warns() -> None:
    assert bind_warning("127.0.0.1", allow_remote=False) is None
    with pytest.raises(UsageError, match="--allow-remote"):
        bind_warning("0.0.0.0", allow_remote=False)
    warning = bind_warning("0.0.0.0", allow_remote=True)
    assert warning is not None and "no authentication" in warning


def test_urls_bracket_ipv6_and_name_the_machine_for_every_interface() -> None:
    assert public_url_for("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert public_url_for("::1", 8001) == "http://[::1]:8001"
    name = public_url_for("0.0.0.0", 8000).removeprefix("http://").removesuffix(":8000")
    assert name in (socket.getfqdn(), socket.gethostname()) and not is_loopback(name)


def test_allowed_origins_are_the_public_url_and_the_loopback_names() -> None:
    local = allowed_origins("http://127.0.0.1:8000", "127.0.0.1", 8000)
    assert local == {"http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"}
    proxied = allowed_origins("https://Reader.Example.org/glossator", "127.0.0.1", 8000)
    assert "https://reader.example.org" in proxied
    remote = allowed_origins("http://box:8000", "0.0.0.0", 8000)
    assert remote == {"http://box:8000"}


def test_the_reader_command_quotes_every_part(tmp_path: Path) -> None:
    corpus = tmp_path / HOSTILE
    options = _options(
        index_dir=tmp_path / "ix $(x)", annotations_dir=tmp_path / "ann;rm", max_size=2.5
    )
    command = reader_command(corpus, options)
    assert shlex.split(command) == [
        sys.executable,
        "-m",
        "glossator",
        "--index-dir",
        str((tmp_path / "ix $(x)").resolve()),
        "--annotations-dir",
        str((tmp_path / "ann;rm").resolve()),
        "--max-size",
        "2.5",
        "--",
        str(corpus.resolve()),
    ]


def test_a_shell_runs_the_reader_command_without_running_the_folder_name(tmp_path: Path) -> None:
    # The folder does not exist, so the reader stops at once, naming it whole.
    command = reader_command(tmp_path / HOSTILE, _options())
    done = subprocess.run(
        command, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert HOSTILE in done.stderr and "not found" in done.stderr
    assert not list(tmp_path.glob("PWNED*"))


def test_what_the_readers_print_reaches_the_terminal_inert() -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    from glossator.tui.serve_server import InertStream

    out = io.StringIO()
    print("Traceback: \x1b]52;c;cm0gLXJmIH4=\x07 \x1b[2J", file=InertStream(out))
    assert out.getvalue() == "Traceback: ␛]52;c;cm0gLXJmIH4=␇ ␛[2J\n"


@pytest.mark.e2e
@needs_glossator
def test_a_remote_bind_without_the_flag_is_refused_and_nothing_listens(
    seeds: Path, tmp_path: Path
) -> None:
    served = Served(seeds, tmp_path, "--host", "0.0.0.0")
    try:
        assert served.proc.wait(timeout=60) == 2
    finally:
        served.kill()
    lines = served.errors().splitlines()
    assert len(lines) == 1 and "--allow-remote" in lines[0] and "no authentication" in lines[0]
    assert served.output() == ""
    with (
        pytest.raises(ConnectionRefusedError),
        socket.create_connection(("127.0.0.1", served.port), timeout=5),
    ):
        pass


@pytest.mark.e2e
@needs_glossator
def test_a_missing_corpus_is_one_line(tmp_path: Path) -> None:
    done = run_glossator(["serve", str(tmp_path / "nowhere")], tmp_path)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "not found" in done.stderr


@pytest.mark.e2e
@needs_glossator
def test_a_port_in_use_is_one_line(seeds: Path, tmp_path: Path) -> None:
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run_glossator(["serve", str(seeds), "--port", str(port)], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        f"glossator: port {port} on 127.0.0.1 is in use; "
        "stop what is using it or pick another with --port\n"
    )
    assert "glossator serve:" not in done.stdout  # no URL for a server that is not there


def test_without_textual_serve_the_command_says_what_to_install(
    seeds: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    monkeypatch.delitem(sys.modules, "glossator.tui.serve_server", raising=False)
    assert main(["serve", str(seeds)]) == 1
    assert "pip install 'glossator[serve]'" in capsys.readouterr().err


async def _handshake(
    url: str, origin: str | None = None, then: Callable[[Any], Awaitable[None]] | None = None
) -> int:
    """Open a reader session as a browser would: 101 when it opened (after `then(ws)`)."""
    import aiohttp

    headers = {} if origin is None else {"Origin": origin}
    async with aiohttp.ClientSession() as http:
        try:
            async with http.ws_connect(f"{url}/ws?width=80&height=24", headers=headers) as ws:
                if then is not None:
                    await then(ws)
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as exc:
            return exc.status


@pytest.fixture
def served(seeds: Path, tmp_path: Path) -> Iterator[Served]:
    """`glossator serve` on a copy of seeds/, listening."""
    if not GLOSSATOR.exists():
        pytest.skip("glossator is not installed in this env")
    pytest.importorskip("textual_serve", reason="textual-serve is not installed")
    server = Served(seeds, tmp_path)
    try:
        server.wait_for_url()
        yield server
    finally:
        server.kill()


@pytest.mark.e2e
def test_only_pages_from_the_server_itself_may_start_a_reader(served: Served) -> None:
    url = served.url
    assert url == f"http://127.0.0.1:{served.port}"
    assert asyncio.run(_handshake(url, "http://evil.example")) == 403
    # DNS rebinding: the attacker's name, pointed at 127.0.0.1, on our port.
    assert asyncio.run(_handshake(url, f"http://evil.example:{served.port}")) == 403
    wait_until(lambda: "refused a session" in served.errors(), "the refusal in the log")
    assert asyncio.run(_handshake(url, f"http://localhost:{served.port}")) == 101
    assert served.ctrl_c() == 0
    assert served.output().splitlines()[-1] == "stopped"


@pytest.mark.e2e
def test_ctrl_c_stops_the_server_and_its_readers(served: Served) -> None:
    readers: set[int] = set()

    async def ctrl_c_mid_session(ws: Any) -> None:
        # The reader is up once it draws something.
        await asyncio.wait_for(ws.receive_bytes(), timeout=60)
        readers.update(descendants(served.proc.pid))
        assert served.ctrl_c() == 0

    assert asyncio.run(_handshake(served.url, then=ctrl_c_mid_session)) == 101
    assert readers, "the session started no reader"
    wait_until(lambda: not any(alive(p) for p in readers), "the readers to end")
