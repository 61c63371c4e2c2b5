"""Lints: each fires on a file made to trip it, and each is silenced by ``lint:``."""

from __future__ import annotations

import pytest

import argmap
from argmap.lint import LINTS, is_iso_date, lint_map, near_duplicates
from argmap.model import ArgMap
from argmap.pipeline import check_file
from tests.conftest import DATA

ALL = DATA / "lint" / "all-lints.yaml"
SILENCED = DATA / "lint" / "silenced.yaml"


def test_each_lint_fires_once_located_with_its_code():
    found = [(d.code, d.location.line, d.message) for d in lint_map(argmap.load(ALL))]
    assert found == [
        ("unused-perspective", 5, "perspective 'unused' is taken by no claim"),
        ("url-scheme", 7, "the url of source 'report' is not http or https: "
                          "ftp://example.org/report.txt"),
        ("date-format", 7, "the date of source 'report' is not ISO 8601 "
                           "(YYYY, YYYY-MM or YYYY-MM-DD): 29/11/2025"),
        ("unused-source", 11, "source 'spare' is cited by no claim"),
        ("unquoted-figure", 17, "evidence 'count' gives 42, which none of its quotes has"),
        ("evidence-without-source", 23, "evidence 'bare' cites no source"),
        ("duplicate-text", 27, "claims 'count' and 'again' have the same text"),
        ("duplicate-text", 30, "claims 'count' and 'near' have nearly the same text"),
        ("duplicate-text", 30, "claims 'again' and 'near' have nearly the same text"),
    ]
    assert {code for code, _, _ in found} == set(LINTS)


def test_lints_are_warnings_of_strict_checking_only():
    assert check_file(ALL) == []
    strict = check_file(ALL, lints=True)
    assert strict and all(d.severity == "warning" for d in strict)
    assert str(strict[0]).endswith("[unused-perspective]")


def test_a_file_silences_every_lint_by_its_code():
    assert check_file(SILENCED, lints=True) == []
    amap = argmap.load(SILENCED)
    assert amap.lint == dict.fromkeys(LINTS, "off")


def test_an_unknown_lint_code_is_a_located_error_with_a_suggestion(tmp_path):
    path = tmp_path / "typo.yaml"
    path.write_text(SILENCED.read_text().replace("  duplicate-text:", "  duplicate-texts:"))
    errors = [str(d) for d in check_file(path)]
    assert errors == [f"{path}:7:3: error: unknown key 'duplicate-texts' in lint; "
                      "did you mean 'duplicate-text'?"]


@pytest.mark.parametrize(("date", "iso"), [
    ("2025", True), ("2025-10", True), ("2025-10-03", True), ("2025-10-03T12:30:00", True),
    ("2025-13", False), ("2025-02-30", False), ("29/11/2025", False), ("Oct 2025", False),
    ("20251003", False)])
def test_iso_dates(date, iso):
    assert is_iso_date(date) is iso


def test_near_duplicates_stay_fast_and_exact_on_a_big_map():
    amap = ArgMap()
    for index in range(3000):
        amap.add_claim(f"c{index}", f"claim number {index} says thing {index * 7919 % 3001}")
    amap.add_claim("copy", amap.claim("c17")["text"].upper() + "!")
    assert ("c17", "copy", True) in near_duplicates(amap)
