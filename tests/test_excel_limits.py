"""What the written workbooks hold stays within Excel's limits: 32,767 characters a cell or comment, 409-point rows."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from yanglao_cli.config import default_config
from yanglao_cli.service import run_consolidate

from .conftest import rezip, run, specs_for, write

PROGRESS = ("已约谈负责人，责令整改，督促清退预付费资金；" * 2000)[:40000]
MEASURES = "3、4，" + ("措施说明" * 10000)[:36000]
NAME = "幸福院" + "甲" * 39997


def _long_texts(tmp_path: Path) -> openpyxl.Workbook:
    """汇龙镇's workbook as another program wrote it (openpyxl cuts at 32,767 itself): 附件3's 当月处置进展 of 40,000
    characters, 措施 of 36,004, and a facility of 附件2/附件3 named in 40,000 with its level underrated."""
    specs = specs_for("汇龙镇", n=2)
    specs["F3"].rows[0]["progress"] = "MARKER_PROGRESS"
    specs["F3"].rows[1]["measures"] = "MARKER_MEASURES"
    specs["F2"].rows[1]["name"] = specs["F3"].rows[1]["name"] = "MARKER_NAME"
    specs["F2"].rows[1]["level"] = "黄"  # points 6: 橙 (LEVEL_UNDERRATED, its 校验问题 row names the facility)
    src = write(tmp_path / "src.xlsx", "汇龙镇", specs)

    def change(name: str, data: bytes) -> tuple[str, bytes]:
        if name.endswith(".xml"):
            text = data.decode().replace("MARKER_PROGRESS", PROGRESS).replace("MARKER_MEASURES", MEASURES)
            data = text.replace("MARKER_NAME", NAME).encode()
        return name, data

    rezip(src, tmp_path / "in" / "汇龙镇.xlsx", change)
    run_consolidate([tmp_path / "in"], tmp_path / "out", default_config(), "2022-06", workers=1)
    return openpyxl.load_workbook(next((tmp_path / "out").glob("*_汇总.xlsx")))


CUT_NOTE = "原文共 40,000 字，超出 Excel 一格 32,767 字的上限，此处只写入前 32,756 字；请区镇精简后重报"


def test_a_text_over_excels_cell_limit_is_cut_and_said_so(tmp_path: Path) -> None:
    """附件3's 40,000-character 进展 was cut to 32,767 without a mark, and 措施's 原填 comment of 36,007 characters
    dropped (xlsxwriter refuses it and returns -2, which was not looked at; audit of Excel's limits). The cell holds
    what fits, ending 以下略, with a comment saying how long the township's text was; a comment over the limit is
    cut with its length."""
    wb = _long_texts(tmp_path)
    f3 = wb["附件3"]
    # each such cell is also the township's VALUE_INVALID (reading: the text does not fit), said after the cut
    too_long = "文字过长（共 {:,} 字），超出 Excel 一格最多 32,767 字的上限，汇总表中写不下全文；请精简后重新发送（VALUE_INVALID）"
    assert f3["G5"].value == PROGRESS[:32756] + "……（以下略，见批注）" and len(f3["G5"].value) == 32767
    assert f3["G5"].comment is not None and f3["G5"].comment.text.startswith(CUT_NOTE + "\n【错误】“当月处置进展”")
    assert f3["G5"].comment.text.endswith(too_long.format(40000))
    said = f"原填：{MEASURES}"
    assert f3["F6"].value == "3、4"
    assert f3["F6"].comment is not None and len(f3["F6"].comment.text) == 32767
    assert f3["F6"].comment.text.startswith(said[:30000]) and "……（以下略，原文共 36,007 字）\n【错误】" in f3["F6"].comment.text
    assert f3["F6"].comment.text.endswith(too_long.format(36004))
    for ws, cell in ((wb["附件2"], "B6"), (f3, "B6")):  # the name, on both forms alike
        assert ws[cell].value == NAME[:32756] + "……（以下略，见批注）", (ws.title, cell)
        assert ws[cell].comment is not None and ws[cell].comment.text.startswith(CUT_NOTE + "\n【错误】"), (ws.title, cell)
        assert ws[cell].comment.text.endswith(too_long.format(40000)), (ws.title, cell)
    problems = wb["校验问题"]
    heads = [c.value for c in problems[1]]
    row = next(r for r in problems.iter_rows(min_row=2) if r[heads.index("代码")].value == "LEVEL_UNDERRATED")
    facility = row[heads.index("机构")]
    assert facility.value == NAME[:32756] + "……（以下略，见批注）"
    assert facility.comment is not None and facility.comment.text == CUT_NOTE
    assert row[heads.index("原单元格")].value == "E6" and row[heads.index("原单元格")].comment is None


def test_the_diff_workbook_fits_its_texts_the_same_way(tmp_path: Path) -> None:
    """`yanglao diff -o` writes the names of two periods' workbooks and findings about them: the same guard."""
    from yanglao_cli.findings import Code, make
    from yanglao_cli.periods import Change
    from yanglao_cli.writer import write_changes

    found = make(Code.LEVEL_UNDERRATED, file="上期.xlsx", sheet="附件2", cell="E6", facility=NAME)
    write_changes([Change("汇龙镇", NAME, "added", "", "橙")], [found], tmp_path / "变化.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "变化.xlsx")
    for ws, cell in ((wb["变化"], "B2"), (wb["校验问题"], "B2")):
        assert ws[cell].value == NAME[:32756] + "……（以下略，见批注）", (ws.title, cell)
        assert ws[cell].comment is not None and ws[cell].comment.text == CUT_NOTE, (ws.title, cell)
    assert wb["变化"]["A2"].value == "汇龙镇" and wb["变化"]["A2"].comment is None


def test_a_comment_cut_to_the_limit_keeps_the_findings_whole() -> None:
    """The township's words are cut, not the findings after them: a cell filled in a finding's colour without
    the finding's words is no better than the dropped comment."""
    from yanglao_cli.writer import _comment_of

    findings = "【错误】打击整治措施与风险隐患点不相符（MEASURES_MISMATCH）"
    text = _comment_of("", f"原填：{MEASURES}", findings)
    assert len(text) == 32767 and text.endswith(f"……（以下略，原文共 36,007 字）\n{findings}")
    assert text.startswith(f"原填：{MEASURES[:100]}")
    assert _comment_of("", "原填：1、3，已约谈", findings) == f"原填：1、3，已约谈\n{findings}"  # as before
    assert _comment_of(CUT_NOTE, "", "") == CUT_NOTE
    # Excel counts UTF-16 units: 16,380 emoji are 32,760 of them, and xlsxwriter dropped the comment, finding and all
    emoji = _comment_of("", "区镇批注：" + "😀" * 16380, findings)
    assert len(emoji.encode("utf-16-le")) // 2 <= 32767 and emoji.endswith(f"原文共 16,385 字）\n{findings}")


def test_row_heights_stay_within_excels_409_points(tmp_path: Path) -> None:
    """A 3,000-character facility name on a row with an error: its 校验问题 row was 425.25 points high (30 lines of
    14 points and 5), which Excel does not accept (audit of Excel's limits). Every row is at most 409."""
    specs = specs_for("南阳镇", n=2)
    name = "南阳仁和护理院（" + "地址：南阳镇人民路88号，法人：王某某，" * 150 + "）"
    specs["F2"].rows[0].update(name=name, level="黄")
    specs["F3"].rows[0].update(name=name, progress="已约谈负责人，责令整改，督促清退预付费资金。" * 400)
    write(tmp_path / "in" / "南阳镇.xlsx", "南阳镇", specs)
    run_consolidate([tmp_path / "in"], tmp_path / "out", default_config(), "2022-06", workers=1)
    wb = openpyxl.load_workbook(next((tmp_path / "out").glob("*_汇总.xlsx")))
    heights = {(ws.title, r): d.height for ws in wb for r, d in ws.row_dimensions.items() if d.height}
    assert max(heights.values()) <= 409, [k for k, h in heights.items() if h > 409]
    problems = wb["校验问题"]
    heads = [c.value for c in problems[1]]
    row = next(r for r in problems.iter_rows(min_row=2) if r[heads.index("代码")].value == "LEVEL_UNDERRATED")
    assert heights[("校验问题", row[0].row)] == 408.75  # (409 points as whole pixels, as xlsxwriter stores it)


def test_check_says_a_text_over_excels_cell_limit_at_its_cell(tmp_path: Path) -> None:
    """`check` said nothing of a 40,000-character cell another program wrote, which the consolidated workbook (and
    Excel) cannot hold whole (audit of Excel's limits): VALUE_INVALID at each such cell, and at no cell
    of ordinary length."""
    from yanglao_cli.pipeline import load

    _long_texts(tmp_path)
    found = load([tmp_path / "in"], default_config(), "2022-06")[0].findings
    long = sorted((f.sheet, f.cell) for f in found if f.code.value == "VALUE_INVALID" and "文字过长" in f.message)
    assert long == [("附件2", "B6"), ("附件3", "B6"), ("附件3", "F6"), ("附件3", "G5")]
    write(tmp_path / "ok" / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    assert not [f for f in load([tmp_path / "ok"], default_config(), "2022-06")[0].findings if "文字过长" in f.message]


def test_the_annotated_copy_cuts_a_text_over_excels_limit(tmp_path: Path, runner) -> None:
    """附件3's 40,000-character 进展 written by another program: its VALUE_INVALID was marked in the annotated copy sent
    back, but the text kept whole — Excel asked to repair our own copy (blind audit of hostile files). Cut there too,
    saying how long it was."""
    _long_texts(tmp_path)
    run(runner, "check", str(tmp_path / "in"), "--annotate", str(tmp_path / "退回"))
    copy = openpyxl.load_workbook(next((tmp_path / "退回").glob("*.xlsx")))["附件3"]
    cut = copy["G5"].value
    assert len(cut) <= 32767 and cut.endswith("……（以下略，原文共 40,000 字）") and cut.startswith(PROGRESS[:100])


def test_a_header_pasted_on_far_to_the_right_is_read_and_said_in_few_findings(tmp_path: Path) -> None:
    """An 附件2 whose header row runs on with 400 texts of a pasted export: each was asked what field it may be
    (16,384 took 30 s) and said one by one (16,375 warnings, a 4 MB report; audit of hostile files). The form is
    read as before; the first 20 extra columns are said each, the rest in one finding at the first of them."""
    import json

    from typer.testing import CliRunner

    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    row = next(c.row for c in ws["B"] if c.value == "养老服务机构及场所名称")
    start = ws.max_column + 1
    for c in range(start, start + 400):
        ws.cell(row, c, f"自定义列{c}")
    wb.save(p)
    res = run(CliRunner(), "check", str(p), "--format", "json")
    data = json.loads(res.stdout)
    extra = [f for f in data["findings"] if f["code"] == "COLUMN_UNKNOWN"]
    assert len(extra) == 21 and res.exit_code == 0
    first = openpyxl.utils.get_column_letter(start + 20)
    assert extra[-1]["cell"] == f"{first}{row}"
    assert extra[-1]["message"].startswith(f"附件2另有380列模板以外的表头（{first}{row}“自定义列{start + 20}”至")
    assert data["summary"]["rows_read"] == data["summary"]["rows_written"] > 0
    assert [f["code"] for f in data["findings"] if f["code"] != "COLUMN_UNKNOWN"] == []
