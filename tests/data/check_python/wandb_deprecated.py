import wandb
sweep_config = {
    'method': 'random',
    'parameters': {
        'lr': {'distribution': 'log_uniform', 'min': -5, 'max': 0},
        'bs': {'distribution': 'q_log_uniform', 'min': 1, 'max': 5, 'q': 1},
        'p': {'values': [1, 2], 'distribution': 'categorical'},
    },
}
wandb.sweep(sweep_config)
