"""The facility sheet (this project's own form): points ticked and points its facts imply.

Facts → points (附件2 填报说明三): payers of a large prepayment > beds → 8; unregistered with prepayment → 10,
without → 9; prepayment and 资不抵债 → 12.
"""

from __future__ import annotations

from typing import Any

from ..findings import Code, Finding, make
from ..models import Category, F2Record, FacilityRecord, Numbers, YesNo
from . import Ctx
from .disposal import expected_measures
from .levels import check_f2_row, level_of


def ticked_points(rec: FacilityRecord) -> set[int]:
    return {n for n, a in rec.ticked.items() if a.value == YesNo.YES}


def derive_points(rec: FacilityRecord) -> tuple[set[int], list[str]]:
    pts: set[int] = set()
    why: list[str] = []
    payers = rec.prepay_people or 0
    if rec.beds is not None and payers > rec.beds:
        pts.add(8)
        why.append(f"收取大额预付费人数{payers}超过床位数{rec.beds}，应为风险隐患点8")
    if rec.registered is not None and rec.registered.value == YesNo.NO:
        if payers > 0:
            pts.add(10)
            why.append("未经登记且收取大额预付费，应为风险隐患点10")
        else:
            pts.add(9)
            why.append("未经登记且无大额预付费，应为风险隐患点9")
    if rec.insolvent is not None and rec.insolvent.value == YesNo.YES and payers > 0:
        pts.add(12)
        why.append("收取大额预付费且资不抵债，应为风险隐患点12")
    return pts, why


def classify_facility(rec: FacilityRecord, ctx: Ctx) -> dict[str, Any]:
    ticked = ticked_points(rec)
    derived, why = derive_points(rec)
    points = sorted(ticked | derived)
    loc = {"file": rec.file, "sheet": rec.sheet, "row": rec.row, "unit": ctx.unit, "facility": rec.name}
    findings: list[Finding] = []
    for n in sorted(derived - ticked):
        reason = next((w for w in why if f"风险隐患点{n}" in w), "")
        findings.append(make(Code.POINTS_CONFLICT, cell=rec.cell(f"p{n}"), a="勾选", b="推导", reason=f"{reason}，但未勾选",
                             **loc))
    registered = rec.registered is not None and rec.registered.value == YesNo.YES
    for n in sorted(ticked & {9, 10}):
        if registered:
            findings.append(make(Code.POINTS_CONFLICT, cell=rec.cell(f"p{n}"), a=n, b="是否已登记",
                                 reason=f"勾选了{n}（未经登记），但“是否已登记”填“是”", **loc))
    probe = F2Record(file=rec.file, sheet=rec.sheet, row=rec.row, name=rec.name, category=rec.category,
                     points=Numbers(items=tuple(points), other_text=rec.ticked.get(15, None).detail
                                    if rec.ticked.get(15) else ""),
                     level=level_of(points), cells={"category": rec.cell("category"), "points": rec.cell("p15")})
    findings += [f for f in check_f2_row(probe, ctx)
                 if f.code in (Code.CATEGORY_MISMATCH, Code.POINTS_CONFLICT, Code.POINT_OTHER_UNDESCRIBED)]
    level = level_of(points)
    return {"name": rec.name, "points": points, "ticked": ticked, "derived": derived, "level": level,
            "expected_measures": expected_measures(level, points), "findings": findings, "notes_text": why,
            "category": rec.category.value if isinstance(rec.category, Category) else None}
