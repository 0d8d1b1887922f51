"""Run the `glossator` command in the test's own process.

A new interpreter pays 0.3-1 s of imports before the command starts, and some
tests run a dozen steps. `in_process` calls the same `main` the console script
calls, with what a child process would have: the arguments, `cwd` as the
current folder, `env` added to the environment, and stdout and stderr that are
UTF-8 pipes rather than a terminal. Tests that are about the process itself
(start-up, signals, concurrency, the installed script) start the real command.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path


def in_process(
    args: Sequence[str], *, cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """`glossator ARGS` here: its exit status and the bytes it wrote."""
    from glossator.tui.cli import main

    env = dict(env or {})
    out, err = io.BytesIO(), io.BytesIO()
    streams = sys.stdout, sys.stderr
    saved_env = {k: os.environ.get(k) for k in env}
    saved_cwd = os.getcwd()
    try:
        os.environ.update(env)
        if cwd is not None:
            os.chdir(cwd)
        # Kept in locals: a wrapper that is collected closes its buffer.
        text_out = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
        text_err = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
        sys.stdout, sys.stderr = text_out, text_err
        try:
            status = main(list(args))
        except SystemExit as exc:  # --help, --version
            code = exc.code
            status = code if isinstance(code, int) else 0 if code is None else 1
        text_out.flush()
        text_err.flush()
    finally:
        sys.stdout, sys.stderr = streams
        os.chdir(saved_cwd)
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return subprocess.CompletedProcess(["glossator", *args], status, out.getvalue(), err.getvalue())
