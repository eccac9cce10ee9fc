"""Values as spreadsheet programs store them (a blind audit of how cells are stored, forty-fifth session): an
error value Excel 365 writes, an error kept as the cell shows it one level up, a formula without its result in
the column split off 是否立案, a time of day where the case's date belongs."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl

from yanglao_cli.config import default_config
from yanglao_cli.forms import F3
from yanglao_cli.pipeline import load

from .conftest import rezip, run_json, specs_for, write


def _findings(path: Path) -> list[tuple[str, str, str]]:
    loaded, _ = load([path], default_config(), "2022-06")
    return sorted((f.code.value, f.sheet, f.cell) for f in loaded.findings)


def _with_error(tmp_path: Path, sheet: str, cell: str, error: str, name: str = "汇龙镇.xlsx") -> Path:
    """The township's workbook with `cell` of `sheet` holding a formula's error value, as Excel stores it."""
    p = write(tmp_path / "plain" / name, "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    wb[sheet][cell] = "#N/A"  # (openpyxl writes it as an error cell: <c t="e"><v>#N/A</v></c>)
    wb.save(p)
    return rezip(p, tmp_path / name, lambda n, data: (n, data.replace(b"<v>#N/A</v>", f"<v>{error}</v>".encode())))


def test_an_error_value_excel_365_writes_is_one_cells_problem(tmp_path: Path) -> None:
    """#SPILL! (a blocked spill), #CALC!, #BUSY! … in one cell: python-calamine refuses the whole workbook
    ("Unsupported cell error value"), and the township's file was FILE_UNREADABLE, called an Excel 95 file. The
    cell is VALUE_INVALID, as one showing #N/A is, and every row is read."""
    for error in ("#SPILL!", "#CALC!", "#BUSY!", "#GETTING_DATA"):
        p = _with_error(tmp_path / error.strip("#!"), "附件2", "G5", error)
        loaded, _ = load([p], default_config(), "2022-06")
        said = [(f.code.value, f.sheet, f.cell) for f in loaded.findings]
        assert said == [("VALUE_INVALID", "附件2", "G5")], error
        assert error in loaded.findings[0].message
        assert len(loaded.submissions["汇龙镇"].f2) == 3
    # the errors python-calamine knows were read so before, and still are
    p = _with_error(tmp_path / "NA", "附件2", "G5", "#N/A")
    assert _findings(p) == [("VALUE_INVALID", "附件2", "G5")]


def test_an_error_in_a_figure_is_kept_as_shown_one_level_up(tmp_path: Path, runner) -> None:
    """附件1's 已排查数 calculated to #REF!: VALUE_INVALID at D5, then written blank in the consolidated workbook,
    whose own check said VALUE_REQUIRED — an error no comment carried, exit 1 (SPEC: it checks without errors). It
    is written as the cell showed it; a facility's name that is an error stays blank, its note carried."""
    _with_error(tmp_path / "in", "附件1", "D5", "#REF!")
    code, data = run_json(runner, "consolidate", tmp_path / "in" / "汇龙镇.xlsx", "-o", tmp_path / "out",
                          "--period", "2022-06")
    assert code == 1 and [(f["code"], f["cell"]) for f in data["findings"] if f["severity"] == "error"] == \
        [("VALUE_INVALID", "D5")]
    out = next((tmp_path / "out").glob("*_汇总.xlsx"))
    assert openpyxl.load_workbook(out)["附件1"]["D5"].value == "#REF!"
    code, data = run_json(runner, "check", out)
    assert code == 0 and ("REPORTED_BELOW", "附件1", "D5") in {(f["code"], f["sheet"], f["cell"]) for f in data["findings"]}

    _with_error(tmp_path / "name", "附件2", "B5", "#NULL!")
    code, data = run_json(runner, "consolidate", tmp_path / "name" / "汇龙镇.xlsx", "-o", tmp_path / "out2",
                          "--period", "2022-06")
    out = next((tmp_path / "out2").glob("*_汇总.xlsx"))
    code, data = run_json(runner, "check", out)
    assert data["summary"]["errors"] == 0 and code == 0
    assert not any("#NULL!" in f["message"] and f["code"] != "REPORTED_BELOW" for f in data["findings"])


