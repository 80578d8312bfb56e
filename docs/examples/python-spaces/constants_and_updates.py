"""SGD on a small transformer; the space grows by assignment and update() as options were added."""

import logging

import torch
from hyperopt import STATUS_OK, Trials, fmin, hp, tpe

logger = logging.getLogger(__name__)

LRS = [1e-4, 3e-4, 1e-3, 3e-3]
N_LAYERS = 3
HIDDEN_SIZES = (128, 256, 512)
MAX_EVALS = 64

space = {
    "lr": hp.choice("lr", LRS),
    "n_layers": hp.choice("n_layers", list(range(1, N_LAYERS + 1))),
    "hidden": hp.choice("hidden", HIDDEN_SIZES),
}
space["momentum"] = hp.uniform("momentum", 0.8, 0.99)
space.update(
    {
        "nesterov": hp.choice("nesterov", [True, False]),
        "weight_decay": hp.loguniform("weight_decay", -12, -4),
    }
)
# space["dampening"] = hp.uniform("dampening", 0.0, 0.2)


def objective(params):
    layer = torch.nn.TransformerEncoderLayer(d_model=params["hidden"], nhead=8)
    model = torch.nn.TransformerEncoder(layer, num_layers=params["n_layers"])
    optimizer = torch.optim.SGD(
        model.parameters(),
        lr=params["lr"],
        momentum=params["momentum"],
        nesterov=params["nesterov"],
        weight_decay=params["weight_decay"],
    )
    batch = torch.randn(32, 16, params["hidden"])
    optimizer.zero_grad()
    loss = model(batch).pow(2).mean()
    loss.backward()
    optimizer.step()
    return {"loss": loss.item(), "status": STATUS_OK}


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    trials = Trials()
    best = fmin(objective, space, algo=tpe.suggest, max_evals=MAX_EVALS, trials=trials)
    logger.info("best=%s", best)
