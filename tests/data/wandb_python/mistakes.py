import wandb

LR = [1e-3, 1e-4]

sweep_config = {
    "method": "random",
    "metric": {"name": "loss", "goal": "minimise"},
    "parameters": {
        "lr": {"values": LR},
        "momentum": {"distribution": "uniform", "min": 0.5, "max": 0.99, "values": [0.9]},
        "wd": {"distribution": "loguniform", "min": 1e-6, "max": 1e-2},
        "seed": {"distribution": "int_uniform", "min": 0},
    },
}
wandb.sweep(sweep_config, project="p", prior_runs=["abc"])
