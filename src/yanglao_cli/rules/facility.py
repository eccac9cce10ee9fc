"""The facility sheet (this project's own form): points ticked and points its facts imply.

Facts → points (启民发〔2022〕66号 附件2 填报说明三): payers of a large prepayment > beds → 8; unregistered with
prepayment → 10, without → 9; prepayment and 资不抵债 → 12.
"""

from __future__ import annotations

import re
from typing import Any

from ..findings import Code, Finding, Loc, make
from ..models import OTHER_POINT, RISK_POINTS, Category, FacilityRecord, YesNo
from ..normalize import describes_other, other_case
from . import Ctx
from .disposal import expected_measures, last_year_meant
from .levels import CONFLICTS, PREPAYMENT_POINTS, UNREGISTERED_POINTS, category_mismatch, level_of


def _is(ans: object, value: YesNo) -> bool:
    return ans is not None and getattr(ans, "value", None) == value


def ticked_points(rec: FacilityRecord) -> set[int]:
    """The points answered 是 on the facility sheet (启民发〔2022〕66号 附件2 填报说明三)."""
    return {n for n, a in rec.ticked.items() if a.value == YesNo.YES}


PREPAYMENT_UNKNOWN = "未经登记，是否收取大额预付费不明（人数未填或无法识别）"


def derive_points(rec: FacilityRecord) -> tuple[set[int], list[str]]:
    """Points the sheet's facts imply, with a Chinese explanation of each.

    启民发〔2022〕66号 附件2 填报说明三 8（预付费对象数量超过床位总数）、9（未经登记，无大额预付费）、
    10（未经登记，有大额预付费）、12（有大额预付费且资不抵债）.
    """
    pts: set[int] = set()
    why: list[str] = []
    payers = rec.prepay_people or 0
    # a prepayment was collected: payers counted, or, the count left blank, a point that says so ticked (1, 7, 8,
    # 10, 12); a count of 0 says nobody paid, and a ticked point then conflicts with it (9 with 10, …)
    said = ticked_points(rec) & PREPAYMENT_POINTS if rec.prepay_people is None else set()
    # …or the prepayment's funds said insolvent, the count left blank: one was collected (12 below) — and, the site
    # unregistered, 10, not 9 (9 and 12 were both asked of it, a pair SPEC calls a conflict; blind audit of classify)
    paid_insolvent = _is(rec.insolvent, YesNo.YES) and rec.prepay_people is None and "prepay_people" not in rec.invalid
    # …or said collected in words the count cannot be read from (收取了，具体人数不详, 30余人, 有): collected — it was
    # taken for none, an unregistered site 9 (橙) where it is 10 (红; audit of the facility sheet)
    in_words = (rec.raw.get("prepay_people") or "").strip() if "prepay_people" in rec.invalid else ""
    paid_in_words = bool(in_words) and not _NONE_PAID.search(in_words) and bool(_PAID.search(in_words))

    def collected(but: int) -> str:
        others = sorted(said - {but})
        return f"{payers}人" if payers > 0 else f"写明“{in_words}”" if paid_in_words else \
            f"已勾选{'、'.join(map(str, others))}" if others \
            else "预付费资金资不抵债" if paid_insolvent and but != 12 else ""

    if rec.beds is not None and payers > rec.beds:
        pts.add(8)
        why.append(f"收取大额预付费人数{payers}超过床位数{rec.beds}，应勾选8")
    if _is(rec.registered, YesNo.NO):
        if collected(10):
            pts.add(10)
            why.append(f"未经登记且收取大额预付费（{collected(10)}），应勾选10")
        elif 10 not in said:  # 10 ticked with the count blank: a prepayment, so no 9
            pts.add(9)
            # unless nobody said whether a prepayment was collected (the count blank or 待核实, 10 not answered 否):
            # 9 at least, said so — the clerk was told to tick 9 where it may be 10, 红 (blind audit of classify)
            none = rec.prepay_people == 0 or "prepay_people" not in rec.invalid and _is(rec.ticked.get(10), YesNo.NO)
            why.append("未经登记且无大额预付费，应勾选9" if none else f"{PREPAYMENT_UNKNOWN}，至少为9（收取了的为10），应勾选9")
    if _is(rec.insolvent, YesNo.YES) and collected(12):
        pts.add(12)
        why.append(f"收取大额预付费（{collected(12)}）且资不抵债，应勾选12")
    elif paid_insolvent:
        # the prepayment's funds said insolvent, the count left blank: a prepayment was collected (it was 绿, unsaid;
        # audit of classify)
        pts.add(12)
        why.append("预付费资金资不抵债（收取人数未填），应勾选12")
    elif payers > 0 and 12 not in ticked_points(rec) and (
            rec.insolvent is None or (rec.raw.get("insolvent") or "").strip() in _NOT_ANSWERED):
        # payers counted, 资不抵债 left blank (or 不涉及, which says nobody paid): 12, 红, may hold — said, as 9/10
        # where a prepayment is not known (blind audit of classify)
        why.append(f"收取大额预付费（{payers}人）、是否资不抵债未填或不明：资不抵债的为12（红色），请核实")
    return pts, why


