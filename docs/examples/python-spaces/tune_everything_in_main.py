#!/usr/bin/env python
"""XGBoost with Ray Tune, all in the main block (a notebook turned into a script)."""

import argparse

import xgboost as xgb
from ray import tune
from ray.tune.schedulers import ASHAScheduler
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split


def train_breast_cancer(config):
    data, labels = load_breast_cancer(return_X_y=True)
    train_x, test_x, train_y, test_y = train_test_split(data, labels, test_size=0.25)
    train_set = xgb.DMatrix(train_x, label=train_y)
    test_set = xgb.DMatrix(test_x, label=test_y)
    xgb.train(config, train_set, evals=[(test_set, "eval")], verbose_eval=False)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--num-samples", type=int, default=10)
    args = parser.parse_args()

    search_config = {
        "objective": "binary:logistic",
        "eval_metric": ["logloss", "error"],
        "max_depth": tune.randint(1, 9),
        "min_child_weight": tune.choice([1, 2, 3]),
        "subsample": tune.uniform(0.5, 1.0),
        "eta": tune.loguniform(1e-4, 1e-1),
    }
    scheduler = ASHAScheduler(max_t=10, grace_period=1, reduction_factor=2)
    tuner = tune.Tuner(
        tune.with_resources(train_breast_cancer, {"cpu": 1}),
        tune_config=tune.TuneConfig(
            metric="eval-logloss",
            mode="min",
            scheduler=scheduler,
            num_samples=args.num_samples,
        ),
        param_space=search_config,
    )
    results = tuner.fit()
    print(results.get_best_result().config)
