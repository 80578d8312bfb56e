"""The command line: a thin layer over the library. ``main(argv) -> int``."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import settings as config_file
from ._version import version
from .check import check_paths, check_stdin
from .diagnostics import Severity
from .exitcodes import ExitCode
from .formats import ENGINE_IDS, READABLE_IDS, TARGET_IDS, WRITABLE_IDS
from .formatters import FORMATTERS, choose
from .formatters import text as text_format
from .formatters.color import wants_color
from .formatters.escape import printable
from .formatters.text import summary
from .loader import Document, load_bytes, read_limited, read_source
from .schemafile import LATEST_VERSION, SUPPORTED_VERSIONS, schema_file
from .settings import Config

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

COMPAT_FORMATS = ("text", "markdown", "json")


# Each command's one-line help, in the order `sweepspec --help` lists them.
COMMANDS = {
    "check": "check sweep files",
    "compat": "print the compatibility tables",
    "convert": "convert a sweep between formats",
    "sample": "draw configurations from a spec (a dry run, no engine needed)",
    "run": "run a sweep on a local Ray Tune, a Ray cluster, hyperopt or Optuna",
    "schema": "print the JSON Schema of the spec",
    "completion": "print a shell completion script (bash, zsh or fish)",
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command``, the parser of that command alone, which is
    all that parsing a command line that names it needs (each parser costs start-up time)."""
    parser = _Parser(
        prog="sweepspec",
        description="Validate hyperparameter sweep files at exact line:column.",
        epilog="Exit codes: 0 no findings at or above --fail-on; 1 findings; "
        "2 usage, I/O or internal error. SWEEPSPEC_TRACEBACK=1 prints the whole traceback of "
        "an internal error.",
    )
    parser.add_argument(
        "--version", action=_VersionAction, nargs=0, help="show the version and exit"
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    for name in COMMANDS if command is None else (command,):
        _BUILDERS[name](commands)
    return parser


def _add_check(commands: Any) -> None:
    check = commands.add_parser(
        "check",
        help=COMMANDS["check"],
        description="Check sweep files and directories. Directories are searched for *.yaml "
        "and *.yml files that hold a top-level `sweepspec:` key; files named explicitly are "
        "always checked. Settings come from [tool.sweepspec] in pyproject.toml or from "
        ".sweepspec.toml, and the flags below override them.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        default=["."],
        metavar="PATH",
        help="files or directories, or - for standard input (default: the current directory)",
    )
    check.add_argument(
        "--format",
        choices=["auto", *sorted(FORMATTERS)],
        default="auto",
        help="output format; auto is github inside GitHub Actions, text elsewhere",
    )
    check.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the report to FILE (atomically) instead of standard output",
    )
    check.add_argument(
        "-t",
        "--target",
        action="append",
        choices=TARGET_IDS,
        default=None,
        dest="targets",
        metavar="TARGET",
        help="check compatibility with this format (repeatable; replaces the configured "
        f"targets; the file's own `targets:` are always checked): {', '.join(TARGET_IDS)}",
    )
    check.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="report only these codes or code prefixes, comma-separated",
    )
    check.add_argument(
        "--ignore",
        type=_codes,
        metavar="CODES",
        help="never report these codes or code prefixes, comma-separated",
    )
    check.add_argument(
        "--fix",
        action="store_true",
        help="apply the safe fixes findings propose (comments and layout kept; files rewritten "
        "atomically), then report what is left",
    )
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, apply the fixes that change what a file says too (a "
        "misspelt key renamed)",
    )
    check.add_argument(
        "--diff",
        action="store_true",
        help="print the fixes as a unified diff instead of writing them (exit code 1 if any)",
    )
    check.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=None,
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    check.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PATTERN",
        help="skip paths matching this .gitignore-style pattern (repeatable; "
        "added to the configured ones)",
    )
    check.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="read settings from FILE instead of looking for one",
    )
    check.add_argument(
        "--only-specs",
        action="store_true",
        help="skip named files that have no top-level `sweepspec:` key, as in directories "
        "(for hooks that pass every YAML file)",
    )
    check.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="the name to report for standard input (with PATH -)",
    )
    check.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes for large batches (default: one per CPU)",
    )
    check.add_argument(
        "-q", "--quiet", action="store_true", help="print findings only, without the summary line"
    )
    check.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also list the files skipped because they are not sweep files or are excluded",
    )


