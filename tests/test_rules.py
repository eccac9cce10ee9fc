"""The pure rule engine (yanglao_cli.rules): records built directly, every code at its exact cell, near cases silent.

Cells follow the official layouts: 附件1 row 5 (C 总数, D 已排查, E 占比, F 领导小组 …), 附件2 row 7 (B 名称, C 类别,
D 风险隐患点, E 等级), 附件3 row 7 (C 风险隐患点, D 通报线索, E 纳入处非, F 措施, H 立案, I 已化解), 附件4 row 6
(D 总计, G 移送司法机关), the facility sheet row 5 (D 类别, J–X 风险隐患点1–15).
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl.utils import get_column_letter

from yanglao_cli.findings import Code, Finding
from yanglao_cli.models import (
    MEASURES,
    NOTICE_POINTS,
    RISK_POINTS,
    Answer,
    Category,
    F1Record,
    F2Record,
    F3Record,
    F4Record,
    FacilityRecord,
    Numbers,
    RiskLevel,
    YesNo,
)
from yanglao_cli.rules import Ctx
from yanglao_cli.rules.disposal import Expected, check_f3_row, expected_measures, is_resolved
from yanglao_cli.rules.facility import classify_facility, derive_points, ticked_points
from yanglao_cli.rules.levels import (
    POINT_LEVEL,
    PREPAYMENT_POINTS,
    check_f2_row,
    driving_point,
    effective_level,
    level_of,
)
from yanglao_cli.rules.progress import check_f1_row, expected_percent
from yanglao_cli.rules.statistics import check_f4_decrease, check_f4_row, check_referrals

G, Y, OR, R = RiskLevel.GREEN, RiskLevel.YELLOW, RiskLevel.ORANGE, RiskLevel.RED
A, B, C = Category.A, Category.B, Category.C
CTX = Ctx(unit="汇龙镇", report_date=dt.date(2022, 6, 15))


def yes(detail: str = "") -> Answer:
    return Answer(value=YesNo.YES, detail=detail)


def no() -> Answer:
    return Answer(value=YesNo.NO)


def na() -> Answer:
    return Answer(value=YesNo.NA)


def pairs(out: list[Finding]) -> list[tuple[Code, str]]:
    return [(f.code, f.cell) for f in out]


# ---------------------------------------------------------------------------------------------------- levels

@pytest.mark.parametrize(("point", "level"), [(p, Y) for p in range(1, 6)] + [(p, OR) for p in range(6, 10)]
                         + [(p, R) for p in range(10, 15)] + [(15, None)])
def test_point_level_table(point: int, level: RiskLevel | None) -> None:
    assert POINT_LEVEL[point] == level
    assert level_of([point]) == (level or G)


def test_point_level_covers_every_point() -> None:
    assert set(POINT_LEVEL) == set(RISK_POINTS) == set(range(1, 16))
    assert PREPAYMENT_POINTS == {1, 7, 8, 10, 12}


@pytest.mark.parametrize(("points", "level"), [
    ((), G), ((15,), G), ((2, 7), OR), ((1, 13), R), ((5, 6), OR), ((9, 14), R), ((15, 3), Y), ((1, 2, 3, 4, 5), Y),
    ((6, 7, 8, 9), OR), ((10, 11, 12, 13, 14), R), ((15, 9), OR), (range(1, 16), R),
])
def test_level_is_the_highest_point(points: tuple[int, ...], level: RiskLevel) -> None:
    assert level_of(points) == level


def test_level_order() -> None:
    assert G < Y < OR < R and max([Y, R, OR]) == R


@pytest.mark.parametrize(("points", "point"), [
    ((2, 7), 7), ((7, 6, 2), 6), ((1, 13, 11), 11), ((3, 1), 1), ((15,), None), ((), None), ((15, 4), 4),
])
def test_driving_point(points: tuple[int, ...], point: int | None) -> None:
    assert driving_point(points) == point


def f2(points: tuple[int, ...] = (2,), level: RiskLevel | None = Y, category: Category | None = A,
       other: str = "", invalid: set[str] | None = None) -> F2Record:
    return F2Record(file="a.xlsx", sheet="附件2", row=7, name="幸福院", category=category,
                    cells={"name": "B7", "category": "C7", "points": "D7", "level": "E7"},
                    points=Numbers(items=points, other_text=other), level=level, invalid=invalid or set())


def test_effective_level() -> None:
    assert effective_level(f2((2, 7), level=None)) == OR
    assert effective_level(f2((2,), level=R)) == R
    assert effective_level(f2((), level=None)) == G


def test_classify_explains_each_point() -> None:
    """classify's points: each with its text and level; 15 with the township's words and no level of its own."""
    from yanglao_cli.classify import _point_rows

    out = _point_rows(Numbers(items=(2, 7, 15), other_text="无证经营"))
    assert [e["point"] for e in out] == [2, 7, 15]
    # (the notice's words whole, its brackets with them; audit of the seed's words)
    assert out[1] == {"point": 7, "text": NOTICE_POINTS[7], "level": "ORANGE", "level_label": OR.long_label}
    assert out[2]["level"] is None and out[2]["text"] == f"{RISK_POINTS[15]}：无证经营"


def test_f2_clean_row() -> None:
    assert check_f2_row(f2(), CTX) == []


def test_level_missing() -> None:
    out = check_f2_row(f2((2, 7), level=None), CTX)
    assert pairs(out) == [(Code.LEVEL_MISSING, "E7")]
    f = out[0]
    assert "橙色" in f.message and (f.file, f.sheet, f.row, f.unit, f.facility) == ("a.xlsx", "附件2", 7, "汇龙镇", "幸福院")
    assert check_f2_row(f2((2, 7), level=OR), CTX) == []
    # an unreadable level was reported when read
    assert check_f2_row(f2((2, 7), level=None, invalid={"level"}), CTX) == []


def test_level_undetermined() -> None:
    assert pairs(check_f2_row(f2((15,), level=None, other="租用场地即将到期"), CTX)) == [
        (Code.LEVEL_UNDETERMINED, "E7")]
    assert check_f2_row(f2((15,), level=Y, other="租用场地即将到期"), CTX) == []
    # no points at all is VALUE_REQUIRED, reported when read
    assert check_f2_row(f2((), level=None), CTX) == []


def test_level_underrated() -> None:
    out = check_f2_row(f2((2, 7), level=Y), CTX)
    assert pairs(out) == [(Code.LEVEL_UNDERRATED, "E7")]
    assert out[0].message == "风险隐患点含7（橙色），等级应不低于橙色，现填黄色；请改为“橙”"
    assert pairs(check_f2_row(f2((1, 13), level=OR), CTX)) == [(Code.LEVEL_UNDERRATED, "E7")]
    assert check_f2_row(f2((2, 7), level=OR), CTX) == []


def test_level_overrated() -> None:
    assert pairs(check_f2_row(f2((2,), level=R), CTX)) == [(Code.LEVEL_OVERRATED, "E7")]
    # 15.其他情形 lets the township grade higher
    assert check_f2_row(f2((2, 15), level=R, other="负责人失联"), CTX) == []


def test_green_in_list() -> None:
    # declared 绿 but the points give 黄: the level is too low (SPEC LEVEL_UNDERRATED), not a green facility
    assert pairs(check_f2_row(f2((2,), level=G), CTX)) == [(Code.LEVEL_UNDERRATED, "E7")]
    assert pairs(check_f2_row(f2((15,), level=G, other="已整改"), CTX)) == [(Code.GREEN_IN_LIST, "E7")]
    # 15 is filled in: the message does not ask for a point (it said 请补填风险隐患点; blind audit of the rules)
    (found,) = check_f2_row(f2((15,), level=G, other="已整改"), CTX)
    assert "补填风险隐患点" not in found.message and "15.其他情形" in found.message
    assert check_f2_row(f2((2,), level=Y), CTX) == []


@pytest.mark.parametrize(("category", "points", "level"), [(C, (2,), Y), (A, (9,), OR), (B, (10,), R), (A, (2, 10), R)])
def test_category_mismatch(category: Category, points: tuple[int, ...], level: RiskLevel) -> None:
    assert pairs(check_f2_row(f2(points, level=level, category=category), CTX)) == [(Code.CATEGORY_MISMATCH, "C7")]


@pytest.mark.parametrize(("category", "points", "level"), [(C, (9,), OR), (C, (10,), R), (A, (2,), Y), (B, (7,), OR)])
def test_category_matches(category: Category, points: tuple[int, ...], level: RiskLevel) -> None:
    assert check_f2_row(f2(points, level=level, category=category), CTX) == []


@pytest.mark.parametrize(("points", "category", "level"), [
    ((9, 10), C, R), ((1, 9), C, OR), ((7, 9), C, OR), ((8, 9), C, OR), ((9, 12), C, R), ((7, 12), A, R),
])
def test_points_conflict(points: tuple[int, ...], category: Category, level: RiskLevel) -> None:
    out = check_f2_row(f2(points, level=level, category=category), CTX)
    assert pairs(out) == [(Code.POINTS_CONFLICT, "D7")]
    assert all(str(p) in out[0].message for p in points)


def test_points_conflict_one_finding_per_pair() -> None:
    out = check_f2_row(f2((1, 7, 9, 12), level=R, category=C), CTX)
    assert pairs(out) == [(Code.POINTS_CONFLICT, "D7")] * 4
    assert [m.message.split("互相矛盾")[0] for m in out] == [
        "风险隐患点1与9", "风险隐患点7与9", "风险隐患点9与12", "风险隐患点7与12"]


@pytest.mark.parametrize(("points", "category", "level"), [((7, 8), A, OR), ((10, 12), C, R), ((1, 7), A, OR),
                                                          ((8, 12), B, R)])
def test_points_compatible(points: tuple[int, ...], category: Category, level: RiskLevel) -> None:
    assert check_f2_row(f2(points, level=level, category=category), CTX) == []


def test_f2_point_other_undescribed() -> None:
    assert pairs(check_f2_row(f2((2, 15), level=Y), CTX)) == [(Code.POINT_OTHER_UNDESCRIBED, "D7")]
    assert check_f2_row(f2((2, 15), level=Y, other="租用场地即将到期"), CTX) == []


def test_f2_unreadable_points_checked_no_further() -> None:
    assert check_f2_row(f2((), level=Y, category=C, invalid={"points"}), CTX) == []


# ---------------------------------------------------------------------------------------------------- disposal

@pytest.mark.parametrize(("level", "points", "measures"), [
    (G, [], []),
    (G, [15], []),
    (Y, [2], [1, 2]),
    (Y, [1], [1, 2]),  # prepayment adds 6 only from 橙 up
    (Y, [15], [1, 2]),
    (OR, [6], [3, 4]),
    (OR, [1, 6], [3, 4, 6]),
    (OR, [7], [3, 4, 6]),
    (OR, [8], [3, 4, 6]),
    (OR, [15], [3, 4]),
    (OR, [9], [3, 4, 8]),
    (R, [13], []),
    (R, [14, 12], []),
    (R, [11], [7]),
    (R, [10], [5, 6]),  # 6 and one of 5/9/10
    (R, [10, 11], [5, 6, 7]),
])
def test_expected_measures(level: RiskLevel, points: list[int], measures: list[int]) -> None:
    out = expected_measures(level, points)
    assert [e.measure for e in out] == measures
    assert all(e.clause.startswith("启民发〔2022〕66号 二（二）三") and e.reason for e in out)


def test_expected_reasons_and_clauses() -> None:
    yellow = expected_measures(Y, [2])
    assert [(e.reason, "黄色名单" in e.clause) for e in yellow] == [("黄色名单", True), ("黄色名单", True)]
    six = next(e for e in expected_measures(OR, [1, 6]) if e.measure == 6)
    assert six.reason == "橙色名单且含预付费风险点1"
    seven = expected_measures(R, [11])[0]
    assert "11" in seven.reason and "移送司法机关" in seven.clause
    eight = expected_measures(OR, [9])[-1]
    assert eight.measure == 8 and "9" in eight.reason


def test_expected_fundraising_changes_no_measure() -> None:
    assert expected_measures(R, [11], fundraising=True) == expected_measures(R, [11], fundraising=False) \
        == expected_measures(R, [11])


def test_one_of_5_9_10() -> None:
    alt = next(e for e in expected_measures(R, [10]) if e.alternatives)
    assert (alt.measure, alt.alternatives) == (5, (5, 9, 10))
    assert alt.satisfied_by([5]) and alt.satisfied_by([9]) and alt.satisfied_by([10]) and not alt.satisfied_by([6])
    assert Expected(3, "橙色名单", "x").satisfied_by([3]) and not Expected(3, "橙色名单", "x").satisfied_by([4])


F3_CELLS = {"name": "B7", "points": "C7", "clue": "D7", "fundraising": "E7", "measures": "F7", "progress": "G7",
            "case": "H7", "resolved": "I7"}


def f3(points: tuple[int, ...] = (2,), measures: tuple[int, ...] = (1, 2), **kw: object) -> F3Record:
    values: dict[str, object] = {"clue": no(), "fundraising": na(), "case": no(), "resolved": no()}
    values.update(kw)
    if isinstance(values.get("points_other"), str):
        values["points"] = Numbers(items=points, other_text=values.pop("points_other"))  # type: ignore[arg-type]
    else:
        values["points"] = Numbers(items=points)
    if isinstance(values.get("measures_other"), str):
        values["measures"] = Numbers(items=measures, other_text=values.pop("measures_other"))  # type: ignore[arg-type]
    else:
        values["measures"] = Numbers(items=measures)
    return F3Record(file="a.xlsx", sheet="附件3", row=7, name="幸福院", cells=F3_CELLS, **values)  # type: ignore[arg-type]


def test_f3_clean_row() -> None:
    assert check_f3_row(f3(), Y, CTX) == []
    assert check_f3_row(f3(), None, CTX) == []  # level from the row's own points


def test_clue_not_reported() -> None:
    out = check_f3_row(f3((6,), (3, 4)), OR, CTX)
    assert pairs(out) == [(Code.CLUE_NOT_REPORTED, "D7")]
    assert out[0].message.startswith("橙色机构")
    assert pairs(check_f3_row(f3((6,), (3, 4), clue=None), OR, CTX)) == [(Code.CLUE_NOT_REPORTED, "D7")]
    assert pairs(check_f3_row(f3((6,), (3, 4)), None, CTX)) == [(Code.CLUE_NOT_REPORTED, "D7")]
    assert pairs(check_f3_row(f3((13,), ()), R, CTX)) == [(Code.CLUE_NOT_REPORTED, "D7")]


@pytest.mark.parametrize(("clue", "raw", "said"), [(no(), {"clue": "有待通报"}, "现填“有待通报”"), (no(), {}, "现填“否”"),
                                                  (None, {}, "现未填")])
def test_clue_not_reported_says_what_the_cell_holds(clue, raw: dict[str, str], said: str) -> None:
    """It said “应为“是”” whatever the cell held (否, 有待通报, blank), where FUNDRAISING_NOT_ESCALATED names it (audit
    of the messages) — after the ；, the first clause a level up matches by unchanged."""
    out = check_f3_row(f3((6,), (3, 4), clue=clue, raw=raw), OR, CTX)
    assert pairs(out) == [(Code.CLUE_NOT_REPORTED, "D7")] and said in out[0].message.split("；", 1)[1]


def test_clue_reported_or_not_needed() -> None:
    assert check_f3_row(f3((6,), (3, 4), clue=yes("已通报镇政府")), OR, CTX) == []
    assert check_f3_row(f3((2,), (1, 2), clue=no()), Y, CTX) == []
    # unreadable: VALUE_INVALID says it, no guess about what was meant
    assert check_f3_row(f3((6,), (3, 4), clue=None, invalid={"clue"}, raw={"clue": "待核"}), OR, CTX) == []


def test_clue_left_blank_for_orange_is_not_reported() -> None:
    """Blank is VALUE_REQUIRED (parse) and, for 橙/红, CLUE_NOT_REPORTED at the same cell."""
    out = check_f3_row(f3((6,), (3, 4), clue=None, invalid={"clue"}, raw={"clue": ""}), OR, CTX)
    assert pairs(out) == [(Code.CLUE_NOT_REPORTED, "D7")]


@pytest.mark.parametrize("fundraising", [no(), None])
def test_fundraising_not_escalated(fundraising: Answer | None) -> None:
    out = check_f3_row(f3((11,), (7,), clue=yes(), fundraising=fundraising), R, CTX)
    assert pairs(out) == [(Code.FUNDRAISING_NOT_ESCALATED, "E7")]


def test_fundraising_not_applicable_is_not_illegal_fundraising() -> None:
    """SPEC: 纳入处非机制 = 是 (if it is illegal fundraising); 不涉及 says it is not."""
    assert check_f3_row(f3((11,), (7,), clue=yes(), fundraising=na()), R, CTX) == []


def test_fundraising_escalated_or_not_needed() -> None:
    assert check_f3_row(f3((11,), (7,), clue=yes(), fundraising=yes()), R, CTX) == []
    assert check_f3_row(f3((13,), (), clue=yes(), fundraising=no()), R, CTX) == []


def test_measure_missing() -> None:
    out = check_f3_row(f3((2,), (1,)), Y, CTX)
    assert pairs(out) == [(Code.MEASURE_MISSING, "F7")]
    assert "2.增加抽查检查频次" in out[0].message and "黄色名单" in out[0].message
    assert "启民发〔2022〕66号 二（二）三" in out[0].message
    assert pairs(check_f3_row(f3((2,), ()), Y, CTX)) == [(Code.MEASURE_MISSING, "F7")] * 2
    out = check_f3_row(f3((7,), (3, 4), clue=yes()), OR, CTX)
    assert pairs(out) == [(Code.MEASURE_MISSING, "F7")]
    assert "橙色名单且含预付费风险点7" in out[0].message and "6." + MEASURES[6] in out[0].message


def test_a_level_declared_above_its_points_still_asks_their_measures() -> None:
    """7 declared 红 (LEVEL_OVERRATED, a warning): 红 without 11 asks no measure, and 3、4、6 that 7's 橙 asks went
    unasked — one warning silenced every MEASURE_MISSING (audit of the rules). Both levels' measures are asked."""
    out = check_f3_row(f3((7,), (), clue=yes()), R, CTX)
    assert pairs(out) == [(Code.MEASURE_MISSING, "F7")] * 3
    assert ["3.", "4.", "6."] == [next(m for m in ("3.", "4.", "6.") if f"“{m}" in f.message) for f in out]
    out = check_f3_row(f3((2,), (3, 4), clue=yes()), OR, CTX)
    assert pairs(out) == [(Code.MEASURE_MISSING, "F7")] * 2 and "黄色名单" in out[0].message
    assert check_f3_row(f3((7,), (3, 4, 6), clue=yes()), R, CTX) == []
    # with 15 among the points the township declares the level (no LEVEL_OVERRATED): its measures alone (review)
    assert check_f3_row(f3((2, 15), (3, 4), clue=yes(), points_other="负责人失联"), OR, CTX) == []


