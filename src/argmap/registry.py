"""The format registry: one module per format in ``argmap/formats/``, discovered here.

Each format module defines ``FORMATS``, a list of ``Format`` values.  Adding a format means
adding one module; nothing else needs to change.  Which format a file is in is decided
here alone: by name, by suffix, and where a suffix is shared (``.json``, ``.yml``) by the
most specific format whose ``sniff`` accepts the content; readers never hand a file on to
another reader."""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .drawing.pages import Pages
from .errors import FormatError, Location, unknown_name
from .model import ArgMap


@dataclass(frozen=True)
class Format:
    """A file format argmap can read and/or write.

    ``read(text, path)`` returns an ``ArgMap``; ``write(amap, **options)`` returns ``str``
    (text formats) or ``bytes`` (``binary``; ``Pages`` for a drawing cut into pages).
    ``sniff(text)`` says whether content looks like this format, for files whose suffix
    does not tell.  ``diagram`` formats take the drawing options (``group_by``,
    ``color_by``, ``rankdir`` ...).  ``abstract`` formats hold Dung frameworks: no thesis,
    and an argument may attack itself; in
    ``self_attack`` formats a claim may rebut itself (the map still needs a thesis);
    ``slug_ids`` formats write claim ids as they are, so only slugs read back."""

    name: str
    suffixes: tuple[str, ...]
    description: str
    read: Callable[..., ArgMap] | None = None
    write: Callable[..., str | bytes | Pages] | None = None
    sniff: Callable[[str], bool] | None = None
    binary: bool = False
    diagram: bool = False
    abstract: bool = False
    self_attack: bool = False
    slug_ids: bool = False
    aliases: tuple[str, ...] = field(default=())
    # Writer options that depend on where the output goes, given its path (the native
    # format's schema modeline).
    placed: Callable[[str], dict] | None = None


_REGISTRY: dict[str, Format] = {}
_FORMATS = Path(__file__).parent / "formats"


def _discover() -> dict[str, Format]:
    if not _REGISTRY:
        for info in sorted(pkgutil.iter_modules([str(_FORMATS)]), key=lambda i: i.name):
            module = importlib.import_module(f"argmap.formats.{info.name}")
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
        raise unknown_name("format", name, registry, error=FormatError,
                           listed=[fmt.name for fmt in formats()]) from None


def _by_suffix(path: str | os.PathLike) -> Format | None:
    name = Path(path).name.lower()
    matches = [(len(suffix), fmt) for fmt in formats() for suffix in fmt.suffixes
               if name.endswith(suffix)]
    return max(matches, key=lambda m: m[0])[1] if matches else None


def format_for_reading(path: str | os.PathLike, text: str, explicit: str | None = None) -> Format:
    """The input format: ``explicit`` if given, else the one the suffix and the content
    point to (see ``_by_content``), else the most specific format whose ``sniff`` accepts
    the content."""
    fmt: Format | None
    if explicit:
        fmt = get_format(explicit)
    else:
        fmt = _by_content(path, text) or _most_specific(formats(), text)
        if fmt is None:
            raise FormatError("cannot tell the input format from the file name or "
                              "content; use --from", Location(str(path)))
    if fmt.read is None:
        raise FormatError(f"argmap cannot read {fmt.name} files", Location(str(path)))
    return fmt


def _by_content(path: str | os.PathLike, text: str) -> Format | None:
    """Where several readable formats have a suffix ending like the file's (``x.json`` may
    be node-link, AIF or SADFace JSON), the most specific one whose ``sniff`` accepts
    ``text``; otherwise (or when none does) the one whose suffix the name ends with."""
    extension = Path(path).suffix.lower()
    candidates = [fmt for fmt in formats()
                  if fmt.read and extension and any(s.endswith(extension) for s in fmt.suffixes)]
    fmt = _most_specific(candidates, text) if len(candidates) > 1 else None
    if fmt is None:
        fmt = _by_suffix(path)
    return fmt if fmt is not None and fmt.read else None


def _most_specific(candidates: list[Format], text: str) -> Format | None:
    """The readable candidate whose ``sniff`` accepts ``text`` with the longest suffix: a
    format named like ``.aif.json`` refines the generic container its suffix ends in, and
    its sniff is the narrower one."""
    sniffed = [fmt for fmt in candidates if fmt.read and fmt.sniff and fmt.sniff(text)]
    return max(sniffed, key=lambda fmt: max(map(len, fmt.suffixes)), default=None)


def format_for_writing(path: str | os.PathLike | None, explicit: str | None = None) -> Format:
    """The output format: ``explicit`` if given, else the output file's suffix."""
    fmt: Format | None
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
