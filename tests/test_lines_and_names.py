"""A facility written over several rows, and the names of the files a township sends (blind audits of multi-row
facilities and of file names, and a code review; forty-fifth session)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from yanglao_cli.config import default_config
from yanglao_cli.pipeline import load

from .conftest import pairs, run_json, specs_for, write


def _two_lines(tmp_path: Path, f2: dict, f3: dict, name: str = "汇龙镇.xlsx") -> Path:
    """汇龙镇's 附件2 and 附件3 whose first facility takes rows 5–6 (序号, name and the other cells merged), `f2` and
    `f3` the second line's own cells."""
    specs = specs_for("汇龙镇")
    specs["F2"].blank_rows = specs["F3"].blank_rows = 0
    specs["F2"].rows[0].update(points="2", level="黄", category="A")
    specs["F3"].rows[0].update(points="2", measures="1、2", clue="否")
    p = write(tmp_path / name, "汇龙镇", [specs["F2"], specs["F3"]])
    wb = openpyxl.load_workbook(p)
    for title, own in (("附件2", f2), ("附件3", f3)):
        ws = wb[title]
        ws.insert_rows(6)
        for col, v in own.items():
            ws[f"{col}6"] = v
            if isinstance(v, str):
                ws[f"{col}6"].data_type = "s"  # (=再次检查 typed as text, as a clerk's cell holds it)
        merged = "ABCEFG" if title == "附件2" else "ABDEHI"
        for col in merged:
            if col not in own:
                ws.merge_cells(f"{col}5:{col}6")
    wb.save(p)
    return p


def _said(path: Path) -> set[tuple[str, str, str]]:
    loaded, _ = load([path], default_config(), "2022-06")
    return {(f.code.value, f.sheet, f.cell) for f in loaded.findings}


def test_a_slip_on_a_facilitys_second_row_is_said_at_its_own_cell(tmp_path: Path) -> None:
    """I3 typed in D6, a bare 11 in F6 and text starting with = in G6 were said at D5 and F5 (which hold nothing
    wrong), the = not at all (blind audit of layouts). Each is said at its own line's cell."""
    p = _two_lines(tmp_path / "slips", {"D": "I3"}, {"C": "3", "F": "11", "G": "=再次检查"})
    loaded, _ = load([p], default_config(), "2022-06")
    said = {(f.code.value, f.sheet, f.cell, f.row) for f in loaded.findings}
    assert {("VALUE_INVALID", "附件2", "D6", 6), ("POINT_OTHER_UNDESCRIBED", "附件3", "F6", 6),
            ("CELL_FORMULA_TEXT", "附件3", "G6", 6)} <= said
    assert not {f for f in said if f[2] in ("D5", "F5")}
    # the same facility with nothing wrong on either line: nothing said
    p = _two_lines(tmp_path / "right", {"D": "3"}, {"C": "3", "F": "2", "G": "再次检查"})
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []


def test_a_lower_lines_level_or_number_slip_is_said_at_its_cell(tmp_path: Path) -> None:
    """黄 above 紫, 3 above 1.1 (a number cell) or above 1-3 made a date by Excel: the joined value read (黄；紫 as
    黄, 3；1.1 as 3、1) and nothing said, exit 0, though each is VALUE_INVALID on a one-row facility."""
    p = _two_lines(tmp_path / "level", {"D": "3", "E": "紫"}, {"C": "3", "F": "4"})
    assert ("VALUE_INVALID", "附件2", "E6") in _said(p)
    p = _two_lines(tmp_path / "number", {"D": 1.1}, {"C": dt.datetime(2022, 1, 3), "F": "4"})
    said = _said(p)
    assert {("VALUE_INVALID", "附件2", "D6"), ("VALUE_INVALID", "附件3", "C6")} <= said
    # both lines readable: nothing (黄 above 黄, 3 above 4)
    p = _two_lines(tmp_path / "fine", {"D": "4", "E": "黄"}, {"C": "4", "F": "2"})
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []


def test_a_progress_line_below_a_facility_over_two_rows_is_the_facilitys(tmp_path: Path) -> None:
    """当月处置进展 typed on the row under a facility itself over two rows, its other cells blank: a nameless
    facility (VALUE_REQUIRED × 4, a row of its own one level up) — under a one-row facility it joined it."""
    p = _two_lines(tmp_path, {"D": "3"}, {"C": "3", "F": "2"})
    wb = openpyxl.load_workbook(p)
    ws = wb["附件3"]
    ws.insert_rows(7)
    ws["G7"] = "（续）6月15日复查已整改到位"
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    first = loaded.submissions["汇龙镇"].f3[0]
    assert first.progress.endswith("（续）6月15日复查已整改到位") and len(loaded.submissions["汇龙镇"].f3) == 3


