# Hyperopt space, run through Ray Tune with at most four trials at a time.
import time

from hyperopt import hp
from ray import tune
from ray.tune.search import ConcurrencyLimiter
from ray.tune.search.hyperopt import HyperOptSearch


def evaluation_fn(step, width, height, activation):
    time.sleep(0.1)
    return (0.1 + width * step / 100) ** (-1) + height * 0.1 + (activation == "relu")


def easy_objective(config):
    for step in range(config["steps"]):
        score = evaluation_fn(step, config["width"], config["height"], config["activation"])
        tune.report({"iterations": step, "mean_loss": score})


if __name__ == "__main__":
    space = {
        "steps": 100,
        "width": hp.uniform("width", 0, 20),
        "height": hp.uniform("height", -100, 100),
        "activation": hp.choice("activation", ["relu", "tanh"]),
    }
    current_best_params = [{"width": 1, "height": 2, "activation": 0}]
    algo = ConcurrencyLimiter(
        HyperOptSearch(
            space=space,
            metric="mean_loss",
            mode="min",
            points_to_evaluate=current_best_params,
        ),
        max_concurrent=4,
    )
    tuner = tune.Tuner(easy_objective, tune_config=tune.TuneConfig(search_alg=algo, num_samples=50))
    tuner.fit()
