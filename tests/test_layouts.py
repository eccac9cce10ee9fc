"""Sheets laid out otherwise than the template: two lists stacked on one sheet, rows below 填报说明, an empty list
of this period beside last period's, forms side by side (blind audit of layouts, 2026-12-03)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import openpyxl
import pytest

from .conftest import run, run_json, specs_for, write

F2_HEAD = ("序号", "养老服务机构及场所名称", "类别", "风险隐患点", "风险隐患等级", "牵头排查单位", "备注")
F3_HEAD = ("序号", "养老服务机构及场所名称", "风险隐患点", "是否向属地人民政府和政法机关通报线索",
           "属于非法集资的同步纳入属地防范和处置非法集资工作机制", "打击整治措施", "当月处置进展", "是否立案及立案时间",
           "存量风险是否已有效化解")


def _f2_block(ws, names: list[str], month: str, date: str, unit: str = "汇龙镇") -> None:
    """One 附件2 as the template lays it out, appended below what the sheet holds."""
    ws.append(["附件2："])
    ws.append([f"养老服务诈骗风险隐患“红橙黄”风险管控名单（{month}）"])
    ws.append([f"填报单位（盖章）：{unit}"])
    ws.append(F2_HEAD)
    for n, name in enumerate(names, 1):
        ws.append([n, name] if name == "无" else [n, name, "A", "1、2", "黄", f"{unit}民政办", None])
    ws.append([f"填报人：张三  填报日期：{date}"])


def _f3_sheet(wb, names: list[str], month: str = "2022年6月", unit: str = "汇龙镇") -> None:
    ws = wb.create_sheet("附件3")
    ws.append([f"养老服务诈骗风险隐患分类处置工作进度表（{month}）"])
    ws.append([f"填报单位（盖章）：{unit}"])
    ws.append(F3_HEAD)
    for n, name in enumerate(names, 1):
        ws.append([n, name] if name == "无" else [n, name, "1、2", "否", "不涉及", "1、2", "已风险提示", "否", "否"])
    ws.append(["填报人：张三  负责人：李四  电话：13800000000  填报日期：2022年6月15日"])


def _consolidated(tmp_path: Path, runner, wb) -> dict:
    """`wb` saved as 汇龙镇's workbook in an inbox of its own, consolidated for June into tmp_path/out."""
    (tmp_path / "in").mkdir(parents=True)
    wb.save(tmp_path / "in" / "汇龙镇.xlsx")
    return run_json(runner, "consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--period", "2022-06")[1]


def _listed(out: Path, sheet: str = "附件2") -> list[str]:
    ws = openpyxl.load_workbook(out / "启东市民政局_2022-06_汇总.xlsx")[sheet]
    return [r[1] for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int) and r[1]]


