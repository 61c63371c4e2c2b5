"""Commands are standalone click objects imported by path on first use: the table names
each where it lives, and ``argmap check`` runs without the editing and evaluation code."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from argmap.cli import COMMANDS, load_command, main
from tests.conftest import SAMPLE


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_table_entry_is_a_click_command_of_that_name(name):
    command = load_command(COMMANDS[name])
    assert isinstance(command, click.Command) and command.name == name
    assert main.get_command(click.Context(main), name) is command


def test_a_path_to_something_else_than_a_command_is_refused():
    with pytest.raises(TypeError, match="not a click command"):
        load_command("argmap.cli._options:from_format")


def test_check_does_not_import_the_editing_or_evaluation_machinery():
    code = ("import sys\n"
            "from argmap.cli import main\n"
            "assert not [m for m in sys.modules if m.startswith('argmap.cli.') and m not in\n"
            "            ('argmap.cli._errors',)], 'a command module on import'\n"
            "try:\n"
            "    main(['check', sys.argv[1]])\n"
            "except SystemExit as exit:\n"
            "    assert exit.code == 0, exit.code\n"
            "print(' '.join(sorted(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code, str(SAMPLE)], capture_output=True,
                          text=True, check=True)
    loaded = set(done.stdout.split())
    assert "argmap.cli.core" in loaded
    for heavy in ("argmap.edit", "argmap.evaluate", "argmap.cli.edit", "argmap.cli.evaluate",
                  "argmap.web", "argmap.report"):
        assert heavy not in loaded, heavy
