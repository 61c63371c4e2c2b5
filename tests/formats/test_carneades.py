"""Carneades 4 (CAES YAML): every upstream example loads with the structure the YAML
states, the hand-asserted labels land where the evaluation code looks, errors are located."""

from __future__ import annotations

import json
from collections import Counter

import pytest
import yaml

from argmap.errors import ArgmapError
from argmap.formats import dumps, format_for_reading, load, loads
from argmap.formats.carneades import read
from tests.conftest import DATA, FIXTURES, shared_files
from tests.formats.badinput import refusal
from tests.strategies import graph_signature

HERE = DATA / "carneades"
EXAMPLES = shared_files("carneades/yaml", "*.yml")


def independent_counts(raw: dict) -> dict[str, int]:
    """Straight from the YAML: statements, arguments, and the relations they imply."""
    arguments = (raw.get("arguments") or {}).values()
    positions = [len(issue["positions"]) for issue in (raw.get("issues") or {}).values()]
    return {"statements": len(raw["statements"]), "arguments": len(arguments),
            "support": sum(len(a.get("premises") or []) + 1 for a in arguments),
            "undercut": sum("undercutter" in a for a in arguments),
            "rebut": sum(n * (n - 1) for n in positions)}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_structure_matches_an_independent_count(path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    amap = load(path, "carneades")
    kinds = Counter("argument" if kind == "argument" else "statement"
                    for _, kind in amap.graph.nodes(data="kind"))
    relations = Counter(r.relation for r in amap.relations())
    assert {"statements": kinds["statement"], "arguments": kinds["argument"],
            **{k: relations[k] for k in ("support", "undercut", "rebut")}} == \
        independent_counts(raw)
    assert [meta["carneades_id"] for _, meta in amap.graph.nodes(data="meta")] == [
        str(k) for k in raw["statements"]] + [str(k) for k in raw.get("arguments") or {}]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_asserted_labels_are_on_the_statements(path):
    expected = json.loads((FIXTURES / "carneades" / "expected.json").read_text(
        encoding="utf-8"))["yaml"][path.name]["asserted"]
    amap = load(path, "carneades")
    found = {label: sorted(meta["carneades_id"] for _, meta in amap.graph.nodes(data="meta")
                           if meta.get("carneades_label") == label)
             for label in ("in", "out", "undecided")}
    assert found == {label: sorted(set(ids)) for label, ids in expected.items()}


def test_undercutters_rebuttals_and_argument_details(shared):
    folder = shared / "fixtures" / "carneades" / "yaml"
    murder = load(folder / "prakken-sartor-murder.yml")  # .yml: handed over by content
    relations = {(r.source, r.target, r.relation, r.undercuts) for r in murder.relations()}
    assert ("not-app-a4", "not-s11469", "undercut", "a4") in relations
    assert ("s11460", "a4", "support", None) in relations
    assert ("a1-3", "not-app-a1", "support", None) in relations
    assert {("s11469", "not-s11469", "rebut", None), ("not-s11469", "s11469", "rebut", None)} \
        <= relations
    assert murder.claim("not-app-a4")["meta"]["carneades_id"] == "¬app(a4)"
    assert murder.claim("a1-3")["meta"]["carneades_id"] == "a1.3"
    assert murder.claim("s11467")["meta"] == {"carneades_id": "s11467", "assumed": True,
                                              "carneades_label": "in"}
    assert murder.graph.graph["carneades"]["issues"] == {
        "i1": {"positions": ["s11469", "not-s11469"], "standard": "PE"}}
    linked = load(folder / "linked-convergent.yml", "carneades")
    assert linked.claim("a1")["meta"] == {"carneades_id": "a1", "scheme": "convergent"}
    assert linked.claim("a1")["kind"] == "argument"
    assert linked.graph.graph["carneades"]["assumptions"] == ["q", "r"]


def test_own_example_by_suffix_with_locations():
    path = HERE / "congestion-charge.caes.yml"
    assert format_for_reading(path, path.read_text(encoding="utf-8")).name == "carneades"
    amap = load(path)
    assert amap.title == "Should the city introduce a congestion charge?"
    assert amap.theses() == ["charge"]
    assert amap.claim("less-traffic")["meta"]["meta"] == {"source": "Stockholm trial, 2006"}
    assert amap.claim("exemptions")["meta"]["assumed"] is True
    assert amap.claim("a3")["meta"] == {"carneades_id": "a3", "weight": "0.5"}
    assert amap.claim("not-charge")["meta"]["carneades_id"] == "¬charge"
    undercut = next(r for r in amap.relations() if r.relation == "undercut")
    assert (undercut.source, undercut.target, undercut.undercuts) == (
        "different-city", "less-traffic", "a2")
    assert (undercut.line, undercut.column) == (32, 18)


@pytest.mark.parametrize("name, message, line, column", [
    ("unknown-statement.caes.yml", "'r' in the premises of argument 'a1' is not a statement",
     8, 19),
    ("no-conclusion.caes.yml", "argument 'a1' has no conclusion", 6, 5),
    ("argument-named-like-statement.caes.yml", "argument 'q' has the id of a statement", 6, 3),
    ("syntax-error.caes.yml", "YAML syntax error: did not find expected ',' or ']'", 4, 10),
])
def test_bad_input_gives_one_located_error(name, message, line, column):
    error = refusal(read, HERE / name, line, column)
    assert isinstance(error, ArgmapError) and error.message == message



@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_convert_to_argmap_yaml_and_back(path):
    amap = load(path)
    again = loads(dumps(amap, "yaml"), "yaml")
    assert graph_signature(again) == graph_signature(amap)


def test_ids_are_normalised_as_carneades_normalises_terms():
    amap = load(HERE / "terms-and-empty-assumptions.caes.yml", "carneades")
    statements = {meta["carneades_id"]: node for node, meta in amap.graph.nodes(data="meta")
                  if amap.graph.nodes[node]["kind"] != "argument"}
    assert set(statements) == {"owns(alice,car)", "may_sell(alice,car)",
                               "¬may_sell(alice,car)", "stolen(car)"}
    relations = {(r.source, r.target, r.relation) for r in amap.relations()}
    sell, not_sell = statements["may_sell(alice,car)"], statements["¬may_sell(alice,car)"]
    assert {(statements["owns(alice,car)"], "a1", "support"), ("a1", sell, "support"),
            (statements["stolen(car)"], sell, "undercut"), (sell, not_sell, "rebut"),
            (not_sell, sell, "rebut")} == relations
    assert amap.claim(statements["owns(alice,car)"])["meta"]["carneades_label"] == "in"
    assert not any(meta.get("assumed") for _, meta in amap.graph.nodes(data="meta"))
