"""``argmap sources`` and quote problems as ``check`` prints them."""

from __future__ import annotations

import json

from tests.cli.test_core_cli import run
from tests.conftest import DATA

QUOTED = DATA / "provenance" / "quoted.yaml"


def test_sources_lists_the_bibliography_with_citing_claims_and_quotes():
    result = run("sources", QUOTED)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "report: County report\n"
        "    file: report.txt\n"
        "    cited by 4 claims: september, october, answer, routine\n"
        "    quotes: 4 of 4 verified\n\n")
    assert "hearsay: A source without a local copy\n    cited by 1 claim: october\n" in (
        result.stdout)
    assert "quotes: 1, not verified (" in result.stdout


def test_sources_writes_csl_json(tmp_path):
    out = tmp_path / "refs.json"
    result = run("sources", QUOTED, "--format", "csl-json", "-o", out)
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text())
    assert [item["id"] for item in items] == ["report", "lost", "hearsay"]
    assert items[0] == {"id": "report", "type": "document", "title": "County report"}


def test_check_fails_on_a_changed_figure_and_shows_the_closest_passage(tmp_path):
    path = tmp_path / "changed.yaml"
    text = QUOTED.read_text().replace("file: report.txt", f"file: {QUOTED.parent}/report.txt")
    path.write_text(text.replace("released 42 people in September", "released 44 people in "
                                                                     "September"))
    result = run("check", path)
    assert result.exit_code == 1
    assert (f"{path}:19:12: error: quote not found in source 'report'; closest: \"The "
            "sheriff\u2019s office released 42 people in September\u2014more\"") in result.stderr
    sources = run("sources", path)
    assert sources.exit_code == 1
    assert "quotes: 3 of 4 verified, 1 not found" in sources.stdout
