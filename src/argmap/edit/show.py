"""``argmap show``: the debate as an indented pro/con tree, for a terminal.

Each claim is listed under the claim it argues about; an undercut is listed under the
reason whose inference it attacks.  Styling is left to the caller, so the library returns
plain values."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ArgmapError, Location
from ..model import ArgMap, quoted_passages

MARKERS = {"support": "+", "rebut": "-", "undercut": "x"}


@dataclass(frozen=True)
class TreeLine:
    level: int
    marker: str  # "+" supports, "-" rebuts, "x" undercuts its parent's inference, "" root
    cid: str
    text: str
    side: str | None
    repeated: bool = False  # already shown above on this branch (a cycle): not expanded
    quotes: tuple[tuple[str, str | None], ...] = ()  # (quoted text, source id)

    def plain(self) -> str:
        """The claim's line, and under it one line per quote: ``> "text" (source)``."""
        marker = f"[{self.marker}] " if self.marker else ""
        tail = " (cycle, see above)" if self.repeated else ""
        indent = "    " * self.level
        lines = [f"{indent}{marker}{self.cid}: {self.text}{tail}"]
        pad = indent + " " * len(marker)
        lines += [f'{pad}  > "{text}"' + (f" ({source})" if source else "")
                  for text, source in self.quotes]
        return "\n".join(lines)


def tree_lines(amap: ArgMap, claim_id: str | None = None,
               depth: int | None = None) -> list[TreeLine]:
    """The tree under ``claim_id`` (default: every thesis), ``depth`` levels deep.

    Sides come from the map as loaded (``argmap.load`` derives them)."""
    graph = amap.graph
    if claim_id is not None and claim_id not in graph:
        raise ArgmapError(f"no claim {claim_id!r}", Location(amap.path))
    roots = [claim_id] if claim_id is not None else (
        amap.theses() or [n for n in graph if graph.out_degree(n) == 0])
    lines: list[TreeLine] = []

    def emit(cid: str, level: int, marker: str, path: frozenset) -> None:
        data = graph.nodes[cid]
        repeated = cid in path
        quotes = () if repeated else tuple(quoted_passages(data))
        lines.append(TreeLine(level, marker, cid, " ".join(str(data.get("text", "")).split()),
                              data.get("side"), repeated, quotes))
        if repeated or (depth is not None and level >= depth):
            return
        path = path | {cid}
        for source, _, edge in graph.in_edges(cid, data=True):
            if edge["relation"] == "undercut":
                continue
            emit(source, level + 1, MARKERS[edge["relation"]], path)
            if depth is None or level + 1 < depth:
                for undercutter, _, key in graph.in_edges(cid, keys=True):
                    if key == f"undercut:{source}":
                        emit(undercutter, level + 2, MARKERS["undercut"], path | {source})

    for root in roots:
        emit(root, 0, "", frozenset())
    return lines

