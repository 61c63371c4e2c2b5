"""Lints: things that are allowed in a map but usually a slip, reported by
``argmap check --strict`` as warnings with a code.  A file silences a lint by its code in a
top-level ``lint:`` setting (``lint: {duplicate-text: off}``).

Only the table of codes is needed to read a file; the checks themselves import what they
use when they run."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .errors import Diagnostic
from .model import ArgMap

LINTS = {
    "unused-source": "a source that no claim cites",
    "unused-perspective": "a perspective that no claim takes",
    "evidence-without-source": "an evidence claim that cites no source",
    "duplicate-text": "two claims with the same or nearly the same text",
    "url-scheme": "a source URL that is not http or https",
    "date-format": "a source date that is not ISO 8601 (2025, 2025-10 or 2025-10-03)",
    "unquoted-figure": "a number in an evidence claim's text that none of its quotes has",
}
LINT_SETTINGS = ("off", "warn")
NEAR = 0.9  # difflib ratio from which two normalised claim texts count as nearly the same
_COMMON = 50  # a word pair in more claims than this does not make them candidates
_ISO_DATE = re.compile(r"\d{4}(?:-(\d{2})(?:-(\d{2}))?)?\Z")


def lint_map(amap: ArgMap) -> list[Diagnostic]:
    """Every lint the file does not silence, as warnings in file order."""
    silenced = {code for code, setting in amap.lint.items() if setting == "off"}
    found = [d for d in _all_lints(amap) if d.code not in silenced]
    return sorted(found, key=Diagnostic.sort_key)


def _all_lints(amap: ArgMap) -> Iterator[Diagnostic]:
    def warn(code: str, message: str, location) -> Diagnostic:
        return Diagnostic("warning", message, location, code)

    graph = amap.graph
    cited = {s for _, sources in graph.nodes(data="sources") for s in sources or ()}
    taken = {p for _, p in graph.nodes(data="perspective") if p is not None}
    for sid, entry in amap.sources.items():
        where = amap.entry_location("sources", sid)
        if sid not in cited:
            yield warn("unused-source", f"source {sid!r} is cited by no claim", where)
        url = entry.get("url")
        if url is not None and not _is_web_url(url):
            yield warn("url-scheme", f"the url of source {sid!r} is not http or https: {url}",
                       where)
        date = entry.get("date")
        if date is not None and not is_iso_date(date):
            yield warn("date-format", f"the date of source {sid!r} is not ISO 8601 "
                                      f"(YYYY, YYYY-MM or YYYY-MM-DD): {date}", where)
    for pid in amap.perspectives:
        if pid not in taken:
            yield warn("unused-perspective", f"perspective {pid!r} is taken by no claim",
                       amap.entry_location("perspectives", pid))
    from .provenance import numbers
    for cid, data in graph.nodes(data=True):
        if data.get("kind") != "evidence":
            continue
        if not data.get("sources"):
            yield warn("evidence-without-source", f"evidence {cid!r} cites no source",
                       amap.location(cid))
        quoted: set[str] = set()
        for quote in data.get("quotes") or ():
            if isinstance(quote, dict) and isinstance(quote.get("exact"), str):
                quoted.update(numbers(quote["exact"]))
        missing = [written for figure, written in numbers(str(data.get("text", ""))).items()
                   if figure not in quoted]
        if missing:
            yield warn("unquoted-figure", f"evidence {cid!r} gives {', '.join(missing)}, "
                                          f"which none of its quotes has", amap.location(cid))
    for first, second, same in near_duplicates(amap):
        yield warn("duplicate-text", f"claims {first!r} and {second!r} have "
                                     f"{'the same' if same else 'nearly the same'} text",
                   amap.location(second))


def _is_web_url(url: str) -> bool:
    from urllib.parse import urlsplit
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def is_iso_date(text: str) -> bool:
    """An ISO 8601 calendar date to the year, month or day (``2025``, ``2025-10``,
    ``2025-10-03``) that exists, or a full ISO 8601 timestamp."""
    import datetime
    match = _ISO_DATE.match(text)
    if match is None:
        try:
            datetime.datetime.fromisoformat(text)
        except ValueError:
            return False
        return "-" in text[:8]  # fromisoformat also takes 20251003
    month, day = match.groups()
    if day is not None:
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            return False
    return month is None or 1 <= int(month) <= 12


def _comparable(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def near_duplicates(amap: ArgMap) -> list[tuple[str, str, bool]]:
    """Pairs of claims whose texts are the same or nearly so (``same`` tells which), after
    case, punctuation and spacing are folded.  Only claims sharing an uncommon word pair
    are compared, so this stays near-linear on big maps."""
    import difflib
    texts = {cid: _comparable(str(text)) for cid, text in amap.graph.nodes(data="text")
             if text is not None}
    order = {cid: index for index, cid in enumerate(texts)}
    by_pair: dict[tuple[str, str], list[str]] = {}
    for cid, text in texts.items():
        words = text.split()
        for pair in set(zip(words, words[1:], strict=False)) or {(text, "")}:
            by_pair.setdefault(pair, []).append(cid)
    candidates: set[tuple[str, str]] = set()
    for claims in by_pair.values():
        if 1 < len(claims) <= _COMMON:
            candidates.update((a, b) for i, a in enumerate(claims) for b in claims[i + 1:])
    first_with: dict[str, str] = {}
    found = [(first_with[text], cid, True) for cid, text in texts.items()
             if first_with.setdefault(text, cid) != cid]
    for a, b in sorted(candidates, key=lambda pair: (order[pair[1]], order[pair[0]])):
        if texts[a] == texts[b]:
            continue
        matcher = difflib.SequenceMatcher(None, texts[a], texts[b], autojunk=False)
        if (matcher.real_quick_ratio() >= NEAR and matcher.quick_ratio() >= NEAR
                and matcher.ratio() >= NEAR):
            found.append((a, b, False))
    return sorted(found, key=lambda pair: (order[pair[1]], order[pair[0]]))
