"""The pipeline in plain sight: read (a format) -> derive (sides) -> check -> transform
(views, evaluation) -> write (a format).

``load``/``loads`` and ``dump``/``dumps`` are the file-level API (``argmap.load`` ...),
``check_file`` the checking of one file, ``render_map`` and ``export`` the whole way from
one file to another in one call."""

from __future__ import annotations

import gc
import os
import re
from contextlib import contextmanager

from .check import check_evidence, check_map, raise_for_errors, unwritable
from .drawing.pages import Pages, page_path
from .errors import ArgmapError, Diagnostic, FileError, FormatError, Location, ParseError
from .fileio import atomic_write, read_text
from . import model
from .model import ArgMap
from .registry import Format, format_for_reading, format_for_writing, get_format
from .views import apply_views


def loads(text: str, format: str = "yaml", path: str | None = None, *,
          validate: bool = True) -> ArgMap:
    """Parse ``text`` in ``format`` into a map, checked exactly as ``load`` checks a file
    (``validate=False``: only read, sides derived)."""
    fmt = get_format(format)
    if fmt.read is None:
        raise FormatError(f"argmap cannot read {fmt.name} files")
    _refuse_lone_surrogate(text, path)
    with gc_paused():
        return _checked(fmt.read(text, path), fmt, validate)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_lone_surrogate(text: str, path: str | None) -> None:
    """A file decoded as UTF-8 cannot hold a lone surrogate, but a string handed to
    ``loads`` can, and no reader or writer can encode one: refused here, where it is."""
    found = _LONE_SURROGATE.search(text)
    if found:
        raise ParseError(f"the text holds U+{ord(found.group()):04X}, a lone surrogate, "
                         "which no file can hold", Location.at(text, found.start(), path))


def read_map(path: str | os.PathLike, format: str | None = None) -> tuple[ArgMap, Format]:
    """The map in ``path`` exactly as read (unchecked, sides not derived) and the format it
    was read as, which says how to check it.  The file is read once."""
    text = read_text(path)
    fmt = format_for_reading(path, text, format)
    assert fmt.read is not None  # format_for_reading picks only formats argmap can read
    with gc_paused():
        amap = fmt.read(text, str(path))
    amap.path = str(path)
    return amap, fmt


def load(path: str | os.PathLike, format: str | None = None, *, validate: bool = True) -> ArgMap:
    """Read a map from ``path`` (format from ``format``, the suffix or the content).

    With ``validate`` (the default) a map with errors raises ``ValidationError`` carrying
    every diagnostic, so nothing downstream works on a broken map."""
    amap, fmt = read_map(path, format)
    with gc_paused():
        return _checked(amap, fmt, validate)


def _checked(amap: ArgMap, fmt: Format, validate: bool) -> ArgMap:
    conflicts = amap.derive_sides()
    if validate:
        raise_for_errors(amap, abstract=fmt.abstract, self_attack=fmt.self_attack,
                         side_conflicts=conflicts)
    return amap