def _split_case(tmp_path: Path, case: object, number_format: str | None = None) -> Path:
    """附件3 alone with 是否立案 | 立案时间 in two columns, its one facility's case 是 and the date cell `case`."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件3"
    ws["A1"] = F3.title
    ws["A2"] = "填报单位（盖章）：汇龙镇"
    heads = [c.header for c in F3.columns]
    at = heads.index("是否立案及立案时间")
    heads[at:at + 1] = ["是否立案", "立案时间"]
    ws.append(heads)
    ws.append([1, "金色家园养老院", "11", "是", "是", "7", "已移送公安", "是", None, "否"])
    ws.cell(4, at + 2).value = case
    if number_format:
        ws.cell(4, at + 2).number_format = number_format
    ws["A6"] = "填报人：张三"
    ws["E6"] = "填报日期：2022年6月18日"
    p = tmp_path / "汇龙镇_附件3.xlsx"
    wb.save(p)
    return p


def test_a_formula_without_its_result_in_the_column_split_off_the_case(tmp_path: Path) -> None:
    """立案时间 in a column of its own holding =DATE(2022,6,10) saved without its result: recomputed without a word,
    where the same formula in any other column is FORMULA_NO_VALUE."""
    assert _findings(_split_case(tmp_path, "=DATE(2022,6,10)")) == [("FORMULA_NO_VALUE", "附件3", "I4")]
    assert _findings(_split_case(tmp_path, dt.date(2022, 6, 10), "yyyy-mm-dd")) == []


def test_a_time_of_day_where_the_cases_date_belongs_is_unreadable(tmp_path: Path) -> None:
    """0.5 in a 立案时间 cell formatted hh:mm shows 12:00: it was CASE_DATE_MISSING (填写了已立案，但没有立案时间), as
    if nothing were written; README — a 立案时间 written but not readable as a date is VALUE_INVALID."""
    assert _findings(_split_case(tmp_path, dt.time(12, 0), "hh:mm")) == [("VALUE_INVALID", "附件3", "I4")]
    from yanglao_cli.normalize import parse_case

    assert not parse_case("是，12:00", 2022).ok and parse_case("是，2022-06-10 12:00:00", 2022).ok


def test_an_error_value_written_as_text_is_read_as_unreadable(tmp_path: Path) -> None:
    """The consolidated workbook writes a township's #N/A as the cell showed it: read back, 领导小组 #N/A was 是 with
    the detail #N/A, 当月处置进展 #N/A progress — nothing said one level up (code review). It is VALUE_INVALID in
    any column, as the error cell was."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    for sheet, cell, text in (("附件1", "F5", "#N/A"), ("附件3", "G5", "#VALUE!")):
        wb[sheet][cell] = text
        wb[sheet][cell].data_type = "s"  # text, as the consolidated workbook writes it
    wb.save(p)
    said = _findings(p)
    assert {("VALUE_INVALID", "附件1", "F5"), ("VALUE_INVALID", "附件3", "G5")} <= set(said)


def test_an_error_value_in_the_column_split_off_the_case(tmp_path: Path) -> None:
    """是 | #VALUE! (立案时间 in a column of its own, its formula failed): CASE_DATE_MISSING, the error never named
    (code review). It is the date cell's VALUE_INVALID, unreadable rather than left out."""
    p = _split_case(tmp_path, "#N/A")
    p2 = rezip(p, tmp_path / "e" / p.name, lambda n, data: (n, data.replace(
        b'<c r="I4" t="inlineStr"><is><t>#N/A</t></is></c>', b'<c r="I4" t="e"><f>1/0</f><v>#VALUE!</v></c>')))
    said = _findings(p2)
    assert ("VALUE_INVALID", "附件3", "I4") in said and not any(code == "CASE_DATE_MISSING" for code, _, _ in said)


