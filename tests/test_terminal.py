"""What a terminal user gets: colour where the terminal wants it (NO_COLOR, FORCE_COLOR), the
same text without it, and shell completion generated from the command line's own parser."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from sweepspec.cli import build_parser, main
from sweepspec.completion import commands, script
from sweepspec.diagnostics import Diagnostic, Severity, Span
from sweepspec.formatters.color import wants_color
from sweepspec.formatters.text import format_diagnostics

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("environ", "tty", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),  # no-color.org: NO_COLOR wins
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "0"}, True, False),
        ({"NO_COLOR": ""}, True, True),  # an empty NO_COLOR is unset
        ({"TERM": "dumb"}, True, False),
    ],
)
def test_colour_follows_the_conventions(environ: dict[str, str], tty: bool, expected: bool) -> None:
    assert wants_color(environ, _Stream(tty)) is expected


def test_colour_adds_only_colour_and_a_file_cannot_add_its_own() -> None:
    finding = Diagnostic(
        "S003",
        Severity.ERROR,
        "unknown key `\x1b[31mx`",
        "a\x1b[2Jb.yaml",
        Span(1, 2, 1, 3),
        hint="did you mean `y`?",
    )
    plain, painted = format_diagnostics([finding]), format_diagnostics([finding], color=True)
    assert painted != plain
    assert ANSI.sub("", painted) == plain
    assert "\x1b[2J" not in painted and "\x1b[31mx" not in painted  # escaped, not run


def test_the_command_line_colours_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = ROOT / "docs" / "examples" / "fix" / "s003.yaml"
    monkeypatch.setenv("FORCE_COLOR", "1")
    main(["check", str(bad)])
    assert "\x1b[1;31merror\x1b[0m" in capsys.readouterr().out
    main(["check", str(bad), "--output", str(tmp_path / "report.txt")])  # a file: never
    assert "\x1b" not in (tmp_path / "report.txt").read_text()
    monkeypatch.setenv("NO_COLOR", "1")
    main(["check", str(bad)])
    assert "\x1b" not in capsys.readouterr().out


def test_completion_knows_every_command_option_and_choice() -> None:
    parser = build_parser()
    found = commands(parser)
    names = {c.name for c in found[1:]}
    assert {"check", "convert", "sample", "run", "completion"} <= names
    for shell in ("bash", "zsh", "fish"):
        text = script(shell, parser)
        for command in found[1:]:
            assert command.name in text
            for option in command.options:
                long = [f for f in option.flags if f.startswith("--")]
                assert all(f in text or f[2:] in text for f in long), (shell, option.flags)
                for choice in option.choices or []:
                    assert choice in text, (shell, choice)


def _complete(script_path: Path, *words: str) -> list[str]:
    program = (
        f"source {script_path}\n"
        f"COMP_WORDS=({' '.join(repr(w) for w in words)})\n"
        "COMP_CWORD=$((${#COMP_WORDS[@]}-1))\n"
        "_sweepspec\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    bash = shutil.which("bash")
    assert bash is not None
    done = subprocess.run(
        [bash, "--norc", "-c", program], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return done.stdout.split()


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_commands_options_and_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["completion", "bash"]) == 0
    path = tmp_path / "sweepspec.bash"
    path.write_text(capsys.readouterr().out)
    assert _complete(path, "sweepspec", "co") == ["compat", "convert", "completion"]
    assert set(_complete(path, "sweepspec", "check", "--f")) == {"--format", "--fix", "--fail-on"}
    assert "sarif" in _complete(path, "sweepspec", "check", "--format", "")
    assert _complete(path, "sweepspec", "convert", "in.yaml", "--to", "hy") == ["hydra", "hyperopt"]
    assert _complete(path, "sweepspec", "completion", "") == ["bash", "zsh", "fish"]
    assert "action.yml" in _complete(path, "sweepspec", "check", "act")  # files otherwise


COMMAND_LINES = [
    ["check", "-q", "--format", "json", "-t", "tune", "--select", "S", "a.yaml", "b.yaml"],
    ["check", "--fix", "--unsafe-fixes", "--jobs", "2", "--exclude", "x/*", "-"],
    ["compat", "-t", "wandb", "--format", "markdown"],
    ["convert", "in.yaml", "--to", "wandb", "--from", "spec", "-o", "out.yaml", "--strict"],
    ["sample", "s.yaml", "-n", "3", "--seed", "1", "--format", "json", "--stats"],
    ["run", "s.yaml", "--engine", "optuna", "--num-samples", "4", "--cpus", "0.5"],
    ["schema", "--path", "--spec-version", "1"],
    ["completion", "zsh"],
]


@pytest.mark.parametrize("argv", COMMAND_LINES, ids=lambda argv: argv[0])
def test_the_parser_of_one_command_reads_it_as_the_whole_parser_does(argv: list[str]) -> None:
    """`main` builds only the options of the command it runs (start-up, issue 22)."""
    from sweepspec.cli import _command_of

    assert _command_of(argv) == argv[0]
    assert build_parser(argv[0]).parse_args(argv) == build_parser().parse_args(argv)


def test_help_lists_every_command_whatever_is_built(capsys: pytest.CaptureFixture[str]) -> None:
    from sweepspec.cli import COMMANDS

    with pytest.raises(SystemExit):
        main(["--help"])
    listing = " ".join(capsys.readouterr().out.split())  # help wraps long lines
    assert all(name in listing and short in listing for name, short in COMMANDS.items())
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "--unsafe-fixes" in capsys.readouterr().out


def test_help_is_as_wide_as_the_terminal_says(monkeypatch: pytest.MonkeyPatch) -> None:
    """The width comes from $COLUMNS or the terminal, as argparse's shutil would give it."""
    monkeypatch.setenv("COLUMNS", "60")
    narrow = build_parser("check").format_help()
    monkeypatch.setenv("COLUMNS", "200")
    wide = build_parser("check").format_help()
    assert max(map(len, narrow.splitlines())) <= 58 < max(map(len, wide.splitlines()))
