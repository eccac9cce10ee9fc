"""附件4 战果统计表 checks (启民发〔2022〕66号 附件4: cumulative figures of the campaign)."""

from __future__ import annotations

from typing import cast

from ..findings import Code, Finding, Loc, make
from ..forms import F4
from ..models import F4_FIELDS, F3Record, F4Record
from . import Ctx

# 正在整治 falls as 整治完成 rises; every other figure is cumulative.
NOT_CUMULATIVE = frozenset({"ongoing"})


def sum_mismatch(ongoing: int | None, done: int | None, total: int | None) -> bool:
    """正在整治 + 整治完成 ≠ 总计, all three given (STATS_SUM_MISMATCH; the consolidated 合计 names such rows)."""
    return ongoing is not None and done is not None and total is not None and ongoing + done != total


def check_f4_row(rec: F4Record, ctx: Ctx) -> list[Finding]:
    """Row checks of 附件4: STATS_SUM_MISMATCH (正在整治 + 整治完成 ≠ 总计), STATS_CLASS_MISMATCH
    (苗头性 + 明显问题 + 移送司法 ≠ 总计).

    启民发〔2022〕66号 附件4（问题数：正在整治、整治完成、总计；三类问题）.
    """
    out: list[Finding] = []
    loc: Loc = {"file": rec.file, "sheet": rec.sheet, "row": rec.row, "unit": ctx.unit}
    ongoing, done, total = rec.ongoing, rec.done, rec.total
    if sum_mismatch(ongoing, done, total):  # all three given
        out.append(make(Code.STATS_SUM_MISMATCH, cell=rec.cell("total"), ongoing=ongoing, done=done,
                        sum=cast(int, ongoing) + cast(int, done), total=total, **loc))
    early, obvious, referred = rec.early, rec.obvious, rec.referred
    if total is not None and early is not None and obvious is not None and referred is not None \
            and early + obvious + referred != total:
        # the total agreeing with 正在整治 + 整治完成 is right: the classes are to change (a clerk told only that they
        # differ changed the total, and then it disagreed with the other sum; audit of messages)
        fix = (f"总计与“正在整治 + 整治完成”相符，请改正三类问题数，使其之和为{total}"
               if ongoing is not None and done is not None and ongoing + done == total
               else "三类问题数之和应等于总计，请改正")
        out.append(make(Code.STATS_CLASS_MISMATCH, cell=rec.cell("total"), a=early, b=obvious, c=referred,
                        sum=early + obvious + referred, total=total, fix=fix, **loc))
    return out


def _class_mismatch(rec: F4Record) -> bool:
    """苗头性 + 明显问题 + 移送司法 ≠ 总计, all four given (STATS_CLASS_MISMATCH)."""
    parts = (rec.early, rec.obvious, rec.referred)
    return rec.total is not None and None not in parts and sum(cast(tuple[int, int, int], parts)) != rec.total


def _mended(old: F4Record, new: F4Record) -> frozenset[str]:
    """Figures the earlier report had wrong by its own sums (STATS_SUM_MISMATCH / STATS_CLASS_MISMATCH said so then)
    that the later one mends, its own sums right: lowering them so is the correction, not a cumulative figure gone
    down (总计 6 of 2 + 3 mended to 5 was told to go back up to 6; audit of the codes). A figure is excused where it
    is no lower than what last period's other figures give (that, not negative: the typo mended, with a month's
    work on top) — 总计 by 正在整治 + 整治完成, or by the kinds where those were blank; 整治完成 by 总计 − 正在整治; a
    kind by 总计 less the other two. Any other fall is said (five reviews)."""
    sum_wrong, kinds_wrong = sum_mismatch(old.ongoing, old.done, old.total), _class_mismatch(old)
    parts_given = new.ongoing is not None and new.done is not None
    sum_right = parts_given and new.total is not None and not sum_mismatch(new.ongoing, new.done, new.total)
    kinds_right = new.total is not None and None not in (new.early, new.obvious, new.referred) \
        and not _class_mismatch(new)
    floors: dict[str, int] = {}
    if sum_wrong:
        ongoing, done, total = cast(int, old.ongoing), cast(int, old.done), cast(int, old.total)
        floors["total"] = ongoing + done
        if sum_right:
            floors["done"] = total - ongoing
    elif kinds_wrong and (old.ongoing is None or old.done is None) and not parts_given:
        floors["total"] = cast(int, old.early) + cast(int, old.obvious) + cast(int, old.referred)
    if "total" in floors and not (sum_right or not parts_given and kinds_right):
        del floors["total"]  # (总计 still off its own parts now: not mended)
    if kinds_wrong and kinds_right:
        total, kinds = cast(int, old.total), {f: cast(int, getattr(old, f)) for f in ("early", "obvious", "referred")}
        floors.update({f: total - (sum(kinds.values()) - v) for f, v in kinds.items()})
    return frozenset(f for f, floor in floors.items() if floor >= 0 and (now := getattr(new, f)) is not None
                     and now >= floor)


def check_f4_decrease(old: F4Record, new: F4Record, ctx: Ctx) -> list[Finding]:
    """STATS_DECREASED: a cumulative figure fell since the previous period (all but 正在整治).

    启民发〔2022〕66号 附件4 说明：填报此次专项行动累计数据.
    """
    out: list[Finding] = []
    mended = _mended(old, new)
    for f in F4_FIELDS:
        if f in NOT_CUMULATIVE or f in mended:
            continue
        a, b = getattr(old, f), getattr(new, f)
        if a is not None and b is not None and b < a:
            out.append(make(Code.STATS_DECREASED, file=new.file, sheet=new.sheet, cell=new.cell(f), row=new.row,
                            unit=ctx.unit, column=F4.column(f).header, old=a, new=b))
    return out


def check_referrals(f4_total_referred: int | None, f3_rows: list[F3Record], ctx: Ctx,
                    rec: F4Record) -> list[Finding]:
    """STATS_REFERRALS_BELOW: 附件4 移送司法机关 below the number of 附件3 rows with measure 7 移送司法机关.

    启民发〔2022〕66号 二（二）三（对涉嫌犯罪的，移送司法机关依法处理）；附件3 措施7；附件4.
    `f4_total_referred` is the unit's figure (summed over its 附件4 rows); `rec` is the row the finding points at.
    """
    rows = sum(1 for r in f3_rows if 7 in r.measures.items)
    if f4_total_referred is None or f4_total_referred >= rows:
        return []
    found = make(Code.STATS_REFERRALS_BELOW, file=rec.file, sheet=rec.sheet, cell=rec.cell("referred"), row=rec.row,
                 unit=ctx.unit, stats=f4_total_referred, rows=rows)
    if rec.total is not None and rec.total < rows:
        # more referred than the 总计 holds: raising 移送 within 总计 cannot be done, and STATS_CLASS_MISMATCH then
        # asked it back — the clerk following both went round forever (audit of self-checking)
        found = found.model_copy(update={"message": (
            f"附件4 移送司法机关{f4_total_referred}个，少于附件3 采取“7.移送司法机关”的{rows}家，而附件4 问题数总计只有"
            f"{rec.total}个；请先改正问题数（正在整治、整治完成及其总计，总计不少于{rows}），再把“对涉嫌犯罪移送司法机关依法打击的"
            f"问题”改为不少于{rows}，三类问题数之和等于总计")})
    return [found]
