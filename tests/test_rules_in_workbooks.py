"""Each rule code, triggered through a real clerk-style workbook at its exact cell — and the near case silent.

Layout (sample.write_sheet): title row 2, unit row 3, header row 4, data from row 5 (附件4: header 4–5, data 6).
附件1 B 乡镇 C 总数 D 已排查 E 占比 F 领导小组; 附件2 B 名称 C 类别 D 风险隐患点 E 等级;
附件3 C 风险隐患点 D 通报线索 E 纳入处非 F 措施 I 已化解; 附件4 D 总计 G 移送司法机关.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from yanglao_cli.config import default_config
from yanglao_cli.pipeline import load

from .conftest import pairs, specs_for, write

Specs = dict


def _base(unit: str = "汇龙镇") -> Specs:
    specs = specs_for(unit, n=3, seed=1)
    specs["F2"].rows[0].update(name="幸福家园养老院", category="A", points="2", level="黄")
    specs["F3"].rows[0].update(name="幸福家园养老院", points="2", clue="否", fundraising="不涉及", measures="1、2",
                               case="否", resolved="否")
    return specs


def _f2f3(points: str, level: str | None, **f3: str) -> Callable[[Specs], None]:
    def change(s: Specs) -> None:
        s["F2"].rows[0].update(points=points, level=level)
        s["F3"].rows[0].update(points=points, **f3)
    return change


def _f1(**kw: object) -> Callable[[Specs], None]:
    return lambda s: s["F1"].rows[0].update(**kw)


def _f4(**kw: object) -> Callable[[Specs], None]:
    return lambda s: s["F4"].rows[0].update(**kw)


CASES: list[tuple[str, Callable[[Specs], None], list[tuple[str, str]]]] = [
    ("LEVEL_MISSING", _f2f3("2", None), [("LEVEL_MISSING", "附件2!E5")]),
    ("LEVEL_UNDETERMINED", _f2f3("15.其他：租用场地即将到期", None, measures="11.其他：约谈房东"),
     [("LEVEL_UNDETERMINED", "附件2!E5")]),
    ("LEVEL_OVERRATED", _f2f3("2", "橙", clue="是", measures="1、2、3、4"), [("LEVEL_OVERRATED", "附件2!E5")]),
    ("GREEN_IN_LIST", _f2f3("15.其他：已整改完毕", "绿", measures="11.其他：继续观察"), [("GREEN_IN_LIST", "附件2!E5")]),
    ("LEVEL_UNDERRATED", _f2f3("2", "绿"), [("LEVEL_UNDERRATED", "附件2!E5")]),
    ("POINT_OTHER_UNDESCRIBED", _f2f3("2、15", "黄"),
     [("POINT_OTHER_UNDESCRIBED", "附件2!D5"), ("POINT_OTHER_UNDESCRIBED", "附件3!C5")]),
    ("CLUE_NOT_REPORTED", _f2f3("6", "橙", clue="否", measures="3、4"), [("CLUE_NOT_REPORTED", "附件3!D5")]),
    ("FUNDRAISING_NOT_ESCALATED",
     lambda s: (_f2f3("11", "红", clue="是", fundraising="否", measures="7")(s),
                _f4(ongoing=1, done=0, total=1, early=0, obvious=0, referred=1)(s)),
     [("FUNDRAISING_NOT_ESCALATED", "附件3!E5")]),
    ("MEASURE_MISSING", _f2f3("2", "黄", measures="1"), [("MEASURE_MISSING", "附件3!F5")]),
    # 附件2 lists 11 and 附件3 says 13: the list's point still asks for measure 7 and 纳入处非机制
    ("MEASURE_MISSING",
     lambda s: (_f2f3("11", "红", clue="是", fundraising="否", measures="5")(s), s["F3"].rows[0].update(points="13"),
                _f4(ongoing=1, done=0, total=1, early=0, obvious=0, referred=1)(s)),
     [("POINTS_DIFFER", "附件3!C5"), ("FUNDRAISING_NOT_ESCALATED", "附件3!E5"), ("MEASURE_MISSING", "附件3!F5")]),
    ("RESOLVED_NO_CRITERION", lambda s: s["F3"].rows[0].update(resolved="是"),
     [("RESOLVED_NO_CRITERION", "附件3!I5")]),
    ("CHECKED_EXCEEDS_TOTAL", _f1(total=10, checked=12, percent=120), [("CHECKED_EXCEEDS_TOTAL", "附件1!D5")]),
    ("PERCENT_MISMATCH", _f1(total=20, checked=10, percent="80%"), [("PERCENT_MISMATCH", "附件1!E5")]),
    ("DETAIL_MISSING", _f1(group="是"), [("DETAIL_MISSING", "附件1!F5")]),
    ("LISTED_EXCEEDS_CHECKED", _f1(total=2, checked=2, percent=100), [("LISTED_EXCEEDS_CHECKED", "附件1!D5")]),
    ("STATS_CLASS_MISMATCH", _f4(ongoing=1, done=1, total=2, early=1, obvious=0, referred=0),
     [("STATS_CLASS_MISMATCH", "附件4!D6")]),
    ("STATS_REFERRALS_BELOW",
     lambda s: (_f2f3("11", "红", clue="是", fundraising="是", measures="7")(s),
                _f4(ongoing=0, done=0, total=0, early=0, obvious=0, referred=0)(s)),
     [("STATS_REFERRALS_BELOW", "附件4!G6")]),
]


def _found(tmp_path: Path, specs: Specs) -> list[tuple[str, str]]:
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    return pairs(loaded.findings)


def test_base_is_clean(tmp_path: Path) -> None:
    assert _found(tmp_path, _base()) == []


@pytest.mark.parametrize(("code", "change", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_at_its_cell(tmp_path: Path, code: str, change, expected) -> None:
    specs = _base()
    change(specs)
    assert _found(tmp_path, specs) == sorted(expected)


NEAR: list[tuple[str, Callable[[Specs], None]]] = [
    ("LEVEL_MISSING", _f2f3("2", "黄")),
    ("LEVEL_UNDETERMINED", _f2f3("15.其他：租用场地即将到期", "黄", measures="1、2、11.其他：约谈房东")),
    ("LEVEL_OVERRATED", _f2f3("2、15.其他：负责人失联", "橙", clue="是", measures="1、2、3、4")),
    ("CLUE_NOT_REPORTED", _f2f3("6", "橙", clue="是，已通报镇政府", measures="3、4")),
    ("FUNDRAISING_NOT_ESCALATED", _f2f3("11", "红", clue="是", fundraising="是", measures="7")),
    ("MEASURE_MISSING", _f2f3("2", "黄", measures="第1、2项")),
    ("RESOLVED_NO_CRITERION", lambda s: s["F3"].rows[0].update(resolved="是，3")),
    ("PERCENT_MISMATCH", _f1(total=20, checked=10, percent="50.4%")),
    ("DETAIL_MISSING", _f1(group="是，王某某（副镇长）")),
]


@pytest.mark.parametrize(("code", "change"), NEAR, ids=[c[0] for c in NEAR])
def test_near_case_is_silent(tmp_path: Path, code: str, change) -> None:
    specs = _base()
    change(specs)
    assert code not in {c for c, _ in _found(tmp_path, specs)}


@pytest.mark.parametrize("points", ["7（已排除）", "7（不存在）", "无7"])
def test_the_one_point_named_ruled_out_is_no_point(tmp_path: Path, points: str) -> None:
    """7（已排除） alone beside 橙: VALUE_INVALID “无法识别” on both forms, exit 1, though 1、7（已排除） reads 1 (blind audit
    of the rules). No point, as 无 beside a level: LEVEL_OVERRATED."""
    specs = _base()
    _f2f3(points, "橙", clue="是", measures="3、4")(specs)
    assert _found(tmp_path, specs) == [("LEVEL_OVERRATED", "附件2!E5")]


def test_measure_missing_says_what_is_written_not_that_nothing_is(tmp_path: Path) -> None:
    """The cell is never blank when MEASURE_MISSING fires (a blank one is VALUE_REQUIRED): it said 未填写 over
    1、2, and the clerk concluded the tool was broken (clerk review)."""
    specs = _base()
    _f2f3("7", "橙", clue="是", measures="1、2")(specs)
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    missing = [f for f in loaded.findings if f.code.value == "MEASURE_MISSING"]
    assert [f.cell for f in missing] == ["F5"] * 3
    assert all("现填“1、2”，没有这一项" in f.message and "未填写" not in f.message for f in missing)


def test_duplicate_across_units(tmp_path: Path) -> None:
    a = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", _base("汇龙镇"))
    b_specs = _base("南阳镇")
    b = write(tmp_path / "南阳镇.xlsx", "南阳镇", b_specs)
    loaded, _ = load([a, b], default_config(), "2022-06")
    assert pairs(f for f in loaded.findings if f.code.value == "DUPLICATE_ACROSS_UNITS") == [
        ("DUPLICATE_ACROSS_UNITS", "附件2!B5")]
    assert next(f for f in loaded.findings if f.code.value == "DUPLICATE_ACROSS_UNITS").unit == "南阳镇"
    b_specs["F2"].rows[0]["name"] = b_specs["F3"].rows[0]["name"] = "南阳福寿院"
    write(tmp_path / "南阳镇.xlsx", "南阳镇", b_specs)
    loaded, _ = load([a, b], default_config(), "2022-06")
    assert loaded.findings == []


def test_form_not_found(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["工资表", "姓名", "金额"])
    wb.active.append([1, "张三", 3000])
    wb.save(tmp_path / "工资.xlsx")
    loaded, _ = load([tmp_path / "工资.xlsx"], default_config(), "2022-06")
    assert [(f.code.value, f.file.endswith("工资.xlsx")) for f in loaded.findings] == [("FORM_NOT_FOUND", True)]


@pytest.mark.parametrize("resolved", ["是（2022年6月10日）", "是，6月10日已办结", "是（6月10日家属签字确认）", "是，22.6.10已签字"])
def test_the_day_a_risk_was_resolved_is_no_criterion_number(tmp_path: Path, resolved: str) -> None:
    """存量风险已化解 是 with the day it was resolved: no criterion named, so RESOLVED_NO_CRITERION (a warning) —
    it was VALUE_INVALID (an error, the form sent back) because the date's digits were read as criteria."""
    specs = _base()
    specs["F3"].rows[0].update(resolved=resolved)
    assert _found(tmp_path, specs) == [("RESOLVED_NO_CRITERION", "附件3!I5")]
    specs["F3"].rows[0].update(resolved=resolved.replace("是", "是，3", 1))  # a criterion beside the date
    assert _found(tmp_path / "3", specs) == []


