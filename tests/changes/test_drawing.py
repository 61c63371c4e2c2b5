"""Diff drawings: the NEW map with its changes marked and removed claims as ghosts, drawn
through the real Graphviz; hostile ids and text stay inert."""

from __future__ import annotations

import html
import re

import pytest

import argmap
from argmap.changes.diff import diff_maps
from argmap import edit
from argmap.changes.drawing import changed_claims, diff_map, reviewed, write_drawing
from argmap.drawing.diagram import CHANGES, GHOST_COLORS, GHOST_TEXT, build
from argmap.errors import FormatError
from argmap.model import ArgMap
from argmap.pipeline import dumps
from tests.conftest import DATA, SAMPLE

REPORT = DATA / "changes" / "report"
HOSTILE = DATA / "web" / "hostile.json"


@pytest.fixture(scope="module")
def maps():
    return argmap.load(REPORT / "old.yaml"), argmap.load(REPORT / "new.yaml")


def test_the_drawn_map_marks_every_change_and_keeps_removed_claims_as_ghosts(maps):
    old, new = maps
    drawn = diff_map(old, new)
    changes = {claim: data.get("change") for claim, data in drawn.graph.nodes(data=True)}
    assert changes == {"lane": None, "safer-street": "renamed", "parking-loss": "edited",
                       "spaces-unused": "edited", "vans": "added", "crash-data": "removed"}
    assert drawn.claim("safer-street")["change_detail"] == "from fewer-crashes; tags"
    edges = {(s, t, change) for s, t, change in drawn.graph.edges(data="change") if change}
    assert edges == {("vans", "lane", "added"), ("parking-loss", "lane", "edited"),
                     ("crash-data", "safer-street", "removed")}
    assert "crash-data" not in new and "change" not in new.claim("vans")  # NEW untouched


def test_the_diagram_model_styles_changed_boxes_edges_and_the_legend(maps):
    diagram = build(diff_map(*maps))
    ghost = diagram.boxes["crash-data"]
    assert (ghost.fill, ghost.border, ghost.change) == (*GHOST_COLORS, "removed")
    assert "dashed" in ghost.style
    assert all(row.color == GHOST_TEXT for row in ghost.rows if row.role != "change")
    added = diagram.boxes["vans"]
    assert added.border == CHANGES["added"][1]
    assert [row.lines for row in added.rows if row.role == "change"] == [("+ added",)]
    assert diagram.legend is not None
    assert diagram.legend.changes == ["added", "edited", "renamed", "removed"]
    assert {edge.change for edge in diagram.edges} == {None, "added", "edited", "removed"}


def svg_text(drawn) -> str:
    svg = dumps(drawn, "svg")
    return html.unescape(svg.decode("utf-8") if isinstance(svg, bytes) else str(svg))


def test_graphviz_draws_the_ghosts_and_marks(maps, dot_binary):
    svg = svg_text(diff_map(*maps))
    ghost = re.search(r'<g id="claim-crash-data" class="node">.*?(?=<!--)', svg, re.S)
    assert ghost and "stroke-dasharray" in ghost.group() and GHOST_COLORS[1] in ghost.group()
    assert GHOST_TEXT in ghost.group()
    assert "\u2715 removed" in ghost.group() and "The study counted 14 crashes" in ghost.group()
    assert "renamed from fewer-crashes; tags" in svg
    assert svg.count("+ added") == 2  # the box and the legend
    assert 'stroke="#aaaaaa"' in svg  # the removed relation's ghost edge


@pytest.mark.parametrize("suffix, magic", [(".svg", b"<?xml"), (".png", b"\x89PNG"),
                                           (".pdf", b"%PDF"), (".dot", b"digraph"),
                                           (".html", b"<!DOCTYPE html>")])
def test_every_drawing_format_is_written(maps, tmp_path, suffix, magic, dot_binary):
    out = tmp_path / f"diff{suffix}"
    write_drawing(*maps, out)
    assert out.read_bytes().startswith(magic)


def test_paged_figures_carry_the_marks(maps, dot_binary):
    pages = dumps(diff_map(*maps), "svg", page="a4")
    text = "".join(page.decode("utf-8") if isinstance(page, bytes) else page for page in pages)
    assert "\u2715 removed" in text and "+ added" in text


def test_a_map_format_is_refused_and_nothing_is_written(maps, tmp_path):
    with pytest.raises(FormatError, match="a diff is drawn as SVG"):
        write_drawing(*maps, tmp_path / "diff.yaml")
    assert not (tmp_path / "diff.yaml").exists()


def hostile_change() -> tuple[ArgMap, ArgMap]:
    """The hostile map, and a copy with one claim removed, one renamed to a hostile id, one
    edited and one added, all with hostile text."""
    old = argmap.load(HOSTILE)
    new = old.copy()
    ids = list(old.claims())
    graph = new.graph
    graph.remove_node(ids[-1])
    graph.nodes[ids[1]]["text"] += " <script>window.__pwned = 2</script>"
    new.add_claim('"><svg onload=window.__pwned=3>', "</text><script>window.__pwned=4"
                  "</script> & \\l \\n {braces}", kind="claim")
    new.add_relation('"><svg onload=window.__pwned=3>', ids[0], "rebut")
    return old, new


