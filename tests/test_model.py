"""The model: relations as values, and sides derived from the graph."""

import pytest

from argmap.errors import ValidationError, ViewError
from argmap.model import ArgMap


def small_map() -> ArgMap:
    amap = ArgMap(title="t")
    amap.add_claim("t", "Thesis", kind="thesis")
    amap.add_claim("a", "For")
    amap.add_claim("b", "Against")
    amap.add_claim("c", "Against the against")
    amap.add_claim("u", "The 'for' does not follow")
    amap.add_relation("a", "t", "support")
    amap.add_relation("b", "t", "rebut")
    amap.add_relation("c", "b", "rebut")
    amap.add_relation("u", "t", "undercut", undercuts="a")
    return amap


def test_support_keeps_the_side_rebut_and_undercut_flip_it():
    amap = small_map()
    assert amap.derive_sides() == []
    sides = {n: d["side"] for n, d in amap.graph.nodes(data=True)}
    assert sides == {"t": "pro", "a": "pro", "b": "con", "c": "pro", "u": "con"}


def test_a_claim_may_both_rebut_and_undercut_into_the_same_claim():
    amap = small_map()
    amap.add_relation("u", "t", "rebut")
    keys = sorted(k for _, _, k in amap.graph.out_edges("u", keys=True))
    assert keys == ["rebut", "undercut:a"]
    assert [r.label for r in amap.relations() if r.source == "u"] == [
        "u undercuts a->t", "u rebuts t"]


def test_declared_side_wins_and_conflicts_are_reported_once():
    amap = small_map()
    amap.add_claim("x", "Supports both sides")
    amap.add_relation("x", "a", "support")
    amap.add_relation("x", "b", "support")
    amap.add_relation("x", "c", "support")
    conflicts = amap.derive_sides()
    assert conflicts == [("x", "pro", "con")]
    amap.graph.nodes["b"]["declared_side"] = "pro"
    amap.derive_sides()
    assert amap.claim("b")["side"] == "pro" and amap.claim("c")["side"] == "con"


def test_claims_unreachable_from_any_thesis_have_no_side():
    amap = small_map()
    amap.add_claim("island", "Alone")
    amap.derive_sides()
    assert "side" not in amap.claim("island")


def test_subgraph_is_an_independent_copy():
    amap = small_map()
    part = amap.subgraph(["t", "a"])
    part.graph.nodes["t"]["text"] = "changed"
    assert amap.claim("t")["text"] == "Thesis"
    assert [(r.source, r.target) for r in part.relations()] == [("a", "t")]


def _small_map() -> ArgMap:
    amap = ArgMap(title="T")
    amap.perspectives["p"] = "P"
    amap.sources["s"] = {"title": "S"}
    amap.add_claim("t", "T", kind="thesis")
    amap.add_claim("a", "A", perspective="p", sources=["s"])
    amap.add_relation("a", "t", "support")
    return amap


def test_relation_to_an_unknown_claim_is_refused():
    amap = _small_map()
    with pytest.raises(ValidationError, match="unknown claim 'ghost' in a supports ghost"):
        amap.add_relation("a", "ghost", "support")
    with pytest.raises(ValidationError, match="unknown claim 'ghost'"):
        amap.add_relation("a", "t", "undercut", undercuts="ghost")
    assert "ghost" not in amap.graph


def test_accessors_and_repr():
    amap = _small_map()
    assert repr(amap) == "<ArgMap 'T': 2 claims, 1 relation, 1 perspectives, 1 sources>"
    amap.description = "D"
    assert amap.description == "D" and amap.graph.graph["description"] == "D"
    amap.description = None
    assert amap.description is None and "description" not in amap.graph.graph
    assert amap.perspective("p") == "P" and amap.source("s") == {"title": "S"}
    assert amap.citing("s") == ["a"]
    with pytest.raises(ViewError, match="unknown source 'x' \\(known: s\\)"):
        amap.source("x")
    with pytest.raises(ViewError, match="unknown perspective 'x' \\(known: p\\)"):
        amap.perspective("x")
    with pytest.raises(ViewError, match="unknown claim 'A'; did you mean 'a'"):
        amap.claim("A")


def test_a_map_shows_as_its_diagram_in_a_notebook():
    import argmap.pipeline  # noqa: F401 - what 'import argmap; argmap.load' brings in
    svg = _small_map()._repr_svg_()
    assert svg.lstrip().startswith(("<?xml", "<svg")) and "</svg>" in svg


def test_adjacency_is_networkx_own_predecessor_and_successor_maps():
    """Pins the one use of networkx internals (ArgMap.adjacency) to the public views."""
    amap = ArgMap()
    for claim in "tabu":
        amap.add_claim(claim, claim.upper(), kind="thesis" if claim == "t" else "claim")
    amap.add_relation("a", "t", "support")
    amap.add_relation("b", "t", "rebut")
    amap.add_relation("u", "t", "undercut", undercuts="a")
    pred, succ = amap.adjacency()
    graph = amap.graph
    for node in graph:
        assert {n: dict(keys) for n, keys in pred[node].items()} == {
            n: dict(keys) for n, keys in graph.pred[node].items()}
        assert {n: dict(keys) for n, keys in succ[node].items()} == {
            n: dict(keys) for n, keys in graph.succ[node].items()}
