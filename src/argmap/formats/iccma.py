"""ICCMA abstract argumentation frameworks: ASPARTIX ``.apx``, trivial graph format
``.tgf`` and the ICCMA 2023 numeric format (``p af N``, ``.af``/``.i23``).

Arguments become claims (kind ``claim``, text = the argument's name) and attacks become
rebuts.  These files have no thesis and may contain self-attacks, which Dung semantics
allow, so ``argmap evaluate`` loads them without the debate-map checks; this reader
reports everything such a file can get wrong itself, with line and column.  Writing
needs a map of claims and rebuts only: supports and undercuts have no place in an
abstract framework (flattening them would silently choose a reading)."""

from __future__ import annotations

import re

from ..errors import FormatError, Location, ParseError, did_you_mean
from ..model import ArgMap
from . import Format

_NAME = r'(?:[A-Za-z0-9_]+|"(?:[^"\\]|\\.)*")'
_APX_FACT = re.compile(rf"\s*(arg|att)\s*\(\s*({_NAME})\s*(?:,\s*({_NAME})\s*)?\)\s*\.")
_SPACES = re.compile(r"\s*")
_PLAIN_APX = re.compile(r"[a-z][A-Za-z0-9_]*\Z|0\Z|[1-9][0-9]*\Z")


class _Builder:
    """Collects arguments and attacks, reporting undeclared and duplicate arguments."""

    def __init__(self, path: str | None):
        self.path = path
        self.amap = ArgMap(path=path)
        self.attacks: list[tuple[str, str, Location]] = []

    def at(self, line: int, column: int) -> Location:
        return Location(self.path, line, column)

    def argument(self, name: str, line: int, column: int) -> None:
        if name in self.amap:
            raise ParseError(f"argument {name!r} declared twice", self.at(line, column))
        self.amap.add_claim(name, name, line=line, column=column)

    def attack(self, source: str, target: str, line: int, column: int) -> None:
        self.attacks.append((source, target, self.at(line, column)))

    def finish(self) -> ArgMap:
        for source, target, where in self.attacks:
            for name in (source, target):
                if name not in self.amap:
                    raise ParseError(f"attack names undeclared argument {name!r}"
                                     f"{did_you_mean(name, self.amap.claims())}", where)
            self.amap.add_relation(source, target, "rebut", line=where.line,
                                   column=where.column)
        self.amap.derive_sides()
        return self.amap


def _unquote(name: str) -> str:
    if name.startswith('"'):
        return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1),
                      name[1:-1])
    return name


def _after_spaces(code: str, position: int) -> int:
    match = _SPACES.match(code, position)
    assert match is not None  # ``\s*`` matches anywhere
    return match.end()


def read_apx(text: str, path: str | None = None) -> ArgMap:
    """``arg(a).`` and ``att(a,b).`` facts; ``%`` starts a comment."""
    builder = _Builder(path)
    # Split on newlines only: a quoted name may hold any other character.
    for number, line in enumerate(text.removeprefix("\ufeff").split("\n"), 1):
        line = line.removesuffix("\r")
        code = line.split("%", 1)[0] if '"' not in line else line
        # Positions advance through the line; no slice of the rest is taken, so a line of
        # a million facts is read in linear time.
        position = _after_spaces(code, 0)
        while position < len(code):
            match = _APX_FACT.match(code, position)
            column = position + 1
            if not match:
                raise ParseError("expected arg(NAME). or att(NAME,NAME).",
                                 builder.at(number, column))
            kind, first, second = match.groups()
            if (kind == "att") != (second is not None):
                raise ParseError(f"{kind} takes {'two names' if kind == 'att' else 'one name'}",
                                 builder.at(number, column))
            if kind == "arg":
                builder.argument(_unquote(first), number, column)
            else:
                builder.attack(_unquote(first), _unquote(second), number, column)
            position = _after_spaces(code, match.end())
            if code.startswith("%", position):
                break
    return builder.finish()


def read_tgf(text: str, path: str | None = None) -> ArgMap:
    """Argument ids (optionally followed by a label, which becomes the text), a ``#`` line,
    then ``attacker attacked`` lines."""
    builder = _Builder(path)
    in_attacks = False
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        column = len(line) - len(line.lstrip()) + 1
        if stripped.startswith("#"):
            if in_attacks:
                raise ParseError("a second '#' line", builder.at(number, column))
            in_attacks = True
            continue
        fields = stripped.split(None, 2)
        if not in_attacks:
            builder.argument(fields[0], number, column)
            if len(fields) > 1:
                builder.amap.claim(fields[0])["text"] = stripped.split(None, 1)[1]
        elif len(fields) < 2:
            raise ParseError("an attack needs two argument ids", builder.at(number, column))
        else:
            builder.attack(fields[0], fields[1], number, column)
    return builder.finish()


