"""The GitHub Action's steps (`action.yml`): its inputs, from the environment, as a `sweepspec
check` command line. Inputs are split on blanks like a shell would split them, but never run
through one, so a path or argument cannot inject a command."""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Mapping, Sequence

from .cli import main
from .exitcodes import ExitCode


def arguments(step: str, env: Mapping[str, str]) -> list[str]:
    """The `sweepspec` arguments of a step (``check`` or ``sarif``) for the action's inputs."""
    argv = ["check"]
    for target in shlex.split(env.get("SWEEPSPEC_TARGETS", "")):
        argv += ["--target", target]
    argv += shlex.split(env.get("SWEEPSPEC_ARGS", ""))
    if step == "sarif":
        argv += ["--format", "sarif", "--output", env["SWEEPSPEC_SARIF"], "--fail-on", "error"]
    else:
        argv += ["--format", "github", "--fail-on", env.get("SWEEPSPEC_FAIL_ON") or "error"]
    return [*argv, "--", *(shlex.split(env.get("SWEEPSPEC_PATHS", "")) or ["."])]


def run(argv: Sequence[str], env: Mapping[str, str]) -> int:
    step = argv[0] if argv else "check"
    code = main(arguments(step, env))
    if step == "sarif":
        output = env.get("GITHUB_OUTPUT")
        if output:
            with open(output, "a", encoding="utf-8") as handle:
                handle.write(f"path={env['SWEEPSPEC_SARIF']}\n")
        # the report is written; the check step says whether the sweeps pass
        return code if code == ExitCode.ERROR else ExitCode.OK
    return code


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:], os.environ))
