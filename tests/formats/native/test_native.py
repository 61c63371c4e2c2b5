"""The native YAML format: the issue's example, located errors, and round trips."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import ParseError, ValidationError
from argmap.formats import native
from argmap.formats.native import _fastyaml
from argmap.pipeline import check_file
from tests.conftest import DATA
from tests.strategies import argmaps, claim_texts, graph_signature

BROKEN = sorted((DATA / "native" / "broken").glob("*.yaml"))


def test_issue_example_loads_exactly_as_written():
    path = DATA / "native" / "issue-example.yaml"
    amap = argmap.load(path)
    assert amap.title == "Should Illinois honor federal immigration detainers?"
    assert amap.perspectives == {"safety": "Public safety", "trust": "Community trust",
                                 "legal": "Legal discretion"}
    assert amap.sources == {"dhs-2025": {"title": "DHS statement on Illinois detainer releases",
                                         "date": "2025-11"}}
    releases = amap.claim("releases")
    assert releases["kind"] == "evidence" and releases["sources"] == ["dhs-2025"]
    assert (releases["line"], releases["column"]) == (18, 3)
    assert [(r.source, r.target, r.relation, r.line, r.column) for r in amap.relations()] == [
        ("releases", "honor", "support", 24, 16), ("reporting", "honor", "rebut", 30, 14)]
    assert {n: d["side"] for n, d in amap.graph.nodes(data=True)} == {
        "honor": "pro", "releases": "pro", "reporting": "con"}
    # A no-op load and canonical write gives back the very same bytes.
    text = path.read_text(encoding="utf-8")
    assert native.write(amap, modeline=text.split("\n", 1)[0]) == text


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_file_reports_its_first_error_with_location(path):
    first = path.read_bytes().split(b"\n", 1)[0].decode()
    expected = re.fullmatch(r"# expect: (?:(\d+):(\d+): )?(.*)", first)
    assert expected, f"{path.name} must start with '# expect: [LINE:COL: ]message'"
    line, column, message = expected.groups()
    errors = [d for d in check_file(path) if d.severity == "error"]
    assert errors, f"{path.name} should not check clean"
    assert message in errors[0].message
    if line:
        assert (errors[0].location.line, errors[0].location.column) == (int(line), int(column))
    assert errors[0].location.file == str(path)
    with pytest.raises((ParseError, ValidationError)):
        argmap.load(path)


def test_every_problem_in_a_file_is_reported_not_just_the_first():
    path = DATA / "native" / "every-problem.yaml"
    with pytest.raises(ValidationError) as caught:
        native.read(path.read_text(encoding="utf-8"), str(path))
    messages = [d.message for d in caught.value.diagnostics]
    assert any("'wieght'" in m and "'weight'" in m for m in messages)
    assert any("kind of claim 'b'" in m for m in messages)


def test_relation_forms_mapping_with_notes_single_id_and_undercut_string():
    amap = native.read((DATA / "native" / "relation-forms.yaml").read_text(encoding="utf-8"))
    relations = {(r.source, r.target, r.relation): r for r in amap.relations()}
    assert relations["a", "t", "support"].note == "because"
    assert ("b", "t", "rebut") in relations
    assert relations["c", "t", "undercut"].undercuts == "a"
    amap.derive_sides()
    assert amap.claim("c")["side"] == "con"


@settings(deadline=None)
@given(argmaps())
def test_write_then_read_gives_the_same_graph_and_the_same_text(amap):
    text = native.write(amap)
    again = native.read(text)
    assert graph_signature(again) == graph_signature(amap)
    assert again.perspectives == amap.perspectives
    assert again.sources == amap.sources
    assert native.write(again) == text


@settings(deadline=None)
@given(st.text())
def test_any_string_is_written_as_a_scalar_yaml_reads_back_verbatim(value):
    assert yaml.safe_load(f"key: {native.scalar(value)}\n") == {"key": value}
    assert yaml.safe_load(f"[{native.scalar(value, flow=True)}, x]") == [value, "x"]
    assert yaml.safe_load(f"{{k: {native.scalar(value, flow=True)}, x: y}}") == {
        "k": value, "x": "y"}


_QUOTE_FIELDS = st.fixed_dictionaries(
    {"exact": claim_texts()}, optional={"prefix": claim_texts(), "suffix": claim_texts()})


@settings(max_examples=100, deadline=None)
@given(st.lists(_QUOTE_FIELDS, min_size=1, max_size=3), st.booleans())
def test_quotes_and_lint_settings_are_written_and_read_back(quotes, named):
    amap = argmap.ArgMap()
    amap.sources.update({"s": {"title": "S", "file": "../docs/s.txt"}})
    amap.graph.graph["lint"] = {"duplicate-text": "off"}
    quotes = [{**quote, "source": "s"} if named else quote for quote in quotes]
    amap.add_claim("t", "T", kind="thesis", sources=["s"], quotes=quotes)
    text = native.write(amap)
    again = native.read(text)
    assert [{k: v for k, v in q.items() if k not in ("line", "column")}
            for q in again.claim("t")["quotes"]] == quotes
    assert again.sources == amap.sources and again.lint == amap.lint
    assert native.write(again) == text


def test_quote_forms_text_mapping_and_list():
    path = DATA / "native" / "quote-forms.yaml"
    amap = native.read(path.read_text(encoding="utf-8"), str(path))
    assert amap.claim("t")["quotes"] == [{"exact": "one passage", "line": 7, "column": 12}]
    assert amap.claim("a")["quotes"] == [
        {"exact": "two", "prefix": "before", "source": "r", "line": 11, "column": 12}]


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.from_regex(r"[a-z][a-z-]{0,9}", fullmatch=True), st.fixed_dictionaries(
    {}, optional={"border": st.sampled_from(["solid", "dashed", "dotted", "bold"]),
                  "color": st.sampled_from(["#7b3294", "#000000"]), "note": claim_texts()}),
    max_size=3))
def test_tag_styles_are_written_and_read_back(styles):
    amap = argmap.ArgMap()
    amap.graph.graph["tag_styles"] = styles
    amap.add_claim("t", "T", kind="thesis", tags=list(styles))
    text = native.write(amap)
    again = native.read(text)
    assert again.tag_styles == styles
    assert native.write(again) == text
    fast = _fastyaml.read(text, None)  # the fast path reads them the same, or declines
    assert fast.tag_styles == styles if all(styles.values()) else fast is None

