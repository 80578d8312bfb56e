"""Comments carried through a conversion, each with the node it belongs to.

A comment of the input belongs to a node: a full-line comment to the key or item it precedes
(above the first node it is the file's head, below the last its end), an end-of-line comment to
the last node that starts before it on its line. A conversion maps each node of the input to
its node in the output (through the formats' origins); the output is written without comments,
and each comment is put back at its node, or at the nearest node that survives: the parameter
of a distribution's argument, the group of a parameter. Nothing is dropped: a comment whose node
has no place at all goes to the end of the file.

This works on text and source maps, not on ruamel.yaml's comment attachments, which move
comments between neighbours (a comment on `metric.name` is `metric`'s in its model) and lose
those it cannot attach (after the last key of a file).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from .diagnostics import JsonPath
from .loader import Document, load_text
from .meaning import MISSING, lookup, plain
from .sourcemap import SourceMap, source_lines

HEAD, BEFORE, EOL, END = "head", "before", "eol", "end"


@dataclass(frozen=True, slots=True)
class Comment:
    """One comment of a file, with the node it belongs to."""

    text: str  # as written, from `#`, without trailing white space
    line: int  # 1-based
    column: int  # 0-based, of the `#`
    place: str  # HEAD, BEFORE (the node at `path`), EOL (of the node at `path`), END
    path: JsonPath
    gap: int = 1  # the spaces before an end-of-line comment
    shift: int = 0  # a full-line comment's indentation minus its node's line's
    blank: bool = False  # a blank line above it


def walk(node: Any, path: JsonPath) -> Iterator[tuple[JsonPath, Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk(value, (*path, index))


def _masks(data: Any, spans: SourceMap) -> dict[int, list[tuple[int, int]]]:
    """Per line, the column ranges (0-based, end excluded) that hold scalars or keys, where a
    `#` is text, not a comment."""
    masks: dict[int, list[tuple[int, int]]] = {}

    def mask(line: int, column: int, end_line: int, end_column: int) -> None:
        for number in range(line, end_line + 1):
            start = column - 1 if number == line else 0
            end = end_column - 1 if number == end_line else 1 << 30
            masks.setdefault(number, []).append((start, end))

    for path, value in walk(data, ()):
        if path not in spans:
            continue
        if not isinstance(value, (dict, list)):
            span = spans.value(path)
            mask(span.line, span.column, span.end_line, span.end_column)
        if path and spans.has_key(path):
            span = spans.key(path)
            mask(span.line, span.column, span.end_line, span.end_column)
    return masks


def positions(text: str, data: Any, spans: SourceMap) -> list[tuple[int, int]]:
    """Where each comment of a loaded text starts: (1-based line, 0-based column)."""
    masks = _masks(data, spans)
    found = []
    for number, line in enumerate(source_lines(text), 1):
        if "#" not in line:
            continue
        covered = masks.get(number, ())
        for match in re.finditer("#", line):
            at = match.start()
            if at and line[at - 1] not in " \t":
                continue
            if any(start <= at < end for start, end in covered):
                continue
            found.append((number, at))
            break
    return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def starts(data: Any, spans: SourceMap) -> list[tuple[int, int, int, JsonPath]]:
    """Each node's start (its key's, or an item's), in document order, parents first."""
    starts = []
    for path, _ in walk(data, ()):
        if not path or path not in spans:
            continue
        span = spans.key(path) if spans.has_key(path) else spans.value(path)
        starts.append((span.line, span.column - 1, len(path), path))
    starts.sort(key=lambda s: s[:3])
    return starts


def comments_of(doc: Document) -> list[Comment]:
    """Every comment of a loaded document, each with the node it belongs to."""
    lines = source_lines(doc.text)
    found = [
        (line, column, lines[line - 1][column:].rstrip())
        for line, column in positions(doc.text, doc.data, doc.spans)
    ]
    return attach(lines, starts(doc.data, doc.spans), found, ends=_ends(doc.data, doc.spans))


