import argparse
from ray import tune


def train(config):
    pass


args = argparse.ArgumentParser().parse_args()
tune.run(train, config={"lr": tune.uniform(0, 1)}, stop={}, resources_per_trial={"cpu": args.cpus})
