"""Texts Graphviz cannot take as they are are drawn cut with a marker instead of failing
the drawing, and tooltips and ids come out of Graphviz's SVG exactly as written."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from argmap.drawing import dot
from argmap.drawing.graphviz import render
from argmap.model import ArgMap

XLINK = "{http://www.w3.org/1999/xlink}title"


def _svg(amap: ArgMap, **options) -> ET.Element:
    return ET.fromstring(render(dot.write(amap, **options), "svg"))


def test_texts_over_graphvizs_16_kb_string_limit_are_drawn_cut(dot_binary):
    huge = "word " * 20_000  # 100 KB
    amap = ArgMap(title="T" * 20_000)
    amap.perspectives["p"] = "P" * 20_000
    amap.add_claim("t", huge, kind="thesis", note="n" * 20_000, perspective="p",
                   tags=["t" * 20_000])
    amap.add_claim("i" * 20_000, "\u201c&quot;\u201d" * 5_000)  # six bytes a character
    amap.add_relation("i" * 20_000, "t", "support", note="note " * 10_000)
    for layout in ("dot", "layered"):
        svg = _svg(amap, layout=layout)
        texts = " ".join(t.text or "" for t in svg.iter("{http://www.w3.org/2000/svg}text"))
        assert "more characters]" in texts
        ids = [e.get("id") for e in svg.iter() if (e.get("id") or "").startswith("claim-")]
        assert len(ids) == 2 and all(len(i) < 300 for i in ids)


def test_tooltips_titles_and_ids_show_exactly_what_was_written(dot_binary):
    tricky = "&lt;script&gt; & \\N \\G \\L \\E \\T \\H \\\\ \\l \"q\""
    amap = ArgMap(title=tricky)
    amap.perspectives["p"] = tricky
    amap.add_claim("t", "Thesis", kind="thesis", note=tricky)
    amap.add_claim("a", "A", perspective="p")
    amap.add_relation("a", "t", "support", note=tricky)
    svg = _svg(amap, group_by="perspective")
    titles = [e.get(XLINK) for e in svg.iter() if e.get(XLINK)]
    assert f"a supports t: {tricky}" in titles
    assert any(title.endswith(f"Note: {tricky}") for title in titles)
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert texts.count(tricky) == 2  # the map's title and the perspective's cluster


def test_a_long_id_keeps_ids_distinct():
    assert dot.svg_id("a" * 500 + "x") != dot.svg_id("a" * 500 + "y")
    assert dot.svg_id("short") == '"short"'
