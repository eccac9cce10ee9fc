"""Raw rows with cell positions → typed records, and the findings of reading them (VALUE_*, FORMULA_*)."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from . import normalize as nz
from .findings import Code, Finding, make
from .forms import FormDef, Kind
from .models import (
    Answer,
    F1Record,
    F2Record,
    F3Record,
    F4Record,
    FacilityRecord,
    Footer,
    Numbers,
    Row,
    YesNo,
)
from .reader import FormSheet, RawRow

RECORD_TYPES: dict[str, type[Row]] = {
    "F1": F1Record, "F2": F2Record, "F3": F3Record, "F4": F4Record, "FAC": FacilityRecord,
}
NOT_SUBMITTED = "未报送"  # what a consolidated 附件1/4 shows for a unit that sent nothing


@dataclass
class Parsed:
    records: list[Row] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    footer: Footer = field(default_factory=Footer)
    skipped: int = 0  # 未报送 placeholder rows of a consolidated workbook


def parse_footer(fs: FormSheet, year: int | None) -> tuple[Footer, list[Finding]]:
    values = {k: v for k, (v, _) in fs.footer.items()}
    footer = Footer(filler=values.get("填报人", ""), head=values.get("负责人", ""), phone=values.get("电话", ""),
                    date_text=values.get("填报日期", ""))
    out: list[Finding] = []
    if footer.date_text:
        n = nz.parse_date(footer.date_text, year)
        if n.ok and n.value is not None:
            footer.date = n.value
        else:
            _, cell = fs.footer["填报日期"]
            out.append(make(Code.VALUE_INVALID, file=fs.file, sheet=fs.sheet, cell=cell, row=_row_of(cell),
                            column="填报日期", value=footer.date_text, reason=n.error or "不是有效日期"))
    return footer, out


def _row_of(cell: str) -> int | None:
    digits = "".join(ch for ch in cell if ch.isdigit())
    return int(digits) if digits else None


def parse_form(fs: FormSheet, unit: str, year: int | None) -> Parsed:
    out = Parsed()
    out.footer, ff = parse_footer(fs, year)
    out.findings.extend(ff)
    form = fs.form
    for raw in fs.rows:
        if any(nz.clean_text(c.value) == NOT_SUBMITTED for c in raw.cells.values()):
            out.skipped += 1
            continue
        rec, fnd = parse_row(form, raw, fs.file, fs.sheet, unit, year)
        if form.key == "F1" and not getattr(rec, "township", "") and unit:
            rec.township = unit  # type: ignore[attr-defined]
            rec.invalid.discard("township")
            fnd = [f for f in fnd if not (f.code == Code.VALUE_REQUIRED and f.cell == raw.cells["township"].ref)]
        out.records.append(rec)
        out.findings.extend(fnd)
    return out


def parse_row(form: FormDef, raw: RawRow, file: str, sheet: str, unit: str, year: int | None
              ) -> tuple[Row, list[Finding]]:
    """One row → its record (raw text kept for every field) and the findings of reading it."""
    findings: list[Finding] = []
    values: dict[str, Any] = {}
    cells: dict[str, str] = {}
    texts: dict[str, str] = {}
    invalid: set[str] = set()
    name = ""
    for f in ("name", "township"):
        if f in raw.cells:
            name = nz.clean_text(raw.cells[f].value)
            break
    loc = {"file": file, "sheet": sheet, "unit": unit, "facility": name if form.key in ("F2", "F3", "FAC") else ""}

    def find(code: Code, cell: str, **params: object) -> None:
        findings.append(make(code, cell=cell, row=raw.row, **loc, **params))

    for f, rc in raw.cells.items():
        col = form.column(f)
        cells[f] = rc.ref
        text = nz.clean_text(rc.value)
        texts[f] = text
        if rc.formula_no_value:
            invalid.add(f)
            recomputed = "（附件1 占比已按已排查数/总数重新计算）" if (form.key, f) == ("F1", "percent") else ""
            find(Code.FORMULA_NO_VALUE, rc.ref, column=col.header, recomputed=recomputed)
            continue
        if not text:
            if col.required:
                invalid.add(f)
                find(Code.VALUE_REQUIRED, rc.ref, column=col.header)
            continue
        if col.kind in (Kind.TEXT, Kind.NAME, Kind.UNIT, Kind.SEQ) and nz.is_formula_text(text) \
                and not _is_plain_number(text):
            find(Code.CELL_FORMULA_TEXT, rc.ref, column=col.header, first=text[0])
        ok = _convert(col.kind, f, rc.value, text, year, values, raw, form)
        if ok is not None:
            invalid.add(f)
            find(Code.VALUE_INVALID, rc.ref, column=col.header, value=_short(text), reason=ok)
    extra: dict[str, str] = {}
    for header, rc in raw.extra.items():
        text = nz.clean_text(rc.value)
        if text:
            extra[header] = text
            if nz.is_formula_text(text) and not _is_plain_number(text):
                find(Code.CELL_FORMULA_TEXT, rc.ref, column=header, first=text[0])
    rec = RECORD_TYPES[form.key](file=file, sheet=sheet, row=raw.row, cells=cells, raw=texts, extra=extra,
                                 invalid=invalid, **values)
    return rec, findings


def _is_plain_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _short(text: str, n: int = 30) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@functools.lru_cache(maxsize=65536)
def _parse(kind: Kind, value: Any, year: int | None) -> nz.Norm:
    """Normalise one cell value. Cached: townships repeat the same answers (是, 否, 1、2) thousands of times,
    and every Norm (and the Answer/Numbers inside) is frozen, so sharing results is safe."""
    if kind == Kind.INT:
        return nz.parse_int(value)
    if kind in (Kind.ANSWER, Kind.ANSWER_NA):
        return nz.parse_answer(value, allow_na=kind == Kind.ANSWER_NA)
    if kind == Kind.POINTS:
        return nz.parse_numbers(value, "points")
    if kind == Kind.MEASURES:
        return nz.parse_numbers(value, "measures")
    if kind == Kind.LEVEL:
        return nz.parse_level(value)
    if kind == Kind.CATEGORY:
        return nz.parse_category(value)
    if kind == Kind.DATE:
        return nz.parse_date(value, year)
    if kind == Kind.CASE:
        return nz.parse_case(value, year)
    if kind == Kind.RESOLVED:
        return nz.parse_resolved(value)
    raise ValueError(kind)


def _convert(kind: Kind, f: str, value: Any, text: str, year: int | None, out: dict[str, Any], raw: RawRow,
             form: FormDef) -> str | None:
    """Store the typed value of one cell in `out`; return a Chinese reason when it cannot be read."""
    if kind in (Kind.TEXT, Kind.NAME, Kind.UNIT, Kind.SEQ):
        out[f] = text
        return None
    if kind == Kind.PERCENT:
        return _put(out, f, nz.parse_percent(value, _expected_percent(raw)))
    try:
        n = _parse(kind, value, year)
    except TypeError:  # an unhashable value: parse it without the cache
        n = _parse.__wrapped__(kind, value, year)
    if kind == Kind.ANSWER and form.key == "FAC" and f.startswith("p") and f[1:].isdigit():
        if n.ok and n.value is not None:
            out.setdefault("ticked", {})[int(f[1:])] = n.value
        return n.error
    if kind == Kind.CASE:
        if n.ok and n.value is not None:
            out["case"], out["case_date"] = n.value
        return n.error
    if kind == Kind.RESOLVED:
        if n.ok and n.value is not None:
            out["resolved"], out["criteria"] = n.value
        return n.error
    return _put(out, f, n)


def _put(out: dict[str, Any], f: str, n: nz.Norm) -> str | None:
    if n.ok:
        if n.value is not None:
            out[f] = n.value
        return None
    return n.error or "无法识别"


def _expected_percent(raw: RawRow) -> float | None:
    total = raw.cells.get("total")
    checked = raw.cells.get("checked")
    if not total or not checked:
        return None
    t, c = nz.parse_int(total.value), nz.parse_int(checked.value)
    if t.ok and c.ok and t.value and c.value is not None:
        return c.value / t.value * 100
    return None


def yes(a: Answer | None) -> bool:
    return a is not None and a.value == YesNo.YES


def empty_numbers() -> Numbers:
    return Numbers()


def report_year(period: str | None, today: dt.date | None = None) -> int | None:
    if period and len(period) >= 4 and period[:4].isdigit():
        return int(period[:4])
    return None
