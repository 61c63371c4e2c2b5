"""Modules that moved keep their old import paths, giving the very same objects."""

from __future__ import annotations

import importlib

import pytest

MOVED = [("argmap.layout", "argmap.drawing.layout"), ("argmap.render", "argmap.drawing.graphviz"),
         ("argmap.export", "argmap.pipeline"), ("argmap.formats.dot", "argmap.drawing.dot"),
         ("argmap.formats.dot", "argmap.drawing.diagram")]


@pytest.mark.parametrize(("old", "new"), MOVED)
def test_old_import_path_re_exports_the_new_module(old, new):
    before, after = importlib.import_module(old), importlib.import_module(new)
    public = [name for name in vars(after) if not name.startswith("_")
              and getattr(getattr(after, name), "__module__", None) == after.__name__]
    assert public
    for name in public:
        assert getattr(before, name) is getattr(after, name), name


def test_registry_does_not_list_moved_modules_as_formats():
    from argmap.formats import formats
    names = [fmt.name for fmt in formats()]
    assert len(names) == len(set(names)) and "dot" in names
