import wandb
sweep_config = {
    'method': 'bayes',
    'parameters': {
        'lr': {'distribution': 'uniform', 'min': 0.1, 'max': 0.01},
        'x': {'distribution': 'uniform', 'values': [1, 2], 'min': 0, 'max': 1},
        'opt': {'values': ['a', 'b'], 'probabilities': [0.5, 0.6]},
    },
}
wandb.sweep(sweep_config, project="p", prior_runs=["a"])
