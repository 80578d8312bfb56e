from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOOD, INVALID, VALID, WARN, write

from sweepspec.cli import main
from sweepspec.exitcodes import ExitCode


def test_exit_codes(tmp_path: Path) -> None:
    assert main(["check", str(write(tmp_path, "good.yaml", GOOD))]) == ExitCode.OK
    assert main(["check", str(INVALID / "acceptance.yaml")]) == ExitCode.FINDINGS
    assert main(["check", str(tmp_path / "missing.yaml")]) == ExitCode.ERROR


def test_fail_on_warning(tmp_path: Path) -> None:
    path = str(write(tmp_path, "warn.yaml", WARN))
    assert main(["check", path]) == ExitCode.OK
    assert main(["check", "--fail-on", "warning", path]) == ExitCode.FINDINGS


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["check", "--format", "nope"])
    assert exc.value.code == 2


def test_text_output_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "warn.yaml", WARN)
    main(["check", str(path)])
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{path}:3:8: warning V014 `unifrom` is not a distribution, so this is read as a "
        "group holding a constant `unifrom`"
    )
    assert out[1].startswith("    hint: did you mean `uniform`?")
    assert out[-1] == "Found 1 warning in 1 file checked."


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "warn.yaml", WARN)
    main(["check", "--format", "json", str(path)])
    (d,) = json.loads(capsys.readouterr().out)["diagnostics"]
    assert d["code"] == "V014" and d["severity"] == "warning"
    assert (d["line"], d["column"], d["end_line"], d["end_column"]) == (3, 8, 3, 15)
    assert d["json_path"] == "$.param_space.lr.unifrom"


def test_directories_skip_yaml_that_is_not_a_spec(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "a/sweep.yaml", GOOD)
    write(tmp_path, "a/quoted.yml", GOOD.replace("sweepspec:", '"sweepspec":'))
    write(tmp_path, "a/b/other.yml", "jobs: {build: {runs-on: ubuntu}}\n")
    write(tmp_path, "a/.hidden/sweep.yaml", "sweepspec: 1\nbad: key\n")
    write(tmp_path, "a/notes.txt", "sweepspec: 1\n")
    assert main(["check", "-v", str(tmp_path / "a")]) == ExitCode.OK
    captured = capsys.readouterr()
    assert "All checks passed (2 files checked)." in captured.out
    assert "skipped" in captured.err and "other.yml" in captured.err


def test_explicit_non_spec_file_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "ci.yaml", "jobs: {build: {runs-on: ubuntu-latest}}\n")
    assert main(["check", str(path)]) == ExitCode.FINDINGS


def test_unreadable_file_is_an_io_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = tmp_path / "dir.yaml"
    directory.mkdir()
    assert main(["check", str(write(tmp_path, "ok.yaml", GOOD)), str(tmp_path / "nope.yaml")]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("files", "summary"),
    [
        (["missing-dir/", "ok.yaml"], "No findings in 1 file checked; 1 path could not be read."),
        (["nosuch.yaml"], "No findings in 0 files checked; 1 path could not be read."),
        (
            ["warn.yaml", "nosuch.yaml", "gone/"],
            "Found 1 warning in 1 file checked; 2 paths could not be read.",
        ),
    ],
)
def test_the_summary_never_says_passed_when_the_exit_code_is_not_0(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    files: list[str],
    summary: str,
) -> None:
    write(tmp_path, "ok.yaml", GOOD)
    write(tmp_path, "warn.yaml", WARN)
    monkeypatch.chdir(tmp_path)
    assert main(["check", *files]) == ExitCode.ERROR
    out, err = capsys.readouterr()
    assert "passed" not in out
    assert out.splitlines()[-1] == summary
    assert err.count("cannot read") == sum(not (tmp_path / f).exists() for f in files)


def test_schema_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "sweepspec v1"
    assert main(["schema", "--path"]) == 0
    assert Path(capsys.readouterr().out.strip()).is_file()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("sweepspec ")


