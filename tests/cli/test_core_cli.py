"""The core commands end to end: check, export/convert, formats, schema."""

from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.schema import schema_text
from tests.conftest import DATA, ROOT

SAMPLE = ROOT / "arguments" / "illinois-detainers.yaml"
BROKEN = DATA / "native" / "broken"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_check_passes_on_the_sample_debate():
    result = run("check", SAMPLE)
    assert result.exit_code == 0, result.output
    assert f"{SAMPLE}: ok" in result.output


def test_check_of_a_directory_of_broken_files_gives_one_located_line_each():
    """Through the real console script: exit 1, a FILE:LINE:COL line per file, no traceback."""
    done = subprocess.run([sys.executable, "-m", "argmap.cli", "check", "-q", str(BROKEN)],
                          capture_output=True, text=True)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    files = sorted(BROKEN.glob("*.yaml"))
    errors = [line for line in done.stderr.splitlines() if ": error: " in line]
    for path in files:
        assert any(line.startswith(f"{path}:") for line in errors), path.name
    located = [line for line in errors if not line.split(": error:")[0].endswith(".yaml")]
    assert len(located) >= len(files) - 1  # all but 'no thesis' point at a line and column


def test_check_strict_fails_on_warnings(tmp_path):
    path = tmp_path / "orphan.yaml"
    path.write_text("claims:\n  t: {text: T, kind: thesis}\n  lonely: {text: L}\n")
    assert run("check", path).exit_code == 0
    result = run("check", "--strict", path)
    assert result.exit_code == 1
    assert f"{path}:3:3: warning: claim 'lonely' is an orphan" in result.output


@pytest.mark.parametrize("suffix,magic", [(".svg", b"<?xml"), (".png", b"\x89PNG"),
                                          (".pdf", b"%PDF"), (".dot", b"digraph"),
                                          (".gv", b"digraph")])
def test_export_writes_each_diagram_format(tmp_path, dot_binary, suffix, magic):
    out = tmp_path / f"map{suffix}"
    result = run("export", SAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(magic)


def test_exported_svg_holds_every_claim(tmp_path, dot_binary):
    from argmap import load
    from tests.drawing.test_dot import shown, svg_claim_lines
    out = tmp_path / "map.svg"
    assert run("export", SAMPLE, "-o", out, "--group-by", "none", "--color-by",
               "perspective", "--rankdir", "BT", "--no-legend", "--full").exit_code == 0
    lines = svg_claim_lines(out.read_bytes())
    amap = load(SAMPLE)
    for claim, data in amap.graph.nodes(data=True):
        assert shown(data["text"]) in shown("".join(lines[claim])), claim


def test_export_json_is_node_link_data_with_attributes(tmp_path):
    out = tmp_path / "map.json"
    assert run("export", SAMPLE, "-o", out).exit_code == 0
    graph = nx.node_link_graph(json.loads(out.read_text()), edges="edges")
    assert graph.nodes["honor"]["kind"] == "thesis"
    assert {d["relation"] for _, _, d in graph.edges(data=True)} == {"support", "rebut",
                                                                     "undercut"}
    assert all("line" in d for _, d in graph.nodes(data=True))


def test_export_graphml_loads_in_networkx(tmp_path):
    from argmap import load
    out = tmp_path / "map.graphml"
    assert run("export", SAMPLE, "-o", out).exit_code == 0
    assert set(nx.read_graphml(out)) == set(load(SAMPLE).claims())


def test_export_to_stdout(tmp_path):
    result = run("export", SAMPLE, "-o", "-", "--to", "dot")
    assert result.exit_code == 0
    assert result.output.startswith("digraph argmap {")


def test_failed_export_leaves_the_output_untouched(tmp_path):
    out = tmp_path / "map.svg"
    out.write_bytes(b"previous contents")
    result = run("export", BROKEN / "unknown-target.yaml", "-o", out)
    assert result.exit_code == 1
    assert "unknown-target.yaml:8:16: error: unknown claim 'nowhere'" in result.output
    assert out.read_bytes() == b"previous contents"
    assert [p.name for p in tmp_path.iterdir()] == ["map.svg"]


def test_unknown_output_suffix_and_format_are_one_line_errors(tmp_path):
    result = run("export", SAMPLE, "-o", tmp_path / "map.xyz")
    assert result.exit_code == 1 and "use --to" in result.output
    result = run("export", SAMPLE, "-o", "-", "--to", "bogus")
    assert result.exit_code == 1 and "unknown format 'bogus'" in result.output
    result = run("export", tmp_path / "missing.yaml", "-o", tmp_path / "x.svg")
    assert result.exit_code == 1 and "missing.yaml: error: no such file" in result.output


def test_drawing_options_are_refused_for_data_formats(tmp_path):
    result = run("export", SAMPLE, "-o", tmp_path / "x.json", "--rankdir", "LR")
    assert result.exit_code == 1 and "only apply to diagram formats" in result.output


def test_without_graphviz_svg_fails_with_install_hint_and_dot_still_works(tmp_path,
                                                                           monkeypatch):
    empty = tmp_path / "no-graphviz"
    empty.mkdir()
    monkeypatch.setenv("ARGMAP_GRAPHVIZ_DIR", str(empty))
    result = run("export", SAMPLE, "-o", tmp_path / "x.svg")
    assert result.exit_code == 1
    assert "Graphviz 'neato' was not found" in result.output and "apt-get install" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "x.svg").exists()
    assert run("export", SAMPLE, "-o", tmp_path / "x.dot").exit_code == 0


def test_convert_is_export_with_a_positional_output(tmp_path):
    out = tmp_path / "copy.yaml"
    assert run("convert", SAMPLE, out).exit_code == 0
    assert run("check", out).exit_code == 0


def test_formats_lists_readers_and_writers():
    result = run("formats")
    assert result.exit_code == 0
    assert "yaml" in result.output and "svg" in result.output


def test_committed_schema_is_current():
    committed = (ROOT / "schema" / "argmap.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "schema is stale: run scripts/regenerate"


def test_abstract_frameworks_export_with_their_evaluation(tmp_path, shared, dot_binary):
    """An ICCMA framework has no thesis and may attack itself; it still draws, evaluated."""
    from tests.drawing.test_dot import svg_claim_lines
    out = tmp_path / "af.svg"
    source = shared / "fixtures" / "carneades" / "tgf" / "odd_cycle1.tgf"
    assert run("check", source).exit_code == 0
    result = run("export", source, "-o", out, "--semantics", "grounded")
    assert result.exit_code == 0, result.output
    statuses = {claim: next(line for line in lines if line.startswith(("\u2714", "\u2718", "?")))
                for claim, lines in svg_claim_lines(out.read_bytes()).items()}
    assert statuses == {"1": "? UNDECIDED", "2": "? UNDECIDED", "3": "? UNDECIDED"}  # odd cycle


def test_export_refuses_to_overwrite_its_own_input(tmp_path):
    source = tmp_path / "debate.yaml"
    original = b"# my notes\n" + SAMPLE.read_bytes()
    source.write_bytes(original)
    result = run("export", source, "-o", source)
    assert result.exit_code == 1 and "the output is the input file" in result.output
    assert source.read_bytes() == original


@pytest.mark.parametrize("args", [["bogus"], ["export"], ["check"],
                                  ["export", "x.yaml", "-o", "y.svg", "--rankdir", "UP"]])
def test_usage_errors_are_one_line_too(args):
    done = subprocess.run([sys.executable, "-m", "argmap.cli", *args], capture_output=True,
                          text=True)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert ": error: " in done.stderr and "--help" in done.stderr
