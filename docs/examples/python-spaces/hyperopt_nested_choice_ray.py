"""Feature pipeline and model chosen together; nested hp.choice dicts, searched from Ray Tune."""

import lightgbm as lgb
from hyperopt import hp
from ray import tune
from ray.tune.search.hyperopt import HyperOptSearch
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import cross_val_score

param_space = {
    "scaler": hp.choice("scaler", ["standard", "robust", None]),
    "model": hp.choice(
        "model",
        [
            {
                "kind": "lgbm",
                "num_leaves": hp.quniform("lgbm_num_leaves", 8, 64, 8),
                "learning_rate": hp.loguniform("lgbm_learning_rate", -5, -1),
            },
            {
                "kind": "linear",
                "C": hp.loguniform("linear_C", -4, 4),
                "penalty": hp.choice("linear_penalty", ["l1", "l2"]),
            },
        ],
    ),
}


def trainable(config):
    from sklearn.linear_model import LogisticRegression

    X, y = load_breast_cancer(return_X_y=True)
    model_cfg = dict(config["model"])
    if model_cfg.pop("kind") == "lgbm":
        model_cfg["num_leaves"] = int(model_cfg["num_leaves"])
        model = lgb.LGBMClassifier(verbose=-1, **model_cfg)
    else:
        model = LogisticRegression(solver="liblinear", **model_cfg)
    return {"auc": cross_val_score(model, X, y, cv=3, scoring="roc_auc").mean()}


if __name__ == "__main__":
    search = HyperOptSearch(space=param_space, metric="auc", mode="max", random_state_seed=3)
    tune.run(trainable, search_alg=search, num_samples=64)
