"""Views: exact claim sets on a hand-made map and the sample debate, their context, clean
undercuts, and no claim left without a relation in any view."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.formats import load
from argmap.model import ArgMap
from argmap.views import (
    ViewError,
    apply_views,
    by_kind,
    by_perspective,
    by_side,
    by_tag,
    collapse_below,
    focus,
    neighbourhood,
)
from tests.conftest import DATA, SAMPLE, output_whatever_the_hashing
from tests.strategies import argmaps

SMALL = DATA / "views" / "small.yaml"


@pytest.fixture(scope="module")
def small() -> ArgMap:
    return load(SMALL)


def claims(amap: ArgMap) -> set[str]:
    return set(amap.claims())


def relations(amap: ArgMap) -> set[tuple]:
    return {(r.source, r.target, r.relation, r.undercuts) for r in amap.relations()}


def assert_no_dangling_undercuts(amap: ArgMap) -> None:
    for r in amap.relations():
        if r.relation == "undercut":
            attacked = amap.graph.get_edge_data(r.undercuts, r.target) or {}
            assert {"support", "rebut"} & set(attacked), r.label


def context(amap: ArgMap) -> set[str]:
    return {n for n, role in amap.graph.nodes(data="view_role") if role == "context"}


@pytest.mark.parametrize("claim, depth, expected, greyed", [
    ("a", 0, {"a"}, {"t"}),
    ("a", 1, {"a", "c", "d", "u"}, {"t"}),
    ("c", 1, {"c", "u"}, {"a", "t"}),  # u undercuts c->a: one step from c
    ("d", 1, {"d"}, {"a", "t"}),
    ("d", 2, {"d"}, {"a", "t"}),  # outward only: a's other arguments are not d's
    ("e", 3, {"e"}, {"b", "t"}),
    ("t", 1, {"t", "a", "b"}, set()),
])
def test_focus_counts_outward_with_the_path_to_the_thesis_as_context(small, claim, depth,
                                                                     expected, greyed):
    view = focus(small, claim, depth)
    assert claims(view) == expected | greyed
    assert context(view) == greyed
    assert view.claim(claim)["view_role"] == "focus"
    assert set(neighbourhood(small, claim, depth)) == expected


@pytest.mark.parametrize("names, expected, greyed", [
    (["p1"], {"t", "a", "c", "e"}, {"b"}),
    (["p2"], {"t", "b", "d", "u"}, {"a", "c"}),  # u's attacked relation c->a as context
    (["Second perspective"], {"t", "b", "d", "u"}, {"a", "c"}),
    (["p1", "p2"], {"t", "a", "b", "c", "d", "e", "u"}, set()),
])
def test_perspective_filter_keeps_the_thesis_and_the_targets_as_context(small, names,
                                                                        expected, greyed):
    view = by_perspective(small, names)
    assert (claims(view), context(view)) == (expected | greyed, greyed)


@pytest.mark.parametrize("side, expected, greyed", [("pro", {"t", "a", "c"}, set()),
                                                    ("con", {"t", "b", "d", "e", "u"},
                                                     {"a", "c"})])
def test_side_filter(small, side, expected, greyed):
    view = by_side(small, side)
    assert (claims(view), context(view)) == (expected | greyed, greyed)


def test_kind_filter_keeps_an_undercut_with_the_relation_it_attacks_as_context(small):
    """u undercuts c->a; the evidence c is not a claim, so it comes along as context."""
    view = by_kind(small, ["claim"])
    assert (claims(view), context(view)) == ({"t", "a", "b", "c", "d", "e", "u"}, {"c"})
    assert ("u", "a", "undercut", "c") in relations(view)


def test_evidence_view_shows_what_the_evidence_is_for(small):
    view = by_kind(small, ["evidence"])
    assert (claims(view), context(view)) == ({"t", "a", "c"}, {"a"})
    assert relations(view) == {("a", "t", "support", None), ("c", "a", "support", None)}


@pytest.mark.parametrize("tags, expected, greyed", [
    (["report"], {"t", "c", "d"}, {"a"}),
    (["doubt"], {"t", "d"}, {"a"}),
])
def test_tag_filter(small, tags, expected, greyed):
    view = by_tag(small, tags)
    assert (claims(view), context(view)) == (expected | greyed, greyed)


def test_a_filter_matching_nothing_leaves_the_thesis_alone(small):
    assert claims(by_kind(small, ["argument"])) == {"t"}


def test_collapse_folds_each_branch_into_a_counted_summary(small):
    view = collapse_below(small, 1)
    assert claims(view) == {"t", "a", "b", "a-more", "b-more"}
    assert view.claim("a-more")["text"] == "+3 more claims (1 pro, 2 con)"
    assert view.claim("b-more")["text"] == "+1 more claim (0 pro, 1 con)"
    assert ("a-more", "a", "support", None) in relations(view)
    assert ("b-more", "b", "support", None) in relations(view)
    assert "side" not in view.claim("a-more")


def test_collapse_to_the_thesis_alone(small):
    view = collapse_below(small, 0)
    assert claims(view) == {"t", "t-more"}
    assert view.claim("t-more")["text"] == "+6 more claims (2 pro, 4 con)"


def test_collapse_deep_enough_changes_nothing(small):
    assert relations(collapse_below(small, 5)) == relations(small)


def test_collapse_counts_from_the_focus_claim(small):
    view = apply_views(small, focus_on="a", depth=1, collapse=0)
    assert claims(view) == {"a", "a-more", "t"}
    assert view.claim("a-more")["text"] == "+3 more claims (1 pro, 2 con)"


def test_views_leave_their_input_alone(small):
    before = relations(small), claims(small)
    apply_views(small, focus_on="a", perspectives=["p1"], side="pro", kinds=["claim"],
                collapse=0)
    assert (relations(small), claims(small)) == before


def test_focus_on_the_sample_debate(sample):
    assert claims(focus(sample, "releases-1700", 1)) == {
        "releases-1700", "releases-endanger", "counts-partial", "honor"}


def test_the_readmes_focus_example_draws_about_ten_claims(sample):
    """trust-reporting, the seven claims arguing about it, the two undercutting its rebuttal
    and two more behind them; the thesis's other arguments are not its neighbourhood."""
    view = focus(sample, "trust-reporting", 2)
    assert len(neighbourhood(sample, "trust-reporting", 2)) == 12
    assert context(view) == {"honor"}
    assert len(view) == 13


