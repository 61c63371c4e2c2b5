"""Moved to ``argmap.drawing.layout``; this old import path re-exports it."""

from argmap.drawing.layout import *  # noqa: F403
