"""The terminal sessions in docs/ run as written.

Every ```console block of a page is one step of a session that starts in an empty folder
(beside a copy of ``schema/``, as in this repository): each ``$ `` line (with ``\\``
continuations) runs in bash with the real ``argmap`` on the PATH, and what it prints, on
standard output and standard error, must be the lines that follow it in the block.  A block
that cannot run as a test (one that needs a terminal, say) is preceded by an
``<!-- not run: REASON -->`` comment.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT

BLOCK = re.compile(r"(<!-- not run: [^>]+-->\n)?```console\n(.*?)^```$", re.M | re.S)


@dataclass(frozen=True)
class Step:
    command: str
    expected: str
    line: int  # where the command is written in the page


def sessions() -> list[Path]:
    return sorted(page for page in (ROOT / "docs").rglob("*.md")
                  if "```console" in page.read_text(encoding="utf-8"))


def steps(page: Path) -> list[Step]:
    text = page.read_text(encoding="utf-8")
    found: list[Step] = []
    for block in BLOCK.finditer(text):
        if block[1]:
            continue
        first_line = text.count("\n", 0, block.start(2)) + 1
        lines = block[2].splitlines()
        index = 0
        while index < len(lines):
            assert lines[index].startswith("$ "), f"{page}:{first_line + index}: output before a command"
            start = index
            command = lines[index][2:]
            while command.endswith("\\"):
                index += 1
                command = command[:-1] + lines[index].strip()
            index += 1
            output = []
            while index < len(lines) and not lines[index].startswith("$ "):
                output.append(lines[index])
                index += 1
            found.append(Step(command, "".join(f"{line}\n" for line in output),
                              first_line + start))
    return found


@pytest.mark.parametrize("page", sessions(), ids=lambda page: page.name)
def test_console_sessions_print_what_the_page_shows(page, tmp_path):
    root = tmp_path / "session"
    (root / "schema").mkdir(parents=True)
    shutil.copy(ROOT / "schema" / "argmap.schema.json", root / "schema")
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100",
                   "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    where = tmp_path / "cwd"  # each command runs in a shell of its own; a cd carries over
    where.write_text(str(root))
    session = steps(page)
    assert session, f"{page} has console blocks but no command"
    for step in session:
        result = subprocess.run(["bash", "-c", f'{step.command}\npwd > "{where}"'],
                                cwd=where.read_text().rstrip("\n"), env=environment, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, timeout=60)
        assert result.stdout == step.expected, (
            f"{page.relative_to(ROOT)}:{step.line}: $ {step.command}")
