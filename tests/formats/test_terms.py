"""Carneades' normal form of statement ids: the term printed back as Carneades prints it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.formats._terms import normal_form


@pytest.mark.parametrize("written, normal", [
    ("p(a, b)", "p(a,b)"), ("p( a ,b )", "p(a,b)"), ("¬ app(a1)", "¬app(a1)"),
    ("p(q(a, b), [x , y])", "p(q(a,b),[x, y])"),  # lists print with ", ", arguments with ","
    ("x >= 3", "x>=3"), ("a + b * c", "a+b*c"), ("(a + b) * c", "(a+b) * c"),
    ("p(a) + q(b)", "(p(a)) + (q(b))"), ("a || b", "a || b"), ("x div 2", "x div 2"),
    ("- - x", "x"), ("a, b", "[a, b]"), ("1.5", "1.500000"), ("p()", "p()"),
    # not terms: kept as written
    ("two words", "two words"), ("p(a", "p(a"), ("a = b = c", "a = b = c"), ("", "")])
def test_ids_print_as_carneades_prints_them(written, normal):
    assert normal_form(written) == normal


@given(st.text(max_size=30))
def test_normal_form_is_a_fixed_point_or_text_kept(text):
    once = normal_form(text)
    assert once == text or normal_form(once) == once
