"""The three-way merge: clean merges keep OURS' text and take THEIRS' changes as edits;
conflicts are reported with their locations and marked only around their blocks.

Each case starts from one file (tests/data/merge/base.yaml), makes OURS and THEIRS from it
with argmap's own editing functions (as users do), merges, and checks the result against
the same edits made one after the other on one file."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from argmap import edit
from argmap.changes.diff import diff_maps
from argmap.changes.merge import merge_files, merge_texts
from argmap.check import check_map
from argmap.edit.intent import signature
from argmap.errors import EditError, FormatError, ParseError
from argmap.formats.native import read, write
from tests.changes.test_diff import edited
from tests.conftest import DATA
from tests.strategies import argmaps, claim_texts

BASE = DATA / "merge" / "base.yaml"
Edit = Callable[[Path], object]
VARIANTS = {"lf": lambda b: b, "crlf": lambda b: b.replace(b"\n", b"\r\n"),
            "bom": lambda b: b"\xef\xbb\xbf" + b,
            "bom-crlf": lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n")}


def made(folder: Path, name: str, *edits: Edit, variant: str = "lf") -> Path:
    """A copy of the base file (in ``variant``'s line endings and BOM) with ``edits`` made."""
    path = folder / name
    path.write_bytes(VARIANTS[variant](BASE.read_bytes()))
    for change in edits:
        change(path)
    return path


def sides(tmp_path: Path, ours: list[Edit], theirs: list[Edit], variant: str = "lf"):
    return (made(tmp_path, "base.yaml", variant=variant),
            made(tmp_path, "ours.yaml", *ours, variant=variant),
            made(tmp_path, "theirs.yaml", *theirs, variant=variant))


def comments(data: bytes) -> set[str]:
    return {line.strip() for line in data.decode("utf-8-sig").splitlines()
            if line.strip().startswith("#") or " # " in line}


# -- clean merges --------------------------------------------------------------------------
def add_cost(path: Path) -> None:
    edit.add_claim(path, "cost", "The lane costs 2 million dollars.", perspective="trade",
                   rebuts=["lane"])


def add_buses(path: Path) -> None:
    edit.add_claim(path, "buses", "Buses would be slower behind cyclists.", rebuts=["lane"])
# Case -> OURS' edits, THEIRS' edits (and the edits that make the merged file, when not
# OURS' followed by THEIRS').
CLEAN = {
    "two new claims": ([add_cost], [add_buses]),
    "a text edit and a new relation": (
        [lambda p: edit.set_field(p, "crashes", "text", "Cyclists were hurt in 15 crashes.")],
        [lambda p: edit.link(p, "footfall", "support", "lane")]),
    "a rename and an edit of the same claim": (
        [lambda p: edit.rename(p, "parking", "parking-loss")],
        [lambda p: edit.set_fields(p, "parking", {"text": "The lane removes 40 spaces.",
                                                  "tags": ["money"], "weight": "0.7"})],
        [lambda p: edit.rename(p, "parking", "parking-loss"),
         lambda p: edit.set_fields(p, "parking-loss", {"text": "The lane removes 40 spaces.",
                                                       "tags": ["money"], "weight": "0.7"})]),
    "an edit and a rename of the same claim": (
        [lambda p: edit.set_field(p, "parking", "note", "Counted by the shop owners.")],
        [lambda p: edit.rename(p, "parking", "parking-loss")]),
    "perspectives, sources and the title": (
        [lambda p: edit.add_perspective(p, "money", "Costs"),
         lambda p: edit.set_meta(p, "description", "A tiny debate.")],
        [lambda p: edit.set_source(p, "survey", "url", "https://example.org/survey"),
         lambda p: edit.set_meta(p, "title", "Should Main Street get a bike lane?"),
         lambda p: edit.rename_perspective(p, "trade", "shops")]),
    "a removed claim and a relation note": (
        [lambda p: edit.link(p, "footfall", "rebut", "parking", note="Most come on foot.")],
        [lambda p: edit.remove(p, "crashes")]),
    "the same change on both sides": (
        [add_cost, lambda p: edit.tag(p, "crashes", ["counted"])],
        [add_cost, lambda p: edit.tag(p, "crashes", ["counted"])],
        [add_cost, lambda p: edit.tag(p, "crashes", ["counted"])]),
}


@pytest.mark.parametrize("case", CLEAN)
@pytest.mark.parametrize("variant", ["lf", "crlf", "bom-crlf"])
def test_non_overlapping_changes_merge_cleanly(case, variant, tmp_path):
    ours_edits, theirs_edits, *both = CLEAN[case]
    base, ours, theirs = sides(tmp_path, ours_edits, theirs_edits, variant)
    expected = made(tmp_path, "expected.yaml", *(both[0] if both else
                                                 ours_edits + theirs_edits), variant=variant)
    out = tmp_path / "out.yaml"

    result = merge_files(base, ours, theirs, out)

    assert result.clean, result.conflicts
    merged = out.read_bytes()
    assert signature(read(merged.decode("utf-8"))) == signature(read(expected.read_text()))
    assert comments(expected.read_bytes()) <= comments(merged)
    assert merged.startswith(b"\xef\xbb\xbf") == variant.startswith("bom")
    assert merged.count(b"\r\n") == (merged.count(b"\n") if "crlf" in variant else 0)


def test_ours_keeps_its_bytes_and_theirs_new_claim_its_comment(tmp_path):
    def commented_claim(path: Path) -> None:
        add_cost(path)
        text = path.read_text()
        path.write_text(text.replace("  cost:\n", "  # Money matters too.\n  cost:\n"))

    base, ours, theirs = sides(tmp_path, [add_buses], [commented_claim])
    out = tmp_path / "out.yaml"

    assert merge_files(base, ours, theirs, out).clean

    merged = out.read_text()
    assert merged.startswith(ours.read_text().split("  buses:")[0])  # OURS' text, untouched
    assert "  # Money matters too.\n  cost:\n" in merged


def test_without_changes_in_theirs_the_output_is_ours_byte_for_byte(tmp_path):
    base, ours, theirs = sides(tmp_path, [add_cost, lambda p: p.write_bytes(
        p.read_bytes().replace(b"# Safety first.", b"# Safety first (reviewed)."))], [])
    out = tmp_path / "out.yaml"
    out.write_bytes(b"old output")

    assert merge_files(base, ours, theirs, out).clean
    assert out.read_bytes() == ours.read_bytes()


# -- conflicts -----------------------------------------------------------------------------
def sections_of(text: str) -> tuple[str, str]:
    """The file resolved to OURS and to THEIRS: the other side of each conflict dropped."""
    ours, theirs, side = [], [], None
    for line in text.splitlines(keepends=True):
        if line.startswith("<<<<<<< ours"):
            side = "ours"
        elif line.startswith("=======") and side == "ours":
            side = "theirs"
        elif line.startswith(">>>>>>> theirs"):
            side = None
        else:
            if side in (None, "ours"):
                ours.append(line)
            if side in (None, "theirs"):
                theirs.append(line)
    return "".join(ours), "".join(theirs)


CONFLICTS = {
    "the same field changed differently": (
        [lambda p: edit.set_field(p, "crashes", "text", "Cyclists were hurt in 15 crashes.")],
        [lambda p: edit.set_field(p, "crashes", "text", "Cyclists were hurt in 16 crashes.")],
        ["ours.yaml:18:3: conflict: claim 'crashes': text changed on both sides "
         "(theirs: theirs.yaml:18:3)"], {"crashes"}),
    "removed in theirs, changed in ours": (
        [lambda p: edit.set_field(p, "parking", "weight", "0.9")],
        [lambda p: edit.remove(p, "parking", cascade=True)],
        ["ours.yaml:25:3: conflict: claim 'parking' changed in ours, removed in theirs"],
        {"parking"}),
    "removed in ours, changed in theirs": (
        [lambda p: edit.remove(p, "parking", cascade=True)],
        [lambda p: edit.set_field(p, "parking", "weight", "0.9")],
        ["theirs.yaml:25:3: conflict: claim 'parking' removed in ours, changed in theirs"],
        {"parking"}),
    "the same id added with different content": (
        [add_cost], [lambda p: edit.add_claim(p, "cost", "It is cheap.", supports=["lane"])],
        ["ours.yaml:37:3: conflict: claim 'cost' added on both sides, differently "
         "(theirs: theirs.yaml:37:3)"], {"cost"}),
    "a relation to a claim the other side removed": (
        [lambda p: edit.remove(p, "parking", cascade=True)],
        [lambda p: edit.add_claim(p, "meters", "Parking meters pay for it.",
                                  supports=["parking"])],
        ["theirs.yaml:37:3: conflict: claim 'meters': theirs adds 'meters supports parking', "
         "naming a claim ours removed"], {"meters"}),
    "both renamed differently": (
        [lambda p: edit.rename(p, "parking", "spaces")],
        [lambda p: edit.rename(p, "parking", "parking-loss")],
        ["ours.yaml:25:3: conflict: claim 'parking' renamed to 'spaces' in ours and to "
         "'parking-loss' in theirs (theirs: theirs.yaml:25:3)"], {"spaces", "parking-loss"}),
}


@pytest.mark.parametrize("case", CONFLICTS)
def test_conflicts_are_reported_and_marked_around_their_blocks_only(case, tmp_path):
    ours_edits, theirs_edits, report, marked = CONFLICTS[case]
    base, ours, theirs = sides(tmp_path, ours_edits + [add_buses], theirs_edits)
    out = tmp_path / "out.yaml"

    result = merge_files(base, ours, theirs, out)

    assert [str(conflict).replace(f"{tmp_path}/", "") for conflict in result.conflicts] == report
    text = out.read_text()
    assert text.count("<<<<<<< ours\n") == text.count("=======\n") == \
        text.count(">>>>>>> theirs\n") == 1
    inside = re.search(r"<<<<<<< ours\n(.*?)>>>>>>> theirs\n", text, re.S)[1]
    keys = set(re.findall(r"^  ([\w-]+):$", inside, re.M))
    assert keys == marked
    as_ours, as_theirs = sections_of(text)
    # Nothing from either side is lost: taking one side of each conflict gives a file
    # holding every claim that side has.
    assert set(read(as_ours).claims()) >= set(read(ours.read_text()).claims())
    assert set(read(as_theirs).claims()) >= set(read(theirs.read_text()).claims())
    assert "buses" in read(as_theirs)  # OURS' unrelated change is merged outside markers


def test_an_entry_changed_on_both_sides_is_marked_alone(tmp_path):
    base, ours, theirs = sides(
        tmp_path, [lambda p: edit.set_meta(p, "title", "Ours?")],
        [lambda p: edit.set_meta(p, "title", "Theirs?"), add_cost])
    out = tmp_path / "out.yaml"

    result = merge_files(base, ours, theirs, out)

    assert [c.message for c in result.conflicts] == ["the title changed on both sides"]
    assert "<<<<<<< ours\ntitle: Ours?\n=======\ntitle: Theirs?\n>>>>>>> theirs\n" in \
        out.read_text()
    assert "  cost:\n" in out.read_text()


def test_a_perspective_theirs_removes_but_ours_uses_is_a_conflict(tmp_path):
    base, ours, theirs = sides(
        tmp_path, [lambda p: edit.add_claim(p, "cost", "Costs.", perspective="trade",
                                            rebuts=["lane"])],
        [lambda p: edit.rename_perspective(p, "trade", "shops")])
    out = tmp_path / "out.yaml"

    result = merge_files(base, ours, theirs, out)

    assert [c.message for c in result.conflicts] == [
        "perspective 'trade' removed in theirs, still used in ours"]


def test_conflict_markers_keep_crlf_and_the_bom(tmp_path):
    ours_edits, theirs_edits, _, _ = CONFLICTS["the same field changed differently"]
    base, ours, theirs = sides(tmp_path, ours_edits, theirs_edits, "bom-crlf")
    out = tmp_path / "out.yaml"

    merge_files(base, ours, theirs, out)

    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# A small debate")
    assert b"\r\n<<<<<<< ours\r\n" in data and b"\r\n>>>>>>> theirs\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")


