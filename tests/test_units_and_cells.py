"""Whose a sheet is, and where a finding points, in workbooks a blind audit of SPEC built (tenth session):
a finding names a cell, one set of forms naming two towns is said, a 附件2 under the city bureau's own name is
no township's, an inbox with no form in it writes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from yanglao_cli.config import default_config, parse_config
from yanglao_cli.forms import F3
from yanglao_cli.pipeline import load

from .conftest import run, run_json, specs_for, write


def unit_findings(path: Path) -> list[tuple[str, str, str, str]]:
    loaded, _ = load([path], default_config(), "2022-06")
    return [(f.code.value, f.sheet, f.cell, f.unit) for f in loaded.findings if f.code.value.startswith("UNIT_")]


def test_a_conflict_on_a_sheet_with_a_blank_unit_line_points_at_that_line(tmp_path: Path) -> None:
    """汇龙镇_6月.xlsx whose 附件1 乡镇 says 南阳镇 and whose 附件2 leaves 填报单位 blank: the 附件2's UNIT_CONFLICT had
    no cell (and row null); it is the 填报单位 label's cell, where the unit is to be written."""
    specs = {k: v for k, v in specs_for("南阳镇").items() if k in ("F1", "F2")}
    specs["F1"].unit_line = ""
    specs["F2"].unit_line = ""
    p = write(tmp_path / "汇龙镇_6月.xlsx", "南阳镇", specs)
    found = unit_findings(p)
    assert ("UNIT_CONFLICT", "附件2", "A3", "南阳镇") in found
    assert all(cell for _, _, cell, _ in found)
    # named alike everywhere: nothing
    p = write(tmp_path / "南阳镇_6月.xlsx", "南阳镇", {k: v for k, v in specs_for("南阳镇").items() if k in ("F1", "F2")})
    assert unit_findings(p) == []


def test_column_missing_points_where_the_column_belongs(tmp_path: Path, runner) -> None:
    """COLUMN_MISSING had no cell: it is the header of the form's next column present (insert before it), or the
    cell after the last header when the missing column is the form's last."""
    specs = specs_for("汇龙镇")
    specs["F2"].columns = ["seq", "name", "category", "level", "lead_unit", "note"]  # 风险隐患点 deleted
    specs["F3"].columns = [c.field for c in F3.columns if c.field != "resolved"]  # the last one deleted
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    code, data = run_json(runner, "check", p)
    missing = [(f["sheet"], f["cell"], f["row"]) for f in data["findings"] if f["code"] == "COLUMN_MISSING"]
    assert missing == [("附件2", "D4", 4), ("附件3", "I4", 4)] and code == 1
    # nothing missing, nothing said
    p = write(tmp_path / "南阳镇.xlsx", "南阳镇", specs_for("南阳镇"))
    assert "COLUMN_MISSING" not in {f["code"] for f in run_json(runner, "check", p)[1]["findings"]}


def test_column_findings_under_a_parent_header_name_the_sub_headers_cell(tmp_path: Path, runner) -> None:
    """A two-row header whose first row groups columns (机构基本情况 merged over 名称 | 地址 | 类别; 问题数 over
    正在整治 | 总计): COLUMN_UNKNOWN named C4, inside the parent's merge, for 地址 written in C5, and COLUMN_MISSING
    said to insert 整治完成 before 问题数 (blind audit of layouts). The cell holding the column's own words."""
    spec = specs_for("汇龙镇")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    ws.append(["附件2："])
    ws.append([spec["F2"].form.title])
    ws.append(["填报单位（盖章）：汇龙镇"])
    ws.append(["序号", "机构基本情况", None, None, "风险情况", None, "牵头排查单位", "备注"])
    ws.append([None, "养老服务机构及场所名称", "地址", "类别", "风险隐患点", "风险隐患等级"])
    for cells in ("B4:D4", "E4:F4", "A4:A5", "G4:G5", "H4:H5"):
        ws.merge_cells(cells)
    for n, row in enumerate(spec["F2"].rows, start=1):
        ws.append([n, row["name"], "人民路1号", row["category"], row["points"], row["level"], row["lead_unit"]])
    ws.append(["填报人：张三", None, "负责人：李四", None, "电话：1", "填报日期：2022-06-15"])
    f4 = wb.create_sheet("附件4")
    f4.append(["附件4："])
    f4.append([spec["F4"].form.title])
    f4.append(["填报单位：汇龙镇", None, None, None, None, None, None, "填报时间：2022-06-15"])
    f4.append(["提供养老服务活动的机构、场所涉及诈骗问题（民政领域）", "问题数", None, "存在的苗头性问题", "存在明显问题但不构成犯罪的问题",
               "对涉嫌犯罪移送司法机关依法打击的问题", "接收公安提示函", "接收检察建议书", "接收司法建议书", "接收监察建议书"])
    f4.append([None, "正在整治", "总计"])
    f4.merge_cells("B4:C4")
    for c in "ADEFGHIJ":
        f4.merge_cells(f"{c}4:{c}5")
    f4.append(["汇龙镇", 1, 1, 1, 0, 0, 0, 0, 0, 0])
    p = tmp_path / "汇龙镇.xlsx"
    wb.save(p)
    code, data = run_json(runner, "check", p, "--period", "2022-06")
    found = {(f["code"], f["sheet"], f["cell"], f["row"]) for f in data["findings"] if f["code"].startswith("COLUMN_")}
    assert found == {("COLUMN_UNKNOWN", "附件2", "C5", 5), ("COLUMN_MISSING", "附件4", "C5", 5)}, found
    [missing] = [f for f in data["findings"] if f["code"] == "COLUMN_MISSING"]
    assert "在“总计”列之前插入" in missing["message"]


def test_a_list_under_the_city_bureaus_own_name_is_no_townships(tmp_path: Path) -> None:
    """附件2 alone, 填报单位 启东市民政局, a file name naming no town: its rows were the bureau's, a unit of their own,
    without a word. UNIT_UNKNOWN at the 填报单位 cell asks for the township's name."""
    spec = specs_for("汇龙镇")["F2"]
    spec.unit_line = "启东市民政局"
    spec.rows = [{**r, "lead_unit": "民政办"} for r in spec.rows]
    p = write(tmp_path / "报表.xlsx", "汇龙镇", [spec])
    loaded, _ = load([p], default_config(), "2022-06")
    unknown = [f for f in loaded.findings if f.code.value == "UNIT_UNKNOWN"]
    assert [(f.sheet, f.cell, f.severity.value) for f in unknown] == [("附件2", "A3", "error")]
    assert "本级汇总单位" in unknown[0].message

    # the file name says whose: no finding, the town's rows
    p = write(tmp_path / "北新镇_附件2.xlsx", "汇龙镇", [spec])
    loaded, _ = load([p], default_config(), "2022-06")
    assert [f for f in loaded.findings if f.code.value.startswith("UNIT_")] == [] and list(loaded.submissions) == ["北新镇"]

    # a city's own list, its 牵头排查单位 naming its towns: the bureau's own workbook, as before
    city = specs_for("汇龙镇")["F2"]
    city.unit_line = "启东市民政局"
    city.rows = [{**r, "lead_unit": town} for r, town in zip(city.rows, ("汇龙镇民政办", "南阳镇民政办", "北新镇民政办"), strict=True)]
    p = write(tmp_path / "全市名单.xlsx", "汇龙镇", [city])
    loaded, _ = load([p], default_config(), "2022-06")
    assert [f for f in loaded.findings if f.code.value.startswith("UNIT_")] == []


