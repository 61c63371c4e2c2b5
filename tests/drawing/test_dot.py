"""DOT output: golden file, determinism, and hostile text rendered verbatim by real Graphviz."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings

import argmap
from argmap.drawing import dot
from argmap.drawing.graphviz import render
from argmap.errors import FormatError
from argmap.model import ArgMap
from tests.conftest import DATA, assert_golden
from tests.strategies import claim_texts

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "http://www.w3.org/1999/xlink"
GOLDEN = DATA / "dot" / "issue-example.dot"


def svg_claim_lines(svg: bytes) -> dict[str, list[str]]:
    """Claim id -> the text lines drawn in that claim's box, from real SVG."""
    root = ET.fromstring(svg)
    found = {}
    for group in root.iter(f"{SVG}g"):
        gid = group.get("id", "")
        if gid.startswith("claim-"):
            found[gid.removeprefix("claim-")] = [t.text or "" for t in group.iter(f"{SVG}text")]
    return found


def shown(text: str) -> str:
    """What a reader must see of ``text``: every character, spacing aside; controls
    as their Unicode pictures."""
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f]", lambda m: chr(0x2400 + ord(m.group())), text)
    return re.sub(r"\s+", "", text.replace("\x7f", "\u2421"))


def test_issue_example_matches_golden_dot():
    amap = argmap.load(DATA / "native" / "issue-example.yaml")
    assert_golden(GOLDEN, dot.write(amap))


def test_dot_and_svg_are_deterministic(dot_binary):
    source = DATA / "dot" / "hostile.yaml"
    first, second = (dot.write(argmap.load(source)) for _ in range(2))
    assert first == second
    assert render(first, "svg") == render(second, "svg")


def test_hostile_map_renders_every_text_verbatim_and_inert(dot_binary):
    amap = argmap.load(DATA / "dot" / "hostile.yaml")
    svg = render(dot.write(amap), "svg")
    root = ET.fromstring(svg)  # well-formed XML despite the text
    assert not [e for e in root.iter() if e.tag.split("}")[-1].lower() in ("script",
                                                                              "foreignobject")]
    assert not [k for e in root.iter() for k in e.attrib if k.lower().startswith("on")]
    lines = svg_claim_lines(svg)
    assert set(lines) == set(amap.claims())
    for claim, data in amap.graph.nodes(data=True):
        assert shown(data["text"]) in shown("".join(lines[claim])), claim
    titles = [t.text for t in root.iter(f"{SVG}text")]
    assert amap.title in titles


def test_evidence_shows_sources_and_thesis_is_double_bordered(dot_binary):
    amap = argmap.load(DATA / "native" / "issue-example.yaml")
    svg = render(dot.write(amap), "svg")
    lines = svg_claim_lines(svg)
    assert any("DHS statement on Illinois" in line for line in lines["releases"])
    honor = next(g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("id") == "claim-honor")
    assert len([e for e in honor.iter() if e.tag in (f"{SVG}polygon", f"{SVG}path")]) >= 2


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(claim_texts())
def test_random_claim_text_renders_verbatim(text):
    amap = ArgMap(title="t")
    amap.add_claim("thesis", "T", kind="thesis")
    amap.add_claim("c", text)
    amap.add_relation("c", "thesis", "rebut", note=text)
    amap.derive_sides()
    source = dot.write(amap)
    svg = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True,
                         check=True).stdout
    assert shown(text) in shown("".join(svg_claim_lines(svg)["c"]))


def test_bad_drawing_option_is_a_format_error():
    with pytest.raises(FormatError, match="rankdir"):
        dot.write(ArgMap(), rankdir="UP")


def test_quote_makes_any_id_a_literal_dot_string(dot_binary):
    weird = 'a"b\\c d -> e; }'
    amap = ArgMap()
    amap.add_claim(weird, "x", kind="thesis")
    svg = render(dot.write(amap), "svg")
    assert list(svg_claim_lines(svg)) == [weird]


def test_quotes_are_the_hover_text_of_their_claim_verbatim(dot_binary):
    amap = argmap.load(DATA / "provenance" / "quoted.yaml")
    amap.claim("september")["quotes"][0]["exact"] = 'He said "<b>42</b>" & left\\n'
    svg = render(dot.write(amap), "svg")
    october = next(a for a in ET.fromstring(svg).iter(f"{SVG}a")
                   if a.get(f"{{{XLINK}}}title", "").startswith("october"))
    assert october.get(f"{{{XLINK}}}title") == (
        "october\n\u201creleased 42 people\u201d (report)\n\u201casked why\u201d (hearsay)")
    september = next(a for a in ET.fromstring(svg).iter(f"{SVG}a")
                     if a.get(f"{{{XLINK}}}title", "").startswith("september"))
    assert september.get(f"{{{XLINK}}}title") == (
        'september\n\u201cHe said "<b>42</b>" & left\\n\u201d (report)')
