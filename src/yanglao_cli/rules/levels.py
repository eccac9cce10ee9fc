"""Risk points → level, and the row checks of 附件2 (启民发〔2022〕66号 二（二）二 and 附件2 填报说明)."""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Code, Finding, Loc, make, row_of, said_also
from ..models import LEVEL_SECTION, OTHER_POINT, Category, F2Record, RiskLevel
from ..normalize import case_beside, no_points_written
from . import Ctx

# 附件2 填报说明四: 黄 1–5, 橙 6–9, 红 10–14; 15 其他情形 is graded by the township.
POINT_LEVEL: dict[int, RiskLevel | None] = {
    **dict.fromkeys(range(1, 6), RiskLevel.YELLOW),
    **dict.fromkeys(range(6, 10), RiskLevel.ORANGE),
    **dict.fromkeys(range(10, 15), RiskLevel.RED),
    OTHER_POINT: None,
}
# Points that imply a large prepayment was collected (附件2 填报说明三 1、7、8、10、12).
PREPAYMENT_POINTS = frozenset({1, 7, 8, 10, 12})
# Points that say the site is unregistered (附件2 填报说明三 9、10), hence category C (填报说明二).
UNREGISTERED_POINTS = frozenset({9, 10})
# (keeping the prepayment point on a C site then made CATEGORY_MISMATCH, adding 9 back this: a loop; audit of messages)
_UNREGISTERED_PAID = "（未经登记又收取了大额预付费的场所应填10，不填9；10 为红色，改填10 的，等级和附件3 的处置措施也要相应改）"
# 附件2 填报说明三: pairs that cannot both hold, with the reason.
CONFLICTS: tuple[tuple[int, int, str], ...] = (
    (9, 10, "9 为未经登记且无大额预付费，10 为未经登记且收取了大额预付费"),
    (1, 9, "9 为无大额预付费，1 为收取了大额预付费" + _UNREGISTERED_PAID),
    (7, 9, "9 为无大额预付费，7 为收取了大额预付费" + _UNREGISTERED_PAID),
    (8, 9, "9 为无大额预付费，8 为收取了大额预付费" + _UNREGISTERED_PAID),
    (9, 12, "9 为无大额预付费，12 为收取了大额预付费" + _UNREGISTERED_PAID),
    (7, 12, "7 为资可抵债，12 为资不抵债"),
)


_GREEN = RiskLevel.GREEN  # (a module name: RiskLevel.GREEN goes through the enum metaclass's __getattr__ hook)
_POINT_RANK = {p: lvl.rank for p, lvl in POINT_LEVEL.items() if lvl is not None}
_RANKED_LEVEL = {p: lvl for p, lvl in POINT_LEVEL.items() if lvl is not None}  # the points _POINT_RANK ranks

_C, _REGISTERED = Category.C, frozenset((Category.A, Category.B))
_CONFLICTING = frozenset(p for a, b, _ in CONFLICTS for p in (a, b))


def level_of(points: Iterable[int]) -> RiskLevel:
    """The highest level of the points; GREEN when none gives a level.

    启民发〔2022〕66号 二（二）二；附件2 填报说明四.
    """
    best, rank = _GREEN, 0
    for p in points:
        r = _POINT_RANK.get(p, 0)
        if r > rank:  # (ranks, not levels: RiskLevel's comparisons are Python methods; asked of every row)
            best, rank = _RANKED_LEVEL[p], r
    return best


def driving_point(points: Iterable[int]) -> int | None:
    """The lowest-numbered point that gives the computed level, for messages ("风险隐患点含7（橙色）").

    启民发〔2022〕66号 附件2 填报说明四. None when no point gives a level.
    """
    pts = sorted(set(points))
    lvl = level_of(pts)
    return next((p for p in pts if POINT_LEVEL.get(p) == lvl), None)


def effective_level(rec: F2Record) -> RiskLevel:
    """The declared level, else the one its points give (LEVEL_MISSING fills it in).

    启民发〔2022〕66号 附件2 填报说明四.
    """
    return rec.level if rec.level is not None else level_of(rec.points.items)


