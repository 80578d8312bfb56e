import wandb
sweep_config = {
    'method': 'bayes',  # c-method
    'metric': {  # c-metric
        'name': 'val_loss',  # c-name
        'goal': 'minimize',  # c-goal
    },
    'early_terminate': {  # c-et
        'type': 'hyperband',  # c-type
        'min_iter': 3,  # c-miniter
    },
    'parameters': {  # c-params
        'lr': {  # c-lr
            'distribution': 'log_uniform_values',  # c-dist
            'min': 1e-5,  # c-min
            'max': 1e-2,  # c-max
        },
        'opt': {
            'values': [  # c-values
                'adam',  # c-adam
                'sgd',  # c-sgd
            ],
            'probabilities': [0.5, 0.5],  # c-probs
        },
        'model': {
            'parameters': {  # c-model-params
                'depth': {'values': [1, 2]},  # c-depth
            },
        },
    },
    'command': ['${env}', 'python', '${program}'],  # c-command
    'program': 'train.py',  # c-program
}
wandb.sweep(sweep=sweep_config, project='p')  # c-call
