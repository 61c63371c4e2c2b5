"""Explanations: the chain of reasons, its wording under every reading and lens, and the
gradual shares.  Wording goldens live in tests/data/evaluate/explain/; after a deliberate
change of wording, rewrite them with ``ARGMAP_UPDATE_GOLDEN=1`` and review the diff."""

from __future__ import annotations

import json

import pytest

from argmap import ArgMap, EvaluationError, ViewError, load
from argmap.evaluate import SUPPORT_READINGS, explain
from argmap.evaluate.explain import Step
from tests.conftest import DATA, assert_golden

HERE = DATA / "evaluate" / "explain"
KINDS = HERE / "kinds.yaml"


def golden(name: str, text: str) -> None:
    assert_golden(HERE / f"{name}.txt", text + "\n")


def steps(step: Step):
    yield step
    for child in step.because:
        yield from steps(child)


@pytest.mark.parametrize("support", SUPPORT_READINGS)
def test_wording_under_every_support_reading(support):
    golden(f"kinds-t-{support}", explain(load(KINDS), "t", support=support).render())


@pytest.mark.parametrize("claim, options", [
    ("t", {"perspectives": ["left"]}),
    ("t", {"perspectives": ["right"]}),
    ("r", {}),
    ("o", {"support": "evidential"}),
    ("t", {"semantics": "dfquad"}),
    ("t", {"semantics": "hcat"}),
])
def test_wording_for_each_relation_kind_and_lens(claim, options):
    options = dict(options)
    semantics = options.pop("semantics", "grounded")
    lens = "-".join(options.get("perspectives", ()))
    name = "-".join(filter(None, ["kinds", claim, semantics, options.get("support"), lens]))
    golden(name, explain(load(KINDS), claim, semantics, **options).render())


@pytest.mark.parametrize("claim, semantics, options", [
    ("honor", "grounded", {}),
    ("honor", "grounded", {"support": "evidential"}),
    ("honor", "grounded", {"perspectives": ["safety"]}),
    ("honor", "dfquad", {}),
    ("releases-endanger", "grounded", {}),
])
def test_wording_on_the_sample(sample, claim, semantics, options):
    lens = "-".join(options.get("perspectives", ()))
    name = "-".join(filter(None, ["sample", claim, semantics, options.get("support"), lens]))
    golden(name, explain(sample, claim, semantics, **options).render())


def test_the_sample_verdict_follows_the_chain_to_unattacked_claims(sample):
    explanation = explain(sample, "honor")
    assert explanation.status == "out"
    standing = [s.node for s in explanation.chain.because if s.status == "in"]
    assert standing == ["protect-vulnerable", "blanket-harms-innocents"]
    assert explanation.rests_on == ["protect-vulnerable", "blanket-harms-innocents",
                                    "serious-criminals-weaken", "lines-not-crossed",
                                    "passing-the-buck"]
    # The default depth reaches claims nothing attacks: no branch is cut short.
    assert not any(step.not_followed for step in steps(explanation.chain))
    text = explanation.render()
    assert "“Blanket policies that harm innocents are not the solution…”" in text
    assert "(passing-the-buck)" in text and "nothing attacks it" in text
    json.dumps(explanation.to_json())


def test_a_claim_met_twice_is_referred_back_to():
    amap = ArgMap()
    for claim in "tabc":
        amap.add_claim(claim, f"Claim {claim}")
    amap.add_relation("a", "t", "rebut")
    amap.add_relation("b", "t", "rebut")
    amap.add_relation("c", "a", "rebut")
    amap.add_relation("c", "b", "rebut")
    explanation = explain(amap, "t")
    assert explanation.status == "in"
    first, second = explanation.chain.because
    assert first.because[0].node == second.because[0].node == "c"
    assert not first.because[0].see_above and second.because[0].see_above
    assert explanation.render().count("(see above)") == 1


def test_depth_limits_the_chain(sample):
    shallow = explain(sample, "honor", depth=1)
    assert any(step.not_followed for step in steps(shallow.chain))
    assert "a larger --depth shows why" in shallow.render()
    with pytest.raises(EvaluationError, match="depth"):
        explain(sample, "honor", depth=-1)


def test_lack_of_support_is_said_to_be_what_the_verdict_rests_on():
    explanation = explain(load(DATA / "evaluate" / "premise-attacked.yaml"), "t",
                          support="evidential")
    assert explanation.status == "out"
    assert explanation.chain.because[0].relation == "unsupported"
    assert "The verdict rests on a lack of support" in explanation.render()
    # By default the thesis keeps its own standing when its only reason falls.
    assert explain(load(DATA / "evaluate" / "premise-attacked.yaml"), "t").status == "in"


