"""Disposal by level (启民发〔2022〕66号 二（二）三 and 附件3 填报说明): expected measures and 附件3 row checks."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..findings import Code, Finding, Loc, make
from ..models import CRITERIA, MEASURES, OTHER_MEASURE, OTHER_POINT, Answer, F3Record, RiskLevel, YesNo
from ..normalize import find_date, under_way
from . import Ctx, as_written
from .levels import OTHER_CASE_ASKED, PREPAYMENT_POINTS, level_of, on_row

SEED = "启民发〔2022〕66号"
CLAUSE = f"{SEED} 二（二）三"
# Short names of the long measures, for "one of" messages.
SHORT_MEASURES = {9: "社会组织登记管理部门查处取缔", 10: "线索书面移交市场监管部门"}


@dataclass(frozen=True)
class Expected:
    """A measure the seed expects, why (Chinese) and the clause it comes from.

    With `alternatives`, any one of them satisfies it (point 10: one of 5, 9, 10).
    """

    measure: int
    reason: str
    clause: str
    alternatives: tuple[int, ...] = ()

    def satisfied_by(self, measures: Iterable[int]) -> bool:
        ms = set(measures)
        return self.measure in ms or bool(ms & set(self.alternatives))

    @property
    def label(self) -> str:
        """The measure as a message shows it: 3.警示约谈, or 5.停止经营活动或9.…或10.…（任选其一）."""
        if not self.alternatives:
            return f"{self.measure}.{MEASURES[self.measure]}"
        return "或".join(f"{a}.{SHORT_MEASURES.get(a, MEASURES[a])}" for a in self.alternatives) + "（任选其一）"


_YES, _NA, _RED = YesNo.YES, YesNo.NA, RiskLevel.RED  # (module names: the enum's own go through a __getattr__ hook)
_LISTED_WITH_CLUE = frozenset((RiskLevel.ORANGE, RiskLevel.RED))


def _has(ans: Answer | None) -> bool:
    return ans is not None and ans.value == _YES


def expected_measures(level: RiskLevel, points: Iterable[int], fundraising: bool | None = None) -> list[Expected]:
    """Measures the seed expects for a level and its points, sorted by measure, one per measure.

    启民发〔2022〕66号 二（二）三: 黄 → 1 风险提示、2 增加抽查检查频次; 橙 → 3 警示约谈、4 责令整改、6 督促清退资金
    (when a prepayment point 1/7/8/10/12 is present); 红 with 11 → 7 移送司法机关; 9 → 8 督促依法办理登记;
    10 → 6 and one of 5/9/10 (“清零行动”). Reporting the clue and 纳入处非机制 are not measures: see
    `check_f3_row`. `fundraising` (纳入处非机制) changes no measure; it is accepted for callers that know it.
    """
    del fundraising  # 纳入处非机制 is checked apart (FUNDRAISING_NOT_ESCALATED), never as a measure
    return list(_expected(level, frozenset(points)))


def asked_measures(level: RiskLevel, points: Iterable[int]) -> list[Expected]:
    """The measures a facility judged at `level` is asked: that level's, and where the level was declared above its
    points (红 for 7) its points' level's too — 3、4、6 went unasked, a township silencing every MEASURE_MISSING
    with one LEVEL_OVERRATED warning (audit of the rules). Not where 15 is among the points: the township declares
    that level (no LEVEL_OVERRATED; review)."""
    pts = tuple(points)
    expected = expected_measures(level, pts)
    if (derived := level_of(pts)) != level and OTHER_POINT not in pts:
        have = {e.measure for e in expected}
        expected = sorted(expected + [e for e in expected_measures(derived, pts) if e.measure not in have],
                          key=lambda e: e.measure)
    return expected


@functools.lru_cache(maxsize=4096)
def _expected(level: RiskLevel, pts: frozenset[int]) -> tuple[Expected, ...]:
    """Cached: a whole province has only a few hundred distinct (level, points) pairs."""
    out: dict[int, Expected] = {}

    def add(e: Expected) -> None:
        out.setdefault(e.measure, e)

    if level == RiskLevel.YELLOW:
        add(Expected(1, "黄色名单", f"{CLAUSE} 黄色名单：要做好风险提示"))
        add(Expected(2, "黄色名单", f"{CLAUSE} 黄色名单：增加抽查检查频次"))
    elif level == RiskLevel.ORANGE:
        add(Expected(3, "橙色名单", f"{CLAUSE} 橙色名单：警示约谈其主要负责人"))
        add(Expected(4, "橙色名单", f"{CLAUSE} 橙色名单：责令整改"))
        prepay = sorted(pts & PREPAYMENT_POINTS)
        if prepay:
            add(Expected(6, f"橙色名单且含预付费风险点{'、'.join(map(str, prepay))}",
                         f"{CLAUSE} 橙色名单：督促清退资金"))
    elif level == RiskLevel.RED and 11 in pts:
        add(Expected(7, "红色名单且涉嫌犯罪（风险隐患点11）", f"{CLAUSE} 红色名单：对涉嫌犯罪的，移送司法机关依法处理"))
    if 9 in pts:
        add(Expected(8, "未经登记、无大额预付费（风险隐患点9）",
                     f"{CLAUSE} 清零行动：运营比较平稳，没有收取大额预付费的，督促其尽快办理登记"))
    if 10 in pts:
        add(Expected(6, "未经登记、收取大额预付费（风险隐患点10）", f"{CLAUSE} 清零行动：责令退还资金"))
        add(Expected(5, "未经登记、收取大额预付费（风险隐患点10）",
                     f"{CLAUSE} 清零行动：协同社会组织登记管理机关、市场监管部门联合执法查处，该关停的予以关停",
                     alternatives=(5, 9, 10)))
    return tuple(out[k] for k in sorted(out))


def is_resolved(rec: F3Record) -> bool:
    """存量风险已化解: 是, with at least one criterion 1–11.

    启民发〔2022〕66号 附件3 填报说明三.
    """
    return _has(rec.resolved) and any(c in CRITERIA for c in rec.criteria.items)


class _Every:
    def __contains__(self, field: object) -> bool:
        return True


_EVERY_COLUMN = _Every()


def last_year_meant(text: str, when: dt.date, report: dt.date, near: int = 183) -> bool:
    """12月28日 in a January report: written without a year, it took the report's year, but it was last year
    (more than `near` days ahead cannot be meant: 7月1日 in a June report is a case date in the future; an
    inspection, done before the sheet was filled in, is never ahead: near=0)."""
    if not text or re.search(r"\d{4}", text) or (when - report).days <= near:
        return False  # the year is written (or the cell is a date), or it is near enough to be meant
    try:
        return when.replace(year=when.year - 1) <= report
    except ValueError:  # 2月29日
        return False


# answers a date may stand beside (是（6月28日已通报）): done on a day after the form was signed is no answer yet
_DATED_ANSWERS = (("clue", "通报线索"), ("fundraising", "纳入处非机制"), ("resolved", "存量风险化解"))
# a date that is a term or a plan (还款计划…12月31日前还清, 拟于6月28日), not the day a thing was done
_PLANNED = re.compile(r"前|将|拟|计划|预计|预定|到期|截至|截止|期限|约定|分期|以内|之内|日内|底|待|争取|力争")


def case_date_in_future(rec: F3Record, ctx: Ctx, said: str = "") -> list[Finding]:
    """DATE_IN_FUTURE: 立案时间 after the report date, or a date beside 是 in 通报线索, 纳入处非机制 or 化解 (是，3
    （2022年6月30日清退完毕） on a form signed 6月18日 passed; audit of the rules); `said` tells where that date
    comes from when it is not the form's own. With no report date at all, `ctx.today` (the bureau's) bounds it: no
    report can be signed later, so a date with its year written after tomorrow is in the future whatever the
    report's date (立案 2099年1月1日 on a form with no footer passed; audit of scripted workbooks). A date without
    its year is not judged so: its year is a guess."""
    report = ctx.report_date
    shown = ""
    if report is None:
        today = ctx.today
        if today is None:
            return []
        report = today + dt.timedelta(days=1)  # (a day's leeway, as for the 填报日期 itself)
        shown = f"（表上未填；今天是{today.isoformat()}）"
    out = []
    loc: Loc = {"file": rec.file, "sheet": rec.sheet, "row": rec.row, "unit": ctx.unit, "facility": rec.name}

    def judged(raw: str, when: dt.date) -> bool:
        if shown:  # (its year beside the date, not a case number's 〔2026〕; review)
            return re.search(rf"(?<!\d){when.year}(?:\s*[年./\-]|\d{{4}}(?!\d))", raw) is not None \
                or raw.startswith(when.isoformat())
        return not last_year_meant(raw, when, report)

    def signed() -> str:
        return shown or report.isoformat() + said

    if rec.case_date is not None and rec.case_date > report and judged(rec.raw.get("case", ""), rec.case_date):
        out.append(make(Code.DATE_IN_FUTURE, **loc, cell=rec.detail_cell("case"), column="立案时间",
                        value=rec.case_date.isoformat(), report_date=signed()))
    for field, column in _DATED_ANSWERS:
        raw = rec.raw.get(field, "")
        if not raw or not _has(getattr(rec, field)) or _PLANNED.search(raw):
            continue
        when = find_date(raw, report.year, dotted=False)
        if when is not None and when > report and judged(raw, when):
            cell = rec.detail_cell(field) if field == "resolved" else rec.cell(field)
            out.append(make(Code.DATE_IN_FUTURE, **loc, cell=cell, column=column, value=when.isoformat(),
                            report_date=signed()))
    return out


def _quoted_answer(written: str, answer: Answer | None) -> str:
    """A yes/no cell quoted as the township wrote it (short), else as it was read; "" where nothing was read — unlike
    rules.as_written, a long text is said by its reading (否), not cut."""
    if written and len(written) <= 20:
        return f"“{written}”"
    return f"“{answer.value.label}”" if answer is not None else ""


def check_f3_row(rec: F3Record, level: RiskLevel | None, ctx: Ctx, listed: tuple[int, ...] = (),
                 other_described: bool = False) -> list[Finding]:
    """Row checks of 附件3: CLUE_NOT_REPORTED, FUNDRAISING_NOT_ESCALATED, MEASURE_MISSING, POINT_OTHER_UNDESCRIBED,
    CASE_DATE_MISSING, DATE_IN_FUTURE, RESOLVED_NO_CRITERION.

    启民发〔2022〕66号 二（二）三；附件3 填报说明一、二、三. `level` is the facility's level from 附件2; when None, the
    level of the row's own points. `listed`: the facility's points on 附件2; where the two forms differ
    (POINTS_DIFFER), a point either gives calls for its level's and its own measures — 附件2's 11 is not forgotten
    because 附件3 says 13, nor 附件3's 11 because 附件2 says 1. `other_described`: 附件2's row describes its 15 (in
    its points or its 备注): 附件3 repeating a bare 15 for it describes nothing less.
    """
    out: list[Finding] = []
    loc: Loc = {"file": rec.file, "sheet": rec.sheet, "row": rec.row, "unit": ctx.unit, "facility": rec.name}
    own = set(rec.points.items)
    pts = own | set(listed)
    # 附件3's own 11 is 红 too (附件2's points are already in `level`)
    lvl = level_of(pts) if level is None else max(level, level_of(own)) if own - set(listed) else level

    # a column the sheet lacks is one COLUMN_MISSING, not a finding on every row (a record that knows no
    # cells at all was built by hand, not read: every column counts as present)
    cols = rec.columns or rec.cells or _EVERY_COLUMN
    # 橙/红: 及时向属地人民政府和政法机关进行线索通报
    blank_clue = rec.clue is None and not rec.raw.get("clue")  # VALUE_REQUIRED too, but the rule speaks first
    if lvl in _LISTED_WITH_CLUE and ("clue" not in rec.invalid or blank_clue) and not _has(rec.clue) \
            and "clue" in cols:
        # (what the cell says, as FUNDRAISING_NOT_ESCALATED does: 否, 有待通报 and a blank read alike; audit of messages)
        said = _quoted_answer(rec.raw.get("clue", ""), rec.clue)
        out.append(make(Code.CLUE_NOT_REPORTED, cell=rec.cell("clue"), level=lvl.long_label,
                        value=f"填{said}" if said else "未填", **loc))
    # 红 + 11: 属于非法集资的同步纳入属地防范和处置非法集资工作机制. 不涉及 says it is not illegal fundraising
    # (SPEC: the column allows not-applicable); 否 or blank is reported, a warning
    if lvl == _RED and 11 in pts and "fundraising" not in rec.invalid and not _has(rec.fundraising) \
            and not (rec.fundraising is not None and rec.fundraising.value == _NA) \
            and "fundraising" in cols:
        # as the cell says it (待定, 拟纳入 are read as 否; “空” as what was typed; audit of messages)
        said = _quoted_answer(rec.raw.get("fundraising", ""), rec.fundraising)
        out.append(make(Code.FUNDRAISING_NOT_ESCALATED, cell=rec.cell("fundraising"),
                        value=f"为{said}" if said else "未填写", **loc))
    # 分级分类处置的措施
    # (a blank cell is VALUE_REQUIRED too, as a blank 通报线索 is: each expected measure is still absent — SPEC)
    blank_measures = not rec.measures.items and not rec.raw.get("measures")
    if ("measures" not in rec.invalid or blank_measures) and ("points" not in rec.invalid or listed) \
            and "measures" in cols:
        written = (rec.raw.get("measures") or "、".join(map(str, rec.measures.items))).strip()
        written = f"现填“{written if len(written) <= 30 else written[:29] + '…'}”" if written else "未填"
        for e in asked_measures(lvl, pts):
            if not e.satisfied_by(rec.measures.items):
                out.append(make(Code.MEASURE_MISSING, cell=rec.cell("measures"), basis=e.reason, measure=e.label,
                                clause=e.clause, written=written, **loc))
    # 11.其他规范整治措施（需具体明确）；15.其他情形
    if OTHER_MEASURE in rec.measures.items and not rec.measures.other_text.strip():
        at = rec.other_cell("measures")
        out.append(make(Code.POINT_OTHER_UNDESCRIBED, cell=at, item="11.其他规范整治措施",
                        example="写成“11.其他：”加实际采取的措施，如“11.其他：约谈法定代表人并限期整改”",
                        **on_row(loc, at)))
    if OTHER_POINT in own and not rec.points.other_text.strip() and not (other_described and OTHER_POINT in listed):
        at = rec.other_cell("points")
        out.append(make(Code.POINT_OTHER_UNDESCRIBED, cell=at, item="15.其他情形", example=OTHER_CASE_ASKED,
                        **on_row(loc, at)))
    # 是否立案及立案时间
    if _has(rec.case) and rec.case_date is None:
        out.append(make(Code.CASE_DATE_MISSING, cell=rec.detail_cell("case"), **loc))
    out += case_date_in_future(rec, ctx)
    # 存量风险已化解: 符合 1–11 中一项或者多项情形
    if _has(rec.resolved) and not any(c in CRITERIA for c in rec.criteria.items):
        said = as_written(rec.raw.get("resolved", ""), rec.resolved)
        found = make(Code.RESOLVED_NO_CRITERION, cell=rec.detail_cell("resolved"), said=said, **loc)
        if under_way(rec.raw.get("resolved", "")):
            # 是，4（取缔中）: the criterion is written, its step not done — asked to write 是，4 it was let through
            # before the site was closed (blind audit of the send-back loop)
            found = found.model_copy(update={"message": (
                f"存量风险填了“{said}”，所写的化解情形还在进行中（未完成），不算已化解；完成前请填“否”，完成后再写成"
                "“是”加情形编号（如“是，4”）")})
        out.append(found)
    return out