def test_points_on_the_list_call_for_their_measures_where_the_disposal_row_says_others() -> None:
    """附件2 lists 11 (红), 附件3 says 13: POINTS_DIFFER is a warning, and measure 7 and 纳入处非机制 were not asked
    at all — a facility the township itself listed as suspected fundraising passed. A point either form gives
    counts; a 15 described on 附件2 only is not 附件3's to describe."""
    row = f3((13,), (5,), clue=yes(), fundraising=no())
    assert pairs(check_f3_row(row, R, CTX)) == []
    assert pairs(check_f3_row(row, R, CTX, (11,))) == [(Code.FUNDRAISING_NOT_ESCALATED, "E7"),
                                                        (Code.MEASURE_MISSING, "F7")]
    assert pairs(check_f3_row(f3((6,), (3, 4), clue=yes()), OR, CTX, (6, 8))) == [(Code.MEASURE_MISSING, "F7")]
    assert pairs(check_f3_row(f3((6,), (3, 4), clue=yes()), OR, CTX, (6, 15))) == []
    blank = f3((), (3,), clue=yes(), fundraising=no(), invalid={"points"}, raw={"points": ""})
    assert pairs(check_f3_row(blank, R, CTX)) == []  # VALUE_REQUIRED says it (parse)
    assert pairs(check_f3_row(blank, R, CTX, (11,))) == [(Code.FUNDRAISING_NOT_ESCALATED, "E7"),
                                                          (Code.MEASURE_MISSING, "F7")]


