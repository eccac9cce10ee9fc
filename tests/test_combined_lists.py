"""附件2 and 附件3 joined in one table by a township (the two lists hold the same facilities): both forms are read
from it. Read as the one that matched best, the other list was lost unsaid — no level checked, nothing on the
consolidated 附件2."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from yanglao_cli.config import default_config
from yanglao_cli.pipeline import load

from .conftest import pairs, run_json, specs_for, write

HEAD = ["序号", "养老服务机构及场所名称", "类别", "风险隐患点", "风险隐患等级", "牵头排查单位", "是否向属地人民政府和政法机关通报线索",
        "属于非法集资的同步纳入属地防范和处置非法集资工作机制", "打击整治措施", "当月处置进展", "是否立案及立案时间", "存量风险是否已有效化解",
        "备注"]
ROWS = [
    [1, "汇龙康乐老年公寓", "A", "6", "橙", "汇龙镇民政办", "是", "不涉及", "3、4", "已约谈负责人", "否", "否", None],
    [2, "汇龙夕阳红日间照料中心", "B", "２", "黄色", "汇龙镇民政办", "否", "不涉及", "1、2", "已风险提示", "否", "否", None],
]


def _combined(path: Path, rows: list[list[object]] = ROWS, head: list[str] = HEAD) -> Path:
    """One sheet, as a township joins the two lists: merged title, 填报单位 line, one header, the facilities, two
    pre-numbered blank rows, the footer."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2-3"
    ws["A1"] = "养老服务诈骗风险隐患“红橙黄”风险管控名单及分类处置工作进度表"
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(head))
    ws["A2"] = "填报单位（盖章）：汇龙镇"
    ws.append(head)
    for row in rows:
        ws.append(row)
    n = len(rows)
    ws.append([n + 1])
    ws.append([n + 2])
    ws.append(["填报人：张三", None, "负责人：李四", None, "电话：83123456", None, "填报日期：2022-06-15"])
    wb.save(path)
    return path


def test_a_joined_table_gives_both_lists(tmp_path: Path) -> None:
    loaded, _ = load([_combined(tmp_path / "汇龙镇.xlsx")], default_config(), "2022-06")
    sub = loaded.submissions["汇龙镇"]
    assert [r.name for r in sub.f2] == [r.name for r in sub.f3] == ["汇龙康乐老年公寓", "汇龙夕阳红日间照料中心"]
    assert [r.level.value for r in sub.f2] == ["ORANGE", "YELLOW"] and sub.f2[1].lead_unit == "汇龙镇民政办"
    assert [r.measures.items for r in sub.f3] == [(3, 4), (1, 2)]
    # no column of the one form is an extra column of the other, and nothing is missing
    assert pairs(loaded.findings) == []
    # each form's rows counted: the two facilities on 附件2 and on 附件3
    assert (loaded.rows_read, loaded.rows_unreadable) == (4, 0)


