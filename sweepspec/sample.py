"""Draw configurations from a spec's space with the standard library only (a dry run).

Each distribution follows the spec's semantics exactly (``docs/reference/distributions.md``):
upper bounds excluded or included as each integer distribution says, quantisation as
``round(x / q) * q`` (round half to even, as numpy and hyperopt round), log distributions
uniform in log space. ``grid_search`` parameters are enumerated (their cartesian product, in
order, as Ray Tune's variant generator does); every other parameter is drawn anew for each
configuration, and a choice among groups draws only the chosen group's parameters.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Mapping
from typing import Any

from .meaning import plain
from .space import SPACE_KEY, distribution_of, group_body


def configurations(
    data: Mapping[str, Any], n: int, seed: int | None = None
) -> list[dict[str, Any]]:
    """``n`` configurations of the spec ``data`` (grids first enumerated, then repeated)."""
    rng = random.Random(seed)
    space = data.get(SPACE_KEY) or {}
    grids = list(_grids(space, ()))
    out = []
    for index in range(n):
        out.append(_group(space, (), rng, _grid_point(grids, index)))
    return out


def _grid_point(grids: list[tuple[tuple[Any, ...], list[Any]]], index: int) -> dict[Any, Any]:
    """The ``index``-th point (modulo their number) of the grids' cartesian product, in
    ``itertools.product`` order, the last grid varying fastest. Computed, not enumerated: eight
    grids of a hundred values are 10^16 points, and a sample of five needs five of them."""
    total = math.prod(len(values) for _, values in grids)
    if not total:
        return {}
    rest, point = index % total, {}
    for path, values in reversed(grids):
        rest, digit = divmod(rest, len(values))
        point[path] = values[digit]
    return point


def _grids(
    group: Mapping[Any, Any], path: tuple[Any, ...]
) -> Iterator[tuple[tuple[Any, ...], list[Any]]]:
    for key, value in group.items():
        here = (*path, key)
        dist = distribution_of(value)
        if dist is not None and dist.name == "grid_search":
            body = value[dist.name]
            values = body.get("values") if isinstance(body, Mapping) else body
            yield here, list(values or [])
        else:
            inner = group_body(value)
            if inner is not None:
                yield from _grids(inner, here)


def _group(
    group: Mapping[Any, Any],
    path: tuple[Any, ...],
    rng: random.Random,
    grid: dict[tuple[Any, ...], Any],
) -> dict[str, Any]:
    return {str(key): _entry(value, (*path, key), rng, grid) for key, value in group.items()}


def _entry(value: Any, path: tuple[Any, ...], rng: random.Random, grid: dict[Any, Any]) -> Any:
    if path in grid:
        return plain(grid[path])
    dist = distribution_of(value)
    if dist is None or dist.kind == "group":
        inner = group_body(value)
        return _group(inner, path, rng, grid) if inner is not None else plain(value)
    body = value[dist.name]
    if dist.kind == "constant":
        return plain(body)
    if dist.name in ("choice", "pchoice"):
        return _choice(dist.name, body, path, rng, grid)
    names = dist.arg_names
    args = [body.get(n) for n in names] if isinstance(body, Mapping) else list(body)
    return _draw(dist.name, [plain(a) for a in args], rng)


def _choice(
    name: str, body: Any, path: tuple[Any, ...], rng: random.Random, grid: dict[Any, Any]
) -> Any:
    if name == "choice":
        options = list((body.get("options") if isinstance(body, Mapping) else body) or [])
        picked = rng.randrange(len(options))
    else:
        if isinstance(body, Mapping):
            options, weights = list(body["options"]), list(body["probabilities"])
        else:
            weights, options = [p[0] for p in body], [p[1] for p in body]
        picked = rng.choices(range(len(options)), weights=weights)[0]
    option = options[picked]
    if isinstance(option, Mapping) and distribution_of(option) is None:
        return _group(option, path, rng, grid)
    return _entry(option, (*path, picked), rng, grid)


def _q(value: float, q: float) -> float:
    return round(value / q) * q


def _draw(name: str, a: list[Any], rng: random.Random) -> Any:
    if name == "uniform":
        return rng.uniform(a[0], a[1])
    if name == "quniform":
        return _q(rng.uniform(a[0], a[1]), a[2])
    if name in ("loguniform", "invloguniform"):
        return math.exp(rng.uniform(math.log(a[0]), math.log(a[1])))
    if name == "qloguniform":
        return _q(math.exp(rng.uniform(math.log(a[0]), math.log(a[1]))), a[2])
    if name == "normal":
        return rng.gauss(a[0], a[1])
    if name == "qnormal":
        return _q(rng.gauss(a[0], a[1]), a[2])
    if name == "lognormal":
        return math.exp(rng.gauss(a[0], a[1]))
    if name == "qlognormal":
        return _q(math.exp(rng.gauss(a[0], a[1])), a[2])
    if name == "randint":
        return rng.randrange(a[0], a[1])
    if name == "uniformint":
        return rng.randint(a[0], a[1])
    if name == "quniformint":  # hyperopt's scope.int(hp.quniform(...)), as it computes it
        return int(_q(rng.uniform(a[0], a[1]), a[2]))
    if name == "qloguniformint":
        return int(_q(math.exp(rng.uniform(math.log(a[0]), math.log(a[1]))), a[2]))
    if name == "qrandint":
        low, high, q = a
        return q * rng.randint(math.ceil(low / q), math.floor(high / q))
    if name == "lograndint":
        value = int(math.exp(rng.uniform(math.log(a[0]), math.log(a[1]))))
        return min(max(value, a[0]), a[1] - 1)
    if name == "qlograndint":
        low, high, q = a
        value = int(_q(math.exp(rng.uniform(math.log(low), math.log(high))), q))
        return min(max(value, q * math.ceil(low / q)), q * math.floor(high / q))
    if name == "beta":
        return rng.betavariate(a[0], a[1])
    if name == "qbeta":
        return _q(rng.betavariate(a[0], a[1]), a[2])
    raise ValueError(f"cannot sample `{name}`")


# W&B's default `command` (wandb/wandb wandb/sdk/launch/sweeps/utils.py).
WANDB_COMMAND = ("${env}", "${interpreter}", "${program}", "${args}")


def command_template(data: Mapping[str, Any]) -> list[str]:
    """The spec's ``x-wandb.command``, or W&B's default. Raises ``TypeError`` for a command
    that is not a list (``check`` reports it, S005)."""
    extra = data.get("x-wandb")
    command = extra.get("command") if isinstance(extra, Mapping) else None
    if command is not None and not isinstance(command, list):
        raise TypeError(f"x-wandb.command must be a list, not {type(command).__name__}")
    return [str(part) for part in command or WANDB_COMMAND]


def command_line(
    template: list[str],
    program: str,
    config: Mapping[str, Any],
    *,
    env: str | None = "/usr/bin/env",
    interpreter: str = "python",
) -> list[str]:
    """The command a W&B agent would run: ``${env}``, ``${interpreter}``, ``${program}``,
    ``${args}`` and ``${args_no_hyphens}`` (wandb/wandb wandb/sdk/launch/sweeps/utils.py).
    ``env=None`` leaves ``${env}`` out, for running the command here rather than showing it."""
    flat = dict(_flatten(config, ""))
    out: list[str] = []
    for part in template:
        if part == "${env}":
            out.extend([env] if env else [])
        elif part == "${interpreter}":
            out.append(interpreter)
        elif part == "${program}":
            out.append(program)
        elif part == "${args}":
            out.extend(f"--{k}={v}" for k, v in flat.items())
        elif part == "${args_no_hyphens}":
            out.extend(f"{k}={v}" for k, v in flat.items())
        else:
            out.append(part)
    return out


def shell_line(words: list[str]) -> str:
    """``words`` as one POSIX shell command: each word quoted so that the shell hands it to the
    program unchanged, whatever it holds (``$(...)``, backquotes, ``;``, line breaks)."""
    import shlex

    return shlex.join(words)


def _flatten(config: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, Any]]:
    for key, value in config.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, Mapping):
            yield from _flatten(value, name)
        else:
            yield name, value
