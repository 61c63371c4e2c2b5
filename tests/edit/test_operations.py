"""Random sequences of edits through the CLI give the same graph as the same edits made on
a plain in-memory ``ArgMap``, are refused exactly when the model says the map would be
invalid (leaving the file's bytes alone), and never lose a comment that did not belong to a
removed claim."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from argmap.check import check_map
from argmap.cli import main
from argmap.edit.document import Document
from argmap.edit.fmt import find_comments
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


def _signature(amap):
    claims = {n: tuple(d.get(k) for k in ("text", "kind", "note", "weight", "perspective"))
              for n, d in amap.graph.nodes(data=True)}
    relations = sorted((r.source, r.target, r.relation, r.undercuts or "", r.note or "")
                       for r in amap.relations())
    return claims, relations


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
                                   "rename", "rm"]))
    if choice == "add":
        cid, text = draw(fresh), draw(claim_texts())
        target = draw(st.sampled_from(ids))
        relation = draw(st.sampled_from(["support", "rebut"]))

        def apply(m):
            m.add_claim(cid, text, kind="evidence")
            m.add_relation(cid, target, relation)
        return ["add", cid, "--text", text, "--kind", "evidence", f"--{relation}s", target], apply
    if choice == "link":
        source, target = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        relation = draw(st.sampled_from(["support", "rebut"]))
        note = draw(st.one_of(st.none(), claim_texts()))
        args = ["link", source, f"{relation}s", target] + (["--note", note] if note else [])
        if graph.has_edge(source, target, key=relation):
            return None
        return args, lambda m: m.add_relation(source, target, relation, note=note)
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
        return (["unlink", gone.source, gone.target],
                lambda m: m.graph.remove_edge(gone.source, gone.target, key=gone.relation))
    if choice == "set":
        cid = draw(st.sampled_from(ids))
        field = draw(st.sampled_from(["text", "note", "weight", "kind"]))
        value = {"text": claim_texts(), "note": claim_texts(),
                 "weight": st.sampled_from(["0", "0.25", "1"]),
                 "kind": st.sampled_from(["claim", "evidence", "argument"])}[field]
        value = draw(value)
        typed = float(value) if field == "weight" else value
        return (["set", "--", cid, field, value],  # "--": a value may start with "-"
                lambda m: m.graph.nodes[cid].__setitem__(field, typed))
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


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_cli_edits_match_the_model(tmp_path_factory, data):
    path: Path = tmp_path_factory.mktemp("prop") / "map.yaml"
    windows = data.draw(st.booleans(), label="CRLF and BOM")
    path.write_bytes(("\ufeff" + BEFORE.replace("\n", "\r\n") if windows else BEFORE)
                     .encode())
    model = _model(BEFORE)
    original = {cid: cid for cid in model.graph}  # current id -> id in the original file
    removed: set[str] = set()
    for _ in range(data.draw(st.integers(1, 8))):
        drawn = data.draw(operation(model))
        if drawn is None:
            continue
        args, apply = drawn
        expected = model.copy()
        apply(expected)
        valid = not any(d.severity == "error" for d in check_map(expected))
        event(f"{args[0]} {'applied' if valid else 'refused'}")
        before = path.read_bytes()
        result = CliRunner().invoke(main, [args[0], str(path), *args[1:]])
        if not valid:
            assert result.exit_code == 1, (args, result.output)
            assert path.read_bytes() == before
            continue
        assert result.exit_code == 0, (args, result.output)
        if args[0] == "rename":
            original[args[2]] = original.pop(args[1], args[1])
        if args[0] == "rm":
            removed.add(original.get(args[1], args[1]))
        model = expected
        assert _signature(read(path.read_text())) == _signature(model), args
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == windows
    assert raw.count(b"\r\n") == (raw.count(b"\n") if windows else 0)
    text = raw.decode()
    for where, blocks in ORIGINAL_COMMENTS.leading.items():
        if where and where[0] == "claims" and len(where) > 2 and where[1] in removed:
            continue
        for _, block in blocks:
            for comment in block:
                assert comment in text
