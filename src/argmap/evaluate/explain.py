"""Why a claim stands or falls, in sentences a policy reader can follow.

Extension semantics: the explanation is a chain.  An ``out`` claim is out because some
attacker is ``in``; an ``in`` claim is in because every attacker is ``out``; each of those
is explained the same way, ``depth`` levels down or until claims nothing attacks, and a
claim met a second time is referred back to instead of explained again.  Under grounded
semantics the chain follows the order in which label propagation decided the arguments,
so it never goes round in a circle and always ends at unattacked claims.

Gradual semantics: each direct attacker and supporter with its term in the aggregation,
what removing it would change, and its Shapley share of the move from the base score.
The shares add up to that move, and unlike one-at-a-time removal they do not vanish when
many supporters saturate the aggregation."""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import asdict, dataclass, field

from ..errors import EvaluationError, Location, ViewError, unknown_name
from ..model import ArgMap, edge_key
from .bipolar import Derived, Inference, Unsupported, map_relations
from .core import EXTENSION_SEMANTICS, NAMES, Evaluation, agreed_label, evaluate, lens, question
from .dung import IN, OUT, UNDEC, grounded_ranks
from .gradual import DEFAULT_BASE_SCORE, GRADUAL
from .wording import counted, describe, listing, parse, quote

DEFAULT_DEPTH = 4
# Exact Shapley shares enumerate every subset of a claim's direct relations; above this
# many relations they are estimated from a fixed number of seeded random orders.
EXACT_SHARES = 14
SAMPLED_ORDERS = 4000


@dataclass
class Step:
    """One argument in the chain and how it bears on the step above it.

    ``relation``: ``rebut``, ``undercut`` (of the inference above), ``derived`` (an attack
    added by a support reading; ``derivation`` says from which attack), ``unsupported``
    (the evidential reading's lack of a standing supporter), ``supporter``, ``premise``
    (the claim an inference starts from); empty for the claim explained."""

    node: str
    relation: str
    status: str
    text: str
    because: list[Step] = field(default_factory=list)
    see_above: bool = False
    not_followed: bool = False
    derivation: dict | None = None


@dataclass
class Reason:
    """Gradual semantics: one direct attacker or supporter of the claim."""

    relation: str                   # rebut | support
    source: str                     # the claim it comes from
    status: float                   # the source's strength
    detail: str                     # one sentence
    term: float                     # what enters the aggregation (after undercuts)
    contribution: float             # strength(with) - strength(without this relation)
    share: float                    # Shapley share of strength - base score


@dataclass
class Explanation:
    claim: str
    semantics: str
    support: str
    status: str | float
    summary: str
    text: str = ""
    chain: Step | None = None
    reasons: list[Reason] = field(default_factory=list)
    rests_on: list[str] = field(default_factory=list)
    supporters: list[dict] = field(default_factory=list)
    outside_lens: list[dict] = field(default_factory=list)
    base_score: float | None = None
    depth: int | None = None

    def to_json(self) -> dict:
        return asdict(self)

    def render(self) -> str:
        return self.text


def explain(amap: ArgMap, claim: str, semantics: str = "grounded", *,
            perspectives=(), depth: int = DEFAULT_DEPTH, **options) -> Explanation:
    """Explain ``claim``'s outcome under ``semantics`` (``options`` as for ``evaluate``),
    following the chain of reasons ``depth`` levels down."""
    if depth < 0:
        raise EvaluationError("depth must be at least 0")
    full = amap
    if perspectives:
        amap = lens(amap, perspectives)
    if claim not in amap:
        if claim in full:
            perspective = full.claim(claim).get("perspective")
            raise ViewError(
                f"{claim!r} is outside the lens: its perspective {perspective!r} is not "
                f"among {', '.join(map(repr, perspectives))}", Location(full.path))
        raise unknown_name("claim", claim, amap.claims(), Location(amap.path))
    result = evaluate(amap, semantics, **options)
    if semantics in EXTENSION_SEMANTICS:
        explanation = _Chain(amap, result, depth).explain(claim)
    else:
        explanation = _explain_strength(amap, claim, result, options)
    if perspectives:
        explanation.outside_lens = _outside_lens(full, amap, claim)
        explanation.text += _lens_note(full, explanation.outside_lens, perspectives)
    return explanation


