"""Blank workbooks for the townships (`yanglao template`) and the check of such workbooks (`check --template`).

Everything on the sheets comes from `forms`: titles, 填报单位 labels, headers (附件4's two-row header merged as
`writer` merges it), footers, notes, column widths and input hints. xlsxwriter writes them deterministically
(fixed creation time), so the same options give the same bytes.

What a township cannot get wrong any more:

- drop-down lists for 类别, 风险隐患等级, the pure yes/no columns (是/否) and 纳入处非机制 (是/否/不涉及), with
  'stop' alerts; whole numbers >= 0 for counts; dates for date cells — on the data rows only;
- columns whose answers carry detail (附件1's questions, 风险隐患点, 打击整治措施, 是否立案及立案时间, 存量风险是否
  已有效化解) get an input message quoting the seed (the 15 points and their levels, the 11 measures, the 11
  resolution criteria), never a strict list, so that "是，王某某（副镇长）" stays typeable;
- 附件1's 已排查占比 is a formula; 附件2 shows, right of the table after a blank spacer column, the level the
  points give (the column's caption sits in the 填报单位 row, not in the header row, so that `check` does not
  take it for an extra column), and the declared level turns red when lower, yellow when higher;
- headers, titles and notes are protected (no password); data, 填报单位 and footer cells are not.

Formula cells are written without a cached result (xlsxwriter's value="" asks Excel, WPS and LibreOffice to
recompute on opening). A workbook filled by a program that does not compute (openpyxl) keeps them without a
value, which `check` reports as FORMULA_NO_VALUE (and recomputes 附件1's percentage); a clerk's Excel stores
the value.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .findings import Code, Finding, Severity, make
from .forms import F1, F2, F3, F4, FAC, HELPER_TITLE, POINT_NOTES, Column, FormDef, Kind
from .models import (
    CRITERIA,
    LISTED_LEVELS,
    MEASURES,
    OTHER_MEASURE,
    OTHER_POINT,
    RISK_POINTS,
    Category,
    RiskLevel,
)
from .parse import CAMPAIGN_YEAR
from .rules.disposal import SHORT_MEASURES, expected_measures
from .rules.levels import POINT_LEVEL, PREPAYMENT_POINTS, UNREGISTERED_POINTS
from .rules.progress import EXAMPLES
from .writer import (
    FIXED_TIME,
    FONT,
    PAGE_FOOTER,
    SEVERITY_FILL,
    Styles,
    _lines,
    period_label,
    write_two_row_header,
)

if TYPE_CHECKING:
    from .reader import FormSheet
    from .report import Report


class TemplateKind(StrEnum):
    submission = "submission"  # 附件1–4
    facility = "facility"  # 养老服务机构风险隐患排查表


FORMS: dict[TemplateKind, tuple[FormDef, ...]] = {
    TemplateKind.submission: (F1, F2, F3, F4),
    TemplateKind.facility: (FAC,),
}
DATA_ROWS = {"F1": 1, "F2": 20, "F3": 20, "F4": 1, "FAC": 30}  # pre-numbered data rows per form
FILE_NAMES = {TemplateKind.submission: "附件1-4_填报模板.xlsx", TemplateKind.facility: "排查表_填报模板.xlsx"}

MAX_TITLE = 32  # Excel's limits for data validation texts
MAX_MESSAGE = 255
MAX_LIST = 255  # characters of a literal drop-down list, commas included
# dates check reads: none before the campaign's year (a 填报日期 of 2021 is VALUE_INVALID), none after today (a date
# of 2099 is DATE_IN_FUTURE) — the rule allowed 2000–2099 and the form went back (audit of the other commands)
DATE_MIN = dt.date(CAMPAIGN_YEAR, 1, 1)
DATE_MAX = "=TODAY()"
YES, NO, NA = "是", "否", "不涉及"

HELPER_WIDTH = 26
SPACER_WIDTH = 2
UNIT_VALUE_WIDTH = 24  # room for 江苏吕四海洋经济开发区
FOOTER_VALUE_WIDTH = 12
AUTO_FILL = "#F2F2F2"  # cells the workbook computes

# The seed's 15 risk points (附件2 填报说明三), shortened so that all of them fit one input message (255).
POINT_SHORT: dict[int, str] = {
    1: "收预付费但主要补建设资金",
    2: "分支网点扩张过快",
    3: "频繁变更法人、注册地",
    4: "虚假或夸大宣传",
    5: "关联公司关联交易",
    6: "负责人涉经济犯罪/被举报/失信",
    7: "预付费使用不规范但资可抵债",
    8: "预付费人数超床位",
    9: "未登记、无大额预付费",
    10: "未登记、有大额预付费",
    11: "涉嫌非法集资、诈骗",
    12: "预付费且资不抵债",
    13: "已“爆雷”",
    14: "不良影响或重大舆情",
    15: "其他",
}
# The 11 resolution criteria (附件3 填报说明三), shortened likewise.
CRITERIA_SHORT: dict[int, str] = {
    1: "还款计划按期履行",
    2: "预付费纳入第三方存管",
    3: "完成资金清退",
    4: "已取缔未登记场所",
    5: "未登记场所已登记",
    6: "已移送司法机关",
    7: "已立案",
    8: "已判决",
    9: "已妥善安置老年人",
    10: "受损困难老人已纳入低保特困或临时救助",
    11: "其他",
}
assert set(POINT_SHORT) == set(RISK_POINTS) and set(CRITERIA_SHORT) == set(CRITERIA), "a short label per item"

INT_ERROR = "请填写大于或等于 0 的整数（只填阿拉伯数字，不要写“家”“个”等文字）"
DATE_ERROR = f"请填写{CAMPAIGN_YEAR}年以来、不晚于今天的日期，如 2022-06-03"


# ---- data validations -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Validation:
    """One data validation of a column's data cells (or of a 填报单位/填报日期 cell)."""

    validate: str  # xlsxwriter: list, integer, decimal, date, any (input message only)
    title: str
    message: str
    describe: str  # what `check --template` says is missing
    source: tuple[str, ...] = ()
    error_type: str = "stop"  # stop, warning, information
    error: str = ""
    minimum: Any = None
    maximum: Any = None
    formula: str = ""  # a custom rule (validate "custom"), written for the range's first cell
    cells: str = ""  # a list kept in cells (UNITS_SHEET) rather than in the rule: '单位名单'!$A$1:$A$40

    def __post_init__(self) -> None:
        if len(self.title) > MAX_TITLE:
            raise ValueError(f"input title over {MAX_TITLE} characters: {self.title}")
        if len(self.message) > MAX_MESSAGE:
            raise ValueError(f"input message over {MAX_MESSAGE} characters ({len(self.message)}): {self.message}")
        if len(self.error) > MAX_MESSAGE:
            raise ValueError(f"error message over {MAX_MESSAGE} characters: {self.error}")
        if len(",".join(self.source)) > MAX_LIST:
            raise ValueError("drop-down list over 255 characters")
        if any('"' in item for item in self.source):  # written unescaped by xlsxwriter: Excel drops the rule
            raise ValueError(f"drop-down item with a double quote: {self.source}")

    @property
    def ooxml_type(self) -> str | None:
        """The type attribute Excel stores (None for an input message only)."""
        return {"list": "list", "integer": "whole", "decimal": "decimal", "date": "date",
                "custom": "custom"}.get(self.validate)

    @property
    def formula1(self) -> str | None:
        if self.validate == "list":
            return self.cells or '"' + ",".join(self.source) + '"'
        if self.validate == "integer":
            return str(self.minimum)
        return None

    def options(self) -> dict[str, Any]:
        """Options of xlsxwriter's worksheet.data_validation."""
        o: dict[str, Any] = {"validate": self.validate, "input_title": self.title, "input_message": self.message,
                             "ignore_blank": True}
        if self.validate == "list":
            o["source"] = f"={self.cells}" if self.cells else list(self.source)
        elif self.validate == "integer" and self.maximum is None:
            o.update(criteria=">=", value=self.minimum)
        elif self.validate in ("integer", "decimal", "date"):
            o.update(criteria="between", minimum=self.minimum, maximum=self.maximum)
        elif self.validate == "custom":
            o["value"] = self.formula
        if self.validate != "any":
            o.update(error_type=self.error_type, error_title="输入有误" if self.error_type == "stop" else "请确认",
                     error_message=self.error)
        return o


