import wandb

sweep_config = {
    "program": "train.py",
    "method": "grid",
    "metric": {"name": "val_loss", "goal": "minimize"},
    "early_terminate": {"type": "hyperband", "min_iter": 3, "eta": 2},
    "parameters": {
        "optimizer": {
            "parameters": {
                "name": {"values": ["adam", "sgd"]},
                # momentum only matters for sgd
                "momentum": {"values": [0.0, 0.9]},
            },
        },
        "layers": {"distribution": "int_uniform", "min": 1, "max": 3},
        "warmup": {"distribution": "q_uniform", "min": 0, "max": 100, "q": 50},
    },
}

if __name__ == "__main__":
    sweep_id = wandb.sweep(sweep_config)
