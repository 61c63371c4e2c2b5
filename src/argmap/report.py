"""``argmap report``: a written brief of a debate map, for a reader who will not run argmap.

``brief(amap)`` gathers what a journalist or a student asks of a debate: the question,
the verdict and what it measures, the strongest standing arguments on each side, the
objections nobody answered, the claims that rest on the analyst's own reading, the evidence
with and without sources (and verified quotes), the discrepancies the file notes, and how
each perspective fares.  ``to_markdown`` and ``to_html`` write it; every piece of text from
the map is escaped for the format (Markdown: inline HTML and link syntax neutralised;
HTML: entity-escaped, no script, no event attribute, no link)."""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import EvaluationError, FormatError, Location
from .evaluate import annotate, by_perspective, evaluate, explain
from .evaluate.bipolar import DEFAULT_SUPPORT
from .evaluate.compare import Comparison, compare
from .evaluate.core import EXTENSION_SEMANTICS, NAMES, question
from .evaluate.explain import Explanation
from .evaluate.flip import Flips, flips
from .evaluate.wording import shorten
from .fileio import atomic_write
from .model import ArgMap
from .pipeline import render_map

ANALYST_TAG = "analyst-inference"
DISCREPANCY_TAG = "discrepancy"
STRONGEST = 5
REPORT_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".html": "html",
                   ".htm": "html"}


@dataclass
class Item:
    """One claim as the brief shows it."""

    claim: str
    text: str
    side: str | None = None
    perspective: str | None = None
    status: str | None = None
    strength: float | None = None
    detail: str = ""                       # what it attacks, its note, ...
    sources: list[str] = field(default_factory=list)   # source titles
    quotes: list[str] = field(default_factory=list)    # verified quotes


@dataclass
class Brief:
    title: str
    description: str
    thesis: Item
    semantics: str
    support: str
    measures: str
    explanation: Explanation
    flips: Flips
    comparison: Comparison
    strongest: dict[str, list[Item]]
    unanswered: list[Item]
    analyst: list[Item]
    evidence_sourced: list[Item]
    evidence_unsourced: list[Item]
    discrepancies: list[Item]
    balance: list[dict]
    claims: int = 0
    texts: dict[str, str] = field(default_factory=dict)   # claim -> text


def brief(amap: ArgMap, semantics: str = "grounded", *, claim: str | None = None,
          support: str = DEFAULT_SUPPORT) -> Brief:
    """Everything the report says about ``amap``, judged under ``semantics`` (an extension
    semantics; strengths come from DF-QuAD, to rank arguments that stand)."""
    if semantics not in EXTENSION_SEMANTICS:
        raise EvaluationError(f"a report judges by an extension semantics "
                              f"({', '.join(EXTENSION_SEMANTICS)}), not {semantics!r}")
    theses = amap.theses()
    thesis = claim or (theses[0] if theses else None)
    if thesis is None:
        raise EvaluationError("the map has no thesis; name the claim to report on",
                              Location(amap.path))
    amap.claim(thesis)  # an unknown id: ViewError, naming the closest one
    labels = evaluate(amap, semantics, support=support).labels or {}
    strength = evaluate(amap, "dfquad", support=support).strengths or {}
    quotes = _verified_quotes(amap)

    def item(cid: str, detail: str = "") -> Item:
        data = amap.claim(cid)
        titles = [amap.sources.get(s, {}).get("title") or s for s in data.get("sources") or ()]
        return Item(cid, str(data.get("text", "")), data.get("side"), data.get("perspective"),
                    labels.get(cid), strength.get(cid), detail, titles, quotes.get(cid, []))

    relations = list(amap.relations())
    attacked = {r.target for r in relations if r.relation == "rebut"}
    undercut_sources = {r.undercuts for r in relations if r.relation == "undercut"}
    strongest: dict[str, list[Item]] = {"pro": [], "con": []}
    for relation in relations:
        if relation.target != thesis or labels.get(relation.source) != "in":
            continue
        side = "pro" if relation.relation == "support" else "con"
        if all(i.claim != relation.source for i in strongest[side]):
            strongest[side].append(item(relation.source, relation.relation))
    for side in strongest:
        strongest[side].sort(key=lambda i: -(i.strength or 0.0))
        del strongest[side][STRONGEST:]
    unanswered = []
    for relation in relations:
        if relation.relation in ("rebut", "undercut") and relation.source not in attacked \
                and relation.source not in undercut_sources:
            verb = "rebuts" if relation.relation == "rebut" else \
                f"undercuts the step from {relation.undercuts} to"
            unanswered.append(item(relation.source, f"{verb} {relation.target}"))
    unanswered.sort(key=lambda i: (i.side != "con", i.side is None))
    claims = list(amap.claims())
    analyst = [item(c, amap.claim(c).get("note", "")) for c in claims
               if ANALYST_TAG in (amap.claim(c).get("tags") or ())]
    evidence = [c for c in claims if amap.claim(c).get("kind") == "evidence"]
    discrepancies = [item(c, amap.claim(c).get("note", "")) for c in claims
                     if DISCREPANCY_TAG in (amap.claim(c).get("tags") or ())]
    return Brief(
        title=amap.title or "Untitled debate",
        description=str(amap.graph.graph.get("description", "")),
        thesis=item(thesis), semantics=semantics, support=support,
        measures=question(semantics),
        explanation=explain(amap, thesis, semantics, support=support),
        flips=flips(amap, thesis, semantics, support=support),
        comparison=compare(amap, thesis, support=support),
        strongest=strongest, unanswered=unanswered, analyst=analyst,
        evidence_sourced=[item(c) for c in evidence if amap.claim(c).get("sources")],
        evidence_unsourced=[item(c) for c in evidence if not amap.claim(c).get("sources")],
        discrepancies=discrepancies, balance=_balance(amap, thesis, semantics, support),
        claims=len(claims), texts={c: str(amap.claim(c).get("text", "")) for c in claims})


