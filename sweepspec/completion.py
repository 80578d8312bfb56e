"""Shell completion for bash, zsh and fish, generated from the command line's own parser, so
that every subcommand, option and choice the parser knows is completed, and nothing else.

`sweepspec completion bash` prints the script; the docs say where each shell loads it from.
"""

from __future__ import annotations

import argparse
import shlex
from dataclasses import dataclass, field

SHELLS = ("bash", "zsh", "fish")


@dataclass
class Command:
    name: str
    help: str
    options: list[Option] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    """The choices of its positional arguments (`completion bash`)."""


@dataclass
class Option:
    flags: list[str]
    help: str
    choices: list[str] | None  # None: a value of any kind (a file), [] : no value
    takes_value: bool


def commands(parser: argparse.ArgumentParser) -> list[Command]:
    """The subcommands of ``parser``, with their options (the parser's own data)."""
    out = [Command("", "", _options(parser))]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                words = [
                    str(c)
                    for a in sub._actions
                    if not a.option_strings and a.choices is not None
                    for c in a.choices
                ]
                out.append(Command(name, helps.get(name, ""), _options(sub), words))
    return out


def _options(parser: argparse.ArgumentParser) -> list[Option]:
    found = []
    for action in parser._actions:
        if not action.option_strings or action.help == argparse.SUPPRESS:
            continue
        takes = action.nargs != 0
        choices = [str(c) for c in action.choices] if action.choices is not None else None
        found.append(Option(list(action.option_strings), action.help or "", choices, takes))
    return found


def script(shell: str, parser: argparse.ArgumentParser, prog: str = "sweepspec") -> str:
    if shell == "fish":
        return _fish(commands(parser), prog)
    body = _bash(commands(parser), prog)
    if shell == "zsh":  # zsh runs the bash function through its bash-completion layer
        head = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n"
        return head + body
    return body


def _words(items: list[str]) -> str:
    return " ".join(shlex.quote(i) for i in items)


def _bash(found: list[Command], prog: str) -> str:
    function = "_" + prog.replace("-", "_")
    top = found[0]
    names = [c.name for c in found[1:]]
    top_flags = [f for o in top.options for f in o.flags]
    lines = [
        f"# bash completion for {prog}: source it, or put it in",
        "# ~/.local/share/bash-completion/completions/" + prog,
        f"{function}() {{",
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
        '    local command="" i',
        "    for ((i = 1; i < COMP_CWORD; i++)); do",
        '        case "${COMP_WORDS[i]}" in -*) ;; *) command="${COMP_WORDS[i]}"; break ;; esac',
        "    done",
        '    if [[ -z "$command" ]]; then',
        f'        COMPREPLY=($(compgen -W "{_words(names + top_flags)}" -- "$cur"))',
        "        return",
        "    fi",
        '    case "$command $prev" in',
    ]
    for command in found[1:]:
        for option in command.options:
            if not option.takes_value:
                continue
            values = (
                f'compgen -W "{_words(option.choices)}" -- "$cur"'
                if option.choices
                else 'compgen -f -- "$cur"'
            )
            for flag in option.flags:
                lines.append(f'        "{command.name} {flag}") COMPREPLY=($({values})); return ;;')
    lines += ["    esac", '    case "$command" in']
    for command in found[1:]:
        flags = [f for o in command.options for f in o.flags]
        lines.append(
            f'        {command.name}) local options="{_words(flags)}" '
            f'words="{_words(command.words)}" ;;'
        )
    lines += [
        '        *) local options="" words="" ;;',
        "    esac",
        '    if [[ "$cur" == -* ]]; then',
        '        COMPREPLY=($(compgen -W "$options" -- "$cur"))',
        '    elif [[ -n "$words" ]]; then',
        '        COMPREPLY=($(compgen -W "$words" -- "$cur"))',
        "    else",
        '        COMPREPLY=($(compgen -f -- "$cur"))',
        "    fi",
        "}",
        f"complete -o filenames -o bashdefault -F {function} {prog}",
        "",
    ]
    return "\n".join(lines)


def _fish(found: list[Command], prog: str) -> str:
    names = [c.name for c in found[1:]]
    lines = [f"# fish completion for {prog}: put it in ~/.config/fish/completions/{prog}.fish"]
    for command in found[1:]:
        lines.append(
            f"complete -c {prog} -f -n 'not __fish_seen_subcommand_from {' '.join(names)}' "
            f"-a {shlex.quote(command.name)} -d {shlex.quote(command.help)}"
        )
    for command in found[1:]:
        if command.words:
            lines.append(
                f"complete -c {prog} -f -n '__fish_seen_subcommand_from {command.name}' "
                f"-a {shlex.quote(' '.join(command.words))}"
            )
    for command in found:
        condition = (
            f"__fish_seen_subcommand_from {command.name}"
            if command.name
            else f"not __fish_seen_subcommand_from {' '.join(names)}"
        )
        for option in command.options:
            parts = [f"complete -c {prog} -n {shlex.quote(condition)}"]
            for flag in option.flags:
                if flag.startswith("--"):
                    parts.append(f"-l {flag[2:]}")
                else:
                    parts.append(f"-s {flag[1:]}")
            if option.choices:
                parts.append(f"-xa {shlex.quote(' '.join(option.choices))}")
            elif option.takes_value:
                parts.append("-r -F")
            parts.append(f"-d {shlex.quote(option.help.replace('%(default)s', '…'))}")
            lines.append(" ".join(parts))
    return "\n".join(lines) + "\n"
