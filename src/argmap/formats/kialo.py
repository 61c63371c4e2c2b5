"""Kialo's plain-text discussion export (see docs/formats/kialo.md).

::

    Discussion Title: Should cities ban cars?

    1. Cities should ban cars from their centres.
    1.1. Pro: Cars pollute the air.
    1.1.1. Con: Electric cars do not \\(at the tailpipe\\).
    1.2. Con: -> See 1.1.1.

Each item is numbered after its parent; ``Pro`` supports the parent and ``Con`` rebuts it.
``-> See N.`` reuses claim ``N`` under another parent.  Kialo is a tree of pros and cons,
so the writer flattens what a tree cannot hold (see ``outline``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Location, ParseError
from ..model import ArgMap
from . import Format

TITLE = "Discussion Title:"
ITEM = re.compile(r"((?:[0-9]+\.)+)(?: |\Z)(.*)", re.S)
STANCE = re.compile(r"(Pro|Con):(?: |\Z)(.*)", re.S)
LINK = re.compile(r"-> See ((?:[0-9]+\.)+)\s*\Z")
STANCE_OF = {"Pro": "support", "Con": "rebut"}
WORD_OF = {"support": "Pro", "rebut": "Con", "undercut": "Con"}
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_ESCAPE = re.compile(r"([\\()\[\]*_`~])")


def claim_id(number: str) -> str:
    """``1.2.3.`` -> ``k1-2-3``."""
    return "k" + number.rstrip(".").replace(".", "-")


@dataclass
class _Item:
    number: str
    stance: str | None
    text: str
    line: int
    column: int


# -- reading ------------------------------------------------------------------------------
def read(text: str, path: str | None = None) -> ArgMap:
    lines = text.removeprefix("\ufeff").split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the final line break ends the last line; it is not an empty line
    lines = [line.removesuffix("\r") for line in lines]
    amap = ArgMap(path=path)
    start = 0
    if lines and lines[0].startswith(TITLE):
        amap.title = _unescape(lines[0][len(TITLE):].strip())
        start = 1
    items = _items(lines, start, path)
    _build(amap, items, path)
    return amap


def _items(lines: list[str], start: int, path: str | None) -> list[_Item]:
    items: list[_Item] = []
    for index in range(start, len(lines)):
        line, number = lines[index], index + 1
        match = ITEM.match(line)
        if match:
            stance = STANCE.match(match[2]) if match[1].count(".") > 1 else None
            body = stance[2] if stance else match[2]
            column = len(line) - len(body) + 1
            items.append(_Item(match[1], stance[1] if stance else None, body, number, column))
        elif items:
            items[-1].text += "\n" + line
        elif line.strip():
            raise ParseError("expected the first claim, numbered '1.'",
                             Location(path, number, 1))
    if not items:
        raise ParseError("no claims: a Kialo export starts its claims with '1. '",
                         Location(path, len(lines) or 1, 1))
    for item in items:
        parts = item.text.split("\n")
        while len(parts) > 1 and not parts[-1].strip(" \t"):
            parts.pop()  # blank lines before the next item separate, they are not text
        item.text = "\n".join(parts)
    return items


def _build(amap: ArgMap, items: list[_Item], path: str | None) -> None:
    resolved: dict[str, str] = {}  # item number -> claim id (a link's number -> its target)
    last_child: dict[str, int] = {"": 0}
    parents: list[tuple[_Item, str, str]] = []  # (item, its parent's number, its stance)
    links: list[tuple[_Item, str]] = []
    for item in items:
        where = Location(path, item.line, 1)
        parent, _, own = item.number.rstrip(".").rpartition(".")
        parent = f"{parent}." if parent else ""
        if parent and parent not in last_child:
            raise ParseError(f"claim {item.number} comes before its parent {parent}", where)
        expected = last_child[parent] + 1
        if len(own) > 9 or int(own) != expected:  # (a 5,000-digit number: no int())
            number = item.number if len(item.number) <= 40 else item.number[:37] + "..."
            raise ParseError(f"claim {number} should be numbered "
                             f"{parent}{expected}. (Kialo numbers siblings 1, 2, 3 ...)", where)
        last_child[parent] = expected
        last_child[item.number] = 0
        if parent:
            if item.stance is None:
                raise ParseError(f"claim {item.number} needs 'Pro:' or 'Con:'", where)
            parents.append((item, parent, item.stance))
        link = LINK.match(item.text)
        if link:
            links.append((item, link[1]))
            continue
        cid = claim_id(item.number)
        resolved[item.number] = cid
        amap.add_claim(cid, _unescape(item.text), kind="claim" if parent else "thesis",
                       line=item.line, column=item.column)
    # A link may name a claim further down, so links are resolved once all claims are known.
    for item, target in links:
        if target not in resolved:
            raise ParseError(f"'-> See {target}' names no claim",
                             Location(path, item.line, item.column))
        resolved[item.number] = resolved[target]
    for item, parent, stance in parents:
        amap.add_relation(resolved[item.number], resolved[parent], STANCE_OF[stance],
                          line=item.line, column=item.column)


def _unescape(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


def _escape(text: str) -> str:
    return _ESCAPE.sub(r"\\\1", text)


# -- writing ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """One line of the outline: ``claim`` at ``number``, or a link to its first place."""

    number: str
    claim: str
    stance: str | None  # Pro or Con; None at the top level
    link: str | None = None


def outline(amap: ArgMap) -> list[Entry]:
    """The map as Kialo's tree: depth first from each thesis, a claim's pros and cons in
    relation order.  A claim met again becomes a link to its first place; claims no thesis
    reaches become further top-level items; an undercut of ``S -> C`` becomes a Con of
    ``C`` (Kialo cannot attack an inference)."""
    graph = amap.graph
    first: dict[str, str] = {}
    entries: list[Entry] = []
    roots = amap.theses() + [n for n in graph if n not in amap.theses()]
    top = 0
    for root in roots:
        if root in first:
            continue
        top += 1
        stack: list[tuple[str, str, str | None]] = [(root, f"{top}.", None)]
        while stack:
            cid, number, stance = stack.pop()
            if cid in first:
                entries.append(Entry(number, cid, stance, first[cid]))
                continue
            first[cid] = number
            entries.append(Entry(number, cid, stance))
            children = _children(graph, cid)
            for index, (child, word) in reversed(list(enumerate(children, 1))):
                stack.append((child, f"{number}{index}.", word))
    return entries


def _children(graph, cid: str) -> list[tuple[str, str]]:
    """``(claim, Pro|Con)`` for each claim arguing about ``cid``, each claim once: an
    undercut becomes a Con only for a claim that does not also support ``cid`` (Kialo
    would read a Pro and a Con of one claim as a support and a rebut, which argmap
    rejects), and a rebut and an undercut by one claim are one Con."""
    relations: dict[str, list[str]] = {}
    for source, _, relation in graph.in_edges(cid, data="relation"):
        relations.setdefault(source, []).append(relation)
    return [(source, "Pro" if "support" in found else "Con")
            for source, found in relations.items()]


def write(amap: ArgMap) -> str:
    entries = outline(amap)
    title = amap.title
    if title is None:
        title = amap.claim(entries[0].claim)["text"] if entries else ""
    lines = [f"{TITLE} {_escape(_one_line(title))}", ""]
    for entry in entries:
        stance = f"{entry.stance}: " if entry.stance else ""
        body = f"-> See {entry.link}" if entry.link else _text(amap.claim(entry.claim)["text"])
        lines.append(f"{entry.number} {stance}{body}")
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return re.sub(r"\r\n?|\n", " ", text)


def _text(text: str) -> str:
    """Claim text as Kialo lines: escaped, and with nothing that reads as an item or link."""
    first, *rest = _escape(re.sub(r"\r\n?", "\n", text)).split("\n")
    if first.startswith("-> See"):
        first = "-\\" + first[1:]
    rest = [line.replace(".", "\\.", 1) if ITEM.match(line) else line for line in rest]
    return "\n".join([first, *rest])


def _sniff(text: str) -> bool:
    return text.lstrip("\ufeff").startswith(TITLE)


FORMATS = [Format("kialo", (".kialo", ".kialo.txt"), "Kialo discussion export (text)",
                  read=read, write=write, sniff=_sniff)]