# -- errors ----------------------------------------------------------------------------------
def test_a_file_in_another_format_is_refused_naming_the_supported_one(tmp_path):
    base, ours, theirs = sides(tmp_path, [], [])
    other = tmp_path / "theirs.argdown"
    other.write_text("[lane]: The town should build a bike lane.\n")
    out = tmp_path / "out.yaml"
    out.write_bytes(b"untouched")

    with pytest.raises(FormatError, match="argmap merges argmap's YAML argument files only "
                                          r"\(this is argdown\)"):
        merge_files(base, ours, other, out)
    assert out.read_bytes() == b"untouched"


def test_a_side_that_does_not_parse_is_a_located_error(tmp_path):
    base, ours, _ = sides(tmp_path, [], [])
    with pytest.raises(ParseError) as raised:
        merge_texts(base.read_text(), ours.read_text(), "claims:\n  a: {text: [x\n",
                    names=("b.yaml", "o.yaml", "t.yaml"))
    assert raised.value.location.file == "t.yaml" and raised.value.location.line


def test_a_merged_map_with_a_new_error_is_refused(tmp_path):
    base, ours, theirs = sides(
        tmp_path, [lambda p: edit.link(p, "crashes", "rebut", "footfall")],
        [lambda p: edit.link(p, "crashes", "support", "footfall")])
    with pytest.raises(EditError, match="merge refused: "):
        merge_files(base, ours, theirs, tmp_path / "out.yaml")
    assert not (tmp_path / "out.yaml").exists()


