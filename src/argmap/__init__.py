"""argmap: map policy debates as argument graphs.

    >>> import argmap
    >>> amap = argmap.load("arguments/illinois-detainers.yaml")
    >>> amap.graph            # a networkx.MultiDiGraph
"""

import os

from .errors import (
    ArgmapError,
    EditError,
    EvaluationError,
    FormatError,
    Location,
    ParseError,
    RenderError,
    ValidationError,
)
from .model import ArgMap, Relation

__all__ = ["ArgMap", "Relation", "ArgmapError", "ParseError", "ValidationError", "FormatError",
           "RenderError", "EditError", "EvaluationError", "Location", "load", "loads", "dump",
           "dumps", "to_pydot"]

__version__ = "0.1.0"

# Modules that moved keep their old import paths (argmap.layout, argmap.render ...): they
# are found in _compat/, which re-exports their new homes.
__path__.append(os.path.join(os.path.dirname(__file__), "_compat"))


def __getattr__(name):
    # The reader/writer registry imports every format module; defer it until asked for.
    if name in ("load", "loads", "dump", "dumps"):
        from . import pipeline
        return getattr(pipeline, name)
    if name == "to_pydot":
        from .drawing.dot import to_pydot
        return to_pydot
    raise AttributeError(name)
