"""Benchmark: `sweepspec run` against the same sweep written by hand with the Ray Tune API.

Run: python tests/bench_run.py [--repeat R]

Both sides run docs/examples/run/quadratic.yaml's sweep (10 trials, HyperOptSearch, ASHA) on a
fresh local Ray in a fresh process, in this one run, alternating; the ratio is what sweepspec
adds on top of Ray Tune (loading and checking the spec, building the objects). Absolute times
depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN = ROOT / "docs" / "examples" / "run"

BY_HAND = """\
import ray
from ray import tune
from ray.tune.schedulers import AsyncHyperBandScheduler
from ray.tune.search.hyperopt import HyperOptSearch



def objective(config):  # docs/examples/run/quadratic.py, inline so that Ray pickles it by value
    return {{"loss": (config["x"] - 3) ** 2 + (config["y"] + 1) ** 2}}


ray.init(include_dashboard=False, log_to_driver=False)
tuner = tune.Tuner(
    objective,
    param_space={{"x": tune.uniform(-10, 10), "y": tune.uniform(-10, 10)}},
    tune_config=tune.TuneConfig(
        metric="loss", mode="min", num_samples=10,
        search_alg=HyperOptSearch(n_initial_points=5, random_state_seed=0),
        scheduler=AsyncHyperBandScheduler(max_t=10, grace_period=1),
    ),
    run_config=tune.RunConfig(storage_path={storage!r}),
)
best = tuner.fit().get_best_result()
print(len(best.config), best.metrics["loss"])
ray.shutdown()
"""


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp, "by_hand.py")
        script.write_text(BY_HAND.format(storage=str(Path(tmp, "hand"))))
        sweepspec = [
            sys.executable,
            "-m",
            "sweepspec",
            "run",
            str(RUN / "quadratic.yaml"),
            "--storage",
            str(Path(tmp, "spec")),
        ]
        hand, spec = [], []
        for _ in range(args.repeat):
            hand.append(wall([sys.executable, str(script)]))
            spec.append(wall(sweepspec))
    h, s = statistics.median(hand), statistics.median(spec)
    for label, times, median in (("Ray Tune API by hand", hand, h), ("sweepspec run", spec, s)):
        each = ", ".join(f"{t:.2f}" for t in times)
        print(f"{label:<21}: median {median:.2f} s of {args.repeat} ({each})")
    print(f"ratio sweepspec/by hand: {s / h:.2f}x")


if __name__ == "__main__":
    main()
