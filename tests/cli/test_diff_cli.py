"""``argmap diff``: the report on a real change, exit codes as git diff's, errors."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

from argmap import edit
from tests.conftest import DATA, SAMPLE
from tests.terminal import read_all

REPORT = DATA / "changes" / "report"


@pytest.fixture
def edited_sample(sample_copy):
    """A copy of the sample debate with a rename, a text edit and an added claim that
    rebuts both objections the thesis fell to, made through argmap's editor."""
    new = sample_copy
    edit.rename(new, "blanket-harms-innocents", "blanket-policies-harm")
    edit.set_field(new, "releases-1700", "text", "Over 1,700 people with criminal records "
                   "have reportedly been released from Illinois custody since the start of "
                   "2025 despite outstanding detainers.")
    edit.add_claim(new, "narrow-detainers", "Honoring detainers only for serious "
                   "convictions protects the vulnerable and harms no innocents.",
                   rebuts=("protect-vulnerable", "blanket-policies-harm"))
    return new


def test_markdown_of_a_rename_an_edit_and_an_added_claim_lists_those_and_the_flip(cli,
        edited_sample):
    result = cli("diff", SAMPLE, edited_sample, "--markdown")
    assert result.exit_code == 0, result.output
    sections = result.output.split("\n#### ")
    changes = next(s for s in sections if s.startswith("Claims and relations"))
    items = [line for line in changes.splitlines() if line.startswith("- ")]
    assert items == [
        "- edited `releases-1700`",
        "- renamed `blanket-harms-innocents` → `blanket-policies-harm`",
        "- added `narrow-detainers`: “Honoring detainers only for serious convictions "
        "protects the vulnerable and harms no innocents.”"]
    assert changes.startswith("Claims and relations (3 changes)")
    verdict = next(s for s in sections if s.startswith("Verdict"))
    assert "- `honor`: “Illinois should honor federal immigration detainers.” — out → in " \
           "(flipped)" in verdict
    assert "#### Map" not in result.output  # nothing else changed


def test_exit_code_is_1_for_differences_and_0_without(cli, edited_sample):
    assert cli("diff", SAMPLE, edited_sample, "--exit-code").exit_code == 1
    assert cli("diff", SAMPLE, SAMPLE, "--exit-code").exit_code == 0
    assert cli("diff", SAMPLE, edited_sample).exit_code == 0  # without --exit-code


def test_json_output_is_the_library_json(cli, edited_sample):
    result = cli("diff", REPORT / "old.yaml", REPORT / "new.yaml", "--json")
    data = json.loads(result.output)
    assert data["claims"]["changed"][0]["new_id"] == "safer-street"
    assert data["impact"]["verdicts"][0] == {"old_id": "lane", "new_id": "lane", "old": "in",
                                             "new": "out", "changed": True}


def test_text_output_has_no_colour_when_piped(cli):
    result = cli("diff", REPORT / "old.yaml", REPORT / "new.yaml")
    assert "\x1b[" not in result.output
    assert "renamed fewer-crashes → safer-street" in result.output


@pytest.mark.parametrize("old, message", [
    ("no-such-file.yaml", "no-such-file.yaml: error: "),
    ("HEAD~999999:arguments/illinois-detainers.yaml",
     "HEAD~999999:arguments/illinois-detainers.yaml: error: git cannot read this revision"),
    (str(DATA / "native" / "broken" / "bad-tag-color.yaml"), "bad-tag-color.yaml:"),
])
def test_an_error_exits_2_with_located_lines_and_no_traceback(cli, old, message):
    result = cli("diff", old, SAMPLE, "--exit-code")
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output


def test_a_usage_error_exits_2(cli):
    assert cli("diff", SAMPLE).exit_code == 2
    assert cli("diff", SAMPLE, SAMPLE, "--semantics", "nope").exit_code == 2


def test_output_draws_the_change_and_still_prints_the_report(cli, tmp_path, dot_binary):
    out = tmp_path / "change.svg"
    result = cli("diff", REPORT / "old.yaml", REPORT / "new.yaml", "-o", out, "--exit-code")
    assert result.exit_code == 1 and "renamed fewer-crashes → safer-street" in result.output
    assert "claim-crash-data" in out.read_text(encoding="utf-8").replace("&#45;", "-")


def test_output_draws_the_changes_unless_full_and_context_widens_it(cli, tmp_path,
                                                                   edited_sample,
                                                                   dot_binary):
    sizes = {}
    for options in ((), ("--context", "1"), ("--full",)):
        out = tmp_path / f"change{len(options)}{''.join(options)}.svg"
        assert cli("diff", SAMPLE, edited_sample, "-o", out, *options).exit_code == 0
        sizes[options] = out.read_text(encoding="utf-8").count('<g id="claim&#45;')
    assert sizes[()] < sizes["--context", "1"] < sizes["--full",] == 78  # every claim
    result = cli("diff", SAMPLE, edited_sample, "-o", tmp_path / "x.svg", "--context", "-1")
    assert result.exit_code == 2 and not (tmp_path / "x.svg").exists()


def test_output_in_a_map_format_is_an_error_and_writes_nothing(cli, tmp_path):
    out = tmp_path / "change.yaml"
    result = cli("diff", REPORT / "old.yaml", REPORT / "new.yaml", "-o", out)
    assert result.exit_code == 2 and "a diff is drawn as SVG" in result.output
    assert not out.exists()


def test_text_output_is_coloured_on_a_terminal_and_plain_with_no_color():
    """A real pseudo-terminal: the report's lines are coloured by kind, unless NO_COLOR."""

    def shown(environment: dict[str, str]) -> str:
        main_end, terminal = pty.openpty()
        command = [sys.executable, "-m", "argmap.cli", "diff", str(REPORT / "old.yaml"),
                   str(REPORT / "new.yaml")]
        plain = {name: value for name, value in os.environ.items() if name != "NO_COLOR"}
        process = subprocess.Popen(command, stdout=terminal, stderr=terminal,
                                   env={**plain, **environment})
        os.close(terminal)
        shown = read_all(main_end)
        process.wait(timeout=60)
        os.close(main_end)
        return shown.decode("utf-8")

    coloured = shown({})
    assert "\x1b[36m  renamed fewer-crashes → safer-street\x1b[0m" in coloured
    assert "\x1b[" not in shown({"NO_COLOR": "1"})
