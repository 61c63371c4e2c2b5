"""Figures people can read, checked through the real Graphviz and poppler: pages, the
overview, arrows that avoid boxes, notes, tags, links and the strength legend."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

import argmap
from argmap.drawing.diagram import MAX_PORTS, PORT_GAP
from argmap.drawing.dot import write_pinned
from argmap.drawing.pages import overview, page_drawings
from argmap.pipeline import export
from tests.conftest import DATA, SAMPLE

LINKS = DATA / "drawing" / "links.yaml"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def poppler(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        pytest.fail(f"poppler's {program} is not installed; run scripts/test, which installs "
                    "poppler-utils")
    return path


def run(*command) -> str:
    return subprocess.run([str(c) for c in command], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture(scope="module")
def a4(tmp_path_factory):
    out = tmp_path_factory.mktemp("pages") / "debate.pdf"
    export(SAMPLE, out, page="a4")
    return out


def words(text: str) -> str:
    return " ".join(text.split())


def test_a4_pages_are_a4_and_hold_every_claim(sample, a4):
    info = run(poppler("pdfinfo"), "-l", "999", a4)
    count = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert count > 1
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert len(sizes) == count
    assert all(abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in sizes)
    assert len(re.findall(r"^Page\s+\d+ size:.*\(A4\)", info, re.M)) == count
    text = words(run(poppler("pdftotext"), a4, "-"))
    missing = [claim for claim, data in sample.graph.nodes(data=True)
               if words(data["text"]) not in text]
    assert missing == []
    assert all(f"page {number} of {count}" in text for number in range(1, count + 1))
    assert text.count(sample.title) == count


def test_no_text_on_a_page_prints_smaller_than_8_points(a4):
    boxes = run(poppler("pdftotext"), "-bbox", a4, "-")
    heights = [float(bottom) - float(top) for top, bottom in
               re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" '
                          r'yMax="([\d.]+)">', boxes)]
    assert len(heights) > 500
    # poppler's word box is the font's ascent plus descent: about 1.15 times its size.
    assert min(heights) >= 8.0 * 1.1


def test_svg_pages_are_one_file_each(tmp_path, dot_binary):
    export(SAMPLE, tmp_path / "debate.svg", page="letter-landscape")
    files = sorted(tmp_path.iterdir(), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    assert [p.name for p in files][:2] == ["debate-1.svg", "debate-2.svg"]
    assert not (tmp_path / "debate.svg").exists()
    for number, path in enumerate(files, 1):
        root = ElementTree.parse(path).getroot()
        assert (root.get("width"), root.get("height")) == ("792pt", "612pt")
        assert f"page {number} of {len(files)}" in "".join(root.itertext())


def test_dump_writes_pages_one_file_each(tmp_path, dot_binary):
    pages = argmap.dumps(argmap.load(SAMPLE), "svg", page="letter-landscape")
    argmap.dump(argmap.load(SAMPLE), tmp_path / "debate.svg", page="letter-landscape")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"debate-{number}.svg" for number in range(1, len(pages) + 1))
    assert (tmp_path / "debate-1.svg").read_bytes() == pages[0]


def test_pages_need_a_file_for_svg(dot_binary):
    with pytest.raises(argmap.ArgmapError, match="one file each"):
        export(SAMPLE, "-", to="svg", page="a4")


def drawn_crossings(dot_text: str) -> list[tuple[str, str, str]]:
    """Each (tail, head, box) where a drawn edge passes through a box that is not one of
    its ends, from the coordinates of ``neato -n2 -Tjson``."""
    # A page's size attribute scales the JSON coordinates but not the node sizes.
    dot_text = re.sub(r', size="[^"]*"', "", dot_text)
    drawing = json.loads(subprocess.run([shutil.which("neato"), "-n2", "-Tjson"],
                                        input=dot_text.encode(), capture_output=True,
                                        check=True).stdout)
    objects = drawing.get("objects", [])
    boxes = {}
    for index, node in enumerate(objects):
        if "pos" in node and node.get("shape") not in ("point", "plain"):
            x, y = map(float, node["pos"].split(","))
            w, h = float(node["width"]) * 36, float(node["height"]) * 36
            boxes[index] = (x - w + 1, y - h + 1, x + w - 1, y + h - 1)
    found = []
    for edge in drawing.get("edges", []):
        parts = edge["pos"].split()
        start = [p[2:] for p in parts if p.startswith("s,")]
        tip = [p[2:] for p in parts if p.startswith("e,")]
        points = [tuple(map(float, part.split(","))) for part in
                  start + [p for p in parts if not p.startswith(("s,", "e,"))] + tip]
        samples = [(ax + (bx - ax) * t / 20, ay + (by - ay) * t / 20)
                   for (ax, ay), (bx, by) in zip(points, points[1:], strict=False)
                   for t in range(21)]
        for index, (left, bottom, right, top) in boxes.items():
            if index not in (edge["tail"], edge["head"]) and any(
                    left < x < right and bottom < y < top for x, y in samples):
                found.append((objects[edge["tail"]]["name"], objects[edge["head"]]["name"],
                              objects[index]["name"]))
    return found


def test_no_arrow_passes_behind_an_unrelated_box(dot_binary):
    sample = argmap.load(SAMPLE)
    first = overview(sample)
    drawings = [write_pinned(first.map, first.layout),
                argmap.dumps(sample, "dot", layout="layered"), *page_drawings(sample, "a4")]
    assert [(index, drawn_crossings(text)) for index, text in enumerate(drawings)
            if drawn_crossings(text)] == []


def test_arrows_into_one_claim_end_apart(dot_binary):
    text = argmap.dumps(argmap.load(SAMPLE), "dot", layout="layered")
    thesis = re.search(r'^  (n\d+) \[id="claim-honor"', text, re.M).group(1)
    tips = re.findall(rf'-> {thesis} \[[^\]]*pos="e,([\d.]+),([\d.]+) ', text)
    assert len(tips) >= 12  # and two more through the dots of the undercut relations
    ends = sorted(float(y) for _, y in tips)
    assert min(b - a for a, b in zip(ends, ends[1:], strict=False)) >= 10


def test_a_claim_argued_about_by_hundreds_stays_a_box(dot_binary):
    """Past ``MAX_PORTS`` arrows into one side, neighbouring arrows share an end, so the
    box is as long as ``MAX_PORTS`` ends need (it was as long as all 300 needed)."""
    amap = argmap.ArgMap(title="Many attackers")
    amap.add_claim("target", "Attacked by many.", kind="thesis")
    for index in range(300):
        amap.add_claim(f"a{index}", f"Attacker {index}.")
        amap.add_relation(f"a{index}", "target", "rebut")
    text = argmap.dumps(amap, "dot", layout="layered")
    box = re.search(r'^  (n\d+) \[id="claim-target"[^\]]*height="?([\d.]+)', text, re.M)
    assert float(box.group(2)) * 72 <= (MAX_PORTS + 1) * PORT_GAP / 0.8 + 1
    tips = re.findall(rf'-> {box.group(1)} \[[^\]]*pos="e,([\d.]+),([\d.]+) ', text)
    assert len(tips) == 300
    assert len(set(tips)) == MAX_PORTS


def test_the_default_picture_of_the_sample_reads_at_1000_px(tmp_path, dot_binary):
    """Shown 1000 px wide, its smallest (9 pt) text is at least 8 px high."""
    export(SAMPLE, tmp_path / "debate.svg")
    root = ElementTree.parse(tmp_path / "debate.svg").getroot()
    width = float(root.get("width").removesuffix("pt"))
    assert 9 * 1000 / width >= 8
    text = "".join(root.itertext())
    assert "more claims" in text  # deeper subtrees are folded
    full = tmp_path / "full.svg"
    export(SAMPLE, full, overview=False)
    assert float(ElementTree.parse(full).getroot().get("width").removesuffix("pt")) > width


def test_notes_tags_and_links_reach_the_svg(tmp_path, dot_binary):
    out = tmp_path / "links.svg"
    export(LINKS, out, show_notes=True)
    root = ElementTree.parse(out).getroot()  # well-formed whatever the URLs held
    links = [a.get(f"{XLINK}href") for a in root.iter(f"{SVG}a") if a.get(f"{XLINK}href")]
    assert links == ["https://example.org/report?a=1&b=2",
                     "https://example.org/%22onmouseover=alert(1)%3Cx%3E"]
    titles = [a.get(f"{XLINK}title") for a in root.iter(f"{SVG}a")]
    assert any("Note: The analyst's own reading" in (t or "") for t in titles)
    text = "".join(root.itertext())
    assert "Note: The analyst's own reading, not the article's." in words(text)
    assert "#analyst-inference" in text
    assert "Source: A script link" in text  # shown, not linked
    assert not [name for element in root.iter() for name in element.attrib
                if name.lower().startswith("on")]  # no event handler got in
    export(LINKS, tmp_path / "plain.svg")
    assert "Note:" not in "".join(ElementTree.parse(tmp_path / "plain.svg").getroot()
                                 .itertext())


@pytest.mark.parametrize("semantics, shown, hidden", [
    ("dfquad", "strength 0\u20131", "in (stands)"),
    ("grounded", "in (stands)", "strength 0\u20131"),
])
def test_the_legend_explains_the_evaluation_drawn(tmp_path, dot_binary, semantics, shown,
                                                  hidden):
    out = tmp_path / "map.svg"
    export(DATA / "views" / "small.yaml", out, semantics=semantics)
    text = "".join(ElementTree.parse(out).getroot().itertext())
    assert shown in text and hidden not in text


def test_a_focus_view_draws_its_context(tmp_path, dot_binary):
    out = tmp_path / "near.svg"
    export(SAMPLE, out, view={"focus_on": "trust-reporting", "depth": 2})
    root = ElementTree.parse(out).getroot()
    claims = [g for g in root.iter(f"{SVG}g")
              if g.get("class") == "node" and g.get("id", "").startswith("claim-")]
    assert len(claims) == 13
    text = "".join(root.itertext())
    assert text.count("\u00b7 context") == 1 and "\u25ce focus" in text


def test_a_tag_style_from_the_file_is_drawn_and_explained(sample, tmp_path, dot_binary):
    out = tmp_path / "inferences.svg"
    export(SAMPLE, out, view={"tags": ["analyst-inference"]})
    root = ElementTree.parse(out).getroot()
    styled = [n for n, tags in sample.graph.nodes(data="tags")
              if "analyst-inference" in (tags or ())]
    assert len(styled) == 7
    for claim in styled:
        box = next(g for g in root.iter(f"{SVG}g") if g.get("id") == f"claim-{claim}")
        border = next(box.iter(f"{SVG}path"))
        assert border.get("stroke-dasharray") and border.get("stroke") in ("#b2182b", "#1b7837")
    text = words(" ".join(root.itertext()))
    assert "#analyst-inference : dashed border; the analyst's own reading" in text


def test_an_undercut_dot_within_one_perspective_sits_in_its_cluster(dot_binary):
    """Outside it, dot puts the dot on the cluster's border, far from the relation."""
    text = argmap.dumps(argmap.load(DATA / "views" / "small.yaml"), "dot")
    clusters = re.findall(r"subgraph \"cluster_\d+\" \{(.*?)\n  \}", text, re.S)
    # u undercuts c -> a, and c and a are both in the first perspective
    assert any('r0 [shape="point"' in body and 'id="claim-a"' in body for body in clusters)


@pytest.mark.parametrize("claims, seed", [(20, 0), (40, 1), (70, 2), (100, 3)])
def test_the_default_picture_of_a_debate_of_up_to_100_claims_reads_at_1000_px(
        claims, seed, dot_binary):
    from tests.drawing.test_layout import synthetic_map
    svg = ElementTree.fromstring(argmap.dumps(synthetic_map(claims, seed), "svg"))
    assert 9 * 1000 / float(svg.get("width").removesuffix("pt")) >= 8
