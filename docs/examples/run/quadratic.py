"""A toy objective for `sweepspec run`: its minimum is at x = 3, y = -1."""


def objective(config):
    loss = (config["x"] - 3) ** 2 + (config["y"] + 1) ** 2
    return {"loss": loss}