def _ends(data: Any, spans: SourceMap) -> dict[JsonPath, tuple[int, int]]:
    """Where each node's value ends: (line, 0-based column after it)."""
    ends = {}
    for path, _ in walk(data, ()):
        if path and path in spans:
            span = spans.value(path)
            ends[path] = (span.end_line, span.end_column - 1)
    return ends


def starts_of(spans: dict[JsonPath, Any]) -> list[tuple[int, int, int, JsonPath]]:
    """Node starts from the spans of a source that is not YAML (a Python module's entries)."""
    return sorted(
        (span.line, span.column - 1, len(path), path) for path, span in spans.items() if path
    )


def attach(
    lines: list[str],
    starts: list[tuple[int, int, int, JsonPath]],
    found: list[tuple[int, int, str]],
    head_ends: int = 1 << 30,
    ends: dict[JsonPath, tuple[int, int]] | None = None,
) -> list[Comment]:
    """Each comment (line, 0-based column, text) of a text with the node it belongs to, given
    where every node starts, in document order. Above the first node is the head, but from
    ``head_ends`` on (a module's code starts before its first entry). With ``ends`` (where
    each node's value ends), an end-of-line comment after a node that starts and ends on its
    line is that node's (``lr: {uniform: [0, 1]}  # flat`` is `lr`'s, not the last
    argument's); otherwise it is the last node's that starts before it on its line."""
    order = [(line, column) for line, column, _, _ in starts]
    comments = []
    for line, column, text in found:
        before = lines[line - 1][:column]
        if before.strip():
            index = bisect.bisect_left(order, (line, column)) - 1
            path = starts[index][3] if index >= 0 else ()
            if ends is not None and index >= 0:
                text_before = lines[line - 1]
                found_node = _whole_on_line(
                    starts, index, line=line, column=column, ends=ends, text=text_before
                )
                path = found_node or path
            gap = len(before) - len(before.rstrip())
            comments.append(Comment(text, line, column, EOL if path else END, path, gap=gap))
            continue
        blank = line > 1 and not lines[line - 2].strip()
        index = bisect.bisect_left(order, (line + 1, 0))
        if index == len(starts):
            comments.append(Comment(text, line, column, END, (), blank=blank))
        elif index == 0 and line < head_ends:  # above the first node: the file's head
            comments.append(Comment(text, line, column, HEAD, (), blank=blank))
        else:
            node_line = starts[index][0]
            shift = column - _indent(lines[node_line - 1])
            comments.append(
                Comment(text, line, column, BEFORE, starts[index][3], shift=shift, blank=blank)
            )
    return comments


def _whole_on_line(
    starts: list[tuple[int, int, int, JsonPath]],
    index: int,
    *,
    line: int,
    column: int,
    ends: dict[JsonPath, tuple[int, int]],
    text: str,
) -> JsonPath | None:
    """Of the nodes that start on ``line`` up to ``starts[index]``, the first (outermost)
    whose value ends on it with nothing but closers before the comment (``lr: {uniform: [0,
    1]}  # flat`` is `lr`'s; in ``min: 0, max: 1}  # note``, `max`'s, not `min`'s)."""
    first = index
    while first > 0 and starts[first - 1][0] == line:
        first -= 1
    for start_line, _, _, path in starts[first : index + 1]:
        end = ends.get(path)
        if start_line != line or end is None or end[0] != line or end[1] > column:
            continue
        if _ONLY_CLOSERS.fullmatch(text[end[1] : column]):
            return path
    return None