# -- properties ------------------------------------------------------------------------------
def valid(amap) -> bool:
    return not [d for d in check_map(amap) if d.severity == "error"]


@given(st.data())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.filter_too_much,
                                                                   HealthCheck.too_slow])
def test_merging_into_an_unchanged_ours_gives_theirs_map(data):
    base = data.draw(argmaps(max_claims=6))
    theirs = data.draw(edited(base))
    assume(valid(read(write(theirs))))
    base_text = write(base)

    merged = merge_texts(base_text, base_text, write(theirs))

    assert merged.clean
    assert signature(read(merged.text)) == signature(read(write(theirs)))


@given(argmaps(max_claims=6), st.data())
@settings(max_examples=25, deadline=None)
def test_merging_an_unchanged_theirs_gives_ours_byte_for_byte(base, data):
    ours = data.draw(edited(base))
    ours_text = write(ours)

    assert merge_texts(write(base), ours_text, write(base)).text == ours_text


@given(argmaps(max_claims=6, undercuts=False), st.lists(claim_texts(), min_size=2,
                                                         max_size=2))
@settings(max_examples=25, deadline=None)
def test_additions_on_both_sides_merge_the_same_either_way(base, texts):
    base_text = write(base)
    first = next(iter(base.claims()))
    with_a = base.copy()
    with_a.add_claim("added-a", texts[0])
    with_a.add_relation("added-a", first, "support")
    with_b = base.copy()
    with_b.add_claim("added-b", texts[1])
    with_b.add_relation("added-b", first, "rebut")

    one = merge_texts(base_text, write(with_a), write(with_b))
    other = merge_texts(base_text, write(with_b), write(with_a))

    assert one.clean and other.clean
    assert signature(read(one.text)) == signature(read(other.text))
    assert {"added-a", "added-b"} <= set(read(one.text).claims())


