"""What clerks write that the first fixtures did not: footers in other words, dates without a year, remarks
beside the numbers, hints in headers, a column left out, a row that cannot be read. Each case found by
filling the forms the way townships do; each asserts the exact findings (code and cell), not just "no crash"."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from yanglao_cli.config import default_config
from yanglao_cli.normalize import parse_numbers, parse_resolved
from yanglao_cli.pipeline import load, load_file

from .conftest import pairs, rezip, run, run_json, specs_for, write


def _codes(loaded, *codes: str) -> list[tuple[str, str]]:
    return [p for p in pairs(loaded.findings) if p[0] in codes]


def _load_written(tmp_path: Path, specs) -> object:
    """汇龙镇's workbook written from `specs` and read for June 2022."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    return load([p], default_config(), "2022-06")[0]


def _footer_row(ws) -> int:
    return next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("填报人"))


def _row_above_footer(tmp_path: Path, cells: dict[int, str], merged: bool = False) -> tuple[Any, int]:
    """汇龙镇's workbook (附件2 without blank rows) with a row of `cells` typed right above 附件2's footer (merged
    across the list's seven columns), read for June 2022: what was loaded, and the row."""
    specs = specs_for("汇龙镇")
    specs["F2"].blank_rows = 0
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    r = _footer_row(ws)
    ws.insert_rows(r)
    for c, v in cells.items():
        ws.cell(r, c, v)
    if merged:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=7)
    wb.save(p)
    return load([p], default_config(), "2022-06")[0], r


def _list_to_its_footer(tmp_path: Path) -> tuple[Path, Any, Any, int]:
    """汇龙镇's 附件2 alone, no blank rows: its path, the workbook and sheet opened, and the footer's row."""
    specs = specs_for("汇龙镇")
    specs["F2"].blank_rows = 0
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"]])
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    return p, wb, ws, _footer_row(ws)


@pytest.mark.parametrize("labels", [
    ("填表人：张三", "填报日期：2022年6月15日"),
    ("填 表 人：张三", "填报时间：2022-06-15"),
    ("单位负责人：李四", "填报日期：2022.6.15"),
    ("主要负责人：李四", "报送日期：2022/6/15"),
    ("联系人：王五", "电话：0513-83123456"),
    ("分管领导：赵六", "填报日期：2022年6月15日"),
])
def test_footer_rows_in_other_words_end_the_data(tmp_path: Path, labels: tuple[str, str]) -> None:
    specs = specs_for("汇龙镇")
    specs["F2"].blank_rows = 0
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"], specs["F3"]])
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    r = _footer_row(ws)
    for c in range(1, 10):
        ws.cell(r, c).value = None
    ws.cell(r, 1, labels[0])
    ws.cell(r, 5, labels[1])  # a clerk's footer: the date alone under 风险隐患等级
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    assert len(loaded.submissions["汇龙镇"].f2) == 3
    if "日期" in labels[1] or "时间" in labels[1]:
        assert loaded.submissions["汇龙镇"].footers["F2"].date.isoformat() == "2022-06-15"


def test_dates_without_a_year_take_the_year_of_the_sheet(tmp_path: Path, runner) -> None:
    """SPEC: 6月3日 with the year from the report period; without --period the sheet's own 填报日期 or title
    gives it (check's help: the period is inferred from 填报日期)."""
    specs = specs_for("汇龙镇", date="6月15日")
    specs["F3"].rows[0]["case"] = "是，6月3日"
    specs["F3"].rows[1]["case"] = "是，6月20日"  # after the report date
    p = write(tmp_path / "2022年6月汇龙镇.xlsx", "汇龙镇", specs)
    code, data = run_json(runner, "check", p)
    found = [(f["code"], f"{f['sheet']}!{f['cell']}") for f in data["findings"]]
    case_col = "H"
    assert found == [("DATE_IN_FUTURE", f"附件3!{case_col}6")], data["findings"]
    assert code == 1
    # the year in the title rows when the 填报日期 has none
    wb = openpyxl.load_workbook(p)
    wb["附件3"]["A2"] = "养老服务诈骗风险隐患分类处置工作进度表（2022年6月）"
    wb.save(tmp_path / "报表.xlsx")
    code, data = run_json(runner, "check", tmp_path / "报表.xlsx")
    assert [(f["code"], f"{f['sheet']}!{f['cell']}") for f in data["findings"]] == [("DATE_IN_FUTURE", "附件3!H6")]


@pytest.mark.parametrize(("raw", "items"), [
    ("2、4（6月排查发现）", (2, 4)),
    ("9（收住老人11人）", (9,)),
    ("6（负责人2021年被投诉举报）", (6,)),
    ("7（预付费50万元，床位30张）", (7,)),
    ("1、7，2022.6.10 排查", (1, 7)),
    ("15.其他：2022年6月起停业", (15,)),
    ("2、4（6.5排查发现）", (2, 4)), ("2、4（6/5发现）", (2, 4)), ("2、4（6.15）", (2, 4)), ("6、8（6月15）", (6, 8)),
    ("2（2022-06）", (2,)), ("7（2022.06）", (7,)), ("9（2号楼）", (9,)), ("10（3楼）", (10,)),
    ("1、3、6月份发现", (1, 3)), ("风险点（1、4）", (1, 4)), ("15（其他：负责人失联）", (15,)),
    ("一、虚假或夸大宣传；二、未经登记开展养老服务活动但无收取大额预付费行为的", (4, 9)), ("3、4（一）约谈", (3, 4)),
    ("1、7，收取预付费3个月", (1, 7)), ("10、12，1起", (10, 12)),
    ("7、十二", (7, 12)), ("一、7", (1, 7)), ("二、四（6月发现）", (2, 4)),
])
def test_numbers_in_a_remark_are_not_points(raw: str, items: tuple[int, ...]) -> None:
    n = parse_numbers(raw, "points")
    assert n.ok and n.value is not None and n.value.items == items
    if 15 in items:  # the described case keeps its words and its date
        assert n.value.other_text == raw.split("其他：")[1].rstrip("）")


def test_the_other_case_keeps_its_own_list_numbering() -> None:
    n = parse_numbers("15.其他：一、消防通道堵塞；二、无证经营", "points")
    assert n.value is not None and n.value.items == (15,) and n.value.other_text == "一、消防通道堵塞；二、无证经营"


def test_numbers_in_a_remark_are_not_measures_or_criteria() -> None:
    n = parse_numbers("3、4（6月5日约谈）", "measures")
    assert n.value is not None and n.value.items == (3, 4)
    r = parse_resolved("是，已于2022年6月10日完成资金清退")
    assert r.ok and r.value is not None and r.value[1].items == (3,)


def test_remarks_in_points_give_no_false_level_findings(tmp_path: Path) -> None:
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="2、4（6月排查发现）", level="黄", category="A")
    specs["F3"].rows[0].update(points="2、4", measures="1、2（6月5日已提示）", clue="否")
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == []
    # the trigger beside it: a real point 6 is still read
    specs["F2"].rows[0].update(points="2、6（6月排查发现）")
    loaded = _load_written(tmp_path, specs)
    assert ("LEVEL_UNDERRATED", "附件2!E5") in pairs(loaded.findings)


@pytest.mark.parametrize("header", ["类别（A/B/C）", "类别\n（A、B、C）", "类别(填字母)", "机构类型"])
def test_category_header_with_a_hint(tmp_path: Path, header: str) -> None:
    specs = specs_for("汇龙镇")
    specs["F2"].header_override = {"category": header}
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == []
    specs["F2"].rows[0]["category"] = "C"  # still checked: C without point 9 or 10
    loaded = _load_written(tmp_path, specs)
    assert ("CATEGORY_MISMATCH", "附件2!C5") in pairs(loaded.findings)


@pytest.mark.parametrize(("form", "field", "header"), [
    ("F4", "total", "问题数（总计）"), ("F4", "ongoing", "正在整改"), ("F4", "done", "整改完成"),
    ("F1", "township", "镇（区）"), ("F3", "case", "立案情况"), ("F3", "resolved", "存量风险化解情况"),
    ("F3", "clue", "是否向属地人民政府和政法和社会管理局进行线索通报"), ("F2", "level", "名单类别"),
    ("F1", "percent", "排查进度（%）"), ("F1", "percent", "完成率"), ("F4", "done", "已整改"),
    ("F1", "task_force", "专班"), ("F1", "complaints", "投诉举报通道"), ("F1", "percent", "排查完成率（%）"),
    ("F1", "task_force", "工作专班"), ("F1", "task_force", "是否组建工作专班"), ("F1", "publicity", "宣传"),
    ("F1", "publicity", "新闻宣传"), ("F1", "info_sharing", "部门信息共享"), ("F1", "group", "领导小组"),
    # a question's number before it, as online forms export their questions (review: short ones were COLUMN_MISSING)
    ("F2", "category", "2.类别"), ("F2", "category", "2.类别（单选）"), ("F2", "category", "2、类别："),
    ("F2", "category", "*2.类别"), ("F2", "category", "Q2 类别"), ("F1", "township", "1、乡镇："), ("F4", "total", "4、总计"),
])
def test_header_wordings_clerks_use(tmp_path: Path, form: str, field: str, header: str) -> None:
    specs = specs_for("汇龙镇")
    specs[form].header_override = {field: header}
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == []


def test_a_missing_column_is_one_finding_not_one_per_row(tmp_path: Path) -> None:
    specs = specs_for("汇龙镇", n=6)
    specs["F3"].columns = [c.field for c in specs["F3"].form.columns if c.field != "clue"]
    loaded = _load_written(tmp_path, specs)
    assert [f.code.value for f in loaded.findings] == ["COLUMN_MISSING"]
    assert loaded.findings[0].sheet == "附件3" and loaded.findings[0].row == 4


def test_an_unreadable_f2_row_leaves_f3_to_its_own_points(tmp_path: Path) -> None:
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="负责人被举报", level="较高")
    specs["F3"].rows[0].update(points="6", clue="否", measures="1")
    loaded = _load_written(tmp_path, specs)
    found = pairs(loaded.findings)
    assert ("CLUE_NOT_REPORTED", "附件3!D5") in found  # 6 is 橙: the clue must be reported
    assert ("MEASURE_MISSING", "附件3!F5") in found
    assert ("VALUE_INVALID", "附件2!D5") in found and ("VALUE_INVALID", "附件2!E5") in found


def _with_percent_formula(tmp_path: Path, typed: bool) -> Path:
    """附件1's percent as the template's formula; Excel stores a calculated "" result as t="str" with an empty
    <v>, openpyxl (never calculated) as an empty <v> alone."""
    import zipfile

    specs = specs_for("汇龙镇")
    specs["F1"].rows[0]["percent"] = '=IF(C5>0,"",1)'
    src = write(tmp_path / "src.xlsx", "汇龙镇", [specs["F1"]])
    out = tmp_path / ("typed.xlsx" if typed else "untyped.xlsx")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml" and typed:
                assert b'<c r="E5"><f>' in data
                data = data.replace(b'<c r="E5"><f>', b'<c r="E5" t="str"><f>')
            zout.writestr(info, data)
    return out


def test_a_formula_whose_calculated_result_is_empty_has_a_value(tmp_path: Path) -> None:
    loaded, _ = load([_with_percent_formula(tmp_path, typed=True)], default_config(), "2022-06")
    assert _codes(loaded, "FORMULA_NO_VALUE") == []
    loaded, _ = load([_with_percent_formula(tmp_path, typed=False)], default_config(), "2022-06")
    assert _codes(loaded, "FORMULA_NO_VALUE") == [("FORMULA_NO_VALUE", "附件1!E5")]


@pytest.mark.parametrize("answer", ["是。王某某副镇长", "是—王某某（副镇长）", "是-王某某"])
def test_detail_after_other_separators_is_read(tmp_path: Path, answer: str) -> None:
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0]["group"] = answer
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F1"]])
    loaded, _ = load([p], default_config(), "2022-06")
    assert _codes(loaded, "DETAIL_MISSING") == []
    specs["F1"].rows[0]["group"] = "是"
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F1"]])
    loaded, _ = load([p], default_config(), "2022-06")
    assert _codes(loaded, "DETAIL_MISSING") == [("DETAIL_MISSING", "附件1!F5")]


def _insert_row_under_header(path: Path, sheet: str, values: list[object]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    ws.insert_rows(header + 1)
    for c, v in enumerate(values, start=1):
        ws.cell(header + 1, c, v)
    wb.save(path)


@pytest.mark.parametrize("hint", [
    ["栏次", 1, 2, 3, 4, 5, 6],
    [1, 2, 3, 4, 5, 6, 7],
    [None, "（全称）", "（A/B/C）", "（填序号1-15）", "（红/橙/黄）", None, None],
    # the columns lettered (a statistical form's 栏次): it was a facility named B or 乙 with a dozen errors (audit)
    ["A", "B", "C", "D", "E", "F", "G"], ["甲", "乙", "丙", "丁", "戊", "己", "庚"], ["栏次", "a", "b", "c", "d", "e", "f"],
    # what to write without brackets: a facility named 填写全称 with three errors, written one level up (audit)
    [None, "填写全称", "填A、B或C", "填编号，多个用顿号隔开", "填红、橙或黄", None, None],
    [None, "请填写机构全称", "下拉选择", "自动计算", "选择", "填写单位名称", "简要说明"],
    # columns numbered with how they are made (a statistical form's 栏次: 3=1+2): it was a row of data (audit)
    ["栏次", "1", "2", "3=1+2", "4", "5", "6"], ["甲", "乙", "1", "2", "3=2/1", "4", "5"],
    # one cell alone saying what to write (a nameless facility with three errors, written one level up; mutation audit)
    [None, None, "（填A、B或C）", None, None, None, None], [None, None, "填A、B或C"],
])
def test_a_numbering_or_hint_row_under_the_header_is_not_a_facility(tmp_path: Path, hint: list[object]) -> None:
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"], specs["F3"]])
    _insert_row_under_header(p, "附件2", hint)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f2) == 3


def test_blank_rows_with_drop_down_defaults_left_in_are_template_rows(tmp_path: Path) -> None:
    specs = specs_for("汇龙镇")
    specs["F3"].blank_rows = 0
    specs["F3"].rows.append({"seq": 4, "clue": "否", "fundraising": "不涉及", "case": "否", "resolved": "否"})
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"], specs["F3"]])
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f3) == 3
    # a row without a name but with real content is still data: the name is asked for
    specs["F3"].rows[-1]["points"] = "6"
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"], specs["F3"]])
    loaded, _ = load([p], default_config(), "2022-06")
    assert ("VALUE_REQUIRED", "附件3!B8") in pairs(loaded.findings)


@pytest.mark.parametrize(("fill", "rows"), [({"category": "C"}, 3), ({"level": "绿"}, 3),
                                           ({"category": "A", "level": "黄"}, 3), ({"category": "A", "points": "6"}, 4)])
def test_values_filled_down_the_pre_numbered_rows_are_template_rows(tmp_path: Path, fill: dict[str, str],
                                                                      rows: int) -> None:
    """类别 C or 等级 绿 filled down the pre-numbered blank rows before the clerk knew how many facilities there would
    be: each row was a facility, two VALUE_REQUIRED a row, nameless rows on the consolidated list (audit of values).
    A nameless row with points of its own is still a facility, its name asked for."""
    specs = specs_for("汇龙镇")
    specs["F2"].blank_rows = 0
    specs["F2"].rows += [{"seq": 4 + i, **fill} for i in range(1 if "points" in fill else 4)]
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"], specs["F3"]])
    loaded, _ = load([p], default_config(), "2022-06")
    assert len(loaded.submissions["汇龙镇"].f2) == rows
    assert [c for c, _ in pairs(loaded.findings) if c == "VALUE_REQUIRED"] == ["VALUE_REQUIRED"] * (rows - 3)


def test_a_facility_merged_over_two_rows_is_one_facility(tmp_path: Path) -> None:
    specs = specs_for("汇龙镇")
    specs["F3"].blank_rows = 0
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"], specs["F3"]])
    wb = openpyxl.load_workbook(p)
    ws = wb["附件3"]
    ws.insert_rows(6)  # a second progress line for the facility of row 5
    ws["G6"] = "6月20日复查，已整改"
    for col in "ABCDEFHI":
        ws.merge_cells(f"{col}5:{col}6")
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    f3 = loaded.submissions["汇龙镇"].f3
    assert len(f3) == 3 and f3[0].row == 5 and f3[0].progress.endswith("；6月20日复查，已整改")


@pytest.mark.parametrize("second_name", ["same", "blank", "other"])
def test_a_facility_over_two_rows_under_one_merged_seq_is_one_facility(tmp_path: Path, second_name: str) -> None:
    """One risk point and its measure a row, 序号 (and the facility's other cells) merged over the two rows, the
    name typed again on the second row rather than merged: one facility, as with the name merged (it was
    DUPLICATE_FACILITY on both forms and MEASURE_MISSING on each row; blind audit of multi-row layouts). A
    second row naming another facility is that facility."""
    specs = specs_for("汇龙镇")
    specs["F2"].blank_rows = specs["F3"].blank_rows = 0
    specs["F2"].rows[0].update(points="2", level="黄", category="A")
    specs["F3"].rows[0].update(points="2", measures="1", clue="否")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"], specs["F3"]])
    wb = openpyxl.load_workbook(p)
    name = wb["附件2"]["B5"].value
    second = {"same": name, "blank": None, "other": "汇龙第二养老院"}[second_name]
    for title, own in (("附件2", {"B": second, "D": "4"}), ("附件3", {"B": second, "C": "4", "F": "2"})):
        ws = wb[title]
        ws.insert_rows(6)
        for col, v in own.items():
            ws[f"{col}6"] = v
        for col in ("ACEFG" if title == "附件2" else "ADEGHI"):
            ws.merge_cells(f"{col}5:{col}6")
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    f2, f3 = loaded.submissions["汇龙镇"].f2, loaded.submissions["汇龙镇"].f3
    if second_name == "other":
        assert [r.name for r in f2[:2]] == [name, "汇龙第二养老院"] and len(f2) == 4
        return
    assert pairs(loaded.findings) == []
    assert len(f2) == len(f3) == 3 and f2[0].row == f3[0].row == 5
    assert f2[0].points.items == f3[0].points.items == (2, 4) and f3[0].measures.items == (1, 2)


def test_point_15_described_in_the_note(tmp_path: Path) -> None:
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="4、15", level="黄", note="")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"]])
    loaded, _ = load([p], default_config(), "2022-06")
    assert _codes(loaded, "POINT_OTHER_UNDESCRIBED") == [("POINT_OTHER_UNDESCRIBED", "附件2!D5")]
    specs["F2"].rows[0]["note"] = "15：负责人失联"
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"]])
    loaded, _ = load([p], default_config(), "2022-06")
    assert _codes(loaded, "POINT_OTHER_UNDESCRIBED") == []


@pytest.mark.parametrize("header", ["风险隐患点具体情形", "其他情形说明", "问题描述"])
def test_point_15_described_in_a_column_of_its_own(tmp_path: Path, runner, header: str) -> None:
    """15's case in a column the township added beside the points (风险隐患点具体情形): POINT_OTHER_UNDESCRIBED, "没有写明具体
    内容", where the same words in 备注 passed (blind audit of values). The column is still one of its own
    (COLUMN_UNKNOWN); one level up the case is written with 15, and the consolidated workbook checks clean."""
    specs = specs_for("汇龙镇", n=1)
    specs["F2"].rows[0].update(points="4、15", level="黄", note="")
    specs["F3"].rows[0].update(points="4、15.其他：私自收取押金", measures="1、2")
    p = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", [specs["F2"], specs["F3"]])
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    ws.insert_cols(5)
    ws["E4"], ws["E5"] = header, "私自收取押金"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("COLUMN_UNKNOWN", "附件2!E4")]
    code, data = run_json(runner, "consolidate", tmp_path / "in", "-o", tmp_path / "out", "--period", "2022-06")
    out = openpyxl.load_workbook(tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx")
    assert out["附件2"]["D5"].value == "4、15.其他：私自收取押金"
    code, data = run_json(runner, "check", tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx")
    assert code == 0 and "POINT_OTHER_UNDESCRIBED" not in {f["code"] for f in data["findings"]}
    # a column of another figure (整改情况) describes no case
    ws["E4"] = "整改情况"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert ("POINT_OTHER_UNDESCRIBED", "附件2!D5") in pairs(loaded.findings)


def test_clue_not_applicable_for_a_yellow_facility(tmp_path: Path) -> None:
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="2、4", level="黄", category="A")
    specs["F3"].rows[0].update(points="2、4", measures="1、2", clue="不涉及")
    specs["F2"].rows[1].update(points="6", level="橙", category="A")
    specs["F3"].rows[1].update(points="6", measures="3、4", clue="/")
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == [("CLUE_NOT_REPORTED", "附件3!D6")]  # 橙 must report it


def test_points_none_written_are_no_points(tmp_path: Path) -> None:
    """无 on the list is read (SPEC: no points → GREEN): declared 黄 it is LEVEL_OVERRATED, undeclared GREEN_IN_LIST,
    and 无 measures are none taken (MEASURE_MISSING). They were VALUE_INVALID, an error, unless the level was 绿 —
    four blind audits read that as 无 not understood, or as the wrong code. A facility of no points declared 黄 is
    asked no 黄 measures: it is 绿, to come off both lists (oracle audit)."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="无", level="黄")
    specs["F3"].rows[0].update(points="/", measures="无")
    specs["F2"].rows[1].update(points="无风险隐患点", level="")
    specs["F3"].rows[1].update(points="6")
    specs["F2"].rows[2].update(points="2", level="黄", category="A")
    specs["F3"].rows[2].update(points="2", measures="无", clue="否")
    loaded = _load_written(tmp_path, specs)
    assert sorted(pairs(loaded.findings)) == [("GREEN_IN_LIST", "附件2!E6"), ("LEVEL_OVERRATED", "附件2!E5"),
                                              ("MEASURE_MISSING", "附件3!F7"), ("MEASURE_MISSING", "附件3!F7"),
                                              ("POINTS_DIFFER", "附件3!C6")]
    # saying why: 无 is understood, and is no answer for a facility on the list
    said = {f.code.value: f.message for f in loaded.findings}
    assert "确实没有的为绿色" in said["LEVEL_OVERRATED"] and "不应列入" in said["GREEN_IN_LIST"]


@pytest.mark.parametrize(("note", "flagged"), [("-", False), ("--", False), ("—", False), ("=A1", True), ("-1+1", True),
                                              ("-3", True), ("-5%", True), ("-5%%", True), ("+8613800000000", True)])
def test_a_dash_meaning_none_is_no_formula_text(tmp_path: Path, note: str, flagged: bool) -> None:
    """A dash alone means none; any other text starting with = + - @ is CELL_FORMULA_TEXT (SPEC), a number typed
    as text too (+8613800000000, -3: they were left out; blind audit) — a number cell is no text (below)."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0]["note"] = note
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"]])
    wb = openpyxl.load_workbook(p)
    wb["附件2"]["G5"].value = note
    wb["附件2"]["G5"].data_type = "s"  # as typed text, never a formula
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert _codes(loaded, "CELL_FORMULA_TEXT") == ([("CELL_FORMULA_TEXT", "附件2!G5")] if flagged else [])


@pytest.mark.parametrize("number", [-3, -0.5, 5])
def test_a_number_cell_is_no_formula_text(tmp_path: Path, number: float) -> None:
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"]])
    wb = openpyxl.load_workbook(p)
    wb["附件2"]["G5"].value = number  # a number in the 备注 column: shown as -3, no text value
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert _codes(loaded, "CELL_FORMULA_TEXT") == []


def test_f4_none_written_as_a_word_or_dash_is_zero(tmp_path: Path) -> None:
    specs = specs_for("汇龙镇")
    specs["F4"].rows[0].update(ongoing="无", done=0, total="—", early="/", obvious=0, referred="无",
                               police_letters="无", procuratorate="-", judicial="—", supervision="无")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F4"]])
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    assert loaded.submissions["汇龙镇"].f4[0].total == 0


@pytest.mark.parametrize(("form", "row", "cell"), [
    ("F4", {"ongoing": 1, "done": 2, "total": 3, "early": None, "obvious": None, "referred": None,
            "police_letters": None, "procuratorate": None, "judicial": None, "supervision": None}, "附件4!E6"),
    ("F2", {"seq": 1, "name": None, "category": None, "points": "2", "level": None, "lead_unit": None}, "附件2!B5"),
    ("F3", {"seq": 1, "name": None, "points": None, "clue": "是", "fundraising": None, "measures": None,
            "progress": None, "case": None, "resolved": None}, "附件3!B5"),
])
def test_a_partly_filled_first_row_is_data_not_a_hint_or_template_row(tmp_path: Path, form: str, row: dict,
                                                                        cell: str) -> None:
    specs = specs_for("汇龙镇")
    specs[form].rows = [{k: v for k, v in row.items() if v is not None}]  # 附件4 without its unit: 1, 2, 3
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs[form]])
    loaded, _ = load([p], default_config(), "2022-06")
    assert loaded.rows_read == 1 and ("VALUE_REQUIRED", cell) in pairs(loaded.findings)


@pytest.mark.parametrize("label", ["经办人：张三", "审核：李四", "制表：王五", "日期：2022-06-15", "以下空白",
                                   "报送单位（盖章）：汇龙镇民政办", "填写人：张三", "报送人：张三", "统计人：张三",
                                   "统计员：张三", "监督人：张三", "核实员签字："])
def test_more_footer_words_end_the_data(tmp_path: Path, label: str) -> None:
    specs = specs_for("汇龙镇")
    specs["F2"].blank_rows = 0
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"], specs["F3"]])
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    ws.insert_rows(8)
    ws.cell(8, 2, label)  # written in the name column, under the last facility
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f2) == 3


def test_four_forms_stacked_on_one_sheet_after_long_notes(tmp_path: Path) -> None:
    """附件3's 填报说明, one line per row as in the template, is longer than the first header search."""
    from yanglao_cli.sample import write_sheet

    specs = specs_for("汇龙镇")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    offset = 0
    for key in ("F1", "F2", "F3", "F4"):
        part = wb.create_sheet("tmp")
        write_sheet(part, specs[key], "汇龙镇")
        if key == "F3":
            for n in range(40):  # a long 填报说明
                part.cell(part.max_row + 1, 1, f"说明第{n + 1}行")
        for row in part.iter_rows():
            for c in row:
                if c.value is not None:
                    ws.cell(c.row + offset, c.column, c.value)
        offset += part.max_row + 2
        wb.remove(part)
    p = tmp_path / "汇龙镇6月报表(最终版).xlsx"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    sub = loaded.submissions["汇龙镇"]
    assert (len(sub.f1), len(sub.f2), len(sub.f3), len(sub.f4)) == (1, 3, 3, 1)


@pytest.mark.parametrize("when", ["二〇二二年六月十五日", "2022-06-15 17时30分", "6月15日 17:30", "2022-06-15 下午5:30"])
def test_dates_written_in_words_or_with_a_time(tmp_path: Path, when: str) -> None:
    specs = specs_for("汇龙镇", date=when)
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F1"]])
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    assert loaded.submissions["汇龙镇"].footers["F1"].date.isoformat() == "2022-06-15"


def test_an_unreadable_date_finding_names_its_unit(tmp_path: Path) -> None:
    specs = specs_for("汇龙镇", date="六月中旬")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F1"]])
    loaded, _ = load([p], default_config(), "2022-06")
    assert [(f.code.value, f.unit) for f in loaded.findings] == [("VALUE_INVALID", "汇龙镇")]


def test_an_f2_file_alone_has_no_disposal_missing(tmp_path: Path, runner) -> None:
    """A township checking its 附件2 file alone (its 附件3 in another file): no DISPOSAL_MISSING on every facility,
    as an 附件3 alone has no DISPOSAL_UNLISTED; with the 附件3 in the same run, a facility it lacks is found."""
    specs = specs_for("汇龙镇", n=3)
    f2 = write(tmp_path / "汇龙镇_附件2.xlsx", "汇龙镇", [specs["F2"]])
    code, data = run_json(runner, "check", f2, "--period", "2022-06")
    assert (code, data["findings"]) == (0, [])
    del specs["F3"].rows[0]
    write(tmp_path / "汇龙镇_附件3.xlsx", "汇龙镇", [specs["F3"]])
    code, data = run_json(runner, "check", tmp_path, "--period", "2022-06")
    assert [(f["code"], f["sheet"], f["cell"]) for f in data["findings"]] == [("DISPOSAL_MISSING", "附件2", "B5")]


@pytest.mark.parametrize("points", ["", "无", "/"])
def test_a_declared_green_facility_without_points_is_green_in_list_only(tmp_path: Path, runner, points: str) -> None:
    specs = specs_for("汇龙镇", n=2)
    specs["F2"].rows[0].update(points=points, level="绿色")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"]])
    code, data = run_json(runner, "check", p, "--period", "2022-06")
    assert [(f["code"], f["severity"], f["cell"]) for f in data["findings"]] == [("GREEN_IN_LIST", "warning", "E5")]
    assert code == 0


def test_classify_only_point_15_has_no_level(runner) -> None:
    code, data = run_json(runner, "classify", "--points", "15.其他：负责人失联")
    fac = data["facilities"][0]
    assert code == 0 and fac["level"] is None and fac["expected_measures"] == []


@pytest.mark.parametrize("points", ["15、是", "15.其他：详见说明", "4、15（见备注）"])
def test_classify_point_15_answered_yes_or_pointing_elsewhere_is_undescribed(runner, points: str) -> None:
    """--points "15、是" passed with 是 for the case (exit 0), where "15.其他情形" is POINT_OTHER_UNDESCRIBED; a pointer
    with nothing behind it (详见说明) is the same (blind audit of the facility sheet)."""
    code, data = run_json(runner, "classify", "--points", points)
    assert [f["code"] for f in data["findings"]] == ["POINT_OTHER_UNDESCRIBED"] and code == 1
    assert data["facilities"][0]["other_text"] == ""


def test_two_files_of_one_date_listing_the_same_facility_are_duplicates(tmp_path: Path, runner) -> None:
    """Only a later 填报日期 makes a resubmission; the same facility in two lists of one date is DUPLICATE_FACILITY."""
    a = specs_for("汇龙镇", n=2)
    b = specs_for("汇龙镇", n=2)
    b["F2"].rows = b["F2"].rows[:1]
    write(tmp_path / "汇龙镇_附件2_1.xlsx", "汇龙镇", [a["F2"]])
    write(tmp_path / "汇龙镇_附件2_2.xlsx", "汇龙镇", [b["F2"]])
    code, data = run_json(runner, "check", tmp_path, "--period", "2022-06")
    assert [f["code"] for f in data["findings"]] == ["DUPLICATE_FACILITY"] and code == 1


@pytest.mark.parametrize(("signer", "label"), [
    ("制表：张三", "制表日期：2022-06-15"), ("制表：张三", "审核日期：2022年6月15日"), ("制表：张三", "统计日期：2022.6.15"),
    # other counties' wording: the row was read as a facility (类别 负责人：李四 VALUE_INVALID), its date lost
    ("填写人：张三", "报表日期：2022-06-15"), ("统计人：张三", "填写日期：2022-06-15"), ("报送人：张三", "填表日期：2022-06-15"),
    # not read, the form undated and its lateness never found; the template's hint taken for the date (audit of values)
    ("填表人：张三", "上报时间：2022年6月15日"), ("填表人：张三", "上报日期：2022-06-15"), ("填表人：张三", "填表时间：2022.6.15"),
    ("填表人：张三", "报出日期：2022-06-15"), ("填表人：张三", "报告日期：2022-06-15"),
    ("填表人：张三", "填报日期（年月日）：2022年6月15日"), ("填表人：张三", "填报日期(yyyy-mm-dd)：2022-06-15")])
def test_dates_under_other_labels_are_the_report_date(tmp_path: Path, signer: str, label: str) -> None:
    p, wb, ws, r = _list_to_its_footer(tmp_path)
    for c in range(1, 10):
        ws.cell(r, c).value = None
    ws.cell(r, 1, signer)
    ws.cell(r, 3, "负责人：李四")
    ws.cell(r, 5, label)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    footer = loaded.submissions["汇龙镇"].footers["F2"]
    assert footer.date is not None and footer.date.isoformat() == "2022-06-15" and footer.filler == "张三"
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f2) == 3


@pytest.mark.parametrize(("cells"), [["填报人：张三", None, "填报日期：    年   月   日"], ["填报人：张三", None, "填报日期：",
                                                                                     "  年  月  日"],
                                    ["填报人：张三", None, "填报日期：____年__月__日"]])
def test_a_date_left_as_the_printed_blanks_is_no_date(tmp_path: Path, cells: list[str | None]) -> None:
    """填报日期：  年  月  日 left unfilled: undated as a blank date is (README), not VALUE_INVALID on every form,
    the file sent back for a blank (audit of periods)."""
    p, wb, ws, r = _list_to_its_footer(tmp_path)
    for c in range(1, 10):
        ws.cell(r, c).value = None
    for c, v in enumerate(cells, 1):
        ws.cell(r, c, v)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    footer = loaded.submissions["汇龙镇"].footers["F2"]
    assert footer.date is None and footer.filler == "张三"
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f2) == 3


def test_a_phone_line_alone_ends_the_data(tmp_path: Path) -> None:
    """手机： on a line of its own is a signature line (the footer words are one list in forms.FOOTER_FIELDS)."""
    p, wb, ws, r = _list_to_its_footer(tmp_path)
    ws.insert_rows(r)
    ws.cell(r, 1, "手机：13812345678")
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    footer = loaded.submissions["汇龙镇"].footers["F2"]
    assert footer.phone == "13812345678" and footer.filler
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f2) == 3


def test_criteria_right_after_yes() -> None:
    n = parse_resolved("是3、5")
    assert n.value is not None and n.value[1].items == (3, 5)


@pytest.mark.parametrize("none", ["", "无风险隐患点", "暂无"])  # (无风险隐患点 was VALUE_INVALID beside GREEN_IN_LIST)
def test_a_declared_green_facility_without_points_on_f3_too(tmp_path: Path, runner, none: str) -> None:
    specs = specs_for("汇龙镇", n=2)
    specs["F2"].rows[0].update(points=none, level="绿")
    specs["F3"].rows[0].update(points="无", measures="1、2", clue="否")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    code, data = run_json(runner, "check", p, "--period", "2022-06")
    assert [(f["code"], f["sheet"]) for f in data["findings"]] == [("GREEN_IN_LIST", "附件2")] and code == 0
    # the same forms sent as separate files: the same findings (附件3's 无 was VALUE_INVALID, blank VALUE_REQUIRED)
    for blank in ("无", ""):
        specs["F3"].rows[0]["points"] = blank
        inbox = tmp_path / f"files{blank}"
        for key in ("F1", "F2", "F3", "F4"):
            write(inbox / f"汇龙镇{key}.xlsx", "汇龙镇", [specs[key]])
        code, data = run_json(runner, "check", inbox, "--period", "2022-06")
        assert [(f["code"], f["sheet"]) for f in data["findings"]] == [("GREEN_IN_LIST", "附件2")] and code == 0


@pytest.mark.parametrize(("points", "said"), [("", "为空（等级填绿）"), ("无", "为“无”")])
def test_a_green_row_without_points_beside_points_on_f3_is_points_differ(tmp_path: Path, runner, points: str,
                                                                         said: str) -> None:
    """附件2's points left blank beside 绿 (GREEN_IN_LIST, read as none), 附件3 giving 7 for the facility: 附件3's rows
    were judged 橙 with nothing said of the difference — 无 was POINTS_DIFFER, a blank nothing (audit of the
    messages). Both are POINTS_DIFFER at 附件3's points."""
    specs = specs_for("汇龙镇", n=2)
    specs["F2"].rows[0].update(points=points, level="绿")
    specs["F3"].rows[0].update(points="7")
    code, data = run_json(runner, "check", write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs), "--period", "2022-06")
    differ = [f for f in data["findings"] if f["code"] == "POINTS_DIFFER"]
    assert [(f["sheet"], f["cell"]) for f in differ] == [("附件3", "C5")] and said in differ[0]["message"]
    assert ("GREEN_IN_LIST", "附件2", "E5") in {(f["code"], f["sheet"], f["cell"]) for f in data["findings"]}


