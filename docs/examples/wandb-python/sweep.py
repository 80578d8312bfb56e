import wandb

sweep_config = {
    "method": "bayes",  # try random too
    "metric": {"name": "val_loss", "goal": "minimize"},
    "parameters": {
        "lr": {"distribution": "log_uniform_values", "min": 1e-5, "max": 1e-2},
        # "dropout": {"values": [0.1, 0.3]},
        "batch_size": {"values": [16, 32, 64]},
    },
}
sweep_id = wandb.sweep(sweep_config, project="demo")