def _add_compat(commands: Any) -> None:
    compat = commands.add_parser(
        "compat",
        help=COMMANDS["compat"],
        description="Print what each target format does with each feature of the spec.",
    )
    compat.add_argument(
        "-t",
        "--target",
        action="append",
        choices=TARGET_IDS,
        default=[],
        dest="targets",
        metavar="TARGET",
        help=f"only this target (repeatable; default: all): {', '.join(TARGET_IDS)}",
    )
    compat.add_argument(
        "--format", choices=COMPAT_FORMATS, default="text", help="output format (default: text)"
    )


def _add_sample(commands: Any) -> None:
    sample = commands.add_parser(
        "sample",
        help=COMMANDS["sample"],
        description="Draw configurations from a spec's space with its exact semantics, using the "
        "standard library only: grids are enumerated, everything else is sampled.",
    )
    sample.add_argument(
        "spec",
        metavar="SPEC",
        help="the sweep: a spec, or any file `convert` reads (W&B, legacy, NNI, Hydra, a "
        "hyperopt, Ray Tune or Optuna source), read through the spec",
    )
    _add_source_format(sample)
    sample.add_argument("-n", type=_positive, default=5, help="how many (default: 5)")
    sample.add_argument(
        "--plot",
        metavar="FILE",
        help="also draw the configurations, one panel per parameter, to FILE (.png or .svg; "
        "needs `pip install 'sweepspec[plot]'`)",
    )
    sample.add_argument(
        "--stats",
        action="store_true",
        help="print a summary per parameter (range, mean, median, or each value's count) "
        "instead of the configurations",
    )
    sample.add_argument("--seed", type=int, default=None, help="random seed, for repeatable draws")
    sample.add_argument(
        "--format",
        choices=["yaml", "json", "command"],
        default="yaml",
        help="configurations as YAML or JSON lines, or the command lines a W&B "
        "agent would run (x-wandb.command, or its default)",
    )


def _add_run(commands: Any) -> None:
    run = commands.add_parser(
        "run",
        help=COMMANDS["run"],
        description="Run the sweep: the spec's program is a `module:function` trainable beside "
        "the spec, or a script run as a W&B agent would run it. The default engine is a local "
        "Ray Tune (hyperopt's fmin when only hyperopt is installed); `--engine optuna` runs an "
        "Optuna study.",
    )
    run.add_argument(
        "spec",
        metavar="SPEC",
        help="the sweep: a spec, or any file `convert` reads, read through the spec",
    )
    _add_source_format(run)
    run.add_argument(
        "--engine",
        choices=["auto", *ENGINE_IDS],
        default="auto",
        help="what runs the trials (default: auto)",
    )
    run.add_argument(
        "--address",
        metavar="ADDRESS",
        help="the Ray cluster to connect to (default: start Ray in this process)",
    )
    run.add_argument(
        "--connect-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="how long to wait for the cluster given by --address to answer (default: 10)",
    )
    run.add_argument(
        "--storage",
        metavar="DIR|URL",
        help="where the results are written (default: ./sweepspec-results); with --engine "
        "optuna, a URL with :// is the study's storage (sqlite:///study.db)",
    )
    run.add_argument(
        "-n",
        "--num-samples",
        type=_positive,
        default=None,
        metavar="N",
        help="run N trials instead of the spec's num_samples",
    )
    run.add_argument(
        "--cpus",
        type=_amount,
        metavar="N",
        help="CPUs each trial reserves (Ray Tune; over the spec's resources_per_trial)",
    )
    run.add_argument(
        "--gpus",
        type=_amount,
        metavar="N",
        help="GPUs each trial reserves (Ray Tune; over the spec's resources_per_trial)",
    )
    run.add_argument(
        "--max-concurrent",
        type=_positive,
        metavar="N",
        help="run at most N trials at once (Ray Tune; Optuna's n_jobs; over the spec's "
        "max_concurrent_trials)",
    )


def _add_schema(commands: Any) -> None:
    schema = commands.add_parser(
        "schema",
        help=COMMANDS["schema"],
        description="Print the JSON Schema of the spec (draft-07), or its path with --path.",
    )
    schema.add_argument(
        "--path", action="store_true", help="print the path of the installed schema file instead"
    )
    schema.add_argument(
        "--spec-version",
        type=int,
        choices=SUPPORTED_VERSIONS,
        default=LATEST_VERSION,
        help="format version (default: %(default)s)",
    )


