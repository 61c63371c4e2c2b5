"""Helpers shared by the readers of other tools' formats."""

from __future__ import annotations

import pytest

from argmap.errors import ParseError
from argmap.formats._imported import parse_xml


@pytest.mark.parametrize("xml, where, message", [
    ("<!DOCTYPE r [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]><root>&b;</root>",
     (None, None), "entity declarations are refused"),
    ("<root>\n  <open>\n</root>", (3, 3), "invalid XML: mismatched tag"),
    ("<other/>", (None, None), "the root element is <other>, not <root>")])
def test_xml_from_other_tools_is_refused_in_one_line(xml, where, message):
    with pytest.raises(ParseError, match=message) as caught:
        parse_xml(xml, "in.xml", "root")
    location = caught.value.location
    assert (location.file, location.line, location.column) == ("in.xml", *where)


def test_xml_with_a_byte_order_mark_and_leading_space_parses():
    assert parse_xml("\ufeff \n<root a='1'/>", None, "root").get("a") == "1"
