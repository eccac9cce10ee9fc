"""Other counties re-typed the forms' headers in their own words. A header worded otherwise is the template's column
when a clerk would plainly mean it; a column about another figure beside it — last month's, the planned measures,
the facilities not yet checked, the operator's name — is a column of its own (COLUMN_UNKNOWN) and never gives its
values to the official column, whichever side of it it stands (blind audit of other counties' wording)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from yanglao_cli.forms import F4
from yanglao_cli.reader import match_header

from .conftest import run_json, specs_for, write

HEADER_ROW = 4  # 附件N： / title / 填报单位 / header (sample.write_sheet)


def _workbook(tmp_path: Path, form: str, field: str, header: str,
              extra: tuple[str, object, int] | None = None) -> tuple[Path, list]:
    """汇龙镇's clean month with `field` of `form` headed `header`; `extra` = (header, value, offset) inserts a
    column of that value at the field's column (offset 0: left of it) or right after it (offset 1)."""
    specs = specs_for("汇龙镇")
    specs[form].header_override = {field: header}
    path = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    real = [row.get(field) for row in specs[form].rows]
    if extra:
        wb = openpyxl.load_workbook(path)
        ws = wb[f"附件{form[1]}"]
        col = 1 + [c.value for c in ws[HEADER_ROW]].index(header) + extra[2]
        ws.insert_cols(col)
        ws.cell(HEADER_ROW, col, extra[0])
        for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(real)):
            ws.cell(r, col, extra[1])
        wb.save(path)
    return path, real


