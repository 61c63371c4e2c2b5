"""What would change a verdict: the smallest sets of claims whose removal flips a claim's
label, and for gradual semantics the claims that move its strength most.

Removing claims and evaluating again is the definition, so that is what ``flips`` does,
smallest sets first, skipping supersets of sets already found (so every set reported is
minimal).  Only claims that can reach the claim through the flattened framework, or through the
support chains it was derived from, are tried: grounded, complete and preferred semantics
are directional (a claim's label depends only on the arguments with a path to it), so no
other removal can change it.  Stable semantics
are not (an odd cycle anywhere can leave no stable extension), so there every claim is
tried."""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, field

import networkx as nx

from ..errors import EvaluationError
from ..model import ArgMap
from .bipolar import Inference, Unsupported, map_relations
from .core import EXTENSION_SEMANTICS, NAMES, evaluate, lens
from .gradual import DEFAULT_BASE_SCORE, qbaf_of
from .wording import counted, listing, quote

DEFAULT_MAX_SIZE = 2
# Each tried set is one evaluation of the whole map: on a big map the pairs alone would
# take hours, so the search stops here and says so.
MAX_EVALUATIONS = 5000
SENSITIVITY_STEP = 0.1
SHOWN_MOVERS = 10


@dataclass
class FlipSet:
    removed: list[str]
    # the claim's label (or strength) once they are gone; None: stable semantics finds
    # no extension
    status: str | float | None


@dataclass
class Mover:
    """Gradual semantics: how one claim elsewhere in the map moves the claim's strength."""

    claim: str
    removal: float           # strength without it minus strength with it
    sensitivity: float       # change when its base score rises by SENSITIVITY_STEP


@dataclass
class Flips:
    claim: str
    semantics: str
    support: str
    status: str | float | None  # as in FlipSet
    max_size: int
    sets: list[FlipSet] = field(default_factory=list)
    movers: list[Mover] = field(default_factory=list)
    together: dict[str, float] = field(default_factory=dict)  # all supporters/attackers
    tried: int = 0           # evaluations run
    complete: bool = True    # false when MAX_EVALUATIONS cut the search short
    candidates: int = 0      # claims whose removal could matter
    text: str = ""

    def to_json(self) -> dict:
        return asdict(self)

    def render(self) -> str:
        return self.text


def flips(amap: ArgMap, claim: str, semantics: str = "grounded", *,
          max_size: int = DEFAULT_MAX_SIZE, perspectives=(),
          max_evaluations: int = MAX_EVALUATIONS, **options) -> Flips:
    """The inclusion-minimal sets of at most ``max_size`` claims (``claim`` excluded) whose
    removal changes ``claim``'s label; for gradual semantics, the claims that move its
    strength most, by removal and by base score.  After ``max_evaluations`` evaluations
    the search stops (``complete`` false): the sets found are still minimal."""
    if max_size < 1:
        raise EvaluationError("max_size must be at least 1")
    if perspectives:
        amap = lens(amap, perspectives)
    amap.claim(claim)  # an unknown id: ViewError, naming the closest one
    result = evaluate(amap, semantics, **options)
    candidates = _candidates(amap, claim, semantics, result, options)
    if semantics not in EXTENSION_SEMANTICS:
        return _movers(amap, claim, semantics, result, candidates, options, max_evaluations)
    status = result.labels.get(claim) if result.labels is not None else None
    report = Flips(claim, semantics, result.support, status, max_size,
                   candidates=len(candidates))
    found: list[frozenset] = []
    for size in range(1, max_size + 1):
        for removed in itertools.combinations(candidates, size):
            chosen = frozenset(removed)
            if any(earlier <= chosen for earlier in found):
                continue
            if report.tried >= max_evaluations:
                report.complete = False
                break
            report.tried += 1
            after = _label_without(amap, claim, chosen, semantics, options)
            if after != status:
                found.append(chosen)
                report.sets.append(FlipSet(list(removed), after))
    report.text = _render_sets(amap, report)
    if not report.complete:
        report.text += (f"\nStopped after {max_evaluations} evaluations: sets of the larger "
                        "sizes may be missing (the ones listed are minimal).")
    return report


def _label_without(amap: ArgMap, claim: str, removed, semantics: str, options):
    kept = amap.subgraph([c for c in amap.claims() if c not in removed])
    labels = evaluate(kept, semantics, **options).labels
    return labels.get(claim) if labels is not None else None


