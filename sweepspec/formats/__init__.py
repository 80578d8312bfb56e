"""The formats sweepspec reads and writes, each a spoke around the spec: one registry.

Every list of formats anywhere (the command line's choices, the schema's `targets`, the
compatibility targets, detection, the docs) is derived from ``FORMATS``; adding a format is a
record here, a module with its reader and writer, its compatibility table and its tests.
"""

from __future__ import annotations

from collections.abc import Mapping

from .model import Format, Reading, Writing

# typing is for type checkers only: importing it adds milliseconds to every start-up
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

FORMATS: tuple[Format, ...] = (
    Format(
        "spec",
        "sweepspec",
        "The spec: a declarative sweep in Ray Tune's vocabulary, `sweepspec: 1`.",
        detect="sweepspec.formats.spec:detect",
        reader="sweepspec.formats.spec:read",
        writer="sweepspec.formats.spec:write",
    ),
    Format(
        "wandb-tune",
        "Legacy W&B Ray Tune sweeps",
        "The YAML written by `wandb.sweeps.config.tune` (wandb 0.8.19 to 0.11.0), with the "
        "statuses of the seed document's tables.",
        detect="sweepspec.formats.spec:detect_wandb_tune",
        reader="sweepspec.formats.wandb_tune:read",
        writer="sweepspec.formats.wandb_tune:write",
        table="sweepspec.compat.wandb_tune:ROWS",
        origin="sweepspec.formats.wandb_tune:origin",
    ),
    Format(
        "wandb",
        "W&B sweeps",
        "Native W&B sweep YAML (`method`, `parameters`, ...), and the same sweep as a Python "
        "dict given to `wandb.sweep` in a script or notebook.",
        detect="sweepspec.formats.spec:detect_wandb",
        reader="sweepspec.formats.wandb:read",
        source_reader="sweepspec.formats.wandb_source:read_module",
        source_detect="sweepspec.formats.wandb_source:mentions_wandb_sweep",
        writer="sweepspec.formats.wandb:write",
        table="sweepspec.compat.wandb:ROWS",
        origin="sweepspec.formats.wandb:origin",
    ),
    Format(
        "nni",
        "NNI",
        "NNI 3 search spaces (`search_space.json`: `_type`/`_value` entries) and experiment "
        "configs (`searchSpace`, `tuner`, `assessor`, `trialCommand`, ...).",
        suffixes=(".json", ".yaml", ".yml"),
        detect="sweepspec.formats.nni:detect",
        reader="sweepspec.formats.nni:read",
        writer="sweepspec.formats.nni:write",
        table="sweepspec.compat.nni:ROWS",
        origin="sweepspec.formats.nni:origin",
    ),
    Format(
        "hydra",
        "Hydra",
        "Hydra 1.3 configs that sweep: `hydra.sweeper.params` override expressions for the "
        "basic sweeper (grids) and the Optuna sweeper plugin (`interval`, `tag(log, ...)`, "
        "`int(...)`, `range`, `choice`), with its `direction`, `n_trials` and sampler.",
        detect="sweepspec.formats.hydra:detect",
        reader="sweepspec.formats.hydra:read",
        writer="sweepspec.formats.hydra:write",
        table="sweepspec.compat.hydra:ROWS",
        origin="sweepspec.formats.hydra:origin",
        merger="sweepspec.formats.hydra:merge",
    ),
    Format(
        "hyperopt",
        "hyperopt",
        "hyperopt 0.3 search spaces and `fmin`.",
        suffixes=(".py",),
        python=True,
        detect="sweepspec.formats.spec:detect_hyperopt_source",
        reader="sweepspec.formats.hyperopt_source:read_module",
        writer="sweepspec.formats.hyperopt_writer:write_module",
        table="sweepspec.compat.hyperopt:ROWS",
        engine="hyperopt",
    ),
    Format(
        "tune",
        "Ray Tune",
        "Ray Tune 2.x: `Tuner`, searchers and schedulers.",
        suffixes=(".py",),
        python=True,
        detect="sweepspec.formats.tune_source:mentions_ray",
        reader="sweepspec.formats.tune_source:read_module",
        writer="sweepspec.formats.tune_writer:write_module",
        table="sweepspec.compat.tune:ROWS",
        context="the search algorithm",
        engine="ray",
    ),
    Format(
        "optuna",
        "Optuna",
        "Optuna 5 objectives (`trial.suggest_*`, read without running), studies, samplers and "
        "pruners.",
        suffixes=(".py",),
        python=True,
        detect="sweepspec.formats.optuna_source:mentions_optuna",
        reader="sweepspec.formats.optuna_source:read_module",
        writer="sweepspec.formats.optuna_writer:write_module",
        table="sweepspec.compat.optuna:ROWS",
        engine="optuna",
    ),
)
BY_ID: dict[str, Format] = {f.id: f for f in FORMATS}
FORMAT_IDS: tuple[str, ...] = tuple(f.id for f in FORMATS)
READABLE_IDS: tuple[str, ...] = tuple(f.id for f in FORMATS if f.readable)
"""What `convert --from` takes."""
WRITABLE_IDS: tuple[str, ...] = tuple(f.id for f in FORMATS if f.writable)
"""What `convert --to` takes."""
MERGEABLE_IDS: tuple[str, ...] = tuple(f.id for f in FORMATS if f.merger is not None)
"""What `convert --to ... --into FILE` takes."""
TARGET_IDS: tuple[str, ...] = tuple(f.id for f in FORMATS if f.table is not None)
"""The formats with a compatibility table: what `check --target` and `targets:` take."""
ENGINE_IDS: tuple[str, ...] = tuple(f.engine for f in FORMATS if f.engine is not None)
"""What `sweepspec run --engine` takes (besides `auto`)."""
PYTHON_SUFFIXES: tuple[str, ...] = (
    *sorted({suffix for f in FORMATS if f.python for suffix in f.suffixes}),
    ".ipynb",  # a notebook's code cells are read as one source, by every Python format
)
"""The names of files read as Python source (``convert``, ``sample``, ``run``, ``check``)."""