def _written(tmp_path: Path, runner, form: str, official: str) -> list:
    code, data = run_json(runner, "consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                          "--period", "2022-06", "--format", "json")
    assert code in (0, 1), data
    ws = openpyxl.load_workbook(tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx")[f"附件{form[1]}"]
    head = [c.value for c in ws[4]]
    col = head.index(official)
    return [row[col] for row in ws.iter_rows(min_row=5, values_only=True) if isinstance(row[0], int)]


@pytest.mark.parametrize(("form", "field", "header", "official", "extra", "sentinel"), [
    ("F2", "level", "风险等级", "风险隐患等级", "上月风险隐患等级", "绿"),
    ("F2", "level", "风险隐患等级（6月）", "风险隐患等级", "风险隐患等级（5月）", "绿"),
    ("F2", "level", "调整后风险隐患等级", "风险隐患等级", "原风险隐患等级", "绿"),
    ("F2", "level", "风险等级", "风险隐患等级", "风险隐患等级（上月）", "绿"),
    ("F2", "level", "风险隐患等级（现）", "风险隐患等级", "风险隐患等级（原）", "绿"),
    ("F2", "level", "风险隐患等级（调整后）", "风险隐患等级", "风险隐患等级（调整前）", "绿"),
    ("F2", "level", "风险隐患等级（1月）", "风险隐患等级", "风险隐患等级（12月）", "绿"),
    ("F2", "level", "风险隐患等级（2022年6月）", "风险隐患等级", "风险隐患等级（2022年5月）", "绿"),
    ("F2", "level", "风险隐患等级（本月）", "风险隐患等级", "风险隐患等级（5月）", "绿"),
    ("F2", "level", "风险隐患等级（六月）", "风险隐患等级", "风险隐患等级（五月）", "绿"),
    ("F2", "name", "机构名称", "养老服务机构及场所名称", "运营单位名称", "某某健康科技有限公司"),
    ("F3", "resolved", "是否化解", "存量风险是否已有效化解", "上月是否化解", "否，上月未化解"),
    ("F3", "case", "立案情况", "是否立案及立案时间", "上月立案情况", "否，上月未立案"),
    ("F3", "measures", "已采取措施", "打击整治措施", "拟采取措施", "5、9"),
    ("F3", "clue", "是否通报线索", "是否向属地人民政府和政法机关通报线索", "上月是否通报线索", "上月否"),
    ("F1", "checked", "已排查数量（家）", "已经排查的养老服务机构及场所数量（家）", "未排查数量（家）", 999),
    ("F1", "total", "应排查总数（家）", "辖区内应当排查的养老服务机构及场所总数（家）", "上月应排查总数（家）", 999),
])
@pytest.mark.parametrize("side", [0, 1])
def test_another_figure_beside_a_column_never_takes_its_place(tmp_path: Path, runner, form: str, field: str,
                                                              header: str, official: str, extra: str,
                                                              sentinel: object, side: int) -> None:
    _workbook(tmp_path, form, field, header, (extra, sentinel, side))
    code, data = run_json(runner, "check", str(tmp_path / "in"), "--format", "json")
    cols = {f["code"]: f["cell"] for f in data["findings"] if f["code"].startswith("COLUMN_")}
    assert "COLUMN_MISSING" not in cols
    ws = openpyxl.load_workbook(tmp_path / "in" / "汇龙镇.xlsx")[f"附件{form[1]}"]
    extra_cell = next(c.coordinate for c in ws[HEADER_ROW] if c.value == extra)
    assert cols.get("COLUMN_UNKNOWN") == extra_cell  # said as an extra column, at its own header
    written = _written(tmp_path, runner, form, official)
    assert written and all(str(sentinel) not in str(v) for v in written)


@pytest.mark.parametrize(("form", "field", "header"), [
    ("F1", "checked", "实际排查数（家）"),
    ("F1", "checked", "完成排查数（家）"),
    ("F1", "group", "成立领导小组情况（主要负责人及职务）"),
    # as 附件2/附件3's township column is headed in a county's set (COLUMN_MISSING 乡镇; audit of levels)
    ("F1", "township", "所属区镇"), ("F1", "township", "镇街"),
    ("F1", "task_force", "专班组建情况"),
    ("F1", "publicity", "宣传开展情况（方式）"),
    ("F1", "info_sharing", "信息共享涉及部门"),
    ("F2", "points", "主要风险隐患"),
    ("F2", "lead_unit", "牵头排查部门"),
    ("F2", "lead_unit", "牵头部门"),
    ("F2", "note", "备注说明"),
    ("F2", "note", "其他说明"),
    ("F3", "progress", "工作进展"),
    ("F3", "progress", "本月处置情况"),
    ("F3", "progress", "当月处置情况"),
    ("F3", "fundraising", "属于非法集资的是否同步纳入处非工作机制（是/否/不涉及）"),
    # 附件4's row-label column under a word (it was COLUMN_UNKNOWN: blind audit of correct workbooks)
    ("F4", "label", "类别"), ("F4", "label", "项目"), ("F4", "label", "内容"),
    # typed by pinyin (等级 and 登记 are both dengji): COLUMN_MISSING and the levels unread (SPEC sweep)
    ("F2", "level", "风险隐患登记"), ("F2", "level", "风险等极"),
    # a word for the column, typed short (COLUMN_MISSING, and the answers went into 当月处置进展; audit of layouts)
    ("F3", "resolved", "化解"), ("F3", "resolved", "已化解"), ("F3", "case", "立案"), ("F3", "clue", "通报"),
    ("F3", "fundraising", "处非"), ("F2", "level", "颜色"), ("F2", "points", "存在风险点"),
    # the notice's own words for what is listed, and 处非 spelled out (COLUMN_MISSING, the names put in 备注, the
    # 总数 lost from the consolidated 附件1; audit of layouts)
    ("F2", "name", "养老机构及场所"), ("F2", "name", "养老机构、场所"), ("F2", "name", "养老机构/场所"),
    ("F2", "name", "养老服务场所"), ("F3", "name", "养老机构或场所"), ("F1", "total", "养老机构及场所总数（家）"),
    ("F1", "total", "辖区内养老机构及场所总数（家）"), ("F1", "checked", "已排查机构及场所总数"),
    ("F3", "fundraising", "是否纳入处置非法集资工作机制"), ("F3", "fundraising", "是否纳入非法集资处置工作机制"),
    ("F3", "fundraising", "是否纳入打击非法集资工作机制"), ("F3", "fundraising", "属于非法集资的纳入属地处非工作机制"),
    # the notice's own words for 附件1's questions, and near words (audit of header wording)
    ("F1", "group", "是否成立专项行动工作组，组长及职务"), ("F1", "task_force", "是否抽调精干力量组成工作专班"),
    ("F1", "publicity", "是否开展集中宣传活动，具体宣传方式"), ("F1", "complaints", "是否畅通线索举报渠道，具体渠道"),
    ("F1", "total", "需排查数量"), ("F1", "township", "单位名称"), ("F1", "percent", "已经排查的养老服务机构及场所占比（%）"),
    ("F2", "category", "所属类别"), ("F2", "category", "分类"), ("F2", "lead_unit", "责任单位"),
    ("F2", "lead_unit", "排查责任单位"), ("F2", "note", "附注"), ("F3", "measures", "处置举措"),
    ("F3", "measures", "处置方式"), ("F4", "referred", "移送公安机关"),
    # numbered in words or marks, as a short header is too (FORM_NOT_FOUND for a list headed 一、序号 二、名称 …)
    ("F2", "category", "三、类别"), ("F2", "note", "七、备注"), ("F2", "category", "①类别"), ("F2", "name", "⑴名称"),
    ("F2", "level", "Ⅰ.等级"), ("F1", "township", "二、乡镇"), ("F3", "measures", "三、措施"),
    # 附件1's questions shortened (COLUMN_UNKNOWN and COLUMN_MISSING, the answers out of their columns; audit of headers)
    ("F1", "group", "领导小组及负责人职务"), ("F1", "group", "领导小组负责人"), ("F1", "group", "领导小组组长"),
    ("F1", "publicity", "新闻媒体宣传情况"), ("F1", "publicity", "宣传发动"),
])
def test_other_counties_wording_of_a_column_is_that_column(tmp_path: Path, runner, form: str, field: str,
                                                           header: str) -> None:
    _workbook(tmp_path, form, field, header)
    code, data = run_json(runner, "check", str(tmp_path / "in"), "--format", "json")
    assert [f["code"] for f in data["findings"]] == []
    assert code == 0


@pytest.mark.parametrize(("text", "field"), [
    ("已完成整治", "done"), ("完成整治", "done"), ("整治完毕", "done"), ("已完成", "done"),
    ("尚在整治", "ongoing"), ("未整治完成", "ongoing"), ("苗头性、倾向性问题", "early"),
    ("未整改完成", "ongoing"), ("尚未完成整改", "ongoing"), ("未完成整治", "ongoing"),
    ("收到公安机关提示函（份）", "police_letters"), ("收到检察院检察建议（份）", "procuratorate"),
    ("收到司法建议（份）", "judicial"), ("收到监察建议（份）", "supervision"),
    ("上周正在整治", None), ("本周新增正在整治", None), ("上周苗头性问题", None), ("截至上周整治完成", None),
    ("苗头性", "early"), ("提示函", "police_letters"),
])
def test_f4_headers_in_other_words(text: str, field: str | None) -> None:
    assert match_header(F4, text, set()) == field


@pytest.mark.parametrize(("form", "text"), [
    # what is asked, expected or planned, not done: another figure (they were read as the form's; audit of wording)
    ("F3", "应采取的打击整治措施"), ("F3", "是否需要通报线索"), ("F3", "是否应向属地人民政府和政法机关通报线索"),
    ("F3", "预计立案时间"), ("F3", "是否能够化解"), ("F3", "是否需要纳入处非机制"), ("F1", "待排查的养老服务机构及场所数量（家）"),
    ("F1", "待排查占比（%）"), ("F2", "已化解风险隐患点"), ("F2", "已整改风险隐患点"), ("F3", "通报线索数量（条）"),
    ("F2", "建议风险隐患等级"),
])
def test_a_header_of_what_is_asked_or_expected_is_no_column_of_the_form(form: str, text: str) -> None:
    from yanglao_cli.forms import F1, F2, F3

    assert match_header({"F1": F1, "F2": F2, "F3": F3}[form], text, set()) is None


@pytest.mark.parametrize(("form", "text", "field"), [
    ("F1", "已排查机构总数", "checked"),  # (it was the 总数: a figure of those checked)
    ("F2", "养老机构及场所类别", "category"),  # (the words before 类别 name what is listed, not the column)
    ("F2", "养老机构及场所风险隐患等级", "level"),
])
def test_a_header_is_the_column_it_ends_with(form: str, text: str, field: str) -> None:
    from yanglao_cli.forms import F1, F2

    assert match_header({"F1": F1, "F2": F2}[form], text, set()) == field


def test_an_original_stock_risk_is_the_resolved_column() -> None:
    """原 before 存量风险 is the risk's own word (the stock of risk found before), not last month's figure."""
    from yanglao_cli.forms import F3

    assert match_header(F3, "原存量风险是否已有效化解", set()) == "resolved"


def _f4_with_groups(tmp_path: Path, groups: list[str], subs: list[str], figures: list[int]) -> None:
    """汇龙镇's 附件4 with a two-row header: `groups` over three columns each (问题数, 本周新增, 累计 …) holding `subs`,
    the other columns merged down; one row of `figures`."""
    from openpyxl.utils import get_column_letter

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件4"
    ws.append(["附件4："])
    ws.append(["打击整治养老服务诈骗专项行动战果统计表"])
    ws.append(["填报单位（盖章）：汇龙镇"])
    ws.append([F4.columns[0].header, *(h for g in groups for h in (g, None, None)), *(c.header for c in F4.columns[4:])])
    ws.append([None, *subs])
    last = 1 + 3 * len(groups) + len(F4.columns[4:])
    for c in (1, *range(2 + 3 * len(groups), last + 1)):
        ws.merge_cells(f"{get_column_letter(c)}4:{get_column_letter(c)}5")
    for i in range(len(groups)):
        ws.merge_cells(f"{get_column_letter(2 + 3 * i)}4:{get_column_letter(4 + 3 * i)}4")
    ws.append(["汇龙镇", *figures])
    ws.append(["填报人：张三", None, "负责人：李四", None, "填报日期：2022年6月15日"])
    (tmp_path / "in").mkdir()
    wb.save(tmp_path / "in" / "汇龙镇.xlsx")


def test_f4_figures_headed_as_another_figure_under_the_groups_header_are_not_the_forms(tmp_path: Path,
                                                                                       runner) -> None:
    """拟正在整治 | 拟整治完成 under 问题数 (the planned figures): taken for 正在整治 and 整治完成 with no finding, their 3
    and 1 written into the consolidated 附件4 (robustness sweep). Extra columns; the form's are missing."""
    _f4_with_groups(tmp_path, ["问题数"], ["拟正在整治", "拟整治完成", "总计"], [3, 1, 4, 2, 1, 1, 0, 0, 0, 0])
    code, data = run_json(runner, "check", str(tmp_path / "in"), "--format", "json")
    found = sorted((f["code"], f["cell"]) for f in data["findings"] if f["code"].startswith("COLUMN_"))
    # (at the sub-headers' own cells, under 问题数's merge)
    assert ("COLUMN_UNKNOWN", "B5") in found and ("COLUMN_UNKNOWN", "C5") in found
    assert [c for c, _ in found].count("COLUMN_MISSING") == 2 and code == 1


@pytest.mark.parametrize("group", ["本周新增", "问题数（上周）", "截至5月底问题数", "本月问题数", "问题数（5月）"])
def test_f4_figures_under_a_group_of_another_figure_are_not_the_totals(tmp_path: Path, runner, group: str) -> None:
    """附件4 with two groups over 正在整治 | 整治完成 | 总计: this week's new ones or last week's, then the cumulative
    ones. The cumulative figures are the form's (the others an extra column each), not the first group's. Beside
    the template's 问题数, a group naming it with more words is another figure (截至5月底问题数 took the form's
    columns; audit of header wording)."""
    second = "累计" if group == "本周新增" else "问题数（本周）" if group == "问题数（上周）" else "问题数"
    _f4_with_groups(tmp_path, [group, second],
                    ["正在整治", "整治完成", "总计"] * 2, [2, 0, 2, 1, 2, 3, 2, 1, 0, 0, 0, 0, 0])
    code, data = run_json(runner, "check", str(tmp_path / "in"), "--format", "json")
    assert sorted((f["code"], f["cell"]) for f in data["findings"]) == [
        ("COLUMN_UNKNOWN", "B5"), ("COLUMN_UNKNOWN", "C5"), ("COLUMN_UNKNOWN", "D5")]
    code, data = run_json(runner, "consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                          "--period", "2022-06", "--format", "json")
    # (附件4 alone: a weekly round, its outputs named by its Wednesday)
    ws = openpyxl.load_workbook(next((tmp_path / "out").glob("启东市民政局_2022-06-*周_汇总.xlsx")))["附件4"]
    assert [r[1:4] for r in ws.iter_rows(min_row=5, values_only=True) if r[0] == "汇龙镇"] == [(1, 2, 3)]


@pytest.mark.parametrize(("groups", "subs"), [(["本月问题数"], ["正在整治", "整治完成", "总计"]),
                                             (["问题数"], ["本月正在整治", "本月整治完成", "本月总计"]),
                                             (["问题数"], ["本月新增正在整治", "本月新增整治完成", "本月新增总计"])])
def test_f4_figures_of_the_month_alone_are_not_the_cumulative_ones(tmp_path: Path, runner, groups: list[str],
                                                                   subs: list[str]) -> None:
    """附件4 holds figures since the campaign began; a township that filled the month's alone (本月问题数, 本月正在整治)
    had them read as the cumulative ones without a word, and 本月新增… under 问题数 gave five COLUMN_MISSING for three
    columns, two said at the group (blind audit of 附件1/附件4). Each missing column once, the month's kept apart."""
    _f4_with_groups(tmp_path, groups, subs, [2, 1, 3, 2, 1, 0, 0, 0, 0, 0])
    code, data = run_json(runner, "check", str(tmp_path / "in"), "--format", "json")
    found = sorted((f["code"], f["cell"]) for f in data["findings"])
    assert [c for c, _ in found] == ["COLUMN_MISSING"] * 3 + ["COLUMN_UNKNOWN"] * 3 and code == 1
    assert len({cell for c, cell in found if c == "COLUMN_MISSING"}) == 1


@pytest.mark.parametrize("header", ["风险隐患情形", "主要风险隐患", "风险隐患点（序号）"])
def test_a_points_header_read_on_f2_is_read_on_f3_too(tmp_path: Path, runner, header: str) -> None:
    """附件3's 风险隐患点 headed as 附件2's may be (风险隐患情形): it was COLUMN_MISSING (an error) on 附件3 only and the
    points lost; a review of the form definitions found the two lists had drifted apart."""
    path, real = _workbook(tmp_path, "F3", "points", header)
    code, data = run_json(runner, "check", str(path), "--format", "json")
    assert [f for f in data["findings"] if f["code"].startswith("COLUMN_")] == [], data["findings"]
    assert code == 0, data["findings"]
    assert _written(tmp_path, runner, "F3", "风险隐患点") == real


def test_columns_several_forms_share_are_headed_alike() -> None:
    """One list of wordings per shared column (forms.py), so a header read on one form is read on every form."""
    from yanglao_cli.forms import ALL_FORMS

    for field in ("seq", "name", "category", "points", "note"):
        lists = {f.key: f.column(field).variants for f in ALL_FORMS if any(c.field == field for c in f.columns)}
        assert len(lists) >= 2 and len(set(lists.values())) == 1, (field, lists)


def test_a_missing_column_after_a_split_pair_is_said_after_the_pair(tmp_path: Path, runner) -> None:
    """是否立案 | 立案时间 and no 化解 column: COLUMN_MISSING said to insert it before 立案时间, splitting the pair
    (audit of layouts)."""
    specs = specs_for("汇龙镇")
    specs["F3"].columns = ["seq", "name", "points", "clue", "fundraising", "measures", "progress", "case"]
    specs["F3"].extra_columns = {"立案时间": ["", "", ""]}
    write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    code, data = run_json(runner, "check", str(tmp_path / "in"))
    (missing,) = [f for f in data["findings"] if f["code"] == "COLUMN_MISSING"]
    assert missing["cell"] == "J4" and "立案时间" not in missing["message"] and "最后一列之后" in missing["message"]


@pytest.mark.parametrize("numbering", ["{n}.", "（{c}）", "({n})", "{c}、"])
def test_a_numbered_header_repeated_on_a_second_page_is_no_facility(tmp_path: Path, numbering: str) -> None:
    """An 附件2 headed 1.序号 2.养老服务机构及场所名称 …, its header repeated down the sheet (a printed second page
    pasted back): the repeat was a facility named 2.养老服务机构及场所名称, VALUE_INVALID at its 类别 and 等级 (audit
    of layouts); headed （一）序号 … the first header was not even read as numbered."""
    from yanglao_cli.config import default_config
    from yanglao_cli.forms import F2
    from yanglao_cli.pipeline import load

    words = "一二三四五六七"
    heads = [numbering.format(n=i + 1, c=words[i]) + c.header for i, c in enumerate(F2.columns)]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件2"
    rows = [["附件2："], [F2.title], ["填报单位（盖章）：北新镇"], heads,
            [1, "北新一院", "A", "4", "黄", "北新镇民政办"], [2, "北新二院", "B", "2", "黄", "北新镇民政办"], heads,
            [3, "北新三院", "A", "3", "黄", "北新镇民政办"], [], ["填报人：张三", None, "负责人：李四", None, "电话：1", None,
                                                         "填报日期：2022年6月18日"]]
    for row in rows:
        ws.append(row)
    wb.save(tmp_path / "北新镇.xlsx")
    loaded, _ = load([tmp_path / "北新镇.xlsx"], default_config(), "2022-06")
    assert [f.code.value for f in loaded.findings] == []
    assert [r.name for r in loaded.submissions["北新镇"].f2] == ["北新一院", "北新二院", "北新三院"]


@pytest.mark.parametrize("group", ["接收建议书", "建议书"])
def test_f4_suggestions_under_one_group_are_each_its_column(tmp_path: Path, runner, group: str) -> None:
    """检察 | 司法 | 监察 under a merged 接收建议书: each its own column — the group was taken for 司法's, the 检察 figure
    written under 接收司法建议书 and the others lost from their columns (audit of headers)."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件4"
    ws["A1"], ws["A2"], ws["A3"] = "附件4：", "打击整治养老服务诈骗专项行动战果统计表", "填报单位：汇龙镇"
    top = ["提供养老服务活动的机构、场所涉及诈骗问题（民政领域）", "问题数", None, None, "存在的苗头性问题",
           "存在明显问题但不构成犯罪的问题", "对涉嫌犯罪移送司法机关依法打击的问题", "接收公安提示函", group, None, None]
    sub = [None, "正在整治", "整治完成", "总计", None, None, None, None, "检察", "司法", "监察"]
    for c, (a, b) in enumerate(zip(top, sub, strict=True), start=1):
        ws.cell(5, c, a)
        ws.cell(6, c, b)
    for cells in ("A5:A6", "B5:D5", "E5:E6", "F5:F6", "G5:G6", "H5:H6", "I5:K5"):
        ws.merge_cells(cells)
    for c, v in enumerate(["汇龙镇", 4, 6, 10, 1, 3, 6, 7, 8, 9, 11], start=1):
        ws.cell(7, c, v)
    ws["A9"], ws["D9"], ws["G9"], ws["I9"] = "填报人：张三", "负责人：李四", "电话：0513-83312345", "填报日期：2022年6月15日"
    (tmp_path / "in").mkdir()
    wb.save(tmp_path / "in" / "汇龙镇.xlsx")
    code, data = run_json(runner, "check", str(tmp_path / "in"))
    assert (code, data["findings"]) == (0, [])
    run_json(runner, "consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--period", "2022-06")
    out = openpyxl.load_workbook(next((tmp_path / "out").glob("*_汇总.xlsx")))["附件4"]
    assert [r[7:11] for r in out.iter_rows(min_row=5, values_only=True) if r[0] == "汇龙镇"] == [(7, 8, 9, 11)]


@pytest.mark.parametrize(("note", "below", "found"), [
    ("注：占比保留一位小数", None, []), ("（单位：家）", None, []),
    ("注：整改情况", "已整改", [("COLUMN_UNKNOWN", "附件1!L4")])])  # a column so headed, with a value: an extra one
def test_a_note_typed_on_the_header_row_is_no_column(tmp_path: Path, runner, note: str, below: object,
                                                     found: list) -> None:
    """注：占比保留一位小数 typed on 附件1's header row right of the table, nothing under it: no column (it was
    COLUMN_UNKNOWN, its contents “kept”; audit of headers)."""
    p = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb["附件1"]
    head = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    assert head == 4
    ws.cell(head, 12, note)
    ws.cell(head + 1, 12, below)
    wb.save(p)
    code, data = run_json(runner, "check", str(p))
    assert [(f["code"], f"{f['sheet']}!{f['cell']}") for f in data["findings"]] == found
