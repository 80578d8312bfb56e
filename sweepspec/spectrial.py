"""An Optuna objective as the spec's program, on every engine.

``sweepspec convert objective.py --to spec`` reads an Optuna objective into a spec whose
``program`` is the objective itself. When a sweep runs, the objective is handed a
:class:`SpecTrial` instead of an Optuna trial: each ``trial.suggest_*(name, ...)`` returns the
value the engine drew for the parameter labelled ``name`` (the spec is what is searched, so an
edited spec is what runs), ``trial.report(value, step)`` reports a step (schedulers and pruners
see it), and the value it returns is the spec's ``metric``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from typing import Any

from .formats.optuna import TAG, Entry, plan

_TRIAL_NAMES = ("trial", "t", "trial_", "optuna_trial")


def takes_trial(function: Callable[..., Any]) -> bool:
    """Whether ``function`` is an Optuna objective: its first parameter is annotated as a
    trial, or named as Optuna's examples name it (``trial``, ``t``, ``optuna_trial``)."""
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return False
    if not parameters:
        return False
    first = parameters[0]
    annotation = first.annotation
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return "Trial" in str(text) or first.name in _TRIAL_NAMES


def values_by_label(config: Mapping[str, Any], space: Any) -> dict[str, Any]:
    """The value of each parameter of ``config`` (a configuration in the spec's shape) under
    its label, the name an Optuna objective suggests it by."""
    found: dict[str, Any] = {}
    _walk(plan(space or {}), config, found)
    return found


def _walk(entries: list[Entry], config: Mapping[str, Any], found: dict[str, Any]) -> None:
    for entry in entries:
        if entry.key not in config or entry.is_constant or entry.problem is not None:
            continue
        value = config[entry.key]
        if entry.suggestion is None:
            if isinstance(value, Mapping):
                _walk(entry.entries, value, found)
            continue
        if entry.branches and isinstance(value, Mapping):
            tag = value.get(TAG)
            found[entry.suggestion.label] = tag
            for option, body in entry.branches:
                if option == tag and type(option) is type(tag):
                    _walk(body, value, found)
        else:
            found[entry.suggestion.label] = value


class SpecTrial:
    """What an Optuna objective is given when a sweep runs it (see the module's docstring)."""

    def __init__(
        self,
        config: Mapping[str, Any],
        space: Any,
        report: Callable[[dict[str, Any]], None],
        metric: str,
        number: int = 0,
    ) -> None:
        self.params = values_by_label(config, space)
        self._report, self._metric = report, metric
        self.number = number
        self.user_attrs: dict[str, Any] = {}

    def _value(self, name: str) -> Any:
        if name not in self.params:
            raise KeyError(
                f"the objective suggests `{name}`, which is not a parameter of the spec's "
                f"space here (its parameters: {', '.join(sorted(self.params)) or 'none'})"
            )
        return self.params[name]

    def suggest_float(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return self._value(name)

    suggest_int = suggest_categorical = suggest_float
    suggest_uniform = suggest_loguniform = suggest_discrete_uniform = suggest_float

    def report(self, value: float, step: int) -> None:
        self._report({self._metric: value, "step": step})

    def should_prune(self) -> bool:
        # the engine's scheduler or pruner ends the trial itself at a report
        return False

    def set_user_attr(self, key: str, value: Any) -> None:
        self.user_attrs[key] = value


def run_objective(
    objective: Callable[..., Any],
    config: Mapping[str, Any],
    space: Any,
    report: Callable[[dict[str, Any]], None],
    metric: str,
) -> None:
    """Run an Optuna objective on one configuration; its return value is the last report."""
    value = objective(SpecTrial(config, space, report, metric))
    if value is not None:
        report({metric: value})