# ``p af N`` makes N arguments whether the file names them or not, so a 15-byte file can
# ask for any number: N is checked before anything is allocated.
MAX_ARGUMENTS = 1_000_000
_NUMBER = re.compile(r"[0-9]+\Z")


def _declared(field: str, where: Location) -> int:
    if len(field) > len(str(MAX_ARGUMENTS)) or int(field) > MAX_ARGUMENTS:
        raise ParseError(f"'p af {field[:20]}{'...' * (len(field) > 20)}' declares more "
                         f"than {MAX_ARGUMENTS:,} arguments, the most argmap reads", where)
    return int(field)


def read_i23(text: str, path: str | None = None) -> ArgMap:
    """``p af N`` then one ``attacker attacked`` pair of numbers 1..N per line; ``#``
    lines are comments."""
    builder = _Builder(path)
    count = None
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        column = len(line) - len(line.lstrip()) + 1
        fields = stripped.split()
        if count is None:
            if len(fields) != 3 or fields[:2] != ["p", "af"] or not _NUMBER.match(fields[2]):
                raise ParseError("expected the header 'p af N'", builder.at(number, column))
            count = _declared(fields[2], builder.at(number, column))
            for argument in range(1, count + 1):
                builder.argument(str(argument), number, column)
            continue
        if len(fields) != 2 or not all(_NUMBER.match(f) and len(f) <= len(str(count))
                                       and 1 <= int(f) <= count for f in fields):
            raise ParseError(f"expected two argument numbers from 1 to {count}",
                             builder.at(number, column))
        builder.attack(str(int(fields[0])), str(int(fields[1])), number, column)
    if count is None:
        raise ParseError("no 'p af N' header", Location(path, 1, 1))
    return builder.finish()


def _attacks_only(amap: ArgMap, format_name: str) -> list[tuple[str, str]]:
    relations = list(amap.relations())
    other = [r for r in relations if r.relation != "rebut"]
    if other:
        raise FormatError(f"{format_name} holds only attacks, but this map has "
                          f"{len(other)} supports/undercuts (e.g. {other[0].label})")
    return [(r.source, r.target) for r in relations]


def _apx_name(name: str) -> str:
    if _PLAIN_APX.match(name):
        return name
    escaped = name.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def write_apx(amap: ArgMap) -> str:
    attacks = _attacks_only(amap, "apx")
    lines = [f"arg({_apx_name(c)})." for c in amap.claims()]
    lines += [f"att({_apx_name(a)},{_apx_name(b)})." for a, b in attacks]
    return "\n".join(lines) + "\n"


def write_tgf(amap: ArgMap) -> str:
    attacks = _attacks_only(amap, "tgf")
    for claim in amap.claims():
        if not claim or claim.startswith("#") or len(claim.split()) != 1 or claim != claim.strip():
            raise FormatError(f"tgf ids are single words; {claim!r} is not (use apx)")
    lines = list(amap.claims()) + ["#"] + [f"{a} {b}" for a, b in attacks]
    return "\n".join(lines) + "\n"


def write_i23(amap: ArgMap) -> str:
    """Arguments are numbered in map order (the format has no names)."""
    attacks = _attacks_only(amap, "i23")
    number = {claim: i for i, claim in enumerate(amap.claims(), 1)}
    lines = [f"p af {len(number)}"] + [f"{number[a]} {number[b]}" for a, b in attacks]
    return "\n".join(lines) + "\n"


def _sniff_i23(text: str) -> bool:
    return bool(re.match(r"(\s*#[^\n]*\n)*\s*p\s+af\s+\d+", text.lstrip("\ufeff")))


FORMATS = [
    Format("apx", (".apx",), "ASPARTIX abstract framework (ICCMA)", read=read_apx,
           write=write_apx, abstract=True),
    Format("tgf", (".tgf",), "trivial graph format abstract framework (ICCMA)",
           read=read_tgf, write=write_tgf, abstract=True),
    Format("i23", (".i23", ".af"), "ICCMA 2023 abstract framework (p af N)", read=read_i23,
           write=write_i23, sniff=_sniff_i23, aliases=("af",), abstract=True),
]