def test_a_lower_lines_slip_is_marked_in_the_consolidated_workbook(tmp_path: Path, runner) -> None:
    """I3 on the second line said at D6: the consolidated workbook's joined cell (3；I3) went unmarked, and the
    workbook failed its own check (VALUE_INVALID, exit 1; code review)."""
    _two_lines(tmp_path / "in", {"D": "I3"}, {"C": "3", "F": "11"})
    code, data = run_json(runner, "consolidate", tmp_path / "in", "-o", tmp_path / "out", "--period", "2022-06")
    assert {("VALUE_INVALID", "D6"), ("POINT_OTHER_UNDESCRIBED", "F6")} <= {(f["code"], f["cell"]) for f in data["findings"]}
    out = next((tmp_path / "out").glob("*_汇总.xlsx"))
    code, data = run_json(runner, "check", out)
    assert code == 0 and data["summary"]["errors"] == 0
    assert {"REPORTED_BELOW"} == {f["code"] for f in data["findings"] if f["sheet"] in ("附件2", "附件3")}


def _f1(path: Path, line: str, town: str, date: str, total: int, facility: str = "康乐老年公寓") -> Path:
    """A township's 附件1–3 as a clerk fills them, without a month in the titles."""
    specs = specs_for(town, n=1)
    for spec in specs.values():
        spec.unit_line = line
        spec.footer_date = date
    specs["F1"].rows[0].update(township=town, total=total, checked=total, percent=100)
    specs["F2"].rows[0]["name"] = specs["F3"].rows[0]["name"] = facility
    return write(path, town, [specs["F1"], specs["F2"], specs["F3"]])


def test_a_month_named_without_a_year_tells_the_quarters_files_apart(tmp_path: Path, runner) -> None:
    """汇龙镇_5月.xlsx dated 5月16日 and 汇龙镇_6月.xlsx dated 6月15日 in one folder, no title naming a month: for
    May, June's figures were consolidated (latest by date) — the name's month, agreeing with the date, says whose."""
    _f1(tmp_path / "in" / "汇龙镇_5月.xlsx", "汇龙镇", "汇龙镇", "2022-05-16", 50)
    _f1(tmp_path / "in" / "汇龙镇_6月.xlsx", "汇龙镇", "汇龙镇", "2022-06-15", 60)
    code, data = run_json(runner, "consolidate", tmp_path / "in", "-o", tmp_path / "out", "--period", "2022-05")
    out = next((tmp_path / "out").glob("*_汇总.xlsx"))
    f1 = [r for r in openpyxl.load_workbook(out)["附件1"].iter_rows(min_row=5, values_only=True) if r[1] == "汇龙镇"]
    assert [r[2] for r in f1] == [50]
    assert any(f["code"] == "SUBMISSION_SUPERSEDED" and "汇龙镇_6月" in f["file"] for f in data["findings"])


def test_a_correction_replaces_a_report_left_under_a_neighbours_name(tmp_path: Path, runner) -> None:
    """南阳镇.xlsx copied from 汇龙镇's, its 填报单位 left 汇龙镇 (UNIT_CONFLICT), and 南阳镇（更正）.xlsx signed 南阳镇: the
    original stayed 汇龙镇's — a town that sent nothing counted as having sent 附件1–3, the facility listed twice."""
    _f1(tmp_path / "in" / "南阳镇.xlsx", "汇龙镇", "南阳镇", "2022-06-15", 20, "福寿养老院")
    _f1(tmp_path / "in" / "南阳镇（更正）.xlsx", "南阳镇", "南阳镇", "2022-06-15", 30, "福寿养老院")
    code, data = run_json(runner, "consolidate", tmp_path / "in", "-o", tmp_path / "out", "--period", "2022-06")
    codes = {f["code"] for f in data["findings"]}
    assert "SUBMISSION_SUPERSEDED" in codes and "DUPLICATE_ACROSS_UNITS" not in codes
    missing = next(f for f in data["findings"] if f["code"] == "SUBMISSION_MISSING" and f["unit"] == "汇龙镇")
    assert "附件1" in missing["message"]
    out = next((tmp_path / "out").glob("*_汇总.xlsx"))
    f2 = [r for r in openpyxl.load_workbook(out)["附件2"].iter_rows(min_row=5, values_only=True) if r[1] == "福寿养老院"]
    assert len(f2) == 1


def test_a_formula_or_an_error_on_a_lower_line_is_said_at_its_cell(tmp_path: Path) -> None:
    """A formula saved without its result (=2+0) or one that failed (#N/A) on the second line of a facility over two
    rows: merged in, or dropped, without a word — on a one-row facility FORMULA_NO_VALUE and VALUE_INVALID."""
    p = _two_lines(tmp_path, {"D": "3"}, {"C": "3", "F": "2", "G": "再次检查"})
    wb = openpyxl.load_workbook(p)
    wb["附件2"]["D6"] = "=2+1"  # (openpyxl saves it without a result)
    wb["附件3"]["G6"] = "#N/A"  # (an error cell)
    wb.save(p)
    said = _said(p)
    assert {("FORMULA_NO_VALUE", "附件2", "D6"), ("VALUE_INVALID", "附件3", "G6")} <= said
