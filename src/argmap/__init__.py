"""argmap: map policy debates as argument graphs.

    >>> import argmap
    >>> amap = argmap.load("arguments/illinois-detainers.yaml")
    >>> amap.graph            # a networkx.MultiDiGraph
"""

import os
from typing import TYPE_CHECKING

from .errors import (
    ArgmapError,
    EditError,
    EvaluationError,
    FileError,
    FormatError,
    Location,
    ParseError,
    RenderError,
    ValidationError,
    ViewError,
)
from .model import ArgMap, Relation

if TYPE_CHECKING:  # what __getattr__ loads on first use, for type checkers to see
    from .drawing.dot import to_pydot
    from .pipeline import dump, dumps, load, loads

__all__ = ["ArgMap", "Relation", "ArgmapError", "FileError", "ParseError", "ValidationError",
           "FormatError", "ViewError", "RenderError", "EditError", "EvaluationError", "Location",
           "load", "loads", "dump", "dumps", "to_pydot"]

__version__ = "0.1.0"

# Modules that moved keep their old import paths (argmap.layout, argmap.render ...): they
# are found in _compat/, which re-exports their new homes.
__path__.append(os.path.join(os.path.dirname(__file__), "_compat"))


_FROM_PIPELINE = ("load", "loads", "dump", "dumps")


def __getattr__(name):
    # The reader/writer registry imports every format module; defer it until asked for.
    if name in _FROM_PIPELINE:
        from . import pipeline
        return getattr(pipeline, name)
    if name == "to_pydot":
        from .drawing.dot import to_pydot
        return to_pydot
    raise AttributeError(f"module 'argmap' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_FROM_PIPELINE) | {"to_pydot"})
