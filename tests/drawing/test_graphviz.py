"""Running Graphviz: always under a time limit, with a one-line way out when it is hit;
dense maps drawn with default options in bounded time."""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET

import pytest

from argmap.drawing.graphviz import BASE_TIMEOUT, TIMEOUT_PER_ITEM, time_limit
from argmap.errors import RenderError
from argmap.formats import dumps, load
from tests.conftest import ROOT


def dense_framework(arguments: int, attacks: int, seed: int = 0) -> str:
    """The benchmarks' generator of random abstract frameworks (benchmarks/synth.py)."""
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.dense_framework(arguments, attacks, seed)


@pytest.fixture
def dense(tmp_path):
    """The kind of framework that used to hang the default drawing: 100 arguments, 1,500
    attacks (dot had not finished after 60 s)."""
    path = tmp_path / "dense.apx"
    path.write_text(dense_framework(100, 1500), encoding="utf-8")
    return path


def test_a_dense_framework_draws_with_default_options(dense, dot_binary):
    amap = load(dense)
    svg = dumps(amap, "svg")
    drawn = {group.get("id", "").removeprefix("claim-")
             for group in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}g")}
    assert set(amap.claims()) <= drawn


def test_graphviz_is_stopped_at_the_time_limit_with_a_way_out(cli, dense, tmp_path, monkeypatch,
                                                              dot_binary):
    monkeypatch.setenv("ARGMAP_GRAPHVIZ_TIMEOUT", "0.5")
    out = tmp_path / "dense.svg"
    result = cli("export", dense, "-o", out, "--layout", "dot")
    assert result.exit_code == 1 and not out.exists()
    assert len(result.output.strip().splitlines()) == 1
    assert "Graphviz 'dot' took longer than 0.5 s" in result.output
    assert "--layout layered" in result.output and "--focus" in result.output


def test_the_time_limit_grows_with_the_map_and_can_be_set(sample, monkeypatch):
    size = len(sample) + sample.graph.number_of_edges()
    monkeypatch.delenv("ARGMAP_GRAPHVIZ_TIMEOUT", raising=False)
    assert time_limit(sample) == pytest.approx(BASE_TIMEOUT + TIMEOUT_PER_ITEM * size)
    assert time_limit() == BASE_TIMEOUT
    monkeypatch.setenv("ARGMAP_GRAPHVIZ_TIMEOUT", "7.5")
    assert time_limit(sample) == 7.5
    for bad in ("soon", "0", "-3", "inf", "nan"):
        monkeypatch.setenv("ARGMAP_GRAPHVIZ_TIMEOUT", bad)
        with pytest.raises(RenderError, match="must be a positive number of seconds"):
            time_limit(sample)