def risk_level(rec: F2Record) -> RiskLevel:
    """The facility's real risk: the higher of the declared level and the one its points give (a level filled in too
    low is LEVEL_UNDERRATED; the facility is still as risky as its points say). What 附件3's disposal is judged by,
    and what `diff` and `--previous` compare from one period to the next.

    启民发〔2022〕66号 二（二）二；附件2 填报说明四.
    """
    computed = level_of(rec.points.items)
    return computed if rec.level is None else max(rec.level, computed)


def disposal_level(rec: F2Record) -> RiskLevel:
    """The level 附件3's disposal is judged by: the facility's level, the highest of its points (SPEC) — a level
    declared lower is LEVEL_UNDERRATED and asks no less; one declared higher is LEVEL_OVERRATED, a warning, and asks
    no more (a yellow facility declared 橙 was CLUE_NOT_REPORTED, an error, for a 否 right at its level; audit of the
    rules). The declared level counts where the township declares it: with point 15, whose level is its own, or
    where its points are blank or unknown — not where they are written as none (无: 绿, LEVEL_OVERRATED asking the
    row off both lists, while 附件3 was asked for the declared level's clue and measures; oracle audit).

    启民发〔2022〕66号 二（二）二、三；附件2 填报说明四.
    """
    computed = level_of(rec.points.items)
    if rec.level is None:
        return computed
    if OTHER_POINT in rec.points.items or "points" in rec.invalid or not rec.points.items and not no_points_written(
            rec.points, rec.raw.get("points", "")):
        return max(rec.level, computed)
    return computed


def check_f2_row(rec: F2Record, ctx: Ctx) -> list[Finding]:
    """Row checks of 附件2: LEVEL_MISSING, LEVEL_UNDETERMINED, LEVEL_UNDERRATED, LEVEL_OVERRATED, GREEN_IN_LIST,
    CATEGORY_MISMATCH, POINTS_CONFLICT, POINT_OTHER_UNDESCRIBED.

    启民发〔2022〕66号 二（二）二；附件2 填报说明二、三、四.
    """
    out: list[Finding] = []
    loc: Loc = {"file": rec.file, "sheet": rec.sheet, "row": rec.row, "unit": ctx.unit, "facility": rec.name}
    pts = set(rec.points.items)
    # 无 (no point, written as such) is known too: the facility is 绿 (SPEC: no points → GREEN)
    none = not pts and no_points_written(rec.points, rec.raw.get("points", ""))
    points_known = "points" not in rec.invalid and (bool(pts) or none)
    computed = level_of(pts)
    has_other = OTHER_POINT in pts

    # 等级 (填报说明四)
    # (no 风险隐患等级 column at all — COLUMN_MISSING, or a list parted by level: the row's name, not no cell; blind
    # audit of layouts)
    where = rec.cell("level") or rec.cell("name")
    if rec.level is None:
        if "level" not in rec.invalid and points_known:
            if computed != _GREEN:
                # (the drop-down's word, 橙: the template refuses 橙色 typed as advised; audit of self-checking)
                out.append(make(Code.LEVEL_MISSING, cell=where, points=rec.points.display() or "空",
                                level=computed.long_label, choice=computed.label, **loc))
            elif has_other:
                out.append(make(Code.LEVEL_UNDETERMINED, cell=where, **loc))
            elif none:
                out.append(make(Code.GREEN_IN_LIST, cell=where, **loc).model_copy(update={
                    "message": _NONE_LISTED}))
    elif rec.level == _GREEN and not (points_known and computed > _GREEN):
        # 绿色名单 is not on the 红橙黄 list (二（二）二); points that give a level make it LEVEL_UNDERRATED below.
        found = make(Code.GREEN_IN_LIST, cell=where, **loc)
        if points_known and has_other:  # 15 is filled in already: 请补填风险隐患点 misled (blind audit of the rules)
            found = found.model_copy(update={"message": "该机构只有“15.其他情形”、等级填为绿色，不应列入“红橙黄”名单；"
                                                        "其他情形构成风险的请按实际填写红、橙、黄等级，否则移出名单"})
        out.append(found)
    elif points_known:
        if rec.level < computed:
            p = driving_point(pts)
            out.append(make(Code.LEVEL_UNDERRATED, cell=where, point=p,
                            point_level=computed.long_label, level=computed.long_label, choice=computed.label,
                            declared=rec.level.long_label, **loc))
        elif rec.level > computed and not has_other:
            found = make(Code.LEVEL_OVERRATED, cell=where, points=rec.points.display() or "空",
                         level=computed.long_label, choice=computed.label, declared=rec.level.long_label, **loc)
            if none:
                found = found.model_copy(update={"message": (
                    f"风险隐患点填“{rec.raw.get('points', '')}”（没有风险隐患点，为绿色），等级却填{rec.level.long_label}；"
                    "有风险隐患的请在附件2、附件3 填写风险隐患点编号（如 1、3），确实没有的为绿色，请从附件2、附件3 中一并删除")})
            out.append(found)

    if out and (heading := rec.raw.get(LEVEL_SECTION)):
        # its own cell blank: the level is the part of the list it stands in, which the clerk must be told
        out = [said_also(f, f"（等级格未填，按所在的{heading}计为{rec.level.long_label}）")  # type: ignore[union-attr]
               for f in out]

    # 类别 (填报说明二): C 未经登记 ↔ 9/10 未经登记
    if rec.category is not None and points_known:
        out += category_mismatch(rec.category, pts, rec.cell("category"), loc)

    # 风险隐患点 (填报说明三)
    if points_known:
        out += points_conflict(pts, rec.cell("points"), loc)
        # a township's 备注 may describe it; a consolidated workbook writes the case into the points cell
        # (its 备注 also holds extra columns' values, which describe nothing)
        if has_other and not rec.points.other_text.strip() and (ctx.consolidated
                                                                 or not case_beside(rec.note or "", rec.extra)):
            at = rec.other_cell("points")
            out.append(make(Code.POINT_OTHER_UNDESCRIBED, cell=at, item="15.其他情形", example=OTHER_CASE_ASKED,
                            **on_row(loc, at)))
    return out


