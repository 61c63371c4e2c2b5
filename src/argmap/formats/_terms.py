"""Carneades' normal form of a statement id.

Carneades 4 reads every statement id as a term (``p(a, b)``, ``¬app(a1)``, ``x >= 3``)
and keys statements by the term printed back, so ``p(a, b)`` and ``p(a,b)`` name one
statement.  ``normal_form`` does the same: it parses the grammar of Carneades' term parser
(operators by precedence: ``||``; ``&&``; comparisons and ``in``; ``+ - ^ or``;
``* / % & &^ << >> div mod``; unary ``- ! ^ ¬``) and prints the term the way Carneades
prints it.  Text that is not a term (``two words``) stays as it is, as in Carneades."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"""\s*(?:
    (?P<ident>[^\W\d]\w*)
  | (?P<float>\d+\.\d*(?:[eE][-+]?\d+)?|\d+[eE][-+]?\d+|\.\d+(?:[eE][-+]?\d+)?)
  | (?P<int>\d+)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\\n]|\\.)*')
  | (?P<op>\|\||&&|==|!=|<=|>=|=<|<<|>>|&\^|[-+*/%&^!¬=<>|()\[\],])
)""", re.X)
_SPACED = ("||", "&&", "in", "or", "div", "mod")
_BINARY = {"||": 1, "&&": 2, "=": 3, "==": 3, "!=": 3, "<": 3, "<=": 3, ">": 3, ">=": 3,
           "=<": 3, "in": 3, "+": 4, "-": 4, "^": 4, "or": 4, "*": 5, "/": 5, "%": 5,
           "&": 5, "&^": 5, "<<": 5, ">>": 5, "div": 5, "mod": 5}
_UNARY = ("-", "!", "^", "¬")


class _NotATerm(Exception):
    pass


@dataclass
class _Compound:
    functor: str
    args: list
    prio: int = 0


def normal_form(text: str) -> str:
    """``text`` as Carneades keys it: the term printed back, or ``text`` if no term."""
    try:
        tokens = _tokens(text)
        parser = _Parser(tokens)
        term = parser.expression(1)
        if parser.peek() == ",":  # a top-level sequence is a list
            items = [term]
            while parser.peek() == ",":
                parser.take()
                items.append(parser.expression(1))
            term = items
        if parser.peek() is not None:
            raise _NotATerm
    except (_NotATerm, RecursionError):
        return text
    return _print(term)


def _tokens(text: str) -> list[str]:
    tokens, position = [], 0
    while position < len(text.rstrip()):
        match = _TOKEN.match(text, position)
        if match is None or match.lastgroup is None:  # every alternative is a named group
            raise _NotATerm
        if match.group("string") and re.search(r"\s", match.group("string")):
            raise _NotATerm  # Carneades splits such a string at its first space
        if match.group("int") and len(match.group("int")) > 1 and match.group("int")[0] == "0":
            raise _NotATerm  # octal in Carneades
        tokens.append(match.group(match.lastgroup))
        if match.lastgroup == "float":
            tokens[-1] = f"{float(tokens[-1]):f}"
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[str]):
        self.tokens, self.at = tokens, 0

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> str:
        token = self.peek()
        if token is None:
            raise _NotATerm
        self.at += 1
        return token

    def expression(self, level: int):
        """Operators of precedence ``level`` and above; comparisons do not chain."""
        if level == 6:
            return self.unary()
        term = self.expression(level + 1)
        while _BINARY.get(self.peek() or "") == level:
            operator = self.take()
            term = _Compound(operator, [term, self.expression(level + 1)], level)
            if level == 3:
                break
        return term

    def unary(self):
        token = self.peek()
        if token == "+":
            self.take()
            return self.unary()
        if token in _UNARY:
            self.take()
            if token in ("-", "!") and self.peek() == token:  # a double negation cancels
                self.take()
                return self.unary()
            return _Compound(token, [self.unary()], 6)
        return self.factor()

    def factor(self):
        token = self.take()
        if token == "(":
            term = self.expression(1)
            if self.take() != ")":
                raise _NotATerm
            return term
        if token == "[":
            return self.sequence("]")
        if token[0].isalpha() or token[0] in "_\"'`" or token[0].isdigit():
            if token[0].isalpha() or token[0] == "_":
                if self.peek() == "(":
                    self.take()
                    return _Compound(token, self.sequence(")"))
            return token
        raise _NotATerm

    def sequence(self, closing: str) -> list:
        items: list = []
        if self.peek() == closing:
            self.take()
            return items
        while True:
            items.append(self.expression(1))
            token = self.take()
            if token == closing:
                return items
            if token != ",":
                raise _NotATerm


def _print(term) -> str:
    if isinstance(term, str):
        return term
    if isinstance(term, list):
        return "[" + ", ".join(_print(item) for item in term) + "]"
    functor = f" {term.functor} " if term.functor in _SPACED else term.functor
    if term.prio == 0:
        return term.functor + "(" + ",".join(_print(arg) for arg in term.args) + ")"
    prio = term.prio
    if len(term.args) == 1:
        (arg,) = term.args
        if isinstance(arg, _Compound) and 0 < arg.prio < prio:
            return f"{functor}({_print(arg)})"
        return functor + _print(arg)
    left, right = term.args
    low_left = isinstance(left, _Compound) and left.prio < prio
    low_right = isinstance(right, _Compound) and right.prio < prio
    if isinstance(left, _Compound) and isinstance(right, _Compound):
        if low_left and low_right:
            return f"({_print(left)}) {functor} ({_print(right)})"
        if low_left:
            return f"({_print(left)}) {functor} {_print(right)}"
        if low_right:
            return f"{_print(left)} {functor} ({_print(right)})"
        return _print(left) + functor + _print(right)
    if low_left:
        return f"({_print(left)}) {functor} {_print(right)}"
    if low_right:
        return f"{_print(left)} {functor} ({_print(right)})"
    return _print(left) + functor + _print(right)
