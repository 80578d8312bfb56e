"""Fast paths for loading without comments: libyaml parses, and Python builds the result.

``check`` needs positions but not comments, and ruamel.yaml's pure-Python scanner and parser are
about nine tenths of its time per file. libyaml (PyYAML's C binding) parses the same text some
fifty times faster. Two paths use its events:

- ``plain``: for a document of plain data, the data and the source map themselves, as the
  round-trip constructor and the walker would build them, without importing ruamel.yaml;
- ``compose``: for the rest, ruamel.yaml's nodes, with every implicit tag resolved by
  ruamel.yaml's own YAML 1.2 resolver, so that the walker and the round-trip constructor
  downstream see the nodes that ruamel.yaml would have composed.

``tests/test_fastload.py`` compares the documents of all three ways of loading on every example,
the corpus and generated and mutated files. Whatever a path does not reproduce exactly returns
``None``, and the caller takes the next one, down to ruamel.yaml, which reports it as before: a
parse error (the messages are ruamel.yaml's), an explicit tag, a ``%`` directive, an undefined
alias, nesting beyond the loader's limit. Too many values raise ``TooManyNodes`` at the value
where the ruamel.yaml path stops too. So this module decides nothing a user sees; it only makes
the common case fast.
"""

from __future__ import annotations

import math
import re
import sys

from .diagnostics import JsonPath, Span
from .sourcemap import ANY_BREAK, SourceMap, last_line, marks_span, source_lines, within

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from ruamel.yaml.nodes import Node, ScalarNode

_CParser: Any
try:  # PyYAML built with libyaml; without it, every file takes the ruamel.yaml path
    from yaml import events as _events
    from yaml._yaml import CParser as _CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _CParser = None

AVAILABLE = _CParser is not None

# Texts where libyaml and ruamel.yaml are known to differ, found by comparing the two: libyaml
# accepts tabs and a comment right after a block scalar's header, which ruamel.yaml reports, and
# ends the last collection before trailing blanks or a comment at the end of a file that has no
# final newline; they count documents differently after a `...` end marker, and end a block
# scalar differently at a `---` marker. libyaml also counts NEL, LS and PS (U+0085, U+2028,
# U+2029) as line breaks, which moves every later line number (found by tests/fuzz.py).
_DIFFERENT = re.compile(
    r"\t|[|>][-+0-9]*#|[ ]\Z|#[^\n]*\Z|^\.\.\.|[\x85\u2028\u2029]", re.MULTILINE
)


# Resolving a scalar's implicit tag is a dozen regular expressions in ruamel.yaml, and sweep files
# repeat values (`min`, `max`, `values`, small numbers). Every text here is YAML 1.2 (directives
# fall back), so a value and its plain/quoted flags always resolve to the same tag.
_RESOLVED: dict[tuple[str, Any], Any] = {}
_RESOLVED_MAX = 4096


def _block_then_marker(text: str) -> bool:
    """A possible block scalar (`|`, `>`) before a `---` line. Linear, unlike a regex for it."""
    last = text.rfind("\n---")
    return last > 0 and ("|" in text[:last] or ">" in text[:last])


class _Fallback(Exception):
    """Something this path does not reproduce exactly: use ruamel.yaml."""


class TooManyNodes(Exception):
    """More values than the limit: refused at the mark where ruamel.yaml's composer stops too."""

    def __init__(self, mark: Any) -> None:
        super().__init__("too many nodes")
        self.mark = mark


def compose(
    text: str, resolver: Any, max_depth: int, max_nodes: int
) -> tuple[Node | None, Any] | None:
    """The first document's root node, and the start mark of a second document if any.

    ``(None, None)`` for a stream with no document; ``None`` when ruamel.yaml must do it.
    """
    if _CParser is None or _DIFFERENT.search(text) or _block_then_marker(text):
        return None
    from ruamel.yaml import nodes  # this path builds ruamel.yaml's nodes; `plain` needs none

    try:
        return _Composer(_CParser(text), resolver, max_depth, max_nodes, nodes).first()
    except _Fallback:
        return None
    except TooManyNodes:
        raise
    except Exception:
        return None


