"""Generated documents must match the code that generates them."""

from argmap.cli.reference import reference
from tests.conftest import ROOT, SAMPLE


def test_committed_cli_reference_is_current():
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == reference(), "docs/cli.md is stale: run scripts/regenerate"


def test_committed_sample_dot_is_current():
    import argmap
    from argmap.drawing import dot
    amap = argmap.load(SAMPLE)
    committed = SAMPLE.with_suffix(".dot").read_text(encoding="utf-8")
    assert committed == dot.write(amap), "arguments/illinois-detainers.dot is stale: run " \
                                         "scripts/regenerate"
