"""Gradual semantics against the published DF-QuAD example, hand-computed closed forms and
the fixed-point equations (formulas as in shared/notes/semantics.md, restated here)."""

from __future__ import annotations

import math

import pytest

from argmap import EvaluationError, load
from argmap.evaluate import evaluate
from argmap.evaluate.gradual import GRADUAL, qbaf_of, strengths
from tests.conftest import DATA

HERE = DATA / "evaluate"


def h(x):
    x = max(x, 0.0)
    return x * x / (1 + x * x)


def test_dfquad_reproduces_the_published_e_democracy_strengths():
    result = evaluate(load(HERE / "edemocracy.yaml"), "dfquad").strengths
    expected = {"P2": 0.08, "A1": 0.862, "A2": 0.85,
                "P1": 0.7, "P3": 0.9, "C1": 0.2, "C2": 0.2, "C3": 0.6, "C4": 0.5}
    for claim, value in expected.items():
        assert result[claim] == pytest.approx(value, abs=1e-9), claim


SMALL = {  # t <- s (rebut, 0.8) <- q (rebut, 0.3); p (0.6) supports t (0.5)
    "dfquad": {"s": 0.8 - 0.8 * 0.3, "t": 0.5 + 0.5 * (0.6 - 0.56)},
    "qe": {"s": 0.8 - 0.8 * h(0.3),
           "t": 0.5 - 0.5 * h((0.8 - 0.8 * h(0.3)) - 0.6)},
    "euler": {"s": 1 - 0.36 / (1 + 0.8 * math.exp(-0.3)),
              "t": 1 - 0.75 / (1 + 0.5 * math.exp(
                  0.6 - (1 - 0.36 / (1 + 0.8 * math.exp(-0.3)))))},
    "hcat": {"s": 0.8 / 1.3, "t": 0.5 / (1 + 0.8 / 1.3)},
}


@pytest.mark.parametrize("semantics", sorted(SMALL))
def test_closed_forms_on_a_small_acyclic_map(semantics):
    result = evaluate(load(HERE / "small.yaml"), semantics).strengths
    assert result["q"] == pytest.approx(0.3, abs=1e-12)
    assert result["p"] == pytest.approx(0.6, abs=1e-12)
    for claim, value in SMALL[semantics].items():
        assert result[claim] == pytest.approx(value, abs=1e-9), claim


def test_undercut_scales_the_inference_not_the_claims():
    """DF-QuAD: the inference s->t starts at s's strength (0.5) and u (0.5) attacks it,
    so it passes 0.25; likewise p->t undercut by q passes 0.25; t = 0.5."""
    result = evaluate(load(HERE / "undercut.yaml"), "dfquad")
    assert result.strengths["s"] == 0.5 and result.strengths["p"] == 0.5
    assert result.strengths["t"] == pytest.approx(0.5, abs=1e-12)
    hcat = evaluate(load(HERE / "undercut.yaml"), "hcat").strengths
    assert hcat["t"] == pytest.approx(0.5 / (1 + 0.5 / 1.5), abs=1e-12)
    qe = evaluate(load(HERE / "undercut.yaml"), "qe").strengths
    assert qe["t"] == pytest.approx(0.5, abs=1e-12)  # the two undercut inferences cancel


def test_removing_an_undercutter_restores_the_full_support():
    amap = load(HERE / "undercut.yaml")
    amap.graph.remove_node("q")
    # s->t still undercut (0.25 passes), p->t intact (0.5 passes): v_s > v_a
    assert evaluate(amap, "dfquad").strengths["t"] == pytest.approx(0.5 + 0.5 * 0.25)


UPDATES = {
    "dfquad": lambda w, att, sup: (
        (lambda va, vs: w - w * (va - vs) if va >= vs else w + (1 - w) * (vs - va))(
            1 - math.prod(1 - v for v in att), 1 - math.prod(1 - v for v in sup))),
    "qe": lambda w, att, sup: w - w * h(sum(att) - sum(sup)) + (1 - w) * h(sum(sup) - sum(att)),
    "euler": lambda w, att, sup: 1 - (1 - w * w) / (1 + w * math.exp(sum(sup) - sum(att))),
    "hcat": lambda w, att, sup: w / (1 + sum(att)),
}


@pytest.mark.parametrize("semantics", sorted(UPDATES))
@pytest.mark.parametrize("name", ["cycle.yaml", "undercut.yaml"])
def test_results_satisfy_the_fixed_point_equation(semantics, name):
    amap = load(HERE / name)
    sigma = evaluate(amap, semantics).strengths
    for claim in amap.claims():
        attackers = [s for s, _, r in amap.graph.in_edges(claim, data="relation") if r == "rebut"]
        supporters = [s for s, _, r in amap.graph.in_edges(claim, data="relation")
                      if r == "support"]
        if any(r == "undercut" for *_, r in amap.graph.in_edges(claim, data="relation")):
            continue  # inferences checked in the tests above
        w = amap.claim(claim).get("weight", 0.5)
        fixed = UPDATES[semantics](w, [sigma[a] for a in attackers],
                                   [sigma[s] for s in supporters])
        assert sigma[claim] == pytest.approx(fixed, abs=1e-6), claim


def test_mutual_rebuttal_at_full_weight_settles_instead_of_oscillating():
    amap = load(HERE / "cycle.yaml")
    amap.graph.remove_node("c")
    for claim in ("a", "b"):
        amap.claim(claim)["weight"] = 1.0
    result = evaluate(amap, "dfquad").strengths
    assert result["a"] + result["b"] == pytest.approx(1.0, abs=1e-6)


def test_no_convergence_is_an_error_not_a_number():
    qbaf = qbaf_of(load(HERE / "cycle.yaml"))
    for semantics in GRADUAL:
        with pytest.raises(EvaluationError, match="did not converge"):
            strengths(qbaf, semantics, max_iterations=2)


def test_euler_quirks():
    amap = load(HERE / "small.yaml")
    amap.claim("t")["weight"] = 0.0
    assert evaluate(amap, "euler").strengths["t"] == 0.0  # supporters cannot lift w = 0
    amap.claim("t")["weight"] = 0.5
    amap.claim("s")["weight"] = 1.0
    amap.graph.remove_node("p")
    assert evaluate(amap, "euler").strengths["t"] > 0.25  # never below w²
