"""Conversion between formats: load with comments, convert through the spec, dump."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .check import check_document
from .diagnostics import Diagnostic, Severity, Span
from .emit import diagnostic
from .formats import FORMAT_IDS, detect, hyperopt_source, tune_source, wandb, wandb_tune
from .loader import Document, load_bytes, load_text
from .yamlio import dump


@dataclass
class Result:
    """The converted text (``None`` when nothing could be written) and every finding."""

    text: str | None
    source_format: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.diagnostics.sort(key=Diagnostic.sort_key)

    def failed(self, strict: bool = False) -> bool:
        """Whether the conversion must count as failed (``strict``: any loss too)."""
        if self.text is None:
            return True
        worst = Severity.WARNING if strict else Severity.ERROR
        return any(d.severity.rank >= worst.rank for d in self.diagnostics)


def convert_document(doc: Document, to: str, source_format: str | None = None) -> Result:
    """Convert a document loaded with comments (``load_text``) to the format ``to``."""
    if doc.fatal:
        return Result(None, None, list(doc.diagnostics))
    found = detect(doc.data) if source_format is None else source_format
    if found is None or found not in FORMAT_IDS:
        what = "an unknown format" if found is None else f"`{found}`, which cannot be read yet"
        problem = diagnostic(
            "X003",
            f"cannot convert: the file is {what}",
            doc.file,
            Span(1, 1, 1, 1),
            hint="name the format with --from: " + ", ".join(FORMAT_IDS),
        )
        return Result(None, found, [*doc.diagnostics, problem])
    if to not in FORMAT_IDS:
        raise ValueError(f"unknown target format {to!r}; known: {', '.join(FORMAT_IDS)}")
    diagnostics = list(doc.diagnostics)
    if found == "spec":
        checked = check_document(doc)
        errors = [d for d in checked if d.severity is Severity.ERROR]
        if errors:
            return Result(None, found, checked)
        if to == "spec":
            return Result(doc.text, found, checked)
        if to == "hyperopt":
            return _to_hyperopt_source(doc, found, checked)
        writer = wandb.to_wandb if to == "wandb" else wandb_tune.to_legacy
        converted = writer(doc)
        return Result(dump(converted.data), found, [*checked, *converted.diagnostics])
    if found == to:
        return Result(doc.text, found, diagnostics)
    reader = wandb.to_spec if found == "wandb" else wandb_tune.to_spec
    spec = reader(doc)
    diagnostics += spec.diagnostics
    if to == "spec":
        return Result(dump(spec.data), found, diagnostics)
    # between the two W&B formats, through the spec
    middle = Document(doc.file, dump(spec.data), spec.data, doc.spans)
    return convert_document(middle, to, "spec")


def _to_hyperopt_source(doc: Document, found: str, checked: list[Diagnostic]) -> Result:
    from .checks.context import Context
    from .checks.targets import iter_uses
    from .compat import FEATURES_BY_ID, lookup
    from .emit import Locator

    here = Locator(doc)
    lost = []
    for use in iter_uses(Context(doc, ("hyperopt",))):
        row = lookup("hyperopt", use.feature)
        if row.status.severity is not None:
            title = FEATURES_BY_ID[use.feature].title
            place = here.at_key if use.on_key else here.at_value
            lost.append(
                place(
                    "X001",
                    f"hyperopt: {title} is {row.status.phrase}: {row.reason}",
                    use.path,
                    severity=Severity.WARNING,
                )
            )
    return Result(hyperopt_source.write(doc), found, [*checked, *lost])


def convert_source(source: str, to: str, file: str = "<string>") -> Result:
    """Convert Python source holding a hyperopt space, or a Ray Tune space when the module
    imports Ray; the source is parsed, never run."""
    if tune_source.mentions_ray(source):
        read = tune_source.read(source, file)
        if read.data is None:
            return Result(None, "tune", read.diagnostics)
        text = dump(read.data)
        if to == "spec":
            return Result(text, "tune", read.diagnostics)
        return _in_module(convert_document(load_text(text, file), to, "spec"), read.origins)
    read = hyperopt_source.read(source, file)
    if read.data is None:
        return Result(None, "hyperopt", read.diagnostics)
    kept = getattr(read.data, "text", None)  # the module's own spec, unchanged
    text = kept if isinstance(kept, str) else dump(read.data)
    if to == "spec":
        return Result(text, "hyperopt", read.diagnostics)
    return _in_module(convert_document(load_text(text, file), to, "spec"), read.origins)


def _in_module(result: Result, origins: dict[tuple[Any, ...], Span]) -> Result:
    """Findings on the spec read from a module, located in the module: at the nearest key the
    module wrote (a finding on `lr`'s bounds is at the `hp.loguniform(...)` call), else at
    its first line."""

    def span(path: tuple[Any, ...]) -> Span:
        for end in range(len(path), 0, -1):
            if path[:end] in origins:
                return origins[path[:end]]
        return Span(1, 1, 1, 1)

    moved = [replace(d, span=span(tuple(d.path)), related=()) for d in result.diagnostics]
    return replace(result, diagnostics=moved)


def convert_text(
    text: str, to: str, file: str = "<string>", source_format: str | None = None
) -> Result:
    return convert_document(load_text(text, file), to, source_format)


def convert_file(path: str | Path, to: str, source_format: str | None = None) -> Result:
    """Convert the file at ``path``; raises ``OSError`` when it cannot be read.

    A ``.py`` file (or ``source_format="hyperopt"``) is read as Python source with a hyperopt
    space, or with a Ray Tune space when it imports Ray.
    """
    raw = Path(path).read_bytes()
    if source_format == "hyperopt" or (source_format is None and str(path).endswith(".py")):
        return convert_source(raw.decode("utf-8", errors="replace"), to, str(path))
    return convert_document(load_bytes(raw, str(path)), to, source_format)