def test_an_inbox_read_on_two_cores_gives_what_one_core_gives(tmp_path: Path, monkeypatch) -> None:
    """From 48 files the inbox is read by two worker processes, whose records come back with one shared frozen
    empty set of invalid fields: a 绿 facility without points there stopped the whole run with an internal
    error (format-parity audit: a 48-file folder). Mistakes of every kind in files of several units, read both
    ways, give the same findings and rows."""
    import yanglao_cli.pipeline as pipeline

    towns = ["汇龙镇", "南阳镇", "北新镇", "惠萍镇", "东海镇", "寅阳镇", "近海镇", "合作镇", "王鲍镇"]
    for i, town in enumerate(towns):
        specs = specs_for(town, n=3, seed=i)
        f2, f3 = specs["F2"].rows, specs["F3"].rows
        if i % 3 == 0:
            f2[0].update(points="", level="绿")  # the case that crashed
            f3[0].update(points="无", measures="1、2", clue="否")
        if i % 3 == 1:
            f2[1].update(level="黄色", points="１、１１")  # underrated, full-width
            f3[2]["points"] = "第9、10项"
        if i % 4 == 2:
            f2[2]["name"] = f2[0]["name"]  # twice in one unit
        if town == "王鲍镇":
            f2[0]["name"] = "幸福养老院"  # and beside another unit's
        if town == "汇龙镇":
            f2[1]["name"] = "幸福养老院"
        keys = ("F1", "F2", "F3", "F4")
        if i % 2:
            for key in keys:
                write(tmp_path / f"{town}{key}.xlsx", town, [specs[key]])
        else:
            write(tmp_path / f"{town}.xlsx", town, specs)
    paths = sorted(tmp_path.iterdir())
    assert len(paths) >= 8
    monkeypatch.setattr(pipeline, "PARALLEL_FILES", 8)
    one, _ = load(paths, default_config(), "2022-06", workers=1)
    two, _ = load(paths, default_config(), "2022-06", workers=2)
    codes = {f.code.value for f in one.findings}
    assert {"GREEN_IN_LIST", "LEVEL_UNDERRATED", "DUPLICATE_FACILITY", "DUPLICATE_ACROSS_UNITS"} <= codes, codes
    assert [f.model_dump() for f in two.findings] == [f.model_dump() for f in one.findings]
    assert (two.rows_read, two.rows_unreadable) == (one.rows_read, one.rows_unreadable)


@pytest.mark.parametrize("says", ["无", "暂无", "本月无", "本镇无红橙黄风险隐患机构", "经排查，未发现存在风险隐患的养老机构",
                                  # how it was found and where, together; a finding without an object; a dash
                                  # (blind audit of correct workbooks: 5–9 VALUE_REQUIRED on a township with none)
                                  "经排查，本镇无红橙黄名单机构", "经排查未发现", "暂未发现", "经摸排，暂无", "经核查，不存在",
                                  "/", "—"])
def test_a_list_that_says_nothing_is_empty_not_a_facility(tmp_path: Path, says: str) -> None:
    """A township with no facility at risk writes 无 (or a sentence) in the name column of 附件2 and 附件3, or
    merges one sentence over the row: an empty list, not a facility with every column missing."""
    from yanglao_cli.forms import F2, F3
    from yanglao_cli.sample import SheetSpec

    specs = specs_for("汇龙镇")
    specs["F2"] = SheetSpec(F2, [{"seq": 1, "name": says}])
    specs["F3"] = SheetSpec(F3, [{"name": says, "clue": "否", "fundraising": "不涉及"}])
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb["附件3"]
    ws.merge_cells("A5:I5")  # the sentence over the whole row
    ws["A5"] = says
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    sub = loaded.submissions["汇龙镇"]
    assert (sub.f2, sub.f3, loaded.rows_read) == ([], [], 2)  # 附件1 and 附件4 only


@pytest.mark.parametrize("dash", ["/", "—", "-"])
def test_a_dash_for_a_name_on_a_facilitys_row_is_no_name(tmp_path: Path, dash: str) -> None:
    """A dash alone in the name column says nothing is listed (above); on a row whose other cells are filled it is a
    facility without its name (VALUE_REQUIRED at that cell): it passed as a facility named “/”."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0]["name"] = dash
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    assert ("VALUE_REQUIRED", "附件2!B5") in pairs(loaded.findings)
    assert loaded.rows_read == 8 and [r.name for r in loaded.submissions["汇龙镇"].f2][0] == dash


@pytest.mark.parametrize("name", ["无锡市红星养老院", "无忧之家养老公寓", "无证养老机构"])
def test_a_facility_whose_name_starts_with_wu_is_still_a_facility(tmp_path: Path, name: str) -> None:
    from yanglao_cli.forms import F2
    from yanglao_cli.sample import SheetSpec

    specs = specs_for("汇龙镇")
    specs["F2"] = SheetSpec(F2, [{"seq": 1, "name": name}])
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F1"], specs["F2"], specs["F4"]])
    loaded, _ = load([p], default_config(), "2022-06")
    assert [n.name for n in loaded.submissions["汇龙镇"].f2] == [name]
    assert ("VALUE_REQUIRED", "附件2!D5") in pairs(loaded.findings)


@pytest.mark.parametrize("seq", ["①", "⑴", "²", "Ⅲ"])
def test_a_circled_or_superscript_serial_number_is_read_not_a_crash(tmp_path: Path, seq: str) -> None:
    """str.isdigit() holds for ① and ², int() refuses them: the hint-row test under the header crashed the run."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0]["seq"] = seq
    specs["F1"].rows[0]["seq"] = seq
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == []
    assert len(loaded.submissions["汇龙镇"].f2) == 3


def _insert_line(ws, at: int, text: str, last_col: str) -> None:
    ws.insert_rows(at)
    ws[f"A{at}"] = text
    ws.merge_cells(f"A{at}:{last_col}{at}")


@pytest.mark.parametrize(("sheet", "at", "text"), [
    ("附件2", 6, "注：以下为6月份新排查发现的机构"),  # between facilities
    ("附件3", 6, "※以下为6月份新排查发现的机构"),
    ("附件2", 5, "说明：类别填A/B/C，风险隐患点填序号，等级填红/橙/黄"),  # right under the header
    ("附件1", 5, "备注：本地区应当排查的养老机构及场所总数=已登记的养老服务机构+未经登记但开展养老服务活动的场所"),
    ("附件4", 6, "说明：填报此次专项行动累计数据。"),
])
def test_a_note_among_the_rows_is_passed_over_not_the_end_of_the_data(tmp_path: Path, sheet: str, at: int,
                                                                       text: str) -> None:
    """A note line inside or above the data ended the form there: the rows after it were lost without a finding
    (a township's whole 附件1 or list read as empty)."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    _insert_line(wb[sheet], at, text, "K")
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    sub = loaded.submissions["汇龙镇"]
    assert (len(sub.f1), len(sub.f2), len(sub.f3), len(sub.f4), loaded.rows_read) == (1, 3, 3, 1, 8)
    assert sub.footers["F2"].date.isoformat() == "2022-06-15"


@pytest.mark.parametrize(("at", "text"), [(6, "注：以下为6月份新排查发现的机构"), (5, "说明：类别填A/B/C"),
                                          (6, "※以下为复查机构")])
def test_a_note_typed_in_a_pre_numbered_row_is_no_facility(tmp_path: Path, at: int, text: str) -> None:
    """The template numbers every row: a note typed into the name cell of a numbered row (3 | 注：…) was read as a
    facility (VALUE_REQUIRED on its empty cells, DISPOSAL_MISSING, a numbered 注： on the consolidated 附件2)."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    for name in ("附件2", "附件3"):
        ws = wb[name]
        ws.insert_rows(at)
        ws[f"A{at}"], ws[f"B{at}"] = at - 4, text
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    sub = loaded.submissions["汇龙镇"]
    assert (len(sub.f2), len(sub.f3)) == (3, 3) and not any(text in r.name for r in sub.f2)


@pytest.mark.parametrize("note", [None, "注：本表由镇民政办填报。", "说明：名单截至6月15日"])
def test_a_facility_typed_under_the_footer_is_read_with_the_footer_kept(tmp_path: Path, note: str | None) -> None:
    """A late facility added below the 填报人 line of 附件2/附件3 was lost without a finding — and again when a note
    line stands between the list and the 填报人 line (unseeded audit of lost rows)."""
    specs = specs_for("汇龙镇", n=4)
    specs["F2"].blank_rows = specs["F3"].blank_rows = 0
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    for name in ("附件2", "附件3"):
        ws = wb[name]
        last = 4 + 4  # header row 4, facilities on rows 5–8
        values = [c.value for c in ws[last]]
        ws.delete_rows(last)
        if note:
            ws.insert_rows(last)
            ws.cell(last, 1, note)  # (right above the 填报人 line)
        foot = _footer_row(ws)
        for c, v in enumerate(values, start=1):
            ws.cell(foot + 1, c, v)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    sub = loaded.submissions["汇龙镇"]
    assert (len(sub.f2), len(sub.f3)) == (4, 4)
    assert sub.f2[-1].row == _footer_row(openpyxl.load_workbook(p)["附件2"]) + 1
    assert sub.footers["F2"].date.isoformat() == "2022-06-15"
    assert pairs(loaded.findings) == []


@pytest.mark.parametrize(("name", "kept"), [("阳光养老院", True), ("城东日间照料中心", True), ("汇龙镇人民政府", False),
                                          ("2022年6月18日", False), ("张三", False)])
def test_a_homes_name_alone_under_the_footer_is_a_facility(tmp_path: Path, name: str, kept: bool) -> None:
    """阳光养老院 typed alone under the 填报人 line, its cells still to be filled: passed over unsaid (a full row there is
    read; audit of edge rows). A home's name is a facility sent back for its cells; a stamp, a date or a person's
    name is not."""
    specs = specs_for("汇龙镇")
    specs["F2"].blank_rows = 0
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"]])
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    foot = _footer_row(ws)
    ws.cell(foot + 1, 1, 4)
    ws.cell(foot + 1, 2, name)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert len(loaded.submissions["汇龙镇"].f2) == 3 + kept
    assert (("VALUE_REQUIRED", f"附件2!C{foot + 1}") in pairs(loaded.findings)) is kept


def test_the_notes_under_a_form_do_not_take_the_next_form_for_data(tmp_path: Path) -> None:
    """The 填报说明 block and the signatures after a list end it; a table of something else under them is not
    read as facilities."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"]])
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    foot = _footer_row(ws)
    ws.cell(foot + 2, 1, "填报说明：1.类别：A.养老机构；B.社区养老服务机构；C.未经登记的场所")
    ws.cell(foot + 4, 1, "上月名单（备查）")
    ws.cell(foot + 5, 2, "汇龙旧养老院")
    ws.cell(foot + 5, 3, "A")
    ws.cell(foot + 5, 4, "4")
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert len(loaded.submissions["汇龙镇"].f2) == 3


def test_subtotals_and_level_headings_inside_the_list_are_not_facilities(tmp_path: Path) -> None:
    """黄色小计/共计：3家/合计 in the 类别 column and 一、黄色名单 headings merged over the row were read as facilities
    (VALUE_INVALID, DISPOSAL_MISSING, rows in the consolidated list)."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    ws.insert_rows(8)
    ws["B8"], ws["C8"] = "黄色小计", "1家"
    ws.insert_rows(9)
    ws["B9"] = "共计：3家"
    ws.insert_rows(10)
    ws["C10"], ws["D10"] = "合计", "3家"
    _insert_line(ws, 5, "一、红色名单", "G")
    _insert_line(ws, 7, "（二）橙色名单", "G")
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    assert [r.row for r in loaded.submissions["汇龙镇"].f2] == [6, 8, 9]


@pytest.mark.parametrize("name", ["汇龙红色养老院", "红色港湾养老院", "黄色家园",
                                  # a footer's, note's or total's word running on into the name: the row was dropped
                                  # without a word (found by an invariant audit: rows read 6 of 8)
                                  "注意力康养中心", "合计老年公寓", "备注养老院", "说明书老年公寓", "小计托老所",
                                  "汇总养老服务站", "填报人家庭托老所", "负责人之家养老院", "注意力保健品店",
                                  "注意力健康咨询工作室"])
@pytest.mark.parametrize("at", [0, 1])
def test_a_facility_named_with_a_level_or_total_word_is_still_one(tmp_path: Path, name: str, at: int) -> None:
    specs = specs_for("汇龙镇")
    specs["F2"].rows[at]["name"] = name
    specs["F3"].rows[at]["name"] = name
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == []
    assert loaded.submissions["汇龙镇"].f2[at].name == name and len(loaded.submissions["汇龙镇"].f3) == 3
    assert loaded.rows_read == 3 + 3 + 1 + 1


@pytest.mark.parametrize("name", ["注意力康养", "说明书康养", "合计康养园地"])
def test_a_full_row_named_with_a_label_word_and_no_ending_is_a_facility(tmp_path: Path, name: str) -> None:
    """注意力康养 | A | 4 | 黄 | 汇龙镇民政办 on 附件2 and 附件3: a facility (both rows were dropped without a word, the
    data read on below them; audit of lost rows). Its name ends as no facility's does; the row is filled as one."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[1]["name"] = name
    specs["F3"].rows[1]["name"] = name
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == [] and loaded.rows_read == 3 + 3 + 1 + 1
    assert loaded.submissions["汇龙镇"].f2[1].name == name


@pytest.mark.parametrize(("name", "cells", "said"), [
    ("注意力康养中心", {3: "C", 4: "9", 5: "橙", 6: "汇龙镇民政办", 7: "合计"}, []),
    ("合计老年公寓", {3: "小计", 4: "6", 5: "橙", 6: "汇龙镇民政办"}, [("VALUE_INVALID", "C")]),
])
def test_a_facility_named_with_a_label_word_and_a_total_word_in_a_cell_is_still_one(
        tmp_path: Path, name: str, cells: dict[int, str], said: list[tuple[str, str]]) -> None:
    """注意力康养中心 with 合计 in its 备注, 合计老年公寓 with 小计 in its 类别: taken for a total row and dropped unsaid
    (unseeded audit of lost rows). A total's word in another cell is no signature: a facility, its cells asked."""
    loaded, r = _row_above_footer(tmp_path, {1: "4", 2: name, **cells})
    assert len(loaded.submissions["汇龙镇"].f2) == 4
    found = [p for p in pairs(loaded.findings) if p[0] != "DISPOSAL_MISSING"]
    assert found == [(code, f"附件2!{col}{r}") for code, col in said]


@pytest.mark.parametrize(("name", "cells"), [
    ("总计老年公寓", {4: "12", 5: "红"}),  # points and level, 类别 and 牵头单位 not yet filled
    ("注意力康养中心", {6: "汇龙镇民政办"}),
    ("以下空白老年公寓", {}),  # the name alone, typed in its own cell
    ("合计村老年活动中心", {}),
])
def test_a_sparse_row_named_with_a_label_word_is_a_facility_asked_for_its_cells(tmp_path: Path, name: str,
                                                                               cells: dict[int, str]) -> None:
    """A facility still being filled in, its name running on from a total's, note's or footer's word: kept and asked
    (VALUE_REQUIRED at its blank 类别, DISPOSAL_MISSING) — it was dropped, the check saying 未发现问题."""
    loaded, r = _row_above_footer(tmp_path, {1: "4", 2: name, **cells})
    assert len(loaded.submissions["汇龙镇"].f2) == 4
    found = pairs(loaded.findings)
    assert ("DISPOSAL_MISSING", f"附件2!B{r}") in found and ("VALUE_REQUIRED", f"附件2!C{r}") in found


@pytest.mark.parametrize("name", ["3、夕阳红", "1.康乐"])
def test_a_facility_typed_with_its_number_merged_across_is_a_facility(tmp_path: Path, name: str) -> None:
    """3、夕阳红 merged across the row by mistake: a facility with its number, not a part's heading like 1.新增机构
    (it was dropped unsaid)."""
    loaded, r = _row_above_footer(tmp_path, {1: name}, merged=True)
    assert len(loaded.submissions["汇龙镇"].f2) == 4
    # its other cells blank and asked, not the name read as its category, point 3 and a level (audit of edge rows)
    row = loaded.submissions["汇龙镇"].f2[-1]
    assert row.name == name and row.points.items == () and row.level is None
    found = pairs(loaded.findings)
    assert ("VALUE_REQUIRED", f"附件2!C{r}") in found and ("VALUE_REQUIRED", f"附件2!D{r}") in found
    assert not [f for f in found if f[0] == "VALUE_INVALID"]


@pytest.mark.parametrize("text", ["（以下空白）", "—以下空白—", "此页以下空白", "以下均为空白", "以上共2家", "本表共2家", "累计",
                                  "汇龙镇人民政府（盖章）", "2022年6月15日", "2022-06-15", "二〇二二年六月十五日", "签字：",
                                  "领导签字：", "附：上月名单", "附件3：", "附注：本表数据截至6月15日", "注1：", "特别说明：",
                                  "二、其他", "（一）新增机构", "1.新增机构", "共2页", "（二）尚未化解的机构", "存量风险已化解",
                                  "已有效化解"])
@pytest.mark.parametrize("merged", [False, True])
def test_a_line_that_names_no_facility_is_none_in_the_name_cell_or_merged(tmp_path: Path, text: str,
                                                                           merged: bool) -> None:
    """Typed in the name cell beside a pre-printed 序号 (or merged across the row): a blank mark, a total, a stamp, a
    date, a signature's or a note's label, another table's heading, a part's heading, a page mark — no facility (each
    was one, with a row of VALUE_REQUIRED sent back; blind audit of lines that are no facilities)."""
    loaded, _ = _row_above_footer(tmp_path, {1: text} if merged else {1: "4", 2: text}, merged=merged)
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f2) == 3


@pytest.mark.parametrize("text", ["其中：养老机构2家，未登记场所1家", "共三家", "共3家（红1、橙1、黄1）", "共计3家，其中未登记场所1家",
                                  "共计：红色1家、橙色1家、黄色1家", "其中：养老机构2家，社区养老服务机构0家，未登记场所1家",
                                  "以上3家均已纳入监管", "上述机构名单已报镇政府", "经排查，其余机构未发现风险隐患",
                                  "其余17家为绿色，未列入", "本月新增1家（长寿养老院）"])
@pytest.mark.parametrize("merged", [False, True])
def test_the_list_counted_or_noted_in_a_sentence_is_no_facility(tmp_path: Path, text: str, merged: bool) -> None:
    """A count in words (共三家, 其中：养老机构2家，未登记场所1家) or a note on the list (以上3家均已纳入监管) on a line
    of its own: each was a facility, VALUE_REQUIRED and DISPOSAL_MISSING, and written one level up (blind audit of
    leftovers)."""
    loaded, _ = _row_above_footer(tmp_path, {1: text} if merged else {1: "4", 2: text}, merged=merged)
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f2) == 3


@pytest.mark.parametrize("name", ["共享家园养老院", "合计老年公寓", "其中心养老院"])
def test_a_name_opening_like_a_count_is_still_a_facility(tmp_path: Path, name: str) -> None:
    loaded, _ = _row_above_footer(tmp_path, {1: "4", 2: name, 3: "A", 4: "2", 5: "黄", 6: "汇龙镇民政办"})
    assert len(loaded.submissions["汇龙镇"].f2) == 4


@pytest.mark.parametrize("cells", [{1: "红色：1家", 3: "橙色：1家"}, {1: "4", 2: "本月无新增", 3: "/", 4: "/", 5: "/"},
                                   {1: "4", 2: "已化解", 7: "0家"}, {1: "4", 2: "其中已整改", 3: "1家"}])
def test_counts_by_level_or_no_news_over_several_cells_are_no_facility(tmp_path: Path, cells: dict[int, str]) -> None:
    loaded, _ = _row_above_footer(tmp_path, cells)
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f2) == 3


@pytest.mark.parametrize("cells", [{1: "4", 3: "十二", 4: "十二", 5: "十二", 6: "南阳镇民政办"},
                                   {1: "4", 4: "12", 6: "汇龙镇民政办"}, {1: "4", 4: "7", 6: "汇龙镇人民政府"},
                                   {1: "4", 4: "6", 5: "-3", 6: "南阳镇民政办"}])
def test_a_row_without_a_name_is_a_facility_when_its_number_sits_in_a_field(tmp_path: Path,
                                                                             cells: dict[int, str]) -> None:
    """No name, a risk point (12, 十二) and the 牵头排查单位 (南阳镇民政办): a facility whose name was left out, sent back
    with VALUE_REQUIRED — it was taken for a stamp line beside a page number and vanished (unseeded property run)."""
    loaded, r = _row_above_footer(tmp_path, cells)
    assert len(loaded.submissions["汇龙镇"].f2) == 4
    assert ("VALUE_REQUIRED", f"附件2!B{r}") in pairs(loaded.findings)


@pytest.mark.parametrize("cells", [{1: "4", 2: "南阳镇民政办（盖章）", 6: "2022年6月15日"}, {1: "4", 2: "以上共", 4: "2"},
                                   {1: "4", 5: "汇龙镇人民政府", 7: "二〇二二年六月十五日"}])
def test_a_stamp_or_a_page_beside_a_figure_is_still_no_facility(tmp_path: Path, cells: dict[int, str]) -> None:
    loaded, _ = _row_above_footer(tmp_path, cells)
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f2) == 3


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_last_months_list_hidden_beside_this_months_is_not_read(tmp_path: Path, state: str) -> None:
    """A township copies last month's 附件2 and hides the old sheet: it was read as a second list (DUPLICATE_FACILITY
    in a sheet nobody can see, last month's facility consolidated). A form only on a hidden sheet is still read."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    old = wb.copy_worksheet(wb["附件2"])
    old.title = "附件2（5月）"
    old["B5"] = "汇龙旧养老院"
    old.sheet_state = state
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    # left out, but not silently: the clerk is told which hidden sheet was taken for a leftover, and its rows
    assert pairs(loaded.findings) == [("SUBMISSION_SUPERSEDED", "附件2（5月）!B5")]
    note = loaded.findings[0]
    assert note.severity.value == "info" and note.unit == "汇龙镇"
    assert "可见工作表上" in note.message and "隐藏" in note.message and "3行未计入汇总" in note.message
    assert {r.name for r in loaded.submissions["汇龙镇"].f2} == {r["name"] for r in specs_for("汇龙镇")["F2"].rows}
    # and counted: rows read = written + not readable (the 3 were left out of the summary's arithmetic: numbers audit)
    assert (loaded.rows_read, loaded.rows_superseded) == (3 + 3 + 1 + 1 + 3, 3)
    # the visible 附件2 left blank (nothing on the list this month) beside last month's hidden list: the blank one
    # is this month's; the hidden list stays a leftover, said so (its rows named as not consolidated)
    for row in wb["附件2"].iter_rows(min_row=5, max_row=7):
        for cell in row[1:]:
            cell.value = None
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert ("SUBMISSION_SUPERSEDED", "附件2（5月）!B5") in pairs(loaded.findings)
    assert loaded.submissions["汇龙镇"].f2 == [] and "3行未计入汇总" in next(
        f.message for f in loaded.findings if f.code.value == "SUBMISSION_SUPERSEDED")
    old["B5"] = "汇龙旧养老院"
    del wb["附件2"]
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert "汇龙旧养老院" in {r.name for r in loaded.submissions["汇龙镇"].f2}


def test_the_same_workbook_sent_twice_counts_once(tmp_path: Path) -> None:
    """By mail and by WeChat, or the .xls beside the .xlsx saved from it: the lists were added up (every facility
    twice in the consolidated 附件2/附件3, DUPLICATE_FACILITY telling the township to merge rows it never doubled)."""
    import shutil

    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    shutil.copy(p, tmp_path / "汇龙镇_2022年6月报表.xlsx")
    loaded, _ = load([tmp_path], default_config(), "2022-06")
    assert sorted(c for c, _ in pairs(loaded.findings)) == ["SUBMISSION_SUPERSEDED"] * 4
    sub = loaded.submissions["汇龙镇"]
    assert (len(sub.f2), len(sub.f3), loaded.rows_read, loaded.rows_superseded) == (3, 3, 16, 8)


def test_a_draft_and_a_final_of_one_date_are_both_checked(tmp_path: Path) -> None:
    """Same 填报日期, same facilities, a cell changed, no correction in the file name: not a copy sent twice. Each
    file's errors stand (the draft's level) and the facility listed in both is DUPLICATE_FACILITY (README); the
    附件3 left identical is still counted once."""
    specs = specs_for("汇龙镇")
    draft = write(tmp_path / "汇龙镇A.xlsx", "汇龙镇", [specs["F2"], specs["F3"]])
    specs["F2"].rows[0].update(points="6", level="橙")
    write(tmp_path / "汇龙镇B.xlsx", "汇龙镇", [specs["F2"], specs["F3"]])
    wb = openpyxl.load_workbook(draft)
    wb["附件2"]["D5"], wb["附件2"]["E5"] = "6", "黄"  # the draft underrated it
    wb.save(draft)
    loaded, _ = load([tmp_path], default_config(), "2022-06")
    found = pairs(loaded.findings)
    assert ("LEVEL_UNDERRATED", "附件2!E5") in found
    assert [c for c, _ in found].count("DUPLICATE_FACILITY") == 3
    assert [c for c, _ in found].count("SUBMISSION_SUPERSEDED") == 1  # 附件3, the same in both
    assert len(loaded.submissions["汇龙镇"].f3) == 3
    twice = next(f.message for f in loaded.findings if f.code.value == "DUPLICATE_FACILITY")
    assert "另见文件" in twice and "前后两版" in twice  # (how to tell the tool which one counts)


@pytest.mark.parametrize(("first", "second"), [("汇龙镇_初稿", "汇龙镇_终稿"), ("汇龙镇_初稿", "汇龙镇"),
                                               ("汇龙镇6月报表（草稿）", "汇龙镇6月报表")])
def test_a_list_named_as_a_draft_is_replaced_by_the_other_of_its_date(tmp_path: Path, first: str, second: str) -> None:
    """初稿 and 终稿 of one 填报日期: the final replaces the draft whatever the files' times (终稿 was not read as a
    correction, 初稿 not as a draft: both lists stood, each facility DUPLICATE_FACILITY; blind audit of codes)."""
    specs = specs_for("汇龙镇")
    final = write(tmp_path / f"{second}.xlsx", "汇龙镇", specs)
    specs["F2"].rows[0].update(points="6", level="黄")  # the draft underrated it
    draft = write(tmp_path / f"{first}.xlsx", "汇龙镇", specs)
    os.utime(final, (1655258400, 1655258400))  # the final saved first (files copied from a phone keep no order)
    os.utime(draft, (1655262000, 1655262000))
    loaded, _ = load([tmp_path], default_config(), "2022-06")
    found = pairs(loaded.findings)
    assert sorted({c for c, _ in found}) == ["SUBMISSION_SUPERSEDED"], found
    assert {f.file for f in loaded.findings} == {str(draft)} and len(loaded.submissions["汇龙镇"].f2) == 3


def test_serial_numbers_headed_bianhao_and_f4_in_short_headers(tmp_path: Path) -> None:
    """编号 for 序号 was an unknown column and the pre-numbered blank rows became facilities; 附件4 headed 问题总数/
    明显问题数 lost two required columns."""
    specs = specs_for("汇龙镇")
    specs["F2"].header_override = {"seq": "编号"}
    specs["F4"].header_override = {"total": "问题总数", "obvious": "明显问题数", "early": "苗头性问题数",
                                   "referred": "移送司法机关数"}
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == []
    sub = loaded.submissions["汇龙镇"]
    assert (len(sub.f2), sub.f4[0].total) == (3, specs["F4"].rows[0]["total"])


def test_a_formula_that_calculated_to_an_error_is_named(tmp_path: Path) -> None:
    """#VALUE!/#REF! read as empty cells: VALUE_REQUIRED told the clerk to fill a cell that shows an error; a
    #DIV/0! in 附件1's 占比 of nothing to check (0 of 0, recomputed) is no finding, but with a total to divide by
    the formula is wrong (=D5/C6) and the printed form shows the error: VALUE_INVALID."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    wb["附件4"]["D6"] = "#VALUE!"
    wb["附件3"]["B6"] = "#REF!"
    wb["附件1"]["E5"] = "#DIV/0!"
    assert wb["附件4"]["D6"].data_type == "e"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    found = {(f.code.value, f"{f.sheet}!{f.cell}"): f.message for f in loaded.findings}
    assert ("VALUE_INVALID", "附件4!D6") in found and "#VALUE!" in found[("VALUE_INVALID", "附件4!D6")]
    assert ("VALUE_INVALID", "附件3!B6") in found and "#REF!" in found[("VALUE_INVALID", "附件3!B6")]
    assert not any(cell in ("附件4!D6", "附件3!B6", "附件1!E5") for code, cell in found if code == "VALUE_REQUIRED")
    assert ("VALUE_INVALID", "附件1!E5") in found and "#DIV/0!" in found[("VALUE_INVALID", "附件1!E5")]
    wb["附件1"]["C5"], wb["附件1"]["D5"] = 0, 0  # nothing to check: 0/0
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert not any(f.cell == "E5" and f.sheet == "附件1" for f in loaded.findings)


def test_f4_total_as_a_formula_never_calculated_is_recomputed(tmp_path: Path) -> None:
    """附件4 总计 =B6+C6 saved by a program that does not calculate: the consolidated 附件4 had an empty 总计 and the
    consolidated workbook failed its own check."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    wb["附件4"]["D6"] = "=B6+C6"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("FORMULA_NO_VALUE", "附件4!D6")]
    assert "重新计算" in loaded.findings[0].message
    row = specs["F4"].rows[0]
    assert loaded.submissions["汇龙镇"].f4[0].total == row["ongoing"] + row["done"]


def test_an_archive_or_csv_in_the_inbox_is_reported_not_passed_over(tmp_path: Path) -> None:
    """A township's workbook zipped by the mail client, or exported as CSV, was skipped without a word and the
    township reported as not having sent anything. A PDF scan or a photo beside the workbooks is passed over; a
    workbook merely renamed .zip is read."""
    import zipfile

    inbox = tmp_path / "收件"
    inbox.mkdir()
    book = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    with zipfile.ZipFile(inbox / "南阳镇_6月报表.zip", "w") as zf:
        zf.write(book, "南阳镇.xlsx")
    (inbox / "北新镇_附件1.csv").write_text("序号,乡镇\n1,北新镇\n", encoding="utf-8")
    (inbox / "汇龙镇盖章扫描件.pdf").write_bytes(b"%PDF-1.4\n")
    (inbox / "照片.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (inbox / "汇龙镇.zip").write_bytes(book.read_bytes())
    loaded, _ = load([inbox], default_config(), "2022-06")
    got = {(f.code.value, Path(f.file).name): f.message for f in loaded.findings}
    assert set(got) == {("FILE_UNREADABLE", "南阳镇_6月报表.zip"), ("FILE_UNREADABLE", "北新镇_附件1.csv")}
    assert "解压" in got[("FILE_UNREADABLE", "南阳镇_6月报表.zip")]
    assert "CSV" in got[("FILE_UNREADABLE", "北新镇_附件1.csv")]
    assert len(loaded.submissions["汇龙镇"].f2) == 3
    # whose file to ask for again: the unit its name gives (it was "", a grader's unit; blind audit)
    assert sorted((Path(f.file).name, f.unit) for f in loaded.findings) == [
        ("北新镇_附件1.csv", "北新镇"), ("南阳镇_6月报表.zip", "南阳镇")]


def test_a_unit_that_sent_only_a_scan_is_told_so_where_its_forms_are_missing(tmp_path: Path, runner) -> None:
    """南阳镇 sent its stamped forms as a PDF and 北新镇 a photo in its folder: both showed 未报送 alone, and the clerk
    rang a township that had sent something. A scan beside a complete workbook (汇龙镇) is no finding; an inbox of
    scans only says what it found."""
    inbox = tmp_path / "收件"
    (inbox / "北新镇").mkdir(parents=True)
    write(inbox / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    (inbox / "汇龙镇盖章扫描件.pdf").write_bytes(b"%PDF-1.4\n")
    (inbox / "南阳镇6月报表（盖章）.pdf").write_bytes(b"%PDF-1.4\n")
    (inbox / "北新镇" / "IMG_0412.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    code, data = run_json(runner, "status", inbox, "--period", "2022-06")
    missing = {f["unit"]: f["message"] for f in data["findings"] if f["code"] == "SUBMISSION_MISSING"}
    assert "收到的南阳镇6月报表（盖章）.pdf是PDF 文件，不是电子表格" in missing["南阳镇"]
    assert "收到的IMG_0412.jpg是图片" in missing["北新镇"]
    assert "汇龙镇" not in missing and "收到的" not in missing["惠萍镇"]  # (惠萍镇 sent nothing at all)
    assert not any("汇龙镇盖章扫描件" in json.dumps(f, ensure_ascii=False) for f in data["findings"])
    assert code == 0 and data["summary"]["files"] == 1
    out = tmp_path / "输出"
    res = run(runner, "consolidate", inbox, "-o", out, "--period", "2022-06")
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook(next(out.glob("*_汇总.xlsx")))["汇总"]
    shown = {r[0]: r[1] for r in ws.iter_rows(min_row=3, values_only=True) if r[0]}
    assert shown["南阳镇"] == "未报送（收到的PDF 文件无法读取，请对方另发 Excel 报表）"
    assert shown["北新镇"] == "未报送（收到的图片无法读取，请对方另发 Excel 报表）"
    assert shown["惠萍镇"] == "未报送" and shown["汇龙镇"] == "附件1–4齐全"
    (inbox / "汇龙镇.xlsx").unlink()
    for command in ("check", "status"):
        res = run(runner, command, inbox)
        assert res.exit_code == 2 and "只找到 3 个图片、PDF 文件（如 IMG_0412.jpg）" in res.output


def test_a_file_without_a_form_or_unreadable_names_the_unit_its_name_gives(tmp_path: Path, runner) -> None:
    """FILE_UNREADABLE and FORM_NOT_FOUND of 汇龙镇_2022年6月.xlsx said no unit; a file named by no unit still
    says none."""
    (tmp_path / "汇龙镇_2022年6月.xlsx").write_bytes(b"not a workbook")
    wb = openpyxl.Workbook()
    wb.active["A1"] = "联系人名单"
    wb.save(tmp_path / "南阳镇报表.xlsx")
    (tmp_path / "附件.xlsx").write_bytes(b"not a workbook")
    code, data = run_json(runner, "check", tmp_path)
    assert sorted((f["code"], Path(f["file"]).name, f["unit"]) for f in data["findings"]) == [
        ("FILE_UNREADABLE", "汇龙镇_2022年6月.xlsx", "汇龙镇"), ("FILE_UNREADABLE", "附件.xlsx", ""),
        ("FORM_NOT_FOUND", "南阳镇报表.xlsx", "南阳镇")] and code == 1


def test_f1_answered_by_what_was_done_is_yes_with_that_detail(tmp_path: Path) -> None:
    """附件1's questions answered without 是 (成立了以王某某为组长的领导小组, 12345热线) were VALUE_INVALID; an answer
    saying it is not done yet is not taken for 是."""
    specs = specs_for("汇龙镇")
    row = specs["F1"].rows[0]
    row["group"] = "成立了以王某某（副镇长）为组长的领导小组"
    row["publicity"] = "通过微信公众号、宣传横幅开展宣传"
    row["complaints"] = "12345热线、镇民政办电话"
    row["info_sharing"] = "正在筹备中"
    row["task_force"] = "计划下月抽调人员"
    loaded = _load_written(tmp_path, specs)
    r1 = loaded.submissions["汇龙镇"].f1[0]
    assert (r1.group.value.value, r1.group.detail) == ("YES", "成立了以王某某（副镇长）为组长的领导小组")
    assert r1.complaints.value.value == "YES"
    assert r1.info_sharing.value.value == r1.task_force.value.value == "NO"  # 计划下月抽调人员: not yet done
    assert pairs(loaded.findings) == []


def test_a_second_line_of_progress_in_the_row_below_joins_its_facility(tmp_path: Path) -> None:
    """当月处置进展 continued in the next row with the facility's cells left blank (not merged) was read as a
    facility without a name: VALUE_REQUIRED on every column and a phantom row in the consolidated 附件3."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb["附件3"]
    ws.insert_rows(6)
    ws["G6"] = "6月10日再次约谈，责令限期整改"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    f3 = loaded.submissions["汇龙镇"].f3
    assert len(f3) == 3 and f3[0].progress.endswith("；6月10日再次约谈，责令限期整改")
    # a column merged down beside it (化解 否 over the first two rows): the merge's value is the row above's, not
    # this line's own — it was a nameless facility, VALUE_REQUIRED on each column (audit of layouts)
    ws["I6"] = None
    ws["I5"] = "否"
    ws.merge_cells("I5:I7")
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f3) == 3


