"""What a change does to a debate, written for a reviewer: text, JSON and Markdown.

``compare_maps(old, new)`` diffs two maps and evaluates both under one semantics, so a
reviewer sees beside the edits which claims now stand or fall (or moved in strength) and
each thesis's verdict before and after.  The writers share one outline (``outline``): a list
of lines whose map text is kept apart from argmap's own words, so each writer escapes it
for its medium (spelled-out control characters on a terminal, inert Markdown in a
pull-request comment).  ``to_json`` is the stable machine form; ``json_schema`` describes it
and is committed as ``schema/diff.schema.json`` (``python -m argmap.changes.report FILE``
writes it; a test fails when the copy is stale)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..evaluate import DEFAULT_SUPPORT, evaluate
from ..evaluate.core import EXTENSION_SEMANTICS, NAMES
from ..evaluate.wording import counted, shorten
from ..fileio import atomic_write
from ..model import ArgMap, Relation
from ..report import md
from ..visible import inert_json, visible
from .diff import ClaimChange, EntryChange, FieldChange, MapDiff, diff_maps

JSON_VERSION = 1
SCHEMA_ID = "https://argmap.invalid/schema/diff.schema.json"
# A strength that moved less than this has not changed (the precision reports print).
TOLERANCE = 5e-4
TEXT_WIDTH = 100  # a claim's text quoted beside its id is cut to this many characters
SHORT_VALUES = 60  # a field whose values are longer shows them on lines of their own

Status = str | float | None


@dataclass(frozen=True)
class StatusChange:
    """A claim in both maps whose status changed: its label (in/out/undec) under an
    extension semantics, its strength under a gradual one; ``None`` when the semantics
    gives none (no stable extension)."""

    old_id: str
    new_id: str
    old: Status
    new: Status


@dataclass(frozen=True)
class Verdict:
    """A thesis's status before and after the change; an id is ``None`` when the thesis is
    not in that map (added or removed, or not a thesis there)."""

    old_id: str | None
    new_id: str | None
    old: Status
    new: Status

    @property
    def changed(self) -> bool:
        return _differ(self.old, self.new)


@dataclass(frozen=True)
class DiffReport:
    """A diff with its effect on the debate, ready for the writers."""

    old: ArgMap
    new: ArgMap
    old_name: str
    new_name: str
    diff: MapDiff
    semantics: str
    support: str
    verdicts: tuple[Verdict, ...]
    statuses: tuple[StatusChange, ...]


def _differ(old: Status, new: Status) -> bool:
    if isinstance(old, float) and isinstance(new, float):
        return abs(old - new) >= TOLERANCE
    return old != new


def _statuses(amap: ArgMap, semantics: str, support: str) -> dict[str, Status]:
    result = evaluate(amap, semantics, support=support)
    found = result.strengths if result.strengths is not None else result.labels
    return dict(found or {})


def compare_maps(old: ArgMap, new: ArgMap, *, semantics: str = "grounded",
                 support: str = DEFAULT_SUPPORT, old_name: str | None = None,
                 new_name: str | None = None) -> DiffReport:
    """Diff ``old`` and ``new`` and evaluate both under ``semantics``: the claims whose
    status changed and every thesis's verdict before and after.  Raises
    ``EvaluationError`` for an unknown semantics."""
    diff = diff_maps(old, new)
    before = _statuses(old, semantics, support)
    after = _statuses(new, semantics, support)
    renames = diff.renames
    old_id_of = {new_id: old_id for old_id, new_id in renames.items()}
    statuses = []
    for new_id in new.claims():
        old_id = old_id_of.get(new_id, new_id)
        if old_id in old and _differ(before.get(old_id), after.get(new_id)):
            statuses.append(StatusChange(old_id, new_id, before.get(old_id), after.get(new_id)))
    verdicts = []
    for new_id in new.theses():
        old_id = old_id_of.get(new_id, new_id)
        known = old_id in old and old.claim(old_id).get("kind") == "thesis"
        verdicts.append(Verdict(old_id if known else None, new_id,
                                before.get(old_id) if known else None, after.get(new_id)))
    for old_id in old.theses():
        new_id = renames.get(old_id, old_id)
        if new_id not in new or new.claim(new_id).get("kind") != "thesis":
            verdicts.append(Verdict(old_id, None, before.get(old_id), None))
    return DiffReport(old, new, old_name or old.path or "OLD", new_name or new.path or "NEW",
                      diff, semantics, support, tuple(verdicts), tuple(statuses))


# -- the outline the text and Markdown writers share ------------------------------------------
@dataclass(frozen=True)
class Id:
    """A claim or entry id from a map, in a line of the outline."""

    value: str


@dataclass(frozen=True)
class Text:
    """Text from a map (a claim's text, a field's value), in a line of the outline."""

    value: Any


@dataclass(frozen=True)
class Line:
    """One line of the outline: ``level`` 0 is a heading, 1 an item, 2 a detail of the
    item above; ``style`` (added, removed, changed, renamed, flipped or plain) says how a
    terminal may colour it; ``parts`` are argmap's own words (``str``) and map content
    (``Id``, ``Text``), which each writer escapes its own way."""

    level: int
    style: str
    parts: tuple[str | Id | Text, ...]


RELATION_VERBS = {"support": "supports", "rebut": "rebuts", "undercut": "undercuts"}
SECTION_NAMES = {"meta": "", "perspectives": "perspective", "sources": "source",
                 "tags": "tag style", "lint": "lint setting"}


def _relation(relation: Relation) -> tuple[str | Id | Text, ...]:
    if relation.relation == "undercut":
        return (Id(relation.source), " undercuts the inference ", Id(relation.undercuts or ""),
                " → ", Id(relation.target))
    return (Id(relation.source), f" {RELATION_VERBS.get(relation.relation, relation.relation)} ",
            Id(relation.target))


def _status(value: Status) -> str:
    if value is None:
        return "none"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _value(value: Any, width: int | None = None) -> tuple[str | Id | Text, ...]:
    """A field's value: text quoted (cut to ``width`` if given), lists and mappings as
    compact JSON, absence said."""
    if value is None:
        return ("(none)",)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return (Text(", ".join(value)),)  # ids: sources, tags
    if isinstance(value, list) and all(isinstance(item, dict) and isinstance(
            item.get("exact"), str) for item in value):  # quotes: their passages
        return tuple(part for index, quote in enumerate(value)
                     for part in (("; " if index else "") + "“", Text(quote["exact"]), "”"))
    if isinstance(value, (list, dict)):
        return (Text(json.dumps(value, ensure_ascii=False, default=str)),)
    if not isinstance(value, str):
        return (Text(str(value)),)
    return ("“", Text(shorten(value, width) if width else value), "”")


def _field(change: FieldChange, level: int = 2) -> Iterator[Line]:
    """One changed field; a long value before and after on lines of their own, in full,
    so the reviewer reads the whole edit."""
    old, new = _value(change.old), _value(change.new)
    if sum(len(str(getattr(part, "value", part))) for part in (*old, *new)) <= SHORT_VALUES:
        yield Line(level, "changed", (f"{change.field}: ", *old, " → ", *new))
        return
    yield Line(level, "changed", (f"{change.field}:",))
    yield Line(level + 1, "removed", ("was ", *old))
    yield Line(level + 1, "added", ("now ", *new))


def _claim_text(amap: ArgMap, claim_id: str) -> tuple[str | Id | Text, ...]:
    text = amap.claim(claim_id).get("text") if claim_id in amap else None
    return (": ", *_value(text, TEXT_WIDTH)) if text else ()


def _claim_lines(report: DiffReport) -> Iterator[Line]:
    diff = report.diff
    for change in diff.changed:
        yield from _changed_claim(change)
    shown_with_claim = set()
    for claim_id in diff.added:
        relations = [r for r in diff.relations_added if r.source == claim_id]
        shown_with_claim.update(relations)
        yield Line(1, "added", ("added ", Id(claim_id), *_claim_text(report.new, claim_id)))
        for relation in relations:
            yield Line(2, "added", _relation(relation))
    for claim_id in diff.removed:
        yield Line(1, "removed", ("removed ", Id(claim_id),
                                  *_claim_text(report.old, claim_id)))
    yield from _relation_lines(report, shown_with_claim)


def _changed_claim(change: ClaimChange) -> Iterator[Line]:
    if change.renamed:
        yield Line(1, "renamed", ("renamed ", Id(change.old_id), " → ", Id(change.new_id)))
    else:
        yield Line(1, "changed", ("edited ", Id(change.new_id)))
    for field in change.fields:
        yield from _field(field)


def _relation_lines(report: DiffReport, already_shown: set[Relation]) -> Iterator[Line]:
    """Relations not listed under an added claim; removed ones whose claim was removed are
    left out too (removing a claim removes its relations)."""
    diff = report.diff
    gone = set(diff.removed)
    for relation in diff.relations_added:
        if relation not in already_shown:
            yield Line(1, "added", ("added relation ", *_relation(relation)))
    for relation in diff.relations_removed:
        if not gone.intersection((relation.source, relation.target, relation.undercuts)):
            yield Line(1, "removed", ("removed relation ", *_relation(relation)))
    for change in diff.relations_changed:
        yield Line(1, "changed", ("edited relation ", *_relation(change.new)))
        for field in change.fields:
            yield from _field(field)


def _entry_lines(entries: tuple[EntryChange, ...]) -> Iterator[Line]:
    for entry in entries:
        if entry.section == "meta":
            yield from _field(FieldChange(entry.key, entry.old, entry.new), level=1)
            continue
        name = SECTION_NAMES[entry.section]
        if entry.old is None or entry.new is None:
            style, value = ("added", entry.new) if entry.old is None else ("removed", entry.old)
            shown = value.get("title") if isinstance(value, dict) else value
            yield Line(1, style, (f"{style} {name} ", Id(entry.key),
                                  *((": ", *_value(shown)) if shown is not None else ())))
        elif isinstance(entry.old, dict) and isinstance(entry.new, dict):
            yield Line(1, "changed", (f"edited {name} ", Id(entry.key)))
            for key in dict.fromkeys([*entry.old, *entry.new]):
                if entry.old.get(key) != entry.new.get(key):
                    yield from _field(FieldChange(key, entry.old.get(key),
                                                  entry.new.get(key)))
        else:
            yield Line(1, "changed", (f"edited {name} ", Id(entry.key), ": ",
                                      *_value(entry.old), " → ", *_value(entry.new)))


def _verdict_lines(report: DiffReport) -> Iterator[Line]:
    for verdict in report.verdicts:
        claim = verdict.new_id if verdict.new_id is not None else verdict.old_id
        amap = report.new if verdict.new_id is not None else report.old
        if verdict.old_id is None:
            how = f"new thesis: {_status(verdict.new)}"
        elif verdict.new_id is None:
            how = f"thesis removed (was {_status(verdict.old)})"
        elif verdict.changed:
            how = f"{_status(verdict.old)} → {_status(verdict.new)}"
            how += " (flipped)" if report.semantics in EXTENSION_SEMANTICS else ""
        else:
            how = f"{_status(verdict.new)}, unchanged"
        yield Line(1, "flipped" if verdict.changed else "plain",
                   (Id(claim or ""), *_claim_text(amap, claim or ""), f" — {how}"))


def outline(report: DiffReport) -> list[Line]:
    """The report as lines: the thesis verdicts, then the claims, relations and map entries
    that changed, then the other claims whose status changed."""
    diff = report.diff
    semantics = NAMES.get(report.semantics, report.semantics)
    lines = [Line(0, "plain", ("argmap diff ", Id(report.old_name), " → ",
                               Id(report.new_name)))]
    if not diff:
        lines.append(Line(1, "plain", ("No differences.",)))
    if report.verdicts:
        lines.append(Line(0, "plain", (f"Verdict ({semantics})",)))
        lines += _verdict_lines(report)
    claims = list(_claim_lines(report))
    if claims:
        changes = sum(line.level == 1 for line in claims)
        lines.append(Line(0, "plain", (f"Claims and relations ({counted(changes, 'change')})",)))
        lines += claims
    if diff.entries:
        lines.append(Line(0, "plain", ("Map",)))
        lines += _entry_lines(diff.entries)
    theses = {verdict.new_id for verdict in report.verdicts}
    statuses = [status for status in report.statuses if status.new_id not in theses]
    if statuses:
        word = "strength" if report.semantics not in EXTENSION_SEMANTICS else "status"
        lines.append(Line(0, "plain", (f"Other claims whose {word} changed ({semantics})",)))
        for status in statuses:
            lines.append(Line(1, "flipped", (
                Id(status.new_id), *_claim_text(report.new, status.new_id),
                f" — {_status(status.old)} → {_status(status.new)}")))
    return lines


def _render(line: Line, identifier, text) -> str:
    return "".join(part if isinstance(part, str) else
                   identifier(part.value) if isinstance(part, Id) else text(part.value)
                   for part in line.parts)


def text_lines(report: DiffReport) -> list[tuple[str, str]]:
    """The plain-text report as ``(style, line)`` pairs, so a terminal can colour each
    line by its style; map text has its control and bidi characters spelled out."""

    def text(value: Any) -> str:
        return visible(" ".join(str(value).split()))

    out = []
    for line in outline(report):
        indent = "" if line.level == 0 else "  " * line.level
        out.append((line.style, indent + _render(line, text, text)))
    return out


def to_text(report: DiffReport) -> str:
    """The report as plain text, one change a line."""
    return "".join(line + "\n" for _, line in text_lines(report))


def _code(text: str) -> str:
    """An id as a Markdown code span, which shows its content literally; a backtick, the
    one character that could end it, and line breaks are replaced."""
    return "`" + visible(" ".join(str(text).replace("`", "'").split())) + "`"


def to_markdown(report: DiffReport) -> str:
    """The report as Markdown for a pull-request comment: map text escaped so that no
    claim can add markup, links, HTML or mentions; headings at level 3 and 4, so the
    comment sits under the pull request's own."""

    def text(value: Any) -> str:
        return md(visible(str(value))).replace("@", "&#64;")

    out: list[str] = []
    for line in outline(report):
        rendered = _render(line, _code, text)
        if line.level == 0:
            if out and out[-1]:
                out.append("")
            out += [f"{'####' if out else '###'} {rendered}", ""]
        else:
            out.append(f"{'  ' * (line.level - 1)}- {rendered}")
    return "\n".join(out).rstrip("\n") + "\n"