def test_findings_in_a_joined_table_are_at_their_cells_and_said_once(tmp_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[0][4] = "黄"  # points 6 give orange: LEVEL_UNDERRATED, a 附件2 rule
    rows[0][6] = "否"  # an orange facility's clue not reported: CLUE_NOT_REPORTED, an 附件3 rule
    rows[1][3] = "abc"  # the points column is both forms': one finding, not two
    rows.append([3, None, "A", "4", "黄", "汇龙镇民政办", "否", "不涉及", "1、2", "已提示", "否", "否", None])
    loaded, _ = load([_combined(tmp_path / "汇龙镇.xlsx", rows)], default_config(), "2022-06")
    found = pairs(loaded.findings)
    assert ("LEVEL_UNDERRATED", "附件2-3!E4") in found
    assert ("CLUE_NOT_REPORTED", "附件2-3!G4") in found
    assert found.count(("VALUE_INVALID", "附件2-3!D5")) == 1
    assert found.count(("VALUE_REQUIRED", "附件2-3!B6")) == 1
    # (each form's hint names the other, which is this very row: said without either)
    [name] = [f for f in loaded.findings if f.code.value == "VALUE_REQUIRED" and f.cell == "B6"]
    assert name.message.endswith("不能为空，请填写"), name.message
    assert not [c for c, _ in found if c.startswith(("DISPOSAL_", "COLUMN_"))]


def test_a_joined_table_beside_the_units_own_list_is_the_other_form(tmp_path: Path) -> None:
    """附件3 with 类别 and 等级 copied beside its columns, sent with the township's own 附件2 — in the same workbook
    or another file: the 附件2 sent as one counts; in the workbook the copied columns are extra, as before."""
    p = _combined(tmp_path / "汇龙镇.xlsx")
    wb = openpyxl.load_workbook(p)
    ws = wb.create_sheet("附件2")
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单"])
    ws.append(["填报单位（盖章）：汇龙镇"])
    ws.append(HEAD[:6] + ["备注"])
    ws.append(ROWS[0][:6])
    ws.append(ROWS[1][:6])
    ws.append(["填报人：张三", None, "负责人：李四", None, "填报时间：2022-06-15"])
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    sub = loaded.submissions["汇龙镇"]
    assert (len(sub.f2), len(sub.f3)) == (2, 2) and {r.sheet for r in sub.f2} == {"附件2"}
    assert sorted(c for c, _ in pairs(loaded.findings)) == ["COLUMN_UNKNOWN"] * 4
    # the same two as files of their own: the joined table's 附件2 is left out, said once
    (tmp_path / "in").mkdir()
    del wb["附件2-3"]
    wb.save(tmp_path / "in" / "汇龙镇附件2.xlsx")
    _combined(tmp_path / "in" / "汇龙镇附件3.xlsx")
    loaded, _ = load([tmp_path / "in"], default_config(), "2022-06")
    sub = loaded.submissions["汇龙镇"]
    assert (len(sub.f2), len(sub.f3)) == (2, 2) and {r.sheet for r in sub.f2} == {"附件2"}
    assert pairs(loaded.findings) == [("SUBMISSION_SUPERSEDED", "附件2-3!B4")]
    assert "本表是附件3，其中抄有附件2的各列" in loaded.findings[0].message
    assert (loaded.rows_read, loaded.rows_superseded) == (6, 2)


@pytest.mark.parametrize("later", ["附件3", "附件2"])
def test_a_later_form_with_the_other_forms_columns_copied_does_not_replace_it(tmp_path: Path, later: str) -> None:
    """附件3 dated 18 June with 类别, 等级 and 牵头排查单位 copied beside it, one facility left out, beside 附件2 of 15
    June (or 附件2 with four disposal columns added, beside a full 附件3): the form sent as one counts — the later
    file's copy replaced it, the facility left out lost unsaid, exit 0 (or 处非 and 立案 lost, two COLUMN_MISSING;
    blind audit of false joins). Only a later joined table listing all of it and more replaces it."""
    (tmp_path / "in").mkdir()
    f2_date, f3_date = ("2022-06-15", "2022-06-18") if later == "附件3" else ("2022-06-18", "2022-06-15")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单"])
    ws.append(["填报单位（盖章）：汇龙镇"])
    three = [*ROWS, [3, "汇龙安康护理院", "A", "3", "黄", "汇龙镇民政办", "否", "不涉及", "1、2", "已提示", "否", "否", None]]
    extra = [HEAD.index(h) for h in ("是否向属地人民政府和政法机关通报线索", "打击整治措施", "当月处置进展", "存量风险是否已有效化解")] \
        if later == "附件2" else []
    ws.append(HEAD[:6] + ["备注"] + [HEAD[i] for i in extra])
    for row in three:
        ws.append(row[:6] + [None] + [row[i] for i in extra])
    ws.append(["填报人：张三", None, "负责人：李四", None, f"填报时间：{f2_date}"])
    wb.save(tmp_path / "in" / "汇龙镇附件2.xlsx")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件3"
    ws.append(["养老服务诈骗风险隐患分类处置工作进度表"])
    ws.append(["填报单位（盖章）：汇龙镇"])
    copied = [HEAD.index(h) for h in ("类别", "风险隐患等级", "牵头排查单位")] if later == "附件3" else []
    f3_cols = [0, 1, *copied, 3, *range(6, 12)]
    ws.append([HEAD[i] for i in f3_cols])
    for row in three[:2] if later == "附件3" else three:
        ws.append([row[i] for i in f3_cols])
    ws.append(["填报人：张三", None, "负责人：李四", None, f"填报日期：{f3_date}"])
    wb.save(tmp_path / "in" / "汇龙镇附件3.xlsx")
    loaded, _ = load([tmp_path / "in"], default_config(), "2022-06")
    sub = loaded.submissions["汇龙镇"]
    assert [r.name for r in sub.f2] == [r[1] for r in three]
    assert {r.sheet for r in sub.f2} == {"附件2"} and {r.sheet for r in sub.f3} == {"附件3"}
    found = pairs(loaded.findings)
    if later == "附件3":
        assert found == [("DISPOSAL_MISSING", "附件2!B6"), ("SUBMISSION_SUPERSEDED", "附件3!B4")]
    else:  # 附件3's own 处非 and 立案 read; the copied columns' form's reading leaves nothing to put right
        assert found == [("SUBMISSION_SUPERSEDED", "附件2!B4")] and len(sub.f3) == 3
        assert sub.f3[0].fundraising is not None


@pytest.mark.parametrize("drop", [("类别",), ("风险隐患等级",), ("打击整治措施", "是否立案及立案时间", "存量风险是否已有效化解")])
def test_a_list_with_a_few_of_the_other_forms_columns_is_one_form(tmp_path: Path, drop: tuple[str, ...]) -> None:
    """An 附件3 with only 等级 copied beside it (or an 附件2 with 通报线索, 处非 and 进展 added) is that form, its extra
    columns said: without the other form's own columns there is no second list to read."""
    keep = [i for i, h in enumerate(HEAD) if h not in drop]
    head = [HEAD[i] for i in keep]
    rows = [[r[i] for i in keep] for r in ROWS]
    loaded, _ = load([_combined(tmp_path / "汇龙镇.xlsx", rows, head)], default_config(), "2022-06")
    sub = loaded.submissions["汇龙镇"]
    assert (len(sub.f2), len(sub.f3)) == ((0, 2) if len(drop) == 1 else (2, 0))
    assert {c for c, _ in pairs(loaded.findings)} == {"COLUMN_UNKNOWN"}


def test_a_joined_table_without_one_of_the_disposal_columns_asks_for_it(tmp_path: Path) -> None:
    """打击整治措施 left out of the joined table: 附件3 without it (COLUMN_MISSING), 附件2 read all the same (the
    table was read as 附件3 alone, its 附件2 lost)."""
    i = HEAD.index("打击整治措施")
    loaded, _ = load([_combined(tmp_path / "汇龙镇.xlsx", [r[:i] + r[i + 1:] for r in ROWS], HEAD[:i] + HEAD[i + 1:])],
                     default_config(), "2022-06")
    sub = loaded.submissions["汇龙镇"]
    assert (len(sub.f2), len(sub.f3)) == (2, 2)
    assert [c for c, _ in pairs(loaded.findings)] == ["COLUMN_MISSING"]


def test_consolidate_writes_a_joined_tables_facilities_on_both_forms(tmp_path: Path, runner) -> None:
    (tmp_path / "in").mkdir()
    _combined(tmp_path / "in" / "汇龙镇.xlsx")
    code, data = run_json(runner, "consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--period",
                          "2022-06")
    assert data["summary"]["rows_read"] == data["summary"]["rows_written"] == 4
    wb = openpyxl.load_workbook(next((tmp_path / "out").glob("*.xlsx")))
    names = {ws.title: [r[1] for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)]
             for ws in (wb["附件2"], wb["附件3"])}
    assert names == {"附件2": ["汇龙康乐老年公寓", "汇龙夕阳红日间照料中心"], "附件3": ["汇龙康乐老年公寓", "汇龙夕阳红日间照料中心"]}
    assert not [f for f in data["findings"] if f["severity"] == "error"]


