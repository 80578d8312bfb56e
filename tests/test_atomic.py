"""Nothing lost: every file sweepspec writes is replaced in one step (sweepspec.atomic).

A write killed at any point leaves the old file; the permissions of a replaced file are kept; a
symbolic link is written through, to the file it points to; ``convert`` never writes over its
input unless ``--in-place`` says so.
"""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOOD

from sweepspec import atomic
from sweepspec.cli import main
from sweepspec.exitcodes import ExitCode

OLD = b"# the old output, which must survive\nsweepspec: 1\n"

# Runs the real command line with every write slowed down: each 1 KiB of the temporary file is
# written and flushed, then it waits; "writing" on stderr says that the temporary file has bytes.
SLOW_CLI = """
import os, sys, time

real_fdopen = os.fdopen

class Slow:
    def __init__(self, handle):
        self.handle = handle
    def write(self, data):
        for start in range(0, len(data), 1024):
            self.handle.write(data[start : start + 1024])
            self.handle.flush()
            if start == 1024:
                print("writing", file=sys.stderr, flush=True)
            time.sleep(0.05)
        return len(data)
    def __getattr__(self, name):
        return getattr(self.handle, name)
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)

os.fdopen = lambda *args, **kwargs: Slow(real_fdopen(*args, **kwargs))
from sweepspec.cli import main
sys.exit(main(sys.argv[1:]))
"""


def big_spec(parameters: int = 400) -> str:
    lines = [f"  p{i}: {{uniform: [0, {i + 1}]}}  # parameter {i}" for i in range(parameters)]
    return "sweepspec: 1\nmetric: loss\nmode: min\nparam_space:\n" + "\n".join(lines) + "\n"


def leftovers(directory: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name not in keep)


@pytest.mark.slow
def test_a_write_killed_midway_leaves_the_old_file(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_text(big_spec())
    target = tmp_path / "out.yaml"
    target.write_bytes(OLD)
    args = ["convert", "big.yaml", "--to", "wandb", "-o", "out.yaml"]
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_CLI, *args],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stderr is not None
        line = child.stderr.readline()  # blocks until the temporary file holds 2 KiB
        assert line.strip() == "writing", line + child.stderr.read()
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=60)
        if child.stderr is not None:
            child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    assert target.read_bytes() == OLD  # exactly the old bytes
    # What a kill leaves: one hidden, partial temporary file beside the target, nothing else.
    (temporary,) = leftovers(tmp_path, "big.yaml", "out.yaml")
    assert temporary.startswith(".out.yaml.") and temporary.endswith(".tmp")
    assert (tmp_path / temporary).stat().st_size >= 2048

    # Not killed, the same command replaces the file and leaves nothing behind.
    (tmp_path / temporary).unlink()
    done = subprocess.run([sys.executable, "-m", "sweepspec", *args], cwd=tmp_path, check=False)
    assert done.returncode == 0
    assert target.read_text().startswith("method: ")
    assert leftovers(tmp_path, "big.yaml", "out.yaml") == []


def test_an_exception_during_the_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.yaml"
    target.write_bytes(OLD)

    def fail(*args: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C between writing the data and the rename

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_text(target, "new text\n")
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path, "out.yaml") == []  # the temporary file is removed


def test_a_failing_conversion_leaves_the_output_alone(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("sweepspec: 1\nparam_space:\n  lr: {uniform: [1, 0]}\n")
    target = tmp_path / "out.yaml"
    target.write_bytes(OLD)
    assert main(["convert", str(tmp_path / "bad.yaml"), "--to", "wandb", "-o", str(target)]) == 1
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path, "bad.yaml", "out.yaml") == []


