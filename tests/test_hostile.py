"""Hostile input: every file below ends in a located diagnostic or a clear error message, within
bounded time and memory, never a traceback, a hang or a crash.

Each input goes through the library (``sweepspec.check``, and ``convert_file`` to every target)
and through the command line (``python -m sweepspec check`` and ``convert --to`` a target, each
in its own process, timed, with its peak memory measured). ``docs/limits.md`` lists what each
input yields and the time and memory measured; the bounds asserted here are generous multiples of
those measurements, so that a loaded CI machine passes and a quadratic or runaway path fails.
"""

from __future__ import annotations

import codecs
import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import GOOD

import sweepspec
from sweepspec.check import check_paths
from sweepspec.codes import BY_ID
from sweepspec.convert import convert_file
from sweepspec.diagnostics import Severity
from sweepspec.emit import MAX_MESSAGE
from sweepspec.formats import WRITABLE_IDS
from sweepspec.loader import MAX_BYTES, MAX_DEPTH, MAX_NODES, load_text

# Bounds for one command-line process (measured: at most 3 s and 77 MB for every input run here).
SECONDS = 30.0
MEGABYTES = 200.0

Finding = tuple[str, int, int]


# --- running the command line, timed and measured ------------------------------------------------


@dataclass(frozen=True)
class Run:
    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    megabytes: float
    """Peak resident memory of the process (``ru_maxrss`` from ``wait4``)."""

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


# Runs `python -m sweepspec ARGS` in a grandchild and writes its rusage to a file. Linux gives a
# process the peak memory of what it was before exec() too: a child of pytest would report
# pytest's own size; a grandchild of this small process reports its own.
MEASURE = """
import os, sys
usage_file, args = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    os.execv(sys.executable, [sys.executable, "-m", "sweepspec", *args])
_, status, usage = os.wait4(pid, 0)
with open(usage_file, "w") as handle:
    handle.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


class _Started:
    def __init__(self, args: Sequence[str], cwd: Path) -> None:
        self.args = tuple(args)
        # files, not pipes: a converted 1 MiB key is megabytes of output; closed in finish()
        self.out = tempfile.TemporaryFile()  # noqa: SIM115
        self.err = tempfile.TemporaryFile()  # noqa: SIM115
        handle, self.usage = tempfile.mkstemp(suffix=".rusage")
        os.close(handle)
        self.start = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-c", MEASURE, self.usage, *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=self.out,
            stderr=self.err,
            start_new_session=True,  # so that a timeout kills the grandchild too
        )

    def finish(self, timeout: float) -> Run:
        try:
            returncode = self.process.wait(
                timeout=max(0.0, self.start + timeout - time.perf_counter())
            )
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            pytest.fail(f"`sweepspec {' '.join(self.args)}` ran longer than {timeout} s")
        seconds = time.perf_counter() - self.start
        texts = []
        for handle in (self.out, self.err):
            handle.seek(0)
            texts.append(handle.read().decode("utf-8", errors="replace"))
            handle.close()
        usage = Path(self.usage)
        kilobytes = int(usage.read_text() or 0)
        usage.unlink()
        return Run(self.args, returncode, *texts, seconds, kilobytes / 1024)


def run_cli(commands: Sequence[Sequence[str]], cwd: Path, timeout: float = 120.0) -> list[Run]:
    """Run ``python -m sweepspec ARGS`` for each command, side by side, and measure each."""
    started = [_Started(args, cwd) for args in commands]
    return [s.finish(timeout) for s in started]


def assert_clean_exit(run: Run, expected: set[int]) -> None:
    assert run.returncode in expected, (run.args, run.returncode, run.output[-2000:])
    assert "Traceback" not in run.output, run.output[-4000:]
    assert "internal error" not in run.output, run.output[-2000:]
    assert "Warning" not in run.stderr, run.stderr[-2000:]
    assert run.seconds < SECONDS, (run.args, run.seconds)
    assert run.megabytes < MEGABYTES, (run.args, run.megabytes)


# --- the inputs ----------------------------------------------------------------------------------

SENTINEL = "PWNED"  # a file that a constructed tag would create in the test's directory


def _bomb() -> str:
    lines = [
        "sweepspec: 1",
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    return "\n".join([*lines, "param_space: {x: *i}", ""])


def _deep_block_mappings(levels: int) -> str:
    # one space of indentation per level: 1,000 levels is half a megabyte
    return "sweepspec: 1\nparam_space:\n" + "".join(" " * (i + 1) + "k:\n" for i in range(levels))


def _twenty_megabytes() -> str:
    body = "".join(f"  p{i}: {{uniform: [0, {i + 1}]}}  # comment {i}\n" for i in range(460_000))
    text = "sweepspec: 1\nparam_space:\n" + body
    assert len(text) >= 20_000_000
    return text


def many_nodes(limit: int) -> tuple[str, int]:
    """A list of more than ``limit`` values, and the column of the value that crosses it: the
    document, `1`, the space, `a`'s mapping and the list are values 1 to 5, item k is 6 + k."""
    text = "sweepspec: 1\nparam_space:\n  a: {choice: [" + "0, " * (limit + 10) + "0]}\n"
    return text, len("  a: {choice: [") + 3 * (limit - 5) + 1