def test_two_forms_set_side_by_side_without_a_gap_are_two_forms(tmp_path: Path) -> None:
    """附件2 in A:G and 附件3 from H, each under its own label and header, no empty column between: not one joined
    table — read whole, 附件3's disposals went to 附件2's facilities row by row (review). Each form is read on its
    own and its facilities are paired by name, whatever their order."""
    f2 = [["序号", "养老服务机构及场所名称", "类别", "风险隐患点", "风险隐患等级", "牵头排查单位", "备注"],
          [1, "康乐养老院", "A", "6", "橙", "汇龙镇民政办", None], [2, "福寿日间照料中心", "B", "2", "黄", "汇龙镇民政办", None]]
    f3 = [HEAD[:2] + HEAD[3:4] + HEAD[6:12],
          [1, "福寿日间照料中心", "2", "否", "不涉及", "1、2", "已提示", "否", "否"],
          [2, "康乐养老院", "6", "否", "不涉及", "3、4", "已约谈", "否", "否"]]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2及附件3"
    ws.append(["附件2："] + [None] * 6 + ["附件3："])
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单"] + [None] * 6 + ["养老服务诈骗风险隐患分类处置工作进度表"])
    ws.append(["填报单位（盖章）：汇龙镇"] + [None] * 6 + ["填报单位（盖章）：汇龙镇"])
    for a, b in zip(f2, f3, strict=True):
        ws.append(a + b)
    ws.append(["填报人：张三", None, "负责人：李四", None, "填报日期：2022-06-15"])
    wb.save(tmp_path / "汇龙镇.xlsx")
    loaded, _ = load([tmp_path / "汇龙镇.xlsx"], default_config(), "2022-06")
    sub = loaded.submissions["汇龙镇"]
    assert [r.name for r in sub.f2] == ["康乐养老院", "福寿日间照料中心"]
    assert [r.name for r in sub.f3] == ["福寿日间照料中心", "康乐养老院"]
    # the orange facility's clue is its own row's (K6), and no extra column is said
    assert pairs(loaded.findings) == [("CLUE_NOT_REPORTED", "附件2及附件3!K6")]


