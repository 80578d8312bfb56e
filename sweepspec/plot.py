"""Pictures of a sweep: what `sample` draws, one panel per parameter, and what `run` found, the
metric over trials with the best so far. Needs matplotlib (`pip install 'sweepspec[plot]'`),
imported only here, and only when a picture is asked for; the summary (`sample --stats`) needs
nothing."""

from __future__ import annotations

import io
import json
import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .space import SPACE_KEY, iter_parameters

SUFFIXES = (".png", ".svg")
EXTRA = "pip install 'sweepspec[plot]'"


class PlotError(Exception):
    """Why a picture cannot be drawn (no matplotlib, a suffix it cannot write)."""


@dataclass
class Panel:
    """One parameter's draws: its dotted name, the values drawn where it was drawn at all, how
    many configurations there were, and how to show it."""

    name: str
    values: list[Any] = field(default_factory=list)
    total: int = 0
    log: bool = False
    numeric: bool = True

    @property
    def conditional(self) -> bool:
        return len(self.values) < self.total


def _leaves(config: Any, prefix: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], Any]:
    if isinstance(config, Mapping):
        out: dict[tuple[Any, ...], Any] = {}
        for key, value in config.items():
            out.update(_leaves(value, (*prefix, key)))
        return out
    return {prefix: config}


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def panels(spec: Mapping[str, Any], configs: Sequence[Mapping[str, Any]]) -> list[Panel]:
    """One panel per searched parameter of ``spec``, from the configurations drawn from it:
    constants are left out; a parameter inside a choice's option is drawn only where that
    option was chosen (conditional); log distributions get a log axis."""
    by_keys: dict[tuple[Any, ...], list[Any]] = {}
    for param in iter_parameters(spec.get(SPACE_KEY)):
        keys = tuple(k for k in param.keys if isinstance(k, str))
        by_keys.setdefault(keys, []).append(param)
    found: dict[tuple[Any, ...], Panel] = {}
    for config in configs:
        for path, value in _leaves(config).items():
            name = ".".join(str(p) for p in path)
            found.setdefault(path, Panel(name)).values.append(value)
    out = []
    for path, panel in found.items():
        params = by_keys.get(path, [])
        panel.total = len(configs)
        if (
            not params
            and len({json.dumps(v, sort_keys=True, default=str) for v in panel.values}) < 2
        ):
            continue  # a constant: nothing is searched
        kinds = {p.dist.kind for p in params}
        panel.numeric = all(_number(v) for v in panel.values) and not kinds & {
            "categorical",
            "grid",
        }
        panel.log = bool(params) and all(p.dist.log for p in params) and panel.numeric
        out.append(panel)
    return out


def stats(found: Sequence[Panel]) -> str:
    """A summary line per parameter: count, range, mean and median of numbers, or how often
    each value was drawn."""
    lines = []
    for panel in found:
        where = f"{len(panel.values)} of {panel.total}" if panel.conditional else f"{panel.total}"
        if panel.numeric:
            values = [float(v) for v in panel.values]
            lines.append(
                f"{panel.name}: n={where} min={min(values):.6g} max={max(values):.6g} "
                f"mean={statistics.fmean(values):.6g} median={statistics.median(values):.6g}"
                + (" (log)" if panel.log else "")
            )
        else:
            counts: dict[str, int] = {}
            for value in panel.values:
                text = json.dumps(value, default=str)
                counts[text] = counts.get(text, 0) + 1
            shown = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items(), key=lambda i: -i[1]))
            lines.append(f"{panel.name}: n={where} {shown}")
    return "".join(line + "\n" for line in lines)


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise PlotError(f"drawing needs matplotlib: {EXTRA}") from None
    matplotlib.use("Agg")  # files only: no window, no display needed
    matplotlib.rcParams["svg.fonttype"] = "none"  # an SVG's labels stay text: searchable
    import matplotlib.pyplot as plt

    return plt


def _format(path: Path) -> str:
    if path.suffix.lower() not in SUFFIXES:
        raise PlotError(f"{path.name}: a plot is written as {' or '.join(SUFFIXES)}")
    return path.suffix.lower().lstrip(".")


