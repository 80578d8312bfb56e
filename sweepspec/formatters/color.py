"""Whether a terminal gets colour: the NO_COLOR (https://no-color.org) and FORCE_COLOR
conventions, then whether the stream is a terminal that is not `dumb`."""

from __future__ import annotations

from collections.abc import Mapping

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

RESET = "\033[0m"
BOLD = "\033[1m"
STYLES = {
    "error": "\033[1;31m",
    "warning": "\033[1;33m",
    "info": "\033[1;36m",
    "hint": "\033[36m",
    "place": BOLD,
    "code": BOLD,
}


def wants_color(environ: Mapping[str, str], stream: Any) -> bool:
    if environ.get("NO_COLOR"):
        return False
    force = environ.get("FORCE_COLOR")
    if force is not None and force != "":
        return force != "0"
    if environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paint(text: str, style: str, color: bool) -> str:
    return f"{STYLES[style]}{text}{RESET}" if color else text
