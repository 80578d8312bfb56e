"""The check pipeline: load -> version -> schema -> semantic checks -> sorted diagnostics."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import suppressions
from .diagnostics import Diagnostic, Severity, Span, unique
from .discovery import Candidate, iter_candidates
from .emit import diagnostic
from .formats import PYTHON_SUFFIXES, WRAPPERS, detect, wrapper_key
from .settings import Config

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from .loader import Document

# The loader (ruamel.yaml, PyYAML), the schema (jsonschema) and the checks are imported by the
# functions that use them: `import sweepspec` imports this module, and costs no more than
# Python's start-up does.

VERSION_KEY = "sweepspec"
_HAS_VERSION_KEY = re.compile(rf"^[\"']?{VERSION_KEY}[\"']?\s*:", re.MULTILINE)
# A W&B sweep file found in a directory: top-level `parameters:` with a key only sweeps have
# (Azure Pipelines files have a top-level `parameters:` too).
_WANDB_PARAMETERS = re.compile(r"^parameters\s*:", re.MULTILINE)
_WANDB_OTHER = re.compile(r"^(?:method|metric|program|early_terminate|run_cap)\s*:", re.MULTILINE)
# ... or under one of the wrapper keys, indented.
_WRAPPER = re.compile(rf"^(?:{'|'.join(WRAPPERS)})\s*:", re.MULTILINE)
_NESTED_PARAMETERS = re.compile(r"^[ ]+parameters\s*:", re.MULTILINE)
_NESTED_OTHER = re.compile(r"^[ ]+(?:method|early_terminate|run_cap)\s*:", re.MULTILINE)


def check_document(
    doc: Document, targets: Sequence[str] = (), *, source_format: str | None = None
) -> list[Diagnostic]:
    """All findings for a loaded document, sorted by position.

    ``targets`` are formats to check compatibility with, besides those the file lists under
    ``targets:`` (see ``sweepspec.compat.TARGET_IDS``). ``source_format`` checks the document
    as ``"spec"`` or ``"wandb"`` whatever its keys say (detected from them when ``None``).
    """
    from .checks import Context, run_checks

    found = list(doc.diagnostics)
    kind = source_format if source_format is not None else detect(doc.data)
    wrapper = wrapper_key(doc.data) if kind is None and not doc.fatal else None
    if not doc.fatal and kind == "wandb":
        from .checks.wandb import check_wandb

        found.extend(check_wandb(doc))
    elif not doc.fatal and kind == "wandb-tune":
        found.extend(_legacy(doc))
    elif not doc.fatal and kind is not None and kind != "spec":
        found.extend(_in_own_terms(doc, kind))
    elif wrapper is not None:
        found.extend(_wrapped_wandb(doc, wrapper))
    elif not doc.fatal:
        version = _version(doc, found)
        if version is not None:
            found.extend(_schema_findings(doc, version))
            found.extend(run_checks(Context(doc, tuple(targets))))
    marks, problems = suppressions.parse(doc.text, doc.file)
    if marks or problems:
        found = suppressions.apply(found, marks, doc.file) + problems
    return sorted(unique(found), key=Diagnostic.sort_key)


def _schema_findings(doc: Document, version: int) -> list[Diagnostic]:
    """What the schema finds; a valid document is told apart without importing jsonschema,
    which finds and places the errors of the others."""
    from .fastschema import valid

    if valid(doc.data, version):
        return []
    from .schema import schema_diagnostics

    return list(schema_diagnostics(doc, version))


def _legacy(doc: Document) -> list[Diagnostic]:
    """The legacy W&B Ray Tune YAML (what the seed's API wrote), checked in its own terms: what
    its reader cannot read; the seed's statuses of what it uses (a grid: not implemented;
    random search: partly), at the file's lines; and the calls its engine rejected."""
    from .checks import Context
    from .checks.targets import check_targets
    from .formats import BY_ID

    # the legacy format's reader and engine are its only rule book
    from .formats.wandb_tune import engine_rejections, to_spec

    conversion = to_spec(doc)
    found = [d for d in conversion.diagnostics if d.code == "X003"]
    spec = _as_read(doc, conversion.data, BY_ID["wandb-tune"])
    said = {d.span.line for d in found}
    found += [
        replace(d, fix=None)
        for d in check_targets(Context(spec, ("wandb-tune",)))
        if d.span.line not in said
    ]
    found += list(engine_rejections(doc))
    return found


