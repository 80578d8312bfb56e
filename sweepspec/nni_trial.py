"""A spec's ``module:function`` program as an NNI trial.

``convert --to nni`` writes ``trialCommand: python3 -m sweepspec.nni_trial module:function
--metric loss`` for such a program: NNI runs it in the trial's folder, and this module calls
the function with the parameters NNI chose (``nni.get_next_parameter()``), under the reporting
contract of ``sweepspec run`` (docs/running.md: a returned dict, a dict per step it yields, or a
``report`` it calls). Each step is an intermediate result (what NNI's assessors see) and the last
one the final result, as the ``default`` value NNI optimises.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

COMMAND = "sweepspec.nni_trial"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=f"python3 -m {COMMAND}")
    parser.add_argument("program", help="the trainable, module:function")
    parser.add_argument("--metric", help="the metric NNI optimises (the spec's `metric`)")
    args = parser.parse_args(argv)
    import nni

    from .run import module_trainable

    module, _, function = args.program.partition(":")
    program = module_trainable(os.getcwd(), module, function, None, args.metric)
    steps: list[dict[str, Any]] = []

    def value(metrics: dict[str, Any]) -> Any:
        number = metrics.get(args.metric) if args.metric else metrics.get("default")
        return {**metrics, "default": number}

    def report(metrics: dict[str, Any], state: Any = None) -> None:
        steps.append(metrics)
        nni.report_intermediate_result(value(metrics))

    program(nni.get_next_parameter(), report)
    if not steps:
        print(f"{args.program} reported no result", file=sys.stderr)
        return 1
    nni.report_final_result(value(steps[-1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
