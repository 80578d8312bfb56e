"""LightGBM under Ray Tune, with the quantised and normal domains."""

import lightgbm as lgb
from ray import tune
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

lgbm_params = {
    "objective": "binary",
    "metric": ["binary_logloss", "auc"],
    "verbose": -1,
    "boosting_type": tune.grid_search(["gbdt", "dart"]),
    "num_leaves": tune.lograndint(8, 512),
    "min_data_in_leaf": tune.qlograndint(10, 1000, 10),
    "learning_rate": tune.qloguniform(1e-3, 1e-1, 5e-4),
    "feature_fraction": tune.quniform(0.5, 1.0, 0.05),
    "lambda_l1": tune.randn(0.0, 1.0),
    "lambda_l2": tune.qrandn(0.0, 1.0, 0.1),
}


def train_breast_cancer(config):
    data, target = load_breast_cancer(return_X_y=True)
    train_x, test_x, train_y, test_y = train_test_split(data, target, test_size=0.25)
    train_set = lgb.Dataset(train_x, label=train_y)
    test_set = lgb.Dataset(test_x, label=test_y)
    lgb.train(config, train_set, valid_sets=[test_set], valid_names=["eval"])


if __name__ == "__main__":
    tuner = tune.Tuner(
        train_breast_cancer,
        param_space=lgbm_params,
        tune_config=tune.TuneConfig(metric="binary_logloss", mode="min", num_samples=50),
    )
    results = tuner.fit()
