"""Gradual semantics for weighted bipolar maps: DF-QuAD, quadratic energy, Euler-based and
the weighted h-categorizer (formulas in docs/evaluation.md).

The base score of a claim is its ``weight`` (0.5 when unset).  An undercut relation
``S -> C`` is reified as an ``Inference`` whose base score is the current strength of its
premise ``S``; its undercutters attack it under the same semantics, and it then stands in
for ``S`` as attacker or supporter of ``C``.  So an unchallenged inference passes on
exactly ``S``'s strength and an undercut scales it down, without touching ``C``'s own
base score or ``S`` itself.

Acyclic maps are evaluated once in topological order (closed forms); cyclic ones iterate
the update (damped) from the base scores until one more update moves no strength by more
than ``tolerance``, i.e. until the strengths are a fixed point.  No
convergence raises ``EvaluationError`` rather than returning a number that is not a
fixed point."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

from ..errors import EvaluationError
from ..model import ArgMap
from .bipolar import DEFAULT_SUPPORT, Inference, map_relations

DEFAULT_BASE_SCORE = 0.5
TOLERANCE = 1e-10
MAX_ITERATIONS = 100_000


def _product_aggregate(values) -> float:
    remaining = 1.0
    for value in values:
        remaining *= 1.0 - value
    return 1.0 - remaining


def dfquad(base: float, attack: list[float], support: list[float]) -> float:
    """Rago et al. (KR 2016): combine the product-aggregated attack and support."""
    v_a, v_s = _product_aggregate(attack), _product_aggregate(support)
    if v_a >= v_s:
        return base - base * (v_a - v_s)
    return base + (1.0 - base) * (v_s - v_a)


def _h(x: float) -> float:
    x = max(x, 0.0)
    return x * x / (1.0 + x * x)


def quadratic_energy(base: float, attack: list[float], support: list[float]) -> float:
    """Potyka (KR 2018)."""
    energy = sum(support) - sum(attack)
    return base - base * _h(-energy) + (1.0 - base) * _h(energy)


def euler(base: float, attack: list[float], support: list[float]) -> float:
    """Amgoud & Ben-Naim (2017): strengths stay in (base², 1)."""
    energy = sum(support) - sum(attack)
    if energy > 700:  # e^E overflows a float; the limit is 1
        return 1.0
    return 1.0 - (1.0 - base * base) / (1.0 + base * math.exp(energy))


def h_categorizer(base: float, attack: list[float], support: list[float]) -> float:
    """Weighted h-categorizer (Amgoud et al., IJCAI 2017); attack only: supports ignored."""
    return base / (1.0 + sum(attack))


GRADUAL = {"dfquad": dfquad, "qe": quadratic_energy, "euler": euler, "hcat": h_categorizer}


@dataclass
class Qbaf:
    """The weighted bipolar graph of a map: nodes are claims and inferences."""

    base: dict            # claim -> base score (inferences take their premise's strength)
    attackers: dict       # node -> [node]
    supporters: dict      # node -> [node]

    @property
    def nodes(self):
        return list(self.attackers)


def qbaf_of(amap: ArgMap, support: str = DEFAULT_SUPPORT) -> Qbaf:
    """The map as a QBAF; only ``support == "none"`` changes it (supports dropped): the
    other readings are ways to flatten supports for Dung semantics, and gradual semantics
    use supports directly."""
    attacks, supports, undercut = map_relations(amap, support)
    base = {c: float(amap.claim(c).get("weight", DEFAULT_BASE_SCORE)) for c in amap.claims()}
    nodes = [*base, *undercut]
    attackers: dict = {node: [] for node in nodes}
    supporters: dict = {node: [] for node in nodes}
    for source, target in attacks:
        attackers[target].append(source)
    for source, target in supports:
        supporters[target].append(source)
    for inference, by in undercut.items():
        attackers[inference].extend(by)
    return Qbaf(base, attackers, supporters)


def _base(qbaf: Qbaf, node, strength: dict) -> float:
    return strength[node.source] if isinstance(node, Inference) else qbaf.base[node]


def strengths(qbaf: Qbaf, semantics: str, *, tolerance: float = TOLERANCE,
              max_iterations: int = MAX_ITERATIONS) -> dict:
    """Final strength of every node of ``qbaf`` (claims and inferences)."""
    update = GRADUAL[semantics]

    def value(node, strength: dict) -> float:
        return update(_base(qbaf, node, strength),
                      [strength[a] for a in qbaf.attackers[node]],
                      [strength[s] for s in qbaf.supporters[node]])

    graph: nx.DiGraph[str | Inference] = nx.DiGraph()
    graph.add_nodes_from(qbaf.nodes)
    for node in qbaf.nodes:
        graph.add_edges_from((source, node) for source in
                             (*qbaf.attackers[node], *qbaf.supporters[node]))
        if isinstance(node, Inference):
            graph.add_edge(node.source, node)
    strength: dict = {}
    try:
        for node in nx.topological_sort(graph):
            strength[node] = value(node, strength)
        return strength
    except nx.NetworkXUnfeasible:
        pass
    # Damped iteration: the explicit Euler step (size 1/2) of Potyka's continuous
    # dynamics dσ/dt = f(σ) - σ.  It has the same fixed points as f, and settles where
    # plain iteration can oscillate (e.g. two claims rebutting each other at base score 1).
    strength = {node: qbaf.base[node] for node in qbaf.base}
    for node in qbaf.nodes:
        if isinstance(node, Inference):
            strength[node] = strength[node.source]
    moved = float("inf")
    for _ in range(max_iterations):
        new = {node: value(node, strength) for node in qbaf.nodes}
        moved = max((abs(new[n] - strength[n]) for n in new), default=0.0)
        if moved <= tolerance:
            return new
        strength = {n: (strength[n] + new[n]) / 2 for n in new}
    raise EvaluationError(f"{semantics} strengths did not converge on this cyclic map "
                          f"within {max_iterations} iterations (last change {moved:.3g})")