def test_fundraising_not_escalated_quotes_the_cell() -> None:
    """待定 is read as 否 (not yet): the message says 待定, what the clerk sees in the cell."""
    out = check_f3_row(f3((11,), (7,), clue=yes(), fundraising=no(), raw={"fundraising": "待定"}), R, CTX)
    assert pairs(out) == [(Code.FUNDRAISING_NOT_ESCALATED, "E7")] and "现为“待定”" in out[0].message


def test_measure_missing_one_of() -> None:
    out = check_f3_row(f3((10,), (6,), clue=yes()), R, CTX)
    assert pairs(out) == [(Code.MEASURE_MISSING, "F7")]
    assert "任选其一" in out[0].message and "5.停止经营活动" in out[0].message
    for m in (5, 9, 10):
        assert check_f3_row(f3((10,), (6, m), clue=yes()), R, CTX) == []


def test_measures_present_or_unreadable() -> None:
    assert check_f3_row(f3((2,), (1, 2, 3)), Y, CTX) == []
    assert check_f3_row(f3((9,), (3, 4, 8), clue=yes()), OR, CTX) == []
    # written but unreadable: VALUE_INVALID says so, no guess at what is missing
    assert check_f3_row(f3((2,), (), invalid={"measures"}, raw={"measures": "见附件"}), Y, CTX) == []
    # blank: VALUE_REQUIRED, and each measure the level calls for is still absent (as a blank 通报线索 is said)
    out = check_f3_row(f3((2,), (), invalid={"measures"}), Y, CTX)
    assert pairs(out) == [(Code.MEASURE_MISSING, "F7")] * 2 and "附件3“打击整治措施”未填，没有这一项" in out[0].message
    # 无 written: no measure taken
    assert pairs(check_f3_row(f3((2,), (), raw={"measures": "无"}), Y, CTX)) == [(Code.MEASURE_MISSING, "F7")] * 2


