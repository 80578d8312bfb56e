"""What a format is to sweepspec: one record, and what its reader and writer return."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, JsonPath, Span

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


@dataclass
class Reading:
    """A spec read from another format: its data (``None`` when nothing could be read), every
    finding, and where each spec node came from in the input (key path -> span) where the
    input is not YAML (Python source); a YAML input's own spans place the findings there."""

    data: Any
    diagnostics: list[Diagnostic] = field(default_factory=list)
    origins: dict[JsonPath, Span] = field(default_factory=dict)
    # Other spans of a module that, like `param_space`'s, hold the space: their notes and
    # commented-out entries are the spec's, among their own entries (the statements that
    # suggest in the helpers an Optuna objective hands the trial)
    regions: list[Span] = field(default_factory=list)
    # Spans of a module where an end-of-line comment on a line that starts no entry of the
    # spec (`'metric': {  # note`) is a note above the next entry (a W&B sweep's dict)
    notes: list[Span] = field(default_factory=list)


@dataclass
class Writing:
    """A spec written in another format: the text (``None`` when nothing can be written) and
    the findings of writing it (what the format cannot hold, placed in the spec)."""

    text: str | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Format:
    """One format sweepspec knows: how to recognise, read and write it, and its compatibility
    table (which makes it a `--target` of `check`).

    ``reader`` and ``writer`` name functions as ``module:function``, imported when first used,
    so that knowing the formats (for the command line's choices, say) imports no converter.
    A YAML reader takes a loaded ``Document``; a Python reader (``python=True``) the source and
    its file name. Both return a ``Reading``; a writer takes a spec ``Document`` and returns a
    ``Writing``. ``detect`` names a function that says whether a loaded YAML document (or, for a
    Python format, a module's source) is in this format.
    """

    id: str
    title: str
    summary: str
    suffixes: tuple[str, ...] = (".yaml", ".yml")
    python: bool = False
    detect: str | None = None
    reader: str | None = None
    writer: str | None = None
    table: str | None = None
    """Its compatibility table, ``module:ROWS``; a format with one is a `--target` of `check`."""
    origin: str | None = None
    """``module:function(path, data)``: where the node of a spec read from a file of this
    format was in the file, so that what a conversion onward finds is placed in the input."""
    context: str | None = None
    """What the compatibility table's ``under`` refers to for this format, in words."""
    engine: str | None = None
    """The name of the engine that runs this format's sweeps (`sweepspec run --engine`)."""
    merger: str | None = None
    """``module:function(doc, existing_text, file) -> Writing``: the spec written into an
    existing file of this format, keeping the rest of it (`convert --into FILE`)."""
    source_reader: str | None = None
    """Of a YAML format that is also written as Python (a W&B sweep dict given to
    ``wandb.sweep``): ``module:function(source, file, space) -> Reading``, read from a ``.py``
    or ``.ipynb`` file. ``source_detect`` says whether a module's source is in it."""
    source_detect: str | None = None

    @property
    def rows(self) -> tuple[Any, ...]:
        """The rows of its compatibility table (none without one)."""
        return tuple(resolve(self.table)) if self.table is not None else ()

    @property
    def reads_python(self) -> bool:
        """Whether a module's source can be read as this format."""
        return self.python or self.source_reader is not None

    @property
    def readable(self) -> bool:
        return self.reader is not None

    @property
    def writable(self) -> bool:
        return self.writer is not None

    def read(self, *args: Any) -> Reading:
        if self.reader is None:
            raise ValueError(f"sweepspec cannot read the {self.id} format yet")
        result: Reading = resolve(self.reader)(*args)
        return result

    def read_python(self, source: str, file: str, space: str | None = None) -> Reading:
        """A module's source read as this format (its Python reader)."""
        reader = self.reader if self.python else self.source_reader
        if reader is None:
            raise ValueError(f"sweepspec cannot read the {self.id} format from Python")
        result: Reading = resolve(reader)(source, file, space)
        return result

    def recognises_python(self, source: str) -> bool:
        detect = self.detect if self.python else self.source_detect
        return detect is not None and bool(resolve(detect)(source))

    def write(self, doc: Any) -> Writing:
        if self.writer is None:
            raise ValueError(f"sweepspec cannot write the {self.id} format yet")
        result: Writing = resolve(self.writer)(doc)
        return result

    def merge(self, doc: Any, existing: str, file: str) -> Writing:
        if self.merger is None:
            raise ValueError(f"sweepspec cannot write into an existing {self.id} file")
        result: Writing = resolve(self.merger)(doc, existing, file)
        return result

    def origin_of(self, path: Any, data: Any) -> Any:
        """The input's path of a spec node (the spec's own path without an ``origin``)."""
        return resolve(self.origin)(path, data) if self.origin is not None else path

    def recognises(self, subject: Any) -> bool:
        return self.detect is not None and bool(resolve(self.detect)(subject))


def resolve(name: str) -> Any:
    """What a ``module:attribute`` name names (a function, or a table's rows)."""
    module, _, attribute = name.partition(":")
    return getattr(importlib.import_module(module), attribute)
