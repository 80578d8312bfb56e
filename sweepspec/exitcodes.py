"""Exit codes of the command line, in one place (documented in docs/cli.md)."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    """No finding at or above the ``--fail-on`` severity."""
    FINDINGS = 1
    """At least one finding at or above the ``--fail-on`` severity."""
    ERROR = 2
    """Usage error, unreadable file, or an internal error."""
    INTERRUPTED = 130
    """Interrupted (Ctrl-C)."""