def detect(data: Any) -> str | None:
    """The format of a loaded YAML document, from its top-level keys."""
    for candidate in FORMATS:
        if not candidate.python and candidate.recognises(data):
            return candidate.id
    return None


def detect_source(source: str) -> str:
    """The format of a Python module: the first Python format that recognises it (Ray Tune
    when it imports Ray, W&B when it gives `wandb.sweep` a dict), else hyperopt."""
    python = [f for f in FORMATS if f.reads_python and f.readable]
    for candidate in sorted(python, key=lambda f: f.id == "hyperopt"):
        if candidate.recognises_python(source):
            return candidate.id
    return "hyperopt"


# Top-level keys under which projects keep a W&B sweep inside a larger configuration file
# (`sweep:` beside a Hydra or training config, `sweep_config:` as passed to `wandb.sweep`).
WRAPPERS = ("sweep", "sweep_config", "sweep_configuration", "wandb_sweep")


def wrapper_key(data: Any) -> str | None:
    """The top-level key holding a W&B sweep, in a file that is not itself a sweep file."""
    if not isinstance(data, Mapping) or detect(data) is not None:
        return None
    for key in WRAPPERS:
        if detect(data.get(key)) == "wandb":
            return key
    return None


__all__ = [
    "BY_ID",
    "ENGINE_IDS",
    "FORMATS",
    "FORMAT_IDS",
    "MERGEABLE_IDS",
    "READABLE_IDS",
    "TARGET_IDS",
    "WRAPPERS",
    "WRITABLE_IDS",
    "Format",
    "Reading",
    "Writing",
    "detect",
    "detect_source",
    "wrapper_key",
]
