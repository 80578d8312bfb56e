"""Search spaces of the model zoo; the runner script imports the one it needs."""

from hyperopt import hp
from hyperopt.pyll import scope

svm_space = {
    "C": hp.loguniform("svm_C", -5, 5),
    "kernel": hp.choice("svm_kernel", ["linear", "rbf", "poly"]),
    "degree": scope.int(hp.quniform("svm_degree", 2, 5, 1)),
}

forest_space = {
    "n_estimators": scope.int(hp.quniform("rf_n_estimators", 50, 500, 50)),
    "max_depth": hp.choice("rf_max_depth", [None, 5, 10, 20]),
    "min_samples_leaf": hp.uniformint("rf_min_samples_leaf", 1, 10),
    "class_weight": hp.choice("rf_class_weight", [None, "balanced"]),
}
