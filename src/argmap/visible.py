"""Text from a map made safe to print on a terminal.

Claim text may hold escape sequences (colours, window titles, OSC 8 links), BEL,
backspaces, C1 controls or bidirectional overrides that a terminal would act on.  Human
output (``show``, ``evaluate``, ``explain``, error messages) passes it through ``visible``,
which spells each such character as a Python-style escape (``\\x1b``, ``\\u202e``).
Machine output (``--json``) goes through ``inert_json``, which writes them as JSON's own
``\\u`` escapes: the same data to a JSON reader, inert on a terminal."""

from __future__ import annotations

import json
from typing import Any

# C0 and C1 controls and DEL, line and paragraph separators, and the bidirectional
# formatting characters (embeddings, overrides, isolates, marks) that reorder a line.
_HIDDEN = [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x2028, 0x2029, 0x061C, 0x200E, 0x200F,
           *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_SPELLED = {code: (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}") for code in _HIDDEN}


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control or bidi-formatting character spelled out; with
    ``keep_newlines`` a line feed stays a line break (multi-line output)."""
    if keep_newlines:
        return "\n".join(line.translate(_SPELLED) for line in text.split("\n"))
    return text.translate(_SPELLED)


# json.dumps escapes C0 controls itself; the rest of the hidden characters become \u escapes.
_JSON_ESCAPED = {code: f"\\u{code:04x}" for code in _HIDDEN if code >= 0x20}


def inert_json(value: Any, **options: Any) -> str:
    """``json.dumps(value, ensure_ascii=False, **options)`` with every control and
    bidi-formatting character written as a ``\\u`` escape; other non-ASCII text stays
    readable.  Lossless: only string contents can hold such characters."""
    return json.dumps(value, ensure_ascii=False, **options).translate(_JSON_ESCAPED)