def _title(text: str) -> str:
    return text if len(text) <= MAX_TITLE else text[: MAX_TITLE - 1] + "…"


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _level_order() -> tuple[RiskLevel, ...]:
    return tuple(reversed(LISTED_LEVELS))  # 黄, 橙, 红


def _points_of(level: RiskLevel) -> list[int]:
    return sorted(p for p, lvl in POINT_LEVEL.items() if lvl == level)


def points_message(hint: str) -> str:
    """The 15 points grouped by the level they give (附件2 填报说明三、四)."""
    lines = [hint]
    for level in _level_order():
        lines.append(f"{level.label}：" + " ".join(f"{p}{POINT_SHORT[p]}" for p in _points_of(level)))
    lines.append(f"等级取最高；{OTHER_POINT}{POINT_SHORT[OTHER_POINT]}情形由区镇研判等级")
    return _join(*lines)


def measures_message(hint: str) -> str:
    """The 11 measures (附件3 填报说明二) and what each level calls for (二（二）三)."""
    names = {n: SHORT_MEASURES.get(n, t) for n, t in MEASURES.items()}
    names[OTHER_MEASURE] = "其他（需具体明确）"
    listing = " ".join(f"{n}{t}" for n, t in names.items())
    y, o, r = _level_order()
    orange = _expected(o)
    prepay = [m for m in _expected(o, PREPAYMENT_POINTS - UNREGISTERED_POINTS) if m not in orange]
    return _join(hint, listing, f"{y.label}：{'、'.join(_expected(y))}；{o.label}：{'、'.join(orange)}，"
                                f"有预付费的加{'、'.join(prepay)}；{r.label}：涉嫌犯罪（点11）的"
                                f"{'、'.join(_expected(r, [11]))}；点9：{'、'.join(_expected(RiskLevel.GREEN, [9]))}；"
                                f"点10：{'、'.join(_expected(RiskLevel.GREEN, [10]))}")


def _expected(level: RiskLevel, points: Iterable[int] = ()) -> list[str]:
    """The measures the rule engine expects, as the hint writes them (5/9/10之一 for alternatives)."""
    return ["/".join(map(str, e.alternatives)) + "之一" if e.alternatives else str(e.measure)
            for e in expected_measures(level, points)]


def resolved_message(hint: str) -> str:
    """The 11 criteria of 存量风险已化解 (附件3 填报说明三)."""
    listing = " ".join(f"{n}{t}" for n, t in CRITERIA_SHORT.items())
    return _join(hint, listing, "符合一项或多项，且舆情未炒作、未发生极端事件和重大群体性事件的，属于已化解")