def _add_completion(commands: Any) -> None:
    from .completion import SHELLS  # built for `completion` and for the whole help only

    completion = commands.add_parser(
        "completion",
        help=COMMANDS["completion"],
        description="Print the completion script for a shell: every subcommand, option and "
        "choice of this command line. bash: `sweepspec completion bash > "
        "~/.local/share/bash-completion/completions/sweepspec`; zsh: `source <(sweepspec "
        "completion zsh)` in ~/.zshrc; fish: `sweepspec completion fish > "
        "~/.config/fish/completions/sweepspec.fish`.",
    )
    completion.add_argument("shell", choices=SHELLS, help="the shell")


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


class _Formatter(argparse.HelpFormatter):
    """argparse's formatter, without importing shutil (and its archive modules) for the width:
    argparse makes one for every option it adds, and the width matters only for help."""

    def __init__(self, prog: str, **kwargs: Any) -> None:
        if kwargs.get("width") is None:
            kwargs["width"] = _terminal_columns() - 2  # what argparse does with shutil's answer
        super().__init__(prog, **kwargs)


def _terminal_columns() -> int:
    # shutil.get_terminal_size: $COLUMNS, else the terminal of stdout, else 80
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class _VersionAction(argparse.Action):
    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        print(f"sweepspec {version()}")
        parser.exit()


def _codes(text: str) -> tuple[str, ...]:
    from .codes import CODES

    codes = tuple(c.strip() for c in text.split(",") if c.strip())
    unknown = [c for c in codes if not any(code.id.startswith(c) for code in CODES)]
    if unknown:
        raise argparse.ArgumentTypeError(f"no code starts with {', '.join(unknown)}")
    return codes


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _amount(text: str) -> float:
    """A resource amount: a number >= 0 (`--gpus 0.5` shares a GPU)."""
    value = float(text)
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a number >= 0, got {text}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser(_command_of(sys.argv[1:] if argv is None else argv)).parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "compat":
            return _compat(args)
        if args.command == "convert":
            return _convert(args)
        if args.command == "sample":
            return _sample(args)
        if args.command == "run":
            return _run(args)
        if args.command == "completion":
            from .completion import script

            sys.stdout.write(script(args.shell, build_parser()))
            return ExitCode.OK
        return _schema(args)
    except KeyboardInterrupt:
        return ExitCode.INTERRUPTED
    except BrokenPipeError:
        # the reader of the output went away (`sweepspec convert ... | head`): an I/O error,
        # not a bug; stdout goes to the null device so that its flush at exit says nothing
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.ERROR
    except Exception as exc:
        sys.stderr.write(internal_error(exc, os.environ.get(TRACEBACK_VARIABLE) == "1"))
        return ExitCode.ERROR