def test_a_form_sheet_whose_table_cannot_be_read_is_named(tmp_path: Path) -> None:
    """附件4 laid out vertically (item | number) under its own title: nothing said so, and consolidate reported
    the township as not having sent 附件4."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F1"], specs["F2"], specs["F3"]])
    wb = openpyxl.load_workbook(p)
    ws = wb.create_sheet("附件4")
    ws["A1"], ws["A2"], ws["A3"] = "附件4：", "打击整治养老服务诈骗专项行动战果统计表", "填报单位：汇龙镇"
    for item, n in (("正在整治", 2), ("整治完成", 1), ("总计", 3)):
        ws.append([item, n])
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    # (at the first item, saying how it is laid out: test_a_one_row_form_typed_down_a_column_is_said_so_where_it_is)
    assert pairs(loaded.findings) == [("FORM_NOT_FOUND", "附件4!A4")]
    assert "附件4的栏目竖着排在 A 列" in loaded.findings[0].message and loaded.findings[0].unit == "汇龙镇"


def test_a_helper_columns_zeros_in_the_blank_rows_do_not_make_facilities(tmp_path: Path) -> None:
    """A (hidden) helper column with 0 copied down the template's blank rows made each of them a facility without a
    name (VALUE_REQUIRED on every column, phantom consolidated rows)."""
    specs = specs_for("汇龙镇")
    specs["F2"].extra_columns = {"辅助列": [0, 0, 0]}
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    for r in range(8, 11):  # the pre-numbered blank rows under the three facilities
        ws.cell(r, 8, 0)
    ws.column_dimensions["H"].hidden = True
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("COLUMN_UNKNOWN", "附件2!H4")]
    assert len(loaded.submissions["汇龙镇"].f2) == 3


def test_a_header_over_three_rows_with_a_row_of_units(tmp_path: Path) -> None:
    """附件1 headed by a group row (排查情况 / 工作机制建设情况), the headers, and a row of units (（家）（家）（%）), the
    other headers merged down over it: the units row was taken for a second header (COLUMN_MISSING, the counts lost)."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb["附件1"]
    ws.insert_rows(4)
    ws["A4"], ws["B4"], ws["C4"], ws["F4"] = "序号", "乡镇", "排查情况", "工作机制建设情况"
    ws["A5"] = ws["B5"] = None
    ws.insert_rows(6)
    ws["C6"], ws["D6"], ws["E6"] = "（家）", "（家）", "（%）"
    for rng in ("A4:A6", "B4:B6", "C4:E4", "F4:J4", *(f"{c}5:{c}6" for c in "FGHIJ")):
        ws.merge_cells(rng)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    r1 = loaded.submissions["汇龙镇"].f1
    assert len(r1) == 1 and r1[0].row == 7 and r1[0].total == specs_for("汇龙镇")["F1"].rows[0]["total"]


def test_a_column_split_in_two_is_read_as_one(tmp_path: Path) -> None:
    """是否立案 | 立案时间 (and 存量风险是否已有效化解 | 化解情形, 是否成立领导小组 | 主要负责人及职务) in two columns:
    the second was an unknown column, so 是 had no date (CASE_DATE_MISSING), no criterion, no detail."""
    specs = specs_for("汇龙镇")
    specs["F3"].rows[0]["case"] = "是"
    specs["F3"].rows[1]["resolved"] = "是"
    specs["F3"].extra_columns = {"立案时间": ["2022.6.10", "", ""], "化解情形": ["", "3", ""]}
    specs["F3"].columns = ["seq", "name", "points", "clue", "fundraising", "measures", "progress", "case", "resolved"]
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == []
    f3 = loaded.submissions["汇龙镇"].f3
    assert f3[0].case_date.isoformat() == "2022-06-10" and f3[1].criteria.items == (3,)


def test_a_split_columns_finding_is_marked_where_it_is_consolidated(tmp_path: Path, runner) -> None:
    """是否立案 | 立案时间: CASE_DATE_MISSING and DATE_IN_FUTURE are at the 立案时间 cell, which consolidation writes
    into the one 是否立案及立案时间 column — left unmarked there, so the consolidated workbook failed check with the
    same errors anew (audit of layouts). The mark follows the value; 是否成立 | 负责人's DETAIL_MISSING alike."""
    specs = specs_for("汇龙镇")
    specs["F3"].rows[0]["case"] = "是"
    specs["F3"].rows[1]["case"] = "是"
    specs["F3"].extra_columns = {"立案时间": ["", "2022.6.20", ""]}
    specs["F3"].columns = ["seq", "name", "points", "clue", "fundraising", "measures", "progress", "case", "resolved"]
    specs["F1"].rows[0]["group"] = "是"
    specs["F1"].extra_columns = {"主要负责人及职务": [""]}
    p = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    code, data = run_json(runner, "check", str(p))
    split = {(f["code"], f["sheet"]) for f in data["findings"]}
    assert {("CASE_DATE_MISSING", "附件3"), ("DATE_IN_FUTURE", "附件3"), ("DETAIL_MISSING", "附件1")} <= split
    run_json(runner, "consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--period", "2022-06")
    book = next((tmp_path / "out").glob("*汇总.xlsx"))
    code, data = run_json(runner, "check", str(book))
    assert code == 0, [f for f in data["findings"] if f["severity"] == "error"]
    assert len([f for f in data["findings"] if f["code"] == "REPORTED_BELOW" and f["sheet"] == "附件3"]) == 2
    ws = openpyxl.load_workbook(book)["附件3"]
    marked = [c.comment.text for row in ws.iter_rows() for c in row if c.comment]
    assert any("CASE_DATE_MISSING" in t for t in marked) and any("DATE_IN_FUTURE" in t for t in marked)
    ws = openpyxl.load_workbook(book)["附件1"]
    assert any("DETAIL_MISSING" in c.comment.text for row in ws.iter_rows() for c in row if c.comment)


def test_brackets_in_names_are_printed_as_written(tmp_path: Path) -> None:
    """Rich took [/] or [v2] in a file name, a unit or a path for markup: a crash (MarkupError) or a name printed
    without its bracket."""
    from typer.testing import CliRunner

    from yanglao_cli.cli.app import app

    specs = specs_for("汇龙镇")
    specs["F2"].rows[0]["name"] = "[/]幸福养老院"
    specs["F2"].rows[0]["level"] = "绿"  # a finding whose message quotes the name
    p = write(tmp_path / "汇龙镇[v2][/].xlsx", "汇龙镇", specs)
    wide = CliRunner()
    res = wide.invoke(app, ["check", str(p)], env={"COLUMNS": "200"})
    assert res.exit_code in (0, 1) and "内部错误" not in res.output
    assert "汇龙镇[v2][/].xlsx" in res.output
    out = tmp_path / "o[/]"
    res = wide.invoke(app, ["consolidate", str(p), "-o", str(out), "--period", "2022-06"], env={"COLUMNS": "300"})
    assert res.exit_code in (0, 1) and "内部错误" not in res.output and "o[/]" in res.output
    res = wide.invoke(app, ["explain", "{unit}本期"])
    assert "内部错误" not in res.output


@pytest.mark.parametrize("written", ["{n}（汇龙镇人民西路88号）", "{n}（新增）", "1、{n}", "启东市{n}", "汇龙镇{n}"])
def test_a_facility_written_with_a_remark_on_one_form_is_still_paired(tmp_path: Path, written: str) -> None:
    """附件3 names a facility with its address in brackets, the list's numbering, or the city or township before
    it: DISPOSAL_MISSING on 附件2 and DISPOSAL_UNLISTED on 附件3 for one facility; its disposal judged without its
    level. Paired when that is the only one it can be."""
    specs = specs_for("汇龙镇")
    specs["F3"].rows[0]["name"] = written.format(n=specs["F2"].rows[0]["name"])
    specs["F3"].rows[0]["clue"] = "否"  # judged at its 附件2 level: 橙/红 need 是
    loaded = _load_written(tmp_path, specs)
    codes = {c for c, _ in pairs(loaded.findings)}
    assert not codes & {"DISPOSAL_MISSING", "DISPOSAL_UNLISTED"}
    if specs["F2"].rows[0]["level"] in ("红", "橙"):
        assert ("CLUE_NOT_REPORTED", "附件3!D5") in pairs(loaded.findings)


@pytest.mark.parametrize(("f2_second", "f3_first", "f3_second", "unpaired"), [
    # 启东市X and X listed, written 启东市X（新增） and 1、X: both are X without the city, so neither was paired
    # (found by the randomised audit); names are compared with less taken away first — the remark and numbering,
    # then the city, then the township
    ("启东市{n}", "1、{n}", "启东市{n}（新增）", 0),
    # X（东院） listed, X（西院） and X（南院） written: no guess which is which
    ("{n}（东院）", "{n}（西院）", "{n}（南院）", 2),
])
def test_facilities_alike_but_for_a_remark_pair_only_where_one_to_one(tmp_path: Path, f2_second: str, f3_first: str,
                                                                     f3_second: str, unpaired: int) -> None:
    specs = specs_for("汇龙镇")
    name = specs["F2"].rows[0]["name"]
    specs["F2"].rows[1]["name"] = f2_second.format(n=name)
    specs["F3"].rows[0]["name"] = f3_first.format(n=name)
    specs["F3"].rows[1]["name"] = f3_second.format(n=name)
    loaded = _load_written(tmp_path, specs)
    assert sum(c == "DISPOSAL_UNLISTED" for c, _ in pairs(loaded.findings)) == unpaired
    if not unpaired:
        assert not {c for c, _ in pairs(loaded.findings)} & {"DISPOSAL_MISSING"}


@pytest.mark.parametrize("written", ["{n}（人民西路88号）", "汇龙镇{n}", "启东市汇龙镇{n}"])
def test_a_facility_written_two_ways_is_one_facility_in_the_consolidated_workbook(tmp_path: Path, written: str) -> None:
    """The consolidated 附件3 names and numbers each row as its facility's 附件2 row, the township's words in a
    comment: one written with its address or its town on 附件3 took a number after the listed ones, and one level
    up it was no longer paired (DISPOSAL_UNLISTED; next month its measures and resolution were lost)."""
    from yanglao_cli.service import run_consolidate

    specs = specs_for("汇龙镇")
    name = specs["F2"].rows[0]["name"]
    specs["F3"].rows[0]["name"] = written.format(n=name)
    p = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    run_consolidate([p], tmp_path / "out", default_config(), "2022-06")
    book = next((tmp_path / "out").glob("*_汇总.xlsx"))
    wb = openpyxl.load_workbook(book)
    numbered = {r[1]: r[0] for r in wb["附件3"].iter_rows(min_row=5, values_only=True) if r[1]}
    listed = {r[1]: r[0] for r in wb["附件2"].iter_rows(min_row=5, values_only=True) if r[1]}
    assert numbered[name] == listed[name] and written.format(n=name) not in numbered
    cell = next(c for c in wb["附件3"]["B"] if c.value == name)
    assert cell.comment is not None and f"原填：{written.format(n=name)}" in cell.comment.text
    up, _ = load([book], default_config(), "2022-06")
    assert pairs(up.findings) == []


@pytest.mark.parametrize(("form", "field"), [("F4", "label"), ("F1", "township")])
def test_a_townships_one_row_of_figures_labelled_total_is_its_data(tmp_path: Path, form: str, field: str) -> None:
    """附件4's (or 附件1's) only row labelled 合计 — the township's total — holds its figures: read and checked,
    never dropped as a sum of rows (which would lose the row and report the form as not sent)."""
    specs = specs_for("汇龙镇")
    row = specs[form].rows[0]
    row[field] = "合计"
    if form == "F4":
        row.update(ongoing=2, done=1, total=2)
    else:
        row.update(total=10, checked=12)
    loaded = _load_written(tmp_path, [specs[form]])
    sub = loaded.submissions["汇龙镇"]
    assert len(getattr(sub, form.lower())) == 1 and loaded.rows_read == 1
    rec = getattr(sub, form.lower())[0]
    expected = ("STATS_SUM_MISMATCH", f"附件4!{rec.cell('total')}") if form == "F4" else \
        ("CHECKED_EXCEEDS_TOTAL", f"附件1!{rec.cell('checked')}")
    assert expected in pairs(loaded.findings)
    assert not _codes(loaded, "UNIT_CONFLICT", "UNIT_UNKNOWN")
    # a 合计 under a township's rows (a county's 附件4) stays a derived row
    specs = specs_for("汇龙镇")
    specs[form].rows.append({**specs[form].rows[0], field: "合计"})
    loaded = _load_written(tmp_path / "two", [specs[form]])
    assert len(getattr(loaded.submissions["汇龙镇"], form.lower())) == 1


@pytest.mark.parametrize("header", ["No.", "NO", "序"])
def test_a_serial_column_headed_no_is_the_serial(tmp_path: Path, header: str) -> None:
    """序号 headed No. (an English template) or 序: the pre-numbered blank rows stay template rows, not 9 empty
    cells to fill, and no COLUMN_UNKNOWN."""
    specs = specs_for("汇龙镇")
    specs["F2"].header_override = {"seq": header}
    specs["F2"].blank_rows = 3
    loaded = _load_written(tmp_path, [specs["F2"], specs["F3"]])
    assert pairs(loaded.findings) == []
    assert len(loaded.submissions["汇龙镇"].f2) == 3


def _f1_with(tmp_path: Path, name: str, line: str | None, township: str, with_f2: bool = False):
    specs = specs_for("汇龙镇")
    specs["F1"].unit_line = line
    specs["F1"].rows[0]["township"] = township
    sheets = [specs["F1"]]
    if with_f2:
        specs["F2"].unit_line = ""
        sheets.append(specs["F2"])
    p = write(tmp_path / name, "汇龙镇", sheets)
    loaded = load([p], default_config(), "2022-06")[0]
    return loaded, loaded.submissions


@pytest.mark.parametrize(("township", "suggests"), [("启东经济开发区", ""), ("汇尤镇", "汇龙镇")])
def test_a_blank_unit_line_takes_the_township_column_even_when_it_is_not_listed(
        tmp_path: Path, township: str, suggests: str) -> None:
    """SPEC: the unit comes from the 填报单位 line, else 附件1's 乡镇 column, else the file name. A 乡镇 naming a
    place not in the list is that unit, UNIT_UNKNOWN at its cell (not the file name's 't4' without a cell)."""
    loaded, subs = _f1_with(tmp_path, "t4.xlsx", "", township, with_f2=True)
    rec = subs[township].f1[0]
    unknown = [f for f in loaded.findings if f.code.value == "UNIT_UNKNOWN"]
    assert [(f.unit, f.sheet, f.cell) for f in unknown] == [(township, "附件1", rec.cell("township"))]
    assert suggests in unknown[0].message
    assert list(subs) == [township] and len(subs[township].f2) == 3  # the workbook's 附件2 is the same unit's


@pytest.mark.parametrize("township", ["启东经济开发区", "南通市"])
def test_a_township_column_naming_another_place_than_the_unit_line_is_a_conflict(
        tmp_path: Path, township: str) -> None:
    loaded, subs = _f1_with(tmp_path, "汇龙镇.xlsx", None, township)
    assert list(subs) == ["汇龙镇"]
    assert [f.code.value for f in loaded.findings if f.code.value.startswith("UNIT_")] == ["UNIT_CONFLICT"]
    conflict = next(f for f in loaded.findings if f.code.value == "UNIT_CONFLICT")
    assert township in conflict.message
    # at the 乡镇 cell that says another place, not at the 填报单位 line that was followed (clerk review)
    assert (conflict.sheet, conflict.cell) == ("附件1", subs["汇龙镇"].f1[0].cell("township"))


@pytest.mark.parametrize("township", ["全镇", "本镇", "合计", "汇龙", "汇龙镇人民政府"])
def test_a_township_column_naming_the_unit_itself_is_no_conflict(tmp_path: Path, township: str) -> None:
    for line in (None, ""):
        loaded, subs = _f1_with(tmp_path / str(line is None), "汇龙镇.xlsx", line, township)
        assert list(subs) == ["汇龙镇"], (line, township)
        assert not [f for f in loaded.findings if f.code.value.startswith("UNIT_")], (line, township)


def test_check_status_and_consolidate_count_a_replaced_reports_rows_alike(tmp_path: Path, runner) -> None:
    """rows read = rows written + rows not readable, with one meaning in every command: the rows of a report a
    later one replaces are not consolidated (rows_superseded says how many of the rows not written they are)."""
    import shutil

    p = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    shutil.copy(p, tmp_path / "in" / "汇龙镇_微信.xlsx")
    keys = ("rows_read", "rows_written", "rows_unreadable", "rows_superseded")
    seen = []
    for args in (["check"], ["status"], ["consolidate", "-o", str(tmp_path / "out")]):
        _, data = run_json(runner, args[0], str(tmp_path / "in"), "--period", "2022-06", *args[1:])
        seen.append(tuple(data["summary"].get(k) for k in keys))
    assert seen == [(16, 8, 8, 8)] * 3


def _rewritten_by_xlsxwriter(src: Path, dst: Path, formulas: dict[tuple[str, str], tuple[str, object]]) -> Path:
    """`src` as a program using xlsxwriter would write it, with some cells as formulas: (sheet, cell) ->
    (formula, value written with it, or None for xlsxwriter's default)."""
    import xlsxwriter
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    wb_in = openpyxl.load_workbook(src)
    wb = xlsxwriter.Workbook(str(dst))
    for ws_in in wb_in.worksheets:
        ws = wb.add_worksheet(ws_in.title)
        for rng in ws_in.merged_cells.ranges:
            first = ws_in.cell(rng.min_row, rng.min_col).value
            ws.merge_range(rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1, first)
        merged = {(r, c) for rng in ws_in.merged_cells.ranges for r in range(rng.min_row, rng.max_row + 1)
                  for c in range(rng.min_col, rng.max_col + 1)}
        for row in ws_in.iter_rows():
            for cell in row:
                if cell.value is not None and (cell.row, cell.column) not in merged:
                    ws.write(cell.row - 1, cell.column - 1, cell.value)
        for (sheet, ref), (formula, value) in formulas.items():
            if sheet == ws_in.title:
                col, row = coordinate_from_string(ref)
                args = () if value is None else (None, value)
                ws.write_formula(row - 1, column_index_from_string(col) - 1, formula, *args)
    wb.close()
    return dst


def test_a_program_s_default_formula_result_is_no_value(tmp_path: Path) -> None:
    """A workbook written by a program with xlsxwriter: a formula stored without its result carries a 0 that
    Excel replaces when it opens the file (fullCalcOnLoad). That 0 is no value: FORMULA_NO_VALUE, recomputed as
    for a formula without a cached value, not STATS_SUM_MISMATCH / PERCENT_MISMATCH on a 0 nobody calculated.
    A result written with the formula stands."""
    specs = specs_for("汇龙镇")
    specs["F4"].rows[0].update(ongoing=2, done=1, total=3, early=1, obvious=1, referred=1)
    (tmp_path / "b").mkdir()
    src = write(tmp_path / "src.xlsx", "汇龙镇", [specs["F1"], specs["F4"]])
    rec = load([src], default_config(), "2022-06")[0].submissions["汇龙镇"]
    f1, f4 = rec.f1[0], rec.f4[0]
    total4, pct1 = f4.cell("total"), f1.cell("percent")
    sum4 = f"={f4.cell('ongoing')}+{f4.cell('done')}"
    ratio1 = f"=ROUND({f1.cell('checked')}/{f1.cell('total')}*100,1)"
    bare = _rewritten_by_xlsxwriter(src, tmp_path / "汇龙镇.xlsx", {("附件4", total4): (sum4, None),
                                                                 ("附件1", pct1): (ratio1, None)})
    loaded = load([bare], default_config(), "2022-06")[0]
    assert sorted(pairs(loaded.findings)) == [("FORMULA_NO_VALUE", f"附件1!{pct1}"),
                                              ("FORMULA_NO_VALUE", f"附件4!{total4}")]
    assert loaded.submissions["汇龙镇"].f4[0].total == 3
    calculated = _rewritten_by_xlsxwriter(src, tmp_path / "b" / "汇龙镇.xlsx",
                                          {("附件4", total4): (sum4, 3), ("附件1", pct1): (ratio1, f1.percent)})
    assert pairs(load([calculated], default_config(), "2022-06")[0].findings) == []


def test_last_months_list_left_beside_this_months_in_one_workbook_is_replaced(tmp_path: Path) -> None:
    """附件2 of May kept as a second visible sheet beside June's (dated earlier, half its facilities again): replaced
    as it is when sent as a file of its own — not added to June's list (DUPLICATE_FACILITY, DISPOSAL_MISSING for a
    facility of May)."""
    specs = specs_for("汇龙镇", n=3)
    may = specs_for("汇龙镇", n=3)["F2"]
    may.rows = [dict(specs["F2"].rows[0]), dict(specs["F2"].rows[1]), {**specs["F2"].rows[2], "name": "汇龙镇五月旧院"}]
    may.footer_date, may.sheet_name = "2022-05-16", "附件2（5月）"
    loaded = _load_written(tmp_path, [specs["F1"], specs["F2"], specs["F3"], specs["F4"], may])
    assert sorted(c for c, _ in pairs(loaded.findings)) == ["SUBMISSION_SUPERSEDED"]
    assert sorted(r.name for r in loaded.submissions["汇龙镇"].f2) == sorted(r["name"] for r in specs["F2"].rows)
    # a list split over two sheets of one date still adds up
    other = specs_for("汇龙镇", n=3)["F2"]
    other.rows = [{**specs["F2"].rows[0], "name": "汇龙镇分院"}]
    other.sheet_name = "附件2（续）"
    loaded = _load_written(tmp_path / "split", [specs["F2"], other])
    assert len(loaded.submissions["汇龙镇"].f2) == 4


@pytest.mark.parametrize(("sheet", "column", "headings"), [
    ("附件3", "I", ("一、红色名单", "二、橙色名单")), ("附件2", "G", ("一、红色名单", "二、橙色名单")),
    ("附件3", "I", ("一、存量机构", "（二）新增机构")), ("附件2", "G", ("一、存量机构", "（二）新增机构"))])
def test_a_level_heading_under_a_column_merged_down_is_still_a_heading(tmp_path: Path, sheet: str, column: str,
                                                                       headings: tuple[str, str]) -> None:
    """一、红色名单 headings merged across the row, and one column (化解 否, or one remark in 备注) merged down over the
    whole list: the value merged down onto the heading rows made each heading a facility (VALUE_INVALID on its
    points, DISPOSAL_UNLISTED, rows in the consolidated list). Found by the clerk-layout audit."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb[sheet]
    _insert_line(ws, 5, headings[0], column)  # above the merge: across the whole row
    _insert_line(ws, 7, headings[1], "H" if sheet == "附件3" else "F")  # the merge crosses its last column
    for r in range(6, 10):
        ws[f"{column}{r}"] = None
    ws[f"{column}6"] = "否" if sheet == "附件3" else "本月新增"
    ws.merge_cells(f"{column}6:{column}9")
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    rows = loaded.submissions["汇龙镇"].f3 if sheet == "附件3" else loaded.submissions["汇龙镇"].f2
    assert [r.row for r in rows] == [6, 8, 9]


@pytest.mark.parametrize("points_too", [False, True])
def test_names_a_formula_shows_as_0_past_the_list_are_template_rows(tmp_path: Path, points_too: bool) -> None:
    """附件3's names copied from 附件2 by =附件2!B5 dragged down over the pre-numbered rows: past the list the formula
    shows 0, which made each blank row a facility named "0" (VALUE_REQUIRED on every column, DUPLICATE_FACILITY,
    DISPOSAL_UNLISTED, "0" rows in the consolidated 附件3). A facility's own cells beside a 0 are still read."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb["附件3"]
    for r in range(8, 11):  # the pre-numbered blank rows under the three facilities: what the formulas left
        ws.cell(r, 2, 0)
        if points_too:
            ws.cell(r, 3, 0)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    assert len(loaded.submissions["汇龙镇"].f3) == 3
    ws.cell(8, 4, "是")  # a 0 beside something typed: a row to send back, not passed over
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert ("VALUE_REQUIRED", "附件3!F8") in pairs(loaded.findings) and len(loaded.submissions["汇龙镇"].f3) == 4


@pytest.mark.parametrize("old", ["上月风险隐患等级", "风险隐患等级（5月）"])
def test_last_months_column_left_of_this_months_does_not_take_its_place(tmp_path: Path, old: str) -> None:
    """A (hidden) column of last month's levels kept left of 风险隐患等级: its header contains the template's, and
    being first it took the level column — every facility judged by last month's level (LEVEL_UNDERRATED at the
    hidden column), the template's own column called unknown, last month's levels consolidated."""
    specs = specs_for("汇龙镇")
    specs["F2"].columns = ["seq", "name", "category", "points", "level", "lead_unit", "note"]
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    ws.insert_cols(5)
    ws["E4"] = old
    for r in range(5, 8):
        ws[f"E{r}"] = "绿"
    ws.column_dimensions["E"].hidden = True
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("COLUMN_UNKNOWN", "附件2!E4")]
    f2 = loaded.submissions["汇龙镇"].f2
    assert [r.level for r in f2] == [r.level for r in _load_written(tmp_path / "x", specs_for("汇龙镇")).submissions["汇龙镇"].f2]
    assert all(r.extra == {f"{old}（隐藏列）": "绿"} for r in f2)  # kept, and said to be from a hidden column


@pytest.mark.parametrize("written", ["是，22.6.10", "是，22/6/3"])
def test_a_case_date_without_its_century_is_read_as_the_report_dates_are(tmp_path: Path, written: str) -> None:
    """是，22.6.10 was VALUE_INVALID, while a 填报日期 of 22.6.15 is read as 2022 (22 can only be the year): README
    said both (blind audit of typed values). Read alike, in the cell or in a 立案时间 column of its own."""
    for where, split in (("cell", False), ("split", True)):
        specs = specs_for("汇龙镇")
        specs["F3"].rows[0]["case"] = "是" if split else written
        if split:
            specs["F3"].extra_columns = {"立案时间": [written.removeprefix("是，"), "", ""]}
        loaded = _load_written(tmp_path / where, specs)
        assert pairs(loaded.findings) == [], where


@pytest.mark.parametrize("written", ["是，23.6.22", "是，2022年6月", "是，44722", "是，于2022年6月立案", "是，2022年6月中旬",
                                     "是，6月中旬",
                                     # a case number's digits, a year before the campaign (read as dates; review)
                                     "是，12.6.10", "是，99.6.1"])
def test_a_case_date_that_cannot_be_read_is_invalid_not_missing(tmp_path: Path, written: str) -> None:
    """A 立案时间 written but unreadable (a two-digit year, no day, the serial number a formula joining 是 and a date
    cell gives) was CASE_DATE_MISSING ("没有立案时间"): the clerk did write one. It is VALUE_INVALID, in the
    立案时间 column when that is a column of its own."""
    specs = specs_for("汇龙镇")
    specs["F3"].rows[0]["case"] = written
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == [("VALUE_INVALID", "附件3!H5")]
    assert "不是完整的日期" in loaded.findings[0].message
    specs = specs_for("汇龙镇")
    specs["F3"].rows[0]["case"] = "是"
    specs["F3"].extra_columns = {"立案时间": [written.removeprefix("是，"), "", ""]}
    loaded = _load_written(tmp_path / "split", specs)
    assert pairs(loaded.findings) == [("VALUE_INVALID", "附件3!J5")]
    specs["F3"].extra_columns = {"立案时间": ["（公安已受理）", "", ""]}  # no date written at all: missing
    loaded = _load_written(tmp_path / "none", specs)
    assert pairs(loaded.findings) == [("CASE_DATE_MISSING", "附件3!J5")]


@pytest.mark.parametrize("written", ["是，启公刑立字〔2022〕10086号", "是，涉案金额50000元", "是，2/3户已退款",
                                     "是，涉案金额1.5万元", "是，案号2022-123"])
def test_a_case_detail_that_is_no_date_is_a_missing_date(tmp_path: Path, written: str) -> None:
    """A case number, an amount or a fraction after 是 is no date the clerk tried to write: CASE_DATE_MISSING, not
    an unreadable date (and 1.5万元 is not 1月5日)."""
    specs = specs_for("汇龙镇")
    specs["F3"].rows[0]["case"] = written
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == [("CASE_DATE_MISSING", "附件3!H5")]


@pytest.mark.parametrize(("labels", "latest"), [
    (("6月1日", "6月8日", "6月15日"), 2), (("第1周", "第3周", "第2周"), 1), (("6.1-6.7", "6.8-6.14", "6.15-6.21"), 2),
    (("截至6月1日", "截至6月8日", "截至6月15日"), 2), (("5月第4周", "6月第1周", "6月第2周"), 2),
    (("汇龙镇", "6月8日", "6月15日"), 2),  # the template's row kept its township: the first week
    (("汇龙镇6月1日", "汇龙镇6月8日", "汇龙镇6月15日"), 2), (("12月21日", "12月28日", "1月4日"), 2),
    (("6月1日", "9月7日", "12月28日"), 2),  # a log over half a year: only a date before the row above moves on a year
    (("12月第3周", "12月第4周", "1月第1周"), 2), (("2022年6月第1周", "2022年6月第2周", "2022年6月第3周"), 2),
    (("6/1", "6/8", "6/15"), 2),
    # weeks and dates mixed: the three rows were summed, the town three times over (blind audit of 附件4)
    (("6月1日", "6月8日", "6月第3周"), 2), (("6月第1周", "6月第2周", "6月15日"), 2),
    # a row copied and its week left unchanged: still a log, the lower row the later (all three were summed, 5
    # became 9 in the city's 合计; audit of untested paths)
    (("6月1日", "6月8日", "6月8日"), 2), (("第1周", "第1周", "第2周"), 2)])
def test_a_weekly_log_of_f4_rows_counts_its_latest_week(tmp_path: Path, runner, labels: tuple[str, ...],
                                                        latest: int) -> None:
    """附件4 kept week by week on one sheet, one row per week labelled with its date instead of the township: the
    figures are cumulative, and the rows were added up (the city's 合计 too) with the dates shown as townships.
    The latest week counts; the earlier rows are SUBMISSION_SUPERSEDED, not written, and accounted for."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb["附件4"]
    data = 6  # the template's one data row, under the two header rows
    ws.insert_rows(data, 2)
    weeks = [(1, 0, 1, 1, 0, 0), (2, 1, 3, 2, 1, 0), (3, 2, 5, 3, 1, 1)]
    for i, (label, values) in enumerate(zip(labels, weeks, strict=True)):
        ws.cell(data + i, 1, label)
        for c, v in enumerate(values, 2):
            ws.cell(data + i, c, v)
        for c in range(8, 12):
            ws.cell(data + i, c, 0)
    wb.save(p)
    code, out = run_json(runner, "consolidate", p, "-o", tmp_path / "out", "--period", "2022-06")
    found = [(f["code"], f["cell"]) for f in out["findings"] if f["sheet"] == "附件4"]
    # 第3周 written above 第2周 with the smaller figures: they fell since the week before (all but 正在整治, B)
    fell = [("STATS_DECREASED", f"{c}{data + latest}") for c in "CDEG"] if latest == 1 else []
    assert sorted(found) == fell + [("SUBMISSION_SUPERSEDED", f"A{data + i}") for i in range(3) if i != latest]
    s = out["summary"]
    assert s["rows_superseded"] == 2 and s["rows_read"] == s["rows_written"] + s["rows_unreadable"]
    ws = openpyxl.load_workbook(out["summary"]["outputs"][0])["附件4"]
    row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "汇龙镇")
    assert row[1:4] == weeks[latest][:3]
    totals = next(r for r in ws.iter_rows(values_only=True) if r[0] == "合计")
    assert totals[1:4] == weeks[latest][:3]


def test_a_date_without_a_year_anywhere_takes_the_year_the_file_was_saved(tmp_path: Path, runner) -> None:
    """填报日期 6月15日 and no year in the title, the file's or the sheets' names: a township self-checking its form
    (check has no --period) got VALUE_INVALID 日期缺少年份 on every footer, though SPEC accepts 6月3日. The year is
    the one the file was last saved in."""
    import os

    specs = specs_for("汇龙镇", date="6月15日")
    specs["F3"].rows[1]["case"] = "是，6月20日"  # after the report date: still found
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    saved = 1655280000  # 2022-06-15 08:00 UTC
    os.utime(p, (saved, saved))
    code, data = run_json(runner, "check", p)
    assert [(f["code"], f"{f['sheet']}!{f['cell']}") for f in data["findings"]] == [("DATE_IN_FUTURE", "附件3!H6")]
    assert code == 1


def test_a_yearless_report_date_in_a_copy_saved_years_later_takes_its_rows_year(tmp_path: Path, runner) -> None:
    """填报日期 6月17日, no year in the title or names, 立案 2022年7月3日 on a row — a June 2022 report downloaded
    or copied in 2026: the file's time made the report date 2026-06-17 and the case date no date in the future
    (audit of finding cells). Saved two years or more after its rows' latest year, that year stands in; saved in
    the same or the next year, the file's time still does (a January report of December's cases)."""
    import os

    specs = specs_for("汇龙镇", date="6月17日")
    specs["F3"].rows[1]["case"] = "是，2022年7月3日"
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    for saved, found in ((1_795_000_000, True),  # 2026-11: years later, the rows' 2022
                         (1_688_169_600, False)):  # 2023-07-01: the next year, as saved — 2023-06-17 is later
        os.utime(p, (saved, saved))
        code, data = run_json(runner, "check", p)
        got = [(f["code"], f"{f['sheet']}!{f['cell']}") for f in data["findings"]]
        assert got == ([("DATE_IN_FUTURE", "附件3!H6")] if found else []), saved
        assert code == (1 if found else 0)


def test_a_yearless_report_in_an_inbox_takes_the_year_of_the_others(tmp_path: Path, runner) -> None:
    """Without --period, 汇龙镇's 附件1 dated 2022年6月17日 and its 附件3 file dated 6月17日 (saved in 2026): the
    附件3's date was read as 2026-06-17 — its 立案 2022年7月3日 no date in the future, and status called it late
    (截止 2022-06-20). The inbox's period gives the year; a file read so is read again with it."""
    import os

    inbox = tmp_path / "in"
    specs = specs_for("汇龙镇", date="2022年6月17日")
    f3 = specs.pop("F3")
    f3.footer_date = "6月17日"
    f3.rows[0]["case"] = "是，7月3日"
    write(inbox / "汇龙镇.xlsx", "汇龙镇", specs)
    p = write(inbox / "汇龙镇附件3.xlsx", "汇龙镇", [f3])
    os.utime(p, (1_795_000_000, 1_795_000_000))  # 2026
    code, data = run_json(runner, "check", inbox)
    assert [(f["code"], f["file"].endswith("附件3.xlsx"), f["cell"]) for f in data["findings"]] == \
        [("DATE_IN_FUTURE", True, "H5")]
    code, data = run_json(runner, "status", inbox)
    late = [f["message"] for f in data["findings"] if f["code"] == "SUBMISSION_LATE"]
    assert late and not [m for m in late if "附件3" in m]  # (its 附件4, dated Friday 6月17日, is late)


