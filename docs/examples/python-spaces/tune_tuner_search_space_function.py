"""Train a CIFAR-10 CNN under Ray Tune; the space is built by a function, the run by main()."""

import argparse
import functools
import os

import torch
import torch.nn as nn
from ray import tune
from ray.tune.schedulers import ASHAScheduler


def get_search_space():
    return {
        "l1": tune.choice([64, 128, 256]),
        "l2": tune.choice([32, 64, 128]),
        "lr": tune.loguniform(1e-4, 1e-1),
        "batch_size": tune.choice([16, 32, 64]),
        "momentum": tune.uniform(0.5, 0.95),
        # "dropout": tune.uniform(0.0, 0.3),
    }


def train_cifar(config, data_dir=None):
    net = nn.Sequential(
        nn.Flatten(), nn.Linear(3 * 32 * 32, config["l1"]), nn.ReLU(), nn.Linear(config["l1"], 10)
    )
    optimizer = torch.optim.SGD(net.parameters(), lr=config["lr"], momentum=config["momentum"])
    for epoch in range(10):
        optimizer.zero_grad()
        loss = nn.functional.cross_entropy(net(torch.randn(8, 3, 32, 32)), torch.zeros(8).long())
        loss.backward()
        optimizer.step()
        tune.report({"val_loss": loss.item(), "epoch": epoch})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", default=os.path.expanduser("~/data"))
    args = parser.parse_args()

    tuner = tune.Tuner(
        tune.with_resources(
            functools.partial(train_cifar, data_dir=args.data_dir), {"cpu": 2, "gpu": 0}
        ),
        param_space=get_search_space(),
        tune_config=tune.TuneConfig(
            num_samples=20,
            metric="val_loss",
            mode="min",
            scheduler=ASHAScheduler(max_t=10, grace_period=1),
        ),
    )
    results = tuner.fit()
    best = results.get_best_result("val_loss", "min")
    print("best config:", best.config)


if __name__ == "__main__":
    main()