def _as_read(doc: Document, data: Any, source: Any) -> Document:
    """The spec read from ``doc``, with each node placed where the reader found it in ``doc``."""
    from .loader import Document
    from .sourcemap import TranslatedMap
    from .yamlio import dump

    spans = TranslatedMap(doc.spans, lambda path: source.origin_of(path, doc.data), doc.text)
    return Document(doc.file, dump(data), data, spans)


def _in_own_terms(doc: Document, kind: str) -> list[Diagnostic]:
    """A file of another format (an NNI search space or experiment config, a Hydra config that
    sweeps), checked in its own terms: what its reader cannot read, and where its semantics
    differ from the spec's; then what `check` finds in the spec read from it (a log scale from
    0), placed in the file where the reader found each node."""
    from .formats import BY_ID

    source = BY_ID[kind]
    reading = source.read(doc)
    found = [d for d in reading.diagnostics if d.code in ("X003", "X004")]
    # a fix of the spec read would rewrite the file with the spec's words: none is offered
    spec = _as_read(doc, reading.data, source)
    said = {d.span.line for d in found if d.severity is Severity.ERROR}
    found += [
        replace(d, fix=None)
        for d in check_document(spec, source_format="spec")
        if d.severity is Severity.ERROR and d.code != "V013" and d.span.line not in said
    ]
    return found


def _wrapped_wandb(doc: Document, wrapper: str) -> Iterator[Diagnostic]:
    """The findings of the W&B sweep under the top-level key ``wrapper``, at their places in the
    file: it is checked as a document of its own whose spans are those of the file."""
    from .checks.wandb import check_wandb
    from .loader import Document

    inner = Document(
        doc.file,
        doc.text,
        doc.data[wrapper],
        doc.spans.under((wrapper,)),
        extra={"root": (wrapper,)},
    )
    for found in check_wandb(inner):
        yield replace(found, path=(wrapper, *found.path))


def check_text(text: str, file: str = "<string>", targets: Sequence[str] = ()) -> list[Diagnostic]:
    """Check YAML text; ``file`` is the name diagnostics carry."""
    from .loader import load_text

    return check_document(load_text(text, file, comments=False), targets)


def check_file(path: str | Path, targets: Sequence[str] = ()) -> list[Diagnostic]:
    """Check one file. Raises ``OSError`` when it cannot be read."""
    from .loader import load_bytes, read_source

    raw = read_source(path)
    return check_document(load_bytes(raw, str(path), comments=False), targets)


def _version(doc: Document, found: list[Diagnostic]) -> int | None:
    from .schemafile import LATEST_VERSION, SUPPORTED_VERSIONS

    data = doc.data
    assert isinstance(data, Mapping)
    if VERSION_KEY not in data:
        found.append(_not_a_spec(doc))
        return None
    value = data[VERSION_KEY]
    span = doc.spans.value((VERSION_KEY,))
    if isinstance(value, int) and not isinstance(value, bool) and value in SUPPORTED_VERSIONS:
        return int(value)
    if isinstance(value, str) and value.strip() in {str(v) for v in SUPPORTED_VERSIONS}:
        hint = f"write `{VERSION_KEY}: {value.strip()}` without quotes"
        message = f"the version must be the number {value.strip()}, not the string '{value}'"
    elif isinstance(value, int) and not isinstance(value, bool) and value > LATEST_VERSION:
        hint = "upgrade sweepspec: pip install -U sweepspec"
        message = f"format version {value} is newer than this sweepspec (it reads version 1)"
    else:
        hint = f"write `{VERSION_KEY}: {LATEST_VERSION}`"
        message = f"unknown format version {value!r}; this sweepspec reads version 1"
    found.append(diagnostic("S002", message, doc.file, span, path=(VERSION_KEY,), hint=hint))
    return None


def _not_a_spec(doc: Document) -> Diagnostic:
    from .schemafile import LATEST_VERSION

    data = doc.data
    assert isinstance(data, Mapping)
    root = doc.spans.value(())
    span = Span(root.line, root.column, root.line, root.column)
    if "parameters" in data or "method" in data:
        hint = "this looks like a W&B sweep file (`method`, `parameters`)"
    elif "tune" in data:
        hint = "this looks like a legacy W&B Ray Tune file (`tune:`)"
    else:
        hint = f"start the file with `{VERSION_KEY}: {LATEST_VERSION}`"
    return diagnostic(
        "S001",
        f"no `{VERSION_KEY}:` version key, so this is not a sweepspec file",
        doc.file,
        span,
        hint=hint,
    )


