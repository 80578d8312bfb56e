"""Numbers written in the file that a float cannot hold: `1e400` reads as infinity and
`0.1e-400` as 0, silently, in every YAML reader and every engine."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping

from ..diagnostics import Diagnostic, JsonPath
from ..emit import Locator
from ..loader import Document
from ..sourcemap import source_lines, spanned_text

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def check_float_range(doc: Document, here: Locator) -> Iterator[Diagnostic]:
    """S007 at each number whose text is finite and not zero, read as infinity or as 0."""
    for path, value in _floats(doc.data, ()):
        if value != 0 and math.isfinite(value):
            continue
        text = _written(doc, path)
        if text is None:
            continue
        reads = "infinity" if math.isinf(value) else "0"
        size = "large" if math.isinf(value) else "small"
        yield here.at_value(
            "S007",
            f"`{text}` is too {size} for a float: every reader takes it as {reads}",
            path,
            hint="write a number between 5e-324 and 1.8e+308 in size, or 0",
        )


def overflows(doc: Document, path: JsonPath, value: Any) -> bool:
    """Whether ``value``, at ``path``, is an infinity written as a finite number (`1e400`):
    ``check_float_range`` reports those, and the checks of infinite arguments leave them."""
    return isinstance(value, float) and math.isinf(value) and _written(doc, path) is not None


def _written(doc: Document, path: JsonPath) -> str | None:
    """The text of the number at ``path`` when it is a finite, non-zero decimal."""
    if path not in doc.spans:
        return None  # a merged value: reported at its own place
    span = doc.spans.value(path)
    lines = source_lines(spanned_text(doc.text, doc.spans))
    if span.line != span.end_line or span.line > len(lines):
        return None
    text = lines[span.line - 1][span.column - 1 : span.end_column - 1]
    import decimal  # for a zero or an infinity only

    try:
        written = decimal.Decimal(text.replace("_", ""))
    except decimal.InvalidOperation:
        return None  # `.inf`, `.nan`: written as such, and checked where they matter
    return text if written.is_finite() and written != 0 else None


def _floats(value: Any, path: JsonPath) -> Iterator[tuple[JsonPath, float]]:
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _floats(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _floats(item, (*path, index))
    elif isinstance(value, float):
        yield path, value
