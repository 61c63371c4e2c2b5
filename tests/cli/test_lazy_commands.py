"""The lazily loaded command table must name every command where it really lives."""

import importlib

from argmap.cli import COMMANDS, main


def test_every_command_is_registered_by_the_module_the_table_names():
    modules = sorted(set(COMMANDS.values()))
    for module in modules:
        importlib.import_module(f"argmap.cli.{module}")
    registered = {name: command.callback.__module__.rsplit(".", 1)[-1]
                  for name, command in main.commands.items()}
    assert registered == COMMANDS
