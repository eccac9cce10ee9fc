"""附件2/附件3 with 风险隐患点 and 打击整治措施 laid out an item a column, ticked (√ under the items that apply): a
clerk's common rendering of a multiple choice. Read as the template's one column (2、4), every check as usual."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from .conftest import run_json

MEASURES = ["风险提示", "增加抽查检查频次", "警示约谈", "责令整改", "停止经营活动", "督促清退资金", "移送司法机关",
            "督促依法办理登记", "社会组织登记管理部门查处取缔", "移交市场监管部门处理", "其他规范整治措施"]
F3_HEAD = ["序号", "养老服务机构及场所名称", "风险隐患点", "是否向属地人民政府和政法机关通报线索",
           "属于非法集资的同步纳入属地防范和处置非法集资工作机制"]
F3_TAIL = ["当月处置进展", "是否立案及立案时间", "存量风险是否已有效化解"]


def _ticks(items: list[int] | dict[int, str], n: int, mark: str = "√") -> list[str | None]:
    cells: list[str | None] = [None] * n
    for k in items:
        cells[k - 1] = items[k] if isinstance(items, dict) else mark
    return cells


def _f2(ws, rows: list[tuple[str, str, list[int] | dict[int, str], str]], heads: list[str] | None = None,
        merged: bool = True) -> None:
    """附件2 as a township types it: title merged across, unit line, 风险隐患点 over fifteen columns headed 1 … 15
    (or `heads`), the other headers merged down over both header rows, a footer."""
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单"])
    ws.merge_cells("A1:U1")
    ws.append(["填报单位（盖章）：海复镇"])
    ws.append(["序号", "养老服务机构及场所名称", "类别", "风险隐患点"] + [None] * 14 + ["风险隐患等级", "牵头排查单位", "备注"])
    ws.append([None] * 3 + (heads or list(range(1, 16))))
    for c in (1, 2, 3, 19, 20, 21):
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    if merged:
        ws.merge_cells("D3:R3")
    for n, (name, cat, points, level) in enumerate(rows, 1):
        ws.append([n, name, cat, *_ticks(points, 15), level, "海复镇民政办", None])
    ws.append([])
    ws.append(["填报人：王芳", None, None, None, None, None, None, None, "填报日期：2022-06-15"])


def _f3(ws, rows: list[tuple[str, str, str, list[int] | dict[int, str]]], mark: str = "●") -> None:
    """附件3 with 打击整治措施 over eleven columns, each headed by its measure's words."""
    ws.append(["养老服务诈骗风险隐患分类处置工作进度表"])
    ws.merge_cells("A1:S1")
    ws.append(["填报单位（盖章）：海复镇"])
    ws.append(F3_HEAD + ["打击整治措施"] + [None] * 10 + F3_TAIL)
    ws.append([None] * 5 + MEASURES)
    for c in [*range(1, 6), 17, 18, 19]:
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws.merge_cells("F3:P3")
    for n, (name, points, clue, measures) in enumerate(rows, 1):
        ws.append([n, name, points, clue, "不涉及", *_ticks(measures, 11, mark), "已处置", "否", "否"])
    ws.append([])
    ws.append(["填报人：王芳", None, None, None, None, None, None, None, "填报日期：2022-06-15"])


def _book(tmp_path: Path, f2_rows, f3_rows, **f2_options) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    _f2(ws, f2_rows, **f2_options)
    _f3(wb.create_sheet("附件3"), f3_rows)
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    return path


F2_ROWS = [("海复康乐老年公寓", "A", [2, 4], "黄"), ("海复安心养老院", "A", [6], "橙")]
F3_ROWS = [("海复康乐老年公寓", "2、4", "否", [1, 2]), ("海复安心养老院", "6", "是", [3, 4])]


def _lists_book(titled: bool = True):
    """A workbook with 附件2 as usual (F2_ROWS) and an 附件3 sheet holding its title (or not) and unit line."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    _f2(ws, F2_ROWS)
    ws = wb.create_sheet("附件3")
    if titled:
        ws.append(["养老服务诈骗风险隐患分类处置工作进度表"])
    ws.append(["填报单位（盖章）：海复镇"])
    return wb, ws


def test_ticked_points_and_measures_are_read_as_the_items_ticked(tmp_path: Path, runner) -> None:
    path = _book(tmp_path, F2_ROWS, F3_ROWS)
    code, data = run_json(runner, "check", str(path))
    assert code == 0 and data["findings"] == [] and data["summary"]["rows_read"] == 4


def test_the_consolidated_forms_hold_the_items_in_one_column(tmp_path: Path, runner) -> None:
    path = _book(tmp_path, F2_ROWS, F3_ROWS)
    code, data = run_json(runner, "consolidate", str(path), "-o", str(tmp_path / "out"), "--period", "2022-06")
    assert code == 0
    book = next(p for p in data["summary"]["outputs"] if p.endswith(".xlsx"))
    wb = openpyxl.load_workbook(book)
    f2 = {row[1]: row[3] for row in wb["附件2"].iter_rows(min_row=5, values_only=True) if isinstance(row[0], int)}
    f3 = {row[1]: row[5] for row in wb["附件3"].iter_rows(min_row=5, values_only=True) if isinstance(row[0], int)}
    assert f2 == {"海复安心养老院": "6", "海复康乐老年公寓": "2、4"}
    assert f3 == {"海复安心养老院": "3、4", "海复康乐老年公寓": "1、2"}


def test_a_level_below_the_ticked_points_is_underrated_at_its_cell(tmp_path: Path, runner) -> None:
    """安心养老院 ticked 6 (橙) and declared 黄: LEVEL_UNDERRATED at its level's cell, S6 — the rules run on the ticks."""
    rows = [F2_ROWS[0], ("海复安心养老院", "A", [6], "黄")]
    code, data = run_json(runner, "check", str(_book(tmp_path, rows, F3_ROWS)))
    assert code == 1
    assert [(f["code"], f["sheet"], f["cell"]) for f in data["findings"]] == [("LEVEL_UNDERRATED", "附件2", "S6")]


