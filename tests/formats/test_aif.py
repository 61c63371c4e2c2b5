"""AIF JSON: conformance on real AIFdb maps, round trips, readability by arguebuf, errors."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from hypothesis import given, settings

from argmap.errors import ParseError
from argmap.formats import load
from argmap.formats.aif import read, write
from tests.conftest import DATA, shared_files
from tests.formats.badinput import refusal
from tests.strategies import argmaps

HERE = DATA / "aif"
FIXTURES = shared_files("aif", "*.json")


def independent_counts(raw: dict) -> tuple[int, int, int]:
    """Claims, supports and rebuts counted straight from the AIF: each RA or MA (support)
    and each CA (rebut) relates every I-node into it to every I-node out of it."""
    types = {node["nodeID"]: node["type"] for node in raw["nodes"]}
    into, out = Counter(), Counter()
    for edge in raw["edges"]:
        if types[edge["fromID"]] == "I":
            into[edge["toID"]] += 1
        if types[edge["toID"]] == "I":
            out[edge["fromID"]] += 1
    supports = sum(into[n] * out[n] for n, t in types.items() if t in ("RA", "MA"))
    rebuts = sum(into[n] * out[n] for n, t in types.items() if t == "CA")
    return sum(t == "I" for t in types.values()), supports, rebuts


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_fixture_counts_match_an_independent_count(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    amap = load(path, "aif")
    relations = Counter(r.relation for r in amap.relations())
    assert (len(amap), relations["support"], relations["rebut"]) == independent_counts(raw)


def test_microtext_undercut_is_an_undercut(shared):
    amap = load(shared / "fixtures" / "aif" / "microtext_b001_aifdb.json")
    undercuts = sorted((r.source, r.undercuts, r.target) for r in amap.relations()
                       if r.relation == "undercut")
    # Two linked premises into a CA that attacks the CA 119927 -> 119931.
    assert undercuts == [("119929", "119927", "119931"), ("119930", "119927", "119931")]
    groups = {amap.graph.edges[s, t, f"undercut:{u}"]["group"] for s, u, t in undercuts}
    assert groups == {"119934"}
    assert amap.theses() == ["119931"]


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_writing_a_fixture_back_keeps_every_node_and_edge(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    written = json.loads(write(load(path, "aif")))
    assert Counter(n["type"] for n in written["nodes"]) == Counter(n["type"] for n in raw["nodes"])
    assert len(written["edges"]) == len(raw["edges"])
    assert written["locutions"] == raw["locutions"]
    texts = {n["nodeID"]: n["text"] for n in raw["nodes"]}
    assert {n["nodeID"]: n["text"] for n in written["nodes"]} == texts


def _claims_and_relations(amap):
    claims = {n: d["text"] for n, d in amap.graph.nodes(data=True)}
    relations = sorted((r.source, r.target, r.relation, r.undercuts or "")
                       for r in amap.relations())
    return claims, relations


@settings(max_examples=150, deadline=None)
@given(argmaps())
def test_round_trip_keeps_claims_texts_and_relations(amap):
    again = read(write(amap), "map.aif.json")
    assert _claims_and_relations(again) == _claims_and_relations(amap)


def test_output_is_plain_aif():
    amap = load(DATA.parent.parent / "arguments" / "illinois-detainers.yaml")
    data = json.loads(write(amap, timestamp="2025-11-01 12:00:00"))
    assert data["locutions"] == []
    assert all(isinstance(n["nodeID"], str) and n["timestamp"] == "2025-11-01 12:00:00"
               for n in data["nodes"])
    texts = {n["type"]: n["text"] for n in data["nodes"] if n["type"] != "I"}
    assert texts == {"RA": "Default Inference", "CA": "Default Conflict"}
    ids = {n["nodeID"] for n in data["nodes"]}
    assert all({e["fromID"], e["toID"]} <= ids for e in data["edges"])


def test_arguebuf_reads_what_we_write(tmp_path):
    arguebuf = pytest.importorskip("arguebuf", reason="arguebuf (test extra) not installed")
    amap = load(DATA.parent.parent / "arguments" / "illinois-detainers.yaml")
    target = tmp_path / "map.json"
    target.write_text(write(amap), encoding="utf-8")
    graph = arguebuf.load.file(target)
    assert len(graph.atom_nodes) == len(amap)
    assert {a.plain_text for a in graph.atom_nodes.values()} == {
        d["text"] for _, d in amap.graph.nodes(data=True)}
    relations = Counter(r.relation for r in amap.relations())
    schemes = Counter(type(s.scheme).__name__ for s in graph.scheme_nodes.values())
    assert schemes["Support"] == relations["support"]
    assert schemes["Attack"] == relations["rebut"] + relations["undercut"]


def test_ova_wrapper_with_integer_ids_and_dialogue():
    amap = load(HERE / "ova-wrapper-integer-ids.json", "aif")
    assert amap.claim("2")["text"] == "Cars pollute the air"
    assert sorted((r.source, r.target, r.relation) for r in amap.relations()) == [
        ("2", "1", "support"), ("3", "1", "support"), ("5", "1", "rebut")]
    assert amap.graph.edges["2", "1", "support"]["group"] == "4"
    written = json.loads(write(amap))
    assert written["participants"][0]["firstname"] == "Ann"
    assert Counter(n["type"] for n in written["nodes"]) == Counter(
        {"I": 4, "RA": 1, "CA": 1, "L": 1, "YA": 1, "PA": 1})
    assert sum(1 for e in written["edges"] if e["toID"] == "4") == 2  # one linked RA


@pytest.mark.parametrize("name, message, line, column", [
    ("truncated.json", "invalid JSON: Unterminated string starting at", 3, 27),
    ("unknown-type.json", "nodes[1].type: 'XA' is not an AIF node type", None, None),
    ("dangling-edge.json", "edges[1].toID: no node has the id '99'", None, None),
    ("text-not-string.json", "nodes[0].text must be a string, not a list", None, None),
])
def test_bad_input_gives_one_located_error(name, message, line, column):
    error = refusal(read, HERE / name, line, column)
    assert isinstance(error, ParseError) and error.message.startswith(message)