def test_an_error_in_the_case_answer_beside_its_date_is_said(tmp_path: Path) -> None:
    """是否立案 showing #REF! beside its 立案时间 2022-06-10 in a column of its own: read as the date alone, 是, and
    nothing said (blind audit of error values)."""
    p = _split_case(tmp_path, dt.date(2022, 6, 10), "yyyy-mm-dd")
    p2 = rezip(p, tmp_path / "e" / p.name, lambda n, data: (n, data.replace(
        b'<c r="H4" t="inlineStr"><is><t>\xe6\x98\xaf</t></is></c>', b'<c r="H4" t="e"><f>#REF!</f><v>#REF!</v></c>')))
    wb = openpyxl.load_workbook(p)
    assert wb["附件3"]["H4"].value == "是"
    said = _findings(p2)
    assert ("VALUE_INVALID", "附件3", "H4") in said


def _one_level_up(tmp_path: Path, runner, sheet: str, cell: str, value: object) -> None:
    """汇龙镇's workbook with `cell` of `sheet` set to `value`: VALUE_INVALID there when consolidated, and the
    consolidated workbook checked clean (SPEC: it passes check without errors)."""
    p = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    wb[sheet][cell] = value
    wb.save(p)
    code, data = run_json(runner, "consolidate", p, "-o", tmp_path / "out", "--period", "2022-06")
    assert ("VALUE_INVALID", cell) in {(f["code"], f["cell"]) for f in data["findings"]}
    out = next((tmp_path / "out").glob("*_汇总.xlsx"))
    code, data = run_json(runner, "check", out)
    assert code == 0 and data["summary"]["errors"] == 0


def test_a_formula_this_tool_cannot_work_out_in_a_required_answer_one_level_up(tmp_path: Path, runner) -> None:
    """附件1's 专班 answer a VLOOKUP saved without its result: VALUE_INVALID at the township, written blank in the
    consolidated workbook, whose own check then said VALUE_REQUIRED — an error, exit 1, at every level above (blind
    audit of error values). The note carried, it is REPORTED_BELOW."""
    _one_level_up(tmp_path, runner, "附件1", "G5", "=VLOOKUP(A1,Z:Z,2,0)")  # (openpyxl saves it without a result)


def test_a_point_excel_made_a_date_checks_clean_one_level_up(tmp_path: Path, runner) -> None:
    """1-3 typed into 风险隐患点 and made 1月3日 by Excel: VALUE_INVALID at the township, written 2022-01-03 in the
    consolidated workbook, whose check quoted another value than the note — an error anew, exit 1 (randomized
    round-trip audit). Written as the clerk saw it, it is REPORTED_BELOW."""
    _one_level_up(tmp_path, runner, "附件3", "C5", dt.datetime(2022, 1, 3))


