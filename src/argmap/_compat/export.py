"""Moved to ``argmap.pipeline``; this old import path re-exports it."""

from argmap.pipeline import *  # noqa: F403
