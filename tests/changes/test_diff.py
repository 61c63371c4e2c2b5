"""The change model: diff_maps finds what changed, apply_diff replays it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.changes.diff import (
    ClaimChange,
    EntryChange,
    FieldChange,
    MapDiff,
    apply_diff,
    claim_fields,
    diff_maps,
)
from argmap.model import ArgMap, Relation
from tests.conftest import DATA
from tests.strategies import argmaps, claim_texts, slugs

RENAMES = DATA / "changes" / "renames"


def signature(amap: ArgMap):
    """Everything a diff speaks for: claims with their fields, relations with theirs, and
    the map-level metadata."""
    claims = {cid: claim_fields(data) for cid, data in amap.graph.nodes(data=True)}
    relations = {(s, t, k): {n: v for n, v in d.items() if n not in ("line", "column")}
                 for s, t, k, d in amap.graph.edges(keys=True, data=True)}
    metadata = {key: value for key, value in amap.graph.graph.items()
                if key != "argmap" and value not in ({}, None)}
    return claims, relations, metadata


@st.composite
def edited(draw, amap: ArgMap):
    """``amap`` after random edits a user makes: renames, text and field edits, removed
    and added claims, changed relation notes, metadata edits."""
    ids = list(amap.graph)
    renames = {cid: draw(slugs).upper() + str(index)
               for index, cid in enumerate(ids) if draw(st.booleans())}
    new = ArgMap()
    new.graph.graph.update({k: v for k, v in amap.graph.graph.items()})
    new.graph.graph["perspectives"] = dict(amap.perspectives)
    new.graph.graph["sources"] = dict(amap.sources)
    if draw(st.booleans()):
        new.title = draw(st.one_of(st.none(), claim_texts()))
    if draw(st.booleans()):
        new.perspectives[draw(slugs)] = draw(claim_texts())
    if new.sources and draw(st.booleans()):
        del new.sources[sorted(new.sources)[0]]
    if draw(st.booleans()):
        new.graph.graph["lint"] = {"unused-source": "off"}
    dropped = set(draw(st.lists(st.sampled_from(ids[1:]), unique=True, max_size=2))
                  if len(ids) > 1 else ())
    for cid, data in amap.graph.nodes(data=True):
        if cid in dropped:
            continue
        attributes = dict(data)
        if draw(st.booleans()):
            attributes["text"] = attributes["text"] + draw(claim_texts())
        if draw(st.booleans()):
            attributes["tags"] = ["edited"]
        if draw(st.booleans()):
            attributes.pop("note", None)
        new.graph.add_node(renames.get(cid, cid), **attributes)
    for extra in range(draw(st.integers(0, 2))):
        new.add_claim(f"added-{extra}", draw(claim_texts()), weight=0.5)
    for relation in amap.relations():
        named = (relation.source, relation.target, relation.undercuts)
        if dropped.intersection(named):
            continue
        note = draw(st.one_of(st.just(relation.note), claim_texts()))
        undercuts = renames.get(relation.undercuts, relation.undercuts)
        new.add_relation(renames.get(relation.source, relation.source),
                         renames.get(relation.target, relation.target), relation.relation,
                         undercuts=relation.undercuts and undercuts, note=note)
    if "added-0" in new and len(new) > 1:
        new.add_relation("added-0", next(iter(new.graph)), "rebut")
    new.derive_sides()
    return new


@given(argmaps())
@settings(max_examples=60)
def test_a_map_has_no_differences_with_itself(amap):
    diff = diff_maps(amap, amap.copy())
    assert not diff
    assert diff == MapDiff((), (), (), (), (), (), ())


@given(argmaps(max_claims=8), argmaps(max_claims=8))
@settings(max_examples=60)
def test_applying_the_diff_of_two_unrelated_maps_gives_the_new_map(old, new):
    assert signature(apply_diff(old, diff_maps(old, new))) == signature(new)


@given(st.data())
@settings(max_examples=80)
def test_applying_the_diff_of_an_edited_map_gives_the_edited_map(data):
    old = data.draw(argmaps(max_claims=8))
    new = data.draw(edited(old))
    diff = diff_maps(old, new)
    assert signature(apply_diff(old, diff)) == signature(new)
    assert not diff_maps(apply_diff(old, diff), new)  # nothing the diff compares is left
    assert bool(diff) == (signature(old) != signature(new))
    before = signature(old)
    apply_diff(old, diff)
    assert signature(old) == before  # the old map is left alone


@given(argmaps(max_claims=8))
@settings(max_examples=40)
def test_a_map_with_every_id_renamed_is_only_renames(amap):
    ids = list(amap.graph)
    texts = [" ".join(amap.claim(cid)["text"].split()) for cid in ids]
    renamed = ArgMap()
    renamed.graph.graph.update(amap.graph.graph)
    mapping = {cid: f"new-{cid}" for cid in ids}
    for cid, data in amap.graph.nodes(data=True):
        renamed.graph.add_node(mapping[cid], **data)
    for relation in amap.relations():
        renamed.add_relation(mapping[relation.source], mapping[relation.target],
                             relation.relation, note=relation.note,
                             undercuts=relation.undercuts and mapping[relation.undercuts])
    diff = diff_maps(amap, renamed)
    assert not diff.added and not diff.removed and not diff.relations_added
    assert not diff.relations_removed and not diff.entries
    if len(set(texts)) == len(texts):  # twins may swap ids, which is still a rename each
        assert diff.renames == mapping
        assert all(not change.fields for change in diff.changed)


def load_case(name: str) -> ArgMap:
    return argmap.load(RENAMES / name)


@pytest.mark.parametrize("base, case, renames, added, removed", [
    ("base.yaml", "same-text.yaml", {"fewer-crashes": "safer-street"}, (), ()),
    ("base.yaml", "edited.yaml", {"parking-loss": "lost-parking"}, (), ()),
    ("base.yaml", "reworded-elsewhere.yaml", {"spaces-unused": "empty-weekdays"}, (), ()),
    ("base.yaml", "moved.yaml", {"crash-data": "crash-count"}, (), ()),
    ("base.yaml", "replaced.yaml", {}, ("paris-lanes",), ("crash-data",)),
    ("twins-base.yaml", "twins.yaml",
     {"one": "two-new", "two": "one-new", "three": "three-new", "four": "four-new"}, (), ()),
])
def test_renames_are_found_by_text_and_relations(base, case, renames, added, removed):
    diff = diff_maps(load_case(base), load_case(case))
    assert diff.renames == renames
    assert (diff.added, diff.removed) == (added, removed)


def test_a_renamed_claim_keeps_its_relations():
    diff = diff_maps(load_case("base.yaml"), load_case("same-text.yaml"))
    assert diff.changed == (ClaimChange("fewer-crashes", "safer-street", ()),)
    assert not diff.relations_added and not diff.relations_removed
    assert not diff.relations_changed and not diff.entries


def test_a_renamed_and_edited_claim_is_one_change_with_its_fields():
    diff = diff_maps(load_case("base.yaml"), load_case("edited.yaml"))
    assert diff.changed == (ClaimChange("parking-loss", "lost-parking", (
        FieldChange("text", "Shops lose 30 parking spaces and their customers.",
                    "Shops would lose 30 parking spaces, and customers with them."),
        FieldChange("note", None, "Counted on a Saturday."))),)
    assert not diff.relations_added and not diff.relations_removed  # the undercut follows


def test_a_renamed_claim_that_moved_has_its_relation_changes_in_the_right_ids():
    diff = diff_maps(load_case("base.yaml"), load_case("moved.yaml"))
    assert [r.label for r in diff.relations_removed] == ["crash-data supports fewer-crashes"]
    assert [r.label for r in diff.relations_added] == ["crash-count supports lane"]


def test_every_claim_field_relation_note_and_entry_is_reported():
    old = ArgMap(title="T")
    old.perspectives.update({"p": "People", "q": "Quiet"})
    old.sources.update({"s": {"title": "Survey"}})
    old.add_claim("a", "A thesis.", kind="thesis")
    old.add_claim("b", "Because.", perspective="p", sources=["s"], tags=["x"], weight=0.5,
                  note="n", side="pro", quotes=[{"exact": "Be", "line": 3, "column": 4}])
    old.add_relation("b", "a", "support", note="old note")
    new = ArgMap(title="T2")
    new.graph.graph["description"] = "D"
    new.graph.graph["tag_styles"] = {"x": {"border": "dashed"}}
    new.graph.graph["lint"] = {"unused-source": "off"}
    new.perspectives.update({"p": "Persons"})
    new.sources.update({"s": {"title": "Survey"}, "t": {"title": "Talk"}})
    new.add_claim("a", "A thesis.", kind="thesis")
    new.add_claim("b", "Because!", kind="evidence", perspective="q", sources=["t"],
                  weight=1.0, side="con", quotes=[{"exact": "Be", "line": 9, "column": 9}])
    new.add_relation("b", "a", "support", note="new note")
    diff = diff_maps(old, new)
    (change,) = diff.changed
    assert [(f.field, f.old, f.new) for f in change.fields] == [
        ("text", "Because.", "Because!"), ("kind", "claim", "evidence"),
        ("perspective", "p", "q"), ("side", "pro", "con"), ("sources", ["s"], ["t"]),
        ("tags", ["x"], None), ("weight", 0.5, 1.0), ("note", "n", None)]
    (relation,) = diff.relations_changed
    assert relation.fields == (FieldChange("note", "old note", "new note"),)
    assert relation.old == Relation("b", "a", "support", note="old note")
    assert list(diff.entries) == [
        EntryChange("meta", "title", "T", "T2"), EntryChange("meta", "description", None, "D"),
        EntryChange("perspectives", "p", "People", "Persons"),
        EntryChange("perspectives", "q", "Quiet", None),
        EntryChange("sources", "t", None, {"title": "Talk"}),
        EntryChange("tags", "x", None, {"border": "dashed"}),
        EntryChange("lint", "unused-source", None, "off")]
    assert signature(apply_diff(old, diff)) == signature(new)


def test_a_big_unrelated_pair_of_maps_is_compared_without_every_pair():
    old, new = ArgMap(), ArgMap()
    for index in range(400):
        old.add_claim(f"o{index}", f"old claim number {index}")
        new.add_claim(f"n{index}", f"new claim number {index}")
    diff = diff_maps(old, new)
    assert len(diff.added) == len(diff.removed) == 400 - len(diff.renames)