@given(argmaps(max_claims=6), st.data())
@settings(max_examples=40, deadline=None)
def test_a_merge_of_two_edited_branches_loses_no_claim(base, data):
    ours, theirs = data.draw(edited(base)), data.draw(edited(base))
    try:
        result = merge_texts(write(base), write(ours), write(theirs))
    except EditError as refused:  # the merged map would have an error neither side had
        assert refused.message.startswith("merge refused: ")
        return
    as_ours, as_theirs = sections_of(result.text)
    assert bool(result.conflicts) == ("<<<<<<< ours" in result.text)
    # Each side's claims are in the file resolved to that side, but for those the other
    # side renamed or removed (without a conflict: then they are merged so).
    mine, their = diff_maps(base, ours), diff_maps(base, theirs)
    assert set(read(as_ours).claims()) >= set(ours.claims()) - set(their.renames) - set(
        their.removed)
    keys = set(re.findall(r"^  (\S+):$", as_theirs, re.M))
    assert keys >= set(theirs.claims()) - set(mine.renames) - set(mine.removed)


def test_an_entry_ours_removed_and_theirs_changed_is_marked_under_its_section(tmp_path):
    base, ours, theirs = sides(
        tmp_path, [lambda p: edit.remove_source(p, "survey", cascade=True)],
        [lambda p: edit.set_source(p, "survey", "date", "2024-06")])
    out = tmp_path / "out.yaml"

    result = merge_files(base, ours, theirs, out)

    assert [c.message for c in result.conflicts] == [
        "source 'survey' removed in ours, changed in theirs"]
    as_ours, as_theirs = sections_of(out.read_text())
    assert read(as_ours).sources == {}
    assert read(as_theirs).sources == {"survey": {"title": "Town traffic survey 2024",
                                                  "date": "2024-06"}}


def test_theirs_line_endings_and_indentation_do_not_leak_into_ours():
    base = BASE.read_text(encoding="utf-8")
    ours = base.replace("\n", "\r\n")
    theirs = (base + "\n  # Money.\n  cost:\n    text: It costs a lot.\n    rebuts: [lane]\n")
    four = theirs.replace("\n  ", "\n    ").replace("\n      ", "\n        ")  # 4-space step

    for other in (theirs, four):
        merged = merge_texts(base, ours, other).text

        assert merged.count("\n") == merged.count("\r\n")
        assert merged.startswith(ours.rstrip("\r\n"))
        assert "cost" in read(merged)
    assert "\r\n  # Money.\r\n  cost:\r\n" in merge_texts(base, ours, theirs).text
    assert "\r\n  cost:\r\n    text: It costs a lot.\r\n" in merge_texts(base, ours, four).text


def test_claims_in_flow_style_are_in_conflict_whole():
    flow = "argmap: 1\nclaims: {a: {text: A, kind: thesis}, b: {text: B, supports: [a]}}\n"

    result = merge_texts(flow, flow.replace("text: B", "text: B2"),
                         flow.replace("text: B", "text: B3"))

    assert [c.message for c in result.conflicts] == ["claim 'b': text changed on both sides"]
    assert result.text == ("<<<<<<< ours\n" + flow.replace("text: B", "text: B2") +
                           "=======\n" + flow.replace("text: B", "text: B3") +
                           ">>>>>>> theirs\n")
