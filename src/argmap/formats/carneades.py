"""Carneades 4 argument graphs (CAES YAML), read only (see docs/formats/carneades.md).

A CAES graph has statements, arguments from premise statements to a conclusion, issues
whose positions exclude each other, and assumptions.  Arguments become nodes of kind
``argument`` (premises support the argument, the argument supports its conclusion), so
linked premises stay together; an argument's ``undercutter`` undercuts the relation from
the argument to its conclusion; the positions of an issue rebut each other.  Node ids are
the Carneades ids, so labels computed by argmap can be compared with Carneades' own.

Where the hand-asserted labels live: each statement's ``meta["carneades_label"]`` holds
``in``/``out``/``undecided`` from the file's ``tests:`` block; ``meta["assumed"]`` is true
for assumptions; ``graph["carneades"]`` keeps issues (with proof standards), assumptions,
tests and the file's ``meta``."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..errors import ValidationError
from ..model import ArgMap, add_edge
from . import Format
from ._imported import Position, SlugIds, mark_theses
from ._terms import normal_form
from .native._syntax import YamlReader
from .safe_yaml import plain

LABELS = ("in", "out", "undecided")
TRUE = ("true", "True", "TRUE", "yes", "Yes", "on")


def position(node: yaml.Node) -> Position:
    """Where a YAML node starts, as ``line``/``column`` keyword arguments (1-based)."""
    return {"line": node.start_mark.line + 1, "column": node.start_mark.column + 1}


class _Reader(YamlReader):
    """Walks a CAES document; collects every problem like the native reader."""

    def __init__(self, path: str | None):
        super().__init__(path)
        self.slugs = SlugIds()  # Carneades id -> node id
        self.references: list[tuple[str, yaml.Node, str]] = []  # (Carneades id, node, what)

    def declare(self, carneades_id: str) -> str:
        """The node id for a statement or argument (``SlugIds``)."""
        return self.slugs.declare(carneades_id)

    def node_id(self, carneades_id: str) -> str:
        return self.slugs.get(carneades_id)

    def ids(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node]]:
        """Node ids of the statements named: one, a list, or a mapping of roles to ids.
        Nothing (``assumptions:`` with no value) names none.  Ids are in Carneades'
        normal form, so ``p(a, b)`` names the statement ``p(a,b)``."""
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return []
        if isinstance(node, yaml.MappingNode):
            found = [(sid, value) for _, _, value in self.mapping(node, what)
                     for sid in [self.text(value, f"each statement of {what}")] if sid]
        else:
            found = self.text_list(node, what)
        found = [(normal_form(sid), item) for sid, item in found]
        self.references.extend((sid, item, what) for sid, item in found)
        return [(self.node_id(sid), item) for sid, item in found]

    def read(self, text: str) -> ArgMap:
        root = self.root_mapping(
            text, "empty file: a Carneades graph needs 'statements:'",
            "a Carneades graph must be a mapping of 'statements:', 'arguments:' ...")
        fields = {key: value for key, _, value in self.mapping(root, "the Carneades file")}
        kept: dict[str, Any] = {key: plain(value, self.path) for key, value in fields.items()
                                if key not in ("statements", "arguments", "issues")}
        amap = ArgMap(path=self.path)
        meta = kept.get("meta")
        if isinstance(meta, dict) and isinstance(meta.get("title"), str):
            amap.title = meta["title"].strip()
        if "statements" not in fields:
            self.error("the Carneades file has no 'statements:'", root)
        else:
            self.statements(amap, fields["statements"])
        if "assumptions" in fields:
            for sid, _ in self.ids(fields["assumptions"], "assumptions"):
                self.statement_meta(amap, sid)["assumed"] = True
        self.labels(amap, fields.get("tests"))
        issues = self.issues(amap, fields["issues"]) if "issues" in fields else {}
        kept["issues"] = issues
        if "arguments" in fields:
            self.arguments(amap, fields["arguments"])
        for sid, node, what in self.references:
            if amap.graph.nodes.get(self.node_id(sid), {}).get("kind", "argument") == "argument":
                self.error(f"{sid!r} in {what} is not a statement", node)
        # The lists kept name nodes by node id, like everything else in the map.
        if isinstance(kept.get("assumptions"), list):
            kept["assumptions"] = [self.node_id(normal_form(str(s)))
                                   for s in kept["assumptions"]]
        if isinstance(kept.get("tests"), dict):
            kept["tests"] = {label: [self.node_id(normal_form(str(s))) for s in ids or []]
                             for label, ids in kept["tests"].items() if isinstance(ids, list)}
        amap.graph.graph["carneades"] = kept
        mark_theses(amap, preferred=[issue["positions"][0] for issue in issues.values()
                                     if issue["positions"]])
        return amap

    def statement_meta(self, amap: ArgMap, sid: str) -> dict[str, Any]:
        """The ``meta`` of statement ``sid`` (a scratch dict when there is no such claim;
        the reference is reported anyway)."""
        node_id = self.node_id(sid)
        if node_id not in amap.graph:
            return {}
        return amap.graph.nodes[node_id].setdefault("meta", {})

    def statements(self, amap: ArgMap, node: yaml.Node) -> None:
        for written, key_node, value in self.mapping(node, "statements"):
            sid = normal_form(written)
            meta: dict[str, Any] = {"carneades_id": sid}
            if isinstance(value, yaml.MappingNode):
                fields = {key: field for key, _, field in self.mapping(value, f"statement {sid!r}")}
                text = self.text(fields.pop("text"), f"text of statement {sid!r}") \
                    if "text" in fields else None
                if "assumed" in fields:
                    meta["assumed"] = plain(fields.pop("assumed"), self.path) in TRUE
                meta.update({key: plain(field, self.path) for key, field in fields.items()})
            else:
                text = self.text(value, f"statement {sid!r}")
            amap.add_claim(self.declare(sid), (text or sid).strip(), meta=meta,
                           **position(key_node))

    def labels(self, amap: ArgMap, node: yaml.Node | None) -> None:
        """The asserted labels of the ``tests:`` block, onto each statement they name."""
        if node is None:
            return
        for label, key_node, value in self.mapping(node, "tests"):
            if label not in LABELS:
                self.error(f"tests may list {', '.join(LABELS)}, not {label!r}", key_node)
                continue
            if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null":
                continue
            for sid, _ in self.text_list(value, f"tests.{label}"):
                self.statement_meta(amap, normal_form(sid))["carneades_label"] = label

    def issues(self, amap: ArgMap, node: yaml.Node) -> dict[str, dict[str, Any]]:
        """Issue id -> ``{positions, standard}``; the positions rebut one another."""
        issues = {}
        for iid, _, value in self.mapping(node, "issues"):
            fields = {key: field for key, _, field in self.mapping(value, f"issue {iid!r}")}
            positions = self.ids(fields["positions"], f"positions of issue {iid!r}") \
                if "positions" in fields else []
            if "positions" not in fields:
                self.error(f"issue {iid!r} has no positions", value)
            issues[iid] = {"positions": [p for p, _ in positions],
                           **{k: plain(v, self.path) for k, v in fields.items()
                              if k != "positions"}}
            for claim, claim_node in positions:
                self.statement_meta(amap, claim)["issue"] = iid
                for other, _ in positions:
                    if other != claim:
                        add_edge(amap.graph, claim, other, "rebut", **position(claim_node))
        return issues

    def arguments(self, amap: ArgMap, node: yaml.Node) -> None:
        for aid, key_node, value in self.mapping(node, "arguments"):
            what = f"argument {aid!r}"
            if aid in self.slugs.of:
                self.error(f"{what} has the id of a statement", key_node)
                continue
            fields = {key: field for key, _, field in self.mapping(value, what)}
            node_id = self.declare(aid)
            meta = {key: plain(field, self.path) for key, field in fields.items()
                    if key not in ("premises", "conclusion", "undercutter")}
            amap.add_claim(node_id, aid, kind="argument", meta={"carneades_id": aid, **meta},
                           **position(key_node))
            conclusion = self.ids(fields["conclusion"], f"the conclusion of {what}")[:1] \
                if "conclusion" in fields else []
            if not conclusion:
                self.error(f"{what} has no conclusion", value)
                continue
            target = conclusion[0][0]
            for premise, item in (self.ids(fields["premises"], f"the premises of {what}")
                                  if "premises" in fields else []):
                add_edge(amap.graph, premise, node_id, "support", **position(item))
            add_edge(amap.graph, node_id, target, "support", **position(conclusion[0][1]))
            if "undercutter" in fields:
                for undercutter, item in self.ids(fields["undercutter"],
                                                  f"the undercutter of {what}"):
                    add_edge(amap.graph, undercutter, target, "undercut", undercuts=node_id,
                                      **position(item))


def read(text: str, path: str | None = None) -> ArgMap:
    """Parse a CAES YAML file; raise ``ValidationError`` listing every problem in it."""
    reader = _Reader(path)
    amap = reader.read(text)
    if reader.problems:
        first = min(reader.problems, key=lambda d: d.sort_key())
        raise ValidationError(first.message, first.location, sorted(
            reader.problems, key=lambda d: d.sort_key()))
    return amap


def sniff(text: str) -> bool:
    """Whether YAML text looks like a CAES graph (a top-level ``statements:``)."""
    return re.search(r"^statements:", text.lstrip("\ufeff")[:8192], re.M) is not None


FORMATS = [Format("carneades", (".caes.yml", ".caes.yaml"), "Carneades 4 argument graph "
                  "(CAES YAML)", read=read, sniff=sniff, aliases=("caes",))]
