"""The registry of diagnostic codes.

Codes are grouped by origin: ``Y`` the YAML layer, ``S`` the schema, ``V`` semantic checks that
JSON Schema cannot express, ``C`` the compatibility of the spec with its target formats. Every
consumer (the checks, the formatters, SARIF rule metadata and the generated docs page) reads this
one table; a test keeps ``docs/reference/diagnostics.md`` in step with it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Severity


@dataclass(frozen=True, slots=True)
class Code:
    id: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    fix: str | None = None
    """What `check --fix` does for it: ``safe``, ``unsafe`` (with `--unsafe-fixes`), or
    ``None`` where there is nothing to rewrite mechanically."""


E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a note

# fmt: off
CODES: tuple[Code, ...] = (
    # --- YAML ----------------------------------------------------------------------------------
    Code("Y001", "yaml-syntax", E,
         "The file is not valid YAML.",
         "The YAML parser stopped here. Nothing else in the file can be checked until it "
         "parses."),
    Code("Y002", "duplicate-key", E,
         "A mapping defines the same key twice.",
         "YAML forbids duplicate keys, and tools disagree on which value wins (ruamel.yaml "
         "keeps the first, PyYAML and W&B the last). Both places are reported."),
    Code("Y003", "tab-indentation", E,
         "A tab character is used for indentation.",
         "YAML indentation must use spaces."),
    Code("Y004", "undecodable-bytes", E,
         "The file is not valid UTF-8, UTF-16 or UTF-32.",
         "YAML files must be Unicode. Save the file as UTF-8."),
    Code("Y005", "unsupported-tag", E,
         "A YAML tag such as `!!python/object` is used.",
         "Sweep files hold plain data. Tags are never constructed, so a tagged value cannot "
         "be checked; remove the tag."),
    Code("Y006", "empty-document", E,
         "The file holds no YAML document.",
         "An empty file, or one with only comments, is not a sweep."),
    Code("Y007", "not-a-mapping", E,
         "The document is not a mapping.",
         "A sweep file is a mapping of top-level keys, not a list or a scalar."),
    Code("Y008", "multiple-documents", E,
         "The file holds more than one YAML document.",
         "Only the first document is checked; split the others into their own files."),
    Code("Y009", "non-string-key", E,
         "A mapping key is not a string.",
         "Keys such as `1:` or `null:` load as numbers or null. Quote them."),
    Code("Y010", "document-too-complex", E,
         "The document is larger, deeper or more expanded than the limits.",
         "Aliases that expand exponentially (\"billion laughs\"), recursive aliases, nesting "
         "deeper than 100 levels, more than 100,000 values, files larger than 2 MiB and "
         "integers longer than 4,300 digits are refused before validation (see the limits "
         "page)."),
    # --- schema --------------------------------------------------------------------------------
    Code("S001", "not-a-spec", E,
         "The file has no `sweepspec` version key.",
         "Every spec starts with `sweepspec: 1`. Without it the file is not a sweepspec file "
         "(it may be a W&B sweep or a legacy Ray Tune file)."),
    Code("S002", "unknown-version", E,
         "The `sweepspec` version is not one this release knows.",
         "This release reads format version 1."),
    Code("S003", "unknown-key", E,
         "A key is not allowed here.",
         "The key is not part of the schema at this place; a close known key is suggested.",
         fix="unsafe"),
    Code("S004", "missing-key", E,
         "A required key is missing.",
         "Reported at the key of the mapping that lacks it."),
    Code("S005", "wrong-type", E,
         "A value has the wrong type.",
         "For example a string where a number is required. Remember that YAML 1.2 reads "
         "`1e-5` as a number but `'1e-5'` as a string."),
    Code("S006", "invalid-value", E,
         "A value is not one of the allowed values.",
         "An enumeration or constant in the schema does not contain this value.",
         fix="unsafe"),
    Code("S007", "out-of-range", E,
         "A number is outside its allowed range.",
         "The schema gives a minimum or maximum for this option (from the upstream "
         "constructor)."),
    Code("S008", "wrong-length", E,
         "A list has too few or too many items.",
         "For example a distribution written as a list with the wrong number of arguments."),
    Code("S009", "schema-violation", E,
         "The value breaks another schema rule.",
         "Any other JSON Schema failure, such as a repeated item where items must be unique."),
    # --- semantics -----------------------------------------------------------------------------
    Code("V001", "empty-range", E,
         "A distribution's lower bound is not below its upper bound.",
         "`low` must be less than `high` (an inclusive integer range may have `low == high`, "
         "which is reported as a warning because it is a constant)."),
    Code("V002", "non-positive-step", E,
         "A quantisation step `q` is not positive.",
         "Quantised values are `round(x / q) * q`; `q` must be greater than 0."),
    Code("V003", "non-positive-log-bound", E,
         "A log-scale bound is not positive.",
         "Log distributions take real-space bounds, which must be greater than 0."),
    Code("V004", "non-positive-scale", E,
         "A scale parameter (`sigma`, `a`, `b`) is not positive.",
         "Normal distributions need `sigma > 0`; beta distributions need `a > 0` and `b > 0`."),
    Code("V005", "bad-probabilities", E,
         "Choice probabilities are negative, mismatched, or do not sum to 1.",
         "`pchoice` probabilities must be non-negative, one per option, and sum to 1."),
    Code("V006", "empty-choice", E,
         "A choice or grid has no options.",
         "hyperopt and Ray Tune only fail on this when sampling, long after the sweep "
         "started."),
    Code("V007", "duplicate-label", W,
         "Two parameters share one label.",
         "hyperopt needs every label to be unique (`DuplicateLabel`). Labels default to the "
         "key path joined with `/`, without the branch index of a conditional choice, as Ray "
         "Tune builds them; give one parameter an explicit `label`. An error when the search "
         "algorithm is hyperopt, a warning otherwise."),
    Code("V008", "grace-period-exceeds-max-t", E,
         "A scheduler's `grace_period` is larger than `max_t`.",
         "Ray asserts `max_t >= grace_period`."),
    Code("V009", "reduction-factor-too-small", E,
         "A scheduler's `reduction_factor` is not above 1.",
         "Ray asserts `reduction_factor > 1`."),
    Code("V010", "quantile-fraction-out-of-range", E,
         "`quantile_fraction` is outside [0, 0.5].",
         "PBT and PB2 assert `0 <= quantile_fraction <= 0.5`."),
    Code("V011", "bad-pb2-bounds", E,
         "PB2 `hyperparam_bounds` is empty or has a bad range.",
         "PB2 needs at least one `[min, max]` pair with `min < max`."),
    Code("V012", "unknown-mutation-parameter", W,
         "A PBT mutation or PB2 bound names no parameter of the space.",
         "Ray fills the missing key by sampling from the mutation when a trial starts, so the"
         " search algorithm never sees it; usually the name is misspelt."),
    Code("V013", "missing-metric-mode", E,
         "`metric` and `mode` are needed but not set.",
         "Every search algorithm except the variant generator, and every scheduler except "
         "FIFO, needs both top-level `metric` and `mode`."),
    Code("V014", "distribution-read-as-group", W,
         "A mapping that looks like a distribution is read as a group of constants.",
         "A mapping whose single key is not a distribution name (a typo, or another tool's "
         "name such as `log_uniform_values`), or a W&B-style `{distribution: ..., min: ...}` "
         "mapping, is a nested group: its values become constants and nothing is searched.",
         fix="unsafe"),
    Code("V015", "zero-samples", E,
         "`num_samples` is 0.",
         "Zero samples run no trial. Use a positive number, or -1 for no limit."),
    Code("V016", "program-to-review", W,
         "The program or command runs code a reviewer should look at.",
         "Running a sweep runs its program. This is reported where that is unusual: a script "
         "outside the sweep file's directory (`../train.py`, an absolute path), a function of "
         "Python's standard library as the trainable (`os:system`), or a command that hands a "
         "string to a shell or an interpreter (`[sh, -c, ...]`, `[python, -c, ...]`). Nothing "
         "stops such a sweep; the finding makes it visible in review."),
    Code("V018", "grid-inside-choice", W,
         "A `grid_search` inside a choice's option.",
         "Ray's variant generator enumerates such a grid only in the samples where the choice "
         "picks its option, so how many trials a sweep runs depends on the draws (a sample "
         "that picks it runs one trial per value, one that does not runs one). No other engine "
         "has this, and `sweepspec sample` refuses it. A W&B `values` option written "
         "`{grid_search: [...]}` is a literal, which the spec writes `{constant: ...}`; to "
         "search both, put the grid at the top level of the space."),
    Code("V017", "scheduler-on-wall-clock", N,
         "A population-based scheduler counts its interval in seconds of training.",
         "PBT and PB2 measure `perturbation_interval` and `burn_in_period` in `time_attr`, by "
         "default `time_total_s`: wall-clock seconds. Trials shorter than the interval are never "
         "perturbed, and how often the others are depends on the machine. With a program that "
         "reports a result per step, `time_attr: training_iteration` counts steps instead."),
    # --- compatibility -------------------------------------------------------------------------
    Code("C001", "unsupported-feature", E,
         "A target cannot run a feature the spec uses.",
         "The compatibility table gives the feature the status unsupported, planned or under "
         "investigation for this target. Checked for every target given with `--target` or "
         "listed under `targets:`."),
    Code("C002", "limited-support", W,
         "A target runs a feature only in part, or deprecates it.",
         "The compatibility table gives the feature the status partial (it converts, but "
         "something of its meaning is lost; the message says what) or deprecated for this "
         "target."),
    Code("C003", "incompatible-combination", E,
         "A target cannot run two features together.",
         "Rules between features, such as Ray Tune's hb_bohb scheduler, which needs the bohb "
         "search algorithm."),
    # --- conversion ----------------------------------------------------------------------------
    Code("X001", "lossy-conversion", W,
         "The target format cannot express something the source holds.",
         "Written as close as the target allows, or left out; the message says which. "
         "`sweepspec convert --strict` fails instead."),
    Code("X002", "rewritten-on-conversion", W,
         "The source uses a deprecated form, written in its current equivalent.",
         "For example W&B's `log_uniform`, whose bounds are exponents, becomes `loguniform` with "
         "real bounds; converted back it is `log_uniform_values`."),
    Code("X003", "unreadable-source", E,
         "A part of the source cannot be read as its format.",
         "For example a W&B parameter with an unknown `distribution`; it is carried unchanged "
         "and reported."),
    Code("X004", "engine-differs", N,
         "The target keeps a feature, and runs it otherwise than the spec means.",
         "The conversion loses nothing here (the node comes back when the output is read back), "
         "but the target's engine does not do what the spec's engine does: W&B's `bayes` is "
         "not Ray's BayesOpt, and its hyperband is not ASHA. The compatibility table says how. "
         "A note, so it does not fail `convert --strict`."),
    # --- W&B files -------------------------------------------------------------------------------
    Code("W001", "yaml11-misreading", E,
         "W&B will read this plain value differently from what YAML 1.2 says.",
         "W&B loads sweep files with PyYAML, which implements YAML 1.1: `1e-4` (no dot) is a "
         "string, `yes`/`on`/`off` are booleans, `010` is octal 8, `1:30` is 90. W&B then "
         "rejects the file (a bound that must be a number), passes the program another value "
         "than the one written, or runs the sweep with it; the message says which. Every such "
         "value changes what W&B does, so this is an error. The hint gives a spelling both read "
         "alike.",
         fix="safe"),
    Code("W002", "deprecated-wandb-distribution", E,
         "A deprecated W&B log-space distribution.",
         "`log_uniform`, `q_log_uniform` and `inv_log_uniform` take natural-log exponents and "
         "W&B reports them as violations; use the `_values` forms with real bounds.",
         fix="safe: exp(min) and exp(max), as W&B reads them; unsafe where min and max look "
             "like real values: kept as written"),
    Code("W003", "grid-needs-discrete", E,
         "`method: grid` with a parameter that is not discrete.",
         "W&B's grid search accepts only categorical, constant, int_uniform and q_uniform "
         "parameters (wandb/sweeps src/sweeps/grid_search.py)."),
    Code("W004", "bayes-needs-metric", E,
         "`method: bayes` without a metric.",
         "W&B's Bayesian search models a metric; without one it cannot run."),
    Code("W005", "metric-and-metrics", E,
         "Both `metric` and `metrics` are set.",
         "W&B takes one objective (`metric`) or several (`metrics`), not both."),
    # --- suppressions -------------------------------------------------------------------------
    Code("U001", "unused-suppression", W,
         "A suppression comment silences nothing.",
         "`# sweepspec: ignore[CODE]` on a line where CODE is not reported any more, or a "
         "file-level suppression of a code the file does not have. Remove it, so that it does "
         "not hide a future finding.",
         fix="safe"),
    Code("U002", "invalid-suppression", E,
         "A suppression comment names no known code.",
         "Write `# sweepspec: ignore[CODE, ...]` with codes from the diagnostics reference, or "
         "a bare `# sweepspec: ignore` to silence every code on the line."),
)
# fmt: on

BY_ID: dict[str, Code] = {code.id: code for code in CODES}
