"""Disposal by level (启民发〔2022〕66号 二（二）三 and 附件3 填报说明): expected measures and 附件3 row checks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..findings import Code, Finding, make
from ..models import MEASURES, OTHER_MEASURE, OTHER_POINT, F3Record, RiskLevel, YesNo
from . import Ctx
from .levels import PREPAYMENT_POINTS, level_of

SEED = "启民发〔2022〕66号"


@dataclass(frozen=True)
class Expected:
    measure: int
    reason: str
    clause: str
    alternatives: tuple[int, ...] = ()  # any of these satisfies it

    def satisfied_by(self, measures: Iterable[int]) -> bool:
        ms = set(measures)
        return self.measure in ms or bool(ms & set(self.alternatives))


def expected_measures(level: RiskLevel, points: Iterable[int], fundraising: bool | None = None) -> list[Expected]:
    """Measures the seed expects for a level and points (启民发〔2022〕66号 二（二）三)."""
    pts = set(points)
    out: dict[int, Expected] = {}

    def add(e: Expected) -> None:
        out.setdefault(e.measure, e)

    if level == RiskLevel.YELLOW:
        add(Expected(1, "黄色名单", f"{SEED} 二（二）三：纳入黄色名单的，要做好风险提示"))
        add(Expected(2, "黄色名单", f"{SEED} 二（二）三：增加抽查检查频次"))
    if level == RiskLevel.ORANGE:
        add(Expected(3, "橙色名单", f"{SEED} 二（二）三：纳入橙色名单的，警示约谈其主要负责人"))
        add(Expected(4, "橙色名单", f"{SEED} 二（二）三：责令整改"))
        prepay = sorted(pts & PREPAYMENT_POINTS)
        if prepay:
            add(Expected(6, f"橙色名单且含预付费风险点{'、'.join(map(str, prepay))}", f"{SEED} 二（二）三：督促清退资金"))
    if level == RiskLevel.RED and 11 in pts:
        add(Expected(7, "红色名单且涉嫌犯罪（风险隐患点11）", f"{SEED} 二（二）三：对涉嫌犯罪的，移送司法机关依法处理"))
    if 9 in pts:
        add(Expected(8, "未经登记、无大额预付费（风险隐患点9）",
                     f"{SEED} 二（二）三：运营比较平稳，没有收取大额预付费的，督促其尽快办理登记"))
    if 10 in pts:
        add(Expected(6, "未经登记、收取大额预付费（风险隐患点10）", f"{SEED} 二（二）三：责令退还资金"))
        add(Expected(5, "未经登记、收取大额预付费（风险隐患点10）",
                     f"{SEED} 二（二）三：协同登记管理机关、市场监管部门联合执法查处，该关停的予以关停",
                     alternatives=(5, 9, 10)))
    return [out[k] for k in sorted(out)]


def is_resolved(rec: F3Record) -> bool:
    """存量风险已化解: 是, with at least one criterion 1–11 (附件3 填报说明三)."""
    return rec.resolved is not None and rec.resolved.value == YesNo.YES and bool(rec.criteria.items)


def check_f3_row(rec: F3Record, level: RiskLevel | None, ctx: Ctx) -> list[Finding]:
    """Row checks of 附件3 (启民发〔2022〕66号 二（二）三；附件3 填报说明): CLUE_NOT_REPORTED,
    FUNDRAISING_NOT_ESCALATED, MEASURE_MISSING, POINT_OTHER_UNDESCRIBED, CASE_DATE_MISSING, DATE_IN_FUTURE,
    RESOLVED_NO_CRITERION."""
    out: list[Finding] = []
    loc = {"file": rec.file, "sheet": rec.sheet, "row": rec.row, "unit": ctx.unit, "facility": rec.name}
    pts = set(rec.points.items)
    lvl = level if level is not None else level_of(pts)
    if lvl in (RiskLevel.ORANGE, RiskLevel.RED) and "clue" not in rec.invalid \
            and not (rec.clue is not None and rec.clue.value == YesNo.YES):
        out.append(make(Code.CLUE_NOT_REPORTED, cell=rec.cell("clue"), level=lvl.long_label, **loc))
    if lvl == RiskLevel.RED and 11 in pts and "fundraising" not in rec.invalid \
            and not (rec.fundraising is not None and rec.fundraising.value == YesNo.YES):
        value = rec.fundraising.value.label if rec.fundraising is not None else "空"
        out.append(make(Code.FUNDRAISING_NOT_ESCALATED, cell=rec.cell("fundraising"), value=value, **loc))
    if "measures" not in rec.invalid and "points" not in rec.invalid:
        for e in expected_measures(lvl, pts):
            if not e.satisfied_by(rec.measures.items):
                name = MEASURES[e.measure]
                if e.alternatives:
                    name = "、".join(f"{a}.{MEASURES[a][:12]}" for a in e.alternatives) + "之一"
                out.append(make(Code.MEASURE_MISSING, cell=rec.cell("measures"), basis=e.reason,
                                measure=f"{e.measure}.{name}" if not e.alternatives else name,
                                clause=e.clause, **loc))
    if OTHER_MEASURE in rec.measures.items and not rec.measures.other_text:
        out.append(make(Code.POINT_OTHER_UNDESCRIBED, cell=rec.cell("measures"), item="11.其他规范整治措施",
                        example="11.其他：具体措施", **loc))
    if OTHER_POINT in pts and not rec.points.other_text:
        out.append(make(Code.POINT_OTHER_UNDESCRIBED, cell=rec.cell("points"), item="15.其他情形",
                        example="15.其他：具体情形", **loc))
    if rec.case is not None and rec.case.value == YesNo.YES and rec.case_date is None:
        out.append(make(Code.CASE_DATE_MISSING, cell=rec.cell("case"), **loc))
    if rec.case_date is not None and ctx.report_date is not None and rec.case_date > ctx.report_date:
        out.append(make(Code.DATE_IN_FUTURE, cell=rec.cell("case"), column="立案时间",
                        value=rec.case_date.isoformat(), report_date=ctx.report_date.isoformat(), **loc))
    if rec.resolved is not None and rec.resolved.value == YesNo.YES and not rec.criteria.items:
        out.append(make(Code.RESOLVED_NO_CRITERION, cell=rec.cell("resolved"), **loc))
    return out
