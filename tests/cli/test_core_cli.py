"""The core commands end to end: check, export/convert, formats, schema."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from argmap.schema import schema_text
from tests.conftest import DATA, ROOT, SAMPLE

BROKEN = DATA / "native" / "broken"


def test_check_passes_on_the_sample_debate(cli):
    result = cli("check", SAMPLE)
    assert result.exit_code == 0, result.output
    assert f"{SAMPLE}: ok" in result.output


def test_check_of_a_directory_of_broken_files_gives_one_located_line_each(cli):
    """Through the real console script: exit 1, a FILE:LINE:COL line per file, no traceback."""
    done = cli.process("check", "-q", BROKEN)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    files = sorted(BROKEN.glob("*.yaml"))
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    for path in files:
        assert any(line.startswith(f"{path}:") for line in errors), path.name
    located = [line for line in errors if not line.split(": error:")[0].endswith(".yaml")]
    assert len(located) >= len(files) - 1  # all but 'no thesis' point at a line and column


def test_check_strict_fails_on_warnings(cli, tmp_path):
    path = tmp_path / "orphan.yaml"
    path.write_text("claims:\n  t: {text: T, kind: thesis}\n  lonely: {text: L}\n")
    assert cli("check", path).exit_code == 0
    result = cli("check", "--strict", path)
    assert result.exit_code == 1
    assert f"{path}:3:3: warning: claim 'lonely' is an orphan" in result.output


@pytest.mark.parametrize("suffix,magic", [(".svg", b"<?xml"), (".png", b"\x89PNG"),
                                          (".pdf", b"%PDF"), (".dot", b"digraph"),
                                          (".gv", b"digraph")])
def test_export_writes_each_diagram_format(cli, tmp_path, dot_binary, suffix, magic):
    out = tmp_path / f"map{suffix}"
    result = cli("export", SAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


def test_exported_svg_holds_every_claim(sample, cli, tmp_path, dot_binary):
    from tests.drawing.test_dot import shown, svg_claim_lines
    out = tmp_path / "map.svg"
    assert cli("export", SAMPLE, "-o", out, "--group-by", "none", "--color-by",
               "perspective", "--rankdir", "BT", "--no-legend", "--full").exit_code == 0
    lines = svg_claim_lines(out.read_bytes())
    for claim, data in sample.graph.nodes(data=True):
        assert shown(data["text"]) in shown("".join(lines[claim])), claim


def test_export_json_is_node_link_data_with_attributes(cli, tmp_path):
    out = tmp_path / "map.json"
    assert cli("export", SAMPLE, "-o", out).exit_code == 0
    graph = nx.node_link_graph(json.loads(out.read_text()), edges="edges")
    assert graph.nodes["honor"]["kind"] == "thesis"
    assert {d["relation"] for _, _, d in graph.edges(data=True)} == {"support", "rebut",
                                                                     "undercut"}
    assert all("line" in d for _, d in graph.nodes(data=True))


def test_export_graphml_loads_in_networkx(sample, cli, tmp_path):
    out = tmp_path / "map.graphml"
    assert cli("export", SAMPLE, "-o", out).exit_code == 0
    assert set(nx.read_graphml(out)) == set(sample.claims())


def test_export_to_stdout(cli, tmp_path):
    result = cli("export", SAMPLE, "-o", "-", "--to", "dot")
    assert result.exit_code == 0
    assert result.output.startswith("digraph argmap {")


def test_failed_export_leaves_the_output_untouched(cli, tmp_path):
    out = tmp_path / "map.svg"
    out.write_bytes(b"previous contents")
    result = cli("export", BROKEN / "unknown-target.yaml", "-o", out)
    assert result.exit_code == 1
    assert "unknown-target.yaml:8:16: error: unknown claim 'nowhere'" in result.output
    assert out.read_bytes() == b"previous contents"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_unknown_output_suffix_and_format_are_one_line_errors(cli, tmp_path):
    result = cli("export", SAMPLE, "-o", tmp_path / "map.xyz")
    assert result.exit_code == 1 and "use --to" in result.output
    result = cli("export", SAMPLE, "-o", "-", "--to", "bogus")
    assert result.exit_code == 1 and "unknown format 'bogus'" in result.output
    result = cli("export", tmp_path / "missing.yaml", "-o", tmp_path / "x.svg")
    assert result.exit_code == 1 and "missing.yaml: error: no such file" in result.output


def test_drawing_options_are_refused_for_data_formats(cli, tmp_path):
    result = cli("export", SAMPLE, "-o", tmp_path / "x.json", "--rankdir", "LR")
    assert result.exit_code == 1 and "only apply to diagram formats" in result.output


def test_without_graphviz_svg_fails_with_install_hint_and_dot_still_works(cli, tmp_path,
                                                                           monkeypatch):
    empty = tmp_path / "no-graphviz"
    empty.mkdir()
    monkeypatch.setenv("ARGMAP_GRAPHVIZ_DIR", str(empty))
    result = cli("export", SAMPLE, "-o", tmp_path / "x.svg")
    assert result.exit_code == 1
    assert "Graphviz 'neato' was not found" in result.output and "apt-get install" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "x.svg").exists()
    assert cli("export", SAMPLE, "-o", tmp_path / "x.dot").exit_code == 0


def test_convert_is_export_with_a_positional_output(cli, tmp_path):
    out = tmp_path / "copy.yaml"
    assert cli("convert", SAMPLE, out).exit_code == 0
    assert cli("check", out).exit_code == 0


def test_formats_lists_readers_and_writers(cli):
    result = cli("formats")
    assert result.exit_code == 0
    assert "yaml" in result.output and "svg" in result.output


def test_committed_schema_is_current():
    committed = (ROOT / "schema" / "argmap.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "schema is stale: run scripts/regenerate"


def test_abstract_frameworks_export_with_their_evaluation(cli, tmp_path, shared, dot_binary):
    """An ICCMA framework has no thesis and may attack itself; it still draws, evaluated."""
    from tests.drawing.test_dot import svg_claim_lines
    out = tmp_path / "af.svg"
    source = shared / "fixtures" / "carneades" / "tgf" / "odd_cycle1.tgf"
    assert cli("check", source).exit_code == 0
    result = cli("export", source, "-o", out, "--semantics", "grounded")
    assert result.exit_code == 0, result.output
    statuses = {claim: next(line for line in lines if line.startswith(("\u2714", "\u2718", "?")))
                for claim, lines in svg_claim_lines(out.read_bytes()).items()}
    assert statuses == {"1": "? UNDECIDED", "2": "? UNDECIDED", "3": "? UNDECIDED"}  # odd cycle


def test_export_refuses_to_overwrite_its_own_input(cli, tmp_path):
    source = tmp_path / "debate.yaml"
    original = b"# my notes\n" + SAMPLE.read_bytes()
    source.write_bytes(original)
    result = cli("export", source, "-o", source)
    assert result.exit_code == 1 and "the output is the input file" in result.output
    assert source.read_bytes() == original


@pytest.mark.parametrize("args", [["bogus"], ["export"], ["check"],
                                  ["export", "x.yaml", "-o", "y.svg", "--rankdir", "UP"]])
def test_usage_errors_are_one_line_too(cli, args):
    done = cli.process(*args)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert ": error: " in done.stderr and "--help" in done.stderr
