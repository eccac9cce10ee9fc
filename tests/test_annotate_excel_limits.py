"""The annotated copy within what Excel accepts (blind audit of Excel's limits): sheet names of a rebuilt copy,
the length of one cell's comment, the rows' heights of 校验结果. Excel repairs a file past these and drops what
it cannot keep — a clerk saw findings marked on the wrong sheet, or not at all."""

from __future__ import annotations

import warnings
from pathlib import Path

import openpyxl

from .conftest import run_json, specs_for, write
from .test_formats import ods

LONG = "养老服务诈骗风险隐患红橙黄风险管控名单及分类处置工作进度表"


def _as_ods(xlsx: Path, path: Path, names: dict[str, str]) -> Path:
    """The workbook's values as an .ods another program wrote, its sheets renamed as `names` says."""
    wb = openpyxl.load_workbook(xlsx)
    return ods(path, {names.get(ws.title, ws.title): [[c.value for c in row] for row in ws.iter_rows()] for ws in wb})


def test_a_rebuilt_copy_gives_sheets_names_excel_accepts_and_marks_each_finding_on_its_own(tmp_path: Path,
                                                                                        runner) -> None:
    """An .ods whose 附件2 and 附件3 are named alike in their first 31 characters, 附件4 in apostrophes and 附件1
    History: cut to 31 characters both were one name, 附件3's CLUE_NOT_REPORTED was marked (and linked) on 附件2's
    D6, and 'History', '附件4' were names Excel refuses. Each sheet now has a name of its own that Excel takes, the
    findings are on their own sheets, 校验结果 says which sheet each renamed one was, and no English warning."""
    specs = specs_for("南阳镇")
    specs["F2"].rows[0].update(points="2、7", level="黄", category="A")  # LEVEL_UNDERRATED at 附件2!E5
    specs["F2"].rows[1].update(points="6", level="橙", category="A")
    specs["F3"].rows[1].update(points="6", measures="3、4", clue="否")  # CLUE_NOT_REPORTED at 附件3!D6
    specs["F3"].rows[0].update(points="2、7", measures="3、4、6", clue="是")
    june, att3 = f"附件2 {LONG}（六月）", f"附件2 {LONG}（附件3）"
    src = _as_ods(write(tmp_path / "x" / "南阳镇.xlsx", "南阳镇", specs), tmp_path / "in" / "南阳镇.ods",
                  {"附件1": "History", "附件2": june, "附件3": att3, "附件4": "'附件4'"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        code, data = run_json(runner, "check", str(src), "--annotate", str(tmp_path / "ann"))
    assert [str(w.message) for w in caught if not issubclass(w.category, DeprecationWarning)] == []
    assert code == 1 and [(f["code"], f["sheet"], f["cell"]) for f in data["findings"]] == [
        ("LEVEL_UNDERRATED", june, "E5"), ("CLUE_NOT_REPORTED", att3, "D6")]
    copy = openpyxl.load_workbook(tmp_path / "ann" / "南阳镇_校验标注.xlsx")
    first31 = june[:31]
    new3 = f"{june[:29]}_2"
    assert copy.sheetnames == ["校验结果", "History_", first31, new3, "附件4"]
    assert "LEVEL_UNDERRATED" in copy[first31]["E5"].comment.text and copy[first31]["D6"].comment is None
    assert "CLUE_NOT_REPORTED" in copy[new3]["D6"].comment.text and copy[new3]["E5"].comment is None
    results = copy["校验结果"]
    assert results["A4"].value == (f"本副本中以下工作表改了名（原名 Excel 不允许：超过 31 个字、与另一张表重名、含 [ ] : * ? / \\ "
                                   f"或以 ' 开头结尾、名为 History）：“History”改为“History_”；“{june}”改为“{first31}”；"
                                   f"“{att3}”改为“{new3}”；“'附件4'”改为“附件4”。下面“工作表”一列写的是原文件中的名称。")
    assert [(results.cell(r, 3).value, results.cell(r, 4).value, results.cell(r, 5).hyperlink.location)
            for r in (5, 6)] == [("LEVEL_UNDERRATED", june, f"'{first31}'!E5"),
                                 ("CLUE_NOT_REPORTED", att3, f"'{new3}'!D6")]


def test_a_comment_over_excels_limit_keeps_the_errors_and_says_how_many_more(tmp_path: Path, runner) -> None:
    """150 orange facilities with 附件3's 打击整治措施 “1、2、11” merged down all rows: every finding of the column
    fell on F5's one comment, 69,000 characters — Excel keeps 32,767 at most and, repairing the file, dropped it.
    The comment keeps the errors first (POINT_OTHER_UNDESCRIBED), then the warnings that fit, and a last line
    saying how many more there are and where; 校验结果 lists all of them."""
    n = 150
    specs = specs_for("汇龙镇")
    specs["F1"].rows[0].update(total=200, checked=200, percent=100.0)
    specs["F2"].rows = [{"seq": i + 1, "name": f"汇龙第{i + 1}号养老服务中心有限公司（人民路{i + 1}号）",
                         "category": "A", "points": "6", "level": "橙", "lead_unit": "汇龙镇民政办", "note": ""}
                        for i in range(n)]
    specs["F3"].rows = [{"seq": i + 1, "name": r["name"], "points": "6", "clue": "是", "fundraising": "不涉及",
                         "measures": "1、2、11" if i == 0 else None, "progress": "已约谈负责人，正在整改",
                         "case": "否", "resolved": "否"} for i, r in enumerate(specs["F2"].rows)]
    src = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(src)
    wb["附件3"].merge_cells(f"F5:F{4 + n}")
    wb.save(src)
    code, data = run_json(runner, "check", str(src), "--annotate", str(tmp_path / "ann"))
    on_f = [f for f in data["findings"] if f["sheet"] == "附件3" and f["cell"].startswith("F")]
    assert {(f["code"], f["severity"]) for f in on_f} == {("POINT_OTHER_UNDESCRIBED", "error"),
                                                          ("MEASURE_MISSING", "warning")}
    assert len(on_f) == 3 * n
    copy = openpyxl.load_workbook(tmp_path / "ann" / "汇龙镇_校验标注.xlsx")
    text = copy["附件3"]["F5"].comment.text
    lines = text.split("\n")
    assert 32767 - 400 < len(text) <= 32767  # (as full as it can be: a line is some 200 characters)
    shown = lines[:-1]
    assert [line.endswith("（POINT_OTHER_UNDESCRIBED）") for line in shown] == [True] * n + [False] * (len(shown) - n)
    assert [line.startswith("【错误】") for line in shown] == [True] * n + [False] * (len(shown) - n)
    assert all(line.startswith("【警告】") and line.endswith("（MEASURE_MISSING）") for line in shown[n:])
    assert [line.split("：")[0] for line in shown[:3]] == [f"【错误】第{r}行汇龙第{r - 4}号养老服务中心有限公司（人民路{r - 4}号）"
                                                          for r in (5, 6, 7)]
    assert lines[-1] == f"……另有 {3 * n - len(shown)} 条，见“校验结果”工作表"
    assert copy["校验结果"].max_row == 2 + len(data["findings"])
    # the copy checked again: the last line is ours too, not a reply of the township's kept above our new findings
    run_json(runner, "check", str(tmp_path / "ann" / "汇龙镇_校验标注.xlsx"), "--annotate", str(tmp_path / "again"))
    assert openpyxl.load_workbook(tmp_path / "again" / "汇龙镇_校验标注.xlsx")["附件3"]["F5"].comment.text == text


def test_a_townships_note_too_long_beside_ours_is_cut_to_leave_ours_room(tmp_path: Path, runner) -> None:
    """A note of 40,000 characters another program wrote on a flagged cell: with ours under it the comment was past
    Excel's limit. The note keeps its first 8,191 characters, and ours follows whole."""
    from openpyxl.comments import Comment

    from .test_check import _underrated

    src = _underrated(tmp_path)
    note = "待复核：等级请分管领导确认。" * 3000
    wb = openpyxl.load_workbook(src)
    wb["附件2"]["E5"].comment = Comment(note, "张三")
    wb.save(src)
    run_json(runner, "check", str(src), "--annotate", str(tmp_path / "out"))
    text = openpyxl.load_workbook(tmp_path / "out" / "汇龙镇_校验标注.xlsx")["附件2"]["E5"].comment.text
    theirs, ours = text.split("\n——\n")
    assert theirs == note[:8191] + "……"
    assert ours.startswith("【错误】") and ours.endswith("（LEVEL_UNDERRATED）") and "\n" not in ours


def test_rows_of_the_results_sheet_are_no_taller_than_excel_allows(tmp_path: Path, runner) -> None:
    """A facility's name of 3,000 characters on a row with an error: its 说明 in 校验结果 made the row 1,215 points
    high, past Excel's 409. The row is 409 points; the other rows keep the height their text needs."""
    from .test_check import _underrated

    src = _underrated(tmp_path, percent=50.0)
    name = "汇龙仁和护理院（" + "地址：汇龙镇人民路88号，法人：王某某，" * 150 + "）"
    wb = openpyxl.load_workbook(src)
    wb["附件2"]["B5"] = wb["附件3"]["B5"] = name
    wb.save(src)
    code, data = run_json(runner, "check", str(src), "--annotate", str(tmp_path / "out"))
    assert [(f["code"], f["sheet"], f["cell"], f["facility"] == name) for f in data["findings"]] == [
        ("PERCENT_MISMATCH", "附件1", "E5", False), ("LEVEL_UNDERRATED", "附件2", "E5", True)]
    ws = openpyxl.load_workbook(tmp_path / "out" / "汇龙镇_校验标注.xlsx")["校验结果"]
    assert [(ws.cell(r, 3).value, ws.row_dimensions[r].height) for r in (3, 4)] == [
        ("PERCENT_MISMATCH", 15), ("LEVEL_UNDERRATED", 409)]


def test_a_rebuilt_copy_shows_what_the_township_saw(tmp_path: Path) -> None:
    """A copy rebuilt from an .xls/.ods wrote the number under a format showing a word (0 shown 黄 through
    "红";"红";"黄"), left a formula's error blank and dropped a 0% format: checked again it had errors its original
    had not, and lost the ones it marked (blind audit of cells). It holds what the cells showed."""
    from yanglao_cli.annotate import _rebuild

    from .conftest import rezip

    p = write(tmp_path / "plain" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    wb["附件2"]["E5"], wb["附件2"]["E5"].number_format = 0, '"红";"红";"黄"'
    wb["附件1"]["E5"], wb["附件1"]["E5"].number_format = 85, "0%"
    wb["附件3"]["G5"] = "#N/A"  # (an error cell: <c t="e">)
    wb.save(p)
    q = rezip(p, tmp_path / "汇龙镇.xlsx", lambda n, d: (n, d))
    copy, _ = _rebuild(q)
    assert copy["附件2"]["E5"].value == "黄" and copy["附件3"]["G5"].value == "#N/A"
    assert copy["附件1"]["E5"].value == 85 and copy["附件1"]["E5"].number_format.endswith("%")


def test_our_copy_keeps_a_saved_zero_and_empty_text_as_results(tmp_path: Path, runner) -> None:
    """A workbook Excel saved, 附件4 总计 =B6+C6 with its result 0 and a helper =IF(B5="","","") with its result "":
    the copy (openpyxl asks Excel to recalculate on opening) was read as holding placeholders — FORMULA_NO_VALUE at
    each, and one read as unvalued where a value is required (blind audit of cells). The copy checks as its
    original."""
    from .conftest import rezip

    specs = specs_for("汇龙镇")
    specs["F4"].rows[0].update(ongoing=0, done=0, total=0, early=0, obvious=0, referred=0)
    p = write(tmp_path / "plain" / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    ws4 = wb["附件4"]
    total = next(c for row in ws4.iter_rows() for c in row if c.value == 0 and c.column == 4)
    total.value = f"=B{total.row}+C{total.row}"
    wb["附件2"]["H5"] = '=IF(B5="","","")'
    wb.save(p)

    def as_excel_saved(name: str, data: bytes) -> tuple[str, bytes]:
        import re

        if name == "xl/workbook.xml":
            data = re.sub(rb'\s*fullCalcOnLoad="1"', b"", data)
        if name.startswith("xl/worksheets/"):
            data = re.sub(rb"(<f>B\d+\+C\d+</f>)<v\s*/?>(</v>)?", rb"\1<v>0</v>", data)
            data = re.sub(rb'<c r="H5"([^>]*)><f>', rb'<c r="H5"\1 t="str"><f>', data)
        return name, data

    src = rezip(p, tmp_path / "in" / "汇龙镇.xlsx", as_excel_saved)
    code, before = run_json(runner, "check", src, "--annotate", tmp_path / "ann")
    copy = next((tmp_path / "ann").glob("*.xlsx"))
    code2, after = run_json(runner, "check", copy)
    said = lambda d: sorted((f["code"], f["sheet"], f["cell"]) for f in d["findings"])  # noqa: E731
    assert said(after) == said(before) and code2 == code
    assert "FORMULA_NO_VALUE" not in {f["code"] for f in after["findings"]}


def test_every_xls_and_ods_fixture_checks_the_same_as_its_rebuilt_copy(tmp_path: Path, runner) -> None:
    """The annotated copy of an .xls/.ods is rebuilt from the values read: checked again it gives its original's
    findings (the formulas saved without a result aside, said once). A 1904-dated .xls's 填报日期, a plain number,
    was written into a 1900 workbook: VALUE_INVALID in the copy only (blind audit of cells)."""
    data = Path(__file__).parent / "data"
    said = lambda d: sorted((f["code"], f["sheet"], f["cell"]) for f in d["findings"]  # noqa: E731
                            if f["code"] != "FORMULA_NO_VALUE")
    for src in sorted([*data.glob("*.xls"), *data.glob("*.ods")]):
        out = tmp_path / src.stem
        _, before = run_json(runner, "check", src, "--annotate", out)
        copies = list(out.glob("*.xlsx"))
        if not copies:
            continue  # (unreadable: nothing to copy)
        _, after = run_json(runner, "check", copies[0])
        assert said(after) == said(before), src.name