def test_f3_other_undescribed() -> None:
    assert pairs(check_f3_row(f3((2,), (1, 2, 11)), Y, CTX)) == [(Code.POINT_OTHER_UNDESCRIBED, "F7")]
    assert pairs(check_f3_row(f3((2, 15), (1, 2)), Y, CTX)) == [(Code.POINT_OTHER_UNDESCRIBED, "C7")]
    assert check_f3_row(f3((2, 15), (1, 2, 11), points_other="负责人失联", measures_other="约谈房东"), Y, CTX) == []


def test_case_date_missing() -> None:
    assert pairs(check_f3_row(f3(case=yes()), Y, CTX)) == [(Code.CASE_DATE_MISSING, "H7")]
    assert check_f3_row(f3(case=yes(), case_date=dt.date(2022, 6, 3)), Y, CTX) == []
    assert check_f3_row(f3(case=no()), Y, CTX) == []


def test_date_in_future() -> None:
    out = check_f3_row(f3(case=yes(), case_date=dt.date(2022, 7, 1)), Y, CTX)
    assert pairs(out) == [(Code.DATE_IN_FUTURE, "H7")]
    assert "2022-07-01" in out[0].message and "2022-06-15" in out[0].message
    assert check_f3_row(f3(case=yes(), case_date=dt.date(2022, 6, 15)), Y, CTX) == []
    assert check_f3_row(f3(case=yes(), case_date=dt.date(2022, 7, 1)), Y, Ctx(unit="汇龙镇")) == []


def test_with_no_report_date_today_bounds_a_date_whose_year_is_written() -> None:
    """No 填报日期 at all: a report is signed today at the latest, so 立案 2099年1月1日 is in the future (a day's
    leeway, as for the 填报日期); a date without its year written is not judged against today."""
    ctx = Ctx(unit="汇龙镇", today=dt.date(2026, 12, 7))
    out = check_f3_row(f3(case=yes(), case_date=dt.date(2099, 1, 1), raw={"case": "是，2099年1月1日"}), Y, ctx)
    assert pairs(out) == [(Code.DATE_IN_FUTURE, "H7")] and "今天是2026-12-07" in out[0].message
    assert check_f3_row(f3(case=yes(), case_date=dt.date(2026, 12, 8), raw={"case": "是，2026年12月8日"}), Y, ctx) == []
    assert check_f3_row(f3(case=yes(), case_date=dt.date(2026, 12, 28), raw={"case": "是，12月28日"}), Y, ctx) == []
    # the year beside the date (20990101 too), not a case number's 〔2026〕 (review)
    assert pairs(check_f3_row(f3(case=yes(), case_date=dt.date(2099, 1, 1), raw={"case": "是，20990101"}), Y, ctx)) \
        == [(Code.DATE_IN_FUTURE, "H7")]
    assert check_f3_row(f3(case=yes(), case_date=dt.date(2026, 12, 28),
                           raw={"case": "是，〔2026〕12号，12月28日"}), Y, ctx) == []
    assert pairs(check_f3_row(f3((6,), (3, 4), clue=yes(), raw={"clue": "是（2030年1月2日已通报）"}), OR, ctx)) == [
        (Code.DATE_IN_FUTURE, "D7")]


