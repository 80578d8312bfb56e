"""A fast path for loading without comments: libyaml parses, Python composes ruamel.yaml nodes.

``check`` needs positions but not comments, and ruamel.yaml's pure-Python scanner and parser are
about nine tenths of its time per file. libyaml (PyYAML's C binding) parses the same text some
fifty times faster. Its events are composed here into ruamel.yaml nodes, with every implicit tag
resolved by ruamel.yaml's own YAML 1.2 resolver, so that the walker and the round-trip
constructor downstream see the nodes that ruamel.yaml would have composed
(``tests/test_fastload.py`` compares the two paths' documents on every example, the corpus and
generated and mutated files).

Whatever this path does not reproduce exactly returns ``None``, and the caller composes with
ruamel.yaml instead, which reports it as before: a parse error (the messages are ruamel.yaml's),
an explicit tag, a ``%`` directive, an undefined alias, nesting beyond the loader's limit. Too
many values raise ``TooManyNodes`` at the value where the ruamel.yaml path stops too.
So this module decides nothing a user sees; it only makes the common case fast.
"""

from __future__ import annotations

import re
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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
    try:
        return _Composer(_CParser(text), resolver, max_depth, max_nodes).first()
    except _Fallback:
        return None
    except TooManyNodes:
        raise
    except Exception:
        return None


class _Composer:
    def __init__(self, parser: Any, resolver: Any, max_depth: int, max_nodes: int) -> None:
        self.parser, self.resolver = parser, resolver
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
            is_key = bool(stack) and isinstance(stack[-1][0], MappingNode) and not stack[-1][1]
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
            if isinstance(parent, SequenceNode):
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
            tag = self.resolver.resolve(ScalarNode, event.value, event.implicit)
            if len(_RESOLVED) >= _RESOLVED_MAX:
                _RESOLVED.clear()  # bounded: a file of many distinct values cannot grow it
            _RESOLVED[key] = tag
        node = ScalarNode(
            tag, event.value, event.start_mark, event.end_mark, style=style, anchor=event.anchor
        )
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        return node

    def _collection(self, event: Any) -> Node:
        if event.tag is not None:
            raise _Fallback
        cls: type[SequenceNode] | type[MappingNode]
        cls = SequenceNode if type(event) is _events.SequenceStartEvent else MappingNode
        tag = self.resolver.resolve(cls, None, event.implicit)
        node = cls(
            tag, [], event.start_mark, None, flow_style=event.flow_style, anchor=event.anchor
        )
        if event.anchor is not None:
            self.anchors[event.anchor] = node
        return node
