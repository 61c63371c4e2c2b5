"""The layered layout: every claim placed, no overlaps, thesis outermost, crossings counted
right, deterministic output, and a real ``neato -n2`` drawing of a few hundred claims."""

from __future__ import annotations

import importlib.util
import itertools
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.drawing.diagram import RANKDIRS, label_size
from argmap.drawing.layout import (
    CROSS_LINK_LIMIT,
    DOT_LIMIT,
    choose_layout,
    count_crossings,
    cross_links,
    layered_layout,
)
from argmap.errors import FormatError
from argmap.formats import dumps, load
from argmap.model import ArgMap
from tests.conftest import ROOT, SAMPLE, output_whatever_the_hashing
from tests.strategies import argmaps


def synthetic_map(n: int, seed: int = 0) -> ArgMap:
    """The benchmarks' generator of debate-shaped maps (benchmarks/synth.py)."""
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.synthetic_map(n, seed)


def lay_out(amap: ArgMap, rankdir: str = "RL"):
    return layered_layout(amap, lambda node: label_size(amap, node), rankdir)


def boxes(layout) -> dict[str, tuple[float, float, float, float]]:
    return {n: (x - layout.sizes[n][0] / 2, y - layout.sizes[n][1] / 2,
                x + layout.sizes[n][0] / 2, y + layout.sizes[n][1] / 2)
            for n, (x, y) in layout.positions.items()}


def overlapping(boxes: dict) -> list[tuple[str, str]]:
    """Pairs of boxes sharing any area (a sweep along x, so hundreds of boxes stay fast)."""
    found = []
    ordered = sorted(boxes.items(), key=lambda item: item[1][0])
    for index, (a, (_, b1, r1, t1)) in enumerate(ordered):
        for b, (l2, b2, _, t2) in ordered[index + 1:]:
            if l2 >= r1:
                break
            if b2 < t1 and b1 < t2:
                found.append((a, b))
    return found


@pytest.mark.parametrize("rankdir", RANKDIRS)
def test_every_claim_is_placed_without_overlap_and_the_thesis_is_outermost(sample, rankdir):
    layout = lay_out(sample, rankdir)
    assert set(layout.positions) == set(sample.claims())
    placed = boxes(layout)
    assert overlapping(placed) == []
    thesis = placed["honor"]
    edge = {"RL": 0, "BT": 3, "LR": 2, "TB": 1}[rankdir]  # the side the thesis is on
    outermost = (min if edge < 2 else max)(box[edge] for box in placed.values())
    assert thesis[edge] == pytest.approx(outermost)
    assert layout.layers["honor"] == 0
    assert all(layout.layers[r.source] == layout.layers[r.target] + 1
               for r in sample.relations() if r.target == "honor")


def test_boxes_are_at_least_as_big_as_their_labels(sample):
    layout = lay_out(sample)
    for node in sample.claims():
        width, height = label_size(sample, node)
        assert layout.sizes[node][0] >= width and layout.sizes[node][1] == height


@settings(max_examples=100, deadline=None)
@given(argmaps(max_claims=15, undercuts=False))
def test_a_tree_is_laid_out_without_crossings_or_overlaps(amap):
    layout = lay_out(amap)
    assert overlapping(boxes(layout)) == []
    edges = [(r.source, r.target) for r in amap.relations()]
    assert layout.crossings(edges) == 0


# -- the crossing counter ---------------------------------------------------------------
TWO_LAYERS = {"a": 0, "b": 0, "x": 1, "y": 1}


@pytest.mark.parametrize("cross, edges, expected", [
    ({"a": 0, "b": 1, "x": 0, "y": 1}, [("a", "x"), ("b", "y")], 0),  # parallel
    ({"a": 0, "b": 1, "x": 0, "y": 1}, [("a", "y"), ("b", "x")], 1),  # an X
    ({"a": 0, "b": 1, "x": 0, "y": 1}, [("a", "x"), ("a", "y"), ("b", "x"), ("b", "y")], 1),
    ({"a": 0, "b": 1, "x": 0, "y": 1}, [("a", "x"), ("a", "y")], 0),  # a shared end
    ({"a": 0, "b": 0, "x": 0, "y": 1}, [("a", "y"), ("b", "x")], 0),  # touching, not crossing
    ({"a": 0, "b": 1, "x": 0, "y": 1}, [("a", "b"), ("x", "y")], 0),  # within a layer
])
def test_crossings_between_two_layers(cross, edges, expected):
    assert count_crossings(TWO_LAYERS, cross, edges) == expected


