"""Quotes found in their sources' documents: normalisation, repeats, gaps, misses."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.pipeline import check_file
from argmap.provenance import MAX_GAP, find_quote, normalise, read_document, verify_quotes
from tests.conftest import DATA, SAMPLE

PROVENANCE = DATA / "provenance"
REPORT = PROVENANCE / "report.txt"


@pytest.fixture(scope="module")
def report():
    return read_document(REPORT)


def test_an_exact_quote_is_found_where_it_stands(report):
    found = find_quote(report, "released 42 people in September")
    assert len(found.spans) == 1
    assert report.passage(*found.spans[0]) == "released 42 people in September"


@pytest.mark.parametrize("variant", [
    "The sheriff's office released 42 people",  # straight apostrophe for the curly one
    "the  SHERIFF\u2019S office\nreleased 42 people",  # case, spaces and a line break
    "42 people in September \u2013 more than in August",  # spaced en dash for an em dash
    "42 people in September--more than in August",  # two hyphens
    "released \u201c42 people\u201d"[:0] + "said the releases were \"routine\". Critics",
    "The board's answer... was a letter",  # three dots for the ellipsis character
    "re\u00adleased 42\u00a0people",  # soft hyphen, no-break space
])
def test_whitespace_and_typography_variants_are_found(report, variant):
    assert find_quote(report, variant).spans


def test_prefix_and_suffix_choose_between_repeated_passages(report):
    both = find_quote(report, "released 42 people")
    assert len(both.spans) == 2
    october = find_quote(report, "released 42 people", prefix="In October the office")
    assert october.spans == (both.spans[1],)
    september = find_quote(report, "released 42 people", suffix="in September")
    assert september.spans == (both.spans[0],)


def test_a_prefix_that_fits_no_occurrence_is_not_found_and_says_why(report):
    found = find_quote(report, "released 42 people", prefix="In November the office")
    assert not found.spans
    assert "prefix" in found.reason
    assert "released 42 people" in found.closest


def test_an_ellipsis_stands_for_a_gap_in_order(report):
    assert find_quote(report, "The sheriff's office ... in September").spans
    assert find_quote(report, "The sheriff\u2019s office [...] in September").spans
    assert not find_quote(report, "in September ... The sheriff's office").spans  # order
    # a gap stands for at most MAX_GAP characters
    wide = normalise("alpha " + "filler " * (MAX_GAP // 7) + "omega")
    assert find_quote(wide, "alpha ... omega").spans
    wider = normalise("alpha " + "filler " * (MAX_GAP // 7 + 1) + "omega")
    assert not find_quote(wider, "alpha ... omega").spans


def test_a_changed_figure_is_caught_with_the_closest_passage(report):
    found = find_quote(report, "The sheriff's office released 24 people in September")
    assert not found.spans
    assert found.closest == "The sheriff\u2019s office released 42 people in September\u2014more"


def test_markdown_and_html_are_read_as_their_text():
    for name in ("report.md", "report.html"):
        document = read_document(PROVENANCE / name)
        assert find_quote(document, "The sheriff's office released 42 people in September")
        assert find_quote(document, "released 42 people").spans, name
    page = read_document(PROVENANCE / "report.html")
    assert not find_quote(page, "99 people").spans  # script text is not the page's text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_pdf_is_read_through_pdftotext(tmp_path, dot_binary):
    import subprocess
    pdf = tmp_path / "report.pdf"
    subprocess.run([dot_binary, "-Tpdf", "-o", str(pdf)], check=True,
                   input=b'digraph { a [label="released 42 people in September"] }')
    assert find_quote(read_document(pdf), "released 42 people in September").spans


def test_a_quoted_map_checks_clean_but_warns_of_its_missing_document():
    diagnostics = check_file(PROVENANCE / "quoted.yaml")
    assert [(d.severity, d.location.line, d.message) for d in diagnostics] == [
        ("warning", 7, "document of source 'lost' unavailable: "
                       f"{PROVENANCE / 'no-such-report.txt'} not found; its quotes are not "
                       "verified")]
    statuses = {(q.claim, q.source): q.status
                for q in verify_quotes(argmap.load(PROVENANCE / "quoted.yaml")).quotes}
    assert statuses == {("september", "report"): "verified", ("october", "report"): "verified",
                        ("october", "hearsay"): "unverified", ("answer", "report"): "verified",
                        ("routine", "report"): "verified",
                        ("kept-elsewhere", "lost"): "unverified"}


def test_quote_errors_are_located(tmp_path):
    text = (PROVENANCE / "quoted.yaml").read_text()
    text = text.replace("quote: The sheriff's office released 42 people in September",
                        "quote: The sheriff's office released 43 people in September")
    text = text.replace("{exact: asked why, source: hearsay}", "{exact: asked why}")
    text = text.replace("file: report.txt", f"file: {REPORT}")
    path = tmp_path / "changed.yaml"
    path.write_text(text)
    errors = [str(d) for d in check_file(path) if d.severity == "error"]
    assert errors == [
        f"{path}:19:12: error: quote not found in source 'report'; closest: \"The sheriff\u2019s "
        "office released 42 people in September\u2014more\"",
        f"{path}:27:9: error: a quote of claim 'october' must name its source ('source:'), "
        "the claim cites 'report', 'hearsay'"]


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_normalising_twice_changes_nothing_and_keeps_origins_in_order(text):
    once = normalise(text)
    assert normalise(once.norm).norm == once.norm
    assert list(once.origin) == sorted(once.origin)
    assert all(0 <= index < len(text) for index in once.origin)


def test_every_quote_of_the_sample_debate_is_verified(sample, shared):
    checks = verify_quotes(sample).quotes
    assert checks and all(check.status == "verified" for check in checks)
    unquoted = [cid for cid, data in sample.graph.nodes(data=True)
                if data.get("kind") == "evidence" and not data.get("quotes")]
    assert unquoted == []


def test_changing_one_figure_of_the_sample_fails_with_the_closest_passage(shared, tmp_path):
    text = SAMPLE.read_text()
    assert "more than 1,700 individuals" in text
    changed = tmp_path / "repo" / "arguments" / "changed.yaml"  # ../../shared as in a clone
    changed.parent.mkdir(parents=True)
    (tmp_path / "shared").symlink_to(shared)
    changed.write_text(text.replace("more than 1,700 individuals", "more than 1,800 individuals",
                                    1))
    errors = [d for d in check_file(changed) if d.severity == "error"]
    assert len(errors) == 1
    assert errors[0].message.startswith(
        "quote not found in source 'article'; closest: \"Since the start of 2025, more than "
        "1,700 individuals with criminal records")
