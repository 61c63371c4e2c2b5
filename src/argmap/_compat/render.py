"""Moved to ``argmap.drawing.graphviz``; this old import path re-exports it."""

from argmap.drawing.graphviz import *  # noqa: F403