def test_a_measure_not_ticked_is_missing_at_the_groups_first_cell(tmp_path: Path, runner) -> None:
    """橙 安心养老院 with only 警示约谈 ticked: MEASURE_MISSING (责令整改) at F6, the row's cell of the group."""
    rows = [F3_ROWS[0], ("海复安心养老院", "6", "是", [3])]
    code, data = run_json(runner, "check", str(_book(tmp_path, F2_ROWS, rows)))
    assert code == 0
    assert [(f["code"], f["sheet"], f["cell"]) for f in data["findings"]] == [("MEASURE_MISSING", "附件3", "F6")]
    assert "4" in data["findings"][0]["message"]


def test_point_15_ticked_with_its_case_written_is_described(tmp_path: Path, runner) -> None:
    """15's column holding the case itself (资金链紧张，拖欠护工工资) is 15 described; 15 ticked with √ alone is
    POINT_OTHER_UNDESCRIBED at the row's first point cell, D6."""
    described = [F2_ROWS[0], ("海复安心养老院", "A", {6: "√", 15: "资金链紧张，拖欠护工工资"}, "橙")]
    code, data = run_json(runner, "check", str(_book(tmp_path, described, F3_ROWS)))
    assert [f["code"] for f in data["findings"] if f["sheet"] == "附件2"] == []
    bare = [F2_ROWS[0], ("海复安心养老院", "A", {6: "√", 15: "√"}, "橙")]
    code, data = run_json(runner, "check", str(_book(tmp_path, bare, F3_ROWS)))
    assert code == 1
    assert [(f["code"], f["cell"]) for f in data["findings"] if f["sheet"] == "附件2"] == \
        [("POINT_OTHER_UNDESCRIBED", "D6")]


@pytest.mark.parametrize("no", ["×", "否", "/", "0", "□", "无"])
def test_what_leaves_a_column_unticked(tmp_path: Path, runner, no: str) -> None:
    """A clerk marking the items that do not apply (× under the rest): those are not ticked."""
    rows = [("海复康乐老年公寓", "A", {k: "√" if k in (2, 4) else no for k in range(1, 16)}, "黄"), F2_ROWS[1]]
    code, data = run_json(runner, "check", str(_book(tmp_path, rows, F3_ROWS)))
    assert code == 0 and data["findings"] == []


def test_nothing_ticked_is_a_list_row_without_points(tmp_path: Path, runner) -> None:
    """A facility on the list with no column ticked: its points are empty, said at its first point cell D5."""
    rows = [("海复康乐老年公寓", "A", [], "黄"), F2_ROWS[1]]
    code, data = run_json(runner, "check", str(_book(tmp_path, rows, F3_ROWS)))
    assert code == 1
    said = [(f["code"], f["cell"]) for f in data["findings"] if f["sheet"] == "附件2"]
    assert said and all(cell == "D5" for _, cell in said)


def test_columns_headed_by_the_points_words_unmerged(tmp_path: Path, runner) -> None:
    """Sub-headers in the points' own words (1.…, 虚假或夸大宣传 …), 风险隐患点 typed once and not merged across."""
    from yanglao_cli.models import RISK_POINTS

    heads = [f"{n}.{t}" if n % 2 else t for n, t in RISK_POINTS.items()]
    code, data = run_json(runner, "check", str(_book(tmp_path, F2_ROWS, F3_ROWS, heads=heads, merged=False)))
    assert code == 0 and data["findings"] == []


