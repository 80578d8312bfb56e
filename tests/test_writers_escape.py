"""No input string can leave its literal in anything sweepspec writes.

Random strings with quotes, backslashes, line breaks, NULs, escape sequences, YAML and shell
syntax go into the names, keys and values of every writer (the spec, W&B and the legacy W&B
YAML, a hyperopt module, a file name in a module's docstring, a command line), and each output
is read back by what reads it for real: ruamel.yaml and PyYAML (W&B's reader) for YAML, Python
for modules, ``sh`` for command lines. Every string must come back exactly.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml.comments import CommentedMap

from sweepspec.convert import convert_text
from sweepspec.formats.wandb_schema import SCHEMA
from sweepspec.loader import load_text
from sweepspec.meaning import plain
from sweepspec.sample import command_line, shell_line
from sweepspec.vocabulary import BY_NAME, FOREIGN_NAMES
from sweepspec.yamlio import dump, flow_map, flow_seq

EXAMPLES = int(os.environ.get("SWEEPSPEC_HYPOTHESIS_EXAMPLES", "60"))
WANDB_NAME = re.compile(SCHEMA["definitions"]["parameters"]["propertyNames"]["pattern"])
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("SWEEPSPEC_HYPOTHESIS_RANDOM") != "1",
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# What breaks writers: quotes of every kind, backslashes and escapes, line breaks YAML and
# Python know, NUL and other controls, YAML indicators, shell syntax, and any other character.
NASTY = [
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\n",
    "\\x00",
    "\\U0001F600",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "\x00",
    "\x1b[31m",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "#",
    ": ",
    "- ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&a",
    "*a",
    "!!python/object",
    "%",
    "@",
    "`",
    "|",
    ">",
    "---",
    "...",
    "$(x)",
    "${env}",
    ";",
    "&&",
    "~",
    "no",
    "on",
    "1e-5",
    "010",
    "1:30",
    "null",
    " ",
    "é",
    "日本",
]
nasty_text = st.lists(
    st.one_of(st.sampled_from(NASTY), st.text(max_size=3)), min_size=1, max_size=6
).map("".join)
_RESERVED = frozenset({*BY_NAME, *FOREIGN_NAMES, "sweepspec", "group", "constant"})
programs = nasty_text.filter(str.strip)  # the spec requires a program that says something
keys = nasty_text.filter(lambda k: k not in _RESERVED and not k.startswith("x-"))


@st.composite
def spaces(draw: st.DrawFn) -> dict[str, Any]:
    """A param_space of constants and choices whose keys and strings are nasty."""
    names = draw(st.lists(keys, min_size=1, max_size=4, unique=True))
    space: dict[str, Any] = {}
    for name in names:
        if draw(st.booleans()):
            space[name] = draw(nasty_text)
        else:
            space[name] = {"choice": draw(st.lists(nasty_text, min_size=1, max_size=3))}
    return space


def _spec_text(space: dict[str, Any], program: str, name: str) -> str:
    data = CommentedMap([("sweepspec", 1), ("name", name), ("program", program)])
    out = CommentedMap()
    for key, value in space.items():
        out[key] = (
            flow_map(("choice", flow_seq(list(value["choice"]))))
            if isinstance(value, dict)
            else flow_map(("constant", value))
        )
    data["param_space"] = out
    return dump(data)


def _expected(space: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value if isinstance(value, dict) else {"constant": value}
        for key, value in space.items()
    }


@PROPERTY
@given(space=spaces(), program=programs, name=nasty_text)
def test_yaml_writers_hold_every_string(space: dict[str, Any], program: str, name: str) -> None:
    text = _spec_text(space, program, name)
    spec = load_text(text)
    assert spec.diagnostics == (), text
    assert plain(spec.data) == {
        "sweepspec": 1,
        "name": name,
        "program": program,
        "param_space": _expected(space),
    }
    wandb = convert_text(text, "wandb", "s.yaml")
    assert wandb.text is not None, wandb.diagnostics
    # W&B refuses parameter names outside its pattern: those are left out, and said to be
    refused = {key for key in space if not WANDB_NAME.fullmatch(key)}
    assert {d.path[1] for d in wandb.diagnostics if d.code == "X001"} == refused
    for read in (plain(load_text(wandb.text).data), yaml.safe_load(wandb.text)):
        # as sweepspec reads it (YAML 1.2), and as W&B does (PyYAML, YAML 1.1)
        assert read["name"] == name and read["program"] == program
        assert set(read.get("parameters") or {}) == set(space) - refused
        for key, value in space.items():
            if key in refused:
                continue
            got = read["parameters"][key]
            assert got == (
                {"values": value["choice"]} if isinstance(value, dict) else {"value": value}
            )
    legacy = convert_text(text, "wandb-tune", "s.yaml")
    assert legacy.text is not None, legacy.diagnostics
    for read in (plain(load_text(legacy.text).data), yaml.safe_load(legacy.text)):
        assert read["name"] == name and read["tune"]["run_or_experiment"] == program
        config = read["tune"]["config"]
        assert set(config) == set(space)


# Stand-ins for hyperopt: the module is run, and what its calls receive is compared.
class _HP:
    def __getattr__(self, function: str) -> Any:
        return lambda label, *args: (function, label, list(args))


class _Scope:
    def int(self, value: Any) -> Any:
        return ("int", value)


@PROPERTY
@given(space=spaces(), file=nasty_text)
def test_python_modules_hold_every_string(space: dict[str, Any], file: str) -> None:
    text = _spec_text(space, "train.py", "n")
    module = convert_text(text, "hyperopt", file)
    assert module.text is not None, module.diagnostics
    code = compile(module.text, "space.py", "exec")
    namespace: dict[str, Any] = {}
    stub = type(sys)("hyperopt")
    stub.hp = _HP()  # type: ignore[attr-defined]
    pyll = type(sys)("hyperopt.pyll")
    pyll.scope = _Scope()  # type: ignore[attr-defined]
    saved = {name: sys.modules.get(name) for name in ("hyperopt", "hyperopt.pyll")}
    sys.modules.update({"hyperopt": stub, "hyperopt.pyll": pyll})
    try:
        exec(code, namespace)  # the test runs the module sweepspec wrote; sweepspec never does
    finally:
        for name, old in saved.items():
            if old is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = old
    assert namespace["__doc__"] == f"hyperopt search space written by sweepspec from {file}."
    assert set(namespace["space"]) == set(space)
    for key, value in space.items():
        got = namespace["space"][key]
        if isinstance(value, dict):
            assert got == ("choice", key, [value["choice"]])
        else:
            assert got == value
    # and the module's template is the spec, exactly
    assert namespace["SWEEPSPEC"] == text


@PROPERTY
@given(space=spaces(), program=nasty_text, template=st.lists(nasty_text, max_size=3))
def test_command_lines_hold_every_argument_through_sh(
    space: dict[str, Any], program: str, template: list[str], tmp_path_factory: Any
) -> None:
    config = {
        key: value["choice"][0] if isinstance(value, dict) else value
        for key, value in space.items()
    }
    words = command_line([*template, "${program}", "${args}"], program, config)
    if any("\x00" in w for w in words):
        # no command line can carry NUL; sweepspec's output is not run with one either
        return
    line = shell_line(["printf", "%s\\0", *words])
    folder = tmp_path_factory.mktemp("sh")
    done = subprocess.run(["sh", "-c", line], cwd=folder, capture_output=True, check=False)
    assert done.returncode == 0
    assert done.stdout.decode("utf-8", "surrogateescape").split("\0")[:-1] == words
    assert list(Path(folder).iterdir()) == []


def test_the_cli_prints_what_the_property_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sweepspec.cli import main

    spec = tmp_path / "s.yaml"
    spec.write_text(_spec_text({"a": "$(touch x) ' \"", "b;c": "1"}, "run me.py", "n"), "utf-8")
    assert main(["sample", str(spec), "-n", "1", "--format", "command"]) == 0
    printed = capsys.readouterr().out
    assert shlex.split(printed) == [
        "/usr/bin/env",
        "python",
        "run me.py",
        "--a=$(touch x) ' \"",
        "--b;c=1",
    ]
