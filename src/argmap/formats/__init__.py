"""The format registry: one module per format in this package, discovered here.

Each format module defines ``FORMATS``, a list of ``Format`` values.  Adding a format means
adding one module; nothing else needs to change.  The pipeline is always
read (format) -> ``ArgMap`` -> transform -> write (format)."""

from __future__ import annotations

import gc
import importlib
import os
import pkgutil
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import FormatError, Location
from ..fileio import atomic_write, read_text
from ..model import ArgMap


@dataclass(frozen=True)
class Format:
    """A file format argmap can read and/or write.

    ``read(text, path)`` returns an ``ArgMap``; ``write(amap, **options)`` returns ``str``
    (text formats) or ``bytes`` (``binary``).  ``sniff(text)`` says whether content looks
    like this format, for files whose suffix does not tell.  ``diagram`` formats take the
    drawing options (``group_by``, ``color_by``, ``rankdir`` ...).  ``abstract`` formats
    hold Dung frameworks: no thesis, and an argument may attack itself; in
    ``self_attack`` formats a claim may rebut itself (the map still needs a thesis)."""

    name: str
    suffixes: tuple[str, ...]
    description: str
    read: Callable[..., ArgMap] | None = None
    write: Callable[..., str | bytes] | None = None
    sniff: Callable[[str], bool] | None = None
    binary: bool = False
    diagram: bool = False
    abstract: bool = False
    self_attack: bool = False
    aliases: tuple[str, ...] = field(default=())


_REGISTRY: dict[str, Format] = {}
_HERE = os.path.dirname(__file__)
# Modules that moved keep their old import paths (argmap.formats.dot): see argmap._compat.
__path__.append(os.path.join(_HERE, os.pardir, "_compat", "formats"))


def _discover() -> dict[str, Format]:
    if not _REGISTRY:
        for info in sorted(pkgutil.iter_modules([_HERE]), key=lambda i: i.name):
            module = importlib.import_module(f"{__name__}.{info.name}")
            for fmt in getattr(module, "FORMATS", ()):
                for name in (fmt.name, *fmt.aliases):
                    if name in _REGISTRY:
                        raise RuntimeError(f"format {name!r} registered twice")
                    _REGISTRY[name] = fmt
    return _REGISTRY


def formats() -> list[Format]:
    """Every registered format, once each, by name."""
    unique = {fmt.name: fmt for fmt in _discover().values()}
    return [unique[name] for name in sorted(unique)]


def get_format(name: str) -> Format:
    registry = _discover()
    try:
        return registry[name.lower().lstrip(".")]
    except KeyError:
        known = ", ".join(sorted(fmt.name for fmt in formats()))
        raise FormatError(f"unknown format {name!r} (known: {known})") from None


def _by_suffix(path: str | os.PathLike) -> Format | None:
    name = Path(path).name.lower()
    matches = [(len(suffix), fmt) for fmt in formats() for suffix in fmt.suffixes
               if name.endswith(suffix)]
    return max(matches, key=lambda m: m[0])[1] if matches else None


def format_for_reading(path: str | os.PathLike, text: str, explicit: str | None = None) -> Format:
    """The input format: ``explicit`` if given, else the suffix, else sniffed content."""
    if explicit:
        fmt = get_format(explicit)
    else:
        fmt = _by_suffix(path)
        if fmt is None or fmt.read is None:
            sniffed = [f for f in formats() if f.read and f.sniff and f.sniff(text)]
            if not sniffed:
                raise FormatError("cannot tell the input format from the file name or "
                                  "content; use --from", Location(str(path)))
            fmt = sniffed[0]
    if fmt.read is None:
        raise FormatError(f"argmap cannot read {fmt.name} files", Location(str(path)))
    return fmt


def format_for_writing(path: str | os.PathLike | None, explicit: str | None = None) -> Format:
    """The output format: ``explicit`` if given, else the output file's suffix."""
    if explicit:
        fmt = get_format(explicit)
    elif path is None or str(path) == "-":
        raise FormatError("writing to standard output needs --to FORMAT")
    else:
        fmt = _by_suffix(path)
        if fmt is None:
            raise FormatError(f"cannot tell the output format from {str(path)!r}; use --to")
    if fmt.write is None:
        raise FormatError(f"argmap cannot write {fmt.name} files")
    return fmt


def loads(text: str, format: str = "yaml", path: str | None = None) -> ArgMap:
    """Parse ``text`` in ``format`` into a map, without checking it."""
    fmt = get_format(format)
    if fmt.read is None:
        raise FormatError(f"argmap cannot read {fmt.name} files")
    return fmt.read(text, path)


def read_map(path: str | os.PathLike, format: str | None = None) -> tuple[ArgMap, Format]:
    """The map in ``path`` exactly as read (unchecked, sides not derived) and the format it
    was read as, which says how to check it.  The file is read once."""
    text = read_text(path)
    fmt = format_for_reading(path, text, format)
    with _gc_paused():
        amap = fmt.read(text, str(path))
    amap.path = str(path)
    return amap, fmt


def load(path: str | os.PathLike, format: str | None = None, *, validate: bool = True) -> ArgMap:
    """Read a map from ``path`` (format from ``format``, the suffix or the content).

    With ``validate`` (the default) a map with errors raises ``ValidationError`` carrying
    every diagnostic, so nothing downstream works on a broken map."""
    amap, fmt = read_map(path, format)
    with _gc_paused():
        if validate:
            from ..check import raise_for_errors
            raise_for_errors(amap, abstract=fmt.abstract, self_attack=fmt.self_attack)
        else:
            amap.derive_sides()
    return amap


@contextmanager
def _gc_paused():
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


def dumps(amap: ArgMap, format: str = "yaml", **options) -> str | bytes:
    fmt = get_format(format)
    if fmt.write is None:
        raise FormatError(f"argmap cannot write {fmt.name} files")
    return fmt.write(amap, **options)


def dump(amap: ArgMap, path: str | os.PathLike, format: str | None = None, **options) -> None:
    """Write ``amap`` to ``path`` atomically (the whole output is made before the file is
    touched, so a failure leaves any existing file as it was)."""
    fmt = format_for_writing(path, format)
    atomic_write(path, fmt.write(amap, **options))
