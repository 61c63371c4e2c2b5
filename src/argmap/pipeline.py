"""The whole pipeline in one call: read (any format) -> map -> evaluate -> write (any format)."""

from __future__ import annotations

import os

from .drawing.pages import Pages, page_path
from .errors import ArgmapError, FormatError, Location
from .fileio import atomic_write
from .formats import dumps, format_for_writing, get_format, load
from .model import ArgMap
from .views import apply_views

PAGED = ("svg", "png", "pdf")  # the formats drawn on pages


def render_map(amap: ArgMap, to: str, *, semantics: str | None = None,
               view: dict | None = None, **drawing) -> str | bytes:
    """``amap`` written as format ``to``; ``semantics`` evaluates it first so the output
    carries each claim's status or strength (of the whole map, before ``view`` cuts out
    part of it: see ``argmap.views.apply_views``); ``drawing`` options go to diagram
    formats."""
    fmt = get_format(to)
    if semantics:
        from .evaluate import annotate
        annotate(amap, semantics)
    if view:
        amap = apply_views(amap, **view)
    if drawing and not fmt.diagram:
        names = ", ".join(sorted(drawing))
        raise FormatError(f"{names} only apply to diagram formats, not {fmt.name}")
    if "page" in drawing and fmt.name not in PAGED:
        raise FormatError(f"pages are drawn as {', '.join(PAGED)}, not {fmt.name}")
    if view and fmt.name in PAGED:
        drawing.setdefault("overview", False)  # a view is already the part asked for
    return dumps(amap, fmt.name, **drawing)


def export(source: str | os.PathLike, output: str | os.PathLike | None, *,
           from_format: str | None = None, to: str | None = None,
           semantics: str | None = None, view: dict | None = None, force: bool = False,
           **drawing) -> str | bytes | Pages:
    """Convert or draw ``source`` into ``output`` (``None`` or ``"-"``: only return it).
    SVG and PNG drawn on pages (``page=...``) go one file per page, named by
    ``argmap.drawing.pages.page_path``.

    Everything is produced before ``output`` is touched, so a failure writes nothing;
    ``force`` replaces a read-only output (``argmap.fileio.atomic_write``)."""
    fmt = format_for_writing(output, to)
    if output is not None and str(output) != "-" and _same_file(source, output):
        raise ArgmapError("the output is the input file: export would replace it (and its "
                          "comments) with a generated copy; use 'argmap fmt' to reformat",
                          Location(str(output)))
    amap = load(source, from_format)
    data = render_map(amap, fmt.name, semantics=semantics, view=view, **drawing)
    if isinstance(data, Pages):
        if output is None or str(output) == "-":
            raise ArgmapError(f"{fmt.name} pages are written one file each: give -o FILE "
                              f"(FILE-1.{fmt.name}, FILE-2.{fmt.name}, ...)")
        for number, page in enumerate(data, 1):
            atomic_write(page_path(output, number), page, force=force)
    elif output is not None and str(output) != "-":
        atomic_write(output, data, force=force)
    return data


def _same_file(first: str | os.PathLike, second: str | os.PathLike) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:  # either is missing: they cannot be the same file
        return False
