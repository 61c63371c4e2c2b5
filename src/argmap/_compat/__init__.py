"""Old import paths of modules that moved, kept working as re-exports.

``argmap`` and ``argmap.formats`` add this folder (and ``formats/`` here) to their
``__path__``, so ``import argmap.layout`` finds ``layout.py`` here, which re-exports
``argmap.drawing.layout``.  New code imports the new homes; tests/test_compat.py checks
every old path still gives the same objects."""
