"""hyperopt's ``hp`` functions, named as the spec's vocabulary names them.

Every distribution whose origin includes hyperopt is an ``hp`` function of the same name
(hyperopt/hyperopt/pyll_utils.py); the continuous ones also take the spec's arguments in the
spec's order. hyperopt's log-uniform functions take the logs of their bounds, where the spec
takes the bounds.
"""

from __future__ import annotations

from ..vocabulary import BY_NAME, DISTRIBUTIONS

_HYPEROPT = [d for d in DISTRIBUTIONS if "hyperopt" in d.origin]

# The spec's integer forms of hp functions: `scope.int(hp.quniform(...))` is `quniformint`.
SCOPE_INT = {"quniformint": "quniform", "qloguniformint": "qloguniform"}
# Every hp function sweepspec reads and writes.
HP_NAMES = frozenset(d.name for d in _HYPEROPT) - set(SCOPE_INT)
# hp functions with the spec's name and arguments.
SAME_AS_HP = tuple(d.name for d in _HYPEROPT if d.kind == "continuous")
# hp functions whose bounds are logs: the spec's `low` and `high` are their exps.
LOG_BOUNDS = frozenset(
    d.name for d in _HYPEROPT if d.log and "low" in d.arg_names and d.name not in SCOPE_INT
)
# hp function -> its arguments after the label, for those that take numbers.
HP_ARGS = {name: BY_NAME[name].arg_names for name in (*SAME_AS_HP, "randint")}
