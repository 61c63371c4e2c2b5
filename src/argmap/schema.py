"""The JSON Schema of the argument file, generated from the reader's own field lists so the
committed ``schema/argmap.schema.json`` cannot drift from what ``argmap check`` accepts
(a test regenerates it and compares)."""

from __future__ import annotations

import json

from .formats.native._syntax import (
    CLAIM_FIELD_TABLE,
    CLAIM_FIELDS,
    QUOTE_FIELDS,
    SLUG,
    SOURCE_FIELDS,
    TAG_BORDERS,
    TOP_KEYS,
)
from .lint import LINT_SETTINGS, LINTS
from .model import FORMAT_VERSION, KINDS, SIDES

SCHEMA_ID = "https://argmap.invalid/schema/argmap.schema.json"

_DESCRIPTIONS = {
    "text": "What the claim says.",
    "kind": "thesis (what the debate is about), claim, evidence or argument.",
    "perspective": "Id of a perspective in 'perspectives'.",
    "source": "Id of one source in 'sources'.",
    "sources": "Ids of sources in 'sources'.",
    "quote": "The passages of the claim's sources it rests on, checked by 'argmap check': "
             "text, {exact, prefix, suffix, source}, or a list of these.",
    "tags": "Free labels.",
    "weight": "Base score from 0 to 1 for gradual semantics (default 0.5).",
    "side": "pro or con relative to the thesis; normally derived from the graph.",
    "note": "Free text shown nowhere on the map but kept with the claim.",
    "supports": "Claims this one supports: a list of ids, or id -> note.",
    "rebuts": "Claims this one rebuts: a list of ids, or id -> note.",
    "undercuts": "Relations this one attacks as inferences: 'A->B' or {from, to, note}.",
}


def _id_list() -> dict:
    slug = {"type": "string", "pattern": "^" + SLUG.pattern.removesuffix(r"\Z") + "$"}
    return {"oneOf": [slug, {"type": "array", "items": slug},
                      {"type": "object", "propertyNames": slug,
                       "additionalProperties": {"type": ["string", "null"]}}]}


def build_schema() -> dict:
    slug_pattern = "^" + SLUG.pattern.removesuffix(r"\Z") + "$"
    text = {"type": "string", "minLength": 1}
    undercut = {"oneOf": [
        {"type": "string", "pattern": r"^\s*\S+\s*->\s*\S+\s*$"},
        {"type": "object", "required": ["from", "to"], "additionalProperties": False,
         "properties": {"from": text, "to": text, "note": {"type": "string"}}}]}
    quote = {"oneOf": [
        {"type": "string", "minLength": 1},
        {"type": "object", "required": ["exact"], "additionalProperties": False,
         "properties": {name: {"type": "string"} for name in QUOTE_FIELDS}}]}
    claim_properties: dict[str, dict[str, object]] = {
        "text": {"type": "string"},
        "kind": {"enum": list(KINDS)},
        "perspective": {"type": "string"},
        "source": {"type": "string"},
        "sources": {"type": "array", "items": {"type": "string"}},
        "tags": {"type": "array", "items": {"type": "string"}},
        "quote": {"oneOf": [quote, {"type": "array", "items": quote}]},
        "weight": {"type": "number", "minimum": 0, "maximum": 1},
        "side": {"enum": list(SIDES)},
        "note": {"type": "string"},
        "supports": _id_list(),
        "rebuts": _id_list(),
        "undercuts": {"oneOf": [undercut, {"type": "array", "items": undercut}]},
    }
    assert tuple(claim_properties) == CLAIM_FIELDS, "schema and reader disagree on fields"
    for name, description in _DESCRIPTIONS.items():
        claim_properties[name]["description"] = description
    top_properties = {
        "argmap": {"const": FORMAT_VERSION, "description": "Format version."},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "lint": {"type": "object", "additionalProperties": False,
                 "properties": {code: {"enum": list(LINT_SETTINGS), "description": meaning}
                                for code, meaning in LINTS.items()},
                 "description": "Lint code -> off, to silence a lint of 'check --strict'."},
        "perspectives": {"type": "object", "propertyNames": {"pattern": slug_pattern},
                         "additionalProperties": {"type": "string"},
                         "description": "Perspective id -> label."},
        "sources": {"type": "object", "additionalProperties": {"oneOf": [
            {"type": "string"},
            {"type": "object", "required": ["title"], "additionalProperties": False,
             "properties": {field: {"type": "string"} for field in SOURCE_FIELDS}}]},
            "description": "Source id -> title or fields."},
        "tags": {"type": "object", "additionalProperties": {
            "type": "object", "additionalProperties": False,
            "properties": {"border": {"enum": list(TAG_BORDERS)},
                           "color": {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"},
                           "note": {"type": "string"}}},
            "description": "Tag -> how diagrams draw the claims with it: border, color "
                           "(#rrggbb) and a note for the legend."},
        "claims": {"type": "object", "propertyNames": {"pattern": slug_pattern},
                   "additionalProperties": {
                       "type": "object", "required": ["text"], "additionalProperties": False,
                       "properties": claim_properties}},
    }
    assert tuple(top_properties) == TOP_KEYS, "schema and reader disagree on top-level keys"
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "argmap argument file",
        "description": "A policy debate as claims linked by support, rebut and undercut. "
                       "Generated by 'argmap schema'; do not edit by hand.",
        "type": "object",
        "required": ["claims"],
        "additionalProperties": False,
        "properties": top_properties,
    }


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


# docs/format.md's table of claim fields is made from the table the writer follows.
TABLE_START = "<!-- claim fields: generated by scripts/regenerate from CLAIM_FIELD_TABLE -->"
TABLE_END = "<!-- end of claim fields -->"


def with_claim_fields_table(doc: str) -> str:
    """``doc`` (docs/format.md) with its table of claim fields made anew."""
    rows = ["| field | meaning |", "|---|---|"]
    rows += [f"| {' / '.join(f'`{name}`' for name in names)} | {meaning} |"
             for names, meaning in CLAIM_FIELD_TABLE]
    start = doc.index(TABLE_START) + len(TABLE_START)
    return doc[:start] + "\n" + "\n".join(rows) + "\n" + doc[doc.index(TABLE_END):]


if __name__ == "__main__":  # scripts/regenerate: python -m argmap.schema docs/format.md
    import sys
    from pathlib import Path
    target = Path(sys.argv[1])
    target.write_text(with_claim_fields_table(target.read_text(encoding="utf-8")),
                      encoding="utf-8")
