"""PCA + ridge regression on the diabetes data; the space is a tuple built by a function."""

import logging

from hyperopt import fmin, hp, tpe
from sklearn.datasets import load_diabetes
from sklearn.decomposition import PCA
from sklearn.linear_model import Ridge
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger(__name__)


def build_space():
    # (alpha, n_components, whiten)
    return (
        hp.loguniform("alpha", -7, 3),
        hp.quniform("n_components", 2, 10, 1),
        hp.choice("whiten", [True, False]),
    )


def objective(args):
    alpha, n_components, whiten = args
    X, y = load_diabetes(return_X_y=True)
    pipe = make_pipeline(PCA(n_components=int(n_components), whiten=whiten), Ridge(alpha=alpha))
    return -cross_val_score(pipe, X, y, cv=5, scoring="r2").mean()


def main():
    best = fmin(objective, build_space(), algo=tpe.suggest, max_evals=60)
    logger.info("best: %s", best)


if __name__ == "__main__":
    main()
