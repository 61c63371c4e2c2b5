"""Edits count lines as YAML does, and an edit whose text does not read back as the
intended map is refused with the file untouched.

The files in ``data/edit/breaks`` hold a raw U+2028, U+2029, U+0085 or lone CR inside an
early quoted text: the editor once counted only ``\\n`` and so spliced every later edit one
line off (``rm c`` deleted one line of the wrong claim and reported success)."""

from __future__ import annotations

from functools import partial

import pytest

from argmap import edit
from argmap.edit import intent, operations
from argmap.edit.session import edit_file
from argmap.errors import EditError
from argmap.formats.native import read

from ..conftest import DATA

BREAK_FILES = sorted((DATA / "edit" / "breaks").glob("*.yaml"))


def _claims(path):
    amap = read(path.read_bytes().decode("utf-8"))
    return {cid: dict(data) for cid, data in amap.graph.nodes(data=True)}, \
        {(r.source, r.target, r.relation) for r in amap.relations()}


EDITS = {
    "rm": (lambda p: edit.remove(p, "c"),
           lambda claims, rels: "c" not in claims and ("c", "a", "support") not in rels
           and {"a", "b", "d"} <= set(claims)),
    "unset note": (lambda p: edit.unset_field(p, "c", "note"),
                   lambda claims, rels: "note" not in claims["c"]
                   and ("c", "a", "support") in rels),
    "set note": (lambda p: edit.set_field(p, "d", "note", "new"),
                 lambda claims, rels: claims["d"]["note"] == "new" and claims["d"]["text"] == "D"),
    "link": (lambda p: edit.link(p, "d", "support", "c"),
             lambda claims, rels: ("d", "c", "support") in rels and ("d", "b", "rebut") in rels),
    "unlink": (lambda p: edit.unlink(p, "c", "a"),
               lambda claims, rels: ("c", "a", "support") not in rels
               and claims["c"]["note"] == "hi"),
    "rename": (lambda p: edit.rename(p, "b", "bee"),
               lambda claims, rels: ("d", "bee", "rebut") in rels and "b" not in claims),
    "add": (lambda p: edit.add_claim(p, "e", "E", supports=["d"]),
            lambda claims, rels: claims["e"]["text"] == "E" and ("e", "d", "support") in rels),
}


@pytest.mark.parametrize("name", EDITS)
@pytest.mark.parametrize("source", BREAK_FILES, ids=lambda p: p.stem)
def test_edits_after_a_raw_line_break_land_on_the_right_lines(tmp_path, source, name):
    path = tmp_path / "map.yaml"
    path.write_bytes(source.read_bytes())
    apply, expected = EDITS[name]
    apply(path)
    claims, relations = _claims(path)
    assert expected(claims, relations)
    assert claims["a"]["text"] == read(source.read_bytes().decode()).claim("a")["text"]


def test_a_splice_that_misses_its_target_is_refused_and_nothing_is_written(tmp_path):
    """The splice deletes the line before the note (a miscount by one, the old bug): a
    valid map, but not the intended one."""
    path = tmp_path / "map.yaml"
    path.write_bytes((BREAK_FILES[0]).read_bytes())
    before = path.read_bytes()

    def off_by_one(doc: operations.ArgumentFile) -> None:
        claim = doc.require("c")
        line = claim.fields["note"][1].start_mark.line - 1
        doc.delete_lines(line, line)

    with pytest.raises(EditError, match="would not read back as the intended map"):
        edit_file(path, off_by_one, intent=partial(intent.unset_field, cid="c", name="note"))
    assert path.read_bytes() == before


def test_a_splice_that_changes_more_than_intended_is_refused(tmp_path):
    path = tmp_path / "map.yaml"
    path.write_bytes((DATA / "edit" / "before.yaml").read_bytes())
    before = path.read_bytes()

    def also_retitle(doc: operations.ArgumentFile) -> None:
        operations.set_field(doc, "lane", "note", "n")
        doc.replace(0, 0, "# a comment is fine\n")
        title = next(value for key, value in doc.root.value if key.value == "title")
        doc.replace_node(title, "Other")

    with pytest.raises(EditError, match="intended map"):
        edit_file(path, also_retitle, intent=partial(intent.set_field, cid="lane",
                                                     name="note", value="n"))
    assert path.read_bytes() == before