_PAID = re.compile(r"收取|已收|收了|有|是|\d|[一二三四五六七八九十]|余人|多人|若干")
_NONE_PAID = re.compile(r"未收|没收|没有|^无|^否|不涉及|待核|未核|尚未")
_NOT_ANSWERED = frozenset(("不涉及", "/", "／", "—", "-"))  # (资不抵债 不涉及: nobody paid, it says; 无 is 否)


def classify_facility(rec: FacilityRecord, ctx: Ctx) -> dict[str, Any]:
    """One facility of the facility sheet: its points (ticked ∪ derived), level, expected measures and findings.

    启民发〔2022〕66号 二（二）二（四色名单）、二（二）三（分类处置）；附件2 填报说明二、三、四.
    Findings: POINTS_CONFLICT (a derived point not ticked; 9/10 ticked but 已登记; incompatible points),
    CATEGORY_MISMATCH, POINT_OTHER_UNDESCRIBED (15 ticked without a note).
    """
    ticked = ticked_points(rec)
    derived, why = derive_points(rec)
    points = sorted(ticked | derived)
    level = level_of(points)
    loc: Loc = {"file": rec.file, "sheet": rec.sheet, "row": rec.row, "unit": ctx.unit, "facility": rec.name}
    findings: list[Finding] = []
    unticked = derived - ticked
    for n in sorted(unticked):
        reason = next(w for w in why if w.endswith(f"应勾选{n}"))
        # (the point's column missing — COLUMN_MISSING says so — the facility's name cell: a finding names a cell)
        found = make(Code.POINTS_CONFLICT, cell=rec.cell(f"p{n}") or rec.cell("name"), a="勾选", b="推导",
                     reason=f"{reason}，但未勾选", **loc)
        # what to do depends on which is true: the figures written, or the points ticked (“只保留相符的一项” said
        # nothing to a clerk who ticked one point; clerk review)
        against = sorted({a if b == n else b for a, b, _ in CONFLICTS if n in (a, b)} & ticked)
        drop = f"，并取消与之矛盾的{'、'.join(map(str, against))}" if against else ""
        cond = reason.rsplit("，应勾选", 1)[0]
        message = f"按所填情况（{cond}）应勾选{n}，但未勾选；情况属实的请勾选{n}{drop}，不属实的请改正所填的人数、登记或资不抵债情况"
        if reason.startswith(PREPAYMENT_UNKNOWN):
            message = f"{PREPAYMENT_UNKNOWN}，9、10都未勾选；请核实后勾选一项（收取了大额预付费的为10），并填写人数"
        found = found.model_copy(update={"message": message})
        findings.append(found)
    if _is(rec.registered, YesNo.YES):
        for n in sorted(ticked & UNREGISTERED_POINTS):
            findings.append(make(Code.POINTS_CONFLICT, cell=rec.cell(f"p{n}"), a=n, b="“是否已登记：是”",
                                 reason=f"勾选了{n}（未经登记），但“是否已登记”填“是”", **loc))
    pts = set(points)
    merged: list[Finding] = []  # said in the finding its cell has already (one finding a cell)
    for n, fact, fix in _denied(rec, ticked):
        found = make(Code.POINTS_CONFLICT, cell=rec.cell(f"p{n}"), a=n, b=fact, reason=fact, **loc)
        # (12 dropped where nobody paid leaves 资不抵债 是 against 0 payers: said now, not on the next round; audit)
        also = "，并把“是否资不抵债”改为“不涉及”" if n == 12 and _is(rec.insolvent, YesNo.YES) else ""
        found = found.model_copy(update={"message": (
            f"勾选了{n}（{RISK_POINTS[n]}），但{fact}；请核实：{n}属实的请改正{fix}，不属实的请把{n}改为“否”{also}")})
        # at the cell of a finding said above or below: 10 ticked, nobody paid — 应勾选9 says to drop 10; 12 with 9 —
        # at 12's cell: added to it (12's own conflict with the count was lost; blind audit of the facility sheet).
        # The other of a ticked pair is said (1 with 9, nobody paid: 1's own conflict with the count was lost; audit)
        if any(n in (a, b) and {a, b} & unticked or n == b and {a, b} <= pts for a, b, _ in CONFLICTS):
            merged.append(found)
            continue
        at = next((i for i, f in enumerate(findings) if f.cell == found.cell and f.code == Code.POINTS_CONFLICT), None)
        if at is not None:
            # one finding a cell (README): 9 ticked beside 已登记 是 and 5 payers — both said there (audit of classify)
            findings[at] = findings[at].model_copy(update={"message": f"{findings[at].message}；另：{found.message}"})
            continue
        findings.append(found)
    if _is(rec.insolvent, YesNo.YES) and rec.prepay_people == 0 and 12 not in ticked:
        # nobody paid, yet the prepayment's funds insolvent: one of the two is wrong (it was 绿, unsaid; audit)
        found = make(Code.POINTS_CONFLICT, cell=rec.cell("insolvent") or rec.cell("name"), a="资不抵债", b="人数",
                     reason="收取大额预付费人数填0，但“是否资不抵债”填“是”", **loc)
        findings.append(found.model_copy(update={"message": (
            "收取大额预付费人数填0，但“是否资不抵债”填“是”；请核实：收取了大额预付费的请填写人数（资不抵债的为12，红色），"
            "没有收取的请把“是否资不抵债”改为“不涉及”")}))
    for a, b, reason in CONFLICTS:
        if a in pts and b in pts and not {a, b} & unticked:  # a point only derived is said above, with the remedy
            findings.append(make(Code.POINTS_CONFLICT, cell=rec.cell(f"p{b}"), a=a, b=b, reason=reason, **loc))
    for found in merged:  # (none at its cell: the finding above says to drop the point — 应勾选9 of 10)
        at = next((i for i, f in enumerate(findings) if f.cell == found.cell and f.code == Code.POINTS_CONFLICT), None)
        if at is not None:
            findings[at] = findings[at].model_copy(update={"message": f"{findings[at].message}；另：{found.message}"})
    if rec.category is not None:
        findings += category_mismatch(rec.category, pts, rec.cell("category"), loc)
    # (6月25日 on a sheet of 20 June is this year's, a few days ahead of the sheet: said — near=0 took any such
    # date for last year's, the check lost (blind audit of classify); 7月1日 on a sheet of 5 January, months ahead,
    # is still last July's: inspected before the sheet was filled in)
    if rec.date is not None and ctx.report_date is not None and rec.date > ctx.report_date \
            and not last_year_meant(rec.raw.get("date", ""), rec.date, ctx.report_date, near=31):
        # inspected after the sheet was dated (blind audit of classify); 7月1日 in a January sheet is last July's
        findings.append(make(Code.DATE_IN_FUTURE, cell=rec.cell("date"), column="排查日期", value=rec.date.isoformat(),
                             report_date=ctx.report_date.isoformat(), **loc))
    # 15's case: after 是 in its cell, else the sheet's 备注
    # (a 备注 saying only 新增/复查/同上 describes no case, as on 附件2; blind audit of classify)
    note = rec.raw.get("note", "").strip()
    # (是（请写明）, 是，无, the hint copied: no case, as on 附件2; blind audit of classify)
    other = (other_case(rec.ticked[OTHER_POINT].detail.strip()) or (note if describes_other(note) else "")) \
        if OTHER_POINT in ticked else ""
    if OTHER_POINT in ticked:
        if not other:
            findings.append(make(Code.POINT_OTHER_UNDESCRIBED, cell=rec.cell(f"p{OTHER_POINT}"), item="15.其他情形",
                                 example="写成“是，”加实际情形（或写入备注），如“是，租用场地即将到期”", **loc))
    return {"name": rec.name, "points": points, "other_text": other, "ticked": ticked, "derived": derived, "level": level,
            "expected_measures": expected_measures(level, points), "findings": findings,
            "notes_text": [_said(w, ticked) for w in why],
            "category": rec.category.value if isinstance(rec.category, Category) else None}


