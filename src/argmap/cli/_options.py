"""Options more than one command takes, each defined once and named for what it does.

A command applies them as decorators (``@from_format``); a new command that reads a map,
draws it or evaluates it takes the same spelling, help and default as the others."""

from __future__ import annotations

import functools
import os
import sys

import click

from ..drawing.diagram import COLOR_BY, GROUP_BY, RANKDIRS

from_format = click.option(
    "--from", "from_format", metavar="FORMAT",
    help="Input format (default: from the suffix or content).")

as_json = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")

# How a drawing looks: export, convert and serve take the same three.
group_by = click.option("--group-by", type=click.Choice(GROUP_BY), default=None,
                        help="Diagram: cluster claims by perspective (default) or not.")
color_by = click.option("--color-by", type=click.Choice(COLOR_BY), default=None,
                        help="Diagram: fill colour by side (default) or perspective.")
rankdir = click.option("--rankdir", type=click.Choice(RANKDIRS), default=None,
                       help="Diagram: direction arguments flow towards the thesis.")

# A drawing that shows each claim's verdict: the name is checked when the map is evaluated,
# so that drawing commands do not load the evaluation machinery to list the choices.
drawn_semantics = click.option(
    "--semantics", metavar="S",
    help="Evaluate first and show each claim's status or strength "
         "(see 'argmap evaluate --help').")


def semantics(choices, help_text: str):
    """``-s/--semantics``: the semantics a command evaluates under (grounded by default)."""
    return click.option("--semantics", "-s", type=click.Choice(choices), default="grounded",
                        show_default=True, help=help_text)


def support_reading(choices, default):
    """``--support``: how 'A supports B' enters Dung semantics (evaluate, explain, report)."""
    return click.option("--support", type=click.Choice(choices), default=default,
                        show_default=True, help="How 'A supports B' enters Dung semantics.")


def lens(function):
    """``--lens P``: evaluate the debate as perspective P sees it (its claims, every thesis
    and every claim without a perspective); the command gets them as ``perspectives``.

    This was ``-p/--perspective`` on evaluate and explain, which export spells for a view
    filter (draw only P's claims); the old spelling still works there, with a notice on
    stderr, so scripts written for it keep their meaning."""
    @functools.wraps(function)
    def command(perspectives, old_perspective_spelling, **kwargs):
        if old_perspective_spelling:
            ctx = click.get_current_context()
            click.echo(f"{ctx.command_path}: warning: --perspective is now spelled --lens "
                       f"here (the old spelling will go)", err=True)
        return function(perspectives=perspectives + old_perspective_spelling, **kwargs)

    command = click.option("--perspective", "-p", "old_perspective_spelling", multiple=True,
                           metavar="P", hidden=True)(command)
    return click.option("--lens", "perspectives", multiple=True, metavar="P",
                        help="Evaluate as perspective P sees the debate: only its claims, "
                             "plus every thesis and every claim without a perspective "
                             "(repeatable).")(command)


def output(help_text: str, **options):
    """``-o/--output``: the file a command writes (instead of standard output)."""
    return click.option("-o", "--output", metavar="OUT", help=help_text, **options)


def use_color() -> bool:
    """Colour on a terminal, unless ``NO_COLOR`` is set (https://no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")
