"""Checking a loaded map: references, thesis, self-support, sides, orphans.

Readers report what is wrong with the *file* (syntax, unknown keys, wrong types); this
module reports what is wrong with the *map*, for every format alike."""

from __future__ import annotations

import re

import networkx as nx

from .errors import Diagnostic, Location, ValidationError, did_you_mean
from .model import KINDS, SIDES, ArgMap, Relation

NO_THESIS = "the map has no thesis (give one claim kind: thesis)"


SUGGESTED_UP_TO = 20  # unknown claim ids per check that get a "did you mean"


def check_map(amap: ArgMap, abstract: bool = False, self_attack: bool = False,
              side_conflicts: list[tuple[str, str, str]] | None = None) -> list[Diagnostic]:
    """All problems with ``amap``, errors and warnings, in file order.  ``amap`` is left
    as it is: a side conflict is a warning here, and ``ArgMap.derive_sides`` sets sides.

    An ``abstract`` map (a Dung framework) needs no thesis and may have self-attacks; with
    ``self_attack`` a claim may rebut itself too (formats where that is legal, such as
    Argdown)."""
    found: list[Diagnostic] = []

    def error(message, location):
        found.append(Diagnostic("error", message, location))

    def warning(message, location):
        found.append(Diagnostic("warning", message, location))

    graph = amap.graph
    # Nodes created only by a relation naming them, each reported at every such relation:
    # the declared ids and those relations are gathered once for all of them.
    undeclared = {node for node, data in graph.nodes(data=True) if "text" not in data}
    declared = [node for node in graph if node not in undeclared] if undeclared else []
    naming = _relations_naming(amap, undeclared) if undeclared else {}
    suggested = 0
    for node, data in graph.nodes(data=True):
        if node in undeclared:
            # A suggestion scans every declared id: made for the first few unknown ones only,
            # so a file naming hundreds (a half-finished import) is still checked at once.
            hint = did_you_mean(node, declared) if suggested < SUGGESTED_UP_TO else ""
            suggested += 1
            for relation in naming[node]:
                error(f"unknown claim {node!r} in {relation.relation} of "
                      f"{relation.source!r}{hint}", amap.location(relation=relation))
            continue
        problems = _claim_problems(amap, node, data)
        if problems:
            where = amap.location(node)
            for problem in problems:
                error(problem, where)

    pred, _ = amap.adjacency()
    for source, target, key, data in graph.edges(keys=True, data=True):
        message: str | None = None
        if source == target and not ((abstract or self_attack) and key == "rebut"):
            message = f"claim {source!r} {data['relation']}s itself"
        elif key == "rebut" and "support" in pred[target][source]:
            message = f"{source!r} both supports and rebuts {target!r}"
        elif key.startswith("undercut:"):
            attacked = data["undercuts"]
            keyed = pred[target].get(attacked, {})
            if "support" not in keyed and "rebut" not in keyed:
                message = (f"{source!r} undercuts {attacked}->{target}, "
                           "which is not a support or rebut")
        if message:
            error(message, Location(amap.path, data.get("line"), data.get("column")))

    for message, where in unwritable(amap):
        error(message, where)

    theses = amap.theses()
    if not theses and len(amap) and not abstract:
        error(NO_THESIS, Location(amap.path))
    if side_conflicts is None:  # what ``ArgMap.derive_sides`` returns, when already run
        side_conflicts = amap.sides()[1]
    for claim, kept, implied in side_conflicts:
        warning(f"claim {claim!r} is {kept} by one path and {implied} by another",
                amap.location(claim))
    if theses:
        connected = set()
        for component in nx.weakly_connected_components(graph):
            if any(t in component for t in theses):
                connected |= component
        for node, data in graph.nodes(data=True):
            if node not in connected and "text" in data:
                warning(f"claim {node!r} is an orphan: not connected to the thesis",
                        amap.location(node))
    return sorted(found, key=Diagnostic.sort_key)


def _claim_problems(amap: ArgMap, node: str, data: dict) -> list[str]:
    """What is wrong with one claim's own fields (usually nothing, so this is kept cheap)."""
    problems = []
    if not str(data["text"]).strip():
        problems.append(f"claim {node!r} has empty text")
    if data.get("kind") not in KINDS:
        problems.append(f"claim {node!r} has unknown kind {data.get('kind')!r} "
                        f"(one of {', '.join(KINDS)})")
    perspective = data.get("perspective")
    if perspective is not None and perspective not in amap.perspectives:
        problems.append(f"claim {node!r} names unknown perspective {perspective!r}"
                        f"{did_you_mean(perspective, amap.perspectives)}")
    for source in data.get("sources", ()):
        if source not in amap.sources:
            problems.append(f"claim {node!r} names unknown source {source!r}"
                            f"{did_you_mean(source, amap.sources)}")
    weight = data.get("weight")
    if weight is not None and not 0 <= weight <= 1:
        problems.append(f"claim {node!r} has weight {weight} outside 0..1")
    if data.get("declared_side", "pro") not in SIDES:
        problems.append(f"claim {node!r} has side {data['declared_side']!r} (pro or con)")
    return problems


