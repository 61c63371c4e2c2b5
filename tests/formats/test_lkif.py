"""Carneades LKIF XML: Carneades 4's eleven LKIF examples load with the structure Carneades'
own LKIF import gives them, counted straight from the XML; errors are one line."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from argmap.errors import ParseError
from argmap.formats import load
from argmap.formats.lkif import read
from tests.conftest import DATA

HERE = DATA / "carneades-lkif"
EXAMPLES = sorted(HERE.glob("*.xml"))


def independent_counts(xml: str) -> dict:
    """Claims and relations Carneades 4's LKIF import implies, from the XML by regular
    expressions: statements, plus a complement for each statement some con argument,
    negative premise or false value asks for, plus ``¬app(a)`` for each argument with
    exceptions; arguments plus one per exception; each complement pair rebuts both ways."""
    statements = re.findall(r'<statement id="([^"]+)"[^>]*value="([^"]+)"', xml)
    negated = {sid for sid, value in statements if value == "false"}
    arguments = re.findall(r'<argument id="([^"]+)"[^>]*direction="(pro|con)"[^>]*>(.*?)'
                           r'</argument>', xml, re.S)
    support = undercut = exceptions = 0
    for _, direction, body in arguments:
        conclusion = re.search(r'<conclusion statement="([^"]+)"', body).group(1)
        if direction == "con":
            negated.add(conclusion)
        premises = re.findall(r'<premise polarity="(\w+)" type="(\w+)"[^>]*statement="([^"]+)"',
                              body)
        negated |= {sid for polarity, _, sid in premises if polarity == "negative"}
        kinds = Counter(kind for _, kind, _ in premises)
        support += 1 + kinds["ordinary"] + kinds["assumption"] + 2 * kinds["exception"]
        exceptions += kinds["exception"]
        undercut += kinds["exception"] > 0
    return {"claims": len(statements) + len(negated) + undercut + len(arguments) + exceptions,
            "relations": {"support": support, "undercut": undercut,
                          "rebut": 2 * len(negated)}}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_load_with_the_structure_of_their_xml(path):
    xml = path.read_text(encoding="utf-8")
    amap = load(path)
    expected = independent_counts(xml)
    assert len(amap) == expected["claims"]
    relations = Counter(r.relation for r in amap.relations())
    assert {k: relations[k] for k in ("support", "undercut", "rebut")} == expected["relations"]


def test_tweety_exception_becomes_an_undercutter():
    amap = load(HERE / "Tweety.xml")
    relations = {(r.source, r.target, r.relation, r.undercuts) for r in amap.relations()}
    # a1: bird, birds fly => can fly, except (3rd premise) abnormal; a1.2: abnormal =>
    # ¬app(a1), which undercuts a1
    assert ("not-app-a1", "s11560", "undercut", "a1") in relations
    assert amap.claim("a1-2")["meta"]["carneades_id"] == "a1.2"
    assert {("s11557", "a1-2", "support", None), ("a1-2", "not-app-a1", "support", None),
            ("s11559", "a1", "support", None), ("a1", "s11560", "support", None)} <= relations
    assert amap.claim("not-app-a1")["meta"]["carneades_id"] == "¬app(a1)"
    assumed = {n for n, meta in amap.graph.nodes(data="meta") if (meta or {}).get("assumed")}
    assert assumed == {"s11559", "s11558"}  # value="true"
    assert amap.claim("s11560")["text"] == "Tweety can fly."


def test_con_arguments_argue_for_the_complement():
    amap = load(HERE / "NixonTriangle.xml")
    cons = [n for n, meta in amap.graph.nodes(data="meta")
            if (meta or {}).get("direction") == "con"]
    assert len(cons) == 1
    (conclusion,) = [t for _, t in amap.graph.out_edges(cons[0])]
    negation = amap.claim(conclusion)
    assert negation["meta"]["carneades_id"].startswith("¬") and negation["text"][0] == "¬"
    issue = negation["meta"]["issue"]
    assert amap.graph.graph["carneades"]["issues"][issue]["positions"][1] == conclusion


@pytest.mark.parametrize("xml, message", [
    ("<lkif/>", "0 argument graphs"),
    ("<lkif><argument-graphs><argument-graph><arguments><argument id='a'><conclusion "
     "statement='x'/></argument></arguments></argument-graph></argument-graphs></lkif>",
     "no statement"),
    ("<lkif><argument-graphs><argument-graph><statements><statement id='s'><s>x</s>"
     "</statement></statements><arguments><argument id='a'/></arguments></argument-graph>"
     "</argument-graphs></lkif>", "has no conclusion")])
def test_bad_lkif_is_refused_in_one_line(xml, message):
    with pytest.raises(ParseError, match=message):
        read(xml, "bad.xml")
