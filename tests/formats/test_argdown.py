"""Argdown reading and writing, checked against real Argdown files and the real Argdown CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import argmap
from argmap.errors import ArgmapError, ParseError
from argmap.formats import argdown, get_format, load
from tests.conftest import DATA, ROOT, SAMPLE, shared_files
from tests.strategies import HOSTILE, argmaps, assert_same_map, graph_signature

ARGDOWN_CLI = ROOT / ".cache" / "argdown" / "node_modules" / ".bin" / "argdown"
CONFORMANCE = DATA / "argdown-conformance"
GENERATED = SAMPLE.with_suffix(".argdown")
# Argdown relation types -> argmap's (undercuts are resolved as docs/formats/argdown.md says).
TRAILING_MARKS = re.compile(r"(?:[ \t]*#(?:\([^)]*\)|[^\s(]+))*[ \t]*")
TYPES = {"support": "support", "entails": "support", "attack": "rebut", "contrary": "rebut",
         "contradictory": "rebut"}


def _titles(amap):
    return {(d["meta"]["argdown"], d["meta"]["title"]): n for n, d in amap.graph.nodes(data=True)}


def assert_read_as_the_cli_reads(amap, oracle: dict) -> dict:
    """``amap`` has the statements, arguments and relations of the Argdown CLI's JSON
    ``oracle`` for the same file; returns its ids by (kind, title)."""
    ids = _titles(amap)
    assert set(ids) == {("statement", t) for t in oracle["statements"]} | {
        ("argument", t) for t in oracle["arguments"]}
    ours = {(r.source, r.target, r.relation, r.undercuts or "") for r in amap.relations()}
    assert ours == _expected_relations(oracle, ids)
    return ids


def _expected_relations(oracle: dict, ids: dict) -> set:
    """argmap's relations implied by the CLI's JSON: explicit relations by the documented
    mapping, plus premise -> argument -> conclusion supports from each PCS."""
    def node(title, kind):  # an undercut of an inference names the argument
        return ids[("argument" if kind in ("argument", "inference") else "statement", title)]
    edges = set()
    for title, argument in oracle["arguments"].items():
        for member in argument.get("pcs", []):
            statement = ids[("statement", member["title"])]
            edges.add((node(title, "argument"), statement, "support", "")
                      if member["role"] == "main-conclusion"
                      else (statement, node(title, "argument"), "support", ""))
    undercuts = []
    for r in oracle["relations"]:
        source, target = node(r["from"], r["fromType"]), node(r["to"], r["toType"])
        if r["relationType"] == "undercut":
            undercuts.append((source, target))
            continue
        edges.add((source, target, TYPES[r["relationType"]], ""))
        if r["relationType"] == "contradictory":
            edges.add((target, source, "rebut", ""))
    for source, target in undercuts:
        conclusions = {t for s, t, rel, _ in edges if s == target and rel != "undercut"}
        edges.add((source, conclusions.pop(), "undercut", target) if len(conclusions) == 1
                  else (source, target, "rebut", ""))
    return edges


@pytest.mark.parametrize("fixture", shared_files("argdown", "*.argdown"), ids=lambda p: p.name)
def test_real_argdown_files_match_the_cli_oracle(fixture: Path):
    amap = argdown.read(fixture.read_text(encoding="utf-8"), str(fixture))
    oracle = json.loads(Path(f"{fixture}.json").read_text(encoding="utf-8"))
    ids = assert_read_as_the_cli_reads(amap, oracle)
    assert {ids[("argument", t)] for t in oracle["arguments"]} == {
        n for n, kind in amap.graph.nodes(data="kind") if kind == "argument"}


def test_fixture_details_are_read(shared):
    folder = shared / "fixtures" / "argdown"
    escaped = argdown.read((folder / "model-escaped-chars.argdown").read_text())
    assert escaped.claim("A")["text"] == "[text] text"
    primer = argdown.read((folder / "argdown-primer.argdown").read_text())
    assert primer.claim("Statement-1")["tags"] == ["Another tag"]
    assert primer.claim("Statement-1")["meta"]["section"] == "Argdown Basics"
    assert primer.claim("Intro")["text"].startswith("Argdown is a simple syntax for defining "
                                                    "argumentative structures")
    censorship = argdown.read((folder / "state-censorship.argdown").read_text())
    assert censorship.title == "Censorship from the State"


def test_undercuts_resolve_to_the_attacked_inference_or_a_noted_rebut():
    amap = argdown.read((DATA / "argdown" / "undercuts.argdown").read_text())
    relations = {(r.source, r.target, r.relation, r.undercuts) for r in amap.relations()}
    assert ("Doubt", "Thesis", "undercut", "Reason") in relations
    # Objection argues about two claims, so the inference Skeptic attacks is ambiguous.
    assert ("Skeptic", "Objection", "rebut", None) in relations
    assert amap.claim("Skeptic")["meta"]["undercuts"] == ["Objection"]
    assert amap.theses() == ["Thesis"]
    again = argdown.read(argdown.write(amap))
    assert graph_signature(again) == graph_signature(amap)
    assert again.claim("Skeptic")["meta"]["undercuts"] == ["Objection"]


@pytest.mark.parametrize("name, line, column", [
    ("unclosed-bracket", 3, 1), ("unterminated-comment", 3, 1),
    ("relation-after-empty-line", 3, 5),
    ("unterminated-front-matter", 1, 1), ("bad-relation", 2, 4), ("bad-indent", 2, 1),
    ("pcs-without-inference", 4, 5), ("missing-empty-line", 3, 1)])
def test_syntax_errors_are_located(name, line, column):
    path = DATA / "argdown" / f"{name}.argdown"
    with pytest.raises(ParseError) as caught:
        argdown.read(path.read_text(), str(path))
    assert (caught.value.location.line, caught.value.location.column) == (line, column)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=12), st.sampled_from(
    ["[", "]", "<", ">", ":", "\n", "  ", "+ ", "- ", "<_ ", "_> ", "><", "(1) ", "--", "===",
     "/*", "*/", "<!--", "-->", "//", "#", "#(", "{", "}", "\\", "*", "_", "1. ", "* "]
    + HOSTILE)), max_size=40).map("".join))
def test_any_text_reads_or_fails_cleanly(text):
    try:
        argdown.read(text, "random.argdown")
    except ArgmapError:
        pass


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow])
@given(argmaps())
def test_round_trip_keeps_claims_texts_and_relations(amap):
    again = argdown.read(argdown.write(amap))
    assert_same_map(again, amap)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1).filter(
    lambda s: s.strip()))
def test_escaped_text_reads_back_unless_it_has_line_breaks(text):
    single_line = "\n" not in text and "\r" not in text and "\u2028" not in text \
        and "\u2029" not in text and text == text.strip(" \t")
    if single_line:
        assert argdown.decode(argdown.escape(text))[0] == text


def test_sample_debate_file_is_up_to_date():
    expected = argdown.write(load(SAMPLE))
    assert GENERATED.read_text(encoding="utf-8") == expected, (
        f"{GENERATED.relative_to(ROOT)} is stale; run scripts/regenerate")


def test_registered_by_suffix_and_sniffed():
    fmt = get_format("argdown")
    assert fmt.suffixes == (".argdown", ".ad") and fmt.sniff("[T]: text\n")
    assert not fmt.sniff("argmap: 1\nclaims:\n  a:\n    text: x\n")


# -- the real Argdown CLI as an oracle for what argmap writes -------------------------------
def _run_cli(documents: dict[str, str], tmp_path: Path) -> dict[str, dict]:
    """``argdown json`` on several documents in one run (the CLI is slow to start)."""
    if not ARGDOWN_CLI.exists():
        pytest.fail("the Argdown CLI is not installed; run scripts/test, which installs it "
                    "into .cache/argdown")
    source, out = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    for name, text in documents.items():
        (source / f"{name}.argdown").write_text(text, encoding="utf-8")
    done = subprocess.run([str(ARGDOWN_CLI), "json", str(source / "*.argdown"), str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    results = {}
    for name in documents:
        assert (out / f"{name}.json").exists(), done.stdout + done.stderr
        results[name] = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    return results


def _check_against_cli(amap, oracle: dict) -> None:
    """The CLI sees every claim under its title, with argmap's text (where the writer did
    not need ``{argmap: {text}}``), and every relation argmap wrote."""
    again = argdown.read(argdown.write(amap))
    ids = _titles(again)
    assert set(ids) == {("statement", t) for t in oracle["statements"]} | {
        ("argument", t) for t in oracle["arguments"]}
    for (kind, title), cid in ids.items():
        members = (oracle["statements"] if kind == "statement" else
                   oracle["arguments"])[title]["members"]
        defining = next(m for m in members if m.get("text", "").strip())
        exact = (defining.get("data") or {}).get("argmap", {}).get("text")
        text = amap.claim(cid)["text"]
        if exact is not None:
            assert exact == text
        else:  # Argdown keeps the trailing #tags (and the space before {data}) in the text
            assert defining["text"].startswith(text), (title, defining["text"])
            assert TRAILING_MARKS.fullmatch(defining["text"][len(text):]), defining["text"]
    assert ({(r.source, r.target, r.relation, r.undercuts or "") for r in again.relations()}
            == _expected_relations(oracle, ids))


def test_the_argdown_cli_reads_what_argmap_writes(tmp_path):
    sample = load(SAMPLE)
    maps = {"sample": sample}
    drawn = []

    @settings(max_examples=6, database=None, phases=[Phase.generate])
    @given(argmaps(max_claims=8))
    def collect(amap):
        drawn.append(amap)

    collect()
    maps.update({f"random{i}": amap for i, amap in enumerate(drawn)})
    results = _run_cli({name: argdown.write(amap) for name, amap in maps.items()}, tmp_path)
    for name, amap in maps.items():
        _check_against_cli(amap, results[name])


# -- conformance: the Argdown project's own documents, read by argmap and by the CLI -------
@pytest.fixture(scope="module")
def cli_json(tmp_path_factory) -> dict[str, dict]:
    """The Argdown CLI's JSON for every document of the conformance corpus (one run)."""
    documents = {path.stem: path.read_text(encoding="utf-8")
                 for path in sorted(CONFORMANCE.glob("*.argdown"))}
    return _run_cli(documents, tmp_path_factory.mktemp("conformance"))