@pytest.mark.parametrize(("seq", "group"), [(False, "风险管控名单"), (True, "风险管控名单"), (True, "风险管控名单（附件2）")])
def test_a_joined_table_under_group_headings(tmp_path: Path, seq: bool, group: str) -> None:
    """Two header rows — 风险管控名单 over 附件2's columns, 分类处置情况 over 附件3's — and no 序号: the group
    heading was taken for 通报线索's header and the table read as 附件2 alone (review). With 序号 and 名称 merged down
    beside them, the heading over 风险隐患点 (a column both forms read) was taken for its header: two tables side by
    side, the table read as 附件3 alone, 附件2 lost with its level errors (audit of exports)."""
    head = HEAD[:12] if seq else HEAD[1:12]
    skip = 0 if seq else 1
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2-3"
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单及分类处置工作进度表"])
    ws.append(["填报单位（盖章）：汇龙镇"])
    ws.append([*head[:1 + seq], group, None, None, None, "分类处置情况"])
    ws.append([*([None] * (1 + seq)), *head[1 + seq:]])
    for c in range(1 + seq):
        ws.merge_cells(start_row=3, start_column=c + 1, end_row=4, end_column=c + 1)
    ws.merge_cells(start_row=3, start_column=2 + seq, end_row=3, end_column=5 + seq)
    ws.merge_cells(start_row=3, start_column=6 + seq, end_row=3, end_column=11 + seq)
    for row in ROWS:
        ws.append(row[skip:12])
    ws.append(["填报人：张三", None, "负责人：李四", None, "填报日期：2022-06-15"])
    wb.save(tmp_path / "汇龙镇.xlsx")
    loaded, _ = load([tmp_path / "汇龙镇.xlsx"], default_config(), "2022-06")
    sub = loaded.submissions["汇龙镇"]
    assert (len(sub.f2), len(sub.f3)) == (2, 2) and pairs(loaded.findings) == []


