"""How explanations name claims and numbers for a reader: shortened text and the id."""

from __future__ import annotations

import textwrap

from ..model import ArgMap
from .bipolar import Inference, Unsupported

QUOTE_WIDTH = 64


def shorten(text: str, width: int = QUOTE_WIDTH) -> str:
    """``text`` on one line, cut at a word boundary to at most ``width`` characters."""
    flat = " ".join(str(text).split())
    if len(flat) <= width:
        return flat
    cut = flat[:width - 1]
    if " " in cut[width // 2:]:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:.") + "…"


def quote(amap: ArgMap, node) -> str:
    """A claim as a reader meets it: “its shortened text” (its-id).  An inference is named
    by the claim it starts from; a claim without text by its id alone."""
    if isinstance(node, Inference):
        node = node.source
    text = amap.claim(node).get("text") if node in amap else None
    return f"“{shorten(text)}” ({node})" if text and text != node else f"“{node}”"


def wrap(text: str, width: int) -> str:
    """``text`` wrapped to ``width`` columns; a ``- `` bullet line keeps its indentation
    and hangs its continuation lines under its first word."""
    out = []
    for line in text.split("\n"):
        stripped = line.lstrip(" ")
        indent = line[:len(line) - len(stripped)]
        hang = indent + ("  " if stripped.startswith("- ") else "")
        out.append(textwrap.fill(line, width, initial_indent="", subsequent_indent=hang,
                                 break_long_words=False, break_on_hyphens=False)
                   if line.strip() else "")
    return "\n".join(out)


def describe(amap: ArgMap, node) -> str:
    """Any argument of a flattened map, claims quoted: a claim, ``the inference from
    “S” (s) to c``, or the lack of support an auxiliary argument stands for.  ``node`` may
    be the argument or its name."""
    if isinstance(node, str) and node not in amap:
        node = parse(amap, node)
    if isinstance(node, Inference):
        return f"the inference from {quote(amap, node.source)} to {node.target}"
    if isinstance(node, Unsupported):
        if isinstance(node.claim, Inference):
            return f"the absence of {quote(amap, node.claim.source)}"
        return f"the lack of a standing supporter for {node.claim}"
    return quote(amap, node)


def parse(amap: ArgMap, name: str):
    """The argument a name from ``str()`` of an ``Inference``/``Unsupported`` stands for."""
    if name.startswith("unsupported(") and name.endswith(")"):
        return Unsupported(parse(amap, name[len("unsupported("):-1]))
    if "->" in name:
        source, target = name.split("->", 1)
        if source in amap and target in amap:
            return Inference(source, target, "")
    return name


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``1 objection``, ``2 objections``."""
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"


def listing(items: list[str], conjunction: str = "and") -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
