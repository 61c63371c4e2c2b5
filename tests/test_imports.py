"""argmap's modules import each other without cycles, counting imports inside functions.

A cycle dodged with a function-local import still ties two layers together; the pipeline
read -> model -> transform -> draw/write only reads true when every import points down."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

from tests.conftest import ROOT

SRC = ROOT / "src"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def import_graph() -> nx.DiGraph:
    """Module -> the argmap modules it imports anywhere in its code."""
    files = {module_name(path): path for path in (SRC / "argmap").rglob("*.py")}
    graph = nx.DiGraph()
    graph.add_nodes_from(files)
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                # ``from package import module`` imports the module itself.
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in files else base
                           for alias in node.names]
            else:
                continue
            graph.add_edges_from((name, target) for target in targets
                                 if target in files and target != name)
    return graph


def test_the_import_graph_is_seen():
    graph = import_graph()
    assert graph.has_edge("argmap.drawing.dot", "argmap.drawing.diagram")
    assert graph.has_edge("argmap.cli.core", "argmap.pipeline")


def test_no_import_cycles():
    cycles = sorted(sorted(component) for component in
                    nx.strongly_connected_components(import_graph()) if len(component) > 1)
    assert not cycles, f"import cycles: {cycles}"
