"""Quotes anchored in their sources: finding each claim's ``quote:`` in the local copy of
its source's document (a source's ``file:``).

Both the document and the quote are normalised the same way before they are compared
(see ``normalise`` and docs/format.md), and every normalised character remembers where it
came from, so a passage found or nearly found is shown as the document writes it."""

from __future__ import annotations

import difflib
import html.parser
import os
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Diagnostic, Location
from .model import ArgMap

MAX_GAP = 300  # normalised characters an ellipsis in a quote may stand for
SHOWN = 160  # characters of a closest passage shown in a message

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u00b4`"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, zero-width characters
_FOLD = str.maketrans({**dict.fromkeys(_SINGLE_QUOTES, "'"),
                       **dict.fromkeys(_DOUBLE_QUOTES, '"'),
                       **dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_INVISIBLE, "")})
_GAP = re.compile(r"\s*\[?\.\.\.\]?\s*")  # "..." or "[...]" in a normalised quote
_MARKDOWN_MARKS = "*_`"
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class Text:
    """Normalised text and, for each of its characters, the index of the character of the
    original it came from."""

    original: str
    norm: str
    origin: tuple[int, ...]

    def passage(self, start: int, end: int) -> str:
        """The original text behind ``norm[start:end]``, its whitespace collapsed."""
        if start >= end:
            return ""
        text = self.original[self.origin[start]:self.origin[end - 1] + 1]
        return " ".join(text.split())


def normalise(text: str, drop: str = "") -> Text:
    """Fold ``text`` for comparison: NFKC per character (``…`` becomes ``...``, ligatures
    and special spaces their plain forms), curly quotes straight, every dash ``-`` with no
    space around it, soft hyphens and zero-width characters (and ``drop``) removed, runs
    of whitespace one space, ends trimmed, and case folded."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in drop:
            continue
        for folded in unicodedata.normalize("NFKC", char).translate(_FOLD).casefold():
            if folded.isspace():
                if chars and chars[-1] not in " -":
                    chars.append(" ")
                    origin.append(index)
            elif folded == "-":
                if chars and chars[-1] == " ":  # no space before a dash
                    chars.pop()
                    origin.pop()
                if not chars or chars[-1] != "-":
                    chars.append("-")
                    origin.append(index)
            else:
                chars.append(folded)
                origin.append(index)
    if chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return Text(text, "".join(chars), tuple(origin))


def _fold(text: str) -> str:
    return normalise(text).norm


# -- documents ----------------------------------------------------------------------------
class DocumentUnavailable(Exception):
    """A source's document could not be read; the message says why."""


