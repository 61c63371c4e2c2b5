"""A diff drawn: the NEW map with its changes marked and what was removed as ghosts.

``diff_map(old, new)`` is an ordinary ``ArgMap`` whose claims and relations carry a
``change`` attribute (``added``, ``edited``, ``renamed``; ``removed`` for the claims and
relations of OLD that are gone, drawn back in as ghosts) and, on changed claims, a
``change_detail`` (``from OLD-ID``, ``text, tags``).  Every writer draws it through the one
diagram model (``argmap.drawing.diagram``), so ``-o diff.svg``, ``.png``, ``.pdf``,
``.dot``, paged figures and the HTML page show the changes alike.

``reviewed(drawn)`` cuts that map down to what a reviewer reads: the changed claims, their
path to the thesis as context (``argmap.views.in_context``) and their own arguments folded
into ``+N more claims`` boxes (``argmap.views.collapse_below``).  ``write_drawing`` draws
that by default; ``full=True`` draws the whole map."""

from __future__ import annotations

import copy
import os

from ..errors import FormatError, Location
from ..model import ArgMap, add_edge, edge_key
from ..pipeline import PAGED, dump
from ..registry import format_for_writing
from ..views import collapse_below, in_context, neighbourhood, restrict
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


def changed_claims(drawn: ArgMap) -> list[str]:
    """The claims of a diff map (``diff_map``) that carry a change, and both ends of every
    relation that does, in map order."""
    graph = drawn.graph
    changed = {claim for claim, change in graph.nodes(data="change") if change}
    for source, target, data in graph.edges(data=True):
        if data.get("change"):
            changed.update((source, target, *filter(None, [data.get("undercuts")])))
    return [claim for claim in graph if claim in changed]


def reviewed(drawn: ArgMap, context: int = 0) -> ArgMap:
    """The part of a diff map a reviewer reads: the changed claims (``changed_claims``)
    and the claims within ``context`` steps outward of those that changed or argue by a
    changed relation, drawn; what they argue about on the way to the thesis, as context;
    and the other arguments about them, folded into one ``+N more claims`` box each.  With
    no change, the thesis alone, titled "No changes", so a drawing is still written (a
    stale one is replaced and a script finds its file)."""
    changed = changed_claims(drawn)
    if not changed:
        view = restrict(drawn, drawn.theses())
        view.title = f"No changes \u2014 {drawn.title}" if drawn.title else "No changes"
        return view
    # Widened from the claims that changed or argue by a changed relation, not from what
    # they argue about: the thesis's neighbours are the whole debate.
    graph = drawn.graph
    arguing = {claim for claim, data in graph.nodes(data=True) if data.get("change")}
    arguing |= {source for source, _, data in graph.edges(data=True) if data.get("change")}
    members = set(changed).union(*(neighbourhood(drawn, claim, context) for claim in arguing))
    # Everything the view shows stays put; what argues about it is folded into a summary
    # box per claim, of which only the members' are kept (context stays context).
    shown = set(in_context(drawn, members, anchored=changed).graph)
    folded = collapse_below(drawn, 0, roots=[claim for claim in drawn.graph if claim in shown])
    summaries = [summary for summary, meta in folded.graph.nodes(data="meta")
                 if summary not in drawn.graph and "collapsed" in (meta or {})
                 and any(target in members for target in folded.graph.successors(summary))]
    return in_context(folded, [*members, *summaries], anchored=changed)


def write_drawing(old: ArgMap, new: ArgMap, output: str | os.PathLike, *,
                  diff: MapDiff | None = None, context: int = 0, full: bool = False,
                  **drawing) -> None:
    """Draw the diff of ``old`` and ``new`` to ``output``, whose suffix picks SVG, PNG, PDF,
    DOT or the HTML page (``drawing``: options as for ``argmap.dump``); written atomically.
    The changes in context (``reviewed``, ``context`` steps wider), or with ``full`` the
    whole NEW map.  ``FormatError`` for any other suffix: a diff is drawn, not written as
    a map."""
    fmt = format_for_writing(output)
    if not fmt.diagram:
        raise FormatError(f"a diff is drawn as SVG, PNG, PDF, DOT or HTML, not {fmt.name}",
                          Location(str(output)))
    if fmt.name in PAGED:  # every claim drawn: an overview would fold changes away
        drawing.setdefault("overview", False)
    drawn = diff_map(old, new, diff)
    dump(drawn if full else reviewed(drawn, context), output, **drawing)
