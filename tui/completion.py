"""Shell completion for `glossator`: bash, zsh and fish scripts made from its parsers.

The scripts are written from the argparse parsers themselves (every
sub-command, option, choice and positional argument), so a new option
completes as soon as it is added. What an argument completes to follows
from the parser: `choices` complete to those words, `--corpus`, `*-dir`
options and the reader's corpus to folders, other paths and `article` to
files, anything else (a query, a note) to nothing.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SHELLS", "completion_script"]

SHELLS = ("bash", "zsh", "fish")


@dataclass(frozen=True, slots=True)
class _Arg:
    """An option or a positional argument, and what its value completes to."""

    flags: tuple[str, ...]
    """Option strings; empty for a positional."""
    name: str
    help: str
    kind: str
    """`flag` (no value), `dir`, `file`, `words` (see `choices`) or `value` (free text)."""
    choices: tuple[str, ...] = ()
    optional: bool = False
    """A positional that may be left out."""


@dataclass(frozen=True, slots=True)
class _Command:
    name: str
    """The sub-command; empty for the reader (`glossator [CORPUS]`)."""
    help: str
    options: tuple[_Arg, ...]
    positionals: tuple[_Arg, ...]


def _kind(action: argparse.Action) -> str:
    if action.nargs == 0:
        return "flag"
    if action.choices:
        return "words"
    if action.dest == "corpus" or action.dest.endswith("_dir"):
        return "dir"
    if action.type is Path or action.dest == "article":
        return "file"
    return "value"


def _args(parser: argparse.ArgumentParser) -> tuple[tuple[_Arg, ...], tuple[_Arg, ...]]:
    options: list[_Arg] = []
    positionals: list[_Arg] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        arg = _Arg(
            flags=tuple(action.option_strings),
            name=action.dest,
            help=" ".join((action.help or "").split()),
            kind=_kind(action),
            choices=tuple(str(c) for c in action.choices or ()),
            optional=action.nargs in ("?", "*"),
        )
        (options if action.option_strings else positionals).append(arg)
    return tuple(options), tuple(positionals)


def _commands(reader: argparse.ArgumentParser, commands: argparse.ArgumentParser) -> list[_Command]:
    options, positionals = _args(reader)
    out = [_Command("", reader.description or "", options, positionals)]
    sub = next(a for a in commands._actions if isinstance(a, argparse._SubParsersAction))
    helps = {choice.dest: choice.help or "" for choice in sub._choices_actions}
    for name, parser in sub.choices.items():
        options, positionals = _args(parser)
        out.append(_Command(name, helps.get(name, ""), options, positionals))
    return out


def completion_script(
    shell: str, reader: argparse.ArgumentParser, commands: argparse.ArgumentParser
) -> str:
    """The completion script for `shell` (one of `SHELLS`)."""
    spec = _commands(reader, commands)
    return {"bash": _bash, "zsh": _zsh, "fish": _fish}[shell](spec)


# -- bash -------------------------------------------------------------------


def _bash_kind(arg: _Arg) -> str:
    return f"words:{'|'.join(arg.choices)}" if arg.kind == "words" else arg.kind


def _bash(spec: list[_Command]) -> str:
    names = " ".join(c.name for c in spec if c.name)
    branches: list[str] = []
    values: list[str] = []
    # The reader's branch is `*)`, so it goes last.
    for cmd in [*spec[1:], spec[0]]:
        flags = " ".join(f for o in cmd.options for f in o.flags)
        valued = " ".join(f for o in cmd.options if o.kind != "flag" for f in o.flags)
        kinds = " ".join(_bash_kind(p) for p in cmd.positionals) or "value"
        if not cmd.name:
            kinds = "command " + " ".join(_bash_kind(p) for p in cmd.positionals[1:])
        settings = f"opts='{flags}'; valued='{valued}'; kinds='{kinds.strip()}'"
        branches.append(f"        {cmd.name or '*'}) {settings} ;;")
        for o in cmd.options:
            if o.kind != "flag":
                patterns = "|".join(f'"{cmd.name or "*"} {f}"' for f in o.flags)
                values.append(f"        {patterns}) _glossator_kind '{_bash_kind(o)}' ;;")
    return f"""\
# bash completion for glossator; made by `glossator completion bash`.
_glossator_kind() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} words
    case $1 in
        command) words='{names}'
            mapfile -t COMPREPLY < <(compgen -W "$words" -- "$cur")
            local dirs; mapfile -t dirs < <(compgen -d -- "$cur")
            COMPREPLY+=("${{dirs[@]}}"); compopt -o filenames 2>/dev/null ;;
        dir) mapfile -t COMPREPLY < <(compgen -d -- "$cur"); compopt -o filenames 2>/dev/null ;;
        file) mapfile -t COMPREPLY < <(compgen -f -- "$cur"); compopt -o filenames 2>/dev/null ;;
        words:*) words=${{1#words:}}
            mapfile -t COMPREPLY < <(compgen -W "${{words//|/ }}" -- "$cur") ;;
        *) COMPREPLY=() ;;
    esac
}}

