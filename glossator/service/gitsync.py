"""Sharing annotations through git: `glossator sync --init` and `glossator sync`.

The annotations folder (the corpus, or ``--annotations-dir``) is, or sits in,
a git repository. `init_sync` registers the sidecar merge driver
(``glossator merge-sidecar``) in the repository config and in
``.gitattributes``; `sync` commits the changed sidecars (nothing else) as
the analyst, fetches, merges through that driver and pushes.

git runs through `glossator.service.gitrun.Git`: an argument list, never a
shell, a timeout, no terminal prompts. Every failure is a `SyncError` with a
one-line message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from glossator.annotations.errors import SidecarError
from glossator.annotations.sidecar_file import parse_sidecar, read_sidecar_file
from glossator.service.gitrun import (
    ATTRIBUTES,
    DEFAULT_BRANCH,
    DRIVER,
    Git,
    SyncError,
    driver_command,
    identity,
    is_sidecar_path,
    last_line,
)

__all__ = ["InitReport", "SyncError", "SyncReport", "init_sync", "sync"]


@dataclass
class InitReport:
    """What `init_sync` did."""

    repository: Path
    created: bool = False
    """A new repository was made (the folder was not in one)."""
    messages: list[str] = field(default_factory=list)


@dataclass
class SyncReport:
    """What one `sync` did."""

    repository: Path
    remote: str
    branch: str
    committed: int = 0
    """Sidecars of this machine committed."""
    incoming: list[str] = field(default_factory=list)
    """Article ids whose annotations the other machines changed."""
    marked: int = 0
    """Notes and spans newly marked for review by what came in."""
    pushed: bool = False
    held_back: list[str] = field(default_factory=list)
    """One line per changed sidecar not sent because it does not read."""


# -- set up# -- set up --------------------------------------------------------------------------


def init_sync(
    folder: Path, author: str, remote: str | None = None, executable: str | None = None
) -> InitReport:
    """Make ``folder`` ready to sync: a repository (created if needed), the merge
    driver in its config, ``.gitattributes`` committed (as ``author``), and
    ``remote`` as ``origin``. Safe to run again."""
    if not folder.is_dir():
        raise SyncError(f"folder {folder} not found; pass the corpus or annotations folder")
    git = Git(folder)
    report = InitReport(folder.resolve())
    if not git.ok("rev-parse", "--is-inside-work-tree"):
        git.run("init", "-q", "-b", DEFAULT_BRANCH)
        report.created = True
        report.messages.append(f"created a git repository in {report.repository}")
    top = Path(git.out("rev-parse", "--show-toplevel"))
    report.repository = top
    if remote is not None:
        _add_remote(git, remote, report)
    git.run("config", f"merge.{DRIVER}.name", "glossator sidecar merge")
    driver = driver_command(executable)
    if git.config(f"merge.{DRIVER}.driver") != driver:
        git.run("config", f"merge.{DRIVER}.driver", driver)
        report.messages.append(f"merge driver set in {top / '.git' / 'config'}")
    _write_attributes(git, folder, report, author)
    return report


def _add_remote(git: Git, remote: str, report: InitReport) -> None:
    if remote.startswith("-"):
        raise SyncError(f"remote {remote!r} is not a URL or path; give the repository to push to")
    current = git.config("remote.origin.url")
    if current == remote:
        return
    if current:
        raise SyncError(
            f"remote origin already points to {current}; "
            f"change it with: git remote set-url origin {remote}"
        )
    git.run("remote", "add", "origin", remote)
    report.messages.append(f"remote origin: {remote}")
    if git.ok("rev-parse", "--verify", "-q", "HEAD"):
        return
    # A new repository takes the branch name the team's remote already uses.
    heads = git.run("ls-remote", "--symref", "origin", "HEAD", check=False, network=True)
    found = re.search(r"^ref: refs/heads/(\S+)\s+HEAD", heads.stdout, re.MULTILINE)
    if found:
        git.run("symbolic-ref", "HEAD", f"refs/heads/{found.group(1)}")


def _write_attributes(git: Git, folder: Path, report: InitReport, author: str) -> None:
    path = folder / ".gitattributes"
    try:
        old = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise SyncError(f"cannot read {path}: {exc}; fix or remove it") from None
    missing = [line for line in ATTRIBUTES if line not in old.splitlines()]
    if missing:
        lead = "" if not old or old.endswith("\n") else "\n"
        text = old + lead + "# glossator sidecars merge with glossator merge-sidecar\n"
        try:
            path.write_text(text + "\n".join(missing) + "\n", encoding="utf-8")
        except OSError as exc:
            raise SyncError(f"cannot write {path}: {exc.strerror}") from None
        report.messages.append(f"{path.name}: sidecars merge with glossator")
    if git.out("status", "--porcelain", "--", path.name):
        # Committed, so every clone gets it with the sidecars.
        git.run("add", "--", path.name)
        git.run(
            "commit",
            "-q",
            "-m",
            "glossator: merge sidecars with glossator merge-sidecar",
            "--",
            path.name,
            env=identity(git, author),
        )


# -- sync ------------------------------------------------------------------------------


def sync(folder: Path, author: str) -> SyncReport:
    """Commit this machine's sidecar changes as ``author``, merge the remote's, push."""
    git = Git(folder)
    if not folder.is_dir() or not git.ok("rev-parse", "--is-inside-work-tree"):
        raise SyncError(
            f"{folder} is not in a git repository; run glossator sync --init [REMOTE] first"
        )
    top = Path(git.out("rev-parse", "--show-toplevel"))
    if git.config(f"merge.{DRIVER}.driver") == "" or not _attributes_apply(git):
        raise SyncError(
            "the sidecar merge driver is not set up here; run glossator sync --init first"
        )
    if git.ok("rev-parse", "--verify", "-q", "MERGE_HEAD"):
        raise SyncError(f"a merge is unfinished in {top}; finish it or run: git merge --abort")
    branch = git.run("symbolic-ref", "--short", "-q", "HEAD", check=False).stdout.strip()
    if not branch:
        raise SyncError(f"{top} is not on a branch; run: git switch {DEFAULT_BRANCH}")
    remote = _remote(git, branch)
    report = SyncReport(top, remote, branch)
    ident = identity(git, author)
    report.committed = _commit(git, author, ident, report)
    git.run("fetch", "-q", remote, network=True)
    theirs = f"refs/remotes/{remote}/{branch}"
    if git.ok("rev-parse", "--verify", "-q", theirs):
        _merge(git, report, theirs, ident)
    has_head = git.ok("rev-parse", "--verify", "-q", "HEAD")
    ahead = has_head and (
        not git.ok("rev-parse", "--verify", "-q", theirs)
        or git.out("rev-list", "--count", f"{theirs}..HEAD") != "0"
    )
    if ahead:
        _push(git, remote, branch)
        report.pushed = True
    return report


def _attributes_apply(git: Git) -> bool:
    probe = git.out("check-attr", "merge", "--", "probe.txt.yaml")
    return probe.endswith(f": {DRIVER}")


def _remote(git: Git, branch: str) -> str:
    upstream = git.config(f"branch.{branch}.remote")
    if upstream:
        return upstream
    remotes = git.out("remote").split()
    if "origin" in remotes:
        return "origin"
    if len(remotes) == 1:
        return remotes[0]
    raise SyncError(
        "no remote to sync with; add one with: glossator sync --init URL"
        if not remotes
        else f"several remotes ({', '.join(remotes)}); set one with: "
        f"git branch --set-upstream-to REMOTE/{branch}"
    )


def _changed_sidecars(git: Git) -> list[str]:
    status = git.run("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".").stdout
    fields = status.split("\0")
    prefix = git.out("rev-parse", "--show-prefix")
    paths: list[str] = []
    skip = False
    for entry in fields:
        if skip or len(entry) < 4:
            skip = False
            continue
        code, path = entry[:2], entry[3:]
        skip = code[0] in "RC"  # the next field is the old name
        rel = path[len(prefix) :] if path.startswith(prefix) else path
        if is_sidecar_path(rel):
            paths.append(rel)
    return paths


def _readable(git: Git, paths: list[str], report: SyncReport) -> list[str]:
    """The paths whose sidecars read (or are deleted); the others go in ``report.held_back``."""
    good: list[str] = []
    for rel in paths:
        try:
            raw = read_sidecar_file(git.folder / rel, Path(rel))
            if raw is not None:
                parse_sidecar(raw, Path(rel))
        except SidecarError as exc:
            report.held_back.append(str(exc))
            continue
        good.append(rel)
    return good


def _commit(git: Git, author: str, ident: dict[str, str], report: SyncReport) -> int:
    # A sidecar that does not read is not sent: it would stop every other
    # analyst's merge of that article.
    paths = _readable(git, _changed_sidecars(git), report)
    if not paths:
        return 0
    listing = "\0".join(paths) + "\0"
    git.run("add", "-A", "--pathspec-from-file=-", "--pathspec-file-nul", stdin=listing)
    count = len(paths)
    message = f"glossator sync: {author}'s annotations ({count} sidecar{'s' * (count != 1)})"
    git.run(
        "commit",
        "-q",
        "-m",
        message,
        "--pathspec-from-file=-",
        "--pathspec-file-nul",
        stdin=listing,
        env=ident,
    )
    return count


def _merge(git: Git, report: SyncReport, theirs: str, ident: dict[str, str]) -> None:
    old = git.run("rev-parse", "--verify", "-q", "HEAD", check=False).stdout.strip()
    if old and git.ok("merge-base", "--is-ancestor", theirs, "HEAD"):
        return  # nothing new
    proc = git.run(
        "merge",
        "-q",
        "--no-edit",
        "--allow-unrelated-histories",
        "-m",
        f"glossator sync: merge annotations from {report.remote}",
        theirs,
        check=False,
        env=ident,
    )
    if proc.returncode != 0 and not _keep_edited_sidecars(git, ident):
        conflicted = git.run("diff", "--name-only", "--diff-filter=U", check=False).stdout.split()
        git.run("merge", "--abort", check=False)
        where = f" in {', '.join(conflicted[:3])}" if conflicted else ""
        raise SyncError(
            f"could not merge {report.remote}/{report.branch}{where} "
            f"({last_line(proc.stderr or proc.stdout)}); nothing was changed here, "
            "your annotations are committed locally"
        )
    _incoming(git, report, old)


def _keep_edited_sidecars(git: Git, ident: dict[str, str]) -> bool:
    """Finish a merge whose only conflicts are sidecars deleted on one side and
    edited on the other, keeping the edited file (as the driver keeps an edited
    record); False, changing nothing, when any other conflict is left."""
    status = git.run("status", "--porcelain=v1", "-z", "--", ".").stdout.split("\0")
    prefix = git.out("rev-parse", "--show-prefix")
    keep: list[str] = []
    for entry in filter(None, status):
        code, path = entry[:2], entry[3:]
        unmerged = "U" in code or code in ("AA", "DD")
        if not unmerged:
            continue
        rel = path[len(prefix) :] if path.startswith(prefix) else ""
        if code not in ("UD", "DU") or not is_sidecar_path(rel):
            return False
        keep.append(rel)
    if not keep:
        return False
    git.run("add", "--pathspec-from-file=-", "--pathspec-file-nul", stdin="\0".join(keep) + "\0")
    git.run("commit", "-q", "--no-edit", env=ident)
    return True


def _incoming(git: Git, report: SyncReport, old: str) -> None:
    if old:
        names = git.out("diff", "--name-only", "-z", "--relative", old, "HEAD", "--", ".")
    else:
        names = git.out("ls-tree", "-r", "--name-only", "-z", "HEAD", "--", ".")
        prefix = git.out("rev-parse", "--show-prefix")
        names = "\0".join(n[len(prefix) :] for n in names.split("\0") if n.startswith(prefix))
    for rel in filter(is_sidecar_path, names.split("\0")):
        report.incoming.append(rel[: -len(".yaml")])
        now = _in_review(git, f"HEAD:./{rel}")
        before = _in_review(git, f"{old}:./{rel}") if old else set()
        report.marked += len(now - before)


def _in_review(git: Git, blob: str) -> set[str]:
    proc = git.run("cat-file", "blob", blob, check=False)
    if proc.returncode != 0:
        return set()
    try:
        sidecar = parse_sidecar(proc.stdout.encode("utf-8"), Path(blob))
    except SidecarError:
        return set()
    return {r.id for r in sidecar.in_review()}


def _push(git: Git, remote: str, branch: str) -> None:
    upstream = [] if git.config(f"branch.{branch}.remote") else ["-u"]
    proc = git.run(
        "push", "-q", *upstream, remote, f"HEAD:refs/heads/{branch}", check=False, network=True
    )
    if proc.returncode == 0:
        return
    why = proc.stderr
    if "non-fast-forward" in why or "fetch first" in why or "[rejected]" in why:
        raise SyncError(
            f"{remote} refused the push: someone synced meanwhile; run glossator sync again"
        )
    raise SyncError(f"could not push to {remote}: {last_line(why)}")
