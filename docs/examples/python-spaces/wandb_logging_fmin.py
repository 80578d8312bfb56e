"""Hyperopt search with every trial logged to Weights & Biases."""

import logging
import os

import numpy as np
import wandb
from hyperopt import STATUS_OK, Trials, fmin, hp, tpe
from hyperopt.pyll import scope

PROJECT = os.environ.get("WANDB_PROJECT", "tabular-baselines")
MAX_EVALS = 200
MIN_LR, MAX_LR = 1e-4, 1e-1
EMBED_DIMS = [8, 16, 32]

logger = logging.getLogger(__name__)

space = {
    "lr": hp.loguniform("lr", np.log(MIN_LR), np.log(MAX_LR)),
    "embed_dim": hp.choice("embed_dim", EMBED_DIMS),
    "hidden": scope.int(hp.qloguniform("hidden", np.log(32), np.log(1024), 32)),
    "epochs": hp.quniform("epochs", 5, 50, 5),
    # "optimizer": hp.choice("optimizer", ["adam", "sgd"]),
    # "scheduler": hp.choice("scheduler", ["cosine", "step", None]),
    "batch_norm": hp.choice("batch_norm", [True, False]),
}


def objective(params):
    with wandb.init(project=PROJECT, config=params, reinit=True) as run:
        from tabular import fit  # the project's training code

        loss = fit(**params)
        run.log({"val_loss": loss})
    return {"loss": loss, "status": STATUS_OK}


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    trials = Trials()
    best = fmin(objective, space, algo=tpe.suggest, max_evals=MAX_EVALS, trials=trials)
    logger.info("best: %s", best)
