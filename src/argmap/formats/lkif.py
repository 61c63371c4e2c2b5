"""Carneades argument graphs in LKIF XML (the Legal Knowledge Interchange Format of
Carneades 1 and 2), read only (see docs/formats/lkif.md).

Read the way Carneades 4 imports LKIF into its CAES model, so that argmap's reading and
Carneades' agree: a ``con`` argument is a ``pro`` argument for the statement's complement
``¬s``, a ``negative`` premise is the complement, a statement and its complement are the
positions of one issue (they rebut each other), ``value="true"`` assumes a statement and
``"false"`` its complement, an ``exception`` premise of argument ``a`` is the premise of an
argument ``a.N`` for the undercutter ``¬app(a)``, and an ``assumption`` premise is an
ordinary premise that is also assumed.  The map then has the shape the CAES YAML reader
gives (docs/formats/carneades.md): statements and argument nodes, premises supporting
their argument, the argument supporting its conclusion."""

from __future__ import annotations

import re
from typing import NoReturn
from xml.etree import ElementTree

from ..errors import Location, ParseError
from ..model import ArgMap
from . import Format
from ._imported import SlugIds, mark_theses, parse_xml

STANDARDS = {"CCE": "CCE", "BRD": "BRD"}  # anything else is PE, as in Carneades
PREMISE_TYPES = ("ordinary", "exception", "assumption")