def _category_values() -> tuple[str, ...]:
    return tuple(c.display for c in Category)  # A.养老机构 …


def _level_values() -> tuple[str, ...]:
    return tuple(lvl.label for lvl in LISTED_LEVELS)  # 红 橙 黄


def _yes_no(title: str, message: str, values: tuple[str, ...] = (YES, NO), error_type: str = "stop",
            ) -> Validation:
    words = "、".join(f"“{v}”" for v in values)
    if error_type == "stop":
        error = f"请从下拉列表选择 {words}"
    else:
        error = f"通常填 {words}；如需写明情况可写成“是，具体情况”，点“确定”保留"
    return Validation("list", title, message, f"下拉列表（{'/'.join(values)}）", source=values,
                      error_type=error_type, error=error)


def validation_for(form: FormDef, col: Column, units: Sequence[str] = ()) -> Validation | None:
    """The data validation of a column's data cells; None for 序号 and free text without a hint."""
    k = col.kind
    title = _title(col.header)
    hint = col.hint
    if k == Kind.SEQ:
        return None
    if k == Kind.INT:
        msg = hint or "填整数"
        if form.key == "F4":
            msg = _join(msg, F4.notes.removeprefix("说明："))
        # (没有的填 0: a blank count is VALUE_REQUIRED, which the template let through unsaid; blind audit)
        return Validation("integer", title, _join(msg, "只填阿拉伯数字（≥0 的整数），没有的填 0"), "大于或等于0的整数",
                          minimum=0, error=INT_ERROR)
    if k == Kind.PERCENT:
        return Validation("decimal", title, "自动计算：已排查数 ÷ 应当排查总数 × 100，保留一位小数；填好两个数后自动得出",
                          "0–100的数字", minimum=0, maximum=100, error="占比应为 0–100 之间的数字")
    if k == Kind.ANSWER:
        if col.asked:
            example = EXAMPLES.get(col.field, f"{YES}，具体内容")
            return Validation("any", title, f"填“{YES}”或“{NO}”；填“{YES}”的请写明{col.asked}，如“{example}”",
                              "填写提示")
        if form.key == "FAC" and col.field[1:].isdigit():
            n = int(col.field[1:])
            if n == OTHER_POINT:
                return Validation("any", title, _join(hint, f"填“{NO}”；或“{YES}，具体情形”（须写明）"), "填写提示")
            return _yes_no(title, _join(hint, f"从下拉列表选“{YES}”或“{NO}”；可写成“{YES}，具体情况”"),
                           error_type="information")
        # 是 with its detail (是，抽调3人组成专班 / 是（6月2日已通报）) is an answer SPEC and check accept: the list
        # offers 是/否 but lets the clerk keep what was typed (a stop alert refused it; template audit)
        return _yes_no(title, _join(hint, f"从下拉列表选择“{YES}”或“{NO}”；可写成“{YES}，具体情况”"),
                       error_type="information")
    if k == Kind.ANSWER_NA:
        return _yes_no(title, _join(hint, f"从下拉列表选择；可写成“{YES}，具体情况”"), (YES, NO, NA),
                       error_type="information")
    if k == Kind.LEVEL:
        return Validation("list", title, _join(hint, "从下拉列表选择；只有“15.其他”的由区镇研判。右侧“"
                                                     f"{HELPER_TITLE}”列按风险隐患点给出等级，不一致时本格变色"),
                          "下拉列表（" + "/".join(_level_values()) + "）", source=_level_values(),
                          error="请从下拉列表选择 " + "、".join(_level_values()))
    if k == Kind.CATEGORY:
        hint = hint or F2.column("category").hint
        return Validation("list", title, _join(hint, "从下拉列表选择"), "下拉列表（A/B/C）", source=_category_values(),
                          # (typing the letter alone is refused: the message said 选择类别 A、B 或 C; audit)
                          error="请点单元格右侧的箭头，从下拉列表中选择类别（不能只输入字母 A、B、C）")
    if k == Kind.POINTS:
        return Validation("any", title, points_message(hint or F2.column("points").hint), "填写提示（15个风险隐患点）")
    if k == Kind.MEASURES:
        return Validation("any", title, measures_message(hint), "填写提示（11项打击整治措施）")
    if k == Kind.CASE:
        return Validation("any", title, _join(hint, "已立案的须写明立案时间，如“是，2022年6月3日”"), "填写提示")
    if k == Kind.RESOLVED:
        return Validation("any", title, resolved_message(hint), "填写提示（11项化解情形）")
    if k == Kind.DATE:
        return Validation("date", title, _join(hint, "填日期，如 2022-06-03"), "日期", minimum=DATE_MIN,
                          maximum=DATE_MAX, error=DATE_ERROR)
    if k == Kind.UNIT:
        return unit_validation(title, hint or "填写本单位名称", units)
    if hint:  # NAME, TEXT
        return Validation("any", title, hint, "填写提示")
    return None


