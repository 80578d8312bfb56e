"""The full loader: ruamel.yaml composes (keeping comments when asked), the walker indexes every
node and reports what the YAML layer can see, the round-trip constructor builds the data.

``sweepspec.loader`` comes here for every document its plain path does not load: with comments
(converters), and anything beyond plain data (anchors, tags, merges, dates, mistakes).
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterator
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.docinfo import DocInfo, version
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import StreamEndEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.parser import Parser
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.scanner import RoundTripScanner, Scanner

from . import document as limits  # its MAX_* are read when used, so that tests can lower them
from . import fastload
from .diagnostics import Diagnostic, JsonPath, Related, Span
from .document import Document, second_document, too_large
from .emit import diagnostic
from .sourcemap import (
    ANY_BREAK,
    SourceMap,
    inside,
    last_line,
    marks_span,
    source_lines,
    within,
)

_TOO_MANY = "the document has more than {:,} nodes"

_YAML = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset(
    _YAML + t for t in ("str", "int", "float", "bool", "null", "map", "seq", "merge")
)
# Implicit timestamps are plain text that YAML happens to resolve; they reach the schema as dates.
_IMPLICIT_OK = frozenset({_YAML + "timestamp"})
# Scalars whose explicit tag is checked against what the text is.
_CHECKED_SCALARS = frozenset(_YAML + t for t in ("int", "float", "bool", "null"))


_TAB_LEADS_A_LINE = re.compile(r"^[ ]*\t", re.MULTILINE)


class _TooDeep(Exception):
    def __init__(self, mark: Any, message: str | None = None):
        message = message or f"the document nests deeper than {limits.MAX_DEPTH} levels"
        super().__init__(message)
        self.mark, self.message = mark, message


def _enter_flow(scanner: Scanner) -> None:
    # ruamel.yaml's scanner looks ahead through every open `[`/`{` and its cost grows with the
    # square of the flow nesting (1.2 s for 3,000 levels): refuse at the bracket that goes too deep.
    if scanner.flow_level >= limits.MAX_DEPTH:
        raise _TooDeep(scanner.reader.get_mark())


class _BoundedScanner(Scanner):
    def fetch_flow_collection_start(self, TokenClass: Any, to_push: str) -> None:
        _enter_flow(self)
        super().fetch_flow_collection_start(TokenClass, to_push)


class _BoundedRoundTripScanner(RoundTripScanner):
    def fetch_flow_collection_start(self, TokenClass: Any, to_push: str) -> None:
        _enter_flow(self)
        super().fetch_flow_collection_start(TokenClass, to_push)


class _BadScalar(Exception):
    def __init__(self, node: Node, problem: Exception) -> None:
        super().__init__(str(problem))
        self.node, self.problem = node, problem


class _Constructor(RoundTripConstructor):
    """Says which scalar could not be constructed (`2001-13-45` resolves as a date, and fails)."""

    def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
        try:
            return super().construct_non_recursive_object(node, tag)
        except (ValueError, OverflowError) as exc:
            if isinstance(node, ScalarNode):
                raise _BadScalar(node, exc) from exc
            raise


class _BoundedComposer(Composer):
    """Stops composing past MAX_DEPTH collections, long before Python's recursion limit, and past
    MAX_NODES values, before a large file is composed to its end. The walker counts the values
    that aliases expand to as well, so this only refuses sooner what the walker would refuse."""

    _nesting = 0
    _nodes = 0

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        # YAML lets an anchor be defined again (later aliases use the latest); ruamel.yaml would
        # print a Python warning to the user's terminal.
        self.warn_double_anchors = False

    def compose_node(self, parent: Any, index: Any) -> Any:
        # values only, as the walker counts them (a mapping key is composed with index None)
        if not (isinstance(parent, MappingNode) and index is None):
            self._nodes += 1
        if self._nodes > limits.MAX_NODES:
            mark = self.parser.peek_event().start_mark
            raise _TooDeep(mark, _TOO_MANY.format(limits.MAX_NODES))
        return super().compose_node(parent, index)

    def _enter(self) -> None:
        self._nesting += 1
        if self._nesting > limits.MAX_DEPTH:
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


def load_text(
    text: str, file: str = "<string>", *, comments: bool = True, sized: bool = True
) -> Document:
    """Load YAML text with ruamel.yaml; the arguments are ``sweepspec.loader.load_text``'s.

    Both modes resolve and construct values the same way (ruamel.yaml's round-trip resolver and
    constructor, YAML 1.2); without comments the scanner is about a fifth faster. ``sized=False``
    lifts the file-size limit, for reading back what sweepspec wrote from an input within it
    (a 1 MiB key written twice, as a key and a label, is over it); the other limits hold.
    """
    spans = SourceMap()
    found: list[Diagnostic] = []
    big = too_large(len(text), file, "characters") if sized else None
    if big is not None:
        return _fatal(file, "", spans, found, big)
    if comments and _TAB_LEADS_A_LINE.search(text):
        # ruamel.yaml's comment-keeping scanner lets a tab indent a line that its plain scanner
        # refuses (Y003): a converter must not accept what `check` refuses
        plain = load_text(text, file, comments=False, sized=sized)
        if any(d.code == "Y003" for d in plain.diagnostics):
            return plain
    lines = source_lines(text)  # numbered as YAML numbers them, as every mark is
    yaml = YAML(typ="rt")
    yaml.Composer, yaml.Constructor = _BoundedComposer, _Constructor
    if comments:
        yaml.Scanner = _BoundedRoundTripScanner
    else:
        yaml.Scanner, yaml.Parser = _BoundedScanner, Parser
    yaml.allow_duplicate_keys = True  # duplicates are found and reported (both places) below
    # what YAML.load does first: `%YAML` and `%TAG` directives are recorded here
    yaml.doc_infos.append(DocInfo(requested_version=version(yaml.version)))
    try:
        constructor, parser = yaml.get_constructor_parser(text)
        try:
            node = _compose(
                yaml, constructor, parser, text, file=file, found=found, comments=comments
            )
            if node is None or _is_empty_scalar(node):
                return _fatal(file, text, spans, found, _empty(file, text))
            walker = _Walker(file, text, lines, spans, found)
            if not walker.walk(node) or not isinstance(node, MappingNode):
                if not isinstance(node, MappingNode) and not walker.fatal:
                    found.append(_not_mapping(file, node, lines))
                return _fatal(file, text, spans, found)
            data = constructor.construct_document(node)
        finally:
            parser.dispose()
    except _TooDeep as exc:
        line, column = exc.mark.line + 1, exc.mark.column + 1
        found.append(diagnostic("Y010", exc.message, file, Span(line, column, line, column + 1)))
        return _fatal(file, text, spans, found)
    except MarkedYAMLError as exc:
        found.append(_yaml_error(exc, file, lines))
        return _fatal(file, text, spans, found)
    except ReaderError as exc:
        found.append(_unprintable(exc, text, file))
        return _fatal(file, text, spans, found)
    except _BadScalar as exc:
        kind = str(exc.node.tag).rsplit(":", 1)[-1]
        found.append(
            diagnostic(
                "Y001",
                f"`{exc.node.value}` reads as a {kind} in YAML, and is not a valid one: {exc}",
                file,
                node_span(exc.node, lines),
                hint=f"quote it ('{exc.node.value}') to keep it a string",
            )
        )
        return _fatal(file, text, spans, found)
    except (YAMLError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        # ruamel.yaml's constructor on a shape the walker does not know to refuse (the walker
        # refuses every one the fuzzer found, at its place): one finding, not a traceback
        found.append(diagnostic("Y001", f"cannot load YAML: {exc}", file, Span(1, 1, 1, 1)))
        return _fatal(file, text, spans, found)
    except RecursionError:
        found.append(
            diagnostic("Y010", "the document is nested too deeply to load", file, Span(1, 1, 1, 1))
        )
        return _fatal(file, text, spans, found)
    return Document(file, text, data, spans, tuple(inside(found, file, text)))


def _unprintable(exc: ReaderError, text: str, file: str) -> Diagnostic:
    """Y001 at the character YAML does not allow (NUL, other control characters)."""
    index = exc.position if isinstance(exc.position, int) else 0
    # ruamel.yaml counts lines at YAML 1.1's breaks when it gives a line number
    breaks = list(ANY_BREAK.finditer(text, 0, index))
    line = len(breaks) + 1
    column = index - (breaks[-1].end() if breaks else 0) + 1
    code = exc.character if isinstance(exc.character, int) else 0
    if code == 0:
        message = "the NUL character (U+0000) cannot appear in YAML"
        hint = "is this a binary file? A sweep file is UTF-8 text"
    else:
        message = f"the control character U+{code:04X} cannot appear in YAML"
        hint = "delete it, or write it as an escape (\\x..) inside a double-quoted string"
    return diagnostic("Y001", message, file, Span(line, column, line, column + 1), hint=hint)


def _fatal(
    file: str, text: str, spans: SourceMap, found: list[Diagnostic], *more: Diagnostic
) -> Document:
    placed = inside([*found, *more], file, text)
    return Document(file, text, None, spans, tuple(placed), fatal=True)


def _compose(
    yaml: YAML,
    constructor: Any,
    parser: Any,
    text: str,
    *,
    file: str,
    found: list[Diagnostic],
    comments: bool,
) -> Node | None:
    # Without comments, libyaml composes the same nodes some fifty times faster; it answers
    # None for anything it does not reproduce exactly (see fastload.py).
    try:
        fast = (
            None
            if comments
            else fastload.compose(text, yaml.resolver, limits.MAX_DEPTH, limits.MAX_NODES)
        )
    except fastload.TooManyNodes as exc:
        raise _TooDeep(exc.mark, _TOO_MANY.format(limits.MAX_NODES)) from None
    if fast is None:
        return _compose_first(constructor.composer, parser, file, found, text)
    node, second = fast
    if second is not None:
        found.append(second_document(second, file, text))
    return node


def _compose_first(
    composer: Any, parser: Any, file: str, found: list[Diagnostic], text: str
) -> Node | None:
    # Compose only the first document, then report (not raise on) any further one, so that a
    # stray `---` does not hide the findings of the first document.
    parser.get_event()  # STREAM-START
    if parser.check_event(StreamEndEvent):
        return None
    node: Node | None = composer.compose_document()
    if not parser.check_event(StreamEndEvent):
        found.append(second_document(parser.get_event().start_mark, file, text))
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


# YAML 1.2 §7.4: an implicit key is restricted to 1024 characters.
_MAX_KEY = 1024


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
    hint = None
    if "'\\t'" in problem or at == "\t":
        code, message = "Y003", "a tab character cannot indent YAML; use spaces"
    elif "mapping values are not allowed" in problem and column > _MAX_KEY:
        hint = (
            f"a key written as `key: value` is at most {_MAX_KEY} characters long; "
            "write a longer key as `? key` on its own line, and `: value` on the next"
        )
    return diagnostic(
        code, f"YAML syntax error: {message}", file, Span(line, column, line, column + 1), hint=hint
    )


def node_span(node: Node, lines: list[str]) -> Span:
    return marks_span(node.start_mark, node.end_mark, lines)


class _Walker:
    """Indexes every node by JSON path and reports what the YAML layer can see.

    It follows aliases as the data will (so paths under an alias resolve to the anchored text),
    counts the nodes it expands, and refuses recursion, depth and expansion beyond the limits.
    """

    def __init__(
        self, file: str, text: str, lines: list[str], spans: SourceMap, found: list[Diagnostic]
    ):
        self.file, self.lines, self.spans, self.found = file, lines, spans, found
        # spans are kept off the empty line after the last line break (sourcemap.within)
        self.every_line = ANY_BREAK.split(text)
        self.last = last_line(self.every_line)
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
        return within(node_span(node, self.lines), self.every_line, self.last)

    def _value_span(self, node: Node, key: Span | None) -> Span:
        """An empty value (`metric:` and nothing) has no text: YAML marks it where the next
        token starts, lines below, or past the end of the file. It is placed right after its
        key's colon instead (``span`` keeps every other one inside the file)."""
        span = self.span(node)
        if not (isinstance(node, ScalarNode) and node.value == "" and not node.style):
            return span
        if key is not None and span.line > key.end_line:
            line = self.lines[key.end_line - 1] if key.end_line <= len(self.lines) else ""
            colon = line.find(":", key.end_column - 1)
            column = colon + 2 if colon >= 0 else key.end_column
            return Span(key.end_line, column, key.end_line, column)
        return span

    def _visit(self, node: Node, path: JsonPath, key: Span | None, depth: int) -> None:
        if self.fatal:
            return
        self.count += 1
        if self.count > limits.MAX_NODES:
            self._refuse(
                node, f"the document expands to more than {limits.MAX_NODES:,} nodes (aliases?)"
            )
            return
        if depth > limits.MAX_DEPTH:
            self._refuse(node, f"the document nests deeper than {limits.MAX_DEPTH} levels")
            return
        if id(node) in self.active:
            self._refuse(node, "an alias refers to a node that contains it (recursive alias)")
            return
        self.spans.add(path, self._value_span(node, key), key)
        self._check_tag(node)
        if isinstance(node, ScalarNode) and str(node.tag) == _YAML + "int":
            self._check_digits(node)
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
        if tag in _CHECKED_SCALARS and isinstance(node, ScalarNode):
            self._check_tagged_scalar(node, tag)
            return
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

    def _check_tagged_scalar(self, node: ScalarNode, tag: str) -> None:
        """A scalar tagged `!!bool`, `!!int`, `!!float` or `!!null` must be one, as YAML 1.2
        writes it: `!!bool 100` or `!!int ''` has no value to construct, and `!!null 5` would
        silently be null."""
        implicit = fastload.implicit_tag(str(node.value))
        if implicit == tag or (tag == _YAML + "float" and implicit == _YAML + "int"):
            return
        kind = tag[len(_YAML) :]
        self.found.append(
            diagnostic(
                "Y001",
                f"{f'`{node.value}`' if node.value else 'an empty value'} is tagged "
                f"`!!{kind}`, and is not a{'n' if kind == 'int' else ''} {kind} in YAML",
                self.file,
                self.span(node),
                hint=f"remove the tag `!!{kind}`, or write a value of that type",
            )
        )
        self.fatal = True

    def _check_digits(self, node: ScalarNode) -> None:
        # Python refuses to read a decimal integer longer than this (CVE-2020-10735); the
        # constructor would fail on it with no position.
        # Nor can it write a longer one, whatever base it was read in.
        limit = sys.get_int_max_str_digits()
        digits = str(node.value).lstrip("+-").replace("_", "").lower()
        base = {"0x": 16, "0o": 8, "0b": 2}.get(digits[:2], 10)
        decimal = len(digits) if base == 10 else math.ceil((len(digits) - 2) * math.log10(base))
        if limit and decimal > limit:
            self._refuse(node, f"the integer has {decimal:,} digits; at most {limit:,} are read")

    def _visit_mapping(self, node: MappingNode, path: JsonPath, depth: int) -> None:
        seen: dict[Any, ScalarNode] = {}
        merged: list[Node] = []
        for key_node, value_node in node.value:
            if str(key_node.tag) == _YAML + "merge":
                # what is merged is constructed too: its tags are refused like any other
                for tagged in (value_node, *_merge_sources(value_node)):
                    if not self.fatal:
                        self._check_tag(tagged)
                if _merges_into(node, value_node, self.active):
                    # `a: &m {x: 1, <<: *m}`: the mapping would hold itself
                    self._refuse(key_node, "`<<` merges a mapping that holds this one")
                    return
                merged.extend(_merge_sources(value_node))
                continue
            key = self._key(key_node)
            if key is None:
                continue
            if key in seen:
                self._duplicate(key, seen[key], key_node)
                # not indexed (the first one is), but constructed all the same: its tags and
                # merges are checked like any other's
                self._visit(value_node, (*path, key), self.span(key_node), depth + 1)
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
        if isinstance(node, ScalarNode) and str(node.tag) == _YAML + "int":
            self._check_digits(node)
        if self.fatal:  # a tagged or too long key: that is the finding
            return None
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


def _merges_into(node: Node, merged: Node, active: set[int]) -> bool:
    """Whether merging ``merged`` into ``node`` reaches ``node`` or a mapping being visited
    (one that holds ``node``), through the sources' own merges too."""
    stack, seen = list(_merge_sources(merged)), set()
    while stack:
        source = stack.pop()
        if source is node or id(source) in active:
            return True
        if id(source) in seen or not isinstance(source, MappingNode):
            continue
        seen.add(id(source))
        for key_node, value_node in source.value:
            if str(key_node.tag) == _YAML + "merge":
                if value_node is source:
                    return True
                stack.extend(_merge_sources(value_node))
    return False


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
