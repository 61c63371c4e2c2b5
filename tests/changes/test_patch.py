"""Writing a MapDiff into a file as edits: several edits share one parse only when their
splices cannot collide, and the file reads back as ``apply_diff`` says."""

from __future__ import annotations

from argmap.changes.diff import apply_diff, diff_maps
from argmap.changes.patch import Placement, Step, batches, edits, patch_text
from argmap.edit.intent import signature
from argmap.formats.native import read

from ..conftest import DATA

BASE = (DATA / "merge" / "base.yaml").read_text(encoding="utf-8")


def step(*claims: str, anchor: tuple | None = None) -> Step:
    return Step(lambda doc: None, frozenset(claims), anchor)


def test_edits_of_different_claims_share_a_parse_and_those_of_one_claim_do_not():
    a1, b, a2, c = step("a"), step("b"), step("a"), step("c")

    assert batches([a1, b, a2, c]) == [[a1, b], [a2, c]]


def test_an_edit_that_touches_anything_is_made_alone():
    a, everything, b = step("a"), Step(lambda doc: None, None), step("b")

    assert batches([a, everything, b]) == [[a], [everything], [b]]


def test_new_claims_share_their_anchor_but_not_with_an_edit_of_it():
    edit_a, new_x, new_y, edit_b = (step("a"), step("x", anchor=("b",)),
                                    step("y", anchor=("b",)), step("b"))
    edit_b_first = step("b")

    assert batches([edit_a, new_x, new_y, edit_b]) == [[edit_a, new_x, new_y], [edit_b]]
    assert batches([edit_b_first, new_x]) == [[edit_b_first], [new_x]]


def test_many_changes_to_one_claim_and_claims_added_after_it_read_back_as_intended():
    old = read(BASE)
    new_text = BASE.replace(
        "    perspective: trade\n    rebuts: [lane]\n\n  # Trade",
        "    perspective: safety\n    quote: remove 40 parking spaces\n    tags: [money]\n"
        "    rebuts:\n      lane: Shops need the spaces.\n    supports: [footfall]\n\n"
        "  first-new:\n    text: One.\n    supports: [parking]\n\n"
        "  second-new:\n    text: Two.\n\n  # Trade")
    new = read(new_text)
    diff = diff_maps(old, new)
    placement = Placement(after={"first-new": "parking", "second-new": "parking"})

    patched = patch_text(BASE, diff, "base.yaml", placement)

    assert signature(read(patched)) == signature(apply_diff(old, diff)) == signature(new)
    assert list(read(patched).claims()) == list(new.claims())
    assert "  # Safety first.\n" in patched and "# the survey's own conclusion" in patched


def test_a_removed_claim_takes_its_relations_and_those_naming_it_in_one_parse():
    old = read(BASE)
    new_text = BASE.replace(
        "  parking:\n    text: The lane would remove 40 parking spaces that shops rely on.\n"
        "    perspective: trade\n    rebuts: [lane]\n\n", "").replace(
        "    rebuts:\n      parking: Visitors on foot need no parking.\n", "")
    new = read(new_text)
    diff = diff_maps(old, new)
    assert diff.removed == ("parking",) and len(diff.relations_removed) == 2

    assert len(batches(edits(diff, Placement(), old))) == 1
    patched = patch_text(BASE, diff, "base.yaml", old=old)
    assert signature(read(patched)) == signature(new)
    assert "# Trade: what shop owners say." in patched