# A figure that must agree with others of its row (SPEC CHECKED_EXCEEDS_TOTAL, STATS_SUM_MISMATCH): a whole
# number ≥ 0 as the plain rule asks, and the cross-check once the figures it depends on are filled in (typed
# first, it is accepted; yanglao check still compares them). {c} is the cell itself, the others its row's; IF,
# not AND alone, so that text (18家) is refused as FALSE rather than as INT's #VALUE!.
CROSS_RULES: dict[tuple[str, str], tuple[str, str, str]] = {
    ("F1", "checked"): ('=IF(ISNUMBER({c}),AND(INT({c})={c},{c}>=0,OR({total}="",{c}<={total})),FALSE)',
                        "不大于应当排查总数", "已排查数应为不大于应当排查总数的整数（只填阿拉伯数字）"),
    ("F4", "total"): ('=IF(ISNUMBER({c}),AND(INT({c})={c},{c}>=0,OR({ongoing}="",{done}="",{c}={ongoing}+{done})),FALSE)',
                      "等于正在整治与整治完成之和", "总计应等于“正在整治”与“整治完成”之和（只填阿拉伯数字）"),
}


def cross_validation(form: FormDef, col: Column, plain: Validation, cells: dict[str, str]) -> Validation:
    """The column's plain rule with its row's cross-check (CROSS_RULES); `cells` are the first data row's
    cells by field (C5 …), the rule being written for that row as Excel expects."""
    formula, also, error = CROSS_RULES[(form.key, col.field)]
    return Validation("custom", plain.title, plain.message, f"{plain.describe}，{also}",
                      error=error, formula=formula.format(c=cells[col.field], **cells))


UNITS_SHEET = "单位名单"  # a hidden sheet holding the units when they are too many for a list in the rule


def units_in_cells(units: Sequence[str]) -> bool:
    """Too many units, or a name with a comma or a double quote (written as it is, "汇龙镇,"新"港镇" made Excel drop
    the rule with a repair prompt; audit of Excel's limits), for the list in the rule: the drop-down reads
    UNITS_SHEET."""
    return len(",".join(units)) > MAX_LIST or any("," in u or '"' in u for u in units)


def unit_validation(title: str, hint: str, units: Sequence[str]) -> Validation:
    """The configured units as a drop-down ('warning': another name can still be kept), else a hint. A district of
    40 units had no drop-down at all, silently (blind audit): those lists are kept on a hidden sheet."""
    units = tuple(units)
    if not units:
        return Validation("any", title, hint, "单位名称")
    many = units_in_cells(units)
    return Validation("list", title, _join(hint, "可从下拉列表选择"), "单位名称", source=() if many else units,
                      error_type="warning", error="该名称不在配置的单位名单中，确认无误请点“是”",
                      cells=f"'{UNITS_SHEET}'!$A$1:$A${len(units)}" if many else "")


# ---- the workbook ---------------------------------------------------------------------------------------


def default_name(kind: TemplateKind, unit: str = "", period: str = "") -> str:
    from .service import safe_name

    return "_".join(safe_name(p) for p in (unit, period) if p) + ("_" if unit or period else "") + FILE_NAMES[kind]


