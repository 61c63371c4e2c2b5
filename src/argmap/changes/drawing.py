"""A diff drawn: the NEW map with its changes marked and what was removed as ghosts.

``diff_map(old, new)`` is an ordinary ``ArgMap`` whose claims and relations carry a
``change`` attribute (``added``, ``edited``, ``renamed``; ``removed`` for the claims and
relations of OLD that are gone, drawn back in as ghosts) and, on changed claims, a
``change_detail`` (``from OLD-ID``, ``text, tags``).  Every writer draws it through the one
diagram model (``argmap.drawing.diagram``), so ``-o diff.svg``, ``.png``, ``.pdf``,
``.dot``, paged figures and the HTML page show the changes alike."""

from __future__ import annotations

import copy
import os

from ..errors import FormatError, Location
from ..model import ArgMap, add_edge, edge_key
from ..pipeline import PAGED, dump
from ..registry import format_for_writing
from .diff import MapDiff, diff_maps


def diff_map(old: ArgMap, new: ArgMap, diff: MapDiff | None = None) -> ArgMap:
    """NEW, a copy, with every change marked and OLD's removed claims and relations added
    back as ghosts (in OLD's ids, mapped through the renames)."""
    diff = diff if diff is not None else diff_maps(old, new)
    drawn = new.copy()
    graph = drawn.graph
    for claim in diff.added:
        graph.nodes[claim]["change"] = "added"
    for change in diff.changed:
        data = graph.nodes[change.new_id]
        data["change"] = "renamed" if change.renamed else "edited"
        detail = [f"from {change.old_id}"] if change.renamed else []
        detail += [", ".join(field.field for field in change.fields)] if change.fields else []
        data["change_detail"] = "; ".join(detail)
    for claim in diff.removed:
        graph.add_node(claim, **copy.deepcopy(dict(old.graph.nodes[claim])), change="removed")
    for relation in diff.relations_added:
        graph.edges[relation.source, relation.target, relation.key]["change"] = "added"
    for edited in diff.relations_changed:
        relation = edited.new
        graph.edges[relation.source, relation.target, relation.key]["change"] = "edited"
    renames = diff.renames
    for relation in diff.relations_removed:
        source, target = (renames.get(claim, claim) for claim in (relation.source,
                                                                   relation.target))
        undercuts = relation.undercuts and renames.get(relation.undercuts, relation.undercuts)
        add_edge(graph, source, target, relation.relation, undercuts=undercuts,
                 note=relation.note)
        graph.edges[source, target, edge_key(relation.relation, undercuts)]["change"] = \
            "removed"
    return drawn


def write_drawing(old: ArgMap, new: ArgMap, output: str | os.PathLike, *,
                  diff: MapDiff | None = None, **drawing) -> None:
    """Draw the diff of ``old`` and ``new`` to ``output``, whose suffix picks SVG, PNG, PDF,
    DOT or the HTML page (``drawing``: options as for ``argmap.dump``); written atomically.
    ``FormatError`` for any other suffix: a diff is drawn, not written as a map."""
    fmt = format_for_writing(output)
    if not fmt.diagram:
        raise FormatError(f"a diff is drawn as SVG, PNG, PDF, DOT or HTML, not {fmt.name}",
                          Location(str(output)))
    if fmt.name in PAGED:  # every claim drawn: an overview would fold changes away
        drawing.setdefault("overview", False)
    dump(diff_map(old, new, diff), output, **drawing)
