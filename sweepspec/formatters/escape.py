"""Text from the input (keys, values, file names) shown on a terminal or in a CI log.

A key holding a line break would print a second, forged finding line, and one holding an escape
sequence would drive the terminal. Shown here, every character that is not printable (line
breaks, tabs, ESC, DEL, C1 controls, U+2028/U+2029, ...) is written as its Python escape.
"""

from __future__ import annotations


def printable(text: str, keep: str = "") -> str:
    """``text`` with each non-printable character as its escape (``\\n``, ``\\x1b``, ``\\u2028``),
    but those in ``keep``; a backslash stays as it is, so ordinary text (paths, messages) reads
    unchanged."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in keep else repr(c)[1:-1] for c in text)
