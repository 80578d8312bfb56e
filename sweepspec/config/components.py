"""Search algorithms and schedulers as data, with Ray Tune's constructor signatures."""

from __future__ import annotations

import inspect
import warnings
from typing import Any


class Component:
    """A searcher or scheduler call: its spec ``type`` and the options that differ from Ray's
    defaults. Arguments a spec cannot hold (objects, callables) are warned about by name."""

    spec_type = ""
    kind = "search_alg"
    _not_data: tuple[str, ...] = ()

    def __init__(self, **arguments: Any) -> None:
        self.space: Any = arguments.pop("space", None)
        self.metric: str | None = arguments.pop("metric", None)
        self.mode: str | None = arguments.pop("mode", None)
        extra = arguments.pop("kwargs", None) or {}
        defaults = {
            name: p.default
            for name, p in inspect.signature(type(self).__init__).parameters.items()
            if p.default is not inspect.Parameter.empty
        }
        self.options: dict[str, Any] = {}
        for name, value in {**arguments, **extra}.items():
            if name in self._not_data or name in extra:
                if value is not None:
                    warnings.warn(
                        f"{type(self).__name__}: `{name}` cannot be saved in a sweep "
                        "and is left out",
                        UserWarning,
                        stacklevel=3,
                    )
                continue
            if name in defaults and _same(value, defaults[name]):
                continue
            self.options[name] = list(value) if isinstance(value, tuple) else value


def _same(a: Any, b: Any) -> bool:
    return (list(a) if isinstance(a, tuple) else a) == (list(b) if isinstance(b, tuple) else b)
