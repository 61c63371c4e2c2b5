"""One claim under every semantics side by side, and a sentence on why they differ."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..errors import EvaluationError
from ..model import ArgMap
from .bipolar import DEFAULT_SUPPORT, Inference, map_relations
from .core import EXTENSION_SEMANTICS, NAMES, SEMANTICS, evaluate, lens
from .dung import IN, OUT
from .gradual import DEFAULT_BASE_SCORE, qbaf_of
from .wording import counted, listing


@dataclass
class Verdict:
    semantics: str
    verdict: str | float
    how: str            # what decided it, in a few words


@dataclass
class Comparison:
    claim: str
    support: str
    verdicts: list[Verdict]
    why: str

    def to_json(self) -> dict:
        return asdict(self)


def compare(amap: ArgMap, claim: str | None = None, *, support: str | None = None,
            perspectives=(), **options) -> Comparison:
    """``claim`` (by default the map's first thesis) under every semantics."""
    if perspectives:
        amap = lens(amap, perspectives)
    if claim is None:
        theses = amap.theses()
        if not theses:
            raise EvaluationError("the map has no thesis; name the claim to compare")
        claim = theses[0]
    amap.claim(claim)  # an unknown id: ViewError, naming the closest one
    used = support or DEFAULT_SUPPORT
    verdicts = []
    standing: list[str] = []
    for semantics in SEMANTICS:
        result = evaluate(amap, semantics, support=used, **options)
        if semantics in EXTENSION_SEMANTICS:
            label = result.labels.get(claim) if result.labels is not None else None
            attackers = _standing_attackers(result, claim)
            if semantics == "grounded":
                standing = attackers
            verdicts.append(Verdict(semantics, label or "none",
                                    _extension_how(result, label, attackers)))
        else:
            verdicts.append(Verdict(semantics, result.strength(claim),
                                    _gradual_how(amap, claim, semantics, result)))
    return Comparison(claim, used, verdicts, _why(amap, claim, verdicts, standing, used))


def _standing_attackers(result, claim: str) -> list[str]:
    framework = result.framework
    if not result.labellings:
        return []
    target = framework.index[claim]
    found = []
    for attacker, attacked in sorted(framework.attacks):
        if attacked == target and all(lb[attacker] == IN for lb in result.labellings):
            node = framework.arguments[attacker]
            found.append(str(node.source if isinstance(node, Inference) else node))
    return found


def _extension_how(result, label, attackers) -> str:
    count = len(result.extensions or [])
    if label is None:
        return "no extension, so nothing is accepted"
    scope = "" if result.semantics == "grounded" else f"{counted(count, 'extension')}; "
    if label == OUT and attackers:
        return f"{scope}{listing(attackers)} {'stands' if len(attackers) == 1 else 'stand'}" \
               " against it"
    if label == OUT:
        return f"{scope}defeated in every extension"
    if label == IN:
        return f"{scope}every attack on it fails"
    return f"{scope}the extensions disagree or leave it open"


def _gradual_how(amap: ArgMap, claim: str, semantics: str, result) -> str:
    qbaf = qbaf_of(amap, result.support)
    node_strengths = result.node_strengths
    attack = [node_strengths[a] for a in qbaf.attackers[claim]]
    support = [node_strengths[s] for s in qbaf.supporters[claim]]
    base = float(amap.claim(claim).get("weight", DEFAULT_BASE_SCORE))
    if semantics == "hcat":
        return f"base {base:.2f}; attackers sum to {sum(attack):.2f}, supports ignored"
    if semantics == "dfquad":
        return (f"base {base:.2f}; supporters combine to {_combined(support):.3f}, "
                f"attackers to {_combined(attack):.3f}")
    return f"base {base:.2f}; supporters sum to {sum(support):.2f}, attackers to {sum(attack):.2f}"


def _combined(values) -> float:
    remaining = 1.0
    for value in values:
        remaining *= 1.0 - value
    return 1.0 - remaining


def _why(amap: ArgMap, claim: str, verdicts, standing, support: str) -> str:
    by = {v.semantics: v.verdict for v in verdicts}
    attacks, supports, _ = map_relations(amap, support)
    pros = sum(t == claim for _, t in supports)
    cons = sum(t == claim for _, t in attacks)
    grounded = by["grounded"]
    if grounded == OUT and standing:
        first = (f"Grounded semantics asks who has the last word and finds "
                 f"{counted(len(standing), 'standing objection')} ({listing(standing)}); "
                 "one is enough, whatever supports the claim")
    elif grounded == OUT:
        first = "Grounded semantics finds it defeated"
    elif grounded == IN:
        first = "Grounded semantics finds every objection to it answered"
    else:
        first = "Grounded semantics cannot settle the attacks on it"
    if by["preferred"] != grounded:
        first += (f", while preferred semantics, which lets each side pick a consistent "
                  f"position, says {by['preferred']}")
    second = (f"The gradual semantics weigh its {counted(pros, 'supporter')} against its "
              f"{counted(cons, 'attacker')}: {NAMES['qe']} adds them up ({by['qe']:.3f}), "
              f"{NAMES['euler']} too, exponentially ({by['euler']:.3f}), {NAMES['dfquad']} "
              f"combines each side like independent chances, so both saturate "
              f"({by['dfquad']:.3f}), and {NAMES['hcat']} counts only the attacks "
              f"({by['hcat']:.3f})")
    return f"{first}.  {second}."

