# a dataclass whose fields are domains (from users' scripts): each field was a space of its own
from dataclasses import dataclass, field
from typing import Any

from ray import tune


@dataclass
class HpSpace:
    seed: int
    lag: Any = tune.quniform(2, 26, 1)  # days
    lr: float = field(default_factory=lambda: tune.qloguniform(0.0001, 0.005, 0.0001))
    layers: Any = field(default=tune.choice([1, 2]))
    epochs: int = 10


@dataclass
class WiderSpace(HpSpace):
    width = field(default_factory=lambda: tune.choice([64, 128]))