def test_permissions_and_owner_are_kept(tmp_path: Path) -> None:
    (tmp_path / "in.yaml").write_text(GOOD)
    target = tmp_path / "out.yaml"
    target.write_bytes(OLD)
    target.chmod(0o640)
    if os.geteuid() == 0:  # root can give files away: the owner and group are kept too
        os.chown(target, 65534, 65534)
    assert main(["convert", str(tmp_path / "in.yaml"), "--to", "wandb", "-o", str(target)]) == 0
    info = target.stat()
    assert stat.S_IMODE(info.st_mode) == 0o640
    assert target.read_text().startswith("method: ")
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (65534, 65534)


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic.write_text(tmp_path / "new.yaml", "a: 1\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640


def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    """Writing to a link replaces the file it points to and keeps the link (as `>` does)."""
    (tmp_path / "in.yaml").write_text(GOOD)
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "sweep.yaml"
    real.write_bytes(OLD)
    real.chmod(0o600)
    link = tmp_path / "link.yaml"
    link.symlink_to(Path("real") / "sweep.yaml")
    assert main(["convert", str(tmp_path / "in.yaml"), "--to", "wandb", "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(Path("real") / "sweep.yaml")
    assert real.read_text().startswith("method: ")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert leftovers(tmp_path / "real", "sweep.yaml") == []  # the temporary file was beside it

    dangling = tmp_path / "dangling.yaml"
    dangling.symlink_to("created.yaml")
    atomic.write_text(dangling, "a: 1\n")
    assert dangling.is_symlink() and (tmp_path / "created.yaml").read_text() == "a: 1\n"


def test_convert_never_writes_over_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.yaml"
    source.write_text(GOOD)
    before = source.read_bytes()
    (tmp_path / "alias.yaml").symlink_to("in.yaml")
    os.link(source, tmp_path / "hard.yaml")
    for output in (
        "in.yaml",
        "./in.yaml",
        "alias.yaml",
        "hard.yaml",
        "../" + tmp_path.name + "/in.yaml",
    ):
        code = main(["convert", str(source), "--to", "wandb", "-o", str(tmp_path / output)])
        assert code == ExitCode.ERROR, output
        assert "pass --in-place" in capsys.readouterr().err
        assert source.read_bytes() == before
    # --in-place says so: through the link, the input itself is replaced and the link kept.
    assert (
        main(
            [
                "convert",
                str(source),
                "--to",
                "spec",
                "-o",
                str(tmp_path / "alias.yaml"),
                "--in-place",
            ]
        )
        == 0
    )
    assert (tmp_path / "alias.yaml").is_symlink()
    assert source.read_text() == GOOD


def test_writing_to_a_device_writes_into_it(tmp_path: Path) -> None:
    """`-o /dev/stdout` or `-o /dev/null`: a device cannot be replaced (and must not be)."""
    (tmp_path / "in.yaml").write_text(GOOD)
    before, listed = os.stat("/dev/null"), set(os.listdir("/dev"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sweepspec",
            "convert",
            "in.yaml",
            "--to",
            "wandb",
            "-o",
            "/dev/stdout",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("method: ")
    assert main(["convert", str(tmp_path / "in.yaml"), "--to", "wandb", "-o", "/dev/null"]) == 0
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert [n for n in set(os.listdir("/dev")) - listed if n.startswith(".null.")] == []


def test_write_errors_are_reported_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in.yaml").write_text(GOOD)
    (tmp_path / "dir.yaml").mkdir()
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    for output, reason in (
        (tmp_path / "missing" / "out.yaml", "No such file or directory"),
        (tmp_path / "dir.yaml", "Is a directory"),
        (tmp_path / "loop.yaml", "Too many levels of symbolic links"),
    ):
        for command in (
            ["convert", str(tmp_path / "in.yaml"), "--to", "wandb", "-o", str(output)],
            ["check", str(tmp_path / "in.yaml"), "-o", str(output)],
        ):
            assert main(command) == ExitCode.ERROR
            err = capsys.readouterr().err
            assert f"sweepspec: error: cannot write {output}: {reason}" in err, err
            assert "internal error" not in err and "Traceback" not in err
    assert leftovers(tmp_path, "in.yaml", "dir.yaml", "loop.yaml") == []


def test_every_write_in_the_package_goes_through_atomic() -> None:
    """An audit that stays true: no module but sweepspec.atomic opens a file for writing."""
    package = Path(__file__).resolve().parent.parent / "sweepspec"
    writers = ("write_text(", "write_bytes(", "open(", "os.open(", ".dump(")
    allowed = {"atomic.py"}
    offenders = []
    for module in package.rglob("*.py"):
        if module.name in allowed:
            continue
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if "atomic.write_text(" in code or "atomic.write_bytes(" in code:
                continue
            if any(w in code for w in writers) and any(m in code for m in ('"w', "'w", "write_")):
                offenders.append(f"{module.relative_to(package)}:{number}: {line.strip()}")
    assert offenders == []