def strip(text: str, data: Any, spans: SourceMap) -> str:
    """``text`` without its comments (a full-line comment's line goes with it)."""
    lines = source_lines(text)
    gone = set()
    for line, column in positions(text, data, spans):
        before = lines[line - 1][:column]
        if before.strip():
            lines[line - 1] = before.rstrip()
            continue
        gone.add(line)
        # the blank lines above a comment go with it: a comment put back brings its own
        above = line - 1
        while above >= 1 and not lines[above - 1].strip():
            gone.add(above)
            above -= 1
    kept = [line for number, line in enumerate(lines, 1) if number not in gone]
    while len(kept) > 1 and not kept[0].strip():
        kept.pop(0)  # the blank lines under the head's comments
    while len(kept) > 1 and not kept[-1].strip() and not kept[-2].strip():
        kept.pop()  # blank lines at the end, but the line break of the last line
    return "\n".join(kept)


# --- putting comments back ----------------------------------------------------------------------


@dataclass
class _Edit:
    line: int  # 1-based line of the output (before any edit)
    column: int  # where on it; -1: above the line
    order: int  # the comment's order in the input, for edits at one place
    comment: Comment


def carry(
    source: Document, written: str, to_output: Callable[[JsonPath], JsonPath | None]
) -> str | None:
    """``written`` (a conversion of ``source``) with ``source``'s comments, each at the node
    ``to_output`` maps its node to (or the nearest ancestor that has a place in ``written``).
    ``None`` when ``written`` cannot be read, or the comments cannot be put back without
    changing what it says."""
    neighbours = [path for *_, path in starts(source.data, source.spans)]
    return put_back(comments_of(source), neighbours, source.data, written, to_output)


def put_back(
    comments: list[Comment],
    neighbours: list[JsonPath],
    data: Any,
    written: str,
    to_output: Callable[[JsonPath], JsonPath | None],
    *,
    climb: bool = True,
) -> str | None:
    """``written`` with ``comments`` (of a source whose nodes are ``neighbours``, in order, and
    whose data is ``data``) each at its node's image; see ``carry``. ``climb=False`` where the
    output has the source's own paths (a spec read from a module)."""
    out = load_text(written, "<written>", comments=False, sized=False)
    if out.fatal:
        return None
    bare = strip(written, out.data, out.spans)
    if not comments:
        return written if bare == written else _reloaded(bare, out.data)
    bare_doc = load_text(bare, "<written>", comments=False, sized=False)
    if bare_doc.fatal:
        return None
    meaning = plain(out.data)
    to_output = _through_first_child(to_output, data)
    images = {to_output(path) for path in neighbours}
    comments = [_on_group_key(c, to_output, data) for c in comments]
    for exact in (True, False):
        edits = [
            _edit(
                c,
                i,
                bare_doc,
                _climbing(to_output, bare_doc.data, images, c) if climb else to_output,
                exact,
                neighbours=neighbours,
            )
            for i, c in enumerate(comments)
        ]
        text = _apply(bare, edits, bare_doc)
        again = load_text(text, "<written>", comments=False, sized=False)
        if not again.fatal and plain(again.data) == meaning:
            return text
    return None


def _through_first_child(
    to_output: Callable[[JsonPath], Any], data: Any
) -> Callable[[JsonPath], Any]:
    """``to_output``, and for a mapping that is no node of the output (a spec's `x-wandb`, whose
    keys are W&B's top-level keys): its first key's node."""

    def mapped(path: JsonPath) -> Any:
        found = to_output(path)
        node = lookup(data, path) if found == () and path else None
        if isinstance(node, dict) and node:
            return mapped((*path, next(iter(node))))
        return found

    return mapped


# Keys that hold a group's parameters (W&B's nested `parameters:`, the spec's `group:`): a
# comment above a group's first parameter is that parameter's, not the group's.
_GROUPS = frozenset({"parameters", "group"})


def _on_group_key(comment: Comment, to_output: Callable[[JsonPath], Any], data: Any) -> Comment:
    """An end-of-line comment on a group's `parameters:` (or `group:`) key is its group's where
    the output has no line of its own for that key (the spec's group is the W&B parameter's
    mapping): at the group's line, not at the end of its first parameter's."""
    if comment.place != EOL or not comment.path or comment.path[-1] not in _GROUPS:
        return comment
    node = lookup(data, comment.path)
    if not isinstance(node, dict) or not node:
        return comment
    if to_output(comment.path) != to_output((*comment.path, next(iter(node)))):
        return comment
    return replace(comment, path=comment.path[:-1])


