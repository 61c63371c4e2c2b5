"""Evaluating a map: the ``Evaluation`` of one semantics, perspective lenses, annotation."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import EvaluationError, Location, unknown_name
from ..model import ArgMap
from .bipolar import DEFAULT_SUPPORT, Framework, flatten
from .dung import IN, OUT, UNDEC, Enumeration, enumerate_python, grounded
from .gradual import DEFAULT_BASE_SCORE, GRADUAL, qbaf_of, strengths

EXTENSION_SEMANTICS = ("grounded", "complete", "preferred", "stable")
SEMANTICS = (*EXTENSION_SEMANTICS, *GRADUAL)
ENGINES = ("auto", "clingo", "python")
# With at most this many arguments left undecided by the grounded labelling, the Python
# search beats clingo's start-up and grounding (see benchmarks/bench_evaluate.py).
SMALL_UNDECIDED = 16

# How prose names each semantics mid-sentence.
NAMES = {"grounded": "grounded semantics", "complete": "complete semantics",
         "preferred": "preferred semantics", "stable": "stable semantics",
         "dfquad": "DF-QuAD", "qe": "quadratic energy", "euler": "Euler-based semantics",
         "hcat": "the h-categorizer"}
# What each semantics answers, for a reader who has not met it: "<NAMES[s]> <QUESTIONS[s]>."
QUESTIONS = {
    "grounded": "asks who has the last word: a claim is in when every attack on it is "
                "answered by a claim that is in, starting from claims nothing attacks, so "
                "one standing objection defeats a claim however much supports it",
    "complete": "asks which positions defend every claim they accept; a claim is in when "
                "all of them accept it, which makes it agree with grounded semantics",
    "preferred": "asks what each side could defend at most without contradicting itself; "
                 "a claim is in when every such position accepts it and undecided when "
                 "they disagree",
    "stable": "asks which positions settle every claim, accepting or defeating it; a claim "
              "is in when every such position accepts it (there may be none)",
    "dfquad": "weighs a claim from its base score: attackers pull it down and supporters "
              "push it up, each side combined like independent chances, so a few strong "
              "arguments count as much as many and many supporters saturate",
    "qe": "weighs a claim by adding up its supporters' strengths and subtracting its "
          "attackers', then moving it smoothly from its base score: many supporters add up",
    "euler": "weighs a claim by the summed balance of supporters over attackers, which "
             "moves it exponentially; attacks never push it below the square of its base "
             "score",
    "hcat": "measures how much of a claim survives its attacks: attackers' strengths "
            "divide it down, and supports are ignored",
}


def question(semantics: str) -> str:
    """One sentence on what ``semantics`` answers."""
    name = NAMES[semantics]
    return f"{name[:1].upper()}{name[1:]} {QUESTIONS[semantics]}."


@dataclass
class Evaluation:
    """The outcome of one semantics on one map.

    ``labels`` (extension semantics): a claim is ``in`` when it is in every extension found,
    ``out`` when every extension found defeats it, else ``undec`` (for grounded this is the
    grounded labelling).  ``extensions``: the claim sets, each in map order.
    ``strengths`` (gradual semantics): claim -> float.  ``complete`` is false when the
    enumeration stopped early (``stopped``: ``max_extensions`` or ``timeout``)."""

    semantics: str
    support: str
    labels: dict[str, str] | None = None
    extensions: list[list[str]] | None = None
    strengths: dict[str, float] | None = None
    complete: bool = True
    stopped: str | None = None
    framework: Framework | None = field(default=None, repr=False)
    labellings: list[list[str]] = field(default_factory=list, repr=False)
    node_strengths: dict | None = field(default=None, repr=False)

    def credulous(self, claim: str) -> bool:
        """Is ``claim`` in some extension?  Raises when a cut-short search cannot tell."""
        if any(claim in extension for extension in self._extensions()):
            return True
        return self._decided(False)

    def sceptical(self, claim: str) -> bool:
        """Is ``claim`` in every extension (vacuously true when there is none)?"""
        if not all(claim in extension for extension in self._extensions()):
            return False
        return self._decided(True)

    def strength(self, claim: str) -> float:
        """``claim``'s strength; raises when this semantics gives extensions instead."""
        if self.strengths is None:
            raise EvaluationError(f"{self.semantics} gives extensions, not strengths")
        return self.strengths[claim]

    def _extensions(self) -> list[list[str]]:
        if self.extensions is None:
            raise EvaluationError(f"{self.semantics} gives strengths, not extensions")
        return self.extensions

    def _decided(self, answer: bool) -> bool:
        if not self.complete:
            raise EvaluationError(f"cannot tell: the {self.semantics} enumeration stopped "
                                  f"early ({self.stopped})")
        return answer

    def to_json(self) -> dict:
        """The ``--json`` shape: only the keys that apply."""
        out: dict = {"semantics": self.semantics, "support": self.support}
        for key in ("labels", "extensions", "strengths"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if not self.complete:
            out["complete"] = False
            out["stopped"] = self.stopped
        return out


def evaluate(amap: ArgMap, semantics: str = "grounded", *, support: str = DEFAULT_SUPPORT,
             perspectives=(), max_extensions: int | None = None,
             timeout: float | None = None, engine: str = "auto") -> Evaluation:
    """Evaluate ``amap`` under ``semantics`` (one of ``SEMANTICS``).

    ``support`` picks the bipolar reading; ``perspectives`` restricts the map with ``lens``
    first; ``max_extensions`` and ``timeout`` (seconds) cap complete/preferred/stable
    enumeration, which runs on clingo or the hand-written search (``engine``; ``auto``
    takes the search when the grounded labelling leaves few arguments undecided)."""
    if semantics not in SEMANTICS:
        raise unknown_name("semantics", semantics, SEMANTICS, error=EvaluationError)
    if engine not in ENGINES:
        raise unknown_name("engine", engine, ENGINES, error=EvaluationError)
    if max_extensions is not None and max_extensions < 1:
        raise EvaluationError("max_extensions must be at least 1")
    if perspectives:
        amap = lens(amap, perspectives)
    if semantics in GRADUAL:
        node_strengths = strengths(qbaf_of(amap, support), semantics)
        return Evaluation(semantics, support, node_strengths=node_strengths,
                          strengths={c: node_strengths[c] for c in amap.claims()})
    framework = flatten(amap, support)
    n = len(framework.arguments)
    if semantics == "grounded":
        found = Enumeration([grounded(n, framework.attacks)])
    else:
        if engine == "auto":
            undecided = grounded(n, framework.attacks).count(UNDEC)
            engine = "python" if undecided <= SMALL_UNDECIDED else "clingo"
        if engine == "clingo":
            from .asp import enumerate_clingo as enumerate_extensions
        else:
            enumerate_extensions = enumerate_python
        found = enumerate_extensions(n, framework.attacks, semantics,
                                     max_extensions=max_extensions, timeout=timeout)
    claims = framework.arguments[:framework.claim_count]
    extensions = [[c for c, lab in zip(claims, labelling, strict=False) if lab == IN]
                  for labelling in found.labellings]
    labels = {c: agreed_label([lb[i] for lb in found.labellings]) for i, c in enumerate(claims)} \
        if found.labellings else None
    return Evaluation(semantics, support, labels=labels, extensions=extensions,
                      complete=found.complete, stopped=found.stopped, framework=framework,
                      labellings=found.labellings)


def tally(amap: ArgMap, result: Evaluation) -> dict:
    """How many claims got each verdict, split by side: ``{verdict: {"pro": n, "con": n,
    "none": n}}``.  Verdicts are in/out/undec, or for gradual semantics whether a claim
    ends ``above``, ``at`` or ``below`` its base score."""
    counts: dict = {}
    for claim in amap.claims():
        verdict = _verdict(amap, result, claim)
        side = amap.claim(claim).get("side") or "none"
        by_side = counts.setdefault(verdict, {"pro": 0, "con": 0, "none": 0})
        by_side[side] += 1
    order = (IN, OUT, UNDEC) if result.strengths is None else ("above", "at", "below")
    return {verdict: counts.get(verdict, {"pro": 0, "con": 0, "none": 0})
            for verdict in order}


def _verdict(amap: ArgMap, result: Evaluation, claim: str) -> str:
    if result.strengths is None:
        return (result.labels or {}).get(claim, UNDEC)
    moved = result.strengths[claim] - float(amap.claim(claim).get("weight", DEFAULT_BASE_SCORE))
    return "above" if moved > 5e-4 else "below" if moved < -5e-4 else "at"


def agreed_label(labels: list[str]) -> str:
    """in/out when every labelling says so, else undec."""
    first = labels[0]
    return first if first != UNDEC and all(lab == first for lab in labels) else UNDEC


def lens(amap: ArgMap, perspectives) -> ArgMap:
    """The map seen through ``perspectives``: their claims plus every thesis and every claim
    with no perspective (those belong to no lens, so no lens drops them)."""
    wanted = set(perspectives)
    unknown = sorted(wanted - set(amap.perspectives))
    if unknown:
        raise unknown_name("perspective", unknown[0], amap.perspectives, Location(amap.path))
    keep = [c for c in amap.claims()
            if amap.claim(c).get("kind") == "thesis"
            or amap.claim(c).get("perspective") in wanted | {None}]
    return amap.subgraph(keep)


def by_perspective(amap: ArgMap, semantics: str = "grounded", **options) -> dict:
    """How each thesis fares under each single perspective, and with all of them:
    ``{perspective or None: {thesis: label or strength}}``."""
    theses = amap.theses()
    if not theses:
        raise EvaluationError("the map has no thesis to compare across perspectives")
    rows = {}
    for perspective in (*amap.perspectives, None):
        result = evaluate(amap, semantics, perspectives=() if perspective is None
                          else (perspective,), **options)
        verdicts = result.strengths if result.strengths is not None else (result.labels or {})
        rows[perspective] = {t: verdicts.get(t) for t in theses}
    return rows


def annotate(amap: ArgMap, semantics: str = "grounded", **options) -> Evaluation:
    """Evaluate and write the outcome onto the map's graph: node attribute ``label``
    (in/out/undec) for extension semantics, ``strength`` (float) for gradual ones.  Stale
    values from an earlier call are removed.  This is what ``argmap export --semantics``
    calls, so diagrams show the same verdicts as ``argmap evaluate``."""
    result = evaluate(amap, semantics, **options)
    for node, data in amap.graph.nodes(data=True):
        data.pop("label", None)
        data.pop("strength", None)
        if result.labels is not None and node in result.labels:
            data["label"] = result.labels[node]
        if result.strengths is not None and node in result.strengths:
            data["strength"] = result.strengths[node]
    return result

