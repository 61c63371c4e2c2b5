"""What would change a verdict: every reported set really flips the claim, is minimal,
and no smaller flipping set is missed (checked against brute force on random maps)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import ArgMap, EvaluationError
from argmap.evaluate import SUPPORT_READINGS, evaluate
from argmap.evaluate.flip import flips


def label_without(amap, claim, removed, semantics="grounded", **options):
    kept = amap.subgraph([c for c in amap.claims() if c not in removed])
    labels = evaluate(kept, semantics, **options).labels
    return labels.get(claim) if labels is not None else None


def test_each_set_reported_on_the_sample_really_flips_the_thesis(sample):
    report = flips(sample, "honor")
    assert report.status == "out"
    # The two objections the article leaves standing, the two views it sets side by side
    # with the safety side's: without both, the thesis would be in.
    assert sorted(map(sorted, (f.removed for f in report.sets))) == [
        ["blanket-harms-innocents", "protect-vulnerable"]]
    for flip in report.sets:
        assert label_without(sample, "honor", set(flip.removed)) == flip.status == "in"
        for smaller in itertools.combinations(flip.removed, len(flip.removed) - 1):
            assert label_without(sample, "honor", set(smaller)) == "out"
    assert "No single claim's removal changes it." in report.render()


def test_gradual_flip_names_what_moves_the_strength(sample):
    report = flips(sample, "honor", "dfquad")
    assert report.movers[0].claim == "protect-vulnerable"
    assert report.movers[0].removal == pytest.approx(0.071, abs=5e-4)
    # One supporter at a time saturates; all of them together do not.
    assert report.together["support"] < -0.4
    assert "saturate" in report.render()


def test_max_size_must_be_positive(sample):
    with pytest.raises(EvaluationError, match="max_size"):
        flips(sample, "honor", max_size=0)


@st.composite
def small_maps(draw):
    """Up to 6 claims with rebuts and supports in any direction (cycles included) and
    undercuts of some of them."""
    count = draw(st.integers(2, 6))
    ids = [f"c{i}" for i in range(count)]
    amap = ArgMap()
    for index, cid in enumerate(ids):
        amap.add_claim(cid, cid.upper(), kind="thesis" if index == 0 else "claim")
    pairs = [(a, b) for a in ids for b in ids if a != b]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2 * count))
    for source, target in chosen:
        amap.add_relation(source, target, draw(st.sampled_from(["rebut", "support"])))
    relations = list(amap.relations())
    for relation in draw(st.lists(st.sampled_from(relations), unique_by=lambda r: r.key,
                                  max_size=2)) if relations else ():
        undercutter = draw(st.sampled_from(ids))
        if undercutter not in (relation.source, relation.target):
            amap.add_relation(undercutter, relation.target, "undercut",
                              undercuts=relation.source)
    return amap


@settings(max_examples=60, deadline=None)
@given(small_maps(), st.sampled_from(SUPPORT_READINGS),
       st.sampled_from(["grounded", "preferred", "stable"]))
def test_no_smaller_flipping_set_is_missed(amap, support, semantics):
    claim = "c0"
    report = flips(amap, claim, semantics, support=support)
    status = label_without(amap, claim, set(), semantics, support=support)
    assert report.status == status
    others = [c for c in amap.claims() if c != claim]
    expected = []
    for size in (1, 2):
        for removed in itertools.combinations(others, size):
            if any(set(e) <= set(removed) for e in expected):
                continue
            if label_without(amap, claim, set(removed), semantics, support=support) != status:
                expected.append(removed)
    assert sorted(map(sorted, (f.removed for f in report.sets))) == \
        sorted(map(sorted, expected))


def test_the_search_stops_at_its_budget_and_says_so(sample):
    report = flips(sample, "honor", max_evaluations=20)
    assert not report.complete and report.tried == 20
    assert "Stopped after 20 evaluations" in report.render()
    for flip in report.sets:
        assert label_without(sample, "honor", set(flip.removed)) == flip.status