def _denied(rec: FacilityRecord, ticked: set[int]) -> list[tuple[int, str, str]]:
    """(point, the sheet's own figure that denies it, what to correct if the point holds) for each point ticked 是
    that the sheet's figures say cannot be: a prepayment point where nobody paid, 8 with no more payers than beds,
    12 with 资不抵债 否. One of the two is wrong, and the level rests on the point (a sheet ticking 12 and saying 0
    payers classified 红 without a word; audit)."""
    out: list[tuple[int, str, str]] = []
    payers, beds = rec.prepay_people, rec.beds
    if 9 in ticked and payers and 10 not in ticked:  # (9 with 10 ticked: that pair's conflict says it; review)
        # 9 is a site with no prepayment: payers counted deny it (with 已登记 是 nothing derives 10 to say so; audit)
        out.append((9, f"收取大额预付费人数填{payers}", "收取大额预付费人数"))
    for n in sorted(ticked & PREPAYMENT_POINTS):
        if payers == 0:
            out.append((n, "收取大额预付费人数填0", "收取大额预付费人数"))
        elif n == 8 and payers is not None and beds is not None and payers <= beds:
            out.append((n, f"收取大额预付费人数{payers}未超过床位数{beds}", "人数或床位数"))
        elif n == 12 and _is(rec.insolvent, YesNo.NO):
            out.append((n, "“是否资不抵债”填“否”", "“是否资不抵债”"))
    return out


def _said(why: str, ticked: set[int]) -> str:
    """“…，应勾选9” where 9 is not ticked (POINTS_CONFLICT says so too); where it is, that the answers agree."""
    cond, _, n = why.rpartition("，应勾选")
    return f"{cond}，与勾选的{n}相符" if cond and n.isdigit() and int(n) in ticked else why
