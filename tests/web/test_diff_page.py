"""``argmap diff -o diff.html``: the page shows the change (ghosts, marks, a change filter)
in a real browser, in both drawing modes, and hostile text runs nothing."""

from __future__ import annotations

import pytest

import argmap
from argmap.changes.drawing import reviewed, write_drawing
from tests.changes.test_drawing import hostile_change, sample_change
from tests.conftest import DATA

REPORT = DATA / "changes" / "report"
MODES = ("dot", "layered")
CLAIM = "(id) => [...document.querySelectorAll('#map [data-claim]')].find(e => e.dataset.claim === id)"


@pytest.fixture(scope="module")
def diff_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("diff-pages")
    old, new = argmap.load(REPORT / "old.yaml"), argmap.load(REPORT / "new.yaml")
    hostile_old, hostile_new = hostile_change()
    pages = {}
    for mode in MODES:
        pages["report", mode] = folder / f"report-{mode}.html"
        write_drawing(old, new, pages["report", mode], layout=mode)
        pages["hostile", mode] = folder / f"hostile-{mode}.html"
        write_drawing(hostile_old, hostile_new, pages["hostile", mode], layout=mode)
    return {key: path.as_uri() for key, path in pages.items()}


@pytest.mark.parametrize("mode", MODES)
def test_the_page_draws_the_ghost_and_the_marks(open_page, diff_pages, mode):
    opened = open_page(diff_pages["report", mode])
    drawn = opened.evaluate("[...document.querySelectorAll('#map [data-claim]')]"
                            ".map(e => e.dataset.claim)")
    assert set(drawn) == {"lane", "safer-street", "parking-loss", "spaces-unused", "vans",
                          "crash-data"}
    ghost = opened.evaluate(f"({CLAIM})('crash-data').textContent")
    assert "\u2715 removed" in ghost and "The study counted 14 crashes" in ghost
    assert "+ added" in opened.evaluate(f"({CLAIM})('vans').textContent")
    opened.evaluate("(hash) => { location.hash = hash; }", "claim=safer-street")
    opened.wait_for("document.querySelector('#panel .status')")
    assert opened.page.text_content("#panel .status").startswith(
        "renamed: from fewer-crashes; tags")
    assert opened.errors == [] and opened.dialogs == []


def test_the_change_filter_hides_the_ghosts(open_page, diff_pages):
    opened = open_page(diff_pages["report", "layered"])
    opened.page.click("#filters summary")
    opened.page.uncheck('fieldset[data-facet="change"] input[value="removed"]')
    opened.wait_for(f"!({CLAIM})('crash-data')")
    assert opened.evaluate(f"!!({CLAIM})('vans')")


@pytest.mark.parametrize("mode", MODES)
def test_a_hostile_diff_page_runs_nothing(open_page, diff_pages, mode):
    opened = open_page(diff_pages["hostile", mode])
    text = opened.evaluate("document.getElementById('map').textContent")
    assert "<script>window.__pwned = 2</script>" in text or mode == "layered"
    opened.page.mouse.move(300, 300)
    opened.page.mouse.move(700, 420)
    assert opened.evaluate("typeof window.__pwned") == "undefined"
    assert opened.evaluate("document.scripts.length") == 2
    assert opened.dialogs == [] and opened.errors == []
    assert all(url.startswith(("file:", "data:")) for url in opened.requests)


@pytest.mark.parametrize("full", [False, True])
def test_the_page_holds_the_changes_in_context_unless_full(open_page, tmp_path, full):
    old, new, drawn = sample_change(tmp_path)
    page = tmp_path / "diff.html"
    write_drawing(old, new, page, full=full)
    opened = open_page(page.as_uri())
    claims = set(opened.evaluate("[...document.querySelectorAll('#map [data-claim]')]"
                                 ".map(e => e.dataset.claim)"))
    assert claims == set((drawn if full else reviewed(drawn)).graph)
    assert len(claims) == (78 if full else 11)
    assert opened.errors == []
