"""The few Excel formulas clerks write, evaluated where a workbook holds them without their results (written by a
program that does not calculate): =附件2!B5, =D5/C5*100, =ROUND(D5/C5,3), =B6+C6, =SUM(B6:C6), =DATE(2022,6,15),
=IF(附件2!B5="","",附件2!B5). SPEC: "a formula cell without a cached value is a finding (recomputed where possible)".

Anything else (another function, another workbook, an error on the way) is not evaluated: the cell stays without
a value. Pure: the cells are read through the `cell` function given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .safety import EXCEL_MAX_TEXT  # characters a cell holds: a longer text is Excel's #VALUE!

MAX_RANGE = 10_000  # cells a SUM may add up: a whole column (B:B) or sheet is not evaluated
_TOKEN = re.compile(r"""\s*(?:
    (?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?%?)
  | "(?P<str>(?:[^"]|"")*)"
  | (?P<ref>(?:(?:'(?:[^']|'')+'|[^\s'!()\[\],:;+\-*/&^<>="]+)!)?\$?[A-Za-z]{1,3}\$?\d{1,7}(?::\$?[A-Za-z]{1,3}\$?\d{1,7})?)
  | (?P<fn>[A-Za-z][A-Za-z0-9.]*)\(
  | (?P<op><>|<=|>=|[-+*/&^=<>(),])
)""", re.VERBOSE)
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")


class NotEvaluated(Exception):
    """The formula uses what this module does not evaluate, or an error (#DIV/0!) would be its result."""


class Pending(NotEvaluated):
    """A cell it reads is itself a formula not evaluated yet."""


# (sheet or "", 0-based row, 0-based column) -> the value, None for an empty cell; raises Pending (or
# NotEvaluated when the caller's budget of cells is spent)
Cell = Callable[[str, int, int], Any]


def evaluate(text: str, cell: Cell, at: tuple[int, int] = (0, 0)) -> Any:
    """The value of formula `text` in the cell at `at` (0-based row, column: ROW() and COLUMN() read it)."""
    tokens = _tokens(text.lstrip("="))
    parser = _Parser(tokens, cell, at)
    value = parser.expr()
    if parser.at != len(tokens):
        raise NotEvaluated(text)
    value = _scalar(value)
    return 0.0 if value is None else value  # a reference to an empty cell shows 0


def _tokens(text: str) -> list[tuple[str, str]]:
    out, at = [], 0
    text = text.rstrip()
    while at < len(text):
        m = _TOKEN.match(text, at)
        if not m or m.end() == at:
            raise NotEvaluated(text)
        kind = m.lastgroup or ""
        out.append((kind, m.group(kind)))
        at = m.end()
    return out


def _col(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


class _Range:
    def __init__(self, sheet: str, r0: int, c0: int, r1: int, c1: int) -> None:
        if (abs(r1 - r0) + 1) * (abs(c1 - c0) + 1) > MAX_RANGE:
            raise NotEvaluated("range too large")
        self.sheet, self.rows, self.cols = sheet, range(min(r0, r1), max(r0, r1) + 1), range(min(c0, c1), max(c0, c1) + 1)


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], cell: Cell, here: tuple[int, int]) -> None:
        self.tokens, self.cell, self.here, self.at, self.depth = tokens, cell, here, 0, 0
        self.skip = False  # parsing the branch IF does not take: nothing read, nothing can fail

    def read(self, sheet: str, r: int, c: int) -> Any:
        return None if self.skip else self.cell(sheet, r, c)

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("", "")

    def take(self, op: str) -> bool:
        if self.peek() == ("op", op):
            self.at += 1
            return True
        return False

    def expr(self) -> Any:
        self.depth += 1
        if self.depth > 40:
            raise NotEvaluated("nested too deep")
        left = self.concat()
        kind, op = self.peek()
        if kind == "op" and op in ("=", "<>", "<", ">", "<=", ">="):
            self.at += 1
            left = _compare(op, _scalar(left), _scalar(self.concat()))
        self.depth -= 1
        return left

    def concat(self) -> Any:
        left = self.additive()
        while self.take("&"):
            left = _text(_scalar(left)) + _text(_scalar(self.additive()))
            if len(left) > EXCEL_MAX_TEXT:
                # Excel's #VALUE!: =H50&H50 down a column doubled a text to gigabytes (audit of hostile files)
                raise NotEvaluated("#VALUE!")
        return left

    def additive(self) -> Any:
        left = self.term()
        while (op := self.peek()) in (("op", "+"), ("op", "-")):
            self.at += 1
            a, b = _number(left), _number(self.term())
            left = a + b if op[1] == "+" else a - b
        return left

    def term(self) -> Any:
        left = self.unary()
        while (op := self.peek()) in (("op", "*"), ("op", "/")):
            self.at += 1
            a, b = _number(left), _number(self.unary())
            if op[1] == "/" and b == 0:
                if self.skip:
                    return 0.0
                raise NotEvaluated("#DIV/0!")
            left = a * b if op[1] == "*" else a / b
        return left

    def unary(self) -> Any:
        if self.take("-"):
            return -_number(self.unary())
        if self.take("+"):
            return _number(self.unary())
        return self.primary()

    def primary(self) -> Any:
        kind, text = self.peek()
        self.at += 1
        if kind == "num":
            return float(text[:-1]) / 100 if text.endswith("%") else float(text)
        if kind == "str":
            return text.replace('""', '"')
        if kind == "ref":
            return self.reference(text)
        if kind == "fn":
            return self.function(text.upper())
        if (kind, text) == ("op", "("):
            value = self.expr()
            if not self.take(")"):
                raise NotEvaluated("(")
            return value
        raise NotEvaluated(text)

    def reference(self, text: str) -> Any:
        sheet, _, where = text.rpartition("!")
        if sheet.startswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
        first, _, last = where.partition(":")
        a = _CELL.fullmatch(first)
        if a is None:
            raise NotEvaluated(text)
        if last:
            b = _CELL.fullmatch(last)
            if b is None:
                raise NotEvaluated(text)
            return _Range(sheet, int(a[2]) - 1, _col(a[1]), int(b[2]) - 1, _col(b[1]))
        return self.read(sheet, int(a[2]) - 1, _col(a[1]))

    def arguments(self) -> list[Any]:
        args: list[Any] = []
        if self.take(")"):
            return args
        while True:
            args.append(self.expr())
            if self.take(")"):
                return args
            if not self.take(","):
                raise NotEvaluated("arguments")

    def function(self, name: str) -> Any:
        if name == "IF":  # only the branch taken is evaluated: =IF(C5=0,0,D5/C5)
            cond = _scalar(self.expr())
            if isinstance(cond, str) and not self.skip:
                raise NotEvaluated("IF on text")
            outer = self.skip
            if not self.take(","):
                raise NotEvaluated("IF")
            self.skip = outer or not cond
            then = self.expr()
            otherwise: Any = False
            if self.take(","):
                self.skip = outer or bool(cond)
                otherwise = self.expr()
            self.skip = outer
            if not self.take(")"):
                raise NotEvaluated("IF")
            return None if outer else _scalar(then if cond else otherwise)
        args = self.arguments()
        if self.skip:
            return None
        if name == "SUM":
            total = 0.0
            for a in args:
                if isinstance(a, _Range):
                    for r in a.rows:
                        for c in a.cols:
                            v = self.read(a.sheet, r, c)
                            if isinstance(v, int | float) and not isinstance(v, bool):
                                total += v  # SUM passes over text and blanks in a range
                else:
                    total += _number(a)
            return total
        if name == "ROUND" and len(args) == 2:
            x, digits = _number(args[0]), int(_number(args[1]))
            q = Decimal(1).scaleb(-digits)
            return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))
        if name == "DATE" and len(args) == 3:  # as Excel: a two-digit year is 19xx, months and days roll over
            y, m, d = (int(_number(a)) for a in args)
            y += 1900 if 0 <= y < 1900 else 0
            y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
            try:
                return dt.date(y, m, 1) + dt.timedelta(days=d - 1)
            except (ValueError, OverflowError):
                raise NotEvaluated("DATE") from None
        if name in ("ROW", "COLUMN") and not args:  # 序号 =ROW()-4
            return float(self.here[0 if name == "ROW" else 1] + 1)
        # the template's own 占比: =IF(AND(ISNUMBER(C5),ISNUMBER(D5)),IF(C5>0,ROUND(D5/C5*100,1),""),"")
        if name == "ISNUMBER" and len(args) == 1:
            v = _scalar(args[0])
            return isinstance(v, int | float) and not isinstance(v, bool)
        if name in ("AND", "OR") and args:
            truths = [_truth(a) for a in args]
            return all(truths) if name == "AND" else any(truths)
        if name == "NOT" and len(args) == 1:
            return not _truth(args[0])
        raise NotEvaluated(name)


