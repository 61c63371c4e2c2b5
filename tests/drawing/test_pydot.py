"""pydot as an independent DOT parser: every DOT argmap writes parses, and every id,
tooltip and label comes back exactly as argmap means it, hostile text included."""

from __future__ import annotations

import html
import re

import pydot
import pytest
from hypothesis import HealthCheck, given, settings

import argmap
from argmap.drawing.diagram import Diagram, DrawingOptions, build
from argmap.drawing.dot import serialise
from tests.conftest import DATA, SAMPLE
from tests.strategies import argmaps

WRITTEN = sorted((DATA / "drawing").glob("*.dot")) + sorted((DATA / "dot").glob("*.dot")) + [
    SAMPLE.with_suffix(".dot")]


def unquote(value: str) -> str:
    """A DOT double-quoted string's text (argmap escapes only backslash, quote, CR, LF)."""
    assert value[0] == value[-1] == '"', value
    escapes = {"\\": "\\", '"': '"', "r": "\r", "n": "\n"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], value[1:-1], flags=re.S)


def label_text(label: str) -> str:
    """The character data of an HTML-like label, entities and doubled backslashes undone."""
    assert label.startswith("<") and label.endswith(">"), label
    return "".join(html.unescape(text).replace("\\\\", "\\")
                   for text in re.findall(r">([^<>]*)<", label[1:-1]))


def nodes(graph: pydot.Dot) -> dict[str, pydot.Node]:
    found = {}
    for holder in [graph, *graph.get_subgraphs()]:
        found.update((node.get_name(), node) for node in holder.get_nodes()
                     if node.get_name() not in ("graph", "node", "edge"))
    return found


def assert_survives(diagram: Diagram, graph: pydot.Dot) -> None:
    parsed = nodes(graph)
    for claim, box in diagram.boxes.items():
        node = parsed[box.name]
        # Ids and tooltips carry Graphviz's own escapes (``&`` as ``&amp;``, and in
        # tooltips backslashes doubled), so Graphviz shows them verbatim.
        assert unquote(node.get("id")).replace("&amp;", "&") == "claim-" + claim
        assert unquote(node.get("tooltip")).replace("\\\\", "\\").replace(
            "&amp;", "&") == box.tooltip
        expected = "".join(("\u00a0" if row.bar is not None else "") + "".join(row.lines)
                           for row in box.rows)
        pictures = {chr(c): chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\t\n\r"}
        assert label_text(node.get("label")) == expected.translate(
            str.maketrans({**pictures, "\x7f": "\u2421"}))
    assert unquote(graph.get_graph_defaults()[0]["label"]).replace("&amp;", "&") == \
        diagram.title
    edges = graph.get_edges() + [e for s in graph.get_subgraphs() for e in s.get_edges()]
    assert len(edges) == len(diagram.edges) + len(diagram.junctions)  # split at their dots


@pytest.mark.parametrize("path", WRITTEN, ids=lambda p: p.name)
def test_every_committed_dot_file_parses(path):
    graphs = pydot.graph_from_dot_data(path.read_text(encoding="utf-8"))
    assert graphs and len(graphs) == 1
    assert nodes(graphs[0])


def test_to_pydot_gives_the_sample_diagram():
    amap = argmap.load(DATA / "drawing" / "sample.yaml")
    graph = argmap.to_pydot(amap, rankdir="LR")
    assert isinstance(graph, pydot.Dot)
    assert graph.get_graph_defaults()[0]["rankdir"] == '"LR"'
    assert_survives(build(amap, DrawingOptions(rankdir="LR")), graph)


def test_to_pydot_output_draws_like_argmap_output(dot_binary):
    from argmap.drawing.graphviz import render
    amap = argmap.load(DATA / "dot" / "hostile.yaml")
    ours = render(argmap.dumps(amap, "dot"), "svg")
    theirs = render(argmap.to_pydot(amap).to_string(), "svg")
    strip = re.compile(rb"<!--.*?-->", re.S)
    assert strip.sub(b"", ours) == strip.sub(b"", theirs)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argmaps(max_claims=8))
def test_hostile_maps_survive_a_pydot_parse(amap):
    for options in (DrawingOptions(), DrawingOptions(layout="layered", color_by="perspective")):
        diagram = build(amap, options)
        graphs = pydot.graph_from_dot_data(serialise(diagram))
        assert graphs and len(graphs) == 1
        assert_survives(diagram, graphs[0])
