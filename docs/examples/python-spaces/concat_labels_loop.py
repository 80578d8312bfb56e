"""A 1-D CNN for sensor data: per-block settings added in a loop, labels "filters_" + str(k)."""

import torch
from hyperopt import STATUS_OK, fmin, hp, tpe
from torch import nn

N_BLOCKS = 3

space = {"lr": hp.loguniform("lr", -9, -2)}
for k in range(N_BLOCKS):
    space["filters_" + str(k)] = hp.choice("filters_" + str(k), [16, 32, 64])
    space["kernel_" + str(k)] = hp.choice("kernel_" + str(k), [3, 5, 7])


def build(params):
    blocks, channels = [], 6
    for k in range(N_BLOCKS):
        out = params["filters_" + str(k)]
        blocks += [nn.Conv1d(channels, out, params["kernel_" + str(k)]), nn.ReLU()]
        channels = out
    return nn.Sequential(*blocks, nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(channels, 4))


def objective(params):
    model = build(params)
    opt = torch.optim.Adam(model.parameters(), lr=params["lr"])
    x, y = torch.load("sensors.pt")
    for _ in range(20):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
    return {"loss": loss.item(), "status": STATUS_OK}


if __name__ == "__main__":
    fmin(objective, space, algo=tpe.suggest, max_evals=50)
