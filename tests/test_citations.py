"""Sources as a bibliography: BibTeX and CSL-JSON in, CSL-JSON out, citing claims."""

from __future__ import annotations

import json

import pytest

import argmap
from argmap.citations import bibliography, read_bibtex, read_references, to_csl_json
from argmap.errors import ParseError
from tests.conftest import DATA

CITATIONS = DATA / "citations"


def test_bibtex_entries_become_sources_keyed_by_their_citation_keys():
    sources = read_bibtex((CITATIONS / "refs.bib").read_text(), "refs.bib")
    assert sources == {
        "doe2025detainers": {
            "title": "Detainers and the Illinois TRUST Act: A Review of \u00d6ffentliche Data",
            "date": "2025-10", "url": "https://doi.org/10.1234/jil.2025.17",
            "author": "Doe, Jane; Roe, Richard", "publisher": "Journal of Immigration Law"},
        "dhs-letter": {
            "title": "Letter to the Governor of Illinois", "date": "2025-10-03",
            "url": "https://www.dhs.gov/news/2025/10/03/letter",
            "author": "U.S. Department of Homeland Security",
            "publisher": "U.S. Department of Homeland Security",
            "note": "Second letter; the first received no response."},
    }


def test_csl_json_items_become_sources():
    sources = read_references((CITATIONS / "refs.json").read_text(), "refs.json")
    assert sources == {
        "smith2024": {"title": "Detainer Compliance in Midwestern Jails", "date": "2024-03",
                      "url": "https://doi.org/10.5555/jdp.2024.3",
                      "author": "Smith, Ana; Jail Data Project",
                      "publisher": "Jail Data Project"},
        "ice-stats": {"title": "Detainer statistics", "date": "Fall 2025",
                      "url": "https://www.ice.gov/statistics"},
    }


def test_csl_json_written_reads_back_as_the_same_sources():
    amap = argmap.ArgMap()
    amap.sources.update(read_bibtex((CITATIONS / "refs.bib").read_text()))
    items = to_csl_json(amap)
    assert items[0]["author"] == [{"family": "Doe", "given": "Jane"},
                                  {"family": "Roe", "given": "Richard"}]
    assert items[0]["issued"] == {"date-parts": [[2025, 10]]}
    again = read_references(json.dumps(items), "again.json")
    assert again == {sid: entry for sid, entry in amap.sources.items()} | {
        "doe2025detainers": {**amap.sources["doe2025detainers"],
                             "url": "https://doi.org/10.1234/jil.2025.17"}}


@pytest.mark.parametrize(("name", "text", "message"), [
    ("bad.bib", "@article{bad,\n  title = {never closed\n", "BibTeX entry not understood"),
    ("bad.json", '[{"id": "a", "title": "A"},', "JSON syntax error"),
    ("bad.json", '[{"title": "no id"}]', "item 1 is not a CSL-JSON item with an 'id'"),
])
def test_bad_reference_files_are_located_errors(name, text, message):
    with pytest.raises(ParseError) as caught:
        read_references(text, name)
    assert caught.value.message.startswith(message)
    assert caught.value.location.file == name


def test_the_bibliography_counts_citing_claims_and_verified_quotes():
    amap = argmap.load(DATA / "provenance" / "quoted.yaml")
    uses = {use.sid: use for use in bibliography(amap)}
    report = uses["report"]
    assert report.claims == ["september", "october", "answer", "routine"]
    assert (report.quotes, report.verified, report.not_found) == (4, 4, 0)
    assert uses["lost"].document.endswith("no-such-report.txt not found")
    assert (uses["hearsay"].quotes, uses["hearsay"].verified) == (1, 0)