@pytest.mark.parametrize(("note", "described"), [("新增", False), ("复查", False), ("6月10日复查", False),
                                                 ("新增，整改中", False), ("同上", False),
                                                 ("场地租赁到期后仍在收费", True), ("新增：负责人失联", True),
                                                 # the point's own name, and the list's words (audit of prose)
                                                 ("其他情形", False), ("新增机构", False), ("上月已列入", False)])
def test_a_remark_on_the_list_does_not_describe_point_15(tmp_path: Path, note: str, described: bool) -> None:
    """Point 15 written bare with 备注 新增 or 复查 (the facility's place on the list): no case described,
    POINT_OTHER_UNDESCRIBED on 附件2 — and the consolidated 附件2 did not turn the remark into 15.其他：新增. 备注 that
    says what happened still describes it (the README's 15 described in 备注)."""
    specs = _base()
    specs["F2"].rows[0].update(points="2、15", note=note)
    specs["F3"].rows[0].update(points="2、15.其他：见附件2备注")
    found = _found(tmp_path, specs)
    assert found == ([] if described else [("POINT_OTHER_UNDESCRIBED", "附件2!D5")])
    from yanglao_cli.service import run_consolidate

    run_consolidate([tmp_path / "汇龙镇.xlsx"], tmp_path / "out", default_config(), "2022-06", workers=1)
    ws = openpyxl.load_workbook(tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx")["附件2"]
    points = next(r[3] for r in ws.iter_rows(values_only=True) if r[1] == "幸福家园养老院")
    assert points == (f"2、15.其他：{note}" if described else "2、15")


def test_points_that_cannot_both_hold_on_f3_alone_are_a_conflict(tmp_path: Path) -> None:
    """9 with 10 on 附件3 for a facility not on 附件2 (or listed there with other points): POINTS_CONFLICT at
    附件3's cell — SPEC gives the rule for the points, not for 附件2 only. The same points on both forms: said
    once, on 附件2."""
    specs = _base()
    specs["F3"].rows.append({**specs["F3"].rows[0], "name": "未登记托老点", "points": "9、10", "measures": "8"})
    found = _found(tmp_path, specs)
    assert ("POINTS_CONFLICT", "附件3!C8") in found
    specs = _base()
    specs["F2"].rows[0].update(points="9、10", category="C", level="红")
    specs["F3"].rows[0].update(points="9、10", clue="是", measures="5、6、8")
    assert [x for x in _found(tmp_path / "both", specs) if x[0] == "POINTS_CONFLICT"] == [
        ("POINTS_CONFLICT", "附件2!D5")]


def test_a_unit_that_dated_nothing_is_judged_against_the_consolidated_date(tmp_path: Path) -> None:
    """南阳镇 left 填报日期 blank on every form and wrote 立案 2022-07-05; 汇龙镇 dated its forms 2022-06-15. The
    consolidated workbook carries 2022-06-15, so the 立案 is DATE_IN_FUTURE there: it is said now, not first when
    the consolidated workbook is checked one level up. A unit alone without a date is not judged."""
    a = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", _base("汇龙镇"))
    specs = _base("南阳镇")
    for spec in specs.values():
        spec.footer_date = None
    specs["F3"].rows[0].update(case="是，2022年7月5日")
    b = write(tmp_path / "南阳镇.xlsx", "南阳镇", specs)
    loaded, _ = load([a, b], default_config(), "2022-06")
    future = [f for f in loaded.findings if f.code.value == "DATE_IN_FUTURE"]
    assert [(f.unit, f.sheet, f.cell) for f in future] == [("南阳镇", "附件3", "H5")]
    assert "2022-06-15" in future[0].message and "未填填报日期" in future[0].message
    loaded, _ = load([b], default_config(), "2022-06")
    assert "DATE_IN_FUTURE" not in {f.code.value for f in loaded.findings}


@pytest.mark.parametrize("case", ["是，2099年1月1日", "是，2099-01-01"])
def test_a_date_after_today_is_in_the_future_on_a_form_that_gives_no_report_date(tmp_path: Path, case: str) -> None:
    """No 填报日期 anywhere (a workbook written by a script: no footer) and 立案 2099年1月1日: no report can be signed
    after today, so it is DATE_IN_FUTURE alone and beside a dated unit — once at its cell (it passed: no report date,
    no judgement; audit of scripted workbooks). A date without its year is not judged so: its year is a guess."""
    specs = _base("南阳镇")
    for spec in specs.values():
        spec.footer_date = None
    specs["F3"].rows[0].update(case=case)
    specs["F3"].rows[1].update(case="是，6月30日")
    b = write(tmp_path / "南阳镇.xlsx", "南阳镇", specs)
    loaded, _ = load([b], default_config(), "2022-06")
    future = [f for f in loaded.findings if f.code.value == "DATE_IN_FUTURE"]
    assert [(f.sheet, f.cell) for f in future] == [("附件3", "H5")]
    assert "表上未填" in future[0].message and "今天是" in future[0].message
    a = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", _base("汇龙镇"))
    loaded, _ = load([a, b], default_config(), "2022-06")
    future = [f for f in loaded.findings if f.code.value == "DATE_IN_FUTURE"]
    assert [(f.sheet, f.cell) for f in future] == [("附件3", "H5"), ("附件3", "H6")]  # (6月30日: after 06-15)
    # beside a dated unit, judged by the consolidated workbook's date, as that workbook checked says (review)
    assert all("按本次汇总的填报日期" in f.message for f in future)


@pytest.mark.parametrize(("total", "checked", "percent"), [(40, 23, "58%"), (40, 23, 57), (40, 11, 27), (200, 59, 29)])
def test_a_percentage_exactly_half_a_point_off_is_within_the_tolerance(tmp_path: Path, total: int, checked: int,
                                                                       percent: object) -> None:
    """23 of 40 is 57.5 %: 58 % is within SPEC's ±0.5, but 23 / 40 * 100 is 57.49999999999999 in floating point and
    the form was sent back (PERCENT_MISMATCH); 0.29 in a %-formatted cell is 28.999999999999996 once ×100."""
    specs = _base()
    specs["F1"].rows[0].update(total=total, checked=checked, percent=percent)
    assert "PERCENT_MISMATCH" not in {c for c, _ in _found(tmp_path, specs)}
    specs["F1"].rows[0].update(percent=(58.6 if checked == 23 else 99))
    assert ("PERCENT_MISMATCH", "附件1!E5") in _found(tmp_path / "off", specs)


@pytest.mark.parametrize(("field", "answer", "told"), [
    ("publicity", "是，宣传栏", True), ("publicity", "是，宣传单", True), ("complaints", "是，举报箱", True),
    ("complaints", "是，投诉箱", True), ("publicity", "是，宣传", False), ("publicity", "是，已宣传", False),
    ("complaints", "是，投诉举报", False)])
def test_a_way_named_with_the_questions_own_word_gives_the_detail(tmp_path: Path, field: str, answer: str,
                                                                  told: bool) -> None:
    """是，宣传栏 names how (the question's 宣传 with a thing after it); 是，宣传 only repeats the question."""
    specs = _base()
    specs["F1"].rows[0].update({field: answer})
    col = "H" if field == "publicity" else "J"
    assert (("DETAIL_MISSING", f"附件1!{col}5") in _found(tmp_path, specs)) is not told


def test_a_consolidated_workbook_compares_referrals_township_by_township(tmp_path: Path) -> None:
    """北新镇 took measure 7 twice and counts 1 referral; 汇龙镇 once and counts 1. Checked again one level down,
    the consolidated workbook named 汇龙镇's correct row (its first 附件4 row) for the city's sum; now 北新镇's row."""
    from yanglao_cli.service import run_consolidate

    inbox = tmp_path / "in"
    for unit, sevens in (("汇龙镇", 1), ("北新镇", 2)):
        specs = _base(unit)
        for i in range(sevens):
            specs["F2"].rows[i].update(points="11", level="红", category="A")
            specs["F3"].rows[i].update(points="11", clue="是", fundraising="是", measures="7")
        specs["F4"].rows[0].update(ongoing=1, done=0, total=1, early=0, obvious=0, referred=1)
        write(inbox / f"{unit}.xlsx", unit, specs)
    loaded, _ = load([inbox], default_config(), "2022-06")
    assert [(f.unit, f.cell) for f in loaded.findings if f.code.value == "STATS_REFERRALS_BELOW"] == [("北新镇", "G6")]
    run_consolidate([inbox], tmp_path / "out", default_config(), "2022-06", workers=1)
    out = tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx"
    ws = openpyxl.load_workbook(out)["附件4"]
    row = next(r[0].row for r in ws.iter_rows() if r[0].value == "北新镇")
    loaded, _ = load([out], default_config(), "2022-06")
    assert [f.cell for f in loaded.findings if f.code.value == "STATS_REFERRALS_BELOW"] == [f"G{row}"]


def test_a_township_that_sent_only_f3_stays_unflagged_one_level_down(tmp_path: Path) -> None:
    """南阳镇 sent 附件3 without 附件2: no DISPOSAL_UNLISTED in its own forms (a form not sent), but checked again,
    the consolidated 附件3 (which names no township) had every one of its rows unlisted under the city."""
    from yanglao_cli.service import run_consolidate

    inbox = tmp_path / "in"
    write(inbox / "汇龙镇.xlsx", "汇龙镇", _base("汇龙镇"))
    write(inbox / "南阳镇.xlsx", "南阳镇", [_base("南阳镇")["F3"]])
    loaded, _ = load([inbox], default_config(), "2022-06")
    assert "DISPOSAL_UNLISTED" not in {f.code.value for f in loaded.findings}
    run_consolidate([inbox], tmp_path / "out", default_config(), "2022-06", workers=1)
    loaded, _ = load([tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx"], default_config(), "2022-06")
    assert "DISPOSAL_UNLISTED" not in {f.code.value for f in loaded.findings}


@pytest.mark.parametrize(("sheet", "cell", "header"), [
    ("附件3", "F4", "措施"), ("附件3", "F4", "采取措施"), ("附件1", "C4", "总数（家）"), ("附件1", "C4", "总数"),
    ("附件2", "E4", "风险级别"), ("附件3", "G4", "进展")])
def test_short_headers_clerks_write_are_the_forms_columns(tmp_path: Path, sheet: str, cell: str, header: str) -> None:
    """措施 for 打击整治措施, 总数 for 附件1's 总数, 风险级别, 进展: SPEC's known variants. 措施 was COLUMN_MISSING (an
    error) and every measure check silently off; 风险级别 left every row LEVEL_MISSING."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", _base())
    wb = openpyxl.load_workbook(p)
    wb[sheet][cell] = header
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []


@pytest.mark.parametrize(("sheet", "formula", "evaluated"), [
    ("附件1", "=DATE(2022,6,15)", True), ("附件2", "=TODAY()", False), ("附件3", "=NOW()", False)])
def test_a_formula_in_the_footer_saved_without_its_result_is_said(tmp_path: Path, sheet: str, formula: str,
                                                                   evaluated: bool) -> None:
    """填报日期 written as a formula a program saved without its result: evaluated where it can be (=DATE), else
    blank — and FORMULA_NO_VALUE at its cell either way, as for a data cell (it was silent)."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", _base())
    wb = openpyxl.load_workbook(p)
    ws = wb[sheet]
    label = next(c for row in ws.iter_rows() for c in row
                 if isinstance(c.value, str) and c.value.startswith(("填报日期", "填报时间")))
    target = ws.cell(label.row, label.column + 1)
    target.value = formula
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    found = [f for f in loaded.findings if f.code.value == "FORMULA_NO_VALUE"]
    assert [(f.sheet, f.cell) for f in found] == [(sheet, target.coordinate)]
    date = loaded.submissions["汇龙镇"].footers[{"附件1": "F1", "附件2": "F2", "附件3": "F3"}[sheet]].date
    assert (date is not None) is evaluated


@pytest.mark.parametrize("footers", [False, True])
def test_forms_stacked_on_one_sheet_each_read_their_own_unit_line_and_footer(tmp_path: Path, footers: bool) -> None:
    """附件2 and 附件3 one under the other on one sheet, each with its 填报单位 line (and signature lines): the 附件3
    block took the 附件2 block's unit line (a typo in its own, 汇尤镇, went unreported) and, with footers, the
    附件2 block's 填报日期."""
    from yanglao_cli.forms import F2 as F2DEF
    from yanglao_cli.forms import F3 as F3DEF

    wb = openpyxl.Workbook()
    ws = wb.active
    rows: list[list[object]] = [["养老服务诈骗风险隐患“红橙黄”风险管控名单"], ["填报单位（盖章）：汇龙镇"],
                                [c.header for c in F2DEF.columns], [1, "幸福老年公寓", "A", "2", "黄", "汇龙镇民政办"]]
    if footers:
        rows += [["填报人：张三", None, "负责人：李四", None, "填报日期：2022年6月10日"]]
    rows += [[], ["养老服务诈骗风险隐患分类处置工作进度表"], ["填报单位（盖章）：汇尤镇"], [c.header for c in F3DEF.columns],
             [1, "幸福老年公寓", "2", "否", "不涉及", "1、2", "已提示", "否", "否"]]
    if footers:
        rows += [["填报人：张三", None, "负责人：李四", None, "填报日期：2022年6月15日"]]
    for row in rows:
        ws.append(row)
    wb.save(tmp_path / "汇龙镇.xlsx")
    loaded, _ = load([tmp_path / "汇龙镇.xlsx"], default_config(), "2022-06")
    unit_line = 8 if footers else 7
    assert [(f.code.value, f.cell) for f in loaded.findings if f.code.value.startswith("UNIT")] == [
        ("UNIT_UNKNOWN", f"A{unit_line}")]
    if footers:
        dates = {k: str(f.date) for sub in loaded.submissions.values() for k, f in sub.footers.items()}
        assert dates == {"F2": "2022-06-10", "F3": "2022-06-15"}


def test_a_blank_unit_line_of_the_next_stacked_form_names_no_town(tmp_path: Path) -> None:
    """附件1 and 附件2 one under the other, both 填报单位（盖章）： lines left blank, 附件1's 乡镇 王鲍镇 in a file named
    海复镇: 附件1 took the 附件2 block's blank unit line for a seal naming the town “填报单位”, and its UNIT_CONFLICT was
    said at that line, with that name (blind audit of layouts). It is said at its own 乡镇 cell."""
    from yanglao_cli.forms import F1 as F1DEF
    from yanglao_cli.forms import F2 as F2DEF

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in [["附件1："], ["养老服务诈骗风险隐患排查工作进度表"], ["填报单位（盖章）："], [c.header for c in F1DEF.columns],
                [1, "王鲍镇", 20, 20, 100, "是，张建国（副镇长）", "是", "是，横幅", "是，公安", "是，12345热线"],
                [2], [], ["填报人：王芳", None, "负责人：陈军", "电话：83761234"], [], ["附件2："],
                ["养老服务诈骗风险隐患“红橙黄”风险管控名单"], ["填报单位（盖章）："], [c.header for c in F2DEF.columns],
                [1, "海复康乐老年公寓", "A", "2、4", "黄", "海复镇民政办"]]:
        ws.append(row)
    wb.save(tmp_path / "海复镇6月报表.xlsx")
    loaded, _ = load([tmp_path / "海复镇6月报表.xlsx"], default_config(), "2022-06")
    conflicts = [f for f in loaded.findings if f.code.value == "UNIT_CONFLICT"]
    assert [(f.cell, "“填报单位”" in f.message) for f in conflicts] == [("B5", False), ("A12", False)]


def test_a_margin_note_on_the_signature_line_leaves_it_the_footer(tmp_path: Path) -> None:
    """附件2 from column F, and in column A of its 填报人 row the clerk's note 核对：李: the row was read as a
    facility (VALUE_INVALID of 负责人：陈军 as points; blind audit of layouts). It is the footer, its date read."""
    from yanglao_cli.forms import F2 as F2DEF

    pad: list[object] = [None] * 5
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    for row in [pad + ["养老服务诈骗风险隐患“红橙黄”风险管控名单"], pad + ["填报单位（盖章）：汇龙镇"],
                pad + [c.header for c in F2DEF.columns], pad + [1, "甲养老院", "A", "2", "黄", "汇龙镇民政办"],
                ["核对：李", None, None, None, None, "填报人：王芳", None, "负责人：陈军", None, "填报日期：2022-06-15"]]:
        ws.append(row)
    wb.save(tmp_path / "汇龙镇.xlsx")
    loaded, _ = load([tmp_path / "汇龙镇.xlsx"], default_config(), "2022-06")
    assert [r.name for r in loaded.submissions["汇龙镇"].f2] == ["甲养老院"]
    assert [p for p in pairs(loaded.findings) if not p[0].startswith(("SUBMISSION", "DISPOSAL"))] == []
    assert str(loaded.submissions["汇龙镇"].footers["F2"].date) == "2022-06-15"


def _without_unit_lines(path: Path, titled: str = "") -> openpyxl.Workbook:
    """The workbook with its 填报单位 lines cleared, and the titles of 附件2–4 led by `titled`."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows(max_row=4):
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("填报单位"):
                    c.value = None
                elif titled and isinstance(c.value, str) and c.value.startswith(("养老服务诈骗", "打击整治")) \
                        and ws.title != "附件1":
                    c.value = titled + c.value
    return wb


def test_titles_naming_another_town_than_the_workbooks_f1_are_said(tmp_path: Path) -> None:
    """No 填报单位 lines; 附件2–4 titled 海复镇…, 附件1's 乡镇 王鲍镇 (copied from a neighbour's form), a file name
    naming no town: 附件2 and 附件3 went to 王鲍镇 and 附件4 to 海复镇, two towns, without a word (blind audit of
    layouts). UNIT_CONFLICT on each sheet that disagrees with the 附件1; read as before."""
    p = write(tmp_path / "2022年6月份报表.xlsx", "海复镇", specs_for("海复镇"))
    wb = _without_unit_lines(p, titled="海复镇")
    f1 = wb["附件1"]
    next(c for row in f1.iter_rows() for c in row if c.value == "海复镇").value = "王鲍镇"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    said = sorted({f.sheet for f in loaded.findings if f.code.value == "UNIT_CONFLICT"})
    assert said == ["附件2", "附件3", "附件4"]
    assert all("王鲍镇" in f.message and "海复镇" in f.message for f in loaded.findings if f.code.value == "UNIT_CONFLICT")
    # at the title that names the other town, not at a header cell (序号: audit of the README)
    for f in (f for f in loaded.findings if f.code.value == "UNIT_CONFLICT"):
        assert "海复镇" in str(wb[f.sheet][f.cell].value), (f.sheet, f.cell)


@pytest.mark.parametrize("repeat", [False, True])
def test_a_notes_block_right_of_the_table_from_above_its_header_is_no_column(tmp_path: Path, repeat: bool) -> None:
    """附件2's 填报说明 set two columns right of the table, its heading two rows above the header row (or the
    header printed again down the list, beside a numbered line of the notes): the line beside the header was an
    extra column, and each pre-numbered row beside a line of the notes a facility without a name — VALUE_REQUIRED
    by the dozen (blind audit of layouts). The notes are no column; the numbered rows stay template rows."""
    from yanglao_cli.forms import F2 as F2DEF

    head = [c.header for c in F2DEF.columns]
    notes = ["填报说明", "一、排查范围", "本辖区内已登记（无论是否备案）的养老机构+未经登记但开展养老服务活动的场所",
             "二、类别", "A.养老机构；B.社区养老服务机构；C.未经登记但从事养老服务经营活动的场所。", "三、风险隐患点",
             "1. 养老服务机构有收取大额预付费行为，但资金主要用于弥补设施建设资金不足；", "15. 其他情形。",
             "四、风险隐患等级", "黄：风险隐患点中存在1-5情况的纳入黄色名单；"]
    rows: list[list[object]] = [["养老服务诈骗风险隐患“红橙黄”风险管控名单"], ["填报单位（盖章）：汇龙镇"], head,
                                [1, "甲养老院", "A", "2", "黄", "汇龙镇民政办"], [2, "乙养老院", "A", "3", "黄", "汇龙镇民政办"]]
    if repeat:
        rows.append(head)
    rows += [[n] for n in range(3, 12)]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    for r, row in enumerate(rows, start=1):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v)
    for r, line in enumerate(notes, start=1):
        ws.cell(r, 10, line)
    wb.save(tmp_path / "汇龙镇.xlsx")
    loaded, _ = load([tmp_path / "汇龙镇.xlsx"], default_config(), "2022-06")
    assert [p for p in pairs(loaded.findings) if not p[0].startswith(("SUBMISSION", "DISPOSAL"))] == []
    assert [r.name for r in loaded.submissions["汇龙镇"].f2] == ["甲养老院", "乙养老院"]


def test_a_head_line_of_the_unit_and_the_signature_stays_the_head(tmp_path: Path) -> None:
    """附件2's head line 填报单位（盖章）：汇龙镇 | 填报人：王芳 | 联系电话 (a short unit before a signature): the margin-note
    rule took it for a form above's footer, and the unit and the 填报人 were lost — the rows went to the file
    name's town without a word (review). The line is the head: UNIT_CONFLICT against the file name."""
    from yanglao_cli.forms import F2 as F2DEF

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    for row in [["附件2："], ["养老服务诈骗风险隐患“红橙黄”风险管控名单"],
                ["填报单位（盖章）：汇龙镇", None, None, "填报人：王芳", None, "联系电话：83761234"],
                [c.header for c in F2DEF.columns], [1, "甲养老院", "A", "2", "黄", "民政办"]]:
        ws.append(row)
    wb.save(tmp_path / "南阳镇6月报表.xlsx")
    loaded, _ = load([tmp_path / "南阳镇6月报表.xlsx"], default_config(), "2022-06")
    assert [p for p in pairs(loaded.findings) if p[0].startswith("UNIT")] == [("UNIT_CONFLICT", "附件2!A3")]
    assert loaded.submissions["汇龙镇"].footers["F2"].filler == "王芳"


