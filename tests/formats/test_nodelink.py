"""Node-link JSON: lossless round trips, other tools' node-link data, AIF hand-off, errors."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings

from argmap.errors import ParseError
from argmap.formats import get_format, load, loads
from argmap.formats.nodelink import read, to_data, write
from tests.conftest import DATA
from tests.formats.badinput import refusal
from tests.strategies import argmaps, graph_signature

HERE = DATA / "nodelink"


@settings(max_examples=150, deadline=None)
@given(argmaps())
def test_round_trip_keeps_every_attribute(amap):
    text = write(amap)
    again = read(text, "map.json")
    assert to_data(again) == to_data(amap)
    assert graph_signature(again) == graph_signature(amap)
    assert write(again) == text  # deterministic


def test_output_is_networkx_node_link_data_and_positions_are_not_read_back():
    amap = load(DATA.parent.parent / "arguments" / "illinois-detainers.yaml")
    text = write(amap)
    data = json.loads(text)
    assert data["directed"] and data["multigraph"]
    assert data["graph"]["title"] == amap.title
    assert data["graph"]["perspectives"] == amap.perspectives
    assert [node["id"] for node in data["nodes"]] == list(amap.claims())
    assert [node["line"] for node in data["nodes"]] == [
        line for _, line in amap.graph.nodes(data="line")]
    again = read(text, "map.json")
    assert not any("line" in d for _, d in again.graph.nodes(data=True))
    assert not any("line" in d for _, _, d in again.graph.edges(data=True))
    assert {(e["source"], e["target"], e["relation"]) for e in data["edges"]} == {
        (r.source, r.target, r.relation) for r in amap.relations()}


def test_reads_plain_networkx_data_with_links_and_integer_ids():
    amap = load(HERE / "networkx-links.json", validate=False)
    assert amap.claim("1")["text"] == "Cities should ban cars"
    assert amap.claim("2")["colour"] == "red"
    assert amap.claim("3")["text"] == "3"
    assert sorted((r.source, r.target, r.relation) for r in amap.relations()) == [
        ("2", "1", "support"), ("3", "1", "rebut")]


def test_aif_in_a_json_file_is_read_as_aif(shared):
    path = shared / "fixtures" / "aif" / "microtext_b001_aifdb.json"
    assert get_format("json").read is read
    amap = load(path)
    assert "undercut" in {r.relation for r in amap.relations()}
    aif = loads(path.read_text(encoding="utf-8"), "aif")
    assert graph_signature(amap) == graph_signature(aif)


@pytest.mark.parametrize("name, message, line, column", [
    ("truncated.json", "invalid JSON: Expecting ',' delimiter", 5, 1),
    ("wrong-type.json", "nodes[1].text must be a string, not an integer", None, None),
    ("missing-node.json", "edges[0].source: no node has the id 'b' (known: a)", None, None),
    ("bad-relation.json", "edges[0].relation must be one of support, rebut, undercut, not "
     "'attack'", None, None),
    ("duplicate-id.json", "nodes[1]: duplicate node id 'a'", None, None),
    ("tags-not-list.json", "nodes[0].tags must be a list, not a string", None, None),
])
def test_bad_input_gives_one_located_error(name, message, line, column):
    error = refusal(read, HERE / name, line, column)
    assert isinstance(error, ParseError) and error.message == message