def test_a_date_beside_another_answer_after_the_report_is_in_the_future() -> None:
    """是（6月28日已通报） on a form signed 6月15日 passed — only 立案's date was compared (audit of the rules). A date
    written beside 是 in 通报线索, 纳入处非机制 or 化解 is too; a term or a plan (…12月31日前还清, 拟于…), a 否, a
    listing of criteria (是，7.8) or a date before the report is not."""
    def row(**raw: str) -> F3Record:
        answers = {"clue": yes(), **{k: yes() for k in raw}}
        return f3((6,), (3, 4), raw=raw, **answers)

    assert pairs(check_f3_row(row(clue="是（6月28日已通报）"), OR, CTX)) == [(Code.DATE_IN_FUTURE, "D7")]
    assert pairs(check_f3_row(row(fundraising="2022.6.29已纳入"), OR, CTX)) == [(Code.DATE_IN_FUTURE, "E7")]
    out = check_f3_row(f3((6,), (3, 4), clue=yes(), resolved=yes(), criteria=Numbers(items=(3,)),
                          raw={"resolved": "是，3（2022年6月30日清退完毕）"}), OR, CTX)
    assert pairs(out) == [(Code.DATE_IN_FUTURE, "I7")] and "存量风险化解" in out[0].message
    for said in ("是（6月8日已通报）", "是，拟于6月28日再次通报", "是，7.8", "是，1（还款计划：2022年12月31日前还清）"):
        assert pairs(check_f3_row(row(clue=said), OR, CTX)) == [], said
    assert pairs(check_f3_row(f3((6,), (3, 4), clue=no(), raw={"clue": "否，6月28日通报"}), OR, CTX)) == [
        (Code.CLUE_NOT_REPORTED, "D7")]


def test_resolved_no_criterion() -> None:
    assert pairs(check_f3_row(f3(resolved=yes()), Y, CTX)) == [(Code.RESOLVED_NO_CRITERION, "I7")]
    assert check_f3_row(f3(resolved=yes("3"), criteria=Numbers(items=(3,))), Y, CTX) == []
    assert check_f3_row(f3(resolved=no()), Y, CTX) == []


def test_is_resolved() -> None:
    assert is_resolved(f3(resolved=yes(), criteria=Numbers(items=(3,))))
    assert not is_resolved(f3(resolved=yes()))
    assert not is_resolved(f3(resolved=no(), criteria=Numbers(items=(3,))))
    assert not is_resolved(f3(resolved=None))


# ---------------------------------------------------------------------------------------------------- 附件1

F1_CELLS = {"township": "B5", "total": "C5", "checked": "D5", "percent": "E5", "group": "F5", "task_force": "G5",
            "publicity": "H5", "info_sharing": "I5", "complaints": "J5"}


def f1(**kw: object) -> F1Record:
    values: dict[str, object] = {
        "township": "汇龙镇", "total": 12, "checked": 10, "percent": 83.3, "group": yes("王某某（副镇长）"),
        "task_force": yes(), "publicity": yes("微信公众号"), "info_sharing": yes("公安、市场监管"),
        "complaints": yes("12345热线")}
    values.update(kw)
    return F1Record(file="a.xlsx", sheet="附件1", row=5, cells=F1_CELLS, **values)  # type: ignore[arg-type]


def test_f1_clean_row() -> None:
    assert check_f1_row(f1(), CTX) == []


def test_checked_exceeds_total() -> None:
    assert pairs(check_f1_row(f1(total=10, checked=12, percent=None), CTX)) == [(Code.CHECKED_EXCEEDS_TOTAL, "D5")]
    assert check_f1_row(f1(total=12, checked=12, percent=100.0), CTX) == []
    assert check_f1_row(f1(total=None, checked=12, percent=None), CTX) == []


def test_expected_percent() -> None:
    assert expected_percent(12, 10) == pytest.approx(83.333, abs=0.001)
    assert expected_percent(0, 0) is None and expected_percent(None, 3) is None and expected_percent(5, None) is None


def test_percent_mismatch() -> None:
    out = check_f1_row(f1(percent=80.0), CTX)
    assert pairs(out) == [(Code.PERCENT_MISMATCH, "E5")]
    assert out[0].message == "已排查占比填80%，按10/12应为83.3%"
    assert pairs(check_f1_row(f1(total=20, checked=10, percent=60.0), CTX)) == [(Code.PERCENT_MISMATCH, "E5")]
    assert "应为50.0%" in check_f1_row(f1(total=20, checked=10, percent=60.0), CTX)[0].message
    assert pairs(check_f1_row(f1(percent=83.9), CTX)) == [(Code.PERCENT_MISMATCH, "E5")]


@pytest.mark.parametrize("percent", [83.0, 83.8, 83.333, None])
def test_percent_within_tolerance(percent: float | None) -> None:
    assert check_f1_row(f1(percent=percent), CTX) == []


def test_percent_without_total() -> None:
    assert check_f1_row(f1(total=0, checked=0, percent=0.0), CTX) == []


@pytest.mark.parametrize(("field", "cell", "example"), [
    ("group", "F5", "是，王某某（副镇长）"), ("publicity", "H5", "是，微信公众号、宣传横幅"),
    ("info_sharing", "I5", "是，公安、市场监管"), ("complaints", "J5", "是，12345热线"),
])
def test_detail_missing(field: str, cell: str, example: str) -> None:
    out = check_f1_row(f1(**{field: yes()}), CTX)
    assert pairs(out) == [(Code.DETAIL_MISSING, cell)]
    assert example in out[0].message


def test_detail_not_asked_or_not_yes() -> None:
    assert check_f1_row(f1(task_force=yes()), CTX) == []  # 专班 asks no detail
    assert check_f1_row(f1(group=no(), publicity=no(), info_sharing=None), CTX) == []


# ---------------------------------------------------------------------------------------------------- 附件4

F4_CELLS = {f: f"{col}6" for f, col in zip(
    ("label", "ongoing", "done", "total", "early", "obvious", "referred", "police_letters", "procuratorate",
     "judicial", "supervision"), "ABCDEFGHIJK", strict=True)}


