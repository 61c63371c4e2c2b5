"""The library surface of ``import argmap``: what it lists, and load/loads/dump/dumps
agreeing with each other and with ``argmap export``."""

from __future__ import annotations

import pytest

import argmap
from argmap.pipeline import export

from .conftest import SAMPLE


def test_every_public_name_is_listed():
    assert {"load", "loads", "dump", "dumps", "ArgMap", "ValidationError"} <= set(dir(argmap))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        argmap.nothing  # noqa: B018


def test_loads_validates_like_load():
    text = "claims: {a: {text: A, supports: [b]}}"
    with pytest.raises(argmap.ValidationError) as caught:
        argmap.loads(text)
    first, *rest = str(caught.value).splitlines()
    assert first == "2 errors:" and len(rest) == 2 and "unknown claim 'b'" in rest[1]
    assert len(argmap.loads(text, validate=False)) == 2


def test_dumps_takes_exports_semantics_and_views(tmp_path):
    amap = argmap.load(SAMPLE)
    for options in ({"semantics": "grounded"}, {"view": {"perspectives": ["trust"]}}):
        expected = export(SAMPLE, tmp_path / "out.json", **options)
        assert argmap.dumps(argmap.load(SAMPLE), "json", **options) == expected
    argmap.dump(amap, tmp_path / "trust.yaml", view={"perspectives": ["trust"]})
    assert set(argmap.load(tmp_path / "trust.yaml").perspectives) == set(amap.perspectives)


def test_dump_writes_the_modeline_where_the_schema_is_reachable(tmp_path):
    amap = argmap.load(SAMPLE)
    argmap.dump(amap, tmp_path / "elsewhere.yaml")
    assert (tmp_path / "elsewhere.yaml").read_text().startswith("argmap: 1\n")
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "argmap.schema.json").write_text("{}")
    (tmp_path / "maps" / "deep").mkdir(parents=True)
    argmap.dump(amap, tmp_path / "maps" / "deep" / "m.yaml")
    assert (tmp_path / "maps" / "deep" / "m.yaml").read_text().startswith(
        "# yaml-language-server: $schema=../../schema/argmap.schema.json\nargmap: 1\n")