_NONE_LISTED = ("风险隐患点填“无”、等级未填：没有风险隐患点的机构为绿色，不应列入“红橙黄”名单；有风险隐患的请填写风险隐患点"
                "编号和等级，确实没有的请从附件2、附件3 中一并删除")


def on_row(loc: Loc, cell: str) -> Loc:
    """`loc` on the row of `cell` (a facility over several rows: its bare 15 on a lower line, Row.other_cell)."""
    moved = loc.copy()
    moved["row"] = row_of(cell) or loc["row"]
    return moved


# what POINT_OTHER_UNDESCRIBED asks of a 15 on 附件2 and on 附件3 alike: the case itself, with an example (a placeholder
# such as “15.其他：具体情形” copied as written describes nothing)
OTHER_CASE_ASKED = "写成“15.其他：”加实际情形，如“15.其他：租用场地即将到期”"


def points_conflict(pts: set[int], cell: str, loc: Loc) -> list[Finding]:
    """POINTS_CONFLICT: points that cannot both hold (9 with 10, 9 with a prepayment point, 7 with 12); `loc` holds
    file/sheet/row/unit/facility.

    启民发〔2022〕66号 附件2 填报说明三.
    """
    if len(pts) < 2 or _CONFLICTING.isdisjoint(pts):
        return []  # (asked of every row)
    return [make(Code.POINTS_CONFLICT, cell=cell, a=a, b=b, reason=reason, **loc)
            for a, b, reason in CONFLICTS if a in pts and b in pts]


def category_mismatch(category: Category, pts: set[int], cell: str, loc: Loc) -> list[Finding]:
    """CATEGORY_MISMATCH: C without point 9/10, or 9/10 with A/B; `loc` holds file/sheet/row/unit/facility.

    启民发〔2022〕66号 附件2 填报说明二（C.未经登记的场所）、三（9、10 未经登记）.
    """
    unregistered = sorted(pts & UNREGISTERED_POINTS)
    if category == _C and not unregistered:
        # (named as the template's drop-down lists them: it refuses a bare A, B or C; audit of self-checking)
        detail = (f"类别为C（未经登记的场所），风险隐患点应含9或10：已登记的机构请把类别改为“{Category.A.display}”或"
                  f"“{Category.B.display}”，确是未经登记的场所请补写风险隐患点9或10")
    elif category in _REGISTERED and unregistered:
        detail = (f"风险隐患点含{'、'.join(map(str, unregistered))}（未经登记），类别应为C（“{_C.display}”），"
                  f"现为{category.value}（{category.label}）")
    else:
        return []
    return [make(Code.CATEGORY_MISMATCH, cell=cell, detail=detail, **loc)]
