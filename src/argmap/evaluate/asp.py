"""Complete, stable and preferred extensions with clingo (answer set programming).

On frameworks of thousands of arguments clingo's conflict-driven search is orders of
magnitude faster than the Python search (see benchmarks/bench_evaluate.py).  Preferred
extensions are the ⊆-maximal complete ones; clingo enumerates exactly those with its
domain heuristic (every ``in`` atom preferred true) in ``domRec`` enumeration mode."""

from __future__ import annotations

import time

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
_PREFERRED = _COMPLETE + "#heuristic in(X) : arg(X). [1, true]\n"
PROGRAMS = {"complete": _COMPLETE, "stable": _STABLE, "preferred": _PREFERRED}


def enumerate_clingo(n: int, attacks, semantics: str, *, max_extensions: int | None = None,
                     timeout: float | None = None) -> Enumeration:
    """Extensions of the framework under ``semantics``, each found as clingo reports it."""
    attacks = list(attacks)
    arguments = ["--models=0"]
    if semantics == "preferred":
        arguments += ["--heuristic=Domain", "--enum-mode=domRec"]
    control = clingo.Control(arguments, logger=lambda code, message: None)
    facts = [f"arg(0..{n - 1})." if n else ""]
    facts += [f"att({a},{b})." for a, b in attacks]
    control.add("base", [], PROGRAMS[semantics] + "\n".join(facts) + "\n#show in/1.\n")
    control.ground([("base", [])])
    end = None if timeout is None else time.monotonic() + timeout
    result = Enumeration()
    with control.solve(yield_=True, async_=True) as handle:
        while True:
            handle.resume()
            if not handle.wait(None if end is None else max(0.0, end - time.monotonic())):
                handle.cancel()
                result.complete, result.stopped = False, "timeout"
                break
            model = handle.model()
            if model is None:
                break
            if max_extensions is not None and len(result.labellings) >= max_extensions:
                handle.cancel()  # one more exists: the answer is cut short
                result.complete, result.stopped = False, "max_extensions"
                break
            members = [symbol.arguments[0].number for symbol in model.symbols(shown=True)]
            result.labellings.append(labelling_of(n, attacks, members))
    return result