def _verified_quotes(amap: ArgMap) -> dict[str, list[str]]:
    """Each claim's quotes that were found in their source's document."""
    try:
        from .provenance import verify_quotes
    except ImportError:  # quotes are not part of this build
        return {}
    found: dict[str, list[str]] = {}
    for check in verify_quotes(amap).quotes:
        if check.status == "verified":
            found.setdefault(check.claim, []).append(" ".join(check.quote["exact"].split()))
    return found


def _balance(amap: ArgMap, thesis: str, semantics: str, support: str) -> list[dict]:
    rows = []
    verdicts = by_perspective(amap, semantics, support=support) if amap.perspectives else {}
    labels = evaluate(amap, semantics, support=support).labels or {}
    for perspective, name in amap.perspectives.items():
        mine = [c for c in amap.claims() if amap.claim(c).get("perspective") == perspective]
        rows.append({"perspective": perspective, "name": name,
                     "thesis": verdicts.get(perspective, {}).get(thesis),
                     "claims": len(mine),
                     "in": sum(labels.get(c) == "in" for c in mine),
                     "out": sum(labels.get(c) == "out" for c in mine)})
    return rows


# -- writing --------------------------------------------------------------------------------

def report_format(path: str | os.PathLike) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise FormatError(f"a report is written as .md or .html, not {suffix or 'no suffix'!r}",
                          Location(str(path)))
    return REPORT_SUFFIXES[suffix]


def write_report(amap: ArgMap, output: str | os.PathLike, semantics: str = "grounded",
                 **options) -> list[Path]:
    """Write the brief of ``amap`` to ``output`` (.md or .html); a Markdown report gets its
    diagram as an SVG beside it (``report.svg`` for ``report.md``).  Returns the paths
    written.  Everything is produced before anything is written."""
    kind = report_format(output)
    content = brief(amap, semantics, **options)
    svg = diagram(amap, semantics, options.get("support", DEFAULT_SUPPORT))
    output = Path(output)
    if kind == "html":
        atomic_write(output, to_html(content, svg))
        return [output]
    picture = output.with_suffix(".svg")
    text = to_markdown(content, picture.name)
    atomic_write(picture, svg)
    atomic_write(output, text)
    return [picture, output]


def diagram(amap: ArgMap, semantics: str, support: str) -> str:
    """The map drawn as SVG with each claim's verdict under ``support``, as the report's
    text gives it."""
    annotated = amap.copy()
    annotate(annotated, semantics, support=support)
    drawn = render_map(annotated, "svg")
    assert isinstance(drawn, bytes)  # without ``page``, one drawing
    return drawn.decode("utf-8")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def md(text) -> str:
    """Map text as inert Markdown on one line: HTML entities for ``&`` and ``<``, and a
    backslash before every character that could start emphasis, a link, code or a
    block."""
    flat = " ".join(str(text).split())
    flat = flat.replace("&", "&amp;").replace("<", "&lt;")
    return _MD_SPECIAL.sub(r"\\\1", flat)


