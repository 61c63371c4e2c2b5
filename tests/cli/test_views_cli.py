"""View and layout options of export/convert, end to end."""

from __future__ import annotations

import re

from argmap.formats import load
from tests.conftest import DATA

SMALL = DATA / "views" / "small.yaml"


def test_focus_writes_only_the_neighbourhood(cli, tmp_path):
    out = tmp_path / "part.yaml"
    result = cli("export", SMALL, "-o", out, "--focus", "c", "--depth", "1")
    assert result.exit_code == 0, result.output
    assert set(load(out, validate=False).claims()) == {"c", "u", "a", "t"}


def test_filters_combine(cli, tmp_path):
    out = tmp_path / "part.yaml"
    result = cli("convert", SMALL, out, "--perspective", "p1", "--perspective", "p2",
                 "--side", "con", "--kind", "claim")
    assert result.exit_code == 0, result.output
    assert set(load(out, validate=False).claims()) == {"t", "b", "d", "e", "u", "a", "c"}


def test_tag_view_keeps_what_the_tagged_claims_argue_about(cli, tmp_path):
    out = tmp_path / "part.yaml"
    result = cli("export", SMALL, "-o", out, "--tag", "doubt")
    assert result.exit_code == 0, result.output
    assert set(load(out, validate=False).claims()) == {"t", "d", "a"}


def test_unknown_tag_is_one_located_line(cli, tmp_path):
    result = cli("export", SMALL, "-o", tmp_path / "x.yaml", "--tag", "reprot")
    assert result.exit_code == 1
    assert result.output == f"{SMALL}: error: unknown tag 'reprot'; did you mean 'report'?\n"


def test_collapse_shows_a_summary_in_the_diagram(cli, dot_binary, tmp_path):
    out = tmp_path / "top.svg"
    result = cli("export", SMALL, "-o", out, "--collapse-below", "1")
    assert result.exit_code == 0, result.output
    svg = out.read_text()
    assert "+3 more claims (1 pro, 2 con)" in svg
    assert "claim&#45;c" not in svg and "claim-c" not in svg


def test_layered_layout_pins_every_claim(cli, dot_binary, tmp_path):
    out = tmp_path / "map.dot"
    result = cli("export", SMALL, "-o", out, "--layout", "layered")
    assert result.exit_code == 0, result.output
    text = out.read_text()
    pinned = re.findall(r'^  \w+ \[[^\n]*pos="[\d.]+,[\d.]+!"', text, re.M)
    assert len(pinned) == 7 + 1 + 1  # claims, the undercut dot, the legend
    svg = tmp_path / "map.svg"
    assert cli("export", SMALL, "-o", svg, "--layout", "layered").exit_code == 0
    assert svg.read_text().count('class="node"') == 9


def test_unknown_perspective_is_one_located_line_and_writes_nothing(cli, tmp_path):
    out = tmp_path / "part.svg"
    result = cli("export", SMALL, "-o", out,
                                       "--perspective", "p3")
    assert result.exit_code == 1
    assert result.output == f"{SMALL}: error: unknown perspective 'p3' (known: p1, p2)\n"
    assert not out.exists()


def test_unknown_focus_claim_is_one_located_line(cli, tmp_path):
    result = cli("export", SMALL, "-o", tmp_path / "x.yaml", "--focus", "zz")
    assert result.exit_code == 1
    assert result.output.startswith(f"{SMALL}: error: unknown claim 'zz'")
    assert len(result.output.splitlines()) == 1


def test_depth_needs_focus(cli, tmp_path):
    result = cli("export", SMALL, "-o", tmp_path / "x.yaml", "--depth", "2")
    assert result.exit_code == 2
    assert "--depth needs --focus" in result.output


def test_layout_is_a_diagram_option(cli, tmp_path):
    result = cli("export", SMALL, "-o", tmp_path / "x.yaml", "--layout", "layered")
    assert result.exit_code == 1
    assert "layout only apply to diagram formats" in result.output
