"""Load a sweep file: bytes -> text -> YAML nodes with positions -> round-trip data.

Nothing in the input is executed: tags are reported, never constructed as Python objects. Every
problem becomes a located ``sweepspec.diagnostics.Diagnostic``; this module does not raise
for bad input.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import StreamEndEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.parser import Parser
from ruamel.yaml.scanner import Scanner

from .diagnostics import Diagnostic, JsonPath, Related, Span
from .emit import diagnostic
from .sourcemap import SourceMap

# Beyond these, a document is refused before validation (code Y010). They bound the work that an
# alias bomb or a pathological file can cause; a real sweep file is far below both.
MAX_NODES = 100_000
MAX_DEPTH = 100

_YAML = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(
    _YAML + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "merge")
)
# Implicit timestamps are plain text that YAML happens to resolve; they reach the schema as dates.
_IMPLICIT_OK = frozenset({_YAML + "timestamp"})

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class _TooDeep(Exception):
    def __init__(self, mark: Any) -> None:
        self.mark = mark


class _BoundedComposer(Composer):
    """Stops composing past MAX_DEPTH collections, long before Python's recursion limit."""

    _nesting = 0

    def _enter(self) -> None:
        self._nesting += 1
        if self._nesting > MAX_DEPTH:
            raise _TooDeep(self.parser.peek_event().start_mark)

    def compose_sequence_node(self, anchor: Any) -> Any:
        self._enter()
        try:
            return super().compose_sequence_node(anchor)
        finally:
            self._nesting -= 1

    def compose_mapping_node(self, anchor: Any) -> Any:
        self._enter()
        try:
            return super().compose_mapping_node(anchor)
        finally:
            self._nesting -= 1


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded file: its data (``None`` when it could not be loaded), spans and load findings."""

    file: str
    text: str
    data: Any
    spans: SourceMap
    diagnostics: tuple[Diagnostic, ...] = ()
    fatal: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def load_file(path: str | Path, display: str | None = None) -> Document:
    """Load ``path``. I/O errors propagate as ``OSError``; everything else is a diagnostic."""
    raw = Path(path).read_bytes()
    return load_bytes(raw, display if display is not None else str(path))


def load_bytes(raw: bytes, file: str = "<stdin>", *, comments: bool = True) -> Document:
    text, problem = decode(raw, file)
    if problem is not None:
        return Document(file, "", None, SourceMap(), (problem,), fatal=True)
    return load_text(text, file, comments=comments)


def decode(raw: bytes, file: str) -> tuple[str, Diagnostic | None]:
    """Decode by BOM (UTF-8/16/32), else strict UTF-8; a bad byte is reported at its line:column."""
    encoding, skip = "utf-8", 0
    for bom, name in _BOMS:
        if raw.startswith(bom):
            encoding, skip = name, len(bom)
            break
    try:
        return raw[skip:].decode(encoding), None
    except UnicodeDecodeError as exc:
        good = raw[skip : skip + exc.start].decode(encoding, errors="replace")
        line = good.count("\n") + 1
        column = len(good) - (good.rfind("\n") + 1) + 1
        bad = raw[skip + exc.start : skip + exc.end]
        return "", diagnostic(
            "Y004",
            f"cannot decode byte(s) {bad!r} as {encoding}: {exc.reason}",
            file,
            Span(line, column, line, column + 1),
            hint="save the file as UTF-8",
        )


def load_text(text: str, file: str = "<string>", *, comments: bool = True) -> Document:
    """Load YAML text. ``comments=False`` skips collecting comments, which only converters need.

    Both modes resolve and construct values the same way (ruamel.yaml's round-trip resolver and
    constructor, YAML 1.2); without comments the scanner is about a fifth faster.
    """
    lines = text.splitlines()
    yaml = YAML(typ="rt")
    yaml.Composer = _BoundedComposer
    if not comments:
        yaml.Scanner, yaml.Parser = Scanner, Parser
    yaml.allow_duplicate_keys = True  # duplicates are found and reported (both places) below
    spans = SourceMap()
    found: list[Diagnostic] = []
    try:
        constructor, parser = yaml.get_constructor_parser(text)
        try:
            node = _compose_first(constructor.composer, parser, file, found)
            if node is None or _is_empty_scalar(node):
                return _fatal(file, text, spans, found, _empty(file, text))
            walker = _Walker(file, lines, spans, found)
            if not walker.walk(node) or not isinstance(node, MappingNode):
                if not isinstance(node, MappingNode) and not walker.fatal:
                    found.append(_not_mapping(file, node, lines))
                return _fatal(file, text, spans, found)
            data = constructor.construct_document(node)
        finally:
            parser.dispose()
    except _TooDeep as exc:
        line, column = exc.mark.line + 1, exc.mark.column + 1
        found.append(
            diagnostic(
                "Y010",
                f"the document nests deeper than {MAX_DEPTH} levels",
                file,
                Span(line, column, line, column + 1),
            )
        )
        return _fatal(file, text, spans, found)
    except MarkedYAMLError as exc:
        found.append(_yaml_error(exc, file, lines))
        return _fatal(file, text, spans, found)
    except (YAMLError, ValueError, TypeError) as exc:
        found.append(diagnostic("Y001", f"cannot load YAML: {exc}", file, Span(1, 1, 1, 1)))
        return _fatal(file, text, spans, found)
    except RecursionError:
        found.append(
            diagnostic("Y010", "the document is nested too deeply to load", file, Span(1, 1, 1, 1))
        )
        return _fatal(file, text, spans, found)
    return Document(file, text, data, spans, tuple(found))


def _fatal(
    file: str, text: str, spans: SourceMap, found: list[Diagnostic], *more: Diagnostic
) -> Document:
    return Document(file, text, None, spans, (*found, *more), fatal=True)


def _compose_first(composer: Any, parser: Any, file: str, found: list[Diagnostic]) -> Node | None:
    # Compose only the first document, then report (not raise on) any further one, so that a
    # stray `---` does not hide the findings of the first document.
    parser.get_event()  # STREAM-START
    if parser.check_event(StreamEndEvent):
        return None
    node: Node | None = composer.compose_document()
    if not parser.check_event(StreamEndEvent):
        mark = parser.get_event().start_mark
        found.append(
            diagnostic(
                "Y008",
                "a second YAML document starts here; only the first one is checked",
                file,
                Span(mark.line + 1, mark.column + 1, mark.line + 1, mark.column + 4),
            )
        )
    return node


def _is_empty_scalar(node: Node) -> bool:
    # `---` alone, or `---` followed by `...`, composes to an empty plain scalar.
    return isinstance(node, ScalarNode) and node.value == "" and not node.style


def _empty(file: str, text: str) -> Diagnostic:
    what = "only comments" if text.strip() else "nothing"
    return diagnostic("Y006", f"the file holds {what}: no YAML document", file, Span(1, 1, 1, 1))


def _not_mapping(file: str, node: Node, lines: list[str]) -> Diagnostic:
    kind = "a list" if isinstance(node, SequenceNode) else "a single value"
    return diagnostic(
        "Y007",
        f"the document is {kind}; a sweep file is a mapping of keys such as `sweepspec:`",
        file,
        node_span(node, lines),
    )


def _yaml_error(exc: MarkedYAMLError, file: str, lines: list[str]) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if context and exc.context_mark is not None and exc.context_mark is not mark:
        where = exc.context_mark
        context = f"{context} that started at {where.line + 1}:{where.column + 1}"
    message = f"{problem} ({context})" if context and problem else problem or context or str(exc)
    code = "Y001"
    at = lines[line - 1][column - 1 : column] if 0 < line <= len(lines) else ""
    if "'\\t'" in problem or at == "\t":
        code, message = "Y003", "a tab character cannot indent YAML; use spaces"
    return diagnostic(
        code, f"YAML syntax error: {message}", file, Span(line, column, line, column + 1)
    )


def node_span(node: Node, lines: list[str]) -> Span:
    start, end = node.start_mark, node.end_mark
    end_line, end_col = end.line, end.column
    if end_line > start.line and (end_line >= len(lines) or not lines[end_line][:end_col].strip()):
        # A block collection ends at the start of the next line; pull the end back to the last
        # line with content, so that editors highlight the collection and not the next key.
        end_line -= 1
        while end_line > start.line and _blank(lines, end_line):
            end_line -= 1
        end_col = len(lines[end_line].rstrip()) if end_line < len(lines) else 0
    return Span(start.line + 1, start.column + 1, end_line + 1, end_col + 1)


def _blank(lines: list[str], index: int) -> bool:
    if index >= len(lines):
        return True
    stripped = lines[index].strip()
    return not stripped or stripped.startswith("#")


class _Walker:
    """Indexes every node by JSON path and reports what the YAML layer can see.

    It follows aliases as the data will (so paths under an alias resolve to the anchored text),
    counts the nodes it expands, and refuses recursion, depth and expansion beyond the limits.
    """

    def __init__(self, file: str, lines: list[str], spans: SourceMap, found: list[Diagnostic]):
        self.file, self.lines, self.spans, self.found = file, lines, spans, found
        self.count = 0
        self.active: set[int] = set()
        self.fatal = False

    def walk(self, root: Node) -> bool:
        self._visit(root, (), None, 0)
        return not self.fatal

    def _refuse(self, node: Node, message: str) -> None:
        if not self.fatal:
            self.found.append(diagnostic("Y010", message, self.file, self.span(node)))
        self.fatal = True

    def span(self, node: Node) -> Span:
        return node_span(node, self.lines)

    def _visit(self, node: Node, path: JsonPath, key: Span | None, depth: int) -> None:
        if self.fatal:
            return
        self.count += 1
        if self.count > MAX_NODES:
            self._refuse(node, f"the document expands to more than {MAX_NODES:,} nodes (aliases?)")
            return
        if depth > MAX_DEPTH:
            self._refuse(node, f"the document nests deeper than {MAX_DEPTH} levels")
            return
        if id(node) in self.active:
            self._refuse(node, "an alias refers to a node that contains it (recursive alias)")
            return
        self.spans.add(path, self.span(node), key)
        self._check_tag(node)
        if isinstance(node, MappingNode):
            self.active.add(id(node))
            self._visit_mapping(node, path, depth)
            self.active.discard(id(node))
        elif isinstance(node, SequenceNode):
            self.active.add(id(node))
            for index, item in enumerate(node.value):
                self._visit(item, (*path, index), None, depth + 1)
            self.active.discard(id(node))

    def _check_tag(self, node: Node) -> None:
        tag = str(node.tag)
        if tag in _PLAIN_TAGS or tag in _IMPLICIT_OK:
            return
        shown = "!!" + tag[len(_YAML) :] if tag.startswith(_YAML) else tag
        self.found.append(
            diagnostic(
                "Y005",
                f"the YAML tag `{shown}` is not allowed in a sweep file; "
                "tags are never constructed",
                self.file,
                self.span(node),
                hint="remove the tag and write the plain value",
            )
        )
        self.fatal = True

    def _visit_mapping(self, node: MappingNode, path: JsonPath, depth: int) -> None:
        seen: dict[Any, ScalarNode] = {}
        merged: list[Node] = []
        for key_node, value_node in node.value:
            if str(key_node.tag) == _YAML + "merge":
                merged.extend(_merge_sources(value_node))
                continue
            key = self._key(key_node)
            if key is None:
                continue
            if key in seen:
                self._duplicate(key, seen[key], key_node)
                continue
            seen[key] = key_node
            self._visit(value_node, (*path, key), self.span(key_node), depth + 1)
        for source in merged:
            if not isinstance(source, MappingNode):
                continue
            for key_node, value_node in source.value:
                key = self._plain_key(key_node)
                if key is not None and key not in seen:
                    seen[key] = key_node
                    self._visit(value_node, (*path, key), self.span(key_node), depth + 1)

    def _plain_key(self, node: Node) -> Any:
        if isinstance(node, ScalarNode) and str(node.tag) == _YAML + "str":
            return node.value
        return None

    def _key(self, node: Node) -> Any:
        key = self._plain_key(node)
        if key is not None:
            return key
        self._check_tag(node)
        if isinstance(node, ScalarNode):
            text = node.value
            self.found.append(
                diagnostic(
                    "Y009",
                    f"the key `{text}` is not a string (YAML reads it as {_tag_name(node)})",
                    self.file,
                    self.span(node),
                    hint=f"quote it: '{text}'",
                )
            )
        else:
            self.found.append(
                diagnostic(
                    "Y009", "a mapping key must be a plain string", self.file, self.span(node)
                )
            )
        return None

    def _duplicate(self, key: str, first: ScalarNode, again: ScalarNode) -> None:
        first_span, again_span = self.span(first), self.span(again)
        self.found.append(
            diagnostic(
                "Y002",
                f"duplicate key `{key}`; it is defined again at line {again_span.line}",
                self.file,
                first_span,
                related=(Related("defined again here", again_span),),
            )
        )
        self.found.append(
            diagnostic(
                "Y002",
                f"duplicate key `{key}`; it was first defined at line {first_span.line}",
                self.file,
                again_span,
                hint="delete one of the two; the first value is the one that is checked",
                related=(Related("first defined here", first_span),),
            )
        )


def _merge_sources(node: Node) -> Iterator[Node]:
    if isinstance(node, SequenceNode):
        yield from node.value
    else:
        yield node


def _tag_name(node: Node) -> str:
    tag = str(node.tag)
    return {"int": "a number", "float": "a number", "bool": "a boolean", "null": "null"}.get(
        tag.rsplit(":", 1)[-1], tag
    )
