"""A mutation fuzzer for sweepspec's public API and command line.

It takes real sweep files (the shared corpus, ``../shared/corpus``, the bundled examples,
``docs/examples/**/*.yaml`` and ``*.py``, and hyperopt modules sweepspec writes), mutates them
(bit flips, hostile bytes, truncation, deleted keys, swapped value types, renamed keys and words,
hostile scalars and numbers, numbers no float holds, standard tags on text they do not fit,
mappings that merge themselves, comments between a key and its first item, changed indentation,
duplicated, swapped, deleted or inserted lines, renamed calls in Python), gives one case in eight
a hostile file name (quotes, backslashes, line breaks, shell syntax), and runs ``check`` and
every ``convert`` direction on each mutant (also with a forced source format, as ``--from``
does), through the library and, for one mutant in five, through ``sweepspec.cli.main``
in-process. A mutant that checks clean is also built into
hyperopt's and Ray Tune's objects (``to_space``, ``to_tune``) where those are installed.

A crash is anything that breaks the contract "every bad input yields a located diagnostic or a
clean exit-code-2 message, never a traceback":

- an exception escaping the public API, or ``internal error`` from the command line;
- a diagnostic placed outside the file (line or column below 1, or past the end);
- a case that runs longer than :data:`HANG_SECONDS`;
- a conversion that reports no error but writes something that does not load (or check) cleanly
  in its target format.

The CI test (``tests/test_fuzz.py``) runs a bounded, derandomized number of cases. The long run:

    .venv/bin/python tests/fuzz.py --cases 10000

prints how many cases ran, how many crashed (grouped by where), and the outcome counts; it exits
with 1 if anything crashed. ``--seed N`` draws other mutants, ``--save DIR`` writes the first input
of every distinct crash there, and ``--replay FILE...`` runs saved inputs again.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import io
import re
import signal
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from hypothesis import strategies as st

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout without installing
    sys.path.insert(0, str(ROOT))

from sweepspec import suppressions  # noqa: E402
from sweepspec.check import check_document, check_text  # noqa: E402
from sweepspec.cli import main  # noqa: E402
from sweepspec.convert import Result, convert_document, convert_source  # noqa: E402
from sweepspec.diagnostics import Diagnostic, Severity  # noqa: E402
from sweepspec.formats import BY_ID, READABLE_IDS, WRITABLE_IDS, detect  # noqa: E402
from sweepspec.loader import load_bytes, load_text  # noqa: E402
from sweepspec.vocabulary import BY_NAME, FOREIGN_NAMES, SCHEDULERS, SEARCH_ALGORITHMS  # noqa: E402

EXAMPLES = ROOT / "docs" / "examples"
# The encodings YAML allows (a file that cannot be decoded is placed in one of them).
ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
HANG_SECONDS = 20.0

# --- the seeds ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    name: str
    data: bytes

    @property
    def python(self) -> bool:
        return self.name.endswith(".py")


def example_seeds() -> list[Seed]:
    """The bundled examples, and the hyperopt and Optuna modules sweepspec writes for some of
    them (with
    the ``SWEEPSPEC = ...`` copy of the spec that the module reader merges back)."""
    paths = sorted(EXAMPLES.rglob("*.yaml")) + sorted(EXAMPLES.rglob("*.py"))
    seeds = [Seed(str(p.relative_to(ROOT)), p.read_bytes()) for p in paths]
    for name in ("seed", "search-hyperopt", "conditional", "wandb-random"):
        spec = EXAMPLES / "spec" / f"{name}.yaml"
        for to in ("hyperopt", "optuna"):
            module = convert_document(load_bytes(spec.read_bytes(), spec.name), to).text
            if module is not None:
                seeds.append(Seed(f"written/{name}_{to}.py", module.encode("utf-8")))
    return seeds


def corpus_seeds(corpus: Path) -> list[Seed]:
    return [
        Seed(f"corpus/{p.relative_to(corpus)}", p.read_bytes())
        for p in sorted(corpus.rglob("*.yaml"))
    ]


# --- the mutations ------------------------------------------------------------------------------

# Names a key or a word can be renamed to: the spec's, W&B's and the legacy format's vocabulary.
WORDS: tuple[str, ...] = tuple(
    dict.fromkeys(
        [
            *BY_NAME,
            *FOREIGN_NAMES,
            *(c.type for c in SEARCH_ALGORITHMS),
            *(c.type for c in SCHEDULERS),
            "sweepspec",
            "param_space",
            "search_alg",
            "scheduler",
            "metric",
            "mode",
            "program",
            "num_samples",
            "max_concurrent_trials",
            "time_budget_s",
            "stop",
            "targets",
            "name",
            "resources_per_trial",
            "description",
            "label",
            "options",
            "probabilities",
            "low",
            "high",
            "q",
            "mu",
            "sigma",
            "type",
            "x-wandb",
            "x-wandb-tune",
            "parameters",
            "method",
            "early_terminate",
            "run_cap",
            "distribution",
            "min",
            "max",
            "values",
            "value",
            "goal",
            "min_iter",
            "max_iter",
            "eta",
            "s",
            "tune",
            "run_or_experiment",
            "config",
            "space",
            "hyperopt.HyperOptSearch",
            "AsyncHyperBandScheduler",
            "hyperopt.hp.choice",
            "hyperopt.hp.uniform",
            "hyperopt.loguniform",
            "tune.uniform",
            "args",
            "kwargs",
            "min_bound",
            "max_bound",
            "grace_period",
            "max_t",
            "reduction_factor",
            "brackets",
            "hyperparam_mutations",
            "hyperparam_bounds",
            "command",
            "project",
            "group",
            "constant",
            "grid_search",
            "random",
            "grid",
            "bayes",
            "hyperband",
            "minimize",
            "maximize",
            "min",
            "max",
            "metrics",
            "job",
        ]
    )
)
HOSTILE: tuple[str, ...] = (
    "",
    "~",
    "null",
    ".nan",
    ".inf",
    "-.inf",
    ".NaN",
    "1e309",
    "-1e309",
    "1e-400",
    "0",
    "-0",
    "-1",
    "0.0",
    "-0.0",
    "1e-5",
    "1.0e-5",
    "'1e-5'",
    "5e-324",
    "1.7976931348623157e308",
    "99999999999999999999999999999999999999",
    "-99999999999999999999999999",
    "0x1F",
    "0o17",
    "0b11",
    "010",
    "1_000",
    "1:30",
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "True",
    "NO",
    "[]",
    "{}",
    "[[]]",
    "[{}]",
    "[1, [2, [3, [4]]]]",
    "{a: {b: {c: }}}",
    "[1, 2",
    "{a: 1",
    "[.nan, .inf]",
    "[0, 0]",
    "[1, 0]",
    "[-1, 1]",
    "[0, 1, 0]",
    "[0, 1, -1]",
    "[[0.5, a]]",
    "[[1, a], [1, b]]",
    "[[0.5, a], [0.5]]",
    "[a, a]",
    "{low: 1}",
    "{options: []}",
    "{label: 1}",
    "{label: [x]}",
    "{uniform: [0, 1]}",
    "{choice: [{a: 1}]}",
    "{group: {}}",
    "{constant: {}}",
    '"\\x00"',
    '"\\ud800"',
    '"\\uDFFF"',
    '"\\u2028"',
    "'\\'",
    '"a\\',
    "'a",
    "&anchor x",
    "*anchor",
    "*undefined",
    "&a [*a]",
    "!!python/object:os.system ls",
    "!!binary aGVsbG8=",
    "!!set {a}",
    "!!omap [a: 1]",
    "!!timestamp 2001-12-14",
    "!custom x",
    "!!str 1",
    "!!int '1'",
    "!!float x",
    "2001-12-14",
    "2001-12-14T21:59:43Z",
    "12:30:00",
    "<<",
    "? a",
    "- x",
    "|\n  block",
    ">-",
    "#c",
    "a: b: c",
    "\t1",
    "%",
    "@x",
    "`x`",
    "\u2028",
    "\ufeff",
    "\u0085",
    "\x0c",
    "\x1b[31m",
    "💥",
    "é",
    "x" * 3000,
    "7" * 5000,
    "1." + "0" * 5000,
    "-",
    "---",
    "...",
    "a # b",
    "null # c",
    "- - -",
)
PY_HOSTILE: tuple[str, ...] = (
    "None",
    "True",
    "-1",
    "0",
    "1e309",
    "-1e309",
    "float('nan')",
    "float('inf')",
    "[]",
    "{}",
    "()",
    "'x'",
    "b'x'",
    "1j",
    "(1, 2)",
    "[0, 1]",
    "{'a': 1}",
    "'é'",
    "'💥'",
    "7" * 5000,
    "hp.uniform('y', 0, 1)",
    "hp.choice('c', [])",
    "hp.pchoice('p', [(1, 'a')])",
    "hp.pchoice('p', [1])",
    "hp.randint('r')",
    "hp.loguniform('l', 0)",
    "math.log(0)",
    "math.log(-1)",
    "math.log('x')",
    "np.log(1e-5)",
    "scope.int(hp.uniform('z', 0, 1))",
    "scope.int(1)",
    "scope.int(hp.quniform('q', 0, 10))",
    "dict(a=1)",
    "dict(**x)",
    "dict([(1, 2)])",
    "{**x}",
    "{1: 2}",
    "{'a': hp.choice('a', [{'b': 1}])}",
    "lambda: 0",
    "x",
    "f()",
    "tune.uniform(0, 1)",
    "tune.randint(1)",
    "tune.choice(1)",
    "tune.choice([])",
    "tune.grid_search(x)",
    "tune.sample_from(lambda s: 1)",
    "HyperOptSearch(1)",
    "ConcurrencyLimiter(1)",
    "ConcurrencyLimiter()",
    "-'x'",
    "+None",
    "not 1",
    "1 + 2",
    "[*x]",
    "'''",
    '"',
    "(",
    "\\",
    "\t",
)
PY_CALLS: tuple[str, ...] = (
    "hp.uniform",
    "hp.quniform",
    "hp.loguniform",
    "hp.qloguniform",
    "hp.normal",
    "hp.qnormal",
    "hp.lognormal",
    "hp.qlognormal",
    "hp.randint",
    "hp.uniformint",
    "hp.choice",
    "hp.pchoice",
    "hp.nothing",
    "scope.int",
    "scope.float",
    "math.log",
    "dict",
    "tune.uniform",
    "tune.quniform",
    "tune.loguniform",
    "tune.qloguniform",
    "tune.randn",
    "tune.qrandn",
    "tune.randint",
    "tune.qrandint",
    "tune.lograndint",
    "tune.qlograndint",
    "tune.choice",
    "tune.grid_search",
    "tune.sample_from",
    "tune.Tuner",
    "tune.run",
    "tune.TuneConfig",
    "tune.RunConfig",
    "HyperOptSearch",
    "OptunaSearch",
    "ASHAScheduler",
    "PB2",
    "ConcurrencyLimiter",
    "HyperBandScheduler",
    "PopulationBasedTraining",
    "print",
)
INDENTS = (-8, -4, -2, -1, 1, 2, 4, 8)
BYTES = b"\x00\t\n\r \"#&'*,-:>[]{}|!%@`\x85\xa0\xc3\xe2\xef\xfe\xff"

_KEY_LINE = re.compile(
    r"^(?P<indent>[ \t]*(?:-[ \t]+)*)"
    r"(?P<key>[^\s#:'\"\[\]{},][^:#]*?|'[^']*'|\"[^\"]*\")"
    r"[ \t]*:(?P<rest>(?:[ \t].*)?)$"
)
_WORD = re.compile(r"[A-Za-z_][\w.\-]*")
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")
_PY_LITERAL = re.compile(r"(?<![\w.])(?:-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|'[^'\n]*'|\"[^\"\n]*\")")
_PY_CALL = re.compile(r"\b(?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*(?=\()")

# Standard tags on text they do not fit, and ones they do (round two of the hostile input).
TAGGED: tuple[str, ...] = (
    "!!bool 100",
    "!!bool maybe",
    "!!bool yes",
    "!!int ''",
    "!!int 1.5",
    "!!float",
    "!!float x",
    "!!null 5",
    "!!null",
    "!!str 5",
    "!!int 0x1F",
    "!!float 1",
    "!!map {}",
    "!!seq []",
    "!!binary aGk=",
    "!!timestamp 2001-13-45",
)
# Numbers no float holds, and their neighbours.
HUGE_NUMBERS: tuple[str, ...] = (
    "1" + "0" * 400,
    "-" + "9" * 400,
    "1e400",
    "-1e400",
    "0.1e-400",
    "4.9e-324",
    "1.7976931348623157e308",
    "1e308",
    "123456789012345678901234567890",
)
# File names that must stay data wherever sweepspec writes them (a module's docstring, output).
FILE_NAMES: tuple[str, ...] = (
    'x"""+__import__("os").system("touch PWNED")+""".yaml',
    "back\\Uslash.yaml",
    "new\nline.yaml",
    "tab\tand\x1b[31mescape.yaml",
    "quote'and\"both.yaml",
    "$(touch PWNED).yaml",
    "a;b&&c.yaml",
    " spaced .yaml",
    "ünïcödé.yaml",
    'ends-with-quote".yaml',
)

MUTATORS: tuple[str, ...] = (
    "tag",
    "self_merge",
    "huge_number",
    "comment_item",
    "flip",
    "byte",
    "truncate",
    "delete_key",
    "type_swap",
    "hostile",
    "rename_key",
    "word",
    "number",
    "indent",
    "duplicate_line",
    "delete_line",
    "swap_lines",
    "insert_line",
    "copy_value",
    "call",
)
Mutation = tuple[str, int, int]


def _pick(items: Sequence[Any], index: int) -> Any:
    return items[index % len(items)]


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8", errors="surrogateescape").split("\n")


def _join(lines: list[str]) -> bytes:
    return "\n".join(lines).encode("utf-8", errors="surrogateescape")


def _sub_nth(pattern: re.Pattern[str], data: bytes, index: int, replace: str) -> bytes:
    text = data.decode("utf-8", errors="surrogateescape")
    matches = list(pattern.finditer(text))
    if not matches:
        return data
    match = _pick(matches, index)
    out = text[: match.start()] + replace + text[match.end() :]
    return out.encode("utf-8", errors="surrogateescape")


def _block_end(lines: list[str], start: int) -> int:
    """The index after the block that starts at ``lines[start]`` (its more-indented lines)."""
    indent = len(lines[start]) - len(lines[start].lstrip(" -"))
    end = start + 1
    while end < len(lines):
        line = lines[end]
        if line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
            break
        end += 1
    return end


def mutate(data: bytes, mutation: Mutation, python: bool) -> bytes:
    """Apply one mutation; ``a`` and ``b`` choose the place and the variant (modulo sizes)."""
    kind, a, b = mutation
    if not data and kind not in ("insert_line", "byte"):
        return data
    if kind in ("flip", "byte", "truncate"):
        return _mutate_bytes(data, kind, a, b)
    if kind in ("word", "number", "call") or (kind == "hostile" and python):
        return _mutate_tokens(data, kind, a, b)
    lines = _lines(data)
    keys = [i for i, line in enumerate(lines) if _KEY_LINE.match(line)]
    if kind == "huge_number":
        return _sub_nth(_NUMBER, data, a, _pick(HUGE_NUMBERS, b))
    if kind in ("tag", "self_merge", "comment_item"):
        return _mutate_structure(lines, keys, kind, a, b) if keys else data
    if kind in ("delete_key", "type_swap", "hostile", "copy_value", "rename_key"):
        return _mutate_keys(lines, keys, kind, a, b) if keys else data
    return _mutate_lines(lines, kind, a, b, python)


def _mutate_structure(lines: list[str], keys: list[int], kind: str, a: int, b: int) -> bytes:
    """Tags with content they do not fit, a mapping that merges itself, and a comment between a
    key and its first item (or entry)."""
    index = _pick(keys, a)
    match = _KEY_LINE.match(lines[index])
    assert match is not None
    indent, key, rest = match.group("indent"), match.group("key"), match.group("rest")
    inner = " " * (len(indent) + 2)
    if kind == "tag":
        lines[index] = f"{indent}{key}: {_pick(TAGGED, b)}"
        if not rest.strip():
            del lines[index + 1 : _block_end(lines, index)]
    elif kind == "self_merge":
        if rest.strip():  # make it a mapping that holds a value and merges itself
            lines[index] = f"{indent}{key}: &self\n{inner}x: {rest.strip()}\n{inner}<<: *self"
        else:
            lines[index] = f"{indent}{key}: &self"
            lines.insert(index + 1, f"{inner}<<: *self")
    else:  # comment_item
        lines.insert(index + 1, f"{inner}# {_pick(WORDS, b)}")
    return _join("\n".join(lines).split("\n"))


def _mutate_bytes(data: bytes, kind: str, a: int, b: int) -> bytes:
    if kind == "flip":
        at = a % len(data)
        return data[:at] + bytes([data[at] ^ (1 << (b % 8))]) + data[at + 1 :]
    if kind == "byte":
        at = a % (len(data) + 1)
        return data[:at] + bytes([_pick(BYTES, b)]) + data[at + (b % 2) :]
    return data[: a % len(data)]  # truncate


def _mutate_tokens(data: bytes, kind: str, a: int, b: int) -> bytes:
    if kind == "word":
        return _sub_nth(_WORD, data, a, _pick(WORDS, b))
    if kind == "number":
        return _sub_nth(_NUMBER, data, a, _pick(HOSTILE, b * 7 + 13))
    if kind == "call":
        return _sub_nth(_PY_CALL, data, a, _pick(PY_CALLS, b))
    return _sub_nth(_PY_LITERAL, data, a, _pick(PY_HOSTILE, b))  # hostile, in Python


def _mutate_keys(lines: list[str], keys: list[int], kind: str, a: int, b: int) -> bytes:
    index = _pick(keys, a)
    match = _KEY_LINE.match(lines[index])
    assert match is not None
    if kind == "delete_key":
        return _join(lines[:index] + lines[_block_end(lines, index) :])
    if kind == "rename_key":
        lines[index] = f"{match.group('indent')}{_pick(WORDS, b)}:{match.group('rest')}"
        return _join(lines)
    if kind == "copy_value":
        other = _KEY_LINE.match(lines[_pick(keys, b)])
        value = other.group("rest").strip() if other else ""
    elif kind == "hostile":
        value = _pick(HOSTILE, b)
    else:  # type_swap
        value = _pick(("1", "1.5", "x", "'1'", "true", "null", "[1]", "{a: 1}", "[]"), b)
    end = _block_end(lines, index) if not match.group("rest").strip() and b % 2 else index + 1
    head = f"{match.group('indent')}{match.group('key')}: {value}"
    return _join([*lines[:index], *head.split("\n"), *lines[end:]])


def _mutate_lines(lines: list[str], kind: str, a: int, b: int, python: bool) -> bytes:
    index = a % len(lines)
    if kind == "indent":
        delta = _pick(INDENTS, b)
        line = lines[index]
        if b % 11 == 0:
            lines[index] = "\t" + line
        elif delta > 0:
            lines[index] = " " * delta + line
        else:
            stripped = len(line) - len(line.lstrip(" "))
            lines[index] = line[min(-delta, stripped) :]
    elif kind == "duplicate_line":
        lines.insert(index, lines[index])
    elif kind == "delete_line":
        del lines[index]
    elif kind == "swap_lines":
        other = b % len(lines)
        lines[index], lines[other] = lines[other], lines[index]
    elif kind == "insert_line":
        lines.insert(index, _pick(PY_HOSTILE, b) if python else _pick(HOSTILE, b))
    return _join(lines)


def apply(seed: Seed, mutations: Sequence[Mutation]) -> bytes:
    data = seed.data
    for mutation in mutations:
        data = mutate(data, mutation, seed.python)
    return data


@dataclass(frozen=True)
class Case:
    seed: Seed
    mutations: tuple[Mutation, ...]
    cli: bool
    forced: str | None  # a source format named with --from / source_format, or None
    file_name: str | None = None  # a hostile name for the file, else the seed's

    @property
    def data(self) -> bytes:
        return apply(self.seed, self.mutations)

    @property
    def name(self) -> str:
        if self.file_name is None:
            return self.seed.name
        return self.file_name.replace(".yaml", ".py") if self.seed.python else self.file_name


def cases(seeds: Sequence[Seed]) -> st.SearchStrategy[Case]:
    """Mutants of ``seeds``: one to four mutations each, a fifth through the command line."""
    mutation = st.tuples(
        st.sampled_from(MUTATORS), st.integers(0, 1 << 16), st.integers(0, 1 << 16)
    )
    return st.builds(
        Case,
        seed=st.sampled_from(list(seeds)),
        mutations=st.lists(mutation, min_size=1, max_size=4).map(tuple),
        cli=st.integers(0, 4).map(lambda n: n == 0),
        forced=st.one_of(st.none(), st.none(), st.none(), st.sampled_from(READABLE_IDS)),
        file_name=st.one_of(*[st.none()] * 7, st.sampled_from(FILE_NAMES)),
    )


# --- running a case -----------------------------------------------------------------------------


@dataclass
class Crash:
    kind: str  # exception, location, invariant, hang, cli
    where: str  # the operation, e.g. "convert wandb->spec"
    detail: str
    signature: str  # for grouping: the exception type and the innermost sweepspec frame

    def __str__(self) -> str:
        return f"[{self.kind}] {self.where}: {self.detail}"


@dataclass
class Report:
    crashes: list[Crash] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)


class Hang(BaseException):
    """Raised by the alarm in a case that runs too long (BaseException: code under test that
    catches ``Exception`` cannot swallow it)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    if not hasattr(signal, "setitimer"):  # no alarms here (Windows): no hang detection
        yield
        return

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "sweepspec" in f.filename and "/tests/" not in f.filename]
    last = ours[-1] if ours else (frames[-1] if frames else None)
    place = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
    return f"{type(exc).__name__} at {place}"