def test_a_split_sheet_s_extra_column_is_said_once(tmp_path: Path) -> None:
    """One 附件1 sheet of two townships' rows and a column 联系人: the column is said once, with the first township
    (said to each, an export's five system columns gave 60 alike warnings counted against every town; audit of
    exports) — and not lost to the dedupe of a header printed twice (review)."""
    from yanglao_cli.forms import F1 as F1DEF

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件1"
    for row in [["养老服务诈骗风险隐患排查工作进度表"], ["填报单位（盖章）："], [c.header for c in F1DEF.columns] + ["联系人"],
                [1, "汇龙镇", 20, 20, 100, "是，张建国（副镇长）", "是", "是，横幅", "是，公安", "是，12345热线", "张"],
                [2, "南阳镇", 10, 10, 100, "是，李（副镇长）", "是", "是，横幅", "是，公安", "是，12345热线", "李"],
                ["填报人：王芳", None, "负责人：陈军", "电话：83761234", "填报日期：2022-06-15"]]:
        ws.append(row)
    wb.save(tmp_path / "两镇附件1.xlsx")
    loaded, _ = load([tmp_path / "两镇附件1.xlsx"], default_config(), "2022-06")
    assert sorted((f.cell, f.unit) for f in loaded.findings if f.code.value == "COLUMN_UNKNOWN") == [("K3", "汇龙镇")]