def test_a_facility_sheet_with_point_columns_is_still_a_facility_sheet(tmp_path: Path, runner) -> None:
    """The 排查表 answers each point 是/否 in a column of its own, with its facts beside them: not a 附件2."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["养老服务机构风险隐患排查表"])
    ws.append(["养老服务机构及场所名称", "所属区镇", "类别", "是否已登记", "是否已备案", "床位数", "收取大额预付费人数",
               "是否资不抵债", "风险隐患点"] + [None] * 14)
    ws.append([None] * 9 + list(range(1, 16)))
    ws.merge_cells("I2:W2")
    ws.append(["海复康乐老年公寓", "海复镇", "A", "是", "是", 60, 0, "否"] + ["否"] * 15)
    path = tmp_path / "排查表.xlsx"
    wb.save(path)
    code, data = run_json(runner, "classify", str(path))
    assert code == 0 and [f["level"] for f in data["facilities"]] == ["GREEN"]


def test_three_columns_are_not_a_group_of_one(tmp_path: Path, runner) -> None:
    """Two sub-headers under 风险隐患点 (编号 | 说明) name no items: the usual reading, not ticks."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单"])
    ws.append(["填报单位（盖章）：海复镇"])
    ws.append(["序号", "养老服务机构及场所名称", "类别", "风险隐患点", None, "风险隐患等级", "牵头排查单位", "备注"])
    ws.append([None, None, None, "编号", "具体情况"])
    ws.merge_cells("D3:E3")
    for c in "ABCFGH":
        ws.merge_cells(f"{c}3:{c}4")
    ws.append([1, "海复康乐老年公寓", "A", "2、4", "扩张过快", "黄", "海复镇民政办", None])
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert code == 0 and [(f["code"], f["cell"]) for f in data["findings"]] == [("COLUMN_UNKNOWN", "E4")]


def _points_one_row(path: Path, first: str, rows) -> Path:
    """附件2 under `first` (its unit line or title) with one header row, the fifteen points headed 1 … 15."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([first])
    ws.append(["序号", "养老服务机构及场所名称", "类别", *range(1, 16), "风险隐患等级", "牵头排查单位", "备注"])
    for n, (name, cat, points, level) in enumerate(rows, 1):
        ws.append([n, name, cat, *_ticks(points, 15), level, "海复镇民政办", None])
    wb.save(path)
    return path


def test_one_header_row_with_the_points_numbered(tmp_path: Path, runner) -> None:
    """序号 | 名称 | 类别 | 1 | 2 | … | 15 | 风险隐患等级 …, one header row: the fifteen numbers are the points ticked.
    Under 附件2's title it was one FORM_NOT_FOUND (taken for a 排查表); without a title, 排查表 errors."""
    path = _points_one_row(tmp_path / "海复镇.xlsx", "填报单位（盖章）：海复镇", F2_ROWS)
    code, data = run_json(runner, "check", str(path))
    assert code == 0 and data["findings"] == [] and data["summary"]["rows_read"] == 2
    _points_one_row(path, "养老服务诈骗风险隐患“红橙黄”风险管控名单", [("海复康乐老年公寓", "A", [2, 4], "红")])
    code, data = run_json(runner, "check", str(path))
    assert ("LEVEL_OVERRATED", "S3") in [(f["code"], f["cell"]) for f in data["findings"]]


def test_disposal_with_points_and_measures_both_ticked(tmp_path: Path, runner) -> None:
    """附件3 with 风险隐患点 (1 … 15) and 打击整治措施 (its words) both ticked: the points are compared with 附件2's —
    POINTS_DIFFER where 安心养老院 ticks 7 here and 6 there, at the group's first cell C6 — and measures read."""
    wb, ws = _lists_book()
    ws.append(F3_HEAD[:2] + ["风险隐患点"] + [None] * 14 + F3_HEAD[3:] + ["打击整治措施"] + [None] * 10 + F3_TAIL)
    ws.append([None, None, *range(1, 16), None, None, *MEASURES])
    for c in [1, 2, 18, 19, 31, 32, 33]:
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws.merge_cells("C3:Q3")
    ws.merge_cells("T3:AD3")
    for n, (name, points, clue, measures) in enumerate([("海复康乐老年公寓", [2, 4], "否", [1, 2]),
                                                        ("海复安心养老院", [7], "是", [3, 4, 6])], 1):
        ws.append([n, name, *_ticks(points, 15), clue, "不涉及", *_ticks(measures, 11), "已处置", "否", "否"])
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert [(f["code"], f["sheet"], f["cell"]) for f in data["findings"]] == [("POINTS_DIFFER", "附件3", "C6")]
    assert code == 0


def _measures_one_row(tmp_path: Path, heads: list, rows: list) -> Path:
    """附件2 as usual; 附件3 with one header row, its 打击整治措施 as eleven columns headed `heads`, ticked with ✓."""
    wb, ws = _lists_book(titled=False)
    ws.append(F3_HEAD + heads + F3_TAIL)
    for n, (name, points, clue, measures) in enumerate(rows, 1):
        ws.append([n, name, points, clue, "不涉及", *_ticks(measures, 11, "✓"), "已处置", "否", "否"])
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    return path


