"""Ray Tune 2.x searchers (``ray.tune.search``), as data."""

from __future__ import annotations

from typing import Any

from ...components import Component


class BasicVariantGenerator(Component):
    spec_type = "variant_generator"

    def __init__(
        self,
        points_to_evaluate: list[dict[str, Any]] | None = None,
        max_concurrent: int = 0,
        constant_grid_search: bool = False,
        random_state: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            points_to_evaluate=points_to_evaluate,
            max_concurrent=max_concurrent,
            constant_grid_search=constant_grid_search,
            random_state=random_state,
            kwargs=kwargs,
        )


class HyperOptSearch(Component):
    spec_type = "hyperopt"

    def __init__(
        self,
        space: Any = None,
        metric: str | None = None,
        mode: str | None = None,
        points_to_evaluate: list[dict[str, Any]] | None = None,
        n_initial_points: int = 20,
        random_state_seed: int | None = None,
        gamma: float = 0.25,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            space=space,
            metric=metric,
            mode=mode,
            points_to_evaluate=points_to_evaluate,
            n_initial_points=n_initial_points,
            random_state_seed=random_state_seed,
            gamma=gamma,
            kwargs=kwargs,
        )


class BayesOptSearch(Component):
    spec_type = "bayesopt"
    _not_data = ("analysis",)

    def __init__(
        self,
        space: Any = None,
        metric: str | None = None,
        mode: str | None = None,
        points_to_evaluate: list[dict[str, Any]] | None = None,
        utility_kwargs: dict[str, Any] | None = None,
        random_state: int = 42,
        random_search_steps: int = 10,
        verbose: int = 0,
        patience: int = 5,
        skip_duplicate: bool = True,
        analysis: Any = None,
        repeat_float_precision: int = 5,
    ) -> None:
        super().__init__(
            space=space,
            metric=metric,
            mode=mode,
            points_to_evaluate=points_to_evaluate,
            utility_kwargs=utility_kwargs,
            random_state=random_state,
            random_search_steps=random_search_steps,
            verbose=verbose,
            patience=patience,
            skip_duplicate=skip_duplicate,
            analysis=analysis,
            repeat_float_precision=repeat_float_precision,
        )


class NevergradSearch(Component):
    spec_type = "nevergrad"

    def __init__(
        self,
        optimizer: Any = None,
        optimizer_kwargs: dict[str, Any] | None = None,
        space: Any = None,
        metric: str | None = None,
        mode: str | None = None,
        points_to_evaluate: list[dict[str, Any]] | None = None,
    ) -> None:
        name = (
            optimizer
            if optimizer is None or isinstance(optimizer, str)
            else getattr(optimizer, "__name__", type(optimizer).__name__)
        )
        super().__init__(
            optimizer=name,
            optimizer_kwargs=optimizer_kwargs,
            space=space,
            metric=metric,
            mode=mode,
            points_to_evaluate=points_to_evaluate,
        )


class SkOptSearch(Component):
    spec_type = "skopt"
    _not_data = ("optimizer",)

    def __init__(
        self,
        optimizer: Any = None,
        space: Any = None,
        metric: str | None = None,
        mode: str | None = None,
        points_to_evaluate: list[dict[str, Any]] | None = None,
        evaluated_rewards: list[float] | None = None,
        convert_to_python: bool = True,
    ) -> None:
        super().__init__(
            optimizer=optimizer,
            space=space,
            metric=metric,
            mode=mode,
            points_to_evaluate=points_to_evaluate,
            evaluated_rewards=evaluated_rewards,
            convert_to_python=convert_to_python,
        )


class AxSearch(Component):
    spec_type = "ax"
    _not_data = ("ax_client",)

    def __init__(
        self,
        space: Any = None,
        metric: str | None = None,
        mode: str | None = None,
        points_to_evaluate: list[dict[str, Any]] | None = None,
        parameter_constraints: list[str] | None = None,
        outcome_constraints: list[str] | None = None,
        ax_client: Any = None,
        **ax_kwargs: Any,
    ) -> None:
        super().__init__(
            space=space,
            metric=metric,
            mode=mode,
            points_to_evaluate=points_to_evaluate,
            parameter_constraints=parameter_constraints,
            outcome_constraints=outcome_constraints,
            ax_client=ax_client,
            ax_kwargs=ax_kwargs or None,
        )


class TuneBOHB(Component):
    spec_type = "bohb"

    def __init__(
        self,
        space: Any = None,
        bohb_config: dict[str, Any] | None = None,
        metric: str | None = None,
        mode: str | None = None,
        points_to_evaluate: list[dict[str, Any]] | None = None,
        seed: int | None = None,
        max_concurrent: int = 0,
    ) -> None:
        super().__init__(
            space=space,
            bohb_config=bohb_config,
            metric=metric,
            mode=mode,
            points_to_evaluate=points_to_evaluate,
            seed=seed,
            max_concurrent=max_concurrent,
        )


class OptunaSearch(Component):
    spec_type = "optuna"

    def __init__(
        self,
        space: Any = None,
        metric: str | None = None,
        mode: str | None = None,
        points_to_evaluate: list[dict[str, Any]] | None = None,
        sampler: Any = None,
        study_name: str | None = None,
        storage: str | None = None,
        seed: int | None = None,
        evaluated_rewards: list[float] | None = None,
    ) -> None:
        name = sampler if sampler is None or isinstance(sampler, str) else type(sampler).__name__
        super().__init__(
            space=space,
            metric=metric,
            mode=mode,
            points_to_evaluate=points_to_evaluate,
            sampler=name,
            study_name=study_name,
            storage=storage,
            seed=seed,
            evaluated_rewards=evaluated_rewards,
        )


class HEBOSearch(Component):
    spec_type = "hebo"

    def __init__(
        self,
        space: Any = None,
        metric: str | None = None,
        mode: str | None = None,
        points_to_evaluate: list[dict[str, Any]] | None = None,
        evaluated_rewards: list[float] | None = None,
        random_state_seed: int | None = None,
        max_concurrent: int = 8,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            space=space,
            metric=metric,
            mode=mode,
            points_to_evaluate=points_to_evaluate,
            evaluated_rewards=evaluated_rewards,
            random_state_seed=random_state_seed,
            max_concurrent=max_concurrent,
            kwargs=kwargs,
        )


class ZOOptSearch(Component):
    spec_type = "zoopt"

    def __init__(
        self,
        algo: str = "asracos",
        budget: int | None = None,
        dim_dict: dict[str, Any] | None = None,
        metric: str | None = None,
        mode: str | None = None,
        points_to_evaluate: list[dict[str, Any]] | None = None,
        parallel_num: int = 1,
        **kwargs: Any,
    ) -> None:
        super().__init__(
            algo=algo,
            budget=budget,
            space=dim_dict,
            metric=metric,
            mode=mode,
            points_to_evaluate=points_to_evaluate,
            parallel_num=parallel_num,
            kwargs=kwargs,
        )


__all__ = [
    "AxSearch",
    "BasicVariantGenerator",
    "BayesOptSearch",
    "HEBOSearch",
    "HyperOptSearch",
    "NevergradSearch",
    "OptunaSearch",
    "SkOptSearch",
    "TuneBOHB",
    "ZOOptSearch",
]
