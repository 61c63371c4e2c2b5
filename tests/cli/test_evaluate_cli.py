"""``argmap evaluate`` and ``argmap explain`` end to end."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from pathlib import Path

from hypothesis import given, settings

from argmap.formats import dump
from tests.conftest import DATA, SAMPLE
from tests.strategies import argmaps

APX = DATA / "iccma" / "comments.apx"


def run_json(cli, *args):
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_human_table_on_the_sample(cli):
    result = cli("evaluate", SAMPLE)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "grounded semantics, prima-facie support"
    assert lines[1].startswith("Grounded semantics asks who has the last word")
    counts = next(line for line in lines if line.startswith("76 in"))
    assert counts == "76 in (49 pro, 27 con), 1 out (1 pro, 0 con), 0 undecided (0 pro, 0 con)"
    honor = next(line for line in lines if line.startswith("honor "))
    assert honor.split()[1] == "out"
    assert "Illinois should honor federal immigration detainers." in honor


def test_only_and_side_filter_the_rows(sample, cli):
    out = run_json(cli, "evaluate", SAMPLE, "--only", "out", "--side", "pro")["labels"]
    assert sorted(out) == ["honor"]
    con = run_json(cli, "evaluate", SAMPLE, "--only", "in", "--side", "con")["labels"]
    assert sorted(con) == sorted(c for c in sample.claims() if sample.claim(c)["side"] == "con")
    table = cli("evaluate", SAMPLE, "--only", "in").output.splitlines()
    rows = table[table.index("1 extension(s)") + 1:]
    assert len(rows) == 76 and all(row.split()[1] == "in" for row in rows)
    gradual = cli("evaluate", SAMPLE, "-s", "dfquad", "--only", "in")
    assert gradual.exit_code == 2 and "--only needs an extension semantics" in gradual.output


def test_gradual_header_names_no_support_reading(cli):
    lines = cli("evaluate", SAMPLE, "-s", "qe").output.splitlines()
    assert lines[0] == "qe semantics, supports counted"
    assert cli("evaluate", SAMPLE, "-s", "hcat").output.startswith(
        "hcat semantics, supports ignored")


def test_json_for_extension_and_gradual_semantics(cli):
    grounded = run_json(cli, "evaluate", SAMPLE)
    assert set(grounded) == {"semantics", "support", "labels", "extensions", "counts"}
    assert grounded["counts"]["out"] == {"pro": 1, "con": 0, "none": 0}
    assert grounded["labels"]["honor"] == "out"
    assert "honor" not in grounded["extensions"][0]
    gradual = run_json(cli, "evaluate", SAMPLE, "--semantics", "dfquad")
    assert set(gradual) == {"semantics", "support", "strengths", "counts"}
    assert 0 < gradual["strengths"]["honor"] < 1


def test_iccma_framework_with_a_self_attack_and_no_thesis(cli):
    result = run_json(cli, "evaluate", APX, "-s", "preferred")
    assert result["extensions"] == [["a", 'the "third" one']]
    assert result["labels"] == {"a": "in", "b": "out", 'the "third" one': "in"}


def test_capped_enumeration_says_so(cli, shared):
    bas1 = shared / "fixtures/carneades/tgf/bas1.tgf"
    result = run_json(cli, "evaluate", bas1, "-s", "preferred", "--max-extensions", "1")
    assert result["complete"] is False and result["stopped"] == "max_extensions"
    assert len(result["extensions"]) == 1
    table = cli("evaluate", bas1, "-s", "preferred", "--max-extensions", "1", "--engine",
                "python")
    assert "1 extension(s) (stopped early: max_extensions)" in table.output


def test_perspective_lens_and_by_perspective(cli):
    assert run_json(cli, "evaluate", SAMPLE, "--lens", "safety")["labels"]["honor"] == "in"
    rows = run_json(cli, "evaluate", SAMPLE, "--by-perspective")["by_perspective"]
    assert [(r["perspective"], r["theses"]["honor"]) for r in rows] == [
        ("safety", "in"), ("trust", "out"), ("legal", "in"), ("politics", "in"), (None, "out")]
    table = cli("evaluate", SAMPLE, "--by-perspective", "-s", "hcat").output.splitlines()
    assert table[0].startswith("safety: Public safety") and table[-1].startswith("(all")


def test_the_old_spelling_of_the_lens_still_works_with_a_notice(cli):
    """evaluate's ``-p/--perspective`` is now ``--lens`` (export's --perspective is a view
    filter): scripts using the old spelling get the same result and one line on stderr."""
    lens = cli("evaluate", SAMPLE, "--lens", "safety", "--json")
    for old in ("-p", "--perspective"):
        result = cli("evaluate", SAMPLE, old, "safety", "--json")
        assert result.exit_code == 0 and result.stdout == lens.stdout
        assert result.stderr == ("argmap evaluate: warning: --perspective is now spelled "
                                 "--lens here (the old spelling will go)\n")
    mixed = cli("explain", SAMPLE, "honor", "--lens", "safety", "-p", "trust", "--json")
    assert mixed.stdout == cli("explain", SAMPLE, "honor", "--lens", "safety", "--lens",
                               "trust", "--json").stdout


def test_explain(cli):
    result = cli("explain", SAMPLE, "honor", "--depth", "2")
    assert result.exit_code == 0
    assert result.output.startswith("“Illinois should honor federal immigration detainers.” "
                                    "(honor) is out")
    flat = " ".join(result.output.split())
    assert "(blanket-harms-innocents) rebuts it and stands" in flat
    assert "(protect-vulnerable) rebuts it and stands" in flat
    assert max(map(len, result.output.splitlines())) <= 100  # wrapped for a terminal
    gradual = json.loads(cli("explain", SAMPLE, "honor", "-s", "qe", "--json").output)
    assert gradual["semantics"] == "qe" and gradual["reasons"]


def test_user_errors_are_one_line_without_traceback(cli, tmp_path):
    unknown = cli("explain", SAMPLE, "honr")
    assert unknown.exit_code == 1
    assert unknown.output == f"{SAMPLE}: error: unknown claim 'honr'; did you mean 'honor'?\n"
    bad = tmp_path / "bad.apx"
    bad.write_text("arg(a).\natt(a,zz).\n")
    located = cli("evaluate", bad)
    assert located.exit_code == 1
    assert located.output == (f"{bad}:2:1: error: attack names undeclared argument 'zz' "
                              f"(known: a)\n")
    lens = cli("evaluate", SAMPLE, "--lens", "nope")
    assert lens.exit_code == 1 and "unknown perspective 'nope'" in lens.output
    missing = cli("evaluate", tmp_path / "missing.yaml")
    assert missing.exit_code == 1 and "no such file" in missing.output


@settings(max_examples=40, deadline=None)
@given(argmaps(max_claims=6))
def test_hostile_text_cannot_break_the_table(cli, amap):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "map.yaml"
        dump(amap, path)
        labels = run_json(cli, "evaluate", path)["labels"]
        assert set(labels) == set(amap.claims())
        table = cli("evaluate", path).output
    lines = table.split("\n")
    body = lines[lines.index(next(line for line in lines if "extension(s)" in line)) + 1:]
    assert len(body) == len(amap) + 1  # one row per claim, final newline
    assert not any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in
                   table.replace("\n", ""))


def test_compare_the_thesis_or_a_claim(cli):
    table = cli("evaluate", SAMPLE, "--compare").output.splitlines()
    assert table[0].startswith("honor: Illinois should honor")
    assert [line.split()[:2] for line in table[1:9]][0] == ["grounded", "out"]
    assert run_json(cli, "evaluate", SAMPLE, "--compare", "loopholes")["claim"] == "loopholes"


def test_explain_flip(cli):
    result = cli("explain", SAMPLE, "honor", "--flip")
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert "(protect-vulnerable) and “Blanket policies" in flat and "it would be in" in flat
    sets = run_json(cli, "explain", SAMPLE, "honor", "--flip", "--max-size", "1")["sets"]
    assert sets == []
    gradual = run_json(cli, "explain", SAMPLE, "honor", "--flip", "-s", "hcat")
    assert gradual["movers"] and gradual["sets"] == []
