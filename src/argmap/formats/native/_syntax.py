"""The YAML syntax of argument files, shared by the reader, the writer, ``argmap.edit``
(which splices text into files) and ``argmap.schema``: the field names, composing a located
node tree, typed access to its nodes and writing one scalar so it reads back the same."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ...errors import Diagnostic, Location, ParseError, did_you_mean
from .. import safe_yaml

STR = "tag:yaml.org,2002:str"
NULL = "tag:yaml.org,2002:null"
NULLS = frozenset(("", "~", "null", "Null", "NULL"))


try:  # the C parser, when PyYAML was built with libyaml
    from yaml import CSafeLoader as _SafeLoader
except ImportError:
    # The same nodes, composed in Python; the stubs see two unrelated classes.
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]


class _Loader(_SafeLoader):
    """Composes nodes only: argmap reads every scalar's raw text itself, so the only tag
    it needs is null.  Skipping the implicit resolvers' regular expressions for the other
    tags makes composing a big file about 15% faster."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return NULL if implicit[0] and value in NULLS else STR
        return super().resolve(kind, value, implicit)

    # No path resolvers are registered, so the bookkeeping the composer calls around every
    # node has nothing to do; empty methods save a lookup per call (~7% of composing).
    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


SLUG = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")
TOP_KEYS = ("argmap", "title", "description", "lint", "perspectives", "sources", "tags",
            "claims")
# The claim fields, in the order the writer writes them and docs/format.md lists them (its
# table is generated from this one by scripts/regenerate; a test keeps it current).
CLAIM_FIELD_TABLE = (
    (("text",), "what the claim says (required, not blank)"),
    (("kind",), "`thesis`, `claim` (default), `evidence`, or `argument` (a premise–conclusion "
                "argument, as imported from Argdown or Carneades)"),
    (("perspective",), "a perspective id"),
    (("source", "sources"), "one source id / a list of source ids (not both)"),
    (("tags",), "a list of free labels"),
    (("quote",), "the passage(s) of the claim's sources it rests on (see [Quotes](#quotes))"),
    (("weight",), "base score from 0 to 1 for gradual semantics (default 0.5)"),
    (("side",), "`pro` or `con`; only when it cannot be derived (see below)"),
    (("note",), "free text, kept with the claim"),
    (("supports",), "the claims this one supports"),
    (("rebuts",), "the claims this one rebuts"),
    (("undercuts",), "the *inferences* this one attacks"),
)
CLAIM_FIELDS = tuple(name for names, _ in CLAIM_FIELD_TABLE for name in names)
SOURCE_FIELDS = ("title", "date", "url", "author", "publisher", "note", "file")
QUOTE_FIELDS = ("exact", "prefix", "suffix", "source")  # W3C TextQuoteSelector + source
TAG_FIELDS = ("border", "color", "note")  # how diagrams draw the claims with a tag
TAG_BORDERS = ("solid", "dashed", "dotted", "bold")
TAG_COLOR = re.compile(r"#[0-9A-Fa-f]{6}\Z")
RELATION_FIELDS = {"supports": "support", "rebuts": "rebut"}
TEXT_FIELDS = frozenset(("text", "note", "perspective"))  # claim fields of plain text
SCHEMA_FILE = "argmap.schema.json"
MODELINE_PREFIX = "# yaml-language-server: $schema="  # a comment the YAML language server reads


def compose(text: str, path: str | None) -> yaml.Node | None:
    """The YAML node tree of ``text`` (``None`` when empty), read as ``safe_yaml`` reads
    YAML (aliases bounded); every problem is a located ``ParseError``."""
    return safe_yaml.compose(text, path, _Loader)