# -- extension semantics ------------------------------------------------------------------

class _Chain:
    """Builds the chain of ``Step`` for one evaluation."""

    def __init__(self, amap: ArgMap, result: Evaluation, depth: int):
        self.amap, self.result, self.depth = amap, result, depth
        assert result.framework is not None  # extension semantics evaluate a framework
        framework = self.framework = result.framework
        if result.labellings:
            self.label = [agreed_label([lb[i] for lb in result.labellings])
                          for i in range(len(framework.arguments))]
        self.attackers = framework.attackers()
        # Under grounded, the round that decided each ``in`` or ``out`` argument.
        self.rank: dict[int, int] | None = None
        if result.semantics == "grounded":
            ranks = grounded_ranks(len(framework.arguments), framework.attacks)
            self.rank = {i: rank for i, rank in enumerate(ranks) if rank is not None}
        self.explained: set[int] = set()

    def explain(self, claim: str) -> Explanation:
        result = self.result
        if not result.labellings:
            summary = (f"{quote(self.amap, claim)}: there is no {result.semantics} extension, "
                       "so nothing is accepted.")
            return Explanation(claim, result.semantics, result.support, UNDEC, summary,
                               text=summary, depth=self.depth)
        root = self.step(self.framework.index[claim], "", self.depth, frozenset())
        supporters = self.supporters(claim)
        explanation = Explanation(claim, result.semantics, result.support, root.status, "",
                                  chain=root, rests_on=_rests_on(root),
                                  supporters=supporters, depth=self.depth)
        explanation.summary = self.summary(root)
        explanation.text = "\n".join(self.render(explanation, root))
        return explanation

    # building
    def step(self, index: int, relation: str, depth: int, path: frozenset,
             derivation: dict | None = None) -> Step:
        node = self.framework.arguments[index]
        step = Step(str(node), relation, self.label[index], self.text_of(node),
                    derivation=derivation)
        if index in self.explained:
            step.see_above = True
            return step
        self.explained.add(index)
        bearing = self.bearing(index, path, root=not relation)
        if bearing and depth == 0:
            step.not_followed = True
            return step
        step.because = [self.child(a, index, depth - 1, path | {index}) for a in bearing]
        return step

    def child(self, attacker: int, target: int, depth: int, path: frozenset) -> Step:
        framework = self.framework
        node, attacked = framework.arguments[attacker], framework.arguments[target]
        reason = framework.reasons[(attacker, target)]
        if isinstance(reason, Derived):
            return self.step(attacker, "derived", depth, path, {
                "reading": reason.reading, "from": str(reason.attacker),
                "to": str(reason.target), "attacked": str(attacked),
                "from_text": describe(self.amap, reason.attacker),
                "to_text": describe(self.amap, reason.target)})
        if isinstance(node, Unsupported) and node.claim == attacked \
                and isinstance(attacked, Inference):
            # "the inference lacks its premise" reads better as the premise's own fate.
            return self.step(framework.index[attacked.source], "premise", depth, path)
        if isinstance(node, Unsupported):
            # The lack of support is no level of argument of its own: it costs no depth.
            return self.step(attacker, "unsupported", depth + 1, path)
        if isinstance(attacked, Unsupported):
            relation = "premise" if isinstance(attacked.claim, Inference) else "supporter"
            return self.step(attacker, relation, depth, path)
        return self.step(attacker, "undercut" if reason == "undercut" else "rebut", depth, path)

    def bearing(self, index: int, path: frozenset, root: bool) -> list[int]:
        """The attackers that account for ``index``'s label: all of them for an ``in``
        argument (and for the claim explained), the standing ones for an ``out`` one
        (under grounded, only those decided earlier), the undecided ones otherwise."""
        attackers = sorted(self.attackers[index], key=self._order)
        status = self.label[index]
        if status == IN or root:
            return sorted(attackers, key=lambda a: (self.label[a] != IN, self._order(a)))
        if status == OUT:
            standing = [a for a in attackers if self.label[a] == IN and a not in path]
            if self.rank is not None:
                standing = [a for a in standing if self.rank[a] < self.rank[index]]
            return standing or [a for a in attackers if self.label[a] == UNDEC]
        return [a for a in attackers if self.label[a] == UNDEC]

    def _order(self, index: int):
        """Claims in map order, auxiliary arguments after the claims they belong to."""
        return index

    def text_of(self, node) -> str:
        if isinstance(node, Inference | Unsupported):
            return ""
        return str(self.amap.claim(node).get("text", ""))

    def supporters(self, claim: str) -> list[dict]:
        """The claim's supporters and their status (the support's own, when undercut)."""
        found = []
        for relation in self.amap.relations():
            if relation.relation == "support" and relation.target == claim:
                inference = Inference(relation.source, claim, "support")
                index = self.framework.index.get(inference,
                                                 self.framework.index[relation.source])
                found.append({"claim": relation.source, "status": self.label[index],
                              "undercut": inference in self.framework.index})
        return found

    # wording
    def summary(self, root: Step) -> str:
        claim = quote(self.amap, root.node)
        scope = self.scope()
        standing = [s for s in root.because if s.status == IN]
        if root.status == IN:
            if not root.because:
                return f"{claim} is in{scope}: nothing attacks it."
            return f"{claim} is in{scope}: every attack on it fails."
        if root.status == OUT:
            if not standing:
                return f"{claim} is out{scope}: each extension defeats it, by different attackers."
            names = listing([_role(self.amap, s) for s in standing])
            verb = "stands" if len(standing) == 1 else "stand"
            return f"{claim} is out{scope}: {names} {verb} against it."
        accepting = sum(lb[self.framework.index[root.node]] == IN
                        for lb in self.result.labellings)
        if accepting:
            return (f"{claim} is undecided{scope}: {accepting} of the "
                    f"{len(self.result.labellings)} extensions "
                    f"{'accepts' if accepting == 1 else 'accept'} it, the rest do not.")
        return f"{claim} is undecided{scope}: no attack on it is settled either way."

    def scope(self) -> str:
        count = len(self.result.labellings)
        where = f" under {self.result.semantics} semantics"
        return where if count == 1 else f"{where} (agreed over {count} extensions)"

    def render(self, explanation: Explanation, root: Step) -> list[str]:
        lines = [explanation.summary + " " + question(self.result.semantics)]
        if root.because:
            lines.append("")
        told: set[str] = set()  # the derivation rules already stated
        for step in root.because:
            lines.extend(_render_step(self.amap, step, 0, told))
        if root.not_followed:
            lines.append("(Not followed: run with --depth 1 or more to see the attacks.)")
        lines.extend(self.closing(explanation, root))
        return lines

    def closing(self, explanation: Explanation, root: Step) -> list[str]:
        lines = []
        standing = [s["claim"] for s in explanation.supporters if s["status"] == IN]
        if explanation.supporters:
            count = len(explanation.supporters)
            if count == 1:
                only = explanation.supporters[0]
                have = f"1 claim supports it ({only['claim']}), and it {_FATE[only['status']]}"
            else:
                have = (f"{count} claims support it, {len(standing)} of them standing"
                        + (f" ({listing(standing)})" if standing else ""))
            if root.status == OUT and standing:
                if self.result.support == "evidential":
                    lines.append(f"{have}.  Support does not outweigh an attack that stands.")
                else:
                    lines.append(f"{have}.  Under {self.result.semantics} semantics support "
                                 "does not outweigh an attack that stands; the gradual "
                                 "semantics (--compare) weigh the two.")
            elif root.status == OUT and self.result.support == "evidential":
                lines.append(f"{have}.  The verdict rests on a lack of support: under the "
                             "evidential reading a claim that cites supporters needs one "
                             "that stands.")
            elif self.result.support == "none":
                lines.append(f"{have}; --support none leaves supports out of the verdict.")
            elif self.result.support == "prima-facie":
                lines.append(f"{have}.  Under the prima-facie reading supporters add "
                             "strength but are not needed: the claim stands or falls by the "
                             "attacks on it.")
            else:
                lines.append(f"{have}.")
        elif self.result.support == "evidential" and _lacks_support(root):
            lines.append("The verdict rests on a lack of support somewhere in the chain "
                         "(evidential reading).")
        rests = [quote(self.amap, c) for c in explanation.rests_on]
        if rests and root.because:
            lines.append(f"The verdict rests on {listing(rests)}: "
                         f"{'nothing attacks it' if len(rests) == 1 else 'nothing attacks them'}"
                         ", and the rest of the chain follows from "
                         f"{'it' if len(rests) == 1 else 'them'}.")
        return [""] + lines if lines else []


