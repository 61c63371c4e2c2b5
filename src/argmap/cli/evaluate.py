"""The ``evaluate`` and ``explain`` commands: thin wrappers over ``argmap.evaluate``."""

from __future__ import annotations

import shutil
import unicodedata

import click

from ..evaluate import (
    DEFAULT_SUPPORT,
    ENGINES,
    SEMANTICS,
    SUPPORT_READINGS,
    by_perspective,
    lens,
)
from ..evaluate import evaluate as evaluate_map
from ..evaluate import explain as explain_claim
from ..evaluate.compare import compare
from ..evaluate.core import EXTENSION_SEMANTICS, question, tally
from ..evaluate.explain import DEFAULT_DEPTH, Explanation
from ..evaluate.flip import DEFAULT_MAX_SIZE, Flips, flips
from ..evaluate.wording import wrap
from ..pipeline import load
from ..visible import inert_json
from . import _options

_TEXT_WIDTH = 60


def _inline(text: str) -> str:
    """Claim text on one table row: control, format and separator characters are shown as
    escapes so that untrusted text cannot break the table or drive the terminal."""
    return "".join(char if unicodedata.category(char)[0] not in "CZ" or char == " "
                   else char.encode("unicode_escape").decode("ascii") for char in str(text))


def _shorten(text: str) -> str:
    return text if len(text) <= _TEXT_WIDTH else text[:_TEXT_WIDTH - 1] + "…"


def _common_options(command):
    for decorator in reversed([
        _options.semantics(SEMANTICS, "Dung (grounded complete preferred stable) or "
                                      "gradual (dfquad qe euler hcat) semantics."),
        _options.support_reading(SUPPORT_READINGS, DEFAULT_SUPPORT),
        _options.lens,
        click.option("--max-extensions", type=click.IntRange(min=1), metavar="N",
                     help="Stop after N complete/preferred/stable extensions."),
        click.option("--timeout", type=click.FloatRange(min=0), metavar="S",
                     help="Stop enumerating extensions after S seconds."),
        click.option("--engine", type=click.Choice(ENGINES), default="auto",
                     show_default=True, help="Solver for complete/preferred/stable (auto: "
                     "the Python search when few arguments are left undecided, else clingo)."),
        _options.from_format,
    ]):
        command = decorator(command)
    return command


@click.command()
@click.argument("file", type=click.Path())
@_common_options
@_options.as_json
@click.option("--by-perspective", is_flag=True,
              help="How the thesis fares under each perspective on its own.")
@click.option("--only", type=click.Choice(["in", "out", "undec"]),
              help="List only the claims with this label (extension semantics).")
@click.option("--side", type=click.Choice(["pro", "con"]),
              help="List only the claims on this side of the thesis.")
@click.option("--compare", "compared", is_flag=False, flag_value="", default=None,
              metavar="[CLAIM]", help="The thesis (or CLAIM) under every semantics side by "
              "side, and why they differ.")
def evaluate(file, from_format, as_json, by_perspective: bool, perspectives, only, side,
             compared, **options):
    """Which claims of FILE stand (labels) or how strong they are (gradual strengths).

    FILE is any format argmap reads, including ICCMA frameworks (.apx .tgf .af .i23)."""
    if compared is not None:
        _print_comparison(load(file, from_format), compared or None, perspectives, as_json,
                          options)
        return
    if only and options["semantics"] not in EXTENSION_SEMANTICS:
        raise click.UsageError(f"--only needs an extension semantics "
                               f"({', '.join(EXTENSION_SEMANTICS)}), not "
                               f"{options['semantics']!r}")
    amap = load(file, from_format)
    if by_perspective:
        _print_by_perspective(amap, options, as_json)
        return
    result = evaluate_map(amap, perspectives=perspectives, **options)
    seen = lens(amap, perspectives) if perspectives else amap
    labels = result.labels or {}
    shown = [c for c in (result.strengths or labels)
             if (not only or labels[c] == only)
             and (not side or amap.claim(c).get("side") == side)]
    if as_json:
        out = result.to_json()
        for key in ("labels", "strengths"):
            if key in out:
                out[key] = {c: out[key][c] for c in shown}
        if "labels" in out or "strengths" in out:
            out["counts"] = tally(seen, result)
        click.echo(inert_json(out, indent=2))
        return
    _print_table(seen, result, shown)


def _print_comparison(amap, claim, perspectives, as_json: bool, options) -> None:
    options = {k: v for k, v in options.items() if k != "semantics"}
    comparison = compare(amap, claim, perspectives=perspectives, **options)
    if as_json:
        click.echo(inert_json(comparison.to_json(), indent=2))
        return
    text = amap.claim(comparison.claim).get("text", "")
    click.echo(f"{_inline(comparison.claim)}: {_shorten(_inline(text))}")
    for row in comparison.verdicts:
        shown = f"{row.verdict:.3f}" if isinstance(row.verdict, float) else row.verdict
        click.echo(f"  {row.semantics:10} {shown:6}  {_inline(row.how)}")
    click.echo(wrap(_inline(comparison.why), _width()))


