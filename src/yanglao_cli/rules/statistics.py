"""附件4 战果统计表 checks (启民发〔2022〕66号 附件4: cumulative figures)."""

from __future__ import annotations

from ..findings import Code, Finding, make
from ..forms import F4
from ..models import F4_FIELDS, F3Record, F4Record
from . import Ctx


def check_f4_row(rec: F4Record, ctx: Ctx) -> list[Finding]:
    """STATS_SUM_MISMATCH (正在整治+整治完成≠总计), STATS_CLASS_MISMATCH (三类问题之和≠总计)."""
    out: list[Finding] = []
    loc = {"file": rec.file, "sheet": rec.sheet, "row": rec.row, "unit": ctx.unit}
    if None not in (rec.ongoing, rec.done, rec.total) and rec.ongoing + rec.done != rec.total:  # type: ignore[operator]
        out.append(make(Code.STATS_SUM_MISMATCH, cell=rec.cell("total"), ongoing=rec.ongoing, done=rec.done,
                        sum=rec.ongoing + rec.done, total=rec.total, **loc))  # type: ignore[operator]
    parts = (rec.early, rec.obvious, rec.referred)
    if rec.total is not None and None not in parts and sum(parts) != rec.total:  # type: ignore[arg-type]
        out.append(make(Code.STATS_CLASS_MISMATCH, cell=rec.cell("total"), a=rec.early, b=rec.obvious, c=rec.referred,
                        sum=sum(parts), total=rec.total, **loc))  # type: ignore[arg-type]
    return out


def check_f4_decrease(old: F4Record, new: F4Record, ctx: Ctx) -> list[Finding]:
    """STATS_DECREASED: a cumulative figure fell since the previous period (all but 正在整治)."""
    out: list[Finding] = []
    for f in F4_FIELDS:
        if f == "ongoing":
            continue
        a, b = getattr(old, f), getattr(new, f)
        if a is not None and b is not None and b < a:
            out.append(make(Code.STATS_DECREASED, file=new.file, sheet=new.sheet, cell=new.cell(f), row=new.row,
                            unit=ctx.unit, column=F4.column(f).header, old=a, new=b))
    return out


def check_referrals(rec: F4Record, f3_rows: list[F3Record], ctx: Ctx) -> list[Finding]:
    """STATS_REFERRALS_BELOW: 移送司法机关 below the 附件3 rows with measure 7."""
    rows = sum(1 for r in f3_rows if 7 in r.measures)
    if rec.referred is None or rec.referred >= rows:
        return []
    return [make(Code.STATS_REFERRALS_BELOW, file=rec.file, sheet=rec.sheet, cell=rec.cell("referred"), row=rec.row,
                 unit=ctx.unit, stats=rec.referred, rows=rows)]
