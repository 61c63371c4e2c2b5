"""``argmap report``: the brief's contents on the sample, and hostile text inert in both
formats."""

from __future__ import annotations

import html.parser
import xml.dom.minidom

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import load
from argmap.report import brief, diagram, md, to_html, to_markdown, write_report
from tests.conftest import DATA, SAMPLE

HOSTILE = DATA / "report" / "hostile.yaml"


@pytest.fixture(scope="module")
def sample_brief():
    return brief(load(SAMPLE))


def ids(items):
    return [i.claim for i in items]


def test_the_brief_of_the_sample(sample_brief):
    content = sample_brief
    assert content.title == "Should Illinois honor federal immigration detainers?"
    assert content.thesis.claim == "honor" and content.thesis.status == "out"
    assert content.measures.startswith("Grounded semantics asks who has the last word")
    assert set(ids(content.strongest["con"])) == {"state-discretion", "trust-reporting",
                                                   "protect-vulnerable", "data-varies",
                                                   "political-stakes"}
    assert ids(content.strongest["pro"])[0] == "more-releases-loom"  # strongest first
    assert len(content.strongest["pro"]) == 5
    unanswered = ids(content.unanswered)
    assert {"implementation-tricky", "lines-not-crossed", "passing-the-buck",
            "blanket-harms-innocents", "protect-vulnerable"} <= set(unanswered)
    assert "trust-reporting" not in unanswered  # undercut: serious-criminals-weaken ...
    assert set(ids(content.analyst)) == {"counts-partial", "alleged-or-convicted",
                                         "cases-one-sided", "political-stakes",
                                         "advocates-unsourced", "minor-fear", "local-autonomy"}
    assert {"rel-sex-10", "rel-sex-over-dozen", "cust-assaults-1134"} <= \
        set(ids(content.discrepancies))
    amap = load(SAMPLE)
    evidence = [c for c in amap.claims() if amap.claim(c).get("kind") == "evidence"]
    assert sorted(ids(content.evidence_sourced + content.evidence_unsourced)) == \
        sorted(evidence)
    assert [(r["perspective"], r["thesis"]) for r in content.balance] == [
        ("safety", "in"), ("trust", "out"), ("legal", "in"), ("politics", "in")]
    assert [sorted(f.removed) for f in content.flips.sets][0] == [
        "blanket-harms-innocents", "protect-vulnerable"]


def test_markdown_report_writes_the_diagram_beside_it(tmp_path):
    written = write_report(load(SAMPLE), tmp_path / "brief.md")
    assert [p.name for p in written] == ["brief.svg", "brief.md"]
    text = (tmp_path / "brief.md").read_text(encoding="utf-8")
    for heading in ("## The question", "## The verdict", "## Objections nobody answered",
                    "## Evidence", "## The balance per perspective", "## The map"):
        assert heading in text
    assert "![The debate map, each claim marked with its verdict](brief.svg)" in text
    assert "falls (out)" in text
    svg = xml.dom.minidom.parse(str(tmp_path / "brief.svg"))
    assert svg.documentElement.tagName == "svg"


class _Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.text.append(data)


def assert_inert(page: str) -> _Tags:
    parsed = _Tags()
    parsed.feed(page)
    parsed.close()
    assert not {"script", "iframe", "object", "embed", "img", "b", "foreignobject"} \
        & set(parsed.tags), parsed.tags
    assert not [name for name, _ in parsed.attributes if name.lower().startswith("on")]
    links = ("href", "xlink:href", "src", "action", "formaction", "data")
    assert not [value for name, value in parsed.attributes
                if name.lower() in links and value and "javascript:" in value.lower()]
    return parsed


def test_hostile_text_is_inert_in_the_html_report(tmp_path):
    write_report(load(HOSTILE), tmp_path / "brief.html")
    page = (tmp_path / "brief.html").read_text(encoding="utf-8")
    parsed = assert_inert(page)
    shown = " ".join(parsed.text)
    assert "<script>alert('thesis')</script> Should we?" in shown  # verbatim, as text
    assert "<img src=x onerror=alert('description')>" in shown
    assert page.count("<style>") == 1  # only the page's own


def test_hostile_text_is_inert_in_the_markdown_report():
    text = to_markdown(brief(load(HOSTILE)), "brief.svg")
    assert "<" not in text.replace("&lt;", "")
    assert "](javascript" not in text and "](brief.svg)" in text
    assert "\\[link\\]\\(javascript:alert\\(1\\)\\)" in text


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_markdown_escaping_leaves_no_markup(text):
    escaped = md(text)
    assert "<" not in escaped and "\n" not in escaped
    unescaped = escaped.replace("&lt;", "<").replace("&amp;", "&")
    index = 0
    plain = []
    while index < len(unescaped):  # every special character comes after a backslash
        char = unescaped[index]
        if char == "\\":
            plain.append(unescaped[index + 1])
            index += 2
            continue
        assert char not in "\\`*_{}[]()#+!|~>-", (text, escaped)
        plain.append(char)
        index += 1
    assert "".join(plain) == " ".join(text.split())


def test_html_without_a_diagram_is_still_a_page():
    page = to_html(brief(load(HOSTILE)))
    assert page.startswith("<!DOCTYPE html>") and "<figure>" not in page
    assert_inert(page)


def test_report_command(cli, tmp_path):
    result = cli("report", SAMPLE, "-o", tmp_path / "r.html")
    assert result.exit_code == 0, result.output
    assert "<svg" in (tmp_path / "r.html").read_text(encoding="utf-8")
    bad = cli("report", SAMPLE, "-o", tmp_path / "r.pdf")
    assert bad.exit_code == 1
    assert bad.output.strip().endswith("a report is written as .md or .html, not '.pdf'")
    assert not (tmp_path / "r.pdf").exists()
    stdout = cli("report", SAMPLE)
    assert stdout.exit_code == 0 and stdout.output.startswith("# Should Illinois")


def test_verified_quotes_are_shown_and_others_are_not():
    content = brief(load(DATA / "report" / "quoted.yaml"))
    quotes = {i.claim: i.quotes for i in content.evidence_sourced}
    assert quotes == {"e": ["more than 1,700 people were released"], "f": []}
    text = to_markdown(content)
    assert "Quotes found word for word in the source documents:" in text
    assert "more than 1,700 people were released" in text
    assert "nobody was released at all" not in text


def test_the_diagram_draws_the_verdicts_of_the_reading_of_support_asked_for(sample, dot_binary):
    """Under deductive support 21 more claims of the sample are out than under the default
    reading: the picture must show the report's verdicts, not the default's."""
    default = diagram(sample, "grounded", "prima-facie")
    deductive = diagram(sample, "grounded", "deductive")
    assert deductive.count("\u2718 OUT") > default.count("\u2718 OUT")
    assert deductive.count("\u2714 IN") < default.count("\u2714 IN")
