"""Moved to ``argmap.drawing.dot``; this old import path re-exports it."""

from argmap.drawing.dot import *  # noqa: F403