def test_one_header_row_with_the_measures_named(tmp_path: Path, runner) -> None:
    """打击整治措施 as eleven columns headed by the measures' words in the one header row, no group above them."""
    heads = [f"{n}.{m}" for n, m in enumerate(MEASURES, 1)]
    path = _measures_one_row(tmp_path, heads, [*F3_ROWS, ("海复幸福院", "2", "否", [1])])
    code, data = run_json(runner, "check", str(path))
    assert code == 0
    # 幸福院 is on 附件3 only (DISPOSAL_UNLISTED at its name) and took 风险提示 alone (MEASURE_MISSING at F5)
    assert [(f["code"], f["cell"]) for f in data["findings"]] == [("DISPOSAL_UNLISTED", "B5"), ("MEASURE_MISSING", "F5")]


F1_QUESTIONS = ["是否成立了专项行动领导小组，主要负责人及职务", "是否抽调专门工作力量组成专班",
                "是否利用新闻媒体等平台开展广泛宣传，具体宣传方式", "是否建立了部门间信息共享机制，具体涉及部门",
                "是否已开通了投诉举报通道，具体渠道"]


def _f1_yes_no(tmp_path: Path, answers: list[list[str | None]]) -> Path:
    """附件1 with each question over 是 | 否 | 具体情况, ticked; `answers`: the three cells of each question."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件1"
    ws.append(["养老服务诈骗风险隐患排查工作进度表"])
    ws.merge_cells("A1:T1")
    ws.append(["填报单位（盖章）：海复镇"])
    top = ["序号", "乡镇", "辖区内应当排查的养老服务机构及场所总数（家）", "已经排查的养老服务机构及场所数量（家）", "已排查占比（%）"]
    ws.append(top + [q if i % 3 == 0 else None for q in F1_QUESTIONS for i in range(3)])
    ws.append([None] * 5 + ["是", "否", "具体情况"] * 5)
    for c in range(1, 6):
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    for i in range(5):
        ws.merge_cells(start_row=3, start_column=6 + 3 * i, end_row=3, end_column=8 + 3 * i)
    ws.append([1, "海复镇", 20, 20, "100%", *[cell for a in answers for cell in a]])
    ws.append([])
    ws.append(["填报人：王芳", None, None, None, "填报日期：2022-06-15"])
    path = tmp_path / "海复镇附件1.xlsx"
    wb.save(path)
    return path


ANSWERED = [["√", None, "王某某（副镇长）"], ["√", None, None], ["√", None, "微信公众号"], [None, "√", None],
            ["√", None, "12345热线"]]


def test_questions_answered_by_ticking_yes_or_no(tmp_path: Path, runner) -> None:
    """The sub-headers 是 | 否 | 具体情况 were read as a data row (VALUE_INVALID “是，否” and the like, 7 errors)."""
    path = _f1_yes_no(tmp_path, ANSWERED)
    code, data = run_json(runner, "check", str(path))
    assert code == 0 and data["findings"] == [] and data["summary"]["rows_read"] == 1
    code, data = run_json(runner, "consolidate", str(path), "-o", str(tmp_path / "out"), "--period", "2022-06")
    book = openpyxl.load_workbook(next(p for p in data["summary"]["outputs"] if p.endswith(".xlsx")))
    row = next(r for r in book["附件1"].iter_rows(values_only=True) if r[1] == "海复镇")
    assert row[5:10] == ("是，王某某（副镇长）", "是", "是，微信公众号", "否", "是，12345热线")


def test_a_yes_without_its_detail_is_said_at_the_detail_cell(tmp_path: Path, runner) -> None:
    answers = [list(a) for a in ANSWERED]
    answers[2][2] = None  # 宣传 ticked 是, its 具体宣传方式 left blank: DETAIL_MISSING at N5
    code, data = run_json(runner, "check", str(_f1_yes_no(tmp_path, answers)))
    assert code == 0 and [(f["code"], f["cell"]) for f in data["findings"]] == [("DETAIL_MISSING", "N5")]


@pytest.mark.parametrize(("cells", "code"), [(["√", "√", None], "VALUE_INVALID"), ([None, None, None], "VALUE_REQUIRED")])
def test_both_or_neither_ticked(tmp_path: Path, runner, cells: list, code: str) -> None:
    """是 and 否 both ticked is no answer (VALUE_INVALID), neither is none (VALUE_REQUIRED): at the question's 是, F5."""
    answers = [cells] + [list(a) for a in ANSWERED[1:]]
    exit_code, data = run_json(runner, "check", str(_f1_yes_no(tmp_path, answers)))
    assert exit_code == 1 and [(f["code"], f["cell"]) for f in data["findings"]] == [(code, "F5")]


def test_no_written_under_no_is_no(tmp_path: Path, runner) -> None:
    """否 written in the 否 column (not a tick) chooses it; 否 written under 是 leaves 是 unticked."""
    answers = [list(a) for a in ANSWERED]
    answers[3] = [None, "否", None]
    code, data = run_json(runner, "check", str(_f1_yes_no(tmp_path, answers)))
    assert code == 0 and data["findings"] == []