def _width(text: str) -> int:
    """Display width of a label (CJK characters count double), plus one."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) + 1


def _span(widths: Sequence[float], start: int, need: float) -> int | None:
    """Last column of the shortest run from `start` at least `need` wide; None when it does not fit."""
    total = 0.0
    for c in range(start, len(widths)):
        total += widths[c]
        if total >= need:
            return c
    return None


def _span_left(widths: Sequence[float], end: int, need: float) -> int:
    total = 0.0
    for c in range(end, -1, -1):
        total += widths[c]
        if total >= need:
            return c
    return 0


class _Formats:
    def __init__(self, wb: Any) -> None:
        self.st = Styles(wb)
        base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}
        cell = {**base, "border": 1, "text_wrap": True, "locked": False}
        self.text = wb.add_format({**cell, "num_format": "@"})
        self.text_center = wb.add_format({**cell, "num_format": "@", "align": "center"})
        self.number = wb.add_format({**cell, "num_format": "0", "align": "center"})
        self.date = wb.add_format({**cell, "num_format": "yyyy-mm-dd", "align": "center"})
        self.auto = wb.add_format({**base, "border": 1, "align": "center", "num_format": "0.0", "bg_color": AUTO_FILL})
        self.helper = wb.add_format({**base, "border": 1, "align": "center", "bold": True, "bg_color": AUTO_FILL})
        self.helper_head = wb.add_format({**base, "bold": True, "border": 1, "align": "center", "text_wrap": True,
                                          "bg_color": AUTO_FILL})
        self.label = wb.add_format({**base, "font_size": 11, "align": "right"})
        line = {**base, "font_size": 11, "bottom": 1, "locked": False, "align": "left"}
        self.line_text = wb.add_format({**line, "num_format": "@"})
        self.line_date = wb.add_format({**line, "num_format": "yyyy-mm-dd"})
        self.underrated = wb.add_format({"bg_color": SEVERITY_FILL[Severity.ERROR], "font_color": "#9C0006",
                                         "bold": True})
        self.overrated = wb.add_format({"bg_color": SEVERITY_FILL[Severity.WARNING], "font_color": "#9C5700"})
        self.level = {lvl: wb.add_format({"bg_color": lvl.color}) for lvl in LISTED_LEVELS}

    def data(self, col: Column) -> Any:
        if col.kind in (Kind.INT, Kind.SEQ):
            return self.number
        if col.kind == Kind.DATE:
            return self.date
        if col.kind == Kind.PERCENT:
            return self.auto
        if col.kind in (Kind.LEVEL, Kind.ANSWER_NA, Kind.POINTS, Kind.MEASURES) or (
                col.kind == Kind.ANSWER and not col.asked):
            return self.text_center
        return self.text


class _TemplateSheet:
    """One form laid out as the seed prints it, with input cells unlocked and validated."""

    def __init__(self, wb: Any, fm: _Formats, form: FormDef, unit: str, period: str, units: Sequence[str]) -> None:
        self.ws = wb.add_worksheet(form.sheet_name)
        self.fm = fm
        self.st = fm.st
        self.form = form
        self.unit = unit
        self.period = period
        self.units = units
        self.widths = [c.width for c in form.columns]
        self.n = len(form.columns)
        self.row = 0
        self.unit_row = 0
        self.header_row = 0
        self.data_start = 0
        self.data_end = 0

    # -- helpers

    def _put(self, r: int, c0: int, c1: int, value: str, fmt: Any) -> None:
        if c1 > c0:
            self.ws.merge_range(r, c0, r, c1, value, fmt)
        elif value:
            self.ws.write_string(r, c0, value, fmt)
        else:
            self.ws.write_blank(r, c0, None, fmt)

    def _validate(self, r0: int, c0: int, r1: int, c1: int, v: Validation) -> None:
        if self.ws.data_validation(r0, c0, r1, c1, v.options()) != 0:
            raise ValueError(f"xlsxwriter refused the validation of {self.form.label} {v.title}")

    def _date_validation(self, label: str) -> Validation:
        when = f"报告期：{period_label(self.period)}；" if self.period else ""
        example = f"{self.period}-15" if self.period else "2022-06-15"  # a date in the period, not always June's
        return Validation("date", label, f"{when}填报送日期，如 {example}", "日期", minimum=DATE_MIN,
                          maximum=DATE_MAX, error=DATE_ERROR)

    # -- layout

    def write(self) -> None:
        form, ws, st = self.form, self.ws, self.st
        for i, w in enumerate(self.widths):
            ws.set_column(i, i, w)
        if form.number:
            ws.write_string(self.row, 0, f"附件{form.number}：", st.label)
            self.row += 1
        title = form.title + (f"（{period_label(self.period)}）" if self.period else "")
        ws.merge_range(self.row, 0, self.row, self.n - 1, title, st.title)
        ws.set_row(self.row, 30)
        self.row += 1
        self._unit_line()
        if form.key == "F4":
            ws.write_string(self.row, self.n - 1, "单位：个", st.unit)
            self.row += 1
        self._header()
        self._data()
        self.row = self.data_end + 2  # one blank row, as the seed
        if form.key == "F4":  # 说明 right under the table, then the signatures (as writer.py)
            self._notes()
            self.row += 1
            self._footer(form.footer[:3])
        else:
            self._footer(form.footer)
            self.row += 1
            self._notes()
        self._finish()

    def _unit_line(self) -> None:
        r, w, fm = self.row, self.widths, self.fm
        self.unit_row = r
        label = self.form.unit_label
        l1 = _span(w, 0, _width(label)) or 0
        v0 = l1 + 1
        v1 = _span(w, v0, UNIT_VALUE_WIDTH)
        if self.form.key == "F4":
            date_label = f"{self.form.footer[3]}："
            d0 = _span_left(w, self.n - 1, FOOTER_VALUE_WIDTH)
            dl0 = _span_left(w, d0 - 1, _width(date_label))
            v1 = min(v1 if v1 is not None else dl0 - 1, dl0 - 2)
            self._put(r, dl0, d0 - 1, date_label, fm.label)
            self._put(r, d0, self.n - 1, "", fm.line_date)
            self._validate(r, d0, r, d0, self._date_validation(self.form.footer[3]))
        if v1 is None:
            v1 = self.n - 1
        self._put(r, 0, l1, label, fm.label)
        self._put(r, v0, v1, self.unit, fm.line_text)
        self._validate(r, v0, r, v0, unit_validation("填报单位", "填写本单位（区镇、街道）名称", self.units))
        self.ws.set_row(r, 22)
        self.row += 1

    def _header(self) -> None:
        ws, st, r = self.ws, self.st, self.row
        cols = self.form.columns
        self.header_row = r
        if self.form.header_rows == 2:
            write_two_row_header(ws, cols, r, st.header)
            ws.set_row(r, 30)
            ws.set_row(r + 1, self._header_height(c for c in cols if c.group))
            self.row += 2
        else:
            for i, col in enumerate(cols):
                ws.write_string(r, i, col.header, st.header)
            ws.set_row(r, self._header_height(cols))
            self.row += 1

    @staticmethod
    def _header_height(cols: Iterable[Column]) -> float:
        """Tall enough for the longest wrapped header (LibreOffice and WPS do not autofit)."""
        return max([48.0] + [13.5 * _lines(c.header, c.width) + 8 for c in cols])

    def _data(self) -> None:
        ws, fm, form = self.ws, self.fm, self.form
        n_rows = DATA_ROWS[form.key]
        first = self.data_start = self.row
        last = self.data_end = first + n_rows - 1
        letters = {c.field: _letter(i) for i, c in enumerate(form.columns)}
        for k in range(n_rows):
            r = first + k
            for i, col in enumerate(form.columns):
                fmt = fm.data(col)
                if col.kind == Kind.SEQ:
                    ws.write_number(r, i, k + 1, fmt)
                elif col.kind == Kind.PERCENT and form.key == "F1":
                    ws.write_formula(r, i, percent_formula(letters["total"], letters["checked"], r + 1), fmt, "")
                elif self.unit and (form.key, col.field) in (("F1", "township"), ("F4", "label")):
                    ws.write_string(r, i, self.unit, fmt)
                else:
                    ws.write_blank(r, i, None, fmt)
            # no row keeps a fixed height: Excel, WPS and LibreOffice grow them with wrapped text (a fixed 18 points
            # cut “C.未经登记…” to its middle line on screen and on paper; 附件1's fixed 45 cut a long 是，组长：… —
            # template audits)
        cells = {c.field: f"{_letter(i)}{first + 1}" for i, c in enumerate(form.columns)}
        for i, col in enumerate(form.columns):
            v = validation_for(form, col, self.units)
            if v is not None and (form.key, col.field) in CROSS_RULES:
                v = cross_validation(form, col, v, cells)
            if v is not None:
                self._validate(first, i, last, i, v)
        if form.key == "F2":
            self._level_helper(first, last, letters)
        self.row = last + 1

    def _level_helper(self, first: int, last: int, letters: dict[str, str]) -> None:
        """附件2: the level the points give, after a spacer column, and the declared level coloured when it
        differs (red: lower, an error; yellow: higher, to be explained with 15.其他)."""
        ws, fm = self.ws, self.fm
        spacer, hc = self.n, self.n + 1
        ws.set_column(spacer, spacer, SPACER_WIDTH)
        ws.set_column(hc, hc, HELPER_WIDTH)
        # The caption sits in the 填报单位 row: a text in the header row would be an extra column (COLUMN_UNKNOWN).
        ws.write_string(self.unit_row, hc, HELPER_TITLE, fm.helper_head)
        ws.write_blank(self.header_row, hc, None, fm.helper_head)
        for r in range(first, last + 1):
            ws.write_formula(r, hc, level_formula(f"{letters['points']}{r + 1}"), fm.helper, "")
        v = Validation("any", _title(HELPER_TITLE), _join(
            "按左侧“风险隐患点”自动得出（" + "；".join(
                f"{lvl.label}{min(_points_of(lvl))}-{max(_points_of(lvl))}" for lvl in _level_order()) + "，取最高）",
            "“风险隐患等级”低于此等级时变红，须改正；高于此等级时变黄，如另有风险请在风险隐患点“15.其他：”后写明实际情形",
            "只识别编号（如 1、7），其他写法以市局校验结果为准"), "填写提示")
        self._validate(first, hc, last, hc, v)
        for lvl in LISTED_LEVELS:
            ws.conditional_format(first, hc, last, hc, {"type": "cell", "criteria": "==", "value": f'"{lvl.label}"',
                                                        "format": fm.level[lvl]})
        lc = self.form.columns.index(self.form.column("level"))
        lv, hl = f"${_letter(lc)}{first + 1}", f"${_letter(hc)}{first + 1}"
        order = "".join(lvl.label for lvl in _level_order())
        declared = f'IFERROR(FIND(LEFT({lv},1),"{order}"),0)'
        computed = f'FIND({hl},"{order}")'
        base = f'{lv}<>"",{hl}<>""'
        ws.conditional_format(first, lc, last, lc, {"type": "formula", "criteria": f"=AND({base},{declared}<{computed})",
                                                    "format": fm.underrated, "stop_if_true": True})
        ws.conditional_format(first, lc, last, lc, {"type": "formula", "criteria": f"=AND({base},{declared}>{computed})",
                                                    "format": fm.overrated})

    def _footer(self, labels: Iterable[str]) -> None:
        """填报人 / 负责人 / 电话 / 填报日期: a right-aligned label and an unlocked value cell each, wrapped to a
        second row when the form is too narrow (附件2)."""
        ws, fm, w = self.ws, self.fm, self.widths
        r, c = self.row, 0
        for name in labels:
            text = f"{name}："
            while True:
                l1 = _span(w, c, _width(text))
                v1 = _span(w, l1 + 1, FOOTER_VALUE_WIDTH) if l1 is not None and l1 + 1 < self.n else None
                if v1 is not None or c == 0:
                    break
                r, c = r + 1, 0
            if l1 is None or v1 is None:  # a form too narrow for even one pair: label and value share the row end
                l1 = min(l1 if l1 is not None else self.n - 2, self.n - 2)
                v1 = self.n - 1
            is_date = name == self.form.footer[3]
            self._put(r, c, l1, text, fm.label)
            self._put(r, l1 + 1, v1, "", fm.line_date if is_date else fm.line_text)
            if is_date:
                self._validate(r, l1 + 1, r, l1 + 1, self._date_validation(name))
            ws.set_row(r, 22)
            c = v1 + 1
        self.row = r + 1

    def _notes(self) -> None:
        ws, st = self.ws, self.st
        text = self.form.notes or (facility_notes() if self.form.key == "FAC" else "")
        if not text:
            return
        total_width = sum(self.widths)
        for line in text.split("\n"):
            ws.merge_range(self.row, 0, self.row, self.n - 1, line, st.notes)
            ws.set_row(self.row, 13.5 * _lines(line, total_width) + 2)
            self.row += 1

    def _finish(self) -> None:
        ws, form = self.ws, self.form
        ws.freeze_panes(self.data_start, 0)
        ws.repeat_rows(self.header_row, self.data_start - 1)
        ws.print_area(0, 0, self.row - 1, self.n - 1)  # 附件2's helper column is not printed
        if form.landscape:
            ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer(PAGE_FOOTER)
        # No password: the clerk may lift it (审阅 → 撤销工作表保护), but nobody retypes a header by accident.
        ws.protect("", {"format_cells": True, "format_columns": True, "format_rows": True, "insert_rows": True,
                        "delete_rows": True, "select_locked_cells": True, "select_unlocked_cells": True})


def _letter(c: int) -> str:
    from .reader import col_letter

    return col_letter(c)


def percent_formula(total: str, checked: str, row: int) -> str:
    """附件1 已排查占比（%） of one row: checked ÷ total × 100, one decimal; empty until both are numbers."""
    t, c = f"{total}{row}", f"{checked}{row}"
    return f'=IF(AND(ISNUMBER({t}),ISNUMBER({c})),IF({t}>0,ROUND({c}/{t}*100,1),""),"")'


# Separators people put between point numbers; each becomes a comma before the numbers are searched.
_SEPARATORS = ("，", "、", "；", ";", "　", " ", "第", "项", "和", "及")


_OTHER_STARTS = ("其他", "其它", "15.", "15．", "15、", "15：", "15:")


def level_formula(points: str) -> str:
    """Excel formula: the level the numbers in the points cell give (附件2 填报说明四), "" when none does.

    Only numbers separated by commas, 、 or spaces are recognised (1、7 / 1,7 / 第1、7项); `check` reads more.
    """
    # the numbers of 15.其他's own description (近 10 年内 3 次更名) are no points: only the text before it is read
    cut = "MIN(" + ",".join(f'FIND("{w}",{points}&"{w}")' for w in _OTHER_STARTS) + ")"
    s = f"LEFT({points},{cut}-1)"
    for sep in _SEPARATORS:
        s = f'SUBSTITUTE({s},"{sep}",",")'
    s = f'","&{s}&","'
    branch = '""'
    for lvl in _level_order():  # innermost 黄, outermost 红
        needles = ",".join(f'",{p},"' for p in _points_of(lvl))
        branch = f'IF(SUMPRODUCT(--ISNUMBER(SEARCH({{{needles}}},{s})))>0,"{lvl.label}",{branch})'
    return f'=IF(TRIM({points})="","",{branch})'


def facility_notes() -> str:
    """填报说明 of the facility sheet, from the forms' own hints (the sheet names points only by number)."""
    return _join(
        "填报说明",
        "一、类别",
        F2.column("category").hint,
        f"二、风险隐患点（每项填“{YES}”或“{NO}”，可写成“{YES}，具体情况”；选15须写明具体情形）",
        *POINT_NOTES.split("\n"),  # the notice's own wording, as on 附件2
        "三、风险隐患等级",
        F2.column("level").hint,
    )