@contextmanager
def gc_paused():
    """Reading builds millions of small acyclic objects (parse nodes, attribute dicts) that
    reference counting frees; the cyclic collector's repeated scans of them made a
    100,000-claim load four times slower (docs/big-maps.md), so it waits until the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def dumps(amap: ArgMap, format: str = "yaml", *, semantics: str | None = None,
          view: dict | None = None, **options) -> str | bytes | Pages:
    """``amap`` written in ``format``: ``semantics`` evaluates it first and ``view`` cuts
    part of it out, as for ``argmap export`` (``prepare``); ``options`` go to the writer
    (the drawing options of diagram formats; SVG and PNG drawn with ``page`` are ``Pages``)."""
    fmt = get_format(format)
    if fmt.write is None:
        raise FormatError(f"argmap cannot write {fmt.name} files")
    amap = prepare(amap, semantics, view)
    refuse_unwritable(amap, fmt)
    return fmt.write(amap, **options)


def dump(amap: ArgMap, path: str | os.PathLike, format: str | None = None, *,
         semantics: str | None = None, view: dict | None = None, **options) -> None:
    """Write ``amap`` to ``path`` atomically (the whole output is made before the file is
    touched, so a failure leaves any existing file as it was); options as for ``dumps``,
    and what the format writes for the file's place (``Format.placed``).  Pages go one file
    each, named by ``argmap.drawing.pages.page_path``."""
    fmt = format_for_writing(path, format)
    if fmt.placed is not None:
        options = {**fmt.placed(str(path)), **options}
    _write(path, dumps(amap, fmt.name, semantics=semantics, view=view, **options))


def _write(path: str | os.PathLike, data: str | bytes | Pages, force: bool = False) -> None:
    if isinstance(data, Pages):
        for number, page in enumerate(data, 1):
            atomic_write(page_path(path, number), page, force=force)
    else:
        atomic_write(path, data, force=force)


def refuse_unwritable(amap: ArgMap, fmt: Format) -> None:
    """``FormatError`` for a map no file of ``fmt`` could hold so that argmap reads it back:
    a character no output can carry, or (``slug_ids``) a claim id that is not a slug.
    Maps read by argmap never have these (readers refuse the one and slug the other);
    maps built in code may."""
    if fmt.slug_ids:
        from .formats.native._syntax import SLUG
        for cid in amap.graph:
            if not (isinstance(cid, str) and SLUG.match(cid)):
                raise FormatError(f"claim id {cid!r} is not a slug (letters, digits, '_' and "
                                  f"'-'), which {fmt.name} files need")
    for message, _ in unwritable(amap):
        raise FormatError(f"cannot write {fmt.name}: {message}")


def check_file(path: str | os.PathLike, format: str | None = None,
               lints: bool = False) -> list[Diagnostic]:
    """Every diagnostic for one file: read errors (all of them where the reader can go on)
    followed by map checks, quotes looked up in their sources' documents, and with
    ``lints`` the lints the file does not silence."""
    try:
        amap, fmt = read_map(path, format)
    except ArgmapError as exc:
        return exc.problems
    return check_map(amap, fmt.abstract, fmt.self_attack) + check_evidence(amap, lints)


PAGED = ("svg", "png", "pdf")  # the formats drawn on pages


def render_map(amap: ArgMap, to: str, *, semantics: str | None = None,
               view: dict | None = None, placed: dict | None = None,
               **drawing) -> str | bytes | Pages:
    """``amap`` written as format ``to``; ``semantics`` evaluates it first so the output
    carries each claim's status or strength (of the whole map, before ``view`` cuts out
    part of it: see ``argmap.views.apply_views``); ``drawing`` options go to diagram
    formats, ``placed`` options to any format (see ``Format.placed``)."""
    fmt = get_format(to)
    if drawing and not fmt.diagram:
        names = ", ".join(sorted(drawing))
        raise FormatError(f"{names} only apply to diagram formats, not {fmt.name}")
    if "page" in drawing and fmt.name not in PAGED:
        raise FormatError(f"pages are drawn as {', '.join(PAGED)}, not {fmt.name}")
    if view and fmt.name in PAGED:
        drawing.setdefault("overview", False)  # a view is already the part asked for
    return dumps(amap, fmt.name, semantics=semantics, view=view, **(placed or {}), **drawing)


def prepare(amap: ArgMap, semantics: str | None = None, view: dict | None = None) -> ArgMap:
    """``amap`` evaluated under ``semantics`` (each claim gets its status or strength, of
    the whole map) and then cut down to ``view`` (``argmap.views.apply_views``)."""
    if semantics:
        from .evaluate import annotate
        annotate(amap, semantics)
    if view:
        amap = apply_views(amap, **view)
    return amap


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
        raise FileError("the output is the input file: export would replace it (and its "
                        "comments) with a generated copy; use 'argmap fmt' to reformat",
                        output)
    amap = load(source, from_format)
    placed = fmt.placed(str(output)) if fmt.placed and output is not None and \
        str(output) != "-" else None
    data = render_map(amap, fmt.name, semantics=semantics, view=view, placed=placed,
                      **drawing)
    if isinstance(data, Pages) and (output is None or str(output) == "-"):
        raise FormatError(f"{fmt.name} pages are written one file each: give -o FILE "
                          f"(FILE-1.{fmt.name}, FILE-2.{fmt.name}, ...)")
    if output is not None and str(output) != "-":
        _write(output, data, force)
    return data


def _same_file(first: str | os.PathLike, second: str | os.PathLike) -> bool:
    try:
        return os.path.samefile(first, second)
    except OSError:  # either is missing: they cannot be the same file
        return False


def _notebook_svg(amap: ArgMap) -> bytes:
    drawn = dumps(amap, "svg")
    assert isinstance(drawn, bytes)  # without ``page``, one drawing
    return drawn


model.draw_svg = _notebook_svg