def _candidates(amap: ArgMap, claim: str, semantics: str, result, options) -> list[str]:
    """Claims, in map order, whose removal could change ``claim``'s outcome."""
    if semantics == "stable":
        return [c for c in amap.claims() if c != claim]
    graph: nx.DiGraph[str | Inference | Unsupported] = nx.DiGraph()
    if result.framework is not None:
        framework = result.framework
        graph.add_nodes_from(framework.arguments)
        graph.add_edges_from((framework.arguments[a], framework.arguments[b])
                             for a, b in framework.attacks)
        # The deductive and necessary readings derive attacks along support chains: a
        # support can matter in either direction, even where no attack runs through it.
        if result.support in ("deductive", "necessary"):
            for source, target in map_relations(amap, result.support)[1]:
                graph.add_edge(source, target)
                graph.add_edge(target, source)
    else:
        qbaf = qbaf_of(amap, result.support)
        for node in qbaf.nodes:
            graph.add_node(node)
            graph.add_edges_from((s, node) for s in (*qbaf.attackers[node],
                                                     *qbaf.supporters[node]))
            if isinstance(node, Inference):
                graph.add_edge(node.source, node)
    relevant: set = set()
    for node in nx.ancestors(graph, claim):
        relevant.update(_claims_of(node))
    relevant.discard(claim)
    return [c for c in amap.claims() if c in relevant]


def _claims_of(node) -> list:
    if isinstance(node, Inference):
        return [node.source, node.target]
    if isinstance(node, Unsupported):
        return _claims_of(node.claim)
    return [node]


def _render_sets(amap: ArgMap, report: Flips) -> str:
    name = NAMES[report.semantics]
    head = f"{quote(amap, report.claim)} is {_status(report.status)} under {name}."
    within = f"at most {counted(report.max_size, 'claim')}"
    if not report.sets:
        return (f"{head} Removing no set of {within} changes that "
                f"({report.tried} sets tried among the {report.candidates} claims that "
                "bear on it).")
    lines = [f"{head} Removing any one of these sets of claims would change that "
             f"(smallest first; every set of {within} was tried among the "
             f"{report.candidates} claims that bear on it):"]
    for flip in report.sets:
        names = listing([quote(amap, c) for c in flip.removed])
        lines.append(f"- without {names}, it would be {_status(flip.status)}")
    if all(len(f.removed) > 1 for f in report.sets):
        lines.append("No single claim's removal changes it.")
    return "\n".join(lines)


def _status(status) -> str:
    return {"undec": "undecided", None: "without any extension"}.get(status, status)


def _movers(amap: ArgMap, claim: str, semantics: str, result, candidates, options,
            max_evaluations: int) -> Flips:
    strength = result.strength(claim)
    report = Flips(claim, semantics, result.support, strength, 0,
                   candidates=len(candidates))
    for other in candidates:
        if report.tried + 2 > max_evaluations:
            report.complete = False
            break
        kept = amap.subgraph([c for c in amap.claims() if c != other])
        removal = evaluate(kept, semantics, **options).strength(claim) - strength
        raised = amap.copy()
        base = float(raised.claim(other).get("weight", DEFAULT_BASE_SCORE))
        raised.graph.nodes[other]["weight"] = min(1.0, base + SENSITIVITY_STEP)
        sensitivity = evaluate(raised, semantics, **options).strength(claim) - strength
        report.tried += 2
        report.movers.append(Mover(other, removal, sensitivity))
    report.movers.sort(key=lambda m: -max(abs(m.removal), abs(m.sensitivity)))
    for relation in ("support", "rebut"):
        direct = {r.source for r in amap.relations()
                  if r.target == claim and r.relation == relation}
        if len(direct) > 1:
            kept = amap.subgraph([c for c in amap.claims() if c not in direct])
            report.together[relation] = \
                evaluate(kept, semantics, **options).strength(claim) - strength
    report.text = _render_movers(amap, report)
    if not report.complete:
        report.text += (f"\nStopped after {max_evaluations} evaluations: claims further "
                        "down the list were not tried.")
    return report


def _render_movers(amap: ArgMap, report: Flips) -> str:
    name = NAMES[report.semantics]
    lines = [f"{quote(amap, report.claim)} has strength {report.status:.3f} under {name}. "
             f"The claims that move it most, of the {report.candidates} that bear on it "
             f"(removing the claim; raising its base score by {SENSITIVITY_STEP}):"]
    for mover in report.movers[:SHOWN_MOVERS]:
        lines.append(f"- {quote(amap, mover.claim)}: {_moved(mover.removal)} without it, "
                     f"{_moved(mover.sensitivity)} with a higher base score")
    quiet = sum(max(abs(m.removal), abs(m.sensitivity)) < 5e-4 for m in report.movers)
    if quiet:
        lines.append(f"{counted(quiet, 'other claim')} {'moves' if quiet == 1 else 'move'} "
                     "it by less than 0.001 either way: where many supporters (or "
                     "attackers) saturate the aggregation, no single one of them matters.")
    for relation, moved in report.together.items():
        who = "supporters" if relation == "support" else "attackers"
        lines.append(f"Removing all its direct {who} together would move it by {moved:+.3f}.")
    return "\n".join(lines)


def _moved(change: float) -> str:
    return f"{change:+.3f}" if abs(change) >= 5e-4 else "no change"