def test_an_f4_naming_another_town_than_the_workbooks_f1_is_said(tmp_path: Path) -> None:
    """附件4's first column 海复镇 beside the workbook's 附件1 of 王鲍镇, no 填报单位 lines, a file name naming no
    town: the 附件4 went to 海复镇 without a word (blind audit of layouts). UNIT_CONFLICT at that cell."""
    p = write(tmp_path / "2022年6月份报表.xlsx", "王鲍镇", specs_for("王鲍镇"))
    wb = _without_unit_lines(p)
    f4 = wb["附件4"]
    first = next(row[0] for row in f4.iter_rows(min_row=4) if isinstance(row[1].value, int))  # the figures' row
    first.value = "海复镇"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert [(f.sheet, f.cell, f.unit) for f in loaded.findings if f.code.value == "UNIT_CONFLICT"] == [
        ("附件4", first.coordinate, "海复镇")]


@pytest.mark.parametrize("layout", ["numbered", "instruction above"])
def test_a_townships_own_columns_beside_the_table_stay_columns(tmp_path: Path, layout: str) -> None:
    """Columns the township added right beside 附件2 — 1.整改情况 with a sentence per row, 联系人 — or under an
    instruction 填报说明：… merged across the sheet's top: the notes rule took them for a 填报说明 block and their
    values were lost without a word (review). COLUMN_UNKNOWN each, the values kept."""
    from yanglao_cli.forms import F2 as F2DEF

    first = "1.整改情况" if layout == "numbered" else "整改落实情况"
    head = [c.header for c in F2DEF.columns] + [first, "联系人"]
    said = "1、已下达整改通知书；2、已约谈法定代表人，要求限期清退预付费并报送整改报告，逾期未整改的依法处理"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    top = [["填报说明：每月20日前报送，风险隐患点填编号，等级填红、橙、黄"]] if layout != "numbered" else []
    for row in [*top, ["养老服务诈骗风险隐患“红橙黄”风险管控名单"], ["填报单位（盖章）：汇龙镇"], head,
                [1, "甲养老院", "A", "2", "黄", "汇龙镇民政办", None, said, "张一"],
                [2, "乙养老院", "A", "3", "黄", "汇龙镇民政办", None, "已整改", "李二"]]:
        ws.append(row)
    if top:
        ws.merge_cells("A1:I1")
    wb.save(tmp_path / "汇龙镇.xlsx")
    loaded, _ = load([tmp_path / "汇龙镇.xlsx"], default_config(), "2022-06")
    row = len(top) + 3
    assert [p for p in pairs(loaded.findings) if p[0].startswith("COLUMN")] == [
        ("COLUMN_UNKNOWN", f"附件2!H{row}"), ("COLUMN_UNKNOWN", f"附件2!I{row}")]
    assert "张一" in str(loaded.submissions["汇龙镇"].f2[0].model_dump())


