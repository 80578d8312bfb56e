"""Where every node of a loaded document is: JSON path -> key span and value span."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from .diagnostics import Diagnostic, JsonPath, Span

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_ORIGIN = Span(1, 1, 1, 1)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
LINE_BREAK = _LINE_BREAK  # public: where spans break lines


def source_lines(text: str) -> list[str]:
    """The lines of ``text`` as YAML (and so every span) numbers them: broken at ``\\n``,
    ``\\r\\n`` and ``\\r`` only. ``str.splitlines`` also breaks at form feeds, ``\\x85`` and
    ``\\u2028``, which YAML keeps inside a line. A text ending in a line break has a last, empty
    line, where a span may start (an empty value at the end of the file)."""
    return _LINE_BREAK.split(text)


# Every character some YAML reader ends a line at (YAML 1.1's set; ruamel.yaml and libyaml
# count lines with it, YAML 1.2 with \n, \r\n and \r only).
ANY_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def last_line(lines: list[str]) -> int:
    """The 1-based number of the last line with text (1 for a blank file)."""
    last = len(lines)
    while last > 1 and not lines[last - 1].strip():
        last -= 1
    return last


def within(span: Span, lines: list[str], last: int | None = None) -> Span:
    """``span``, moved off the empty line after the file's last line break (and any blank lines
    before it) to the end of the last line with text: a parser reports an unclosed `[` or an
    empty last value there, where no editor shows a line. ``lines`` are split at every break
    any reader knows, so that a span counted either way is moved only when it is past the end."""
    last = last_line(lines) if last is None else last
    if span.line <= last and span.end_line <= last:
        return span
    end_of_text = len(lines[last - 1]) + 1 if lines else 1
    if span.line > last:
        return Span(last, end_of_text, last, end_of_text)
    if span.end_line > last and not (span.end_line == last + 1 and span.end_column == 1):
        return Span(span.line, span.column, last, end_of_text)
    return span


def marks_span(start: Any, end: Any, lines: list[str]) -> Span:
    """The span from a parser's ``start`` mark to its ``end`` mark (0-based ``line`` and
    ``column``, as ruamel.yaml and libyaml give them), over ``source_lines``."""
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


def inside(found: list[Diagnostic], file: str, text: str) -> list[Diagnostic]:
    """The findings, each of ``file`` placed on a line of ``text`` (see ``within``). Without a
    text (bytes that could not be decoded) they stay where the bytes put them."""
    if not text:
        return found
    lines = ANY_BREAK.split(text)
    placed = []
    for d in found:
        span = within(d.span, lines) if d.file == file else d.span
        placed.append(d if span == d.span else replace(d, span=span))
    return placed


class SourceMap:
    """Spans of keys, values and sequence items, looked up by JSON path.

    A path that is not indexed (for example one that only exists after a merge key) falls back to
    its nearest indexed ancestor, so every lookup answers with a real place in the file.
    """

    __slots__ = ("_keys", "_values")

    def __init__(self) -> None:
        self._keys: dict[JsonPath, Span] = {}
        self._values: dict[JsonPath, Span] = {}

    def add(self, path: JsonPath, value: Span, key: Span | None = None) -> None:
        self._values.setdefault(path, value)
        if key is not None:
            self._keys.setdefault(path, key)

    def __contains__(self, path: object) -> bool:
        return path in self._values

    def __iter__(self) -> Iterator[JsonPath]:
        return iter(self._values)

    def value(self, path: JsonPath) -> Span:
        """The span of the value at ``path`` (for a sequence item, the item itself)."""
        for prefix in _prefixes(path):
            if prefix in self._values:
                return self._values[prefix]
        return _ORIGIN

    def key(self, path: JsonPath) -> Span:
        """The span of the key at ``path``; the value's span where there is no key (items, root)."""
        for prefix in _prefixes(path):
            if prefix in self._keys:
                return self._keys[prefix]
            if prefix in self._values:
                return self._values[prefix]
        return _ORIGIN

    def has_key(self, path: JsonPath) -> bool:
        return path in self._keys

    def under(self, prefix: JsonPath) -> SourceMap:
        """The spans of the nodes inside ``prefix``, by their path from it: the source map of
        a document nested in this one (a W&B sweep under a `sweep:` key), still placed in
        this document's file. The root is the value at ``prefix``."""
        inner = SourceMap()
        inner.add((), self.value(prefix), self._keys.get(prefix))
        size = len(prefix)
        for path, span in self._values.items():
            if len(path) > size and path[:size] == prefix:
                inner.add(path[size:], span, self._keys.get(path))
        return inner


def _prefixes(path: JsonPath) -> Iterator[JsonPath]:
    for end in range(len(path), -1, -1):
        yield path[:end]


class TranslatedMap(SourceMap):
    """The spans of another document, looked up through a translation of paths: where each
    node of a spec read from a W&B file is in that file (`param_space.lr` is `parameters.lr`)."""

    __slots__ = ("_base", "_translate", "text")

    def __init__(
        self, base: SourceMap, translate: Callable[[JsonPath], JsonPath], text: str
    ) -> None:
        super().__init__()
        self._base, self._translate = base, translate
        self.text = text  # of the other document, which the spans are in

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self._translate(path) in self._base

    def __iter__(self) -> Iterator[JsonPath]:
        return iter(())  # the translation runs one way: from the spec to the file

    def value(self, path: JsonPath) -> Span:
        return self._base.value(self._translate(path))

    def key(self, path: JsonPath) -> Span:
        return self._base.key(self._translate(path))

    def has_key(self, path: JsonPath) -> bool:
        return self._base.has_key(self._translate(path))


def spanned_text(text: str, spans: SourceMap) -> str:
    """The text ``spans`` point into: ``text``, a document's own, unless its spans are another
    document's (a spec read from a W&B file quotes the W&B file)."""
    return spans.text if isinstance(spans, TranslatedMap) else text