def _role(amap: ArgMap, step: Step) -> str:
    """How the summary names an argument that stands against the claim."""
    if step.relation == "unsupported":
        return "the lack of a standing supporter"
    if step.relation == "derived":
        return f"{describe(amap, step.node)} (through a derived attack)"
    return quote(amap, _node(amap, step.node))


_FATE = {IN: "stands", OUT: "is defeated", UNDEC: "is undecided"}


def _render_step(amap: ArgMap, step: Step, level: int, told: set[str]) -> list[str]:
    lines = ["  " * level + "- " + _sentence(amap, step, told)]
    for child in step.because:
        lines.extend(_render_step(amap, child, level + 1, told))
    return lines


def _sentence(amap: ArgMap, step: Step, told: set[str]) -> str:
    who = quote(amap, _node(amap, step.node))
    status = step.status
    inference = isinstance(parse(amap, step.node), Inference)
    if step.relation == "rebut":
        if inference:
            head = {IN: f"{who} rebuts it, and that rebuttal stands",
                    OUT: f"{who} rebuts it, but that rebuttal fails",
                    UNDEC: f"{who} rebuts it; whether that rebuttal holds is undecided"}[status]
        else:
            head = {IN: f"{who} rebuts it and stands", OUT: f"{who} rebuts it but is defeated",
                    UNDEC: f"{who} rebuts it; whether it stands is undecided"}[status]
    elif step.relation == "undercut":
        head = {IN: f"{who} undercuts that inference and stands",
                OUT: f"{who} undercuts that inference but is defeated",
                UNDEC: f"{who} undercuts that inference; whether it stands is undecided"}[status]
    elif step.relation == "premise":
        head = {IN: f"{who}, the claim it starts from, stands",
                OUT: f"{who}, the claim it starts from, is defeated",
                UNDEC: f"whether {who}, the claim it starts from, stands is undecided"}[status]
    elif step.relation == "supporter":
        support = "supports it through an inference that" if inference else "supports it and"
        head = f"{who} {support} {_FATE[status]}"
    elif step.relation == "unsupported":
        head = {IN: "it has lost its support: under the evidential reading a claim that "
                    "cites supporters needs one that stands, and none does",
                OUT: "it keeps a standing supporter",
                UNDEC: "whether any of its supporters stands is undecided"}[status]
    else:  # derived
        fate = {IN: "that inference stands", OUT: "that inference fails",
                UNDEC: "whether that inference holds is undecided"}[status] if inference \
            else _FATE[status]
        head = f"{describe(amap, step.node)} attacks it ({_derivation(step, told)}) and {fate}"
    if step.see_above:
        return head + " (see above)."
    if step.not_followed:
        return head + " (not followed further; a larger --depth shows why)."
    if not step.because:
        if status == IN and step.relation not in ("unsupported",):
            return head + ": nothing attacks it."
        return head + "."
    if step.relation == "unsupported" and status == IN:
        return head + ":"
    if status == IN:
        return head + ", since every attack on it fails:"
    if status == OUT:
        return head + ":"
    return head + ":"


