"""PPO on CartPole through tune.run, the config written inline in the call (RLlib style)."""

from ray import tune

if __name__ == "__main__":
    tune.run(
        "PPO",
        stop={"episode_reward_mean": 195},
        config={
            "env": "CartPole-v1",
            "framework": "torch",
            "num_workers": 2,
            "lr": tune.grid_search([1e-4, 5e-4, 1e-3]),
            "train_batch_size": tune.qrandint(1000, 8000, 1000),
            "gamma": tune.quniform(0.9, 0.999, 0.001),
            "lambda": tune.uniform(0.9, 1.0),
            "model": {"fcnet_hiddens": tune.choice([[64, 64], [128, 128], [256, 256]])},
        },
        num_samples=2,
    )