def test_a_later_joined_table_replaces_an_earlier_list_of_its_own(tmp_path: Path) -> None:
    """附件2 sent alone on 5 June (one facility), then the joined table on 15 June (two): the later report of the
    whole list counts, as any later report would (the older list kept, the later one's new facility lost; review)."""
    (tmp_path / "in").mkdir()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单"])
    ws.append(["填报单位（盖章）：汇龙镇"])
    ws.append(HEAD[:6] + ["备注"])
    ws.append(ROWS[0][:6])
    ws.append(["填报人：张三", None, "负责人：李四", None, "填报时间：2022-06-05"])
    wb.save(tmp_path / "in" / "汇龙镇附件2.xlsx")
    _combined(tmp_path / "in" / "汇龙镇附件2-3.xlsx")
    loaded, _ = load([tmp_path / "in"], default_config(), "2022-06")
    sub = loaded.submissions["汇龙镇"]
    assert [r.name for r in sub.f2] == ["汇龙康乐老年公寓", "汇龙夕阳红日间照料中心"] and len(sub.f3) == 2
    assert pairs(loaded.findings) == [("SUBMISSION_SUPERSEDED", "附件2!B4")]


def test_a_column_of_neither_form_and_a_shared_cells_conflict_are_said_once(tmp_path: Path) -> None:
    """地址 beside the joined table is one extra column (it was said for each form); points 9 with 10 are one
    POINTS_CONFLICT, not told to be put right on 附件3 too — it is the same cell."""
    head = HEAD[:2] + ["地址"] + HEAD[2:]
    rows = [r[:2] + ["人民路1号"] + r[2:] for r in ROWS]
    rows[1][4] = "9、10"
    rows[1][3] = "C"
    loaded, _ = load([_combined(tmp_path / "汇龙镇.xlsx", rows, head)], default_config(), "2022-06")
    found = pairs(loaded.findings)
    assert found.count(("COLUMN_UNKNOWN", "附件2-3!C3")) == 1
    conflict = [f for f in loaded.findings if f.code.value == "POINTS_CONFLICT"]
    assert [f.cell for f in conflict] == ["E5"] and "附件3" not in conflict[0].message


F1_HEAD = ["序号", "乡镇", "辖区内应当排查的养老服务机构及场所总数（家）", "已经排查的养老服务机构及场所数量（家）", "已排查占比（%）",
           "是否成立了专项行动领导小组，主要负责人及职务", "是否抽调专门工作力量组成专班", "是否利用新闻媒体等平台开展广泛宣传，具体宣传方式",
           "是否建立了部门间信息共享机制，具体涉及部门", "是否已开通了投诉举报通道，具体渠道"]
F4_HEAD = ["存在的苗头性问题", "存在明显问题但不构成犯罪的问题", "对涉嫌犯罪移送司法机关依法打击的问题", "接收公安提示函", "接收检察建议书",
           "接收司法建议书", "接收监察建议书"]


