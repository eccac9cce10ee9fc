"""附件2 parted by level — 一、红色名单 merged over its facilities, or a sheet of one level's (黄色名单) — with the
等级 cells left blank: the part of the list a facility stands in is the level the township gave it (clerk
expectation; SPEC silent). A level written in the row's own cell still wins."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .conftest import run_json

HEAD = ["序号", "养老服务机构及场所名称", "类别", "风险隐患点", "风险隐患等级", "牵头排查单位", "备注"]
NO_LEVEL_HEAD = [h for h in HEAD if h != "风险隐患等级"]


def _book(tmp_path: Path, lines: list, head: list[str] = HEAD, title: str = "附件2") -> Path:
    """附件2 as a township parts it: title merged across, unit line, header, then `lines` — a str is a heading
    merged across the row (or, prefixed with "A:", typed in the 序号 cell alone), a tuple a facility's row, a list
    a row as it is (the header printed again)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    last = "ABCDEFG"[len(head) - 1]
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单"])
    ws.merge_cells(f"A1:{last}1")
    ws.append(["填报单位（盖章）：汇龙镇"])
    ws.append(head)
    n = 0
    for line in lines:
        if isinstance(line, str):
            ws.append([line.removeprefix("A:")])
            if not line.startswith("A:"):
                ws.merge_cells(f"A{ws.max_row}:{last}{ws.max_row}")
        elif isinstance(line, list):
            ws.append(line)
        else:
            n += 1
            ws.append([n, *line])
    ws.append(["填报人：张三", None, "负责人：李四", None, "填报日期：2022年6月15日"])
    path = tmp_path / "汇龙镇.xlsx"
    wb.save(path)
    return path


def _f2_findings(runner, path: Path) -> list[tuple[str, str]]:
    code, data = run_json(runner, "check", str(path))
    assert code in (0, 1)
    return [(f["code"], f["cell"]) for f in data["findings"] if f["sheet"] != "" and f["code"] != "DISPOSAL_MISSING"]


def test_blank_levels_take_their_parts_level(tmp_path: Path, runner) -> None:
    """Each facility agrees with the heading it stands under: nothing to say — without the headings they were
    three LEVEL_MISSING and, for 15 alone, LEVEL_UNDETERMINED."""
    path = _book(tmp_path, ["一、红色名单", ("甲养老院", "A", "11", "", "民政办", ""),
                            "二、橙色名单", ("乙养老院", "A", "6", "", "民政办", ""),
                            "三、黄色名单（1家）", ("丙养老院", "A", "15.其他：消防通道堵塞", "", "民政办", "")])
    assert _f2_findings(runner, path) == []


def test_without_headings_the_same_rows_are_level_missing(tmp_path: Path, runner) -> None:
    path = _book(tmp_path, [("甲养老院", "A", "11", "", "民政办", ""), ("丙养老院", "A", "15.其他：消防通道堵塞", "", "民政办", "")])
    assert _f2_findings(runner, path) == [("LEVEL_MISSING", "E4"), ("LEVEL_UNDETERMINED", "E5")]


def test_a_part_below_the_points_is_underrated_at_the_blank_cell_naming_the_heading(tmp_path: Path, runner) -> None:
    path = _book(tmp_path, ["二、橙色名单", ("乙养老院", "A", "11", "", "民政办", ""),
                            "三、黄色名单", ("丙养老院", "A", "1", "", "民政办", "")])
    code, data = run_json(runner, "check", str(path))
    found = [f for f in data["findings"] if f["code"].startswith("LEVEL")]
    assert code == 1 and [(f["code"], f["cell"]) for f in found] == [("LEVEL_UNDERRATED", "E5")]
    assert "“二、橙色名单”" in found[0]["message"] and "等级格未填" in found[0]["message"]


def test_a_part_above_the_points_is_overrated(tmp_path: Path, runner) -> None:
    path = _book(tmp_path, ["一、红色名单", ("甲养老院", "A", "1", "", "民政办", "")])
    assert _f2_findings(runner, path) == [("LEVEL_OVERRATED", "E5")]


