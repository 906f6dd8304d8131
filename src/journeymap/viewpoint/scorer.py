"""The learned part of the viewpoint check: a linear model over a label's features, scored in plain Python.

The weights are trained by training/viewpoint/train.py on hand-checked real labels (data/DATACARD.md says which) and
shipped as data/model.json: a bias, one weight per feature, and per language the scores from which a label is a
warning (JM303) or, when the model is very sure, an error (JM301). Scoring is a sum and a logistic: no library.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Final

MODEL_FORMAT: Final = 1
MODEL_FILE: Final = "model.json"


@dataclass(frozen=True)
class Thresholds:
    warning: float  # from this probability on, JM303 (possible process step)
    error: float  # from this one on, JM301 (the model is very sure)


@dataclass(frozen=True, eq=False)
class Model:
    bias: float
    weights: Mapping[str, float]
    thresholds: Mapping[str, Thresholds]  # per language
    features_digest: str  # of the code and data the features were computed with (tests compare it)

    def logit(self, features: Mapping[str, float]) -> float:
        weights = self.weights
        return self.bias + sum(value * weights.get(name, 0.0) for name, value in features.items())

    def probability(self, features: Mapping[str, float]) -> float:
        """How likely the label is a company process step, from 0 to 1."""
        z = self.logit(features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0

    def contributions(self, features: Mapping[str, float]) -> dict[str, float]:
        """Each feature's share of the score (value x weight), for the features the model knows."""
        weights = self.weights
        return {name: value * weights[name] for name, value in features.items() if name in weights}


class ModelError(Exception):
    """The shipped model file is missing or not a model of this format: the package is broken."""


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model, read once per process."""
    try:
        text = resources.files("journeymap.viewpoint").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    except OSError as error:
        raise ModelError(f"the viewpoint model is missing from the package ({error})") from error
    return model_from_json(text)


def model_from_json(text: str) -> Model:
    try:
        data = json.loads(text)
        if data.get("format") != MODEL_FORMAT:
            raise ModelError(f"viewpoint model format {data.get('format')!r}, expected {MODEL_FORMAT}")
        thresholds = {
            lang: Thresholds(float(levels["warning"]), float(levels["error"]))
            for lang, levels in data["thresholds"].items()
        }
        weights = {str(name): float(weight) for name, weight in data["weights"].items()}
        return Model(
            bias=float(data["bias"]),
            weights=MappingProxyType(weights),
            thresholds=MappingProxyType(thresholds),
            features_digest=str(data.get("features_digest", "")),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise ModelError(f"the viewpoint model file is not a model: {error}") from error