def write_template(target: Path, kind: TemplateKind = TemplateKind.submission, unit: str = "", period: str = "",
                   units: Sequence[str] = ()) -> Path:
    """Write the blank workbook atomically; returns its path. Same arguments, same bytes."""
    import xlsxwriter

    from .safety import atomic_path
    from .xlsxfast import close_workbook, part_files

    with atomic_path(target) as tmp, part_files() as parts:
        wb = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False, "strings_to_numbers": False,
                                            "strings_to_urls": False, "tmpdir": parts})
        what = "附件1–4" if kind == TemplateKind.submission else FAC.title
        wb.set_properties({"title": f"{unit}{period}{what}填报模板", "author": "yanglao", "created": FIXED_TIME,
                           "comments": "yanglao template"})
        wb.set_custom_property("yanglao", "template")
        fm = _Formats(wb)
        for form in FORMS[kind]:
            _TemplateSheet(wb, fm, form, unit, period, units).write()
        if units and units_in_cells(units):
            listed = wb.add_worksheet(UNITS_SHEET)
            for i, name in enumerate(units):
                listed.write_string(i, 0, name)
            listed.hide()
        close_workbook(wb, target)
    return target


# ---- check --template -----------------------------------------------------------------------------------


SUBMISSION_KEYS = frozenset(f.key for f in FORMS[TemplateKind.submission])


