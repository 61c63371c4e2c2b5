"""``argmap merge`` as git's merge driver runs it: exit 0 merged, 1 conflicts, 2 errors
(nothing written), every problem one line on stderr."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import DATA

BASE = (DATA / "merge" / "base.yaml").read_text(encoding="utf-8")


def three(tmp_path: Path, ours: str, theirs: str) -> list[Path]:
    paths = []
    for name, text in (("base.yaml", BASE), ("ours.yaml", ours), ("theirs.yaml", theirs)):
        paths.append(tmp_path / name)
        paths[-1].write_text(text, encoding="utf-8")
    return paths


def test_a_clean_merge_exits_0_silently_and_writes_ours_with_theirs_changes(cli, tmp_path):
    base, ours, theirs = three(tmp_path, BASE.replace("in 14 crashes", "in 15 crashes"),
                               BASE.replace("Road safety", "Safety on the road"))

    result = cli("merge", base, ours, theirs, "-o", ours)

    assert (result.exit_code, result.output) == (0, "")
    assert ours.read_text() == BASE.replace("in 14 crashes", "in 15 crashes").replace(
        "Road safety", "Safety on the road")


def test_conflicts_exit_1_one_line_each(cli, tmp_path):
    base, ours, theirs = three(
        tmp_path, BASE.replace("in 14 crashes", "in 15 crashes").replace("Local trade", "Shops"),
        BASE.replace("in 14 crashes", "in 16 crashes").replace("Local trade", "Trade"))
    out = tmp_path / "out.yaml"

    result = cli("merge", base, ours, theirs, "-o", out, "--name", "debates/lane.yaml")

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "debates/lane.yaml:7:3: conflict: perspective 'trade' changed on both sides "
        "(theirs: debates/lane.yaml (theirs):7:3)",
        "debates/lane.yaml:18:3: conflict: claim 'crashes': text changed on both sides "
        "(theirs: debates/lane.yaml (theirs):18:3)",
        "2 conflicts; both versions are in debates/lane.yaml between <<<<<<< ours and "
        ">>>>>>> theirs"]
    assert out.read_text().count("<<<<<<< ours\n") == 2


@pytest.mark.parametrize("theirs_text, message", [
    ("claims:\n  a: {text: [unclosed\n", ":3:1: error: YAML syntax error"),
    ("[lane]: The town should build a bike lane.\n", "argmap merges argmap's YAML"),
])
def test_errors_exit_2_in_one_line_and_write_nothing(cli, tmp_path, theirs_text, message):
    base, ours, _ = three(tmp_path, BASE, BASE)
    theirs = tmp_path / ("theirs.argdown" if theirs_text.startswith("[") else "theirs.yaml")
    theirs.write_text(theirs_text)
    out = tmp_path / "out.yaml"
    out.write_bytes(b"as it was")

    result = cli("merge", base, ours, theirs, "-o", out)

    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr
    assert result.stderr.startswith(f"{theirs}:")
    assert out.read_bytes() == b"as it was"


def test_a_missing_input_exits_2(cli, tmp_path):
    base, ours, _ = three(tmp_path, BASE, BASE)

    result = cli("merge", base, ours, tmp_path / "gone.yaml", "-o", tmp_path / "out.yaml")

    assert result.exit_code == 2
    assert result.stderr == f"{tmp_path / 'gone.yaml'}: error: no such file\n"
    assert not (tmp_path / "out.yaml").exists()
