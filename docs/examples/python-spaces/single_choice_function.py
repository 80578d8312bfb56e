"""Which linear model, and how regularised: one hp.choice, returned by a function."""

import logging

from hyperopt import fmin, hp, tpe
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet, Lasso, Ridge
from sklearn.model_selection import cross_val_score

logger = logging.getLogger(__name__)
MODELS = {"ridge": Ridge, "lasso": Lasso, "elasticnet": ElasticNet}


def model_space():
    return hp.choice(
        "model",
        [
            {"name": "ridge", "alpha": hp.loguniform("ridge_alpha", -5, 2)},
            {"name": "lasso", "alpha": hp.loguniform("lasso_alpha", -5, 2)},
            {
                "name": "elasticnet",
                "alpha": hp.loguniform("enet_alpha", -5, 2),
                "l1_ratio": hp.uniform("enet_l1_ratio", 0.0, 1.0),
            },
        ],
    )


def objective(params):
    params = dict(params)
    model = MODELS[params.pop("name")](**params)
    X, y = load_diabetes(return_X_y=True)
    return -cross_val_score(model, X, y, cv=5, scoring="r2").mean()


def main():
    logging.basicConfig(level=logging.INFO)
    best = fmin(objective, model_space(), algo=tpe.suggest, max_evals=90)
    logger.info("best: %s", best)


if __name__ == "__main__":
    main()
