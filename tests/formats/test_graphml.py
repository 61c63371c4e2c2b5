"""GraphML: lossless round trips (hostile text included), other tools' files, errors."""

from __future__ import annotations

import warnings

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import ParseError
from argmap.formats import load
from argmap.formats.graphml import read, write
from argmap.formats.nodelink import to_data
from argmap.model import ArgMap
from tests.conftest import DATA
from tests.formats.badinput import refusal
from tests.strategies import argmaps, graph_signature

HERE = DATA / "graphml"
# Every code point, C0 controls, U+FFFE and lone surrogates included.
ANY_TEXT = st.text(st.characters(blacklist_categories=()), min_size=1, max_size=30)


@settings(max_examples=150, deadline=None)
@given(argmaps())
def test_round_trip_keeps_everything(amap):
    again = read(write(amap), "map.graphml")
    assert to_data(again) == to_data(amap)
    assert graph_signature(again) == graph_signature(amap)


@settings(max_examples=150, deadline=None)
@given(ANY_TEXT, ANY_TEXT, st.lists(ANY_TEXT, max_size=3), ANY_TEXT)
def test_text_xml_cannot_hold_survives(text, note, tags, title):
    amap = ArgMap(title=title)
    amap.sources["s"] = {"title": title}
    amap.add_claim("t", text, kind="thesis", tags=tags, note=note, sources=["s"])
    amap.add_claim("c", note)
    amap.add_relation("c", "t", "rebut", note=text)
    assert to_data(read(write(amap), "map.graphml")) == to_data(amap)


def test_output_is_plain_graphml_for_other_tools():
    amap = load(DATA.parent.parent / "arguments" / "illinois-detainers.yaml")
    graph = nx.parse_graphml(write(amap).encode("utf-8"))
    assert [graph.nodes[n]["text"] for n in graph] == [d["text"] for _, d in
                                                        amap.graph.nodes(data=True)]
    tags = next(d["tags.json"] for _, d in graph.nodes(data=True) if "tags.json" in d)
    assert tags.startswith("[")
    assert graph.number_of_edges() == amap.graph.number_of_edges()


def test_reads_another_tools_file_with_labels():
    amap = load(HERE / "gephi-labels.graphml")
    assert amap.claim("n1")["text"] == "Cars pollute & kill"
    assert amap.theses() == ["n0"]
    assert sorted((r.source, r.relation) for r in amap.relations()) == [
        ("n1", "support"), ("n2", "rebut")]


def test_untyped_keys_and_ports_read_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        amap = load(HERE / "untyped-keys.graphml")
    assert amap.claim("crashes")["text"] == "Crashes fell 40% where lanes were built."
    assert [(r.source, r.relation, r.target) for r in amap.relations()] == [
        ("crashes", "support", "lane")]


def test_cli_says_nothing_about_a_valid_graphml_file(cli):
    done = cli.process("check", HERE / "untyped-keys.graphml", python_options=("-W", "default"))
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr and "warn" not in done.stderr.lower()


@pytest.mark.parametrize("name, message, line, column", [
    ("broken.graphml", "invalid XML: mismatched tag", 6, 5),
    ("bad-json-attribute.graphml", "node 'a': attribute 'tags.json' is not valid JSON",
     None, None),
    ("weight-as-text.graphml", "node['a'].weight must be a number, not a string", None, None),
])
def test_bad_input_gives_one_located_error(name, message, line, column):
    error = refusal(read, HERE / name, line, column)
    assert isinstance(error, ParseError) and error.message == message
