"""From a debate map to a Dung framework: undercuts reified, supports flattened.

A map has three relations; Dung semantics know only attack.  Two steps bridge the gap.

*Undercut reification* (as AIF does with RA/CA nodes): a relation ``S -> C`` that some
claim undercuts becomes an argument of its own, the ``Inference`` ``S->C``.  The inference
needs its premise ``S`` and carries the relation in ``S``'s place (it rebuts or supports
``C``); an undercutter attacks the inference, not ``C``.  Relations nobody undercuts stay
plain edges: reifying them would change nothing.

*Support flattening* (Cayrol & Lagasquie-Schiex 2013) under one of five readings of
``a supports b``:

- ``prima-facie`` (default): every claim stands on its own unless an attack defeats it;
  supporters add to its strength (gradual semantics) and are named in explanations, but
  losing them never makes it fall.  No attack is added.
- ``evidential``: ``b`` needs at least one standing supporter, if it has any (claims
  without supporters are prima facie).  Encoded with one auxiliary argument
  ``Unsupported(b)`` that attacks ``b`` and that every supporter of ``b`` attacks.
- ``necessary``: ``b`` can stand only if every supporter stands.  Secondary attacks
  (whoever attacks ``a`` attacks ``b``) and extended attacks (``b`` attacks what ``a``
  attacks), closed over support chains.
- ``deductive``: if ``a`` stands, ``b`` stands.  This is necessary support reversed, so
  it yields the supported attacks (``a`` attacks what ``b`` attacks) and the mediated
  ones (whoever attacks ``b`` attacks ``a``).
- ``none``: supports are dropped (gradual semantics too).

An inference always needs its premise (whatever the reading), via ``Unsupported``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..errors import EvaluationError, unknown_name
from ..model import ArgMap

SUPPORT_READINGS = ("prima-facie", "evidential", "deductive", "necessary", "none")
DEFAULT_SUPPORT = "prima-facie"


@dataclass(frozen=True)
class Inference:
    """The reified relation ``source -> target`` (a support or a rebut) that is undercut."""

    source: str
    target: str
    relation: str

    def __str__(self) -> str:
        return f"{self.source}->{self.target}"


@dataclass(frozen=True)
class Unsupported:
    """Auxiliary argument: "``claim`` has no standing supporter" (or premise)."""

    claim: object

    def __str__(self) -> str:
        return f"unsupported({self.claim})"


@dataclass(frozen=True)
class Derived:
    """Why a flattened attack exists: the map's attack ``attacker -> target`` (claims or
    inferences) reached through support chains under the ``reading``."""

    attacker: object
    target: object
    reading: str

    def __str__(self) -> str:
        return f"derived from {self.attacker} -> {self.target}"


@dataclass
class Framework:
    """An abstract framework over integer arguments; ``arguments[i]`` names argument i
    (a claim id, an ``Inference`` or an ``Unsupported``).  The claims come first.

    ``reasons[(a, b)]`` says how the attack ``a -> b`` arises from the map, for
    explanations: ``rebut``, ``undercut``, ``support``/``premise`` (an ``Unsupported``
    edge) or a ``Derived`` for a flattened support."""

    arguments: list
    attacks: set[tuple[int, int]] = field(default_factory=set)
    reasons: dict[tuple[int, int], str | Derived] = field(default_factory=dict)
    claim_count: int = 0

    def __post_init__(self) -> None:
        self.index = {name: i for i, name in enumerate(self.arguments)}

    def add_argument(self, name) -> int:
        if name not in self.index:
            self.index[name] = len(self.arguments)
            self.arguments.append(name)
        return self.index[name]

    def attack(self, attacker, target, reason: str | Derived) -> None:
        pair = (self.add_argument(attacker), self.add_argument(target))
        if pair not in self.attacks:
            self.attacks.add(pair)
            self.reasons[pair] = reason

    def attackers(self) -> list[list[int]]:
        found: list[list[int]] = [[] for _ in self.arguments]
        for a, b in self.attacks:
            found[b].append(a)
        return found


def map_relations(amap: ArgMap, support: str):
    """The map's relations with undercuts reified: ``(attacks, supports, undercut)``.

    ``attacks`` and ``supports`` are ``(source, target)`` lists whose source is a claim or
    an ``Inference``; ``undercut`` maps each ``Inference`` to its undercutters.  With
    ``support == "none"`` supports (and undercuts of supports) are dropped."""
    if support not in SUPPORT_READINGS:
        raise unknown_name("support reading", support, SUPPORT_READINGS, error=EvaluationError)
    undercutters: dict[tuple[str, str], list[str]] = defaultdict(list)
    for relation in amap.relations():
        if relation.undercuts is not None:  # an undercut
            undercutters[(relation.undercuts, relation.target)].append(relation.source)
    attacks: list[tuple[str | Inference, str]] = []
    supports: list[tuple[str | Inference, str]] = []
    undercut: dict[Inference, list[str]] = {}
    for relation in amap.relations():
        if relation.relation == "undercut" or (relation.relation == "support"
                                               and support == "none"):
            continue
        source: str | Inference = relation.source
        by = undercutters.get((relation.source, relation.target))
        if by:
            source = Inference(relation.source, relation.target, relation.relation)
            undercut[source] = by
        (supports if relation.relation == "support" else attacks).append((source,
                                                                          relation.target))
    return attacks, supports, undercut


def flatten(amap: ArgMap, support: str = DEFAULT_SUPPORT) -> Framework:
    """The Dung framework of ``amap`` under the ``support`` reading (see the module doc)."""
    attacks, supports, undercut = map_relations(amap, support)
    framework = Framework(list(amap.claims()))
    framework.claim_count = len(framework.arguments)
    for source, target in attacks:
        framework.attack(source, target, "rebut")
    for inference, by in undercut.items():
        for undercutter in by:
            framework.attack(undercutter, inference, "undercut")
        _needs_one_of(framework, inference, [inference.source], "premise")
    if support == "evidential":
        supporters: dict[str, list] = defaultdict(list)
        for source, target in supports:
            supporters[target].append(source)
        for target, sources in supporters.items():
            _needs_one_of(framework, target, sources, "support")
    elif support in ("necessary", "deductive"):
        needs = [(s, t) if support == "necessary" else (t, s) for s, t in supports]
        _close_necessary(framework, needs, support)
    return framework


def _needs_one_of(framework: Framework, claim, sources, reason: str) -> None:
    """``claim`` stands only while one of ``sources`` stands."""
    gap = Unsupported(claim)
    framework.attack(gap, claim, reason)
    for source in sources:
        framework.attack(source, gap, reason)


def _close_necessary(framework: Framework, needs, reading: str) -> None:
    """Add every attack ``x -> y`` with ``a =>* x``, ``a -> c`` and ``c =>* y`` where
    ``p => q`` means "q needs p": an attack on a premise hits everything resting on it,
    and whatever rests on an attacker attacks too."""
    resting: dict[int, set[int]] = defaultdict(set)
    for premise, dependant in needs:
        resting[framework.add_argument(premise)].add(framework.add_argument(dependant))
    closure: dict[int, set[int]] = {}

    def rests_on(node: int) -> set[int]:
        if node not in closure:
            seen, stack = {node}, [node]
            while stack:
                for nxt in resting.get(stack.pop(), ()):
                    if nxt not in seen:
                        seen.add(nxt)
                        stack.append(nxt)
            closure[node] = seen
        return closure[node]

    for a, c in sorted(framework.attacks):
        why = Derived(framework.arguments[a], framework.arguments[c], reading)
        for x in rests_on(a):
            for y in rests_on(c):
                framework.attack(framework.arguments[x], framework.arguments[y], why)
