"""SADFace JSON: read as SADFace whatever its suffix, never confused with node-link JSON
or AIF, relations matching counts made straight from the JSON, and clear refusals."""

from __future__ import annotations

import json
import uuid
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings

from argmap.errors import ArgmapError, FormatError, ParseError
from argmap.formats import dumps, load, loads
from argmap.formats.sadface import read
from tests.conftest import DATA, SAMPLE
from tests.strategies import argmaps, assert_same_map, graph_signature

HERE = DATA / "sadface"


def independent_counts(doc: dict) -> Counter:
    """Relations implied by the SADFace graph: atoms into an inference support each atom it
    points at; atoms into a conflict rebut the atoms it points at, and undercut (once per
    premise) the inferences it points at."""
    kind = {n["id"]: ("conflict" if n["type"] == "conflict" or n.get("name") == "conflict"
                      else n["type"] if n["type"] == "atom" else "inference")
            for n in doc["nodes"]}
    sources: dict[str, list] = {}
    targets: dict[str, list] = {}
    for e in doc["edges"]:
        sources.setdefault(e["target_id"], []).append(e["source_id"])
        targets.setdefault(e["source_id"], []).append(e["target_id"])
    counts = Counter()
    for nid, k in kind.items():
        premises = [s for s in sources.get(nid, []) if kind[s] == "atom"]
        for target in targets.get(nid, []):
            if k == "inference" and kind[target] == "atom":
                counts["support"] += len(premises)
            elif k == "conflict" and kind[target] == "atom":
                counts["rebut"] += len(premises)
            elif k == "conflict":
                attacked = [s for s in sources.get(target, []) if kind[s] == "atom"]
                counts["undercut"] += len(premises) * len(attacked)
    return counts


@pytest.mark.parametrize("name", ["hang-back", "version-0.1"])
def test_sadface_reads_with_the_counts_of_its_json(name):
    path = HERE / f"{name}.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    amap = load(path)
    assert Counter(r.relation for r in amap.relations()) == independent_counts(doc)
    atoms = [n for n in doc["nodes"] if n["type"] == "atom"]
    assert [amap.claim(n["id"])["text"] for n in atoms] == [n["text"] for n in atoms]
    assert len(amap) == len(atoms)
    again = loads(path.read_text(), "sadface")
    assert graph_signature(again) == graph_signature(amap)


def test_sadface_details_are_kept():
    amap = load(HERE / "hang-back.json")
    assert amap.title == "Should the campaign video be withdrawn?"
    assert amap.graph.graph["sadface"]["metadata"]["core"]["version"] == "0.5"
    speaker = amap.claim("c0000000-0000-4000-8000-000000000004")["meta"]["sadface"]
    assert speaker["metadata"] == {"org.example": {"speaker": "road safety charity"}}
    assert amap.theses() == ["c0000000-0000-4000-8000-000000000001"]


def test_sadface_is_sniffed_without_a_suffix(tmp_path):
    path = tmp_path / "debate"
    path.write_text((HERE / "version-0.1.json").read_text())
    assert len(load(path)) == 3


@pytest.mark.parametrize("text, error, message", [
    ("", ParseError, "empty file"),
    ("  \n", ParseError, "empty file"),
    ((DATA / "sadface" / "empty.json").read_text(), ParseError, "no atoms"),
    ('{"nodes": [{"id": "a"}], "edges": [{"source": "a", "target": "a"}]}', FormatError,
     "node-link JSON"),
    ('{"nodes": [{"nodeID": "1", "type": "I", "text": "x"}], "edges": []}', FormatError,
     "AIF"),
    ('{"nodes": [{"id": "a", "type": "atom", "text": "x"}], "edges": [{"source_id": "a", '
     '"target_id": "b"}]}', ParseError, r"edges\[0\].target_id: no node has the id 'b'"),
    ('{"nodes": [{"id": "a", "type": "atom", "text": "x"}, {"id": "b", "type": "atom", '
     '"text": "y"}], "edges": [{"source_id": "a", "target_id": "b"}]}', ParseError,
     "joins two atoms"),
    ('{"nodes": [{"id": "a", "type": "claim", "text": "x"}], "edges": [{"source_id": "a"}]}',
     ParseError, "not a SADFace node type"),
    ('{"nodes": [{"id": "a", "type": "atom", "text": 3}], "edges": []}', ParseError,
     r"nodes\[0\].text must be a string")])
def test_sadface_refusals_speak_sadface(text, error, message):
    with pytest.raises(error, match=message) as caught:
        read(text, "doc.sadface.json")
    assert caught.value.location.file == "doc.sadface.json"


def test_node_link_json_never_gets_sadface_messages():
    with pytest.raises(ArgmapError) as caught:
        loads('{"nodes": [{"id": "a"}], "edges": [{"source": "a", "target": "b"}]}', "json",
              "x.json")
    assert "source_id" not in caught.value.message and "SADFace" not in caught.value.message


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(argmaps())
def test_round_trip_keeps_claims_fields_and_relations(amap):
    text = dumps(amap, "sadface", timestamp="2026-01-01T00:00:00")
    again = loads(text, "sadface")
    assert_same_map(again, amap)
    assert dumps(again, "sadface", timestamp="2026-01-01T00:00:00") == text


def test_what_argmap_writes_is_sadface_by_every_reader_path(tmp_path):
    path = tmp_path / "sample.json"
    path.write_text(dumps(load(SAMPLE), "sadface"), encoding="utf-8")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert {node["type"] for node in doc["nodes"]} == {"atom", "inference", "conflict"}
    for item in doc["nodes"] + doc["edges"]:  # SADFace's own validator wants UUIDs
        assert uuid.UUID(item["id"])
    assert set(doc["metadata"]["core"]) == {"analyst_email", "analyst_name", "created",
                                            "edited", "id", "version"}
    assert graph_signature(load(path)) == graph_signature(load(SAMPLE))
    assert Counter(r.relation for r in load(path).relations()) == independent_counts(doc)


def test_a_read_sadface_document_keeps_its_metadata_when_written_again():
    amap = load(HERE / "hang-back.json")
    doc = json.loads(dumps(amap, "sadface"))
    assert doc["metadata"]["core"]["id"] == "0b3a9d2e-6f1c-4a57-9a3e-2f6f0c1d9e01"
    speaker = next(n for n in doc["nodes"] if "org.example" in n.get("metadata", {}))
    assert speaker["metadata"]["org.example"] == {"speaker": "road safety charity"}
