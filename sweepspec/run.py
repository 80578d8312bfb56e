"""Run a sweep: on a local Ray Tune (or a cluster with ``address``), or with hyperopt's ``fmin``.

The ``program`` is a ``module:function`` trainable, imported from beside the spec, or a script
run as a W&B agent runs it (``python script --key=value ...``); a script reports its metrics as
JSON, in the file named by ``SWEEPSPEC_RESULT`` or as the last line of its output. Running is
the one place where sweepspec executes the user's code: that is what it is asked to do.
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Severity
from .loader import Document
from .sample import command_line, command_template


class RunError(Exception):
    """The sweep cannot be run; the message says why."""


@dataclass
class Outcome:
    engine: str
    trials: int
    best_config: dict[str, Any]
    best_metric: float | None
    results_dir: str | None

    def __post_init__(self) -> None:
        # numpy's scalars (hyperopt's draws, Ray's metrics) as the plain numbers they hold, so
        # that `best config: {'x': 0.5}` prints as a user wrote it, not `np.float64(0.5)`
        self.best_config = _plain_numbers(self.best_config)
        self.best_metric = _plain_numbers(self.best_metric)


def _plain_numbers(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain_numbers(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_plain_numbers(item) for item in value)
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        return item()
    return value


Report = Callable[..., None]  # report(metrics, state=None)
Program = Callable[..., None]  # program(config, report, checkpoint=None)


def trainable_for(doc: Document) -> Program:
    """The spec's program as ``program(config, report)``: it calls ``report`` with each result
    the trial gives (the reporting contract, docs/running.md): a function that returns a dict
    reports once; one that ``yield``s a dict per step, or takes a ``report`` argument and calls
    it, reports every step, so that schedulers can stop it early; a script reports each JSON
    line it prints (or what it writes to ``$SWEEPSPEC_RESULT``)."""
    program = str(doc.data.get("program") or "")
    base = Path(doc.file).resolve().parent
    if ":" in program and not program.endswith(".py"):
        module_name, _, function = program.partition(":")
        _import_trainable(str(base), module_name, function)  # fail here, not in a worker
        from .meaning import plain

        space, metric = plain(doc.data.get("param_space") or {}), doc.data.get("metric")
        return module_trainable(str(base), module_name, function, space, metric)
    script = (base / program).resolve()
    if not script.is_file():
        raise RunError(
            f"the program `{program}` is neither `module:function` nor a script "
            f"beside the spec ({script} does not exist)"
        )
    return _script_trainable(script, command_template(doc.data))


def _import_trainable(base: str, module_name: str, function: str) -> Callable[..., Any]:
    # The spec's directory goes first, and a same-named module imported from elsewhere (another
    # spec's, in a long-lived process) is dropped, so `module` means the one beside this spec.
    if sys.path[:1] != [base]:
        sys.path.insert(0, base)
    cached = sys.modules.get(module_name)
    if cached is not None and not str(getattr(cached, "__file__", "")).startswith(base + os.sep):
        del sys.modules[module_name]
    try:
        found: Callable[..., Any] = getattr(importlib.import_module(module_name), function)
    except (ImportError, AttributeError, SyntaxError) as exc:
        raise RunError(f"cannot load the trainable `{module_name}:{function}`: {exc}") from exc
    return found


def module_trainable(
    base: str, module_name: str, function: str, space: Any = None, metric: Any = None
) -> Program:
    """The ``module:function`` program beside ``base`` under the reporting contract (an Optuna
    objective is handed a SpecTrial over ``space``, reporting ``metric``); also what NNI's
    trial bridge (nni_trial.py) runs."""

    # Ray pickles the trainable into worker processes that do not have the spec's directory on
    # sys.path; importing by name inside the call works in the driver and in every worker alike.
    def program(config: dict[str, Any], report: Report, checkpoint: Any = None) -> None:
        from .spectrial import run_objective, takes_trial

        found = _import_trainable(base, module_name, function)
        if takes_trial(found):  # an Optuna objective: its suggest calls get the config's values
            run_objective(found, config, space, report, str(metric or "value"))
            return
        parameters = inspect.signature(found).parameters
        given: dict[str, Any] = {}
        if "report" in parameters:
            given["report"] = report
        if "checkpoint" in parameters:  # the state it reported last, when resumed (PBT)
            given["checkpoint"] = checkpoint
        result = found(config, **given)
        if inspect.isgenerator(result):
            for step in result:
                report(_metrics(step, function))
        elif result is not None:
            report(_metrics(result, function))

    program.__name__ = program.__qualname__ = function  # Ray names the trials after it
    return program


def _metrics(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError(f"`{where}` gave {value!r:.100}; a result is a dict of metrics")
    return value


def _script_trainable(script: Path, template: list[str]) -> Program:
    def program(config: dict[str, Any], report: Report, checkpoint: Any = None) -> None:
        command = command_line(template, str(script), config, env=None, interpreter=sys.executable)
        with tempfile.TemporaryDirectory() as tmp:
            result_file = Path(tmp, "result.json")
            env = {**os.environ, "SWEEPSPEC_RESULT": str(result_file)}
            reported = False
            with subprocess.Popen(
                command,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
                cwd=script.parent,
            ) as process:
                try:
                    assert process.stdout is not None
                    for line in process.stdout:  # a JSON object per line is a step's result
                        step = _json_object(line)
                        if step is not None:
                            report(step)
                            reported = True
                    stderr = process.stderr.read() if process.stderr else ""
                    code = process.wait()
                finally:
                    if process.poll() is None:  # stopped early (a scheduler): stop the script
                        process.kill()
            if code != 0:
                raise RuntimeError(f"{script.name} exited with {code}: {stderr.strip()[-500:]}")
            if result_file.exists():  # $SWEEPSPEC_RESULT: one object, or one per line (the last)
                text = result_file.read_text()
                final = _json_object(text)
                if final is None:
                    lines = [line for line in text.splitlines() if line.strip()]
                    final = _json_object(lines[-1]) if lines else None
                if final is not None:
                    report(final)
                    reported = True
            if not reported:
                raise RuntimeError(f"{script.name} reported no result (a JSON object per line)")

    program.__name__ = program.__qualname__ = script.stem
    return program


def _json_object(line: str) -> dict[str, Any] | None:
    text = line.strip()
    if not text.startswith("{"):
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _reachable(address: str, timeout: float) -> None:
    """Fail fast where Ray's own client would wait for minutes: the cluster's port must answer
    within ``timeout`` seconds (``auto`` and ``local`` are Ray's to find)."""
    if address in ("auto", "local"):
        return
    target = address.split("://", 1)[-1]
    host, _, port = target.rpartition(":")
    if not port.isdigit():
        return
    try:
        socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout).close()
    except OSError as exc:
        why = "no answer" if isinstance(exc, TimeoutError) else (exc.strerror or str(exc))
        raise RunError(
            f"cannot reach the Ray cluster at {address}: {why} within {timeout:g} s (is "
            "`ray start --head` running there, and is this its address and port?)"
        ) from None