# Characters no output can carry: lone surrogates (not encodable as UTF-8) and what XML
# 1.0 forbids (C0 controls but tab and line breaks, U+FFFE, U+FFFF), which SVG, GraphML
# and the HTML page cannot hold and Graphviz rejects.
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def unwritable(amap: ArgMap):
    """``(message, location)`` for each id or text that holds a character no output can
    carry: refused on reading, so no writer is ever handed one."""
    def problem(value, what: str):
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str):
                found = UNWRITABLE.search(item)
                if found:
                    code = ord(found[0])
                    kind = "a lone surrogate, which cannot be encoded" \
                        if 0xD800 <= code <= 0xDFFF else "a character XML 1.0 forbids"
                    return f"{what} holds U+{code:04X}, {kind}"
        return None

    graph = amap.graph
    if not _any_unwritable(graph):  # the usual case, in one search over all the text
        return
    for key, value in graph.graph.items():
        entries = value.items() if key in ("perspectives", "sources") and isinstance(
            value, dict) else [(None, value)]
        for name, entry in entries:
            for field in (entry.values() if isinstance(entry, dict) else [name, entry]):
                message = problem(field, f"the map's {key}")
                if message:
                    yield message, Location(amap.path)
    for node, data in graph.nodes(data=True):
        for name, value in [("id", node), *data.items()]:
            message = problem(value, f"the {name} of claim {node!r}")
            if message:
                yield message, amap.location(node)
    for source, target, data in graph.edges(data=True):
        for name in ("note", "undercuts"):
            message = problem(data.get(name), f"the {name} of {source}->{target}")
            if message:
                yield message, Location(amap.path, data.get("line"), data.get("column"))


def _any_unwritable(graph) -> bool:
    """Whether any text of the map may hold an unwritable character: one search over
    every string joined by line feeds (themselves writable), about ten times faster than
    a search per string on a big map."""
    texts: list[str] = []
    for value in graph.graph.values():  # title, description, perspectives, sources ...
        entries = value.items() if isinstance(value, dict) else [("", value)]
        for key, entry in entries:
            texts += [text for text in (key, entry, *(entry.values() if isinstance(
                entry, dict) else ())) if type(text) is str]
    for node, data in graph.nodes(data=True):
        texts.append(node if isinstance(node, str) else "")
        texts += [v for v in data.values() if type(v) is str]
        texts += [item for v in data.values() if type(v) is list for item in v
                  if type(item) is str]
    texts += [v for _, _, data in graph.edges(data=True) for v in data.values()
              if type(v) is str]
    return UNWRITABLE.search("\n".join(texts)) is not None


def _relations_naming(amap: ArgMap, nodes: set[str]) -> dict[str, list[Relation]]:
    """The relations of ``amap`` naming each of ``nodes`` at either end, in one pass."""
    naming: dict[str, list[Relation]] = {node: [] for node in nodes}
    for relation in amap.relations():
        for end in dict.fromkeys((relation.source, relation.target)):
            if end in naming:
                naming[end].append(relation)
    return naming


def raise_for_errors(amap: ArgMap, abstract: bool = False, self_attack: bool = False,
                     side_conflicts: list[tuple[str, str, str]] | None = None
                     ) -> list[Diagnostic]:
    """Check ``amap``; raise ``ValidationError`` (first error, all diagnostics) on errors,
    else return the warnings."""
    diagnostics = check_map(amap, abstract, self_attack, side_conflicts)
    errors = [d for d in diagnostics if d.severity == "error"]
    if errors:
        raise ValidationError(errors[0].message, errors[0].location, diagnostics)
    return diagnostics


def check_evidence(amap: ArgMap, lints: bool = False) -> list[Diagnostic]:
    """Quotes verified against their sources' documents and, with ``lints``, the lints:
    the checks that read other files or judge style, kept apart from ``check_map``, which
    every load and edit runs."""
    from .lint import lint_map
    from .provenance import verify_quotes
    found = verify_quotes(amap).diagnostics + (lint_map(amap) if lints else [])
    return sorted(found, key=Diagnostic.sort_key)