def test_level_and_category_ticked(tmp_path: Path, runner) -> None:
    """附件2's 类别 over A | B | C and 风险隐患等级 over 红 | 橙 | 黄, ticked: read as the letter and the colour, so
    LEVEL_UNDERRATED (points 6 with 黄 ticked) is said at the level group's first cell, G6."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单"])
    ws.append(["填报单位（盖章）：海复镇"])
    ws.append(["序号", "养老服务机构及场所名称", "类别", None, None, "风险隐患点", "风险隐患等级", None, None, "牵头排查单位"])
    ws.append([None, None, "A", "B", "C", None, "红", "橙", "黄", None])
    for c in "ABFJ":
        ws.merge_cells(f"{c}3:{c}4")
    ws.merge_cells("C3:E3")
    ws.merge_cells("G3:I3")
    ws.append([1, "海复康乐老年公寓", "√", None, None, "2、4", None, None, "√", "海复镇民政办"])
    ws.append([2, "海复安心养老院", None, "√", None, "6", None, None, "√", "海复镇民政办"])
    ws.append([3, "海复幸福小院", None, None, "√", "9", None, "√", None, "海复镇民政办"])
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert code == 1 and [(f["code"], f["cell"]) for f in data["findings"]] == [("LEVEL_UNDERRATED", "G6")]


def test_disposal_answers_ticked_with_the_case_date_beside(tmp_path: Path, runner) -> None:
    """附件3's 通报线索 over 是 | 否 and 是否立案及立案时间 over 是 | 否 | 立案时间, ticked: 安心养老院 (橙) with 否 ticked
    is CLUE_NOT_REPORTED at the clue group's first cell D6; a 是 for 立案 without its date is CASE_DATE_MISSING at the
    date's cell K6, with it the case is read (2022-06-10)."""
    wb, ws = _lists_book()
    ws.append(["序号", "养老服务机构及场所名称", "风险隐患点", F3_HEAD[3], None, F3_HEAD[4], "打击整治措施", "当月处置进展",
               "是否立案及立案时间", None, None, "存量风险是否已有效化解"])
    ws.append([None] * 3 + ["是", "否"] + [None] * 3 + ["是", "否", "立案时间"])
    for c in "ABCFGHL":
        ws.merge_cells(f"{c}3:{c}4")
    ws.merge_cells("D3:E3")
    ws.merge_cells("I3:K3")
    ws.append([1, "海复康乐老年公寓", "2、4", None, "√", "不涉及", "1、2", "已处置", None, "√", None, "否"])
    ws.append([2, "海复安心养老院", "6", None, "√", "不涉及", "3、4", "已处置", "√", None, None, "否"])
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert code == 1
    assert sorted((f["code"], f["cell"]) for f in data["findings"]) == \
        [("CASE_DATE_MISSING", "K6"), ("CLUE_NOT_REPORTED", "D6")]
    ws["K6"] = "2022-06-10"
    ws["D6"], ws["E6"] = "√", None
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert code == 0 and data["findings"] == []


def _f2_only(tmp_path: Path, rows, heads: list[str] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    _f2(ws, rows, heads=heads)
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    return path


def _consolidated_points(tmp_path: Path, runner, path: Path) -> dict[str, tuple[str, str]]:
    """附件2 one level up: name -> (风险隐患点, 备注)."""
    code, data = run_json(runner, "consolidate", str(path), "-o", str(tmp_path / "out"), "--period", "2022-06")
    book = openpyxl.load_workbook(next(p for p in data["summary"]["outputs"] if p.endswith(".xlsx")))
    return {r[1]: (r[3], r[6]) for r in book["附件2"].iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)}


def test_a_sub_header_in_own_words_is_the_item_its_place_gives(tmp_path: Path, runner) -> None:
    """1 … 15 with 6 headed 负责人涉经济犯罪 (words the notice does not use): between 5 and 7 it is 6. It was the end of the
    group, 7 … 15 extra columns, their ticks lost (blind audit)."""
    heads = [str(n) for n in range(1, 16)]
    heads[5] = "负责人涉经济犯罪"
    path = _f2_only(tmp_path, [("海复康乐老年公寓", "A", [2, 4], "黄"), ("海复安心养老院", "A", [6, 7], "橙")], heads)
    code, data = run_json(runner, "check", str(path))
    assert [f["code"] for f in data["findings"] if f["code"] != "DISPOSAL_MISSING"] == []
    assert _consolidated_points(tmp_path, runner, path)["海复安心养老院"][0] == "6、7"


def test_a_sub_header_naming_nothing_out_of_order_is_an_extra_column_kept(tmp_path: Path, runner) -> None:
    """Items in an order of the township's own with one header naming nothing: that column is COLUMN_UNKNOWN at its
    sub-header (E4), its tick kept in 备注 one level up; the others read."""
    heads = ["4", "某某情况", "2", "1"] + [str(n) for n in range(5, 16)]
    rows = [("海复康乐老年公寓", "A", [1, 2], "黄")]  # the first two columns: 4 and 某某情况
    path = _f2_only(tmp_path, rows, heads)
    code, data = run_json(runner, "check", str(path))
    assert ("COLUMN_UNKNOWN", "E4") in [(f["code"], f["cell"]) for f in data["findings"]]
    points, note = _consolidated_points(tmp_path, runner, path)["海复康乐老年公寓"]
    assert points == "4" and "某某情况：√" in note