def _command_of(argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs, when it names one before any option (``None`` otherwise, and
    the whole parser is built)."""
    for arg in argv:
        if arg.startswith("-"):
            return None
        return arg if arg in COMMANDS else None
    return None


TRACEBACK_VARIABLE = "SWEEPSPEC_TRACEBACK"
ISSUES = "https://github.com/sweepspec/sweepspec/issues"


def internal_error(exc: BaseException, full: bool) -> str:
    """What the user sees of a bug: one line, the frame that raised it and where to report it;
    with ``full`` (``SWEEPSPEC_TRACEBACK=1``) the whole traceback as well."""
    import traceback

    lines = [f"sweepspec: internal error: {type(exc).__name__}: {printable(str(exc))}"]
    if full:
        lines[:0] = traceback.format_exception(exc)
    else:
        frames = traceback.extract_tb(exc.__traceback__)
        if frames:
            last = frames[-1]
            lines.append(f"    at {last.filename}:{last.lineno} in {last.name}")
        lines.append(f"    run again with {TRACEBACK_VARIABLE}=1 for the whole traceback")
    lines.append(f"please report it, with the input file, at {ISSUES}")
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _config(args: argparse.Namespace) -> Config:
    source = args.config if args.config is not None else config_file.find(Path.cwd())
    loaded = config_file.load(source)
    changes: dict[str, object] = {}
    if args.targets is not None:
        changes["targets"] = tuple(dict.fromkeys(args.targets))
    if args.select is not None:
        changes["select"] = args.select
    if args.ignore is not None:
        changes["ignore"] = args.ignore
    if args.fail_on is not None:
        changes["fail_on"] = Severity(args.fail_on)
    if args.exclude:
        changes["exclude"] = (*loaded.exclude, *args.exclude)
        changes["root"] = Path.cwd() if loaded.source is None else loaded.root
    return dataclasses.replace(loaded, **changes)  # type: ignore[arg-type]


def _check_module(path: str) -> list[Any]:
    """A Python source or notebook named to `check`: read as `convert` reads it (the
    conversion machinery loads only for one)."""
    from .convert import check_module

    return check_module(path)


def _check(args: argparse.Namespace) -> int:
    try:
        config = _config(args)
    except config_file.ConfigError as exc:
        _error(str(exc))
        return ExitCode.ERROR
    if "-" in args.paths:
        others = [p for p in args.paths if p != "-"]
        report = check_stdin(
            read_limited(sys.stdin.buffer), args.stdin_filename or "<stdin>", config
        )
        if others:
            more = check_paths(
                others,
                config=config,
                jobs=args.jobs,
                only_specs=args.only_specs,
                read_module=_check_module,
            )
            report.diagnostics.extend(more.diagnostics)
            report.checked.extend(more.checked)
            report.errors.extend(more.errors)
    else:
        report = check_paths(
            args.paths,
            config=config,
            jobs=args.jobs,
            only_specs=args.only_specs,
            read_module=_check_module,
        )
    if args.fix or args.diff:
        if "-" in args.paths:
            _error("--fix and --diff rewrite files: name them, not standard input")
            return ExitCode.ERROR
        outcome = _fix(report, config, args)
        if outcome is not None:
            return outcome
    fmt = choose(args.format, os.environ)
    if fmt == "text":
        color = not args.output and wants_color(os.environ, sys.stdout)
        output = text_format.format_diagnostics(report.diagnostics, color)
    else:
        output = FORMATTERS[fmt](report.diagnostics)
    if fmt == "text" and not args.quiet:
        output += summary(report.diagnostics, len(report.checked), len(report.errors)) + "\n"
    # What could not be read comes first, so the summary is the last line a terminal shows.
    for error in report.errors:
        _error(f"cannot read {error}")
    sys.stderr.flush()
    if args.output:
        if not _write(args.output, output):
            return ExitCode.ERROR
    else:
        sys.stdout.write(output)
    if args.verbose:
        for skipped in report.skipped:
            print(
                f"sweepspec: skipped {printable(skipped)} (no top-level `sweepspec:` key)",
                file=sys.stderr,
            )
        for excluded in report.excluded:
            print(f"sweepspec: excluded {printable(excluded)}", file=sys.stderr)
    if report.errors:
        return ExitCode.ERROR
    threshold = config.fail_on.rank
    failing = any(d.severity.rank >= threshold for d in report.diagnostics)
    return ExitCode.FINDINGS if failing else ExitCode.OK


def _fix(report: Any, config: Config, args: argparse.Namespace) -> int | None:
    """Apply (``--fix``) or show (``--diff``) the fixes of the report's findings, file by file;
    the report then holds what is left. The exit code for ``--diff``, else ``None``."""
    from .check import check_text
    from .fix import applicable, fix_text, unified_diff

    files = sorted({d.file for d in report.diagnostics if applicable(d, args.unsafe_fixes)})
    fixed_count, changed, diffs = 0, 0, []
    for name in files:
        try:
            original = read_source(name).decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            _error(f"cannot fix {name}: {exc}")
            continue

        def check(text: str, name: str = name) -> list[Any]:
            found = check_text(text, name, config.targets)
            return [d for d in found if config.wants(d.code)]

        result = fix_text(original, check, unsafe=args.unsafe_fixes)
        if not result.changed:
            continue
        changed += 1
        fixed_count += len(result.fixed)
        if args.diff:
            diffs.append(unified_diff(name, original, result.text))
            continue
        if not _write(name, result.text):
            return ExitCode.ERROR
        report.diagnostics[:] = [d for d in report.diagnostics if d.file != name]
        report.diagnostics.extend(result.remaining)
    if args.diff:
        sys.stdout.write("".join(diffs))
        noun = "fix" if fixed_count == 1 else "fixes"
        print(
            f"sweepspec: {fixed_count} {noun} in {changed} file(s) would be applied",
            file=sys.stderr,
        )
        return ExitCode.FINDINGS if diffs else ExitCode.OK
    if fixed_count:
        noun = "finding" if fixed_count == 1 else "findings"
        print(f"sweepspec: fixed {fixed_count} {noun} in {changed} file(s)", file=sys.stderr)
    report.diagnostics.sort(key=lambda d: d.sort_key())
    return None


def _convert(args: argparse.Namespace) -> int:
    same = bool(args.output) and args.input != "-" and _same_file(args.output, args.input)
    if same and not args.in_place:
        _error("the output is the input; pass --in-place to overwrite it")
        return ExitCode.ERROR
    from .convert import convert_document, convert_file  # converters load only when converting

    effort = args.best_effort
    if args.into is not None:
        return _convert_into(args)
    if args.input == "-":
        stdin = load_bytes(read_limited(sys.stdin.buffer), "<stdin>")
        result = convert_document(
            stdin, args.to, args.source_format, best_effort=effort, space=args.space
        )
    else:
        try:
            result = convert_file(
                args.input, args.to, args.source_format, best_effort=effort, space=args.space
            )
        except OSError as exc:
            _error(f"cannot read {args.input}: {exc.strerror or exc}")
            return ExitCode.ERROR
    sys.stderr.write(_text(result.diagnostics))
    # best effort writes what it could, errors and all; the exit code still says there were some
    if result.text is None or (result.failed(strict=args.strict) and not effort):
        refused = result.text is None and not effort and result.source_format not in (None, "spec")
        why = " (the input has errors; --best-effort writes what can be)" if refused else ""
        print(f"sweepspec: nothing written{why}", file=sys.stderr)
        return ExitCode.FINDINGS
    if args.output:
        if not _write(args.output, result.text):
            return ExitCode.ERROR
    else:
        sys.stdout.write(result.text)
    return ExitCode.FINDINGS if result.failed(strict=args.strict) else ExitCode.OK


def _convert_into(args: argparse.Namespace) -> int:
    from .convert import convert_into
    from .formats import MERGEABLE_IDS

    if args.to not in MERGEABLE_IDS:
        _error(f"--into writes into a file of {', '.join(MERGEABLE_IDS)}, not {args.to}")
        return ExitCode.ERROR
    if args.input == "-":
        _error("--into needs the input as a file")
        return ExitCode.ERROR
    try:
        result = convert_into(
            args.input,
            args.to,
            args.into,
            args.source_format,
            best_effort=args.best_effort,
            space=args.space,
        )
    except OSError as exc:
        _error(f"cannot read {exc.filename or args.into}: {exc.strerror or exc}")
        return ExitCode.ERROR
    sys.stderr.write(_text(result.diagnostics))
    if result.text is None or (result.failed(strict=args.strict) and not args.best_effort):
        print("sweepspec: nothing written", file=sys.stderr)
        return ExitCode.FINDINGS
    if not _write(args.output or args.into, result.text):
        return ExitCode.ERROR
    return ExitCode.FINDINGS if result.failed(strict=args.strict) else ExitCode.OK


def _text(diagnostics: Sequence[Any]) -> str:
    """Findings for standard error, in colour where it is a terminal that wants it."""
    return text_format.format_diagnostics(diagnostics, wants_color(os.environ, sys.stderr))


def _error(message: str) -> None:
    """``sweepspec: error: message`` on standard error, one line whatever the message quotes."""
    print(f"sweepspec: error: {printable(message)}", file=sys.stderr)


def _write(path: str, content: str | bytes) -> bool:
    """Write ``path`` atomically (see sweepspec.atomic); say why not if it cannot be written."""
    from . import atomic  # tempfile and its random source, for commands that write

    try:
        if isinstance(content, bytes):
            atomic.write_bytes(path, content)
        else:
            atomic.write_text(path, content)
    except OSError as exc:
        _error(f"cannot write {path}: {exc.strerror or exc}")
        return False
    return True


def _same_file(output: str, given: str) -> bool:
    """Whether writing ``output`` would overwrite the input ``given`` (through a link, too)."""
    try:
        return os.path.samefile(output, given)
    except OSError:  # the output does not exist yet (or cannot be written: said when writing)
        return False


def _add_convert(commands: Any) -> None:
    convert = commands.add_parser(
        "convert",
        help=COMMANDS["convert"],
        description="Convert a sweep file through the spec, keeping its comments. Whatever the "
        "target cannot express is reported at its line and column (X001); the input format is "
        "detected unless --from names it. A .py input is parsed, never run: as a Ray Tune "
        "script when it imports Ray, as an Optuna objective when it imports Optuna, as a W&B "
        "sweep when it gives `wandb.sweep` a dict, else as a hyperopt space.",
    )
    convert.add_argument("input", metavar="IN", help="the file to convert, or - for standard input")
    convert.add_argument("--to", required=True, choices=WRITABLE_IDS, help="the target format")
    _add_source_format(convert)
    convert.add_argument(
        "--space",
        metavar="NAME",
        help="of a Python source with several spaces, the one to convert: its name (`space`), "
        "a function that returns it (`get_space`), or a class attribute (`Trainer.space`); "
        "`space:12` is the one bound on line 12, where several share a name",
    )
    convert.add_argument(
        "-o", "--output", metavar="OUT", help="write to OUT, atomically, instead of standard output"
    )
    convert.add_argument(
        "--into",
        metavar="FILE",
        help="write the sweep into the existing FILE of the --to format (a Hydra config), "
        "keeping the rest of it; FILE is rewritten atomically, or OUT is written instead",
    )
    convert.add_argument(
        "--in-place",
        action="store_true",
        help="allow OUT to be IN (otherwise refused, so no input is overwritten)",
    )
    convert.add_argument(
        "--strict",
        action="store_true",
        help="fail, writing nothing, when the target loses anything",
    )
    convert.add_argument(
        "--best-effort",
        action="store_true",
        help="convert an input with errors too, as far as it can be, naming every node left "
        "out (an input with errors is otherwise refused)",
    )


def _add_source_format(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--from",
        dest="source_format",
        choices=READABLE_IDS,
        help="the input's format (default: detected)",
    )


def _checked_spec(path: str, doing: str, source_format: str | None = None) -> Document | int:
    """The spec at ``path`` (or the spec read from a file of another format), or the exit
    code once its errors (or why it cannot be read) are printed: nothing is sampled or run from
    a spec with errors."""
    from .check import check_document
    from .formats import BY_ID, PYTHON_SUFFIXES, detect

    try:
        raw = read_source(path)
    except OSError as exc:
        _error(f"cannot read {path}: {exc.strerror or exc}")
        return ExitCode.ERROR
    named = BY_ID[source_format] if source_format is not None else None
    python = (
        named.python or (named.reads_python and path.endswith(PYTHON_SUFFIXES))
        if named is not None
        else path.endswith(PYTHON_SUFFIXES)
    )
    doc = None if python else load_bytes(raw, path, comments=False)
    kind = (
        source_format
        if source_format is not None
        else (detect(doc.data) if doc is not None and not doc.fatal else None)
    )
    if python or kind not in (None, "spec"):
        read = _read_as_spec(path, doing, source_format)
        if isinstance(read, int):
            return read
        doc = read
    assert doc is not None
    errors = [d for d in check_document(doc) if d.severity is Severity.ERROR]
    if errors:
        sys.stderr.write(_text(errors))
        print(f"sweepspec: fix these before {doing}", file=sys.stderr)
        return ExitCode.FINDINGS
    return doc


def _grids_inside_choices(doc: Document) -> list[Any]:
    """V018 as errors: how many trials such a grid makes depends on Ray's draws."""
    from dataclasses import replace

    from .checks import Context
    from .checks.space import check_grids_inside_choices

    found = check_grids_inside_choices(Context(doc))
    return [replace(d, severity=Severity.ERROR) for d in found]


def _read_as_spec(path: str, doing: str, source_format: str | None) -> Document | int:
    """A file of another format read into a spec, through `convert`: what its reader notes
    (left out, read otherwise) is printed; a file it cannot read is refused with the reasons,
    each at its place in the file."""
    from .convert import convert_file
    from .loader import load_text

    try:
        result = convert_file(path, "spec", source_format)
    except OSError as exc:
        _error(f"cannot read {path}: {exc.strerror or exc}")
        return ExitCode.ERROR
    said = [d for d in result.diagnostics if d.severity is not Severity.INFO]
    sys.stderr.write(_text(said))
    if result.text is None:
        print(f"sweepspec: fix these before {doing}", file=sys.stderr)
        return ExitCode.FINDINGS
    return load_text(result.text, f"{path} (read as a spec)")


def _sample(args: argparse.Namespace) -> int:
    import json

    from .sample import command_line, command_template, configurations, shell_line
    from .yamlio import dump

    doc = _checked_spec(args.spec, "sampling", args.source_format)
    if isinstance(doc, int):
        return doc
    if unsampleable := _grids_inside_choices(doc):
        sys.stderr.write(_text(unsampleable))
        print("sweepspec: a sample cannot draw these (see V018)", file=sys.stderr)
        return ExitCode.FINDINGS
    drawn = configurations(doc.data, args.n, args.seed)
    if args.plot or args.stats:
        from .plot import PlotError, draw_samples, panels, stats

        found = panels(doc.data, drawn)
        if args.plot:
            try:
                image = draw_samples(found, Path(args.plot), f"{args.spec}: {args.n} draws")
            except PlotError as exc:
                _error(str(exc))
                return ExitCode.ERROR
            if not _write(args.plot, image):
                return ExitCode.ERROR
        if args.stats:
            sys.stdout.write(stats(found))
            return ExitCode.OK
    if args.format == "json":
        sys.stdout.write("".join(json.dumps(c) + "\n" for c in drawn))
    elif args.format == "command":
        template = command_template(doc.data)
        program = str(doc.data.get("program", "train.py"))
        for config in drawn:
            print(shell_line(command_line(template, program, config)))
    else:
        sys.stdout.write(dump(drawn))
    return ExitCode.OK


def _run(args: argparse.Namespace) -> int:
    from .run import RunError, run

    doc = _checked_spec(args.spec, "running", args.source_format)
    if isinstance(doc, int):
        return doc
    try:
        outcome = run(
            doc,
            engine=args.engine,
            address=args.address,
            connect_timeout=args.connect_timeout,
            resources={
                key: value
                for key, value in (("cpu", args.cpus), ("gpu", args.gpus))
                if value is not None
            },
            max_concurrent=args.max_concurrent,
            storage=args.storage,
            num_samples=args.num_samples,
        )
    except RunError as exc:
        _error(str(exc))
        return ExitCode.ERROR
    metric = doc.data.get("metric", "metric")
    print(f"{outcome.trials} trials with {outcome.engine}")
    print(f"best {printable(str(metric))}: {outcome.best_metric}")
    print(f"best config: {outcome.best_config}")
    if outcome.results_dir:
        print(f"results: {printable(outcome.results_dir)} (one line per trial: trials.jsonl)")
        _plot_trials(Path(outcome.results_dir), str(metric), str(doc.data.get("mode", "min")))
    return ExitCode.OK


def _plot_trials(results: Path, metric: str, mode: str) -> None:
    """The metric over the trials, beside the results, where matplotlib is installed."""
    from .plot import PlotError, trials_plot

    try:
        drawn = trials_plot(results, metric, mode)
    except PlotError as exc:
        print(f"(no plot: {exc})")
        return
    if drawn is not None:
        print(f"plot: {printable(str(drawn))} ({metric} per trial, and the best so far)")


def _compat(args: argparse.Namespace) -> int:
    targets = list(dict.fromkeys(args.targets)) or list(TARGET_IDS)
    from .compat.render import render as render_compat  # the tables load for `compat` only

    sys.stdout.write(render_compat(args.format, targets))
    return ExitCode.OK


def _schema(args: argparse.Namespace) -> int:
    path = schema_file(args.spec_version)
    if args.path:
        print(path)
    else:
        sys.stdout.write(path.read_text(encoding="utf-8"))
    return ExitCode.OK


_BUILDERS = {
    "check": _add_check,
    "compat": _add_compat,
    "convert": _add_convert,
    "sample": _add_sample,
    "run": _add_run,
    "schema": _add_schema,
    "completion": _add_completion,
}
