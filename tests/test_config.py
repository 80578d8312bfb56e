"""Project configuration, command-line overrides, discovery, and standard input."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from conftest import GOOD, WARN, write

from sweepspec import check_paths
from sweepspec.cli import main
from sweepspec.diagnostics import Severity
from sweepspec.settings import Config, ConfigError, find, load

UNSUPPORTED = "sweepspec: 1\nparam_space:\n  p: {beta: [2, 3]}\n"


def test_pyproject_table(tmp_path: Path) -> None:
    write(
        tmp_path,
        "pyproject.toml",
        '[project]\nname = "x"\n\n[tool.sweepspec]\n'
        'targets = ["hyperopt"]\nignore = ["V01"]\nfail-on = "warning"\n'
        'exclude = ["legacy/"]\n',
    )
    config = load(find(tmp_path / "sub" if (tmp_path / "sub").mkdir() is None else tmp_path))
    assert config.source == tmp_path / "pyproject.toml"
    assert config.targets == ("hyperopt",)
    assert config.fail_on is Severity.WARNING
    assert not config.wants("V014") and config.wants("V001") and config.wants("S003")


def test_standalone_file_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.sweepspec]\nselect = ['S']\n")
    write(tmp_path, ".sweepspec.toml", "select = ['V']\n")
    assert load(find(tmp_path)).select == ("V",)


@pytest.mark.parametrize(
    ("text", "line", "key", "words"),
    [
        ("[tool.sweepspec]\nfail-on = 'fatal'\n", 2, "fail-on", "is not one of"),
        (
            "[tool.other]\nx = 1\n\n[tool.sweepspec]\ntargets = ['tune', 'keras']\n",
            5,
            "targets",
            "is not one of",
        ),
        ("[tool.sweepspec]\n\nfial-on = 'error'\n", 3, "fial-on", "is not a sweepspec setting"),
        ("[tool.sweepspec]\nignore = ['Z9']\n", 2, "ignore", "no code or code prefix"),
        ("[tool.sweepspec]\nselect = 'V'\n", 2, "select", "is not of type 'array'"),
        ("[tool.sweepspec]\ntargets = [\n", 3, None, "not valid TOML"),
    ],
)
def test_bad_configuration_names_file_line_and_key(
    tmp_path: Path, text: str, line: int, key: str | None, words: str
) -> None:
    path = write(tmp_path, "pyproject.toml", text)
    with pytest.raises(ConfigError) as exc:
        load(path)
    assert exc.value.line == line and exc.value.key == key
    assert str(exc.value).startswith(f"{path}:{line}:")
    assert words in str(exc.value)


def test_bad_configuration_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, ".sweepspec.toml", "targets = ['keras']\n")
    write(tmp_path, "s.yaml", GOOD)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "s.yaml"]) == 2
    err = capsys.readouterr().err
    assert ".sweepspec.toml:1: `targets`" in err


def test_configured_settings_and_flag_overrides(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, ".sweepspec.toml", "targets = ['hyperopt']\nfail-on = 'warning'\n")
    write(tmp_path, "warn.yaml", WARN)
    write(tmp_path, "beta.yaml", UNSUPPORTED)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "warn.yaml"]) == 1  # fail-on warning from the file
    assert main(["check", "--fail-on", "error", "warn.yaml"]) == 0  # the flag wins
    assert main(["check", "beta.yaml"]) == 1  # configured target hyperopt has no beta
    assert main(["check", "--target", "wandb", "beta.yaml"]) == 0  # replaced by the flag
    assert main(["check", "--ignore", "C", "beta.yaml"]) == 0
    assert main(["check", "--select", "S", "--fail-on", "warning", "warn.yaml"]) == 0
    capsys.readouterr()
    assert main(["check", "--config", str(tmp_path / "none.toml"), "warn.yaml"]) == 2


def test_excludes_and_gitignore(tmp_path: Path) -> None:
    write(tmp_path, "sweeps/a.yaml", GOOD)
    write(tmp_path, "sweeps/old/b.yaml", GOOD)
    write(tmp_path, "sweeps/gen/c.yml", GOOD)
    write(tmp_path, "sweeps/gen/keep.yml", GOOD)
    write(tmp_path, "sweeps/d.sweep", GOOD)
    (tmp_path / ".git").mkdir()
    write(tmp_path, ".gitignore", "sweeps/gen/*\n!sweeps/gen/keep.yml\n")
    config = Config(root=tmp_path, exclude=("sweeps/old/",))
    report = check_paths([tmp_path / "sweeps"], config=config)
    names = sorted(Path(p).relative_to(tmp_path).as_posix() for p in report.checked)
    assert names == ["sweeps/a.yaml", "sweeps/gen/keep.yml"]
    everything = check_paths(
        [tmp_path / "sweeps"], config=Config(root=tmp_path, respect_gitignore=False)
    )
    assert len(everything.checked) == 4
    named = check_paths([tmp_path / "sweeps/old/b.yaml"], config=config)
    assert named.checked == [] and len(named.excluded) == 1
    include = Config(root=tmp_path, include=("*.sweep",))
    assert len(check_paths([tmp_path / "sweeps"], config=include).checked) == 1


def test_symlink_loop_is_not_followed(tmp_path: Path) -> None:
    write(tmp_path, "a/s.yaml", GOOD)
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    assert len(check_paths([tmp_path / "a"]).checked) == 1


def test_only_specs_skips_named_non_specs(tmp_path: Path) -> None:
    other = write(tmp_path, "ci.yaml", "jobs: {}\n")
    spec = write(tmp_path, "s.yaml", WARN)
    assert main(["check", "-q", str(other)]) == 1
    assert main(["check", "-q", "--only-specs", "--fail-on", "warning", str(other)]) == 0
    assert main(["check", "-q", "--only-specs", "--fail-on", "warning", str(spec)]) == 1


def test_stdin_with_a_filename(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(WARN.encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["check", "--stdin-filename", "sweeps/x.yaml", "--fail-on", "warning", "-"]) == 1
    assert capsys.readouterr().out.startswith("sweeps/x.yaml:3:8: warning V014")
