"""The DOT snapshot: every drawing-option combination, byte for byte.

The drawing stage is refactored under this test: for the sample debate (frozen as
``tests/data/drawing/sample.yaml``) and a few random maps with hostile text, the DOT text
of every combination of ``group_by``, ``color_by``, ``rankdir``, ``legend``, ``layout``
and evaluation (none, labels, labels with strengths) is pinned by its SHA-256 in
``snapshot.json``, and a handful of combinations are kept in full as ``*.dot`` files so
a change can be read as a diff.  A deliberate change to the drawing regenerates both
(``ARGMAP_UPDATE_GOLDEN=1``) in the same commit."""

from __future__ import annotations

import hashlib
import itertools
import json
import os

import pytest

import argmap
from argmap.evaluate import annotate, evaluate
from argmap.formats import dumps
from tests.conftest import DATA, assert_golden

SNAPSHOTS = DATA / "drawing"
MAPS = ("sample", "random-1", "random-2", "random-3")
OPTIONS = {"group_by": ("perspective", "none"), "color_by": ("side", "perspective"),
           "rankdir": ("RL", "LR", "BT", "TB"), "legend": (True, False),
           "layout": ("dot", "layered")}
EVALUATIONS = ("none", "labels", "strengths")
# Kept in full: the defaults, then each axis moved on its own.
FULL = {"default": {}, "layered": {"layout": "layered"},
        "strengths": {"evaluation": "strengths"},
        "perspective-lr": {"group_by": "none", "color_by": "perspective", "rankdir": "LR",
                           "legend": False}}


def drawn(name: str, evaluation: str = "none", **options) -> str:
    amap = argmap.load(SNAPSHOTS / f"{name}.yaml")
    if evaluation != "none":
        annotate(amap, "grounded")
    if evaluation == "strengths":
        for claim, strength in evaluate(amap, "dfquad").strengths.items():
            amap.graph.nodes[claim]["strength"] = strength
    return dumps(amap, "dot", **options)


def combinations():
    for values in itertools.product(*OPTIONS.values(), EVALUATIONS):
        options = dict(zip(OPTIONS, values[:-1], strict=True))
        yield values[-1], options


def key(name: str, evaluation: str, options: dict) -> str:
    return " ".join([name, f"evaluation={evaluation}",
                     *(f"{k}={v}" for k, v in sorted(options.items()))])


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_every_combination_matches_the_snapshot():
    recorded_path = SNAPSHOTS / "snapshot.json"
    produced = {key(name, evaluation, options): digest(drawn(name, evaluation, **options))
                for name in MAPS for evaluation, options in combinations()}
    if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
        recorded_path.write_text(json.dumps(produced, indent=0, sort_keys=True) + "\n",
                                 encoding="utf-8")
    recorded = json.loads(recorded_path.read_text(encoding="utf-8"))
    assert len(produced) == len(MAPS) * 2 * 2 * 4 * 2 * 2 * len(EVALUATIONS)
    changed = sorted(k for k in produced if recorded.get(k) != produced[k])
    assert set(recorded) == set(produced)
    assert not changed, (f"{len(changed)} DOT outputs changed, first: {changed[0]}; if "
                         "intended, rerun with ARGMAP_UPDATE_GOLDEN=1 and review the diff")


@pytest.mark.parametrize("name", MAPS)
@pytest.mark.parametrize("variant", sorted(FULL))
def test_full_text_snapshot(name, variant):
    options = dict(FULL[variant])
    produced = drawn(name, options.pop("evaluation", "none"), **options)
    assert_golden(SNAPSHOTS / f"{name}.{variant}.dot", produced)