class _Composer:
    def __init__(
        self, parser: Any, resolver: Any, max_depth: int, max_nodes: int, nodes: Any
    ) -> None:
        self.parser, self.resolver, self.nodes = parser, resolver, nodes
        self.max_depth, self.max_nodes = max_depth, max_nodes
        self.anchors: dict[str, Node] = {}

    def first(self) -> tuple[Node | None, Any]:
        get = self.parser.get_event
        get()  # StreamStart
        event = get()
        if isinstance(event, _events.StreamEndEvent):
            return None, None
        if event.version is not None or event.tags:
            raise _Fallback  # a %YAML or %TAG directive
        root = self._document()
        event = get()
        second = None if isinstance(event, _events.StreamEndEvent) else event.start_mark
        return root, second

    def _document(self) -> Node:
        get = self.parser.get_event
        # Each open collection: its node, and for a mapping the key waiting for its value.
        stack: list[tuple[Node, list[Node]]] = []
        root: Node | None = None
        count = 0
        while True:
            event = get()
            kind = type(event)
            # Values are counted as the bounded composer counts them: every node but a key.
            ends = kind is _events.MappingEndEvent or kind is _events.SequenceEndEvent
            is_key = (
                bool(stack)
                and isinstance(stack[-1][0], self.nodes.MappingNode)
                and not stack[-1][1]
            )
            if not ends and not is_key:
                count += 1
                if count > self.max_nodes:
                    raise TooManyNodes(event.start_mark)
            if kind is _events.DocumentEndEvent:
                if root is None:
                    raise _Fallback
                return root
            if kind is _events.ScalarEvent:
                node: Node = self._scalar(event)
            elif kind is _events.AliasEvent:
                if event.anchor not in self.anchors:
                    raise _Fallback
                node = self.anchors[event.anchor]
            elif kind is _events.SequenceStartEvent or kind is _events.MappingStartEvent:
                if len(stack) >= self.max_depth:
                    raise _Fallback
                stack.append((self._collection(event), []))
                continue
            else:  # SequenceEnd or MappingEnd
                node, _ = stack.pop()
                node.end_mark = event.end_mark
            if not stack:
                root = node
                continue
            parent, pending = stack[-1]
            if isinstance(parent, self.nodes.SequenceNode):
                parent.value.append(node)
            elif pending:
                parent.value.append((pending.pop(), node))
            else:
                pending.append(node)

    def _scalar(self, event: Any) -> ScalarNode:
        if event.tag is not None:
            raise _Fallback  # explicit tags: ruamel.yaml keeps how they were written
        style = event.style or None
        if style is None and not event.value:
            raise _Fallback  # an empty value: libyaml and ruamel.yaml place it differently
        key = (event.value, event.implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = self.resolver.resolve(self.nodes.ScalarNode, event.value, event.implicit)
            if len(_RESOLVED) >= _RESOLVED_MAX:
                _RESOLVED.clear()  # bounded: a file of many distinct values cannot grow it
            _RESOLVED[key] = tag
        node: ScalarNode = self.nodes.ScalarNode(
            tag, event.value, event.start_mark, event.end_mark, style=style, anchor=event.anchor
        )
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        return node

    def _collection(self, event: Any) -> Node:
        if event.tag is not None:
            raise _Fallback
        nodes = self.nodes
        cls = nodes.SequenceNode if type(event) is _events.SequenceStartEvent else nodes.MappingNode
        tag = self.resolver.resolve(cls, None, event.implicit)
        node: Node = cls(
            tag, [], event.start_mark, None, flow_style=event.flow_style, anchor=event.anchor
        )
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        return node


# The plain path: libyaml's events straight to Python data and spans, without ruamel.yaml.
#
# `check` needs the data and where each node is, not ruamel.yaml's round-trip types, and
# importing ruamel.yaml is a tenth of a one-file `check`. For the documents most files are (no
# anchors, tags, merges, duplicate or non-string keys, dates, or integers written with a base,
# an underscore or a leading zero), this builds the data ruamel.yaml's round-trip constructor
# builds (dicts, lists and the same values: its str, int and float subclasses compare equal)
# and the spans its walker indexes; for anything else it answers None and the loader takes the
# ruamel.yaml path, which finds and reports it. tests/test_fastload.py compares the Documents
# of both paths on every example, the corpus, and generated and mutated files.

_YAML = "tag:yaml.org,2002:"
# YAML 1.2's implicit resolvers, as ruamel.yaml's VersionedResolver applies them: the (1, 2)
# entries of `implicit_resolvers` in ruamel/yaml/resolver.py (0.19), in its order, keyed by the
# first characters it lists. tests/test_fastload.py holds this table to ruamel.yaml's resolver.
_IMPLICIT_12: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (
        "float",
        re.compile(
            r"""^(?:
         [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
            re.X,
        ),
        "-+0123456789.",
    ),
    (
        "int",
        re.compile(
            r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""",
            re.X,
        ),
        "-+0123456789",
    ),
    ("merge", re.compile(r"^(?:<<)$"), "<"),
    ("null", re.compile(r"^(?: ~ |null|Null|NULL | )$", re.X), "~nN"),
    (
        "timestamp",
        re.compile(
            r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
            re.X,
        ),
        "0123456789",
    ),
    ("value", re.compile(r"^(?:=)$"), "="),
)
_BY_FIRST: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _name, _pattern, _firsts in _IMPLICIT_12:
    for _first in _firsts:
        _BY_FIRST.setdefault(_first, []).append((_name, _pattern))


