"""What a sweep runs: a program or command a reviewer should look at before anyone runs it.

Running a sweep runs its program (``sweepspec run``, a W&B agent), so a spec from someone else
is code from someone else. These checks do not stop that; they make the unusual cases visible in
CI: a script outside the sweep's directory, a standard-library or builtin callable as the
trainable (``os:system``), and a command that hands a string to a shell or interpreter.
"""

from __future__ import annotations

import posixpath
import sys
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic, JsonPath
from ..emit import Locator

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Programs that run the text they are given: a command starting with one of these (optionally
# after `${env}`) runs whatever its arguments say.
SHELLS = frozenset({"sh", "bash", "dash", "zsh", "ksh", "csh", "tcsh", "fish", "busybox"})
WINDOWS_SHELLS = frozenset({"cmd", "cmd.exe", "powershell", "powershell.exe", "pwsh"})
# Interpreters whose `-c` / `-e` option runs a string.
CODE_FLAGS = {
    "python": "-c",
    "${interpreter}": "-c",
    "perl": "-e",
    "ruby": "-e",
    "node": "-e",
}


def check_program(
    here: Locator,
    program: Any,
    at: JsonPath,
    *,
    module_form: bool,
) -> Iterator[Diagnostic]:
    """Findings on ``program`` at ``at``; ``module_form``: ``module:function`` is allowed (a
    spec), else the program is a script (W&B runs `python program`)."""
    if not isinstance(program, str) or not program.strip():
        return
    if module_form and ":" in program and not program.endswith(".py"):
        module = program.partition(":")[0].strip()
        top = module.split(".")[0]
        if top in _standard_modules() and not _beside(here.doc.file, top):
            yield here.at_value(
                "V016",
                f"the program `{program}` is `{module}` of Python's standard library, not a "
                "trainable of this project: running the sweep calls it with each trial's config",
                at,
                hint="name a function of a module beside the spec, such as `train:objective`",
            )
        return
    where = _outside(program)
    if where is not None:
        yield here.at_value(
            "V016",
            f"the program `{program}` is {where}: running the sweep runs that file",
            at,
            hint="keep the training script beside the sweep file, or check what it runs",
        )


def check_command(here: Locator, command: Any, at: JsonPath) -> Iterator[Diagnostic]:
    """Findings on a W&B ``command`` list at ``at``."""
    if not isinstance(command, list):
        return
    words = [w for w in command if isinstance(w, str)]
    significant = [w for w in words if w.strip() != "${env}"]
    if not significant:
        return
    first = posixpath.basename(significant[0].strip()).lower()
    if first in SHELLS or first in WINDOWS_SHELLS:
        index = command.index(significant[0])
        yield here.at_value(
            "V016",
            f"the command runs the shell `{significant[0]}`: every trial runs whatever the "
            "command's words tell it to",
            (*at, index),
            hint="run the program directly: `${env}`, `${interpreter}`, `${program}`, `${args}`",
        )
        return
    flag = CODE_FLAGS.get(first) or CODE_FLAGS.get(first.rstrip("0123456789."))
    if flag is not None and len(significant) > 1 and significant[1].strip() == flag:
        index = command.index(significant[1])
        yield here.at_value(
            "V016",
            f"the command runs the code given with `{significant[0]} {flag}`, not the program",
            (*at, index),
            hint="run the program directly: `${env}`, `${interpreter}`, `${program}`, `${args}`",
        )


def _outside(program: str) -> str | None:
    """Whether the script path leaves the directory of the sweep file, and how."""
    path = program.strip().replace("\\", "/")
    if path.startswith("~"):
        return "in a home directory"
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return "an absolute path, outside the sweep's directory"
    if posixpath.normpath(path).split("/")[0] == "..":
        return "outside the sweep's directory"
    return None


def _beside(file: str, module: str) -> bool:
    """Whether a module of that name lies beside the sweep file: `sweepspec run` imports from
    there first, so a project's own `code.py` is not the standard library's `code`."""
    if module in sys.builtin_module_names:
        return False  # compiled into Python: always the standard one
    folder = Path(file).parent
    try:
        return (folder / f"{module}.py").is_file() or (folder / module).is_dir()
    except OSError:
        return False


def _standard_modules() -> frozenset[str]:
    return frozenset(sys.stdlib_module_names) | frozenset(sys.builtin_module_names)