def _node(amap: ArgMap, node: str):
    """The claim a step's node names (an inference ``S->C`` is named by ``S``)."""
    if node in amap:
        return node
    if "->" in node:
        source = node.split("->", 1)[0]
        if source in amap:
            return source
    return node


def _derivation(step: Step, told: set[str]) -> str:
    """Which map attack a derived attack comes from, in the words of its reading, with the
    reading's rule the first time it is used."""
    derivation = step.derivation
    assert derivation is not None  # a derived step says from which attack
    reading, source, target = derivation["reading"], derivation["from"], derivation["to"]
    via, hit = derivation["from_text"], derivation["to_text"]
    link = "supports" if reading == "deductive" else "rests on"
    back = "which this claim supports" if reading == "deductive" else \
        "on which this claim rests"
    if step.node == source:
        path = f"it attacks {hit}, {back}"
    elif derivation["attacked"] == target:
        path = f"it {link} {via}, which attacks this claim"
    else:
        path = f"it {link} {via}, which attacks {hit}, {back}"
    rule = ("under the deductive reading whoever supports an attacker attacks too, and an "
            "attack on a claim reaches whatever supports it") if reading == "deductive" else \
        ("under the necessary reading a claim needs every supporter, so an attack on one "
         "reaches it, and it attacks what its supporters attack")
    if reading in told:
        return f"a derived attack: {path}"
    told.add(reading)
    return f"a derived attack: {path}; {rule}"