def implicit_tag(text: str) -> str:
    """The tag ruamel.yaml resolves a plain scalar ``text`` to, in YAML 1.2 (`5` is an int,
    `~` and nothing at all are null)."""
    if not text:
        return _YAML + "null"
    for name, pattern in _BY_FIRST.get(text[0], ()):
        if pattern.match(text):
            return _YAML + name
    return _YAML + "str"


# what the plain path constructs itself; any other resolved value takes the ruamel.yaml path
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\Z")
_SPECIAL_FLOATS = {".inf": math.inf, "+.inf": math.inf, "-.inf": -math.inf, ".nan": math.nan}
_VALUES: dict[str, Any] = {}


def _value(text: str) -> Any:
    """The value of a non-empty plain scalar, or _Fallback."""
    if text in _VALUES:
        return _VALUES[text]
    tag = implicit_tag(text)[len(_YAML) :]
    value: Any
    if tag == "str":
        value = text
    elif tag == "bool":
        value = text[0] in "tT"
    elif tag == "null":
        value = None
    elif tag == "int" and _DECIMAL.match(text):
        limit = sys.get_int_max_str_digits()
        if limit and len(text.lstrip("+-")) > limit:
            raise _Fallback  # the walker refuses it, at its place
        value = int(text)
    elif tag == "float" and "_" not in text:
        special = _SPECIAL_FLOATS.get(text.lower())
        value = special if special is not None else float(text)
    else:
        raise _Fallback
    if len(_VALUES) >= _RESOLVED_MAX:
        _VALUES.clear()
    _VALUES[text] = value
    return value


if TYPE_CHECKING:
    Plain = tuple[dict[str, Any], SourceMap, Any]


def plain(text: str, max_depth: int, max_nodes: int) -> Plain | None:
    """The first document as data and spans, and the start mark of a second document if any;
    ``None`` when ruamel.yaml must load it (and report what it finds)."""
    if _CParser is None or _DIFFERENT.search(text) or _block_then_marker(text):
        return None
    try:
        return _plain(text, max_depth, max_nodes)
    except Exception:  # _Fallback, or anything libyaml reports: the ruamel.yaml path says it
        return None


