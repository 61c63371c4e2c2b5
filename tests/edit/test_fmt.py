"""fmt: the canonical writer's layout, comments carried to the key they head, idempotent."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.edit.document import Document
from argmap.edit.fmt import find_comments, format_text
from argmap.formats.native import read, write
from argmap.formats.native._syntax import MODELINE

from ..conftest import DATA, ROOT
from ..strategies import argmaps, graph_signature

COMMENTED = [DATA / "edit" / "before.yaml", ROOT / "arguments" / "illinois-detainers.yaml"]


def _comments(text: str) -> list[str]:
    found = find_comments(Document(text))
    leading = [c for blocks in found.leading.values() for _, block in blocks for c in block]
    return sorted(leading + [c for cs in found.trailing.values() for c in cs])


@settings(max_examples=60, deadline=None)
@given(argmaps())
def test_comment_free_file_formats_to_the_canonical_writer(amap):
    text = write(amap, modeline=False)
    assert format_text(text) == write(read(text))
    assert format_text(write(amap)) == write(amap)


@settings(max_examples=60, deadline=None)
@given(argmaps(), st.data())
def test_comments_anywhere_survive_and_fmt_is_idempotent(amap, data):
    lines = write(amap).split("\n")
    for number in sorted(data.draw(st.lists(st.integers(1, len(lines) - 1), max_size=5)),
                         reverse=True):
        indent = len(lines[number]) - len(lines[number].lstrip(" "))
        lines.insert(number, " " * indent + f"# remark {number}: keep me")
    text = "\n".join(lines)
    formatted = format_text(text)
    assert _comments(formatted) == _comments(text)
    assert graph_signature(read(formatted)) == graph_signature(read(text))
    assert format_text(formatted) == formatted


@pytest.mark.parametrize("path", COMMENTED, ids=lambda p: p.name)
def test_commented_files(path):
    text = path.read_text()
    formatted = format_text(text)
    assert formatted.startswith(MODELINE + "\n")
    assert _comments(formatted) == _comments(text)
    assert graph_signature(read(formatted)) == graph_signature(read(text))
    assert format_text(formatted) == formatted


def test_comment_heading_a_claim_moves_with_it():
    text = (DATA / "edit" / "before.yaml").read_text()
    lines = format_text(text).splitlines()
    heading = lines.index("  # Shop owners were loud about this.")
    assert lines[heading + 1] == "  parking-loss:"
    assert "    sources: [survey, study]  # both agree" in lines


def test_keeps_crlf_and_bom():
    text = "\ufeff" + (DATA / "edit" / "before.yaml").read_text().replace("\n", "\r\n")
    formatted = format_text(text)
    assert formatted.startswith("\ufeff" + MODELINE + "\r\n")
    assert formatted.count("\r\n") == formatted.count("\n")
