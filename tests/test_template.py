"""`yanglao template` (blank workbooks with drop-down lists and hints) and `yanglao check --template`."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from typer.testing import CliRunner

from yanglao_cli.cli.app import app
from yanglao_cli.forms import F1, F2, F3, F4, FAC, FormDef, Kind
from yanglao_cli.models import CRITERIA, RISK_POINTS, Category, RiskLevel
from yanglao_cli.normalize import parse_category, parse_level
from yanglao_cli.sample import clean_rows
from yanglao_cli.template import (
    CRITERIA_SHORT,
    CROSS_RULES,
    DATA_ROWS,
    HELPER_TITLE,
    MAX_MESSAGE,
    MAX_TITLE,
    POINT_SHORT,
    validation_for,
)

from .conftest import specs_for, write

REPO = Path(__file__).resolve().parents[1]
SUBMISSION = REPO / "templates" / "附件1-4_填报模板.xlsx"
FACILITY = REPO / "templates" / "排查表_填报模板.xlsx"
UNIT = "汇龙镇"
FILLED_ON = dt.datetime(2022, 6, 15)


def run(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def run_json(*args: object) -> tuple[int, dict]:
    res = run(*args, "--format", "json")
    return res.exit_code, json.loads(res.stdout)


def codes(data: dict) -> list[tuple[str, str]]:
    return sorted((f["code"], f"{f['sheet']}!{f['cell']}") for f in data["findings"])


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder: no ./yanglao.toml, so the embedded configuration is used."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


# ---- filling a template the way a township clerk does ------------------------------------------------


def header_columns(ws: Any, form: FormDef) -> tuple[dict[str, int], int]:
    """field -> 1-based column, found by the header texts; and the first data row."""
    pos: dict[str, int] = {}
    last = 0
    for row in ws.iter_rows(min_row=1, max_row=12):
        for cell in row:
            for col in form.columns:
                if cell.value == col.header and col.field not in pos:
                    pos[col.field] = cell.column
                    last = max(last, cell.row)
    assert set(pos) == {c.field for c in form.columns}, f"{form.label}: headers not found"
    return pos, last + 1


def value_cell(ws: Any, label: str) -> Any:
    """The input cell right of a label such as 填报人： (after the label's merged range)."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == label:
                end = cell.column
                for mr in ws.merged_cells.ranges:
                    if cell.coordinate in mr:
                        end = mr.max_col
                return ws.cell(cell.row, end + 1)
    raise AssertionError(f"label {label} not found on {ws.title}")


def fill(ws: Any, form: FormDef, rows: list[dict[str, Any]]) -> None:
    pos, first = header_columns(ws, form)
    for k, values in enumerate(rows):
        for f, v in values.items():
            if f != "seq" and v not in ("", None):
                ws.cell(first + k, pos[f], v)
    for label, v in (("填报人：", "张三"), ("负责人：", "李四"), ("电话：", "0513-83123456")):
        value_cell(ws, label).value = v
    value_cell(ws, f"{form.footer[3]}：").value = FILLED_ON


def filled_submission(folder: Path) -> Path:
    res = run("template", "--unit", UNIT, "--period", "2022-06")
    assert res.exit_code == 0, res.output
    path = folder / f"{UNIT}_2022-06_附件1-4_填报模板.xlsx"
    wb = openpyxl.load_workbook(path)
    rows = clean_rows(UNIT, n_facilities=5, seed=3)
    for form in (F1, F2, F3, F4):
        fill(wb[form.sheet_name], form, rows[form.key])
    wb.save(path)
    return path


FACILITY_ROW = {
    "name": "汇龙幸福养老院", "township": UNIT, "category": "A.养老机构", "registered": "是", "filed": "是",
    "beds": 60, "prepay_people": 12, "insolvent": "否", **{f"p{n}": "否" for n in RISK_POINTS},
    "p4": "是，宣传单夸大医疗功能", "p7": "是", "note": "", "inspector": "王五", "date": dt.datetime(2022, 6, 10),
}


# ---- (1) a filled template passes check and consolidates -------------------------------------------


def test_filled_template_has_no_findings_and_consolidates(in_tmp: Path) -> None:
    path = filled_submission(in_tmp)
    code, data = run_json("check", path)
    assert data["findings"] == [] and code == 0
    assert data["summary"]["rows_read"] == 1 + 5 + 5 + 1
    code, data = run_json("consolidate", path, "-o", in_tmp / "输出", "--period", "2022-06")
    assert code == 0, data["findings"]
    outputs = [Path(p) for p in data["summary"]["outputs"]]
    book = next(p for p in outputs if p.suffix == ".xlsx")
    assert book.is_file()
    assert {"附件1", "附件2", "附件3", "附件4"} <= set(openpyxl.load_workbook(book, read_only=True).sheetnames)


def test_the_level_helpers_results_are_no_column_of_the_townships(in_tmp: Path) -> None:
    """附件2 filled in the template and saved by Excel, WPS or LibreOffice keeps its level helper's results (橙,
    黄 right of the table, titled on the 填报单位 line): COLUMN_UNKNOWN “（无表头）… 请删除该列” on every such
    file (blind audit of the outputs; openpyxl saves no results, so the tests never saw them). Not a column."""
    path = filled_submission(in_tmp)
    wb = openpyxl.load_workbook(path)
    ws = wb["附件2"]
    pos, first = header_columns(ws, F2)
    helper = max(pos.values()) + 2
    for k in range(5):  # what the helper's formula shows, as those programs save it
        ws.cell(first + k, helper).value = ws.cell(first + k, pos["level"]).value
    wb.save(path)
    code, data = run_json("check", path)
    assert data["findings"] == [] and code == 0
    # a column the township added there with no header is still one
    ws.cell(first, helper + 1).value = "6月10日已约谈法人"
    wb.save(path)
    code, data = run_json("check", path)
    assert [f["code"] for f in data["findings"]] == ["COLUMN_UNKNOWN"]


def test_facilities_typed_below_the_fill_notes_are_read(in_tmp: Path) -> None:
    """The template's rows run out and the clerk types two more facilities under the 填报说明 of 附件2 and 附件3
    (README: facilities added under the 填报人 line are read): they were dropped without a word. The notes'
    lines themselves are not facilities."""
    path = filled_submission(in_tmp)
    wb = openpyxl.load_workbook(path)
    extra = clean_rows(UNIT, n_facilities=7, seed=3)
    for form in (F2, F3):
        ws = wb[form.sheet_name]
        pos, _ = header_columns(ws, form)
        below = ws.max_row + 2
        for k, values in enumerate(extra[form.key][5:]):
            ws.cell(below + k, pos["seq"], 6 + k)
            for f, v in values.items():
                if f != "seq" and v not in ("", None):
                    ws.cell(below + k, pos[f], v)
    wb.save(path)
    code, data = run_json("check", path)
    assert data["summary"]["rows_read"] == 1 + 7 + 7 + 1
    code, data = run_json("consolidate", path, "-o", in_tmp / "输出", "--period", "2022-06")
    book = next(Path(p) for p in data["summary"]["outputs"] if p.endswith(".xlsx"))
    for form in (F2, F3):
        ws = openpyxl.load_workbook(book)[form.sheet_name]
        names = [r[1] for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)]
        assert len(names) == 7 and extra[form.key][6]["name"] in names, (form.key, names)


