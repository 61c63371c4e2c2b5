"""The canonical rendering git shows: it depends on the map, never on the file's layout."""

from __future__ import annotations

from argmap import load, loads
from argmap.changes.canonical import canonical_text
from argmap.edit import format_text
from argmap.formats.native import write

from ..conftest import DATA

BASE = DATA / "merge" / "base.yaml"


def test_layout_comments_and_format_do_not_change_the_rendering():
    text = BASE.read_text(encoding="utf-8")
    amap = load(BASE)
    expected = canonical_text(amap)

    assert canonical_text(loads(format_text(text, str(BASE), 40))) == expected
    assert canonical_text(loads(write(amap))) == expected
    assert canonical_text(loads(text.replace("\n", "\r\n"))) == expected


def test_each_claim_is_one_block_with_a_line_per_field_and_relation():
    blocks = canonical_text(load(BASE)).split("\n\n")

    assert blocks[0] == "title: Should the town build a bike lane on Main Street?"
    assert blocks[1].splitlines() == [
        "perspective safety: Road safety", "perspective trade: Local trade",
        "source survey", "  title: Town traffic survey 2024", "  date: 2024-05"]
    assert blocks[3].splitlines() == [
        "[crashes] evidence, safety",
        "  Cyclists were hurt in 14 crashes on Main Street last year.",
        "  sources: survey", "  supports lane"]
    assert blocks[5].splitlines()[-1] == "  rebuts parking: Visitors on foot need no parking."


def test_line_breaks_and_control_characters_cannot_forge_lines_or_reach_the_terminal():
    amap = loads('claims:\n  a: {text: "two\\nlines \\e[31mred\\u202e", kind: thesis}\n',
                 validate=False)

    assert canonical_text(amap).splitlines() == [
        "[a] thesis", "  two\\nlines \\x1b[31mred\\u202e"]
