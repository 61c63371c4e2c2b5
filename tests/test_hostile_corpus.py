"""Every file of the hostile corpus (``data/hostile``) through every command: a one-line
located error or a result, never a traceback, a hang or an output argmap then rejects.

The corpus holds one file per class of input that once broke argmap: alias bombs and
recursive aliases, nesting past libyaml's limit and past what JSON writers recurse
through, a chain deeper than Python's recursion limit, a lattice with 2^40 paths, values of
the wrong type or out of range in JSON and GraphML, NaN, lone surrogates, characters XML
forbids, ids that are not slugs, GraphML nodes without ids and edges to nowhere, numbers
of thousands of digits, declared sizes far beyond the file, terminal escape sequences."""

from __future__ import annotations

import json
import re

import pytest

from argmap.formats import get_format

from .conftest import DATA

CORPUS = sorted(p for p in (DATA / "hostile").iterdir() if p.is_file())
TARGETS = ["yaml", "json", "graphml", "aif", "argdown", "kialo", "apx", "tgf", "i23", "dot"]
TERMINAL_ACTS_ON = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ONE_LINE = re.compile(r"[^\n]+: (error|warning): [^\n]+\Z|error: [^\n]+\Z")

# What ``check`` must say of each file refused (first line; ``None``: the file is fine).
REFUSED = {
    "alias-bomb.argdown": ":7:1: error: front matter is not valid YAML: aliases expand",
    "alias-bomb.caes.yml": ":6:4: error: YAML error: aliases expand this file past",
    "alias-bomb.yaml": ":6:4: error: YAML error: aliases expand this file past",
    "alias-recursive.caes.yml": ":1:13: error: YAML error: an alias refers to a node",
    "deep-meta.caes.yml": ":1:411: error: data nested deeper than 100 levels",
    "deep-nesting.caes.yml": ":2:1004: error: YAML syntax error: exceeded maximum nesting",
    "huge-declared.i23": ":1:1: error: 'p af 50000000' declares more than 1,000,000",
    "huge-number.kialo": ":4:1: error: claim 1.9999",
    "lone-surrogate.json": ":24:14: error: a string holds U+D83D, a lone surrogate",
    "node-without-id.graphml": ":7:1: error: a node without an id",
    "undeclared-edge.graphml": ":8:1: error: an edge names 'ghost'",
    "strength-nan.json": ":12:16: error: invalid JSON: NaN and Infinity",
    "strength-text.json": ": error: nodes[0].strength must be a number, not a string",
    "aif-attribute.json": ": error: graph.aif must be an object, not a string",
    "xml-forbidden.json": ": error: the text of claim 't' holds U+0007",
    "terminal-controls.yaml": ": error: the map's title holds U+001B",
    "weight-text.graphml": ": error: node['t'].weight must be a number",
}


def answer(cli, *args):
    """``cli(*args)``, checked to exit 0 or 1 without a traceback (an exception that escapes
    the command fails the test)."""
    result = cli(*args)
    assert result.exit_code in (0, 1), (args, result.exit_code, result.output)
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_check_show_and_evaluate_answer_in_one_line_each(cli, path):
    check = answer(cli, "check", "-q", path)
    errors = [line for line in check.stderr.splitlines() if line]
    assert all(ONE_LINE.match(line) for line in errors), errors
    expected = REFUSED.get(path.name)
    if expected is not None:
        assert check.exit_code == 1 and errors[0].startswith(str(path) + expected[:1]) \
            and expected in errors[0], errors
    for command in (["show"], ["evaluate"], ["evaluate", "--json"]):
        result = answer(cli, *command, path)
        assert result.exit_code == check.exit_code or check.exit_code == 0
        assert not TERMINAL_ACTS_ON.search(result.stdout)


def test_json_output_is_inert_on_a_terminal_and_exact_when_parsed(cli):
    """C1 controls, DEL and bidi overrides are JSON ``\\u`` escapes: nothing a terminal acts
    on is printed, and a JSON reader gets the characters back."""
    path = DATA / "hostile" / "terminal-c1.yaml"
    result = answer(cli, "explain", path, "t", "--json")
    assert result.exit_code == 0 and not TERMINAL_ACTS_ON.search(result.stdout)
    summary = json.loads(result.stdout)["summary"]
    assert "CSI \x9b31mred\x9b0m DEL \x7f" in summary and "RLO \u202e gnp.exe" in summary


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_export_is_refused_in_one_line_or_reads_back(cli, path, tmp_path):
    if path.name in REFUSED:
        targets = TARGETS[:2]  # refused on reading: the target does not matter
    else:
        targets = TARGETS
    for target in targets:
        out = tmp_path / f"out.{target}"
        result = answer(cli, "export", path, "-o", out, "--to", target)
        if result.exit_code:
            assert ONE_LINE.match(result.stderr.strip().splitlines()[0]), result.stderr
            assert not out.exists()
        elif get_format(target).read is not None:
            back = answer(cli, "check", "-q", "--from", target, out)
            assert back.exit_code == 0, (target, back.stderr, out.read_text()[:500])


def test_the_corpus_covers_each_class():
    names = {path.name for path in CORPUS}
    assert set(REFUSED) <= names
    assert {"deep-chain.yaml", "lattice.yaml", "terminal-c1.yaml", "non-slug-ids.json",
            "supports-and-undercuts.json"} <= names
