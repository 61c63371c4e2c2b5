"""Independent oracles for Dung semantics, written from the definitions
(shared/notes/semantics.md), sharing no code with ``argmap.evaluate``.

- ``brute_force``: every subset, checked against the set-based definitions.
- ``asp_complete``/``asp_stable``: Caminada labellings in ASP (a different encoding from the
  library's extension-based one); preferred = the ⊆-maximal complete ones, kept in Python.
"""

from __future__ import annotations

from itertools import combinations

import clingo


def _attacks_set(attacks):
    return {(a, b) for a, b in attacks}


def brute_force(n: int, attacks) -> dict[str, set[frozenset[int]]]:
    """Extensions of every semantics by enumerating all 2^n subsets."""
    attacks = _attacks_set(attacks)
    attackers = {x: {a for a, b in attacks if b == x} for x in range(n)}

    def conflict_free(s):
        return not any((a, b) in attacks for a in s for b in s)

    def defends(s, x):
        return all(any((d, a) in attacks for d in s) for a in attackers[x])

    def characteristic(s):
        return frozenset(x for x in range(n) if defends(s, x))

    subsets = [frozenset(c) for k in range(n + 1) for c in combinations(range(n), k)]
    admissible = [s for s in subsets if conflict_free(s) and s <= characteristic(s)]
    complete = {s for s in admissible if characteristic(s) == s}
    stable = {s for s in subsets if conflict_free(s) and all(
        any((a, x) in attacks for a in s) for x in range(n) if x not in s)}
    preferred = {s for s in admissible if not any(s < t for t in admissible)}
    grounded = frozenset()
    while characteristic(grounded) != grounded:
        grounded = characteristic(grounded)
    return {"grounded": {grounded}, "complete": complete, "preferred": preferred,
            "stable": stable}


_LABELLING = """
label(in; out; undec).
1 { lab(X, L) : label(L) } 1 :- arg(X).
some_in(X) :- att(Y, X), lab(Y, in).
some_not_out(X) :- att(Y, X), not lab(Y, out).
:- lab(X, in), some_not_out(X).
:- lab(X, out), not some_in(X).
:- lab(X, undec), some_in(X).
:- lab(X, undec), not some_not_out(X).
#show lab/2.
"""


def _asp(n: int, attacks, extra: str) -> set[frozenset[int]]:
    control = clingo.Control(["--models=0"])
    facts = "".join(f"arg({x})." for x in range(n)) + "".join(f"att({a},{b})." for a, b in attacks)
    control.add("base", [], _LABELLING + extra + facts)
    control.ground([("base", [])])
    found: set[frozenset[int]] = set()
    control.solve(on_model=lambda m: found.add(frozenset(
        s.arguments[0].number for s in m.symbols(shown=True) if s.arguments[1].name == "in")))
    return found


def asp_complete(n: int, attacks) -> set[frozenset[int]]:
    return _asp(n, attacks, "")


def asp_stable(n: int, attacks) -> set[frozenset[int]]:
    return _asp(n, attacks, ":- lab(X, undec).\n")


def maximal(sets) -> set[frozenset[int]]:
    return {s for s in sets if not any(s < t for t in sets)}
