# the space is a parameter's default (from a user's script); the trainable copies its config
from hyperopt import hp
from ray import tune
from ray.tune.search.hyperopt import HyperOptSearch


def objective(config_in):
    config = dict(config_in)
    tune.report({"loss": config["width"]})


space = {"width": hp.uniform("width", 0, 20)}


def run(space_dict=space, metric="loss"):
    algo = HyperOptSearch(space=space_dict, metric=metric, mode="min")
    tune.Tuner(objective, tune_config=tune.TuneConfig(search_alg=algo)).fit()


if __name__ == "__main__":
    run()
