"""A user's code, type-checked against the installed argmap by tests/test_types.py."""

import argmap

amap: argmap.ArgMap = argmap.load("debate.yaml")
drawn: bytes = argmap.dumps(amap, "svg")  # an error: a drawing may be pages, or text
dot = argmap.to_pydot(amap)
name: int = dot.get_name()  # an error: pydot's own types come through
title: int = amap.title  # an error: a map's title is text, or None