class _HTMLText(html.parser.HTMLParser):
    """The text of an HTML page, without scripts and styles; block elements break lines."""

    BLOCKS = frozenset("p div br li ul ol tr td th h1 h2 h3 h4 h5 h6 blockquote section "
                       "article header footer table pre title".split())

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def read_document(path: Path) -> Text:
    """A document's normalised text: plain text, Markdown, HTML, or PDF through poppler's
    ``pdftotext``."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise DocumentUnavailable(f"{path} not found")
    if suffix == ".pdf":
        pdftotext = shutil.which("pdftotext")
        if pdftotext is None:
            raise DocumentUnavailable(f"{path} is a PDF and pdftotext (poppler-utils) is not "
                                      "installed")
        run = subprocess.run([pdftotext, "-enc", "UTF-8", str(path), "-"],
                             capture_output=True, check=False)
        if run.returncode != 0:
            raise DocumentUnavailable(f"pdftotext could not read {path}")
        return normalise(run.stdout.decode("utf-8", "replace"))
    try:
        text = path.read_bytes().decode("utf-8-sig", "replace")
    except OSError as exc:
        raise DocumentUnavailable(f"{path}: {exc.strerror or exc}") from None
    if suffix in (".html", ".htm", ".xhtml"):
        page = _HTMLText()
        page.feed(text)
        page.close()
        return normalise("".join(page.parts))
    return normalise(text, drop=_MARKDOWN_MARKS if suffix in (".md", ".markdown") else "")


# -- finding quotes -----------------------------------------------------------------------
@dataclass(frozen=True)
class Found:
    """Where a quote was found (``spans`` of the normalised document, none when it was
    not), or else the closest passage."""

    spans: tuple[tuple[int, int], ...]
    closest: str | None = None
    reason: str | None = None  # why an exact text found was still rejected


def _occurrences(norm: str, parts: list[str]) -> list[tuple[int, int]]:
    """Spans where ``parts`` appear in order, each gap at most ``MAX_GAP`` characters."""
    spans = []
    start = norm.find(parts[0])
    while start != -1:
        end = start + len(parts[0])
        for part in parts[1:]:
            at = norm.find(part, end)
            if at == -1 or at - end > MAX_GAP:
                break
            end = at + len(part)
        else:
            spans.append((start, end))
        start = norm.find(parts[0], start + 1)
    return spans


def quote_parts(exact: str) -> list[str]:
    """The normalised pieces of a quote between its ellipses."""
    return [part for part in _GAP.split(_fold(exact)) if part]


def find_quote(document: Text, exact: str, prefix: str | None = None,
               suffix: str | None = None) -> Found:
    """Find one quote (a W3C TextQuoteSelector) in a normalised document.

    ``prefix`` and ``suffix``, the text right before and after the quote, choose between
    repeated passages; an occurrence without them does not count."""
    parts = quote_parts(exact)
    if not parts:
        return Found((), None, "the quote is empty")
    norm = document.norm
    spans = _occurrences(norm, parts)
    kept = spans
    if prefix is not None:
        before = _fold(prefix)
        kept = [(s, e) for s, e in kept if norm[:s].rstrip(" ").endswith(before.rstrip(" "))]
    if suffix is not None:
        after = _fold(suffix)
        kept = [(s, e) for s, e in kept if norm[e:].lstrip(" ").startswith(after.lstrip(" "))]
    if kept:
        return Found(tuple(kept))
    if spans:
        start, end = spans[0]
        context = document.passage(max(0, start - 40), min(len(norm), end + 40))
        return Found((), _shorten(context), "found, but not between the given prefix and "
                                            "suffix")
    start, end = closest_passage(norm, " ".join(parts))
    return Found((), _shorten(document.passage(start, end)) if end > start else None)


def _shorten(text: str) -> str:
    return text if len(text) <= SHOWN else text[:SHOWN - 1].rstrip() + "\u2026"


def closest_passage(norm: str, query: str) -> tuple[int, int]:
    """The span of ``norm`` most like ``query``: windows of as many words as the query
    are ranked by the words they share with it, and the best few by ``difflib`` ratio."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", norm)]
    wanted = Counter(query.split(" "))
    size = min(len(words), sum(wanted.values()))
    if not size:
        return 0, 0
    have: Counter[str] = Counter()
    shared = 0
    scores = []
    for index, (start, end) in enumerate(words):
        word = norm[start:end]
        have[word] += 1
        if have[word] <= wanted[word]:
            shared += 1
        if index >= size:
            old_start, old_end = words[index - size]
            old = norm[old_start:old_end]
            if have[old] <= wanted[old]:
                shared -= 1
            have[old] -= 1
        if index >= size - 1:
            scores.append((shared, index - size + 1))
    best = sorted(scores, key=lambda score: -score[0])[:8]

    def likeness(first: int) -> float:
        start, end = words[first][0], words[first + size - 1][1]
        return difflib.SequenceMatcher(None, query, norm[start:end], autojunk=False).ratio()
    first = max((first for _, first in best), key=likeness)
    return words[first][0], words[first + size - 1][1]


