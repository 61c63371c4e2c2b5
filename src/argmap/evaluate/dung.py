"""Dung semantics on integer frameworks: grounded by label propagation, and a hand-written
labelling search for complete, stable and preferred.

Arguments are ``0 .. n-1``; ``attacks`` is an iterable of ``(attacker, attacked)``.  A
labelling is a list of ``IN``/``OUT``/``UNDEC``.  The search is the fallback engine (and
the reference the clingo engine is benchmarked against); see ``asp.py``."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

IN, OUT, UNDEC = "in", "out", "undec"
_UNSET = None


def successors_and_attackers(n: int, attacks: Iterable[tuple[int, int]]):
    succ: list[list[int]] = [[] for _ in range(n)]
    att: list[list[int]] = [[] for _ in range(n)]
    for a, b in attacks:
        succ[a].append(b)
        att[b].append(a)
    return succ, att


def grounded(n: int, attacks: Iterable[tuple[int, int]]) -> list[str]:
    """The grounded labelling in time linear in ``n`` plus the number of attacks.

    An argument whose attackers are all ``out`` is ``in``; whatever an ``in`` argument
    attacks is ``out``; what is left is ``undec``.  Each attack is looked at at most
    twice: once when its attacker goes ``in``, once when its target goes ``out``."""
    succ: list[list[int]] = [[] for _ in range(n)]
    live_attackers = [0] * n
    for a, b in attacks:
        succ[a].append(b)
        live_attackers[b] += 1
    label = [UNDEC] * n
    queue = [i for i in range(n) if live_attackers[i] == 0]
    for arg in queue:  # the list grows while we walk it
        label[arg] = IN
        for target in succ[arg]:
            if label[target] is UNDEC:
                label[target] = OUT
                for victim in succ[target]:
                    live_attackers[victim] -= 1
                    if live_attackers[victim] == 0 and label[victim] is UNDEC:
                        queue.append(victim)
    return label


def grounded_ranks(n: int, attacks: Iterable[tuple[int, int]]) -> list[int | None]:
    """For each argument the round of label propagation that decided it (unattacked
    arguments: 0; undecided ones: ``None``).  An ``out`` argument's rank is one more than
    its earliest ``in`` attacker's, an ``in`` argument's one more than its latest ``out``
    attacker's, so following lower ranks always ends at unattacked arguments: the order an
    explanation walks the grounded labelling in."""
    attacks = list(attacks)
    succ, att = successors_and_attackers(n, attacks)
    label = grounded(n, attacks)
    rank: list[int | None] = [None] * n
    frontier = [i for i in range(n) if not att[i]]
    for arg in frontier:
        rank[arg] = 0
    step = 0
    while frontier:
        step += 1
        newly_out = []
        for arg in frontier:
            for target in succ[arg]:
                if label[target] == OUT and rank[target] is None:
                    rank[target] = step
                    newly_out.append(target)
        step += 1
        frontier = []
        for arg in newly_out:
            for target in succ[arg]:
                if label[target] == IN and rank[target] is None and \
                        all(rank[a] is not None for a in att[target]):
                    rank[target] = step
                    frontier.append(target)
    return rank


@dataclass
class Enumeration:
    """Extensions found, and whether the search ran to the end."""

    labellings: list[list[str]] = field(default_factory=list)
    complete: bool = True
    stopped: str | None = None  # "max_extensions" or "timeout"
    found_at: list[float] = field(default_factory=list)  # seconds from the start, each
    started: float = field(default_factory=time.monotonic, repr=False)

    def add(self, labelling: list[str]) -> None:
        self.labellings.append(labelling)
        self.found_at.append(time.monotonic() - self.started)


class _Deadline:
    def __init__(self, timeout: float | None):
        self.end = None if timeout is None else time.monotonic() + timeout

    def passed(self) -> bool:
        return self.end is not None and time.monotonic() > self.end


def _search(n: int, attacks, values: tuple[str, ...], deadline: _Deadline) -> Iterator[list[str]]:
    """Every complete labelling (``values`` = in/out/undec) or stable one (in/out),
    by depth-first search from the grounded labelling with forward checking.

    Raises ``TimeoutError`` when the deadline passes."""
    succ, att = successors_and_attackers(n, attacks)
    start = grounded(n, attacks)
    label: list = [lab if lab != UNDEC else _UNSET for lab in start]
    order = [i for i in range(n) if label[i] is _UNSET]

    def fine(x: int) -> bool:
        """Can ``x``'s label still satisfy the complete-labelling condition?"""
        mine = label[x]
        if mine is _UNSET:
            return True
        labels = [label[a] for a in att[x]]
        some_in = IN in labels
        all_out = all(lab == OUT for lab in labels)
        open_ = _UNSET in labels
        if mine == IN:
            return all(lab in (OUT, _UNSET) for lab in labels)
        if mine == OUT:
            return some_in or open_
        return not some_in and not all_out

    # Depth-first with an explicit stack (thousands of undecided arguments would overflow
    # Python's recursion limit): tried[d] is how many values order[d] has tried so far.
    tried = [0] * (len(order) + 1)
    depth, steps = 0, 0
    while depth >= 0:
        steps += 1
        if steps % 1024 == 0 and deadline.passed():
            raise TimeoutError
        if depth == len(order):
            yield list(label)
            depth -= 1
            continue
        x = order[depth]
        while tried[depth] < len(values):
            label[x] = values[tried[depth]]
            tried[depth] += 1
            if fine(x) and all(fine(y) for y in succ[x]):
                depth += 1
                tried[depth] = 0
                break
        else:
            label[x] = _UNSET
            depth -= 1


def enumerate_python(n: int, attacks, semantics: str, *, max_extensions: int | None = None,
                     timeout: float | None = None) -> Enumeration:
    """Complete, stable or preferred labellings by search.

    Preferred needs every complete labelling before it can tell which are maximal, so a
    timeout there returns nothing found (``complete`` false)."""
    attacks = list(attacks)
    deadline = _Deadline(timeout)
    values = (IN, OUT) if semantics == "stable" else (IN, OUT, UNDEC)
    result = Enumeration()
    found = _search(n, attacks, values, deadline)
    try:
        if semantics == "preferred":
            preferred = _maximal_in(list(found))
            if max_extensions is not None and len(preferred) > max_extensions:
                del preferred[max_extensions:]
                result.complete, result.stopped = False, "max_extensions"
            for labelling in preferred:
                result.add(labelling)
            return result
        for labelling in found:
            if max_extensions is not None and len(result.labellings) >= max_extensions:
                result.complete, result.stopped = False, "max_extensions"
                break
            result.add(labelling)
    except TimeoutError:
        result.complete, result.stopped = False, "timeout"
    return result


def _maximal_in(labellings: list[list[str]]) -> list[list[str]]:
    sets = [frozenset(i for i, lab in enumerate(lb) if lab == IN) for lb in labellings]
    return [labelling for labelling, s in zip(labellings, sets, strict=True)
            if not any(s < other for other in sets)]


def labelling_of(n: int, attacks, extension: Iterable[int]) -> list[str]:
    """The labelling of an extension: members in, what they attack out, the rest undec."""
    label = [UNDEC] * n
    for i in extension:
        label[i] = IN
    for a, b in attacks:
        if label[a] == IN:
            label[b] = OUT
    return label
