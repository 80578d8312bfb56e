"""The seed's Python API, rebuilt on the spec: ``sweepspec.config.tune`` and ``.hyperopt``.

Write a sweep in Ray Tune's and hyperopt's vocabulary, as W&B's ``wandb.sweeps.config`` let you,
and save it as a spec::

    from sweepspec.config import tune
    from sweepspec.config.tune.suggest.hyperopt import HyperOptSearch
    from sweepspec.config.hyperopt import hp

    tune_config = tune.run("train.py", search_alg=HyperOptSearch(dict(
        width=hp.uniform("width", 0, 20)), metric="mean_loss", mode="min"), num_samples=10)
    tune_config.save("sweep.yaml")

Everything here is plain data: importing it imports neither hyperopt nor Ray.
"""

from __future__ import annotations