def f4(**kw: object) -> F4Record:
    values: dict[str, object] = {"label": "汇龙镇", "ongoing": 2, "done": 3, "total": 5, "early": 2, "obvious": 2,
                                 "referred": 1, "police_letters": 1, "procuratorate": 1, "judicial": 1,
                                 "supervision": 0}
    values.update(kw)
    return F4Record(file="a.xlsx", sheet="附件4", row=6, cells=F4_CELLS, **values)  # type: ignore[arg-type]


def test_f4_clean_row() -> None:
    assert check_f4_row(f4(), CTX) == []


def test_stats_sum_mismatch() -> None:
    out = check_f4_row(f4(done=2), CTX)
    assert pairs(out) == [(Code.STATS_SUM_MISMATCH, "D6")]
    # the total agreeing with the three classes, 正在整治/整治完成 are what to change (a clerk made the total their
    # sum, as told, and then it disagreed with the classes; blind audit of the annotate loop); else the plain advice
    assert out[0].message == "正在整治2 + 整治完成2 = 4，与总计5不符；总计与三类问题数之和相符，请改正正在整治、整治完成，使其之和为5"
    assert check_f4_row(f4(total=6), CTX)[0].message.endswith("请核对这三格，使总计等于正在整治与整治完成之和")
    assert check_f4_row(f4(done=None), CTX) == []


def test_stats_class_mismatch() -> None:
    assert pairs(check_f4_row(f4(early=3), CTX)) == [(Code.STATS_CLASS_MISMATCH, "D6")]
    assert check_f4_row(f4(early=3, referred=None), CTX) == []
    assert pairs(check_f4_row(f4(total=6), CTX)) == [(Code.STATS_SUM_MISMATCH, "D6"), (Code.STATS_CLASS_MISMATCH, "D6")]
    # the total agreeing with 正在整治 + 整治完成, the classes are what to change (a clerk changed the total, as the
    # message let him, and then it disagreed with the other sum; audit of messages); else the plain advice
    assert check_f4_row(f4(early=3), CTX)[0].message.endswith("总计与“正在整治 + 整治完成”相符，请改正三类问题数，使其之和为5")
    assert check_f4_row(f4(total=6), CTX)[1].message.endswith("三类问题数之和应等于总计，请改正")


def test_percent_mismatch_of_counts_swapped_asks_for_the_counts_not_an_impossible_share() -> None:
    """已排查 28 over 总数 25 with 89.3%: it said “应为112.0%” (audit of messages); the counts are to be mended first."""
    from yanglao_cli.models import F1Record
    from yanglao_cli.rules.progress import check_f1_row

    rec = F1Record(file="a.xlsx", sheet="附件1", row=5, total=25, checked=28, percent=89.3)
    found = {f.code: f.message for f in check_f1_row(rec, CTX)}
    assert Code.CHECKED_EXCEEDS_TOTAL in found and "请先改正已排查数和总数" in found[Code.PERCENT_MISMATCH]
    rec = F1Record(file="a.xlsx", sheet="附件1", row=5, total=25, checked=20, percent=70)
    assert [f.message for f in check_f1_row(rec, CTX)] == ["已排查占比填70%，按20/25应为80.0%"]


def test_stats_decreased() -> None:
    out = check_f4_decrease(f4(), f4(judicial=0), CTX)
    assert pairs(out) == [(Code.STATS_DECREASED, "J6")]
    assert out[0].message.startswith("累计数“接收司法建议书”由上期1减少为0")
    assert pairs(check_f4_decrease(f4(), f4(done=2, total=4, referred=0), CTX)) == [
        (Code.STATS_DECREASED, "C6"), (Code.STATS_DECREASED, "D6"), (Code.STATS_DECREASED, "G6")]


def test_stats_not_decreased() -> None:
    assert check_f4_decrease(f4(), f4(ongoing=1, done=4), CTX) == []  # 正在整治 falls as 整治完成 rises
    assert check_f4_decrease(f4(), f4(judicial=None), CTX) == []
    assert check_f4_decrease(f4(), f4(), CTX) == []


