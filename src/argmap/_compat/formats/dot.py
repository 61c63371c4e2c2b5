"""Moved to ``argmap.drawing.dot`` (the writer) and ``argmap.drawing.diagram`` (what it
draws); this old import path re-exports both."""

from argmap.drawing.diagram import *  # noqa: F403
from argmap.drawing.dot import *  # noqa: F403
