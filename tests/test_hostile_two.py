"""Hostile input, round two: one regression test per case the second fuzzing round found.

Generated code and shell lines are tested by running them (the module is imported, the command
line goes through ``sh``) and showing that the payload did not run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write

from sweepspec import check_text
from sweepspec.check import check_paths
from sweepspec.cli import main
from sweepspec.convert import convert_file, convert_source, convert_text
from sweepspec.diagnostics import Diagnostic, Span
from sweepspec.ignore import compile_pattern
from sweepspec.loader import load_text
from sweepspec.meaning import plain
from sweepspec.sample import configurations

PAYLOAD = "PWNED"


def _codes(found: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in found]


# --- generated code: a file name must not run ---------------------------------------------------

# A stand-in for hyperopt, so that the written module can be imported without the engine: what
# matters here is whether importing it runs anything else.
STUB = (
    "class _HP:\n    def __getattr__(self, name):\n        return lambda *a, **k: (name, a)\n"
    "\nhp = _HP()\n"
)


@pytest.mark.parametrize(
    "name",
    [
        'x"""+__import__("os").system("touch PWNED")+""".yaml',
        "back\\Uslash.yaml",
        "quote'and\"both.yaml",
        'ends-with-quote".yaml',
    ],
)
def test_a_file_name_is_data_in_the_written_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    write(tmp_path, name, "sweepspec: 1\nparam_space:\n  x: {uniform: [0, 1]}\n")
    write(tmp_path, "hyperopt/__init__.py", STUB)
    monkeypatch.chdir(tmp_path)
    assert main(["convert", name, "--to", "hyperopt", "-o", "space.py"]) == 0
    probe = "import json, space; print(json.dumps(space.__doc__))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / PAYLOAD).exists()
    assert json.loads(done.stdout) == f"hyperopt search space written by sweepspec from {name}."


def test_comments_with_quotes_and_backslashes_stay_comments() -> None:
    # YAML comments cannot hold control characters or line separators (the loader refuses
    # them, or ends the comment there); quotes and backslashes are the rest of the danger
    text = '# """ \\N{x} \\ \'\t\nsweepspec: 1\nparam_space:\n  x: {uniform: [0, 1]}  # eol """+x\n'
    result = convert_text(text, "hyperopt", "s.yaml")
    assert result.text is not None
    compile(result.text, "space.py", "exec")
    assert result.text.splitlines()[0] == '# """ \\N{x} \\ \''  # its trailing tab trimmed
    assert '  # eol """+x' in result.text


# --- shell lines: values are data ---------------------------------------------------------------

HOSTILE_SPEC = """\
sweepspec: 1
program: '$(touch PWNED1); touch PWNED2'
param_space:
  a: {choice: ['$(touch PWNED3)', '`touch PWNED4`', "x\\ntouch PWNED5"]}
  'k;touch PWNED6': 1
"""