@pytest.mark.parametrize("full", [True, False])
def test_hostile_ids_and_text_stay_inert_in_the_drawings(dot_binary, full):
    old, new = hostile_change()
    drawn = diff_map(old, new, diff_maps(old, new))
    drawn = drawn if full else reviewed(drawn)
    svg = dumps(drawn, "svg")
    svg = svg.decode("utf-8") if isinstance(svg, bytes) else str(svg)
    assert "<script" not in svg and "<svg onload" not in svg and "<img" not in svg
    assert "&lt;script&gt;window.__pwned = 2" in svg
    assert "&lt;/text&gt;&lt;script&gt;window.__pwned=4" in svg
    assert "\u2715 removed" in html.unescape(svg)
    dot = dumps(drawn, "dot")
    assert isinstance(dot, str) and dot.startswith("digraph")


@pytest.fixture(scope="module")
def reviewed_sample(tmp_path_factory):
    return sample_change(tmp_path_factory.mktemp("review"))


def sample_change(folder) -> tuple[ArgMap, ArgMap, ArgMap]:
    """The sample debate and a copy with a rename, a text edit, an added and a removed
    claim (made through argmap's editor, in ``folder``), and their diff map."""
    new = folder / SAMPLE.name
    new.write_bytes(SAMPLE.read_bytes())
    edit.rename(new, "serious-offenses", "serious-crimes")
    edit.set_field(new, "trust-reporting", "text", "Honoring detainers erodes trust in "
                   "police, so crimes go unreported.")
    edit.add_claim(new, "county-costs", "Counties pay for the extra days in jail.",
                   supports=("resource-strain",))
    edit.remove(new, "loopholes")
    old, new_map = argmap.load(SAMPLE), argmap.load(new)
    return old, new_map, diff_map(old, new_map)


def drawn_claims(old, new, tmp_path, **options) -> set[str]:
    """The claim ids of the SVG ``write_drawing`` makes (Graphviz's ``claim-`` node ids)."""
    out = tmp_path / "diff.svg"
    write_drawing(old, new, out, **options)
    return set(re.findall(r'<g id="claim-(.*?)" class="node"',
                          html.unescape(out.read_text(encoding="utf-8"))))


CHANGED = {"serious-crimes", "trust-reporting", "county-costs", "loopholes"}
# what the changed claims argue about, up to the thesis (which the removed relation
# loopholes -> honor and the added county-costs -> resource-strain end at, so it is drawn)
AROUND = {"honor", "resource-strain", "releases-endanger"}
SUMMARIES = {"honor-more", "resource-strain-more", "serious-crimes-more",
             "trust-reporting-more"}


def test_the_default_drawing_is_the_changes_in_context(reviewed_sample, tmp_path,
                                                       dot_binary):
    old, new, drawn = reviewed_sample
    assert set(changed_claims(drawn)) == CHANGED | {"honor", "resource-strain"}
    assert drawn_claims(old, new, tmp_path) == CHANGED | AROUND | SUMMARIES
    view = reviewed(drawn)
    context = view.claim("releases-endanger")
    assert context.get("view_role") == "context" and "change" not in context
    assert view.claim("serious-crimes-more")["text"] == "+9 more claims (9 pro, 0 con)"
    diagram = build(view)
    assert diagram.boxes["releases-endanger"].change is None
    assert {box.claim for box in diagram.boxes.values() if box.change} == CHANGED
    assert diagram.legend is not None
    assert diagram.legend.changes == ["added", "edited", "renamed", "removed"]


def test_full_draws_every_claim_and_the_ghost(reviewed_sample, tmp_path, dot_binary):
    old, new, _ = reviewed_sample
    assert drawn_claims(old, new, tmp_path, full=True) == set(new.claims()) | {"loopholes"}


def test_context_1_adds_the_arguments_about_the_changed_claims(reviewed_sample, tmp_path,
                                                               dot_binary):
    old, new, drawn = reviewed_sample
    graph = new.graph
    neighbours = {source for claim in CHANGED & set(graph)
                  for source in graph.predecessors(claim)}
    assert len(neighbours) == 16  # 9 under the renamed claim, 7 under the edited one
    undercutting = {source for source, _, key in graph.edges(keys=True)
                    if key.split(":", 1)[-1] in CHANGED}  # the inferences drawn from them
    assert undercutting == {"alleged-or-convicted", "lines-not-crossed",
                            "serious-criminals-weaken"}
    neighbours |= undercutting
    wider = drawn_claims(old, new, tmp_path, context=1)
    assert neighbours <= wider and CHANGED | AROUND <= wider
    assert "serious-crimes-more" not in wider  # nothing of it is left to fold
    view = reviewed(drawn, 1)
    extra = wider - CHANGED - AROUND - neighbours
    assert all(view.claim(claim).get("view_role") == "context"
               or "collapsed" in view.claim(claim).get("meta", {}) for claim in extra)


def test_no_change_draws_the_thesis_alone_under_a_note(tmp_path, dot_binary):
    sample = argmap.load(SAMPLE)
    assert drawn_claims(sample, sample, tmp_path) == {"honor"}
    assert "No changes \u2014 Should Illinois" in html.unescape(
        (tmp_path / "diff.svg").read_text(encoding="utf-8"))


def test_a_context_box_never_looks_changed(maps):
    drawn = diff_map(*maps)
    drawn.graph.nodes["parking-loss"]["view_role"] = "context"
    box = build(drawn).boxes["parking-loss"]
    assert box.change is None and box.border != CHANGES["edited"][1]
    assert not any(row.role == "change" for row in box.rows)
