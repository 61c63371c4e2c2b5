"""Random sequences of edits through the CLI give the same graph as the same edits made on
a plain in-memory ``ArgMap``, are refused exactly when the model says the map would be
invalid (leaving the file's bytes alone), and never lose a comment that did not belong to a
removed claim."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from argmap.check import check_map
from argmap.edit.document import Document
from argmap.edit.fmt import find_comments
from argmap.edit.intent import signature
from argmap.formats.native import read

from ..conftest import DATA
from ..strategies import claim_texts, slugs

BEFORE = (DATA / "edit" / "before.yaml").read_text()
ORIGINAL_COMMENTS = find_comments(Document(BEFORE))


def _model(text: str):
    amap = read(text)
    amap.derive_sides()
    return amap


def _relabel(amap, old: str, new: str) -> None:
    """Rename a claim in the model, undercut edge keys and attributes included."""
    graph = amap.graph
    rebuilt = nx.MultiDiGraph()
    rebuilt.graph.update(graph.graph)
    swap = {old: new}
    for node, data in graph.nodes(data=True):
        rebuilt.add_node(swap.get(node, node), **data)
    for source, target, data in graph.edges(data=True):
        data = dict(data)
        if "undercuts" in data:
            data["undercuts"] = swap.get(data["undercuts"], data["undercuts"])
        rebuilt.add_edge(swap.get(source, source), swap.get(target, target),
                         key=data["relation"] if data["relation"] != "undercut"
                         else f"undercut:{data['undercuts']}", **data)
    amap.graph = rebuilt


def _remove(amap, cid: str) -> None:
    graph = amap.graph
    graph.remove_node(cid)
    graph.remove_edges_from([(s, t, k) for s, t, k, u in graph.edges(keys=True, data="undercuts")
                             if u == cid])


@st.composite
def operation(draw, amap):
    """One edit that makes sense for the model's current claims: ``(cli args, apply)``."""
    graph = amap.graph
    ids = sorted(graph.nodes)
    thesis = amap.theses()
    plain = [r for r in amap.relations() if r.relation != "undercut"]
    fresh = slugs.map(lambda s: next(f"{s}{n or ''}" for n in range(len(graph) + 1)
                                     if f"{s}{n or ''}" not in graph))
    choice = draw(st.sampled_from(["add", "link", "undercut", "unlink", "set", "unset",
                                   "rename", "rm", "tag", "untag", "meta", "perspective",
                                   "source"]))
    if choice == "add":
        cid, text = draw(fresh), draw(claim_texts())
        target = draw(st.sampled_from(ids))
        relation = draw(st.sampled_from(["support", "rebut"]))
        fields = draw(claim_fields(amap))

        def apply(m):
            m.add_claim(cid, text, kind="evidence", **fields.model)
            m.add_relation(cid, target, relation)
        return (["add", "--text", text, "--kind", "evidence", f"--{relation}s", target,
                 *fields.options, "--", cid], apply)
    if choice == "link":
        source, target = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        relation = draw(st.sampled_from(["support", "rebut"]))
        note = draw(st.one_of(st.none(), claim_texts()))
        args = ["link", source, f"{relation}s", target] + (["--note", note] if note else [])
        if graph.has_edge(source, target, key=relation) and note is None:
            return None
        return args, lambda m: m.add_relation(source, target, relation, note=note)
    if choice in ("tag", "untag"):
        cid = draw(st.sampled_from(ids))
        having = graph.nodes[cid].get("tags", [])
        tags = draw(st.lists(st.sampled_from(having), min_size=1, unique=True)
                    if choice == "untag" and having else
                    st.lists(claim_texts(), min_size=1, max_size=3))

        def retag(m):
            data = m.graph.nodes[cid]
            kept = [t for t in data.get("tags", []) if t not in tags] if choice == "untag" \
                else list(dict.fromkeys([*data.get("tags", []), *tags]))
            data.pop("tags", None)
            data.update({"tags": kept} if kept else {})
        if choice == "untag" and not having:
            return None
        return [choice, "--", cid, *tags], retag
    if choice == "meta":
        name = draw(st.sampled_from(["title", "description"]))
        value = draw(st.one_of(st.just(""), claim_texts()))
        return (["meta", "--", name, value],
                lambda m: m.graph.graph.__setitem__(name, value) if value
                else m.graph.graph.pop(name, None))
    if choice in ("perspective", "source"):
        return draw(declaration(amap, choice, fresh))
    if choice == "undercut" and plain:
        attacked = draw(st.sampled_from(plain))
        source = draw(st.sampled_from(ids))
        if graph.has_edge(source, attacked.target, key=f"undercut:{attacked.source}"):
            return None
        return (["link", source, "undercuts", f"{attacked.source}->{attacked.target}"],
                lambda m: m.add_relation(source, attacked.target, "undercut",
                                         undercuts=attacked.source))
    if choice == "unlink" and plain:
        gone = draw(st.sampled_from(plain))
        cascade = draw(st.booleans())

        def apply(m):
            m.graph.remove_edge(gone.source, gone.target, key=gone.relation)
            if cascade:
                m.graph.remove_edges_from([
                    (u, gone.target, key) for u, _, key in m.graph.in_edges(gone.target,
                                                                           keys=True)
                    if key == f"undercut:{gone.source}"])
        return ["unlink", gone.source, gone.target] + ["--cascade"] * cascade, apply
    if choice == "set":
        cid = draw(st.sampled_from(ids))
        field = draw(st.sampled_from(["text", "note", "weight", "kind"]))
        value = {"text": claim_texts(), "note": claim_texts(),
                 "weight": st.sampled_from(["0", "0.25", "1"]),
                 "kind": st.sampled_from(["claim", "evidence", "argument"])}[field]
        value = draw(value)
        typed = float(value) if field == "weight" else value
        fields = draw(claim_fields(amap, exclude=field))

        def apply(m):
            m.graph.nodes[cid][field] = typed
            m.graph.nodes[cid].update(fields.attributes)
        # "--": a value may start with "-"
        return ["set", *fields.options, "--", cid, field, value], apply
    if choice == "unset":
        cid = draw(st.sampled_from(ids))
        present = [f for f in ("note", "weight") if f in graph.nodes[cid]]
        if not present:
            return None
        field = draw(st.sampled_from(present))
        return ["unset", cid, field], lambda m: m.graph.nodes[cid].pop(field)
    if choice == "rename":
        old, new = draw(st.sampled_from(ids)), draw(fresh)
        return ["rename", old, new], lambda m: _relabel(m, old, new)
    if choice == "rm":
        cid = draw(st.sampled_from(ids))
        if cid in thesis:
            return None
        return ["rm", cid, "--cascade"], lambda m: _remove(m, cid)
    return None


