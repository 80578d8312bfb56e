"""SVM on iris with an optional scaler, optional PCA, and kernel-specific parameters."""

import optuna
from sklearn.datasets import load_iris
from sklearn.decomposition import PCA
from sklearn.model_selection import cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler
from sklearn.svm import SVC

X, y = load_iris(return_X_y=True)


def objective(t):
    steps = []

    scaler = t.suggest_categorical("scaler", ["standard", "minmax", "robust", None])
    if scaler == "standard":
        steps.append(StandardScaler())
    elif scaler == "minmax":
        steps.append(MinMaxScaler())
    elif scaler == "robust":
        q = t.suggest_float("robust_quantile", 5.0, 30.0)
        steps.append(RobustScaler(quantile_range=(q, 100.0 - q)))

    use_pca = t.suggest_categorical("use_pca", [True, False])
    if use_pca:
        steps.append(PCA(n_components=t.suggest_int("pca_components", 2, 4)))

    kernel = t.suggest_categorical("kernel", ["linear", "poly", "rbf", "sigmoid"])
    C = t.suggest_float("C", 1e-2, 1e2, log=True)
    svc_params = {"kernel": kernel, "C": C}
    if kernel != "linear":
        svc_params["gamma"] = t.suggest_float("gamma", 1e-3, 1.0, log=True)
        if kernel == "poly":
            svc_params["degree"] = t.suggest_int("degree", 2, 4)
        if kernel in ("poly", "sigmoid"):
            svc_params["coef0"] = t.suggest_float("coef0", -1.0, 1.0)

    steps.append(SVC(**svc_params))
    return cross_val_score(make_pipeline(*steps), X, y, cv=5).mean()


if __name__ == "__main__":
    study = optuna.create_study(
        direction="maximize",
        sampler=optuna.samplers.TPESampler(seed=42, n_startup_trials=10),
    )
    study.optimize(objective, n_trials=100)
    print("best accuracy:", study.best_value)
    print("best params:", study.best_params)
