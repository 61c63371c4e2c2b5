"""The splicing engine: a no-op edit is byte-identical, line endings and BOM are kept, and
edits of random maps (hostile text, notes, undercuts) read back as the intended graph."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.edit import operations
from argmap.edit.document import Document, flow_scalar
from argmap.edit.operations import ArgumentFile
from argmap.edit.session import edit_file
from argmap.errors import EditError, ParseError
from argmap.formats.native import read, write

from ..conftest import DATA, SAMPLE
from ..strategies import HOSTILE, argmaps, claim_texts, graph_signature

FILES = [DATA / "edit" / "before.yaml", SAMPLE]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("variant", ["lf", "crlf", "bom", "mixed"])
def test_no_op_is_byte_identical(tmp_path, path, variant):
    text = path.read_text()
    text = {"lf": text, "crlf": text.replace("\n", "\r\n"), "bom": "\ufeff" + text,
            "mixed": text.replace("\n", "\r\n", 3)}[variant]
    doc = Document(text)
    assert doc.render(doc.edited()) == text
    copy = tmp_path / "map.yaml"
    copy.write_bytes(text.encode())
    stamp = copy.stat().st_mtime_ns
    result = edit_file(copy, lambda doc: None)
    assert not result.changed and copy.read_bytes() == text.encode()
    assert copy.stat().st_mtime_ns == stamp  # nothing was written at all


def test_crlf_and_bom_are_detected():
    doc = Document("\ufeffclaims:\r\n  a:\r\n    text: x\r\n")
    assert doc.bom and doc.newline == "\r\n" and "\r" not in doc.text
    assert doc.render("a\nb\n") == "\ufeffa\r\nb\r\n"


@pytest.mark.parametrize("text", ["claims: [", "- a\n", "just text\n"])
def test_not_an_argument_file_is_a_located_error(text):
    with pytest.raises(ParseError) as error:
        Document(text, "x.yaml")
    assert error.value.location.file == "x.yaml" and error.value.location.line in (1, 2)


def test_no_claims_is_an_edit_error():
    with pytest.raises(EditError, match="no 'claims:'"):
        ArgumentFile("argmap: 1\n")


@given(st.one_of(claim_texts(), st.sampled_from(HOSTILE + ["0?", "a?b", "a:b", "-a", "?"])))
def test_flow_scalar_reads_back_inside_flow_collections(value):
    import yaml
    assert yaml.safe_load(f"[{flow_scalar(value)}, x]") == [value, "x"]
    assert yaml.safe_load(f"{{k: {flow_scalar(value)}}}") == {"k": value}


def _edit(text: str, change) -> str:
    doc = ArgumentFile(text)
    change(doc)
    return doc.edited()


@settings(max_examples=60, deadline=None)
@given(argmaps(), st.data())
def test_rename_random_maps(amap, data):
    text = write(amap)
    old = data.draw(st.sampled_from(sorted(amap.graph)))
    new = data.draw(st.from_regex(r"[a-z][a-z0-9_-]{0,11}", fullmatch=True).filter(
        lambda s: s not in amap.graph))
    renamed = read(_edit(text, lambda doc: operations.rename(doc, old, new)))
    claims, relations = graph_signature(read(text))
    swap = {old: new}
    assert graph_signature(renamed) == (
        {swap.get(c, c): v for c, v in claims.items()},
        sorted((swap.get(s, s), swap.get(t, t), r, swap.get(u, u)) for s, t, r, u in relations))


@settings(max_examples=60, deadline=None)
@given(argmaps(), st.data())
def test_set_text_and_remove_on_random_maps(amap, data):
    text = write(amap)
    cid = data.draw(st.sampled_from(sorted(amap.graph)))
    value = data.draw(claim_texts())
    edited = read(_edit(text, lambda doc: operations.set_field(doc, cid, "text", value)))
    assert edited.claim(cid)["text"] == value
    assert graph_signature(edited)[1] == graph_signature(amap)[1]
    others = sorted(set(amap.graph) - set(amap.theses()))
    if others:
        gone = data.draw(st.sampled_from(others))
        left = read(_edit(text, lambda doc: operations.remove(doc, gone, cascade=True)))
        assert set(left.graph) == set(amap.graph) - {gone}
        assert all(gone not in (r.source, r.target, r.undercuts) for r in left.relations())
        kept = [r for r in amap.relations() if gone not in (r.source, r.target, r.undercuts)]
        assert len(list(left.relations())) == len(kept)


FLOW_CLAIMS = "claims: {t: {text: T, kind: thesis}, a: {text: A, supports: [t]}}\n"


def test_flow_claims_mapping_stays_flow():
    added = _edit(FLOW_CLAIMS, lambda doc: operations.add_claim(doc, "b", "B, c", rebuts=["a"]))
    assert added == ("claims: {t: {text: T, kind: thesis}, a: {text: A, supports: [t]}, "
                     "b: {text: 'B, c', rebuts: [a]}}\n")
    renamed = _edit(added, lambda doc: operations.rename(doc, "a", "z"))
    assert renamed == ("claims: {t: {text: T, kind: thesis}, z: {text: A, supports: [t]}, "
                       "b: {text: 'B, c', rebuts: [z]}}\n")
    removed = _edit(renamed, lambda doc: operations.remove(doc, "z", cascade=True))
    assert removed == "claims: {t: {text: T, kind: thesis}, b: {text: 'B, c'}}\n"


def test_removing_the_only_claim_leaves_an_empty_mapping():
    text = "argmap: 1\nclaims:\n  t:\n    text: T\n    kind: thesis\n# the end\n"
    assert _edit(text, lambda doc: operations.remove(doc, "t")) == \
        "argmap: 1\nclaims: {}\n# the end\n"
    empty = _edit(text, lambda doc: operations.remove(doc, "t"))
    assert _edit(empty, lambda doc: operations.add_claim(doc, "u", "U", kind="thesis")) == \
        "argmap: 1\nclaims:\n  u:\n    text: U\n    kind: thesis\n# the end\n"


def test_new_text_follows_the_file_indentation():
    text = "claims:\n    t:\n        text: T\n        kind: thesis\n"
    added = _edit(text, lambda doc: operations.link(doc, "t", "undercut", "a->b"))
    assert added.endswith("        kind: thesis\n        undercuts:\n"
                          "            - {from: a, to: b}\n")
    added = _edit(text, lambda doc: operations.add_claim(doc, "a", "A", supports=["t"]))
    assert added.endswith("\n    a:\n        text: A\n        supports: [t]\n")


def test_a_single_undercut_written_without_a_list():
    text = ("claims:\n  t: {text: T, kind: thesis}\n  a: {text: A, supports: [t]}\n"
            "  u:\n    text: U\n    undercuts: {from: a, to: t}\n")
    renamed = _edit(text, lambda doc: operations.rename(doc, "a", "b"))
    assert renamed.endswith("    undercuts: {from: b, to: t}\n")
    assert _edit(text, lambda doc: operations.unlink(doc, "u", "a->t")).endswith(
        "    text: U\n")
    linked = read(_edit(text, lambda doc: operations.link(doc, "u", "undercut", "t->a")))
    assert sorted((r.undercuts, r.target) for r in linked.relations()
                  if r.relation == "undercut") == [("a", "t"), ("t", "a")]
