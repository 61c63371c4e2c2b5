"""Kialo text export: a realistic export, round trips, arguebuf as a second reader, errors."""

from __future__ import annotations

import io
import re

import pytest
from hypothesis import given, settings

from argmap.errors import ParseError
from argmap.formats import format_for_reading, load
from argmap.formats.kialo import claim_id, outline, read, write
from tests.conftest import DATA
from tests.formats.badinput import refusal
from tests.strategies import argmaps

HERE = DATA / "kialo"
EXPORT = HERE / "car-free-centres.kialo.txt"


def test_reads_a_kialo_export_with_crlf_escapes_links_and_long_claims():
    amap = load(EXPORT)
    assert amap.title == "Should city centres be car-free?"
    assert amap.theses() == ["k1"]
    assert amap.claim("k1")["text"].endswith("closed to private cars (with exceptions for "
                                             "residents).")
    assert amap.claim("k1-1-1")["text"].endswith("diesel cars.\nIt measured 14 sites over "
                                                 "12 months.")
    assert amap.claim("k1-3-1")["text"].endswith("by tram:\n\n* Copenhagen: 70%\n* Ghent: 64%")
    assert amap.claim("k1-1-2-1")["text"].startswith("Brakes and tyres still emit fine "
                                                     "particles [PM2.5]")
    assert amap.claim("k1-3-2")["text"].startswith("-> See discussion #41782")
    assert "\r" not in "".join(text for _, text in amap.graph.nodes(data="text"))
    relations = {(r.source, r.target, r.relation) for r in amap.relations()}
    assert ("k1-5-1", "k1-1-2", "rebut") in relations  # a link to a claim further down
    assert ("k1-2", "k1-6", "support") in relations  # a link back up
    assert ("k1-3-1", "k1-3", "rebut") in relations
    assert len(amap) == 14 and len(relations) == 15
    assert (amap.claim("k1-1-2")["line"], amap.claim("k1-1-2")["column"]) == (7, 13)


def test_arguebuf_reads_what_we_write():
    # arguebuf resolves only links to claims above the link (our export has one below);
    # the writer only ever links back to a claim's first place, so arguebuf reads it.
    arguebuf = pytest.importorskip("arguebuf", reason="arguebuf (test extra) not installed")
    ours = load(EXPORT)
    again = arguebuf.load.kialo(io.StringIO(write(ours)))
    assert (len(again.atom_nodes), len(again.scheme_nodes)) == (
        len(ours), len(list(ours.relations())))


def test_files_are_recognised_by_suffix_and_content():
    text = EXPORT.read_text(encoding="utf-8")
    assert format_for_reading(EXPORT, text).name == "kialo"
    assert format_for_reading("export.txt", text).name == "kialo"


def kept_text(text: str) -> str:
    """What Kialo keeps of a claim's text (docs/formats/kialo.md): line breaks become LF
    and blank lines at the end are dropped."""
    lines = re.sub(r"\r\n?", "\n", text).split("\n")
    while len(lines) > 1 and not lines[-1].strip(" \t"):
        lines.pop()
    return "\n".join(lines)


@settings(max_examples=150, deadline=None)
@given(argmaps())
def test_round_trip_keeps_claims_texts_and_relations(amap):
    entries = outline(amap)
    new_id = {e.claim: claim_id(e.number) for e in entries if e.link is None}
    again = read(write(amap), "map.kialo")
    assert len(again) == len(amap) == len(new_id)
    for old, new in new_id.items():
        assert again.claim(new)["text"] == kept_text(amap.claim(old)["text"])
    # Undercuts come back as rebuts of the attacked relation's conclusion, unless the same
    # claim supports that conclusion (then only the support: Kialo has one stance).
    supports = {(r.source, r.target) for r in amap.relations() if r.relation == "support"}
    expected = {(new_id[r.source], new_id[r.target],
                 "support" if (r.source, r.target) in supports else "rebut")
                for r in amap.relations()}
    assert {(r.source, r.target, r.relation) for r in again.relations()} == expected
    assert again.theses()[0] == new_id[amap.theses()[0]]
    if amap.title is not None:
        assert again.title == " ".join(re.split(r"\r\n?|\n", amap.title)).strip()


@pytest.mark.parametrize("name, message, line, column", [
    ("numbering-gap.kialo", "claim 1.3. should be numbered 1.2. (Kialo numbers siblings", 5, 1),
    ("child-before-parent.kialo", "claim 1.2.1. comes before its parent 1.2.", 5, 1),
    ("missing-link.kialo", "'-> See 1.1.4.' names no claim", 5, 11),
    ("missing-stance.kialo", "claim 1.1. needs 'Pro:' or 'Con:'", 4, 1),
    ("text-before-thesis.kialo", "expected the first claim, numbered '1.'", 3, 1),
])
def test_bad_input_gives_one_located_error(name, message, line, column):
    error = refusal(read, HERE / name, line, column)
    assert isinstance(error, ParseError) and error.message.startswith(message)
