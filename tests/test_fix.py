"""`check --fix`: every fixable code has a fixture whose fixed form is checked in, checks clean,
and is unchanged by a second `--fix`; safe fixes never change what a file means, and keep every
comment, on any file."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import strategies
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from sweepspec.check import check_text
from sweepspec.cli import main
from sweepspec.codes import CODES
from sweepspec.convert import convert_text
from sweepspec.fix import fix_text
from sweepspec.loader import load_text
from sweepspec.meaning import plain
from sweepspec.yamlio import dump

FIX = ROOT / "docs" / "examples" / "fix"
FIXTURES = sorted(FIX.glob("*.yaml"))
UNSAFE = {"s003.yaml", "s006.yaml", "v014.yaml", "w002-unsafe.yaml"}


def test_every_fixable_code_has_a_fixture_and_says_so() -> None:
    fixable = {c.id for c in CODES if c.fix is not None}
    assert fixable == {p.name.split("-")[0].split(".")[0].upper() for p in FIXTURES}
    for code in CODES:
        assert code.fix is None or code.fix.startswith(("safe", "unsafe")), code.id


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fix_gives_the_checked_in_file_which_checks_clean(
    path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / path.name
    shutil.copy(path, target)
    unsafe = ["--unsafe-fixes"] if path.name in UNSAFE else []
    # --diff shows the fix and writes nothing
    assert main(["check", "--diff", *unsafe, str(target)]) == 1
    assert target.read_text() == path.read_text()
    shown = capsys.readouterr().out
    assert shown.startswith(f"--- a/{target}")
    # --fix writes it: the expected file, which then checks clean
    assert main(["check", "--fix", *unsafe, str(target)]) == 0
    expected = (FIX / "expected" / path.name).read_text()
    assert target.read_text() == expected
    assert check_text(expected, str(target)) == []
    # and a second --fix changes nothing
    assert main(["check", "--fix", *unsafe, str(target)]) == 0
    assert target.read_text() == expected


@pytest.mark.parametrize("name", sorted(UNSAFE))
def test_an_unsafe_fix_needs_unsafe_fixes(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / name
    shutil.copy(FIX / name, target)
    main(["check", "--fix", str(target)])
    assert target.read_text() == (FIX / name).read_text()
    assert f"{target}:" in capsys.readouterr().out  # the finding is still reported


def test_fix_reports_what_it_fixed_and_what_is_left(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "sweep.yaml"
    target.write_text(
        "method: random\nparameters:\n  lr:\n    distribution: uniform\n    min: 1e-5\n"
        "    max: 1.0e-2\n  depth:\n    values: []\n"
    )
    assert main(["check", "--fix", str(target)]) == 1
    captured = capsys.readouterr()
    assert "fixed 1 finding in 1 file(s)" in captured.err
    assert "min: 1.0e-5\n" in target.read_text()
    assert "W001" not in captured.out and "values" in captured.out  # the empty list is left


# --- safe fixes on generated files -------------------------------------------------------------

_COMMENT = re.compile(r"#.*$", re.MULTILINE)


def _without_dot(number: str) -> str:
    """The same number written `125e-7`: YAML 1.2 reads it as a float, YAML 1.1 as a string."""
    sign, digits, exponent = Decimal(number).as_tuple()
    mantissa = int("".join(map(str, digits)) or "0")
    return f"{'-' if sign else ''}{mantissa}e{exponent}"


@st.composite
def misread_wandb(draw: st.DrawFn) -> str:
    """A W&B sweep as people write it: numbers in exponent form without a dot (`1e-5`, a string
    to W&B), `yes`/`no` values, comments on lines and between them."""
    written = convert_text(dump(draw(strategies.wandb_specs())), "wandb").text
    assert written is not None
    lines = written.splitlines()
    out = []
    for written_line in lines:
        line = re.sub(
            r"(?<![\w.\-])-?\d+\.\d+(?:e[+-]?\d+)?(?![\w.])",
            lambda m: _without_dot(m[0]) if draw(st.booleans()) else m[0],
            written_line,
        )
        if draw(st.integers(0, 3)) == 0:
            out.append(" " * (len(line) - len(line.lstrip())) + "# " + draw(strategies.names))
        if "#" not in line and draw(st.integers(0, 3)) == 0:
            line += "  # " + draw(strategies.names)
        out.append(line)
    return "\n".join(out) + "\n"


@strategies.LAWS
@given(text=misread_wandb())
def test_safe_fixes_keep_the_meaning_and_every_comment(text: str) -> None:
    def check(current: str) -> list:  # type: ignore[type-arg]
        return check_text(current, "sweep.yaml")

    result = fix_text(text, check)
    before, after = load_text(text), load_text(result.text)
    if before.fatal:
        return
    assert plain(after.data) == plain(before.data)  # YAML 1.2's reading is unchanged
    assert _COMMENT.findall(result.text) == _COMMENT.findall(text)
    assert not [d for d in result.remaining if d.fix is not None and d.fix.safe]
    assert fix_text(result.text, check).text == result.text  # idempotent


@st.composite
def with_unused_suppressions(draw: st.DrawFn) -> str:
    text = dump(draw(strategies.hyperopt_specs()))
    lines = text.splitlines()
    out = []
    for dumped in lines:
        line = dumped
        if line.strip() and draw(st.integers(0, 2)) == 0:
            code = draw(st.sampled_from(["V001", "V003", "C001"]))
            line += f"  # sweepspec: ignore[{code}]"
        if draw(st.integers(0, 4)) == 0:
            out.append("# note " + draw(strategies.names))
        out.append(line)
    return "\n".join(out) + "\n"


@strategies.LAWS
@given(text=with_unused_suppressions())
def test_unused_suppressions_go_and_nothing_else_changes(text: str) -> None:
    result = fix_text(text, lambda t: check_text(t, "s.yaml"))
    assert "sweepspec: ignore" not in result.text
    assert plain(load_text(result.text).data) == plain(load_text(text).data)
    kept = [c for c in _COMMENT.findall(text) if "sweepspec: ignore" not in c]
    assert _COMMENT.findall(result.text) == kept
    assert result.text == re.sub(r"  # sweepspec: ignore\[\w+\]", "", text)