def _print_by_perspective(amap, options, as_json: bool) -> None:
    rows = by_perspective(amap, **options)
    if as_json:
        click.echo(inert_json({"semantics": options["semantics"], "by_perspective": [
            {"perspective": p, "theses": verdicts} for p, verdicts in rows.items()]}, indent=2))
        return
    for perspective, verdicts in rows.items():
        name = "(all perspectives)" if perspective is None else \
            f"{_inline(perspective)}: {_inline(amap.perspectives[perspective])}"
        for thesis, verdict in verdicts.items():
            shown = "-" if verdict is None else (
                f"{verdict:.3f}" if isinstance(verdict, float) else verdict)
            click.echo(f"{_shorten(name):40} {_inline(thesis)}: {shown}")


def _width() -> int:
    return min(shutil.get_terminal_size((88, 24)).columns, 100)


def _print_table(amap, result, shown) -> None:
    if result.extensions is not None:
        click.echo(f"{result.semantics} semantics, {result.support} support")
    else:
        uses = "supports ignored" if result.support == "none" or result.semantics == "hcat" \
            else "supports counted"
        click.echo(f"{result.semantics} semantics, {uses}")
    click.echo(wrap(question(result.semantics), _width()))
    counts = tally(amap, result)
    names = {"undec": "undecided", "at": "at base score", "above": "above base score",
             "below": "below base score"}
    click.echo(", ".join(
        f"{sum(by_side.values())} {names.get(verdict, verdict)} "
        f"({by_side['pro']} pro, {by_side['con']} con"
        + (f", {by_side['none']} neither)" if by_side["none"] else ")")
        for verdict, by_side in counts.items()))
    if result.extensions is not None:
        cut = "" if result.complete else f" (stopped early: {result.stopped})"
        click.echo(f"{len(result.extensions)} extension(s){cut}")
        if result.semantics != "grounded":
            for number, extension in enumerate(result.extensions, 1):
                members = ", ".join(_inline(c) for c in extension) or "(empty)"
                click.echo(f"  {number}: {members}")
    verdicts = result.strengths if result.strengths is not None else (result.labels or {})
    verdicts = {c: verdicts[c] for c in shown}
    width = max((len(_inline(c)) for c in verdicts), default=5)
    for claim, verdict in verdicts.items():
        shown = f"{verdict:.3f}" if isinstance(verdict, float) else verdict
        text = _shorten(_inline(amap.claim(claim).get("text", "")))
        click.echo(f"{_inline(claim):{width}}  {shown:6}  {text}")


@click.command()
@click.argument("file", type=click.Path())
@click.argument("claim")
@_common_options
@_options.as_json
@click.option("--depth", type=click.IntRange(min=0), default=DEFAULT_DEPTH, show_default=True,
              metavar="N", help="Follow the chain of reasons N levels down.")
@click.option("--flip", "what_flips", is_flag=True,
              help="What would change it: the smallest sets of claims whose removal "
                   "changes its label (gradual: the claims that move its strength most).")
@click.option("--max-size", type=click.IntRange(min=1), default=DEFAULT_MAX_SIZE,
              show_default=True, metavar="N", help="With --flip: sets of up to N claims.")
def explain(file, claim, from_format, as_json, depth, what_flips, max_size, **options):
    """Why CLAIM of FILE is in, out or undecided, or how its strength comes about, in
    sentences that follow the chain of reasons down to claims nothing attacks."""
    amap = load(file, from_format)
    explanation: Explanation | Flips
    if what_flips:
        explanation = flips(amap, claim, max_size=max_size, **options)
    else:
        explanation = explain_claim(amap, claim, depth=depth, **options)
    if as_json:
        click.echo(inert_json(explanation.to_json(), indent=2))
    else:
        click.echo(wrap(_inline_lines(explanation.render()), _width()))


def _inline_lines(text: str) -> str:
    return "\n".join(_inline(line) for line in text.split("\n"))


@click.command()
@click.argument("file", type=click.Path())
@_options.output("report.md (with the diagram written beside it as report.svg) or "
                   "report.html (diagram inline).  Default: Markdown on stdout, no diagram.",
                 type=click.Path())
@_options.semantics(EXTENSION_SEMANTICS, "The semantics the verdict is given under.")
@_options.support_reading(SUPPORT_READINGS, DEFAULT_SUPPORT)
@click.option("--claim", metavar="CLAIM", help="Report on CLAIM instead of the thesis.")
@_options.from_format
def report(file, output, semantics, support, claim, from_format):
    """A written brief of FILE for a reader who will not run argmap: the question, the
    verdict and what it measures, the strongest arguments on each side, unanswered
    objections, analyst inferences, evidence and its sources, discrepancies, the balance
    per perspective and the diagram."""
    from ..report import brief, report_format, to_markdown, write_report

    if output is None:
        click.echo(to_markdown(brief(load(file, from_format), semantics, claim=claim,
                                     support=support)), nl=False)
        return
    report_format(output)  # a wrong suffix fails before the map is even read
    for path in write_report(load(file, from_format), output, semantics, claim=claim,
                             support=support):
        click.echo(f"wrote {path}", err=True)
