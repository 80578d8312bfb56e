"""Two spaces: a tiny one for smoke tests, and the one the real search runs."""

import numpy as np
import wandb
from hyperopt import STATUS_OK, Trials, fmin, hp, tpe

DEBUG_SPACE = {
    "lr": hp.choice("lr", [1e-3]),
    "epochs": 1,
}

SPACE = {
    "lr": hp.loguniform("lr", np.log(1e-5), np.log(1e-2)),
    "epochs": hp.choice("epochs", [10, 20, 40]),
    "label_smoothing": hp.uniform("label_smoothing", 0.0, 0.2),
    "warmup_steps": hp.quniform("warmup_steps", 0, 2000, 250),
}


def objective(params):
    run = wandb.init(project="speech-commands", config=params, reinit=True)
    from train import train_model  # the project's training loop

    val_loss = train_model(**params)
    run.log({"val_loss": val_loss})
    run.finish()
    return {"loss": val_loss, "status": STATUS_OK}


if __name__ == "__main__":
    trials = Trials()
    # best = fmin(objective, DEBUG_SPACE, algo=tpe.suggest, max_evals=2, trials=trials)
    best = fmin(objective, SPACE, algo=tpe.suggest, max_evals=100, trials=trials)
    print(best)
