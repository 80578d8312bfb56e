import math
import wandb
sweep_config = {
    "method": "random",
    "parameters": {
        "lg": {"distribution": "uniform", "min": math.log(1e-5), "max": 0},
        "n": {"value": math.log(2)},
        "q": {"values": [math.log(2), 1.5]},
    },
}
wandb.sweep(sweep_config)
