"""``argmap show``: the debate as an indented pro/con tree, for a terminal.

Each claim is listed under the claim it argues about; an undercut is listed under the
reason whose inference it attacks.  A claim that argues about several others is expanded
once and referenced afterwards, so a map whose paths multiply (a lattice of 80 claims has
2^40 paths) prints one line per relation.  The walk is iterative: a chain 50,000 claims
deep prints like a short one.  Styling is left to the caller, so the library returns
plain values."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import ArgMap, quoted_passages
from ..visible import visible

MARKERS = {"support": "+", "rebut": "-", "undercut": "x"}
MAX_INDENT = 30  # levels drawn as indentation; deeper lines say their level instead


@dataclass(frozen=True)
class TreeLine:
    level: int
    marker: str  # "+" supports, "-" rebuts, "x" undercuts its parent's inference, "" root
    cid: str
    text: str
    side: str | None
    repeated: bool = False  # already shown above on this branch (a cycle): not expanded
    shown_above: bool = False  # expanded earlier elsewhere in the tree: not again
    quotes: tuple[tuple[str, str | None], ...] = ()  # (quoted text, source id)

    def plain(self) -> str:
        """The claim's line, and under it one line per quote: ``> "text" (source)``;
        control characters from the map are spelled out."""
        marker = f"[{self.marker}] " if self.marker else ""
        tail = " (cycle, see above)" if self.repeated else \
            " (shown above)" if self.shown_above else ""
        indent = "    " * min(self.level, MAX_INDENT)
        if self.level > MAX_INDENT:  # output stays linear in the depth, not quadratic
            indent += f"({self.level}) "
        lines = [f"{indent}{marker}{self.cid}: {self.text}{tail}"]
        pad = indent + " " * len(marker)
        lines += [f'{pad}  > "{text}"' + (f" ({source})" if source else "")
                  for text, source in self.quotes]
        return "\n".join(visible(line) for line in lines)


def tree_lines(amap: ArgMap, claim_id: str | None = None,
               depth: int | None = None) -> list[TreeLine]:
    """The tree under ``claim_id`` (default: every thesis), ``depth`` levels deep.

    Sides come from the map as loaded (``argmap.load`` derives them)."""
    graph = amap.graph
    if claim_id is not None:
        amap.claim(claim_id)  # an unknown id: ViewError, naming the closest one
    roots = [claim_id] if claim_id is not None else (
        amap.theses() or [n for n in graph if graph.out_degree(n) == 0])
    undercutters: dict[tuple[str, str], list[str]] = {}  # (target, source) -> undercutters
    attacked: str | None
    for undercutter, target, attacked in graph.edges(data="undercuts"):
        if attacked is not None:
            undercutters.setdefault((target, attacked), []).append(undercutter)
    lines: list[TreeLine] = []
    on_path: dict[str, int] = {}  # claims on the branch being printed (with multiplicity)
    expanded: set[str] = set()
    # Work items, last first: ("line", cid, level, marker), ("enter"|"leave", cid).
    stack: list[tuple] = [("line", root, 0, "") for root in reversed(roots)]
    while stack:
        item = stack.pop()
        if item[0] != "line":
            cid = item[1]
            on_path[cid] = on_path.get(cid, 0) + (1 if item[0] == "enter" else -1)
            continue
        _, cid, level, marker = item
        data = graph.nodes[cid]
        cycle = on_path.get(cid, 0) > 0
        again = not cycle and cid in expanded
        lines.append(TreeLine(level, marker, cid, " ".join(str(data.get("text", "")).split()),
                              data.get("side"), cycle, again,
                              () if cycle or again else tuple(quoted_passages(data))))
        if cycle or again or (depth is not None and level >= depth):
            continue
        expanded.add(cid)
        children: list[tuple] = [("enter", cid)]
        for source, _, edge in graph.in_edges(cid, data=True):
            if edge["relation"] == "undercut":
                continue
            children.append(("line", source, level + 1, MARKERS[edge["relation"]]))
            attackers = undercutters.get((cid, source), ())
            if attackers and (depth is None or level + 1 < depth):
                children += [("enter", source),
                             *[("line", u, level + 2, MARKERS["undercut"]) for u in attackers],
                             ("leave", source)]
        children.append(("leave", cid))
        stack += reversed(children)
    return lines
