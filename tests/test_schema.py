"""docs/format.md's table of claim fields and the writer follow one table."""

from __future__ import annotations

from argmap.formats.native import write
from argmap.formats.native._syntax import CLAIM_FIELDS
from argmap.model import ArgMap
from argmap.schema import with_claim_fields_table

from .conftest import ROOT


def test_format_doc_lists_the_claim_fields_of_the_table():
    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert doc == with_claim_fields_table(doc), "docs/format.md is stale: run scripts/regenerate"


def test_the_writer_writes_claim_fields_in_the_tables_order():
    amap = ArgMap()
    amap.sources.update({"s": {"title": "S"}, "r": {"title": "R"}})
    amap.add_claim("t", "T", kind="thesis")
    amap.add_claim("a", "A", kind="evidence", perspective="p", sources=["s", "r"], tags=["x"],
                   weight=0.5, side="pro", note="N")
    amap.add_relation("a", "t", "support")
    amap.add_claim("b", "B", sources=["s"])
    amap.add_relation("b", "a", "rebut")
    amap.add_relation("b", "t", "undercut", undercuts="a")
    claims: list[list[str]] = []
    for line in write(amap).splitlines():
        if line.startswith("  ") and not line.startswith("   ") and line.endswith(":"):
            claims.append([])
        elif line.startswith("    ") and not line.startswith("     ") and claims:
            claims[-1].append(line.split(":")[0].strip())
    assert claims[1] == ["text", "kind", "perspective", "sources", "tags", "weight", "side",
                         "note", "supports"]
    for fields in claims:
        assert fields == sorted(fields, key=CLAIM_FIELDS.index)
