"""Why a claim stands or falls: a structured explanation and its plain-language rendering.

For extension semantics each attack on the claim (a rebut, an undercut inference, an attack
derived from a support, or the lack of a standing supporter) is listed with its status and,
when it fails, what defeats it.  For gradual semantics each attacker and supporter is
listed with its term in the aggregation (its strength, or its inference's strength) and
the change in the claim's strength when that one relation is removed."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field

from ..errors import EvaluationError, Location
from ..model import ArgMap, edge_key
from . import EXTENSION_SEMANTICS, Evaluation, agreed_label, evaluate, lens
from .bipolar import Inference, Unsupported, map_relations
from .dung import IN, OUT, UNDEC
from .gradual import DEFAULT_BASE_SCORE


@dataclass
class Reason:
    """One relation bearing on the claim."""

    relation: str                  # rebut | undercut-inference | derived | support | unsupported
    source: str                    # the claim (or ``S->C`` inference) it comes from
    status: str | float            # the source's label or strength
    detail: str                    # one sentence
    defeated_by: list[str] = field(default_factory=list)
    term: float | None = None      # gradual: what enters the aggregation
    contribution: float | None = None  # gradual: strength(with) - strength(without)


@dataclass
class Explanation:
    claim: str
    semantics: str
    support: str
    status: str | float
    summary: str
    reasons: list[Reason]
    base_score: float | None = None

    def to_json(self) -> dict:
        return asdict(self)

    def render(self) -> str:
        lines = [self.summary]
        for reason in self.reasons:
            lines.append(f"  - {reason.detail}")
        return "\n".join(lines)


def explain(amap: ArgMap, claim: str, semantics: str = "grounded", *,
            perspectives=(), **options) -> Explanation:
    """Explain ``claim``'s outcome under ``semantics`` (``options`` as for ``evaluate``)."""
    if perspectives:
        amap = lens(amap, perspectives)
    if claim not in amap:
        close = difflib.get_close_matches(claim, [str(c) for c in amap.claims()], n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise EvaluationError(f"no claim {claim!r} in this map{hint}", Location(amap.path))
    result = evaluate(amap, semantics, **options)
    if semantics in EXTENSION_SEMANTICS:
        return _explain_labels(claim, result)
    return _explain_strength(amap, claim, result, options)


def _name(node) -> str:
    if isinstance(node, Inference):
        return f"the inference {node}"
    if isinstance(node, Unsupported):
        return f"the lack of support for {_name(node.claim)}"
    return repr(node)


def _explain_labels(claim: str, result: Evaluation) -> Explanation:
    framework = result.framework
    if not result.labellings:
        return Explanation(claim, result.semantics, result.support, UNDEC,
                           f"{claim!r}: there is no {result.semantics} extension, so nothing "
                           "is accepted.", [])
    label = [agreed_label([lb[i] for lb in result.labellings])
             for i in range(len(framework.arguments))]
    attackers = framework.attackers()
    target = framework.index[claim]
    reasons = []
    for attacker in sorted(attackers[target]):
        node = framework.arguments[attacker]
        reason = framework.reasons[(attacker, target)]
        defeaters = [framework.arguments[a] for a in attackers[attacker] if label[a] == IN]
        reasons.append(Reason(*_attack_sentence(node, reason, label[attacker],
                                                [_name(d) for d in defeaters], attackers,
                                                framework, label),
                              defeated_by=[str(d) for d in defeaters]))
    status = label[target]
    summary = _label_summary(claim, status, result, reasons)
    return Explanation(claim, result.semantics, result.support, status, summary, reasons)


def _attack_sentence(node, reason, status, defeaters, attackers, framework, label):
    """``(relation, source, status, detail)`` for one attacker of the claim."""
    fate = {IN: "stands (in)", OUT: "is defeated (out)", UNDEC: "is undecided"}[status]
    by = f" by {', '.join(defeaters)}" if defeaters and status == OUT else ""
    if isinstance(node, Unsupported):
        index = framework.index[node]
        holders = [framework.arguments[a] for a in attackers[index]]
        standing = [_name(h) for h in holders if label[framework.index[h]] == IN]
        what = "its premise" if isinstance(node.claim, Inference) else "a standing supporter"
        needs = "it needs" if reason in ("support", "premise") else \
            f"it rests on {_name(node.claim)}, which needs"
        if status == OUT:
            has = "it" if isinstance(node.claim, Inference) else \
                ("one" if len(standing) == 1 else len(standing))
            detail = f"{needs} {what} and has {has}: {', '.join(standing)}"
        else:
            verdict = "none stands" if status == IN else "none stands for certain"
            detail = f"{needs} {what} ({', '.join(map(_name, holders))}) and {verdict}"
        return "unsupported", str(node), status, detail
    if isinstance(node, Inference):
        return ("undercut-inference", str(node), status,
                f"{node.source!r} rebuts it through {_name(node)}, which {fate}{by}")
    if reason.startswith("derived"):
        return ("derived", str(node), status,
                f"{node!r} attacks it ({reason}, via supports) and {fate}{by}")
    return "rebut", str(node), status, f"{node!r} rebuts it and {fate}{by}"


def _label_summary(claim, status, result: Evaluation, reasons) -> str:
    scope = ("" if len(result.labellings) == 1 else
             f" (agreed over {len(result.labellings)} {result.semantics} extensions)")
    if status == IN:
        return (f"{claim!r} is in{scope}: every attack on it fails."
                if reasons else f"{claim!r} is in{scope}: nothing attacks it.")
    if status == OUT:
        who = {"unsupported": lambda r: "the lack of support",
               "undercut-inference": lambda r: f"the inference {r.source}"}
        winners = [who.get(r.relation, lambda r: repr(r.source))(r)
                   for r in reasons if r.status == IN]
        if winners:
            verb = "stands" if len(winners) == 1 else "stand"
            return f"{claim!r} is out{scope}: {', '.join(winners)} {verb} against it."
        return f"{claim!r} is out{scope}: each extension defeats it, by different attackers."
    return f"{claim!r} is undecided{scope}: no attack on it is settled either way."


def _explain_strength(amap: ArgMap, claim: str, result: Evaluation, options) -> Explanation:
    strength = result.node_strengths
    attacks, supports, undercut = map_relations(amap, result.support)
    reasons = []
    for kind, edges in (("rebut", attacks), ("support", supports)):
        for source, target in edges:
            if target != claim:
                continue
            premise = source.source if isinstance(source, Inference) else source
            without = amap.copy()
            without.graph.remove_edge(premise, claim, key=edge_key(kind))
            for undercutter in undercut.get(source, ()):
                without.graph.remove_edge(undercutter, claim, key=edge_key("undercut", premise))
            changed = evaluate(without, result.semantics, **options).strengths[claim]
            delta = result.strengths[claim] - changed
            via = ""
            if isinstance(source, Inference):
                by = ", ".join(f"{u!r} ({strength[u]:.3f})" for u in undercut[source])
                via = f" through its inference, undercut by {by}, at {strength[source]:.3f}"
            verb = "rebuts" if kind == "rebut" else "supports"
            reasons.append(Reason(
                kind, premise, strength[premise],
                f"{premise!r} ({strength[premise]:.3f}) {verb} it{via}; without it the "
                f"strength would be {changed:.3f} ({delta:+.3f})",
                term=strength[source], contribution=delta))
    base = float(amap.claim(claim).get("weight", DEFAULT_BASE_SCORE))
    summary = (f"{claim!r} has {result.semantics} strength {result.strengths[claim]:.3f} "
               f"(base score {base:.3f}).")
    return Explanation(claim, result.semantics, result.support, result.strengths[claim],
                       summary, reasons, base_score=base)
