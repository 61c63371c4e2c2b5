"""Map-level checks that do not depend on the file format."""

import argmap
from argmap.check import SUGGESTED_UP_TO, check_map
from argmap.model import ArgMap, add_edge
from argmap.pipeline import check_file
from tests.conftest import DATA, SAMPLE, SHARED


def test_side_conflicts_are_located_warnings_not_errors():
    path = DATA / "check" / "side-conflict.yaml"
    found = [(d.severity, d.location.line, d.message) for d in check_file(path)]
    assert found == [("warning", 12, "claim 'both' is pro by one path and con by another"),
                     ("warning", 15, "claim 'declared' is con by one path and pro by another")]
    assert argmap.load(path).claim("declared")["side"] == "con"


def test_the_sample_debate_has_no_problem_at_all():
    found = [(d.severity, d.message) for d in check_file(SAMPLE)]
    if SHARED.is_dir():
        assert found == []
    else:  # a checkout without ../shared: the article is missing, only said so
        assert [severity for severity, _ in found] == ["warning"]
        assert "document of source 'article' unavailable" in found[0][1]


def test_maps_built_in_code_are_checked_the_same_way():
    amap = ArgMap()
    amap.add_claim("t", "T", kind="thesis")
    amap.add_claim("a", "A", perspective="nowhere", weight=2.0)
    add_edge(amap.graph, "a", "ghost", "support")  # as a reader keeps it
    messages = [d.message for d in check_map(amap)]
    assert "claim 'a' names unknown perspective 'nowhere' (there are none)" in messages
    assert "claim 'a' has weight 2.0 outside 0..1" in messages
    assert "unknown claim 'ghost' in support of 'a' (known: t, a)" in messages


def test_check_map_leaves_the_map_as_it_is():
    from argmap.pipeline import read_map
    amap, _ = read_map(SAMPLE)
    before = {node: dict(data) for node, data in amap.graph.nodes(data=True)}
    assert check_map(amap) == check_map(amap)
    assert {node: dict(data) for node, data in amap.graph.nodes(data=True)} == before
    assert amap.sides()[0] and not any("side" in data and "declared_side" not in data
                                       for data in before.values())


def test_unknown_claims_are_each_reported_and_the_first_few_get_a_suggestion():
    """Every relation to an undeclared id is an error; only the first ``SUGGESTED_UP_TO``
    ids get a "did you mean", each of which scans every declared id."""
    amap = ArgMap(title="t")
    amap.add_claim("thesis", "T.", kind="thesis")
    for index in range(SUGGESTED_UP_TO + 5):
        amap.add_claim(f"claim-{index}", f"Claim {index}.")
        add_edge(amap.graph, f"claim-{index}", "thesis", "support")
        add_edge(amap.graph, f"claim-{index}", f"claim-{index}x", "support")
    errors = [d.message for d in check_map(amap) if d.severity == "error"]
    assert len(errors) == SUGGESTED_UP_TO + 5
    assert errors[0] == "unknown claim 'claim-0x' in support of 'claim-0'; did you mean 'claim-0'?"
    assert sum("did you mean" in message for message in errors) == SUGGESTED_UP_TO