class _Builder:
    """The CAES reading of one ``<argument-graph>``, built into a map."""

    def __init__(self, path: str | None):
        self.path = path
        self.amap = ArgMap(path=path)
        self.slugs = SlugIds()
        self.node_ids = self.slugs.of  # Carneades id -> node id
        self.assumed: set[str] = set()
        self.standards: dict[str, str] = {}

    def fail(self, message: str) -> NoReturn:
        raise ParseError(message, Location(self.path))

    def declare(self, carneades_id: str, text: str, **fields) -> str:
        """Add a node for ``carneades_id``: the id itself when it is a slug, else a slug."""
        node_id = self.slugs.declare(carneades_id)
        meta = {"carneades_id": carneades_id, **fields.pop("meta", {})}
        self.amap.add_claim(node_id, text, meta=meta, **fields)
        return node_id

    def complement(self, sid: str) -> str:
        """The id of ``¬sid``, added (text ``¬`` + the statement's text) when missing."""
        negation = f"¬{sid}"
        if negation not in self.node_ids:
            text = self.amap.claim(self.node_ids[sid])["text"]
            self.declare(negation, f"¬{text}")
        return negation

    def statement(self, sid: str, what: str) -> str:
        if sid not in self.node_ids or self.amap.claim(self.node_ids[sid]).get("kind") == \
                "argument":
            self.fail(f"{what} names {sid!r}, which is no statement")
        return sid

    def read(self, graph: ElementTree.Element) -> ArgMap:
        if graph.get("title"):
            self.amap.title = graph.get("title")
        for element in graph.iterfind("statements/statement"):
            sid = _required(element, "id", self.path)
            if sid in self.node_ids:
                self.fail(f"statement {sid!r} is defined twice")
            words = element.find("s")
            text = " ".join("".join(words.itertext()).split()) if words is not None else sid
            self.declare(sid, text or sid, meta={
                key: element.get(key) for key in ("value", "assumption", "standard")
                if element.get(key) is not None})
            self.standards[sid] = STANDARDS.get(element.get("standard", ""), "PE")
        for element in graph.iterfind("statements/statement"):
            sid = _required(element, "id", self.path)
            if element.get("value") == "true":
                self.assumed.add(sid)
            elif element.get("value") == "false":
                self.assumed.add(self.complement(sid))
        for index, element in enumerate(graph.iterfind("arguments/argument"), 1):
            self.argument(element, index)
        issues = self.issues()
        for sid in self.assumed:
            self.amap.claim(self.node_ids[sid]).setdefault("meta", {})["assumed"] = True
        main = graph.get("main-issue")
        self.amap.graph.graph["carneades"] = {
            "issues": issues, "assumptions": sorted(self.node_ids[s] for s in self.assumed),
            "meta": {key: value for key, value in graph.attrib.items() if value}}
        mark_theses(self.amap, preferred=[self.node_ids[main]] if main in self.node_ids else
                    [issue["positions"][0] for issue in issues.values()])
        return self.amap

    def argument(self, element: ElementTree.Element, index: int) -> None:
        aid = element.get("id") or f"a{index}"
        what = f"argument {aid!r}"
        if aid in self.node_ids:
            self.fail(f"{what} has the id of a statement or another argument")
        conclusion = element.find("conclusion")
        concluded = conclusion.get("statement") if conclusion is not None else None
        if not concluded:
            self.fail(f"{what} has no conclusion")
        target = self.statement(concluded, f"the conclusion of {what}")
        if element.get("direction") == "con":
            target = self.complement(target)
        meta = {key: element.get(key) for key in ("title", "scheme", "weight", "direction")
                if element.get(key)}
        node = self.declare(aid, element.get("title") or aid, kind="argument", meta=meta)
        for number, premise in enumerate(element.iterfind("premises/premise")):
            sid = self.statement(premise.get("statement", ""), f"a premise of {what}")
            if premise.get("polarity", "positive") != "positive":
                sid = self.complement(sid)
            kind = premise.get("type", "ordinary")
            if kind not in PREMISE_TYPES:
                self.fail(f"a premise of {what} has type {kind!r}, not one of "
                          f"{', '.join(PREMISE_TYPES)}")
            if kind == "exception":  # numbered by its place among the premises, as Carneades does
                self.exception(aid, node, target, sid, number)
                continue
            if kind == "assumption":
                self.assumed.add(sid)
            self.amap.add_relation(self.node_ids[sid], node, "support")
        self.amap.add_relation(node, self.node_ids[target], "support")

    def exception(self, aid: str, node: str, target: str, sid: str, number: int) -> None:
        """Exception ``sid`` of argument ``aid``: an argument ``aid.N`` from it to the
        undercutter ``¬app(aid)``, which undercuts ``aid``'s inference."""
        undercutter = f"¬app({aid})"
        if undercutter not in self.node_ids:
            self.declare(undercutter, undercutter)
            self.amap.add_relation(self.node_ids[undercutter], self.node_ids[target],
                                   "undercut", undercuts=node)
        exception = self.declare(f"{aid}.{number}", f"{aid}.{number}", kind="argument",
                                 meta={"exception_of": aid})
        self.amap.add_relation(self.node_ids[sid], exception, "support")
        self.amap.add_relation(exception, self.node_ids[undercutter], "support")

    def issues(self) -> dict[str, dict]:
        """An issue for each statement whose complement exists; the two rebut each other."""
        issues: dict[str, dict] = {}
        for sid in list(self.node_ids):
            negation = f"¬{sid}"
            if negation not in self.node_ids:
                continue
            iid = f"i{len(issues) + 1}"
            positions = [self.node_ids[sid], self.node_ids[negation]]
            issues[iid] = {"positions": positions, "standard": self.standards.get(sid, "PE")}
            for position in positions:
                self.amap.claim(position).setdefault("meta", {})["issue"] = iid
            self.amap.add_relation(positions[0], positions[1], "rebut")
            self.amap.add_relation(positions[1], positions[0], "rebut")
        return issues


def _required(element: ElementTree.Element, attribute: str, path: str | None) -> str:
    value = element.get(attribute)
    if not value:
        raise ParseError(f"a <{element.tag}> has no {attribute}", Location(path))
    return value


def read(text: str, path: str | None = None) -> ArgMap:
    root = parse_xml(text, path, "lkif")
    graphs = root.findall("argument-graphs/argument-graph")
    if len(graphs) != 1:
        raise ParseError(f"the file has {len(graphs)} argument graphs; argmap reads files "
                         "with exactly one", Location(path))
    return _Builder(path).read(graphs[0])


def _sniff(text: str) -> bool:
    return re.search(r"<lkif[\s>]", text[:4096]) is not None


FORMATS = [Format("lkif", (".lkif",), "Carneades argument graph (LKIF XML)", read=read,
                  sniff=_sniff)]