def _climbing(
    to_output: Callable[[JsonPath], Any], data: Any, images: set[Any], comment: Comment
) -> Callable[[JsonPath], Any]:
    """``to_output``, and for a comment above a node: from the first key of a mapping that
    stands for no node of the input up to that mapping (a comment above a spec's `metric` is
    above W&B's `metric:`, whose first key, `name`, the spec's `metric` maps to)."""
    if comment.place != BEFORE:
        return to_output

    def climb(path: JsonPath) -> Any:
        mapped = to_output(path)
        while (
            mapped and len(mapped) > 1 and mapped[:-1] not in images and mapped[-2] not in _GROUPS
        ):
            parent = lookup(data, mapped[:-1])
            if not isinstance(parent, dict) or next(iter(parent), None) != mapped[-1]:
                break
            mapped = mapped[:-1]
        return mapped

    return climb


def _reloaded(text: str, data: Any) -> str | None:
    again = load_text(text, "<written>", comments=False, sized=False)
    return text if not again.fatal and plain(again.data) == plain(data) else None


def _target(
    path: JsonPath, doc: Document, to_output: Callable[[JsonPath], Any], *, climbs: bool = True
) -> Any:
    """The output node of ``path``, or (``climbs``) of its nearest ancestor that has one."""
    for end in range(len(path), len(path) - 1 if not climbs and path else 0, -1):
        mapped = to_output(path[:end])
        if mapped and mapped in doc.spans and lookup(doc.data, mapped) is not MISSING:
            return mapped
    return None


@functools.lru_cache(maxsize=4)
def _lines_of(text: str) -> tuple[str, ...]:
    """A text's lines, split once for all the comments placed in it."""
    return tuple(source_lines(text))


def _edit(
    comment: Comment,
    order: int,
    doc: Document,
    to_output: Callable[[JsonPath], Any],
    exact: bool,
    *,
    neighbours: list[JsonPath],
) -> _Edit:
    lines = _lines_of(doc.text)
    if comment.place == HEAD:
        return _Edit(1, -1, order, comment)
    target = None
    if comment.path:
        # the node, or one that followed it (a comment above a node the output has no place
        # for stays above what came next), or for an end-of-line comment, one before it
        at = neighbours.index(comment.path) if comment.path in neighbours else 0
        seen = neighbours[at:] if comment.place == BEFORE else neighbours[at::-1]
        # a node that has an image of its own before any ancestor: a comment above a dropped
        # parameter stays above the next one, not above the space's key
        for climbs in (False, True):
            for path in seen or [comment.path]:
                target = _target(path, doc, to_output, climbs=climbs)
                if target is not None:
                    break
            if target is not None:
                break
    if target is None:
        return _Edit(len(lines) + 1, -1, order, comment)  # the end of the file
    spans = doc.spans
    start = spans.key(target) if spans.has_key(target) else spans.value(target)
    if comment.place == BEFORE or not exact:
        if exact and lines[start.line - 1][: start.column - 1].strip(" -"):
            return _Edit(start.line, start.column - 1, order, comment)  # inside a flow
        if comment.place == EOL:
            return _Edit(start.line, 1 << 30, order, comment)  # the end of its first line
        return _Edit(start.line, -1, order, comment)
    value = spans.value(target)
    node = lookup(doc.data, target)
    if isinstance(node, (dict, list)) and value.line > start.line:
        return _Edit(start.line, 1 << 30, order, comment)  # a block: the end of the key's line
    return _Edit(value.end_line, value.end_column - 1, order, comment)


_ONLY_CLOSERS = re.compile(r"[\s,\]}]*")
_CLOSERS_AND_COMMA = re.compile(r"[\s\]}]*,?")