def _line_bounds(text: str) -> tuple[int, list[int]]:
    """The most lines any reader could count, and the longest each line could be."""
    most = max(len(text.splitlines()), text.count("\n") + 1, 1)
    widths = [len(line) for line in re.split(r"\r\n|\r|\n", text)]
    return most, widths


def bad_location(d: Diagnostic, text: str) -> str | None:
    """Why ``d`` is not placed inside ``text``, or ``None`` when it is."""
    span = d.span
    most, widths = _line_bounds(text)
    widest = max(widths, default=0)
    if span.line < 1 or span.column < 1 or span.end_line < 1 or span.end_column < 1:
        return f"{d.code} at {span}: below 1"
    if (span.end_line, span.end_column) < (span.line, span.column):
        return f"{d.code} at {span}: ends before it starts"
    # The last line with text, counted with every line break any reader knows: a finding is
    # never on the empty "line" after the file's final line break (an end may be there, at 1).
    last = max(len(text.splitlines()), 1)
    if span.line > last:
        return f"{d.code} at {span}: past the last line ({last})"
    if span.end_line > last and not (span.end_line == last + 1 and span.end_column == 1):
        return f"{d.code} at {span}: ends past the last line ({last})"

    def width(line: int) -> int:
        return widths[line - 1] if line - 1 < len(widths) else 0

    # A reader that counts fewer line breaks sees longer lines: be generous to it.
    limit = max(width(span.line), widest if most > len(widths) else 0)
    if span.column > limit + 1:
        return f"{d.code} at {span}: past the end of line {span.line} ({width(span.line)} chars)"
    end_limit = max(width(span.end_line), widest if most > len(widths) else 0)
    if span.end_column > end_limit + 2:
        return f"{d.code} at {span}: ends past line {span.end_line} ({width(span.end_line)})"
    return None


