"""Which claims stand: Dung extensions and labellings, gradual strengths, explanations.

    >>> from argmap.evaluate import evaluate, explain, annotate
    >>> result = evaluate(amap, "grounded")           # labels: claim -> in/out/undec
    >>> result = evaluate(amap, "dfquad")             # strengths: claim -> float
    >>> print(explain(amap, "honor", "grounded").render())
    >>> flips(amap, "honor")                          # the claim sets whose removal flips it

See docs/evaluation.md for the semantics, the support readings and undercut reification.
"""

from .bipolar import DEFAULT_SUPPORT, SUPPORT_READINGS
from .core import (
    ENGINES,
    EXTENSION_SEMANTICS,
    SEMANTICS,
    Evaluation,
    annotate,
    by_perspective,
    evaluate,
    lens,
)
from .explain import Explanation, explain

__all__ = ["SEMANTICS", "EXTENSION_SEMANTICS", "SUPPORT_READINGS", "DEFAULT_SUPPORT",
           "ENGINES", "Evaluation", "evaluate", "lens", "by_perspective", "annotate",
           "explain", "Explanation"]