def _apply(text: str, edits: list[_Edit], doc: Document) -> str:
    lines = source_lines(text)
    trailing = lines and lines[-1] == ""
    if trailing:
        lines.pop()
    # from the bottom up and right to left, so that each edit's place is still where it was
    edits.sort(key=lambda e: (e.line, e.column, e.order), reverse=True)
    index = 0
    while index < len(edits):
        group = [edits[index]]
        while (
            index + len(group) < len(edits)
            and edits[index + len(group)].line == group[0].line
            and edits[index + len(group)].column == group[0].column
        ):
            group.append(edits[index + len(group)])
        index += len(group)
        group.reverse()  # back to the input's order
        _apply_group(lines, group)
    return "\n".join(lines) + ("\n" if trailing or not lines else "")


def _apply_group(lines: list[str], group: list[_Edit]) -> None:
    first = group[0]
    number, column = first.line, first.column
    comments = [e.comment for e in group]
    block: list[str] = []
    if number > len(lines):  # the end of the file
        for c in comments:
            previous = block[-1] if block else (lines[-1] if lines else "")
            if c.blank and previous.strip():
                block.append("")
            block.append(" " * max(0, c.column if c.place == END else 0) + c.text)
        lines.extend(block)
        return
    line = lines[number - 1]
    if column < 0:  # full lines above the line
        indent = _indent(line)
        for c in comments:
            above = lines[number - 2].rstrip() if number > 1 else ""
            if c.blank and not block and above and not above.endswith(":"):
                block.append("")
            shift = c.column if c.place == HEAD else indent + c.shift
            block.append(" " * max(0, shift) + c.text)
        lines[number - 1 : number - 1] = block
        return
    eol = [c for c in comments if c.place == EOL]
    full = [c for c in comments if c.place != EOL]
    flow_indent = _flow_indent(line, column)
    if column >= len(line.rstrip()) or _ONLY_CLOSERS.fullmatch(line[column:]):
        # the end of a line: end-of-line comments there, full-line ones below
        head = line.rstrip()
        gap = eol[0].gap if eol else 1
        if eol:
            head += " " * max(1, gap) + "  ".join(c.text for c in eol)
        below = [" " * flow_indent + c.text for c in full]
        lines[number - 1 : number] = [head, *below]
        return
    if eol:  # after a node inside a flow collection: break the line after it
        rest = line[column:]
        taken = _CLOSERS_AND_COMMA.match(rest)
        cut = column + (taken.end() if taken else 0)
        texts = [c.text for c in eol]
        if line[cut:].lstrip().startswith("#"):
            # the line's own end-of-line comment (placed first, from the right) stays first and
            # these follow it on the line: a line of their own would belong to the next node
            texts.insert(0, line[cut:].strip())
            lines[number - 1 : number] = [
                line[:cut].rstrip() + " " * max(1, eol[0].gap) + "  ".join(texts),
                *(" " * flow_indent + c.text for c in full),
            ]
            return
        head = line[:cut].rstrip() + " " * max(1, eol[0].gap) + "  ".join(texts)
        tail = " " * flow_indent + line[cut:].lstrip()
        lines[number - 1 : number] = [head, *(" " * flow_indent + c.text for c in full), tail]
        return
    # before a node inside a flow collection: break the line before it
    head, tail = line[:column].rstrip(), line[column:]
    block = [" " * flow_indent + c.text for c in full]
    lines[number - 1 : number] = [head, *block, " " * flow_indent + tail]


def _flow_indent(line: str, column: int) -> int:
    """The column for a line broken inside the flow collection open at ``column``: past its
    innermost open bracket, so that the flow continues as YAML requires."""
    depth, opened = 0, []
    for at, char in enumerate(line[:column]):
        if char in "[{":
            opened.append(at)
            depth += 1
        elif char in "]}" and opened:
            opened.pop()
    return opened[-1] + 1 if opened else _indent(line) + 2