def _rests_on(root: Step) -> list[str]:
    """The unattacked claims that stand in the chain, in reading order."""
    found: list[str] = []

    def walk(step: Step) -> None:
        if (step is not root and step.status == IN and not step.because and not step.see_above
                and not step.not_followed and step.relation not in ("unsupported",)
                and "->" not in step.node and step.node not in found):
            found.append(step.node)
        for child in step.because:
            walk(child)

    walk(root)
    return found


def _lacks_support(step: Step) -> bool:
    return (step.relation == "unsupported" and step.status == IN) or \
        any(_lacks_support(child) for child in step.because)


def _outside_lens(full: ArgMap, seen: ArgMap, claim: str) -> list[dict]:
    """Relations into ``claim`` from claims the lens left out."""
    return [{"claim": r.source, "relation": r.relation,
             "perspective": full.claim(r.source).get("perspective")}
            for r in full.relations() if r.target == claim and r.source not in seen]


def _lens_note(full: ArgMap, left_out: list[dict], perspectives) -> str:
    lens_name = ", ".join(perspectives)
    if not left_out:
        return f"\nSeen through the {lens_name} lens: nothing bearing on it directly is left out."
    verbs = {"rebut": "rebuts it", "support": "supports it",
             "undercut": "undercuts an inference into it"}
    items = [f"{quote(full, r['claim'])}, which {verbs[r['relation']]} from the "
             f"{r['perspective']} perspective" for r in left_out]
    return (f"\nSeen through the {lens_name} lens: {counted(len(items), 'claim')} bearing "
            f"on it directly {'is' if len(items) == 1 else 'are'} outside the lens and not "
            f"counted: {listing(items)}.")


# -- gradual semantics --------------------------------------------------------------------