@pytest.mark.parametrize("document", sorted(CONFORMANCE.glob("*.argdown")), ids=lambda p: p.stem)
def test_conformance_corpus_reads_as_the_cli_reads_it(document: Path, cli_json):
    oracle = cli_json[document.stem]
    amap = argdown.read(document.read_text(encoding="utf-8"), str(document))
    assert_read_as_the_cli_reads(amap, oracle)


def test_conformance_corpus_exercises_each_case_the_issue_names():
    """The corpus still holds a file for each reading that once differed from the CLI."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in CONFORMANCE.glob("*.argdown")}
    assert re.search(r"^\[[^\]]+\]\(", texts["docs-syntax-index-09"], re.M)  # link first
    assert "{\nsources:" in texts["docs-syntax-index-14"]  # block-style data
    assert "-----\n    <_" in texts["docs-syntax-index-48"]  # undercut below an inference
    assert "(3) s3\n    <_" in texts["docs-syntax-index-54"]  # undercut below a conclusion
    assert "explodeArguments: true" in texts["docs-guide-creating-statement-and-argument-nodes-16"]
    assert "\n # I am a group" in texts["docs-guide-elements-of-an-argument-map-01"]
    assert "mode: strict" in texts["own-strict-both-ways"]


def test_self_attack_is_legal_in_argdown(tmp_path):
    path = CONFORMANCE / "own-self-attack.argdown"
    amap = load(path)
    assert {(r.source, r.target, r.relation) for r in amap.relations()} == {
        ("Liar", "Liar", "rebut"), ("Paradox", "Paradox", "rebut")}


def test_includes_are_followed_once_with_locations():
    path = DATA / "argdown" / "include" / "main.argdown"
    amap = argdown.read(path.read_text(), str(path))
    assert {(r.source, r.target, r.relation) for r in amap.relations()} == {
        ("Reason", "Thesis", "support"), ("Reason", "Objection", "rebut")}
    assert amap.claim("Reason")["text"] == "A reason, defined in an included file."
    objection = amap.claim("Objection")  # located where it first occurs
    assert objection["meta"]["file"].endswith("parts/objections.argdown")
    assert objection["line"] == 1
    assert "file" not in amap.claim("Thesis")["meta"] and amap.claim("Thesis")["line"] == 3


@pytest.mark.parametrize("name, where, message", [
    ("include-cycle/include-test", "_partial2.argdown:3:1", "(a cycle)"),
    ("include/missing", "missing.argdown:3:3", "no such file")])
def test_bad_includes_are_refused_at_the_include(name, where, message):
    path = DATA / "argdown" / f"{name}.argdown"
    with pytest.raises(ParseError) as caught:
        argdown.read(path.read_text(), str(path))
    assert str(caught.value.location).endswith(where) and message in caught.value.message


def test_include_refuses_what_is_not_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "main.argdown").write_text("[A]: a\n\n@include(pipe)\n")
    with pytest.raises(ParseError, match="not a regular file"):
        argdown.read((tmp_path / "main.argdown").read_text(), str(tmp_path / "main.argdown"))


def test_include_needs_a_file():
    with pytest.raises(ParseError, match="@include needs"):
        argdown.read("[A]: a\n\n@include(b.argdown)\n")


@pytest.mark.parametrize("text", ["@include(", "see @include(b.argdown) here"])
def test_text_that_reads_like_an_include_is_text_read_from_a_string(text):
    """argmap writes ``@`` escaped, so such text needs no file to read back."""
    amap = argmap.ArgMap(title="t")
    amap.add_claim("a", text, kind="thesis")
    assert argmap.loads(argmap.dumps(amap, "argdown"), "argdown").claim("a")["text"] == text


FLOOD_CPU_SECONDS = 20
FLOODS = ["[", "{", "#(", "[a](", "{a", "[a]", "<a", "{\n", "[\n"]


def test_floods_of_openers_read_in_linear_time():
    """Lines made of 300,000 characters of one unclosed opener each read within a CPU-time
    limit (setrlimit, so the machine's load does not matter) that quadratic scanning
    (issue 9: 40,000 characters took 40 s) would exceed by orders of magnitude."""
    script = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_CPU, ({FLOOD_CPU_SECONDS}, {FLOOD_CPU_SECONDS}))\n"
        "from argmap.errors import ArgmapError\n"
        "from argmap.formats import argdown\n"
        f"for opener in {FLOODS!r}:\n"
        "    try:\n"
        "        argdown.read('a ' + opener * (300000 // len(opener)))\n"
        "    except ArgmapError:\n"
        "        pass\n"
        "print('done')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0 and done.stdout == "done\n", done.stderr[-500:]