def _errors(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]


def _severity(diagnostics: Sequence[Diagnostic]) -> str:
    if _errors(diagnostics):
        return "errors"
    return "warnings" if diagnostics else "clean"


class Runner:
    """Runs every operation on one input and records crashes and outcomes."""

    def __init__(self, report: Report, name: str, data: bytes) -> None:
        self.report, self.name, self.data = report, name, data
        self.text = data.decode("utf-8", errors="replace")
        self.suppresses = bool(suppressions.parse(self.text, name)[0])

    def crash(self, kind: str, where: str, detail: str, signature: str | None = None) -> None:
        self.report.crashes.append(Crash(kind, where, detail, signature or f"{kind}: {where}"))

    def guard(self, where: str, operation: Any, *args: Any) -> Any:
        try:
            with time_limit(HANG_SECONDS):
                return operation(*args)
        except Hang:
            self.crash("hang", where, f"over {HANG_SECONDS:.0f} s", f"hang in {where}")
        except Exception as exc:
            detail = "".join(traceback.format_exception(exc)[-3:]).strip()
            self.crash("exception", where, detail, _signature(exc))
        return None

    def located(self, where: str, diagnostics: Sequence[Diagnostic], text: str) -> None:
        """Every diagnostic is inside the file: in ``text`` (the text the loader decoded), or,
        for a file that could not be decoded, in one of the ways its bytes can be decoded."""
        views = [text] if text else self.views()
        # a lone \r ends a line for YAML and Python, not for every reader (nor for Y004's count)
        views += [view.replace("\r", " ") for view in views if "\r" in view.replace("\r\n", "")]
        for d in diagnostics:
            problems = [bad_location(d, view) for view in views]
            if all(problems):
                self.crash("location", where, str(problems[0]), f"location {d.code} in {where}")

    def views(self) -> list[str]:
        return [self.data.decode(encoding, errors="replace") for encoding in ENCODINGS]

    # the operations

    def check(self) -> None:
        doc = self.guard("load", load_bytes, self.data, self.name)
        if doc is None:
            return
        found = self.guard(
            "check", check_document, load_bytes(self.data, self.name, comments=False)
        )
        if found is not None:
            self.located("check", found, doc.text)
            self.report.outcomes[f"check: {_severity(found)}"] += 1
            self.checked_clean = not _errors(found)

    checked_clean = False

    def live(self) -> None:
        """A spec that checks clean builds hyperopt's and Ray Tune's objects, or says why not
        (where those engines are installed; a searcher whose own package is missing raises
        ImportError, which is the environment's, not the input's)."""
        if not self.checked_clean or not _installed("hyperopt"):
            return
        from sweepspec.formats.hyperopt import to_space

        doc = load_bytes(self.data, self.name)
        if detect(doc.data) != "spec":
            return
        built = self.guard("to_space", to_space, doc)
        if built is not None:
            self.located("to_space", built.diagnostics, doc.text)
            self.report.outcomes[f"to_space: {'built' if built.space else 'refused'}"] += 1
        if not _installed("ray.tune"):
            return
        from sweepspec.formats.tune import to_tune

        def tune() -> Any:
            try:
                return to_tune(doc)
            except ImportError:
                return None

        setup = self.guard("to_tune", tune)
        if setup is not None:
            self.located("to_tune", setup.diagnostics, doc.text)
            self.report.outcomes[f"to_tune: {'built' if setup.param_space else 'refused'}"] += 1

    def convert(self, to: str, forced: str | None) -> None:
        where = f"convert {forced or 'auto'}->{to}"
        doc = self.guard("load", load_bytes, self.data, self.name)
        if doc is None:
            return
        result: Result | None = self.guard(where, convert_document, doc, to, forced)
        if result is None:
            return
        self.located(where, result.diagnostics, doc.text)
        self.outcome(where, result)
        # `check` validates specs and W&B files: a clean one must convert to a clean spec.
        validated = (
            self.checked_clean
            and result.source_format in ("spec", "wandb")
            and detect(doc.data) == result.source_format
        )
        self.invariants(where, result.source_format, to, result, validated)

    def convert_python(self, to: str) -> None:
        where = f"convert py->{to}"
        source = self.data.decode("utf-8", errors="replace")
        result: Result | None = self.guard(where, convert_source, source, to, self.name)
        if result is None:
            return
        self.located(where, result.diagnostics, source)
        self.outcome(where, result)
        self.invariants(where, "hyperopt", to, result, validated=False)

    def template(self) -> str:
        """The ``SWEEPSPEC = "..."`` spec a module written by sweepspec holds, else ``""``."""
        try:
            tree = ast.parse(self.data.decode("utf-8", errors="replace"))
        except (SyntaxError, ValueError):
            return ""
        for statement in tree.body:
            if (
                isinstance(statement, ast.Assign)
                and [getattr(t, "id", None) for t in statement.targets] == ["SWEEPSPEC"]
                and isinstance(statement.value, ast.Constant)
                and isinstance(statement.value.value, str)
            ):
                return statement.value.value
        return ""

    def outcome(self, where: str, result: Result) -> None:
        status = "refused" if result.text is None else _severity(result.diagnostics)
        self.report.outcomes[f"{where}: {status}"] += 1

    def invariants(
        self, where: str, source: str | None, to: str, result: Result, validated: bool
    ) -> None:
        """What a conversion that reports no error writes must load cleanly as ``to``.

        - every output loads without a finding and is detected as ``to``;
        - a Python module (hyperopt, Optuna) compiles and reads back without errors;
        - a spec written without loss from a file that ``check`` passes (a spec, a W&B file)
          checks without errors; from an unvalidated source (legacy YAML, Python, a W&B file
          with errors) it may keep the source's value errors, but not errors of its own making
          (YAML, version, top-level keys);
        - a W&B or legacy file written without loss checks (reads back) without errors.

        Converting a non-spec format to itself returns the input unchanged: nothing to test.
        """
        if result.text is None or _errors(result.diagnostics):
            return
        if source == to and to != "spec":
            return
        # A file that suppresses findings (`# sweepspec: ignore[...]`, errors included) may
        # convert to what its target refuses: its author accepted them. Such output must still
        # load, compile and be read as its format.
        lossless = not any(d.code == "X001" for d in result.diagnostics) and not self.suppresses
        validated = validated and not self.suppresses
        out = result.text
        if BY_ID[to].python:
            try:
                tree = ast.parse(out)
                compile(tree, "out.py", "exec")
            except (SyntaxError, ValueError) as exc:
                self.crash("invariant", where, f"writes Python that does not compile: {exc}")
                return
            # the file name is data: the docstring holds it, whatever it is
            doc = ast.get_docstring(tree, clean=False) or ""
            if self.name not in doc and source != to:
                self.crash("invariant", where, f"writes a docstring without the file name: {doc!r}")
            back = self.guard(f"{where} (read back)", convert_source, out, "spec", "out.py")
            if back is not None and (back.text is None or _errors(back.diagnostics)):
                self.crash(
                    "invariant",
                    where,
                    f"writes a module that does not read back: {_codes(back.diagnostics)}",
                )
            elif back is not None and back.text is not None and not self.suppresses:
                self.clean_spec(f"{where} (read back)", back.text)
            return
        loaded = self.guard(f"{where} (load output)", load_text, out, "out.yaml")
        if loaded is None:
            return
        if loaded.diagnostics:
            codes = sorted({d.code for d in loaded.diagnostics})
            self.crash("invariant", where, f"writes YAML that does not load cleanly: {codes}")
            return
        if detect(loaded.data) != to and not (to == "wandb" and detect(loaded.data) is None):
            self.crash("invariant", where, f"writes a file read as {detect(loaded.data)}, not {to}")
            return
        if to == "spec" and validated and lossless:
            self.clean_spec(where, out)
        elif to == "spec":
            found = self.guard(f"{where} (check output)", check_text, out, "out.yaml") or []
            # A module's `SWEEPSPEC = ...` copy of its spec is the source's own text, errors and all
            kept = {(d.code, d.path) for d in _errors(check_text(self.template(), "t.yaml"))}
            own = [d for d in _errors(found) if _writers_own(d) and (d.code, d.path) not in kept]
            if own:
                self.crash("invariant", where, f"writes a spec with errors: {_codes(own)}")
        elif to == "wandb" and lossless:
            found = self.guard(f"{where} (check output)", check_text, out, "out.yaml")
            if found and _errors(found):
                self.crash("invariant", where, f"writes W&B YAML with errors: {_codes(found)}")
        elif to == "wandb-tune" and lossless:
            back = self.guard(f"{where} (read back)", convert_document, loaded, "spec", None)
            if back is not None and (back.text is None or _errors(back.diagnostics)):
                self.crash(
                    "invariant",
                    where,
                    f"writes legacy YAML that does not read back: {_codes(back.diagnostics)}",
                )
            elif back is not None and back.text is not None:
                self.clean_spec(f"{where} (read back)", back.text)

    def clean_spec(self, where: str, text: str) -> None:
        found = self.guard(f"{where} (check output)", check_text, text, "out.yaml")
        if found and _errors(found):
            self.crash("invariant", where, f"writes a spec with errors: {_codes(found)}")

    def cli(self, python: bool, forced: str | None) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            name = Path(self.name).name if self.name in FILE_NAMES or "\n" in self.name else ""
            path = Path(tmp) / (name or ("input.py" if python else "input.yaml"))
            path.write_bytes(self.data)
            runs = [["check", str(path)]] if not python else []
            runs += [["convert", str(path), "--to", to] for to in WRITABLE_IDS]
            if forced and not python:
                runs += [["convert", str(path), "--from", forced, "--to", "spec"]]
            for argv in runs:
                where = "cli " + " ".join(a for a in argv if a != str(path))
                out, err = io.StringIO(), io.StringIO()
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    code = self.guard(where, main, argv)
                if code is None:
                    continue
                self.report.outcomes[f"{where}: exit {code}"] += 1
                text = err.getvalue()
                if code not in (0, 1, 2) or "internal error" in text or "Traceback" in text:
                    first = text.strip().splitlines()[0] if text.strip() else ""
                    self.crash("cli", where, f"exit {code}: {text.strip()[-600:]}", f"cli {first}")
                printed = out.getvalue() + text
                if "\x1b" in printed or (Path(tmp) / "PWNED").exists():
                    self.crash(
                        "cli", where, f"prints raw escapes or ran a payload: {printed[-300:]!r}"
                    )


