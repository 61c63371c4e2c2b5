"""A map's sources as a bibliography: listed with the claims citing them and how many of
their quotes were found, written as CSL-JSON, and read from BibTeX (through bibtexparser)
or CSL-JSON into source entries keyed by the citation keys."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from .errors import Location, ParseError
from .model import ArgMap
from .provenance import Provenance, verify_quotes
from .visible import inert_json


@dataclass
class SourceUse:
    """One source, the claims that cite it and what became of their quotes."""

    sid: str
    fields: dict[str, str]
    claims: list[str] = field(default_factory=list)
    quotes: int = 0
    verified: int = 0
    not_found: int = 0
    document: str | None = None  # why the source's document could not be read


def bibliography(amap: ArgMap, provenance: Provenance | None = None) -> list[SourceUse]:
    """Every source in file order, with its citing claims and quote counts."""
    provenance = provenance if provenance is not None else verify_quotes(amap)
    uses = {sid: SourceUse(sid, dict(fields), document=provenance.documents.get(sid))
            for sid, fields in amap.sources.items()}
    for cid, sources in amap.graph.nodes(data="sources"):
        for sid in sources or ():
            if sid in uses and cid not in uses[sid].claims:
                uses[sid].claims.append(cid)
    for check in provenance.quotes:
        use = uses.get(check.source or "")
        if use is not None:
            use.quotes += 1
            use.verified += check.status == "verified"
            use.not_found += check.status == "not found"
    return list(uses.values())


# -- CSL-JSON -----------------------------------------------------------------------------
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")


def _names(author: str) -> list[dict[str, str]]:
    """``Family, Given; Other, Name`` -> CSL names; anything else is one literal name."""
    names = []
    for part in (p.strip() for p in author.split(";")):
        family, comma, given = part.partition(",")
        if comma and family.strip() and given.strip():
            names.append({"family": family.strip(), "given": given.strip()})
        elif part:
            names.append({"literal": part})
    return names


def to_csl_json(amap: ArgMap) -> list[dict[str, Any]]:
    """The sources as CSL-JSON items (``id`` is the source id)."""
    items = []
    for sid, entry in amap.sources.items():
        item: dict[str, Any] = {"id": sid, "type": entry.get("type", "document"),
                                "title": entry.get("title", sid)}
        if entry.get("author"):
            item["author"] = _names(entry["author"])
        date = entry.get("date")
        if date:
            match = _ISO.match(date)
            item["issued"] = ({"date-parts": [[int(p) for p in match.groups() if p]]}
                              if match else {"raw": date})
        for key, csl in (("url", "URL"), ("publisher", "publisher"), ("note", "note")):
            if entry.get(key):
                item[csl] = entry[key]
        items.append(item)
    return items


def csl_json_text(amap: ArgMap) -> str:
    return inert_json(to_csl_json(amap), indent=2) + "\n"


def _csl_names(names: Any) -> str | None:
    if not isinstance(names, list):
        return None
    written = []
    for name in names:
        if not isinstance(name, dict):
            continue
        if name.get("literal"):
            written.append(str(name["literal"]))
        elif name.get("family"):
            given = f", {name['given']}" if name.get("given") else ""
            written.append(f"{name['family']}{given}")
    return "; ".join(written) or None


def _csl_date(issued: Any) -> str | None:
    if not isinstance(issued, dict):
        return None
    parts = issued.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            numbers = [int(p) for p in parts[0][:3]]
        except (TypeError, ValueError):
            return None
        return "-".join([f"{numbers[0]:04d}"] + [f"{n:02d}" for n in numbers[1:]])
    raw = issued.get("raw") or issued.get("literal")
    return str(raw) if raw else None


def read_csl_json(text: str, path: str | None = None) -> dict[str, dict[str, str]]:
    """CSL-JSON items (a list, or one item) -> source id -> fields."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(f"JSON syntax error: {exc.msg}",
                         Location(path, exc.lineno, exc.colno)) from None
    items = data if isinstance(data, list) else [data]
    sources: dict[str, dict[str, str]] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), (str, int)):
            raise ParseError(f"item {index + 1} is not a CSL-JSON item with an 'id'",
                             Location(path))
        title = item.get("title")
        entry = {"title": str(title) if title else str(item["id"])}
        found = {"date": _csl_date(item.get("issued")), "url": item.get("URL") or (
            f"https://doi.org/{item['DOI']}" if item.get("DOI") else None),
            "author": _csl_names(item.get("author") or item.get("editor")),
            "publisher": item.get("publisher") or item.get("container-title"),
            "note": item.get("note")}
        entry.update({k: str(v) for k, v in found.items() if v})
        sources[str(item["id"])] = entry
    return sources