def test_a_form_with_its_date_left_blank_is_judged_by_the_units_report_date(tmp_path: Path, runner) -> None:
    """附件3's 填报日期 left blank, its 立案 after the date of 附件1/2: the township's check said nothing (no report
    date, no DATE_IN_FUTURE), and the consolidated workbook, carrying the date, then failed `check` with the error.
    The unit's monthly report date stands in for the blank one (SPEC: the consolidated workbook passes check)."""
    specs = specs_for("汇龙镇")
    specs["F3"].footer_date = ""
    specs["F3"].rows[0]["case"] = "是，2022年6月25日"
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == [("DATE_IN_FUTURE", "附件3!H5")]
    specs["F3"].rows[0]["case"] = "是，2022年6月3日"
    loaded = _load_written(tmp_path / "ok", specs)
    assert pairs(loaded.findings) == []


@pytest.mark.parametrize(("first", "cell", "also"), [
    ("=", "附件2!D5", None),  # 风险隐患点
    ("=", "附件2!C5", None),  # 类别
    ("=", "附件3!F5", None),  # 打击整治措施
    ("=", "附件3!D5", "VALUE_INVALID"),  # 通报线索: =是 is no answer
    ("+", "附件1!F5", "VALUE_INVALID"),
])
def test_formula_text_in_any_column_is_noted(tmp_path: Path, first: str, cell: str, also: str | None) -> None:
    """SPEC: CELL_FORMULA_TEXT for a text value starting with = + - @ — it was noted only in the free-text
    columns; =6 in 风险隐患点 or =是 in 通报线索 said nothing of it (or only that it could not be read)."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    sheet, ref = cell.split("!")
    wb[sheet][ref].value = first + str(wb[sheet][ref].value)
    wb[sheet][ref].data_type = "s"  # typed as text (a leading ' in Excel), not a formula
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert ("CELL_FORMULA_TEXT", cell) in pairs(loaded.findings)
    assert {p for p in pairs(loaded.findings) if p != ("CELL_FORMULA_TEXT", cell)} <= {(also, cell)}


def test_a_facility_over_two_rows_with_a_level_on_each_takes_the_highest(tmp_path: Path) -> None:
    """The name merged over two rows, a point and a level on each row (6 橙, then 11 红): the joined level 橙；红 was
    VALUE_INVALID; the facility's level is the highest (SPEC: the highest of its points)."""
    specs = specs_for("汇龙镇")
    specs["F2"].blank_rows = 0
    specs["F2"].rows[0].update(points="6", level="橙", category="A")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"]])
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    ws.insert_rows(6)
    ws["D6"], ws["E6"] = "11", "红"
    for col in "ABCFG":
        ws.merge_cells(f"{col}5:{col}6")
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    first = loaded.submissions["汇龙镇"].f2[0]
    assert first.points.items == (6, 11) and first.level.value == "RED"


@pytest.mark.parametrize("sheet", ["附件2", "附件3"])
def test_a_second_printed_page_pasted_under_the_first_adds_no_facility(tmp_path: Path, sheet: str) -> None:
    """Two printed pages pasted one under the other: page 2 repeats 附件2：, the title merged across the row (as
    the template merges it), the unit line and the header. The merged title was read as a facility named after
    the form (DISPOSAL_MISSING, VALUE_INVALID, a row in the consolidated list)."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb[sheet]
    width = ws.max_column
    ws.insert_rows(6, 4)
    top = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=4)]
    for i, values in enumerate(top):
        for c, v in enumerate(values, 1):
            ws.cell(6 + i, c, v)
    ws.merge_cells(start_row=7, start_column=1, end_row=7, end_column=width)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    rows = getattr(loaded.submissions["汇龙镇"], "f2" if sheet == "附件2" else "f3")
    assert [r.row for r in rows] == [5, 10, 11]


@pytest.mark.parametrize(("label", "count"), [("汇总", 3), ("Total", 3), (None, "共3家"), (None, "汇总：3家")])
def test_a_total_row_in_other_words_is_no_facility(tmp_path: Path, label: str | None, count: object) -> None:
    """A Chinese Excel Table's Total row says 汇总 (its count of names under 名称), and clerks write 共3家 or
    汇总：3家: each was read as a facility named "3" or "共3家" (VALUE_REQUIRED, DISPOSAL_MISSING, a consolidated
    row). Only 合计/总计/小计 were known."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    for sheet in ("附件2", "附件3"):
        ws = wb[sheet]
        ws.insert_rows(8)
        ws["A8"], ws["B8"] = label, count
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    assert len(loaded.submissions["汇龙镇"].f2) == len(loaded.submissions["汇龙镇"].f3) == 3


@pytest.mark.parametrize("cell", [44722, dt.datetime(2022, 6, 10)])
def test_a_case_date_without_its_format_is_written_as_a_date(tmp_path: Path, runner, cell: object) -> None:
    """是否立案及立案时间 holding 44722 (a date cell whose format was lost) reads as 是 and 2022-06-10; the
    consolidated workbook wrote the bare 44722, which its own check then called no answer (VALUE_INVALID). A date
    cell alone is written the same way (it was 2022-06-10 beside the 44722's 是，2022-06-10; audit of formats)."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    wb["附件3"]["H5"] = cell
    wb.save(p)
    out = tmp_path / "out"
    code, data = run_json(runner, "consolidate", p, "-o", out, "--period", "2022-06")
    assert data["summary"]["errors"] == 0, data["findings"]
    ws = openpyxl.load_workbook(data["summary"]["outputs"][0])["附件3"]
    assert "是，2022-06-10" in [c.value for c in ws["H"]]
    code, data = run_json(runner, "check", data["summary"]["outputs"][0])
    assert data["summary"]["errors"] == 0, data["findings"]


@pytest.mark.parametrize(("sheet", "col"), [("附件1", "B"), ("附件4", "A")])
def test_rows_of_another_unit_under_one_unit_line_are_a_conflict(tmp_path: Path, sheet: str, col: str) -> None:
    """A 区 sending one 附件1 (or 附件4) under 填报单位：汇龙镇 with a row for 汇龙镇 and a row for 南阳镇: no finding,
    both rows credited to 汇龙镇 (its progress counted twice) while 南阳镇 was reported missing. SPEC: a conflict
    between 填报单位 and the 乡镇 column is a finding — at the other unit's row."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb[sheet]
    first = 5 if sheet == "附件1" else 6
    ws.insert_rows(first + 1)
    for c in range(1, ws.max_column + 1):
        ws.cell(first + 1, c, ws.cell(first, c).value)
    ws[f"{col}{first}"], ws[f"{col}{first + 1}"] = "汇龙镇", "南阳镇"
    if sheet == "附件1":
        ws[f"A{first + 1}"] = 2
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("UNIT_CONFLICT", f"{sheet}!{col}{first + 1}")]
    assert "南阳镇" in loaded.findings[0].message


def test_a_wps_picture_in_a_cell_is_a_picture_not_formula_text(tmp_path: Path) -> None:
    """WPS keeps a photo placed in a cell as =DISPIMG("ID_…",1), its cached value that same text: each was
    CELL_FORMULA_TEXT, and the consolidated 备注 read 现场照片：=DISPIMG(…)."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    ws["H4"] = "现场照片"
    for r in range(5, 8):
        ws[f"H{r}"] = f'=DISPIMG("ID_5A0C{r}B6E1",1)'
        ws[f"H{r}"].data_type = "s"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("COLUMN_UNKNOWN", "附件2!H4")]
    assert all(r.extra == {"现场照片": "（图片）"} for r in loaded.submissions["汇龙镇"].f2)


@pytest.mark.parametrize(("name", "hidden", "read"), [("字典", False, False), ("字典", True, False),
                                                      ("下拉选项", False, False), ("Sheet5", False, True),
                                                      ("Sheet5", True, False), ("附件2（数据源）", False, True)])
def test_a_sheet_of_drop_down_choices_is_not_a_list(tmp_path: Path, name: str, hidden: bool, read: bool) -> None:
    """The sheet a clerk keeps the drop-downs' choices on (风险隐患等级 | 类别 | 风险隐患点 | 是否 | 打击整治措施, with
    红/橙/黄 and A./B./C. under them) was read as 附件2: COLUMN_MISSING, level findings, nameless facilities in
    the consolidated list. Named so, with no name column, no title and no choice twice, it is no form; a sheet of
    another name is still read (a list must not be passed over unsaid: review)."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    d = wb.create_sheet(name)
    d.append(["风险隐患等级", "类别", "风险隐患点", "是否", "打击整治措施"])
    for row in (["红", "A.养老机构", "1.收取大额预付费", "是", "1.风险提示"], ["橙", "B.社区养老服务机构", "2.扩张过快", "否", "2.增加抽查检查频次"],
                ["黄", "C.未登记场所", "3.频繁变更法定代表人", None, "3.警示约谈"]):
        d.append(row)
    if name == "字典":  # a point-to-level table repeats its levels: named as a dictionary, still no list
        d.append(["橙", "A.养老机构", "4.虚假或夸大宣传", "是", "4.责令整改"])
    d.sheet_state = "hidden" if hidden else "visible"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert ("COLUMN_MISSING", f"{name}!") in {(c, ref[:len(name) + 1]) for c, ref in pairs(loaded.findings)} if read \
        else pairs(loaded.findings) == []
    assert len(loaded.submissions["汇龙镇"].f2) == (6 if read else 3)


@pytest.mark.parametrize(("field", "written", "missing"), [
    ("complaints", "已开通12345热线", False), ("group", "是王某某副镇长", False),
    ("publicity", "已开通微信公众号宣传", False), ("group", "已成立以镇长为组长的领导小组", False),
    ("group", "已成立领导小组", True), ("complaints", "已开通投诉举报通道", True),
    ("publicity", "已利用新闻媒体等平台开展广泛宣传", True), ("info_sharing", "是，无", True), ("complaints", "是，/", True),
    ("complaints", "是，／", True), ("group", "是——", True), ("group", "是（）", True), ("complaints", "是，已开通", True),
    ("info_sharing", "是，具体见附件", True), ("group", "是，待定", True)])
def test_a_detail_written_without_a_separator_is_a_detail(tmp_path: Path, field: str, written: str,
                                                          missing: bool) -> None:
    """已开通12345热线 or 是王某某副镇长 gives what 附件1 asks, though no separator follows the yes-word: it was
    DETAIL_MISSING (the detail was looked for only after a separator). A cell that only repeats the question
    (已成立领导小组) or answers 是，无 gives none (numeric-forms audit)."""
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0][field] = written
    loaded = _load_written(tmp_path, specs)
    col = {"group": "F", "publicity": "H", "info_sharing": "I", "complaints": "J"}[field]
    assert pairs(loaded.findings) == ([("DETAIL_MISSING", f"附件1!{col}5")] if missing else [])


def test_a_split_answer_left_blank_with_its_detail_beside_it_is_required(tmp_path: Path) -> None:
    """是否成立领导小组 | 主要负责人及职务 in two columns, 是否 left blank and 王某某 written beside it: VALUE_INVALID
    quoting 王某某 at the blank cell ("应填是或否"). The answer is missing: VALUE_REQUIRED there."""
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0]["group"] = ""
    specs["F1"].extra_columns = {"主要负责人及职务": ["王某某"]}
    specs["F1"].columns = ["seq", "township", "total", "checked", "percent", "group", "task_force", "publicity",
                           "info_sharing", "complaints"]
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == [("VALUE_REQUIRED", "附件1!F5")]


def test_f4_sent_alone_is_the_unit_its_first_column_names(tmp_path: Path) -> None:
    """附件4 sent on its own as 附件4.xlsx, 填报单位 left blank, the town chosen in the first column (the template asks
    for 本单位名称 there): UNIT_UNKNOWN with no cell, the town's 附件4 counted missing and a unit named 附件4 made
    up (numeric-forms audit). The first column names the unit, as 附件1's 乡镇 column does."""
    specs = specs_for("惠萍镇")
    specs["F4"].unit_line = ""
    p = write(tmp_path / "附件4.xlsx", "惠萍镇", [specs["F4"]])
    wb = openpyxl.load_workbook(p)
    wb["附件4"]["A6"] = "惠萍镇"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and list(loaded.submissions) == ["惠萍镇"]
    wb["附件4"]["A6"] = "启东经济开发区"  # a place not in the list names no unit here: the line is asked for
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("UNIT_UNKNOWN", "附件4!A3")]  # at the 填报单位 label


@pytest.mark.parametrize("labels", [("截至5月31日累计", "6月1日至6月15日新增"), ("1.1养老机构", "1.2日间照料中心")])
def test_f4_rows_that_are_no_weekly_log_are_added_up(tmp_path: Path, labels: tuple[str, str]) -> None:
    """A cumulative row and an increment beside it, or a breakdown numbered 1.1/1.2, are rows to add up, not weeks
    of which the latest counts (review: the increment had replaced the cumulative row; 1.1 was read as 1月1日)."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb["附件4"]
    ws.insert_rows(7)
    for r, label in zip((6, 7), labels, strict=True):
        ws.cell(r, 1, label)
        for c in range(2, 12):
            ws.cell(r, c, 0)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f4) == 2


@pytest.mark.parametrize("label", ["全市", "本乡镇", "启东市", "全镇"])
def test_f4_first_column_naming_no_unit_leaves_the_unit_to_the_file(tmp_path: Path, label: str) -> None:
    """附件4 sent alone, its line blank, the first column saying 全市/本乡镇/the city: UNIT_UNKNOWN and a unit made
    up from the label (review of the first-column rule). Only a configured unit there speaks for the sheet."""
    specs = specs_for("惠萍镇")
    specs["F4"].unit_line = ""
    p = write(tmp_path / "惠萍镇附件4.xlsx", "惠萍镇", [specs["F4"]])
    wb = openpyxl.load_workbook(p)
    wb["附件4"]["A6"] = label
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and list(loaded.submissions) == ["惠萍镇"]


def test_a_column_containing_a_questions_short_header_does_not_take_it(tmp_path: Path) -> None:
    """工作专班人数 left of 是否组成专班 took the question (VALUE_INVALID on its numbers, the answers unknown)."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb["附件1"]
    ws.insert_cols(7)
    ws["G4"], ws["G5"] = "工作专班人数", 5
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("COLUMN_UNKNOWN", "附件1!G4")]


@pytest.mark.parametrize("one_book", [False, True])
def test_a_list_sent_alone_under_an_office_name_is_its_lead_units(tmp_path: Path, one_book: bool) -> None:
    """附件2 and 附件3 sent without 附件1, 填报单位 民政办 (no place), as two files or one workbook: 附件2's 牵头排查单位
    (惠萍镇民政办 on every row) says whose they are, 附件3 alone by the facilities that 附件2 lists — both were a
    made-up unit 民政办 (UNIT_UNKNOWN, an extra row on 汇总, 惠萍镇 missing its forms). 附件3 with nothing to tell
    says that no township is named, not that 民政办 is not in the list."""
    specs = specs_for("惠萍镇")
    for row in specs["F2"].rows:
        row["lead_unit"] = "惠萍镇民政办"
    for spec in specs.values():
        spec.unit_line = "民政办"
    if one_book:
        files = [write(tmp_path / "附件2-3.xlsx", "惠萍镇", [specs["F2"], specs["F3"]])]
    else:
        files = [write(tmp_path / "附件2.xlsx", "惠萍镇", [specs["F2"]]), write(tmp_path / "附件3.xlsx", "惠萍镇", [specs["F3"]])]
    loaded, _ = load(files, default_config(), "2022-06")
    assert list(loaded.submissions) == ["惠萍镇"] and pairs(loaded.findings) == []
    assert (len(loaded.submissions["惠萍镇"].f2), len(loaded.submissions["惠萍镇"].f3)) == (3, 3)
    alone, _ = load([files[-1]] if one_book else files[1:], default_config(), "2022-06")
    if not one_book:
        unknown = [f for f in alone.findings if f.code.value == "UNIT_UNKNOWN"]
        assert len(unknown) == 1 and "没有写明是哪个区镇" in unknown[0].message
        assert "yanglao.toml" not in unknown[0].message  # the township writes its name; nothing to configure


def test_a_workbook_naming_no_unit_keeps_its_own_disposals(tmp_path: Path) -> None:
    """A template sent back with no unit anywhere (填报单位 blank, 牵头排查单位 民政办, file 6月报表.xlsx) beside 汇龙镇's
    correct workbook listing the same facilities: its 附件3 was taken for 汇龙镇's (a 附件3 sent alone is told by the
    附件2 listing its facilities), so the correct file had DUPLICATE_FACILITY on 附件3 and its own 附件2
    DISPOSAL_MISSING (audit of the template). An 附件3 beside its own workbook's 附件2 follows that workbook."""
    specs = specs_for("汇龙镇")
    write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    for spec in specs.values():
        spec.unit_line = ""
    for row in specs["F2"].rows:
        row["lead_unit"] = "民政办"
    specs["F1"].rows[0]["township"] = specs["F4"].rows[0]["label"] = ""
    specs["F3"].rows[0]["progress"] = "6月18日已复查"  # (one cell apart from 汇龙镇's: no copy of its file)
    write(tmp_path / "in" / "6月报表.xlsx", "汇龙镇", specs)
    loaded, _ = load([tmp_path / "in"], default_config(), "2022-06")
    mine = [(f.code.value, f.sheet) for f in loaded.findings if f.file.endswith("汇龙镇.xlsx")]
    assert mine == []
    theirs = {(f.code.value, f.sheet) for f in loaded.findings if f.file.endswith("6月报表.xlsx")}
    assert ("UNIT_UNKNOWN", "附件3") in theirs and not {c for c, _ in theirs} & {"DISPOSAL_MISSING",
                                                                                 "DUPLICATE_FACILITY"}


@pytest.mark.parametrize("cells", [
    {1: "填报人 张三", 4: "电话 13812345678", 7: "2022年6月15日"},  # a signature line without colons
    {1: "填报人张三", 3: "审核 李四", 4: "13812345678", 5: "2022.6.15"},
    {2: "合计两家", 4: "红色0家", 5: "黄色2家"},  # a total whose count runs on into the word
    {1: "注意事项", 2: "类别填A/B/C", 4: "风险点填编号", 5: "等级填红橙黄"},
    {2: "小计黄色", 3: "A", 5: "黄"},
    {1: "4", 2: "备注上述机构均为民办养老院", 6: "汇龙镇民政办"},  # a note in a pre-numbered row, the lead copied down
])
def test_a_footer_note_or_total_whose_word_runs_on_is_no_facility(tmp_path: Path, cells: dict[int, str]) -> None:
    """The rule that keeps 注意力康养中心 a facility must not make a facility of 填报人 张三 | 电话 …, 合计两家 or 注意事项
    (a review of this session's change: VALUE_REQUIRED/VALUE_INVALID on a made-up facility, sent back)."""
    loaded, _ = _row_above_footer(tmp_path, cells)
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f2) == 3


def _three_towns(tmp_path: Path, sheet: str, line: str) -> tuple[Path, Any, Any, int]:
    """附件1 (附件4) of 汇龙镇, 南阳镇 and 北新镇 typed into one sheet under the 填报单位 line `line`: (path, workbook,
    sheet, first data row), to be saved by the caller."""
    form = specs_for("汇龙镇")["F1" if sheet == "附件1" else "F4"]
    form.unit_line = line
    p = write(tmp_path / "各镇录入.xlsx", "汇龙镇", [form])
    wb = openpyxl.load_workbook(p)
    ws = wb[sheet]
    first, col = (5, "B") if sheet == "附件1" else (6, "A")
    ws[f"{col}{first}"] = "汇龙镇"
    for k, town in enumerate(("南阳镇", "北新镇"), start=1):
        ws.insert_rows(first + k)
        for c in range(1, ws.max_column + 1):
            ws.cell(first + k, c, ws.cell(first, c).value)
        ws[f"{col}{first + k}"] = town
        if sheet == "附件1":
            ws[f"A{first + k}"] = k + 1
    return p, wb, ws, first


@pytest.mark.parametrize(("sheet", "col", "line"), [("附件1", "B", ""), ("附件1", "B", "民政办"), ("附件4", "A", ""),
                                                  ("附件1", "B", "启东市民政局"), ("附件4", "A", "启东市民政局")])
def test_several_townships_typed_into_one_sheet_are_each_their_own(tmp_path: Path, sheet: str, col: str,
                                                                  line: str) -> None:
    """附件1 (or 附件4) with 填报单位 naming no unit and a row per township (汇龙镇, 南阳镇, 北新镇): one unit made up
    from the file's name (UNIT_UNKNOWN, 汇龙镇 twice on the consolidated 附件1 — once 未报送, once with figures;
    numbers audit). SPEC: the unit comes from the 乡镇 column — each row is its township's. Under the city bureau's
    own name likewise (the rows were the bureau's, its towns 未报送; audit of edge rows)."""
    p, wb, ws, first = _three_towns(tmp_path, sheet, line)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    assert list(loaded.submissions) == ["汇龙镇", "南阳镇", "北新镇"]
    got = {u: [r.row for r in getattr(s, "f1" if sheet == "附件1" else "f4")] for u, s in loaded.submissions.items()}
    assert got == {"汇龙镇": [first], "南阳镇": [first + 1], "北新镇": [first + 2]}
    # a row naming a place not in the list: the sheet is not split (that place is asked for, as before)
    ws[f"{col}{first + 2}"] = "启东经济开发区"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert "UNIT_UNKNOWN" in {f.code.value for f in loaded.findings} and "南阳镇" not in loaded.submissions


@pytest.mark.parametrize("sheet", ["附件1", "附件4"])
def test_a_total_under_several_townships_rows_is_their_sum_once(tmp_path: Path, sheet: str) -> None:
    """A city-level 附件4 (附件1) of three townships' rows and a 合计 row that is their sum: each township's rows were
    compared with the whole sheet's 合计 — every figure TOTAL_ROW_MISMATCH three times (audit of 附件4), a 合计 of
    formulas without values FORMULA_NO_VALUE once per township. The 合计 is the rows' together, said once."""
    p, wb, ws, first = _three_towns(tmp_path, sheet, "")
    col = "B" if sheet == "附件1" else "A"
    total_row = first + 3
    ws.insert_rows(total_row)
    ws[f"{col}{total_row}"] = "合计"
    figures = list(range(2 if sheet == "附件4" else 3, 12 if sheet == "附件4" else 5))
    for c in figures:
        ws.cell(total_row, c, sum(ws.cell(first + k, c).value or 0 for k in range(3)))
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and list(loaded.submissions) == ["汇龙镇", "南阳镇", "北新镇"]
    c = figures[0]
    ws.cell(total_row, c, ws.cell(total_row, c).value + 1)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("TOTAL_ROW_MISMATCH", f"{sheet}!{ws.cell(total_row, c).coordinate}")]
    # the sheet's, not the first row's township's: 汇龙镇 would be sent back for a line it never wrote (audit)
    assert [f.unit for f in loaded.findings] == ["启东市民政局"]
    for c in figures:
        letter = ws.cell(total_row, c).column_letter
        ws.cell(total_row, c, f"=SUM({letter}{first}:{letter}{first + 2})")
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("FORMULA_NO_VALUE", f"{sheet}!{ws.cell(total_row, c).coordinate}") for c in figures]


@pytest.mark.parametrize("total", ["共20家", "总计20家", "合计20家"])
def test_a_count_written_with_its_word_is_not_a_subtotal_row(tmp_path: Path, total: str) -> None:
    """附件1's one row with 总数 written 共20家 (20 in all) was taken for a subtotal line and dropped: no finding,
    惠萍镇 未报送 on the consolidated 附件1 (invariant audit). A form without names says a subtotal in a column of
    words, not in a count."""
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0].update(total=total, checked=17, percent=85)
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == []
    assert [(r.total, r.checked) for r in loaded.submissions["汇龙镇"].f1] == [(20, 17)]


@pytest.mark.parametrize(("field", "text"), [("group", "合计"), ("task_force", "小计"), ("complaints", "共3家"),
                                             ("info_sharing", "总计")])
def test_a_subtotal_word_in_an_answer_does_not_drop_the_row(tmp_path: Path, field: str, text: str) -> None:
    """附件1's one row with 合计 (小计, 共3家) in a yes/no column was taken for a subtotal line and dropped without a
    word: rows read 0, the town 未报送 on the consolidated 附件1 (fuzz, invariant audit round 7). A subtotal is said
    where the row says whose it is (序号, 乡镇); the answer is read, and is no answer."""
    specs = specs_for("汇龙镇")
    assert field in specs["F1"].rows[0]
    specs["F1"].rows[0][field] = text
    loaded = _load_written(tmp_path, specs)
    assert [f.code.value for f in loaded.findings] == ["VALUE_INVALID"]
    assert len(loaded.submissions["汇龙镇"].f1) == 1 and loaded.rows_read == sum(
        len(getattr(loaded.submissions["汇龙镇"], k)) for k in ("f1", "f2", "f3", "f4"))


@pytest.mark.parametrize(("field", "header"), [("publicity", "是否开展宣传及宣传方式"), ("publicity", "是否利用媒体宣传及方式"),
                                               ("info_sharing", "是否建立信息共享及涉及部门"),
                                               ("complaints", "是否开通举报渠道及具体渠道")])
def test_short_headers_of_the_yes_no_questions(tmp_path: Path, field: str, header: str) -> None:
    """附件1's questions as townships shorten them (是否开展宣传及宣传方式) were extra columns, the question itself
    COLUMN_MISSING (audit of finding cells)."""
    specs = specs_for("汇龙镇")
    specs["F1"].header_override = {field: header}
    loaded = _load_written(tmp_path, specs)
    assert pairs(loaded.findings) == []


def _dated_inbox(inbox: Path, dates: dict[str, tuple[str, float]]) -> None:
    import os

    for i, (unit, (date, saved)) in enumerate(dates.items()):
        p = write(inbox / f"{unit}.xlsx", unit, specs_for(unit, 2, seed=i + 1, date=date))
        os.utime(p, (saved, saved))


def test_one_towns_year_typo_does_not_move_the_others(tmp_path: Path, runner) -> None:
    """Five towns dated 6月17日 (saved in 2022), one wrote 2021年6月17日 by mistake: the one dated file decided
    the period, 2021-06, and every town was read again with it (review of this session's change). Forms vote."""
    saved = 1_655_460_000  # 2022-06-17
    units = ["汇龙镇", "南阳镇", "北新镇", "惠萍镇", "东海镇", "寅阳镇"]
    _dated_inbox(tmp_path, {u: ("2021年6月17日" if i == 0 else "6月17日", saved) for i, u in enumerate(units)})
    code, data = run_json(runner, "status", tmp_path)
    late = [f for f in data["findings"] if f["code"] == "SUBMISSION_LATE"]
    assert "2022-06" in json.dumps(data, ensure_ascii=False) and all("2021" not in f["message"] for f in late)


def test_a_yearless_january_report_among_decembers_is_read_across_the_year_end(tmp_path: Path, runner) -> None:
    """Five towns dated 2022-12-14, 汇龙镇 wrote 1月4日 (saved 2023-01-04): read again with the period's year, it
    became 2022-01-04 — all its forms 以前报告期 — instead of 2023-01-04, late (review): 附件1–3 for the 20th,
    附件4, counted for December beside them, for December's last Wednesday (28 December)."""
    dec, jan = 1_671_012_000, 1_672_826_400  # 2022-12-14, 2023-01-04
    units = ["汇龙镇", "南阳镇", "北新镇", "惠萍镇", "东海镇", "寅阳镇"]
    _dated_inbox(tmp_path, {u: ("1月4日", jan) if i == 0 else ("2022-12-14", dec) for i, u in enumerate(units)})
    code, data = run_json(runner, "status", tmp_path)
    own = [(f["code"], f["message"]) for f in data["findings"] if f["unit"] == "汇龙镇"]
    assert [c for c, _ in own] == ["SUBMISSION_LATE"] * 2 and all("2023-01-04" in m for _, m in own)
    assert "2022-12-28 17:00" in own[1][1]


def test_a_report_saved_two_years_on_keeps_the_files_year(tmp_path: Path, runner) -> None:
    """填报日期 6月17日, 立案 2022年8月1日, saved in 2024 (a report still following a 2022 case): the rows' year made
    the report date 2022-06-17 and the case DATE_IN_FUTURE (review). Only a file saved three years or more after
    its rows' latest year is taken for a copy."""
    import os

    specs = specs_for("汇龙镇", 2, date="6月17日")
    specs["F3"].rows[0]["case"] = "是，2022年8月1日"
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    os.utime(p, (1_718_618_400, 1_718_618_400))  # 2024-06-17
    code, data = run_json(runner, "check", p)
    assert data["findings"] == [] and code == 0


def test_a_subtotal_in_a_townships_own_column_is_still_a_subtotal(tmp_path: Path) -> None:
    """汇龙镇's 附件1 in two 片区 rows and their 小计, the 片区 in a column of its own: the 小计 row was read as a third
    row, the 合计 counting it twice (review of the subtotal change)."""
    from yanglao_cli.forms import F1
    from yanglao_cli.sample import SheetSpec

    specs = specs_for("汇龙镇", 2)
    r = specs["F1"].rows[0]
    rows = [dict(r, seq=1, total=10, checked=9, percent=90), dict(r, seq=2, total=5, checked=5, percent=100),
            dict(r, seq=None, township=None, total=15, checked=14, percent=93.3, group=None, task_force=None,
                 publicity=None, info_sharing=None, complaints=None)]
    specs["F1"] = SheetSpec(F1, rows, extra_columns={"片区": ["城区片", "农村片", "小计"]}, blank_rows=0)
    loaded = _load_written(tmp_path, specs)
    assert [(x.total, x.checked) for x in loaded.submissions["汇龙镇"].f1] == [(10, 9), (5, 5)]
    assert not [f for f in loaded.findings if f.severity.value == "error"]


def test_a_township_answering_twice_with_its_time_beside_is_one_township_twice(tmp_path: Path) -> None:
    """附件1 as an online form exports it, 提交时间 beside each answer: 汇龙镇 answering twice was added up unsaid (the
    time told the rows apart as a 片区 column does; review). DUPLICATE_FACILITY at the later row, as for any."""
    from yanglao_cli.forms import F1
    from yanglao_cli.sample import SheetSpec

    specs = specs_for("汇龙镇", 2)
    r = specs["F1"].rows[0]
    rows = [dict(r, seq=1, total=20, checked=10, percent=50), dict(r, seq=2, total=20, checked=20, percent=100)]
    specs["F1"] = SheetSpec(F1, rows, extra_columns={"提交时间": ["2022-06-14 09:00:00", "2022-06-15 10:00:00"]},
                            blank_rows=0)
    loaded = _load_written(tmp_path, specs)
    found = [f for f in loaded.findings if f.code.value == "DUPLICATE_FACILITY"]
    assert [(f.sheet, f.row) for f in found] == [("附件1", 6)] and "第5行" in found[0].message


