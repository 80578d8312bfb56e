import wandb

sweep_small = {
    "method": "random",
    "parameters": {"lr": {"values": [0.1, 0.01]}},
}

sweep_large = {
    "method": "bayes",
    "metric": {"name": "loss", "goal": "minimize"},
    "parameters": {"lr": {"min": 1e-5, "max": 1e-1, "distribution": "log_uniform_values"}},
}
