"""Dung semantics on integer frameworks against independent oracles."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.evaluate.asp import enumerate_clingo
from argmap.evaluate.dung import IN, OUT, UNDEC, enumerate_python, grounded, labelling_of
from tests.evaluate.oracles import asp_complete, asp_stable, brute_force, maximal


@st.composite
def frameworks(draw, max_arguments: int = 7):
    n = draw(st.integers(0, max_arguments))
    pairs = [(a, b) for a in range(n) for b in range(n)]
    attacks = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=3 * n)) if n else []
    return n, attacks


def members(labelling) -> frozenset[int]:
    return frozenset(i for i, label in enumerate(labelling) if label == IN)


ENGINES = {"python": enumerate_python, "clingo": enumerate_clingo}


@settings(max_examples=150, deadline=None)
@given(frameworks())
def test_grounded_is_the_least_fixed_point(framework):
    n, attacks = framework
    assert {members(grounded(n, attacks))} == brute_force(n, attacks)["grounded"]


@settings(max_examples=150, deadline=None)
@given(frameworks())
def test_grounded_labelling_is_the_labelling_of_its_extension(framework):
    n, attacks = framework
    labels = grounded(n, attacks)
    assert labels == labelling_of(n, attacks, members(labels))


@settings(max_examples=120, deadline=None)
@given(frameworks(), st.sampled_from(["complete", "preferred", "stable"]),
       st.sampled_from(sorted(ENGINES)))
def test_extensions_match_brute_force(framework, semantics, engine):
    n, attacks = framework
    found = ENGINES[engine](n, attacks, semantics)
    assert found.complete
    extensions = [members(labelling) for labelling in found.labellings]
    assert len(extensions) == len(set(extensions)), "an extension reported twice"
    assert set(extensions) == brute_force(n, attacks)[semantics]


@settings(max_examples=120, deadline=None)
@given(frameworks(max_arguments=9), st.sampled_from(sorted(ENGINES)))
def test_extensions_match_the_asp_labelling_oracle(framework, engine):
    n, attacks = framework
    complete = asp_complete(n, attacks)
    enumerate_ = ENGINES[engine]
    assert {members(lb) for lb in enumerate_(n, attacks, "complete").labellings} == complete
    assert {members(lb) for lb in enumerate_(n, attacks, "preferred").labellings} == \
        maximal(complete)
    assert {members(lb) for lb in enumerate_(n, attacks, "stable").labellings} == \
        asp_stable(n, attacks)


def disjoint_cycles(k: int):
    """k separate 2-cycles: 2^k preferred extensions, 3^k complete ones."""
    return 2 * k, [pair for i in range(k) for pair in ((2 * i, 2 * i + 1), (2 * i + 1, 2 * i))]


def test_max_extensions_caps_and_says_so():
    n, attacks = disjoint_cycles(6)
    for engine in ENGINES.values():
        capped = engine(n, attacks, "preferred", max_extensions=5)
        assert len(capped.labellings) == 5
        assert (capped.complete, capped.stopped) == (False, "max_extensions")
        exact = engine(n, attacks, "preferred", max_extensions=64)
        assert (len(exact.labellings), exact.complete) == (64, True)


def test_timeout_stops_the_search_and_says_so():
    n, attacks = disjoint_cycles(40)  # 2^40 stable extensions: never finishes
    for engine in ENGINES.values():
        started = time.monotonic()
        result = engine(n, attacks, "stable", timeout=0.3)
        assert time.monotonic() - started < 5
        assert (result.complete, result.stopped) == (False, "timeout")
        assert all(UNDEC not in labelling for labelling in result.labellings)


def test_odd_cycle_has_no_stable_extension_and_empty_preferred():
    attacks = [(0, 1), (1, 2), (2, 0)]
    for engine in ENGINES.values():
        assert engine(3, attacks, "stable").labellings == []
        assert engine(3, attacks, "preferred").labellings == [[UNDEC] * 3]


def test_grounded_is_linear_on_a_long_chain():
    n = 200_000  # a chain a0 <- a1 <- ...: alternates out/in from the unattacked end
    labels = grounded(n, [(i + 1, i) for i in range(n - 1)])
    assert labels[-1] == IN and labels[-2] == OUT and labels[0] == (IN if n % 2 else OUT)


def test_self_attack_is_undecided_and_never_in():
    assert grounded(2, [(0, 0), (0, 1)]) == [UNDEC, UNDEC]
    for engine in ENGINES.values():
        assert [members(lb) for lb in engine(2, [(0, 0), (0, 1)], "preferred").labellings] \
            == [frozenset()]


def test_python_search_goes_deeper_than_the_recursion_limit():
    n = 3000  # one even cycle: every argument is undecided in the grounded labelling
    cycle = [(i, (i + 1) % n) for i in range(n)]
    found = enumerate_python(n, cycle, "stable")
    assert len(found.labellings) == 2
    assert {members(lb) for lb in found.labellings} == {frozenset(range(0, n, 2)),
                                                         frozenset(range(1, n, 2))}
