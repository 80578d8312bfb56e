"""W&B's own tutorial (Organizing_Hyperparameter_Sweeps_in_PyTorch_with_W&B.ipynb), as a script."""
import wandb

wandb.login()

sweep_config = {
    'method': 'random'
    }

metric = {
    'name': 'loss',
    'goal': 'minimize'
    }

sweep_config['metric'] = metric

parameters_dict = {
    'optimizer': {
        'values': ['adam', 'sgd']
        },
    'fc_layer_size': {
        'values': [128, 256, 512]
        },
    'dropout': {
          'values': [0.3, 0.4, 0.5]
        },
    # 'momentum': {'values': [0.9, 0.99]},
    }

sweep_config['parameters'] = parameters_dict

parameters_dict.update({
    'epochs': {
        'value': 1}
    })

parameters_dict.update({
    'learning_rate': {
        # a flat distribution between 0 and 0.1
        'distribution': 'uniform',
        'min': 0,
        'max': 0.1
      },
    'batch_size': {
        # integers between 32 and 256
        # with evenly-distributed logarithms
        'distribution': 'q_log_uniform_values',
        'q': 8,
        'min': 32,
        'max': 256,
      }
    })

sweep_id = wandb.sweep(sweep_config, project="pytorch-sweeps-demo")


def train(config=None):
    with wandb.init(config=config):
        config = wandb.config


wandb.agent(sweep_id, train, count=5)
