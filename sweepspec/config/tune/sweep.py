"""``tune.run(...)`` -> a ``Sweep``: the spec, saved or converted on request."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ... import atomic
from ...yamlio import dump, flow_map
from ..components import Component
from .space import space_to_spec

_NOT_SAVED = "cannot be saved in a sweep and is left out"


class Sweep(dict[str, Any]):
    """The result of ``tune.run``. It *is* the W&B sweep configuration (a dict, so that
    ``wandb.sweep(tune_config)`` works as in the seed); ``spec`` holds the spec, ``str()`` shows
    it and ``save()`` writes it."""

    def __init__(self, spec: CommentedMap) -> None:
        self.spec = spec
        self.text = dump(spec)
        super().__init__(self._wandb())

    def _wandb(self) -> dict[str, Any]:
        from ...convert import convert_text
        from ...meaning import plain

        result = convert_text(self.text, "wandb", "<tune.run>")
        for finding in result.diagnostics:
            if finding.code == "X001" and finding.severity.value != "info":
                warnings.warn(f"as a W&B sweep: {finding.message}", UserWarning, stacklevel=4)
        if result.text is None:
            return {}
        from ruamel.yaml import YAML

        data = plain(YAML(typ="safe", pure=True).load(result.text))
        return data if isinstance(data, dict) else {}

    def __str__(self) -> str:
        return self.text

    def to(self, fmt: str) -> str:
        """The sweep in another format: ``spec``, ``wandb``, ``wandb-tune`` or ``hyperopt``."""
        if fmt == "spec":
            return self.text
        from ...convert import convert_text

        result = convert_text(self.text, fmt, "<tune.run>")
        if result.text is None:
            raise ValueError("; ".join(d.message for d in result.diagnostics))
        return result.text

    def save(self, path: str | Path, format: str = "spec") -> None:
        """Write the sweep (atomically) as a spec, or in ``format``."""
        atomic.write_text(path, self.to(format))


def run(
    run_or_experiment: Any,
    name: str | None = None,
    metric: str | None = None,
    mode: str | None = None,
    stop: dict[str, float] | None = None,
    time_budget_s: float | None = None,
    config: dict[str, Any] | None = None,
    resources_per_trial: dict[str, float] | None = None,
    num_samples: int = 1,
    search_alg: Component | None = None,
    scheduler: Component | None = None,
    max_concurrent_trials: int | None = None,
    **kwargs: Any,
) -> Sweep:
    """Ray Tune's ``tune.run`` signature; returns the sweep instead of running it."""
    for key, value in kwargs.items():
        if value is not None:
            warnings.warn(f"tune.run: `{key}` {_NOT_SAVED}", UserWarning, stacklevel=2)
    spec = CommentedMap()
    spec["sweepspec"] = 1
    if name is not None:
        spec["name"] = name
    spec["program"] = _program(run_or_experiment)
    for component in (search_alg, scheduler):
        metric = metric or (component.metric if component else None)
        mode = mode or (component.mode if component else None)
    if metric is not None:
        spec["metric"] = metric
    if mode is not None:
        spec["mode"] = mode
    if num_samples != 1:
        spec["num_samples"] = num_samples
    for key, value in (
        ("max_concurrent_trials", max_concurrent_trials),
        ("time_budget_s", time_budget_s),
        ("stop", stop),
        ("resources_per_trial", resources_per_trial),
    ):
        if value is not None:
            spec[key] = value
    for key, component in (("search_alg", search_alg), ("scheduler", scheduler)):
        if component is not None:
            block = flow_map(("type", component.spec_type))
            block.update(component.options)
            spec[key] = block
    space: dict[str, Any] = {}
    if config:
        space.update(config)
    if search_alg is not None and search_alg.space:
        space.update(search_alg.space)
    spec["param_space"] = space_to_spec(space)
    return Sweep(spec)


def _program(run_or_experiment: Any) -> str:
    if isinstance(run_or_experiment, str):
        return run_or_experiment
    module = getattr(run_or_experiment, "__module__", None)
    qualname = getattr(run_or_experiment, "__qualname__", None)
    if module and qualname:
        return f"{module}:{qualname}"
    raise TypeError("run_or_experiment must be a script path or an importable function")