def check_template(path: Path, display: str | None = None) -> list[Finding]:
    """A blank template as it must be: every form, canonical headers, the data validations of every column.

    FORM_NOT_FOUND for a missing form, COLUMN_MISSING for a header that is not exactly the definition's,
    VALUE_INVALID for a missing (or whole-column) validation; FILE_UNREADABLE when it cannot be opened.
    """
    from . import reader, safety

    display = display or str(path)
    try:
        if safety.sniff(path) == "zip":
            safety.inspect_zip(path, deep=True)  # openpyxl reads it below, recursively: bound every part first
        wb = reader.open_workbook(path, display)
        sheets, _ = reader.scan(wb)
    except safety.Unreadable as e:
        return [make(Code.FILE_UNREADABLE, file=display, reason=str(e))]
    found: dict[str, FormSheet] = {}
    for scanned in sheets:
        found.setdefault(scanned.form.key, scanned)
    if not found:
        return [make(Code.FORM_NOT_FOUND, file=display, reason="文件中没有附件1–4或排查表的表头")]
    kind = TemplateKind.facility if "FAC" in found and not SUBMISSION_KEYS & set(found) else TemplateKind.submission
    out: list[Finding] = []
    for form in FORMS[kind]:
        if form.key not in found:
            out.append(make(Code.FORM_NOT_FOUND, file=display, reason=f"模板缺少{form.label}（{form.title}）"))
    try:
        import openpyxl

        with warnings.catch_warnings():  # openpyxl's English notes on odd parts are not for the clerk's console
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(path)  # not read-only: data validations are only read this way
    except Exception as e:  # not an .xlsx openpyxl can open
        # (a template saved as .xls/.ods by LibreOffice or WPS: said plainly, without the exception's name; audit)
        why = f"它是{path.suffix.lower()}文件" if path.suffix.lower() in (".xls", ".ods", ".et", ".xlsb") \
            else f"文件无法按 .xlsx 打开：{type(e).__name__}"
        out.append(make(Code.FILE_UNREADABLE, file=display,
                        reason=f"无法读取数据有效性（{why}），模板须为 .xlsx，请另存为 .xlsx 后再校验"))
        return out
    for form in FORMS[kind]:
        fs = found.get(form.key)
        if fs is not None:
            base = _base_column(fs)
            out.extend(_check_headers(fs, base))
            out.extend(_check_validations(fs, book[fs.sheet], base))
    return out


