"""Complete, stable and preferred extensions with clingo (answer set programming).

On frameworks of thousands of arguments clingo's conflict-driven search is orders of
magnitude faster than the Python search (see benchmarks/bench_evaluate.py).

Complete and stable extensions are the answer sets of one program each.  Preferred ones
are found by growing (after Dvořák et al.'s CEGARTIX and Cerutti et al.'s PrefSAT): take
any complete extension not inside a preferred one already found, ask for a strictly larger
complete extension until there is none, report it, then exclude its subsets.  Each step
is one cheap solver call, so the first extension comes early even on instances where
enumerating ⊆-maximal models with a domain heuristic finds nothing for a long time."""

from __future__ import annotations

import time
from collections.abc import Generator, Iterator

import clingo

from .dung import Enumeration, labelling_of

_COMPLETE = """
{ in(X) } :- arg(X).
:- in(X), in(Y), att(X, Y).
defeated(X) :- in(Y), att(Y, X).
:- in(X), att(Y, X), not defeated(Y).
undefended(X) :- att(Y, X), not defeated(Y).
:- arg(X), not in(X), not undefended(X).
"""
_STABLE = """
{ in(X) } :- arg(X).
:- in(X), in(Y), att(X, Y).
defeated(X) :- in(Y), att(Y, X).
:- arg(X), not in(X), not defeated(X).
"""
# With ``grow`` on, an answer must contain every ``current`` argument and one more.  With
# ``eager`` on too, the domain heuristic makes the solver try ``in`` first, so a step grows
# by many arguments at once (on some frameworks that makes a step hard: see _preferred).
_GROWING = _COMPLETE + """
#external grow.
#external eager.
#external current(X) : arg(X).
#heuristic in(X) : arg(X), grow, eager. [1, sign]
larger :- in(X), not current(X).
:- grow, not larger.
:- grow, current(X), not in(X).
"""
PROGRAMS = {"complete": _COMPLETE, "stable": _STABLE, "preferred": _GROWING}


class _Solver:
    """One clingo control over one framework, with a deadline shared by every call."""

    def __init__(self, n: int, attacks, semantics: str, timeout: float | None):
        self.n = n
        self.end = None if timeout is None else time.monotonic() + timeout
        self.options = ["--models=0"] + (["--heuristic=Domain"] if semantics == "preferred"
                                         else [])
        facts = [f"arg(0..{n - 1})." if n else ""] + [f"att({a},{b})." for a, b in attacks]
        self.program = PROGRAMS[semantics] + "\n".join(facts) + "\n#show in/1.\n"
        self.excluded: list[list[int]] = []
        self.restart()

    def restart(self) -> None:
        """A fresh solver (learnt clauses and activities dropped), same exclusions."""
        self.control = clingo.Control(self.options, logger=lambda code, message: None)
        self.control.add("base", [], self.program)
        self.control.ground([("base", [])])
        excluded, self.excluded = self.excluded, []
        for members in excluded:
            self.exclude_subsets_of(members)

    def _wait(self, handle, budget: float | None) -> None:
        remaining = None if self.end is None else max(0.0, self.end - time.monotonic())
        if budget is not None and (remaining is None or budget < remaining):
            if not handle.wait(budget):
                handle.cancel()
                raise _OverBudget
        if not handle.wait(remaining):
            handle.cancel()
            raise TimeoutError

    def models(self, budget: float | None = None) -> Generator[list[int], None, None]:
        """Every answer set's ``in`` arguments; raises ``TimeoutError`` at the deadline
        and ``_OverBudget`` when one answer takes more than ``budget`` seconds."""
        with self.control.solve(yield_=True, async_=True) as handle:
            while True:
                handle.resume()
                self._wait(handle, budget)
                model = handle.model()
                if model is None:
                    return
                yield [symbol.arguments[0].number for symbol in model.symbols(shown=True)]

    def first(self, budget: float | None = None) -> list[int] | None:
        models = self.models(budget)
        try:
            return next(models, None)
        finally:
            models.close()  # ends the solve call now, not when garbage is collected

    def set_eager(self, eager: bool) -> None:
        self.control.assign_external(clingo.Function("eager"), eager)

    def grow_from(self, members: list[int] | None) -> None:
        """Require strict supersets of ``members`` (``None``: no requirement)."""
        self.control.assign_external(clingo.Function("grow"), members is not None)
        inside = set(members or ())
        for argument in range(self.n):
            self.control.assign_external(clingo.Function("current", [clingo.Number(argument)]),
                                         argument in inside)

    def exclude_subsets_of(self, members: list[int]) -> None:
        """From now on every answer must have an argument outside ``members``."""
        part = f"excluded_{len(self.excluded)}"
        self.excluded.append(members)
        kept = "".join(f"kept_{part}({m})." for m in members)
        self.control.add(part, [], f"{kept}\nescapes_{part} :- in(X), not kept_{part}(X).\n"
                                   f":- not escapes_{part}.\n")
        self.control.ground([(part, [])])


class _OverBudget(Exception):
    """One eager growth step took too long."""


EAGER_BUDGET = 0.5  # seconds an eager growth step may take before growing plainly


def _preferred(solver: _Solver) -> Iterator[list[int]]:
    eager = True
    solver.set_eager(eager)
    while True:
        solver.grow_from(None)
        members = solver.first()
        if members is None:
            return
        while True:
            solver.grow_from(members)
            try:
                larger = solver.first(EAGER_BUDGET if eager else None)
            except _OverBudget:
                # Plain steps add few arguments each but do not get stuck; a fresh solver,
                # because what the eager search learnt slows them down badly.
                eager = False
                solver.restart()
                solver.set_eager(eager)
                continue
            if larger is None:
                break
            members = larger
        yield members
        solver.exclude_subsets_of(members)


def enumerate_clingo(n: int, attacks, semantics: str, *, max_extensions: int | None = None,
                     timeout: float | None = None) -> Enumeration:
    """Extensions of the framework under ``semantics``, each reported as soon as found."""
    attacks = list(attacks)
    result = Enumeration()
    solver = _Solver(n, attacks, semantics, timeout)
    found = _preferred(solver) if semantics == "preferred" else solver.models()
    try:
        for members in found:
            if max_extensions is not None and len(result.labellings) >= max_extensions:
                result.complete, result.stopped = False, "max_extensions"  # one more exists
                break
            result.add(labelling_of(n, attacks, members))
    except TimeoutError:
        result.complete, result.stopped = False, "timeout"
    return result
