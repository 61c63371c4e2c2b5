"""The public evaluation API on maps: semantics, acceptance, lens, annotate."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import ArgMap, EvaluationError, ViewError, load
from argmap.evaluate import (
    ENGINES,
    EXTENSION_SEMANTICS,
    SEMANTICS,
    SUPPORT_READINGS,
    annotate,
    by_perspective,
    evaluate,
    explain,
    lens,
)
from tests.conftest import FIXTURES, shared_files
from tests.strategies import argmaps

CARNEADES_KEYS = {"grounded": "GR", "complete": "CO", "preferred": "PR", "stable": "ST"}


@pytest.mark.parametrize("path", shared_files("carneades/tgf", "*.tgf"), ids=lambda p: p.name)
@pytest.mark.parametrize("semantics", EXTENSION_SEMANTICS)
@pytest.mark.parametrize("engine", ENGINES)
def test_carneades_dung_frameworks(path, semantics, engine):
    expected = json.loads((FIXTURES / "carneades" / "expected.json").read_text())
    wanted = expected["tgf"][path.name]["extensions"][CARNEADES_KEYS[semantics]]
    result = evaluate(load(path), semantics, engine=engine)
    assert result.complete
    assert sorted(sorted(e) for e in result.extensions) == sorted(wanted)


def test_acceptance_on_bas1(shared):
    result = evaluate(load(shared / "fixtures/carneades/tgf/bas1.tgf"), "preferred")
    assert result.credulous("c") and not result.sceptical("c")
    assert result.sceptical("a") and not result.credulous("b")
    assert result.labels == {"a": "in", "b": "out", "c": "undec", "d": "undec", "e": "undec",
                             "f": "undec", "g": "undec"}


def test_acceptance_refuses_to_guess_after_a_cap(shared):
    result = evaluate(load(shared / "fixtures/carneades/tgf/bas1.tgf"), "preferred",
                      max_extensions=1)
    assert result.complete is False and result.to_json()["complete"] is False
    absent = next(c for c in ("c", "d") if c not in result.extensions[0])
    with pytest.raises(EvaluationError, match="stopped early"):
        result.credulous(absent)


def test_no_stable_extension_gives_no_labels(shared):
    result = evaluate(load(shared / "fixtures/carneades/tgf/odd_cycle1.tgf"), "stable")
    assert result.extensions == [] and result.labels is None
    assert result.sceptical("1") is True and result.credulous("1") is False
    assert "labels" not in result.to_json()


@pytest.mark.parametrize("semantics", SEMANTICS)
def test_every_semantics_runs_on_the_sample_and_json_has_the_right_keys(sample, semantics):
    result = evaluate(sample, semantics).to_json()
    assert result["semantics"] == semantics
    if semantics in EXTENSION_SEMANTICS:
        assert set(result["labels"]) == set(sample.claims())
        assert set(result["labels"].values()) <= {"in", "out", "undec"}
        assert "strengths" not in result
    else:
        assert set(result["strengths"]) == set(sample.claims())
        assert all(0 <= v <= 1 for v in result["strengths"].values())
        assert "labels" not in result and "extensions" not in result
    json.dumps(result)


def test_sample_debate_grounded_outcome(sample):
    labels = evaluate(sample).labels
    # The rebuts by blanket-harms-innocents and protect-vulnerable stand (nothing attacks
    # them: the article sets each beside the other side's view), so the thesis is out.
    assert labels["honor"] == "out"
    assert labels["blanket-harms-innocents"] == labels["protect-vulnerable"] == "in"
    # implementation-tricky only undercuts targeted-cooperation -> honor: the idea stands.
    assert labels["targeted-cooperation"] == "in"
    # counts-partial undercuts releases-1700 -> releases-endanger; releases-endanger still
    # stands, nothing attacking it successfully.
    assert labels["counts-partial"] == "in" and labels["releases-endanger"] == "in"
    # Apart from the thesis, every claim stands: no "X, but Y" is mapped as Y rebutting X.
    assert [claim for claim, label in labels.items() if label != "in"] == ["honor"]


def test_unknown_semantics_and_engine_are_user_errors(sample):
    with pytest.raises(EvaluationError, match="unknown semantics"):
        evaluate(sample, "ideal")
    with pytest.raises(EvaluationError, match="unknown engine"):
        evaluate(sample, "preferred", engine="z3")
    with pytest.raises(EvaluationError, match="unknown support"):
        evaluate(sample, support="abductive")


def test_maps_without_a_thesis_evaluate():
    amap = ArgMap()
    amap.add_claim("a", "A")
    amap.add_claim("b", "B")
    amap.add_relation("a", "b", "rebut")
    assert evaluate(amap).labels == {"a": "in", "b": "out"}
    assert evaluate(amap, "hcat").strengths == {"a": 0.5, "b": 0.5 / 1.5}
    with pytest.raises(EvaluationError, match="no thesis"):
        by_perspective(amap)


def test_lens_keeps_theses_and_claims_without_a_perspective(sample):
    seen = lens(sample, ["trust"])
    for claim in seen.claims():
        data = seen.claim(claim)
        assert data.get("perspective") in ("trust", None) or data["kind"] == "thesis"
    assert "honor" in seen and "trust-reporting" in seen and "releases-endanger" not in seen
    assert all(r.source in seen and r.target in seen for r in seen.relations())
    with pytest.raises(ViewError, match="unknown perspective 'nope'"):
        lens(sample, ["nope"])


def test_by_perspective_matches_evaluating_each_lens(sample):
    rows = by_perspective(sample, "grounded")
    assert list(rows) == [*sample.perspectives, None]
    for perspective, verdicts in rows.items():
        chosen = () if perspective is None else (perspective,)
        assert verdicts == {"honor": evaluate(sample, perspectives=chosen).labels["honor"]}
    # Through the safety lens alone nothing from trust or legal attacks the thesis.
    assert rows["safety"]["honor"] == "in" and rows[None]["honor"] == "out"


def test_annotate_sets_and_replaces_node_attributes(sample):
    amap = sample.copy()
    annotate(amap, "grounded")
    assert amap.claim("honor")["label"] == "out"
    assert "strength" not in amap.claim("honor")
    result = annotate(amap, "dfquad")
    assert "label" not in amap.claim("honor")
    assert amap.claim("honor")["strength"] == result.strengths["honor"]


@settings(max_examples=60, deadline=None)
@given(argmaps(max_claims=9, hostile=False), st.sampled_from(SUPPORT_READINGS))
def test_random_maps_engines_agree_and_explanations_match(amap, support):
    grounded_labels = evaluate(amap, support=support).labels
    assert set(grounded_labels) == set(amap.claims())
    by_engine = {engine: evaluate(amap, "preferred", support=support, engine=engine)
                 for engine in ("clingo", "python")}
    assert sorted(map(sorted, by_engine["clingo"].extensions)) == \
        sorted(map(sorted, by_engine["python"].extensions))
    for claim, label in grounded_labels.items():
        assert explain(amap, claim, support=support).status == label
        if label == "in":  # grounded is contained in every preferred extension
            assert by_engine["clingo"].sceptical(claim)