def _fake_python(tmp_path: Path) -> dict[str, str]:
    """A `python` first on PATH that writes its arguments, NUL-separated, to args.bin."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "python"
    fake.write_text('#!/bin/sh\nprintf "%s\\0" "$@" > "$ARGS_OUT"\n', encoding="utf-8")
    fake.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}


def test_sample_command_lines_run_no_payload(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write(tmp_path, "sweep.yaml", HOSTILE_SPEC)
    env = _fake_python(tmp_path)
    for seed in range(6):
        assert (
            main(["sample", str(spec), "-n", "1", "--seed", str(seed), "--format", "command"]) == 0
        )
        # one command; a value with a line break spans lines, inside its quotes
        line = capsys.readouterr().out
        env["ARGS_OUT"] = str(tmp_path / "args.bin")
        done = subprocess.run(["sh", "-c", line], cwd=tmp_path, env=env, check=False)
        assert done.returncode == 0
        words = (tmp_path / "args.bin").read_bytes().decode().split("\0")[:-1]
        assert words[0] == "$(touch PWNED1); touch PWNED2"
        assert words[2] == "--k;touch PWNED6=1"
        assert words[1] in {"--a=$(touch PWNED3)", "--a=`touch PWNED4`", "--a=x\ntouch PWNED5"}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(PAYLOAD)) == []


@pytest.mark.parametrize(
    ("command", "kind"), [("5", "an integer"), ('"rm -rf ~"', "a string"), ("{a: 1}", "a mapping")]
)
def test_a_command_that_is_not_a_list_is_s005(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, kind: str
) -> None:
    text = f"sweepspec: 1\nx-wandb:\n  command: {command}\nparam_space: {{a: 1}}\n"
    assert _codes(check_text(text)) == [("S005", 3, 12)]
    spec = write(tmp_path, "sweep.yaml", text)
    assert main(["sample", str(spec), "--format", "command", "-n", "1"]) == 1
    assert f"got {kind}" in capsys.readouterr().err


# --- text output cannot forge a finding ---------------------------------------------------------


def test_a_key_cannot_forge_a_finding_or_drive_the_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(
        tmp_path,
        "f.yaml",
        'sweepspec: 1\n"x\\nfake.yaml:9:9: error S001 forged": 1\n"\\e[31mred\\u2028": 2\n'
        "param_space: {}\n",
    )
    for fmt in ("text", "github"):
        assert main(["check", "--format", fmt, str(path)]) == 1
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\u2028" not in out
        assert not any(line.startswith("fake.yaml") for line in out.splitlines())
        assert len(out.splitlines()) == (3 if fmt == "text" else 2)
    assert main(["check", str(path)]) == 1
    assert "unknown key `x\\nfake.yaml:9:9: error S001 forged`" in capsys.readouterr().out


def test_an_unreadable_path_cannot_forge_a_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "no\nsuch.yaml")]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("sweepspec: error: cannot read ") and "no\\nsuch.yaml" in line


# --- what a sweep would run is shown to a reviewer (V016) ---------------------------------------


@pytest.mark.parametrize(
    ("program", "reported"),
    [
        ("os:system", True),
        ("builtins:eval", True),
        ("subprocess:run", True),
        ("os.path:join", True),
        ("train:objective", False),
        ("../train.py", True),
        ("/usr/bin/train.py", True),
        ("~/train.py", True),
        ("scripts/../../train.py", True),
        ("scripts/train.py", False),
        ("train.py", False),
    ],
)
def test_programs_outside_the_sweep_are_shown(program: str, reported: bool) -> None:
    found = check_text(f"sweepspec: 1\nprogram: {program}\nparam_space: {{a: 1}}\n")
    assert _codes(found) == ([("V016", 2, 10)] if reported else [])


def test_a_project_module_named_like_the_standard_library_is_its_own(tmp_path: Path) -> None:
    write(tmp_path, "code.py", "def objective(config):\n    return {}\n")
    spec = write(tmp_path, "s.yaml", "sweepspec: 1\nprogram: code:objective\nparam_space: {a: 1}\n")
    assert check_paths([spec]).diagnostics == []


@pytest.mark.parametrize(
    ("command", "index"),
    [
        ("[sh, -c, 'python train.py']", 0),
        ("[${env}, bash, -c, x]", 1),
        ("[/bin/zsh, x]", 0),
        ("[python, -c, 'import os']", 1),
        ("[python3, -c, x]", 1),
    ],
)
def test_commands_that_hand_a_string_to_a_shell_are_shown(command: str, index: int) -> None:
    flow = command.replace("${env}", "'${env}'")
    found = check_text(f"method: random\ncommand: {flow}\nparameters:\n  a: {{value: 1}}\n")
    assert [(d.code, d.path) for d in found] == [("V016", ("command", index))]


def test_the_standard_command_is_not_shown() -> None:
    text = (
        "method: random\ncommand:\n  - ${env}\n  - ${interpreter}\n  - ${program}\n  - ${args}\n"
        "parameters:\n  a: {value: 1}\n"
    )
    assert check_text(text) == []


# --- internal errors, each now a located finding ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "column"),
    [("!!bool 100", 6), ("!!bool maybe", 6), ("!!int ''", 6), ("!!float", 6), ("!!null 5", 6)],
)
def test_a_tag_its_text_does_not_fit_is_y001(value: str, column: int) -> None:
    found = check_text(f"sweepspec: 1\nparam_space:\n  a: {value}\n")
    assert _codes(found) == [("Y001", 3, column)]
    assert "is tagged `!!" in found[0].message


@pytest.mark.parametrize("value", ["!!float 1", "!!int 0x1F", "!!bool True", "!!null ~", "!!str 5"])
def test_a_tag_its_text_fits_is_accepted(value: str) -> None:
    assert check_text(f"sweepspec: 1\nparam_space:\n  a: {value}\n") == []


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("sweepspec: 1\nparam_space:\n  a: &m\n    x: 1\n    <<: *m\n", (5, 5)),
        ("sweepspec: 1\nparam_space:\n  a: &m {x: 1, <<: *m}\n", (3, 16)),
        ("sweepspec: 1\nparam_space:\n  b: &m\n    c:\n      <<: *m\n", (5, 7)),
    ],
)
def test_a_mapping_that_merges_itself_is_y010(text: str, where: tuple[int, int]) -> None:
    assert _codes(check_text(text)) == [("Y010", *where)]
    assert convert_text(text, "wandb").text is None


HUGE = "1" + "0" * 400


def test_an_integer_no_float_holds_is_s007_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = write(tmp_path, "s.yaml", f"sweepspec: 1\nparam_space:\n  a: {{uniform: [0, {HUGE}]}}\n")
    assert _codes(check_paths([spec]).diagnostics) == [("S007", 3, 20)]
    for args in (["sample", str(spec)], ["convert", str(spec), "--to", "wandb"]):
        assert main(args) == 1
        assert "got an integer of 401 digits" in capsys.readouterr().err
    wandb = write(
        tmp_path, "w.yaml", f"method: random\nparameters:\n  a: {{min: 0, max: {HUGE}}}\n"
    )
    assert _codes(check_paths([wandb]).diagnostics) == [("S007", 3, 20)]
    assert convert_file(wandb, "spec").text is None  # an input with errors is refused
    written = convert_file(wandb, "spec", best_effort=True).text
    assert written is not None  # its own error, carried; checking the spec does not crash
    assert [d.code for d in check_text(written)] == ["S007"]


def test_exponents_too_large_for_exp_are_a_finding() -> None:
    text = "method: random\nparameters:\n  a: {distribution: log_uniform, min: 0, max: 1000}\n"
    (found,) = check_text(text)
    assert found.code == "W002" and found.hint == "use `log_uniform_values` with real bounds"


def test_scope_int_of_no_hp_function_is_x003() -> None:
    source = (
        "from hyperopt import hp\nfrom hyperopt.pyll import scope\n"
        'space = {"d": scope.int(hp.qrandn("d", 1, 8, 1))}\n'
    )
    result = convert_source(source, "spec", "s.py")
    assert result.text is None
    assert _codes(result.diagnostics) == [("X003", 3, 9), ("X003", 3, 25)]


def test_a_concurrency_limiter_in_a_space_is_x003() -> None:
    source = (
        "from ray import tune\nfrom ray.tune.search import ConcurrencyLimiter\n"
        'space = {"b": ConcurrencyLimiter(1, 2)}\ntune.run("t.py", config=space)\n'
    )
    result = convert_source(source, "wandb", "r.py")
    assert result.text is None and _codes(result.diagnostics) == [("X003", 3, 15)]


@pytest.mark.parametrize(
    ("pattern", "matches", "misses"),
    [
        ("[z-a]", [], ["a", "z", "-"]),
        ("[!]x]", ["a"], ["]", "x"]),
        ("[[:alpha:]]", ["a", "Z"], ["1", "["]),
        ("[9-0]", [], ["5"]),
        ("[]]", ["]"], ["a"]),
        ("*.[ch]", ["a.c", "b.h"], ["a.x"]),
        ("a[b-]", ["ab", "a-"], ["ac"]),
        ("[", ["["], ["a"]),
    ],
)
def test_gitignore_brackets_read_as_git_reads_them(
    pattern: str, matches: list[str], misses: list[str]
) -> None:
    compiled = compile_pattern(pattern)
    assert compiled is not None
    assert [m for m in matches if compiled.regex.match(m)] == matches
    assert [m for m in misses if compiled.regex.match(m)] == []


@pytest.mark.parametrize("pattern", ["[z-a]", "[!]x]", "[[:alpha:]]"])
def test_odd_gitignore_patterns_check_the_rest(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    pattern: str,
) -> None:
    write(tmp_path, ".gitignore", pattern + "\n")
    write(tmp_path, "s.yaml", "sweepspec: 1\nparam_space: {}\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "."]) == 0
    assert main(["check", ".", "--exclude", "[9-0]"]) == 0
    assert "All checks passed (1 file checked)." in capsys.readouterr().out


def test_a_tool_key_that_is_not_a_table_is_a_configuration_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, ".sweepspec.toml", "tool = 1\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "."]) == 2
    assert "has no [tool.sweepspec] table" in capsys.readouterr().err


# --- silent bad output --------------------------------------------------------------------------


def test_a_comment_between_a_key_and_its_first_item_keeps_the_output_loadable() -> None:
    text = (
        "method: random\ncommand:\n  # the interpreter\n  - ${env}\n  - python\n"
        "parameters:\n  a: {values: [1, 2]}\n"
    )
    spec = convert_text(text, "spec", "w.yaml")
    assert spec.text is not None and load_text(spec.text).diagnostics == ()
    assert check_text(spec.text) == []
    back = convert_text(spec.text, "wandb", "s.yaml")
    assert back.text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("method: bayes\nparameters:\n  a: {values: [1]}\nmetric:\n", [("S005", 4, 8)]),
        ("method: bayes\nparameters:\n  a: {values: [1]}\nmetric:", [("S005", 4, 8)]),
        ("method: random\nparameters:\n  a:\n\n\n# end\n", [("S005", 3, 5)]),
    ],
)
def test_an_empty_value_at_the_end_is_placed_after_its_key(
    text: str, expected: list[tuple[str, int, int]]
) -> None:
    assert _codes(check_text(text)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("num_samples: 1e308", ("S005", 2, 14)), ("num_samples: 10.0", ("S005", 2, 14))],
)
def test_spec_integers_are_integers(value: str, expected: tuple[str, int, int]) -> None:
    assert _codes(check_text(f"sweepspec: 1\n{value}\nparam_space: {{a: 1}}\n")) == [expected]


def test_numbers_a_float_cannot_hold_are_s007() -> None:
    text = "sweepspec: 1\nparam_space:\n  a: {uniform: [0.1e-400, 1]}\n  b: {uniform: [0, 1e400]}\n"
    found = check_text(text)
    assert _codes(found) == [("S007", 3, 17), ("S007", 4, 20)]
    assert "too small for a float" in found[0].message
    assert "too large for a float" in found[1].message
    wandb = "method: random\nparameters:\n  a: {min: 0.1e-400, max: 1.0}\n"
    assert _codes(check_text(wandb)) == [("S007", 3, 12)]


def test_zero_is_written_as_zero() -> None:
    written = convert_text(
        "method: random\nparameters:\n  a: {min: 0.000e+00, max: 1.0}\n", "spec", "w.yaml"
    ).text
    assert written is not None and "uniform: [0.0, 1.0]" in written


def test_a_sweep_is_sampled_by_its_draws_not_its_grid() -> None:
    lines = "".join(f"  p{i}: {{grid_search: {list(range(100))}}}\n" for i in range(8))
    data = load_text("sweepspec: 1\nparam_space:\n" + lines).data
    drawn = configurations(data, 3)  # 10^16 grid points; the first three
    assert [list(c.values()) for c in drawn] == [
        [0] * 8,
        [0] * 7 + [1],
        [0] * 7 + [2],
    ]
    assert configurations(data, 1, seed=1) == [{f"p{i}": 0 for i in range(8)}]


# --- what the round-two mutators found in the fuzzer's own run ---------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a duplicate key's value is constructed too: its tag and its merges are checked
        (
            "sweepspec: 1\nparam_space:\n  m: {uniform: [0, 1]}\n  m: !!bool 100\n",
            [("Y002", 3, 3), ("Y002", 4, 3), ("Y001", 4, 6)],
        ),
        (
            "sweepspec: 1\nparam_space:\n  d: &s\n    <<: *s\n  d: 1\n",
            [("Y002", 3, 3), ("Y010", 4, 5), ("Y002", 5, 3)],
        ),
        # a merge of a mapping that merges itself, two levels down
        (
            "sweepspec: 1\nparam_space:\n  a: &s\n    x: &s\n      y: 1\n      <<: &s\n"
            "        z: *s\n        <<: *s\n",
            [("Y010", 6, 7)],
        ),
    ],
)
def test_what_a_duplicate_or_a_merge_hides_is_still_checked(
    text: str, expected: list[tuple[str, int, int]]
) -> None:
    assert _codes(check_text(text)) == expected


def test_a_second_document_after_a_bom_is_placed_on_its_line() -> None:
    text = "method: random\n...\n\ufeff\n...\nparameters:\n  lr: {value: 1}\n"
    (found,) = [d for d in check_text(text) if d.code == "Y008"]
    assert found.span == Span(3, 1, 3, 1)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            "x-wandb-tune: 2\n",
            ("S005", 2, 15),
        ),
        ("scheduler:\n  type: hyperband\n  max_t: .nan\n", ("S007", 4, 10)),
        ("search_alg:\n  type: hyperopt\n  gamma: .inf\n", ("S007", 4, 10)),
        ("time_budget_s: .nan\n", ("S007", 2, 16)),
    ],
)
def test_settings_no_engine_can_use_are_findings(
    lines: str, expected: tuple[str, int, int]
) -> None:
    text = f"sweepspec: 1\nmetric: m\nmode: min\n{lines}param_space:\n  a: {{uniform: [0, 1]}}\n"
    found = [(d.code, d.line - 2, d.column) for d in check_text(text) if d.code != "V013"]
    assert found == [expected]
    for to in ("wandb", "wandb-tune", "hyperopt"):
        assert convert_text(text, to).text is None  # refused, not an internal error


def test_time_budget_may_be_infinite() -> None:
    assert check_text("sweepspec: 1\ntime_budget_s: .inf\nparam_space: {a: 1}\n") == []


def test_a_probability_no_float_holds_is_s007_not_an_overflow() -> None:
    text = f"sweepspec: 1\nparam_space:\n  o: {{pchoice: [[0.5, a], [{HUGE}, b]]}}\n"
    assert _codes(check_text(text)) == [("S007", 3, 28)]


def test_a_scheduler_option_w_and_b_cannot_compute_with_is_skipped_not_raised() -> None:
    from sweepspec.formats.wandb import to_wandb

    doc = load_text("sweepspec: 1\nscheduler: {type: hyperband, max_t: .nan}\nparam_space: {}\n")
    written = to_wandb(doc).data  # what `convert` refuses (S007), the library does not raise on
    assert "s" not in written["early_terminate"]


def test_a_key_w_and_b_does_not_know_cannot_travel_in_x_wandb() -> None:
    text = "sweepspec: 1\nx-wandb:\n  optuna: [a]\n  projcet: p\nparam_space: {a: 1}\n"
    found = check_text(text)
    assert _codes(found) == [("S003", 3, 3), ("S003", 4, 3)]
    assert found[1].hint == "did you mean `project`?"
    assert convert_text(text, "wandb").text is None


def test_a_tab_the_comment_keeping_scanner_lets_through_is_refused_by_convert_too() -> None:
    text = "sweepspec: 1\nparam_space:\n\n\tprogram: {uniform: [0, 1]}"
    assert _codes(check_text(text)) == [("Y003", 4, 1)]
    result = convert_text(text, "spec")
    assert result.text is None and _codes(result.diagnostics) == [("Y003", 4, 1)]


def test_a_blank_line_between_a_key_and_its_list_survives_a_rewrapped_value() -> None:
    """The W&B writer wraps a list constant as `{value: [...]}`; the blank line after the key
    (a comment slot to ruamel.yaml) made it write `value:   -`, which does not load."""
    text = (
        "sweepspec: 1\nparam_space:\n  optimizer:\n\n    - name: adam\n    - name: sgd\n"
        "  model:\n    depth: {uniformint: [2, 8]}\n"
    )
    written = convert_text(text, "wandb", "s.yaml").text
    assert written is not None and load_text(written).diagnostics == ()
    assert plain(load_text(written).data)["parameters"]["optimizer"] == {
        "value": [{"name": "adam"}, {"name": "sgd"}]
    }


def test_timestamps_both_yaml_versions_read_as_dates_are_not_misreadings() -> None:
    """W001 compared ruamel.yaml's TimeStamp with PyYAML's datetime by type name."""
    text = "method: random\nparameters:\n  a: {values: [2001-12-14T21:59:43Z, 2002-12-14]}\n"
    assert check_text(text) == []


def test_a_wandb_max_iter_the_spec_cannot_hold_travels_in_x_wandb() -> None:
    """W&B accepts `max_iter: 0.0`; the spec's `max_t` must be above 0. It became a spec with
    an error, without a word; it now stays in x-wandb, said, and comes back."""
    text = (
        "method: random\nmetric: {name: l, goal: minimize}\n"
        "early_terminate: {type: hyperband, max_iter: 0.0, s: 2}\nparameters:\n  a: {value: 1}\n"
    )
    spec = convert_text(text, "spec", "w.yaml")
    assert spec.text is not None and check_text(spec.text) == []
    assert [(d.code, d.line, d.column) for d in spec.diagnostics] == [("X001", 3, 46)]
    back = convert_text(spec.text, "wandb", "s.yaml").text
    assert back is not None and "max_iter: 0.0" in back