_glossator() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}
    local cmd="" first=1 opts valued kinds
    if (( COMP_CWORD > 1 )); then
        case " {names} " in
            *" ${{COMP_WORDS[1]}} "*) cmd=${{COMP_WORDS[1]}}; first=2 ;;
        esac
    fi
    case $cmd in
{chr(10).join(branches)}
    esac
    if (( COMP_CWORD > first )) && [[ " $valued " == *" $prev "* ]]; then
        case "${{cmd:-*}} $prev" in
{chr(10).join(values)}
        esac
        return
    fi
    if [[ $cur == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$opts" -- "$cur")
        return
    fi
    local i n=0 word
    for (( i = first; i < COMP_CWORD; i++ )); do
        word=${{COMP_WORDS[i]}}
        if [[ $word == -* ]]; then
            [[ " $valued " == *" $word "* ]] && (( i++ ))
            continue
        fi
        (( n++ ))
    done
    local -a each
    read -r -a each <<< "$kinds"
    (( n < ${{#each[@]}} )) && _glossator_kind "${{each[n]}}"
}}

complete -F _glossator glossator
"""


# -- zsh --------------------------------------------------------------------


def _zq(text: str) -> str:
    """`text` single-quoted for zsh."""
    return "'" + text.replace("'", "'\\''") + "'"


def _zdesc(text: str) -> str:
    """A description for `_arguments`: brackets and colons escaped."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")


def _zaction(arg: _Arg) -> str:
    if arg.kind == "dir":
        return "_files -/"
    if arg.kind == "file":
        return "_files"
    if arg.kind == "words":
        return "(" + " ".join(arg.choices) + ")"
    return " "


def _zsh_specs(cmd: _Command) -> list[str]:
    specs: list[str] = []
    for o in cmd.options:
        desc = f"[{_zdesc(o.help)}]"
        value = "" if o.kind == "flag" else f":{o.name}:{_zaction(o)}"
        if len(o.flags) > 1:
            group = "(" + " ".join(o.flags) + ")"
            specs.append(_zq(group) + "{" + ",".join(o.flags) + "}" + _zq(desc + value))
        else:
            specs.append(_zq(o.flags[0] + desc + value))
    for i, p in enumerate(cmd.positionals, 1):
        if not cmd.name and i == 1:
            specs.append(_zq("1:: :_glossator_first"))
            continue
        colons = "::" if p.optional else ":"
        specs.append(_zq(f"{i}{colons}{p.name}:{_zaction(p)}"))
    return specs


def _zsh(spec: list[_Command]) -> str:
    functions: list[str] = []
    for cmd in spec:
        body = " \\\n    ".join(["_arguments -s", *_zsh_specs(cmd)])
        functions.append(f"_glossator_{cmd.name or 'reader'}() {{\n  {body}\n}}\n")
    entries = "\n    ".join(_zq(f"{c.name}:{c.help}") for c in spec if c.name)
    return f"""\
#compdef glossator
# zsh completion for glossator; made by `glossator completion zsh`.

_glossator_commands=(
    {entries}
)

_glossator_first() {{
  _describe -t commands 'glossator command' _glossator_commands
  _files -/
}}

{chr(10).join(functions)}
_glossator() {{
  if (( CURRENT > 2 )) && (( ${{_glossator_commands[(I)${{words[2]}}:*]}} )); then
    local cmd=${{words[2]}}
    shift words
    (( CURRENT-- ))
    _glossator_$cmd
  else
    _glossator_reader
  fi
}}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _glossator "$@"
else
  compdef _glossator glossator
fi
"""


# -- fish -------------------------------------------------------------------


def _fq(text: str) -> str:
    """`text` single-quoted for fish."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish_value(arg: _Arg) -> str:
    if arg.kind == "dir":
        return "-x -a '(__fish_complete_directories (commandline -ct))'"
    if arg.kind == "file":
        return "-r -F"
    if arg.kind == "words":
        return "-x -a " + _fq(" ".join(arg.choices))
    return "-x"


def _fish(spec: list[_Command]) -> str:
    names = " ".join(c.name for c in spec if c.name)
    lines = [
        "# fish completion for glossator; made by `glossator completion fish`.",
        "complete -c glossator -f",
    ]
    for cmd in spec:
        cond = (
            f"__fish_seen_subcommand_from {cmd.name}"
            if cmd.name
            else f"not __fish_seen_subcommand_from {names}"
        )
        head = f"complete -c glossator -n {_fq(cond)}"
        if cmd.name:
            lines.append(
                f"complete -c glossator -n {_fq('__fish_use_subcommand')} "
                f"-a {cmd.name} -d {_fq(cmd.help)}"
            )
        for o in cmd.options:
            flags = " ".join(
                f"-l {f[2:]}" if f.startswith("--") else f"-s {f[1:]}" for f in o.flags
            )
            value = "" if o.kind == "flag" else " " + _fish_value(o)
            lines.append(f"{head} {flags}{value} -d {_fq(o.help)}")
        # The first positional's completions (fish does not count positionals).
        if cmd.positionals:
            first = cmd.positionals[0]
            if first.kind == "dir":
                lines.append(f"{head} -a '(__fish_complete_directories (commandline -ct))'")
            elif first.kind == "file":
                lines.append(f"{head} -F")
            elif first.kind == "words":
                lines.append(f"{head} -a {_fq(' '.join(first.choices))}")
    return "\n".join(lines) + "\n"
