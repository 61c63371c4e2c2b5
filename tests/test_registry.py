"""The registry alone decides a file's format: by name, by suffix, and for shared suffixes
by ranking the candidates' sniff."""

from __future__ import annotations

import pytest

from argmap.errors import FormatError
from argmap.registry import format_for_reading, formats
from tests.conftest import DATA, SAMPLE


@pytest.mark.parametrize(("source", "named", "expected"), [
    (DATA / "aif" / "ova-wrapper-integer-ids.json", "map.json", "aif"),
    (DATA / "sadface" / "hang-back.json", "map.json", "sadface"),
    (DATA / "nodelink" / "networkx-links.json", "map.json", "json"),
    (DATA / "carneades" / "congestion-charge.caes.yml", "map.yml", "carneades"),
    (DATA / "carneades" / "congestion-charge.caes.yml", "map.yaml", "carneades"),
    (SAMPLE, "map.yml", "yaml"),
    (SAMPLE, "map.caes.yml", "yaml"),  # the content wins over a misleading name
    (DATA / "aif" / "ova-wrapper-integer-ids.json", "map", "aif"),  # no suffix: sniffed
])
def test_shared_suffixes_are_told_apart_by_content(source, named, expected):
    assert format_for_reading(named, source.read_text(encoding="utf-8")).name == expected


def test_content_no_reader_recognises_falls_back_to_the_suffix():
    assert format_for_reading("x.json", "[1, 2]").name == "json"
    assert format_for_reading("x.caes.yml", "- a list").name == "carneades"
    with pytest.raises(FormatError, match="--from"):
        format_for_reading("x", "plain words")


def test_explicit_format_is_taken_as_given():
    text = (DATA / "aif" / "ova-wrapper-integer-ids.json").read_text(encoding="utf-8")
    assert format_for_reading("x.json", text, "json").name == "json"


def test_every_format_module_registers_unique_names():
    names = [name for fmt in formats() for name in (fmt.name, *fmt.aliases)]
    assert len(names) == len(set(names))