def _base_column(fs: FormSheet) -> int:
    """Column of the form's first column: the offset most matched headers agree on."""
    index = {c.field: i for i, c in enumerate(fs.form.columns)}
    offsets = Counter(c - index[f] for f, c in sorted(fs.match.columns.items(), key=lambda kv: kv[1]))
    return max(offsets.most_common(1)[0][0], 0)


def _check_headers(fs: FormSheet, base: int) -> list[Finding]:
    from .reader import ref

    out: list[Finding] = []
    form, grid, top = fs.form, fs.grid, fs.match.header_row
    for i, col in enumerate(form.columns):
        c = base + i
        wanted = [(top, col.group), (top + 1, col.header)] if form.header_rows == 2 and col.group else [(top, col.header)]
        for r, text in wanted:
            got = grid.get(r, c)
            if got != text:
                f = make(Code.COLUMN_MISSING, file=fs.file, sheet=fs.sheet, cell=ref(r, c), row=r + 1,
                         form=form.label, column=col.header)
                if got not in (None, ""):  # there, but not the definition's text
                    f = f.model_copy(update={"message": f"{form.label}的表头“{text}”被改成了“{str(got).strip()}”"
                                                        f"（{ref(r, c)}），请恢复为模板原文"})
                out.append(f)
                break
    last = base + len(form.columns) - 1
    for c, header in sorted(fs.match.unknown.items()):
        if not base <= c <= last:
            out.append(make(Code.COLUMN_UNKNOWN, file=fs.file, sheet=fs.sheet, cell=ref(top, c), row=top + 1,
                            form=form.label, column=header))
    return out


def _check_validations(fs: FormSheet, ws: Any, base: int) -> list[Finding]:
    from .reader import data_end, ref

    out: list[Finding] = []
    form, grid, m = fs.form, fs.grid, fs.match
    first, end = m.data_start, data_end(grid, m)
    seq = m.columns.get("seq")
    rows = sorted({first} | {r for r in range(first, end + 1) if seq is not None and grid.text(r, seq)})
    dvs = list(ws.data_validations.dataValidation)

    def invalid(cell: str, row: int, message: str) -> None:
        f = make(Code.VALUE_INVALID, file=fs.file, sheet=fs.sheet, cell=cell, row=row)
        out.append(f.model_copy(update={"message": message}))

    for i, col in enumerate(form.columns):
        want = validation_for(form, col)
        if want is None:
            continue
        c = base + i
        cells = [ref(r, c) for r in rows]
        if not any(_satisfies(dv, want, col, form) and all(cell in dv.sqref for cell in cells) for dv in dvs):
            span = cells[0] if len(cells) == 1 else f"{cells[0]}:{cells[-1]}"
            invalid(cells[0], rows[0] + 1,
                    f"模板{form.label}“{col.header}”列的数据行（{span}）缺少数据有效性：应为{want.describe}")
    top, bottom = m.header_row + 1, first  # the header rows, 1-based as openpyxl counts
    left, right = base + 1, base + len(form.columns)
    for dv in dvs:
        for rng in dv.sqref.ranges:
            if rng.min_col > right or rng.max_col < left:
                continue  # 附件2's helper column
            if rng.min_row <= bottom and rng.max_row >= top:
                invalid(rng.coord.split(":")[0], rng.min_row,
                        f"模板{form.label}的数据有效性 {rng.coord} 覆盖了表头，应只设在数据行")
            elif rng.max_row - rng.min_row >= 10_000:
                invalid(rng.coord.split(":")[0], rng.min_row,
                        f"模板{form.label}的数据有效性 {rng.coord} 覆盖了整列，应只设在数据行")
    return out


def _satisfies(dv: Any, want: Validation, col: Column, form: FormDef | None = None) -> bool:
    if col.kind == Kind.UNIT:  # the list depends on the configuration: a list or a hint will do
        return dv.type in ("list", None) and bool(dv.prompt)
    if form is not None and (form.key, col.field) in CROSS_RULES and dv.type == "custom":
        return bool(dv.prompt)  # the whole-number rule with its row's cross-check (templates since 2026-12)
    if dv.type != want.ooxml_type:
        return False
    if want.validate in ("list", "integer") and dv.formula1 != want.formula1:
        return False
    if want.validate == "integer" and dv.operator != "greaterThanOrEqual":
        return False
    return bool(dv.prompt) or not want.message


def template_report(paths: list[Path]) -> Report:
    """`check --template PATH...`: every template file found under the paths (UsageError for a missing one)."""
    from .inbox import find_files
    from .report import Report

    files = find_files(paths)
    findings: list[Finding] = []
    readable = 0
    for path, display in files:
        found = check_template(path, display)
        findings.extend(found)
        if not any(f.code == Code.FILE_UNREADABLE for f in found):
            readable += 1
    return Report(findings=findings, files=len(files), readable_files=readable)
