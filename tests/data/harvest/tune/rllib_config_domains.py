# an RLlib config with domains given to its methods (from users' scripts): one "cannot read the
# call `config.to_dict(...)`" was said of it
from ray import tune
from ray.rllib.algorithms.ppo import PPOConfig

config = (
    PPOConfig()
    .environment("CartPole-v1")
    .training(lr=tune.grid_search([0.01, 0.001]), clip_param=tune.uniform(0.1, 0.3))
)
config.training(gamma=tune.choice([0.9, 0.99]))

tune.Tuner("PPO", param_space=config.to_dict()).fit()