def test_items_typed_right_to_left_are_written_in_order(tmp_path: Path, runner) -> None:
    """15 … 1: written 6、15.其他：… one level up, which reads back as 6 and 15 (it was 15.其他：…、6, losing 6)."""
    heads = [str(n) for n in range(15, 0, -1)]
    rows = [("海复安心养老院", "A", {1: "租用场地即将到期", 10: "√"}, "橙")]  # columns 1 and 10: 15 and 6
    points = _consolidated_points(tmp_path, runner, _f2_only(tmp_path, rows, heads))["海复安心养老院"][0]
    assert points == "6、15.其他：租用场地即将到期"


@pytest.mark.parametrize(("mark", "said"), [("？", "VALUE_INVALID"), ("待核实", "VALUE_INVALID"), ("2", "VALUE_INVALID"),
                                            # read as 否 / 是 without a word (blind audit of spellings)
                                            ("无法确定", "VALUE_INVALID"), ("未排查", "VALUE_INVALID"),
                                            ("有待核实", "VALUE_INVALID"),
                                            ("不涉及", None), ("不符合", None)])
def test_a_mark_that_says_neither(tmp_path: Path, runner, mark: str, said: str | None) -> None:
    """Under 6, beside √ under 2 (declared 黄): ？, 待核实 or another item's number is asked at its cell, I5; 不涉及 and
    不符合 are not ticked."""
    path = _f2_only(tmp_path, [("海复康乐老年公寓", "A", {2: "√", 6: mark}, "黄")])
    code, data = run_json(runner, "check", str(path))
    got = [(f["code"], f["cell"]) for f in data["findings"] if f["code"] != "DISPOSAL_MISSING"]
    assert got == ([(said, "I5")] if said else [])


@pytest.mark.parametrize(("words", "points"), [("其他情形", None), ("其他：租用场地即将到期", "2、15.其他：租用场地即将到期")])
def test_words_under_15(tmp_path: Path, runner, words: str, points: str | None) -> None:
    """其他情形 under 15 describes nothing (POINT_OTHER_UNDESCRIBED, at D5); 其他：… is not written 其他：其他：…."""
    path = _f2_only(tmp_path, [("海复康乐老年公寓", "A", {2: "√", 15: words}, "黄")])
    code, data = run_json(runner, "check", str(path))
    got = [(f["code"], f["cell"]) for f in data["findings"] if f["code"] != "DISPOSAL_MISSING"]
    if points is None:
        assert got == [("POINT_OTHER_UNDESCRIBED", "D5")]
    else:
        assert got == [] and _consolidated_points(tmp_path, runner, path)["海复康乐老年公寓"][0] == points


@pytest.mark.parametrize("bands", [False, True])
def test_three_header_rows(tmp_path: Path, runner, bands: bool) -> None:
    """风险隐患点 merged over two rows above 1 … 15, the other headers merged down three; or a row of bands between
    (黄色（1-5）| 橙色（6-9）| 红色（10-14）| 其他). The points were lost, VALUE_REQUIRED on every row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单"])
    ws.append(["填报单位（盖章）：海复镇"])
    ws.append(["序号", "养老服务机构及场所名称", "类别", "风险隐患点"] + [None] * 14 + ["风险隐患等级", "牵头排查单位", "备注"])
    if bands:
        ws.append([None] * 3 + ["黄色（1-5）"] + [None] * 4 + ["橙色（6-9）"] + [None] * 3 + ["红色（10-14）"] + [None] * 4
                  + ["其他"])
        ws.merge_cells("D4:H4")
        ws.merge_cells("I4:L4")
        ws.merge_cells("M4:Q4")
        ws.merge_cells("D3:R3")
    else:
        ws.append([])
        ws.merge_cells("D3:R4")
    ws.append([None] * 3 + list(range(1, 16)))
    for c in (1, 2, 3, 19, 20, 21):
        ws.merge_cells(start_row=3, start_column=c, end_row=5, end_column=c)
    for n, (name, cat, points, level) in enumerate(F2_ROWS, 1):
        ws.append([n, name, cat, *_ticks(points, 15), level, "海复镇民政办", None])
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert [f["code"] for f in data["findings"] if f["code"] != "DISPOSAL_MISSING"] == []
    assert data["summary"]["rows_read"] == 2


def test_one_header_row_with_the_measures_numbered(tmp_path: Path, runner) -> None:
    """附件3 with its 风险隐患点 column and eleven columns headed 1 … 11: the measures."""
    path = _measures_one_row(tmp_path, list(range(1, 12)), F3_ROWS)
    code, data = run_json(runner, "check", str(path))
    assert code == 0 and data["findings"] == []


def test_headers_ending_in_a_number_are_no_items(tmp_path: Path, runner) -> None:
    """问题1 | 问题2 | 问题3 on one header row name no points: the cells under them are not read as ticks of 1, 2, 3
    (a 6 typed there became point 1; review). The form lacks its 风险隐患点 column, as before."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单"])
    ws.append(["序号", "养老服务机构及场所名称", "类别", "问题1", "问题2", "问题3", "风险隐患等级", "牵头排查单位", "备注"])
    ws.append([1, "海复康乐老年公寓", "A", "6", None, None, "橙", "海复镇民政办", None])
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert [f["code"] for f in data["findings"]].count("COLUMN_MISSING") == 1
    assert not any(f["code"].startswith("LEVEL_") for f in data["findings"])


