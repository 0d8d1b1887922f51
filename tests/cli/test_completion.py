"""`glossator completion bash|zsh|fish` and `--version`, tried in the real shells.

bash runs in a subprocess: the script is sourced, `complete -p` must name
its function, and the function is called the way bash calls it (COMP_WORDS,
COMP_CWORD). fish answers `complete -C` without a terminal. zsh completes
only at an interactive prompt, so it runs in tmux. zsh and fish are skipped
when not installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from glossator.index.labels import LABELS
from glossator.tui.cli import COMMANDS, build_parser, reader_parser

SHOW_WORDS = 'read -r -a COMP_WORDS <<< "$line"; [[ $line == *" " ]] && COMP_WORDS+=("")'


def _script(shell: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "glossator", "completion", shell],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("completion") / "glossator.bash"
    path.write_text(_script("bash"), "utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A current folder with one sub-folder and one article to complete."""
    cwd = tmp_path / "cwd"
    (cwd / "corpus").mkdir(parents=True)
    (cwd / "a.txt").write_text("x", "utf-8")
    return cwd


def bash_complete(script: Path, cwd: Path, *lines: str) -> list[list[str]]:
    """What bash offers for each command line (a trailing space: a new word)."""
    calls = "\n".join(
        f"line={_sh(line)}; {SHOW_WORDS}; COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); "
        'COMPREPLY=(); "$fn"; printf "%s\\x1f" "${COMPREPLY[@]}"; echo'
        for line in lines
    )
    program = (
        f"source {_sh(str(script))}\n"
        # The function `complete -p` says bash calls for glossator.
        "spec=$(complete -p glossator) || exit 9; fn=${spec#*-F }; fn=${fn%% *}\n" + calls
    )
    proc = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.splitlines()
    assert len(out) == len(lines), proc.stdout
    return [sorted(w for w in row.split("\x1f") if w) for row in out]


def _sh(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


def test_bash_completes_commands_options_and_values(bash_script: Path, folder: Path) -> None:
    got = bash_complete(
        bash_script,
        folder,
        "glossator ",
        "glossator se",
        "glossator export --f",
        "glossator export --format ",
        "glossator export -f j",
        "glossator show ",
        "glossator index ",
        "glossator completion ",
        "glossator note a.txt ",
        "glossator search --corpus ",
        "glossator search airstrike --li",
        "glossator --v",
        "glossator corpus ",
        "glossator span",
        "glossator note-",
        "glossator span a.txt --",
        "glossator span-edit ",
        "glossator span-edit a.txt ",
        "glossator watch --label ",
        "glossator watch --l",
    )
    assert got == [
        sorted([*COMMANDS, "corpus"]),
        ["search", "serve"],
        ["--force", "--format"],
        ["csv", "json", "jsonl", "md", "w3c"],
        ["json", "jsonl"],
        ["a.txt", "corpus"],
        ["corpus"],  # folders only
        ["bash", "fish", "zsh"],
        [],  # the note's text: nothing to offer
        ["corpus"],
        ["--limit"],
        ["--version"],
        [],
        ["span", "span-delete", "span-edit", "spans"],
        ["note-delete", "note-edit"],
        sorted(o for a in _subcommands()["span"]._actions for o in a.option_strings if o[1] == "-"),
        ["a.txt", "corpus"],  # the article
        [],  # the span's id: nothing to offer
        sorted(LABELS),
        ["--label", "--list"],
    ]
    assert {"--start", "--end", "--text", "--occurrence", "--label", "--comment"} <= set(got[-5])


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_bash_offers_every_option_the_parsers_have(bash_script: Path, folder: Path) -> None:
    """The script is made from the parsers, so it cannot fall behind them."""
    parsers = {"": reader_parser(), **_subcommands()}
    lines = [f"glossator {name} -".replace("  ", " ") for name in parsers]
    for (name, parser), offered in zip(
        parsers.items(), bash_complete(bash_script, folder, *lines), strict=True
    ):
        wanted = sorted(o for a in parser._actions for o in a.option_strings)
        assert offered == wanted, name
    assert set(_subcommands()) == set(COMMANDS)


def test_version_is_the_installed_package_version() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "glossator", "--version"], capture_output=True, text=True
    )
    assert proc.returncode == 0
    assert proc.stdout.strip() == f"glossator {version('glossator')}"


def test_an_unknown_shell_is_a_usage_error() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "glossator", "completion", "tcsh"], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "choose from 'bash', 'zsh', 'fish'" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_commands_options_and_values(folder: Path) -> None:
    script = folder.parent / "glossator.fish"
    script.write_text(_script("fish"), "utf-8")
    assert subprocess.run(["fish", "-n", str(script)], timeout=30).returncode == 0

    def offered(line: str) -> list[str]:
        proc = subprocess.run(
            ["fish", "--no-config", "-c", f"source {_sh(str(script))}; complete -C {_sh(line)}"],
            capture_output=True,
            text=True,
            cwd=folder,
            timeout=30,
        )
        assert proc.returncode == 0, proc.stderr
        return sorted(row.split("\t")[0] for row in proc.stdout.splitlines())

    assert offered("glossator ") == sorted([*COMMANDS, "corpus/"])
    assert offered("glossator exp") == ["export"]
    assert offered("glossator export --format ") == ["csv", "json", "jsonl", "md", "w3c"]
    assert offered("glossator search --li") == ["--limit"]
    assert offered("glossator index ") == ["corpus/"]
    assert offered("glossator show ") == ["a.txt", "corpus/"]
    assert offered("glossator completion ") == ["bash", "fish", "zsh"]
    assert offered("glossator span") == ["span", "span-delete", "span-edit", "spans"]
    assert offered("glossator watch --label ") == sorted(LABELS)


@pytest.mark.skipif(
    shutil.which("zsh") is None or shutil.which("tmux") is None,
    reason="zsh and tmux are needed (zsh completes only at a prompt)",
)
def test_zsh_completes_at_a_real_prompt(folder: Path) -> None:
    from tmux_driver import Tmux

    functions = folder.parent / "zfunc"
    functions.mkdir()
    script = functions / "_glossator"  # installed as docs/cli.md says: a file on $fpath
    script.write_text(_script("zsh"), "utf-8")
    assert subprocess.run(["zsh", "-n", str(script)], timeout=30).returncode == 0
    tmux = Tmux("zsh-completion")
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(folder), "TERM": "xterm"}
    tmux.start(["zsh", "-f"], cwd=folder, env=env)
    try:
        tmux.keys("PS1='ready> '", "Enter")
        tmux.wait_for("ready>")
        tmux.keys(f"fpath=({functions} $fpath); autoload -U compinit && compinit -u -D", "Enter")
        tmux.keys("echo loaded-$+functions[_glossator]", "Enter")
        tmux.wait_for("loaded-1")
        tmux.keys("glossator exp", "Tab")
        tmux.wait_for("ready> glossator export")
        tmux.type("--format ")  # literally: send-keys would read it as an option
        tmux.keys("Tab")
        screen = tmux.wait_for("jsonl")
        assert all(word in screen for word in ("csv", "json", "md", "w3c"))
        tmux.keys("C-u", "glossator ind", "Tab")
        tmux.wait_for("ready> glossator index")
    finally:
        tmux.kill()