def _cluster_problem(address: str | None, exc: Exception) -> str:
    """Why Ray could not connect, with the fix where it is known."""
    text = str(exc)
    first = next((line.strip() for line in text.splitlines() if line.strip()), type(exc).__name__)
    message = f"cannot connect to the Ray cluster at {address or 'this machine'}: {first}"
    if "auth" in text.lower() or "token" in text.lower():
        message += (
            " (the cluster requires token authentication: set RAY_AUTH_MODE=token and "
            "RAY_AUTH_TOKEN, or the token file, as for `ray start`, before running)"
        )
    return message


def run_with_ray(
    doc: Document,
    *,
    address: str | None = None,
    connect_timeout: float = 10.0,
    storage: str | None = None,
    num_samples: int | None = None,
    resources: dict[str, float] | None = None,
    max_concurrent: int | None = None,
) -> Outcome:
    import ray
    from ray import tune

    from .formats.tune import to_tune

    setup = to_tune(doc)
    if setup.param_space is None:
        raise RunError("; ".join(d.message for d in setup.diagnostics))
    program = trainable_for(doc)

    def ray_trainable(config: dict[str, Any]) -> None:
        # every step reported, so that schedulers can act; a state reported with a step is
        # its checkpoint, given back when the trial resumes (PBT copies a better trial's)
        program(config, _ray_report, checkpoint=_ray_state())

    ray_trainable.__name__ = ray_trainable.__qualname__ = program.__name__
    trainable: Any = ray_trainable
    per_trial = {**(setup.resources or {}), **(resources or {})}  # the command line's win
    if per_trial:
        trainable = tune.with_resources(trainable, per_trial)
    config = dict(setup.tune_config)
    if num_samples is not None:
        config["num_samples"] = num_samples
    if max_concurrent is not None:
        config["max_concurrent_trials"] = max_concurrent
    storage_path = str(Path(storage or "sweepspec-results").resolve())
    # A Ray that is already running (a notebook's, a test session's) is used and left running;
    # only a Ray started here is shut down here.
    started = not ray.is_initialized()
    if started:
        if address is not None:
            _reachable(address, connect_timeout)
        try:
            ray.init(address=address, include_dashboard=False, log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise RunError(_cluster_problem(address, exc)) from None
    try:
        tuner = tune.Tuner(
            trainable,
            param_space=setup.param_space,
            tune_config=tune.TuneConfig(**config),
            run_config=tune.RunConfig(
                storage_path=storage_path, name=doc.data.get("name"), **setup.run_config
            ),
        )
        results = tuner.fit()
    finally:
        if started:
            ray.shutdown()
    if results.num_errors == len(results):
        raise RunError(
            f"all {len(results)} trials failed; the first: {_first_line(results.errors[0])}"
        )
    metric, mode = doc.data.get("metric"), doc.data.get("mode")
    try:
        best = results.get_best_result(metric=metric, mode=mode) if metric and mode else results[0]
    except RuntimeError:  # Ray Tune's way of saying no trial reported the metric
        raise RunError(f"no trial reported `{metric}`; the trainable must return it") from None
    value = (best.metrics or {}).get(metric) if metric else None
    _write_trials(results, Path(results.experiment_path) / "trials.jsonl")
    return Outcome("ray", len(results), dict(best.config or {}), value, results.experiment_path)


def _write_trials(results: Any, path: Path) -> None:
    """One JSON line per trial beside Ray's own files: its configuration, its last metrics
    (numbers as plain numbers) and its error, if it failed."""
    lines = []
    for result in results:
        metrics = {
            k: v
            for k, v in _plain_numbers(dict(result.metrics or {})).items()
            if isinstance(v, (int, float, str, bool)) or v is None
        }
        row = {
            "config": _plain_numbers(dict(result.config or {})),
            "metrics": metrics,
            "error": None if result.error is None else _first_line(result.error),
        }
        lines.append(json.dumps(row, default=str))
    from . import atomic

    atomic.write_text(str(path), "\n".join(lines) + "\n")


_STATE = "sweepspec-state.pkl"


def _ray_report(metrics: dict[str, Any], state: Any = None) -> None:
    from ray import tune

    if state is None:
        tune.report(metrics)
        return
    import pickle  # the trial's own objects, written and read by the trial's own code

    from . import atomic

    with tempfile.TemporaryDirectory() as folder:
        atomic.write_bytes(Path(folder, _STATE), pickle.dumps(state))
        tune.report(metrics, checkpoint=tune.Checkpoint.from_directory(folder))


def _ray_state() -> Any:
    from ray import tune

    checkpoint = tune.get_checkpoint()
    if checkpoint is None:
        return None
    import pickle

    with checkpoint.as_directory() as folder:
        path = Path(folder, _STATE)
        return pickle.loads(path.read_bytes()) if path.exists() else None


def _refused_by(target: str, doc: Document, prefixes: tuple[str, ...]) -> list[Diagnostic]:
    """What the ``target`` table says its engine cannot run in ``doc`` (of the features named
    by ``prefixes``), each at its node."""
    from .checks.context import Context
    from .checks.targets import iter_uses
    from .compat import FEATURES_BY_ID, lookup
    from .emit import Locator

    here = Locator(doc)
    refused = []
    for use in iter_uses(Context(doc, (target,))):
        if not use.feature.startswith(prefixes):
            continue
        row = lookup(target, use.feature)
        if row.status.severity is Severity.ERROR:
            place = here.at_key if use.on_key else here.at_value
            title = FEATURES_BY_ID[use.feature].title
            refused.append(place("X001", f"{title} is {row.status.phrase}: {row.reason}", use.path))
    return refused


def _located(diagnostics: list[Diagnostic]) -> str:
    return "; ".join(f"{d.file}:{d.line}:{d.column}: {d.message}" for d in diagnostics)


def _hyperopt_algorithm(doc: Document) -> Any:
    """The hyperopt algorithm the spec's search algorithm is: TPE (with the options
    HyperOptSearch passes it) or random search. Anything else was refused before."""
    import functools

    import hyperopt

    block = doc.data.get("search_alg")
    kind = block.get("type") if isinstance(block, Mapping) else "variant_generator"
    if kind != "hyperopt":
        return hyperopt.rand.suggest
    options: dict[str, Any] = {}
    if isinstance(block, Mapping) and "n_initial_points" in block:
        options["n_startup_jobs"] = int(block["n_initial_points"])  # HyperOptSearch's name
    if isinstance(block, Mapping) and "gamma" in block:
        options["gamma"] = float(block["gamma"])
    return functools.partial(hyperopt.tpe.suggest, **options) if options else hyperopt.tpe.suggest


def run_with_hyperopt(doc: Document, num_samples: int | None = None) -> Outcome:
    import hyperopt
    from hyperopt.exceptions import AllTrialsFailed

    from .formats.hyperopt import to_space

    # the engine runs what the spec says or refuses it: no other searcher, no scheduler
    refused = _refused_by("hyperopt", doc, ("search_alg.", "scheduler."))
    if refused:
        raise RunError("the hyperopt engine cannot run this spec: " + _located(refused))
    built = to_space(doc)
    if built.space is None:
        errors = [d for d in built.diagnostics if d.severity is Severity.ERROR]
        raise RunError(_located(errors or built.diagnostics))
    trainable = trainable_for(doc)
    metric, mode = doc.data.get("metric"), doc.data.get("mode", "min")
    if not metric:
        raise RunError("hyperopt needs `metric` (and `mode`) to know what to minimise")
    sign = -1.0 if mode == "max" else 1.0

    def objective(config: dict[str, Any]) -> dict[str, Any]:
        # A failing trial is recorded and the sweep goes on, as Ray Tune does it. hyperopt has
        # no schedulers: the trial runs to its end, and its last report counts.
        steps: list[dict[str, Any]] = []
        try:
            trainable(config, lambda metrics, state=None: steps.append(metrics))
            result = steps[-1] if steps else None
            if not isinstance(result, dict) or metric not in result:
                raise KeyError(
                    f"the trial reported no `{metric}` (its last report: {result!r:.200})"
                )
            value = float(result[metric])
        except Exception as exc:  # the user's code may raise anything
            return {"status": hyperopt.STATUS_FAIL, "error": f"{type(exc).__name__}: {exc}"}
        return {"loss": sign * value, "status": hyperopt.STATUS_OK, "config": config}

    trials = hyperopt.Trials()
    evals = num_samples or int(doc.data.get("num_samples", 1))
    seed = (doc.data.get("search_alg") or {}).get("random_state_seed")
    rstate = None
    if seed is not None:  # the seed HyperOptSearch would be given, so a run repeats
        import numpy

        rstate = numpy.random.default_rng(seed)
    try:
        hyperopt.fmin(
            objective,
            built.space,
            algo=_hyperopt_algorithm(doc),
            max_evals=evals,
            trials=trials,
            rstate=rstate,
            show_progressbar=sys.stderr.isatty(),
        )
    except AllTrialsFailed:
        first = trials.trials[0]["result"].get("error", "no result") if trials.trials else "none"
        raise RunError(
            f"all {len(trials.trials)} trials failed; the first: {_first_line(first)}"
        ) from None
    best = trials.best_trial["result"]
    return Outcome("hyperopt", len(trials.trials), best["config"], sign * best["loss"], None)


# The search algorithms the Optuna engine runs as the spec means them: Optuna's own samplers,
# and random search or a grid for the variant generator. Others (HyperOpt's TPE, BayesOpt's GP)
# have an Optuna look-alike, which would be a substitution.
_OPTUNA_SEARCHERS = ("optuna", "variant_generator")


class _Enough(Exception):
    """A trial reached the scheduler's `max_t`: it ends there, as Ray ends it."""


def run_with_optuna(
    doc: Document,
    *,
    storage: str | None = None,
    num_samples: int | None = None,
    max_concurrent: int | None = None,
) -> Outcome:
    """A real Optuna study: the spec's space suggested on each trial (define-by-run, in the
    spec's order, conditional choices as branches), its sampler and pruner, every step the
    program reports given to the pruner. ``storage`` with ``://`` is the study's storage URL
    (``sqlite:///study.db``, which optuna-dashboard opens); else the results folder."""
    import contextlib

    import optuna

    from .formats import optuna as model

    study_spec, entries, max_t = _optuna_setup(doc)
    trainable = trainable_for(doc)
    metric = doc.data.get("metric")
    if not metric:
        raise RunError("Optuna needs `metric` (and `mode`) to know what to optimise")

    def objective(trial: Any) -> float:
        config = model.sample(trial, entries)
        trial.set_user_attr("config", config)
        steps: list[dict[str, Any]] = []

        def report(metrics: dict[str, Any], state: Any = None) -> None:
            steps.append(metrics)
            trial.set_user_attr("metrics", _plain_numbers(metrics))
            if metric in metrics:  # every step goes to the pruner, as Ray's schedulers see it
                trial.report(float(metrics[metric]), len(steps))
                if trial.should_prune():
                    raise optuna.TrialPruned()
            if max_t is not None and len(steps) >= max_t:
                raise _Enough

        try:
            with contextlib.suppress(_Enough):
                trainable(config, report)
            if not steps or metric not in steps[-1]:
                raise RunError(
                    f"the trial reported no `{metric}` (its last report: {steps[-1:]!r:.200})"
                )
        except optuna.TrialPruned:
            raise
        except Exception as exc:  # the user's code may raise anything: kept for the summary
            trial.set_user_attr("error", f"{type(exc).__name__}: {exc}")
            raise
        return float(steps[-1][metric])

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    url = storage if storage is not None and "://" in storage else None
    folder = Path(storage if storage is not None and url is None else "sweepspec-results")
    name = str(doc.data.get("name") or f"optuna-{int(time.time())}")
    direction: Any = study_spec.direction or "minimize"
    study = optuna.create_study(
        study_name=name,
        storage=url,
        direction=direction,
        sampler=model.build_sampler(study_spec),
        pruner=model.build_pruner(study_spec),
        load_if_exists=url is not None,
    )
    study.optimize(
        objective,
        n_trials=num_samples or study_spec.n_trials or 1,
        timeout=study_spec.timeout,
        n_jobs=max_concurrent or study_spec.n_jobs or 1,
        catch=(Exception,),  # a failing trial is recorded and the sweep goes on, as on Ray
    )
    done = [t for t in study.trials if t.state.name == "COMPLETE"]
    if not done:
        errors = [t.user_attrs.get("error", "") for t in study.trials]
        first = next((e for e in errors if e), "no trial completed")
        raise RunError(
            f"no trial of {len(study.trials)} completed; the first: {_first_line(first)}"
        )
    best = study.best_trial
    results = (folder / name).resolve()
    _write_optuna_trials(study, results / "trials.jsonl")
    config = best.user_attrs.get("config", best.params)
    return Outcome("optuna", len(study.trials), config, best.value, str(results))


def _optuna_setup(doc: Document) -> tuple[Any, list[Any], int | None]:
    """The study, the space's entries and ASHA's `max_t` of a spec the Optuna engine runs as
    it means it; anything else is a RunError naming each place and why."""
    from .formats import optuna as model

    refused = _refused_by(
        "optuna", doc, ("search_alg.", "scheduler.", "distribution.", "structure.")
    )
    here_search = doc.data.get("search_alg")
    kind = here_search.get("type") if isinstance(here_search, Mapping) else "variant_generator"
    study_spec = model.study_of(doc.data)
    problems = list(study_spec.problems)
    if kind not in _OPTUNA_SEARCHERS and not refused:
        problems.append(
            (
                ("search_alg", "type"),
                f"Optuna has a look-alike of `{kind}`, not `{kind}` itself: name Optuna's "
                "sampler (`search_alg: {type: optuna, sampler: TPESampler}`) to run it",
            )
        )
    entries = model.plan(doc.data.get("param_space") or {})
    problems += [(e.path, e.problem) for e in model.walk(entries) if e.problem is not None]
    max_t = _max_t(doc)
    problems = [p for p in problems if not (max_t is not None and p[0] == ("scheduler", "max_t"))]
    if refused or problems:
        from .emit import Locator

        here = Locator(doc)
        located = refused + [
            here.at_key("X001", f"optuna: {why}", path, severity=Severity.ERROR)
            for path, why in problems
        ]
        raise RunError("the optuna engine cannot run this spec: " + _located(located))
    return study_spec, entries, max_t


def _max_t(doc: Document) -> int | None:
    """ASHA's `max_t`, which the engine honours by ending a trial at that many steps (Optuna's
    SuccessiveHalvingPruner has no maximum)."""
    block = doc.data.get("scheduler")
    if isinstance(block, Mapping) and block.get("type") == "async_hyperband":
        value = block.get("max_t", 100)
        return int(value) if isinstance(value, (int, float)) else None
    return None


def _write_optuna_trials(study: Any, path: Path) -> None:
    """One JSON line per trial: its configuration, its last metrics, its state (COMPLETE,
    PRUNED, FAIL) and, for a failed one, why."""
    from . import atomic

    lines = []
    for trial in study.trials:
        row = {
            "config": _plain_numbers(trial.user_attrs.get("config", trial.params)),
            "metrics": trial.user_attrs.get("metrics", {}),
            "state": trial.state.name,
        }
        if trial.state.name == "FAIL":
            row["error"] = trial.user_attrs.get("error")
        lines.append(json.dumps(row, default=str))
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_text(path, "".join(line + "\n" for line in lines))


def _first_line(error: object) -> str:
    lines = [line for line in str(error).strip().splitlines() if line.strip()]
    return lines[-1] if lines else repr(error)


def run(
    doc: Document,
    *,
    engine: str = "auto",
    address: str | None = None,
    storage: str | None = None,
    num_samples: int | None = None,
    connect_timeout: float = 10.0,
    resources: dict[str, float] | None = None,
    max_concurrent: int | None = None,
) -> Outcome:
    """Run the sweep of a checked spec with ``engine`` (``auto``: Ray Tune if installed).
    ``resources`` (``{"cpu": 2, "gpu": 1}``) and ``max_concurrent`` are per-run overrides of
    the spec's ``resources_per_trial`` and ``max_concurrent_trials`` (Ray Tune only)."""
    if engine == "auto":
        engine = "ray" if importlib.util.find_spec("ray") is not None else "hyperopt"
    if engine == "optuna":
        if resources:
            raise RunError("--cpus and --gpus are Ray Tune's: Optuna reserves no resources")
        if importlib.util.find_spec("optuna") is None:
            raise RunError("Optuna is not installed: pip install optuna")
        return run_with_optuna(
            doc, storage=storage, num_samples=num_samples, max_concurrent=max_concurrent
        )
    if engine == "ray":
        return run_with_ray(
            doc,
            address=address,
            storage=storage,
            num_samples=num_samples,
            connect_timeout=connect_timeout,
            resources=resources,
            max_concurrent=max_concurrent,
        )
    if resources or max_concurrent is not None:
        raise RunError(
            "--cpus, --gpus and --max-concurrent are Ray Tune's: hyperopt's fmin runs one "
            "trial at a time in this process"
        )
    if importlib.util.find_spec("hyperopt") is None:
        raise RunError(
            "neither Ray Tune nor hyperopt is installed: "
            "pip install 'sweepspec[tune]' or 'sweepspec[hyperopt]'"
        )
    return run_with_hyperopt(doc, num_samples=num_samples)