def _verdict_word(status) -> str:
    return {"in": "stands (in)", "out": "falls (out)", "undec": "undecided"}.get(status,
                                                                             str(status))


def _lines(content: Brief, esc, bold, code) -> list[tuple[str, str | list[str]]]:
    """The brief as ``(kind, payload)`` blocks shared by both writers: ``h1``/``h2``
    headings, ``p`` paragraphs (already escaped), ``ul`` lists of escaped items.  ``esc``
    escapes map text for the format, ``code`` escapes and marks up an id."""
    thesis = content.thesis
    blocks: list[tuple[str, str | list[str]]] = [("h1", esc(content.title))]
    if content.description:
        blocks.append(("p", esc(content.description)))
    blocks.append(("h2", "The question"))
    blocks.append(("p", f"{bold(esc(thesis.text))} ({code(thesis.claim)})"))
    blocks.append(("h2", "The verdict"))
    name = NAMES[content.semantics]
    blocks.append(("p", f"Under {name}, with the {esc(content.support)} reading of support, "
                        f"the thesis {bold(_verdict_word(thesis.status))}.  "
                        f"{esc(content.measures)}"))
    blocks.append(("p", esc(content.explanation.summary)))
    rests = content.explanation.rests_on
    if rests:
        blocks.append(("p", "The verdict rests on these claims, which nothing in the map "
                            "attacks:"))
        blocks.append(("ul", [f"{esc(_text_of(content, c))} ({code(c)})" for c in rests]))
    if content.flips.sets:
        sets = [" and ".join(code(c) for c in f.removed) for f in content.flips.sets]
        blocks.append(("p", "What would change it: without "
                            + "; or without ".join(sets)
                            + f", the thesis would be {esc(content.flips.sets[0].status)}."))
    blocks.append(("p", "Other semantics weigh the same map differently: "
                        + "; ".join(f"{esc(NAMES[v.semantics])} "
                                    + (f"{v.verdict:.3f}" if isinstance(v.verdict, float)
                                       else esc(v.verdict))
                                    for v in content.comparison.verdicts) + ".  "
                        + esc(content.comparison.why)))
    for side, heading in (("pro", "The strongest standing arguments for"),
                          ("con", "The strongest standing arguments against")):
        blocks.append(("h2", heading))
        items = content.strongest[side]
        blocks.append(("ul", [_item(i, esc, code, strength=True) for i in items])
                      if items else ("p", "None stands."))
    blocks.append(("h2", "Objections nobody answered"))
    blocks.append(("p", "Claims that attack another and that nothing in the map attacks. "
                        "Under grounded semantics each of them has the last word."))
    blocks.append(("ul", [_item(i, esc, code, extra=esc(i.detail)) for i in content.unanswered])
                  if content.unanswered else ("p", "None."))
    blocks.append(("h2", "Claims resting on the analyst's own reading"))
    blocks.append(("ul", [_item(i, esc, code, extra=esc(i.detail)) for i in content.analyst])
                  if content.analyst else ("p", "None is tagged analyst-inference."))
    blocks.append(("h2", "Evidence"))
    blocks.append(("p", f"{len(content.evidence_sourced)} pieces of evidence cite a source; "
                        f"{len(content.evidence_unsourced)} cite none."))
    if content.evidence_sourced:
        groups: dict[tuple, list[Item]] = {}
        for i in content.evidence_sourced:
            groups.setdefault(tuple(i.sources), []).append(i)
        blocks.append(("ul", [
            f"{bold('; '.join(esc(s) for s in sources))}: "
            + "; ".join(f"“{esc(shorten(i.text))}” ({code(i.claim)})" for i in items)
            for sources, items in groups.items()]))
    quoted = [i for i in content.evidence_sourced if i.quotes]
    if quoted:
        blocks.append(("p", "Quotes found word for word in the source documents:"))
        blocks.append(("ul", [f"{code(i.claim)}: "
                              + " / ".join(f"“{esc(q)}”" for q in i.quotes) for i in quoted]))
    if content.evidence_unsourced:
        blocks.append(("p", "Without a source:"))
        blocks.append(("ul", [_item(i, esc, code) for i in content.evidence_unsourced]))
    blocks.append(("h2", "Discrepancies noted in the file"))
    blocks.append(("ul", [_item(i, esc, code, extra=esc(i.detail))
                          for i in content.discrepancies])
                  if content.discrepancies else ("p", "None is tagged discrepancy."))
    blocks.append(("h2", "The balance per perspective"))
    if content.balance:
        blocks.append(("ul", [
            f"{bold(esc(row['name']))} ({code(row['perspective'])}): "
            f"{row['claims']} claims, {row['in']} standing and {row['out']} defeated; "
            f"seen through this perspective alone the thesis is "
            f"{esc(_verdict_word(row['thesis']))}" for row in content.balance]))
    else:
        blocks.append(("p", "The map names no perspectives."))
    blocks.append(("h2", "The map"))
    return blocks


