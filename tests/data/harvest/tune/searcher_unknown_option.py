# an argument of an older Ray (`max_concurrent`): the whole file was refused with an S003
from hyperopt import hp
from ray import tune
from ray.tune.suggest.hyperopt import HyperOptSearch

space = {"max_depth": hp.uniformint("max_depth", 1, 20)}
hyperopt_search = HyperOptSearch(space=space, metric="acc", mode="max", max_concurrent=3)
tune.run("train.py", num_samples=30, search_alg=hyperopt_search)