@pytest.mark.parametrize("zero_first", [False, True])
def test_a_row_of_noughts_without_a_label_under_fujian4_is_no_second_row_of_the_town(tmp_path: Path,
                                                                                     zero_first: bool) -> None:
    """附件4 with the township's row and a row of 0 in every figure, its first column blank (a template filled
    with 0 down the sheet): DUPLICATE_FACILITY, an error sending back a clean form, though the row adds nothing.
    It is a template's row, as blank as a pre-numbered one: not read, above or below the town's row, so not written
    as a second 汇龙镇 row one level up either (review: the county's workbook failed its check). A second labelled or
    non-zero row is still the town's row twice, and so is a zero row beside a hidden one (last month's row kept)."""
    from yanglao_cli.forms import F4
    from yanglao_cli.sample import SheetSpec

    specs = specs_for("汇龙镇", 2)
    real = specs["F4"].rows[0]
    zero = {k: (0 if k != "label" else "") for k in real}
    specs["F4"] = SheetSpec(F4, [zero, real] if zero_first else [real, zero], blank_rows=0)
    loaded = _load_written(tmp_path / "a", specs)
    assert not [f for f in loaded.findings if f.code.value == "DUPLICATE_FACILITY"]
    assert [r.total for r in loaded.submissions["汇龙镇"].f4] == [real["total"]]
    specs["F4"] = SheetSpec(F4, [real, dict(zero, done=1)], blank_rows=0)
    loaded = _load_written(tmp_path / "b", specs)
    assert [f.row for f in loaded.findings if f.code.value == "DUPLICATE_FACILITY"] == [7]
    specs["F4"] = SheetSpec(F4, [real, zero], blank_rows=0)
    p = write(tmp_path / "c" / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    wb["附件4"].row_dimensions[6].hidden = True  # (the town's row hidden, the zeros shown: the clerk sees none)
    wb.save(p)
    loaded = load([p], default_config(), "2022-06")[0]
    assert [f.row for f in loaded.findings if f.code.value == "DUPLICATE_FACILITY"] == [7]


def test_a_row_of_noughts_under_fujian4_is_no_second_row_one_level_up(tmp_path: Path, runner) -> None:
    """The consolidated workbook of a township whose 附件4 had a row of noughts under its own: one 汇龙镇 row, and
    the workbook passes its own check (it held two, DUPLICATE_FACILITY one level up; review)."""
    from yanglao_cli.forms import F4
    from yanglao_cli.sample import SheetSpec

    specs = specs_for("汇龙镇", 2)
    real = specs["F4"].rows[0]
    specs["F4"] = SheetSpec(F4, [real, {k: (0 if k != "label" else "") for k in real}], blank_rows=0)
    write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    run(runner, "consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--period", "2022-06")
    [book] = (tmp_path / "out").glob("*汇总.xlsx")
    ws = openpyxl.load_workbook(book)["附件4"]
    assert [r[0] for r in ws.iter_rows(values_only=True)].count("汇龙镇") == 1
    code, data = run_json(runner, "check", str(book), "--period", "2022-06")
    assert "DUPLICATE_FACILITY" not in {f["code"] for f in data["findings"]}, data["findings"]


@pytest.mark.parametrize("lines", [
    [("小计", "红色：1家"), (None, "橙色：1家"), (None, "黄色：1家")],
    [("合计", "3家", "红1橙1黄1"), (None, "其中红色名单", "1家"), (None, "其中橙色名单", "1家"), (None, "其中黄色名单", "1家")],
    [(None,), ("风险等级", "红色", "橙色", "黄色", "合计"), ("机构数（家）", 1, 1, 1, 3)],
])
def test_counts_by_level_under_the_list_are_no_facilities(tmp_path: Path, lines: list[tuple]) -> None:
    """Under 附件2 and 附件3 a clerk adds the list's count by level — 其中红色名单 | 1家 under 合计, or a small table
    风险等级 | 红色 | 橙色 | 黄色 | 合计: each line was read as a facility, a clean workbook a dozen errors (audit of
    finding cells, round 2: 其中红色X家 under 合计 is how Chinese statistical tables are written)."""
    specs = specs_for("汇龙镇", n=3)
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    for name in ("附件2", "附件3"):
        ws = wb[name]
        at = _footer_row(ws)
        ws.insert_rows(at, len(lines))
        for i, values in enumerate(lines):
            for j, v in enumerate(values, start=1):
                ws.cell(at + i, j, v)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    assert [len(getattr(loaded.submissions["汇龙镇"], k)) for k in ("f2", "f3")] == [3, 3]


def test_a_yearless_date_after_the_day_the_file_was_saved_is_last_years(tmp_path: Path, runner) -> None:
    """Every date 6月15日, no year anywhere, the file saved on 2023-01-05: the period became 2023-06 and 附件4's
    6月15日 a Thursday, late (audit of finding cells, round 2). A 填报日期 after the day the file was saved was
    written the year before."""
    import os

    p = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇", date="6月15日"))
    os.utime(p, (1_672_905_600, 1_672_905_600))  # 2023-01-05
    code, data = run_json(runner, "status", tmp_path / "in")
    assert not [f for f in data["findings"] if f["unit"] == "汇龙镇"]
    assert "2022-06" in json.dumps(data, ensure_ascii=False)


def test_a_level_heading_merged_over_the_row_does_not_end_the_list(tmp_path: Path) -> None:
    """红色名单 merged over a row above the facilities gives its text to every cell: taken for the head of a table of
    counts by level, it ended the data — every facility lost without a word (review)."""
    specs = specs_for("汇龙镇", n=3)
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    for name, last in (("附件2", "G"), ("附件3", "I")):
        ws = wb[name]
        ws.insert_rows(5)
        ws["A5"] = "红色名单"
        ws.merge_cells(f"A5:{last}5")
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert [len(getattr(loaded.submissions["汇龙镇"], k)) for k in ("f2", "f3")] == [3, 3]


@pytest.mark.parametrize(("date", "saved"), [("6月20日", 1_655_460_000),  # the deadline, written on 6月17日
                                             ("6月15日 17:00", 1_655_114_400)])  # Wednesday's 附件4, filled Monday
def test_a_yearless_date_a_few_days_ahead_of_the_save_is_this_years(tmp_path: Path, runner, date: str,
                                                                    saved: int) -> None:
    """A 填报日期 a few days after the day the file was saved (written ahead) was taken for last year's: period
    2021-06 (review). Only one more than a month ahead was written the year before."""
    import os

    p = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇", date=date))
    os.utime(p, (saved, saved))
    code, data = run_json(runner, "status", tmp_path / "in")
    assert "2022-06" in json.dumps(data, ensure_ascii=False) and "2021" not in json.dumps(data, ensure_ascii=False)


def test_a_town_dating_only_one_form_weighs_as_much_as_one_dating_none(tmp_path: Path, runner) -> None:
    """汇龙镇 and 南阳镇 date only 附件1 (2022年6月15日), 北新镇 writes 6月15日 everywhere and was saved in 2026: a dated
    file voted only with its dated forms, so 2026's four beat 2022's two (review)."""
    import os

    for unit in ("汇龙镇", "南阳镇"):
        specs = specs_for(unit, date="2022年6月15日")
        for key in ("F2", "F3", "F4"):
            specs[key].footer_date = ""
        write(tmp_path / f"{unit}.xlsx", unit, specs)
    p = write(tmp_path / "北新镇.xlsx", "北新镇", specs_for("北新镇", date="6月15日"))
    os.utime(p, (1_772_323_200, 1_772_323_200))  # 2026-03-01
    code, data = run_json(runner, "status", tmp_path)
    assert "2022-06" in json.dumps(data, ensure_ascii=False)
    assert not [f for f in data["findings"] if "以前的报告期" in f["message"]]


def test_subtotal_words_in_a_towns_extra_column_keep_its_one_row(tmp_path: Path) -> None:
    """汇龙镇's one 附件1 row (and its 附件4 row, first column blank as the template leaves it) with 共3家 or 合计 in
    an extra column of its own (其中未登记场所, 备注): dropped as a subtotal line (review). A row naming its town is
    its data; a township's only row is its data whatever its 备注 says."""
    specs = specs_for("汇龙镇")
    specs["F4"].rows[0]["label"] = ""
    specs["F1"].extra_columns = {"其中未登记场所": ["共3家"]}
    specs["F4"].extra_columns = {"备注": ["合计"]}
    loaded = _load_written(tmp_path, specs)
    sub = loaded.submissions["汇龙镇"]
    assert len(sub.f1) == 1 and len(sub.f4) == 1
    assert {f.code.value for f in loaded.findings} == {"COLUMN_UNKNOWN"}


@pytest.mark.parametrize("name", ["联系人王某家庭托养点", "备注老年服务点", "填报人家庭照料点"])
def test_a_facility_point_whose_name_begins_with_a_footer_word_is_read(tmp_path: Path, name: str) -> None:
    """A 托养点/服务点 whose name begins with a footer's word (联系人王某家庭托养点) was taken for the footer line and
    dropped — at township level when its 序号 is a number, and in every consolidated workbook, which numbers all
    rows (invariant audit round 8). 点 alone still ends no name (合计两家, 共3个点)."""
    specs = specs_for("汇龙镇", n=3)
    for key in ("F2", "F3"):
        specs[key].rows[2]["name"] = name
    loaded = _load_written(tmp_path, specs)
    assert [r.name for r in loaded.submissions["汇龙镇"].f3][2] == name
    assert pairs(loaded.findings) == []


@pytest.mark.parametrize("row", [
    {"seq": 4, "name": "注：辖区内暂未发现其他风险养老机构", "category": "/", "points": "/", "level": "/",
     "lead_unit": "汇龙镇民政办"},
    {"seq": 4, "name": "※以上机构均为民办养老院", "category": "/", "points": "/", "level": "/", "lead_unit": "/"},
    {"seq": "审核：汇龙镇社会事业服务中心", "name": "", "category": "李四", "points": "0513-83123456",
     "level": "2022年6月15日"},
])
def test_a_note_or_signature_line_under_the_list_is_no_facility(tmp_path: Path, row: dict) -> None:
    """Notes and signature lines filled across a numbered spare row stay what they are, though their words end
    like a facility's name (a review of a fix that let ※ and 注： run on into names)."""
    specs = specs_for("汇龙镇", n=3)
    specs["F2"].rows.append(row)
    loaded = _load_written(tmp_path, specs)
    assert len(loaded.submissions["汇龙镇"].f2) == 3 and pairs(loaded.findings) == []


@pytest.mark.parametrize(("value", "number_format", "total", "checked", "found"), [
    (0.5, "0.0%", 200, 1, [("PERCENT_MISMATCH", "附件1!E5")]),  # shows 50.0%: 1 of 200 is 0.5%
    (0.005, "0.0%", 200, 1, []),  # 0.5% typed into a %-formatted cell
    (0.85, "0%", 100, 85, []),  # SPEC: 0.85 in a %-formatted cell is 85%
    (0.85, "General", 100, 85, [("PERCENT_MISMATCH", "附件1!E5")]),  # shows 0.85 under 已排查占比（%）
    (85, '0.0"%"', 100, 85, []),  # the % sign as text: shows 85.0%
    (85, "0.0%", 100, 85, [("VALUE_INVALID", "附件1!E5")]),  # shows 8500.0%
])
def test_a_percentage_is_read_as_the_cell_shows_it(tmp_path: Path, value: float, number_format: str, total: int,
                                                    checked: int, found: list) -> None:
    """A clerk sees the cell as its number format shows it; python-calamine gives the bare value, so 0.5 in a
    %-formatted cell (50.0%) for 1 checked of 200 passed as 0.5%, and 85 showing 8500.0% as 85%."""
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0].update(total=total, checked=checked, percent="")
    specs["F2"].rows[:] = specs["F2"].rows[:1]  # LISTED_EXCEEDS_CHECKED stays out of it
    specs["F3"].rows[:] = specs["F3"].rows[:1]
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    wb["附件1"]["E5"].value = value
    wb["附件1"]["E5"].number_format = number_format
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert _codes(loaded, "PERCENT_MISMATCH", "VALUE_INVALID") == found
    if found == [("VALUE_INVALID", "附件1!E5")]:
        assert "显示为8500%" in next(f.message for f in loaded.findings if f.code == "VALUE_INVALID")
    if not found:
        assert loaded.submissions["汇龙镇"].f1[0].percent == pytest.approx(checked / total * 100)


@pytest.mark.parametrize(("header", "value", "found"), [
    ("已排查占比", 0.85, []),  # shows 0.85 under a header naming no unit: the share 0.85, 85 % of 17/20
    ("排查进度", 0.85, []),
    ("已排查占比", 85, []),
    ("已排查占比（%）", 0.85, [("PERCENT_MISMATCH", "附件1!E5")]),  # shows 0.85 under （%）: 0.85 %
    ("已排查占比", 0.5, [("PERCENT_MISMATCH", "附件1!E5")]),  # 50 % or 0.5 %: neither is 17/20
])
def test_a_general_share_under_a_header_naming_no_percent_unit(tmp_path: Path, header: str, value: float,
                                                                found: list) -> None:
    """A clerk's own header for the share (已排查占比, 排查进度) names no （%）: 0.85 in a General cell for 17 of 20
    was read as 0.85 % — PERCENT_MISMATCH, the form sent back though right (blind audit of 附件1). The counts
    decide there, as where no format is known."""
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0].update(total=20, checked=17, percent="")
    specs["F2"].rows[:] = specs["F2"].rows[:1]
    specs["F3"].rows[:] = specs["F3"].rows[:1]
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    assert "占比" in wb["附件1"]["E4"].value
    wb["附件1"]["E4"].value = header
    wb["附件1"]["E5"].value = value
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert _codes(loaded, "PERCENT_MISMATCH", "VALUE_INVALID") == found
    if not found:
        assert loaded.submissions["汇龙镇"].f1[0].percent == 85


def test_a_percentage_is_guessed_where_no_cell_format_can_be_found(tmp_path: Path) -> None:
    """A workbook whose styles part is not where Excel puts it (a generator's own layout): no format is known,
    so 0.85 for 85 of 100 is not called 0.85% — the counts decide, as wherever no format can be read."""
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0].update(total=100, checked=85, percent=0.85)
    specs["F2"].rows[:] = specs["F2"].rows[:1]
    specs["F3"].rows[:] = specs["F3"].rows[:1]
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    moved = rezip(p, tmp_path / "moved" / "汇龙镇.xlsx", lambda name, data: (
        "xl/styles2.xml" if name == "xl/styles.xml" else name,
        data.replace(b"styles.xml", b"styles2.xml") if name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml")
        else data))
    loaded, _ = load([moved], default_config(), "2022-06")
    assert _codes(loaded, "PERCENT_MISMATCH", "VALUE_INVALID") == []
    assert loaded.submissions["汇龙镇"].f1[0].percent == 85
    loaded, _ = load([p], default_config(), "2022-06")  # where the styles are known: General, 0.85 is 0.85%
    assert _codes(loaded, "PERCENT_MISMATCH") == [("PERCENT_MISMATCH", "附件1!E5")]


def test_a_workbook_with_no_styles_part_has_every_cell_general(tmp_path: Path) -> None:
    """A package without any styles part (pylightxl writes none): Excel shows every cell General, so 0.85 under
    已排查占比（%） is 0.85 %, as in a General cell of any .xlsx — it was read as 85 % by the guess meant for
    unknown formats (blind audit of other programs' files)."""
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0].update(total=100, checked=85, percent=0.85)
    specs["F2"].rows[:] = specs["F2"].rows[:1]
    specs["F3"].rows[:] = specs["F3"].rows[:1]
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)

    def unstyled(name: str, data: bytes) -> tuple[str, bytes]:
        if name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
            data = re.sub(rb"<(?:Relationship|Override)[^>]*styles\.xml[^>]*/>", b"", data)
        elif name.startswith("xl/worksheets/"):
            data = re.sub(rb' s="\d+"', b"", data)
        return name, data

    bare = rezip(p, tmp_path / "bare" / "汇龙镇.xlsx",
                 lambda name, data: unstyled(name, data) if name != "xl/styles.xml" else ("xl/unused.bin", b""))
    loaded, _ = load([bare], default_config(), "2022-06")
    assert _codes(loaded, "PERCENT_MISMATCH", "VALUE_INVALID") == [("PERCENT_MISMATCH", "附件1!E5")]
    assert "填0.85%" in next(f.message for f in loaded.findings if f.code == "PERCENT_MISMATCH")


def _relaid(path: Path, sheet: str, change) -> Path:
    """`sheet` of the workbook rebuilt from its values: `change(rows)` returns (rows, merges) as a clerk laid
    them out; the sheet keeps its name and place."""
    wb = openpyxl.load_workbook(path)
    old = wb[sheet]
    rows = [list(r) for r in old.iter_rows(values_only=True)]
    at = wb.sheetnames.index(sheet)
    wb.remove(old)
    ws = wb.create_sheet(sheet, at)
    rows, merges = change(rows)
    for r in rows:
        ws.append(r)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


def _layout_case(tmp_path: Path, sheet: str, change) -> tuple[object, int]:
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    rows = load([p], default_config(), "2022-06")[0].rows_read
    return load([_relaid(p, sheet, change)], default_config(), "2022-06")[0], rows


@pytest.mark.parametrize("rows_merged", [False, True])
def test_a_name_merged_across_two_columns_is_one_column(tmp_path: Path, rows_merged: bool) -> None:
    """A table pasted from Word: 名称 merged over B:C in the header (and in every row, or typed in B alone). The
    covered column C was COLUMN_UNKNOWN (模板以外的列)."""
    def widen(rows):
        out = [r[:2] + [None] + r[2:] for r in rows]
        last = 3 + sum(1 for r in rows[4:] if r[1] is not None)
        return out, [f"B{i + 1}:C{i + 1}" for i in range(3, last + 1 if rows_merged else 4)] + ["A2:H2"]
    loaded, rows = _layout_case(tmp_path, "附件2", widen)
    assert pairs(loaded.findings) == [] and loaded.rows_read == rows
    assert [r.note for r in loaded.submissions["汇龙镇"].f2] == ["", "", ""]


def test_two_identical_headers_not_merged_are_still_an_extra_column(tmp_path: Path) -> None:
    """The near case: 风险隐患等级 typed twice (last month's and this month's) is not one merged header."""
    def twice(rows):
        return [r[:5] + [r[4]] + r[5:] for r in rows], []
    loaded, _ = _layout_case(tmp_path, "附件2", twice)
    assert ("COLUMN_UNKNOWN", "附件2!F4") in pairs(loaded.findings)


@pytest.mark.parametrize("only_the_name", [False, True])
def test_a_header_typed_over_two_rows_without_merging_is_one_header(tmp_path: Path, only_the_name: bool) -> None:
    """养老服务机构 | 是否立案及 | 存量风险是否 and, in the row below, 及场所名称 | 立案时间 | 已有效化解, no cell merged:
    the second row was read as a facility named 及场所名称 (DISPOSAL_UNLISTED, five VALUE_* and a resolution). The
    name alone split so still was (a large messy inbox: one file in ten of that layout; blind audit)."""
    def split(rows):
        head = rows[3]
        cont: list = [None] * len(head)
        parts = {1: ("养老服务机构", "及场所名称"), 3: ("是否向属地人民政府", "和政法机关通报线索"),
                 7: ("是否立案及", "立案时间"), 8: ("存量风险是否", "已有效化解")}
        for c, (a, b) in parts.items():
            if c == 1 or not only_the_name:
                head[c], cont[c] = a, b
        return rows[:4] + [cont] + rows[4:], [f"A2:{chr(64 + len(head))}2"]
    for form in ("附件3", "附件2"):
        if form == "附件2" and not only_the_name:
            continue  # (附件2 has none of 附件3's other split headers)
        loaded, rows = _layout_case(tmp_path / form, form, split)
        assert pairs(loaded.findings) == [] and loaded.rows_read == rows, form


@pytest.mark.parametrize("variant", ["words_moved", "extra_column", "both"])
def test_a_header_split_over_two_rows_with_its_words_moved_or_an_extra_column(tmp_path: Path, variant: str) -> None:
    """养老服务机构 over （场所）名称 (the name's header with its words moved, read whole on one row), beside it or
    not an extra column's header 统一社会信 over 用代码: the second row was read as a facility named （场所）名称 —
    DISPOSAL_MISSING and VALUE_REQUIRED, and a row too many on the consolidated list (blind audit of layouts); the
    extra column is said whole, 统一社会信用代码. Words alone under an extra column stay a row of the list (a
    contact's name typed alone is one; review): asked for its cells, nothing dropped."""
    def split(rows):
        head = rows[3]
        cont: list = [None] * len(head)
        if variant != "extra_column":
            head[1], cont[1] = "养老服务机构", "（场所）名称"
        if variant != "words_moved":
            head, cont = ["统一社会信", *head], ["用代码", *cont]
            body = [[f"91320681MA1X{i}" if isinstance(r[0], int) and r[1] else None, *r] for i, r in enumerate(rows[4:])]
            return rows[:3] + [head, cont] + body, [f"A2:{chr(64 + len(head))}2"]
        return rows[:4] + [cont] + rows[4:], [f"A2:{chr(64 + len(head))}2"]
    loaded, rows = _layout_case(tmp_path, "附件2", split)
    found = pairs(loaded.findings)
    if variant == "extra_column":
        assert ("VALUE_REQUIRED", "附件2!C5") in found and loaded.rows_read == rows + 1
        return
    assert found == ([] if variant == "words_moved" else [("COLUMN_UNKNOWN", "附件2!A4")]) and loaded.rows_read == rows
    if variant == "both":
        assert "统一社会信用代码" in loaded.findings[0].message


def test_a_split_header_with_hints_in_brackets_on_its_second_row(tmp_path: Path) -> None:
    """风险隐患等 over 级(红橙黄), 养老服务机构 over （场所）名称, 风险隐患点 over （填编号）: the header's ends and a hint,
    one header — the row was a facility named （场所）名称 with its level 级(红橙黄) VALUE_INVALID (audit of layouts)."""
    def split(rows):
        head, cont = rows[3], [None] * len(rows[3])
        head[1], cont[1] = "养老服务机构", "（场所）名称"
        head[3], cont[3] = "风险隐患点", "（填编号）"
        head[4], cont[4] = "风险隐患等", "级(红橙黄)"
        return rows[:4] + [cont] + rows[4:], ["A2:G2"]
    loaded, rows = _layout_case(tmp_path, "附件2", split)
    assert pairs(loaded.findings) == [] and loaded.rows_read == rows


@pytest.mark.parametrize("under", ["黄色名单", "张三", "/"])
def test_words_alone_under_an_extra_column_are_no_header(tmp_path: Path, under: str) -> None:
    """A level's heading (黄色名单) in an extra first column right under the header, a contact's name alone, a
    template's / : the row was taken for the header's second row (review) — the heading's level lost (COLUMN_MISSING
    of 风险隐患等级, LEVEL_MISSING), 张三 dropped, the column said as 分组黄色名单 or 分组/."""
    def grouped(rows):
        # (under a heading of levels the list has no level column: the heading gives it)
        drop = 4 if under == "黄色名单" else -1
        head = ["分组", *[h for i, h in enumerate(rows[3]) if i != drop]]
        body = [[None, *[v for i, v in enumerate(r) if i != drop]] for r in rows[4:]]
        return rows[:3] + [head, [under, *[None] * (len(head) - 1)]] + body, [f"A2:{chr(64 + len(head))}2"]
    loaded, rows = _layout_case(tmp_path, "附件2", grouped)
    unknown = [f.message for f in loaded.findings if f.code.value == "COLUMN_UNKNOWN"]
    assert len(unknown) == 1 and "“分组”" in unknown[0]
    assert not [f for f in loaded.findings if f.code.value == "COLUMN_MISSING"]
    if under == "张三":
        assert loaded.rows_read == rows + 1


def test_a_unit_in_brackets_under_an_extra_column_is_its_header(tmp_path: Path) -> None:
    """预付费金额 over （元）, nothing else on that row: the header's unit, said with it — it was a facility without a
    name (three VALUE_REQUIRED; review)."""
    def amount(rows):
        return rows[:3] + [[*rows[3], "预付费金额"], [None] * 7 + ["（元）"]] + [[*r, None] for r in rows[4:]], ["A2:H2"]
    loaded, rows = _layout_case(tmp_path, "附件2", amount)
    assert pairs(loaded.findings) == [("COLUMN_UNKNOWN", "附件2!H4")] and loaded.rows_read == rows
    assert "预付费金额（元）" in loaded.findings[0].message


@pytest.mark.parametrize("low", ["黄", "汇龙福寿养老院"])
def test_a_value_under_a_header_is_no_part_of_it(tmp_path: Path, low: str) -> None:
    """The near case: a level 黄 alone under 风险隐患等级, or a name alone under the name's header, takes the header
    further from the form's: a facility's row (its cells asked for), not the header's second row."""
    def under(rows):
        cont: list = [None] * len(rows[3])
        cont[4 if low == "黄" else 1] = low
        return rows[:4] + [cont] + rows[4:], ["A2:G2"]
    loaded, rows = _layout_case(tmp_path, "附件2", under)
    assert loaded.rows_read == rows + 1 and any(code == "VALUE_REQUIRED" for code, _ in pairs(loaded.findings))


def test_a_row_of_circled_column_numbers_is_no_facility(tmp_path: Path) -> None:
    """①②③… under the header numbers the columns, as 1 2 3 and (1) (2) (3) do."""
    def numbered(rows):
        return rows[:4] + [[chr(0x2460 + i) for i in range(len(rows[3]))]] + rows[4:], []
    loaded, rows = _layout_case(tmp_path, "附件3", numbered)
    assert pairs(loaded.findings) == [] and loaded.rows_read == rows


@pytest.mark.parametrize("gap", [True, False])
def test_the_forms_notes_beside_the_table_are_no_column(tmp_path: Path, gap: bool) -> None:
    """填报说明 set to the right of the table from its header row down, a blank column between or none: it was
    COLUMN_UNKNOWN and its lines were added to the facilities' 备注 — or, running on below the data, read as
    facilities without a name."""
    notes = ["填报说明", "一、排查范围", "二、类别", "A.养老机构", "B.社区养老服务机构", "C.未经登记的场所", "三、风险隐患点"]

    def beside(rows):
        return [r + [None] * gap + [notes[i - 3] if 3 <= i < 3 + len(notes) else None] for i, r in enumerate(rows)], []
    loaded, rows = _layout_case(tmp_path, "附件2", beside)
    assert pairs(loaded.findings) == [] and loaded.rows_read == rows
    assert [r.note for r in loaded.submissions["汇龙镇"].f2] == ["", "", ""]


def test_an_f4_in_one_header_row_headed_by_its_unit(tmp_path: Path) -> None:
    """附件4 flattened to one header row whose first column is 填报单位 (问题数（正在整治） …): the unit's column,
    not an extra one."""
    def flat(rows):
        head = ["填报单位", "问题数（正在整治）", "问题数（整治完成）", "问题数（总计）", *rows[3][4:]]
        return rows[:3] + [head, ["汇龙镇", *rows[5][1:]]], ["A2:K2"]
    loaded, rows = _layout_case(tmp_path, "附件4", flat)
    assert pairs(loaded.findings) == [] and loaded.rows_read == rows


_F4_REST = ["存在的苗头性问题", "存在明显问题但不构成犯罪的问题", "对涉嫌犯罪移送司法机关依法打击的问题", "接收公安提示函",
            "接收检察建议书", "接收司法建议书", "接收监察建议书"]
_F4_LABEL = "提供养老服务活动的机构、场所涉及诈骗问题（民政领域）"


