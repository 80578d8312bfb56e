"""A spec written as an Optuna module: the space as ``optuna.distributions``, a ``suggest``
function that calls ``trial.suggest_*`` in the spec's order (a conditional choice as ``if``
blocks), an objective that runs the spec's program, and the study as ``create_study`` and
``optimize``.

Every text of the input goes into the module through the hyperopt writer's literal and
comment writers, so no input can end a literal or a comment early. The module ends with the
spec it came from (``SWEEPSPEC``), which the reader merges back (``optuna_source.merge``).
"""

from __future__ import annotations

from typing import Any

from ..comments import END, HEAD, comments_of
from ..diagnostics import Severity
from ..space import SPACE_KEY
from . import optuna as model
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


class _Writer:
    def __init__(self) -> None:
        self.paths: list[tuple[Any, ...]] = []
        self.problems: list[tuple[tuple[Any, ...], str]] = []
        self.switches = 0

    def mark(self, path: tuple[Any, ...]) -> str:
        self.paths.append(path)
        return f"{MARK}{len(self.paths) - 1}{MARK}"

    def entries(self, entries: list[model.Entry], target: str, pad: str) -> list[str]:
        lines: list[str] = []
        for entry in entries:
            here = f"{target}[{literal(entry.key)}]"
            mark = self.mark(entry.path)
            if entry.problem is not None:
                self.problems.append((entry.path, entry.problem))
                lines.append(f"{mark}{pad}# {literal(entry.key)}: not written ({entry.problem})")
                continue
            if entry.is_constant:
                lines.append(f"{mark}{pad}{here} = {literal(entry.constant)}")
                continue
            if entry.suggestion is None:
                lines.append(f"{mark}{pad}{here} = {{}}")
                lines.extend(self.entries(entry.entries, here, pad))
                continue
            lines.append(f"{mark}{pad}{here} = {_call(entry.suggestion)}")
            for index, (tag, body) in enumerate(entry.branches):
                keyword = "if" if index == 0 else "elif"
                lines.append(f"{pad}{keyword} {here} == {literal(tag)}:")
                lines.append(f"{pad}    {here} = {{{literal(model.TAG)}: {literal(tag)}}}")
                lines.extend(self.entries(body, here, pad + "    "))
        return lines


def _call(s: model.Suggestion) -> str:
    args = ", ".join([literal(s.label), *(literal(a) for a in s.args)])
    if s.method == model.CATEGORICAL:
        args = f"{literal(s.label)}, {literal(list(s.args[0]))}"
    options = "".join(f", {k}={literal(v)}" for k, v in s.options)
    return f"trial.suggest_{s.method}({args}{options})"


def _distribution(s: model.Suggestion) -> str:
    if s.method == model.CATEGORICAL:
        return f"CategoricalDistribution({literal(list(s.args[0]))})"
    cls = "FloatDistribution" if s.method == model.FLOAT else "IntDistribution"
    args = ", ".join(literal(a) for a in s.args)
    options = "".join(f", {k}={literal(v)}" for k, v in s.options)
    return f"{cls}({args}{options})"


def _component(name: str, options: dict[str, Any], grid: bool = False) -> str:
    args = ["GRID"] if grid else []
    args += [f"{k}={literal(v)}" for k, v in options.items()]
    return f"{name}({', '.join(args)})"


def write(doc: Any) -> tuple[str, list[tuple[tuple[Any, ...], str]]]:
    """The module's text, and the spec paths it could not write (with why)."""
    data = doc.data
    entries = model.plan(data.get(SPACE_KEY) or {})
    study = model.study_of(data)
    writer = _Writer()
    body = writer.entries(entries, "config", "    ")
    found = comments_of(doc)
    lines = [python_comment(c.text) for c in found if c.place == HEAD]
    lines.append(docstring(f"Optuna study written by sweepspec from {doc.file}."))
    lines += ["", "from __future__ import annotations", "", "import importlib"]
    lines += ["from typing import Any", "", "import optuna"]
    flat = [e.suggestion for e in model.walk(entries) if e.suggestion is not None]
    kinds = sorted({_distribution(s).partition("(")[0] for s in flat})
    if kinds:
        lines.append(f"from optuna.distributions import {', '.join(kinds)}")
    lines += ["", *_constants(data, study), ""]
    lines += _search_space(flat, any(e.branches for e in model.walk(entries)), study)
    lines += ["", "", "def suggest(trial: optuna.Trial) -> dict[str, Any]:"]
    lines.append(
        '    """One trial\'s configuration, in the spec\'s shape, drawn in the spec\'s order."""'
    )
    lines += ["    config: dict[str, Any] = {}", *body, "    return config", "", ""]
    lines += [*_OBJECTIVE.splitlines(), "", "", *_study(study)]
    lines = with_space_comments(lines, writer.paths, found, "def suggest(")
    lines.extend(python_comment(c.text.strip()) for c in found if c.place == END)
    lines.append("")
    lines.append(
        "# The spec this module was written from. Converting the module back keeps it, and"
    )
    lines.append("# takes in whatever the code above now says differently.")
    lines.append(f"{TEMPLATE} = {text_literal(doc.text)}")
    return "\n".join(lines) + "\n", writer.problems + study.problems


