"""A trainer object that owns its search space (set in __init__ from literals only)."""

import logging

import numpy as np
import torch
from hyperopt import hp

logger = logging.getLogger(__name__)


class Trainer:
    """Wraps model building and training; `tune.py` reads `Trainer().space`."""

    def __init__(self):
        self.device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        self.space = {
            "optimizer": hp.choice(
                "optimizer",
                [
                    {"type": "adam", "lr": hp.loguniform("adam_lr", np.log(1e-5), np.log(1e-2))},
                    {
                        "type": "sgd",
                        "lr": hp.loguniform("sgd_lr", np.log(1e-3), np.log(1e-1)),
                        "momentum": hp.uniform("sgd_momentum", 0.0, 0.99),
                    },
                ],
            ),
            "dropout": hp.uniform("dropout", 0.0, 0.5),
            "epochs": 30,
        }

    def fit(self, params):
        logger.info("training on %s with %s", self.device, params)
        raise NotImplementedError("see train.py")