def test_a_heading_typed_alone_in_the_seq_cell_heads_its_part(tmp_path: Path, runner) -> None:
    path = _book(tmp_path, ["A:一、红色名单", ("甲养老院", "A", "1", "", "民政办", "")])
    assert _f2_findings(runner, path) == [("LEVEL_OVERRATED", "E5")]


def test_a_heading_numbered_alike_ends_the_part_a_sub_heading_does_not(tmp_path: Path, runner) -> None:
    """（一）新增机构 is a part of 二、橙色名单; 三、其他 is not: its facility's blank level is LEVEL_MISSING."""
    path = _book(tmp_path, ["二、橙色名单", ("乙养老院", "A", "6", "", "民政办", ""),
                            "（一）新增机构", ("丁养老院", "A", "15.其他：租用场地即将到期", "", "民政办", ""),
                            "三、其他", ("戊养老院", "A", "6", "", "民政办", "")])
    assert _f2_findings(runner, path) == [("LEVEL_MISSING", "E9")]


def test_a_level_written_in_the_row_wins_over_its_part(tmp_path: Path, runner) -> None:
    path = _book(tmp_path, ["三、黄色名单", ("乙养老院", "A", "6", "橙色", "民政办", "")])
    assert _f2_findings(runner, path) == []


def test_a_list_parted_by_level_needs_no_level_column(tmp_path: Path, runner) -> None:
    """Every facility under a level's heading, no 风险隐患等级 column: the level is given, so no COLUMN_MISSING;
    a rule still points at the row's name (no cell of its own)."""
    path = _book(tmp_path, ["一、红色名单", ("甲养老院", "A", "11", "民政办", ""),
                            "二、橙色名单", ("乙养老院", "A", "11", "民政办", "")], head=NO_LEVEL_HEAD)
    assert _f2_findings(runner, path) == [("LEVEL_UNDERRATED", "B7")]


def test_a_facility_outside_every_part_still_needs_the_column(tmp_path: Path, runner) -> None:
    path = _book(tmp_path, [("甲养老院", "A", "11", "民政办", ""),
                            "二、橙色名单", ("乙养老院", "A", "6", "民政办", "")], head=NO_LEVEL_HEAD)
    assert ("COLUMN_MISSING", "E3") in _f2_findings(runner, path)


def test_a_sheet_of_one_levels_facilities_gives_that_level(tmp_path: Path, runner) -> None:
    path = _book(tmp_path, [("甲养老院", "A", "2", "", "民政办", ""), ("乙养老院", "A", "6", "", "民政办", "")],
                 title="黄色名单")
    code, data = run_json(runner, "check", str(path))
    found = [(f["code"], f["cell"]) for f in data["findings"] if f["code"].startswith("LEVEL")]
    assert found == [("LEVEL_UNDERRATED", "E5")]
    assert "工作表“黄色名单”" in next(f["message"] for f in data["findings"] if f["code"] == "LEVEL_UNDERRATED")


def test_a_sheet_naming_every_level_gives_none(tmp_path: Path, runner) -> None:
    path = _book(tmp_path, [("甲养老院", "A", "2", "", "民政办", "")], title="红橙黄名单")
    assert _f2_findings(runner, path) == [("LEVEL_MISSING", "E4")]


def test_the_consolidated_list_writes_the_parts_level_and_says_where_it_came_from(tmp_path: Path, runner) -> None:
    path = _book(tmp_path, ["一、红色名单", ("甲养老院", "A", "11", "", "民政办", "")])
    code, data = run_json(runner, "consolidate", str(path), "-o", str(tmp_path / "out"), "--period", "2022-06")
    book = next(p for p in data["summary"]["outputs"] if p.endswith(".xlsx"))
    ws = openpyxl.load_workbook(book)["附件2"]
    row = next(r for r in ws.iter_rows(min_row=4) if r[1].value == "甲养老院")
    assert row[4].value == "红"
    assert row[4].comment is not None and "按所在的“一、红色名单”填为红" in row[4].comment.text
    # one level up, the level is the cell's own: read back with nothing to say about it
    code, again = run_json(runner, "check", book)
    assert not [f for f in again["findings"] if f["code"].startswith("LEVEL")]


