"""The forms as an online collection tool exports them (腾讯文档收集表, 金山表单, 问卷星): one header row of numbered
questions at row 1, system columns (提交者, 提交时间), a 所属区镇 column on every row, every township's answers
in one sheet. Each row is its township's (clerk expectation; SPEC silent: it names the 填报单位 line, 附件1's 乡镇
column and the file name)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from yanglao_cli.config import default_config
from yanglao_cli.pipeline import load

from .conftest import pairs, run_json

F2_Q = ["序号", "提交者", "提交时间", "所属区镇", "1.养老服务机构及场所名称（必填）", "2.类别（单选）", "3.风险隐患点（可多选）",
        "4.风险隐患等级", "5.牵头排查单位"]
F3_Q = ["序号", "提交者", "提交时间", "所属区镇", "1.养老服务机构及场所名称", "2.风险隐患点", "3.是否向属地人民政府和政法机关通报线索",
        "4.属于非法集资的同步纳入属地防范和处置非法集资工作机制", "5.打击整治措施", "6.当月处置进展", "7.是否立案及立案时间",
        "8.存量风险是否已有效化解"]


def _export(path: Path, head: list[str], rows: list[list[object]], sent: list[str] | None = None) -> Path:
    """Rows under the questions, each with its 提交者 and 提交时间 (`sent`, else 6月11日–19日 in turn)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收集结果"
    ws.append(head)
    for i, row in enumerate(rows, 1):
        ws.append([i, "民政办", sent[i - 1] if sent else f"2022-06-1{i % 10} 09:00:00", *row])
    wb.save(path)
    return path


