"""ICCMA abstract frameworks: apx, tgf and the 2023 numeric format."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import ArgMap, FormatError, ParseError
from argmap.formats import format_for_reading, get_format, loads
from argmap.formats.iccma import read_apx, read_i23, read_tgf, write_apx, write_i23, write_tgf
from tests.conftest import DATA, shared_files
from tests.strategies import claim_texts, slugs


def attacks_of(amap):
    return sorted((r.source, r.target) for r in amap.relations() if r.relation == "rebut")


@pytest.mark.parametrize("path", shared_files("carneades/tgf", "*.tgf"), ids=lambda p: p.name)
def test_reads_the_carneades_tgf_examples(path):
    text = path.read_text()
    names, _, attack_lines = text.partition("#")
    amap = read_tgf(text, str(path))
    assert list(amap.claims()) == names.split()
    assert attacks_of(amap) == sorted(tuple(line.split()) for line in
                                      attack_lines.strip().splitlines())
    assert all(amap.claim(c) ["kind"] == "claim" and amap.claim(c)["text"] == c
               for c in amap.claims())
    assert amap.theses() == []


def test_apx_with_comments_quotes_and_a_self_attack():
    amap = read_apx((DATA / "iccma" / "comments.apx").read_text())
    third = 'the "third" one'
    assert list(amap.claims()) == ["a", "b", third]
    assert attacks_of(amap) == [("a", "b"), ("b", "b"), ("b", third)]
    assert amap.claim(third)["line"] == 3


def test_i23_numbers_its_arguments():
    amap = read_i23((DATA / "iccma" / "small.i23").read_text())
    assert list(amap.claims()) == ["1", "2", "3"]
    assert attacks_of(amap) == [("1", "2"), ("2", "3"), ("3", "3")]


def test_suffixes_and_sniffing():
    for name in ("x.af", "x.i23", "x.apx", "x.tgf"):
        assert format_for_reading(name, "").name == name.split(".")[1].replace("af", "i23")
    assert format_for_reading("instance", "# c\np af 4\n").name == "i23"
    assert attacks_of(loads("p af 2\n1 2\n", "af")) == [("1", "2")]
    assert not get_format("i23").sniff("claims:\n")


@pytest.mark.parametrize("reader, text, line, column, message", [
    (read_apx, "arg(a).\natt(a,b).\n", 2, 1, "undeclared argument 'b'"),
    (read_apx, "arg(a).\n  arg(a).\n", 2, 3, "declared twice"),
    (read_apx, "arg(a). bogus\n", 1, 9, "expected arg"),
    (read_apx, "arg(a,b).\n", 1, 1, "arg takes one name"),
    (read_tgf, "a\n#\na\n", 3, 1, "two argument ids"),
    (read_tgf, "a\n#\na c\n", 3, 1, "undeclared argument 'c'"),
    (read_tgf, "a\n#\n#\n", 3, 1, "a second '#'"),
    (read_i23, "1 2\n", 1, 1, "header"),
    (read_i23, "p af 2\n1 3\n", 2, 1, "from 1 to 2"),
    (read_i23, "# nothing\n", 1, 1, "no 'p af N' header"),
])
def test_errors_are_located(reader, text, line, column, message):
    with pytest.raises(ParseError, match=message) as caught:
        reader(text, "f")
    assert (caught.value.location.line, caught.value.location.column) == (line, column)
    assert caught.value.location.file == "f"


@st.composite
def frameworks(draw, names):
    ids = draw(st.lists(names, min_size=0, max_size=8, unique=True))
    amap = ArgMap()
    for claim in ids:
        amap.add_claim(claim, claim)
    if ids:
        for source, target in draw(st.lists(st.tuples(st.sampled_from(ids),
                                                      st.sampled_from(ids)), max_size=12)):
            amap.add_relation(source, target, "rebut")
    return amap


@settings(max_examples=150, deadline=None)
@given(frameworks(claim_texts()))
def test_apx_round_trips_any_names(amap):
    back = read_apx(write_apx(amap))
    assert list(back.claims()) == list(amap.claims())
    assert attacks_of(back) == attacks_of(amap)


@settings(max_examples=100, deadline=None)
@given(frameworks(slugs))
def test_tgf_and_i23_round_trip(amap):
    back = read_tgf(write_tgf(amap))
    assert list(back.claims()) == list(amap.claims()) and attacks_of(back) == attacks_of(amap)
    numbered = read_i23(write_i23(amap))
    number = {claim: str(i) for i, claim in enumerate(amap.claims(), 1)}
    assert attacks_of(numbered) == sorted((number[a], number[b]) for a, b in attacks_of(amap))


def test_writers_refuse_supports_and_undercuts():
    amap = ArgMap()
    amap.add_claim("a", "A")
    amap.add_claim("b", "B")
    amap.add_relation("a", "b", "support")
    for writer in (write_apx, write_tgf, write_i23):
        with pytest.raises(FormatError, match="only attacks"):
            writer(amap)


def test_tgf_refuses_ids_with_spaces():
    amap = ArgMap()
    amap.add_claim("two words", "x")
    with pytest.raises(FormatError, match="single words"):
        write_tgf(amap)
