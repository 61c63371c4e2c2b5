"""The line-based fast path for argmap's own layout: exactly what the YAML path builds, or
nothing at all (so the YAML path reads the file and reports its problems)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap.formats import native
from argmap.formats.native import _fastyaml
from tests.conftest import DATA, ROOT, SAMPLE
from tests.strategies import argmaps, outside_folded_text

YAML_FILES = sorted([*DATA.rglob("*.yaml"), *DATA.rglob("*.yml"),
                     *(ROOT / "arguments").glob("*.yaml")])
comments = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=20)


def composed(text: str):
    """What the YAML path makes of ``text``: the map (``None`` if it raised) and the problems."""
    reader = native._Reader("m.yaml")
    try:
        amap = reader.read(text)
    except native.ParseError as exc:
        return None, [exc]
    return amap, reader.problems


def assert_same(fast, slow) -> None:
    assert list(fast.graph.nodes(data=True)) == list(slow.graph.nodes(data=True))
    assert (list(fast.graph.edges(keys=True, data=True))
            == list(slow.graph.edges(keys=True, data=True)))
    assert fast.graph.graph == slow.graph.graph
    assert list(fast.perspectives) == list(slow.perspectives)
    assert list(fast.sources) == list(slow.sources)
    assert fast.path == slow.path


def assert_fast_path_taken(text: str) -> None:
    """The fast path reads ``text`` and builds exactly the clean YAML read's map."""
    assert _fastyaml.read(text, "m.yaml") is not None
    assert_fast_or_fallback(text)


def assert_fast_or_fallback(text: str) -> None:
    """The fast path either declines or matches a clean YAML read exactly."""
    fast = _fastyaml.read(text, "m.yaml")
    if fast is not None:
        slow, problems = composed(text)
        assert problems == []
        assert_same(fast, slow)


MODELINE = "# yaml-language-server: $schema=../schema/argmap.schema.json"


@settings(deadline=None)
@given(argmaps(), st.booleans())
def test_writer_output_takes_the_fast_path_and_reads_identically(amap, modeline):
    assert_fast_path_taken(native.write(amap, modeline=MODELINE if modeline else None))


@settings(deadline=None)
@given(argmaps(), st.data())
def test_comments_blank_lines_and_crlf_keep_the_fast_path(amap, data):
    lines = native.write(amap).splitlines()
    for _ in range(data.draw(st.integers(0, 6))):
        at = data.draw(st.sampled_from(outside_folded_text(lines)))
        filler = data.draw(st.one_of(
            st.builds(lambda indent, note: " " * indent + "#" + note,
                      st.integers(0, 8), comments),
            st.integers(0, 8).map(" ".__mul__)))
        lines.insert(at, filler)
    newline = data.draw(st.sampled_from(["\n", "\r\n"]))
    assert_fast_path_taken(newline.join(lines) + newline)


@settings(deadline=None)
@given(argmaps(max_claims=5), st.data())
def test_edited_text_is_read_identically_or_left_to_yaml(amap, data):
    """Lines deleted, repeated, re-indented or replaced: never a guessed map."""
    lines = native.write(amap).splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(lines) - 1))
        edit = data.draw(st.sampled_from(["delete", "repeat", "indent", "dedent", "replace",
                                          "truncate"]))
        if edit == "delete":
            del lines[at]
        elif edit == "repeat":
            lines.insert(at, lines[at])
        elif edit == "indent":
            lines[at] = " " + lines[at]
        elif edit == "dedent":
            lines[at] = lines[at][1:]
        elif edit == "truncate":
            lines[at] = lines[at][:data.draw(st.integers(0, len(lines[at])))]
        else:
            lines[at] = data.draw(st.sampled_from([
                "    text: null", "    weight: 2", "    kind: opinion", "    side: both",
                "  Not a slug:", "    supports: []", "    text: 'single'",
                "    text: |", "    supports: [a,b]", "    tags: [~]", "      - A->B",
                "      - {from: a}", "    undercuts: {from: a, to: b}", "title: &a x",
                "    text: a # comment", "    rebuts: !!str x", "---", "claims:",
                "    text: \"\\q\"", "    text: \"\\ud800\"", "    note: \"a\" b",
                "    text: a\tb", "  c1: {text: x}", "    source: s", "argmap: 2",
                "    supports:", "      x: ~", "      x: [a]", "    bogus: x"]))
        if not lines:
            break
    assert_fast_or_fallback("\n".join(lines) + "\n")


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_sample_file_reads_the_same_either_way(path: Path):
    assert_fast_or_fallback(path.read_bytes().decode("utf-8", errors="replace"))


