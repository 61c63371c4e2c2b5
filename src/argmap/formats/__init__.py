"""One module per file format; each defines ``FORMATS`` for ``argmap.registry`` to find.

Names that used to live here keep working: the registry's (``Format``, ``get_format``,
``formats`` ...) and the file-level API now in ``argmap.pipeline`` (``load``, ``dumps``
...)."""

from __future__ import annotations

import os

from ..pipeline import dump, dumps, load, loads, read_map
from ..registry import Format, format_for_reading, format_for_writing, formats, get_format

__all__ = ["Format", "formats", "get_format", "format_for_reading", "format_for_writing",
           "load", "loads", "read_map", "dump", "dumps"]

# Modules that moved keep their old import paths (argmap.formats.dot): see argmap._compat.
__path__.append(os.path.join(os.path.dirname(__file__), os.pardir, "_compat", "formats"))
