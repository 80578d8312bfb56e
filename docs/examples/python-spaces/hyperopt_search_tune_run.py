"""MNIST with Ray Tune, searched by HyperOptSearch over a hyperopt space."""

import numpy as np
import torch
import torch.nn.functional as F
from hyperopt import hp
from ray import train, tune
from ray.tune.search.hyperopt import HyperOptSearch
from torch import nn, optim

EPOCHS = 10


class ConvNet(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv2d(1, channels, 3)
        self.fc = nn.Linear(channels * 26 * 26, 10)

    def forward(self, x):
        return self.fc(F.relu(self.conv(x)).flatten(1))


def train_mnist(config):
    model = ConvNet(config["channels"])
    optimizer = optim.SGD(model.parameters(), lr=config["lr"], momentum=config["momentum"])
    for _ in range(EPOCHS):
        x, y = torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,))
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()
        train.report({"mean_accuracy": float(-loss)})


space = {
    "lr": hp.loguniform("lr", np.log(1e-4), np.log(1e-1)),
    "momentum": hp.uniform("momentum", 0.1, 0.9),
    "channels": hp.choice("channels", [8, 16, 32]),
}

if __name__ == "__main__":
    algo = HyperOptSearch(space, metric="mean_accuracy", mode="max")
    analysis = tune.run(
        train_mnist,
        search_alg=algo,
        num_samples=20,
        resources_per_trial={"cpu": 2},
        stop={"training_iteration": EPOCHS},
    )
    print("Best config:", analysis.get_best_config(metric="mean_accuracy", mode="max"))
