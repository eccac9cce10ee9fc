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
