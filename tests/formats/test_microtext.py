"""Argumentative microtexts (arggraph XML): the real corpus files in ../shared load, with
claims and relations matching counts made straight from their XML."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from argmap.errors import ArgmapError
from argmap.formats import load
from argmap.formats.microtext import read
from tests.conftest import shared_files

TEXTS = shared_files("microtexts", "micro_*.xml")
EDGE = re.compile(r'<edge id="([^"]+)" src="([^"]+)" trg="([^"]+)" type="([^"]+)"/>')
KIND = {"sup": "support", "exa": "support", "reb": "rebut", "und": "undercut"}


def independent_counts(xml: str) -> dict:
    """ADUs by role and relations by kind, from the XML text with a regular expression:
    an ``add`` edge counts as one more relation of the kind of the edge it points at."""
    edges = {eid: (src, trg, kind) for eid, src, trg, kind in EDGE.findall(xml)}
    relations = Counter()
    for _, trg, kind in edges.values():
        if kind == "add":
            kind = edges[trg][2]
        if kind != "seg":
            relations[KIND[kind]] += 1
    return {"roles": Counter(re.findall(r'<adu id="[^"]+" type="(pro|opp)"/>', xml)),
            "relations": relations}


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_microtexts_load_with_the_counts_of_their_xml(path):
    xml = path.read_text(encoding="utf-8")
    amap = load(path)
    expected = independent_counts(xml)
    assert Counter(perspective for _, perspective in amap.graph.nodes(data="perspective")) \
        == expected["roles"]
    assert Counter(r.relation for r in amap.relations()) == expected["relations"]
    plain = " ".join(path.with_suffix(".txt").read_text(encoding="utf-8").split())
    assert amap.graph.graph["description"].split() == plain.split()
    for cid in amap.claims():
        assert amap.claim(cid)["text"] in plain


def test_micro_b001_undercut_with_an_extra_premise(shared):
    amap = load(shared / "fixtures" / "microtexts" / "micro_b001.xml")
    relations = {(r.source, r.target, r.relation, r.undercuts) for r in amap.relations()}
    # c3 (a3 und c1) with c4 (a4 add c3): both undercut a1's rebuttal of a5, in one group
    assert {("a3", "a5", "undercut", "a1"), ("a4", "a5", "undercut", "a1")} <= relations
    groups = {(s, t): g for s, t, g in amap.graph.edges(data="group")}
    assert groups[("a3", "a5")] == groups[("a4", "a5")] == "c3"
    assert amap.theses() == ["a5"]
    assert amap.claim("a3")["text"] == "But still Germany produces way too much rubbish"


def test_linked_premises_share_a_group(shared):
    amap = load(shared / "fixtures" / "microtexts" / "micro_d01.xml")
    groups = {(s, t): g for s, t, g in amap.graph.edges(data="group")}
    assert groups[("a2", "a1")] == groups[("a3", "a1")] == "c2"


@pytest.mark.parametrize("xml, message", [
    ("<arggraph><adu id='a1' type='pro'/><edge id='c1' src='a1' trg='a9' type='sup'/>"
     "</arggraph>", "which is no ADU"),
    ("<arggraph><adu id='a1' type='x'/></arggraph>", "not pro or opp"),
    ("<arggraph><adu id='a1' type='pro'/><edge id='c1' src='a1' trg='a1' type='und'/>"
     "</arggraph>", "must point at a support or rebuttal edge")])
def test_bad_microtexts_are_refused_in_one_line(xml, message):
    with pytest.raises(ArgmapError, match=message):
        read(xml, "bad.xml")
