"""Explanations: which attacks fail and why, and each relation's share of a strength."""

from __future__ import annotations

import json

import pytest

from argmap import ArgMap, EvaluationError, load
from argmap.evaluate import explain
from tests.conftest import DATA, ROOT

SAMPLE = ROOT / "arguments" / "illinois-detainers.yaml"


@pytest.fixture(scope="module")
def sample():
    return load(SAMPLE)


def by_source(explanation):
    return {reason.source: reason for reason in explanation.reasons}


def test_out_claim_names_the_attacker_that_stands(sample):
    explanation = explain(sample, "honor", "grounded")
    assert explanation.status == "out"
    reasons = by_source(explanation)
    assert reasons["blanket-harms-innocents"].status == "in"
    assert reasons["trust-reporting"].status == "out"
    assert reasons["trust-reporting"].defeated_by == ["lines-not-crossed"]
    assert reasons["state-discretion->honor"].relation == "undercut-inference"
    assert "'blanket-harms-innocents'" in explanation.summary
    gap = reasons["unsupported(honor)"]
    assert gap.relation == "unsupported" and gap.status == "out"
    assert explanation.summary == ("'honor' is out: 'blanket-harms-innocents', the inference "
                                   "state-discretion->honor stand against it.")
    json.dumps(explanation.to_json())


def test_in_claim_lists_each_defeated_attacker_and_its_defeater(sample):
    explanation = explain(sample, "releases-endanger", "grounded")
    assert explanation.status == "in"
    removal = by_source(explanation)["eventual-removal"]
    assert (removal.relation, removal.status) == ("rebut", "out")
    assert removal.defeated_by == ["prevention-better"]
    assert "prevention-better" in explanation.render()


def test_lack_of_support_is_named():
    explanation = explain(load(DATA / "evaluate" / "premise-attacked.yaml"), "t")
    assert explanation.summary == "'t' is out: the lack of support stands against it."
    assert explanation.reasons[0].detail == "it needs a standing supporter ('a') and none stands"


def test_undecided_claim_in_an_even_cycle():
    amap = ArgMap()
    for claim in ("a", "b"):
        amap.add_claim(claim, claim.upper())
    amap.add_relation("a", "b", "rebut")
    amap.add_relation("b", "a", "rebut")
    grounded = explain(amap, "a", "grounded")
    assert grounded.status == "undec" and "undecided" in grounded.summary
    preferred = explain(amap, "a", "preferred")
    assert preferred.status == "undec" and "2 preferred extensions" in preferred.summary


def test_gradual_contributions_are_the_change_when_the_relation_is_removed():
    explanation = explain(load(DATA / "evaluate" / "small.yaml"), "t", "dfquad")
    assert explanation.status == pytest.approx(0.52)
    assert explanation.base_score == 0.5
    reasons = by_source(explanation)
    assert reasons["s"].term == pytest.approx(0.56)
    assert reasons["s"].contribution == pytest.approx(0.52 - (0.5 + 0.5 * 0.6))
    assert reasons["p"].contribution == pytest.approx(0.52 - (0.5 - 0.5 * 0.56))
    assert "q" not in reasons  # q acts on s, not on t


def test_gradual_explanation_shows_the_undercut_inference():
    explanation = explain(load(DATA / "evaluate" / "undercut.yaml"), "t", "dfquad")
    rebut = by_source(explanation)["s"]
    assert rebut.term == pytest.approx(0.25)  # s (0.5) scaled down by u (0.5)
    assert "undercut by 'u'" in rebut.detail


def test_unknown_claim_suggests_a_close_one(sample):
    with pytest.raises(EvaluationError, match="did you mean 'honor'"):
        explain(sample, "honr")


def test_explain_through_a_lens(sample):
    explanation = explain(sample, "honor", "grounded", perspectives=["safety"])
    assert explanation.status == "in"
    assert "trust-reporting" not in by_source(explanation)
