"""fmt: the canonical writer's layout, comments carried to the key they head, idempotent."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.edit.document import Document
from argmap.edit.fmt import find_comments, format_text
from argmap.formats.native import read, write

from ..conftest import DATA, ROOT, SAMPLE
from ..strategies import argmaps, graph_signature, outside_folded_text

MODELINE = "# yaml-language-server: $schema=../schema/argmap.schema.json"
COMMENTED = [DATA / "edit" / "before.yaml", SAMPLE]


def _comments(text: str) -> list[str]:
    found = find_comments(Document(text))
    leading = [c for blocks in found.leading.values() for block in blocks for c in block.lines]
    return sorted(leading + [c for cs in found.trailing.values() for c in cs])


@settings(max_examples=60, deadline=None)
@given(argmaps())
def test_comment_free_file_formats_to_the_canonical_writer(amap):
    text = write(amap)
    assert format_text(text) == write(read(text))
    assert format_text(write(amap)) == write(amap)


@settings(max_examples=60, deadline=None)
@given(argmaps(), st.data())
def test_comments_anywhere_survive_and_fmt_is_idempotent(amap, data):
    lines = write(amap).split("\n")
    places = [n for n in outside_folded_text(lines) if 1 <= n < len(lines)]
    for number in sorted(data.draw(st.lists(st.sampled_from(places), max_size=5)),
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


def test_header_comments_stay_first_with_one_modeline_and_block_sources_stay_blocks():
    source = DATA / "fmt" / "two-modelines.yaml"
    formatted = format_text(source.read_text())
    assert formatted == (DATA / "fmt" / "two-modelines.formatted.yaml").read_text()
    assert formatted.count("yaml-language-server") == 1
    assert formatted.startswith("# A map whose author put the header first.\n# yaml-language")
    assert "  paper:\n    title: A paper\n" in formatted  # written as a block, kept so


@settings(max_examples=40, deadline=None)
@given(argmaps(), st.integers(20, 120))
def test_any_width_keeps_lines_short_reads_back_and_is_idempotent(amap, width):
    text = write(amap, width=width)
    formatted = format_text(text, width=width)
    assert formatted == text  # the writer's output is formatted at its width
    assert graph_signature(read(text)) == graph_signature(amap)
    assert read(text).graph.graph == amap.graph.graph
    for line in text.splitlines():
        if len(line) > width and line.lstrip(" ").startswith(("text:", "note:")):
            value = line.split(": ", 1)[1]
            assert value.startswith('"') or " " not in value.strip('"'), line


@pytest.mark.parametrize("path", sorted((ROOT / "arguments").glob("*.yaml")),
                         ids=lambda p: p.name)
def test_committed_maps_pass_fmt_check(cli, path):
    """Every map this repository commits is in the layout argmap writes."""
    result = cli("fmt", "--check", path)
    assert result.exit_code == 0, result.output