# -- BibTeX -------------------------------------------------------------------------------
_MONTHS = {name: index for index, name in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def _bibtex_date(fields: dict[str, str]) -> str | None:
    if fields.get("date"):
        return fields["date"]
    year = fields.get("year", "").strip()
    if not re.fullmatch(r"\d{4}", year):
        return year or None
    month = fields.get("month", "").strip().lower()[:3]
    number = _MONTHS.get(month) or (int(month) if month.isdigit() else None)
    if number is None or not 1 <= number <= 12:
        return year
    day = fields.get("day", "").strip()
    return f"{year}-{number:02d}" + (f"-{int(day):02d}" if day.isdigit() else "")


def _written_name(name) -> str:
    """bibtexparser's name parts -> ``von Last, Jr, First`` (braces kept for decoding)."""
    last = " ".join(name.von + name.last)
    rest = [" ".join(part) for part in (name.jr, name.first) if part]
    return ", ".join([last, *rest])


def read_bibtex(text: str, path: str | None = None) -> dict[str, dict[str, str]]:
    """BibTeX entries -> source id (the citation key) -> fields, LaTeX decoded.  Authors
    become ``Last, First; Last, First``, a braced corporate name staying whole."""
    import bibtexparser
    from bibtexparser.middlewares import (
        LatexDecodingMiddleware,
        SeparateCoAuthors,
        SplitNameParts,
    )

    parser_log = logging.getLogger("bibtexparser")
    level = parser_log.level
    parser_log.setLevel(logging.CRITICAL)  # its failures are reported below, in one line
    try:
        library = bibtexparser.parse_string(
            text, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    finally:
        parser_log.setLevel(level)
    if library.failed_blocks:
        block = library.failed_blocks[0]
        line = getattr(block, "start_line", None)
        first = (str(block.raw).strip().splitlines() or [""])[0]
        raise ParseError(f"BibTeX entry not understood: {first}",
                         Location(path, line + 1 if line is not None else None))
    for entry in library.entries:
        for key in ("author", "editor"):
            if key in entry.fields_dict and isinstance(entry.fields_dict[key].value, list):
                entry.fields_dict[key].value = "; ".join(
                    _written_name(name) for name in entry.fields_dict[key].value)
    library = LatexDecodingMiddleware().transform(library)
    sources: dict[str, dict[str, str]] = {}
    for entry in library.entries:
        fields = {key.lower(): " ".join(str(item.value).split())
                  for key, item in entry.fields_dict.items()}
        found = {"date": _bibtex_date(fields),
                 "url": fields.get("url") or (f"https://doi.org/{fields['doi']}"
                                              if fields.get("doi") else None),
                 "author": fields.get("author") or fields.get("editor"),
                 "publisher": next((fields[k] for k in ("publisher", "journal", "journaltitle",
                                                        "organization", "institution",
                                                        "howpublished") if fields.get(k)),
                                   None),
                 "note": fields.get("note")}
        sources[entry.key] = {"title": fields.get("title") or entry.key,
                              **{k: v for k, v in found.items() if v}}
    return sources


def read_references(text: str, path: str | None = None,
                    format: str | None = None) -> dict[str, dict[str, str]]:
    """BibTeX or CSL-JSON, by ``format`` (``bibtex`` or ``csl-json``) or else by the
    suffix of ``path`` (``.json`` is CSL-JSON) or by the text's first character."""
    if format is None:
        suffix = (path or "").lower()
        is_json = suffix.endswith(".json") or (not suffix.endswith(".bib")
                                               and text.lstrip().startswith(("[", "{")))
        format = "csl-json" if is_json else "bibtex"
    return read_csl_json(text, path) if format == "csl-json" else read_bibtex(text, path)