def test_every_form_under_the_city_bureaus_own_name_is_no_townships(tmp_path: Path, runner) -> None:
    """附件1 with its 乡镇 blank, 附件3 alone, 附件4 with its first column blank, 填报单位 启东市 and a file name naming no
    town: they passed without a word (only 附件2 was UNIT_UNKNOWN), the rows a 13th unit 启东市民政局 in the
    consolidated workbook, which then failed its own check (audit of units). The consolidated workbook itself, under
    that name, is still checked clean."""
    specs = specs_for("汇龙镇")
    for key in ("F1", "F3", "F4"):
        specs[key].unit_line = "启东市"
    specs["F1"].rows = [{**r, "township": ""} for r in specs["F1"].rows]
    for key in ("F1", "F3", "F4"):
        p = write(tmp_path / key / "报表.xlsx", "汇龙镇", [specs[key]])
        loaded, _ = load([p], default_config(), "2022-06")
        unknown = [(f.sheet, f.severity.value, f.unit) for f in loaded.findings if f.code.value == "UNIT_UNKNOWN"]
        assert unknown == [(f"附件{key[1]}", "error", "启东市民政局")], key
    inbox = tmp_path / "收件"
    write(inbox / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    assert run(runner, "consolidate", str(inbox), "-o", str(tmp_path / "out"), "--period", "2022-06").exit_code == 0
    code, data = run_json(runner, "check", str(tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx"))
    assert [f for f in data["findings"] if f["code"] == "UNIT_UNKNOWN"] == [] and code == 0


def test_unit_messages_take_their_example_from_the_configured_list(tmp_path: Path, runner) -> None:
    """Under another city's list the messages said 如 汇龙镇 (itself no unit there) and 请由市局 (audit of units)."""
    (tmp_path / "yanglao.toml").write_text('reporting_unit = "海门区民政局"\nunits = ["海门街道", "三厂街道"]\n',
                                           encoding="utf-8")
    spec = specs_for("汇龙镇")["F2"]
    spec.unit_line = "民政办"
    spec.rows = [{**r, "lead_unit": "民政办"} for r in spec.rows]
    p = write(tmp_path / "报表.xlsx", "汇龙镇", [spec])
    code, data = run_json(runner, "check", str(p), "--config", str(tmp_path / "yanglao.toml"))
    (message,) = [f["message"] for f in data["findings"] if f["code"] == "UNIT_UNKNOWN"]
    assert "海门街道" in message and "汇龙镇" not in message
    spec.unit_line = "启东经济开发区"
    p = write(tmp_path / "开发区.xlsx", "汇龙镇", [spec])
    code, data = run_json(runner, "check", str(p), "--config", str(tmp_path / "yanglao.toml"))
    (message,) = [f["message"] for f in data["findings"] if f["code"] == "UNIT_UNKNOWN"]
    assert "由海门区民政局在 yanglao.toml 中添加" in message


def test_an_inbox_with_no_form_in_it_writes_nothing_and_exits_2(tmp_path: Path, runner) -> None:
    """An inbox holding only a workbook that opens but has no 附件1–4 (an address list: the wrong folder) wrote a
    consolidated workbook of twelve blank units and exited 1; like an inbox of corrupt files, it is nothing
    readable: exit 2, nothing written, the file's FORM_NOT_FOUND said."""
    inbox = tmp_path / "收件"
    inbox.mkdir()
    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "电话"])
    wb.active.append(["张三", "13800000000"])
    wb.save(inbox / "北新镇_通讯录.xlsx")
    out = tmp_path / "输出"
    code, data = run_json(runner, "consolidate", inbox, "-o", out)
    assert code == 2 and data["summary"]["outputs"] == [] and not out.exists()
    assert "FORM_NOT_FOUND" in {f["code"] for f in data["findings"]}
    res = run(runner, "consolidate", inbox, "-o", out)
    assert res.exit_code == 2 and "未写出汇总表" in res.output
    # with one township's forms beside it, the workbook is written
    write(inbox / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    code, data = run_json(runner, "consolidate", inbox, "-o", out)
    assert code == 1 and len(data["summary"]["outputs"]) == 3  # (FORM_NOT_FOUND is an error)


def test_a_blank_list_beside_filled_forms_still_counts_as_reported(tmp_path: Path, runner) -> None:
    """A blank template sent back counts as nothing reported (test_template); an empty 附件2/附件3 in a workbook
    whose 附件1 is filled is a true report of no facility at risk."""
    specs = specs_for("汇龙镇")
    specs["F2"].rows = []
    specs["F3"].rows = []
    specs["F2"].footer_date = specs["F3"].footer_date = None
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    code, data = run_json(runner, "status", p, "--period", "2022-06")
    unit = next(u for u in data["units"] if u["unit"] == "汇龙镇")
    assert unit["missing"] == [] and set(unit["forms"]) == {"F1", "F2", "F3", "F4"}


def test_points_excel_made_a_date_are_explained_with_what_was_typed(tmp_path: Path, runner) -> None:
    """1-3 typed into a General cell is 1月3日: the advice said 如 1、3, dropping point 2 (the tool reads 1-3 as 1
    to 3); it gives the points typed."""
    specs = {"F2": specs_for("汇龙镇")["F2"]}
    specs["F2"].rows[0]["points"] = dt.datetime(2022, 1, 3)
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    code, data = run_json(runner, "check", p)
    invalid = [f for f in data["findings"] if f["code"] == "VALUE_INVALID"]
    assert [(f["sheet"], f["cell"]) for f in invalid] == [("附件2", "D5")]
    assert "如 1、2、3" in invalid[0]["message"] and "如 1、3）" not in invalid[0]["message"]


def test_forms_named_alike_need_no_new_finding(tmp_path: Path) -> None:
    """The examples' kind of workbook (one town, four sheets, one 填报单位): no UNIT_ finding at all."""
    p = write(tmp_path / "2022年6月报表.xlsx", "海复镇", specs_for("海复镇"))
    assert unit_findings(p) == []


def test_a_short_form_two_units_share_names_neither(tmp_path: Path) -> None:
    """东海镇 and 东海街道 both listed: 填报单位“东海” went silently to the one listed first, the other reported missing
    (blind audit of other cities' configurations). Now it names neither: UNIT_UNKNOWN asking which, unless the
    乡镇 column or the file name says; the office says which too (新港办事处 is a 街道's, 人民政府 a 镇's)."""
    from yanglao_cli.config import parse_config

    config = parse_config('reporting_unit = "某区民政局"\nunits = ["东海镇", "东海街道", "新港镇", "新港街道"]\n', "t")
    assert [config.match_unit(t).name for t in ("东海", "东海民政办", "新港办事处", "新港人民政府", "东海街道民政办")] == \
        [None, None, "新港街道", "新港镇", "东海街道"]
    assert config.match_unit("东海").suggestion == "东海镇”或“东海街道"
    for unit_line, name, expected in (("东海", "6月报表.xlsx", None), ("东海民政办", "东海街道6月报表.xlsx", "东海街道"),
                                      ("新港办事处", "6月报表.xlsx", "新港街道")):
        folder = tmp_path / f"in{len(unit_line)}{len(name)}"
        specs = specs_for("东海镇")
        for spec in specs.values():
            spec.unit_line = unit_line
        specs["F1"].rows[0]["township"] = unit_line
        for row in specs["F2"].rows:
            row["lead_unit"] = "镇民政办"  # (a 牵头排查单位 naming 东海镇 would say whose it is)
        write(folder / name, "东海镇", specs)
        loaded, _ = load([folder], config, "2022-06")
        found = [(f.code.value, f.cell) for f in loaded.findings if f.code.value.startswith("UNIT_")]
        if expected is None:
            assert set(loaded.submissions) == {"东海"} and ("UNIT_UNKNOWN", "A3") in found
            assert "是东海镇还是东海街道" in next(f.message for f in loaded.findings if f.code.value == "UNIT_UNKNOWN")
        else:
            assert set(loaded.submissions) == {expected} and found == [], (unit_line, found)
    # 牵头排查单位 says which of the two (东海镇民政办), but not another town's left from a neighbour's form
    for i, (lead, expected) in enumerate((("东海镇民政办", "东海镇"), ("新港镇民政办", None))):
        folder = tmp_path / f"lead{i}"  # (a folder named after a town says whose its files are)
        specs = specs_for("东海镇")
        for spec in specs.values():
            spec.unit_line = "东海民政办"
        specs["F1"].rows[0]["township"] = ""
        for row in specs["F2"].rows:
            row["lead_unit"] = lead
        write(folder / "6月报表.xlsx", "东海镇", specs)
        loaded, _ = load([folder], config, "2022-06")
        if expected:
            assert set(loaded.submissions) == {expected}
        else:
            assert "新港镇" not in loaded.submissions
            assert "是东海镇还是东海街道" in next(f.message for f in loaded.findings if f.code.value == "UNIT_UNKNOWN")


def test_a_unit_added_with_its_province_or_city_in_front_signs_without_it() -> None:
    """江苏吕四海洋经济开发区 and 启东滨海工业园 added to yanglao.toml sign their forms 吕四海洋经济开发区 and 滨海工业园:
    UNIT_UNKNOWN on every sheet, asking the bureau to add what it had added (SPEC: short forms match; sweep)."""
    from yanglao_cli.config import parse_config

    config = parse_config('reporting_unit = "启东市民政局"\nunits = ["汇龙镇", "江苏吕四海洋经济开发区", "启东滨海工业园", '
                          '"吕四港镇"]\n', "t")
    assert [config.match_unit(t).name for t in ("吕四海洋经济开发区", "滨海工业园", "滨海工业园管委会", "启东滨海工业园",
                                                  "汇龙镇", "吕四港镇")] == \
        ["江苏吕四海洋经济开发区", "启东滨海工业园", "启东滨海工业园", "启东滨海工业园", "汇龙镇", "吕四港镇"]


def test_a_unit_named_with_another_place_beside_it_is_not_that_unit() -> None:
    """At a city whose units are counties, 如东县掘港街道民政办 — a township's own report — was taken for 如东县's (its
    SUBMISSION_MISSING unsaid, the township's list merged into the county's); at 如东县, 海安市城中街道 — another
    county's township of the same name — was taken in silently (audit of another county's configuration). The
    unit itself written with its county, city or province before it is still the unit."""
    city = parse_config('reporting_unit = "南通市民政局"\nunits = ["如东县", "海安市"]\n', "t")
    assert [city.match_unit(t).name for t in ("如东县", "如东县民政局", "南通市如东县", "江苏省南通市如东县人民政府")] == \
        ["如东县"] * 4
    said = city.match_unit("如东县掘港街道民政办")
    assert said.name is None and said.suggestion == "如东县" and city.match_unit("海安市城东镇").name is None
    county = parse_config('reporting_unit = "如东县民政局"\nunits = ["城中街道", "掘港街道"]\n', "t")
    assert [county.match_unit(t).name for t in ("如东县城中街道", "江苏省南通市如东县城中街道", "城中街道民政办",
                                                "城中街道办事处")] == ["城中街道"] * 4
    assert county.match_unit("海安市城中街道").name is None
    # a part of the unit after its name is still the unit's (南阳镇（城区）: UNIT_CONFLICT of one town; sweep audit)
    assert [default_config().match_unit(t).name for t in ("南阳镇（城区）", "南阳镇(集镇)", "南阳镇农村")] == ["南阳镇"] * 3


def test_a_level_listing_offices_takes_their_place_alone(tmp_path: Path, runner) -> None:
    """南通市 lists 海门区民政局; 海门区's consolidated workbook signed 海门区 (what `consolidate --unit 海门区` writes),
    海门 or 海门区人民政府 was UNIT_UNKNOWN without a suggestion, 海门区民政局 SUBMISSION_MISSING (audit of the levels).
    The place alone names the office; a township of that place (海门街道) still does not."""
    city = parse_config('reporting_unit = "南通市民政局"\nunits = ["启东市民政局", "海门区民政局", "如东县民政局"]\n', "t")
    assert [city.match_unit(t).name for t in ("海门区", "海门", "海门区人民政府", "海门区民政局", "如东县", "启东市",
                                              "启东")] == \
        ["海门区民政局", "海门区民政局", "海门区民政局", "海门区民政局", "如东县民政局", "启东市民政局", "启东市民政局"]
    assert city.match_unit("海门街道").name is None and city.match_unit("启东市汇龙镇").name is None
    (tmp_path / "haimen.toml").write_text('reporting_unit = "海门区民政局"\nunits = ["海门街道"]\n', encoding="utf-8")
    (tmp_path / "nantong.toml").write_text('reporting_unit = "南通市民政局"\nunits = ["启东市民政局", "海门区民政局"]\n',
                                           encoding="utf-8")
    write(tmp_path / "towns" / "海门街道.xlsx", "海门街道", specs_for("海门街道"))
    code, _ = run_json(runner, "consolidate", tmp_path / "towns", "-o", tmp_path / "county", "--period", "2022-06",
                       "--unit", "海门区", "--config", tmp_path / "haimen.toml")
    assert code == 0
    code, data = run_json(runner, "consolidate", tmp_path / "county", "-o", tmp_path / "city", "--period", "2022-06",
                          "--config", tmp_path / "nantong.toml")
    assert code == 0 and "UNIT_UNKNOWN" not in {f["code"] for f in data["findings"]}
    assert [f["unit"] for f in data["findings"] if f["code"] == "SUBMISSION_MISSING"] == ["启东市民政局"]


def test_a_file_named_for_a_place_outside_the_list_is_no_silent_copy_of_a_unit_s(tmp_path: Path) -> None:
    """A development zone's figures in a copy of 吕四港镇's workbook, its 填报单位 left 吕四港镇, the file named
    江苏吕四海洋经济开发区_2022年6月.xlsx and dated later: nothing said, and its figures replaced the town's own (SPEC
    sweep). The file name disagrees: UNIT_CONFLICT, and the town's own report counts."""
    write(tmp_path / "in" / "吕四港镇_2022年6月.xlsx", "吕四港镇", specs_for("吕四港镇", seed=2))
    zone = specs_for("吕四港镇", seed=7, date="2022-06-17")
    write(tmp_path / "in" / "江苏吕四海洋经济开发区_2022年6月.xlsx", "吕四港镇", zone)
    loaded, _ = load([tmp_path / "in"], default_config(), "2022-06")
    conflicts = {(Path(f.file).name, f.code.value) for f in loaded.findings if f.code.value == "UNIT_CONFLICT"}
    assert conflicts == {("江苏吕四海洋经济开发区_2022年6月.xlsx", "UNIT_CONFLICT")}
    [line] = loaded.submissions["吕四港镇"].f1
    assert Path(line.file).name == "吕四港镇_2022年6月.xlsx"


def test_equally_near_units_are_all_suggested_and_an_alias_signs_with_its_office(tmp_path: Path) -> None:
    """三兴镇 is one character from 三厂街道, 三星镇 and 三阳镇: the suggestion was 三厂街道 (first listed), a 街道 for a
    镇; now the 镇 of them, both. A zone signs as its 管委会 (高新区管委会, its alias 高新区): it was UNIT_UNKNOWN.
    monthly_day = true was day 1 (every report late): refused (blind audit of other cities' configurations)."""
    from yanglao_cli.config import ConfigError, parse_config

    config = parse_config('reporting_unit = "海门区民政局"\nunits = ["海门街道", "三厂街道", "三星镇", "三阳镇", '
                          '{ name = "高新技术产业开发区", aliases = ["高新区"] }]\n', "t")
    assert config.match_unit("三兴镇").suggestion == "三星镇”或“三阳镇"
    assert config.match_unit("三厂街到").suggestion == "三厂街道"
    assert [config.match_unit(t).name for t in ("高新区管委会", "高新区管理委员会", "高新技术产业开发区管委会")] == \
        ["高新技术产业开发区"] * 3
    with pytest.raises(ConfigError, match="monthly_day 写成了 true"):
        parse_config('units = ["汇龙镇"]\n[deadlines]\nmonthly_day = true\n', "t")


def test_an_alias_typed_one_character_off_suggests_its_unit() -> None:
    """吕泗 (the alias 吕四 misspelt), 园陀角 (圆陀角), 临江新去 (临江新区): UNIT_UNKNOWN without a word of which unit was
    meant — or, for 临江新去, told no township was named at all (audit of configurations). A misspelt alias
    suggests its unit as a misspelt name does."""
    from yanglao_cli.config import default_config, parse_config

    config = parse_config('reporting_unit = "海门区民政局"\nunits = ["海门街道", "三厂街道", '
                          '{ name = "临江镇", aliases = ["临江新区"] }, "常乐镇", '
                          '{ name = "圆陀角旅游度假区", aliases = ["圆陀角"] }, { name = "吕四港镇", aliases = ["吕四"] }]\n',
                          "t")
    for typed, meant in (("吕泗", "吕四港镇"), ("园陀角", "圆陀角旅游度假区"), ("临江新去", "临江镇"), ("三场", "三厂街道")):
        match = config.match_unit(typed)
        assert (match.name, match.suggestion) == (None, meant), typed
        assert config.names_a_place(typed), typed
    assert default_config().match_unit("吕泗").suggestion == "吕四港镇"
    assert default_config().match_unit("南通市").suggestion is None  # (another level of place: no guess)


def test_a_place_of_another_kind_is_another_unit() -> None:
    """新市街道 (not listed) was taken for the listed 新市镇, 龙潭镇 for 龙潭乡, 汇龙街道 for 汇龙镇: the short form
    followed by 镇/街道 matched, silently, with another unit's 附件4 replacing the listed one's (blind audit of
    another city). Another kind of place is UNIT_UNKNOWN, suggesting the listed one; an alias with its unit's own kind
    (吕四镇 for 吕四港镇) and a short form in a file name still name the unit."""
    from yanglao_cli.config import parse_config

    config = parse_config('reporting_unit = "海滨区民政局"\nunits = ["新市镇", "龙潭乡", "县前街道"]\n', "t")
    for written, listed in (("新市街道", "新市镇"), ("新市街道办事处", "新市镇"), ("龙潭镇", "龙潭乡"),
                            ("龙潭镇人民政府", "龙潭乡"), ("县前镇", "县前街道")):
        assert config.unit_named(written) is None, written
        assert config.match_unit(written).suggestion == listed, written
    assert [config.unit_named(t) for t in ("新市镇人民政府", "新市_6月", "新市6月报表", "龙潭乡民政办", "县前街道办事处")] == \
        ["新市镇", "新市镇", "新市镇", "龙潭乡", "县前街道"]
    cfg = default_config()
    assert cfg.unit_named("汇龙街道") is None and cfg.match_unit("汇龙街道").suggestion == "汇龙镇"
    assert [cfg.unit_named(t) for t in ("吕四镇", "吕四港镇民政办", "汇龙_6月", "汇龙镇附件1")] == ["吕四港镇", "吕四港镇", "汇龙镇",
                                                                                         "汇龙镇"]


def test_an_ethnic_township_by_its_place_name_and_a_misspelt_name_by_its_kind(tmp_path: Path) -> None:
    """黄竹乡 for the listed 黄竹瑶族乡 was UNIT_UNKNOWN on every sheet (the everyday name of a 民族乡); 东海导街道 was
    said to be 东海镇 (one character more) rather than 东海岛街道 (one character wrong, and a 街道; blind audit)."""
    from yanglao_cli.config import parse_config

    config = parse_config('reporting_unit = "海滨区民政局"\nunits = ["东海镇", "东海岛街道", "黄竹瑶族乡", "大坪回族乡", '
                          '"新港镇", "新港经济开发区"]\n', "t")
    assert [config.match_unit(t).name for t in ("黄竹乡", "黄竹", "黄竹乡人民政府", "大坪乡民政办", "黄竹瑶族乡")] == \
        ["黄竹瑶族乡", "黄竹瑶族乡", "黄竹瑶族乡", "大坪回族乡", "黄竹瑶族乡"]
    assert config.unit_named("黄竹乡_6月报表") == "黄竹瑶族乡" and config.unit_named("黄竹镇") is None
    assert config.match_unit("东海导街道").suggestion == "东海岛街道"
    assert config.match_unit("新港开发区").suggestion == "新港经济开发区"
    specs = specs_for("黄竹瑶族乡")
    for spec in specs.values():
        spec.unit_line = "黄竹乡人民政府"
    specs["F1"].rows[0]["township"] = "黄竹乡"
    write(tmp_path / "in" / "报表.xlsx", "黄竹瑶族乡", specs)
    loaded, _ = load([tmp_path / "in"], config, "2022-06")
    assert set(loaded.submissions) == {"黄竹瑶族乡"}
    assert not [f for f in loaded.findings if f.code.value.startswith("UNIT_")], loaded.findings


def test_a_workbook_copied_from_a_neighbour_with_its_unit_line_left_is_named_where_its_unit_is_missing(
        tmp_path: Path, runner) -> None:
    """惠萍镇's clerk filled a copy of 北新镇's workbook and left 填报单位：北新镇: read as 北新镇's (SPEC: the 填报单位 line
    first, UNIT_CONFLICT), and 惠萍镇's SUBMISSION_MISSING said nothing of the file named for it (blind audit)."""
    specs = specs_for("惠萍镇")
    for spec in specs.values():
        spec.unit_line = "北新镇"
    write(tmp_path / "in" / "惠萍镇附件1-4（6月）.xlsx", "惠萍镇", specs)
    write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    code, data = run_json(runner, "status", str(tmp_path / "in"), "--period", "2022-06")
    assert "UNIT_CONFLICT" in {f["code"] for f in data["findings"] if f["unit"] == "北新镇"}
    missing = {f["unit"]: f["message"] for f in data["findings"] if f["code"] == "SUBMISSION_MISSING"}
    assert "收到的惠萍镇附件1-4（6月）.xlsx填报单位写的是北新镇，已按北新镇的报表处理，可能就是该单位的报表" in missing["惠萍镇"]
    assert "北新镇" not in missing and "惠萍镇附件1-4" not in missing["南阳镇"]


def test_the_districts_own_name_and_an_unknown_name_near_a_unit(tmp_path: Path, runner) -> None:
    """填报单位“海门区” (the reporting 海门区民政局's district) on 三阳镇's forms was UNIT_UNKNOWN suggesting 海门街道 and
    三阳镇 was reported missing; now it is the bureau's name, the 乡镇 column says whose. A file whose 填报单位 is not
    in the list (海门港) but whose name is a unit's (海门港新区.xlsx): SUBMISSION_MISSING for that unit says the file
    came (a clerk rang a township that had sent its forms; blind audit of other cities' configurations)."""
    toml = tmp_path / "海门.toml"
    toml.write_text('reporting_unit = "海门区民政局"\nunits = ["海门街道", "三阳镇", "海门港新区"]\n', encoding="utf-8")
    for name, unit, line in (("报表.xlsx", "三阳镇", "海门区"), ("海门港新区.xlsx", "海门港新区", "海门港")):
        specs = specs_for(unit)
        for spec in specs.values():
            spec.unit_line = line
        for row in specs["F2"].rows:
            row["lead_unit"] = "民政办"
        write(tmp_path / "in" / name, unit, specs)
    code, data = run_json(runner, "status", str(tmp_path / "in"), "--period", "2022-06", "--config", str(toml))
    missing = {f["unit"]: f["message"] for f in data["findings"] if f["code"] == "SUBMISSION_MISSING"}
    assert "三阳镇" not in missing
    # (its 填报单位 海门港 nearest the unit its file is named for: read as 海门港新区's, said UNIT_UNKNOWN — not a
    # unit missing beside a place of its own; audit of mutations)
    assert "海门港新区" not in missing and "海门港新区.xlsx" not in missing["海门街道"]
    unknown = [f for f in data["findings"] if f["code"] == "UNIT_UNKNOWN"]
    assert {f["unit"] for f in unknown} == {"海门港新区"} and all("填报单位“海门港”" in f["message"] for f in unknown)
    assert all("本表暂按“海门港新区”读取" in f["message"] for f in unknown)


def test_configured_names_lose_the_spaces_typed_around_them_and_an_empty_bureau_is_refused(tmp_path: Path,
                                                                                           runner) -> None:
    """" 汇龙镇", "南阳镇　", "北新 镇" matched the forms but were written as typed into 汇总, the messages and the 填报单位
    line; reporting_unit "" or "　" wrote 未命名_2022-06_汇总.xlsx with an empty line that failed its own check
    (audit of units). Names are cleaned; an empty reporting unit is a configuration error (exit 2)."""
    from yanglao_cli.config import ConfigError, parse_config

    cfg = parse_config('reporting_unit = " 启东市民政局 "\nunits = [" 汇龙镇", "南阳镇\u3000", '
                       '{ name = "北新 镇", aliases = ["", "北新"] }]\n', "test")
    assert cfg.reporting_unit == "启东市民政局" and cfg.unit_names == ["汇龙镇", "南阳镇", "北新镇"]
    assert cfg.units[2].aliases == ["北新"]
    for blank in ('""', '"\u3000"', '" "'):
        with pytest.raises(ConfigError, match="reporting_unit"):
            parse_config(f'reporting_unit = {blank}\nunits = ["汇龙镇"]\n', "test")
    (tmp_path / "yanglao.toml").write_text('reporting_unit = ""\nunits = ["汇龙镇"]\n', encoding="utf-8")
    res = run(runner, "status", str(tmp_path), "--config", str(tmp_path / "yanglao.toml"), "--period", "2022-06")
    assert res.exit_code == 2 and "reporting_unit" in res.stderr


def test_a_county_or_city_named_is_not_suggested_as_a_misspelt_township() -> None:
    """UNIT_UNKNOWN suggested 海复镇 for 海门区, 南阳镇 for 南通市, 东海镇 for 如东县 (one character and the level word in
    common; audit of units). A district, county or city is another place; its own name with another level word (如东市
    for 如东县) and a township's typo (汇拢镇) are still suggested."""
    from yanglao_cli.config import parse_config

    cfg = default_config()
    for place in ("海门区民政局", "海门区", "海安市", "南通市", "如东县", "启东市民政局"):
        assert cfg.match_unit(place).suggestion is None, place
    assert cfg.match_unit("汇拢镇").suggestion == "汇龙镇" and cfg.match_unit("王宝镇").suggestion == "王鲍镇"
    nantong = parse_config('reporting_unit = "南通市民政局"\nunits = ["启东市", "海门区", "如东县"]\n', "test")
    assert nantong.match_unit("海安市民政局").suggestion is None
    assert nantong.match_unit("如东市").suggestion == "如东县"


def test_a_unit_line_naming_two_units_is_said_and_the_file_name_decides(tmp_path: Path) -> None:
    """填报单位 南阳镇、北新镇 went to 南阳镇 without a word, and with the file 北新镇_6月.xlsx the conflict misquoted the
    line as 南阳镇 (audit of units). UNIT_CONFLICT at the line (A3 here) names both; the one the file name also names is taken."""
    spec = specs_for("汇龙镇")["F2"]
    spec.unit_line = "南阳镇、北新镇"
    spec.rows = [{**r, "lead_unit": "民政办"} for r in spec.rows]
    for name, unit in (("报表.xlsx", "南阳镇"), ("北新镇_6月.xlsx", "北新镇")):
        p = write(tmp_path / name, "汇龙镇", [spec])
        loaded, _ = load([p], default_config(), "2022-06")
        conflicts = [f for f in loaded.findings if f.code.value.startswith("UNIT_")]
        assert [(f.code.value, f.cell, f.unit) for f in conflicts] == [("UNIT_CONFLICT", "A3", unit)], name
        assert "南阳镇、北新镇" in conflicts[0].message and list(loaded.submissions) == [unit]
    spec.unit_line = "汇龙镇民政办"  # one unit: nothing to say
    p = write(tmp_path / "one" / "报表.xlsx", "汇龙镇", [spec])
    assert [f for f in load([p], default_config(), "2022-06")[0].findings if f.code.value.startswith("UNIT_")] == []


def test_an_unknown_unit_is_said_where_it_was_written(tmp_path: Path) -> None:
    """A 乡镇 column's typo (汇尤镇, the 填报单位 line blank) and a place only the file name gives (南阳路社区.xlsx)
    were both worded 填报单位“…”, though nothing was written there (audit of units)."""
    specs = specs_for("汇龙镇")
    specs["F1"].unit_line = ""
    specs["F1"].rows = [{**r, "township": "汇尤镇"} for r in specs["F1"].rows]
    p = write(tmp_path / "a" / "报表.xlsx", "汇龙镇", [specs["F1"]])
    (found,) = [f for f in load([p], default_config(), "2022-06")[0].findings if f.code.value == "UNIT_UNKNOWN"]
    assert found.message.startswith("乡镇列“汇尤镇”不在单位名单中") and "汇龙镇" in found.message
    spec = specs_for("汇龙镇")["F2"]
    spec.unit_line = ""
    spec.rows = [{**r, "lead_unit": "民政办"} for r in spec.rows]
    p = write(tmp_path / "b" / "南阳路社区.xlsx", "汇龙镇", [spec])
    (found,) = [f for f in load([p], default_config(), "2022-06")[0].findings if f.code.value == "UNIT_UNKNOWN"]
    assert found.message.startswith("填报单位没有写明区镇，文件名中的“南阳路社区”") and found.unit == "南阳路社区"


def test_a_townships_folder_above_a_months_folder_says_whose(tmp_path: Path) -> None:
    """收件/汇龙镇/6月/附件.xlsx with its 填报单位 blank was UNIT_UNKNOWN: only the month's folder was looked at (audit
    of units). The folders above it are too, nearest first."""
    spec = specs_for("汇龙镇")["F2"]
    spec.unit_line = ""
    spec.rows = [{**r, "lead_unit": "民政办"} for r in spec.rows]
    write(tmp_path / "收件" / "汇龙镇" / "6月" / "附件.xlsx", "汇龙镇", [spec])
    loaded, _ = load([tmp_path / "收件"], default_config(), "2022-06")
    assert [f for f in loaded.findings if f.code.value.startswith("UNIT_")] == []
    assert list(loaded.submissions) == ["汇龙镇"]


def test_a_config_of_deadlines_alone_keeps_the_embedded_units(tmp_path: Path, runner) -> None:
    """yanglao.toml with only [deadlines] monthly_day = 25: refused, “没有列出任何单位” (blind audit of status). It
    keeps 启东市's twelve towns and takes the day; one naming another bureau must still list its units."""
    from yanglao_cli.config import ConfigError

    cfg = parse_config("[deadlines]\nmonthly_day = 25\n", "yanglao.toml")
    assert cfg.unit_names == default_config().unit_names and cfg.deadlines.monthly_day == 25
    assert cfg.reporting_unit == "启东市民政局"
    with pytest.raises(ConfigError, match="没有列出任何单位"):
        parse_config('reporting_unit = "海门区民政局"\n', "yanglao.toml")
    with pytest.raises(ConfigError, match="没有列出任何单位"):
        parse_config("units = []\n", "yanglao.toml")
    (tmp_path / "yanglao.toml").write_text("[deadlines]\nmonthly_day = 25\n", encoding="utf-8")
    examples = Path(__file__).resolve().parents[1] / "examples" / "2022-06"
    code, data = run_json(runner, "status", examples, "--period", "2022-06", "--config", tmp_path / "yanglao.toml")
    assert code == 0 and not [f for f in data["findings"] if f["code"] == "SUBMISSION_LATE" and f["unit"] != "启东市民政局"]


def test_two_files_naming_no_unit_under_one_file_name_are_two_senders(tmp_path: Path) -> None:
    """微信文件/附件2.xlsx and 邮件附件/附件2.xlsx, neither saying whose (填报单位 blank, 牵头排查单位 民政办): one unit
    附件2, the older file SUBMISSION_SUPERSEDED, its rows and its UNIT_UNKNOWN left out (audit of inboxes). Two
    senders, each asked for its unit, each row kept."""
    for folder, date in (("微信文件", "2022-06-16"), ("邮件附件", "2022-06-18")):
        specs = specs_for("汇龙镇", n=1, date=date)
        specs["F2"].unit_line = ""
        specs["F2"].rows[0].update(lead_unit="民政办")
        write(tmp_path / folder / "附件2.xlsx", "汇龙镇", [specs["F2"]])
    loaded, _ = load([tmp_path], default_config(), "2022-06")
    unknown = sorted((Path(f.file).parent.name, f.unit) for f in loaded.findings if f.code.value == "UNIT_UNKNOWN")
    assert unknown == [("微信文件", "附件2（微信文件）"), ("邮件附件", "附件2（邮件附件）")]
    assert "SUBMISSION_SUPERSEDED" not in {f.code.value for f in loaded.findings}
    assert sum(len(sub.f2) for sub in loaded.submissions.values()) == 2


def test_a_sheet_named_after_a_town_says_whose_its_rows_are(tmp_path: Path) -> None:
    """各镇附件2.xlsx, the towns' 附件2 side by side on sheets named 惠萍镇 and 东海镇, 填报单位 blank and 牵头排查单位
    民政办: both were UNIT_UNKNOWN ("表中也看不出"), though each tab names its town (audit of inboxes). The tab comes
    after the 填报单位 line and the 乡镇 column, before the file's name, and disagrees with it aloud."""
    specs = []
    for town in ("惠萍镇", "东海镇"):
        spec = specs_for(town, n=1)["F2"]
        spec.unit_line, spec.sheet_name = "", town
        spec.rows[0].update(lead_unit="民政办", name=f"{town}康乐老年公寓")
        specs.append(spec)
    p = write(tmp_path / "各镇附件2.xlsx", "汇龙镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    assert [f for f in loaded.findings if f.code.value.startswith("UNIT_")] == []
    assert {u: [r.name for r in sub.f2] for u, sub in loaded.submissions.items()} == {
        "惠萍镇": ["惠萍镇康乐老年公寓"], "东海镇": ["东海镇康乐老年公寓"]}
    # a file named after another town: the tab is followed, the disagreement said at the blank 填报单位 line
    p = write(tmp_path / "汇龙镇_6月.xlsx", "汇龙镇", specs[:1])
    assert unit_findings(p) == [("UNIT_CONFLICT", "惠萍镇", "A3", "惠萍镇")]
    # a line naming its town speaks first; a tab of no town (附件2) leaves the file's name
    specs[0].unit_line, specs[1].unit_line, specs[1].sheet_name = "惠萍镇", "", "附件2"
    assert unit_findings(write(tmp_path / "惠萍镇_6月.xlsx", "汇龙镇", specs[:1])) == []
    assert unit_findings(write(tmp_path / "东海镇_6月.xlsx", "汇龙镇", specs[1:])) == []


def test_a_zone_not_in_the_list_is_not_suggested_to_be_another_place() -> None:
    """洋口港经济开发区 sent beside a list holding 如东经济开发区 and 洋口镇: “是否为如东经济开发区？” (their 经济开发
    alike), or 洋口镇 once the zone's kind was left aside — another place either way (county audit; README: 开发区等
    与名单中的地名不像的不硬凑一个). A zone misspelt still suggests its zone."""
    config = parse_config('reporting_unit = "如东县民政局"\nunits = ["洋口镇", "如东经济开发区", "掘港街道"]\n', "t")
    assert config.match_unit("洋口港经济开发区").suggestion is None
    assert config.match_unit("如东经济开发去").suggestion == "如东经济开发区"
    assert config.match_unit("如东开发区").suggestion == "如东经济开发区"
    assert config.match_unit("洋口真").suggestion == "洋口镇"


def test_a_zone_goes_by_its_abbreviation(tmp_path: Path) -> None:
    """经开区.xlsx signed 启东经济开发区 (a configured unit): UNIT_CONFLICT on every sheet, the file's name taken for
    another place (blind audit of codes). 经开区, 启东经开区 and 高新区 are the zones' own short forms."""
    config = parse_config('reporting_unit = "启东市民政局"\nunits = ["汇龙镇", "启东经济开发区", '
                          '"江苏吕四海洋经济开发区", "启东高新技术产业开发区"]\n', "t")
    assert [config.unit_named(t) for t in ("经开区", "启东经开区", "吕四海洋经开区", "高新区", "启东高新区")] == \
        ["启东经济开发区", "启东经济开发区", "江苏吕四海洋经济开发区", "启东高新技术产业开发区", "启东高新技术产业开发区"]
    spec = specs_for("汇龙镇")["F2"]
    spec.unit_line = "启东经济开发区"
    p = write(tmp_path / "经开区.xlsx", "启东经济开发区", [spec])
    loaded, _ = load([p], config, "2022-06")
    assert [f for f in loaded.findings if f.code.value.startswith("UNIT_")] == [] and list(loaded.submissions) == \
        ["启东经济开发区"]


def test_the_levels_own_place_names_no_town_of_that_name() -> None:
    """海门区民政局's list holds 海门街道: a 常乐镇 report signed 海门 was 海门街道's (UNIT_CONFLICT, a warning), 常乐镇
    said missing (blind audit of another county). 海门 alone is the level's own place as much as the town's: it names
    neither, the 乡镇 column decides; 海门街道 in full still is that town."""
    config = parse_config('reporting_unit = "海门区民政局"\nunits = ["海门街道", "常乐镇"]\n', "t")
    assert config.unit_named("海门") is None and config.unit_named("海门街道") == "海门街道"
    assert config.unit_named("常乐") == "常乐镇"


def test_a_short_name_set_apart_in_a_file_name_names_its_unit(tmp_path: Path) -> None:
    """汇龙_名单.xlsx, 吕四港_处置表.xlsx (an alias), 海复名单.xlsx, 填报单位 民政办: UNIT_UNKNOWN on every sheet —
    the short form was taken only before a few words (汇龙_6月, 汇龙_附件2); blind audit of a city's config."""
    cfg = default_config()
    assert [cfg.unit_named(t) for t in ("汇龙_名单", "吕四港-处置表", "海复名单", "近海 战果统计", "【南阳】清单")] == \
        ["汇龙镇", "吕四港镇", "海复镇", "近海镇", "南阳镇"]
    # two units so named are no one's; a short form run on into another word is no name (启隆生态科技产业园)
    assert [cfg.unit_named(t) for t in ("汇龙、南阳", "启隆生态科技产业园", "汇龙名胜")] == [None, None, None]
    # …nor one set apart before another place's name: a zone's file, not the town's (code review)
    assert [cfg.unit_named(t) for t in ("启隆 生态科技产业园_附件2", "启隆-生态园_6月名单", "吕四-海洋经济开发区_附件2",
                                        "汇龙_南阳_名单")] == [None, None, None, None]
    spec = specs_for("汇龙镇")["F2"]
    spec.unit_line = "民政办"
    spec.rows = [{**r, "lead_unit": "民政办"} for r in spec.rows]
    p = write(tmp_path / "汇龙_名单.xlsx", "汇龙镇", [spec])
    loaded, _ = load([p], default_config(), "2022-06")
    assert [f for f in loaded.findings if f.code.value.startswith("UNIT_")] == [] and list(loaded.submissions) == ["汇龙镇"]


def test_a_list_under_the_city_bureaus_name_whose_lead_names_one_town_is_that_towns(tmp_path: Path) -> None:
    """附件2.xlsx, 填报单位 启东市民政局 copied from the city's form, every 牵头排查单位 汇龙镇民政办: UNIT_UNKNOWN
    (本级汇总单位), though signed 民政办 the same list was 汇龙镇's (blind audit of a city's config)."""
    spec = specs_for("汇龙镇")["F2"]
    spec.unit_line = "启东市民政局"
    spec.rows = [{**r, "lead_unit": "汇龙镇民政办"} for r in spec.rows]
    p = write(tmp_path / "附件2.xlsx", "汇龙镇", [spec])
    loaded, _ = load([p], default_config(), "2022-06")
    assert [f for f in loaded.findings if f.code.value.startswith("UNIT_")] == [] and list(loaded.submissions) == ["汇龙镇"]


def test_a_township_consolidating_its_own_signed_lists(tmp_path: Path, runner) -> None:
    """consolidate --unit 汇龙镇 over 汇龙镇's own files, its 附件2/附件3 in a file named 附件2-3.xlsx signed 汇龙镇:
    UNIT_UNKNOWN 填报单位写的是“汇龙镇”（本级汇总单位），exit 1 — without --unit the same inbox was clean (blind
    audit of a city's config)."""
    specs = specs_for("汇龙镇")
    write(tmp_path / "in" / "汇龙镇_附件1和4.xlsx", "汇龙镇", [specs["F1"], specs["F4"]])
    write(tmp_path / "in" / "附件2-3.xlsx", "汇龙镇", [specs["F2"], specs["F3"]])
    code, data = run_json(runner, "consolidate", tmp_path / "in", "-o", tmp_path / "out", "--unit", "汇龙镇",
                          "--period", "2022-06")
    assert [f["code"] for f in data["findings"] if f["code"].startswith("UNIT_")] == []
    assert data["summary"]["units"] == 1 and data["summary"]["rows_read"] == data["summary"]["rows_written"]


def test_a_date_typed_on_the_unit_line_is_the_forms_date(tmp_path: Path, runner) -> None:
    """填报单位（盖章）：汇龙镇民政办    填报日期：2022年6月28日 in one cell, the footer's date blank: the form was undated,
    judged by the other forms' 6月15日 (a 立案 of 6月25日 DATE_IN_FUTURE, an error) and its lateness unsaid (blind
    audit of the codes). The date on the unit line is the form's."""
    specs = specs_for("汇龙镇", date="2022-06-15")
    specs["F3"].rows[0].update(case="是，2022年6月25日")
    p = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb["附件3"]
    ws["A3"] = "填报单位（盖章）：汇龙镇民政办        填报日期：2022年6月28日"
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(("填报日期", "填报时间")) and cell.row > 3:
                cell.value = "填报日期："
    wb.save(p)
    code, data = run_json(runner, "check", p)
    assert code == 0 and not [f for f in data["findings"] if f["code"] == "DATE_IN_FUTURE"]
    code, data = run_json(runner, "status", tmp_path / "in", "--period", "2022-06")
    assert [(f["code"], f["sheet"], f["cell"]) for f in data["findings"]
            if f["unit"] == "汇龙镇" and f["code"] == "SUBMISSION_LATE"] == [("SUBMISSION_LATE", "附件3", "A3")]


@pytest.mark.parametrize("command", ["check", "consolidate", "status"])
def test_another_countys_inbox_read_with_the_built_in_list_says_so(tmp_path: Path, runner, command: str,
                                                                   monkeypatch) -> None:
    """如东县's towns consolidated from a folder without its yanglao.toml: every form UNIT_UNKNOWN, 启东's towns all
    未报送 and nothing said why (audit of another county's configuration). A hint to write the configuration; none
    where one listed unit sent its forms, nor with a configuration of its own."""
    monkeypatch.chdir(tmp_path)
    inbox = tmp_path / "收件"
    write(inbox / "马塘镇.xlsx", "马塘镇", specs_for("马塘镇", n=1))
    args = [command, str(inbox), "--period", "2022-06"] + (["-o", str(tmp_path / "输出")] if command == "consolidate" else [])
    assert "yanglao init" in run(runner, *args).stderr
    (tmp_path / "yanglao.toml").write_text('reporting_unit = "如东县民政局"\nunits = ["马塘镇", "掘港街道"]\n', encoding="utf-8")
    assert "yanglao init" not in run(runner, *args).stderr
    (tmp_path / "yanglao.toml").unlink()
    write(inbox / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇", n=1))
    assert "yanglao init" not in run(runner, *args).stderr
    if command == "consolidate":  # this level's own consolidated workbook checked again is no foreign inbox (audits)
        (inbox / "马塘镇.xlsx").unlink()
        assert "yanglao init" not in run(runner, "check", str(next((tmp_path / "输出").glob("*.xlsx")))).stderr
        # nor is a blank template (the CI check of a generated template said so; audit of templates)
        run(runner, "template", "-o", str(tmp_path / "模板.xlsx"))
        assert "yanglao init" not in run(runner, "check", str(tmp_path / "模板.xlsx")).stderr


def test_a_forms_title_decides_against_its_file_name_without_a_unit_line(tmp_path: Path) -> None:
    """An 附件2 without a 填报单位 line titled 南阳镇…名单 in a file named 北新镇附件2.xlsx: counted as 北新镇's, the
    file's name before the title (audit of another county); the README says the title decides then. UNIT_CONFLICT
    still says the two disagree."""
    spec = specs_for("南阳镇")["F2"]
    spec.unit_line = ""
    for row in spec.rows:
        row["lead_unit"] = "镇民政办"
    p = write(tmp_path / "北新镇附件2.xlsx", "南阳镇", [spec])
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    at = next(c for row in ws.iter_rows(max_row=4) for c in row if "风险管控名单" in str(c.value or ""))
    at.value = "南阳镇" + at.value
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert list(loaded.submissions) == ["南阳镇"]
    assert [f.code.value for f in loaded.findings] == ["UNIT_CONFLICT"]


def test_a_unit_its_folder_names_is_said_of_the_folder(tmp_path: Path) -> None:
    """汇龙镇/附件.xlsx signed 南阳镇: UNIT_CONFLICT said “文件名“附件.xlsx”对应“汇龙镇”” — the name says nothing; the
    folder does (audit of another county)."""
    specs = specs_for("南阳镇")
    p = write(tmp_path / "收件" / "汇龙镇" / "附件.xlsx", "南阳镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    said = [f.message for f in loaded.findings if f.code.value == "UNIT_CONFLICT"]
    assert said and all("文件夹“汇龙镇”对应“汇龙镇”" in m and "文件名“附件.xlsx”" not in m for m in said)


@pytest.mark.parametrize(("label", "said"), [("海门街道", True), ("三厂镇", True), ("南阳镇", True), ("全市", False),
                                             ("合计", False), ("启东市", False)])
def test_f4s_first_column_naming_another_township_is_a_conflict(tmp_path: Path, runner, label: str,
                                                                 said: bool) -> None:
    """附件4's first column 海门街道 (a town outside the list) under 汇龙镇's 填报单位 line: nothing said, and the row
    written as 汇龙镇's, where a listed town there is UNIT_CONFLICT, as 附件1's 乡镇 column is (blind audit of another
    county's month). 全市, 合计 or the city there say nothing of a unit."""
    specs = specs_for("汇龙镇")
    specs["F4"].rows[0]["label"] = label
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", {"F4": specs["F4"]})
    code, data = run_json(runner, "check", p, "--period", "2022-06")
    found = [(f["code"], f["sheet"]) for f in data["findings"] if f["code"].startswith("UNIT_")]
    assert code == 0 and found == ([("UNIT_CONFLICT", "附件4")] if said else [])


@pytest.mark.parametrize("written", ["海门区三厂镇", "海门市三厂镇", "海门区三厂街到"])
def test_unit_unknown_suggests_by_the_name_after_this_levels_place(written: str) -> None:
    """海门区三厂镇 was asked 是否为“海门街道”或“海门经济技术开发区” (by its 海门), 海门区三厂街到 nothing, where 三厂镇
    alone is asked 是否为“三厂街道” (blind audit of another county's month)."""
    from yanglao_cli.config import parse_config
    from yanglao_cli.units import unit_suggestion

    haimen = parse_config('reporting_unit = "海门区民政局"\nunits = ["海门街道", "三厂街道", "三星镇", "海门经济技术开发区"]\n',
                          "test")
    assert unit_suggestion(written, haimen).startswith("，是否为“三厂街道”？")