TAG = "!!python/object/apply:os.system ['touch " + SENTINEL + "']"
LONG = "k" * (1 << 20)  # a 1 MiB key


@dataclass(frozen=True)
class Case:
    name: str
    content: Callable[[], bytes | str]
    findings: set[Finding]
    """What ``check`` reports, exactly (empty: a file that is fine)."""


CASES = [
    # aliases and nesting
    Case("alias-bomb", _bomb, {("Y010", 2, 8)}),
    Case("recursive-alias", lambda: "sweepspec: 1\nparam_space: &a {x: *a}\n", {("Y010", 2, 14)}),
    Case(
        "deep-flow-sequences",  # refused by the scanner, at the 101st `[` still open
        lambda: "sweepspec: 1\nparam_space: " + "[" * 10_000 + "]" * 10_000 + "\n",
        {("Y010", 2, len("param_space: ") + MAX_DEPTH + 1)},
    ),
    Case(
        "deep-flow-mappings",  # by the composer, at the 101st level (the document is the first)
        lambda: "sweepspec: 1\nparam_space: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n",
        {("Y010", 2, len("param_space: ") + 4 * (MAX_DEPTH - 1) + 1)},
    ),
    Case(
        "deep-block-sequences",  # `- - - ...`: the document, param_space and a are 3 levels
        lambda: "sweepspec: 1\nparam_space:\n  a:\n    " + "- " * 10_000 + "1\n",
        {("Y010", 4, 5 + 2 * (MAX_DEPTH - 2))},
    ),
    Case(
        "deep-block-mappings",  # the mapping on line 3 is level 2
        lambda: _deep_block_mappings(1_000),
        {("Y010", 3 + MAX_DEPTH - 1, MAX_DEPTH + 1)},
    ),
    # size
    Case("twenty-megabytes", _twenty_megabytes, {("Y010", 1, 1)}),
    Case(
        "long-key-implicit",
        lambda: f"sweepspec: 1\nparam_space:\n  {LONG}: 1\n",
        {("Y001", 3, len(LONG) + 3)},
    ),
    Case(
        "long-key-explicit",
        lambda: f"sweepspec: 1\nparam_space:\n  ? {LONG}\n  : {{uniform: [0, 1]}}\n",
        set(),
    ),
    Case(
        "long-key-unknown",
        lambda: f"sweepspec: 1\n? {LONG}\n: 1\nparam_space: {{a: 1}}\n",
        {("S003", 2, 3)},
    ),
    # bytes and encodings
    Case("binary-png", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16, {("Y004", 1, 1)}),
    Case(  # DEL (0x7f) is UTF-8; the 0x80 after the first newline is not
        "binary-elf", lambda: b"\x7fELF\x02\x01\x01" + bytes(range(1, 256)) * 16, {("Y004", 2, 118)}
    ),
    Case("invalid-utf8", lambda: GOOD.encode() + b"name: caf\xe9\n", {("Y004", 4, 10)}),
    Case("utf8-bom", lambda: codecs.BOM_UTF8 + GOOD.encode(), set()),
    Case("utf16-le-bom", lambda: codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"), set()),
    Case("utf16-be-bom", lambda: codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"), set()),
    Case("utf16-le-no-bom", lambda: GOOD.encode("utf-16-le"), set()),  # YAML 1.2 §5.2
    Case("utf32-be-bom", lambda: codecs.BOM_UTF32_BE + GOOD.encode("utf-32-be"), set()),
    Case(
        "utf16-truncated",
        lambda: codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le") + b"\x00",
        {("Y004", 4, 1)},
    ),
    Case("nul-byte", lambda: GOOD.replace("]}", "]}\x00"), {("Y001", 3, 24)}),
    Case("nul-bytes-only", lambda: b"\x00" * 4096, {("Y001", 1, 1)}),
    Case("control-character", lambda: GOOD + "name: a\x1bb\n", {("Y001", 4, 8)}),
    # line endings and tabs (an empty range on the last line shows that lines are counted right)
    Case(
        "crlf",
        lambda: "sweepspec: 1\r\nparam_space:\r\n  a: 1\r\n  lr: {uniform: [1, 0]}\r\n",
        {("V001", 4, 18)},
    ),
    Case(
        "mixed-line-endings",
        lambda: "sweepspec: 1\r\nparam_space:\n  a: 1\r  b: 2\r\n  lr: {uniform: [1, 0]}\n",
        {("V001", 5, 18)},
    ),
    Case("cr-only", lambda: GOOD.replace("\n", "\r"), set()),
    Case("tab-indentation", lambda: GOOD.replace("  lr", "\tlr"), {("Y003", 3, 1)}),
    # tags: reported, never constructed (the test checks that SENTINEL was never created)
    Case("tag-value", lambda: f"sweepspec: 1\nparam_space:\n  lr: {TAG}\n", {("Y005", 3, 7)}),
    Case("tag-key", lambda: f"sweepspec: 1\nparam_space:\n  ? {TAG}\n  : 1\n", {("Y005", 3, 5)}),
    Case("tag-root", lambda: TAG + "\n", {("Y005", 1, 1)}),
    Case(
        "tag-merged",
        lambda: "sweepspec: 1\nparam_space:\n  <<: !!python/object:os.system {x: 1}\n  a: 1\n",
        {("Y005", 3, 7)},
    ),
    Case(
        "tag-new-subprocess",
        lambda: (
            "sweepspec: 1\nparam_space:\n  a: !!python/object/new:subprocess.check_output"
            f" [[touch, {SENTINEL}]]\n"
        ),
        {("Y005", 3, 6)},
    ),
    Case(
        "tag-directive",  # %TAG crashed ruamel.yaml's parser as the loader drove it
        lambda: "%TAG !e! tag:example.com,2000:\n---\nsweepspec: 1\nparam_space: !e!space {}\n",
        {("Y005", 4, 14)},
    ),
    # anchors and merge keys
    Case(
        "merge-keys",
        lambda: (
            "sweepspec: 1\nx-base: &b {low: 0, high: 1}\nparam_space:\n"
            "  lr: {uniform: {<<: *b, high: 2}}\n  m: {uniform: *b}\n"
        ),
        set(),
    ),
    Case(
        "merge-keys-bad-value",  # found in the anchored mapping, and reported there
        lambda: (
            "sweepspec: 1\nx-base: &b {low: 1, high: 0}\nparam_space:\n"
            "  lr:\n    uniform:\n      <<: *b\n"
        ),
        {("V001", 2, 18)},
    ),
    Case(
        "duplicate-anchor",  # allowed by YAML; no warning reaches the terminal
        lambda: "sweepspec: 1\nx-a: &x 0\nx-b: &x 1\nparam_space: {lr: {uniform: [*x, 2]}}\n",
        set(),
    ),
    # numbers
    Case(
        "infinities",
        lambda: (
            "sweepspec: 1\nparam_space:\n  a: {uniform: [0, .inf]}\n  b: {uniform: [0, 1e400]}\n"
            "  c: {normal: [0, .nan]}\n"
        ),
        {("S007", 3, 20), ("S007", 4, 20), ("S007", 5, 19), ("V004", 5, 19)},
    ),
    Case(
        "five-thousand-digits",
        lambda: "sweepspec: 1\nparam_space:\n  a: {randint: [0, " + "9" * 5000 + "]}\n",
        {("Y010", 3, 20)},
    ),
    Case(
        "huge-hex-integer",  # reads, but Python could not write it in decimal
        lambda: "sweepspec: 1\nparam_space:\n  a: 0x" + "f" * 4000 + "\n",
        {("Y010", 3, 6)},
    ),
    Case("invalid-date", lambda: GOOD + "name: 2024-02-30\n", {("Y001", 4, 7)}),
]


def _write(directory: Path, name: str, content: bytes | str) -> Path:
    path = directory / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def _errors(findings: set[Finding]) -> set[Finding]:
    return {f for f in findings if BY_ID[f[0]].severity is Severity.ERROR}


@pytest.mark.slow  # each case runs the command line in its own processes, measured
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_yaml(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where a constructed tag would create SENTINEL
    path = _write(tmp_path, f"{case.name}.yaml", case.content())
    name = path.name
    errors = _errors(case.findings)
    # The library converts every input to every target, through every reader and writer. The
    # command line, the same for every target, converts each input to one target, a different
    # one from case to case (so that each target meets clean and refused files).
    target = WRITABLE_IDS[CASES.index(case) % len(WRITABLE_IDS)]
    commands = [["check", name], ["convert", name, "--to", target]]
    started = [_Started(args, tmp_path) for args in commands]  # while the library runs below

    begin = time.perf_counter()
    checked = sweepspec.check(path)
    assert {(d.code, d.line, d.column) for d in checked} == case.findings
    assert all(len(d.message) <= MAX_MESSAGE for d in checked)
    for to in WRITABLE_IDS:
        result = convert_file(path, to)
        converted = {(d.code, d.line, d.column) for d in result.diagnostics}
        if errors:
            assert result.text is None, to
            assert errors <= converted, (to, converted)
        else:
            assert result.text is not None and not result.failed(), (to, result.diagnostics)
    assert time.perf_counter() - begin < SECONDS * 2

    check, convert = [s.finish(120.0) for s in started]
    assert_clean_exit(check, {1} if errors else {0, 1})
    for code, line, column in errors:
        assert f"{name}:{line}:{column}: error {code} " in check.stdout, check.stdout[:2000]
    assert_clean_exit(convert, {1} if errors else {0})
    if errors:
        assert "nothing written" in convert.stderr and convert.stdout == ""
        for code, line, column in errors:
            assert f"{name}:{line}:{column}: error {code} " in convert.stderr
    else:
        assert convert.stdout.strip()
    assert not (tmp_path / SENTINEL).exists(), "a YAML tag was constructed"


def test_many_nodes_are_refused_while_composing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past MAX_NODES values the composer stops, wherever the file ends; the walker would refuse
    the document too, but only once all of it was composed. At the real limit this takes some
    10 s (`many-nodes` in docs/limits.md, measured with ``many_nodes(MAX_NODES)``); here the
    limit is lowered."""
    import sweepspec.loader

    monkeypatch.setattr(sweepspec.document, "MAX_NODES", 1_000)
    text, column = many_nodes(1_000)
    found = load_text(text, "t.yaml").diagnostics
    assert [(d.code, d.line, d.column, d.message) for d in found] == [
        ("Y010", 3, column, "the document has more than 1,000 nodes")
    ]
    text = "sweepspec: 1\nparam_space:\n" + "".join(f"  p{i}: {i}\n" for i in range(5_000))
    doc = load_text(text, "t.yaml")
    # values: the document, `1`, the space, then one per parameter: p997 is value 1,001
    assert [(d.code, d.line, d.column) for d in doc.diagnostics] == [("Y010", 1_000, 9)]


def test_tag_payload_is_live(tmp_path: Path) -> None:
    """The control for the tag cases: an unsafe loader does run the payload they carry."""
    yaml = pytest.importorskip("yaml")
    text = f"a: {TAG}\n".replace(SENTINEL, str(tmp_path / SENTINEL))
    yaml.unsafe_load(text)
    assert (tmp_path / SENTINEL).exists()


def test_limits_are_the_documented_ones() -> None:
    limits = (Path(__file__).parent.parent / "docs" / "limits.md").read_text(encoding="utf-8")
    assert f"{MAX_BYTES:,} bytes" in limits
    assert f"{MAX_NODES:,}" in limits and f"{MAX_DEPTH} levels" in limits
    assert f"{sys.get_int_max_str_digits():,} digits" in limits
    for case in [*CASES, *SOURCES]:
        assert f"`{case.name}`" in limits, case.name
    explanation = BY_ID["Y010"].explanation  # the diagnostics reference says the same
    assert f"{MAX_BYTES // 1024 // 1024} MiB" in explanation and f"{MAX_NODES:,}" in explanation
    assert f"{MAX_DEPTH} levels" in explanation


def test_messages_quoting_a_huge_key_are_shortened() -> None:
    key = "k" * 5_000
    doc = load_text(f"sweepspec: 1\n? {key}\n: 1\nparam_space: {{a: 1}}\n", "t.yaml")
    (finding,) = sweepspec.check(doc)
    assert finding.code == "S003" and len(finding.message) <= MAX_MESSAGE
    assert finding.message.startswith("unknown key `kkk") and "characters)..." in finding.message
    hint = sweepspec.check_text(f"a:\n  {key}: 1\n")[0].hint
    assert hint is not None and "`? key`" in hint


# --- Python sources, parsed and never run ---------------------------------------------------------

SPACE = "from hyperopt import hp\nspace = {'lr': hp.uniform('lr', 0, 1)}\n"
LATIN = (
    "# -*- coding: latin-1 -*-\nfrom hyperopt import hp\n"
    "space = {'name': hp.choice('name', ['café'])}\n"
)


@dataclass(frozen=True)
class Source:
    name: str
    content: Callable[[], bytes | str]
    finding: Finding | None
    """The error every conversion reports (None: it converts)."""


SOURCES = [
    Source("syntax-error", lambda: SPACE.replace("1)}", "1)"), ("X003", 2, 9)),
    Source("null-byte", lambda: SPACE.replace("1)}", "1)}\x00"), ("X003", 2, 39)),
    Source("invalid-utf8", lambda: SPACE.encode().replace(b"'lr'", b"'l\xe9'", 1), ("Y004", 2, 12)),
    Source("utf16", lambda: SPACE.encode("utf-16"), ("Y004", 1, 1)),
    Source("unknown-encoding", lambda: "# -*- coding: klingon -*-\n" + SPACE, ("X003", 1, 1)),
    Source("binary", lambda: bytes(range(256)) * 8, ("Y004", 2, 118)),
    Source(
        "nested-parentheses",
        lambda: SPACE.replace("0, 1", "(" * 500 + "0" + ")" * 500 + ", 1"),
        (
            "X003",
            2,
            231,  # where Python stops: at its 200th open parenthesis
        ),
    ),
    Source(
        "deep-expression",  # 100,000 terms overflow the recursion of ast.parse itself
        lambda: SPACE.replace("0, 1", "0, " + "+".join(["1"] * 100_000)),
        ("X003", 1, 1),
    ),
    Source("utf8-bom", lambda: codecs.BOM_UTF8 + SPACE.encode(), None),
    Source(
        "latin1-declared",  # PEP 263: read as Latin-1, as Python reads it; nothing is lost
        lambda: LATIN.encode("latin-1"),
        None,
    ),
    Source(
        "side-effects",  # module code is never run
        lambda: f"import os\nos.system('touch {SENTINEL}')\nopen('{SENTINEL}', 'w')\n" + SPACE,
        None,
    ),
]


@pytest.mark.slow  # each case runs the command line in its own processes, measured
@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.name)
def test_hostile_python_source(
    source: Source, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where running the module would create SENTINEL
    path = _write(tmp_path, f"{source.name}.py", source.content())
    name = path.name
    started = [_Started(["convert", name, "--to", to], tmp_path) for to in WRITABLE_IDS]
    for to in WRITABLE_IDS:
        result = convert_file(path, to)
        found = {(d.code, d.line, d.column) for d in result.diagnostics}
        if source.finding is None:  # read, and written as a spec
            assert not any(d.code in ("X003", "Y004", "Y010") for d in result.diagnostics), found
            # to the other targets, the space needs a metric and mode, which it does not name
            assert result.text is not None or (to != "spec" and found == {("V013", 1, 1)}), found
            if source.name == "latin1-declared" and result.text is not None:
                assert "café" in result.text, result.text
        else:
            assert result.text is None and source.finding in found, (to, found)
    for run in (s.finish(120.0) for s in started):
        if source.finding is None:
            assert_clean_exit(run, {0, 1})  # hyperopt's space lacks metric/mode for some targets
        else:
            assert_clean_exit(run, {1})
            code, line, column = source.finding
            assert f"{name}:{line}:{column}: error {code} " in run.stderr, run.stderr[:2000]
    assert not (tmp_path / SENTINEL).exists(), "the module was run"


# --- directories: links, special files, unreadable files -----------------------------------------


def test_symlink_loops_in_a_directory_walk(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD)
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    (tmp_path / "self.yaml").symlink_to("self.yaml")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..", target_is_directory=True)  # a directory loop
    (tmp_path / "sub" / "inner.yaml").write_text(GOOD)

    report = check_paths([tmp_path], jobs=1)
    assert sorted(Path(p).name for p in report.checked) == ["good.yaml", "inner.yaml"]
    assert (
        sorted(e.split(": ", 1)[1] for e in report.errors)
        == ["Too many levels of symbolic links"] * 3
    )

    (run,) = run_cli([["check", "."]], tmp_path, timeout=60)
    assert_clean_exit(run, {2})
    assert run.stdout == "No findings in 2 files checked; 3 paths could not be read.\n"
    for name in ("a.yaml", "b.yaml", "self.yaml"):
        assert f"cannot read {name}: Too many levels of symbolic links" in run.stderr


def test_special_files_in_a_directory_walk_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD)
    os.mkfifo(tmp_path / "fifo.yaml")  # reading it would wait for a writer forever
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")  # reading it would never end
    (run,) = run_cli([["check", "-v", "."]], tmp_path, timeout=60)
    assert_clean_exit(run, {0})
    assert "All checks passed (1 file checked)." in run.stdout
    assert "skipped fifo.yaml" in run.stderr and "skipped zero.yaml" in run.stderr


def test_an_endless_file_named_explicitly_is_refused_after_max_bytes(tmp_path: Path) -> None:
    check, convert = run_cli(
        [["check", "/dev/zero"], ["convert", "/dev/zero", "--to", "spec"]], tmp_path
    )
    for run in (check, convert):
        assert_clean_exit(run, {1})
        assert "/dev/zero:1:1: error Y010 the file is larger than" in run.output
    found = sweepspec.check("/dev/zero")
    assert [(d.code, d.line, d.column) for d in found] == [("Y010", 1, 1)]


def test_standard_input_is_read_up_to_the_limit(tmp_path: Path) -> None:
    """20 MB on standard input: only MAX_BYTES + 1 bytes are read, then Y010."""
    data = _twenty_megabytes().encode()
    for args, stream in ((["check", "-"], "stdout"), (["convert", "-", "--to", "wandb"], "stderr")):
        begin = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-m", "sweepspec", *args],
            cwd=tmp_path,
            input=data,
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert time.perf_counter() - begin < SECONDS
        assert result.returncode == 1, result.stderr
        output = getattr(result, stream).decode()
        assert "<stdin>:1:1: error Y010 the file is larger than" in output
        assert b"Traceback" not in result.stderr


@pytest.mark.skipif(
    os.geteuid() == 0,
    reason="running as root: chmod 000 does not stop root from reading a file "
    "(test_io_errors_are_reported_without_traceback covers unreadable paths as root)",
)
def test_unreadable_file_in_a_directory_walk(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD)
    locked = tmp_path / "locked.yaml"
    locked.write_text(GOOD)
    locked.chmod(0)
    try:
        report = check_paths([tmp_path], jobs=1)
        assert [e.rsplit(": ", 1)[1] for e in report.errors] == ["Permission denied"]
        runs = run_cli([["check", "."], ["convert", "locked.yaml", "--to", "wandb"]], tmp_path)
        for run in runs:
            assert_clean_exit(run, {2})
            assert "cannot read locked.yaml: Permission denied" in run.stderr
    finally:
        locked.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_io_errors_are_reported_without_traceback(tmp_path: Path) -> None:
    """Paths that cannot be read, as anyone (root included): under a file, a directory, a loop."""
    (tmp_path / "file.yaml").write_text(GOOD)
    (tmp_path / "dir.yaml").mkdir()
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    runs = run_cli(
        [
            ["check", "file.yaml/x.yaml"],
            ["check", "loop.yaml"],
            ["convert", "dir.yaml", "--to", "spec"],
            ["convert", "file.yaml/x.yaml", "--to", "wandb"],
            ["convert", "loop.yaml", "--to", "hyperopt"],
        ],
        tmp_path,
    )
    reasons = ["Not a directory", "Too many levels", "Is a directory", "Not a directory", "Too"]
    for run, reason in zip(runs, reasons, strict=True):
        assert_clean_exit(run, {2})
        assert "sweepspec: error: cannot read " in run.stderr and reason in run.stderr
    with pytest.raises(OSError, match="Too many levels of symbolic links"):
        sweepspec.check(tmp_path / "loop.yaml")
    with pytest.raises(IsADirectoryError):
        convert_file(tmp_path / "dir.yaml", "spec")