def numbers(text: str) -> dict[str, str]:
    """The figures written in ``text``: each without thousands separators (``1700``, so
    ``1,700`` and ``1700`` compare equal) -> as first written."""
    found: dict[str, str] = {}
    for match in _NUMBER.findall(text):
        found.setdefault(match.replace(",", ""), match)
    return found


# -- checking a map -----------------------------------------------------------------------
@dataclass
class QuoteCheck:
    """One quote of one claim and what became of it: ``verified``, ``not found``,
    ``unverified`` (its source has no readable document) or ``invalid``."""

    claim: str
    source: str | None
    quote: dict
    status: str
    closest: str | None = None


@dataclass
class Provenance:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    quotes: list[QuoteCheck] = field(default_factory=list)
    documents: dict[str, str] = field(default_factory=dict)  # source id -> why unreadable


def document_path(amap: ArgMap, source: str) -> Path | None:
    """The path of a source's ``file:``, relative to the argument file's folder."""
    name = amap.sources.get(source, {}).get("file")
    if name is None:
        return None
    base = Path(os.path.dirname(amap.path)) if amap.path else Path()
    return base / name


def verify_quotes(amap: ArgMap) -> Provenance:
    """Find every claim's quotes in their sources' documents.

    A quote not found is an error showing the closest passage; a source whose document
    is missing is one warning, and its quotes are left unverified."""
    result = Provenance()
    documents: dict[str, Text] = {}
    for sid in amap.sources:
        path = document_path(amap, sid)
        if path is None:
            continue
        try:
            documents[sid] = read_document(path)
        except DocumentUnavailable as exc:
            result.documents[sid] = str(exc)
            result.diagnostics.append(Diagnostic(
                "warning", f"document of source {sid!r} unavailable: {exc}; its quotes are "
                           "not verified", amap.entry_location("sources", sid)))
    for cid, data in amap.graph.nodes(data=True):
        for quote in data.get("quotes") or ():
            result.quotes.append(_check_quote(amap, cid, data, quote, documents, result))
    return result


def _check_quote(amap: ArgMap, cid: str, data: dict, quote, documents: dict[str, Text],
                 result: Provenance) -> QuoteCheck:
    where = amap.location(cid)
    if isinstance(quote, dict):
        where = Location(amap.path, quote.get("line", where.line),
                         quote.get("column", where.column))

    def invalid(message: str, source: str | None = None) -> QuoteCheck:
        result.diagnostics.append(Diagnostic("error", message, where))
        return QuoteCheck(cid, source, quote if isinstance(quote, dict) else {}, "invalid")

    if not isinstance(quote, dict) or not isinstance(quote.get("exact"), str):
        return invalid(f"a quote of claim {cid!r} must have text ('exact')")
    cited = list(data.get("sources") or ())
    source = quote.get("source")
    if source is None:
        if len(cited) != 1:
            return invalid(f"a quote of claim {cid!r} must name its source ('source:'), "
                           f"the claim cites {_several(cited)}")
        source = cited[0]
    elif source not in cited:
        return invalid(f"a quote of claim {cid!r} names source {source!r}, which the claim "
                       f"does not cite", source)
    if not quote_parts(quote["exact"]):
        return invalid(f"a quote of claim {cid!r} is empty", source)
    document = documents.get(source)
    if document is None:
        return QuoteCheck(cid, source, quote, "unverified")
    found = find_quote(document, quote["exact"], quote.get("prefix"), quote.get("suffix"))
    if found.spans:
        return QuoteCheck(cid, source, quote, "verified")
    message = f"quote not found in source {source!r}"
    if found.reason:
        message += f" ({found.reason})"
    if found.closest:
        message += f'; closest: "{found.closest}"'
    result.diagnostics.append(Diagnostic("error", message, where))
    return QuoteCheck(cid, source, quote, "not found", found.closest)


def _several(cited: list[str]) -> str:
    return "none" if not cited else ", ".join(repr(s) for s in cited)
