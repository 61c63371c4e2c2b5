"""Generate docs/cli.md from the click commands themselves, so the reference cannot drift
(``python -m argmap.cli.reference > docs/cli.md``; a test compares)."""

from __future__ import annotations

import click

from . import main


def reference() -> str:
    lines = ["# argmap command reference", "",
             "Generated from the code by `scripts/regenerate`; do not edit by hand.", ""]
    context = click.Context(main, info_name="argmap", terminal_width=100, max_content_width=100,
                            **main.context_settings)
    lines += ["```text", main.get_help(context), "```", ""]
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        assert command is not None, name  # every listed name loads
        sub = click.Context(command, info_name=name, parent=context)
        lines += [f"## argmap {name}", "", "```text", command.get_help(sub), "```", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    click.echo(reference(), nl=False)
