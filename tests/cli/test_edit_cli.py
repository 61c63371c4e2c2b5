"""The editing commands end to end through click: golden before/after files for every
command (plain, CRLF and BOM variants), dry runs, refusals that leave the file as it was,
``new``, ``show`` and shell completion of claim ids."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from argmap import load
from argmap.cli import main
from argmap.formats.native import read

from ..conftest import DATA

EDIT = DATA / "edit"
BEFORE = (EDIT / "before.yaml").read_bytes()
CASES = sorted(p.name for p in EDIT.iterdir() if (p / "args").is_file())
VARIANTS = {"lf": lambda b: b, "crlf": lambda b: b.replace(b"\n", b"\r\n"),
            "bom": lambda b: b"\xef\xbb\xbf" + b, "bom-crlf": lambda b: b"\xef\xbb\xbf" +
            b.replace(b"\n", b"\r\n")}


def case_before(case: str) -> bytes:
    """The file a case starts from: its own before.yaml, else the shared one."""
    own = EDIT / case / "before.yaml"
    return own.read_bytes() if own.is_file() else BEFORE


def case_args(case: str, path: Path) -> list[str]:
    command, *rest = (EDIT / case / "args").read_text().splitlines()
    return [*command.split(), str(path), *rest]


def on_file(path: Path, args: list[str]) -> list[str]:
    """``args`` (a command's words, then its arguments) with FILE put after the command."""
    words = 2 if args[0] in ("source", "perspective") else 1
    return [*args[:words], str(path), *args[words:]]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("case", CASES)
def test_golden(cli, tmp_path, case, variant):
    """Each command changes exactly what after.yaml shows, keeping BOM and line endings."""
    convert = VARIANTS[variant]
    path = tmp_path / "map.yaml"
    path.write_bytes(convert(case_before(case)))
    result = cli(*case_args(case, path))
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == convert((EDIT / case / "after.yaml").read_bytes())


@pytest.mark.parametrize("case", CASES)
def test_dry_run_prints_the_diff_and_writes_nothing(cli, tmp_path, case):
    """The printed diff is a real patch: ``patch`` turns the file into after.yaml."""
    path = tmp_path / "map.yaml"
    path.write_bytes(case_before(case))
    result = cli(*case_args(case, path), "--dry-run")
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == case_before(case)
    subprocess.run(["patch", "-s", str(path)], input=result.output.encode(), check=True)
    assert path.read_bytes() == (EDIT / case / "after.yaml").read_bytes()


def test_edit_keeps_the_file_mode(cli, tmp_path):
    path = tmp_path / "map.yaml"
    path.write_bytes(BEFORE)
    path.chmod(0o640)
    assert cli("set", path, "lane", "note", "n").exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


REFUSALS = [
    (["add", "lane", "--text", "again"], "claim 'lane' already exists"),
    (["add", "bad id", "--text", "x"], "not a slug"),
    (["link", "cheap", "supports", "nowhere"], "unknown claim 'nowhere'"),
    (["link", "cheap", "supports", "cheap"], "supports itself"),
    (["link", "cheap", "rebuts", "lane"], "both supports and rebuts"),
    (["link", "cheap", "supports", "lane"], "already supports"),
    (["link", "cheap", "undercuts", "lane"], "names a relation"),
    (["link", "cheap", "undercuts", "crash-data->lane"], "not a support or rebut"),
    (["unlink", "cheap", "crash-data"], "no relation"),
    (["unlink", "parking-loss", "lane"], "undercut by spaces-unused; use --cascade"),
    (["link", "cheap", "undercuts", "crash-data-"], "quote an undercut target"),
    (["link", "cheap", "supports", "lane"], "give --note"),
    (["untag", "cheap", "nope"], "has no tag 'nope'"),
    (["set", "cheap", "--weight", "2"], "weight must be a number"),
    (["add", "x", "--text", "x", "--supports", "lane", "--undercuts", "a->b"], "unknown claim"),
    (["set", "cheap", "weight", "3"], "weight must be a number"),
    (["set", "cheap", "weight", "heavy"], "weight must be a number"),
    (["set", "cheap", "perspective", "nowhere"], "unknown perspective"),
    (["set", "cheap", "source", "nowhere"], "unknown source"),
    (["set", "lane", "kind", "claim"], "no thesis"),
    (["set", "nobody", "note", "x"], "unknown claim 'nobody' (known: lane,"),
    (["unset", "cheap", "note"], "has no note"),
    (["rename", "cheap", "lane"], "already exists"),
    (["rename", "cheap", "not a slug"], "not a slug"),
    (["rm", "parking-loss"], "referenced by more-cyclists (rebuts), spaces-unused"),
    (["rm", "nobody"], "unknown claim 'nobody'"),
    (["source", "add", "survey", "--title", "x"], "source 'survey' already exists"),
    (["source", "add", "bad id", "--title", "x"], "not a slug"),
    (["source", "add", "press"], "source 'press' needs a title"),
    (["source", "set", "nobody", "title", "x"], "unknown source 'nobody'"),
    (["source", "rename", "study", "survey"], "source 'survey' already exists"),
    (["source", "rm", "study"], "used by fewer-crashes, crash-data; use --cascade"),
    (["perspective", "add", "safety", "x"], "perspective 'safety' already exists"),
    (["perspective", "rename", "nowhere", "x"], "unknown perspective 'nowhere'"),
    (["perspective", "rm", "trade"], "used by parking-loss, more-cyclists"),
]


@pytest.mark.parametrize("args, message", REFUSALS, ids=[" ".join(a) for a, _ in REFUSALS])
def test_refusal_leaves_the_file_unchanged(cli, tmp_path, args, message):
    path = tmp_path / "map.yaml"
    path.write_bytes(BEFORE)
    result = cli(*on_file(path, args))
    assert result.exit_code == 1
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert "Traceback" not in result.output
    assert path.read_bytes() == BEFORE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.yaml"]  # no temp files


def test_refuses_to_edit_other_formats(cli, tmp_path):
    path = tmp_path / "map.json"
    path.write_text('{"claims": {}}')
    result = cli("add", path, "x", "--text", "x")
    assert result.exit_code == 1 and "native YAML" in result.output
    assert path.read_text() == '{"claims": {}}'


def test_new_then_build_a_map(cli, tmp_path):
    path = tmp_path / "debate.yaml"
    assert cli("new", path, "--title", "Tax: yes or no?", "--perspective", "cost=Public cost",
               "--perspective", "fair=Fairness, mostly").exit_code == 0
    text = path.read_text()
    assert text.startswith("argmap: 1\n") and "claims: {}" in text  # no schema: no modeline
    assert cli("add", path, "tax", "--text", "Tax it.", "--kind", "thesis").exit_code == 0
    assert cli("add", path, "cheap", "--text", "It's cheap.", "--perspective", "cost",
               "--supports", "tax").exit_code == 0
    amap = load(path)
    assert amap.title == "Tax: yes or no?"
    assert amap.perspectives == {"cost": "Public cost", "fair": "Fairness, mostly"}
    assert [(r.source, r.target, r.relation) for r in amap.relations()] == [
        ("cheap", "tax", "support")]
    assert path.read_text() == (EDIT / "new-then-add.yaml").read_text()


def test_new_refuses_to_overwrite(cli, tmp_path):
    path = tmp_path / "map.yaml"
    path.write_bytes(BEFORE)
    result = cli("new", path, "--title", "t")
    assert result.exit_code == 1 and "already exists" in result.output
    assert path.read_bytes() == BEFORE


def test_fmt_check(cli, tmp_path):
    path = tmp_path / "map.yaml"
    path.write_bytes(BEFORE)
    result = cli("fmt", path, "--check")
    assert result.exit_code == 1 and result.output.startswith("--- a/")
    assert path.read_bytes() == BEFORE
    assert cli("fmt", path).exit_code == 0
    assert cli("fmt", path, "--check").output == ""
    assert cli("fmt", path, "--check").exit_code == 0


def test_show_tree_plain_when_not_a_terminal(cli, tmp_path):
    result = cli("show", EDIT / "before.yaml")
    assert result.exit_code == 0
    assert "\x1b[" not in result.output
    assert result.output.splitlines()[:3] == [
        "lane: The town should build a bike lane on Main Street.",
        "    [+] fewer-crashes: Separated lanes cut crashes between cars and bikes, which is "
        "what the survey respondents fear most.",
        '        [+] crash-data: The study counted 14 crashes in five years: "mostly at dusk".']
    assert "            [x] spaces-unused:" not in result.output
    assert "        [x] spaces-unused: Half of those spaces" in result.output


def test_show_one_claim_with_depth(cli, tmp_path):
    result = cli("show", EDIT / "before.yaml", "parking-loss", "--depth", "1")
    assert result.output.splitlines() == [
        "parking-loss: Shops lose 30 parking spaces \u2014 and customers.",
        "    [-] more-cyclists: Cyclists shop locally too",
        "    [-] spaces-unused: Half of those spaces are empty on weekdays."]


def test_show_colours_only_when_allowed(monkeypatch):
    lines = _show_with_tty(monkeypatch, no_color=False)
    assert "\x1b[32m" in lines and "\x1b[31m" in lines  # pro green, con red
    assert "\x1b[" not in _show_with_tty(monkeypatch, no_color=True)


def _show_with_tty(monkeypatch, no_color: bool) -> str:
    """Run ``show`` with standard output claiming to be a terminal."""
    import io
    import sys

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        main(["show", str(EDIT / "before.yaml")])
    assert exit_info.value.code == 0
    return terminal.getvalue()


def test_show_reads_any_format(cli, tmp_path):
    path = tmp_path / "map.json"
    assert cli("convert", EDIT / "before.yaml", path).exit_code == 0
    assert cli("show", path).output == cli("show", EDIT / "before.yaml").output


@pytest.mark.parametrize("contents", [None, b"", b"\xff\xfe", b"claims: [", b"- a\n",
                                      b"claims: 3\n"])
def test_completion_never_raises(tmp_path, contents):
    from argmap.cli.edit import complete_claim_ids
    path = tmp_path / "map.yaml"
    if contents is not None:
        path.write_bytes(contents)
    ctx = main.make_context("argmap", ["rm", str(path), "x"], resilient_parsing=True)
    command = main.get_command(ctx, "rm")
    sub = command.make_context("rm", [str(path)], parent=ctx, resilient_parsing=True)
    assert complete_claim_ids(sub, None, "") == []


def test_completion_offers_claim_ids(tmp_path):
    from argmap.cli.edit import complete_claim_ids
    ctx = main.make_context("argmap", ["rm"], resilient_parsing=True)
    sub = main.get_command(ctx, "rm").make_context(
        "rm", [str(EDIT / "before.yaml")], parent=ctx, resilient_parsing=True)
    assert [c.value for c in complete_claim_ids(sub, None, "c")] == ["crash-data", "cheap"]


def test_completion_through_the_shell_protocol(cli, tmp_path):
    """What bash completion actually runs: ``_ARGMAP_COMPLETE=bash_complete``."""
    env = {"_ARGMAP_COMPLETE": "bash_complete", "COMP_WORDS":
           f"argmap link {EDIT / 'before.yaml'} more", "COMP_CWORD": "3"}
    result = cli(env=env, prog_name="argmap")
    assert result.output.split() == ["plain,more-cyclists"]


@pytest.mark.parametrize("words, offered", [
    ("add {file} x --text t --perspective ", ["safety", "trade", "cost"]),
    ("set {file} cheap --source s", ["survey", "study"]),
    ("source rm {file} ", ["survey", "study"]),
    ("perspective rename {file} t", ["trade"]),
])
def test_completion_of_perspective_and_source_ids(cli, words, offered):
    words = words.format(file=EDIT / "before.yaml")
    env = {"_ARGMAP_COMPLETE": "bash_complete", "COMP_WORDS": "argmap " + words,
           "COMP_CWORD": str(len(words.split()) + (words.endswith(" ")))}
    result = cli(env=env, prog_name="argmap")
    assert result.output.split() == [f"plain,{o}" for o in offered]


def test_two_targets_are_an_undercut_only(cli, tmp_path):
    path = tmp_path / "map.yaml"
    path.write_bytes(BEFORE)
    result = cli("link", path, "cheap", "supports", "lane", "x")
    assert result.exit_code == 2 and "supports takes one target" in result.output
    assert path.read_bytes() == BEFORE


def test_a_map_under_construction_needs_no_thesis_yet(cli, tmp_path):
    """Claims can be added before the thesis; check still reports the missing thesis, and
    an edit that would remove the only thesis of a map is still refused."""
    path = tmp_path / "debate.yaml"
    assert cli("new", path, "--title", "T").exit_code == 0
    assert cli("add", path, "a", "--text", "A").exit_code == 0
    assert cli("add", path, "b", "--text", "B", "--supports", "a").exit_code == 0
    result = cli("check", path)
    assert result.exit_code == 1 and "no thesis" in result.output
    assert cli("add", path, "t", "--text", "T", "--kind", "thesis").exit_code == 0
    assert cli("link", path, "a", "supports", "t").exit_code == 0
    assert cli("check", path).exit_code == 0
    before = path.read_bytes()
    assert cli("set", path, "t", "kind", "claim").exit_code == 1
    assert path.read_bytes() == before


def test_golden_files_are_valid_maps():
    for case in CASES:
        assert len(read((EDIT / case / "after.yaml").read_text(), case))


def test_edit_through_a_symlink_changes_the_target(cli, tmp_path):
    target = tmp_path / "real.yaml"
    target.write_bytes(BEFORE)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert cli("set", link, "lane", "note", "via the link").exit_code == 0
    assert link.is_symlink()
    assert b"note: via the link" in target.read_bytes()


@pytest.mark.parametrize("contents, message", [(None, "no such file"),
                                               (b"claims:\n  a: \xff\n", "not UTF-8"),
                                               (b"claims: [\n", "YAML syntax error")])
def test_unreadable_files_are_one_line_errors(cli, tmp_path, contents, message):
    path = tmp_path / "map.yaml"
    if contents is not None:
        path.write_bytes(contents)
    result = cli("add", path, "x", "--text", "x")
    assert result.exit_code == 1 and message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert (path.read_bytes() if contents is not None else None) == contents


def test_schema_anywhere_then_new_maps_point_at_it(cli, tmp_path):
    assert cli("schema", "-o", tmp_path / "project" / "schema" / "argmap.schema.json"
               ).exit_code == 0
    path = tmp_path / "project" / "maps" / "debate.yaml"
    path.parent.mkdir()
    assert cli("new", path, "--title", "T").exit_code == 0
    assert path.read_text().startswith(
        "# yaml-language-server: $schema=../schema/argmap.schema.json\nargmap: 1\n")
    assert cli("convert", path, tmp_path / "project" / "copy.yaml").exit_code == 0
    assert (tmp_path / "project" / "copy.yaml").read_text().startswith(
        "# yaml-language-server: $schema=schema/argmap.schema.json\nargmap: 1\n")