def test_a_first_row_of_points_one_a_cell_is_data_not_a_header(tmp_path: Path, runner) -> None:
    """风险隐患点 merged over three columns, a facility's points typed one a cell (2 | 4 | 6) in the row under it: a
    facility, not the items' numbers (its row vanished; review)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单"])
    ws.append(["养老服务机构及场所名称", "类别", "风险隐患点", None, None, "风险隐患等级", "牵头排查单位"])
    ws.merge_cells("C2:E2")
    ws.append(["海复康乐老年公寓", "A", 2, 4, 6, "橙", "海复镇民政办"])
    ws.append(["海复安心养老院", "A", 7, 8, None, "橙", "海复镇民政办"])
    ws.append(["海复幸福院", "A", 1, None, None, "黄", "海复镇民政办"])
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert data["summary"]["rows_read"] == 3


def test_one_value_merged_across_the_items_is_asked_once(tmp_path: Path, runner) -> None:
    """2、4 typed in D5 merged over the fifteen item cells: every item was ticked (six POINTS_CONFLICT, 红). It is
    one value, asked at D5."""
    path = _f2_only(tmp_path, [("海复康乐老年公寓", "A", {1: "2、4"}, "黄")])
    wb = openpyxl.load_workbook(path)
    wb.active.merge_cells("D5:R5")
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert [(f["code"], f["cell"]) for f in data["findings"] if f["code"] != "DISPOSAL_MISSING"] == \
        [("VALUE_INVALID", "D5")]


def test_a_struck_tick_is_taken_back_and_said(tmp_path: Path, runner) -> None:
    """√ under 6 struck through (the clerk took it back): not counted — 黄 stands — and said at I5."""
    from openpyxl.styles import Font

    path = _f2_only(tmp_path, [("海复康乐老年公寓", "A", [2, 6], "黄")])
    wb = openpyxl.load_workbook(path)
    wb.active["I5"].font = Font(strike=True)
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    said = [f for f in data["findings"] if f["code"] != "DISPOSAL_MISSING"]
    assert [(f["code"], f["cell"]) for f in said] == [("VALUE_INVALID", "I5")] and "按没勾读" in said[0]["message"]


@pytest.mark.parametrize("words", ["无证经营", "有群众举报", "√资金链紧张"])
def test_the_case_under_15_whatever_it_starts_with(tmp_path: Path, runner, words: str) -> None:
    """Under 15, 无证经营 (read as 无 = no), 有群众举报 (有 = yes) and √资金链紧张 are the case itself."""
    path = _f2_only(tmp_path, [("海复安心养老院", "A", {6: "√", 15: words}, "橙")])
    points = _consolidated_points(tmp_path, runner, path)["海复安心养老院"][0]
    assert points == "6、15.其他：" + words.lstrip("√")


def test_15_merged_down_beside_the_group(tmp_path: Path, runner) -> None:
    """风险隐患点 over 1 … 14 and 15.其他（写明具体情形） merged down both header rows beside it: 15 is the group's."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["养老服务诈骗风险隐患“红橙黄”风险管控名单"])
    ws.append(["序号", "养老服务机构及场所名称", "类别", "风险隐患点"] + [None] * 13 + ["15.其他（写明具体情形）", "风险隐患等级"])
    ws.append([None] * 3 + list(range(1, 15)))
    for c in (1, 2, 3, 18, 19):
        ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
    ws.merge_cells("D2:Q2")
    ws.append([1, "海复安心养老院", "A", *_ticks([6], 14), "资金链紧张，拖欠护工工资", "橙"])
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    from yanglao_cli.config import default_config
    from yanglao_cli.pipeline import load_file

    rec = load_file(path, path.name, default_config(), 2022).forms[0].records[0]
    assert rec.points.items == (6, 15) and rec.points.other_text == "资金链紧张，拖欠护工工资"


@pytest.mark.parametrize(("cells", "code"), [(["√", "√", "王某某（副镇长）"], "VALUE_INVALID"),
                                             ([None, None, "王某某（副镇长）"], "VALUE_REQUIRED"),
                                             (["2", None, "王某某（副镇长）"], "VALUE_INVALID")])