def test_f1_and_f4_joined_in_one_row_give_both_forms(tmp_path: Path) -> None:
    """附件1's and 附件4's columns in one table (问题数 over 正在整治 | 整治完成 | 总计 on a second header row): it was
    附件4 alone, the eight 附件1 columns extra and the township 未报送附件1 (review). Both now, each checked."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件1和附件4"
    ws.append(["养老服务诈骗风险隐患排查工作进度表及专项行动战果统计表"])
    ws.append(["填报单位（盖章）：汇龙镇"])
    ws.append([*F1_HEAD, "问题数", None, None, *F4_HEAD])
    ws.append([None] * 10 + ["正在整治", "整治完成", "总计"])
    for c in range(1, 21):
        if c not in (11, 12, 13):
            ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws.merge_cells("K3:M3")
    ws.append([1, "汇龙镇", 20, 19, "95%", "是，王某某（副镇长）", "是", "是，微信公众号", "是，公安、市场监管", "是，12345热线",
               1, 1, 3, 1, 0, 1, 0, 0, 0, 0])
    ws.append(["填报人：张三", None, "负责人：李四", None, "填报日期：2022-06-15"])
    wb.save(tmp_path / "汇龙镇.xlsx")
    loaded, _ = load([tmp_path / "汇龙镇.xlsx"], default_config(), "2022-06")
    sub = loaded.submissions["汇龙镇"]
    assert (sub.f1[0].total, sub.f1[0].checked) == (20, 19) and sub.f4[0].total == 3
    # 1 + 1 ≠ 3 and 1 + 0 + 1 ≠ 3: 附件4's rules at 附件4's cells; no column of either is extra
    assert sorted(pairs(loaded.findings)) == [("STATS_CLASS_MISMATCH", "附件1和附件4!M5"), ("STATS_SUM_MISMATCH", "附件1和附件4!M5")]


def test_a_joined_tables_blank_name_consolidated_passes_its_own_check(tmp_path: Path, runner) -> None:
    """A blank name in a table joining 附件2 and 附件3, consolidated: one level up each form's VALUE_REQUIRED carries
    its own hint, which the note written below (said once, without it) did not hold — four errors, the workbook
    failing its own check (review). The note is recognised by the words before the hint."""
    from .conftest import run

    rows = [list(r) for r in ROWS]
    rows[1][1] = None
    (tmp_path / "in").mkdir()
    _combined(tmp_path / "in" / "汇龙镇.xlsx", rows)
    run(runner, "consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--period", "2022-06")
    [book] = (tmp_path / "out").glob("*汇总.xlsx")
    code, data = run_json(runner, "check", str(book), "--period", "2022-06")
    assert data["summary"]["errors"] == 0 and code == 0, data["findings"]
    assert "REPORTED_BELOW" in {f["code"] for f in data["findings"]}


def test_messages_changed_keep_their_first_clause_for_notes_written_by_earlier_versions(tmp_path: Path) -> None:
    """A consolidated workbook's notes are matched to the findings made again one level up by the message's words up
    to its first ；. Advice added to a message goes after a ；: a workbook an earlier version consolidated (its notes
    without the advice) still passes the new version's check (review)."""
    from yanglao_cli.below import _as_noted, _bare

    specs = specs_for("汇龙镇", n=2)
    specs["F2"].rows[1]["name"] = ""
    specs["F2"].rows[0].update(points="15.其他：以房养老", level="")
    specs["F3"].rows[0].update(points="15.其他：以房养老")
    specs["F4"].rows[0]["early"] = "@无"
    found = {f.code.value + f.sheet: f.message for f in load([write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)],
                                                                default_config(), "2022-06")[0].findings}
    earlier = {  # as the version before these words were added wrote its notes
        "VALUE_REQUIRED附件2": "“养老服务机构及场所名称”不能为空，请填写",
        "LEVEL_UNDETERMINED附件2": "未填风险隐患等级，且风险隐患点只有“15.其他情形”，无法确定等级，请填写红/橙/黄",
        "VALUE_INVALID附件4": "“存在的苗头性问题”的值“@无”无法识别：不是有效的数字",
    }
    for key, note in earlier.items():
        assert found[key] != note and _as_noted(found[key], _bare(note)), (found[key], note)
