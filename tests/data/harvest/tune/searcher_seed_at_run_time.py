# a searcher's seed from the command line: the whole searcher went (random search in its place)
import sys

from ray import tune
from ray.tune.search.hyperopt import HyperOptSearch

search = HyperOptSearch(random_state_seed=int(sys.argv[1]), metric="loss", mode="min", gamma=0.3)
tune.run("train.py", config={"lr": tune.uniform(0, 1)}, search_alg=search)