def _f3_two_row_header(path: Path, case: tuple[str, str]) -> Path:
    """附件2 and 附件3 as a clerk lays them out: 附件3's header on two rows, 立案 and 化解 group headers merged across
    their split columns, the other headers merged down, and （填编号） under 风险隐患点 and 打击整治措施."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    for row in [["养老服务诈骗风险隐患“红橙黄”风险管控名单"], ["填报单位（盖章）：海复镇"],
                ["序号", "养老服务机构及场所名称", "类别", "风险隐患点", "风险隐患等级", "牵头排查单位", "备注"],
                [1, "海复康乐老年公寓", "A", "2、4", "黄", "海复镇民政办"]]:
        ws.append(row)
    ws = wb.create_sheet("附件3")
    for row in [["养老服务诈骗风险隐患分类处置工作进度表"], ["填报单位（盖章）：海复镇"],
                ["序号", "养老服务机构及场所名称", "风险隐患点", "是否向属地人民政府和政法机关通报线索",
                 "属于非法集资的同步纳入属地防范和处置非法集资工作机制", "打击整治措施", "当月处置进展", "是否立案及立案时间",
                 None, "存量风险是否已有效化解", None],
                [None, None, "（填编号）", None, None, "（填编号）", None, "是否立案", "立案时间", "是否化解", "化解情形"],
                [1, "海复康乐老年公寓", "2、4", "否", "不涉及", "1、2", "已进行风险提示", *case, "否", None]]:
        ws.append(row)
    for c in "ABDEG":
        ws.merge_cells(f"{c}3:{c}4")
    ws.merge_cells("H3:I3")
    ws.merge_cells("J3:K3")
    wb.save(path)
    return path


def test_a_two_row_header_with_notes_under_it_is_no_facility(tmp_path: Path) -> None:
    """附件3's second header row holding 是否立案 | 立案时间 | 是否化解 | 化解情形 and two （填编号） notes was read as a
    facility named 养老服务机构及场所名称, VALUE_INVALID under every header (grader audit; one note passed)."""
    loaded, _ = load([_f3_two_row_header(tmp_path / "海复镇.xlsx", ("否", None))], default_config(), "2022-06")
    assert [p for p in pairs(loaded.findings) if not p[0].startswith("SUBMISSION")] == []
    assert [r.name for r in loaded.submissions["海复镇"].f3] == ["海复康乐老年公寓"]


def test_a_day_that_does_not_exist_in_a_split_case_date_is_said_at_its_cell(tmp_path: Path) -> None:
    """是 | 2022年13月5日 in split 是否立案 | 立案时间 columns: VALUE_INVALID was said at the 是 (grader audit). At the
    date's own cell, where a date in the future is said too."""
    loaded, _ = load([_f3_two_row_header(tmp_path / "海复镇.xlsx", ("是", "2022年13月5日"))], default_config(),
                     "2022-06")
    assert [p for p in pairs(loaded.findings) if p[0] == "VALUE_INVALID"] == [("VALUE_INVALID", "附件3!I5")]