@pytest.mark.parametrize("first_date", ["2022年6月10日", "2022年6月15日"])
def test_a_corrected_list_below_the_first_on_one_sheet_replaces_it(tmp_path: Path, runner, first_date: str) -> None:
    """A clerk pastes the corrected 附件2 (15 June, five facilities) under the first one (10 June, three): the
    corrected one counts, the first is SUBMISSION_SUPERSEDED at its own first row — both lists had disappeared,
    the winner taken for the loser's sheet, and 汇龙镇 was reported not to have sent 附件2. The same when the first
    carries the same date (the lower one is the later: it was DUPLICATE_FACILITY, 请合并为一行; review)."""
    five = ["甲养老院", "乙养老院", "丙养老院", "丁养老院", "戊养老院"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    _f2_block(ws, five[:3], "2022年6月", first_date)
    _f2_block(ws, five, "2022年6月", "2022年6月15日")
    _f3_sheet(wb, five)
    data = _consolidated(tmp_path, runner, wb)
    assert sorted(_listed(tmp_path / "out")) == sorted(five)
    superseded = [(f["sheet"], f["cell"]) for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"]
    assert superseded == [("附件2", "B5")]
    assert "附件2（B13起）" in next(f["message"] for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED")
    s = data["summary"]
    assert (s["rows_read"], s["rows_written"], s["rows_unreadable"]) == (13, 10, 3)
    assert not any(f["code"] == "SUBMISSION_MISSING" and "附件2" in f["message"] and f["unit"] == "汇龙镇"
                   for f in data["findings"])


def test_last_months_list_kept_below_this_months_on_one_sheet_is_left_out(tmp_path: Path, runner) -> None:
    """June's list on top, May's kept below it on the same sheet: June's three count, May's five are superseded."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    june = ["甲养老院", "乙养老院", "丙养老院"]
    _f2_block(ws, june, "2022年6月", "2022年6月15日")
    _f2_block(ws, ["子养老院", "丑养老院", "寅养老院", "卯养老院", "辰养老院"], "2022年5月", "2022年5月15日")
    _f3_sheet(wb, june)
    data = _consolidated(tmp_path, runner, wb)
    assert _listed(tmp_path / "out") == june
    assert [(f["sheet"], f["cell"]) for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"] == \
        [("附件2", "B13")]
    s = data["summary"]
    assert (s["rows_read"], s["rows_written"], s["rows_unreadable"]) == (11, 6, 5)


def test_this_months_empty_list_replaces_last_months_list(tmp_path: Path, runner) -> None:
    """May's report (five facilities) and June's saying 无 in one inbox: June's has no list, so nothing is
    consolidated and May's lists are SUBMISSION_SUPERSEDED — May's five had been consolidated as June's, with five
    DISPOSAL_MISSING, because only a list with rows could replace another. The same with both months on two
    sheets of one workbook."""
    may = ["甲养老院", "乙养老院", "丙养老院", "丁养老院", "戊养老院"]
    (tmp_path / "in").mkdir()
    for name, month, date, names in (("汇龙镇_2022年5月.xlsx", "2022年5月", "2022年5月15日", may),
                                     ("汇龙镇_2022年6月.xlsx", "2022年6月", "2022年6月15日", ["无"])):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "附件2"
        _f2_block(ws, names, month, date)
        _f3_sheet(wb, names, month)
        wb["附件3"].cell(wb["附件3"].max_row, 1).value = f"填报人：张三  填报日期：{date}"
        wb.save(tmp_path / "in" / name)
    code, data = run_json(runner, "consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--period",
                          "2022-06")
    assert _listed(tmp_path / "out") == [] and _listed(tmp_path / "out", "附件3") == []
    superseded = sorted((Path(f["file"]).name, f["sheet"], f["cell"]) for f in data["findings"]
                        if f["code"] == "SUBMISSION_SUPERSEDED")
    assert superseded == [("汇龙镇_2022年5月.xlsx", "附件2", "B5"), ("汇龙镇_2022年5月.xlsx", "附件3", "B4")]
    assert all("本期没有名单" in f["message"] for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED")
    assert not [f for f in data["findings"] if f["code"] in ("DISPOSAL_MISSING", "DISPOSAL_UNLISTED")]
    s = data["summary"]
    assert s["rows_read"] == s["rows_written"] + s["rows_unreadable"] and s["rows_written"] == 0
    # one workbook, a sheet a month
    wb = openpyxl.Workbook()
    wb.active.title = "5月"
    _f2_block(wb["5月"], may, "2022年5月", "2022年5月15日")
    _f2_block(wb.create_sheet("6月"), ["无"], "2022年6月", "2022年6月15日")
    wb.save(tmp_path / "one.xlsx")
    code, data = run_json(runner, "consolidate", str(tmp_path / "one.xlsx"), "-o", str(tmp_path / "out2"),
                          "--period", "2022-06")
    assert _listed(tmp_path / "out2") == []
    assert [(f["sheet"], f["cell"]) for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"] == [("5月", "B5")]


def test_facilities_under_a_two_line_fill_note_are_read(tmp_path: Path, runner) -> None:
    """Footer, two lines of 填报说明, then two more facilities: they were lost from 附件2 and DISPOSAL_UNLISTED told
    the clerk they were not on it."""
    five = ["甲养老院", "乙养老院", "丙养老院", "丁养老院", "戊养老院"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    _f2_block(ws, five[:3], "2022年6月", "2022年6月15日")
    ws.append(["填报说明：1.类别填A、B、C。"])
    ws.append(["2.风险隐患点填编号。"])
    for n, name in enumerate(five[3:], 4):
        ws.append([n, name, "A", "1、2", "黄", "汇龙镇民政办", None])
    _f3_sheet(wb, five)
    data = _consolidated(tmp_path, runner, wb)
    assert _listed(tmp_path / "out") == five
    assert not [f for f in data["findings"] if f["code"] in ("DISPOSAL_UNLISTED", "VALUE_INVALID")]
    assert data["summary"]["rows_read"] == data["summary"]["rows_written"] == 10


def test_page_marks_in_the_name_column_are_not_facilities(tmp_path: Path, runner) -> None:
    """A printed form's pages joined: 第 1 页，共 2 页 and （此页无正文） in the name column were facilities with
    DISPOSAL_MISSING and VALUE_REQUIRED."""
    five = ["甲养老院", "乙养老院", "丙养老院", "丁养老院", "戊养老院"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    _f2_block(ws, five, "2022年6月", "2022年6月15日")
    ws.insert_rows(8)
    ws["B8"] = "第 1 页，共 2 页"
    ws.insert_rows(9)
    ws["A9"], ws["B9"] = 4, "（此页无正文）"
    _f3_sheet(wb, five)
    (tmp_path / "in").mkdir()
    wb.save(tmp_path / "in" / "汇龙镇.xlsx")
    code, data = run_json(runner, "check", str(tmp_path / "in"), "--period", "2022-06")
    assert [f for f in data["findings"] if f["sheet"] == "附件2"] == []
    assert data["summary"]["rows_read"] == 10


def _beside(ws, left: list[list], right: list[list], col: int, down: int = 0) -> None:
    """`left` rows from A1, `right` rows from column `col` (1-based), `down` rows lower."""
    for r, row in enumerate(left, 1):
        for c, v in enumerate(row, 1):
            ws.cell(r, c, v)
    for r, row in enumerate(right, 1 + down):
        for c, v in enumerate(row, col):
            ws.cell(r, c, v)


def _f2_rows(names: list[str]) -> list[list]:
    return [["附件2："], ["养老服务诈骗风险隐患“红橙黄”风险管控名单（2022年6月）"], ["填报单位（盖章）：汇龙镇"], list(F2_HEAD),
            *([n, name, "A", "1、2", "黄", "汇龙镇民政办"] for n, name in enumerate(names, 1)),
            ["填报人：张三  填报日期：2022年6月15日"]]


def _f3_rows(names: list[str]) -> list[list]:
    return [["附件3："], ["养老服务诈骗风险隐患分类处置工作进度表（2022年6月）"], ["填报单位（盖章）：汇龙镇"], list(F3_HEAD),
            *([n, name, "1、2", "否", "不涉及", "1、2", "已风险提示", "否", "否"] for n, name in enumerate(names, 1)),
            ["填报人：张三  填报日期：2022年6月15日"]]


@pytest.mark.parametrize("down", [0, 3])
def test_forms_side_by_side_on_one_sheet_are_read_each_as_itself(tmp_path: Path, runner, down: int) -> None:
    """附件2 in A:G and 附件3 from J (printed on one landscape page), level or three rows lower: the sheet was read as
    one form — 附件2 lost, 附件3 taking 附件2's names and points beside its own measures, findings naming the wrong
    facility (blind audit of layouts). Each is read by itself now, its findings at its own cells."""
    f2, f3 = ["甲养老院", "乙养老院", "丙养老院"], ["丙养老院", "甲养老院", "乙养老院"]
    wb = openpyxl.Workbook()
    _beside(wb.active, _f2_rows(f2), _f3_rows(f3), 10, down)
    wb.active.cell(6 + down, 15, "1")  # 乙养老院's measures on 附件3 (O): 1 only — MEASURE_MISSING at its cell
    data = _consolidated(tmp_path, runner, wb)
    assert _listed(tmp_path / "out") == f2 and sorted(_listed(tmp_path / "out", "附件3")) == sorted(f3)
    assert [(f["code"], f["cell"], f["facility"]) for f in data["findings"] if f["unit"] == "汇龙镇"
            and f["code"] != "SUBMISSION_MISSING"] == [("MEASURE_MISSING", f"O{6 + down}", "甲养老院")]
    assert data["summary"]["rows_read"] == data["summary"]["rows_written"] == 6


def test_a_sheet_named_as_the_corrected_copy_replaces_the_first(tmp_path: Path, runner) -> None:
    """附件2 and its copy 附件2（修改） (the clerk corrected a copy of the sheet), one date: both were consolidated,
    each facility twice with DUPLICATE_FACILITY. The copy named as a correction counts; a copy continuing the list
    (附件2 (2) with other facilities) still adds up."""
    five = ["甲养老院", "乙养老院", "丙养老院", "丁养老院", "戊养老院"]
    for copy, names, listed in (("附件2（修改）", five, five), ("附件2 (2)", ["己养老院", "庚养老院"], five + ["己养老院", "庚养老院"])):
        wb = openpyxl.Workbook()
        wb.active.title = "附件2"
        _f2_block(wb["附件2"], five, "2022年6月", "2022年6月15日")
        _f2_block(wb.create_sheet(copy), names, "2022年6月", "2022年6月15日")
        _f3_sheet(wb, listed)
        folder = tmp_path / copy
        folder.mkdir()
        wb.save(folder / "汇龙镇.xlsx")
        code, data = run_json(runner, "consolidate", str(folder), "-o", str(tmp_path / f"out{len(names)}"), "--period",
                              "2022-06")
        assert sorted(_listed(tmp_path / f"out{len(names)}")) == sorted(listed), copy
        assert not [f for f in data["findings"] if f["code"] == "DUPLICATE_FACILITY"]
        superseded = [(f["sheet"], f["cell"]) for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"]
        assert superseded == ([("附件2", "B5")] if names == five else [])


def _under_the_notes(tmp_path: Path, runner, heading: str, names: list[str]) -> Path:
    """The template's 附件2 with one facility, and under its 填报说明 a heading line and `names` as rows."""
    path = tmp_path / "in" / "汇龙镇.xlsx"
    path.parent.mkdir()
    run(runner, "template", "--unit", "汇龙镇", "--period", "2022-06", "-o", str(path))
    wb = openpyxl.load_workbook(path)
    ws = wb["附件2"]
    ws["B5"], ws["C5"], ws["D5"], ws["E5"] = "甲养老院", "A", "1、2", "黄"
    below = ws.max_row + 2
    ws.cell(below, 1, heading)
    for k, name in enumerate(names, 1):
        for c, v in enumerate((k, name, "A", "1", "黄"), 1):
            ws.cell(below + k, c, v)
    wb.save(path)
    return path


@pytest.mark.parametrize("heading", ["附：上月名单（备查）", "备查：上月名单", "5月份已销号机构"])
def test_another_list_under_the_fill_notes_is_not_this_list(tmp_path: Path, runner, heading: str) -> None:
    """Under the template's 填报说明, a heading naming another list and two of last month's facilities: not June's
    facilities (a heading with a colon was taken for a line of the notes; review)."""
    path = _under_the_notes(tmp_path, runner, heading, ["子养老院"])
    code, data = run_json(runner, "check", str(path), "--period", "2022-06")
    assert data["summary"]["rows_read"] == 1
    assert not [f for f in data["findings"] if "子养老院" in f["message"]]


def test_a_blank_template_sent_back_replaces_no_list(tmp_path: Path, runner) -> None:
    """May's list sent late beside the untouched template (its title states June): the template is no report of
    an empty list — May's rows stay, marked as another period's (review)."""
    (tmp_path / "in").mkdir()
    wb = openpyxl.Workbook()
    wb.active.title = "附件2"
    _f2_block(wb["附件2"], ["子养老院", "丑养老院"], "2022年5月", "2022年6月3日")
    wb.save(tmp_path / "in" / "汇龙镇_5月.xlsx")
    run(runner, "template", "--unit", "汇龙镇", "--period", "2022-06", "-o", str(tmp_path / "in" / "模板.xlsx"))
    code, data = run_json(runner, "consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--period",
                          "2022-06")
    assert data["summary"]["rows_written"] == 2
    assert not [f for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"]


def test_review_of_sheet_copies_and_stacked_lists(tmp_path: Path, runner) -> None:
    """A sheet named 附件2（修改前） does not replace 附件2 (both kept: DUPLICATE_FACILITY; it replaced the corrected
    list)."""
    five = ["甲养老院", "乙养老院", "丙养老院", "丁养老院", "戊养老院"]
    wb = openpyxl.Workbook()
    wb.active.title = "附件2"
    _f2_block(wb["附件2"], five, "2022年6月", "2022年6月15日")
    _f2_block(wb.create_sheet("附件2（修改前）"), five[:4], "2022年6月", "2022年6月15日")
    _f3_sheet(wb, five)
    (tmp_path / "a").mkdir()
    wb.save(tmp_path / "a" / "汇龙镇.xlsx")
    code, data = run_json(runner, "check", str(tmp_path / "a"), "--period", "2022-06")
    assert sum(f["code"] == "DUPLICATE_FACILITY" for f in data["findings"]) == 4
    assert not [f for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"]


def test_a_heading_saying_the_list_goes_on_under_the_notes_does_not_end_it(tmp_path: Path, runner) -> None:
    path = _under_the_notes(tmp_path, runner, "以下为模板行不够续填的机构", ["子养老院", "丑养老院"])
    code, data = run_json(runner, "check", str(path), "--period", "2022-06")
    assert data["summary"]["rows_read"] == 3


# ---- the fourth review's counterexamples ----------------------------------------------------------------------

def test_a_list_running_on_to_a_second_page_keeps_every_facility(tmp_path: Path, runner) -> None:
    """Page 1 (康乐1–4), 第1页，共2页, the header again and page 2 carrying 康乐3–4 over with 康乐5–6, one footer: the
    two blocks share that footer, so they are one list (康乐1 and 康乐2 were dropped as a superseded page)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单（2022年6月）"])
    ws.append(["填报单位（盖章）：汇龙镇"])
    for page in ((1, 2, 3, 4), (3, 4, 5, 6)):
        ws.append(list(F2_HEAD))
        for n in page:
            ws.append([n, f"康乐{n}养老院", "A", "1、2", "黄", "汇龙镇民政办"])
        if page[0] == 1:
            ws.append([None, "第1页，共2页"])
    ws.append(["填报人：张三  填报日期：2022年6月15日"])
    (tmp_path / "in").mkdir()
    wb.save(tmp_path / "in" / "汇龙镇.xlsx")
    code, data = run_json(runner, "check", str(tmp_path / "in"), "--period", "2022-06")
    assert data["summary"]["rows_read"] == 8 and data["summary"]["rows_unreadable"] == 0
    assert sum(f["code"] == "DUPLICATE_FACILITY" for f in data["findings"]) == 2


def test_a_reference_list_beside_a_form_is_no_form(tmp_path: Path, runner) -> None:
    """附件3 in A:I and, past an empty column, the 附件2 list pasted for reference (序号 | 名称 | 风险隐患点 | 等级): it
    was split off as an 附件2 of its own (COLUMN_MISSING, DUPLICATE_FACILITY); it stays extra columns."""
    names = ["甲养老院", "乙养老院", "丙养老院"]
    wb = openpyxl.Workbook()
    wb.active.title = "附件2"
    _f2_block(wb["附件2"], names, "2022年6月", "2022年6月15日")
    _f3_sheet(wb, names)
    reference = [["（对照附件2）"], [], ["序号", "养老服务机构及场所名称", "风险隐患点", "风险隐患等级"],
                 *([n, name, "1、2", "黄"] for n, name in enumerate(names, 1))]
    for r, row in enumerate(reference, 1):
        for c, v in enumerate(row, 11):
            wb["附件3"].cell(r, c, v)
    (tmp_path / "in").mkdir()
    wb.save(tmp_path / "in" / "汇龙镇.xlsx")
    code, data = run_json(runner, "check", str(tmp_path / "in"), "--period", "2022-06")
    assert data["summary"]["errors"] == 0 and data["summary"]["rows_read"] == 6


@pytest.mark.parametrize("heading", ["以下为已化解、不再管控的", "已退出（仅供参考）", None])
def test_other_rows_under_the_notes_are_not_this_list(tmp_path: Path, runner, heading: str | None) -> None:
    """Under the notes: last month's resolved facilities under their heading, or a small table of contacts
    (序号 | 联系人 | 联系电话 | 职务): neither is this month's list (review)."""
    if heading:
        path = _under_the_notes(tmp_path, runner, heading, ["子养老院", "丑养老院"])
    else:
        path = _under_the_notes(tmp_path, runner, "联系方式", [])
        wb = openpyxl.load_workbook(path)
        ws = wb["附件2"]
        below = ws.max_row + 1
        for r, row in enumerate((["序号", "联系人", "联系电话", "职务"], [1, "张三", "13800000000", "民政办主任"])):
            for c, v in enumerate(row, 1):
                ws.cell(below + r, c, v)
        wb.save(path)
    code, data = run_json(runner, "check", str(path), "--period", "2022-06")
    assert data["summary"]["rows_read"] == 1


def test_sheet_copies_continuing_a_short_list_or_corrected_twice(tmp_path: Path, runner) -> None:
    """附件2 (2) continuing a two-facility list with one repeat replaced it (康乐养老院 lost, exit 0): a copy named as
    a correction must repeat four in five of the list. Three copies 附件2, 附件2 (2), 附件2 (3) of one list: the last
    counts (both copies were consolidated, DUPLICATE_FACILITY on every facility; fifth review)."""
    wb = openpyxl.Workbook()
    wb.active.title = "附件2"
    _f2_block(wb["附件2"], ["康乐养老院", "幸福老年公寓"], "2022年6月", "2022年6月15日")
    _f2_block(wb.create_sheet("附件2 (2)"), ["福寿养老院", "幸福老年公寓"], "2022年6月", "2022年6月15日")
    _f3_sheet(wb, ["康乐养老院", "幸福老年公寓", "福寿养老院"])
    data = _consolidated(tmp_path / "a", runner, wb)
    assert sorted(_listed(tmp_path / "a" / "out")) == sorted(["康乐养老院", "幸福老年公寓", "福寿养老院", "幸福老年公寓"])
    assert [f["code"] for f in data["findings"] if f["unit"] == "汇龙镇" and f["code"] != "SUBMISSION_MISSING"] == \
        ["DUPLICATE_FACILITY"]
    three = ["甲养老院", "乙养老院", "丙养老院"]
    wb = openpyxl.Workbook()
    wb.active.title = "附件2"
    for name in ("附件2", "附件2 (2)", "附件2 (3)"):
        _f2_block(wb[name] if name in wb.sheetnames else wb.create_sheet(name), three, "2022年6月", "2022年6月15日")
    _f3_sheet(wb, three)
    data = _consolidated(tmp_path / "b", runner, wb)
    assert sorted(_listed(tmp_path / "b" / "out")) == sorted(three)
    assert sorted(f["sheet"] for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED") == ["附件2", "附件2 (2)"]


@pytest.mark.parametrize("copy", ["附件2 (2)", "附件2_2"])
def test_a_sheet_copy_libreoffice_named_is_a_copy_as_excels(tmp_path: Path, runner, copy: str) -> None:
    """LibreOffice names a copied sheet 附件2_2 where Excel names it 附件2 (2): the corrected copy repeating the whole
    list, one level put right, was a second list beside the first: DUPLICATE_FACILITY on every row and the first's
    LEVEL_OVERRATED kept (blind audit of leftovers)."""
    three = ["甲养老院", "乙养老院", "丙养老院"]
    wb = openpyxl.Workbook()
    wb.active.title = "附件2"
    _f2_block(wb["附件2"], three, "2022年6月", "2022年6月15日")
    wb["附件2"]["E6"] = "橙"  # (points 1、2 give 黄: put right on the copy)
    _f2_block(wb.create_sheet(copy), three, "2022年6月", "2022年6月15日")
    _f3_sheet(wb, three)
    data = _consolidated(tmp_path, runner, wb)
    assert sorted(_listed(tmp_path / "out")) == sorted(three)
    assert [(f["code"], f["sheet"]) for f in data["findings"] if f["unit"] == "汇龙镇"
            and f["code"] != "SUBMISSION_MISSING"] == [("SUBMISSION_SUPERSEDED", "附件2")]


def test_our_copy_of_a_list_continued_on_a_sheet_copy_reads_as_the_original(tmp_path: Path, runner) -> None:
    """附件2 (甲 乙 丙) continued on 附件2 (2) (甲 乙 repeated, 丁 added), one date: DUPLICATE_FACILITY ×2. Our annotated
    copy, checked again unchanged, read 附件2 (2) as a correction by the copy's name (…_校验标注): exit 0, 丙 (red)
    off the list (blind audit of leftovers). Two sheets of one file are ordered by the file, not its name."""
    wb = openpyxl.Workbook()
    wb.active.title = "附件2"
    _f2_block(wb["附件2"], ["甲养老院", "乙养老院", "丙养老院"], "2022年6月", "2022年6月15日")
    _f2_block(wb.create_sheet("附件2 (2)"), ["甲养老院", "乙养老院", "丁养老院"], "2022年6月", "2022年6月15日")
    _f3_sheet(wb, ["甲养老院", "乙养老院", "丙养老院", "丁养老院"])
    (tmp_path / "in").mkdir()
    wb.save(tmp_path / "in" / "汇龙镇.xlsx")
    said = []
    for path in (tmp_path / "in", tmp_path / "ann"):
        code, data = run_json(runner, "check", str(path), "--period", "2022-06", *(
            ("--annotate", str(tmp_path / "ann")) if path.name == "in" else ()))
        said.append((code, sorted((f["code"], f["sheet"], f["cell"]) for f in data["findings"]
                                  if f["code"] != "SUBMISSION_MISSING")))
    assert said[0] == said[1] == (1, [("DUPLICATE_FACILITY", "附件2 (2)", "B5"), ("DUPLICATE_FACILITY", "附件2 (2)", "B6")])


# ---- the sixth review's counterexamples ------------------------------------------------------------------------

def test_side_by_side_forms_one_missing_a_column_are_both_read(tmp_path: Path, runner) -> None:
    """附件2 in A:G beside 附件3 without its 风险隐患点 column, each under its own title: the 附件3 part lacked a
    required column and was merged back — the sheet read as one 附件3, 附件2's rows lost with exit 0."""
    f2, f3 = ["甲养老院", "乙养老院", "丙养老院"], ["甲养老院", "乙养老院", "丙养老院"]
    rows3 = [[c for i, c in enumerate(row) if i != 2] if len(row) > 2 else row for row in _f3_rows(f3)]
    wb = openpyxl.Workbook()
    _beside(wb.active, _f2_rows(f2), rows3, 10)
    (tmp_path / "in").mkdir()
    wb.save(tmp_path / "in" / "汇龙镇.xlsx")
    code, data = run_json(runner, "check", str(tmp_path / "in"), "--period", "2022-06")
    assert data["summary"]["rows_read"] == 6
    assert [f["code"] for f in data["findings"] if f["code"] != "SUBMISSION_MISSING"] == ["COLUMN_MISSING"]


def test_a_corrected_sheet_copy_may_drop_facilities(tmp_path: Path, runner) -> None:
    """附件2（修改） with two of three facilities (one taken off): it replaces 附件2 as a correction does — the
    four-in-five rule is for copies named only by a number (附件2 (2)); it gave DUPLICATE_FACILITY."""
    three = ["甲养老院", "乙养老院", "丙养老院"]
    wb = openpyxl.Workbook()
    wb.active.title = "附件2"
    _f2_block(wb["附件2"], three, "2022年6月", "2022年6月15日")
    _f2_block(wb.create_sheet("附件2（修改）"), three[:2], "2022年6月", "2022年6月15日")
    _f3_sheet(wb, three[:2])
    data = _consolidated(tmp_path, runner, wb)
    assert sorted(_listed(tmp_path / "out")) == sorted(three[:2])
    assert [f["code"] for f in data["findings"] if f["unit"] == "汇龙镇" and f["code"] != "SUBMISSION_MISSING"] == \
        ["SUBMISSION_SUPERSEDED"]


def test_a_notes_heading_numbered_in_brackets_does_not_end_the_list(tmp_path: Path, runner) -> None:
    """（三）存量风险已化解 heading the notes: taken for a heading of resolved facilities, the two facilities typed
    under the notes were dropped."""
    path = _under_the_notes(tmp_path, runner, "（三）存量风险已化解", ["子养老院", "丑养老院"])
    code, data = run_json(runner, "check", str(path), "--period", "2022-06")
    assert data["summary"]["rows_read"] == 3


def test_a_later_dated_list_pasted_under_the_first_without_a_title_replaces_it(tmp_path: Path, runner) -> None:
    """The lower list has only its header and its own footer dated later: its 填报日期 was read from the upper
    list's footer, so the two looked like one day's and were both consolidated with DUPLICATE_FACILITY (review)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单（2022年6月）"])
    ws.append(["填报单位（盖章）：", "汇龙镇"])
    for names, date in ((["甲养老院", "乙养老院", "丙养老院"], "2022-06-18"), (["甲养老院", "乙养老院", "丙护理院"], "2022-06-20")):
        ws.append(list(F2_HEAD))
        for n, name in enumerate(names, 1):
            ws.append([n, name, "A", "1、2", "黄", "汇龙镇民政办"])
        ws.append(["填报人：", "李四", "负责人：", "王五", "电话：", "13800000000"])  # the footer in two rows,
        ws.append(["填报日期：", date])  # labels and values in cells of their own
        ws.append([])
    _f3_sheet(wb, ["甲养老院", "乙养老院", "丙护理院"])
    data = _consolidated(tmp_path, runner, wb)
    assert sorted(_listed(tmp_path / "out")) == sorted(["甲养老院", "乙养老院", "丙护理院"])
    assert [f["code"] for f in data["findings"] if f["unit"] == "汇龙镇" and f["code"] != "SUBMISSION_MISSING"] == \
        ["SUBMISSION_SUPERSEDED"]


def _f2_undated(ws, names: list[str]) -> None:
    """附件2 as a clerk keeps it month after month: no month in the title, no 填报日期."""
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单"])
    ws.append(["填报单位（盖章）：汇龙镇"])
    ws.append(F2_HEAD)
    for n, name in enumerate(names, 1):
        ws.append([n, name, "A", "1、2", "黄", "汇龙镇民政办", None])
    ws.append(["填报人：张三  负责人：李四  电话：13800000000  填报日期："])


@pytest.mark.parametrize(("older", "newer", "period", "month"), [
    ("附件2（5月）", "附件2（6月）", "2022-06", "2022年5月"),
    ("五月", "六月", None, "2022年5月"),
    ("12月份", "1月份", "2023-01", "2022年12月"),
])
def test_a_season_of_lists_on_sheets_named_by_month(tmp_path: Path, runner, older: str, newer: str,
                                                   period: str | None, month: str) -> None:
    """A clerk keeps a sheet a month (附件2（5月）, 附件2（6月）), no month in the titles, no 填报日期: both lists
    were read as one — May's facilities consolidated as June's, each repeat DUPLICATE_FACILITY. The sheet naming
    the period's month counts; last month's is another period's list, SUBMISSION_SUPERSEDED at its first row."""
    wb = openpyxl.Workbook()
    wb.active.title = older
    _f2_undated(wb[older], ["甲养老院", "乙养老院"])
    _f2_undated(wb.create_sheet(newer), ["甲养老院", "丙养老院"])
    (tmp_path / "in").mkdir()
    wb.save(tmp_path / "in" / "汇龙镇.xlsx")
    saved = dt.datetime(2022, 6, 16, 9).timestamp()  # with no period, the year is the one the file was saved in
    os.utime(tmp_path / "in" / "汇龙镇.xlsx", (saved, saved))
    args = ["check", str(tmp_path / "in")] + (["--period", period] if period else [])
    code, data = run_json(runner, *args)
    assert not [f for f in data["findings"] if f["code"] == "DUPLICATE_FACILITY"]
    superseded = [(f["sheet"], f["cell"]) for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"]
    assert superseded == [(older, "B4")]
    assert f"所报为{month}" in next(f["message"] for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED")


@pytest.mark.parametrize("second", ["附件2（续）", "1-6月", "1月至6月", "附件2（6月）", "附件2月报", "吕四月报",
                                    "附件2（4月以来新增）", "第2月"])
def test_sheets_not_named_by_different_months_add_up(tmp_path: Path, runner, second: str) -> None:
    """Near misses: a list continued on a second sheet, a sheet named by a span (1-6月, 1月至6月) or a start (4月以来新增),
    names whose 月 follows no month (附件2月报, 吕四月报, 第2月), or both sheets naming the same month still add up to one
    list (review: 附件2月报 was February's, 4月以来新增 April's list, set aside)."""
    wb = openpyxl.Workbook()
    wb.active.title = "附件2（6月）" if second != "附件2（6月）" else "附件2（6月）(1)"
    _f2_undated(wb.active, ["甲养老院", "乙养老院"])
    _f2_undated(wb.create_sheet(second), ["丙养老院"])
    (tmp_path / "in").mkdir()
    wb.save(tmp_path / "in" / "汇龙镇.xlsx")
    code, data = run_json(runner, "check", str(tmp_path / "in"), "--period", "2022-06")
    assert not [f for f in data["findings"] if f["code"] in ("SUBMISSION_SUPERSEDED", "DUPLICATE_FACILITY")]
    assert data["summary"]["rows_read"] == 3



@pytest.mark.parametrize(("months", "period", "saved", "year"), [
    ([5, 6, 7, 8, 9, 10, 11, 12], "2022-12", None, 2022),
    ([1, 8], "2023-08", None, 2023),
    ([11, 12], None, dt.datetime(2023, 1, 5, 9), 2022),
])
def test_month_sheets_over_the_year_place_the_period_s_own(tmp_path: Path, runner, months: list[int],
                                                           period: str | None, saved: dt.datetime | None,
                                                           year: int) -> None:
    """A sheet a month from May to December (--period 2022-12): every month above 6 was put in the year before, no
    sheet was December 2022's, 汇龙镇 was said not to have sent 附件2 (review). A month is the year before's only
    when it comes after the period's month — or, with no period, after the month the file was saved in (11月 and
    12月 saved on 5 January 2023 are 2022's)."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n in months:
        _f2_undated(wb.create_sheet(f"附件2（{n}月）"), [f"{n}月养老院", "甲养老院"])
    (tmp_path / "in").mkdir()
    path = tmp_path / "in" / "汇龙镇.xlsx"
    wb.save(path)
    if saved is not None:
        os.utime(path, (saved.timestamp(), saved.timestamp()))
    code, data = run_json(runner, "check", path, *(["--period", period] if period else []))
    superseded = sorted(f["sheet"] for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED")
    assert superseded == sorted(f"附件2（{n}月）" for n in months[:-1])
    assert sorted(f["message"].split("所报为")[1][:8] for f in data["findings"]
                  if f["code"] == "SUBMISSION_SUPERSEDED") == sorted(f"{year}年{n}月）"[:8] for n in months[:-1])
    assert not [f for f in data["findings"] if f["code"] == "DUPLICATE_FACILITY"]


def _two_month_sheets(tmp_path: Path, first: tuple[str, str], second: tuple[str, str]) -> Path:
    """汇龙镇's workbook with 附件2 on two sheets (name, 填报日期 or "" for none): 甲乙 on the first, 甲丙 on the second."""
    wb = openpyxl.Workbook()
    wb.active.title = first[0]
    _f2_block(wb.active, ["甲养老院", "乙养老院"], "", first[1])
    _f2_block(wb.create_sheet(second[0]), ["甲养老院", "丙养老院"], "", second[1])
    (tmp_path / "in").mkdir()
    wb.save(tmp_path / "in" / "汇龙镇.xlsx")
    return tmp_path / "in"


def _superseded_sheets(runner, folder: Path, *args: str) -> list[str]:
    code, data = run_json(runner, "check", str(folder), *args)
    assert not [f for f in data["findings"] if f["code"] == "DUPLICATE_FACILITY"]
    return [f["sheet"] for f in data["findings"] if f["code"] == "SUBMISSION_SUPERSEDED"]


def test_month_sheets_with_dates_are_placed_by_their_dates(tmp_path: Path, runner) -> None:
    """附件2（12月） dated 2022-12-15 beside 附件2（1月） dated 2023-01-16, no --period: the sheet names' months
    overrode the dates — December counted, January set aside, the inbox taken for 2022-12 (review). A dated sheet
    is placed by its date."""
    folder = _two_month_sheets(tmp_path, ("附件2（12月）", "2022年12月15日"), ("附件2（1月）", "2023年1月16日"))
    assert _superseded_sheets(runner, folder) == ["附件2（12月）"]


@pytest.mark.parametrize(("older", "newer"), [("附件2-5月", "附件2-6月"), ("附件2，5月", "附件2，6月"),
                                              ("截至5月", "截至6月")])
def test_month_sheets_named_after_the_forms_number_or_as_of(tmp_path: Path, runner, older: str, newer: str) -> None:
    """附件2-5月 / 附件2-6月, 附件2，5月 and 截至5月 name months (the dash or comma follows the form's number, 截至 is
    "as of"), not spans or lists (review)."""
    folder = _two_month_sheets(tmp_path, (older, ""), (newer, ""))
    assert _superseded_sheets(runner, folder, "--period", "2022-06") == [older]


@pytest.mark.parametrize(("first_date", "second_date"), [("2022年5月18日", "2022年5月18日"), ("2022年6月2日", "")])
def test_a_month_sheet_is_its_names_month_whatever_its_date(tmp_path: Path, runner, first_date: str,
                                                            second_date: str) -> None:
    """附件2（6月） copied from 附件2（5月） with its 填报日期 2022-05-18 left, or May's list dated 2 June (late) beside
    an undated June: both lists were read as one, DUPLICATE_FACILITY (review). The name gives the month, the date
    the year."""
    folder = _two_month_sheets(tmp_path, ("附件2（5月）", first_date), ("附件2（6月）", second_date))
    for period in ([], ["--period", "2022-06"]):
        assert _superseded_sheets(runner, folder, *period) == ["附件2（5月）"]


def test_an_undated_january_beside_a_dated_december_is_next_january(tmp_path: Path, runner) -> None:
    """附件2（12月） dated 2022-12-15 beside an undated 附件2（1月）: January was placed as 2022-01 and set aside
    (review); it is the January after."""
    folder = _two_month_sheets(tmp_path, ("附件2（12月）", "2022年12月15日"), ("附件2（1月）", ""))
    assert _superseded_sheets(runner, folder) == ["附件2（12月）"]


def _copied_right(ws, rows_from: int, offset: int) -> None:
    """Every cell of ws's rows from `rows_from` copied `offset` columns to the right."""
    width = ws.max_column
    for r in range(rows_from, ws.max_row + 1):
        for c in range(1, width + 1):
            ws.cell(r, c + offset).value = ws.cell(r, c).value


@pytest.mark.parametrize("gap", [1, 3])
def test_a_whole_list_copied_beside_itself_is_counted_once(tmp_path: Path, runner, gap: int) -> None:
    """附件2 with a copy of the whole form (title, header, rows, footer) set beside it: each facility was read twice,
    DUPLICATE_FACILITY and 汇总 橙 4 for 2 (fuzz audit). As a copy pasted below: the later one counts."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    _f2_block(ws, ["甲养老院", "乙养老院"], "2022年6月", "2022年6月15日")
    _copied_right(ws, 1, len(F2_HEAD) + gap)
    _f3_sheet(wb, ["甲养老院", "乙养老院"])
    data = _consolidated(tmp_path, runner, wb)
    codes = [(f["code"], f["cell"]) for f in data["findings"] if f["file"].endswith("汇龙镇.xlsx")]
    assert ("SUBMISSION_SUPERSEDED", "B5") in codes and not any(c == "DUPLICATE_FACILITY" for c, _ in codes), codes
    assert _listed(tmp_path / "out") == ["甲养老院", "乙养老院"]


def test_two_different_lists_side_by_side_under_one_title_still_add_up(tmp_path: Path, runner) -> None:
    """The control: a list continued beside itself under a repeated header only (no title of its own) is one list."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    _f2_block(ws, ["甲养老院", "乙养老院"], "2022年6月", "2022年6月15日")
    off = len(F2_HEAD) + 1
    for c, h in enumerate(F2_HEAD, start=1):
        ws.cell(4, c + off).value = h
    for c, v in enumerate([3, "丙养老院", "A", "1、2", "黄", "汇龙镇民政办"], start=1):
        ws.cell(5, c + off).value = v
    _f3_sheet(wb, ["甲养老院", "乙养老院", "丙养老院"])
    _consolidated(tmp_path, runner, wb)
    assert sorted(_listed(tmp_path / "out")) == ["丙养老院", "乙养老院", "甲养老院"]


@pytest.mark.parametrize("name", ["Sheet1", "名单备份"])
def test_an_identical_copy_of_a_list_on_a_sheet_of_any_name_is_counted_once(tmp_path: Path, runner, name: str) -> None:
    """A copy of 附件2 on a sheet Excel named Sheet1 (the copy made with 移动或复制 names it 附件2 (2)): each facility
    was DUPLICATE_FACILITY and counted twice (fuzz audit). The same list of the same date, cell for cell, is one."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    _f2_block(ws, ["甲养老院", "乙养老院"], "2022年6月", "2022年6月15日")
    _f2_block(wb.create_sheet(name), ["甲养老院", "乙养老院"], "2022年6月", "2022年6月15日")
    _f3_sheet(wb, ["甲养老院", "乙养老院"])
    data = _consolidated(tmp_path, runner, wb)
    assert not any(f["code"] == "DUPLICATE_FACILITY" for f in data["findings"])
    assert _listed(tmp_path / "out") == ["甲养老院", "乙养老院"]
    changed = openpyxl.load_workbook(tmp_path / "in" / "汇龙镇.xlsx")
    changed[name]["E5"] = "红"  # one cell otherwise: two lists of one date, not a copy — said, as before
    changed.save(tmp_path / "in" / "汇龙镇.xlsx")
    code, data = run_json(runner, "check", str(tmp_path / "in"))
    assert any(f["code"] == "DUPLICATE_FACILITY" for f in data["findings"])


def test_three_forms_glued_side_by_side_are_each_read(tmp_path: Path, runner) -> None:
    """附件2 | 附件3 | 附件4 side by side with no empty column between them, each under its own 附件N： label: 附件4 has
    no 序号, so the sheet was parted at the two 序号 only — 附件3's columns were 附件4's extra columns, its two rows
    lost and 附件2's DISPOSAL_MISSING (audit of layouts). Each label starts a form too."""
    wb = openpyxl.Workbook()
    ws = wb.active

    def put(r: int, c: int, values: list) -> None:
        for i, v in enumerate(values):
            if v is not None:
                ws.cell(r, c + i, v)

    put(1, 1, ["附件2："]), put(2, 1, ["养老服务诈骗风险隐患“红橙黄”风险管控名单"]), put(3, 1, ["填报单位（盖章）：北新镇"])
    put(4, 1, list(F2_HEAD)), put(5, 1, [1, "北新一院", "A", "4", "黄", "北新镇民政办"])
    put(6, 1, [2, "北新二院", "B", "6", "橙", "北新镇民政办"])
    put(8, 1, ["填报人：张三", None, "负责人：李四", None, "电话：1", None, "填报日期：2022年6月18日"])
    put(1, 8, ["附件3："]), put(2, 8, ["养老服务诈骗风险隐患分类处置工作进度表"]), put(3, 8, ["填报单位（盖章）：北新镇"])
    put(4, 8, list(F3_HEAD)), put(5, 8, [1, "北新一院", "4", "否", "不涉及", "1、2", "已提示", "否", "否"])
    put(6, 8, [2, "北新二院", "6", "是", "不涉及", "3、4", "已约谈", "否", "否"])
    put(8, 8, ["填报人：张三", None, "负责人：李四", None, "电话：1", None, "填报日期：2022年6月18日"])
    put(1, 17, ["附件4："]), put(2, 17, ["打击整治养老服务诈骗专项行动战果统计表"])
    put(3, 17, ["填报单位：北新镇"] + [None] * 7 + ["填报时间：2022年6月15日"])
    put(4, 17, ["提供养老服务活动的机构、场所涉及诈骗问题（民政领域）", "问题数", None, None, "存在的苗头性问题",
                "存在明显问题但不构成犯罪的问题", "对涉嫌犯罪移送司法机关依法打击的问题", "接收公安提示函", "接收检察建议书",
                "接收司法建议书", "接收监察建议书"])
    put(5, 18, ["正在整治", "整治完成", "总计"])
    ws.merge_cells("R4:T4")
    for c in (17, 21, 22, 23, 24, 25, 26, 27):
        ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
    put(6, 17, ["北新镇", 1, 1, 2, 1, 1, 0, 0, 0, 0, 0]), put(8, 17, ["填报人：张三"])
    wb.save(tmp_path / "北新镇.xlsx")
    code, data = run_json(runner, "check", str(tmp_path / "北新镇.xlsx"), "--period", "2022-06")
    assert code == 0 and data["findings"] == [] and data["summary"]["rows_read"] == 5


def test_a_pivot_table_beside_a_summary_by_level_is_no_list(tmp_path: Path, runner) -> None:
    """A sheet 统计 holding Excel's pivot (行标签 | 计数项:养老服务机构及场所名称, 橙 2 …) and, two columns off, a small
    table 类别 | 风险隐患等级 | 家数: read as one 附件2, the pivot's counts were facilities named 2 and 1 —
    DISPOSAL_MISSING, DUPLICATE_FACILITY, and three of them on the consolidated list (audit of clerks' workbooks)."""
    p = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb.create_sheet("统计")
    for r, row in enumerate([["行标签", "计数项:养老服务机构及场所名称", None, None, "类别", "风险隐患等级", "家数"],
                             ["橙", 2, None, None, "A", "黄", 1], ["黄", 1, None, None, "A", "红", 1],
                             ["红", 1, None, None, "B", "橙", 1], ["总计", 4, None, None, "C", "橙", 1]], start=1):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v)
    wb.save(p)
    code, data = run_json(runner, "check", str(p), "--period", "2022-06")
    assert (code, data["findings"], data["summary"]["rows_read"]) == (0, [], 8)  # 1 + 3 + 3 + 1


@pytest.mark.parametrize(("rows", "found"), [
    ([["附件2："], [], ["填报单位（盖章）：汇龙镇"], ["附件2："] * 7, [1, "幸福养老院", "A", "4", "黄", "汇龙镇民政办"],
      [], ["填报人：张三", None, "负责人：李四", None, "电话：0513-83123456", None, "填报日期：2022年6月18日"]],
     [("FORM_NOT_FOUND", "A1")]),
    # its label and signatures alone: nothing to lose, nothing said
    ([["附件2："], [], ["填报人：张三", None, "负责人：李四", None, "电话：0513-83123456", None, "填报日期：2022年6月18日"]],
     [])])
def test_a_form_sheet_with_its_label_and_rows_but_no_title_or_header_is_said(tmp_path: Path, runner, rows: list,
                                                                            found: list) -> None:
    """A sheet 附件2 under its 附件2： label, a facility's row below, its title and header gone (a merge over them, a
    header typed over): its rows were dropped without a word, exit 0 (audit of hostile input)."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    del wb["附件2"]
    ws = wb.create_sheet("附件2", 1)
    for row in rows:
        ws.append(row)
    wb.save(p)
    code, data = run_json(runner, "check", str(p), "--period", "2022-06")
    assert [(f["code"], f["cell"]) for f in data["findings"] if f["sheet"] == "附件2"] == found


def test_a_sheet_about_a_form_is_no_form_without_its_header(tmp_path: Path, runner) -> None:
    """A sheet 附件2填报说明 under the label 附件2：, its instructions three to a row, beside the 附件2 read from its own
    sheet: no FORM_NOT_FOUND (review) — only a sheet named as the form itself, whose form no other sheet gives."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb.create_sheet("附件2填报说明")
    for row in (["附件2："], ["一、", "排查范围", "辖区内全部养老服务机构"], ["二、", "类别", "A.养老机构；B.社区养老服务机构"]):
        ws.append(row)
    wb.save(p)
    code, data = run_json(runner, "check", str(p), "--period", "2022-06")
    assert (code, data["findings"]) == (0, [])


def test_a_december_workbook_dated_in_january_reads_a_case_date_without_its_year_as_its_title_does(
        tmp_path: Path, runner) -> None:
    """December's reports, one dated 2022-12-14 with 立案 是，1月8日 (this January: a case date is of the past), one
    dated 2023-01-05: the consolidated workbook, titled 2022年12月 and dated 2023-01-05, read 1月8日 as 2023-01-08 —
    DATE_IN_FUTURE, and the workbook failed its own check, where the township's file passed (audit of a year)."""
    inbox = tmp_path / "inbox"
    specs = specs_for("汇龙镇", date="2022-12-14")
    specs["F3"].rows[0].update(case="是，1月8日")
    write(inbox / "汇龙镇_2022年12月报表.xlsx", "汇龙镇", specs)
    write(inbox / "南阳镇_2022年12月报表.xlsx", "南阳镇", specs_for("南阳镇", date="2023-01-05"))
    code, data = run_json(runner, "consolidate", str(inbox), "-o", str(tmp_path / "out"), "--period", "2022-12")
    assert "DATE_IN_FUTURE" not in {f["code"] for f in data["findings"]}
    workbook = next((tmp_path / "out").glob("*_汇总.xlsx"))
    code, data = run_json(runner, "check", str(workbook))
    assert "DATE_IN_FUTURE" not in {f["code"] for f in data["findings"]} and code == 0, data["findings"]


@pytest.mark.parametrize(("month", "dated", "case", "future"), [
    ("2023年1月", "2023-01-31", "是，8月1日", False),  # last August: a January report's past
    ("2022年12月", "2023-02-10", "是，2月15日", True),  # a February date on December's template: not December's
])
def test_a_case_date_without_its_year_follows_the_title_only_as_the_readme_says(tmp_path: Path, runner, month: str,
                                                                               dated: str, case: str,
                                                                               future: bool) -> None:
    """Titled 2023年1月 and dated 2023-01-31, 立案 8月1日 is last August as --period 2023-01 reads it: the consolidated
    workbook read 2023-08-01 and failed its check (the title's month was never taken: a PeriodYear equals only a
    PeriodYear; review). A December title dated in February is last month's template: 2月15日 is after the
    填报日期, DATE_IN_FUTURE as before (review)."""
    inbox = tmp_path / "inbox"
    specs = specs_for("汇龙镇", date=dated)
    specs["F3"].rows[0].update(case=case)
    path = write(inbox / f"汇龙镇_{month}报表.xlsx", "汇龙镇", specs)
    _, data = run_json(runner, "check", str(path))
    assert ("DATE_IN_FUTURE" in {f["code"] for f in data["findings"]}) == future
    if not future:
        period = "2023-01"
        run_json(runner, "consolidate", str(inbox), "-o", str(tmp_path / "out"), "--period", period)
        code, data = run_json(runner, "check", str(next((tmp_path / "out").glob("*_汇总.xlsx"))))
        assert "DATE_IN_FUTURE" not in {f["code"] for f in data["findings"]}, data["findings"]


def test_a_consolidated_december_dated_in_february_reads_its_dates_by_its_title(tmp_path: Path, runner) -> None:
    """December's consolidation dated 2023-02-10 by one late town: its 立案 2月15日 (a town's, dated 2023-01-05: last
    February) was read 2023-02-15 when the workbook was checked — its own check failed. A consolidated workbook's
    title is the tool's own: its period decides (review)."""
    inbox = tmp_path / "inbox"
    specs = specs_for("汇龙镇", date="2023-01-05")
    specs["F3"].rows[0].update(case="是，2月15日")
    write(inbox / "汇龙镇_2022年12月报表.xlsx", "汇龙镇", specs)
    write(inbox / "南阳镇_2022年12月报表.xlsx", "南阳镇", specs_for("南阳镇", date="2023-02-10"))
    run_json(runner, "consolidate", str(inbox), "-o", str(tmp_path / "out"), "--period", "2022-12")
    code, data = run_json(runner, "check", str(next((tmp_path / "out").glob("*_汇总.xlsx"))))
    assert "DATE_IN_FUTURE" not in {f["code"] for f in data["findings"]}, data["findings"]


def _split_below(ws, header: str, sep: str = "、") -> None:
    """The first facility's `header` cell written over two rows as a clerk types a second line: its last item in a new
    row below, every other cell of that row blank (no 序号, no name)."""
    at = next(c for row in ws.iter_rows(max_row=8) for c in row if isinstance(c.value, str) and header in c.value)
    row = next(r for r in range(at.row + 1, at.row + 5) if ws.cell(r, 2).value)  # the first facility's row
    items = str(ws.cell(row, at.column).value).split(sep)
    assert len(items) >= 2, items
    ws.insert_rows(row + 1)
    ws.cell(row, at.column).value = sep.join(items[:-1])
    ws.cell(row + 1, at.column).value = items[-1]


@pytest.mark.parametrize(("sheet", "header"), [("附件3", "打击整治措施"), ("附件2", "风险隐患点")])
def test_a_second_line_of_measures_or_points_alone_belongs_to_the_facility_above(tmp_path: Path, runner, sheet: str,
                                                                                header: str) -> None:
    """Blind audit of layouts: 3、4 in the facility's row and 6 alone in the row below (序号 and name blank) was a
    facility without a name — VALUE_REQUIRED thrice, MEASURE_MISSING for the 6 it holds, a junk row consolidated. It is
    the facility's second line, as one of 当月处置进展 is; a row with a 序号 stays a row of its own."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="7、8", level="橙")
    specs["F3"].rows[0].update(points="7、8", measures="3、4、6")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    clean = run_json(runner, "check", str(p))[1]["findings"]
    wb = openpyxl.load_workbook(p)
    _split_below(wb[sheet], header)
    wb.save(p)
    code, data = run_json(runner, "check", str(p))
    assert data["findings"] == clean and data["summary"]["rows_read"] == 2 + 2 * len(specs["F2"].rows)
    wb = openpyxl.load_workbook(p)
    ws = wb[sheet]
    blank = next(r for r in range(1, 40) if ws.cell(r, 2).value is None and any(
        ws.cell(r, c).value for c in range(3, 10)))
    ws.cell(blank, 1).value = 2  # (a 序号 typed: a row of its own, its name asked)
    wb.save(p)
    code, data = run_json(runner, "check", str(p))
    assert "VALUE_REQUIRED" in {f["code"] for f in data["findings"]} and code == 1