@pytest.mark.parametrize("heading", ["红色风险隐患机构", "红色风险隐患（2家）", "【红色】", "红色风险隐患机构名单", "红榜",
                                     "一、红色风险管控名单", "一、高风险（红色）", "红色：2家", "一、红色风险养老服务机构", "红"])
def test_the_ways_townships_head_a_level_part(tmp_path: Path, runner, heading: str) -> None:
    """Merged across the row, each heads the red part: no facility named so (it was DISPOSAL_MISSING and three
    VALUE_INVALID, and a row one level up), and the blank level below is red."""
    path = _book(tmp_path, [heading, ("甲养老院", "A", "11", "", "民政办", "")])
    code, data = run_json(runner, "check", str(path))
    assert data["summary"]["rows_read"] == 1 and _f2_findings(runner, path) == []


@pytest.mark.parametrize("name", ["红色老年公寓", "黄色港湾养老院", "夕阳红"])
def test_a_facility_named_with_a_colour_is_no_heading(tmp_path: Path, runner, name: str) -> None:
    path = _book(tmp_path, ["一、红色名单", ("甲养老院", "A", "11", "", "民政办", ""), (name, "A", "1", "", "民政办", "")])
    code, data = run_json(runner, "check", str(path))
    assert data["summary"]["rows_read"] == 2 and _f2_findings(runner, path) == [("LEVEL_OVERRATED", "E6")]


@pytest.mark.parametrize("sub", ["1.新增机构", "1、新增机构", "（1）新增机构", "一是新增机构", "A:1.新增机构"])
def test_a_numbered_sub_heading_is_no_facility_and_keeps_the_part(tmp_path: Path, runner, sub: str) -> None:
    """1.新增机构 merged across under 一、红色名单: its 1 was risk point 1 of a facility named 新增机构."""
    path = _book(tmp_path, ["一、红色名单", sub, ("甲养老院", "A", "11", "", "民政办", "")])
    code, data = run_json(runner, "check", str(path))
    assert data["summary"]["rows_read"] == 1 and _f2_findings(runner, path) == []


def test_a_heading_numbered_alike_typed_alone_ends_the_part(tmp_path: Path, runner) -> None:
    """二、其他 typed in the 序号 cell alone (not merged), after 一、红色名单: LEVEL_MISSING below it, not red."""
    path = _book(tmp_path, ["A:一、红色名单", ("甲养老院", "A", "11", "", "民政办", ""),
                            "A:二、其他", ("乙养老院", "A", "6", "", "民政办", "")])
    assert _f2_findings(runner, path) == [("LEVEL_MISSING", "E7")]


def test_in_the_name_column_alone_a_heading_of_kinds_ends_the_part_a_name_stays_a_facility(tmp_path: Path,
                                                                                          runner) -> None:
    """二、其他 alone in the name column is a heading (it was a facility named so, with VALUE_REQUIRED); 3、夕阳红
    alone there is a facility typed with its number, its blank cells asked."""
    wb = openpyxl.load_workbook(_book(tmp_path, ["A:一、红色名单", ("甲养老院", "A", "11", "", "民政办", "")]))
    ws = wb.active
    ws.insert_rows(6, 3)
    ws["B6"], ws["A7"], ws["B7"], ws["C7"], ws["D7"], ws["F7"] = "二、其他", 2, "乙养老院", "A", "6", "民政办"
    ws["B8"] = "3、夕阳红"
    path = tmp_path / "汇龙镇.xlsx"
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert data["summary"]["rows_read"] == 3
    assert ("LEVEL_MISSING", "E7") in _f2_findings(runner, path)
    assert {f["cell"] for f in data["findings"] if f["code"] == "VALUE_REQUIRED"} == {"C8", "D8"}