class _Open:
    """An open collection: the container, its path, its entry, and a key waiting for a value."""

    __slots__ = ("container", "entry", "key", "key_span", "mapping", "path")

    def __init__(self, container: Any, path: JsonPath, entry: list[Any]) -> None:
        self.container, self.path, self.entry = container, path, entry
        self.mapping = isinstance(container, dict)
        self.key: str | None = None
        self.key_span: Span | None = None


def _plain(text: str, max_depth: int, max_nodes: int) -> Plain:
    parser = _CParser(text)
    get = parser.get_event
    get()  # StreamStart
    event = get()
    if type(event) is _events.StreamEndEvent or event.version is not None or event.tags:
        raise _Fallback  # no document (Y006), or a %YAML or %TAG directive
    builder = _Builder(text, max_depth, max_nodes)
    event = get()
    while type(event) is not _events.DocumentEndEvent:
        builder.add(event)
        event = get()
    if not isinstance(builder.root, dict):
        raise _Fallback  # a list or a scalar as the document: Y007
    event = get()
    second = None if type(event) is _events.StreamEndEvent else event.start_mark
    return builder.root, builder.spans(), second


class _Builder:
    """Builds the data from events, and notes where each node is, in the walker's order."""

    def __init__(self, text: str, max_depth: int, max_nodes: int) -> None:
        self.lines = source_lines(text)
        self.every_line = ANY_BREAK.split(text)
        self.last = last_line(self.every_line)
        self.max_depth, self.max_nodes = max_depth, max_nodes
        # [path, start mark, end mark, key span] of every node
        self.entries: list[list[Any]] = []
        self.stack: list[_Open] = []
        self.root: Any = None
        self.count = 0

    def span(self, start: Any, end: Any) -> Span:
        return within(marks_span(start, end, self.lines), self.every_line, self.last)

    def spans(self) -> SourceMap:
        spans = SourceMap()
        for path, start, end, key_span in self.entries:
            spans.add(path, self.span(start, end), key_span)
        return spans

    def add(self, event: Any) -> None:
        kind = type(event)
        top = self.stack[-1] if self.stack else None
        if kind is _events.MappingEndEvent or kind is _events.SequenceEndEvent:
            assert top is not None
            self.stack.pop()
            top.entry[2] = event.end_mark
            return
        if kind is _events.AliasEvent or event.anchor is not None or event.tag is not None:
            raise _Fallback  # aliases are followed, and tags reported, by the walker
        is_key = top is not None and top.mapping and top.key is None
        value: Any
        if kind is _events.ScalarEvent:
            style = event.style or None
            if style is None and not event.value:
                raise _Fallback  # an empty value: placed after its key by the walker
            value = event.value if style is not None else _value(event.value)
            if is_key:
                assert top is not None
                if not isinstance(value, str) or value in top.container:
                    raise _Fallback  # Y009 or Y002, and `<<` merges
                top.key, top.key_span = value, self.span(event.start_mark, event.end_mark)
                return
            if top is None:
                raise _Fallback  # a scalar document: Y007
        elif is_key or len(self.stack) >= self.max_depth:
            raise _Fallback  # a collection as a key (Y009), or nesting the walker refuses
        else:
            value = {} if kind is _events.MappingStartEvent else []
        self.count += 1
        if self.count > self.max_nodes:
            raise _Fallback
        self._place(event, top, value)

    def _place(self, event: Any, top: _Open | None, value: Any) -> None:
        path: JsonPath
        key_span = None
        if top is None:
            path = ()
            self.root = value
        elif top.mapping:
            assert top.key is not None
            path, key_span = (*top.path, top.key), top.key_span
            top.container[top.key] = value
            top.key = None
        else:
            path = (*top.path, len(top.container))
            top.container.append(value)
        entry = [path, event.start_mark, event.end_mark, key_span]
        self.entries.append(entry)
        if isinstance(value, (dict, list)):
            self.stack.append(_Open(value, path, entry))