def test_a_header_repeated_down_the_list_says_its_columns_once(tmp_path: Path) -> None:
    """附件2 with its header printed again after the second facility (two printed pages pasted together) and a
    column 联系人 the form lacks: COLUMN_UNKNOWN was said under each header, and a missing column's
    COLUMN_MISSING twice, its errors counted twice (blind audit of layouts). Once per sheet; every row read."""
    from yanglao_cli.forms import F2 as F2DEF

    head = [c.header for c in F2DEF.columns if c.field != "points"] + ["联系人"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    for row in [["养老服务诈骗风险隐患“红橙黄”风险管控名单"], ["填报单位（盖章）：汇龙镇"], head,
                [1, "甲养老院", "A", "黄", "汇龙镇民政办", None, "张一"], [2, "乙养老院", "A", "橙", "汇龙镇民政办", None, "李二"],
                head, [3, "丙养老院", "B", "红", "汇龙镇民政办", None, "王三"], [4], [5]]:
        ws.append(row)
    wb.save(tmp_path / "汇龙镇.xlsx")
    loaded, _ = load([tmp_path / "汇龙镇.xlsx"], default_config(), "2022-06")
    assert [p for p in pairs(loaded.findings) if p[0].startswith("COLUMN")] == [
        ("COLUMN_MISSING", "附件2!D3"), ("COLUMN_UNKNOWN", "附件2!G3")]
    assert [r.name for r in loaded.submissions["汇龙镇"].f2] == ["甲养老院", "乙养老院", "丙养老院"]


def test_two_branches_of_one_name_written_otherwise_on_f3_are_each_paired(tmp_path: Path) -> None:
    """附件2 lists 德润敬老院 and 德润敬老院（东院）; 附件3 writes 1、德润敬老院 and 德润敬老院（东院）（法人：王某）. Without
    their remarks all four are 德润敬老院, so nothing was paired: DISPOSAL_MISSING twice and DISPOSAL_UNLISTED twice.
    The numbering alone, then the last remark alone, are taken away first."""
    specs = _base()
    for i, (n2, n3) in enumerate((("德润敬老院", "1、德润敬老院"), ("德润敬老院（东院）", "德润敬老院（东院）（法人：王某）"))):
        specs["F2"].rows[i + 1].update(name=n2)
        specs["F3"].rows[i + 1].update(name=n3)
    assert [c for c, _ in _found(tmp_path, specs) if c.startswith("DISPOSAL")] == []


def test_a_table_pasted_from_word_with_every_field_two_columns_wide(tmp_path: Path) -> None:
    """Header and every cell merged across two grid columns (a Word table pasted into Excel): each covered column
    was COLUMN_UNKNOWN, or taken for a detail split off its field, so 立案 是 without a date was said at the cell
    the merge hides. One field, two columns wide: its findings at the cell the clerk sees."""
    from openpyxl.utils import get_column_letter as letter

    from yanglao_cli.forms import F2 as F2DEF
    from yanglao_cli.forms import F3 as F3DEF

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    data = {"附件2": (F2DEF, [1, "幸福家园养老院", "A", "2", "黄", "汇龙镇民政办", ""]),
            "附件3": (F3DEF, [1, "幸福家园养老院", "2", "否", "不涉及", "1、2", "已提示", "是", "否"])}
    for name, (form, values) in data.items():
        ws = wb.create_sheet(name)
        ws["A1"] = form.title
        ws["A2"] = "填报单位（盖章）：汇龙镇"
        for i, (col, value) in enumerate(zip(form.columns, values, strict=True)):
            c = 1 + 2 * i
            for r, v in ((3, col.header), (4, value)):
                ws.cell(r, c, v)
                ws.merge_cells(f"{letter(c)}{r}:{letter(c + 1)}{r}")
        ws["A6"] = "填报人：张三"
        ws["G6"] = "填报日期：2022年6月15日"
    wb.save(tmp_path / "汇龙镇.xlsx")
    loaded, _ = load([tmp_path / "汇龙镇.xlsx"], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("CASE_DATE_MISSING", "附件3!O4")]  # 是否立案, the 8th field: O:P



def test_a_word_table_of_two_header_rows_keeps_its_fields_two_columns_wide(tmp_path: Path) -> None:
    """附件4 as the notice prints it (问题数 over 正在整治 | 整治完成 | 总计), pasted from Word: every cell over two grid
    columns. The covered halves of 整治完成 and 总计 were COLUMN_UNKNOWN — the group header's merge taken for theirs —
    and their copies of the figures went to the consolidated sheet as text. Consistent figures: no finding."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件4"
    ws["A1"], ws["A2"] = "附件4：", "打击整治养老服务诈骗专项行动战果统计表"
    ws["A3"] = "填报单位：南阳镇"
    single = ["提供养老服务活动的机构、场所涉及诈骗问题（民政领域）", None, None, None, "存在的苗头性问题",
              "存在明显问题但不构成犯罪的问题", "对涉嫌犯罪移送司法机关依法打击的问题", "接收公安提示函", "接收检察建议书",
              "接收司法建议书", "接收监察建议书"]
    sub = [None, "正在整治", "整治完成", "总计"]
    for i, value in enumerate(["南阳镇", 3, 3, 6, 5, 0, 1, 0, 0, 0, 0]):
        c = 1 + 2 * i
        if single[i]:
            ws.cell(4, c, single[i])
            ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c + 1)
        else:
            ws.cell(5, c, sub[i])
            ws.merge_cells(start_row=5, start_column=c, end_row=5, end_column=c + 1)
        ws.cell(6, c, value)
        ws.merge_cells(start_row=6, start_column=c, end_row=6, end_column=c + 1)
    ws["C4"] = "问题数"
    ws.merge_cells("C4:H4")
    ws["A8"], ws["E8"] = "填报人：张三", "填报时间：2022-06-15"
    wb.save(tmp_path / "南阳镇_附件4.xlsx")
    loaded, _ = load([tmp_path / "南阳镇_附件4.xlsx"], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    row = loaded.submissions["南阳镇"].f4[0]
    assert (row.ongoing, row.done, row.total, row.extra) == (3, 3, 6, {})


def test_a_facility_over_two_rows_typed_on_its_lower_line_is_said_there(tmp_path: Path) -> None:
    """序号 and 名称 merged over rows 7–8, the facility's other cells typed on row 8: its findings named row 7's
    empty cells (E7 现填黄色). They name the cells holding the values, and `row` is theirs."""
    specs = specs_for("南阳镇", n=2)
    p = write(tmp_path / "南阳镇.xlsx", "南阳镇", specs)
    wb = openpyxl.load_workbook(p)
    for name, values in (("附件2", [3, "南阳福寿颐养院", "A", "2、6", "黄", "南阳镇民政办", None]),
                         ("附件3", [3, "南阳福寿颐养院", "2、6", "否", "不涉及", "3", "已约谈", "否", "否"])):
        ws = wb[name]
        ws.insert_rows(7, 2)
        ws.cell(7, 1, values[0])
        ws.cell(7, 2, values[1])
        for c, v in enumerate(values[2:], start=3):
            ws.cell(8, c, v)
        ws.merge_cells("A7:A8")
        ws.merge_cells("B7:B8")
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    said = sorted((f.code.value, f.sheet, f.cell, f.row) for f in loaded.findings)
    assert said == [("CLUE_NOT_REPORTED", "附件3", "D8", 8), ("LEVEL_UNDERRATED", "附件2", "E8", 8),
                    ("MEASURE_MISSING", "附件3", "F8", 8)]
    rec = next(r for r in loaded.submissions["南阳镇"].f2 if r.name == "南阳福寿颐养院")
    assert (rec.row, rec.cell("name"), rec.cell("level")) == (7, "B7", "E8")


def test_a_level_missing_for_want_of_its_column_names_the_facilitys_row(tmp_path: Path) -> None:
    """附件2 without its 风险隐患等级 column: COLUMN_MISSING at the header, then LEVEL_MISSING on each row with no cell
    at all (SPEC: every finding carries its cell; the annotated copy marked nothing). The row's name cell now."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    ws["A1"], ws["A2"] = "附件2：", "养老服务诈骗风险隐患“红橙黄”风险管控名单"
    ws["A3"] = "填报单位（盖章）：南阳镇"
    for i, h in enumerate(["序号", "养老服务机构及场所名称", "类别", "风险隐患点", "牵头排查单位", "备注"], start=1):
        ws.cell(4, i, h)
    for i, v in enumerate([1, "南阳福寿颐养院", "A", "2、4", "南阳镇民政办"], start=1):
        ws.cell(5, i, v)
    ws["A6"], ws["F6"] = "填报人：张三", "填报日期：2022-06-15"
    wb.save(tmp_path / "南阳镇_附件2.xlsx")
    loaded, _ = load([tmp_path / "南阳镇_附件2.xlsx"], default_config(), "2022-06")
    said = [(f.code.value, f.cell, f.row) for f in loaded.findings if f.code.value.startswith(("LEVEL", "COLUMN"))]
    assert ("LEVEL_MISSING", "B5", 5) in said and all(cell for _, cell, _ in said)



def test_no_need_under_f1s_questions_is_no_and_nowhere_else(tmp_path: Path) -> None:
    """附件1 无需成立 / 不需要: 否, not VALUE_INVALID (audit of prose) — 附件1's questions only: 无需通报 under 附件3's
    通报线索 stays what it was (review: 无需登记 under 是否已登记 said nothing of whether it is)."""
    specs = _base()
    specs["F1"].rows[0].update(group="无需成立", task_force="不需要")
    assert _found(tmp_path, specs) == []


@pytest.mark.parametrize(("level", "f3_points"), [("橙", "无"), ("黄", "无"), ("红", "5")])
def test_points_written_as_none_ask_no_disposal_of_the_declared_level(tmp_path: Path, level: str,
                                                                      f3_points: str) -> None:
    """风险隐患点 无 (绿) declared 橙: LEVEL_OVERRATED asks the row off both lists, yet 附件3 was asked for 橙's clue
    (CLUE_NOT_REPORTED, an error) and measures 3、4 (oracle audit). Judged by its points: none, or 附件3's own 5
    (黄) — where POINTS_DIFFER says 附件2's 无 as written, not 为空. Blank points still leave the declared level."""
    specs = _base()
    specs["F2"].rows[0].update(points="无", level=level)
    specs["F3"].rows[0].update(points=f3_points, clue="否", measures="1、2" if f3_points == "5" else "")
    found = _found(tmp_path, specs)
    assert ("LEVEL_OVERRATED", "附件2!E5") in found
    assert not {c for c, _ in found} & {"CLUE_NOT_REPORTED", "MEASURE_MISSING"}, found
    if f3_points == "5":
        assert ("POINTS_DIFFER", "附件3!C5") in found
        p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
        loaded, _ = load([p], default_config(), "2022-06")
        said = next(f.message for f in loaded.findings if f.code == "POINTS_DIFFER")
        assert "附件2 风险隐患点为“无”" in said, said
    blank = _base()
    blank["F2"].rows[0].update(points="", level=level)
    blank["F3"].rows[0].update(points="", clue="否", measures="")
    assert "CLUE_NOT_REPORTED" in {c for c, _ in _found(tmp_path / "blank", blank)} or level == "黄"


def test_point_15_on_disposal_alone_takes_the_declared_level(tmp_path: Path) -> None:
    """附件2 无 under a declared 红, 附件3 writing 15.其他：… with its clue 否: 15's level is the one the township
    declares, yet the row was judged 绿 once 无 asked nothing of the declared level (review): CLUE_NOT_REPORTED."""
    specs = _base()
    specs["F2"].rows[0].update(points="无", level="红")
    specs["F3"].rows[0].update(points="15.其他：超范围经营", clue="否", measures="")
    assert ("CLUE_NOT_REPORTED", "附件3!D5") in _found(tmp_path, specs)


def test_a_facility_listed_twice_one_row_of_none_is_judged_at_its_highest(tmp_path: Path) -> None:
    """甲 listed twice, 无/红 and 11/红, its 附件3 row 无 with clue 否: judged at the 无 row's 绿, the clue unasked
    (review). A facility's level is its highest row's."""
    specs = _base()
    specs["F2"].rows[0].update(points="无", level="红")
    specs["F2"].rows[1].update(name=specs["F2"].rows[0]["name"], points="11", level="红", category="A")
    specs["F3"].rows[0].update(points="无", clue="否", measures="")
    specs["F3"].rows = specs["F3"].rows[:1] + specs["F3"].rows[2:]
    found = _found(tmp_path, specs)
    assert ("CLUE_NOT_REPORTED", "附件3!D5") in found and ("DUPLICATE_FACILITY", "附件2!B6") in found


def test_a_facility_listed_twice_with_a_disposal_row_each_is_judged_row_by_row(tmp_path: Path) -> None:
    """甲 listed twice, 无/黄 and 6/橙, with a 附件3 row of each's points: the 无 row was judged at the other's 橙 once
    a facility's level became its highest row's (second review): CLUE_NOT_REPORTED false. Each by its own row."""
    specs = _base()
    name = specs["F2"].rows[0]["name"]
    specs["F2"].rows[0].update(points="无", level="黄")
    specs["F2"].rows[1].update(name=name, points="6", level="橙", category="A")
    specs["F3"].rows[0].update(points="无", clue="否", measures="1")
    specs["F3"].rows[1].update(name=name, points="6", clue="是", measures="3、4")
    found = _found(tmp_path, specs)
    assert not {c for c, _ in found} & {"CLUE_NOT_REPORTED", "MEASURE_MISSING"}, found
