"""No writer produces a file argmap then rejects: every writable format, written from
random maps with hostile ids and texts, reads back and checks clean (or the writer refuses
with a ``FormatError`` up front, e.g. an abstract format asked to hold a support)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.check import check_map
from argmap.errors import FormatError
from argmap.formats import dumps, formats, get_format, loads
from argmap.model import ArgMap

from ..strategies import HOSTILE, argmaps

WRITABLE = [fmt.name for fmt in formats() if fmt.write and fmt.read]

# Ids as other formats carry them: spaces, punctuation, line breaks, markup.
hostile_ids = st.lists(st.sampled_from(HOSTILE) | st.from_regex(r"[a-z]{1,4}", fullmatch=True),
                       min_size=1, max_size=4).map("".join).filter(lambda s: s.strip())


@st.composite
def maps_with_hostile_ids(draw):
    amap = draw(argmaps(max_claims=6))
    ids = draw(st.lists(hostile_ids, min_size=len(amap), max_size=len(amap), unique=True))
    renamed = ArgMap()
    renamed.graph.graph.update(amap.graph.graph)
    new = dict(zip(amap.graph, ids))
    for cid, data in amap.graph.nodes(data=True):
        renamed.graph.add_node(new[cid], **data)
    for source, target, data in amap.graph.edges(data=True):
        undercuts = data.get("undercuts")
        renamed.add_relation(new[source], new[target], data["relation"],
                             undercuts=new[undercuts] if undercuts else None,
                             note=data.get("note"))
    renamed.derive_sides()
    return renamed


def assert_reads_back_clean(amap: ArgMap, name: str) -> None:
    fmt = get_format(name)
    try:
        data = dumps(amap, name)
    except FormatError:
        return  # refused before writing anything: allowed
    text = data if isinstance(data, str) else data.decode("utf-8")
    back = loads(text, name, path=f"out.{name}")
    errors = [d for d in check_map(back, fmt.abstract, fmt.self_attack)
              if d.severity == "error"]
    assert not errors, (name, errors, text[:2000])


@pytest.mark.parametrize("name", WRITABLE)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(amap=argmaps(max_claims=8))
def test_hostile_texts_read_back_clean(name, amap):
    assert_reads_back_clean(amap, name)


@pytest.mark.parametrize("name", WRITABLE)
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(amap=maps_with_hostile_ids())
def test_hostile_ids_read_back_clean(name, amap):
    assert_reads_back_clean(amap, name)