def draw_samples(found: Sequence[Panel], path: Path, title: str) -> bytes:
    """The picture of ``found``: a histogram per numeric parameter (log-spaced bins on a log
    axis for a log distribution), a bar per value of the others; a conditional parameter's
    title says in how many draws it was drawn."""
    kind = _format(path)
    plt = _pyplot()
    count = max(len(found), 1)
    columns = min(3, count)
    rows = math.ceil(count / columns)
    figure, axes = plt.subplots(rows, columns, figsize=(4.2 * columns, 3.2 * rows), squeeze=False)
    from matplotlib.ticker import NullFormatter

    for ax, panel in zip(axes.flat, found, strict=False):
        few = len({float(v) for v in panel.values}) <= BARS if panel.numeric else False
        if panel.numeric and not few:
            values = [float(v) for v in panel.values]
            if panel.log and min(values) > 0:
                low, high = math.log10(min(values)), math.log10(max(values))
                bins = (
                    [10 ** (low + (high - low) * i / 30) for i in range(31)] if high > low else 10
                )
                ax.hist(values, bins=bins, color="#4c72b0")
                ax.set_xscale("log")
                ax.xaxis.set_minor_formatter(NullFormatter())  # crowded labels on short ranges
            else:
                distinct = len(set(values))
                ax.hist(values, bins=min(30, max(distinct, 1)), color="#4c72b0")
        else:  # a bar per value: choices, grids, and numbers that take a few values
            counts: dict[str, int] = {}
            ordered = (
                sorted(panel.values) if all(_number(v) for v in panel.values) else panel.values
            )
            for value in ordered:
                label = value if isinstance(value, str) else _label(value)
                counts[label] = counts.get(label, 0) + 1
            ax.bar(list(counts), list(counts.values()), color="#55a868")
            ax.tick_params(axis="x", labelrotation=30)
        name = panel.name
        if panel.conditional:
            name += f"\n(conditional: {len(panel.values)} of {panel.total} draws)"
        ax.set_title(name, fontsize=9, color="#c44e52" if panel.conditional else "black")
        ax.set_ylabel("draws", fontsize=8)
    for ax in list(axes.flat)[len(found) :]:
        ax.set_visible(False)
    figure.suptitle(title, fontsize=11)
    figure.tight_layout()
    data = io.BytesIO()
    figure.savefig(data, format=kind, dpi=100)
    plt.close(figure)
    return data.getvalue()


BARS = 16  # numbers that take at most this many values get a bar each, not a histogram


def _label(value: Any) -> str:
    if _number(value):
        return f"{value:.4g}" if isinstance(value, float) else str(value)
    return json.dumps(value, default=str)


def draw_trials(rows: Sequence[Mapping[str, Any]], metric: str, mode: str, path: Path) -> bytes:
    """The metric of each trial in the order they ran, and the best so far."""
    kind = _format(path)
    plt = _pyplot()
    values = [
        float(row["metrics"][metric]) if _number((row.get("metrics") or {}).get(metric)) else None
        for row in rows
    ]
    better = min if mode == "min" else max
    best: list[float | None] = []
    so_far: float | None = None
    for value in values:
        if value is not None:
            so_far = value if so_far is None else better(so_far, value)
        best.append(so_far)
    figure, ax = plt.subplots(figsize=(7, 4))
    trials = list(range(1, len(values) + 1))
    ax.scatter(
        [t for t, v in zip(trials, values, strict=True) if v is not None],
        [v for v in values if v is not None],
        s=14,
        color="#4c72b0",
        label=metric,
    )
    ax.step(
        [t for t, b in zip(trials, best, strict=True) if b is not None],
        [b for b in best if b is not None],
        where="post",
        color="#c44e52",
        label=f"best so far ({mode})",
    )
    ax.set_xlabel("trial")
    ax.set_ylabel(metric)
    ax.legend()
    figure.tight_layout()
    data = io.BytesIO()
    figure.savefig(data, format=kind, dpi=100)
    plt.close(figure)
    return data.getvalue()


def trials_plot(results: Path, metric: str, mode: str) -> Path | None:
    """Draw ``trials.png`` beside ``results/trials.jsonl`` (``None`` without the file)."""
    from . import atomic

    source = results / "trials.jsonl"
    if not source.is_file():
        return None
    rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line]
    target = results / "trials.png"
    atomic.write_bytes(target, draw_trials(rows, metric, mode, target))
    return target