def test_filters_on_the_sample_debate_keep_exactly_the_matching_claims(sample):
    safety = by_perspective(sample, ["safety"])
    assert claims(safety) - context(safety) == {
        n for n, d in sample.graph.nodes(data=True)
        if d.get("perspective") == "safety" or n == "honor"}
    con = by_side(sample, "con")
    assert claims(con) - context(con) == {"honor"} | {
        n for n, s in sample.graph.nodes(data="side") if s == "con"}
    assert {sample.claim(n)["side"] for n in context(con)} == {"pro"}
    assert "honor" in claims(by_kind(sample, ["evidence"]))
    for view in (safety, con, by_kind(sample, ["evidence"])):
        assert_no_dangling_undercuts(view)


def test_collapse_on_the_sample_debate_accounts_for_every_claim(sample):
    view = collapse_below(sample, 1)
    folded = sum(d["meta"]["collapsed"] for _, d in view.graph.nodes(data=True) if "meta" in d)
    kept = [n for n, d in view.graph.nodes(data=True) if "meta" not in d]
    assert len(kept) + folded == len(sample)
    assert all(sample.graph.has_edge(n, "honor") or n == "honor" for n in kept)


@pytest.mark.parametrize("call, message", [
    (lambda m: focus(m, "releases-170"), "unknown claim 'releases-170'; did you mean "
                                         "'releases-1700'?"),
    (lambda m: by_perspective(m, ["safty"]), "unknown perspective 'safty'; did you mean "
                                             "'safety'?"),
    (lambda m: by_side(m, "neutral"), "unknown side 'neutral'"),
    (lambda m: by_kind(m, ["opinion"]), "unknown kind 'opinion'"),
    (lambda m: by_tag(m, ["analyst-inferense"]), "unknown tag 'analyst-inferense'; did you "
                                                 "mean 'analyst-inference'?"),
])
def test_unknown_names_are_located_errors(sample, call, message):
    with pytest.raises(ViewError) as caught:
        call(sample)
    assert caught.value.message.startswith(message)
    assert caught.value.location.file == str(SAMPLE)


def assert_every_claim_has_a_relation(view: ArgMap, amap: ArgMap, option: dict) -> None:
    """What a reader sees: no box floating without an arrow (a one-claim view aside).  A
    view that only folds keeps the claims the map itself leaves unconnected."""
    alone = [n for n in view.claims() if not view.graph.degree(n)]
    if set(option) == {"collapse"}:
        assert all(not amap.graph.degree(n) for n in alone), option
    elif len(view) > 1:
        assert alone == [], option