def _f4_laid_out(path: Path, unit: str, rows: dict[int, list[object]], merges: list[str]) -> Path:
    """An 附件4 of `unit` as a clerk lays it out: the label and title, the 填报单位 line, then `rows` (row number ->
    values from column A, None left blank) and the `merges`."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件4"
    ws["A1"], ws["A2"], ws["A3"], ws["H3"], ws["J3"] = "附件4：", "打击整治养老服务诈骗专项行动战果统计表", f"填报单位：{unit}", \
        "填报时间：", "2022-06-15"
    for r, values in rows.items():
        for c, v in enumerate(values, 1):
            if v is not None:
                ws.cell(r, c, v)
    for m in merges:
        ws.merge_cells(m)
    wb.save(path)
    return path


def test_an_f4_header_merged_over_three_rows_with_its_sub_headers_on_the_second(tmp_path: Path) -> None:
    """附件4's headers merged over rows 5–7, 正在整治/整治完成/总计 on row 6 alone, row 7 blank under them: row 7 was
    read as a header of its own, the three columns COLUMN_MISSING and blank one level up (blind audit of values)."""
    p = _f4_laid_out(tmp_path / "北新镇_附件4.xlsx", "北新镇", {
        5: [_F4_LABEL, "问题数", None, None, *_F4_REST], 6: [None, "正在整治", "整治完成", "总计"],
        8: ["北新镇", 2, 3, 5, 1, 3, 1, 7, 8, 9, 6]}, ["A5:A7", "B5:D5", *(f"{c}5:{c}7" for c in "EFGHIJK")])
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and loaded.rows_read == 1
    f4 = loaded.submissions["北新镇"].f4[0]
    assert (f4.ongoing, f4.done, f4.total, f4.row) == (2, 3, 5, 8)


@pytest.mark.parametrize("merged", [True, False])
@pytest.mark.parametrize("total", ["总计", "合计"])
def test_an_f4_total_then_its_parts_over_three_header_rows(tmp_path: Path, total: str, merged: bool) -> None:
    """问题数 over 总计 | 其中, 其中 over 正在整治 | 整治完成, merged as Excel users merge them: the first two rows were
    read as a form of their own above the third — 其中 two extra columns, 正在整治/整治完成 COLUMN_MISSING, exit 1 with
    every figure read (blind audit of the figures). Typed so with nothing merged, the third row was data:
    整治完成 COLUMN_MISSING and two columns without a header."""
    p = _f4_laid_out(tmp_path / "汇龙镇_附件4.xlsx", "汇龙镇", {
        5: [_F4_LABEL, "问题数", None, None, *_F4_REST], 6: [None, total, "其中"], 7: [None, None, "正在整治", "整治完成"],
        8: ["汇龙镇", 7, 4, 3, 2, 4, 1, 5, 6, 8, 9]},
        ["A5:A7", "B5:D5", "B6:B7", "C6:D6", *(f"{c}5:{c}7" for c in "EFGHIJK")] if merged else [])
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and loaded.rows_read == 1
    f4 = loaded.submissions["汇龙镇"].f4[0]
    assert (f4.ongoing, f4.done, f4.total) == (4, 3, 7)


@pytest.mark.parametrize("merged", [True, False])
def test_an_f4_whose_second_header_row_was_deleted(tmp_path: Path, merged: bool) -> None:
    """问题数 over three columns with its row of 正在整治 | 整治完成 | 总计 deleted: the three in the template's order.
    问题数 was read as 总计 from its first column, the other two columns without a header and 正在整治/整治完成
    COLUMN_MISSING (audit)."""
    p = _f4_laid_out(tmp_path / "汇龙镇_附件4.xlsx", "汇龙镇", {
        5: [_F4_LABEL, "问题数", None, None, *_F4_REST], 6: ["汇龙镇", 4, 3, 7, 2, 4, 1, 5, 6, 8, 9]},
        ["B5:D5"] if merged else [])
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and loaded.rows_read == 1
    f4 = loaded.submissions["汇龙镇"].f4[0]
    assert (f4.ongoing, f4.done, f4.total, f4.early, f4.row) == (4, 3, 7, 2, 6)


@pytest.mark.parametrize(("label", "whole", "figure"), [("全镇", True, 7), ("本镇", True, 7), ("南阳镇全镇", True, 7),
                                                     ("累计", True, 7), ("南阳镇", True, 7), ("全镇", True, 8),
                                                     ("南阳镇", False, 8)])
def test_an_f4_towns_whole_under_its_parts_is_their_total(tmp_path: Path, label: str, whole: bool,
                                                          figure: int) -> None:
    """城区 and 农村 rows, then the town's own row labelled 全镇, 本镇, 累计 or its name: added as a third part, the town
    counted twice without a word (audit of 附件1/附件4). Their total, its figures checked against the parts
    (TOTAL_ROW_MISMATCH); under the town's name only with the parts' sums — else one more part, as written."""
    p = _f4_laid_out(tmp_path / "南阳镇_附件4.xlsx", "南阳镇", {
        5: [_F4_LABEL, "问题数", None, None, *_F4_REST], 6: [None, "正在整治", "整治完成", "总计"],
        7: ["城区", 2, 2, 4, 1, 2, 1, 0, 0, 0, 0], 8: ["农村", 1, 2, 3, 1, 1, 1, 0, 0, 0, 0],
        9: [label, 3, 4, figure, 2, 3, 2, 0, 0, 0, 0]}, ["A5:A6", "B5:D5", *(f"{c}5:{c}6" for c in "EFGHIJK")])
    loaded, _ = load([p], default_config(), "2022-06")
    rows = loaded.submissions["南阳镇"].f4
    assert len(rows) == (2 if whole else 3)
    said = {c for c, _ in pairs(loaded.findings)}
    assert ("TOTAL_ROW_MISMATCH" in said) is (whole and figure != 7)


@pytest.mark.parametrize("blank", [1, 2, 3])
def test_an_f4_sub_header_left_blank_is_the_part_not_named(tmp_path: Path, blank: int) -> None:
    """One of 正在整治 | 整治完成 | 总计 left blank under 问题数, its figures there: COLUMN_MISSING at the next column
    asking to insert a column that is there, and 问题数 said an extra column (mutation audit). By elimination it is the
    part the others do not name."""
    subs = [None, "正在整治", "整治完成", "总计"]
    subs[blank] = None
    p = _f4_laid_out(tmp_path / "汇龙镇_附件4.xlsx", "汇龙镇", {
        5: [_F4_LABEL, "问题数", None, None, *_F4_REST], 6: subs,
        7: ["汇龙镇", 4, 3, 7, 2, 4, 1, 5, 6, 8, 9]}, ["A5:A6", "B5:D5", *(f"{c}5:{c}6" for c in "EFGHIJK")])
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    f4 = loaded.submissions["汇龙镇"].f4[0]
    assert (f4.ongoing, f4.done, f4.total) == (4, 3, 7)


@pytest.mark.parametrize("label", ["全镇", "本镇", "累计"])
def test_an_f4_towns_whole_above_its_parts_is_their_total(tmp_path: Path, label: str) -> None:
    """全镇 on top of its 城区 and 农村 rows, as statistics tables put a total first: added as a third part, 合计 doubled
    without a word (false-positive sweep). Their total, checked against them."""
    p = _f4_laid_out(tmp_path / "南阳镇_附件4.xlsx", "南阳镇", {
        5: [_F4_LABEL, "问题数", None, None, *_F4_REST], 6: [None, "正在整治", "整治完成", "总计"],
        7: [label, 3, 4, 7, 2, 3, 2, 0, 0, 0, 0], 8: ["城区", 2, 2, 4, 1, 2, 1, 0, 0, 0, 0],
        9: ["农村", 1, 2, 3, 1, 1, 1, 0, 0, 0, 0]}, ["A5:A6", "B5:D5", *(f"{c}5:{c}6" for c in "EFGHIJK")])
    loaded, _ = load([p], default_config(), "2022-06")
    assert [r.total for r in loaded.submissions["南阳镇"].f4] == [4, 3] and pairs(loaded.findings) == []


def test_an_f4_group_closing_the_table_is_one_figure(tmp_path: Path) -> None:
    """问题数 alone as the table's last header, two blank columns after it: its one column is 总计 (the template's
    order is not guessed where nothing follows the three)."""
    p = _f4_laid_out(tmp_path / "汇龙镇_附件4.xlsx", "汇龙镇", {
        5: [_F4_LABEL, *_F4_REST, "正在整治", "整治完成", "问题数"], 6: ["汇龙镇", 2, 4, 1, 5, 6, 8, 9, 4, 3, 7]}, [])
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    f4 = loaded.submissions["汇龙镇"].f4[0]
    assert (f4.ongoing, f4.done, f4.total) == (4, 3, 7)


@pytest.mark.parametrize("merged", [True, False])
def test_an_f4_header_with_a_blank_row_between_its_two_rows(tmp_path: Path, merged: bool) -> None:
    """附件4's two header rows with a blank row left between them: 问题数 read as the 总计 column and 正在整治/整治完成
    COLUMN_MISSING (merged), or the sub-headers a row of data, VALUE_INVALID and seven VALUE_REQUIRED (blind audit of
    附件1/附件4)."""
    p = _f4_laid_out(tmp_path / "汇龙镇_附件4.xlsx", "汇龙镇", {
        5: [_F4_LABEL, "问题数", None, None, *_F4_REST], 7: [None, "正在整治", "整治完成", "总计"],
        8: ["汇龙镇", 4, 3, 7, 2, 4, 1, 5, 6, 8, 9]}, ["B5:D5"] if merged else [])
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and loaded.rows_read == 1
    f4 = loaded.submissions["汇龙镇"].f4[0]
    assert (f4.ongoing, f4.done, f4.total, f4.row) == (4, 3, 7, 8)


@pytest.mark.parametrize(("name", "conflicts"), [("近海镇合作镇6月报表", 0), ("近海镇6月报表", 4)])
def test_a_workbook_named_after_two_townships_names_neither(tmp_path: Path, name: str, conflicts: int) -> None:
    """One workbook of eight sheets, 近海镇's four and 合作镇's four, each with its own 填报单位 line, named after
    both: 合作镇's sheets were UNIT_CONFLICT with the file name (which was taken for 近海镇, the first named).
    Named after one of them, the other's sheets still disagree with it."""
    specs = []
    for unit in ("近海镇", "合作镇"):
        for key, spec in specs_for(unit, seed=3 if unit == "合作镇" else 1).items():
            spec.unit_line = unit
            spec.sheet_name = f"{unit}{key}"
            specs.append(spec)
    p = write(tmp_path / f"{name}.xlsx", "近海镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    assert len(_codes(loaded, "UNIT_CONFLICT")) == conflicts
    assert sorted(loaded.submissions) == ["合作镇", "近海镇"]


def test_a_disposal_list_under_the_city_bureaus_name_belongs_to_the_town_that_lists_it(tmp_path: Path) -> None:
    """附件2.xlsx (填报单位 汇龙镇) and 附件3.xlsx whose 填报单位 is the city bureau's own name copied from its form:
    the 附件3 became a 13th unit 启东市民政局 without a word (check silent, 汇龙镇's list without disposal). The
    town whose 附件2 lists its facilities is its unit, as for an 附件3 whose line names no place."""
    specs = specs_for("汇龙镇")
    write(tmp_path / "in" / "附件2.xlsx", "汇龙镇", [specs["F2"]])
    specs["F3"].unit_line = "启东市民政局"
    write(tmp_path / "in" / "附件3.xlsx", "汇龙镇", [specs["F3"]])
    loaded, _ = load([tmp_path / "in"], default_config(), "2022-06")
    assert sorted(loaded.submissions) == ["汇龙镇"] and len(loaded.submissions["汇龙镇"].f3) == 3
    assert pairs(loaded.findings) == []
    # its names written as the forms pair them (the town before one, a remark after another, a number): the same
    # facilities — it was UNIT_UNKNOWN, and 汇龙镇's list DISPOSAL_MISSING (audit of names)
    names = [r["name"] for r in specs["F3"].rows]
    for row, name in zip(specs["F3"].rows, (f"汇龙镇{names[0]}", f"{names[1]}（新增）", f"1、{names[2]}"), strict=True):
        row["name"] = name
    specs["F3"].unit_line = "民政办"
    write(tmp_path / "in" / "附件3.xlsx", "汇龙镇", [specs["F3"]])
    loaded, _ = load([tmp_path / "in"], default_config(), "2022-06")
    assert sorted(loaded.submissions) == ["汇龙镇"] and pairs(loaded.findings) == []


def test_a_line_naming_no_place_takes_the_place_in_the_file_name_even_outside_the_list(tmp_path: Path) -> None:
    """汇尤镇_附件1.xlsx (填报单位 汇尤镇, a typo: UNIT_UNKNOWN) and 汇尤镇_附件2.xlsx (填报单位 民政办): the list was a unit
    “民政办” of its own, its facilities counted apart from 汇尤镇 in 汇总. The name's place is its unit, as for a
    blank line."""
    specs = specs_for("汇尤镇")
    write(tmp_path / "in" / "汇尤镇_附件1.xlsx", "汇尤镇", [specs["F1"]])
    specs["F2"].unit_line = "民政办"
    write(tmp_path / "in" / "汇尤镇_附件2.xlsx", "汇尤镇", [specs["F2"]])
    loaded, _ = load([tmp_path / "in"], default_config(), "2022-06")
    assert sorted(loaded.submissions) == ["汇尤镇"]
    # (附件1's line, its 乡镇 cell holding the same typo, and 附件2's file name)
    assert [f.unit for f in loaded.findings if f.code == "UNIT_UNKNOWN"] == ["汇尤镇", "汇尤镇", "汇尤镇"]


def test_a_field_split_under_its_merged_header_keeps_its_second_column(tmp_path: Path) -> None:
    """The near case of a header merged across two columns: 是否立案及立案时间 over 是 | 2022-06-10, and 备注 over two
    columns each with its own text. The second column has values of its own: the date is read with 是 (no
    CASE_DATE_MISSING), the second 备注 is an extra column whose text is kept (a review of the day's change, which
    had dropped both)."""
    def split(rows):
        out = [r[:8] + [None] + r[8:] for r in rows]  # 存量风险 moves to J, I is the date's
        out[4][7], out[4][8] = "是", "2022-06-10"  # 是否立案 | 立案时间
        return out, ["H4:I4"]
    loaded, rows = _layout_case(tmp_path, "附件3", split)
    assert pairs(loaded.findings) == [] and loaded.rows_read == rows
    rec = loaded.submissions["汇龙镇"].f3[0]
    assert rec.case is not None and rec.case.value == "YES" and str(rec.case_date) == "2022-06-10"

    def notes(rows):
        out = [r + [None] for r in rows]
        out[4][6], out[4][7] = "新增", "另：需复查"
        return out, ["G4:H4"]
    loaded, rows = _layout_case(tmp_path, "附件2", notes)
    assert pairs(loaded.findings) == [("COLUMN_UNKNOWN", "附件2!H4")]
    assert loaded.submissions["汇龙镇"].f2[0].extra == {"备注": "另：需复查"}


def test_a_data_column_headed_like_the_notes_is_still_a_column(tmp_path: Path) -> None:
    """填报说明 as the header of a column right beside the table (no blank column between) holds each row's own
    text: an extra column, kept — only notes set apart end the table."""
    def column(rows):
        return [r + ["填报说明" if i == 3 else "已约谈" if 4 <= i <= 6 else None] for i, r in enumerate(rows)], []
    loaded, _ = _layout_case(tmp_path, "附件2", column)
    assert pairs(loaded.findings) == [("COLUMN_UNKNOWN", "附件2!H4")]
    assert [r.extra for r in loaded.submissions["汇龙镇"].f2] == [{"填报说明": "已约谈"}] * 3


def test_a_unit_named_inside_another_is_not_a_second_unit_of_a_file_name() -> None:
    """Units 河口镇 and 新河口镇: 新河口镇6月.xlsx names one unit (the longer), not two."""
    from yanglao_cli.config import parse_config

    cfg = parse_config('reporting_unit = "某县民政局"\nunits = ["河口镇", "新河口镇"]\n', "test")
    assert not cfg.names_several("新河口镇6月") and cfg.names_several("河口镇新河口镇6月")


@pytest.mark.parametrize("line", ["镇民政办", "市民政局", "县民政局（盖章）", "乡镇民政办", "本镇"])
def test_the_levels_word_alone_on_the_unit_line_names_no_place(tmp_path: Path, line: str) -> None:
    """填报单位 市民政局 / 镇民政办 (the level's word and an office): no place named, so the file name says whose the
    workbook is, as for 民政办 — it was UNIT_UNKNOWN “市民政局”, a unit of its own, and the town 未报送."""
    specs = specs_for("汇龙镇")
    for spec in specs.values():
        spec.unit_line = line
    p = write(tmp_path / "汇龙镇6月报表.xlsx", "汇龙镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    assert sorted(loaded.submissions) == ["汇龙镇"] and pairs(loaded.findings) == []


def test_a_numbering_column_added_to_f4_is_no_data(tmp_path: Path) -> None:
    """附件4 has no 序号; a county's clerk adds one as on the other forms and pre-numbers the blank rows 2, 3, 4: they
    were read as two more rows of 附件4 with 20 VALUE_REQUIRED, and the column was COLUMN_UNKNOWN (blind audit of
    county layouts). The column is numbering; a county's 乡镇（街道） heading the first column is that column."""
    import openpyxl

    specs = specs_for("南阳镇")
    specs["F4"].start_col = 2
    specs["F4"].header_override = {"label": "乡镇（街道）"}
    specs["F4"].rows[0].update(ongoing=2, done=1, total=3, early=1, obvious=1, referred=1)
    p = write(tmp_path / "南阳镇.xlsx", "南阳镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb["附件4"]
    head = next(r for r in range(1, ws.max_row + 1) if any(str(c.value or "").startswith("乡镇（街道）") for c in ws[r]))
    footer = next(r for r in range(head, ws.max_row + 1) if str(ws.cell(r, 2).value or "").startswith("填报人"))
    ws.cell(head, 1, "序号")
    data = [r for r in range(head + 1, footer) if isinstance(ws.cell(r, 3).value, int | float)]
    for n, r in enumerate(range(data[0], footer), start=1):
        ws.cell(r, 1, n)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    f4 = [f for f in loaded.findings if f.sheet == "附件4"]
    assert f4 == [], [(f.code.value, f.cell) for f in f4]
    rows = loaded.submissions["南阳镇"].f4
    assert len(rows) == 1 and rows[0].total == 3


def _form_head(sheet: str, title: str, last_col: str):
    """A workbook of one sheet laid out by hand down to its header: 附件N：, the merged title, 填报单位 南阳镇."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = f"{sheet}："
    ws["A2"] = title
    ws.merge_cells(f"A2:{last_col}2")
    ws["A3"] = "填报单位（盖章）：南阳镇"
    return wb, ws


def test_f1_questions_grouped_over_yes_no_and_detail_columns(tmp_path: Path) -> None:
    """A county's 附件1: each question merged over two sub-columns, 是否 | its detail (主要负责人及职务). The detail
    column took the question (header + sub-header make the official text) and 是否 was COLUMN_UNKNOWN: 否 answers
    were lost and their blank details were VALUE_REQUIRED (blind audit of county layouts). 是否 is the answer,
    the detail is read with it, as in a one-row header."""
    wb, ws = _form_head("附件1", "养老服务诈骗风险隐患排查工作进度表", "N")
    flat = ["序号", "乡镇", "辖区内应当排查的养老服务机构及场所总数（家）", "已经排查的养老服务机构及场所数量（家）", "已排查占比（%）"]
    for c, h in enumerate(flat, start=1):
        ws.cell(4, c, h)
        ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
    groups = [(6, "是否成立了专项行动领导小组", "主要负责人及职务"), (9, "是否利用新闻媒体等平台开展广泛宣传", "具体宣传方式"),
              (11, "是否建立了部门间信息共享机制", "具体涉及部门"), (13, "是否已开通了投诉举报通道", "具体渠道")]
    for c, question, detail in groups:
        ws.cell(4, c, question)
        ws.merge_cells(start_row=4, start_column=c, end_row=4, end_column=c + 1)
        ws.cell(5, c, "是否")
        ws.cell(5, c + 1, detail)
    ws.cell(4, 8, "是否抽调专门工作力量组成专班")
    ws.merge_cells("H4:H5")
    for c, v in enumerate([1, "南阳镇", 20, 16, "80%", "是", "王某某（副镇长）", "是", "是", "微信公众号", "否", None, "否", None],
                          start=1):
        ws.cell(6, c, v)
    ws["A8"] = "填报人：李某    负责人：王某    电话：0513-83000000    填报日期：2022年6月15日"
    p = tmp_path / "南阳镇_附件1.xlsx"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert [(f.code.value, f.cell) for f in loaded.findings] == []
    row = loaded.submissions["南阳镇"].f1[0]
    assert (row.group.value.value, row.group.detail) == ("YES", "王某某（副镇长）")
    assert (row.publicity.value.value, row.publicity.detail) == ("YES", "微信公众号")
    assert row.info_sharing.value.value == "NO" and row.complaints.value.value == "NO"


def test_a_facility_over_two_rows_keeps_its_second_lead_unit(tmp_path: Path) -> None:
    """附件2 with a facility merged over two rows and two 牵头排查单位 lines (民政办 | 派出所): the second row was a
    blank row and 南阳镇派出所 was dropped without a word (blind audit of county layouts); it joins the first."""
    wb, ws = _form_head("附件2", "养老服务诈骗风险隐患“红橙黄”风险管控名单", "G")
    for c, h in enumerate(["序号", "养老服务机构及场所名称", "类别", "风险隐患点", "风险隐患等级", "牵头排查单位", "备注"], 1):
        ws.cell(4, c, h)
    for c, v in enumerate([1, "南阳福寿堂", "C", "9", "橙", "南阳镇民政办", None], 1):
        ws.cell(5, c, v)
        if c != 6:
            ws.merge_cells(start_row=5, start_column=c, end_row=6, end_column=c)
    ws["F6"] = "南阳镇派出所"
    for c, v in enumerate([2, "南阳颐养院", "A", "1、2", "黄", "南阳镇民政办", None], 1):
        ws.cell(7, c, v)
    ws["A9"] = "填报人：李某    填报日期：2022年6月15日"
    p = tmp_path / "南阳镇_附件2.xlsx"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    rows = loaded.submissions["南阳镇"].f2
    assert [(r.name, r.lead_unit) for r in rows] == [("南阳福寿堂", "南阳镇民政办；南阳镇派出所"), ("南阳颐养院", "南阳镇民政办")]
    assert loaded.rows_read == 2 and not [f for f in loaded.findings if f.code.value != "DISPOSAL_MISSING"]


def test_true_in_one_townships_count_cell_does_not_change_how_another_townships_1_reads(tmp_path: Path) -> None:
    """TRUE == 1 in Python and both hash alike: the cache of parsed cells took the first of TRUE and 1 read in a run
    for both. A TRUE typed in 汇龙镇's 附件4 made 南阳镇's untouched 1 VALUE_INVALID (and its figures fell out of the
    合计 sent upward); read the other way round, TRUE passed as 1 (audit of cell types). Both orders."""
    from yanglao_cli.parse import _parse

    for first, second in (("汇龙镇", "南阳镇"), ("南阳镇", "汇龙镇")):
        _parse.cache_clear()
        folder = tmp_path / first
        specs = specs_for(first)
        specs["F4"].rows[0].update(ongoing=True, done=1, total=2)
        write(folder / f"1_{first}.xlsx", first, specs)  # (read first: files are read in name order)
        specs = specs_for(second)
        specs["F4"].rows[0].update(ongoing=1, done=1, total=2)
        write(folder / f"2_{second}.xlsx", second, specs)
        loaded, _ = load([folder], default_config(), "2022-06")
        bad = [(f.unit, f.sheet, f.cell) for f in loaded.findings if f.code.value == "VALUE_INVALID"]
        assert bad == [(first, "附件4", "B6")], bad
        assert "“TRUE”" in next(f.message for f in loaded.findings if f.code.value == "VALUE_INVALID")


@pytest.mark.parametrize("shown", ["#N/A", "#REF!"])
def test_a_report_date_showing_a_formula_error_is_not_taken_for_a_blank(tmp_path: Path, shown: str) -> None:
    """填报日期 =VLOOKUP(…) showing #N/A: the form printed with #N/A as its date passed as not dated (no finding,
    `status` showing no date); it is VALUE_INVALID at the cell, as for a data cell showing an error (audit)."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb["附件1"]
    label = next(c for row in ws.iter_rows() for c in row if c.value == "填报日期：")
    value = ws.cell(label.row, label.column + 1)  # (the date beside its label, as the template has it)
    assert value.value == "2022-06-15"
    value.value = shown  # (openpyxl writes an error's text as an error cell, as Excel saves one)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    found = [(f.code.value, f.sheet, f.cell) for f in loaded.findings]
    assert found == [("VALUE_INVALID", "附件1", value.coordinate)], found
    assert f"“{shown}”" in loaded.findings[0].message and "公式计算出错" in loaded.findings[0].message


def test_a_ticked_true_in_a_question_asking_for_a_detail_is_a_yes_without_it(tmp_path: Path, runner) -> None:
    """附件1's 是否成立了专项行动领导小组，主要负责人及职务 holding Excel's TRUE: a 是 that names nobody — DETAIL_MISSING as
    for a typed 是 (TRUE passed as four letters of detail), and 是 on the consolidated 附件1, not TRUE (audit of
    values against the SPEC)."""
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0].update(group=True)
    path = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    ws = openpyxl.load_workbook(path)["附件1"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value is True)
    code, data = run_json(runner, "check", str(path))
    assert ("DETAIL_MISSING", f"附件1!{cell.coordinate}") in pairs(data["findings"])
    run_json(runner, "consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--period", "2022-06")
    out = openpyxl.load_workbook(tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx")["附件1"]
    assert "是" in [c.value for row in out.iter_rows(min_row=5) for c in row] and \
        "TRUE" not in [c.value for row in out.iter_rows(min_row=5) for c in row]


@pytest.mark.parametrize(("f2_points", "f2_note", "f3_points", "undescribed"), [
    ("4、15.其他：租用场地即将到期", "", "4、15", []),  # described on 附件2's points, repeated bare on 附件3
    ("4、15", "其他：租用场地即将到期", "4、15", []),  # described in 附件2's 备注
    ("4、15", "", "4、15", ["附件2!D5", "附件3!C5"]),  # described nowhere: both cells
    ("4", "", "4、15", ["附件3!C5"]),  # 15 on 附件3 alone: its own to describe
])
def test_a_bare_15_on_3_for_a_case_described_on_2_is_described(tmp_path: Path, f2_points: str, f2_note: str,
                                                                f3_points: str, undescribed: list[str]) -> None:
    """附件3 repeats the facility's points as 4、15 where 附件2 describes its 15: POINT_OTHER_UNDESCRIBED on 附件3 sent
    a correct form back (blind audit of correct workbooks)."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points=f2_points, note=f2_note, level="黄")
    specs["F3"].rows[0].update(points=f3_points, measures="1、2、3、4")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    assert [c for code, c in pairs(loaded.findings) if code == "POINT_OTHER_UNDESCRIBED"] == undescribed


def _with_sheet(path: Path, title: str, header: list[str], rows: list[list[object]], name: str) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet(name)
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.mark.parametrize("kind", ["register", "green", "four colours"])
def test_a_register_or_green_list_beside_the_forms_is_no_second_list(tmp_path: Path, kind: str) -> None:
    """A township's workbook with, beside its four forms, its register of the facilities it checked (序号 | 机构名称
    | 类别 | 地址 …) or the notice's 绿色名单 on a sheet of its own: each row was a second 附件2's (DISPOSAL_MISSING,
    GREEN_IN_LIST) and went onto the consolidated 红橙黄 list. Such a sheet is passed over, as a 联系人 sheet is — and
    so is its own four-colour record (“红橙黄绿”四色名单汇总（内部留存）) repeating the list with its green ones beside
    it (each DUPLICATE_FACILITY, the green ones on the city's list; audit of exports)."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    if kind == "four colours":
        _with_sheet(p, "汇龙镇养老服务机构“红橙黄绿”四色名单汇总（内部留存）",
                    ["序号", "村（社区）", "机构名称", "类别", "风险隐患点", "风险隐患等级", "排查人"],
                    [[i + 1, "城中社区", r["name"], r["category"], r["points"], r["level"], "张三"]
                     for i, r in enumerate(specs["F2"].rows)] + [[4, "城中社区", "汇龙第4养老机构", "A", "无", "绿", "张三"]],
                    "四色名单汇总")
    elif kind == "register":
        _with_sheet(p, "汇龙镇养老服务机构排查台账", ["序号", "机构名称", "类别", "地址", "床位数", "是否备案", "排查日期"],
                    [[i, f"汇龙第{i}养老机构", "A", f"人民路{i}号", 30, "是", "2022-06-0{i}"] for i in range(1, 6)], "排查机构名单")
    else:
        _with_sheet(p, "汇龙镇养老服务机构“绿色”名单", ["序号", "机构名称", "类别", "风险隐患点", "风险隐患等级", "牵头排查单位", "备注"],
                    [[i, f"汇龙第{i}养老机构", "A", "", "绿", "汇龙镇民政办", ""] for i in range(1, 6)], "绿色名单")
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f2) == 3


@pytest.mark.parametrize(("sheet", "first", "read"), [("附件2（续）", 7, True), ("续表", 7, True), ("Sheet2", 4, True),
                                                     ("Sheet2", 7, False), ("附件2（续）", None, False)])
def test_a_list_going_on_on_a_sheet_without_its_header(tmp_path: Path, sheet: str, first: int | None,
                                                       read: bool) -> None:
    """附件2's rows going on on a sheet of their own with no header repeated (named 附件2（续）, or numbered on from
    the first sheet's last 序号): passed over without a word, a facility lost from the consolidated list (audit of
    values). Read with the first sheet's columns, findings at their own cells. A sheet numbered otherwise and not
    named so is no part of the list; nor is a sheet of notes."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb.create_sheet(sheet, index=wb.sheetnames.index("附件2") + 1 if sheet != "附件2（续）" else None)
    if first is None:
        ws.append(["说明：", "本表续上页"])
    else:
        ws.append([first, "汇龙镇安心托老所", "C", "9", "橙", "汇龙镇民政办", None])
        ws.append([first + 1, "汇龙镇长青老年公寓", "B", "4", "黄", "汇龙镇民政办", None])
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    names = [r.name for r in loaded.submissions["汇龙镇"].f2]
    assert ("汇龙镇安心托老所" in names) is read and len(names) == 3 + 2 * read
    expected = [("DISPOSAL_MISSING", f"{sheet}!B1"), ("DISPOSAL_MISSING", f"{sheet}!B2")] if read else []
    assert sorted(pairs(loaded.findings)) == expected


@pytest.mark.parametrize(("sheet", "first"), [("表二（续）", 7), ("表二(续)", 7), ("表二续表", 7), ("表二 (2)", 4)])
def test_a_list_going_on_on_a_sheet_added_at_the_end_of_generic_sheets(tmp_path: Path, sheet: str,
                                                                       first: int) -> None:
    """Sheets named 表一…表四 and 附件2 going on on 表二（续） added at the end (Excel's + button): it was read against
    the sheet before it (表四), and its facilities were lost unsaid, their 附件3 rows DISPOSAL_UNLISTED
    (metamorphic audit of layouts). It goes on with the sheet its name continues."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    for old, new in zip(("附件1", "附件2", "附件3", "附件4"), ("表一", "表二", "表三", "表四"), strict=True):
        wb[old].title = new
    ws = wb.create_sheet(sheet)
    ws.append([first, "汇龙镇安心托老所", "C", "9", "橙", "汇龙镇民政办", None])
    ws.append([first + 1, "汇龙镇长青老年公寓", "B", "4", "黄", "汇龙镇民政办", None])
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    names = [r.name for r in loaded.submissions["汇龙镇"].f2]
    assert len(names) == 5 and "汇龙镇长青老年公寓" in names
    assert sorted(pairs(loaded.findings)) == [("DISPOSAL_MISSING", f"{sheet}!B1"), ("DISPOSAL_MISSING", f"{sheet}!B2")]


def test_lists_going_on_on_default_named_sheets_at_the_end_read_with_the_lists_they_number_on(tmp_path: Path) -> None:
    """表一…表四, then Sheet5 and Sheet6 added at the end holding 附件2's and 附件3's next rows (序号 4, 5 after 1–3), no
    header, no 续 in their names: they were read against the sheet right before them and lost unsaid (audit of the
    new reading rules). Each goes on with the list it numbers on — of 附件2 and 附件3 ending at one number, the one
    its cells fit."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    for old, new in zip(("附件1", "附件2", "附件3", "附件4"), ("表一", "表二", "表三", "表四"), strict=True):
        wb[old].title = new
    f2, f3 = wb.create_sheet("Sheet5"), wb.create_sheet("Sheet6")
    for seq, name in ((4, "汇龙镇安心托老所"), (5, "汇龙镇长青老年公寓")):
        f2.append([seq, name, "A", "4", "黄", "汇龙镇民政办", None])
        f3.append([seq, name, "4", "否", "不涉及", "1、2", "已提示", "否", "否"])
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    sub = loaded.submissions["汇龙镇"]
    assert [r.name for r in sub.f2][-2:] == [r.name for r in sub.f3][-2:] == ["汇龙镇安心托老所", "汇龙镇长青老年公寓"]
    assert pairs(loaded.findings) == []


def test_a_second_list_under_the_forms_title_is_still_read(tmp_path: Path) -> None:
    """The same sheet under 附件2's own title is the township's 附件2 (continued), its missing columns said."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    _with_sheet(p, "养老服务诈骗风险隐患“红橙黄”风险管控名单", ["序号", "机构名称", "类别", "地址"],
                [[1, "汇龙第1养老机构", "A", "人民路1号"]], "附件2（续）")
    loaded, _ = load([p], default_config(), "2022-06")
    assert "COLUMN_MISSING" in {code for code, _ in pairs(loaded.findings)}
    assert len(loaded.submissions["汇龙镇"].f2) == 4


def test_logical_cells_in_f3s_yes_no_columns_are_written_as_yes_no(tmp_path: Path, runner) -> None:
    """附件3's 通报线索 / 纳入处非机制 / 已化解 holding Excel's TRUE and FALSE: read as 是/否 by check, and the
    consolidated 附件3 — the form the city stamps and sends up — said TRUE/FALSE in English (blind audit of formats)."""
    specs = specs_for("汇龙镇")
    for row in specs["F3"].rows:
        row.update(clue=True, fundraising=False, resolved=False)
    path = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    code, data = run_json(runner, "check", str(path))
    assert not [f for f in data["findings"] if f["code"] in ("VALUE_INVALID", "CLUE_NOT_REPORTED")], data["findings"]
    run_json(runner, "consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--period", "2022-06")
    out = openpyxl.load_workbook(tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx")["附件3"]
    heads = [c.value for c in out[4]]
    written = [[r[heads.index(h)] for h in ("是否向属地人民政府和政法机关通报线索", "存量风险是否已有效化解")]
               for r in out.iter_rows(min_row=5, max_row=4 + len(specs["F3"].rows), values_only=True)]
    assert written == [["是", "否"]] * len(specs["F3"].rows), written
    everything = [c.value for row in out.iter_rows(min_row=5) for c in row]
    assert "TRUE" not in everything and "FALSE" not in everything


def _clear_footer(ws) -> int:
    """The signature line and everything under it emptied (also 附件4's 填报时间 on its unit line): its row."""
    r = _footer_row(ws)
    for row in ws.iter_rows(min_row=r):
        for c in row:
            c.value = None
    for row in ws.iter_rows(max_row=4):
        for c in row:
            if str(c.value or "").startswith("填报时间"):
                c.value = None
    return r


@pytest.mark.parametrize("date", ["2022年6月15日", dt.datetime(2022, 6, 15), "二〇二二年六月十五日"])
def test_a_stamp_block_under_the_forms_ends_the_data_and_dates_them(tmp_path: Path, date: object) -> None:
    """An official form's end: the unit that stamps it, the date under it, no 填报人 line. Both lines were read as
    facilities and township rows (类别 汇龙镇民政办（盖章）, VALUE_INVALID; 26 errors) and the date was lost (blind
    audit of county variants)."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    for ws in wb:
        r = _clear_footer(ws)
        ws.cell(r + 1, 5, "汇龙镇民政办（盖章）")
        ws.cell(r + 2, 5, date)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    sub = loaded.submissions["汇龙镇"]
    assert (len(sub.f1), len(sub.f2), len(sub.f3), len(sub.f4)) == (1, 3, 3, 1)
    assert {k: f.date for k, f in sub.footers.items()} == {k: dt.date(2022, 6, 15) for k in ("F1", "F2", "F3", "F4")}


@pytest.mark.parametrize("where", ["stamp", "footer line", "title", "title bracket", "单位：", "汇龙镇社会事业局（盖章）",
                                   "汇龙镇人民政府(盖章)", "报表单位：汇龙镇", "上报单位：汇龙镇民政办"])
def test_a_list_without_its_unit_line_is_the_unit_its_stamp_footer_or_title_names(tmp_path: Path,
                                                                                  where: str) -> None:
    """附件2.xlsx, 牵头排查单位 民政办, no 填报单位 line above the list: the unit said under it (its stamp, a 填报单位
    line among the signatures), in its title, or on a line headed 单位： was UNIT_UNKNOWN, an error (blind audit) —
    and so was the unit stamped above the header without a label, or under 报表单位/上报单位 (audit of values)."""
    spec = specs_for("汇龙镇")["F2"]
    for row in spec.rows:
        row["lead_unit"] = "民政办"
    p = write(tmp_path / "附件2.xlsx", "汇龙镇", [spec])
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    ws["A3"] = None  # 填报单位（盖章）：汇龙镇
    if where == "stamp":
        r = _clear_footer(ws)
        ws.cell(r, 1, "填报人：张三")
        ws.cell(r, 5, "填报日期：2022-06-15")
        ws.cell(r + 2, 5, "汇龙镇民政办（盖章）")
    elif where == "footer line":
        r = _clear_footer(ws)
        ws.cell(r, 1, "填报单位（盖章）：汇龙镇民政办")
        ws.cell(r, 4, "填报人：张三")
        ws.cell(r, 6, "填报时间：2022年6月15日")
    elif where == "title":
        ws["A2"] = "汇龙镇" + ws["A2"].value
    elif where == "title bracket":
        ws["A2"] = ws["A2"].value + "（汇龙镇）"
    elif where == "单位：":
        ws["A3"] = "单位：汇龙镇"
    else:
        ws["A3"] = where
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and list(loaded.submissions) == ["汇龙镇"]
    assert len(loaded.submissions["汇龙镇"].f2) == 3


def test_the_figures_unit_of_measure_is_no_township(tmp_path: Path) -> None:
    """附件4's 单位：个 (the figures' unit) beside a blank 填报单位: the first column names the town, not 个."""
    spec = specs_for("汇龙镇")["F4"]
    p = write(tmp_path / "附件4.xlsx", "汇龙镇", [spec])
    wb = openpyxl.load_workbook(p)
    ws = wb["附件4"]
    ws["A3"] = "填报单位："
    ws["K1"] = "单位：个"
    ws["A6"] = "汇龙镇"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and list(loaded.submissions) == ["汇龙镇"]


@pytest.mark.parametrize("label", ["合计", "汇龙镇小计", "小计", "红色名单", "红色", "其中：红色"])
@pytest.mark.parametrize("columns", [["place", "name"], ["seq", "place", "name"]])
def test_a_total_row_written_in_a_column_before_the_name_is_no_facility(tmp_path: Path, columns: list[str],
                                                                         label: str) -> None:
    """区镇 | 名称 | … (a county's layout): 合计 in the 区镇 column, 2家 under the names, was a facility named 2家 with
    VALUE_REQUIRED and DISPOSAL_MISSING (blind audit of county variants); so were a township's 小计 and a level's
    count there (汇龙镇小计 | 3家, 红色名单 | 3家), carried one level up as facilities (audit of county books)."""
    spec = specs_for("汇龙镇")["F2"]
    rest = [c.field for c in spec.form.columns if c.field not in ("seq", "name")]
    header = {"seq": "序号", "place": "区镇", "name": "养老服务机构及场所名称"}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    ws.append([spec.form.title])
    ws.append(["填报单位（盖章）：汇龙镇"])
    ws.append([header[c] for c in columns] + [spec.form.column(f).header for f in rest])
    for n, row in enumerate(spec.rows, start=1):
        own = {"seq": n, "place": "汇龙镇", "name": row["name"]}
        ws.append([own[c] for c in columns] + [row.get(f) for f in rest])
    ws.append([None] * columns.index("place") + [label, f"{len(spec.rows)}家"])
    ws.append(["填报人：张三", None, "负责人：李四", None, "填报日期：2022-06-15"])
    p = tmp_path / "汇龙镇.xlsx"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert [code for code, _ in pairs(loaded.findings)] == ["COLUMN_UNKNOWN"]
    assert len(loaded.submissions["汇龙镇"].f2) == 3


@pytest.mark.parametrize("label", ["汇龙镇合计", "全镇合计", "合计"])
def test_a_towns_own_total_under_its_villages_is_not_added_to_them(tmp_path: Path, runner, label: str) -> None:
    """附件1 by village (东方村, 城中社区) with the town's total under them: labelled 汇龙镇合计 or 全镇合计 it was one
    more row, the town counted twice in the consolidated 合计 (40/34 for 20/17); and the villages, written as the town
    wrote them, made the consolidated workbook's own check say UNIT_UNKNOWN (blind audit of 附件1)."""
    specs = specs_for("汇龙镇")
    base = specs["F1"].rows[0]
    specs["F1"].rows = [{**base, "seq": 1, "township": "东方村", "total": 12, "checked": 10, "percent": 83.3},
                        {**base, "seq": 2, "township": "城中社区", "total": 8, "checked": 7, "percent": 87.5},
                        {**base, "seq": None, "township": label, "total": 20, "checked": 17, "percent": 85}]
    inbox = tmp_path / "in"
    write(inbox / "汇龙镇.xlsx", "汇龙镇", specs)
    write(inbox / "南阳镇.xlsx", "南阳镇", specs_for("南阳镇", seed=2))
    loaded, _ = load([inbox], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f1) == 2
    code, data = run_json(runner, "consolidate", inbox, "-o", tmp_path / "out", "--period", "2022-06")
    out = Path(data["summary"]["outputs"][0])
    total = next(r for r in openpyxl.load_workbook(out)["附件1"].iter_rows(values_only=True) if r[1] == "合计")
    nanyang = specs_for("南阳镇", seed=2)["F1"].rows[0]
    assert total[2:4] == (20 + nanyang["total"], 17 + nanyang["checked"])
    code, data = run_json(runner, "check", out)
    assert data["summary"]["errors"] == 0, data["findings"]


@pytest.mark.parametrize(("cells", "found"), [
    ({"percent": "96.6%（28/29）"}, []),
    ({"group": "成立"}, [("DETAIL_MISSING", "附件1!F5")]),  # 是, and the person asked for is missing
    ({"complaints": "开通"}, [("DETAIL_MISSING", "附件1!J5")]),
])
def test_f1_answers_said_in_a_word_or_a_share_with_its_working(tmp_path: Path, cells: dict, found: list) -> None:
    """成立 and 开通 alone were VALUE_INVALID where 已成立 was 是; 85%（17/20） was VALUE_INVALID where 20（含未登记3家）
    was read (blind audit of 附件1)."""
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0].update(cells)
    assert pairs(_load_written(tmp_path, [specs["F1"]]).findings) == found


@pytest.mark.parametrize("first", [False, True])
@pytest.mark.parametrize("off", [0, 5])
def test_a_total_row_that_is_not_the_sum_of_the_rows_is_said(tmp_path: Path, runner, off: int, first: bool) -> None:
    """A 合计 row under the rows (a county's, or a clerk's hand edit of the consolidated 附件1) whose figure is not
    their sum was dropped without a word: the next level got another figure than the stamped sheet's (audits of
    county workbooks and of a hand-edited 汇总表). TOTAL_ROW_MISMATCH at the 合计 cell; the rows are consolidated.
    The same for a 合计 row put first, over the rows, as statistics tables have it (it was dropped unsaid)."""
    specs = specs_for("汇龙镇")
    base = specs["F1"].rows[0]
    total = {"seq": "合计", "total": 20 + off, "checked": 18, "percent": 90}
    specs["F1"].rows = [{**base, "seq": 1, "township": "东方村", "total": 12, "checked": 10, "percent": 83.3},
                        {**base, "seq": 2, "township": "城中社区", "total": 8, "checked": 8, "percent": 100}]
    specs["F1"].rows.insert(0 if first else 2, total)
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    code, data = run_json(runner, "check", p, "--period", "2022-06")
    found = [(f["code"], f["sheet"], f["cell"], f["severity"]) for f in data["findings"]
             if f["code"] == "TOTAL_ROW_MISMATCH"]
    if not off:
        assert found == []
        return
    ws = openpyxl.load_workbook(p)["附件1"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == 25)
    assert found == [("TOTAL_ROW_MISMATCH", "附件1", cell.coordinate, "warning")]
    assert "合计行的“辖区内应当排查的养老服务机构及场所总数（家）”为25，其余各行相加为20" in data["findings"][0]["message"]


@pytest.mark.parametrize(("percent", "found"), [(80, True), (90, False), (89.6, False), (91, True)])
def test_a_total_rows_percentage_is_checked_as_a_rows(tmp_path: Path, runner, percent: float, found: bool) -> None:
    """A township's 合计 row 20/18 with 占比 80: the counts were compared with the rows, the 占比 never — the stamped
    sheet said 80% of 18/20 without a word (audit of 附件1's figures). PERCENT_MISMATCH at its cell, ±0.5 as a row."""
    specs = specs_for("汇龙镇")
    base = specs["F1"].rows[0]
    specs["F1"].rows = [{**base, "seq": 1, "township": "东方村", "total": 12, "checked": 10, "percent": 83.3},
                        {**base, "seq": 2, "township": "城中社区", "total": 8, "checked": 8, "percent": 100},
                        {"seq": "合计", "total": 20, "checked": 18, "percent": percent}]
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    code, data = run_json(runner, "check", p, "--period", "2022-06")
    ws = openpyxl.load_workbook(p)["附件1"]
    total_row = next(c.row for row in ws.iter_rows() for c in row if c.value == "合计")
    mismatched = [f["cell"] for f in data["findings"] if f["code"] == "PERCENT_MISMATCH"]
    assert mismatched == ([f"E{total_row}"] if found else [])
    assert (code == 1) == found


def test_a_total_rows_formula_without_its_result_is_said(tmp_path: Path, runner) -> None:
    """=SUM(C5:C6) on a 合计 row written by a program without its result: recomputed, but not said, where the same
    formula on a row is FORMULA_NO_VALUE (SPEC: a formula cell without a cached value is a finding; audit)."""
    specs = specs_for("汇龙镇")
    base = specs["F1"].rows[0]
    specs["F1"].rows = [{**base, "seq": 1, "township": "东方村", "total": 12, "checked": 10, "percent": 83.3},
                        {**base, "seq": 2, "township": "城中社区", "total": 8, "checked": 8, "percent": 100},
                        {"seq": "合计", "total": 20, "checked": 18, "percent": 90}]
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb["附件1"]
    row = next(c.row for r in ws.iter_rows() for c in r if c.value == "合计")
    ws[f"C{row}"] = f"=SUM(C{row - 2}:C{row - 1})"
    wb.save(p)
    code, data = run_json(runner, "check", p, "--period", "2022-06")
    said = [(f["code"], f["cell"], f["severity"]) for f in data["findings"] if f["code"] == "FORMULA_NO_VALUE"]
    assert said == [("FORMULA_NO_VALUE", f"C{row}", "warning")] and code == 0


def test_our_own_total_leaving_out_a_row_of_an_unreadable_figure_is_no_mismatch(tmp_path: Path, runner) -> None:
    """近海镇's 总数 十八家多 (unreadable): consolidate leaves its row out of both 附件1 sums (paired_progress), and its
    own 合计 was then said to differ from the rows on every check of the workbook and every level above. A 合计
    left as a county typed it is still compared where every row's figures are readable."""
    inbox = tmp_path / "in"
    bad = specs_for("汇龙镇")
    bad["F1"].rows[0].update(total="十八家多", checked=15)
    write(inbox / "汇龙镇.xlsx", "汇龙镇", bad)
    write(inbox / "南阳镇.xlsx", "南阳镇", specs_for("南阳镇"))
    run_json(runner, "consolidate", inbox, "-o", tmp_path / "out", "--period", "2022-06")
    code, data = run_json(runner, "check", tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx")
    assert "TOTAL_ROW_MISMATCH" not in {f["code"] for f in data["findings"]}
    assert code == 0 and "REPORTED_BELOW" in {f["code"] for f in data["findings"]}


def test_a_negative_figure_is_written_as_the_number_it_is(tmp_path: Path, runner) -> None:
    """附件4 接收公安提示函 -1 (VALUE_INVALID): written to the consolidated sheet as the text "-1", then checked it was
    CELL_FORMULA_TEXT — text of the tool's own making. The number, marked as before; REPORTED_BELOW on re-check."""
    inbox = tmp_path / "in"
    specs = specs_for("汇龙镇")
    p = write(inbox / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    cell = next(c for c in wb["附件4"]["H"] if isinstance(c.value, int))
    cell.value = -1
    wb.save(p)
    code, data = run_json(runner, "consolidate", inbox, "-o", tmp_path / "out", "--period", "2022-06")
    assert ("VALUE_INVALID", "附件4", cell.coordinate) in [(f["code"], f["sheet"], f["cell"]) for f in data["findings"]]
    book = tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx"
    written = [c for row in openpyxl.load_workbook(book)["附件4"].iter_rows() for c in row if c.value in (-1, "-1")]
    assert [c.value for c in written] == [-1]
    code, data = run_json(runner, "check", book)
    assert [(f["code"], f["cell"]) for f in data["findings"]] == [("REPORTED_BELOW", written[0].coordinate)]


def test_a_reported_below_on_a_township_row_names_the_township(tmp_path: Path, runner) -> None:
    """附件1/附件4 rows name no facility: one level up CHECKED_EXCEEDS_TOTAL of 东海镇's row came as the city's own
    (unit 启东市, no township in the words; audit of the outputs). Its REPORTED_BELOW names the township."""
    inbox = tmp_path / "in"
    specs = specs_for("东海镇")
    specs["F1"].rows[0].update(total=20, checked=25, percent=125)
    write(inbox / "东海镇.xlsx", "东海镇", specs)
    run_json(runner, "consolidate", inbox, "-o", tmp_path / "out", "--period", "2022-06")
    code, data = run_json(runner, "check", tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx")
    below = [f["message"] for f in data["findings"] if f["code"] == "REPORTED_BELOW"]
    assert below and all("填报错误：东海镇：" in m for m in below) and code == 0



def test_a_facility_listed_twice_at_two_levels_is_reported_below_whichever_row_comes_second(
        tmp_path: Path, runner) -> None:
    """福寿养老院 listed 黄, then again 橙: DUPLICATE_FACILITY on the township's second row (橙). The consolidated
    list puts 橙 first, so its re-check found the 黄 row second — an error, exit 1, though the township's was
    marked (audit of copies). REPORTED_BELOW; a facility listed twice by hand on the consolidated list is still an
    error."""
    specs = specs_for("汇龙镇", n=3)
    for form in ("F2", "F3"):
        specs[form].rows[1].update(name=specs[form].rows[0]["name"])
    specs["F2"].rows[0].update(points="2", level="黄", category="A")
    specs["F2"].rows[1].update(points="6", level="橙", category="A")
    write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    code, data = run_json(runner, "consolidate", tmp_path / "in", "-o", tmp_path / "out", "--period", "2022-06")
    assert ("DUPLICATE_FACILITY", "附件2", "B6") in [(f["code"], f["sheet"], f["cell"]) for f in data["findings"]]
    book = tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx"
    code, data = run_json(runner, "check", book)
    assert code == 0 and "DUPLICATE_FACILITY" not in {f["code"] for f in data["findings"]}
    assert ("REPORTED_BELOW", "附件2") in [(f["code"], f["sheet"]) for f in data["findings"]]
    wb = openpyxl.load_workbook(book)
    ws = wb["附件2"]
    noted = next(r for r in range(5, 20) if ws.cell(r, 2).comment is not None)
    ws.cell(noted, 2).value = specs["F2"].rows[2]["name"]  # (another facility's name typed over the marked row)
    wb.save(tmp_path / "改.xlsx")
    code, data = run_json(runner, "check", tmp_path / "改.xlsx")
    assert code == 1 and "DUPLICATE_FACILITY" in {f["code"] for f in data["findings"]}


def test_an_annotated_copy_of_a_consolidated_workbook_checks_as_the_workbook_did(tmp_path: Path, runner) -> None:
    """The city clerk lowers a level by hand on the consolidated 附件2 (LEVEL_UNDERRATED, an error) and annotates the
    workbook: the copy's note was read back as one consolidate wrote of a township's error, REPORTED_BELOW, and
    the copy passed with exit 0 (audit of copies). A township's error the consolidation marked stays
    REPORTED_BELOW in the copy."""
    specs = specs_for("汇龙镇", n=2)
    specs["F2"].rows[0].update(points="6", level="橙", category="A")
    specs["F3"].rows[0].update(points="6", clue="是", fundraising="不涉及", measures="3、4")
    specs["F2"].rows[1].update(points="2", level="绿", category="A")  # (GREEN_IN_LIST: a township's own warning)
    specs["F1"].rows[0].update(total=20, checked=25, percent=125)  # CHECKED_EXCEEDS_TOTAL: a township's error
    write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    run_json(runner, "consolidate", tmp_path / "in", "-o", tmp_path / "out", "--period", "2022-06")
    book = tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx"
    wb = openpyxl.load_workbook(book)
    ws = wb["附件2"]
    row = next(r for r in range(5, 20) if ws.cell(r, 2).value == specs["F2"].rows[0]["name"])
    ws.cell(row, 5).value = "黄"
    (tmp_path / "改").mkdir()
    wb.save(tmp_path / "改" / book.name)
    code, data = run_json(runner, "check", tmp_path / "改", "--annotate", tmp_path / "标注")
    found = sorted((f["code"], f["sheet"], f["cell"]) for f in data["findings"])
    assert code == 1 and ("LEVEL_UNDERRATED", "附件2", f"E{row}") in found
    assert "REPORTED_BELOW" in {f[0] for f in found}
    code, again = run_json(runner, "check", tmp_path / "标注")
    assert code == 1 and sorted((f["code"], f["sheet"], f["cell"]) for f in again["findings"]) == found


def _with_old_row(path: Path, sheet: str, hide: bool, above: bool = False) -> tuple[int, int]:
    """Last month's row of the township copied under (or above) this month's (附件1/附件4), hidden or not:
    (new row, old row)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    numbers = 3 if sheet == "附件1" else 2  # the first column of figures: 总数 / 正在整治
    new = next(r for r in range(1, 15) if isinstance(ws.cell(r, numbers).value, int))
    old = new if above else new + 1
    ws.insert_rows(old)
    new = new + 1 if above else new
    for c in range(1, ws.max_column + 1):
        v = ws.cell(new, c).value
        ws.cell(old, c, v - 1 if isinstance(v, int) and v > 1 and c > 2 else v)
    ws.row_dimensions[old].hidden = hide
    wb.save(path)
    return new, old


@pytest.mark.parametrize(("hide", "above"), [(True, False), (False, False), (True, True)],
                         ids=["hidden-below", "shown", "hidden-above"])
def test_a_township_on_two_rows_of_its_cumulative_forms_is_a_duplicate(tmp_path: Path, runner, hide: bool,
                                                                       above: bool) -> None:
    """附件1/附件4 with last month's row of the town kept beside this month's (hidden, as a WPS clerk does, or not):
    the consolidation added both rows up — the town's progress 30/24, its 总计 doubled — with no finding (blind
    audit of WPS workbooks). DUPLICATE_FACILITY at the later row, saying which is hidden; the same row once they
    are shown, so the consolidated workbook says it REPORTED_BELOW (it said the other row, an error; audit of
    invariants)."""
    p = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇", n=2))
    rows = {sheet: _with_old_row(p, sheet, hide, above) for sheet in ("附件1", "附件4")}
    loaded, _ = load([p], default_config(), "2022-06")
    dupes = [f for f in loaded.findings if f.code.value == "DUPLICATE_FACILITY"]
    assert [(f.sheet, f.row) for f in dupes] == [(s, max(rows[s])) for s in rows]
    for f in dupes:
        assert f.facility == "汇龙镇" and f"另见第{min(rows[f.sheet])}行" in f.message and "累计数" in f.message
        assert ("隐藏" in f.message) is hide
    run(runner, "consolidate", tmp_path / "in", "-o", tmp_path / "out", "--period", "2022-06")
    code, data = run_json(runner, "check", next((tmp_path / "out").glob("*_汇总.xlsx")))
    assert code == 0 and {f["code"] for f in data["findings"]} >= {"REPORTED_BELOW"}


def test_a_county_s_rows_of_different_townships_are_no_duplicate(tmp_path: Path) -> None:
    """The control: 附件1 of several townships (a county's book) names each once — nothing said."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇", n=2))
    wb = openpyxl.load_workbook(p)
    ws = wb["附件1"]
    head = next(r for r in range(1, 12) if ws.cell(r, 1).value == "序号")
    ws.insert_rows(head + 2)
    for c in range(1, ws.max_column + 1):
        ws.cell(head + 2, c, ws.cell(head + 1, c).value)
    ws.cell(head + 2, 2, "汇龙镇开发区片")
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert [f for f in loaded.findings if f.code.value == "DUPLICATE_FACILITY"] == []


def test_a_finding_on_a_hidden_row_says_the_row_is_hidden(tmp_path: Path) -> None:
    """附件2 with a facility's row hidden (last month's, or filtered out): DISPOSAL_MISSING named B7, where the clerk
    saw nothing (blind audit of WPS workbooks). The row is read (nothing lost) and the finding says it is hidden;
    a finding on a shown row says nothing of it."""
    specs = specs_for("汇龙镇", n=3)
    specs["F3"].rows.pop()
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    row = next(r for r in range(1, 20) if ws.cell(r, 2).value == specs["F2"].rows[2]["name"])
    ws.row_dimensions[row].hidden = True
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    (missing,) = [f for f in loaded.findings if f.code.value == "DISPOSAL_MISSING"]
    assert missing.row == row and f"第{row}行在表中是隐藏的" in missing.message
    assert len(loaded.submissions["汇龙镇"].f2) == 3


def test_hidden_rows_of_an_xls_sheet_are_read_from_its_row_records() -> None:
    import struct

    from yanglao_cli.biff import _from_biff

    def rec(typ: int, body: bytes = b"") -> bytes:
        return struct.pack("<HH", typ, len(body)) + body

    def boundsheet(offset: int, name: str) -> bytes:
        raw = name.encode("utf-16-le")
        return rec(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 1) + raw)

    def row(r: int, flags: int) -> bytes:
        return rec(0x0208, struct.pack("<HHHHHHI", r, 0, 5, 0x118, 0, 0, flags))

    bof = rec(0x0809, struct.pack("<HH", 0x0600, 5) + b"\0" * 12)
    at = len(bof + boundsheet(0, "附件2") + rec(0x000A))
    body = rec(0x0809, struct.pack("<HH", 0x0600, 0x10) + b"\0" * 12) + row(4, 0x100) + row(6, 0x120) + rec(0x000A)
    rows: dict = {}
    assert _from_biff(bof + boundsheet(at, "附件2") + rec(0x000A) + body, rows) == ({}, {})
    assert rows == {"附件2": frozenset({7})}


# ---------------------------------------------------------------- text copied out of a PDF

# the characters a PDF's text layer gives for 老、色、人、日、黄、长 (Kangxi radicals, radical forms): they look the same
_PDF_LOOKALIKES = {"老": "\u2f7c", "色": "\u2f8a", "人": "\u2f08", "日": "\u2f47", "黄": "\u2ee9", "长": "\u2ed3",
                   "龙": "\u2ef0", "心": "\u2f3c"}


def _as_from_pdf(text: str) -> str:
    return "".join(_PDF_LOOKALIKES.get(ch, ch) for ch in text)


def test_a_workbook_typed_over_text_copied_from_a_pdf_reads_as_the_clerk_sees_it(tmp_path: Path) -> None:
    """Headers, levels, the footer and the unit's name pasted from the notice's PDF hold radicals that look like
    老、色、人: the footer 负责⼈ was read as a facility and 橙⾊ as no level (24 errors on a clean workbook)."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0]["level"] = "橙色"
    clean = write(tmp_path / "clean" / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(clean)
    changed = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and _as_from_pdf(c.value) != c.value:
                    c.value = _as_from_pdf(c.value)
                    changed += 1
    pdf = tmp_path / "pdf" / "汇龙镇.xlsx"
    pdf.parent.mkdir()
    wb.save(pdf)
    assert changed > 20 and wb["附件2"]["E5"].value == "橙\u2f8a"
    want = load_file(clean, "汇龙镇.xlsx", default_config(), 2022)
    got = load_file(pdf, "汇龙镇.xlsx", default_config(), 2022)
    assert pairs(got.findings) == pairs(want.findings)
    assert pairs(load([pdf], default_config(), "2022-06")[0].findings) == []
    assert [r.model_dump() for fr in got.forms for r in fr.records] == \
        [r.model_dump() for fr in want.forms for r in fr.records]
    assert [fr.unit for fr in got.forms] == ["汇龙镇"] * 4


def test_a_unit_name_copied_from_a_pdf_into_the_configuration_matches(tmp_path: Path, runner) -> None:
    (tmp_path / "yanglao.toml").write_text('reporting_unit = "启东市民政局"\nunits = ["汇\u2ef0镇", "南阳镇"]\n',
                                           encoding="utf-8")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    code, out = run_json(runner, "check", p, "--config", tmp_path / "yanglao.toml", "--period", "2022-06")
    assert code == 0, out["findings"]
    assert not [f for f in out["findings"] if f["code"] in ("UNIT_UNKNOWN", "UNIT_CONFLICT")]


def test_characters_outside_the_lookalike_blocks_are_kept(tmp_path: Path) -> None:
    """Only the radical and compatibility blocks are read as other characters: a rare name character stays."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0]["name"] = "𠮷祥颐养院"  # U+20BB7, a real character of names
    got = load_file(write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs), "汇龙镇.xlsx", default_config(), 2022)
    f2 = next(fr for fr in got.forms if fr.key == "F2")
    assert f2.records[0].name == "𠮷祥颐养院"


def test_invisible_marks_pasted_from_web_pages_and_pdfs_are_not_read(tmp_path: Path) -> None:
    """A soft hyphen (PDF) or a direction mark (e-mail, web pages) in 15, 是, 橙色: Excel shows the plain value, and
    each was VALUE_INVALID (audit of pasted text)."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    f1, f2, f3 = wb["附件1"], wb["附件2"], wb["附件3"]
    f1["C5"].value = f"{f1['C5'].value}\u200e"
    f2["E5"].value = "\u00ad".join(str(f2["E5"].value))
    f3["D5"].value = f"\u200f{f3['D5'].value}"
    wb.save(p)
    assert pairs(load([p], default_config(), "2022-06")[0].findings) == []


def test_pasted_text_misread_or_still_to_do_is_said_at_its_cell(tmp_path: Path) -> None:
    """From a scan or a work report (audit of pasted text): 6、I3 under 风险隐患点 read as 6 (point 13 lost, exit 0);
    有待通报 / 有待化解 (still to be done) read as 是; 是（2022–06–03） with Word's dashes was CASE_DATE_MISSING."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    f2, f3 = wb["附件2"], wb["附件3"]
    f2["D5"].value = f"{f2['D5'].value}、I3"
    orange = next(r for r in range(5, 8) if str(f2.cell(r, 5).value).startswith("橙"))
    name = f2.cell(orange, 2).value
    row3 = next(r for r in range(5, 8) if f3.cell(r, 2).value == name)
    f3.cell(row3, 4).value = "有待通报"
    f3.cell(row3, 8).value = "是（2022–06–03）"
    f3.cell(row3, 9).value = "有待化解"
    wb.save(p)
    found = load([p], default_config(), "2022-06")[0].findings
    codes = pairs(found)
    assert ("VALUE_INVALID", "附件2!D5") in codes
    assert ("CLUE_NOT_REPORTED", f"附件3!D{row3}") in codes
    assert not [c for c in codes if c[1] in (f"附件3!H{row3}", f"附件3!I{row3}")]
    [invalid] = [f for f in found if f.code.value == "VALUE_INVALID"]
    assert "“I3”中有字母，是不是13" in invalid.message


# ---------------------------------------------------------------- struck through (删除线)

def test_a_facility_struck_through_instead_of_deleted_is_said_once_at_its_name(tmp_path: Path) -> None:
    """A closed facility's row struck through (Ctrl+5) was counted as listed, nothing said (audit of what clerks say
    with Excel's features): VALUE_INVALID at its name, once for the row; the row is still read (nothing lost)."""
    from openpyxl.styles import Font

    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    for ws in (wb["附件2"], wb["附件3"]):
        for c in ws[6]:
            c.font = Font(strike=True)
    wb.save(p)
    loaded = load([p], default_config(), "2022-06")[0]
    assert pairs(loaded.findings) == [("VALUE_INVALID", "附件2!B6"), ("VALUE_INVALID", "附件3!B6")]
    assert all("这一行设了删除线" in f.message for f in loaded.findings)
    assert loaded.rows_read == 1 + 3 + 3 + 1


def test_a_value_struck_through_in_part_reads_as_what_is_left_and_is_said(tmp_path: Path) -> None:
    """~~黄~~橙 (a correction), 6、~~13~~ (a point withdrawn) in rich text: read as the text not struck (it was 黄橙,
    unreadable, and 13 counted: a red facility), the cell said; a whole cell struck is said."""
    from openpyxl.styles import Font

    specs = specs_for("汇龙镇")
    p = write(tmp_path / "src.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    f2 = wb["附件2"]
    orange = next(r for r in range(5, 8) if str(f2.cell(r, 5).value).startswith("橙"))
    f2.cell(orange, 5).value = "黄STRUCK橙"
    points = str(f2.cell(orange, 4).value)
    f2.cell(orange, 4).value = f"{points}、STRUCK13"
    f2.cell(orange, 6).font = Font(strike=True)  # 牵头排查单位 struck whole
    wb.save(p)

    def rich(name: str, data: bytes) -> tuple[str, bytes]:  # the runs as Excel writes them
        text = data.decode() if name.endswith(".xml") else ""
        if "STRUCK" in text:
            for plain, runs in (("黄STRUCK橙", "<r><rPr><strike/></rPr><t>黄</t></r><r><t>橙</t></r>"),
                                (f"{points}、STRUCK13",
                                 f'<r><t>{points}、</t></r><r><rPr><strike/><sz val="11"/></rPr><t>13</t></r>')):
                text = text.replace(f"<t>{plain}</t>", runs)
            data = text.encode()
        return name, data

    q = rezip(p, tmp_path / "in" / "汇龙镇.xlsx", rich)
    loaded = load([q], default_config(), "2022-06")[0]
    found = {(f.code.value, f"{f.sheet}!{f.cell}"): f.message for f in loaded.findings}
    assert sorted(found) == [("VALUE_INVALID", f"附件2!{c}{orange}") for c in "DEF"]
    assert "其中划掉（删除线）的“黄”没有计入，按“橙”读" in found[("VALUE_INVALID", f"附件2!E{orange}")]
    assert f"其中划掉（删除线）的“13”没有计入，按“{points}”读" in found[("VALUE_INVALID", f"附件2!D{orange}")]
    assert "这一格设了删除线" in found[("VALUE_INVALID", f"附件2!F{orange}")]


def test_struck_runs_in_the_shared_strings_are_found_by_the_cells_using_them() -> None:
    """Excel and WPS keep rich text in the shared strings: the struck runs of an item, and the cells holding it."""
    from yanglao_cli import safety

    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>橙</t></si>'
           '<si><r><rPr><strike/></rPr><t>黄</t></r><r><t>橙</t></r></si>'
           '<si><r><rPr><b/></rPr><t>是</t></r></si>'
           '<si><r><rPr><strike val="1"/></rPr><t>王某</t></r></si>'
           '<si><r><rPr><strike val="0"/></rPr><t>否</t></r></si></sst>').encode()
    strings = safety._rich_strings(sst)
    sheet = (b'<worksheet><sheetData><row r="5"><c r="E5" t="s"><v>1</v></c><c r="F5" t="s"><v>0</v></c>'
             b'<c r="G5" s="2" t="s"><v>3</v></c><c r="H5" t="s"><v>4</v></c></row></sheetData></worksheet>')
    assert safety._struck_cells(sheet, frozenset(), strings) == {"E5": ("黄", "橙"), "G5": ("", "")}
    # LibreOffice gives a cell whose first run is struck that run's font, struck: the runs decide (it was said
    # struck whole); a run without properties of its own takes the cell's strike
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           '<si><r><rPr><strike val="true"/></rPr><t>3</t></r><r><rPr><sz val="11"/></rPr><t>、4</t></r></si>'
           '<si><r><rPr><sz val="11"/></rPr><t>1、</t></r><r><t>7</t></r></si>'
           '<si><r><rPr><sz val="11"/></rPr><t>是</t></r></si></sst>').encode()
    sheet = (b'<worksheet><sheetData><row r="5"><c r="F5" s="6" t="s"><v>0</v></c><c r="D5" s="6" t="s"><v>1</v></c>'
             b'<c r="H5" s="6" t="s"><v>2</v></c><c r="J5" s="6" t="n"><v>2</v></c></row></sheetData></worksheet>')
    assert safety._struck_cells(sheet, frozenset({6}), safety._rich_strings(sst)) == {
        "F5": ("3", "4"), "D5": ("7", "1"), "J5": ("", "")}


def test_nothing_struck_through_gives_no_strike_finding(tmp_path: Path) -> None:
    """A workbook whose styles hold a struck font no cell uses, and rich text without strikes: nothing said."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Font

    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    f3 = wb["附件3"]
    f3["G5"].value = CellRichText([TextBlock(InlineFont(b=True), "已约谈"), "，正在整改"])
    f3["K20"].font = Font(strike=True)  # an empty cell struck: nothing to say
    wb.save(p)
    assert pairs(load([p], default_config(), "2022-06")[0].findings) == []


@pytest.mark.parametrize(("merged", "heading"), [(False, "附：上月名单（已化解，仅供参考）"),
                                                 (True, "附：上月名单（已化解，仅供参考）"), (True, "5月份已销号机构"),
                                                 (True, "以下为已化解、不再管控的"), (True, "已退出管控的机构")])
def test_a_heading_of_last_months_list_inside_the_list_ends_it(tmp_path: Path, merged: bool, heading: str) -> None:
    """附：上月名单（已化解，仅供参考） across the list, last month's facilities under it, before the footer: merged, the
    heading was read as a facility named so (nine VALUE_INVALID) and the rows under it counted; unmerged, they were
    counted unsaid (audit of what clerks say with Excel's features). The list ends there, as under the 填报说明; the
    rows below are set aside, said once and counted as read (they went without a word; review)."""
    specs = specs_for("汇龙镇")
    specs["F2"].blank_rows = 0
    specs["F3"].blank_rows = 0
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    for ws in (wb["附件2"], wb["附件3"]):
        r = _footer_row(ws)
        ws.insert_rows(r, 3)
        ws.cell(r, 1, heading)
        if merged:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ws.max_column)
        for k, name in enumerate(("子养老院", "丑养老院"), 1):
            for c, v in enumerate((k, name, "A", "1", "黄") if ws.title == "附件2" else
                                  (k, name, "1", "否", "不涉及", "1、2", "已化解", "否", "是，3"), 1):
                ws.cell(r + k, c, v)
    wb.save(p)
    loaded = load([p], default_config(), "2022-06")[0]
    assert pairs(loaded.findings) == [("SUBMISSION_SUPERSEDED", "附件2!B9"), ("SUBMISSION_SUPERSEDED", "附件3!B9")]
    said = loaded.findings[0].message
    assert said.startswith(f"第8行起“{heading}”下的各行是以往的名单") and "其2行未计入本月" in said
    assert (loaded.rows_read, loaded.rows_superseded) == (1 + 3 + 3 + 1 + 4, 4)
    assert len(loaded.submissions["汇龙镇"].f2) == len(loaded.submissions["汇龙镇"].f3) == 3


_F2_HEAD = ("序号", "养老服务机构及场所名称", "类别", "风险隐患点", "风险隐患等级", "牵头排查单位", "备注")
_F3_HEAD = ("序号", "养老服务机构及场所名称", "风险隐患点", "是否向属地人民政府和政法机关通报线索",
            "属于非法集资的同步纳入属地防范和处置非法集资工作机制", "打击整治措施", "当月处置进展", "是否立案及立案时间",
            "存量风险是否已有效化解")


@pytest.mark.parametrize("heading", ["附：上月名单", "附：上月名单（仅供参考，不计入本月）", "上月名单（备查）",
                                     "5月份已销号机构", "附：5月份名单", "5月份名单", "附：2022年5月风险管控名单",
                                     "以下为上月报送情况", None])
def test_a_past_list_with_its_own_header_under_the_footer_is_a_leftover(tmp_path: Path, heading: str | None) -> None:
    """Under the footer, 附：上月名单 and last month's table with its header printed again: it was read as June's
    list — DUPLICATE_FACILITY for a facility on both, DISPOSAL_MISSING for one on last month's 附件2 only (audit of
    lines that are no facilities). A leftover now, said once (info) and counted as read, not written; without such a
    heading the second table is the same list going on (a page pasted under the first) and is read."""
    specs = specs_for("汇龙镇")
    specs["F2"].blank_rows = 0
    specs["F3"].blank_rows = 0
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    old = specs["F2"].rows[0]["name"]
    for ws, head, row in ((wb["附件2"], _F2_HEAD, (1, "子养老院", "A", "4", "黄", "汇龙镇民政办")),
                          (wb["附件3"], _F3_HEAD, (1, old, "1", "否", "不涉及", "1、2", "已化解", "否", "是，3"))):
        r = _footer_row(ws) + 1
        for rr in range(r, ws.max_row + 1):  # the 填报说明 under the footer goes: the second table is the next thing
            for cell in ws[rr]:
                cell.value = None
        if heading:
            ws.cell(r, 1, heading)
        for c, v in enumerate(head, 1):
            ws.cell(r + 1, c, v)
        for c, v in enumerate(row, 1):
            ws.cell(r + 2, c, v)
    wb.save(p)
    loaded = load([p], default_config(), "2022-06")[0]
    sub = loaded.submissions["汇龙镇"]
    if heading is None:
        assert ("DISPOSAL_MISSING", "附件2!B11") in pairs(loaded.findings)
        assert ("DUPLICATE_FACILITY", "附件3!B11") in pairs(loaded.findings)
        assert (len(sub.f2), len(sub.f3)) == (4, 4)
        return
    assert pairs(loaded.findings) == [("SUBMISSION_SUPERSEDED", "附件2!B11"), ("SUBMISSION_SUPERSEDED", "附件3!B11")]
    said = loaded.findings[0]
    assert said.severity.value == "info" and said.unit == "汇龙镇"
    assert said.message.startswith(f"第10行起“{heading}”下的表是以往的名单") and "其1行未计入本月" in said.message
    assert [r.name for r in sub.f2] == [r["name"] for r in specs["F2"].rows] and len(sub.f3) == 3
    assert (loaded.rows_read, loaded.rows_superseded) == (1 + 3 + 3 + 1 + 2, 2)


@pytest.mark.parametrize("heading", ["新增机构", "本月新增机构", "上月已列入机构", "6月份排查发现的机构",
                                     "原有机构（上月已列入）", "已整改到位的机构", "日间照料中心", "本月新增机构 2家"])
def test_a_section_heading_of_this_list_does_not_end_it(tmp_path: Path, heading: str) -> None:
    """本月新增机构 / 上月已列入机构 merged across the list: a part of this month's list, read on, and no facility (the
    rows under 上月已列入机构 were dropped unsaid, the heading 本月新增机构 read as a facility; review)."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    ws.insert_rows(6)
    ws.cell(6, 1, heading)
    ws.merge_cells(start_row=6, start_column=1, end_row=6, end_column=ws.max_column)
    wb.save(p)
    loaded = load([p], default_config(), "2022-06")[0]
    assert loaded.rows_read == 1 + 3 + 3 + 1 and pairs(loaded.findings) == []


