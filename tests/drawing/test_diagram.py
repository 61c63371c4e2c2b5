"""The diagram model: one definition of each box, read by the DOT writer and the layout."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

import argmap
from argmap.drawing.diagram import DrawingOptions, build, label_size
from argmap.errors import FormatError
from tests.conftest import DATA
from tests.strategies import argmaps

# The sample debate as the DOT snapshots (test_snapshot.py) froze it.
FROZEN_SAMPLE = DATA / "drawing" / "sample.yaml"


def test_boxes_rows_clusters_and_junctions_of_the_sample():
    amap = argmap.load(FROZEN_SAMPLE)
    diagram = build(amap)
    assert list(diagram.boxes) == list(amap.graph)
    thesis = diagram.boxes[amap.theses()[0]]
    assert [row.role for row in thesis.rows] == ["header", "text"]
    assert thesis.rows[1].bold and thesis.rows[1].points == 16
    assert thesis.role is None and thesis.size() == label_size(amap, thesis.claim)
    assert "thesis" in thesis.classes and thesis.url is None
    clustered = {claim for cluster in diagram.clusters for claim in cluster.claims}
    assert clustered | set(diagram.unclustered) == set(amap.graph)
    assert {cluster.label for cluster in diagram.clusters} <= set(amap.perspectives.values())
    undercuts = [r for r in amap.relations() if r.relation == "undercut"]
    assert len(diagram.junctions) == len({(r.undercuts, r.target) for r in undercuts})
    assert diagram.legend is not None and diagram.layout is None


def test_evaluated_boxes_carry_status_and_strength_rows():
    amap = argmap.load(FROZEN_SAMPLE)
    for _, data in amap.graph.nodes(data=True):
        data["label"], data["strength"] = "out", 0.25
    box = next(iter(build(amap).boxes.values()))
    assert [row.role for row in box.rows][1] == "status"
    assert box.rows[-1].role == "strength" and box.rows[-1].bar == 0.25
    assert "dashed" in box.style


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argmaps())
def test_the_layout_reserves_the_size_read_off_the_rows(amap):
    """The layered layout sizes each box by the rows the writer draws: one definition."""
    diagram = build(amap, DrawingOptions(layout="layered"))
    assert diagram.layout is not None and not diagram.clusters
    for claim, box in diagram.boxes.items():
        width, height = box.size()
        assert (width, height) == label_size(amap, claim)  # no rankdir: the rows alone
        laid_width, laid_height = diagram.layout.sizes[claim]
        assert laid_width >= width and laid_height >= height


@pytest.mark.parametrize(("option", "value"), [("rankdir", "UP"), ("group_by", "kind"),
                                               ("color_by", "mood")])
def test_bad_options_are_format_errors(option, value):
    with pytest.raises(FormatError, match=option):
        DrawingOptions(**{option: value})
