import optuna


class KNNModel:
    def build_model(self, params=None):
        params = params or {}
        return dict(**params)

    def suggest_params(self, trial: optuna.Trial) -> dict:
        return {
            "n_neighbors": trial.suggest_int("n_neighbors", 3, 50),
            "p": trial.suggest_int("p", 1, 5),
        }
