"""Errors as the user meets them: one line each (a ``ValidationError`` one per problem),
located where there is a place to point at, the documented exit code, no traceback; a
misspelled name gets the closest known one suggested, whatever the command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import click
import pytest

from argmap.cli._errors import Interrupted, UsageMessage, UserError, as_click_exception
from argmap.errors import FileError, ValidationError, ViewError
from tests.conftest import DATA, SAMPLE

ARGMAP = [sys.executable, "-m", "argmap.cli"]

@pytest.mark.parametrize("args", [
    ["explain", "{map}", "honr"],
    ["explain", "{map}", "honr", "--flip"],
    ["evaluate", "{map}", "--compare", "honr"],
    ["report", "{map}", "--claim", "honr"],
    ["show", "{map}", "honr"],
    ["export", "{map}", "-o", "-", "--to", "dot", "--focus", "honr"],
    ["rm", "{map}", "honr"],
    ["set", "{map}", "honr", "note", "x"],
    ["tag", "{map}", "honr", "checked"],
    ["rename", "{map}", "honr", "honour"],
], ids=lambda args: " ".join(a for a in args if a != "{map}"))
def test_no_such_claim_is_one_message_whatever_the_command(cli, sample_copy, args):
    before = sample_copy.read_bytes()
    result = cli(*(sample_copy if a == "{map}" else a for a in args))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"{sample_copy}: error: unknown claim 'honr'; did you mean 'honor'?\n"
    assert sample_copy.read_bytes() == before


@pytest.mark.parametrize("args, message", [
    (["export", SAMPLE, "-o", "-", "--to", "svgg"],
     "error: unknown format 'svgg'; did you mean 'svg'?"),
    (["export", SAMPLE, "-o", "-", "--to", "dot", "--semantics", "grounde"],
     "error: unknown semantics 'grounde'; did you mean 'grounded'?"),
    (["export", SAMPLE, "-o", "-", "--to", "dot", "--perspective", "safty"],
     f"{SAMPLE}: error: unknown perspective 'safty'; did you mean 'safety'?"),
    (["export", SAMPLE, "-o", "-", "--to", "dot", "--tag", "analyst-inferense"],
     f"{SAMPLE}: error: unknown tag 'analyst-inferense'; did you mean 'analyst-inference'?"),
    (["evaluate", SAMPLE, "--lens", "trsut"],
     f"{SAMPLE}: error: unknown perspective 'trsut'; did you mean 'trust'?"),
    (["check", "-q", DATA / "native" / "broken" / "misspelled-target.yaml"],
     f"{DATA / 'native' / 'broken' / 'misspelled-target.yaml'}:13:14: error: unknown claim "
     f"'releses' in rebut of 'costs'; did you mean 'releases'?"),
])
def test_a_misspelled_name_gets_the_known_one_suggested(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 1 and result.stderr == message + "\n"


@pytest.mark.parametrize("args, message", [
    (["chek", "x.yaml"], "argmap: error: No such command 'chek'; did you mean 'check'? "
                         "(see 'argmap --help')"),
    (["perspective", "renam"], "argmap perspective: error: No such command 'renam'; did you "
                               "mean 'rename'? (see 'argmap perspective --help')"),
    (["git", "instal"], "argmap git: error: No such command 'instal'; did you mean 'install'? "
                        "(see 'argmap git --help')"),
    (["source", "nope"], "argmap source: error: No such command 'nope' (known: add, import, "
                         "rename, rm, set) (see 'argmap source --help')"),
])
def test_a_misspelled_command_gets_the_known_one_suggested(cli, args, message):
    result = cli(*args)
    assert (result.exit_code, result.stderr) == (2, message + "\n")


def test_misspelled_names_in_edits_are_suggested_and_change_nothing(cli, sample_copy):
    before = sample_copy.read_bytes()
    source = cli("add", sample_copy, "x", "--text", "t", "--supports", "honor",
                 "--source", "artcle")
    assert source.stderr.startswith(f"{sample_copy}:")  # where the new claim would have been
    assert source.stderr.endswith(": error: edit refused: claim 'x' names unknown source "
                                  "'artcle'; did you mean 'article'?\n")
    perspective = cli("perspective", "rename", sample_copy, "safty", "security")
    assert perspective.stderr == (f"{sample_copy}: error: unknown perspective 'safty'; did "
                                  f"you mean 'safety'?\n")
    tag = cli("untag", sample_copy, "releases-1700", "statistik")
    assert tag.stderr.endswith(": error: claim 'releases-1700' has no tag 'statistik'; did "
                               "you mean 'statistic'?\n")
    assert source.exit_code == perspective.exit_code == tag.exit_code == 1
    assert sample_copy.read_bytes() == before


def test_file_errors_name_the_file(cli, tmp_path):
    missing = cli("evaluate", tmp_path / "missing.yaml")
    assert missing.stderr == f"{tmp_path / 'missing.yaml'}: error: no such file\n"
    folder = cli("evaluate", tmp_path)
    assert folder.stderr == f"{tmp_path}: error: is a directory, not a file\n"
    empty = cli("check", tmp_path)
    assert empty.stderr.startswith(f"{tmp_path}: error: a directory without argument files")
    kept = tmp_path / "kept.dot"
    kept.write_text("keep me")
    kept.chmod(0o444)
    read_only = cli("export", SAMPLE, "-o", kept)
    assert read_only.stderr.startswith(f"{kept}: error: the file is read-only; not overwritten")
    assert kept.read_text() == "keep me"
    exists = cli("new", kept, "--title", "Again?")
    assert exists.stderr == f"{kept}: error: already exists; not overwritten\n"
    for result in (missing, folder, empty, read_only, exists):
        assert result.exit_code == 1 and result.stdout == ""


def test_a_map_with_several_problems_lists_each_on_its_own_line(cli, tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text("claims: {a: {text: A, supports: [b]}}\n")
    result = cli("evaluate", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}: error: the map has no thesis (give one claim kind: thesis)",
        f"{path}:1:34: error: unknown claim 'b' in support of 'a' (known: a)"]


def test_every_failure_is_a_click_exception_with_its_exit_code(capsys):
    located = as_click_exception(ViewError("unknown tag 'x'", FileError("", "m.yaml").location))
    assert isinstance(located, UserError) and isinstance(located, click.ClickException)
    located.show()
    assert capsys.readouterr().err == "m.yaml: error: unknown tag 'x'\n"
    listing = as_click_exception(ValidationError("first", None, [
        ViewError("a", None).diagnostic, ViewError("b", None).diagnostic]))
    listing.show()
    assert capsys.readouterr().err == "error: a\nerror: b\n"
    assert isinstance(as_click_exception(KeyboardInterrupt()), Interrupted)
    assert as_click_exception(KeyboardInterrupt()).exit_code == 130
    usage = as_click_exception(click.UsageError("no such option: --x"))
    assert isinstance(usage, UsageMessage) and usage.exit_code == 2
    foreign = as_click_exception(click.ClickException("click's own"))
    assert foreign.exit_code == 1
    foreign.show()
    assert capsys.readouterr().err == "error: click's own\n"


def test_a_full_or_closed_standard_output_is_one_line():
    full = subprocess.run(f"{sys.executable} -m argmap.cli show {SAMPLE} > /dev/full",
                          shell=True, capture_output=True, text=True, timeout=60)
    assert (full.returncode, full.stderr) == (
        1, "error: cannot write the output: No space left on device\n")
    closed = subprocess.run(f"{sys.executable} -m argmap.cli show {SAMPLE} >&-",
                            shell=True, capture_output=True, text=True, timeout=60)
    assert (closed.returncode, closed.stderr) == (
        1, "error: cannot write the output: standard output is closed\n")


def test_a_reader_that_goes_away_ends_the_command_quietly():
    process = subprocess.Popen([*ARGMAP, "show", SAMPLE], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    process.stdout.close()  # like '| head -0': nobody reads what it writes
    assert process.wait(timeout=60) == 1
    assert process.stderr.read() == b""
    process.stderr.close()


def test_sigterm_is_an_interruption_exit_130(tmp_path):
    fifo = tmp_path / "slow.yaml"
    os.mkfifo(fifo)
    process = subprocess.Popen([*ARGMAP, "check", fifo], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while True:  # until argmap has opened the FIFO (then it waits for data)
        try:
            writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError:
            assert time.monotonic() < deadline and process.poll() is None
            time.sleep(0.05)
    try:
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
    finally:
        os.close(writer)
    assert (process.returncode, err) == (130, "interrupted\n")


@pytest.mark.parametrize("args", [[], ["perspective"]], ids=["argmap", "argmap perspective"])
def test_a_group_without_its_command_shows_its_help(cli, args):
    result = cli(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(f"Usage: argmap {' '.join(args)}".rstrip() + " [OPTIONS]")
    assert "\nCommands:\n" in result.stderr