class YamlReader:
    """Typed, located access to a composed YAML tree, collecting diagnostics: the base of
    the argmap and Carneades readers."""

    def __init__(self, path: str | None):
        self.path = path
        self.problems: list[Diagnostic] = []

    def at(self, node: yaml.Node) -> Location:
        return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)

    def error(self, message: str, node: yaml.Node) -> None:
        self.problems.append(Diagnostic("error", message, self.at(node)))

    # -- typed access to nodes -------------------------------------------------------------
    def mapping(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """``(key, key node, value node)`` in order; duplicate and non-text keys are errors."""
        if not isinstance(node, yaml.MappingNode):
            self.error(f"{what} must be a mapping", node)
            return []
        # The common case, every key plain text and none repeated, in two comprehensions.
        keys = {key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)}
        if len(keys) == len(node.value):
            return [(key.value, key, value) for key, value in node.value]
        seen: dict[str, yaml.Node] = {}
        pairs: list[tuple[str, yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(f"keys in {what} must be plain text", key_node)
                continue
            key = key_node.value
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.error(f"duplicate key {key!r} in {what} (first at line {first})", key_node)
                continue
            seen[key] = key_node
            pairs.append((key, key_node, value_node))
        return pairs

    def text(self, node: yaml.Node, what: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag != NULL:
            return node.value
        self.error(f"{what} must be text", node)
        return None

    def text_list(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.Node]]:
        """A string or a list of strings, with each item's node."""
        if isinstance(node, yaml.ScalarNode) and node.tag != NULL:
            return [(node.value, node)]
        if isinstance(node, yaml.SequenceNode):
            items: list[tuple[str, yaml.Node]] = []
            for item in node.value:
                if isinstance(item, yaml.ScalarNode) and item.tag != NULL:
                    items.append((item.value, item))
                else:
                    self.text(item, f"each item of {what}")  # reports it
            return items
        self.error(f"{what} must be text or a list of text", node)
        return []

    def text_fields(self, node: yaml.Node, allowed, what: str) -> dict[str, str]:
        """A mapping of known keys to text; unknown keys and other values are reported."""
        fields = {}
        for key, key_node, value in self.mapping(node, what):
            if self.check_keys(key, key_node, allowed, what):
                field_text = self.text(value, f"{key} of {what}")
                if field_text is not None:
                    fields[key] = field_text
        return fields

    def check_keys(self, key: str, key_node: yaml.Node, allowed, what: str) -> bool:
        if key in allowed:
            return True
        self.error(f"unknown key {key!r} in {what}{did_you_mean(key, allowed, allowed)}",
                   key_node)
        return False

    def root_mapping(self, text: str, if_empty: str, if_not_mapping: str) -> yaml.MappingNode:
        """The document's top mapping; an empty file or another shape is a located error."""
        root = compose(text, self.path)
        if root is None:
            raise ParseError(if_empty, Location(self.path, 1, 1))
        if not isinstance(root, yaml.MappingNode):
            raise ParseError(if_not_mapping, self.at(root))
        return root


PLAIN = re.compile(r"[^\W_][\w .,;()'/%$+?!&*=~\u2013\u2014-]*\Z")
_RESOLVER = yaml.resolver.Resolver()
ESCAPED_BREAKS = "\r\x85\u2028\u2029"  # line breaks to YAML 1.1: escaped, never folded
# Outside YAML's printable set (tab, LF, CR, 0x20-0x7e, 0xa0-0xd7ff, 0xe000-0xfffd but BOM,
# 0x10000 on).  Written as the small complement: a class reaching U+10FFFF takes ~6 ms to
# compile, paid by every command that imports the format.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")


def scalar(value: Any, flow: bool = False) -> str:
    """One YAML scalar, plain when that reads back as the same string, else double-quoted
    with every character that YAML could misread escaped.  ``flow``: the scalar sits in a
    ``[...]`` or ``{...}`` collection, where a plain ``,`` or ``?`` would end it."""
    if isinstance(value, bool) or value is None:
        raise TypeError("only text and numbers are written as scalars")
    if isinstance(value, (int, float)):
        return repr(value)
    if (PLAIN.match(value) and value == value.strip() and " #" not in value
            and not (flow and ("," in value or "?" in value))
            and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == STR):
        return value
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif UNPRINTABLE.match(char) or char in ESCAPED_BREAKS:
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else
                       f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