def test_percent_left_as_formula_is_recomputed_with_a_warning(in_tmp: Path) -> None:
    """openpyxl stores no result for the formula; Excel would. check recomputes it and says so."""
    path = filled_submission(in_tmp)
    wb = openpyxl.load_workbook(path)
    ws = wb["附件1"]
    pos, first = header_columns(ws, F1)
    cell = ws.cell(first, pos["percent"])
    cell.value = "=IF(AND(ISNUMBER(C5),ISNUMBER(D5)),IF(C5>0,ROUND(D5/C5*100,1),\"\"),\"\")"
    wb.save(path)
    code, data = run_json("check", path)
    assert codes(data) == [("FORMULA_NO_VALUE", f"附件1!{cell.coordinate}")] and code == 0


@pytest.mark.parametrize("zero", [0.0, 0, "0%"])
def test_a_blank_template_saved_with_its_computed_figures_as_zero_is_still_blank(in_tmp: Path, zero: Any) -> None:
    """Saved as .xls (LibreOffice, Excel 97-2003), the 占比 formula's "" becomes the number 0: the row of 序号, 乡镇
    and 0 was read as data — 7 VALUE_REQUIRED, exit 1 for a blank template (template audit). (附件4's 总计 is no
    formula of the template: a 0 typed there is a row, the rest asked for — review.)"""
    res = run("template", "--unit", UNIT, "--period", "2022-06")
    assert res.exit_code == 0, res.output
    path = in_tmp / f"{UNIT}_2022-06_附件1-4_填报模板.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["附件1"]
    pos, first = header_columns(ws, F1)
    ws.cell(first, pos["percent"]).value = zero
    wb.save(path)
    code, data = run_json("check", path)
    assert (code, data["findings"], data["summary"]["rows_read"]) == (0, [], 0)
    # a township that filled its figures is read as before, 0 % included; a 总计 0 typed on 附件4 is a row
    ws.cell(first, pos["total"]).value, ws.cell(first, pos["checked"]).value = 12, 0
    wb.save(path)
    code, data = run_json("check", path)
    assert data["summary"]["rows_read"] == 1 and ("VALUE_REQUIRED", f"附件1!{ws.cell(first, pos['group']).coordinate}") \
        in codes(data)
    f4 = wb["附件4"]
    pos4, first4 = header_columns(f4, F4)
    f4.cell(first4, pos4["total"]).value = 0
    wb.save(path)
    code, data = run_json("check", path)
    assert data["summary"]["rows_read"] == 2 and ("VALUE_REQUIRED", f"附件4!{f4.cell(first4, pos4['ongoing']).coordinate}") \
        in codes(data)


def test_filled_facility_template_has_no_findings_and_classifies(in_tmp: Path) -> None:
    assert run("template", "--unit", UNIT, "--kind", "facility").exit_code == 0
    # (in capitals as --format JSON is taken: it was refused; audit of the CLI)
    assert run("template", "--unit", UNIT, "--kind", "FACILITY", "--force").exit_code == 0
    path = in_tmp / f"{UNIT}_排查表_填报模板.xlsx"
    wb = openpyxl.load_workbook(path)
    fill(wb["排查表"], FAC, [FACILITY_ROW])
    wb.save(path)
    code, data = run_json("check", path)
    assert data["findings"] == [] and code == 0
    res = run("classify", path, "--format", "json")
    facilities = json.loads(res.stdout)["facilities"]
    assert [(f["name"], f["level"]) for f in facilities] == [("汇龙幸福养老院", "ORANGE")]


def test_check_judges_a_facility_sheet_as_classify_does(in_tmp: Path) -> None:
    """A filled facility sheet with rule errors: check exited 0 with no finding while classify reported them."""
    assert run("template", "--unit", UNIT, "--kind", "facility").exit_code == 0
    path = in_tmp / f"{UNIT}_排查表_填报模板.xlsx"
    wb = openpyxl.load_workbook(path)
    more_payers = {**FACILITY_ROW, "name": "汇龙预付养老院", "prepay_people": 90}  # > 60 beds, point 8 not ticked
    other = {**FACILITY_ROW, "name": "汇龙其他养老院", "p15": "是"}  # 15 without what it is
    fill(wb["排查表"], FAC, [more_payers, other])
    wb.save(path)
    code, data = run_json("check", path)
    checked = sorted((f["code"], f["cell"]) for f in data["findings"])
    assert {c for c, _ in checked} == {"POINTS_CONFLICT", "POINT_OTHER_UNDESCRIBED"} and code == 1
    res = run("classify", path, "--format", "json")
    assert sorted((f["code"], f["cell"]) for f in json.loads(res.stdout)["findings"]) == checked