def _truth(v: Any) -> bool:
    """A logical argument as Excel reads it: TRUE/FALSE, a number (0 is FALSE), an empty cell FALSE; text is #VALUE!."""
    v = _scalar(v)
    if v is None or isinstance(v, bool):
        return bool(v)
    if isinstance(v, int | float):
        return v != 0
    raise NotEvaluated("#VALUE!")


def _scalar(v: Any) -> Any:
    if isinstance(v, _Range):
        raise NotEvaluated("a range where one value is meant")
    return v


def _number(v: Any) -> float:
    v = _scalar(v)
    if v is None or v == "":
        return 0.0  # an empty cell counts as 0, as in Excel
    if isinstance(v, bool):
        return float(v)
    if isinstance(v, int | float):
        return float(v)
    if isinstance(v, dt.datetime | dt.date):
        raise NotEvaluated("date arithmetic")
    try:
        return float(str(v).strip())
    except ValueError:
        raise NotEvaluated("#VALUE!") from None


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else format(v, ".15g")  # Excel shows 15 significant digits
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, dt.date):
        raise NotEvaluated("date as text")
    return str(v)


def _compare(op: str, a: Any, b: Any) -> bool:
    if a is None:  # an empty cell is "" against text, 0 against a number
        a = "" if isinstance(b, str) else 0.0
    if b is None:
        b = "" if isinstance(a, str) else 0.0
    if isinstance(a, str) != isinstance(b, str):  # "" is not 0; any text ranks above any number
        a, b = (1, 0) if isinstance(a, str) else (0, 1)
        return {"=": False, "<>": True, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
    if isinstance(a, str):
        a, b = a.lower(), b.lower()
    else:
        a, b = _number(a), _number(b)
    return {"=": a == b, "<>": a != b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op]
