"""The diff report: goldens in text, JSON and Markdown, the JSON Schema, debate impact."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import argmap
from argmap.changes.report import (
    compare_maps,
    json_schema,
    json_text,
    schema_text,
    text_lines,
    to_json,
    to_markdown,
    to_text,
)
from argmap.model import ArgMap
from tests.conftest import DATA, ROOT, assert_golden

CHANGES = DATA / "changes"
REPORT = CHANGES / "report"  # a rename, an edit, an addition, a removal; the verdict flips
FIELDS = CHANGES / "fields"  # every claim field, a relation note and every map entry


def reviewed(semantics: str = "grounded", case: Path = REPORT):
    return compare_maps(argmap.load(case / "old.yaml"), argmap.load(case / "new.yaml"),
                        semantics=semantics, old_name="old.yaml", new_name="new.yaml")


@pytest.mark.parametrize("case", [REPORT, FIELDS], ids=lambda case: case.name)
@pytest.mark.parametrize("name, writer", [
    ("expected.txt", to_text),
    ("expected.md", to_markdown),
    ("expected.json", json_text),
])
def test_the_report_of_a_reviewed_change_matches_its_golden(case, name, writer):
    assert_golden(case / name, writer(reviewed(case=case)))


def test_the_report_names_the_flipped_verdict_and_each_change_once():
    report = reviewed()
    (verdict,) = report.verdicts
    assert (verdict.new_id, verdict.old, verdict.new, verdict.changed) == ("lane", "in", "out",
                                                                         True)
    assert report.diff.renames == {"fewer-crashes": "safer-street"}
    assert report.diff.added == ("vans",) and report.diff.removed == ("crash-data",)
    text = to_text(report)
    assert "lane: “The town should build a bike lane on Main Street.” — in → out (flipped)" \
        in text
    assert "(6 changes)" in text


def test_the_json_follows_its_schema_and_the_committed_schema_is_current():
    jsonschema.validate(to_json(reviewed()), json_schema())
    jsonschema.validate(to_json(reviewed("dfquad")), json_schema())
    jsonschema.validate(to_json(reviewed(case=FIELDS)), json_schema())
    jsonschema.Draft202012Validator.check_schema(json_schema())
    committed = (ROOT / "schema" / "diff.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "schema/diff.schema.json is stale: run scripts/regenerate"


def test_hostile_claim_text_stays_inert_in_markdown():
    markdown = to_markdown(reviewed())
    assert "<script" not in markdown and "<b>" not in markdown
    assert "](javascript:" not in markdown and "@everyone" not in markdown
    assert "\u202e" not in markdown and "\\\\u202e" in markdown
    line = next(line for line in markdown.splitlines() if "`vans`:" in line)
    assert line.startswith("- added `vans`: “Delivery vans")  # one list item, not a table


def test_the_json_escapes_what_a_terminal_would_act_on_and_parses_back_to_the_text():
    text = json_text(reviewed())
    assert "\u202e" not in text and "\\u202e" in text
    assert json.loads(text)["claims"]["added"][0]["fields"]["text"].startswith(
        "Delivery vans\u202e need")


def test_hostile_claim_text_is_spelled_out_on_a_terminal():
    lines = [line for _, line in text_lines(reviewed())]
    assert all("\u202e" not in line and "\x1b" not in line for line in lines)
    assert any("Delivery vans\\u202e need the kerb" in line for line in lines)


def test_a_gradual_semantics_reports_strengths_that_moved():
    report = reviewed("dfquad")
    (verdict,) = report.verdicts
    assert isinstance(verdict.old, float) and verdict.new < verdict.old
    assert "Verdict (DF-QuAD)" in to_text(report)
    assert all(abs(s.old - s.new) >= 5e-4 for s in report.statuses)


def test_an_identical_map_says_so_and_keeps_the_verdict():
    amap = argmap.load(REPORT / "old.yaml")
    report = compare_maps(amap, amap.copy())
    assert not report.diff and not report.statuses
    assert to_text(report).splitlines()[1:] == [
        "  No differences.", "Verdict (grounded semantics)",
        "  lane: “The town should build a bike lane on Main Street.” — in, unchanged"]
    assert to_json(report)["different"] is False


def test_a_thesis_that_appears_or_goes_is_reported_as_such():
    old, new = ArgMap(), ArgMap()
    old.add_claim("t", "Old question.", kind="thesis")
    new.add_claim("u", "A wholly different question.", kind="thesis")
    report = compare_maps(old, new)
    assert [(v.old_id, v.new_id, v.old, v.new) for v in report.verdicts] == [
        (None, "u", None, "in"), ("t", None, "in", None)]
    text = to_text(report)
    assert "new thesis: in" in text and "thesis removed (was in)" in text