def test_both_or_neither_ticked_with_the_detail_written(tmp_path: Path, runner, cells: list, code: str) -> None:
    """The detail written beside: both ticked was read as 是 (是、否，王某某 one level up), neither as the detail alone,
    a 2 under 是 as 是 (blind audit). Each is asked at F5."""
    answers = [cells] + [list(a) for a in ANSWERED[1:]]
    exit_code, data = run_json(runner, "check", str(_f1_yes_no(tmp_path, answers)))
    assert exit_code == 1 and [(f["code"], f["cell"]) for f in data["findings"]] == [(code, "F5")]


def test_no_written_under_yes_is_no(tmp_path: Path, runner) -> None:
    """否 typed in the 是 column (the 否 column left blank) is the clerk's 否: it was “不能为空”."""
    answers = [list(a) for a in ANSWERED]
    answers[3] = ["否", None, None]
    code, data = run_json(runner, "check", str(_f1_yes_no(tmp_path, answers)))
    assert code == 0 and data["findings"] == []


def test_a_question_over_yes_no_and_its_detail_typed(tmp_path: Path, runner) -> None:
    """Each question merged over 是否 | 具体情况 with 是 typed and the detail beside: two header rows, the detail the
    answer's (the sub-header row was read as a township's row with eight VALUE_INVALID; blind audit)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["养老服务诈骗风险隐患排查工作进度表"])
    ws.append(["填报单位（盖章）：海复镇"])
    top = ["序号", "乡镇", "辖区内应当排查的养老服务机构及场所总数（家）", "已经排查的养老服务机构及场所数量（家）", "已排查占比（%）"]
    ws.append(top + [q if i % 2 == 0 else None for q in F1_QUESTIONS for i in range(2)])
    ws.append([None] * 5 + ["是否", "具体情况"] * 5)
    for c in range(1, 6):
        ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    for i in range(5):
        ws.merge_cells(start_row=3, start_column=6 + 2 * i, end_row=3, end_column=7 + 2 * i)
    ws.append([1, "海复镇", 20, 20, "100%", "是", "王某某（副镇长）", "是", None, "是", "微信公众号", "否", None, "是",
               "12345热线"])
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert code == 0 and data["findings"] == [] and data["summary"]["rows_read"] == 1


def test_words_in_an_items_tick_cell_are_carried_up(tmp_path: Path, runner) -> None:
    """6月10日已约谈 written under 警示约谈 instead of √: the measure is taken, and the words are kept one level up
    (they were dropped)."""
    rows = [F3_ROWS[0], ("海复安心养老院", "6", "是", {3: "6月10日已约谈", 4: "√"})]
    path = _book(tmp_path, F2_ROWS, rows)
    code, data = run_json(runner, "consolidate", str(path), "-o", str(tmp_path / "out"), "--period", "2022-06")
    assert code == 0 and [f for f in data["findings"] if f["code"] != "SUBMISSION_MISSING"] == []
    book = openpyxl.load_workbook(next(p for p in data["summary"]["outputs"] if p.endswith(".xlsx")))
    row = next(r for r in book["附件3"].iter_rows(values_only=True) if r[1] == "海复安心养老院")
    assert row[5] == "3、4" and any("打击整治措施3：6月10日已约谈" in str(v) for v in row if v)


@pytest.mark.parametrize("mark", ["？", "待核实"])
def test_an_undecided_clue_is_asked_once_not_also_unreported(tmp_path: Path, runner, mark: str) -> None:
    """？ under 是 of 通报线索 (是 | 否) for an 橙 facility: VALUE_INVALID at that cell, D6, as ？ in the one column —
    not also CLUE_NOT_REPORTED as if left blank; one level up the cell shows the ？."""
    wb, ws = _lists_book()
    ws.append(["序号", "养老服务机构及场所名称", "风险隐患点", F3_HEAD[3], None, *F3_HEAD[4:], *F3_TAIL[:1], "打击整治措施",
               *F3_TAIL[1:]])
    ws.append([None] * 3 + ["是", "否"] + [None] * 5)
    for c in "ABCFGHIJ":
        ws.merge_cells(f"{c}3:{c}4")
    ws.merge_cells("D3:E3")
    ws.append([1, "海复康乐老年公寓", "2、4", None, "√", "不涉及", "已处置", "1、2", "否", "否"])
    ws.append([2, "海复安心养老院", "6", mark, None, "不涉及", "已处置", "3、4", "否", "否"])
    path = tmp_path / "海复镇.xlsx"
    wb.save(path)
    code, data = run_json(runner, "check", str(path))
    assert code == 1 and [(f["code"], f["cell"]) for f in data["findings"]] == [("VALUE_INVALID", "D6")]
    code, data = run_json(runner, "consolidate", str(path), "-o", str(tmp_path / "out"), "--period", "2022-06")
    book = openpyxl.load_workbook(next(p for p in data["summary"]["outputs"] if p.endswith(".xlsx")))
    row = next(r for r in book["附件3"].iter_rows(values_only=True) if r[1] == "海复安心养老院")
    assert row[3] == mark