def test_a_figure_mended_from_last_periods_wrong_sum_is_no_decrease() -> None:
    # last period's 总计 6 of 2 + 3 was STATS_SUM_MISMATCH; 5 now agrees with its parts: the correction, not a fall
    # (the message asked the township to put 6 back; audit of the codes)
    assert check_f4_decrease(f4(total=6), f4(), CTX) == []
    # a typo of last period (总计 50 of 2 + 3) mended and moved on since (3 + 3 = 6): no fall to go back from (review)
    assert check_f4_decrease(f4(total=50), f4(ongoing=3, done=3, total=6), CTX) == []
    # only 总计: a kind lowered beside it is still said, and 整治完成 falling too (reviews)
    assert pairs(check_f4_decrease(f4(total=6, early=3), f4(), CTX)) == [(Code.STATS_DECREASED, "E6")]
    assert pairs(check_f4_decrease(f4(total=6), f4(ongoing=3, done=2), CTX)) == [(Code.STATS_DECREASED, "C6")]
    # no exception from the kinds' sum: 移送 falling is said whatever last period's kinds added up to (reviews)
    assert pairs(check_f4_decrease(f4(early=3, obvious=0, referred=1), f4(early=5, obvious=0, referred=0), CTX)) == [
        (Code.STATS_DECREASED, "G6")]
    assert pairs(check_f4_decrease(f4(ongoing=4, done=6, total=10, early=8, obvious=4, referred=3),
                                   f4(ongoing=4, done=6, total=10, early=8, obvious=4, referred=0), CTX)) == [
        (Code.STATS_DECREASED, "G6")]
    # 整治完成 or a kind set exactly to what last period's others give is the typo mended (fourth review): 移送 10 of
    # a 总计 6 = 2 + 4 beside 3 + 2, now 1; 整治完成 40 of 2 + 40 ≠ 6, now 4
    assert check_f4_decrease(f4(ongoing=2, done=4, total=6, early=3, obvious=2, referred=10),
                             f4(ongoing=2, done=4, total=6, early=3, obvious=2, referred=1), CTX) == []
    assert check_f4_decrease(f4(done=40, total=6, early=3, obvious=2, referred=1),
                             f4(done=4, total=6, early=3, obvious=2, referred=1), CTX) == []
    # 总计 50 with 正在整治 and 整治完成 left blank, its kinds 3 + 2 + 1: now 6 (fourth review)
    assert check_f4_decrease(f4(ongoing=None, done=None, total=50, early=3, obvious=2, referred=1),
                             f4(ongoing=None, done=None, total=6, early=3, obvious=2, referred=1), CTX) == []
    # …and mended with a month's work on top (fifth review): 整治完成 40 of 2 + 40 ≠ 6 now 5 of 2 + 5 = 7; 移送 10
    # beside 3 + 2 of a 总计 6 now 2 of 3 + 2 + 2 = 7
    assert check_f4_decrease(f4(done=40, total=6, early=3, obvious=2, referred=1),
                             f4(done=5, total=7, early=3, obvious=2, referred=2), CTX) == []
    assert check_f4_decrease(f4(ongoing=2, done=4, total=6, early=3, obvious=2, referred=10),
                             f4(ongoing=2, done=5, total=7, early=3, obvious=2, referred=2), CTX) == []
    # 总计 50 of 4 + 3 (kinds 1 + 1 + 1) now 4 of 1 + 3: below last period's own parts, said (fifth review)
    assert (Code.STATS_DECREASED, "D6") in pairs(check_f4_decrease(
        f4(ongoing=4, done=3, total=50, early=1, obvious=1, referred=1),
        f4(ongoing=1, done=3, total=4, early=1, obvious=1, referred=2), CTX))
    # 总计 10 beside kinds 2 + 2 + 2, its parts blank then, filled in now as 2 + 4 = 6, or 2 + 5 = 7 (sixth review)
    assert check_f4_decrease(f4(ongoing=None, done=None, total=10, early=2, obvious=2, referred=2),
                             f4(ongoing=2, done=4, total=6, early=2, obvious=2, referred=2), CTX) == []
    assert check_f4_decrease(f4(ongoing=None, done=None, total=10, early=2, obvious=2, referred=2),
                             f4(ongoing=2, done=5, total=7, early=3, obvious=2, referred=2), CTX) == []
    # kinds 5 + 5 + 3 over a 总计 10 by 3, two of them falling by 4 in all: said (sixth review)
    assert pairs(check_f4_decrease(f4(ongoing=4, done=6, total=10, early=5, obvious=5, referred=3),
                                   f4(ongoing=4, done=6, total=10, early=3, obvious=3, referred=4), CTX)) == [
        (Code.STATS_DECREASED, "E6"), (Code.STATS_DECREASED, "F6")]
    # 10 + 5 ≠ 8: 整治完成 cannot have been the typo (8 − 10 < 0); 5 → 0 is said (third review)
    assert (Code.STATS_DECREASED, "C6") in pairs(check_f4_decrease(
        f4(ongoing=10, done=5, total=8, early=4, obvious=3, referred=1),
        f4(ongoing=9, done=0, total=9, early=4, obvious=4, referred=1), CTX))
    # 总计 50 of 2 + 3 mended to 6 with 正在整治 and 整治完成 left blank now, its kinds 3 + 2 + 1 (seventh review)
    assert check_f4_decrease(f4(total=50, early=3, obvious=2, referred=1),
                             f4(ongoing=None, done=None, total=6, early=3, obvious=2, referred=1), CTX) == []
    # a 总计 mended below last period's own parts, or still off its parts, is said
    assert pairs(check_f4_decrease(f4(total=6), f4(ongoing=2, done=2, total=4), CTX)) == [
        (Code.STATS_DECREASED, "C6"), (Code.STATS_DECREASED, "D6")]
    assert pairs(check_f4_decrease(f4(total=6, early=3), f4(total=4, early=3), CTX)) == [(Code.STATS_DECREASED, "D6")]
    # still said: a figure that falls where last period's sums held
    assert pairs(check_f4_decrease(f4(early=3, referred=0), f4(early=2, referred=1), CTX)) == [(Code.STATS_DECREASED, "E6")]
    # a figure the mending does not touch is still compared
    assert pairs(check_f4_decrease(f4(total=6), f4(judicial=0), CTX)) == [(Code.STATS_DECREASED, "J6")]


def test_referrals_below() -> None:
    rows = [f3((11,), (7,)), f3((13,), (3, 7)), f3()]
    out = check_referrals(1, rows, CTX, f4(referred=1))
    assert pairs(out) == [(Code.STATS_REFERRALS_BELOW, "G6")]
    assert "1个" in out[0].message and "2家" in out[0].message
    assert check_referrals(2, rows, CTX, f4(referred=2)) == []
    assert check_referrals(None, rows, CTX, f4(referred=None)) == []
    assert check_referrals(0, [f3()], CTX, f4(referred=0)) == []


# ---------------------------------------------------------------------------------------------------- facility sheet

FAC_FIELDS = ("seq", "name", "township", "category", "registered", "filed", "beds", "prepay_people", "insolvent",
              *(f"p{n}" for n in range(1, 16)), "note", "inspector", "date")
FAC_CELLS = {f: f"{get_column_letter(i)}5" for i, f in enumerate(FAC_FIELDS, start=1)}


def fac(ticked: tuple[int, ...] = (2,), note: str = "", **kw: object) -> FacilityRecord:
    values: dict[str, object] = {"name": "丙养老院", "category": A, "registered": yes(), "beds": 20,
                                 "prepay_people": 0, "insolvent": no()}
    values.update(kw)
    answers = {n: (yes() if n in ticked else no()) for n in range(1, 16)}
    return FacilityRecord(file="f.xlsx", sheet="排查表", row=5, cells=FAC_CELLS, ticked=answers,
                          raw={"note": note} if note else {}, **values)  # type: ignore[arg-type]


def test_fac_cells_layout() -> None:
    assert (FAC_CELLS["category"], FAC_CELLS["p1"], FAC_CELLS["p15"]) == ("D5", "J5", "X5")


def test_ticked_points() -> None:
    assert ticked_points(fac((2, 7))) == {2, 7}
    assert ticked_points(fac(())) == set()


@pytest.mark.parametrize(("kw", "points"), [
    ({"beds": 20, "prepay_people": 35}, {8}),
    ({"beds": 20, "prepay_people": 20}, set()),
    ({"beds": None, "prepay_people": 35}, set()),
    ({"registered": no(), "prepay_people": 5}, {10}),
    ({"registered": no(), "prepay_people": 0}, {9}),
    ({"registered": no(), "prepay_people": None}, {9}),
    ({"insolvent": yes(), "prepay_people": 3}, {12}),
    ({"insolvent": yes(), "prepay_people": 0}, set()),
    ({"registered": None, "prepay_people": 0}, set()),
    ({"registered": no(), "insolvent": yes(), "beds": 10, "prepay_people": 30}, {8, 10, 12}),
])
def test_derive_points(kw: dict, points: set[int]) -> None:
    derived, why = derive_points(fac((), **kw))
    assert derived == points and len(why) == len(points)