def test_module_and_console_script_entry_points() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sweepspec", "check", str(VALID / "seed.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "All checks passed" in result.stdout
    script = Path(sys.executable).with_name("sweepspec")
    if script.exists():
        result = subprocess.run(
            [str(script), "check", str(INVALID / "acceptance.yaml")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1


def test_internal_errors_exit_2_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sweepspec.cli

    def boom(paths: object, **options: object) -> object:
        raise RuntimeError("bug")

    monkeypatch.setattr(sweepspec.cli, "check_paths", boom)
    monkeypatch.delenv("SWEEPSPEC_TRACEBACK", raising=False)
    assert main(["check", "x.yaml"]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert "Traceback" not in err
    first, frame, *rest = err.splitlines()
    assert first == "sweepspec: internal error: RuntimeError: bug"
    # the frame that raised it, so that a report says where
    assert frame == f"    at {__file__}:{boom.__code__.co_firstlineno + 1} in boom"
    assert rest[-1].endswith("https://github.com/sweepspec/sweepspec/issues")
    assert "SWEEPSPEC_TRACEBACK=1" in rest[0]

    monkeypatch.setenv("SWEEPSPEC_TRACEBACK", "1")
    assert main(["check", "x.yaml"]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):")
    assert 'raise RuntimeError("bug")' in err and "in _check" in err
    assert "sweepspec: internal error: RuntimeError: bug" in err


def test_a_closed_pipe_is_an_io_error_not_an_internal_one() -> None:
    """`sweepspec convert ... | head -1` printed "internal error: BrokenPipeError"."""
    process = subprocess.Popen(
        [sys.executable, "-m", "sweepspec", "convert", str(VALID / "seed.yaml"), "--to", "wandb"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader goes away before anything is written
    with process.stderr:
        error = process.stderr.read().decode()
    assert process.wait() == ExitCode.ERROR
    assert "internal error" not in error and "Traceback" not in error


# --- `check` of a Python source or notebook: its space as `convert` reads it ------------------

CHECK_PYTHON = Path(__file__).parent / "data" / "check_python"


def test_check_reads_a_python_space_and_places_its_errors_in_the_module(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = CHECK_PYTHON / "swapped_bounds.py"
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().out
    assert f"{path}:5:16: error V001" in err
    assert f"{path}:6:15: error V006" in err
    assert "Y001" not in err  # it was read as YAML: "mapping values are not allowed here"


@pytest.mark.parametrize(
    "path",
    [
        "docs/examples/tune/tuner.py",
        "docs/examples/wandb-python/sweep.py",
        "tests/data/wandb_python/sweeps.ipynb",
    ],
)
def test_check_passes_a_readable_module_and_says_nothing_of_conversions(
    path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", str(Path(__file__).parent.parent / path)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "X001" not in out and "X004" not in out


def test_check_of_a_module_without_a_space_is_an_error_at_its_first_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "util.py"
    path.write_text("def add(a, b):\n    return a + b\n", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    assert f"{path}:1:1: error X003" in capsys.readouterr().out


def test_the_library_checks_a_python_space_as_the_command_does() -> None:
    import sweepspec

    found = sweepspec.check(CHECK_PYTHON / "swapped_bounds.py")
    assert [(d.code, d.span.line, d.span.column) for d in found] == [
        ("V001", 5, 16),
        ("V006", 6, 15),
    ]
    assert all(d.fix is None for d in found)  # a fix of the spec read would edit the module


def test_check_of_a_wandb_module_says_what_wandb_refuses_once_each(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`log_uniform` in a W&B dict: W&B refuses it (W002), as `check` says of the YAML; it
    said "All checks passed". A mistake W&B's rules find is not said again in the spec's
    terms (V001 and V005 came twice)."""
    path = CHECK_PYTHON / "wandb_deprecated.py"
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert [line.split(" ")[2] for line in out.splitlines() if ": error " in line] == [
        "W002",
        "W002",
    ]
    path = CHECK_PYTHON / "wandb_mistakes.py"
    assert main(["check", str(path)]) == 1
    codes = [line.split(" ")[2] for line in capsys.readouterr().out.splitlines() if "error" in line]
    assert sorted(codes) == sorted(set(codes)), codes  # each once
    assert "V001" in codes and "V005" in codes
