import wandb
sweep_config = {
    # f-method
    'method': 'bayes',
    # f-metric
    'metric': {
        # f-name
        'name': 'val_loss',
        # f-goal
        'goal': 'minimize',
    },
    'early_terminate': {
        # f-type
        'type': 'hyperband',
        # f-miniter
        'min_iter': 3,
    },
    # f-params
    'parameters': {
        'lr': {
            # f-dist
            'distribution': 'log_uniform_values',
            # f-min
            'min': 1e-5,
            'max': 1e-2,
        },
        'opt': {
            'values': [
                # f-adam
                'adam',
                'sgd',
            ],
            # f-probs
            'probabilities': [0.5, 0.5],
        },
        'model': {
            # f-model-params
            'parameters': {
                'depth': {'values': [1, 2]},
                # f-commented-out 'width': {'values': [1, 2]},
            },
        },
        'ep': {
            # f-value
            'value': 3,
        },
    },
    # f-command
    'command': ['${env}', 'python', '${program}'],
    # f-end
}
wandb.sweep(sweep=sweep_config, project='p')
