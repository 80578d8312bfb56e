"""A spec written as a runnable Ray Tune script: ``param_space`` of ``tune.*`` domains, the
searcher and scheduler constructors, ``tune.Tuner`` with its ``TuneConfig`` and ``RunConfig``,
the program as the trainable, and the spec's comments. The script ends with the spec it came
from (``SWEEPSPEC``), which the Ray Tune reader merges back, so an unedited script converts back
byte for byte.

Texts of the input go in through the hyperopt writer's literal and comment writers, so that no
input can end a literal or a comment early.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..comments import END, HEAD, comments_of
from ..diagnostics import Severity
from ..meaning import plain
from ..space import SPACE_KEY, distribution_of, group_body
from .hyperopt_writer import (
    MARK,
    docstring,
    literal,
    python_comment,
    text_literal,
    with_space_comments,
)
from .model import Writing
from .pysource import TEMPLATE
from .tune import SCHEDULERS, SEARCHERS, TUNE_FUNCTIONS, tune_call

# Distributions with a Tune domain (the others are reported by the `tune` table).
_DOMAINS = frozenset({*TUNE_FUNCTIONS, "uniformint", "invloguniform"})

_SCRIPT_TRAINABLE = '''def trainable(config):
    """Runs PROGRAM as a W&B agent runs a script (`python PROGRAM --key=value ...`); each JSON
    object it prints on a line of its own is a result Ray Tune (and its scheduler) sees."""
    import json
    import subprocess
    import sys

    from ray import tune

    command = [sys.executable, os.path.join(HERE, PROGRAM)]
    command += [f"--{k}={v}" for k, v in config.items()]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        for line in process.stdout:
            if line.strip().startswith("{"):
                tune.report(json.loads(line))'''


_NO_PROGRAM = '''def trainable(config):
    """The spec names no program: put the training here (or set `program` in the spec)."""
    raise NotImplementedError(f"train with {config} and report the metric with tune.report")'''


class _Writer:
    def __init__(self) -> None:
        self.keys: list[tuple[Any, ...]] = []
        self.problems: list[tuple[tuple[Any, ...], str]] = []

    def mapping(
        self, group: Mapping[Any, Any], depth: int, path: tuple[Any, ...] | None
    ) -> list[str]:
        pad = "    " * depth
        lines: list[str] = []
        for key, value in group.items():
            here = None if path is None else (*path, key)
            mark = ""
            if here is not None:
                mark = f"{MARK}{len(self.keys)}{MARK}"
                self.keys.append(here)
            expression = self.expression(value, depth, here)
            if expression is None:
                lines.append(
                    f"{mark}{pad}# {literal(str(key))}: not written, Ray Tune has no such domain"
                )
            elif isinstance(expression, list):
                lines.append(f"{mark}{pad}{literal(str(key))}: {{")
                lines.extend(expression)
                lines.append(f"{pad}}},")
            else:
                lines.append(f"{mark}{pad}{literal(str(key))}: {expression},")
        return lines

    def expression(
        self, value: Any, depth: int, path: tuple[Any, ...] | None
    ) -> str | list[str] | None:
        dist = distribution_of(value)
        if dist is None or dist.kind == "group":
            body = group_body(value)
            if body is None:
                return literal(plain(value))
            inner = None if path is None else path + (("group",) if body is not value else ())
            return self.mapping(body, depth + 1, inner)
        body = value[dist.name]
        if dist.kind == "constant":
            return literal(plain(body))
        if dist.name in ("choice", "grid_search"):
            field = "values" if dist.name == "grid_search" else "options"
            items = body.get(field) if isinstance(body, Mapping) else body
            options = []
            for option in items or []:
                written = self.expression(option, depth + 1, None)
                if written is None:
                    return None
                if isinstance(written, list):
                    pad = "    " * (depth + 1)
                    written = "{\n" + "\n".join(written) + f"\n{pad}}}"
                options.append(written)
            return f"tune.{dist.name}([{', '.join(options)}])"
        if dist.name not in _DOMAINS:
            if path is not None:
                self.problems.append(((*path, dist.name), f"Ray Tune has no `{dist.name}` domain"))
            return None
        names = dist.arg_names
        args = (
            [body.get(n) for n in names if n in body] if isinstance(body, Mapping) else list(body)
        )
        function, arguments = tune_call(dist.name, plain(args))
        return f"tune.{function}({', '.join(literal(a) for a in arguments)})"


def _component(table: Mapping[str, tuple[str, str]], block: Any) -> tuple[str, str, str] | None:
    """(module, class, constructor call) of a searcher or scheduler block."""
    if not isinstance(block, Mapping) or str(block.get("type")) not in table:
        return None
    module, name = table[str(block["type"])]
    items = {k: plain(v) for k, v in block.items() if k != "type"}
    sampler = items.get("sampler") if block["type"] == "optuna" else None
    written = []
    for key, value in items.items():
        if isinstance(sampler, str) and key == "sampler":
            # OptunaSearch takes a sampler object, seeded: Ray's own `seed=` is used only
            # without a sampler
            seed = items.get("seed")
            seeded = "" if seed is None else f"seed={literal(seed)}"
            written.append(f"sampler=optuna.samplers.{sampler}({seeded})")
        elif not (isinstance(sampler, str) and key == "seed"):
            written.append(f"{key}={literal(value)}")
    return module, name, f"{name}({', '.join(written)})"


def write(doc: Any) -> tuple[str, list[tuple[tuple[Any, ...], str]]]:
    data = doc.data
    writer = _Writer()
    body = writer.mapping(data.get(SPACE_KEY) or {}, 1, (SPACE_KEY,))
    found = comments_of(doc)
    search = _component(SEARCHERS, data.get("search_alg"))
    scheduler = _component(SCHEDULERS, data.get("scheduler"))
    lines = [python_comment(c.text) for c in found if c.place == HEAD]
    lines += [docstring(f"Ray Tune script written by sweepspec from {doc.file}."), ""]
    program = data.get("program")
    script = isinstance(program, str) and (program.endswith(".py") or ":" not in program)
    if script:
        lines += ["import os", ""]
    if search is not None and "optuna.samplers." in search[2]:
        lines += ["import optuna"]
    lines += ["from ray import tune"]
    for component in (search, scheduler):
        if component is not None:
            lines.append(f"from {component[0]} import {component[1]}")
    if isinstance(program, str) and not script:
        module, _, function = program.partition(":")
        lines.append(f"from {module} import {function}")
    lines += ["", ""]
    if script:
        lines += [f"PROGRAM = {literal(program)}"]
        lines += [
            "HERE = os.path.dirname(os.path.abspath(__file__))  # PROGRAM is beside it",
            "",
            "",
        ]
        lines += [*_SCRIPT_TRAINABLE.splitlines(), "", ""]
    elif not isinstance(program, str):  # the spec names no program: say so when it runs
        lines += ["PROGRAM = None", "", ""]
        lines += [*_NO_PROGRAM.splitlines(), "", ""]
    lines += ["param_space = {", *body, "}", "", ""]
    trainable = str(program).partition(":")[2] if program and not script else "trainable"
    if "resources_per_trial" in data:
        trainable = (
            f"tune.with_resources({trainable}, {literal(plain(data['resources_per_trial']))})"
        )
    lines += _main(data, trainable, search, scheduler)
    lines = with_space_comments(lines, writer.keys, found, "param_space = {")
    lines.extend(python_comment(c.text.strip()) for c in found if c.place == END)
    lines += [
        "",
        "# The spec this script was written from. Converting the script back keeps it, and",
        "# takes in whatever the space and the settings above now say differently.",
        f"{TEMPLATE} = {text_literal(doc.text)}",
    ]
    return "\n".join(lines) + "\n", writer.problems


def _main(
    data: Any, trainable: str, search: tuple[str, str, str] | None, scheduler: Any
) -> list[str]:
    """The script's `__main__` block: the Tuner with its TuneConfig and RunConfig."""
    tune_config = [
        f"{key}={literal(plain(data[key]))}"
        for key in ("metric", "mode", "num_samples", "max_concurrent_trials", "time_budget_s")
        if key in data
    ]
    if search is not None:
        tune_config.append(f"search_alg={search[2]}")
    if scheduler is not None:
        tune_config.append(f"scheduler={scheduler[2]}")
    run_config = []
    if "name" in data:
        run_config.append(f"name={literal(plain(data['name']))}")
    if "stop" in data:
        run_config.append(f"stop={literal(plain(data['stop']))}")
    lines = ['if __name__ == "__main__":', "    tuner = tune.Tuner(", f"        {trainable},"]
    lines.append("        param_space=param_space,")
    lines.append("        tune_config=tune.TuneConfig(")
    lines += [f"            {item}," for item in tune_config]
    lines.append("        ),")
    if run_config:
        lines.append(f"        run_config=tune.RunConfig({', '.join(run_config)}),")
    lines += ["    )", "    results = tuner.fit()"]
    if "metric" in data and "mode" in data:
        lines.append("    print(results.get_best_result().config)")
    return lines


def write_module(doc: Any) -> Writing:
    """The registry's writer: a spec as a runnable Ray Tune script. What Ray Tune cannot hold
    is left out of the code (kept in the spec copy only); ``losses.py`` reads the script back
    and names it."""
    from ..emit import Locator

    text, problems = write(doc)
    here = Locator(doc)
    return Writing(
        text,
        [
            here.at_key("X001", f"tune: {why}", path, severity=Severity.WARNING)
            for path, why in problems
        ],
    )
