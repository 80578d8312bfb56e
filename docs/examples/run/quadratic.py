"""A toy objective for `sweepspec run`: its minimum is at x = 3, y = -1.

It reports a result per step, as a training loop does (`yield`, one dict per epoch), so that a
scheduler can stop a poor trial early: ASHA in quadratic.yaml stops most trials after their
first steps. The loss falls to the bowl's value at the tenth step.
"""


def objective(config):
    bowl = (config["x"] - 3) ** 2 + (config["y"] + 1) ** 2
    for step in range(1, 11):
        yield {"loss": bowl + (10 - step)}
