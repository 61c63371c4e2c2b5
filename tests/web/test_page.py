"""The interactive page, opened in a real browser: offline, searchable, clickable,
linkable, filterable, and inert with hostile text."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.drawing.layout import spanning_tree
from argmap.model import quoted_passages
from argmap.pipeline import export
from argmap.views import ROLE, by_kind, by_side, focus
from argmap.web.page import inert_json
from tests.conftest import DATA, SAMPLE
from tests.strategies import argmaps

HOSTILE = DATA / "web" / "hostile.json"
MODES = ("dot", "layered")  # Graphviz's SVG inline, or the page's own drawing
DRAWN = """[...document.querySelectorAll('#map [data-claim]')]
           .filter(e => !e.closest('.hidden')).map(e => e.dataset.claim)"""
LINKS = """[...document.querySelectorAll('a')].map(a => a.getAttribute('href')
  || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href')).filter(h => h !== null)"""
OFFSET_FROM_CENTRE = """(id) => {
  const e = [...document.querySelectorAll('#map [data-claim]')]
    .find(e => e.dataset.claim === id);
  const box = e.getBoundingClientRect();
  const stage = document.getElementById('stage').getBoundingClientRect();
  const panel = document.getElementById('panel');
  const width = stage.width - (panel.hidden ? 0 : panel.offsetWidth);
  return [box.x + box.width / 2 - (stage.x + width / 2),
          box.y + box.height / 2 - (stage.y + stage.height / 2)];
}"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The sample and the hostile map as pages, in both drawing modes (made once)."""
    folder = tmp_path_factory.mktemp("pages")
    made = {}
    for name, source in (("sample", SAMPLE), ("hostile", HOSTILE)):
        for mode in MODES:
            path = folder / f"{name}-{mode}.html"
            export(source, path, layout=mode)
            made[name, mode] = path.as_uri()
    return made


def claim_url(url: str, claim: str) -> str:
    return f"{url}#claim={quote(claim, safe='')}"


@given(st.recursive(st.text(), lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8))
def test_inert_json_reads_back_and_cannot_close_its_script(value):
    text = inert_json(value)
    assert json.loads(text) == value
    assert not re.search("[<>&\u2028\u2029\ud800-\udfff]", text)


def test_export_html_three_ways_gives_the_same_page(cli, tmp_path, sample):
    out = tmp_path / "debate.html"
    assert cli("export", SAMPLE, "-o", out).exit_code == 0
    piped = cli("export", SAMPLE, "-o", "-", "--to", "html")
    assert piped.exit_code == 0
    page = out.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert piped.stdout == page
    assert argmap.dumps(sample, "html") == page


@pytest.mark.parametrize("option", ["--full", "--show-notes", "--layout=layered"])
def test_export_html_takes_the_drawing_options(cli, tmp_path, option):
    out = tmp_path / "debate.html"
    done = cli("export", SAMPLE, "-o", out, option)
    assert done.exit_code == 0, done.output
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_the_policy_allows_only_the_page_own_script_and_style(pages):
    page = open(pages["sample", "dot"].removeprefix("file://"), encoding="utf-8").read()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    styles = re.findall(r"<style>(.*?)</style>", page, re.S)
    assert len(scripts) == 1 and len(styles) == 1

    def pinned(text):
        return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"
    assert directives["script-src"] == pinned(scripts[0])
    assert directives["style-src"] == pinned(styles[0])
    assert "unsafe" not in policy and "connect-src" not in policy


@pytest.mark.parametrize("mode", MODES)
def test_page_opens_offline_and_draws_the_map(open_page, pages, sample, mode):
    opened = open_page(pages["sample", mode])
    drawn = set(opened.evaluate(DRAWN))
    if mode == "dot":
        assert drawn == set(sample.claims())  # every claim, each with data-claim
    else:
        assert "honor" in drawn and drawn <= set(sample.claims())  # only what is in view
    assert opened.evaluate("document.getElementById('search').type") == "search"
    assert all(url.startswith(("file:", "data:")) for url in opened.requests), opened.requests
    assert opened.errors == [] and opened.dialogs == []


@pytest.mark.parametrize("mode", MODES)
def test_search_marks_matches_and_steps_through_them_centring_each(open_page, pages, sample,
                                                                    mode):
    opened = open_page(pages["sample", mode])
    expected = [c for c, d in sample.graph.nodes(data=True)
                if "assault" in (d["text"] + "\n" + c + "\n" + "\n".join(d.get("tags", []))
                                 ).lower()]
    assert len(expected) >= 2
    opened.page.fill("#search", "Assault")
    assert opened.page.text_content("#search-count") == f"{len(expected)} matches"
    if mode == "dot":
        assert sorted(opened.evaluate("[...document.querySelectorAll('.match')]"
                                      ".map(e => e.dataset.claim)")) == sorted(expected)
    for step, key in ((0, "Enter"), (1, "Enter"), (0, "Shift+Enter")):
        opened.page.press("#search", key)
        current = opened.wait_for("document.querySelector('#map .current.match')"
                                  "?.dataset.claim")
        assert current == expected[step]
        dx, dy = opened.evaluate(OFFSET_FROM_CENTRE, current)
        assert abs(dx) < 3 and abs(dy) < 3
    assert opened.errors == []


def claim_with_note_and_sources(amap):
    return next(c for c, d in amap.graph.nodes(data=True) if d.get("note") and d.get("sources"))


@pytest.mark.parametrize("mode", MODES)
def test_click_opens_the_panel_with_text_note_sources_and_relations(open_page, pages, sample,
                                                                     mode):
    claim = claim_with_note_and_sources(sample)
    data = sample.claim(claim)
    opened = open_page(claim_url(pages["sample", mode], claim))  # centred, so clickable
    opened.page.keyboard.press("Escape")
    assert opened.evaluate("document.getElementById('panel').hidden")
    opened.page.locator(f'#map [data-claim="{claim}"]').click()
    panel = opened.page.locator("aside#panel")
    assert panel.is_visible()
    assert panel.locator(".claim-text").text_content() == data["text"]
    assert panel.locator(".note").first.text_content() == data["note"]
    titles = panel.locator(".sources li strong").all_text_contents()
    assert titles == [sample.sources[s]["title"] for s in data["sources"]]
    quoted = panel.locator(".quotes li q").all_text_contents()
    assert quoted and quoted == [text for text, _ in quoted_passages(data)]
    targets = panel.locator("button.go").all_text_contents()
    assert any(sample.claim(t)["text"].startswith(targets[0].rstrip("\u2026"))
               for _, t in sample.graph.out_edges(claim))
    for href in opened.evaluate("[...document.querySelectorAll('#panel a')].map(a => a.href)"):
        assert href.startswith(("http://", "https://"))
    panel.locator("button.go").first.click()  # goes there: selected and centred
    selected = opened.wait_for("document.querySelector('#map .selected')?.dataset.claim")
    assert selected != claim and selected in sample
    assert opened.errors == []


@pytest.mark.parametrize("mode", MODES)
def test_claim_link_opens_with_the_claim_selected_and_centred(open_page, pages, sample, mode):
    claim = "trust-reporting" if "trust-reporting" in sample else list(sample.claims())[5]
    opened = open_page(claim_url(pages["sample", mode], claim))
    assert opened.evaluate("document.querySelector('#map .selected')?.dataset.claim") == claim
    assert opened.page.locator("#panel .claim-text").text_content() == sample.claim(claim)["text"]
    dx, dy = opened.evaluate(OFFSET_FROM_CENTRE, claim)
    assert abs(dx) < 3 and abs(dy) < 3


def test_filters_hide_a_side_and_keep_the_thesis(open_page, pages, sample):
    opened = open_page(pages["sample", "dot"])
    opened.page.click("#filters summary")
    opened.page.uncheck('fieldset[data-facet="side"] input[value="con"]')
    # As argmap's own views: the claims accepted, the thesis, and what they argue about
    assert set(opened.evaluate(DRAWN)) == set(by_side(sample, "pro").claims())
    opened.page.check('fieldset[data-facet="side"] input[value="con"]')
    opened.page.uncheck('fieldset[data-facet="kind"] input[value="evidence"]')
    assert set(opened.evaluate(DRAWN)) == set(by_kind(sample, ["claim"]).claims())
    opened.page.click("#show-all")
    assert set(opened.evaluate(DRAWN)) == set(sample.claims())


def test_focus_shows_the_neighbourhood_with_back_and_forward(open_page, pages, sample):
    claim = "trust-reporting" if "trust-reporting" in sample else list(sample.claims())[5]
    opened = open_page(claim_url(pages["sample", "dot"], claim))
    opened.page.select_option("#focus-depth", "1")
    opened.page.click("#focus")
    view = focus(sample, claim, 1)  # the page's focus is argmap's own focus view
    near = set(view.claims())
    assert set(opened.evaluate(DRAWN)) == near and len(near) < len(sample)
    context = {c for c, role in view.graph.nodes(data=ROLE) if role == "context"}
    assert context and set(opened.evaluate("[...document.querySelectorAll('#map .context')]"
                                           ".map(e => e.dataset.claim)")) == context
    opened.page.click("#back")
    assert set(opened.evaluate(DRAWN)) == set(sample.claims())
    opened.page.click("#forward")
    assert set(opened.evaluate(DRAWN)) == near


def test_collapse_and_expand_a_subtree(open_page, pages, sample):
    opened = open_page(claim_url(pages["sample", "dot"], "honor"))
    roots, children = spanning_tree(sample)
    below, stack = set(), list(children["honor"])
    while stack:
        node = stack.pop()
        below.add(node)
        stack.extend(children[node])
    opened.page.click("#panel button.collapse")
    assert set(opened.evaluate(DRAWN)) == set(sample.claims()) - below
    assert opened.page.locator("#map .badge").text_content() == f"+{len(below)}"
    opened.page.click("#panel button.collapse")
    assert set(opened.evaluate(DRAWN)) == set(sample.claims())


@pytest.mark.parametrize("mode", MODES)
def test_hostile_map_runs_nothing_and_shows_every_text_verbatim(open_page, pages, mode):
    hostile = argmap.load(HOSTILE)
    opened = open_page(pages["hostile", mode])
    assert opened.evaluate("document.title") == " ".join(hostile.title.split())
    assert opened.page.text_content("#title") == hostile.title
    if mode == "dot":
        assert set(opened.evaluate(DRAWN)) == set(hostile.claims())
    for claim, data in hostile.graph.nodes(data=True):
        opened.evaluate("(hash) => { location.hash = hash; }", f"claim={quote(claim, safe='')}")
        opened.wait_for("(id) => document.querySelector('#map .selected')?.dataset.claim === id",
                        claim)
        panel = opened.page.locator("#panel")
        assert panel.locator(".claim-text").text_content() == data["text"]
        assert claim in panel.locator(".meta").text_content()
        assert panel.locator(".tag").all_text_contents() == data.get("tags", [])
        if "note" in data:
            assert panel.locator(".note").first.text_content() == data["note"]
        perspective = data.get("perspective")
        if perspective:
            assert hostile.perspectives[perspective] in panel.locator(".meta").text_content()
        shown = panel.text_content()
        for source in data.get("sources", []):
            for value in hostile.sources[source].values():
                assert value in shown
        for href in opened.evaluate(LINKS):
            assert href.startswith("https://")
    opened.page.mouse.move(300, 300)
    opened.page.mouse.move(700, 420)  # hover over what would be onmouseover handlers
    assert opened.evaluate("typeof window.__pwned") == "undefined"
    assert opened.dialogs == [] and opened.errors == []
    assert all(url.startswith(("file:", "data:")) for url in opened.requests)


def test_without_graphviz_the_page_draws_the_map_itself(monkeypatch, tmp_path, sample):
    monkeypatch.setenv("ARGMAP_GRAPHVIZ_DIR", str(tmp_path))  # a folder without Graphviz
    page = argmap.dumps(sample, "html")
    assert '"mode":"layered"' in page and "<g id=\"graph0\"" not in page


@pytest.mark.parametrize("mode", MODES)
def test_semantics_and_views_reach_the_page(open_page, tmp_path, sample, mode):
    from argmap.evaluate import annotate
    evaluated = sample.copy()
    annotate(evaluated, "grounded")
    path = tmp_path / "view.html"
    export(SAMPLE, path, layout=mode, semantics="grounded",
           view={"focus_on": "releases-1700", "depth": 1})
    opened = open_page(claim_url(path.as_uri(), "releases-1700"))
    near = set(focus(sample, "releases-1700", 1).claims())
    assert set(opened.evaluate("JSON.parse(document.getElementById('argmap-data')"
                               ".textContent).claims.map(c => c.id)")) == near
    status = {"in": "IN: stands", "out": "OUT: defeated", "undec": "UNDECIDED"}
    for claim in near:
        opened.evaluate("(hash) => { location.hash = hash; }", f"claim={claim}")
        opened.wait_for("(id) => document.querySelector('#map .selected')?.dataset.claim === id",
                        claim)
        label = evaluated.claim(claim)["label"]
        assert opened.page.text_content("#panel .status") == status[label]


def test_wheel_keys_and_fit_zoom_and_pan(open_page, pages):
    opened = open_page(pages["sample", "dot"])
    scale = "document.getElementById('viewport').transform.baseVal.consolidate().matrix.a"
    start = opened.evaluate(scale)
    opened.page.mouse.move(640, 400)
    opened.page.mouse.wheel(0, -300)
    assert opened.evaluate(scale) > start * 1.5
    opened.page.keyboard.press("-")
    opened.page.keyboard.press("-")
    smaller = opened.evaluate(scale)
    opened.page.keyboard.press("0")  # fit: the whole drawing inside the stage
    fitted = opened.evaluate("""(() => {
      const m = document.getElementById('viewport').getBoundingClientRect();
      const s = document.getElementById('stage').getBoundingClientRect();
      return m.left >= s.left - 1 && m.right <= s.right + 1 && m.top >= s.top - 1
             && m.bottom <= s.bottom + 1;
    })()""")
    assert fitted and opened.evaluate(scale) < smaller
    x = "document.getElementById('viewport').transform.baseVal.consolidate().matrix.e"
    before = opened.evaluate(x)
    opened.page.mouse.move(600, 400)
    opened.page.mouse.down()
    opened.page.mouse.move(700, 420, steps=5)
    opened.page.mouse.up()
    assert opened.evaluate(x) == pytest.approx(before + 100, abs=1)
    assert opened.errors == []


def test_claims_are_reachable_from_the_keyboard(open_page, pages, sample):
    opened = open_page(pages["sample", "dot"])
    opened.page.focus('#map [data-claim="releases-1700"]')
    dx, dy = opened.evaluate(OFFSET_FROM_CENTRE, "releases-1700")  # brought into view
    assert abs(dx) < 700 and abs(dy) < 400
    opened.page.keyboard.press("Enter")
    assert opened.page.text_content("#panel .claim-text") == sample.claim("releases-1700")["text"]
    opened.page.keyboard.press("Escape")
    assert opened.evaluate("document.getElementById('panel').hidden")


@settings(max_examples=12, deadline=None)
@given(amap=argmaps(max_claims=6), mode=st.sampled_from(MODES), pick=st.integers(0, 5))
def test_random_hostile_maps_arrive_verbatim_and_run_nothing(browser, tmp_path_factory, amap,
                                                            mode, pick):
    path = tmp_path_factory.mktemp("random") / "map.html"
    path.write_text(argmap.dumps(amap, "html", layout=mode), "utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        trouble = []
        page.on("dialog", lambda dialog: (trouble.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: trouble.append(str(error)))
        claims = list(amap.claims())
        claim = claims[pick % len(claims)]
        page.goto(claim_url(path.as_uri(), claim))
        while not page.evaluate("document.documentElement.dataset.ready"):
            pass
        data = page.evaluate("JSON.parse(document.getElementById('argmap-data').textContent)")
        assert [c["text"] for c in data["claims"]] == [amap.claim(c)["text"] for c in claims]
        assert page.text_content("#title") == (amap.title or "Argument map")
        assert page.text_content("#panel .claim-text") == amap.claim(claim)["text"]
        assert set(page.evaluate(DRAWN)) <= set(claims)
        assert trouble == []
    finally:
        context.close()


def test_pinch_zooms_on_a_touch_screen(browser, pages):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True)
    try:
        page = context.new_page()
        page.goto(pages["sample", "dot"])
        while not page.evaluate("document.documentElement.dataset.ready"):
            pass
        scale = "document.getElementById('viewport').transform.baseVal.consolidate().matrix.a"
        before = page.evaluate(scale)
        touches = context.new_cdp_session(page)

        def touch(kind, points):
            touches.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [
                {"x": x, "y": y, "id": number} for number, (x, y) in enumerate(points)]})
        touch("touchStart", [(600, 400), (700, 400)])
        for step in range(1, 6):  # fingers 100 px apart move to 300 px apart
            touch("touchMove", [(600 - 20 * step, 400), (700 + 20 * step, 400)])
        touch("touchEnd", [])
        assert page.evaluate(scale) == pytest.approx(before * 3, rel=0.01)
    finally:
        context.close()


def test_a_big_map_opens_folded_around_the_thesis_and_search_unfolds(open_page, tmp_path):
    from tests.drawing.test_layout import synthetic_map
    source = tmp_path / "big.yaml"
    source.write_text(argmap.dumps(synthetic_map(2100), "yaml"), "utf-8")
    amap = argmap.load(source)
    export(source, tmp_path / "big.html")
    opened = open_page((tmp_path / "big.html").as_uri())
    drawn = opened.evaluate(DRAWN)
    assert 0 < len(drawn) < 100 and opened.evaluate("document.querySelectorAll('.badge').length")
    roots, children = spanning_tree(amap)
    depth, queue = {roots[0]: 0}, [roots[0]]
    for node in queue:
        for child in children[node]:
            depth[child] = depth[node] + 1
            queue.append(child)
    deep = next(node for node in queue if depth[node] >= 4)
    assert deep not in drawn
    opened.page.fill("#search", amap.claim(deep)["text"])
    opened.page.press("#search", "Enter")
    assert opened.wait_for("document.querySelector('#map .current')?.dataset.claim") == deep
    assert opened.errors == []
