"""Load a sweep file: bytes -> text -> data, with the position of every node.

Nothing in the input is executed: tags are reported, never constructed as Python objects. Every
problem becomes a located ``sweepspec.diagnostics.Diagnostic``; this module does not raise
for bad input.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from . import document as limits  # its MAX_* are read when used, so that tests can lower them
from . import fastload
from .diagnostics import Diagnostic, Span
from .document import (
    MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    Document,
    second_document,
    too_large,
)
from .emit import diagnostic
from .sourcemap import SourceMap, inside

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def load_file(path: str | Path, display: str | None = None) -> Document:
    """Load ``path``. I/O errors propagate as ``OSError``; everything else is a diagnostic."""
    raw = read_source(path)
    return load_bytes(raw, display if display is not None else str(path))


def read_source(path: str | Path) -> bytes:
    """The bytes of ``path``, but no more than ``MAX_BYTES + 1`` of them: enough for the loader to
    refuse a file that is too large, without reading all of a huge file (or ``/dev/zero``)."""
    with open(path, "rb") as handle:
        return read_limited(handle)


def read_limited(stream: Any) -> bytes:
    """At most ``MAX_BYTES + 1`` bytes from a binary stream (a file, or standard input)."""
    chunks: list[bytes] = []
    wanted = MAX_BYTES + 1
    while wanted > 0:
        chunk = stream.read(wanted)
        if not chunk:
            break
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


def load_bytes(raw: bytes, file: str = "<stdin>", *, comments: bool = True) -> Document:
    big = too_large(len(raw), file)
    if big is not None:
        return Document(file, "", None, SourceMap(), (big,), fatal=True)
    text, problem = decode(raw, file)
    if problem is not None:
        return Document(file, "", None, SourceMap(), (problem,), fatal=True)
    return load_text(text, file, comments=comments)


def decode(raw: bytes, file: str) -> tuple[str, Diagnostic | None]:
    """Decode as YAML 1.2 says (§5.2): by BOM (UTF-8/16/32), else by the pattern of zero bytes
    that an ASCII first character leaves in UTF-16 or UTF-32, else strict UTF-8. A bad byte is
    reported at its line:column."""
    encoding, skip = _encoding(raw)
    try:
        return raw[skip:].decode(encoding), None
    except UnicodeDecodeError as exc:
        return "", undecodable(raw[skip:], exc, encoding, file)


def _encoding(raw: bytes) -> tuple[str, int]:
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name, len(bom)
    head = raw[:4]
    if len(head) == 4 and head[:3] == b"\0\0\0" and head[3]:
        return "utf-32-be", 0
    if len(head) == 4 and head[0] and head[1:] == b"\0\0\0":
        return "utf-32-le", 0
    if len(head) >= 2 and not head[0] and head[1]:
        return "utf-16-be", 0
    if len(head) >= 2 and head[0] and not head[1]:
        return "utf-16-le", 0
    return "utf-8", 0


def undecodable(raw: bytes, exc: UnicodeDecodeError, encoding: str, file: str) -> Diagnostic:
    """Y004 at the line:column of the first byte that ``encoding`` cannot decode."""
    good = raw[: exc.start].decode(encoding, errors="replace")
    line = good.count("\n") + 1
    column = len(good) - (good.rfind("\n") + 1) + 1
    bad = raw[exc.start : exc.end]
    shown = bad if len(bad) <= 8 else bad[:8] + b"..."
    return diagnostic(
        "Y004",
        f"cannot decode byte(s) {shown!r} as {encoding}: {exc.reason}",
        file,
        Span(line, column, line, column + 1),
        hint="save the file as UTF-8",
    )


def load_text(
    text: str, file: str = "<string>", *, comments: bool = True, sized: bool = True
) -> Document:
    """Load YAML text. ``comments=False`` skips collecting comments, which only converters need.

    Both modes resolve and construct values the same way (ruamel.yaml's round-trip resolver and
    constructor, YAML 1.2). Without comments, libyaml parses, and a document of plain data
    becomes data without ruamel.yaml at all (``sweepspec.fastload.plain``): its values compare
    equal to the round-trip constructor's, as plain ``dict``, ``list``, ``str``, ``int`` and
    ``float``. Every other document loads with ruamel.yaml (``sweepspec.roundtrip``).

    ``sized=False`` lifts the file-size limit, for reading back what sweepspec wrote from an
    input within it (a 1 MiB key written twice, as a key and a label, is over it); the other
    limits hold.
    """
    if not comments:
        big = too_large(len(text), file, "characters") if sized else None
        # libyaml's events straight to data, for most files without comments; ruamel.yaml
        # loads the rest (and every file with comments), and reports what it finds
        plain = (
            None if big is not None else fastload.plain(text, limits.MAX_DEPTH, limits.MAX_NODES)
        )
        if plain is not None:
            data, spans, second = plain
            found = [] if second is None else [second_document(second, file, text)]
            return Document(file, text, data, spans, tuple(inside(found, file, text)))
    from .roundtrip import load_text as load_every_node

    return load_every_node(text, file, comments=comments, sized=sized)


__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "Document",
    "decode",
    "load_bytes",
    "load_file",
    "load_text",
    "read_limited",
    "read_source",
    "too_large",
    "undecodable",
]