def test_classify_clean_facility() -> None:
    out = classify_facility(fac((2,)), CTX)
    assert out["findings"] == []
    assert (out["name"], out["points"], out["level"]) == ("丙养老院", [2], Y)
    assert [e.measure for e in out["expected_measures"]] == [1, 2]


def test_classify_derived_not_ticked() -> None:
    out = classify_facility(fac((7,), beds=20, prepay_people=35), CTX)
    assert pairs(out["findings"]) == [(Code.POINTS_CONFLICT, "Q5")]  # p8
    assert "应勾选8" in out["findings"][0].message
    assert (out["ticked"], out["derived"], out["points"], out["level"]) == ({7}, {8}, [7, 8], OR)
    assert [e.measure for e in out["expected_measures"]] == [3, 4, 6]
    assert classify_facility(fac((7, 8), beds=20, prepay_people=35), CTX)["findings"] == []


def test_classify_ticked_unregistered_but_registered() -> None:
    out = classify_facility(fac((9,)), CTX)
    assert pairs(out["findings"]) == [(Code.POINTS_CONFLICT, "R5"), (Code.CATEGORY_MISMATCH, "D5")]
    assert "是否已登记" in out["findings"][0].message


def test_classify_category_mismatch() -> None:
    assert pairs(classify_facility(fac((2,), category=C), CTX)["findings"]) == [(Code.CATEGORY_MISMATCH, "D5")]
    out = classify_facility(fac((9,), category=C, registered=no(), prepay_people=0), CTX)
    assert out["findings"] == [] and out["level"] == OR
    assert [e.measure for e in out["expected_measures"]] == [3, 4, 8]


def test_classify_points_conflict_pair() -> None:
    out = classify_facility(fac((7, 12), prepay_people=5), CTX)
    assert pairs(out["findings"]) == [(Code.POINTS_CONFLICT, "U5")]  # p12
    assert "7与12" in out["findings"][0].message


def test_classify_other_undescribed() -> None:
    assert pairs(classify_facility(fac((2, 15)), CTX)["findings"]) == [(Code.POINT_OTHER_UNDESCRIBED, "X5")]
    described = fac((2, 15))
    described.ticked[15] = yes("负责人失联")
    assert classify_facility(described, CTX)["findings"] == []
    assert classify_facility(fac((2, 15), note="负责人失联"), CTX)["findings"] == []


def test_a_case_date_without_a_year_in_a_january_report_is_last_december() -> None:
    """立案 12月28日 in a report of 2023-01-10 took the report's year (2023-12-28): it is last year's, not future."""
    import datetime as dt

    ctx = Ctx(unit="汇龙镇", report_date=dt.date(2023, 1, 10))
    rec = f3((6,), (3, 4), clue=yes(), case=yes(), case_date=dt.date(2023, 12, 28), raw={"case": "是，12月28日"})
    assert check_f3_row(rec, OR, ctx) == []
    written = f3((6,), (3, 4), clue=yes(), case=yes(), case_date=dt.date(2023, 12, 28), raw={"case": "是，2023年12月28日"})
    assert pairs(check_f3_row(written, OR, ctx)) == [(Code.DATE_IN_FUTURE, "H7")]



def test_percent_mismatch_says_the_percentage_rounded_half_up() -> None:
    """13/16 is 81.25: the consolidated workbook says 81.3, and so must the finding (it said 81.2; review)."""
    out = check_f1_row(f1(total=16, checked=13, percent=75.0), CTX)
    assert pairs(out) == [(Code.PERCENT_MISMATCH, "E5")] and "应为81.3%" in out[0].message


def test_a_point_only_the_disposal_row_gives_raises_its_level_too() -> None:
    """附件2 says 1 (黄), 附件3 says 11: the union of points asks for 红's clue, 纳入处非机制 and measure 7, as it does
    the other way round (附件2 11, 附件3 1)."""
    expected = [(Code.CLUE_NOT_REPORTED, "D7"), (Code.FUNDRAISING_NOT_ESCALATED, "E7"), (Code.MEASURE_MISSING, "F7")]
    assert pairs(check_f3_row(f3((11,), (1, 2), clue=no(), fundraising=no()), Y, CTX, (1,))) == expected
    assert pairs(check_f3_row(f3((1,), (1, 2), clue=no(), fundraising=no()), R, CTX, (11,))) == expected


def test_pairing_a_consolidated_workbooks_disposals_again_keeps_no_earlier_answer() -> None:
    """pairing.pair_disposals writes which 附件2 row an 附件3 row is into the records: a second call decides afresh
    (a name paired by its plain form, or a row past 附件2's numbers, stayed so whatever the 附件2 rows of the later
    call; review of the rule engine's purity)."""
    from yanglao_cli.models import F2Record
    from yanglao_cli.pairing import pair_disposals

    f2 = [F2Record(name="康乐养老院", lead_unit="汇龙镇民政办"), F2Record(name="幸福院", lead_unit="北新镇民政办")]
    remark = F3Record(name="康乐养老院（新增）")
    past = F3Record(name="长寿院", raw={"seq": "9"})
    pair_disposals(f2, [remark, past])
    assert remark.__dict__.get("pair_name") == "康乐养老院" and remark.lead_unit == "汇龙镇民政办"
    assert past.__dict__.get("unlisted") is True
    pair_disposals([F2Record(name="长寿院", lead_unit="南阳镇民政办")] * 9, [remark, past])
    assert "pair_name" not in remark.__dict__
    assert "unlisted" not in past.__dict__ and past.lead_unit == "南阳镇民政办"


def test_an_answer_quoted_in_a_message_is_not_cut_inside_a_number() -> None:
    """是（2022年6月10日） was quoted “是（2022年6月1…”, read as the 1st (audit of the codes)."""
    from yanglao_cli.rules import as_written

    assert as_written("是（2022年6月10日）", None) == "是（2022年6月10日）"
    assert as_written("是，已于2022年6月10日完成全部资金清退工作并经核实", None) == "是，已于2022年6月10日完成全部…"
    assert as_written("是，已于2022年6月10日完成", None).endswith("完成")
