"""git as glossator's sync runs it: one folder, a subprocess with an argument
list (never a shell), a timeout, no terminal prompts (``GIT_TERMINAL_PROMPT=0``,
ssh in batch mode) and literal pathspecs; failures as one-line `SyncError`s.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

__all__ = [
    "ATTRIBUTES",
    "DEFAULT_BRANCH",
    "DRIVER",
    "Git",
    "SyncError",
    "driver_command",
    "identity",
    "is_sidecar_path",
    "last_line",
]

#: The merge driver's name in ``.gitattributes`` and the git config.
DRIVER = "glossator"
#: The ``.gitattributes`` lines that send sidecars to the driver (article
#: suffixes match in any case, as the corpus does).
ATTRIBUTES = (
    f"*.[tT][xX][tT].yaml merge={DRIVER}",
    f"*.[mM][dD].yaml merge={DRIVER}",
)
_SIDECAR = re.compile(r"\.(txt|md)\.yaml\Z", re.IGNORECASE)
_LOCAL_TIMEOUT = 60
_NETWORK_TIMEOUT = 180
DEFAULT_BRANCH = "main"


class SyncError(Exception):
    """git could not do what sync needed; the message is one line saying what to do."""


def is_sidecar_path(path: str) -> bool:
    """True for a sidecar's path relative to the annotations folder (no hidden folders)."""
    parts = PurePosixPath(path).parts
    return bool(_SIDECAR.search(path)) and not any(p.startswith(".") for p in parts)


def driver_command(executable: str | None = None) -> str:
    """The driver line for the git config: this glossator, shell-quoted, with
    git's placeholders for the three versions and the path."""
    exe = shlex.quote(executable or sys.executable)
    return f"{exe} -m glossator merge-sidecar %O %A %B --path %P"


class Git:
    """git in one folder, with the environment that keeps it from waiting on anyone."""

    def __init__(self, folder: Path) -> None:
        if shutil.which("git") is None:
            raise SyncError("git is not installed; install it (e.g. apt-get install git)")
        self.folder = folder
        self.env = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_LITERAL_PATHSPECS="1")
        self.env.setdefault("GIT_SSH_COMMAND", "ssh -o BatchMode=yes")
        self.env.pop("GIT_DIR", None)
        self.env.pop("GIT_WORK_TREE", None)

    def run(
        self,
        *args: str,
        check: bool = True,
        stdin: str | None = None,
        network: bool = False,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[str]:
        timeout = _NETWORK_TIMEOUT if network else _LOCAL_TIMEOUT
        try:
            proc = subprocess.run(
                ["git", *args],
                cwd=self.folder,
                env={**self.env, **(env or {})},
                input=stdin,
                stdin=None if stdin is not None else subprocess.DEVNULL,
                capture_output=True,
                text=True,
                errors="replace",
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise SyncError(
                f"git {args[0]} gave no answer in {timeout} s; check the network and try again"
            ) from None
        except OSError as exc:
            raise SyncError(f"cannot run git: {exc.strerror or exc}") from None
        if check and proc.returncode != 0:
            raise SyncError(f"git {args[0]} failed: {last_line(proc.stderr or proc.stdout)}")
        return proc

    def out(self, *args: str) -> str:
        """stdout of a command that must succeed, stripped."""
        return self.run(*args).stdout.strip()

    def ok(self, *args: str) -> bool:
        return self.run(*args, check=False).returncode == 0

    def config(self, key: str) -> str:
        return self.run("config", "--get", key, check=False).stdout.strip()


def last_line(text: str) -> str:
    """The line of git's output that says what went wrong (``fatal:``/``error:`` first)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for prefix in ("fatal:", "error:", "! "):
        hits = [line for line in lines if line.startswith(prefix)]
        if hits:
            return hits[0]
    return lines[-1] if lines else "no message"


def identity(git: Git, author: str) -> dict[str, str]:
    """The environment that makes ``author`` the author of a commit or merge."""
    # The analyst is the author; the committer is git's own identity, or the
    # analyst where this machine has none configured.
    name = " ".join(author.split()) or "unknown"
    email = git.config("user.email")
    env = {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email}
    if not git.config("user.name"):
        env |= {"GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email}
    return env
