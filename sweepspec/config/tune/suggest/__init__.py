"""Ray Tune's pre-2.0 searcher paths (``ray.tune.suggest``), as the seed used them."""

from __future__ import annotations