# ---- (2) validations and input messages --------------------------------------------------------------


def dvs_at(ws: Any, coord: str) -> list[Any]:
    return [dv for dv in ws.data_validations.dataValidation if coord in dv.sqref]


def column_dv(ws: Any, form: FormDef, field: str) -> Any:
    pos, first = header_columns(ws, form)
    letter = openpyxl.utils.get_column_letter(pos[field])
    last = first + DATA_ROWS[form.key] - 1
    found = [dv for dv in dvs_at(ws, f"{letter}{first}") if f"{letter}{last}" in dv.sqref]
    assert len(found) == 1, f"{form.label} {field}"
    return found[0]


def test_drop_down_lists_parse_back(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(SUBMISSION)
    ws2, ws3 = wb["附件2"], wb["附件3"]
    cat = column_dv(ws2, F2, "category")
    assert cat.type == "list" and cat.errorStyle in (None, "stop")
    assert "不能只输入字母" in cat.error  # (typing A alone is refused: the message said 选择类别 A、B 或 C; audit)
    items = cat.formula1.strip('"').split(",")
    assert items == ["A.养老机构", "B.社区养老服务机构", "C.未经登记但从事养老服务经营活动的场所"]
    assert [parse_category(v).value for v in items] == [Category.A, Category.B, Category.C]
    level = column_dv(ws2, F2, "level")
    assert level.type == "list" and level.formula1 == '"红,橙,黄"' and level.showErrorMessage
    assert [parse_level(v).value for v in level.formula1.strip('"').split(",")] == [
        RiskLevel.RED, RiskLevel.ORANGE, RiskLevel.YELLOW]
    assert column_dv(ws3, F3, "clue").formula1 == '"是,否"'
    assert column_dv(ws3, F3, "fundraising").formula1 == '"是,否,不涉及"'
    assert column_dv(wb["附件1"], F1, "task_force").formula1 == '"是,否"'


def test_detail_columns_get_hints_not_strict_lists() -> None:
    wb = openpyxl.load_workbook(SUBMISSION)
    for form, field in [(F1, "group"), (F1, "publicity"), (F1, "info_sharing"), (F1, "complaints"),
                        (F2, "points"), (F3, "points"), (F3, "measures"), (F3, "case"), (F3, "resolved")]:
        dv = column_dv(wb[form.sheet_name], form, field)
        assert dv.type is None and dv.prompt and dv.showInputMessage, (form.key, field)
    group = column_dv(wb["附件1"], F1, "group")
    assert "主要负责人及职务" in group.prompt and "是，王某某（副镇长）" in group.prompt
    points = column_dv(wb["附件2"], F2, "points").prompt
    assert all(f"{n}{POINT_SHORT[n]}" in points for n in RISK_POINTS)
    assert "红：10" in points and "橙：6" in points and "黄：1" in points
    measures = column_dv(wb["附件3"], F3, "measures").prompt
    assert "7移送司法机关" in measures and "1风险提示" in measures and "11其他" in measures
    resolved = column_dv(wb["附件3"], F3, "resolved").prompt
    assert all(f"{n}{CRITERIA_SHORT[n]}" in resolved for n in CRITERIA)


def test_numbers_and_dates_are_validated() -> None:
    wb = openpyxl.load_workbook(SUBMISSION)
    for form, field in [(F1, "total"), (F4, "ongoing"), (F4, "supervision")]:
        dv = column_dv(wb[form.sheet_name], form, field)
        assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
        assert dv.errorStyle in (None, "stop") and dv.error
    # a figure that must agree with its row: the whole-number rule and the cross-check in one custom rule
    pos1, first1 = header_columns(wb["附件1"], F1)
    dv = column_dv(wb["附件1"], F1, "checked")
    c, d = (openpyxl.utils.get_column_letter(pos1[f]) + str(first1) for f in ("total", "checked"))
    assert dv.type == "custom" and dv.formula1 == f'IF(ISNUMBER({d}),AND(INT({d})={d},{d}>=0,OR({c}="",{d}<={c})),FALSE)'
    assert dv.errorStyle in (None, "stop") and "不大于应当排查总数" in dv.error
    dv = column_dv(wb["附件4"], F4, "total")
    assert dv.type == "custom" and "=" in dv.formula1 and "之和" in dv.error and dv.prompt
    fac = openpyxl.load_workbook(FACILITY)["排查表"]
    assert column_dv(fac, FAC, "date").type == "date"
    # no date check refuses: none before the campaign's year (a 填报日期 of 2021 is VALUE_INVALID), none after today
    # (DATE_IN_FUTURE) — the rule allowed 2000–2099 (audit of the other commands)
    dates = [dv for book in (SUBMISSION, FACILITY) for ws in openpyxl.load_workbook(book)
             for dv in ws.data_validations.dataValidation if dv.type == "date"]
    assert len(dates) >= 5
    assert {(dv.formula1, dv.formula2, dv.operator or "between") for dv in dates} == {("44562", "TODAY()", "between")}
    assert all("2022年以来、不晚于今天" in dv.error for dv in dates)
    assert column_dv(fac, FAC, "beds").type == "whole"
    assert column_dv(fac, FAC, "registered").formula1 == '"是,否"'
    p4 = column_dv(fac, FAC, "p4")
    assert p4.type == "list" and p4.errorStyle == "information" and RISK_POINTS[4] in p4.prompt
    assert column_dv(fac, FAC, "p15").type is None  # 15.其他 must be described


def test_validations_within_excel_limits_and_on_data_rows_only() -> None:
    for path, forms in ((SUBMISSION, (F1, F2, F3, F4)), (FACILITY, (FAC,))):
        wb = openpyxl.load_workbook(path)
        for form in forms:
            ws = wb[form.sheet_name]
            _, first = header_columns(ws, form)
            for dv in ws.data_validations.dataValidation:
                assert len(dv.promptTitle or "") <= MAX_TITLE and len(dv.prompt or "") <= MAX_MESSAGE
                assert len(dv.error or "") <= MAX_MESSAGE
                for rng in dv.sqref.ranges:
                    above = rng.max_row < first - form.header_rows  # the 填报单位 line
                    assert above or rng.min_row >= first, (form.key, rng.coord)
                    assert rng.max_row - rng.min_row < 100, (form.key, rng.coord)
    for form in (F1, F2, F3, F4, FAC):
        for col in form.columns:
            validation_for(form, col, ["汇龙镇", "南阳镇"])  # raises beyond Excel's limits


def test_percent_formula_protection_freeze_and_print_setup() -> None:
    wb = openpyxl.load_workbook(SUBMISSION)
    ws = wb["附件1"]
    pos, first = header_columns(ws, F1)
    letter = openpyxl.utils.get_column_letter
    t, c = f"{letter(pos['total'])}{first}", f"{letter(pos['checked'])}{first}"
    assert ws.cell(first, pos["percent"]).value == (
        f'=IF(AND(ISNUMBER({t}),ISNUMBER({c})),IF({t}>0,ROUND({c}/{t}*100,1),""),"")')
    for form in (F1, F2, F3, F4):
        ws = wb[form.sheet_name]
        pos, first = header_columns(ws, form)
        assert ws.protection.sheet and not ws.protection.password
        assert ws.protection.formatCells is False and ws.protection.insertRows is False  # allowed
        assert ws.cell(first - 1, pos[form.columns[0].field]).protection.locked  # header
        assert ws["A2"].protection.locked  # title
        editable = [f for f in pos if f != "percent"]
        assert all(not ws.cell(first, pos[f]).protection.locked for f in editable)
        assert ws.freeze_panes == f"A{first}"
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize in (9, "9")
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight in (0, "0")
        assert ws.page_setup.fitToWidth in (None, 1, "1")  # 1 page wide (Excel's default, left out)
        assert ws.print_title_rows == f"${first - form.header_rows}:${first - 1}"
        assert value_cell(ws, f"{form.footer[3]}：").protection.locked is False
    ws = wb["附件2"]
    pos, first = header_columns(ws, F2)
    assert [ws.cell(first + k, pos["seq"]).value for k in range(DATA_ROWS["F2"])] == list(range(1, 21))
    assert wb["附件4"]["A3"].value == F4.unit_label and wb["附件1"]["A3"].value == F1.unit_label


def test_f2_level_helper_is_beside_the_table_not_in_its_header() -> None:
    ws = openpyxl.load_workbook(SUBMISSION)["附件2"]
    pos, first = header_columns(ws, F2)
    helper = max(pos.values()) + 2  # after a blank spacer column
    assert ws.cell(first - 2, helper).value == HELPER_TITLE  # in the 填报单位 row
    assert ws.cell(first - 1, helper).value is None and ws.cell(first - 1, helper - 1).value is None
    formula = ws.cell(first, helper).value
    assert formula.startswith("=IF(TRIM(D5)=") and '",10,"' in formula and '"红"' in formula
    level = openpyxl.utils.get_column_letter(pos["level"])
    ranges = {str(cf.sqref) for cf in ws.conditional_formatting}
    assert f"{level}{first}:{level}{first + 19}" in ranges
    assert ws.print_area == f"'附件2'!$A$1:$G${ws.max_row}"  # the helper column is not printed


def test_template_audit_findings_stay_fixed(in_tmp: Path) -> None:
    """What the template audit found: 是/否 lists refused 是 with its detail (SPEC's normal answer, accepted by check);
    the level helper read the numbers of 15.其他's description (近 10 年内 3 次更名 → 红, the declared 橙 painted
    须改正); a fixed 18-point row cut wrapped entries; the 填报日期 example was June's whatever the period."""
    wb = openpyxl.load_workbook(SUBMISSION)
    for form, field in ((F1, "task_force"), (F3, "clue"), (F3, "fundraising")):
        dv = column_dv(wb[form.sheet_name], form, field)
        assert dv.type == "list" and dv.errorStyle == "information" and "是，具体情况" in dv.prompt, field
    ws = wb["附件2"]
    pos, first = header_columns(ws, F2)
    formula = ws.cell(first, max(pos.values()) + 2).value
    assert 'LEFT(D5,MIN(FIND("其他",D5&"其他")' in formula and 'FIND("15.",D5&"15.")' in formula
    for form in (F1, F2, F3, F4):  # (附件1's was a fixed 45 points: a long answer cut on paper; template audit)
        ws = wb[form.sheet_name]
        _, first = header_columns(ws, form)
        assert ws.row_dimensions[first].height is None, form.key  # grows with what is typed
    assert run("template", "--unit", UNIT, "--period", "2023-03", "-o", in_tmp / "t.xlsx").exit_code == 0
    prompts = [dv.prompt for ws in openpyxl.load_workbook(in_tmp / "t.xlsx") for dv in ws.data_validations.dataValidation
               if dv.type == "date"]
    assert prompts and all("如 2023-03-15" in p for p in prompts)


# ---- (3) committed templates ---------------------------------------------------------------------------


def test_committed_templates_are_byte_identical_to_generated(in_tmp: Path) -> None:
    assert run("template", "-o", in_tmp / "a.xlsx").exit_code == 0
    assert run("template", "--kind", "facility", "-o", in_tmp / "b.xlsx").exit_code == 0
    assert (in_tmp / "a.xlsx").read_bytes() == SUBMISSION.read_bytes()
    assert (in_tmp / "b.xlsx").read_bytes() == FACILITY.read_bytes()


def test_same_options_same_bytes(in_tmp: Path) -> None:
    for name in ("x.xlsx", "y.xlsx"):
        assert run("template", "-u", UNIT, "-p", "2022-06", "-o", in_tmp / name).exit_code == 0
    assert (in_tmp / "x.xlsx").read_bytes() == (in_tmp / "y.xlsx").read_bytes()


# ---- (4) check --template ------------------------------------------------------------------------------


def test_check_template_passes_on_committed_templates() -> None:
    code, data = run_json("check", "--template", SUBMISSION, FACILITY)
    assert data["findings"] == [] and code == 0
    assert data["summary"]["files"] == 2


def test_check_template_passes_with_unit_and_period(in_tmp: Path) -> None:
    assert run("template", "-u", UNIT, "-p", "2022-06").exit_code == 0
    code, data = run_json("check", "--template", in_tmp)
    assert data["findings"] == [] and code == 0


def test_check_template_of_a_template_saved_as_xls_says_so_plainly(tmp_path: Path) -> None:
    """A template LibreOffice or WPS saved as .xls: FILE_UNREADABLE said with the exception's class name
    (InvalidFileException; audit of the template). It says the file is an .xls and to save it as .xlsx."""
    path = tmp_path / "模板.xls"
    shutil.copyfile(SUBMISSION, path)
    code, data = run_json("check", "--template", path)
    said = [f["message"] for f in data["findings"] if f["code"] == "FILE_UNREADABLE"]
    assert len(said) == 1 and "它是.xls文件" in said[0] and "另存为 .xlsx" in said[0] and "Exception" not in said[0]


def test_check_template_with_annotate_is_a_usage_error(tmp_path: Path) -> None:
    """--annotate beside --template was passed over without a word, no copy written (audit of copies): exit 2,
    one line saying why, no folder made."""
    code, data = run_json("check", "--template", SUBMISSION, "--annotate", tmp_path / "退回")
    assert code == 2 and data["findings"] == [] and not (tmp_path / "退回").exists()
    res = run("check", "--template", str(SUBMISSION), "--annotate", str(tmp_path / "退回"))
    assert res.exit_code == 2 and "不写标注副本" in res.output and "Traceback" not in res.output


def test_plain_check_passes_on_blank_templates(in_tmp: Path) -> None:
    """SPEC: the CI of a template repository runs `yanglao check` on template files and fails on errors. A
    blank template carries the unit's name (附件1 乡镇, 附件4's first column) and 附件1's uncalculated percent
    formula: none of that makes its rows data, and a blank form asks for no unit."""
    assert run("template", "-u", UNIT, "-p", "2022-06", "-o", "汇龙镇.xlsx").exit_code == 0
    for path in (SUBMISSION, FACILITY, in_tmp / "汇龙镇.xlsx"):
        code, data = run_json("check", path)
        assert (code, data["findings"], data["summary"]["rows_read"]) == (0, [], 0), path
    # sent back blank, with no row and no date anywhere, nothing is reported: an empty 附件2/3 list may be a true
    # report, but not in a blank template (it counted as arrived; blind audit)
    code, data = run_json("status", in_tmp / "汇龙镇.xlsx", "--period", "2022-06")
    unit = next(u for u in data["units"] if u["unit"] == UNIT)
    assert unit["missing"] == ["F1", "F2", "F3", "F4"] and unit["forms"] == {}


def test_a_template_with_only_its_weekly_form_filled_reports_no_lists(in_tmp: Path) -> None:
    """A township fills only 附件4 of the template (J3 dated) and sends it back in the month's round: its untouched
    附件2/附件3 counted as lists of none — 汇总 showed it 红0 橙0 黄0, missing only 附件1 (blind audit of an inbox).
    An empty list counts beside a filled 附件1–3 only."""
    assert run("template", "-u", UNIT, "-p", "2022-06", "-o", "模板.xlsx").exit_code == 0
    wb = openpyxl.load_workbook(in_tmp / "模板.xlsx")
    ws = wb["附件4"]
    for j, v in enumerate([2, 1, 3, 1, 1, 1, 0, 0, 0, 0], 2):
        ws.cell(7, j, v)
    ws["J3"] = "2022年6月15日"
    (in_tmp / "in").mkdir()
    wb.save(in_tmp / "in" / f"{UNIT}6月报表.xlsx")
    write(in_tmp / "in" / "南阳镇.xlsx", "南阳镇", specs_for("南阳镇", date="2022-06-18"))
    code, data = run_json("status", in_tmp / "in", "--period", "2022-06")
    unit = next(u for u in data["units"] if u["unit"] == UNIT)
    assert unit["missing"] == ["F1", "F2", "F3"] and sorted(unit["forms"]) == ["F4"]


def altered(tmp_path: Path, change) -> Path:
    path = tmp_path / "模板.xlsx"
    shutil.copyfile(SUBMISSION, path)
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def test_check_template_reports_an_altered_header(tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        wb["附件2"]["D4"] = "风险点"  # a variant the reader accepts, but not the template's header

    code, data = run_json("check", "--template", altered(tmp_path, change))
    assert codes(data) == [("COLUMN_MISSING", "附件2!D4")] and code == 1
    assert "风险隐患点" in data["findings"][0]["message"] and "风险点" in data["findings"][0]["message"]


def test_check_template_reports_an_altered_two_row_header(tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        wb["附件4"]["D6"] = "合计"

    code, data = run_json("check", "--template", altered(tmp_path, change))
    assert codes(data) == [("COLUMN_MISSING", "附件4!D6")] and code == 1


def test_check_template_reports_a_removed_validation(tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        dvs = wb["附件2"].data_validations
        dvs.dataValidation = [dv for dv in dvs.dataValidation if dv.formula1 != '"红,橙,黄"']

    code, data = run_json("check", "--template", altered(tmp_path, change))
    assert codes(data) == [("VALUE_INVALID", "附件2!E5")] and code == 1
    assert "风险隐患等级" in data["findings"][0]["message"] and "红/橙/黄" in data["findings"][0]["message"]


def test_check_template_reports_a_whole_column_validation(tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        for dv in wb["附件3"].data_validations.dataValidation:
            if dv.formula1 == '"是,否"':
                dv.sqref = openpyxl.worksheet.cell_range.MultiCellRange("D1:D1048576")

    code, data = run_json("check", "--template", altered(tmp_path, change))
    assert codes(data) == [("VALUE_INVALID", "附件3!D1")] and code == 1


def test_check_template_reports_a_missing_form(tmp_path: Path) -> None:
    def change(wb: Any) -> None:
        del wb["附件3"]

    code, data = run_json("check", "--template", altered(tmp_path, change))
    assert [f["code"] for f in data["findings"]] == ["FORM_NOT_FOUND"] and code == 1
    assert "附件3" in data["findings"][0]["message"]


def test_check_template_on_a_filled_workbook_without_validations(tmp_path: Path) -> None:
    from yanglao_cli.sample import clean_specs, write_workbook

    path = write_workbook(tmp_path / "南阳镇.xlsx", "南阳镇", clean_specs("南阳镇"))
    code, data = run_json("check", "--template", path)
    assert code == 1 and {f["code"] for f in data["findings"]} == {"VALUE_INVALID"}


def test_check_template_usage_errors(tmp_path: Path) -> None:
    assert run("check", "--template", tmp_path / "nothing.xlsx").exit_code == 2
    (tmp_path / "note.txt").write_text("x", encoding="utf-8")
    assert run("check", "--template", tmp_path).exit_code == 2
    res = run("check", "--template", SUBMISSION)
    assert res.exit_code == 0 and "模板校验通过" in res.stdout


# ---- the command ----------------------------------------------------------------------------------------


def test_template_command_options(in_tmp: Path) -> None:
    res = run("template", "--unit", "汇龙", "--period", "2022.6")  # a short form of a configured unit
    assert res.exit_code == 0 and (in_tmp / "汇龙镇_2022-06_附件1-4_填报模板.xlsx").is_file()
    ws = openpyxl.load_workbook(in_tmp / "汇龙镇_2022-06_附件1-4_填报模板.xlsx")["附件1"]
    assert ws["A2"].value == F1.title + "（2022年6月）"
    assert ws["D3"].value == "汇龙镇" and ws["B5"].value == "汇龙镇"
    again = run("template", "--unit", "汇龙", "--period", "2022-06")
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run("template", "--unit", "汇龙", "--period", "2022-06", "--force").exit_code == 0
    # a unit not in the list is refused, nothing written: its template would come back UNIT_UNKNOWN (audit)
    for odd_unit, said in (("启东经济开发区", "yanglao.toml 的 units 中加上"), ("汇尤镇", "是否为“汇龙镇”")):
        odd = run("template", "--unit", odd_unit)
        assert odd.exit_code == 2 and "不在配置的单位名单" in odd.stderr and said in odd.stderr
        assert not list(in_tmp.glob(f"{odd_unit}*"))
    (in_tmp / "out").mkdir()
    assert run("template", "-k", "facility", "-o", in_tmp / "out").exit_code == 0
    assert (in_tmp / "out" / "排查表_填报模板.xlsx").is_file()
    assert run("template", "-o", in_tmp / "x.xls").exit_code == 2
    res = run("template", "--period", "2022-13")
    assert res.exit_code == 2 and "月份不对" in res.output  # not 格式不对: the form is right (clerk review)
    assert run("template", "--kind", "other").exit_code == 2


def test_help_is_chinese_for_every_option() -> None:
    res = run("template", "--help")
    assert res.exit_code == 0
    for opt, word in (("--unit", "填报单位"), ("--period", "报告期"), ("--output", "输出"), ("--kind", "附件1–4"),
                      ("--force", "覆盖"), ("--config", "配置")):
        assert opt in res.stdout and word in res.stdout
    check_help = run("check", "--help").stdout
    assert "--template" in check_help and "空白填报模板" in check_help


def test_short_labels_cover_the_seed() -> None:
    assert set(POINT_SHORT) == set(RISK_POINTS) and set(CRITERIA_SHORT) == set(CRITERIA)
    kinds = {c.kind for f in (F1, F2, F3, F4, FAC) for c in f.columns}
    assert kinds <= set(Kind)


# ---- (5) LibreOffice ------------------------------------------------------------------------------------


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not on PATH")


def soffice(tmp_path: Path, fmt: str, src: Path) -> Path:
    out = tmp_path / "lo"
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                    "--convert-to", fmt, "--outdir", str(out), str(src)],
                   check=True, capture_output=True, timeout=180)
    return out / f"{src.stem}.{fmt}"


@needs_soffice
def test_libreoffice_prints_the_templates_to_pdf(tmp_path: Path) -> None:
    for src in (SUBMISSION, FACILITY):
        pdf = soffice(tmp_path, "pdf", src)
        assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")


@needs_soffice
def test_libreoffice_computes_percent_and_level_helper(tmp_path: Path) -> None:
    path = tmp_path / "算.xlsx"
    shutil.copyfile(SUBMISSION, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["附件1"]
    pos, first = header_columns(ws, F1)
    ws.cell(first, pos["total"], 12)
    ws.cell(first, pos["checked"], 10)
    ws2 = wb["附件2"]
    pos2, first2 = header_columns(ws2, F2)
    cases = {"2、7": "橙", "11、12": "红", "1、3": "黄", "15.其他：租期即将到期": None, "第1、10项": "红", "4，6": "橙",
             "1 5": "黄"}
    for k, points in enumerate(cases):
        ws2.cell(first2 + k, pos2["points"], points)
    wb.save(path)
    converted = soffice(tmp_path, "xlsx", path)
    out = openpyxl.load_workbook(converted, data_only=True)
    assert out["附件1"].cell(first, pos["percent"]).value == pytest.approx(83.3)
    helper = max(pos2.values()) + 2
    got = [out["附件2"].cell(first2 + k, helper).value for k in range(len(cases))]
    assert got == list(cases.values())
    # its results, saved, are the template's helper, not a column the township added (blind audit)
    code, data = run_json("check", converted)
    assert "COLUMN_UNKNOWN" not in [f["code"] for f in data["findings"]]


def test_the_forms_notes_are_the_notices_words() -> None:
    """附件1–4's 填报说明/备注/说明 on the templates and the consolidated workbook, line by line as the notice writes
    them (points 6 and 7 had lost their bracketed examples, 附件3's point 9 said 无 for 没有, 15 ended with ；)."""
    from yanglao_cli.forms import F1, F2, F3, F4, POINT_NOTES
    from yanglao_cli.template import facility_notes

    seed = next((Path(__file__).resolve().parents[2] / "shared" / "seed").glob("*.txt"), None)
    if seed is None:
        pytest.skip("the notice (../shared/seed) is not present")
    notice = seed.read_text(encoding="utf-8")
    for form in (F1, F2, F3, F4):
        lines = [line.strip() for line in form.notes.split("\n") if line.strip()]
        assert [line for line in lines if line not in notice] == [], form.key
    assert "15. 其他情形。" in POINT_NOTES.split("\n") and "11.其他情形。" in F3.notes.split("\n")
    assert all(line in facility_notes().split("\n") for line in POINT_NOTES.split("\n"))


def test_output_to_a_folder_not_yet_made(in_tmp: Path) -> None:
    """-o 模板/ (a folder, as the help says) was refused as a file name without .xlsx unless it already existed."""
    assert run("template", "-o", in_tmp / "新文件夹").exit_code == 0
    assert (in_tmp / "新文件夹" / "附件1-4_填报模板.xlsx").is_file()
    assert run("template", "-o", in_tmp / "模板.txt").exit_code == 2


@needs_soffice
def test_libreoffice_judges_the_cross_checks_as_check_does(tmp_path: Path) -> None:
    """The template's 已排查 ≤ 总数 and 总计 = 正在整治 + 整治完成 rules, evaluated by LibreOffice for rows a clerk
    types: what they refuse is what check reports as CHECKED_EXCEEDS_TOTAL / STATS_SUM_MISMATCH (or
    VALUE_INVALID), and a figure typed before the ones it depends on is let through."""
    f1 = [((20, 18), True), ((20, 20), True), ((20, 21), False), (("", 5), True), ((20, 2.5), False),
          ((20, -1), False), ((20, "18家"), False)]
    f4 = [((2, 3, 5), True), ((2, 3, 6), False), ((0, 0, 0), True), (("", 3, 7), True), ((2, 3, "五"), False)]
    path = tmp_path / "规则.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    rules = ((CROSS_RULES[("F1", "checked")][0], f1, ("total", "c")), (CROSS_RULES[("F4", "total")][0], f4,
             ("ongoing", "done", "c")))
    r = 1
    expected = []
    for formula, cases, fields in rules:
        for values, ok in cases:
            refs = {}
            for k, (field, v) in enumerate(zip(fields, values, strict=True)):
                letter = "ABC"[k]
                if v != "":
                    ws[f"{letter}{r}"] = v
                refs[field] = f"{letter}{r}"
            ws[f"E{r}"] = formula.format(**refs)
            expected.append(ok)
            r += 1
    wb.save(path)
    out = openpyxl.load_workbook(soffice(tmp_path, "xlsx", path), data_only=True).active
    assert [out[f"E{k}"].value for k in range(1, r)] == expected


def test_check_template_takes_the_plain_or_the_cross_checked_rule(tmp_path: Path) -> None:
    """A template made before the cross-checks (已排查 a whole number ≥ 0 only) still passes `check --template`;
    without any rule on 已排查 it is reported as before."""
    from openpyxl.worksheet.datavalidation import DataValidation

    def plain(wb: Any) -> None:
        dvs = wb["附件1"].data_validations
        custom = next(dv for dv in dvs.dataValidation if dv.type == "custom")
        old = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", prompt="填整数",
                             promptTitle="已排查", showInputMessage=True)
        old.sqref = custom.sqref
        dvs.dataValidation = [dv for dv in dvs.dataValidation if dv is not custom] + [old]

    def removed(wb: Any) -> None:
        dvs = wb["附件1"].data_validations
        dvs.dataValidation = [dv for dv in dvs.dataValidation if dv.type != "custom"]

    code, data = run_json("check", "--template", altered(tmp_path, plain))
    assert code == 0 and codes(data) == []
    code, data = run_json("check", "--template", altered(tmp_path, removed))
    assert code == 1 and codes(data) == [("VALUE_INVALID", "附件1!D5")] and "已经排查" in data["findings"][0]["message"]


def test_a_long_unit_list_keeps_its_drop_down_on_a_hidden_sheet(in_tmp: Path) -> None:
    """40 units overran Excel's 255-character list: the template had no drop-down for the unit at all, said nothing,
    and `check --template` passed it (blind audit). The list is now kept on a hidden sheet the drop-downs read;
    a template filled as a clerk does passes `check` and consolidates."""
    units = [f"{a}{b}街道" for a in "东南西北中上下" for b in "山河湖海林田川原江"]  # 63 units, 377 characters
    (in_tmp / "yanglao.toml").write_text(
        'reporting_unit = "某区民政局"\nunits = [' + ", ".join(f'"{u}"' for u in units) + "]\n", encoding="utf-8")
    res = run("template", "--unit", units[5], "--period", "2022-06", "-o", in_tmp / "模板.xlsx")
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(in_tmp / "模板.xlsx")
    assert wb.sheetnames[-1] == "单位名单" and wb["单位名单"].sheet_state == "hidden"
    assert [c.value for c in wb["单位名单"]["A"]] == units
    line = next(dv for dv in wb["附件1"].data_validations.dataValidation if dv.type == "list" and "单位名单" in
                (dv.formula1 or ""))
    assert line.formula1 == f"'单位名单'!$A$1:$A${len(units)}"
    code, data = run_json("check", "--template", in_tmp / "模板.xlsx")
    assert code == 0 and data["findings"] == []
    rows = clean_rows(units[5], n_facilities=4, seed=2)
    for form in (F1, F2, F3, F4):
        fill(wb[form.sheet_name], form, rows[form.key])
    wb.save(in_tmp / "填好.xlsx")
    code, data = run_json("check", in_tmp / "填好.xlsx")
    assert code == 0 and data["findings"] == [], data["findings"]
    code, data = run_json("consolidate", in_tmp / "填好.xlsx", "-o", in_tmp / "out", "--period", "2022-06")
    assert data["summary"]["rows_read"] == data["summary"]["rows_written"] == 1 + 4 + 4 + 1
    (in_tmp / "yanglao.toml").unlink()  # the embedded twelve towns: the list stays in the rule
    short = run("template", "--unit", "汇龙镇", "-o", in_tmp / "默认.xlsx")
    assert short.exit_code == 0 and "单位名单" not in openpyxl.load_workbook(in_tmp / "默认.xlsx").sheetnames


def test_count_hints_say_to_write_0_for_none() -> None:
    """A count left blank is VALUE_REQUIRED (没有的填 0); the template's hint said only to type digits, and the blank
    passed it (blind audit of the template round trip)."""
    wb = openpyxl.load_workbook(SUBMISSION)
    for form, field in ((F4, "supervision"), (F4, "ongoing"), (F1, "total")):
        assert "没有的填 0" in column_dv(wb[form.sheet_name], form, field).prompt, (form.key, field)


def test_a_unit_named_with_a_double_quote_keeps_its_drop_down_on_the_hidden_sheet(in_tmp: Path) -> None:
    """A configured unit "新"港镇 was written into the list rule as it is, "汇龙镇,"新"港镇,南阳镇": Excel drops such a
    validation with a repair prompt (audit of Excel's limits). Like a name with a comma, the list goes to the
    hidden sheet; the template's other lists stay in their rules, each within 255 characters, no " inside."""
    units = ["汇龙镇", '"新"港镇', "南阳镇"]
    (in_tmp / "yanglao.toml").write_text(
        'reporting_unit = "某局"\nunits = ["汇龙镇", "\\"新\\"港镇", "南阳镇"]\n', encoding="utf-8")
    res = run("template", "-o", in_tmp / "模板.xlsx")
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(in_tmp / "模板.xlsx")
    assert wb.sheetnames == ["附件1", "附件2", "附件3", "附件4", "单位名单"]
    assert wb["单位名单"].sheet_state == "hidden" and [c.value for c in wb["单位名单"]["A"]] == units
    for form in (F1, F2, F3, F4):
        rules = [dv.formula1 for dv in wb[form.sheet_name].data_validations.dataValidation if dv.type == "list"]
        assert "'单位名单'!$A$1:$A$3" in rules, form.key
        for rule in rules:
            if rule.startswith('"'):
                assert '"' not in rule[1:-1] and len(rule) - 2 <= 255, (form.key, rule)
    code, data = run_json("check", "--template", in_tmp / "模板.xlsx")
    assert code == 0 and data["findings"] == []


def test_facilities_typed_under_the_facility_templates_signatures_and_notes_are_read(tmp_path: Path) -> None:
    """The 排查表 template filled past its numbered rows: a facility typed under the 填报人 line and one under the
    填报说明 were dropped unsaid — a red one among them (audit of the template); with one typed between the two,
    the 填报说明's lines became facilities. Each is read, the notes are not."""
    from yanglao_cli.config import default_config
    from yanglao_cli.pipeline import load

    path = tmp_path / "模板.xlsx"
    assert run("template", "--kind", "facility", "--unit", "南阳镇", "--period", "2022-06", "-o", path).exit_code == 0
    wb = openpyxl.load_workbook(path)
    ws = wb["排查表"]
    footer = next(r for r in range(1, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("填报人"))
    notes = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "填报说明")
    last = max(r for r in range(notes, ws.max_row + 1) if ws.cell(r, 1).value)

    def facility(r: int, name: str, point: int) -> None:
        for col, v in zip("BCDEFGHI", (name, "南阳镇", "A.养老机构", "是", "是", 50, 20, "否"), strict=True):
            ws[f"{col}{r}"] = v
        for p in range(1, 16):
            ws.cell(r, 9 + p).value = "是" if p == point else "否"
        ws[f"Z{r}"], ws[f"AA{r}"] = "王五", dt.datetime(2022, 6, 10)

    facility(4, "康乐养老院", 4)
    facility(footer + 1, "长寿养老院", 6)
    facility(last + 2, "福寿托老所", 11)
    wb.save(tmp_path / "南阳镇_排查表.xlsx")
    path.unlink()
    loaded, _ = load([tmp_path / "南阳镇_排查表.xlsx"], default_config(), "2022-06")
    assert [f.code.value for f in loaded.findings] == []
    assert loaded.facility_rows == 3


def test_text_typed_over_the_level_helper_is_an_extra_column_kept(in_tmp: Path) -> None:
    """附件2's level helper (按风险隐患点应为（自动）) typed over by the clerk with a note: its results are no column to
    delete, but the note was dropped unsaid (template audit) — COLUMN_UNKNOWN, its text kept in 备注."""
    path = filled_submission(in_tmp)
    wb = openpyxl.load_workbook(path)
    ws = wb["附件2"]
    pos, first = header_columns(ws, F2)
    helper = max(pos.values()) + 2
    ws.cell(first, helper).value = "黄"  # what the formula shows, saved as a value: still the helper
    wb.save(path)
    assert run_json("check", path)[1]["findings"] == []
    ws.cell(first, helper).value = "经核实另有私自收取押金情形，拟下月列入15"
    ws.cell(first + 1, helper).value = "橙"  # the next row's helper, its result as the formula shows it
    wb.save(path)
    code, data = run_json("check", path)
    assert [(f["code"], f["cell"]) for f in data["findings"]] == [
        ("COLUMN_UNKNOWN", f"{openpyxl.utils.get_column_letter(helper)}{first - 1}")]
    # named by its title, not （无表头）, and the other rows' results put in no 备注 (（无表头）：橙; template audit)
    assert "按风险隐患点应为（自动）" in data["findings"][0]["message"]
    code, data = run_json("consolidate", path, "-o", in_tmp / "输出", "--period", "2022-06")
    book = next(Path(p) for p in data["summary"]["outputs"] if p.endswith(".xlsx"))
    notes = [c.value for c in openpyxl.load_workbook(book)["附件2"]["G"] if c.value]
    assert any("私自收取押金" in str(v) for v in notes) and not any("：橙" in str(v) for v in notes)