def _text_of(content: Brief, claim: str) -> str:
    return f"“{content.texts.get(claim, claim)}”"


def _item(i: Item, esc, code, strength: bool = False, extra: str = "") -> str:
    parts = [f"“{esc(i.text)}” ({code(i.claim)}"]
    if i.perspective:
        parts.append(f", {esc(i.perspective)}")
    if strength and i.strength is not None:
        parts.append(f", DF-QuAD strength {i.strength:.2f}")
    parts.append(")")
    if extra:
        parts.append(f": {extra}")
    return "".join(parts)


def to_markdown(content: Brief, svg_name: str | None = None) -> str:
    """The brief as Markdown; ``svg_name`` is the diagram written beside it."""

    def code(text) -> str:
        """A code span shows its content literally: only backticks could end it."""
        return "`" + " ".join(str(text).replace("`", "'").split()) + "`"

    def bold(text: str) -> str:
        return f"**{text}**"

    out = []
    for kind, payload in _lines(content, md, bold, code):
        if isinstance(payload, list):
            out += [f"- {line}" for line in payload] + [""]
        elif kind == "h1":
            out += [f"# {payload}", ""]
        elif kind == "h2":
            out += [f"## {payload}", ""]
        else:
            out += [payload, ""]
    if svg_name:
        out += [f"![The debate map, each claim marked with its verdict]({svg_name})", ""]
    else:
        out += ["(Write the report to a file with -o to get the diagram beside it.)", ""]
    return "\n".join(out)


_STYLE = """
body { font: 16px/1.5 Georgia, serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
       color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
code { font-size: 0.85em; background: #f3f3f3; padding: 0 0.2em; }
figure { margin: 1em 0; overflow: auto; } figure svg { max-width: 100%; height: auto; }
"""


def to_html(content: Brief, svg: str | None = None) -> str:
    """The brief as one self-contained HTML page with the diagram inline.  No script and
    no event attribute: map text is entity-escaped, and the diagram is Graphviz's own SVG
    (whose text argmap's DOT writer escapes)."""

    def esc(text) -> str:
        return html.escape(" ".join(str(text).split()), quote=True)

    def code(text) -> str:
        return f"<code>{esc(text)}</code>"

    def bold(text: str) -> str:
        return f"<strong>{text}</strong>"

    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
           "style-src 'unsafe-inline'; img-src data:\">",
           f"<title>{esc(content.title)}</title>", f"<style>{_STYLE}</style>", "</head>",
           "<body>"]
    for kind, payload in _lines(content, esc, bold, code):
        if isinstance(payload, list):
            out.append("<ul>" + "".join(f"<li>{line}</li>" for line in payload) + "</ul>")
        elif kind in ("h1", "h2"):
            out.append(f"<{kind}>{payload}</{kind}>")
        else:
            out.append(f"<p>{payload}</p>")
    if svg:
        out.append(f"<figure>{_inline_svg(svg)}<figcaption>The debate map, each claim "
                   "marked with its verdict.</figcaption></figure>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def _inline_svg(svg: str) -> str:
    """Graphviz's SVG without its XML declaration, DOCTYPE and comments, for inlining."""
    start = svg.find("<svg")
    return re.sub(r"<!--.*?-->", "", svg[start:], flags=re.S) if start >= 0 else ""