@dataclass
class Report:
    """The outcome of checking many paths."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    """YAML files found in directories that are not sweepspec files."""
    excluded: list[str] = field(default_factory=list)
    """Files that an ``exclude`` pattern matches."""
    errors: list[str] = field(default_factory=list)
    """Files that could not be read, with the reason."""

    def add(self, name: str, diagnostics: list[Diagnostic], config: Config) -> None:
        self.checked.append(name)
        self.diagnostics.extend(d for d in diagnostics if config.wants(d.code))


# Below this many files a worker pool costs more (process start-up) than it saves.
PARALLEL_THRESHOLD = 64


def check_paths(
    paths: Iterable[str | Path],
    *,
    config: Config | None = None,
    jobs: int | None = None,
    only_specs: bool = False,
    read_module: ModuleCheck | None = None,
) -> Report:
    """Check files and directories, as ``sweepspec check`` does.

    Files named explicitly are checked unless ``config.exclude`` matches them. Directories are
    searched for files matching ``config.include`` that hold a top-level ``sweepspec:`` key, so
    a directory of mixed YAML can be checked. ``jobs`` is the number of worker processes
    (default: one per CPU); the report is the same, in the same order, whatever the number.
    ``only_specs`` skips named files that are not specs too (for hooks that pass every file).
    ``read_module`` checks a Python source or notebook named explicitly (``.py``, ``.ipynb``);
    the command line passes ``convert.check_module``, which sits above this layer.
    """
    config = config or Config()
    candidates = [
        (c, config.targets, read_module)
        for c in iter_candidates(paths, config, only_specs=only_specs)
    ]
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers > 1 and len(candidates) >= PARALLEL_THRESHOLD:
        outcomes: Iterable[_Outcome] = _parallel(candidates, workers)
    else:
        outcomes = map(_check_candidate, candidates)
    report = Report()
    for name, kind, payload in outcomes:
        if kind == "error":
            report.errors.append(f"{name}: {payload}")
        elif kind == "skipped":
            report.skipped.append(name)
        elif kind == "excluded":
            report.excluded.append(name)
        else:
            report.add(name, payload, config)
    return report


def check_stdin(raw: bytes, name: str, config: Config | None = None) -> Report:
    """Check one document read from standard input, reported under ``name``."""
    from .loader import load_bytes

    config = config or Config()
    report = Report()
    report.add(name, check_document(load_bytes(raw, name, comments=False), config.targets), config)
    return report


if TYPE_CHECKING:
    from collections.abc import Callable

    _Outcome = tuple[str, str, Any]
    ModuleCheck = Callable[[str], list[Diagnostic]]
    _Job = tuple[Candidate, tuple[str, ...], ModuleCheck | None]


def _check_candidate(job: _Job) -> _Outcome:
    from .loader import load_bytes, read_source

    candidate, targets, read_module = job
    name = str(candidate.path)
    if candidate.excluded:
        return name, "excluded", None
    try:
        # A FIFO or device found in a directory is not a sweep file, and reading a FIFO would
        # wait for a writer forever; one named explicitly is read (`check <(generate)`).
        if not candidate.explicit and not stat.S_ISREG(os.stat(candidate.path).st_mode):
            return name, "skipped", None
        raw = read_source(candidate.path)
    except OSError as exc:
        return name, "error", exc.strerror or str(exc)
    if not candidate.explicit and not _is_spec(raw, name):
        return name, "skipped", None
    # named explicitly: Python is never searched for in directories
    if read_module is not None and name.endswith(PYTHON_SUFFIXES):
        return name, "checked", read_module(name)
    return name, "checked", check_document(load_bytes(raw, name, comments=False), targets)


def _parallel(candidates: list[_Job], workers: int) -> Iterator[_Outcome]:
    import multiprocessing  # only for large batches: it costs ~25 ms to import
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    # fork starts workers without re-importing anything; elsewhere use the platform default.
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunk = max(1, len(candidates) // (workers * 4))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_check_candidate, candidates, chunksize=chunk)


def _is_spec(raw: bytes, name: str) -> bool:
    from .loader import MAX_BYTES, decode

    if len(raw) > MAX_BYTES:
        # cut off by read_source: look at what was read (the loader will refuse the file)
        text, problem = raw.decode("utf-8", errors="replace"), None
    else:
        text, problem = decode(raw, name)
    if problem is not None:
        return False
    if _HAS_VERSION_KEY.search(text) is not None:
        return True
    if _WANDB_PARAMETERS.search(text) and _WANDB_OTHER.search(text):
        return True
    return bool(
        _WRAPPER.search(text) and _NESTED_PARAMETERS.search(text) and _NESTED_OTHER.search(text)
    )
