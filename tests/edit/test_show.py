"""The pro/con tree behind ``argmap show``."""

from __future__ import annotations

import pytest

from argmap.edit.show import tree_lines
from argmap.errors import ArgmapError
from argmap.model import ArgMap


def _map() -> ArgMap:
    amap = ArgMap()
    amap.add_claim("t", "Thesis", kind="thesis")
    amap.add_claim("a", "A\nacross lines")
    amap.add_claim("b", "B")
    amap.add_claim("u", "U")
    amap.add_relation("a", "t", "support")
    amap.add_relation("b", "a", "rebut")
    amap.add_relation("a", "b", "rebut")  # a cycle a <-> b
    amap.add_relation("u", "t", "undercut", undercuts="a")
    amap.derive_sides()
    return amap


def test_tree_with_cycle_and_undercut():
    assert [line.plain() for line in tree_lines(_map())] == [
        "t: Thesis",
        "    [+] a: A across lines",
        "        [-] b: B",
        "            [-] a: A across lines (cycle, see above)",
        "        [x] u: U",
    ]
    assert [line.side for line in tree_lines(_map())] == ["pro", "pro", "con", "pro", "con"]


def test_depth_and_root():
    assert [line.cid for line in tree_lines(_map(), depth=1)] == ["t", "a"]
    assert [line.cid for line in tree_lines(_map(), "b", depth=1)] == ["b", "a"]
    assert [line.cid for line in tree_lines(_map(), depth=0)] == ["t"]


def test_without_a_thesis_roots_are_the_claims_that_argue_about_nothing():
    amap = ArgMap()
    amap.add_claim("x", "X")
    amap.add_claim("y", "Y")
    amap.add_relation("y", "x", "support")
    assert [line.cid for line in tree_lines(amap)] == ["x", "y"]


def test_unknown_claim():
    with pytest.raises(ArgmapError, match="no claim 'nope'"):
        tree_lines(_map(), "nope")


def test_quotes_are_listed_under_their_claim():
    from argmap import load
    from tests.conftest import DATA
    lines = tree_lines(load(DATA / "provenance" / "quoted.yaml"), "october")
    assert lines[0].plain() == (
        "october: The office released 42 people again in October.\n"
        '  > "released 42 people" (report)\n'
        '  > "asked why" (hearsay)')