def _installed(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except ImportError:
        return False


def _writers_own(d: Diagnostic) -> bool:
    """An error a reader makes, whatever its input holds: bad YAML, no version, a top-level key
    that is unknown or missing."""
    return (
        d.code.startswith("Y")
        or d.code in ("S001", "S002")
        or (d.code in ("S003", "S004") and len(d.path) <= 1)
    )


def _codes(diagnostics: Sequence[Diagnostic]) -> list[str]:
    return [f"{d.code}@{d.line}:{d.column} {d.message}" for d in _errors(diagnostics)][:5]


def run_case(case: Case, report: Report) -> list[Crash]:
    """Run every operation on one mutant; returns the crashes it caused (also in ``report``)."""
    before = len(report.crashes)
    data = case.data
    runner = Runner(report, case.name, data)
    with warnings.catch_warnings(record=True) as caught:
        # Python warnings are counted, not crashes (third-party deprecation notes mostly)
        warnings.simplefilter("always")
        if case.seed.python:
            for to in WRITABLE_IDS:
                runner.convert_python(to)
        else:
            runner.check()
            runner.live()
            for to in WRITABLE_IDS:
                runner.convert(to, None)
            if case.forced is not None:
                runner.convert("spec", case.forced)
                runner.convert("wandb", case.forced)
        if case.cli:
            runner.cli(case.seed.python, case.forced)
    for warning in {(w.category.__name__, Path(w.filename).name) for w in caught}:
        report.outcomes["python warning: {} from {}".format(*warning)] += 1
    report.outcomes["cases"] += 1
    return report.crashes[before:]


def describe(case: Case) -> str:
    return (
        f"seed {case.seed.name}, mutations {list(case.mutations)}, cli={case.cli}, "
        f"forced={case.forced}, file name {case.name!r}\ninput: {case.data[:400]!r}"
    )


# --- the long run -------------------------------------------------------------------------------


def _shared_corpus() -> Path | None:
    sys.path.insert(0, str(HERE))
    from conftest import SHARED  # the one place that knows where ../shared is

    corpus = SHARED / "corpus"
    return corpus if corpus.is_dir() else None


def long_run(cases_wanted: int, seed: int, save: Path | None, verbose: bool) -> int:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hypothesis_seed

    seeds = example_seeds()
    corpus = _shared_corpus()
    if corpus is None:
        print("fuzz: ../shared/corpus is absent: fuzzing the bundled examples only")
    else:
        seeds += corpus_seeds(corpus)
    print(f"fuzz: {len(seeds)} seed files, {cases_wanted} cases, seed {seed}")
    report = Report()
    first: dict[str, tuple[Crash, Case]] = {}
    started = time.monotonic()

    @hypothesis_seed(seed)
    @settings(
        max_examples=cases_wanted,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases(seeds))
    def fuzz(case: Case) -> None:
        for crash in run_case(case, report):
            if crash.signature not in first:
                first[crash.signature] = (crash, case)
                print(f"fuzz: NEW {crash}\n  {describe(case)}", flush=True)
                if save is not None:
                    save.mkdir(parents=True, exist_ok=True)
                    suffix = ".py" if case.seed.python else ".yaml"
                    (save / f"crash-{len(first):03d}{suffix}").write_bytes(case.data)
        done = report.outcomes["cases"]
        if verbose and done % 500 == 0:
            rate = done / (time.monotonic() - started)
            print(f"fuzz: {done} cases, {len(report.crashes)} crashes, {rate:.1f}/s", flush=True)

    fuzz()
    elapsed = time.monotonic() - started
    print(f"\nfuzz: {report.outcomes['cases']} cases in {elapsed:.0f} s")
    print(f"fuzz: {len(report.crashes)} crashes, {len(first)} distinct")
    for signature, (crash, _) in sorted(first.items()):
        count = sum(1 for c in report.crashes if c.signature == signature)
        print(f"  {count:5d}  {signature}: {crash.detail.splitlines()[-1][:160]}")
    print("fuzz: outcomes")
    for outcome, count in sorted(report.outcomes.items()):
        print(f"  {count:6d}  {outcome}")
    return 1 if report.crashes else 0


def main_cli(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, default=1000, help="how many mutants (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="hypothesis seed (default 0)")
    parser.add_argument("--save", type=Path, default=None, help="write crashing inputs here")
    parser.add_argument("-v", "--verbose", action="store_true", help="progress every 500 cases")
    parser.add_argument(
        "--replay", type=Path, nargs="+", help="run these saved inputs (a .py is Python) instead"
    )
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay)
    return long_run(args.cases, args.seed, args.save, args.verbose)


def replay(paths: Sequence[Path]) -> int:
    """Run saved inputs (``--save``) unmutated, through the library and the command line."""
    report = Report()
    for path in paths:
        case = Case(Seed(path.name, path.read_bytes()), (), cli=True, forced=None)
        for crash in run_case(case, report):
            print(f"{path}: {crash}")
    print(f"fuzz: {len(paths)} inputs replayed, {len(report.crashes)} crashes")
    return 1 if report.crashes else 0


if __name__ == "__main__":
    raise SystemExit(main_cli())