def _constants(data: Any, study: model.Study) -> list[str]:
    program, metric = data.get("program"), data.get("metric")
    lines = [
        f"PROGRAM = {literal(program) if isinstance(program, str) else 'None'}",
        f"METRIC = {literal(metric) if isinstance(metric, str) else 'None'}",
        f"DIRECTION = {literal(study.direction)}",
        f"N_TRIALS = {literal(study.n_trials)}",
        f"TIMEOUT = {literal(study.timeout)}",
    ]
    if study.n_jobs is not None:
        lines.append(f"N_JOBS = {literal(study.n_jobs)}")
    return lines


def _search_space(flat: list[model.Suggestion], conditional: bool, study: model.Study) -> list[str]:
    lines = []
    if study.grid is not None:
        grid = ", ".join(f"{literal(k)}: {literal(v)}" for k, v in study.grid.items())
        lines += [f"GRID = {{{grid}}}", ""]
    lines.append(
        "# The space as distributions (`study.ask(SEARCH_SPACE)`, `optuna.trial.create_trial`)."
    )
    if conditional:
        lines.append(
            "# A conditional choice's parameters are drawn only in their branch of `suggest`."
        )
    lines.append("SEARCH_SPACE = {")
    lines += [f"    {literal(s.label)}: {_distribution(s)}," for s in flat]
    lines.append("}")
    return lines


def _study(study: model.Study) -> list[str]:
    sampler = "None"
    if study.sampler is not None:
        name, options = study.sampler
        sampler = "optuna.samplers." + _component(name, options, grid=name == "GridSampler")
    pruner = "None"
    if study.pruner is not None:
        pruner = "optuna.pruners." + _component(*study.pruner)
    jobs = ", n_jobs=N_JOBS" if study.n_jobs is not None else ""
    return [
        "def make_study() -> optuna.Study:",
        "    return optuna.create_study(",
        "        direction=DIRECTION,",
        f"        sampler={sampler},",
        f"        pruner={pruner},",
        "    )",
        "",
        "",
        'if __name__ == "__main__":',
        "    study = make_study()",
        f"    study.optimize(objective, n_trials=N_TRIALS, timeout=TIMEOUT{jobs})",
        "    print(study.best_value, study.best_params)",
    ]


_OBJECTIVE = '''def objective(trial: optuna.Trial) -> float:
    """The spec's program run on one trial's configuration: a `module:function` is called
    with it; each result it yields or reports is a step the pruner sees."""
    config = suggest(trial)
    if PROGRAM is None or ":" not in PROGRAM:
        raise NotImplementedError(f"train with {config} and return {METRIC}")
    module, _, function = PROGRAM.partition(":")
    result = getattr(importlib.import_module(module), function)(config)
    value = None
    if isinstance(result, (int, float)):
        return float(result)
    steps = [result] if isinstance(result, dict) else result
    for step, metrics in enumerate(steps or (), start=1):
        value = metrics[METRIC] if METRIC is not None else metrics
        trial.report(value, step)
        if trial.should_prune():
            raise optuna.TrialPruned()
    if value is None:
        raise ValueError(f"{PROGRAM} reported no {METRIC}")
    return float(value)'''


def write_module(doc: Any) -> Writing:
    """The registry's writer. What Optuna cannot hold is left out of the code (kept in the
    spec copy only); ``losses.py`` reads the module back and names it, with these reasons."""
    from ..emit import Locator

    text, problems = write(doc)
    here = Locator(doc)
    explained = [
        here.at_key("X001", f"optuna: {why}", path, severity=Severity.WARNING)
        for path, why in problems
    ]
    return Writing(text, explained)