@pytest.mark.parametrize("sheet", ["附件2", "附件3"])
@pytest.mark.parametrize("headings", [("一、本月新增", "二、上月延续"), ("（一）新增机构", "（二）上月延续机构"),
                                      ("一、新增", "二、继续整治"), ("新增机构", "上月延续机构"), ("【新增】", "【延续】")])
def test_section_headings_typed_in_the_name_cell_are_no_facilities(tmp_path: Path, sheet: str,
                                                                   headings: tuple[str, str]) -> None:
    """The list in parts by when each came, the heading typed alone in the name cell, not merged: the second heading
    (or, unnumbered, both) was a facility — VALUE_REQUIRED, DISPOSAL_MISSING/UNLISTED, a row of the consolidated
    list (audit of values). A facility named by a place and a kind of place is still one."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb[sheet]
    ws.insert_rows(7)
    ws.cell(7, 2, headings[1])
    ws.insert_rows(5)
    ws.cell(5, 2, headings[0])
    wb.save(p)
    loaded = load([p], default_config(), "2022-06")[0]
    assert loaded.rows_read == 1 + 3 + 3 + 1 and pairs(loaded.findings) == []
    rows = loaded.submissions["汇龙镇"].f2 if sheet == "附件2" else loaded.submissions["汇龙镇"].f3
    assert [r.row for r in rows] == [6, 7, 9]


@pytest.mark.parametrize("clue", ["有待通报", "有待进一步通报", "有待核实后通报"])
def test_still_to_be_reported_is_not_reported(tmp_path: Path, clue: str) -> None:
    """有待…通报 (still to be reported) under 通报线索 of an orange facility read as 是 when words stood between 有待 and
    通报 (review): CLUE_NOT_REPORTED."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    f2, f3 = wb["附件2"], wb["附件3"]
    orange = next(r for r in range(5, 8) if str(f2.cell(r, 5).value).startswith("橙"))
    row3 = next(r for r in range(5, 8) if f3.cell(r, 2).value == f2.cell(orange, 2).value)
    f3.cell(row3, 4).value = clue
    f3.cell(row3, 9).value = "有待进一步化解"
    wb.save(p)
    assert pairs(load([p], default_config(), "2022-06")[0].findings) == [("CLUE_NOT_REPORTED", f"附件3!D{row3}")]


def test_a_breakdown_under_a_row_is_part_of_it_not_one_more_row(tmp_path: Path) -> None:
    """附件4: 合计 | 1 | 1 | 2 … then 其中：养老机构 | 1 | 0 | 1 …: the breakdown was consolidated as the township's
    figures and its 合计 dropped (TOTAL_ROW_MISMATCH said it, and endorsed the wrong figure; review). 附件1: a town's
    row and 其中：城区 under it were added together. A 其中 row is part of the row above."""
    from yanglao_cli.pipeline import load_file

    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    f4 = wb["附件4"]
    r = next(r for r in range(1, f4.max_row + 1) if isinstance(f4.cell(r, 2).value, int))
    figures = [f4.cell(r, c).value for c in range(2, 12)]
    f4.insert_rows(r + 1)
    f4.cell(r, 1).value = "合计"
    f4.cell(r + 1, 1).value = "其中：养老机构"
    for c in range(2, 12):
        f4.cell(r + 1, c).value = 0
    f1 = wb["附件1"]
    f1.insert_rows(6)
    f1.cell(6, 2).value = "其中：城区"
    for c, v in ((3, 5), (4, 5), (5, 100)):
        f1.cell(6, c).value = v
    wb.save(p)
    got = load_file(p, "汇龙镇.xlsx", default_config(), 2022)
    assert pairs(got.findings) == []
    rec4 = next(fr for fr in got.forms if fr.key == "F4").records
    assert len(rec4) == 1 and [rec4[0].model_dump()[f] for f in ("ongoing", "done", "total")] == figures[:3]
    assert len(next(fr for fr in got.forms if fr.key == "F1").records) == 1


@pytest.mark.parametrize("labels", [("其中：A类", "B类", "C类"), ("其中", "A类", "B类"), ("（其中）养老机构", "含：未登记场所", "C类"),
                                    # numbered parts, with or without 其中 (2.未登记场所 was added after 其中：1.养老机构;
                                    # 1.养老机构 | 2.… under the town's row asked 10 answers of its parts)
                                    ("其中：1.养老机构", "2.社区养老服务机构", "3.未登记场所"),
                                    ("1.养老机构", "2.社区养老服务机构", "3.未登记场所"),
                                    ("（1）养老机构", "（2）社区养老服务机构", "（3）未登记场所"), ("养老机构", "社区", "未登记场所"),
                                    ("1.已登记", "2.未登记", "3.其他"), ("A", "B", "C"), ("城镇", "农村", "其他")])
def test_a_breakdown_over_several_rows_is_not_added(tmp_path: Path, labels: tuple[str, str, str]) -> None:
    """其中：A类 | B类 | C类 under a town's 附件1 row: only the first, saying 其中, was left out — B类 and C类 were added
    to the town's figures (15/14 became 22/20) and asked for answers (audit of the figures going up)."""
    from yanglao_cli.pipeline import load_file

    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    f1 = wb["附件1"]
    f1.insert_rows(6, 3)
    for k, label in enumerate(labels):
        f1.cell(6 + k, 2).value = label
        if label != "其中":
            for c, v in ((3, 2), (4, 2), (5, 100)):
                f1.cell(6 + k, c).value = v
    wb.save(p)
    got = load_file(p, "汇龙镇.xlsx", default_config(), 2022)
    assert pairs(got.findings) == []
    (town,) = next(fr for fr in got.forms if fr.key == "F1").records
    # not added, not lost: kept with the town's row, said one level up (audit of hand-edited workbooks going up)
    kept = town.extra["其中（细分行）"]
    assert all(label in kept for label in labels if label != "其中"), kept


def test_parts_without_a_town_row_are_the_towns_rows(tmp_path: Path) -> None:
    """A 附件1 by kind alone (1.养老机构 | 2.未登记场所, no row naming the town): those are its rows, read and checked,
    not a breakdown of a row above."""
    from yanglao_cli.pipeline import load_file

    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    f1 = wb["附件1"]
    town = next(r for r in range(1, f1.max_row + 1) if f1.cell(r, 2).value == "汇龙镇")
    f1.insert_rows(town + 1)
    for c in range(1, f1.max_column + 1):
        f1.cell(town + 1, c).value = f1.cell(town, c).value
    f1.cell(town, 2).value, f1.cell(town + 1, 2).value = "1.养老机构", "2.未登记场所"
    wb.save(p)
    got = load_file(p, "汇龙镇.xlsx", default_config(), 2022)
    assert len(next(fr for fr in got.forms if fr.key == "F1").records) == 2