def test_a_long_edge_crosses_the_layers_in_between_where_its_line_does():
    layers = {"top": 0, "mid1": 1, "mid2": 1, "low": 2, "low2": 2}
    # top (x=0) -> low (x=4) passes layer 1 at x=2: between mid1 (x=1) and mid2 (x=3).
    cross = {"top": 0, "low": 4, "mid1": 1, "mid2": 3, "low2": 0}
    assert count_crossings(layers, cross, [("top", "low"), ("mid1", "low2")]) == 0
    assert count_crossings(layers, cross, [("top", "low"), ("mid2", "low2")]) == 1
    # Unequal layer spacing moves the crossing point: at rank 9 of 0..10 it is at x=3.6.
    assert count_crossings(layers, cross, [("top", "low"), ("mid2", "low2")],
                           ranks=[0.0, 9.0, 10.0]) == 0


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6)), max_size=25))
def test_crossings_agree_with_checking_every_pair(segments):
    layers = {f"u{i}": 0 for i in range(7)} | {f"v{i}": 1 for i in range(7)}
    cross = {f"u{i}": float(i) for i in range(7)} | {f"v{i}": float(i) for i in range(7)}
    edges = [(f"u{a}", f"v{b}") for a, b in segments]
    brute = sum((a1 - a2) * (b1 - b2) < 0
                for (a1, b1), (a2, b2) in itertools.combinations(segments, 2))
    assert count_crossings(layers, cross, edges) == brute


# -- choosing and determinism -----------------------------------------------------------
def test_auto_uses_dot_for_small_maps_and_layers_past_the_limit(sample):
    assert choose_layout(sample) == "dot"
    assert choose_layout(synthetic_map(DOT_LIMIT + 1)) == "layered"
    assert choose_layout(sample, "layered") == "layered"
    with pytest.raises(FormatError, match="layout must be one of"):
        choose_layout(sample, "circle")


def test_pinned_dot_is_byte_identical_across_runs_and_hash_seeds():
    """Positions come from file order only, never from set or dict hashing."""
    script = ("import sys; from argmap.formats import load, dumps; "
              "sys.stdout.write(dumps(load(sys.argv[1]), 'dot', layout='layered'))")
    text = output_whatever_the_hashing(script, SAMPLE)
    pinned = re.findall(r'^  (n\d+|r\d+|legend) \[[^\n]*pos="[\d.]+,[\d.]+!"', text, re.M)
    assert len(pinned) == len(re.findall(r'id="claim-', text)) + text.count(
        'shape="point"') + 1  # every claim, every undercut dot and the legend
    assert text.count(" -> ") == len(re.findall(r' -> [^\n]*pos="e,', text)) + text.count(
        'arrowhead="none"')  # every line routed (the first half of an undercut one has no head)


def test_a_few_hundred_claims_drawn_by_neato(dot_binary):
    """The real pipeline: every claim's box is in the SVG, with its full text, and no two
    boxes Graphviz drew overlap."""
    amap = synthetic_map(300, seed=7)
    svg = dumps(amap, "svg", layout="layered")
    root = ET.fromstring(svg)
    ns = {"svg": "http://www.w3.org/2000/svg"}
    drawn: dict[str, tuple] = {}
    for group in root.iterfind(".//svg:g[@class='node']", ns):
        claim = group.get("id", "").removeprefix("claim-")
        if claim not in amap:
            continue
        text = " ".join(t.text or "" for t in group.iterfind(".//svg:text", ns))
        assert " ".join(amap.claim(claim)["text"].split()) in " ".join(text.split())
        shape = next(e for e in group.iter() if e.tag.endswith(("}path", "}polygon")))
        numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?",
                                                 shape.get("d") or shape.get("points"))]
        xs, ys = numbers[0::2], numbers[1::2]
        drawn[claim] = (min(xs), min(ys), max(xs), max(ys))
    assert set(drawn) == set(amap.claims())
    assert overlapping(drawn) == []


def test_auto_decides_on_cross_links_as_well_as_claims(tmp_path):
    """Few claims but many cross-links (a dense framework) is no map for dot; a debate of
    1,500 claims, mostly a tree, still is."""
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = tmp_path / "dense.apx"
    path.write_text(module.dense_framework(30, 30 + CROSS_LINK_LIMIT), encoding="utf-8")
    dense = load(path)
    assert cross_links(dense) == CROSS_LINK_LIMIT + 1  # 30 arguments, all connected
    assert choose_layout(dense) == "layered"
    path.write_text(module.dense_framework(30, 29 + CROSS_LINK_LIMIT), encoding="utf-8")
    assert choose_layout(load(path)) == "dot"
    debate = synthetic_map(DOT_LIMIT)
    assert cross_links(debate) < CROSS_LINK_LIMIT and choose_layout(debate) == "dot"


@settings(max_examples=50)
@given(argmaps())
def test_cross_links_are_the_cycle_rank(amap):
    import networkx as nx
    graph = amap.graph
    assert cross_links(amap) == graph.number_of_edges() - len(graph) + \
        nx.number_weakly_connected_components(graph)