def test_a_city_wide_export_is_read_township_by_township(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    _export(tmp_path / "in" / "附件2_收集结果.xlsx", F2_Q, [
        ["汇龙镇", "汇龙康乐老年公寓", "A", "4.虚假或夸大宣传", "黄色", "汇龙镇民政办"],
        ["南阳镇", "南阳福寿养老院", "A", "6", "黄色", "南阳镇民政办"],  # points 6 give orange
        ["惠萍镇", "惠萍安康护理院", "B", "2", "黄", "惠萍镇民政办"],  # no 附件3 row
        ["惠萍镇", "惠萍长寿托养中心", "B", "2", "黄", "惠萍镇民政办"],
    ])
    _export(tmp_path / "in" / "附件3_收集结果.xlsx", F3_Q, [
        ["汇龙镇", "汇龙康乐老年公寓", "4", "否", "不涉及", "1.风险提示┋2.增加抽查检查频次", "已提示", "否", "否"],
        ["南阳镇", "南阳福寿养老院", "6", "是", "不涉及", "3、4", "已约谈", "否", "否"],
        ["惠萍镇", "惠萍长寿托养中心", "2", "否", "不涉及", "1、2", "已提示", "否", "否"],
    ])
    loaded, _ = load([tmp_path / "in"], default_config(), "2022-06")
    subs = loaded.submissions
    assert [len(subs[u].f2) for u in ("汇龙镇", "南阳镇", "惠萍镇")] == [1, 1, 2]
    assert [len(subs[u].f3) for u in ("汇龙镇", "南阳镇", "惠萍镇")] == [1, 1, 1]
    found = [(f.code.value, f.cell, f.unit) for f in loaded.findings if f.code.value != "COLUMN_UNKNOWN"]
    assert ("LEVEL_UNDERRATED", "H3", "南阳镇") in found and ("DISPOSAL_MISSING", "E4", "惠萍镇") in found
    assert not [f for f in found if f[0] in ("UNIT_UNKNOWN", "DISPOSAL_UNLISTED")]
    # each system column said once, not to each township whose rows the sheet holds (60 alike warnings for five
    # columns of three exports, counted against every town in 汇总; audit of exports); the township column the
    # rows were parted by is none to delete
    unknown = [(Path(f.file).name, f.cell) for f in loaded.findings if f.code.value == "COLUMN_UNKNOWN"]
    assert sorted(unknown) == [(n, c) for n in ("附件2_收集结果.xlsx", "附件3_收集结果.xlsx") for c in ("B1", "C1")]


def test_a_row_of_a_place_not_in_the_list_is_that_places(tmp_path: Path) -> None:
    """One row of 启东经济开发区 (or 汇尤镇, or no township) among the townships' made every township's rows the file's
    (every township SUBMISSION_MISSING; review): UNIT_UNKNOWN at its cell, the other rows their townships'."""
    p = _export(tmp_path / "附件2_收集结果.xlsx", ["序号", "提交者", "提交时间", "1.所属区镇", *F2_Q[4:]], [
        ["汇龙", "汇龙康乐老年公寓", "A", "4", "黄", "汇龙镇民政办"],
        ["南阳镇人民政府", "南阳福寿养老院", "A", "2", "黄", "南阳镇民政办"],
        ["汇尤镇", "某某养老院", "A", "2", "黄", "民政办"],
        [None, "无名养老院", "A", "2", "黄", "民政办"],
    ])
    loaded, _ = load([p], default_config(), "2022-06")
    assert [len(loaded.submissions[u].f2) for u in ("汇龙镇", "南阳镇")] == [1, 1]
    found = [(f.code.value, f.cell, f.unit) for f in loaded.findings if f.code.value == "UNIT_UNKNOWN"]
    assert found[0] == ("UNIT_UNKNOWN", "D4", "汇尤镇") and "汇龙镇" in next(
        f.message for f in loaded.findings if f.unit == "汇尤镇" and f.code.value == "UNIT_UNKNOWN")
    assert len(found) == 2  # and the row naming none, as a sheet naming none is


def test_a_township_answering_twice_under_two_spellings_is_one_township(tmp_path: Path) -> None:
    head = ["序号", "提交时间", "1、乡镇：", "2、辖区内应当排查的养老服务机构及场所总数（家）", "3、已经排查的养老服务机构及场所数量（家）",
            "4、已排查占比（%）", "5、是否成立了专项行动领导小组，主要负责人及职务", "6、是否抽调专门工作力量组成专班",
            "7、是否利用新闻媒体等平台开展广泛宣传，具体宣传方式", "8、是否建立了部门间信息共享机制，具体涉及部门", "9、是否已开通了投诉举报通道，具体渠道"]
    answers = ["是，王某某（副镇长）", "是", "是，微信公众号", "是，公安", "是，12345热线"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(head)
    ws.append([1, "2022-06-14 09:00:00", "汇龙", 20, 10, 50, *answers])
    ws.append([2, "2022-06-14 10:00:00", "南阳镇", 20, 20, 100, *answers])
    ws.append([3, "2022-06-15 09:00:00", "汇龙镇人民政府", 20, 20, 100, *answers])
    wb.save(tmp_path / "附件1_收集结果.xlsx")
    loaded, _ = load([tmp_path / "附件1_收集结果.xlsx"], default_config(), "2022-06")
    assert [(c, u) for c, _, u in ((f.code.value, f.cell, f.unit) for f in loaded.findings)
            if c == "DUPLICATE_FACILITY"] == [("DUPLICATE_FACILITY", "汇龙镇")]


def test_a_yes_no_question_exported_an_option_per_column(tmp_path: Path) -> None:
    """3、是否向属地人民政府和政法机关通报线索:是 | …:否 with 1 or 0: read as a tick (each row was VALUE_INVALID of 1/0, an
    orange facility's 否 lost; review)."""
    head = [*F3_Q[:6], "3、是否向属地人民政府和政法机关通报线索:是", "3、是否向属地人民政府和政法机关通报线索:否", *F3_Q[7:]]
    rows = [["汇龙镇", "汇龙康乐老年公寓", "6", 1, 0, "不涉及", "3、4", "已约谈", "否", "否"],
            ["汇龙镇", "汇龙福寿养老院", "6", 0, 1, "不涉及", "3、4", "已约谈", "否", "否"]]
    p = _export(tmp_path / "附件3_收集结果.xlsx", head, rows)
    loaded, _ = load([p], default_config(), "2022-06")
    assert [r.clue for r in loaded.submissions["汇龙镇"].f3][0] is not None
    assert [(c, cell) for c, cell in ((f.code.value, f.cell) for f in loaded.findings)
            if c not in ("COLUMN_UNKNOWN",)] == [("CLUE_NOT_REPORTED", "G3")]


def test_one_townships_export_takes_its_unit_from_the_column(tmp_path: Path) -> None:
    p = _export(tmp_path / "收集结果.xlsx", F2_Q, [["海复镇", "海复康乐老年公寓", "A", "4", "黄", "海复镇民政办"],
                                                  ["海复镇", "海复夕阳红护理院", "A", "2", "黄", "海复镇民政办"]])
    loaded, _ = load([p], default_config(), "2022-06")
    assert len(loaded.submissions["海复镇"].f2) == 2
    assert not [c for c, _ in pairs(loaded.findings) if c.startswith("UNIT_")]


@pytest.mark.parametrize("style", ["{q}:{o}", "{q}（{o}）", "{q}({n}.{o})"])
def test_an_option_per_column_is_a_tick_group(tmp_path: Path, style: str) -> None:
    """A multiple choice exported an option per column (问卷星: 3、风险隐患点（可多选）:虚假或夸大宣传 | …, 1 or 0 under
    each): the first option column was taken for the whole field, its 0 for no points (LEVEL_OVERRATED warnings,
    exit 0 on a red facility), the rest extra columns (blind audit of exports). Read as ticks: 4、7 and 11、13."""
    from yanglao_cli.models import RISK_POINTS  # the points' own words, as the form lists them

    q = "3、风险隐患点（可多选）" if ":" in style else "风险隐患点"
    head = ["序号", "养老服务机构及场所名称", "类别",
            *(style.format(q=q, o=RISK_POINTS[n], n=n) for n in range(1, 16)), "风险隐患等级", "牵头排查单位"]
    ticked = [(4, 7), (11, 13)]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(head)
    for i, (name, points, level) in enumerate((("汇龙康乐老年公寓", ticked[0], "橙"), ("汇龙福寿康养中心", ticked[1], "红")), 1):
        ws.append([i, name, "A", *(int(n in points) for n in range(1, 16)), level, "汇龙镇民政办"])
    wb.save(tmp_path / "汇龙镇_6月.xlsx")
    loaded, _ = load([tmp_path / "汇龙镇_6月.xlsx"], default_config(), "2022-06")
    assert [r.points.items for r in loaded.submissions["汇龙镇"].f2] == ticked
    assert pairs(loaded.findings) == []



@pytest.mark.parametrize("joined", [False, True])
def test_options_numbered_in_own_words_and_joined_with_the_disposals(tmp_path: Path, joined: bool) -> None:
    """风险隐患点 an option per column, each numbered and worded the township's own way (1.收取预付费用于设施建设): the
    option's tick was lost, the facility's only point (VALUE_REQUIRED). Exported with 附件3's questions after them in
    one table, the option columns were taken for the two forms' overlap — the table read as 附件3 alone, 附件2 and
    its LEVEL_UNDERRATED lost, exit 0 (audit of exports)."""
    q = "4、风险隐患点（可多选）:"
    options = [q + o for o in ("1.收取预付费用于设施建设", "4.虚假宣传", "7.资金使用不规范", "11.涉嫌非法集资诈骗", "15.其他情形")]
    f3 = ["是否向属地人民政府和政法机关通报线索", "属于非法集资的同步纳入属地防范和处置非法集资工作机制", "打击整治措施", "当月处置进展",
          "是否立案及立案时间", "存量风险是否已有效化解"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "1、所属区镇", "2、养老服务机构及场所名称", "3、类别", *options, "5、风险隐患等级", "6、牵头排查单位",
               *(f3 if joined else [])])
    rows = [("合作镇福星老年公寓", (1,), "黄", ["否", "不涉及", "1、2", "已提示", "否", "否"]),
            ("合作镇海韵养老院", (11,), "橙", ["是", "是", "3、4、7", "已移送", "否", "否"])]
    for i, (name, points, level, disposal) in enumerate(rows, 1):
        ws.append([i, "合作镇", name, "A", *(int(n in points) for n in (1, 4, 7, 11, 15)), level, "合作镇民政办",
                   *(disposal if joined else [])])
    wb.save(tmp_path / "合作镇_导出.xlsx")
    loaded, _ = load([tmp_path / "合作镇_导出.xlsx"], default_config(), "2022-06")
    sub = loaded.submissions["合作镇"]
    assert [r.points.items for r in sub.f2] == [(1,), (11,)] and len(sub.f3) == 2 * joined
    assert [(code, cell) for code, cell in pairs(loaded.findings) if code != "STATS_REFERRALS_BELOW"] == [
        ("LEVEL_UNDERRATED", "Sheet!J3")]


def test_each_townships_submission_time_is_its_filing_date(tmp_path: Path, runner) -> None:
    """An export has no 填报日期 line: each row's 提交时间 says when it was sent. A township's last answer after the
    20th is SUBMISSION_LATE at that cell (an export was never late); one sent in time is not (clerk expectation)."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    _export(inbox / "附件2_收集结果.xlsx", F2_Q, [
        ["汇龙镇", "汇龙康乐老年公寓", "A", "4", "黄色", "汇龙镇民政办"],
        ["南阳镇", "南阳福寿养老院", "A", "2", "黄色", "南阳镇民政办"],
        ["南阳镇", "南阳安康护理院", "A", "2", "黄色", "南阳镇民政办"],  # added late
    ], sent=["2022-06-18 09:00:00", "2022-06-16 10:00:00", "2022-06-23 10:00:00"])
    _export(inbox / "附件3_收集结果.xlsx", F3_Q, [
        ["汇龙镇", "汇龙康乐老年公寓", "4", "否", "不涉及", "1、2", "已提示", "否", "否"],
        ["南阳镇", "南阳福寿养老院", "2", "否", "不涉及", "1、2", "已提示", "否", "否"],
        ["南阳镇", "南阳安康护理院", "2", "否", "不涉及", "1、2", "已提示", "2022年6月21日立案", "否"],
    ], sent=["2022/6/18 9:00", "2022/6/19 9:00", "2022/6/19 9:05"])
    code, data = run_json(runner, "consolidate", inbox, "-o", tmp_path / "out", "--period", "2022-06")
    late = [(Path(f["file"]).name, f["cell"], f["unit"]) for f in data["findings"] if f["code"] == "SUBMISSION_LATE"]
    assert late == [("附件2_收集结果.xlsx", "C4", "南阳镇")]
    # a date after the township's last answer is after its report (its 附件3 sent 6月19日, a case of 6月21日)
    future = [(f["cell"], f["unit"]) for f in data["findings"] if f["code"] == "DATE_IN_FUTURE"]
    assert future == [("K4", "南阳镇")]


def test_an_exports_system_columns_stay_off_the_printed_forms(tmp_path: Path) -> None:
    """提交者, 提交时间 and the 所属区镇 the rows were parted by were appended to every 备注 and 当月处置进展 of the
    consolidated forms (…；提交时间：2022-06-11 09:00:00; audit of exports): kept in the comment, not the cell."""
    from yanglao_cli.service import run_consolidate

    (tmp_path / "in").mkdir()
    _export(tmp_path / "in" / "附件2_收集结果.xlsx", F2_Q, [
        ["汇龙镇", "汇龙康乐老年公寓", "A", "4", "黄", "汇龙镇民政办"], ["南阳镇", "南阳福寿养老院", "A", "6", "橙", "南阳镇民政办"]])
    _export(tmp_path / "in" / "附件3_收集结果.xlsx", F3_Q, [
        ["汇龙镇", "汇龙康乐老年公寓", "4", "否", "不涉及", "1、2", "已提示", "否", "否"],
        ["南阳镇", "南阳福寿养老院", "6", "是", "不涉及", "3、4", "已约谈", "否", "否"]])
    run_consolidate([tmp_path / "in"], tmp_path / "out", default_config(), "2022-06", workers=1)
    wb = openpyxl.load_workbook(next((tmp_path / "out").glob("*.xlsx")))
    notes = [wb["附件2"].cell(r, 7) for r in (5, 6)]
    progress = [wb["附件3"].cell(r, 7) for r in (5, 6)]
    assert [c.value for c in progress] == ["已约谈", "已提示"] and all(not c.value for c in notes)
    assert all("提交时间" in c.comment.text for c in notes + progress)


@pytest.mark.parametrize("town", ["所属乡镇", "所属区镇", "1、所属乡镇（街道）"])
def test_an_f4_export_is_read_by_its_town_column(tmp_path: Path, town: str) -> None:
    """附件4 exported with 所属乡镇 as its town column: every row one unit named after the file (UNIT_UNKNOWN), the
    towns 未报送 and 合计 adding a town twice (audit of exports) — as 附件1's export is read, town by town."""
    head = ["序号", "提交时间", town, "正在整治", "整治完成", "总计", "存在的苗头性问题", "存在明显问题但不构成犯罪的问题",
            "对涉嫌犯罪移送司法机关依法打击的问题", "接收公安提示函", "接收检察建议书", "接收司法建议书", "接收监察建议书"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(head)
    for i, unit in enumerate(("汇龙镇", "南阳镇"), 1):
        ws.append([i, f"2022-06-1{i} 09:00:00", unit, 1, 2, 3, 1, 1, 1, 0, 0, 0, 0])
    wb.save(tmp_path / "战果统计表_导出.xlsx")
    loaded, _ = load([tmp_path / "战果统计表_导出.xlsx"], default_config(), "2022-06")
    assert {u for u, s in loaded.submissions.items() if s.f4} == {"汇龙镇", "南阳镇"}
    assert not [f for f in loaded.findings if f.code.value.startswith("UNIT_")]


def test_an_exports_blank_marks_and_fill_in_brackets_are_read_as_meant(tmp_path: Path) -> None:
    """问卷星 writes an unanswered question (空) or (跳过), and a fill-in inside 〖〗: (空) under 通报线索 was
    VALUE_INVALID “无法识别” (no CLUE_NOT_REPORTED of an orange facility), and 是〖王某（副镇长）〗 was printed so on the
    consolidated forms (audit of exports). A blank, and 是，王某（副镇长）."""
    from yanglao_cli.normalize import clean_text

    assert [clean_text(t) for t in ("(空)", "（跳过）", "是〖王某（副镇长）〗", "15.其他：〖以房养老〗", "是〖(空)〗")] == [
        "", "", "是，王某（副镇长）", "15.其他：以房养老", "是"]
    (tmp_path / "in").mkdir()
    _export(tmp_path / "in" / "附件2_收集结果.xlsx", F2_Q, [["汇龙镇", "汇龙康乐老年公寓", "A", "6", "橙", "汇龙镇民政办"]])
    _export(tmp_path / "in" / "附件3_收集结果.xlsx", F3_Q, [
        ["汇龙镇", "汇龙康乐老年公寓", "6", "(空)", "(跳过)", "3、4", "已约谈", "否", "否"]])
    loaded, _ = load([tmp_path / "in"], default_config(), "2022-06")
    said = {(f.code.value, f.cell) for f in loaded.findings if f.code.value != "COLUMN_UNKNOWN"}
    assert ("CLUE_NOT_REPORTED", "G2") in said and not any(code == "VALUE_INVALID" for code, _ in said)


def test_a_programs_date_column_stays_off_the_free_text() -> None:
    """A pandas-written 填报日期 column (read as the form's date) was appended to every 备注 and 当月处置进展: “…；填报日期：
    2022-06-17” (audit of exports). It stays in the comment, as an export's system columns do; a remark column does not."""
    from yanglao_cli.writer import _SYSTEM_COLUMN

    assert all(_SYSTEM_COLUMN.search(k) for k in ("填报日期", "填报时间", "提交时间", "所属乡镇"))
    assert not any(_SYSTEM_COLUMN.search(k) for k in ("备注说明", "整改情况", "联系人"))