def test_derived_attacks_are_named_as_such():
    explanation = explain(load(DATA / "evaluate" / "conclusion-attacked.yaml"), "a",
                          support="deductive")
    (attack,) = explanation.chain.because
    assert attack.relation == "derived" and attack.derivation["reading"] == "deductive"
    assert "a derived attack" in explanation.render()
    assert "rebuts it" not in explanation.render()


def test_undecided_claim_in_an_even_cycle():
    amap = ArgMap()
    for claim in ("a", "b"):
        amap.add_claim(claim, claim.upper())
    amap.add_relation("a", "b", "rebut")
    amap.add_relation("b", "a", "rebut")
    grounded = explain(amap, "a", "grounded")
    assert grounded.status == "undec" and "undecided" in grounded.summary
    preferred = explain(amap, "a", "preferred")
    assert preferred.status == "undec" and "1 of the 2 extensions accepts it" in \
        preferred.summary


def test_gradual_contributions_and_shares():
    explanation = explain(load(DATA / "evaluate" / "small.yaml"), "t", "dfquad")
    assert explanation.status == pytest.approx(0.52)
    assert explanation.base_score == 0.5
    reasons = {reason.source: reason for reason in explanation.reasons}
    assert reasons["s"].term == pytest.approx(0.56)
    assert reasons["s"].contribution == pytest.approx(0.52 - (0.5 + 0.5 * 0.6))
    assert reasons["p"].contribution == pytest.approx(0.52 - (0.5 - 0.5 * 0.56))
    assert "q" not in reasons  # q acts on s, not on t
    # Shapley shares add up to the move from the base score.
    assert sum(r.share for r in explanation.reasons) == pytest.approx(0.52 - 0.5)


def test_shares_do_not_saturate_where_removal_does(sample):
    explanation = explain(sample, "honor", "dfquad")
    supporters = [r for r in explanation.reasons if r.relation == "support"]
    assert all(abs(r.contribution) < 5e-4 for r in supporters)  # removal: +0.000 each
    assert all(r.share > 0.005 for r in supporters)
    assert sum(r.share for r in explanation.reasons) == pytest.approx(
        explanation.status - explanation.base_score)


def test_gradual_explanation_shows_the_undercut_inference():
    explanation = explain(load(DATA / "evaluate" / "undercut.yaml"), "t", "dfquad")
    rebut = next(r for r in explanation.reasons if r.source == "s")
    assert rebut.term == pytest.approx(0.25)  # s (0.5) scaled down by u (0.5)
    assert "undercut by “The rebuttal does not bear on the thesis” (u)" in rebut.detail


def test_unknown_claim_suggests_a_close_one(sample):
    with pytest.raises(ViewError, match="unknown claim 'honr'; did you mean 'honor'"):
        explain(sample, "honr")


def test_a_claim_outside_the_lens_is_said_to_be_so(sample):
    with pytest.raises(ViewError, match="'trust-reporting' is outside the lens"):
        explain(sample, "trust-reporting", perspectives=["safety"])


def test_explain_through_a_lens(sample):
    explanation = explain(sample, "honor", "grounded", perspectives=["safety"])
    assert explanation.status == "in"
    assert "trust-reporting" not in {s.node for s in explanation.chain.because}
    assert {r["claim"] for r in explanation.outside_lens} == {
        "trust-reporting", "protect-vulnerable", "blanket-harms-innocents",
        "state-discretion", "passing-the-buck", "cooperation-lawful", "political-stakes",
        "implementation-tricky", "serious-criminals-weaken"}
    assert "outside the lens and not counted" in explanation.render()


def test_compare_shows_every_semantics_and_why_they_differ(sample):
    from argmap.evaluate.compare import compare

    comparison = compare(sample)
    assert comparison.claim == "honor"
    verdicts = {v.semantics: v.verdict for v in comparison.verdicts}
    assert [verdicts[s] for s in ("grounded", "complete", "preferred", "stable")] == ["out"] * 4
    assert verdicts["qe"] == pytest.approx(0.973, abs=5e-4)
    assert verdicts["dfquad"] == pytest.approx(0.524, abs=5e-4)
    assert verdicts["hcat"] == pytest.approx(0.194, abs=5e-4)
    assert "2 standing objections (protect-vulnerable and blanket-harms-innocents)" in \
        comparison.why
    assert "11 supporters against its 4 attackers" in comparison.why
    cycle = compare(load(DATA / "evaluate" / "cycle.yaml"), "a")
    assert {v.semantics: v.verdict for v in cycle.verdicts}["grounded"] == "undec"