# -- JSON ------------------------------------------------------------------------------------
def _relation_json(relation: Relation) -> dict[str, Any]:
    return {"source": relation.source, "target": relation.target,
            "relation": relation.relation, "undercuts": relation.undercuts,
            "note": relation.note}


def _fields_json(fields: tuple[FieldChange, ...]) -> list[dict[str, Any]]:
    return [{"field": f.field, "old": f.old, "new": f.new} for f in fields]


def to_json(report: DiffReport) -> dict[str, Any]:
    """The report as JSON-ready data, in the shape ``json_schema`` describes (version
    ``JSON_VERSION``: fields are only ever added)."""
    diff = report.diff
    return {
        "version": JSON_VERSION,
        "old": report.old_name,
        "new": report.new_name,
        "different": bool(diff),
        "claims": {
            "added": [{"id": cid, "fields": dict(diff.added_claims.get(cid, {}))}
                      for cid in diff.added],
            "removed": [{"id": cid, "fields": dict(diff.removed_claims.get(cid, {}))}
                        for cid in diff.removed],
            "changed": [{"old_id": c.old_id, "new_id": c.new_id, "renamed": c.renamed,
                         "fields": _fields_json(c.fields)} for c in diff.changed],
        },
        "relations": {
            "added": [_relation_json(r) for r in diff.relations_added],
            "removed": [_relation_json(r) for r in diff.relations_removed],
            "changed": [{"old": _relation_json(c.old), "new": _relation_json(c.new),
                         "fields": _fields_json(c.fields)} for c in diff.relations_changed],
        },
        "entries": [{"section": e.section, "key": e.key, "old": e.old, "new": e.new}
                    for e in diff.entries],
        "impact": {
            "semantics": report.semantics,
            "support": report.support,
            "verdicts": [{"old_id": v.old_id, "new_id": v.new_id, "old": v.old, "new": v.new,
                          "changed": v.changed} for v in report.verdicts],
            "statuses": [{"old_id": s.old_id, "new_id": s.new_id, "old": s.old, "new": s.new}
                         for s in report.statuses],
        },
    }


