"""``argmap sources`` and quote problems as ``check`` prints them."""

from __future__ import annotations

import json

import argmap
from tests.conftest import DATA

QUOTED = DATA / "provenance" / "quoted.yaml"


def test_sources_lists_the_bibliography_with_citing_claims_and_quotes(cli):
    result = cli("sources", QUOTED)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "report: County report\n"
        "    file: report.txt\n"
        "    cited by 4 claims: september, october, answer, routine\n"
        "    quotes: 4 of 4 verified\n\n")
    assert "hearsay: A source without a local copy\n    cited by 1 claim: october\n" in (
        result.stdout)
    assert "quotes: 1, not verified (" in result.stdout


def test_sources_writes_csl_json(cli, tmp_path):
    out = tmp_path / "refs.json"
    result = cli("sources", QUOTED, "--format", "csl-json", "-o", out)
    assert result.exit_code == 0, result.output
    items = json.loads(out.read_text())
    assert [item["id"] for item in items] == ["report", "lost", "hearsay"]
    assert items[0] == {"id": "report", "type": "document", "title": "County report"}


def test_check_fails_on_a_changed_figure_and_shows_the_closest_passage(cli, tmp_path):
    path = tmp_path / "changed.yaml"
    text = QUOTED.read_text().replace("file: report.txt", f"file: {QUOTED.parent}/report.txt")
    path.write_text(text.replace("released 42 people in September", "released 44 people in "
                                                                     "September"))
    result = cli("check", path)
    assert result.exit_code == 1
    assert (f"{path}:19:12: error: quote not found in source 'report'; closest: \"The "
            "sheriff\u2019s office released 42 people in September\u2014more\"") in result.stderr
    sources = cli("sources", path)
    assert sources.exit_code == 1
    assert "quotes: 3 of 4 verified, 1 not found" in sources.stdout


def test_source_import_declares_bibtex_and_csl_json_entries_in_one_edit(cli, tmp_path):
    path = tmp_path / "map.yaml"
    path.write_text(QUOTED.read_text())
    before = path.read_text()
    bib, csl = DATA / "citations" / "refs.bib", DATA / "citations" / "refs.json"
    assert cli("source", "import", path, bib).exit_code == 0
    assert cli("source", "import", path, csl).exit_code == 0
    after = path.read_text()
    assert after.startswith(before[:before.index("claims:")].rstrip("\n"))  # kept, appended
    assert after.endswith(before[before.index("claims:"):])
    amap = argmap.load(path)
    assert list(amap.sources) == ["report", "lost", "hearsay", "doe2025detainers",
                                  "dhs-letter", "smith2024", "ice-stats"]
    assert amap.sources["doe2025detainers"]["author"] == "Doe, Jane; Roe, Richard"
    # a key already declared: refused, nothing written
    again = cli("source", "import", path, bib)
    assert again.exit_code == 1
    assert "source 'doe2025detainers' already exists" in again.stderr
    assert path.read_text() == after


def test_source_import_refuses_a_key_that_is_not_an_id(cli, tmp_path):
    path, refs = tmp_path / "map.yaml", tmp_path / "refs.bib"
    path.write_text(QUOTED.read_text())
    refs.write_text("@misc{doe:2025, title = {A title}}\n@misc{ok, title = {B}}\n")
    result = cli("source", "import", path, refs)
    assert result.exit_code == 1
    assert "source id 'doe:2025' is not a slug" in result.stderr
    assert path.read_text() == QUOTED.read_text()