def _explain_strength(amap: ArgMap, claim: str, result: Evaluation, options) -> Explanation:
    strength = result.node_strengths
    assert strength is not None  # gradual semantics give every node's strength
    attacks, supports, undercut = map_relations(amap, result.support)
    update = GRADUAL[result.semantics]
    base = float(amap.claim(claim).get("weight", DEFAULT_BASE_SCORE))
    players = []  # (kind, premise, node) for each direct relation
    for kind, edges in (("rebut", attacks), ("support", supports)):
        players += [(kind, s.source if isinstance(s, Inference) else s, s)
                    for s, t in edges if t == claim]
    shares = _shapley(update, base, [(kind, strength[node]) for kind, _, node in players])
    reasons = []
    for (kind, premise, node), share in zip(players, shares, strict=True):
        without = amap.copy()
        without.graph.remove_edge(premise, claim, key=edge_key(kind))
        for undercutter in undercut.get(node, ()):
            without.graph.remove_edge(undercutter, claim, key=edge_key("undercut", premise))
        changed = evaluate(without, result.semantics, **options).strength(claim)
        delta = result.strength(claim) - changed
        via = ""
        if isinstance(node, Inference):
            by = listing([f"{quote(amap, u)} ({strength[u]:.3f})" for u in undercut[node]])
            via = f", through an inference undercut by {by} that passes on {strength[node]:.3f}"
        verb = "rebuts" if kind == "rebut" else "supports"
        ignored = kind == "support" and result.semantics == "hcat"
        alone = (f"removing it alone would move it by {-delta:+.3f}" if abs(delta) >= 5e-4
                 else "removing it alone would change nothing to three decimals")
        reasons.append(Reason(
            kind, premise, strength[premise],
            f"{quote(amap, premise)} {verb} it at strength {strength[premise]:.3f}{via}: "
            + ("the h-categorizer ignores supports." if ignored else
               f"share {share:+.3f}; {alone}."),
            term=strength[node], contribution=delta, share=share))
    reasons.sort(key=lambda r: -abs(r.share))
    final = result.strength(claim)
    name = NAMES[result.semantics]
    summary = (f"{quote(amap, claim)} has strength {final:.3f} under {name}, from a base "
               f"score of {base:.3f}.")
    lines = [summary + " " + question(result.semantics)]
    pro = sum(r.share for r in reasons if r.relation == "support")
    con = sum(r.share for r in reasons if r.relation == "rebut")
    if reasons:
        attackers = sum(r.relation == "rebut" for r in reasons)
        supporters = len(reasons) - attackers
        moves = "is ignored" if supporters == 1 else "are ignored"
        if result.semantics != "hcat":
            moves = f"{'moves' if supporters == 1 else 'move'} it by {pro:+.3f}"
        lines.append(f"Its {counted(supporters, 'supporter')} {moves} and its "
                     f"{counted(attackers, 'attacker')} "
                     f"{'moves' if attackers == 1 else 'move'} it by {con:+.3f} "
                     "(Shapley shares: each relation's average effect over every order of "
                     "adding them, so they add up to the move from the base score):")
        lines.extend(f"  - {r.detail}" for r in reasons)
        if any(abs(r.contribution) < 5e-4 < abs(r.share) for r in reasons):
            lines.append("Removing one relation alone changes little where the others "
                         "already saturate the aggregation; the shares show what each "
                         "adds.  `--flip` shows which claims anywhere in the map move it "
                         "most.")
    else:
        lines.append("Nothing attacks or supports it, so it keeps its base score.")
    return Explanation(claim, result.semantics, result.support, final, summary,
                       text="\n".join(lines), reasons=reasons, base_score=base)


def _shapley(update, base: float, players: list[tuple[str, float]]) -> list[float]:
    """Each relation's Shapley share of ``update(all) - base``: its marginal effect
    averaged over every order of adding the relations (sampled, seeded, above
    ``EXACT_SHARES`` relations)."""
    n = len(players)

    def value(members) -> float:
        attack = [v for i, (kind, v) in enumerate(players) if i in members and kind == "rebut"]
        support = [v for i, (kind, v) in enumerate(players) if i in members and kind != "rebut"]
        return update(base, attack, support)

    shares = [0.0] * n
    if n <= EXACT_SHARES:
        values: dict[frozenset[int], float] = {}
        for size in range(n + 1):
            for chosen in itertools.combinations(range(n), size):
                values[frozenset(chosen)] = value(set(chosen))
        factorial = math.factorial
        for coalition, worth in values.items():
            size = len(coalition)
            for i in range(n):
                if i not in coalition:
                    weight = factorial(size) * factorial(n - size - 1) / factorial(n)
                    shares[i] += weight * (values[coalition | {i}] - worth)
        return shares
    generator = random.Random(0)
    order = list(range(n))
    for _ in range(SAMPLED_ORDERS):
        generator.shuffle(order)
        members: set[int] = set()
        before = value(members)
        for i in order:
            members.add(i)
            after = value(members)
            shares[i] += (after - before) / SAMPLED_ORDERS
            before = after
    return shares