@dataclass
class Fields:
    options: list[str]  # command-line options
    model: dict  # add_claim keywords
    attributes: dict  # node attributes


@st.composite
def claim_fields(draw, amap, exclude: str = ""):
    """Optional claim fields given as options to ``add`` or ``set``."""
    options, model = [], {}
    if draw(st.booleans()) and exclude != "note":
        model["note"] = draw(claim_texts())
        options += ["--note", model["note"]]
    if draw(st.booleans()) and exclude != "weight":
        model["weight"] = draw(st.sampled_from([0.0, 0.5, 1.0]))
        options += ["--weight", str(model["weight"])]
    if draw(st.booleans()):
        model["tags"] = draw(st.lists(claim_texts(), min_size=1, max_size=2, unique=True))
        options += [o for t in model["tags"] for o in ("--tag", t)]
    if amap.sources and draw(st.booleans()):
        model["sources"] = draw(st.lists(st.sampled_from(sorted(amap.sources)), min_size=1,
                                         max_size=2, unique=True))
        options += [o for s in model["sources"] for o in ("--source", s)]
    if amap.perspectives and draw(st.booleans()):
        model["perspective"] = draw(st.sampled_from(sorted(amap.perspectives)))
        options += ["--perspective", model["perspective"]]
    return Fields(options, model, model)