def test_an_error_value_on_the_unit_line_or_a_signature_is_said(tmp_path: Path) -> None:
    """填报单位 written by =VLOOKUP(…) showing #N/A (the stamped form prints #N/A) and 填报人 showing #REF!: both passed
    unsaid, the unit taken from 附件1's 乡镇 column. Each is VALUE_INVALID at its cell."""
    p = write(tmp_path / "plain" / "附件.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    for merged in [m for m in ws.merged_cells.ranges if m.min_row == 3]:
        ws.unmerge_cells(str(merged))
    ws["A3"], ws["B3"] = "填报单位（盖章）：", "#N/A"
    footer = next(r for r in range(6, ws.max_row + 1) if str(ws.cell(r, 1).value or "").startswith("填报人"))
    ws.cell(footer, 1).value, ws.cell(footer, 2).value = "填报人：", "#N/A"
    wb.save(p)
    q = rezip(p, tmp_path / "附件.xlsx", lambda n, data: (n, data.replace(b"<v>#N/A</v>", b"<v>#REF!</v>", 1)
                                                              if n.endswith("sheet2.xml") else data))
    loaded, _ = load([q], default_config(), "2022-06")
    said = {(f.code.value, f.sheet, f.cell): f.message for f in loaded.findings}
    assert set(said) == {("VALUE_INVALID", "附件2", "B3"), ("VALUE_INVALID", "附件2", f"B{footer}")}
    assert list(loaded.submissions) == ["汇龙镇"]
    unit, signed = said["VALUE_INVALID", "附件2", "B3"], said["VALUE_INVALID", "附件2", f"B{footer}"]
    assert "填报单位" in unit and "#REF!" in unit and "填报人" in signed and "#N/A" in signed


def test_a_month_and_day_typed_into_a_date_formatted_cell_reads_as_in_a_general_one(tmp_path: Path, runner) -> None:
    """6.15 pasted into the template's date-formatted 填报日期 (past its validation) is the serial 6.15, read back as
    1900-01-06 03:36: it was VALUE_INVALID “早于2022年”, and 6.3 was said as 1900-01-06 07:12 (audit of the README's
    claims). Read as typed, as in a General cell: 6.15 is 6月15日, 6.3 is asked (6月3日 or 6月30日)."""
    found = {}
    for typed in (6.15, 6.3):
        p = write(tmp_path / f"{typed}" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
        wb = openpyxl.load_workbook(p)
        ws = wb["附件1"]
        label = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("填报日期"))
        label.value = "填报日期："
        cell = ws.cell(label.row, label.column + 1, typed)
        cell.number_format = "yyyy-mm-dd"
        wb.save(p)
        code, data = run_json(runner, "check", str(p), "--period", "2022-06")
        found[typed] = [(f["code"], f["cell"], f["message"]) for f in data["findings"] if f["sheet"] == "附件1"]
    assert found[6.15] == []
    [(code, cell, message)] = found[6.3]
    assert code == "VALUE_INVALID" and "数字6.3可能是6月3日，也可能是6月30日" in message and "1900" not in message


def test_a_number_cell_holding_text_is_read_as_the_text_typed(tmp_path: Path) -> None:
    """A web exporter writes 25家 as a number cell (<c t="n"><v>25家</v>): python-calamine refused the whole
    workbook ("Parse float error"), FILE_UNREADABLE in English, every row lost (blind audit of exported files). The
    cell is read as the text it holds — 25家 is 25 — and the rest of the workbook with it."""
    specs = specs_for("汇龙镇")
    total = specs["F1"].rows[0]["total"]
    p = write(tmp_path / "plain" / "汇龙镇.xlsx", "汇龙镇", specs)
    ws = openpyxl.load_workbook(p)["附件1"]
    at = next(c.coordinate for row in ws.iter_rows() for c in row if c.value == total and c.column > 2)
    typed = f'<c r="{at}" t="n"><v>{total}家</v></c>'.encode()
    p = rezip(p, tmp_path / "汇龙镇.xlsx", lambda n, data: (n, re.sub(
        rf'<c r="{at}"[^>]*>\s*<v>{total}</v>\s*</c>'.encode(), typed, data) if n.endswith("sheet1.xml") else data))
    with zipfile.ZipFile(p) as zf:
        assert typed in zf.read("xl/worksheets/sheet1.xml")
    loaded, _ = load([p], default_config(), "2022-06")
    assert [f.code.value for f in loaded.findings] == []
    sub = loaded.submissions["汇龙镇"]
    assert sub.f1[0].total == total and len(sub.f2) == 3


def test_a_formula_or_spaced_number_cell_holding_text_is_read_too(tmp_path: Path) -> None:
    """Review: the mend missed a number cell with its formula before its value (<f>…</f><v>25家</v>) and a value
    with an attribute (<v xml:space="preserve">) — still FILE_UNREADABLE in English."""
    specs = specs_for("汇龙镇")
    total = specs["F1"].rows[0]["total"]
    plain = write(tmp_path / "plain" / "汇龙镇.xlsx", "汇龙镇", specs)
    ws = openpyxl.load_workbook(plain)["附件1"]
    at = next(c.coordinate for row in ws.iter_rows() for c in row if c.value == total and c.column > 2)
    for name, typed in (("formula", f'<c r="{at}" t=\'n\'><f>"{total}家"</f><v>{total}家</v></c>'),
                        ("spaced", f'<c r="{at}" t="n"><v xml:space="preserve">{total}家</v></c>')):
        p = rezip(plain, tmp_path / name / "汇龙镇.xlsx", lambda n, data, typed=typed: (n, re.sub(
            rf'<c r="{at}"[^>]*>\s*<v>{total}</v>\s*</c>'.encode(), typed.encode(), data)
            if n.endswith("sheet1.xml") else data))
        loaded, _ = load([p], default_config(), "2022-06")
        assert "FILE_UNREADABLE" not in {f.code.value for f in loaded.findings}, (name, loaded.findings)
        assert loaded.submissions["汇龙镇"].f1[0].total == total, name