def test_a_heading_beside_its_count_heads_the_part(tmp_path: Path, runner) -> None:
    wb = openpyxl.load_workbook(_book(tmp_path, ["A:一、红色名单", ("甲养老院", "A", "11", "", "民政办", "")]))
    wb.active["F4"] = "2家"
    path = tmp_path / "汇龙镇.xlsx"
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert data["summary"]["rows_read"] == 1 and _f2_findings(runner, path) == []


def test_on_the_disposal_sheet_a_level_heading_is_no_facility(tmp_path: Path, runner) -> None:
    """附件3 parted like 附件2 (红色风险隐患机构 merged across): the heading is not a facility missing from 附件2."""
    path = _book(tmp_path, ["红色风险隐患机构", ("甲养老院", "A", "11", "", "民政办", "")])
    wb = openpyxl.load_workbook(path)
    ws = wb.create_sheet("附件3")
    ws.append(["养老服务诈骗风险隐患分类处置工作进度表"])
    ws.append(["填报单位（盖章）：汇龙镇"])
    ws.append(["序号", "养老服务机构及场所名称", "风险隐患点", "是否向属地人民政府和政法机关通报线索",
               "属于非法集资的同步纳入属地防范和处置非法集资工作机制", "打击整治措施", "当月处置进展", "是否立案及立案时间",
               "存量风险是否已有效化解"])
    ws.append(["红色风险隐患机构"])
    ws.merge_cells("A4:I4")
    ws.append([1, "甲养老院", "11", "是", "是", "3、4、7", "已移送", "是，2022年6月10日", "否"])
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert data["summary"]["rows_read"] == 2 and [(f["code"], f["cell"]) for f in data["findings"]] == []


def test_each_part_with_its_header_printed_again_keeps_its_level(tmp_path: Path, runner) -> None:
    """一、红色名单 / 二、橙色名单 / 三、黄色名单 each right above the header printed again: the part's level holds below
    it (each was LEVEL_MISSING, the point-7 facility in the yellow part quietly orange; review)."""
    path = _book(tmp_path, ["一、红色名单", HEAD, ("甲养老院", "A", "11", "", "民政办", ""),
                            "二、橙色名单", HEAD, ("乙养老院", "A", "6", "", "民政办", ""),
                            "三、黄色名单", HEAD, ("丙养老院", "A", "1", "", "民政办", ""), ("丁养老院", "A", "7", "", "民政办", "")])
    code, data = run_json(runner, "check", str(path))
    found = [(f["code"], f["cell"]) for f in data["findings"] if f["code"].startswith("LEVEL")]
    assert code == 1 and found == [("LEVEL_UNDERRATED", "E13")]


def test_each_part_under_its_own_title_naming_the_level(tmp_path: Path, runner) -> None:
    """The list printed as three tables, each titled …风险管控名单（红色名单） with its unit line and header."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    for level, rows in (("红色名单", [("甲养老院", "A", "11")]), ("黄色名单", [("丙养老院", "A", "1"), ("丁养老院", "A", "7")])):
        ws.append([f"养老服务诈骗风险隐患“红橙黄”风险管控名单（{level}）"])
        ws.merge_cells(f"A{ws.max_row}:G{ws.max_row}")
        ws.append(["填报单位（盖章）：汇龙镇"])
        ws.append(HEAD)
        for k, row in enumerate(rows, 1):
            ws.append([k, *row, None, "民政办"])
    ws.append(["填报人：张三", None, "负责人：李四", None, "填报日期：2022年6月15日"])
    path = tmp_path / "汇龙镇.xlsx"
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    found = [f for f in data["findings"] if f["code"].startswith("LEVEL")]
    assert code == 1 and [(f["code"], f["cell"]) for f in found] == [("LEVEL_UNDERRATED", "E9")]
    assert "（黄色名单）" in found[0]["message"]