@st.composite
def declaration(draw, amap, group: str, fresh):
    """``perspective add|rename|rm`` or ``source add|set|rename|rm --cascade``."""
    section = "perspectives" if group == "perspective" else "sources"
    declared = sorted(getattr(amap, section))
    action = draw(st.sampled_from(["add", "rename", "rm"] + ["set"] * (group == "source")))
    if action == "add":
        eid = draw(fresh.filter(lambda e: e not in declared))
        if group == "perspective":
            label = draw(claim_texts())
            return ([group, "add", "--", eid, label],
                    lambda m: m.perspectives.__setitem__(eid, label))
        entry = {"title": draw(claim_texts())}
        entry.update(draw(st.fixed_dictionaries({}, optional={
            "date": st.sampled_from(["2025", "2025-11-03"]), "note": claim_texts(),
            "url": st.just("https://example.org/a?b=1&c=2")})))
        return ([group, "add", *(o for k, v in entry.items() for o in (f"--{k}", v)), "--",
                 eid], lambda m: m.sources.__setitem__(eid, entry))
    if not declared:
        return None
    eid = draw(st.sampled_from(declared))
    if action == "set":
        name = draw(st.sampled_from(["title", "note", "url"]))
        value = draw(claim_texts())
        return ([group, "set", "--", eid, name, value],
                lambda m: m.sources[eid].__setitem__(name, value))
    if action == "rename":
        new = draw(fresh.filter(lambda e: e not in declared))

        def rename(m):
            renamed = {new if k == eid else k: v for k, v in getattr(m, section).items()}
            getattr(m, section).clear()
            getattr(m, section).update(renamed)
            for _, data in m.graph.nodes(data=True):
                if data.get("perspective") == eid and group == "perspective":
                    data["perspective"] = new
                if eid in data.get("sources", ()) and group == "source":
                    data["sources"] = [new if s == eid else s for s in data["sources"]]
        return [group, "rename", eid, new], rename

    def remove(m):
        del getattr(m, section)[eid]
        for _, data in m.graph.nodes(data=True):
            if group == "source" and eid in data.get("sources", ()):
                data["sources"] = [s for s in data["sources"] if s != eid]
                if not data["sources"]:
                    del data["sources"]
    return [group, "rm", eid] + ["--cascade"] * (group == "source"), remove


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_cli_edits_match_the_model(cli, tmp_path_factory, data):
    path: Path = tmp_path_factory.mktemp("prop") / "map.yaml"
    windows = data.draw(st.booleans(), label="CRLF and BOM")
    path.write_bytes(("\ufeff" + BEFORE.replace("\n", "\r\n") if windows else BEFORE)
                     .encode())
    model = _model(BEFORE)
    original: dict = {}  # (section, current id) -> id in the original file, once renamed
    removed: set[tuple[str, str]] = set()  # (section, original id)
    for _ in range(data.draw(st.integers(1, 8))):
        drawn = data.draw(operation(model))
        if drawn is None:
            continue
        args, apply = drawn
        expected = copy.deepcopy(model)
        apply(expected)
        valid = not any(d.severity == "error" for d in check_map(expected))
        event(f"{args[0]} {'applied' if valid else 'refused'}")
        before = path.read_bytes()
        words = 2 if args[0] in ("source", "perspective") else 1
        result = cli(*args[:words], path, *args[words:])
        if not valid:
            assert result.exit_code == 1, (args, result.output)
            assert path.read_bytes() == before
            continue
        assert result.exit_code == 0, (args, result.output)
        section = {"source": "sources", "perspective": "perspectives"}.get(args[0], "claims")
        action, *ids = args[words - 1:]
        if action == "rename":
            original[section, ids[1]] = original.pop((section, ids[0]), ids[0])
        if action == "rm":
            removed.add((section, original.get((section, ids[0]), ids[0])))
        model = expected
        assert signature(read(path.read_text())) == signature(model), args
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == windows
    assert raw.count(b"\r\n") == (raw.count(b"\n") if windows else 0)
    text = raw.decode()
    for where, blocks in ORIGINAL_COMMENTS.leading.items():
        if where and len(where) > 2 and where[:2] in removed:
            continue
        for block in blocks:
            for comment in block.lines:
                assert comment in text
