"""Pick the classifier and its settings at once: the space is one hp.choice."""

from hyperopt import STATUS_OK, fmin, hp, tpe
from sklearn.datasets import load_digits
from sklearn.model_selection import cross_val_score
from sklearn.naive_bayes import GaussianNB
from sklearn.svm import SVC
from sklearn.tree import DecisionTreeClassifier

space = hp.choice(
    "classifier_type",
    [
        {"type": "naive_bayes"},
        {
            "type": "svm",
            "C": hp.lognormal("svm_C", 0, 1),
            "kernel": hp.choice(
                "svm_kernel",
                [
                    {"ktype": "linear"},
                    {"ktype": "rbf", "width": hp.lognormal("svm_rbf_width", 0, 1)},
                ],
            ),
        },
        {
            "type": "dtree",
            "criterion": hp.choice("dtree_criterion", ["gini", "entropy"]),
            "max_depth": hp.choice(
                "dtree_max_depth", [None, hp.qlognormal("dtree_max_depth_int", 3, 1, 1)]
            ),
            "min_samples_split": hp.qlognormal("dtree_min_samples_split", 2, 1, 1),
        },
    ],
)


def build(params):
    kind = params.pop("type")
    if kind == "naive_bayes":
        return GaussianNB()
    if kind == "svm":
        kernel = params.pop("kernel")
        if kernel["ktype"] == "rbf":
            return SVC(C=params["C"], kernel="rbf", gamma=1.0 / kernel["width"])
        return SVC(C=params["C"], kernel="linear")
    depth = params["max_depth"]
    return DecisionTreeClassifier(
        criterion=params["criterion"],
        max_depth=None if depth is None else int(depth),
        min_samples_split=max(2, int(params["min_samples_split"])),
    )


def objective(params):
    X, y = load_digits(return_X_y=True)
    accuracy = cross_val_score(build(dict(params)), X, y, cv=3).mean()
    return {"loss": -accuracy, "status": STATUS_OK}


if __name__ == "__main__":
    best = fmin(objective, space, algo=tpe.suggest, max_evals=100)
    print(best)
