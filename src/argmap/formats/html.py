"""The interactive HTML page (``argmap.web.page``), registered as a format so that
``export -o map.html``, ``--to html`` and ``argmap.dumps(amap, "html")`` all write it."""

from __future__ import annotations

from ..model import ArgMap
from . import Format


def write(amap: ArgMap, **options) -> str:
    from ..web.page import page  # the page pulls in the drawing machinery: only when asked
    return page(amap, **options)


FORMATS = [Format("html", (".html", ".htm"), "interactive HTML page (self-contained, offline)",
                  write=write, diagram=True)]