def json_text(report: DiffReport) -> str:
    """``to_json`` as indented JSON text.  Characters a terminal would act on or reorder
    (C1 controls, bidi formatting, line separators) are written as ``\\uXXXX`` escapes:
    the same data once parsed, inert when printed."""
    return inert_json(to_json(report), indent=2, default=str) + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of ``to_json``'s output (``argmap diff --json``)."""
    string = {"type": "string"}
    maybe_id = {"type": ["string", "null"]}
    anything = {"description": "A field's value as the map holds it; null when absent."}
    status = {"type": ["string", "number", "null"],
              "description": "in/out/undec under an extension semantics, a strength from 0 "
                             "to 1 under a gradual one; null when there is none."}

    def obj(properties: dict[str, Any], description: str) -> dict[str, Any]:
        return {"type": "object", "description": description, "required": list(properties),
                "properties": properties, "additionalProperties": False}

    def array(items: dict[str, Any]) -> dict[str, Any]:
        return {"type": "array", "items": items}

    fields = array(obj({"field": string, "old": anything, "new": anything},
                       "One field that changed: text, kind, perspective, side, sources, "
                       "tags, weight, note, quotes, meta (or a format's own); for relations, "
                       "note."))
    relation = obj({"source": string, "target": string,
                    "relation": {"enum": ["support", "rebut", "undercut"]},
                    "undercuts": maybe_id, "note": {"type": ["string", "null"]}},
                   "A relation: source supports/rebuts target, or undercuts the inference "
                   "undercuts -> target.")
    claim = obj({"id": string, "fields": {"type": "object", "description":
                                          "The claim's fields, by name."}},
                "A claim added or removed, with its fields.")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "argmap diff --json",
        **obj({
            "version": {"const": JSON_VERSION},
            "old": string, "new": string,
            "different": {"type": "boolean", "description": "False when the maps are the same."},
            "claims": obj({
                "added": array(claim), "removed": array(claim),
                "changed": array(obj({"old_id": string, "new_id": string,
                                      "renamed": {"type": "boolean"}, "fields": fields},
                                     "A claim in both maps, renamed and/or edited."))},
                "Claims added (NEW's ids), removed (OLD's ids) and changed."),
            "relations": obj({
                "added": array(relation), "removed": array(relation),
                "changed": array(obj({"old": relation, "new": relation, "fields": fields},
                                     "A relation in both maps whose note changed."))},
                "Relations, identified by their ends and type once renames are mapped."),
            "entries": array(obj({
                "section": {"enum": ["meta", "perspectives", "sources", "tags", "lint"]},
                "key": string, "old": anything, "new": anything},
                "A map-level entry: old null = added, new null = removed.")),
            "impact": obj({
                "semantics": string, "support": string,
                "verdicts": array(obj({"old_id": maybe_id, "new_id": maybe_id, "old": status,
                                       "new": status, "changed": {"type": "boolean"}},
                                      "A thesis before and after (an id is null when it is "
                                      "not a thesis in that map).")),
                "statuses": array(obj({"old_id": string, "new_id": string, "old": status,
                                       "new": status},
                                      "A claim in both maps whose status or strength "
                                      "changed."))},
                "What the change does to the debate under one semantics."),
        }, "The changes between two argument maps and their effect on the debate."),
    }


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # scripts/regenerate: python -m argmap.changes.report FILE
    atomic_write(sys.argv[1], schema_text())