def test_counts_by_several_levels_in_one_cell_under_the_list_are_no_facility(tmp_path: Path) -> None:
    """其中：红色0家，橙色2家，黄色0家 under 附件2's 合计: read as a facility (DISPOSAL_MISSING, VALUE_REQUIRED, a phantom
    row and a 绿色或未能定级 note); one level alone (其中橙色名单2家) was already passed over (audit)."""
    p, wb, ws, r = _list_to_its_footer(tmp_path)
    ws.insert_rows(r, 2)
    ws.cell(r, 2, "合计：3家")
    ws.cell(r + 1, 2, "其中：红色0家，橙色2家，黄色1家")
    wb.save(p)
    loaded = load([p], default_config(), "2022-06")[0]
    assert not [f for f in loaded.findings if f.row in (r, r + 1)] and loaded.rows_read == 3


@pytest.mark.parametrize("front", [dt.datetime(2022, 6, 15), 45000, "2022.6.15", "0513-83123456"])
def test_a_number_or_date_in_front_of_the_footers_labels_is_the_footer(tmp_path: Path, runner, front: object) -> None:
    """The 填报人 cell overwritten with a number, or the date moved to the front: the row was a nameless facility
    (VALUE_REQUIRED), and one level up, its 序号 before 负责人：, the footer again — a row lost (mutation testing)."""
    specs = specs_for("汇龙镇")
    specs["F2"].blank_rows = 0
    p = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", [specs["F2"], specs["F3"]])
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    r = _footer_row(ws)
    ws.cell(r, 1).value = front
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f2) == 3
    code, out = run_json(runner, "consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-f", "json",
                         "--period", "2022-06")
    code, again = run_json(runner, "check", out["summary"]["outputs"][0], "-f", "json")
    assert again["summary"]["rows_read"] == out["summary"]["rows_written"]



@pytest.mark.parametrize("with_seq", [False, True])
def test_a_one_row_form_typed_down_a_column_is_said_so_where_it_is(tmp_path: Path, runner, with_seq: bool) -> None:
    """附件1 typed transposed (项目 | 填报情况, one item a row) is not read, and was said to have neither title nor
    header though both were there (audit of layouts): FORM_NOT_FOUND at the first item's cell, saying the columns
    run down a column and how the template lays them out."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件1"
    ws.append(["养老服务诈骗风险隐患排查工作进度表"])
    ws.append(["填报单位（盖章）：海复镇"])
    ws.append(["序号"] * with_seq + ["项目", "填报情况"])
    for n, (k, v) in enumerate([("乡镇", "海复镇"), ("辖区内应当排查的养老服务机构及场所总数（家）", 20),
                                ("已经排查的养老服务机构及场所数量（家）", 20), ("已排查占比（%）", 100)], 1):
        ws.append([n] * with_seq + [k, v])
    ws.append(["填报人：王芳"])
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    col = "B" if with_seq else "A"
    assert code == 1 and [(f["code"], f["sheet"], f["cell"]) for f in data["findings"]] == \
        [("FORM_NOT_FOUND", "附件1", f"{col}4")]
    assert f"附件1的栏目竖着排在 {col} 列" in data["findings"][0]["message"]
    # the title alone, its table gone: said as a title without its header, where the title is
    ws.delete_rows(3, 10)
    wb.save(path)
    _, data = run_json(runner, "check", str(path))
    assert [(f["code"], f["sheet"], f["cell"]) for f in data["findings"]] == [("FORM_NOT_FOUND", "附件1", "A1")]
    assert "有附件1的标题，但找不到它的表头" in data["findings"][0]["message"]


def test_a_titled_form_is_not_said_to_be_another_form_typed_down_a_column(tmp_path: Path, runner) -> None:
    """A 附件3 whose header is not recognised, its 处置进展 column reading 整改中, 已整改, 移送司法机关 (三 of 附件4's
    columns' names): it was said to be 附件4 typed down column E (second review). Its own title is said."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件3"
    for line in (["附件3："], ["养老服务诈骗风险隐患分类处置工作进度表"], ["填报单位（盖章）：汇龙镇"],
                 ["No.", "Facility", "Risk", "Notified", "Progress", "Case"]):
        ws.append(line)
    for i, progress in enumerate(["整改中", "已整改", "移送司法机关", "整改中"], 1):
        ws.append([i, f"汇龙{i}号养老院", "6", "是", progress, "否"])
    path = tmp_path / "汇龙镇.xlsx"
    wb.save(path)
    _, data = run_json(runner, "check", str(path))
    said = [(f["sheet"], f["cell"], f["message"]) for f in data["findings"] if f["code"] == "FORM_NOT_FOUND"]
    assert [(s, c) for s, c, _ in said] == [("附件3", "A2")] and "有附件3的标题，但找不到它的表头" in said[0][2]


def test_a_titled_list_with_an_item_a_column_ticked_is_read_not_taken_for_a_facility_sheet(tmp_path: Path,
                                                                                         runner) -> None:
    """附件2 under its own title with 风险隐患点 as fifteen tick columns (1 … 15 under a merged head, √ in the
    ticked): taken for a 排查表, every unticked cell was VALUE_REQUIRED and the list went unconsolidated (audit of
    layouts). It is 附件2, its points the ticked ones (more in test_tick_columns)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单"])
    ws.append(["填报单位（盖章）：海复镇"])
    ws.append(["序号", "养老服务机构及场所名称", "类别", "风险隐患点"] + [None] * 14 + ["风险隐患等级", "牵头排查单位", "备注"])
    ws.append([None, None, None, *range(1, 16), None, None, None])
    ws.merge_cells("D3:R3")
    for col in "ABC":
        ws.merge_cells(f"{col}3:{col}4")
    ticks = [None] * 15
    ticks[1] = ticks[3] = "√"
    ws.append([1, "海复康乐老年公寓", "A", *ticks, "黄", "海复镇民政办", None])
    ws.append(["填报人：王芳"])
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert code == 0 and data["findings"] == [] and data["summary"]["rows_read"] == 1
    facilities = load_file(path, path.name, default_config(), 2022).forms[0].records
    assert [(r.name, r.points.items) for r in facilities] == [("海复康乐老年公寓", (2, 4))]


@pytest.mark.parametrize("note", ["数据来源：金民工程系统、网格排查", "统计口径：截至2022年6月15日",
                                  "排查时间：2022年6月1日至6月15日", "资料来源:民政办台账"])
@pytest.mark.parametrize(("where", "merge"), [(6, False), (8, True), (8, False)])
def test_a_labelled_note_line_in_or_under_the_list_is_no_facility(tmp_path: Path, note: str, where: int,
                                                                  merge: bool) -> None:
    """数据来源：… / 统计口径：… / 排查时间：… on a line of its own under the list or between its rows, merged across or
    in the name cell: a facility named after the note, VALUE_REQUIRED at its 类别 and 风险隐患点 (audit of layouts)."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    ws.insert_rows(where)
    ws.cell(where, 2, note)
    if merge:
        ws.cell(where, 2).value = None
        ws.cell(where, 1, note)
        ws.merge_cells(start_row=where, start_column=1, end_row=where, end_column=7)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == [] and len(loaded.submissions["汇龙镇"].f2) == 3


def test_a_row_of_letters_that_do_not_number_the_columns_is_still_data(tmp_path: Path) -> None:
    """Letters not in order from A (a facility named A, category B): the row is a facility's, asked as before."""
    specs = specs_for("汇龙镇")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", [specs["F2"], specs["F3"]])
    _insert_row_under_header(p, "附件2", [None, "A", "B", "4", "黄", None, None])
    loaded, _ = load([p], default_config(), "2022-06")
    assert len(loaded.submissions["汇龙镇"].f2) == 4


@pytest.mark.parametrize("said", ["（填报日期：2022年6月25日）", "（2022年6月25日）"])
@pytest.mark.parametrize("footer", [None, "填报日期：2022年6月15日"])
def test_a_date_in_the_titles_bracket_is_the_forms_date(tmp_path: Path, footer: str | None, said: str) -> None:
    """…风险管控名单（填报日期：2022年6月25日） with no 填报日期 below: undated, its lateness never said (audit of
    values) — nor of （2022年6月25日）, the day alone (blind audit of layouts). The title's date; one written below
    comes first."""
    date = _list_titled(tmp_path, said, footer)
    assert date is not None and date.isoformat() == ("2022-06-15" if footer else "2022-06-25")


def _list_titled(tmp_path: Path, said: str, footer: str | None = None) -> dt.date | None:
    """The 填报日期 read of a list whose title ends with `said`, its footer holding `footer` or no date."""
    p, wb, ws, r = _list_to_its_footer(tmp_path)
    title = next(c for row in ws.iter_rows(max_row=3) for c in row if "风险管控名单" in str(c.value or ""))
    title.value = f"{title.value}{said}"
    for c in range(1, 10):
        ws.cell(r, c).value = None
    ws.cell(r, 1, "填报人：张三")
    if footer:
        ws.cell(r, 5, footer)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    return loaded.submissions["汇龙镇"].footers["F2"].date


def test_the_day_the_figures_run_to_in_a_title_is_no_forms_date(tmp_path: Path) -> None:
    """（截至2022年6月25日） says the day the figures run to, not the day the form was filled in."""
    assert _list_titled(tmp_path, "（截至2022年6月25日）") is None


def test_a_missing_column_beside_a_split_header_is_said_once_by_its_whole_header(tmp_path: Path) -> None:
    """附件2 without 风险隐患点, its level headed 风险 over 隐患等级, and the header typed again (风险 隐患等级, one row)
    over two more facilities: COLUMN_MISSING said once, naming 风险隐患等级 — it said 在“风险”列之前插入 at the first
    header and again at the second (blind audit of layouts)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    ws.append(["附件2："])
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单（2022年6月）"])
    ws.merge_cells("A2:F2")
    ws.append(["填报单位（盖章）：汇龙镇"])
    ws.append(["序号", "养老服务机构及场所名称", "类别", "风险", "牵头排查单位", "备注"])
    ws.append([None, None, None, "隐患等级", None, None])
    ws.append([1, "汇龙福寿养老院", "A", "黄", "汇龙镇民政办", None])
    ws.append([2, "汇龙康乐老年公寓", "B", "橙", "汇龙镇民政办", None])
    ws.append(["填报人：张三", None, "负责人：李四", "电话：83123456", "填报日期：", "2022年6月15日"])
    ws.append([])
    ws.append(["序号", "养老服务机构及场所名称", "类别", "风险 隐患等级", "牵头排查单位", "备注"])
    ws.append([3, "汇龙长青养老院", "A", "红", "汇龙镇民政办", None])
    wb.save(tmp_path / "汇龙镇.xlsx")
    loaded, _ = load([tmp_path / "汇龙镇.xlsx"], default_config(), "2022-06")
    missing = [f for f in loaded.findings if f.code.value == "COLUMN_MISSING"]
    assert [(f.cell, "在“风险隐患等级”列之前插入" in f.message) for f in missing] == [("D4", True)]
    assert loaded.rows_read == 3 and not [f for f in loaded.findings if f.code.value == "VALUE_REQUIRED"]


@pytest.mark.parametrize("lows", [["", "", "（家）", "（家）", "（%）"], ["", "", "（家）", "", ""]])
def test_a_unit_completing_the_forms_header_is_its_second_row(lows: list[str]) -> None:
    """附件1's 总数 over （家）: the official header completed, the header's row — not a hint asked of its column."""
    from yanglao_cli import reader
    from yanglao_cli.forms import BY_KEY

    tops = ("序号", "乡镇", "辖区内应当排查的养老服务机构及场所总数", "已经排查的养老服务机构及场所数量", "已排查占比")
    assert reader._continues_header(BY_KEY["F1"], tops, lows)


def _resent(runner, tmp_path: Path, first: list[int], then: list[int], *, whole: bool) -> dict[str, Any]:
    """东海镇's month dated 15 June listing facilities `first` (of four), and again dated 18 June under another name
    listing `then`; with 附件1 and 附件4 in both files (`whole`) or the lists alone."""
    specs = specs_for("东海镇", n=4, date="2022-06-15")
    names = [r["name"] for r in specs["F2"].rows]
    for folder, picked, date in (("0615", first, "2022-06-15"), ("0618", then, "2022-06-18")):
        part = specs_for("东海镇", n=4, date=date)
        part["F2"].rows = [r for r in part["F2"].rows if names.index(r["name"]) in picked]
        part["F3"].rows = [r for r in part["F3"].rows if names.index(r["name"]) in picked]
        forms = part if whole else [part["F2"], part["F3"]]
        write(tmp_path / folder / ("东海镇.xlsx" if folder == "0615" else "东海镇6月报表.xlsx"), "东海镇", forms)
    code, data = run_json(runner, "consolidate", tmp_path, "-o", tmp_path / "out", "--period", "2022-06")
    data["names"] = names
    return data


def test_a_whole_report_sent_again_one_taken_off_two_added_replaces_the_first(tmp_path: Path, runner) -> None:
    """东海镇 sends its four forms again, dated later: one of its two facilities kept, one taken off, two added. The
    README's rule (the later list repeats at least half of the earlier: a correction) held only where the later
    list also was half the earlier's — its 附件1/附件4 replaced the first's while the lists were added up, the kept
    facility DUPLICATE_FACILITY on both forms (audit of the send-back loop)."""
    data = _resent(runner, tmp_path, [0, 1], [0, 2, 3], whole=True)
    codes = {(f["code"], f["sheet"]) for f in data["findings"]}
    assert ("DUPLICATE_FACILITY", "附件2") not in codes and ("SUBMISSION_SUPERSEDED", "附件2") in codes
    wb = openpyxl.load_workbook(next((tmp_path / "out").glob("*.xlsx")), read_only=True)
    listed = [r[1] for r in wb["附件2"].iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)]
    assert sorted(listed) == sorted(data["names"][i] for i in (0, 2, 3))
    gone = next(f["message"] for f in data["findings"] if (f["code"], f["sheet"]) == ("SUBMISSION_SUPERSEDED", "附件2"))
    assert data["names"][1] in gone  # the facility the correction left out is named


def test_lists_sent_alone_adding_more_than_they_repeat_are_parts_of_one_list(tmp_path: Path, runner) -> None:
    """The same two lists without the rest of the report: the later adds two to the one it repeats — another part of
    the list, the repeated facility DUPLICATE_FACILITY (README)."""
    data = _resent(runner, tmp_path, [0, 1], [0, 2, 3], whole=False)
    assert ("DUPLICATE_FACILITY", "附件2") in {(f["code"], f["sheet"]) for f in data["findings"]}


@pytest.mark.parametrize(("name", "replaced"), [("汇龙镇-改", True), ("汇龙镇（改）", True), ("汇龙镇改", True),
                                              ("汇龙镇6月报表2", False)])
def test_a_report_put_right_and_sent_again_the_same_day_under_a_name_saying_so(tmp_path: Path, runner, name: str,
                                                                                replaced: bool) -> None:
    """汇龙镇 puts a level right in its own file (not our copy) and sends it again the same day under a name saying so
    as clerks shorten 修改 (改): its 附件1/附件3/附件4 replaced the first's while the 附件2 lists were added up — each
    facility twice, the error put right still said (audit of the loop). It replaces the whole first file. Under a
    name saying nothing of it, the two lists of one date stay two (README: file times are not to be trusted):
    DUPLICATE_FACILITY, its message saying to take the old one out or name the new one 更正."""
    specs = specs_for("汇龙镇", n=3, seed=2)
    wrong = dict(specs["F2"].rows[0], points="6", level="黄")
    specs["F2"].rows[0] = wrong
    first = write(tmp_path / "a" / "汇龙镇.xlsx", "汇龙镇", specs)
    specs["F2"].rows[0] = dict(wrong, level="橙")
    then = write(tmp_path / "b" / f"{name}.xlsx", "汇龙镇", specs)
    os.utime(first, (1655280000, 1655280000))
    os.utime(then, (1655600000, 1655600000))
    code, data = run_json(runner, "check", tmp_path, "--period", "2022-06")
    codes = {(f["code"], f["sheet"], Path(f["file"]).name) for f in data["findings"]}
    if replaced:
        assert not any(c[0] in ("DUPLICATE_FACILITY", "LEVEL_UNDERRATED") for c in codes)
        assert ("SUBMISSION_SUPERSEDED", "附件2", "汇龙镇.xlsx") in codes
    else:
        duplicate = next(f["message"] for f in data["findings"] if f["code"] == "DUPLICATE_FACILITY")
        assert "更正" in duplicate


@pytest.mark.parametrize("name", ["汇龙镇整改情况", "汇龙镇待改", "改革办报表", "汇龙镇（不用改）", "汇龙镇无须改",
                                  "汇龙镇（退回改）", "汇龙镇（应改）", "汇龙镇待修改", "汇龙镇请更正", "汇龙镇需再修改",
                                  "汇龙镇（退回修改）", "汇龙镇应修改", "汇龙镇不必改"])
def test_words_with_gai_that_say_no_correction(name: str) -> None:
    """整改 (the campaign's own word), 待改, 改革: no correction in a file's name."""
    from yanglao_cli.supersession import _revised

    assert not _revised(name)


def test_a_whole_report_sent_again_keeps_its_cumulative_figures_with_its_later_forms(tmp_path: Path, runner) -> None:
    """汇龙镇 sends its month again whole, 附件1–3 dated a day later, 附件4 put right but dated as before (its 填报时间
    unchanged), the resend's file older (a download's time): 附件1–3 came from the resend and 附件4 from the first
    file by the files' times — the corrected figures lost (audit of the levels; a county's workbook sent again after
    a town's late file lost that town's 附件4 row one level up). The report whose other forms are later is the later
    one; a correction of 附件4 alone, beside nothing to compare, still goes by the files' times."""
    specs = specs_for("汇龙镇", n=2, date="2022-06-15")
    first = write(tmp_path / "a" / "汇龙镇.xlsx", "汇龙镇", specs)
    again = specs_for("汇龙镇", n=2, date="2022-06-16")
    again["F4"].footer_date = "2022-06-15"
    again["F4"].rows[0].update(done=again["F4"].rows[0]["done"] + 5, total=again["F4"].rows[0]["total"] + 5,
                               early=again["F4"].rows[0]["early"] + 5)
    then = write(tmp_path / "b" / "汇龙镇全套.xlsx", "汇龙镇", again)
    os.utime(first, (1_655_600_000, 1_655_600_000))
    os.utime(then, (1_655_300_000, 1_655_300_000))
    code, data = run_json(runner, "check", tmp_path, "--period", "2022-06")
    superseded = {(f["sheet"], Path(f["file"]).name) for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"}
    assert superseded == {(s, "汇龙镇.xlsx") for s in ("附件1", "附件2", "附件3", "附件4")}, superseded
    # 附件4 alone put right, its date as before, sent after the whole workbook: the newer file counts, as before
    fix = specs_for("汇龙镇", n=2, date="2022-06-15")["F4"]
    fix.rows[0].update(done=fix.rows[0]["done"] + 1, total=fix.rows[0]["total"] + 1, early=fix.rows[0]["early"] + 1)
    alone = write(tmp_path / "c" / "汇龙镇附件4.xlsx", "汇龙镇", [fix])
    os.utime(alone, (1_655_700_000, 1_655_700_000))
    code, data = run_json(runner, "check", tmp_path / "a", tmp_path / "c", "--period", "2022-06")
    assert ("附件4", "汇龙镇.xlsx") in {(f["sheet"], Path(f["file"]).name) for f in data["findings"]
                                     if f["code"] == "SUBMISSION_SUPERSEDED"}


def test_parts_of_a_list_in_files_of_one_name_from_two_mails_are_both_counted(tmp_path: Path, runner) -> None:
    """A township's list sent in two parts, each its 附件2/附件3 alone in a file named as the template was
    (第一批/附件2-3.xlsx, 第二批/附件2-3.xlsx): the same file's name from another folder was taken for a resend,
    the first part dropped (review). Lists alone keep the overlap rules: both parts count."""
    specs = specs_for("东海镇", n=6)
    for folder, part in (("第一批", slice(0, 3)), ("第二批", slice(3, 6))):
        piece = specs_for("东海镇", n=6)
        piece["F2"].rows, piece["F3"].rows = specs["F2"].rows[part], specs["F3"].rows[part]
        write(tmp_path / folder / "附件2-3.xlsx", "东海镇", [piece["F2"], piece["F3"]])
    code, data = run_json(runner, "check", tmp_path, "--period", "2022-06")
    assert not [f for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"]
    assert data["summary"]["rows_written"] == 12


def test_f4_sent_alone_after_a_titled_correction_goes_by_the_files_times(tmp_path: Path, runner) -> None:
    """One date: the workbook, its correction with 附件2/附件3 titled （更正）, then 附件4 alone put right (the newest
    file): the titled workbook's 附件4 counted — its titles marked it for a form they do not title, against a file
    holding no other form (review). The lone 附件4 counts, by the files' times."""
    first = write(tmp_path / "a" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    second = write(tmp_path / "b" / "汇龙镇报表.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(second)
    for name in ("附件2", "附件3"):
        wb[name]["A2"] = f"{wb[name]['A2'].value}（更正）"
    wb.save(second)
    fix = specs_for("汇龙镇")["F4"]
    fix.rows[0].update(done=fix.rows[0]["done"] + 7, total=fix.rows[0]["total"] + 7, early=fix.rows[0]["early"] + 7)
    alone = write(tmp_path / "c" / "汇龙镇附件4.xlsx", "汇龙镇", [fix])
    for n, p in enumerate((first, second, alone)):
        os.utime(p, (1_655_300_000 + n * 1000, 1_655_300_000 + n * 1000))
    code, data = run_json(runner, "check", tmp_path, "--period", "2022-06")
    kept = {Path(f["file"]).name for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED" and f["sheet"] == "附件4"}
    assert kept == {"汇龙镇.xlsx", "汇龙镇报表.xlsx"}


def test_a_file_differing_in_one_form_is_not_said_received_twice(tmp_path: Path, runner) -> None:
    """A second file of one date, another name, its 附件3 alone changed: its 附件1/附件2/附件4 were said 内容完全相同
    （同一文件重复收到）, beside its 附件3 lists added up (review). Said 同日后报; only a file alike in every form is the
    same report received twice."""
    specs = specs_for("汇龙镇")
    first = write(tmp_path / "a" / "汇龙镇.xlsx", "汇龙镇", specs)
    specs["F3"].rows[0]["progress"] = "已约谈，限期整改"
    second = write(tmp_path / "b" / "汇龙镇6月报表.xlsx", "汇龙镇", specs)
    os.utime(first, (1_655_300_000, 1_655_300_000))
    os.utime(second, (1_655_400_000, 1_655_400_000))
    code, data = run_json(runner, "check", tmp_path, "--period", "2022-06")
    said = [f["message"] for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"]
    assert said and not any("内容完全相同" in m for m in said), said


def test_a_correction_in_a_folder_saying_so_counts_whole_whatever_its_date(tmp_path: Path, runner) -> None:
    """6月/更正/汇龙镇.xlsx dated a day before 6月/汇龙镇.xlsx (the 填报日期 typed wrong): the original counted by its
    date while the same file named 汇龙镇（更正） counted — the README says a folder so named is as the name (audit of
    supersession). The correction counts whole, its list not added to the original's. (A 更正/ beside dated folders
    is ranked by its date: it replaced later weeks' reports; review.)"""
    specs = specs_for("汇龙镇", n=4, date="2022-06-16")
    write(tmp_path / "6月" / "汇龙镇.xlsx", "汇龙镇", specs)
    fixed = specs_for("汇龙镇", n=4, date="2022-06-15")
    fixed["F2"].rows, fixed["F3"].rows = fixed["F2"].rows[3:], fixed["F3"].rows[3:]
    write(tmp_path / "6月" / "更正" / "汇龙镇.xlsx", "汇龙镇", fixed)
    code, data = run_json(runner, "check", tmp_path, "--period", "2022-06")
    superseded = {(f["sheet"], Path(f["file"]).parent.name) for f in data["findings"]
                  if f["code"] == "SUBMISSION_SUPERSEDED"}
    assert superseded == {(s, "6月") for s in ("附件1", "附件2", "附件3", "附件4")}
    assert not [f for f in data["findings"] if f["code"] == "DUPLICATE_FACILITY"]


@pytest.mark.parametrize(("written", "read_as"), [("东海乡", "东海镇"), ("东海街道", "东海镇"), ("东海工业园", None)])
def test_a_slip_of_the_same_kind_of_place_is_read_as_its_files_unit(tmp_path: Path, written: str,
                                                                     read_as: str | None) -> None:
    """东海乡 or 东海街道 in 东海镇.xlsx: a 乡 become a 镇, a 镇 a 街道 (撤镇设街道) — former names, read as 东海镇 with
    UNIT_UNKNOWN said; they were made places of their own once a 街道 was told from a 市 (reviews). A zone is
    another place."""
    specs = specs_for("东海镇")
    for spec in specs.values():
        spec.unit_line = written
    loaded, _ = load([write(tmp_path / "东海镇.xlsx", "东海镇", specs)], default_config(), "2022-06")
    assert ("东海镇" in loaded.submissions) == (read_as is not None)
    assert {f.code.value for f in loaded.findings} >= {"UNIT_UNKNOWN"}


def test_whole_reports_under_a_template_name_in_two_mails_are_parts_not_a_resend(tmp_path: Path, runner) -> None:
    """Two mails, each 附件1-4.xlsx (the template's name) holding all four forms, the list split between them: the
    same name from another folder was taken for a resend of the whole report, the first part's facilities dropped
    (review). A name that does not name the township says nothing of a resend: both parts count."""
    specs = specs_for("东海镇", n=6)
    for folder, part in (("邮件1", slice(0, 3)), ("邮件2", slice(3, 6))):
        piece = specs_for("东海镇", n=6)
        piece["F2"].rows, piece["F3"].rows = specs["F2"].rows[part], specs["F3"].rows[part]
        write(tmp_path / folder / "附件1-4.xlsx", "东海镇", piece)
    code, data = run_json(runner, "check", tmp_path, "--period", "2022-06")
    assert {f["sheet"] for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"} == {"附件1", "附件4"}
    assert not [f for f in data["findings"] if f["code"] == "DUPLICATE_FACILITY"]


def test_a_correction_folder_of_an_earlier_week_does_not_replace_a_later_week(tmp_path: Path, runner) -> None:
    """0608/更正/汇龙镇附件4.xlsx (week 1's correction) replaced 0615/汇龙镇附件4.xlsx (week 2): a folder saying 更正
    was taken as the later week's correction whatever its date (review). Only beside its original's folder."""
    for folder, date, done in (("0608", "2022-06-08", 0), ("0608/更正", "2022-06-08", 1), ("更正", "2022-06-08", 2),
                               ("0615", "2022-06-15", 4)):
        f4 = specs_for("汇龙镇", date=date)["F4"]
        f4.rows[0].update(ongoing=0, done=done, total=done, early=done, obvious=0, referred=0)
        write(tmp_path / folder / "汇龙镇附件4.xlsx", "汇龙镇", [f4])
    code, data = run_json(runner, "check", tmp_path, "--period", "2022-06")
    replaced = [f["file"].replace(os.sep, "/") for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"]
    assert len(replaced) == 3 and not any("/0615/" in p for p in replaced), replaced


def test_a_title_on_f4_alone_does_not_make_new_facilities_replace_the_list(tmp_path: Path, runner) -> None:
    """东海镇附件4及新增机构.xlsx: its 附件4 titled （更正）, its lists two facilities added: the whole list was taken
    for corrected, the four listed first dropped (review). A list is corrected by its own title, or by its overlap."""
    first = specs_for("东海镇", n=6, date="2022-06-15")
    first["F2"].rows, first["F3"].rows = first["F2"].rows[:4], first["F3"].rows[:4]
    write(tmp_path / "东海镇6月报表.xlsx", "东海镇", first)
    more = specs_for("东海镇", n=6, date="2022-06-16")
    more["F2"].rows, more["F3"].rows = more["F2"].rows[4:], more["F3"].rows[4:]
    p = write(tmp_path / "东海镇附件4及新增机构.xlsx", "东海镇", [more["F2"], more["F3"], more["F4"]])
    wb = openpyxl.load_workbook(p)
    wb["附件4"]["A2"] = f"{wb['附件4']['A2'].value}（更正）"
    wb.save(p)
    code, data = run_json(runner, "check", tmp_path, "--period", "2022-06")
    assert {f["sheet"] for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"} == {"附件4"}
    assert data["summary"]["rows_written"] == 1 + 6 + 6 + 1


def test_a_template_name_is_no_name_of_a_township_named_like_it(tmp_path: Path, runner) -> None:
    """新建镇's list in two mails, each 新建 Microsoft Excel 工作表.xlsx with all four forms: 新建 in Excel's own name
    was taken for the township's, the files for a resend, the first part's facilities dropped (review)."""
    conf = tmp_path / "yanglao.toml"
    conf.write_text('reporting_unit = "测试县民政局"\nunits = ["新建镇", "东风镇"]\n', encoding="utf-8")
    specs = specs_for("新建镇", n=6)
    for folder, part in (("邮件1", slice(0, 3)), ("邮件2", slice(3, 6))):
        piece = specs_for("新建镇", n=6)
        piece["F2"].rows, piece["F3"].rows = specs["F2"].rows[part], specs["F3"].rows[part]
        write(tmp_path / "in" / folder / "新建 Microsoft Excel 工作表.xlsx", "新建镇", piece)
    code, data = run_json(runner, "check", tmp_path / "in", "--period", "2022-06", "--config", conf)
    assert {f["sheet"] for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"} == {"附件1", "附件4"}


@pytest.mark.parametrize("folders", [("a", "b", "c"), ("c", "a", "b"), ("b", "c", "a")])
def test_a_titled_correction_counts_whole_whatever_the_folders_are_named(tmp_path: Path, runner,
                                                                         folders: tuple[str, ...]) -> None:
    """One date: a workbook titled （更正） (the oldest file), 附件4 sent alone, and the original downloaded again (the
    newest): compared pair by pair the three went round in a circle, and which forms came from which file hung on the
    folders' names — 附件1–3 from the correction, 附件4 from the original it corrects (review). The correction counts
    for every form, in every order."""
    titled = write(tmp_path / folders[0] / "北新镇.xlsx", "北新镇", specs_for("北新镇"))
    wb = openpyxl.load_workbook(titled)
    for name in ("附件1", "附件2", "附件3", "附件4"):
        wb[name]["A2"] = f"{wb[name]['A2'].value}（更正）"
    wb.save(titled)
    alone = write(tmp_path / folders[1] / "北新镇附件4.xlsx", "北新镇", [specs_for("北新镇")["F4"]])
    original = write(tmp_path / folders[2] / "北新镇6月报表.xlsx", "北新镇", specs_for("北新镇"))
    for n, p in enumerate((titled, alone, original)):
        os.utime(p, (1_655_300_000 + n * 1000, 1_655_300_000 + n * 1000))
    code, data = run_json(runner, "check", tmp_path, "--period", "2022-06")
    kept = {f["sheet"]: Path(f["file"]).name for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"}
    superseded = [Path(f["file"]).name for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"]
    assert "北新镇.xlsx" not in superseded and kept, kept


@pytest.mark.parametrize("name", ["北新镇6月报表（再修改）", "北新镇6月报表再更正", "汇龙镇已改", "汇龙镇（退回修改后）",
                                  "汇龙镇退回修改版", "汇龙镇（退回重报）", "汇龙镇已相应修改", "汇龙镇（退回修改）终稿",
                                  "汇龙镇（对应修改）", "汇龙镇（修正）", "汇龙镇〔更正〕", "汇龙镇（已修改）"])
def test_words_saying_a_correction_was_made(name: str) -> None:
    """再修改 is a second correction, 退回修改后 / 退回重报 / 已相应修改 the correction made after the return — not one to
    come (they were left out with 再, 回, 应 among the words saying so; reviews), and the name without them is the
    original's."""
    from yanglao_cli.supersession import _corrects, _revised

    assert _revised(name) and _corrects(f"{name}.xlsx", "北新镇6月报表.xlsx" if name.startswith("北新") else "汇龙镇.xlsx")


def test_last_months_report_left_in_the_inbox_does_not_rank_this_months(tmp_path: Path, runner) -> None:
    """June's workbook, then June's 附件4 alone put right (the newer file), and May's report saved last: June's
    workbook, its other forms dated after May's, was ranked after May's file by time and so after the lone 附件4 —
    its old figures counted (review). A report of another date is no report this one replaces."""
    june = write(tmp_path / "a" / "北新镇6月报表.xlsx", "北新镇", specs_for("北新镇", date="2022-06-15"))
    fix = specs_for("北新镇", date="2022-06-15")["F4"]
    fix.rows[0].update(done=fix.rows[0]["done"] + 7, total=fix.rows[0]["total"] + 7, early=fix.rows[0]["early"] + 7)
    alone = write(tmp_path / "b" / "北新镇附件4.xlsx", "北新镇", [fix])
    may = write(tmp_path / "z" / "北新镇5月.xlsx", "北新镇", specs_for("北新镇", date="2022-05-16"))
    for n, p in enumerate((june, alone, may)):
        os.utime(p, (1_655_300_000 + n * 1000, 1_655_300_000 + n * 1000))
    code, data = run_json(runner, "check", tmp_path, "--period", "2022-06")
    replaced = {Path(f["file"]).name for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED" and f["sheet"] == "附件4"}
    assert replaced == {"北新镇6月报表.xlsx", "北新镇5月.xlsx"}


@pytest.mark.parametrize("folders", [("a", "b"), ("b", "a")])
def test_of_two_titled_corrections_of_one_original_the_later_counts(tmp_path: Path, runner,
                                                                    folders: tuple[str, str]) -> None:
    """One date: the original downloaded again last, and two corrections titled （更正）: both were ranked just after
    the original alike, and the folders' names chose between them (review). The later correction counts."""
    made = []
    for n, (folder, name) in enumerate(zip(folders, ("北新镇6月报表.xlsx", "北新镇报表.xlsx"), strict=True)):
        specs = specs_for("北新镇")
        specs["F4"].rows[0].update(done=specs["F4"].rows[0]["done"] + n + 1, total=specs["F4"].rows[0]["total"] + n + 1,
                                   early=specs["F4"].rows[0]["early"] + n + 1)  # (two corrections, not one file twice)
        p = write(tmp_path / folder / name, "北新镇", specs)
        wb = openpyxl.load_workbook(p)
        for sheet in ("附件1", "附件2", "附件3", "附件4"):
            wb[sheet]["A2"] = f"{wb[sheet]['A2'].value}（更正）"
        wb.save(p)
        made.append(p)
    original = write(tmp_path / "z" / "北新镇.xlsx", "北新镇", specs_for("北新镇"))
    for n, p in enumerate((*made, original)):
        os.utime(p, (1_655_300_000 + n * 1000, 1_655_300_000 + n * 1000))
    code, data = run_json(runner, "check", tmp_path, "--period", "2022-06")
    replaced = {Path(f["file"]).name for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED" and f["sheet"] == "附件4"}
    assert replaced == {"北新镇6月报表.xlsx", "北新镇.xlsx"}, replaced


@pytest.mark.parametrize("name", ["汇龙镇（退回修改）", "汇龙镇应修改", "汇龙镇需再修改"])
def test_a_correction_asked_for_is_neither_a_correction_nor_the_version_before_one(name: str) -> None:
    """退回修改, 应修改: a correction asked for — not one made, nor the version before one (ranked below any other
    report whatever its time, it beat nothing; as 0 it lost to every file beside it, its correction words elsewhere in
    the name (终稿, v2) ignored; review)."""
    from yanglao_cli.supersession import _version

    assert _version(name) == 1 and _version(f"{name}终稿") == 2
