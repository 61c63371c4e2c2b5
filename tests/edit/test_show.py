"""The pro/con tree behind ``argmap show``."""

from __future__ import annotations

import pytest

from argmap.edit.show import tree_lines
from argmap.errors import ViewError
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
    with pytest.raises(ViewError, match="unknown claim 'nope'"):
        tree_lines(_map(), "nope")


def test_quotes_are_listed_under_their_claim():
    from argmap import load
    from tests.conftest import DATA
    lines = tree_lines(load(DATA / "provenance" / "quoted.yaml"), "october")
    assert lines[0].plain() == (
        "october: The office released 42 people again in October.\n"
        '  > "released 42 people" (report)\n'
        '  > "asked why" (hearsay)')


def _lattice(levels: int) -> ArgMap:
    """Two claims per level, each supporting both claims of the level above: 2^levels
    paths from the bottom to the top."""
    amap = ArgMap()
    amap.add_claim("t", "Top", kind="thesis")
    above = ["t"]
    for level in range(levels):
        pair = [f"l{level}a", f"l{level}b"]
        for cid in pair:
            amap.add_claim(cid, cid)
            for target in above:
                amap.add_relation(cid, target, "support")
        above = pair
    return amap


def test_a_dag_is_printed_once_per_relation_with_repeats_referenced():
    lines = tree_lines(_lattice(40))  # 2^40 paths
    assert len(lines) == 1 + 2 + 39 * 4  # each claim expanded once, then referenced
    assert sum(not line.shown_above for line in lines) == 81
    assert [line.plain() for line in tree_lines(_lattice(2))] == [
        "t: Top",
        "    [+] l0a: l0a",
        "        [+] l1a: l1a",
        "        [+] l1b: l1b",
        "    [+] l0b: l0b",
        "        [+] l1a: l1a (shown above)",
        "        [+] l1b: l1b (shown above)",
    ]


def test_a_chain_deeper_than_the_recursion_limit_prints_with_bounded_indentation():
    amap = ArgMap()
    amap.add_claim("c0", "Root", kind="thesis")
    for index in range(1, 5000):
        amap.add_claim(f"c{index}", f"Level {index}")
        amap.add_relation(f"c{index}", f"c{index - 1}", "support")
    lines = [line.plain() for line in tree_lines(amap)]
    assert len(lines) == 5000
    assert lines[-1].endswith("(4999) [+] c4999: Level 4999")
    assert max(map(len, lines)) < 200


def test_many_supporters_of_one_claim_take_linear_work():
    amap = ArgMap()
    amap.add_claim("t", "T", kind="thesis")
    for index in range(10_000):
        amap.add_claim(f"s{index}", "S")
        amap.add_relation(f"s{index}", "t", "support")
    amap.add_claim("u", "U")
    amap.add_relation("u", "t", "undercut", undercuts="s5")
    lines = tree_lines(amap)
    assert len(lines) == 10_002 and lines[7].cid == "u" and lines[7].level == 2


def test_control_characters_from_the_map_are_spelled_out():
    amap = ArgMap()
    amap.add_claim("t", "\x1b]0;title\x07 \x1b[31mred \x9b2J \u202egnp.exe \x08", kind="thesis")
    (line,) = tree_lines(amap)
    printed = line.plain()
    assert not any(ord(c) < 0x20 or 0x7f <= ord(c) < 0xa0 or c == "\u202e" for c in printed)
    assert printed == "t: \\x1b]0;title\\x07 \\x1b[31mred \\x9b2J \\u202egnp.exe \\x08"