def every_view(amap: ArgMap, claim: str, depth: int):
    """The views of ``amap`` that the CLI offers, alone and combined."""
    tags = sorted({t for _, ts in amap.graph.nodes(data="tags") for t in ts or ()})
    options = [{"focus_on": claim, "depth": depth}, {"side": "pro"}, {"side": "con"},
               {"kinds": ["claim"]}, {"kinds": ["evidence"]},
               {"focus_on": claim, "depth": depth, "side": "con"},
               {"focus_on": claim, "depth": depth, "collapse": 1},
               {"collapse": depth}, {"kinds": ["evidence"], "collapse": 1}]
    options += [{"perspectives": [p]} for p in amap.perspectives]
    options += [{"tags": [t]} for t in tags] + [{"tags": tags[:1], "side": "pro"}] * bool(tags)
    for option in options:
        yield option, apply_views(amap, **option)


@st.composite
def tangled_maps(draw):
    """Random maps with what real ones have beyond a tree: cross-links, a claim arguing
    about several others, claims connected to nothing."""
    amap = draw(argmaps(max_claims=10))
    ids = list(amap.claims())
    for _ in range(draw(st.integers(0, 3))):
        source, target = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        if source != target:
            amap.add_relation(source, target, draw(st.sampled_from(["support", "rebut"])))
    for index in range(draw(st.integers(0, 2))):
        amap.add_claim(f"orphan-{index}", "Connected to nothing.", tags=["lonely"])
    amap.derive_sides()  # as a load does: the relations added above may change sides
    return amap


@settings(max_examples=100, deadline=None)
@given(tangled_maps(), st.data())
def test_every_view_is_a_clean_connected_part_of_the_map(amap, data):
    claim = data.draw(st.sampled_from(list(amap.claims())))
    depth = data.draw(st.integers(0, 3))
    for option, view in every_view(amap, claim, depth):
        assert_every_claim_has_a_relation(view, amap, option)
        assert_no_dangling_undercuts(view)
        for r in view.relations():
            if "meta" not in view.claim(r.source):
                assert amap.graph.has_edge(r.source, r.target, r.key), option
    folded = collapse_below(amap, 1)
    assert sum(d.get("meta", {}).get("collapsed", 1)
               for _, d in folded.graph.nodes(data=True)) == len(amap)


@settings(max_examples=60, deadline=None)
@given(tangled_maps(), st.data())
def test_a_view_keeps_every_selected_claim_that_argues_about_something(amap, data):
    tags = sorted({t for _, ts in amap.graph.nodes(data="tags") for t in ts or ()})
    tag = data.draw(st.sampled_from(tags)) if tags else None
    view = by_tag(amap, [tag]) if tag else by_side(amap, "con")
    for claim, claim_tags in amap.graph.nodes(data="tags"):
        selected = tag in (claim_tags or ()) if tag else amap.claim(claim).get("side") == "con"
        if selected and amap.graph.out_degree(claim):
            assert claim in view and "view_role" not in view.claim(claim)


def test_no_view_of_the_sample_debate_leaves_a_claim_without_a_relation(sample):
    for claim in sample.claims():
        for depth in (0, 1, 2, 3):
            for option, view in every_view(sample, claim, depth):
                assert_every_claim_has_a_relation(view, sample, option)
                assert_no_dangling_undercuts(view)


def test_views_keep_file_order_whatever_the_string_hashing(small):
    """A small selection must not come out in set order, which changes from run to run."""
    script = ("import sys; from argmap.formats import load, dumps; from argmap.views import "
              "focus; sys.stdout.write(dumps(focus(load(sys.argv[1]), 'd', 1), 'yaml'))")
    text = output_whatever_the_hashing(script, SMALL, seeds=6)
    assert [line.strip() for line in text.splitlines()
            if line.startswith("  ") and line.strip().endswith(":")] == ["t:", "a:", "d:"]


def test_folding_a_view_of_claims_arguing_in_a_circle_counts_from_the_circle():
    """Without a thesis and with every claim arguing about another, depth is counted from
    the circle nothing leads out of; folding used to be refused there."""
    amap = ArgMap(title="A circle")
    for claim in ("a", "b", "c", "d"):
        amap.add_claim(claim, f"Claim {claim}.")
    amap.add_relation("a", "b", "rebut")
    amap.add_relation("b", "a", "rebut")
    amap.add_relation("c", "a", "support")
    amap.add_relation("d", "c", "support")
    folded = collapse_below(amap, 1)
    assert {"a", "b", "c"} <= set(folded.claims()) and "d" not in folded
    summaries = [n for n, meta in folded.graph.nodes(data="meta") if meta and "collapsed" in meta]
    assert [folded.claim(n)["meta"]["collapsed"] for n in summaries] == [1]