def test_the_sample_debate_rewritten_takes_the_fast_path():
    """Quotes written as block mappings are left to the composer for now (a 77-claim map
    reads in milliseconds either way), so the fast path is checked without them."""
    text = SAMPLE.read_text(encoding="utf-8")
    amap = native.read(text)
    assert_fast_or_fallback(native.write(amap))
    for _, data in amap.graph.nodes(data=True):
        data.pop("quotes", None)
    assert_fast_path_taken(native.write(amap))


@pytest.mark.parametrize("text", [
    "claims:\n  a:\n    text: \"\\x41\\u00e9\\U0001F600\\\\\\\"\\n\\t\\0\\e\\N\\_\\L"
    "\\P\\/\\ \\a\\b\\v\\f\\r\"\n",
    "\ufeffclaims:\n  a:\n    text: x\n",
    "argmap: \"1\"\nclaims:\n  a:\n    text: x\n    supports:\n      b:\n      \"c\": \"n\"\n",
    "claims: {}\n",
])
def test_hand_written_variants_the_fast_path_reads(text):
    assert_fast_path_taken(text)


@pytest.mark.parametrize("text", [
    "perspectives:\n  a: b\n",  # no claims: the YAML path reports it
    "claims:\n  a:\n    text: 'single'\n",
    "claims:\n  a:\n    text: x\n    text: y\n",
    "claims:\n  a:\n    text: >\n      folded\n",
    "claims:\n  a:\n    text: x\n      continued\n",
    "claims:\n  a:\n    text: \"\\ud800\"\n",
    "claims:\n  a:\n    text: x\n    supports: [b]\n    source: s\n    sources: [t]\n",
    "claims:\n  a:\n   text: x\n",
    "claims:\n  a:\n    text: x\r    note: y\n",
])
def test_anything_unusual_is_left_to_the_yaml_path(text):
    assert _fastyaml.read(text, "m.yaml") is None


def _mutate(line: str, data) -> str:
    """One small change of the kind hand edits and other tools make to a line."""
    at = data.draw(st.integers(0, len(line)))
    edit = data.draw(st.sampled_from(["trailing space", "break", "single quotes",
                                      "double quotes", "space after colon", "tab"]))
    if edit == "trailing space":
        return line + data.draw(st.sampled_from([" ", "  ", " \t", " # c"]))
    if edit == "break":
        return line[:at] + data.draw(st.sampled_from(["\u2028", "\u2029", "\x85", "\r",
                                                      "\r\n", "\n"])) + line[at:]
    if edit == "tab":
        return line[:at] + "\t" + line[at:]
    key, colon, value = line.partition(": ")
    if not colon:
        return line + " " if line.endswith(":") else line
    if edit == "space after colon":
        return key + ":  " + value
    if edit == "single quotes":
        return f"{key}: '{value}'"
    return f'{key}: "{value}"'


@settings(max_examples=300, deadline=None)
@given(argmaps(max_claims=5), st.data())
def test_mutated_files_read_identically_or_are_left_to_yaml(amap, data):
    """Differential fuzz against the composer: trailing spaces (``supports: `` before a
    block list once crashed the fast path), line separators, quoting, tabs."""
    lines = native.write(amap).splitlines()
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(lines) - 1))
        lines[at] = _mutate(lines[at], data)
        if data.draw(st.booleans()):  # a field that holds a block list after the colon
            lines[at:at] = data.draw(st.sampled_from([
                ["    supports: ", "    - x"], ["    rebuts: ", "      - x"],
                ["    tags: ", "    - t"], ["    undercuts: ", "      - a->b"]]))
    assert_fast_or_fallback("\n".join(lines) + "\n")


@pytest.mark.parametrize("line", ["    supports: ", "    tags: ", "    text: ", "title: "])
def test_a_key_with_only_a_space_after_it_is_left_to_the_yaml_path(line):
    text = f"claims:\n  a:\n    text: x\n{line}\n    - b\n" if line.startswith(" ") else \
        f"{line}\nclaims:\n  a:\n    text: x\n"
    assert _fastyaml.read(text, "m.yaml") is None


def test_quotes_lint_settings_and_entry_positions_take_the_fast_path():
    text = native.write(argmap.load(DATA / "lint" / "silenced.yaml"))
    assert_fast_path_taken(text)
    fast = _fastyaml.read(text, "m.yaml")
    slow = native._Reader("m.yaml").read(text)
    assert fast.entry_positions == slow.entry_positions
    spare = text.split("\n").index("  spare: {title: A source nobody cites}") + 1
    assert fast.entry_positions["sources/spare"] == (spare, 3)
