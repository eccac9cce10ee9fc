"""What the same forms look like when other programs save them, or clerks lay them out otherwise: merged cells in
an .ods (LibreOffice), a header merged over a split column, a date left as its serial number. Each asserts the
exact findings and the data read."""

from __future__ import annotations

import datetime as dt
import zipfile
from html import escape
from pathlib import Path

import openpyxl
import pytest

from yanglao_cli.cli.app import app
from yanglao_cli.config import default_config
from yanglao_cli.pipeline import load

from .conftest import pairs, rezip, run_json, specs_for, write

_F2_HEAD = ["序号", "养老服务机构及场所名称", "类别", "风险隐患点", "风险隐患等级", "牵头排查单位", "备注"]
COVERED = object()  # a cell under a merge (table:covered-table-cell)


class Markup(str):
    """An .ods cell's content written as it is (ods)."""


class RawCell(str):
    """A whole .ods cell element written as it is (ods)."""


def ods(path: Path, tables: dict[str, list[list[object]]]) -> Path:
    """An .ods as LibreOffice writes it, reduced to what a reader needs. A cell is text, a number, None, COVERED,
    or (value, rows spanned, columns spanned)."""

    def cell(v: object) -> str:
        if v is COVERED:
            return "<table:covered-table-cell/>"
        if isinstance(v, RawCell):
            return str(v)
        span = ""
        if isinstance(v, tuple):
            v, rows, cols = v
            span = f' table:number-rows-spanned="{rows}" table:number-columns-spanned="{cols}"'
        if v is None:
            return f"<table:table-cell{span}/>"
        if isinstance(v, int | float):
            return f'<table:table-cell{span} office:value-type="float" office:value="{v}"><text:p>{v}</text:p>' \
                   "</table:table-cell>"
        if isinstance(v, Markup):  # the cell's paragraphs as LibreOffice writes them (<text:tab/> …)
            return f'<table:table-cell{span} office:value-type="string">{v}</table:table-cell>'
        return f'<table:table-cell{span} office:value-type="string"><text:p>{escape(str(v))}</text:p>' \
               "</table:table-cell>"

    body = "".join(
        f'<table:table table:name="{escape(name)}">'
        + "".join("<table:table-row>" + "".join(map(cell, row)) + "</table:table-row>" for row in rows)
        + "</table:table>" for name, rows in tables.items())
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>")
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", _MANIFEST)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


_MANIFEST = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
             'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
             '<manifest:file-entry manifest:full-path="/" manifest:media-type='
             '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
             'manifest:media-type="text/xml"/></manifest:manifest>')


def test_cells_merged_over_facilities_in_an_ods_count_for_each(tmp_path: Path) -> None:
    """LibreOffice keeps merges as spans (python-calamine does not give them for .ods): 类别 A merged over two
    facilities and 牵头排查单位 over all three give their value to every row, as in .xlsx — no VALUE_REQUIRED."""
    rows = [
        ["附件2：", None, None, None, None, None, None],
        [("养老服务诈骗风险隐患“红橙黄”风险管控名单", 1, 7), *[COVERED] * 6],
        ["填报单位（盖章）：汇龙镇民政办", None, None, None, None, None, None],
        _F2_HEAD,
        [1, "甲养老院", ("A", 2, 1), "2", "黄", ("汇龙镇民政办", 3, 1), None],
        [2, "乙养老院", COVERED, "3", "黄", COVERED, None],
        [3, "丙活动站", "C", "9", "橙", COVERED, None],
        ["填报人：张三", None, "负责人：李四", None, "电话：83123456", "填报日期：2022-06-15", None],
    ]
    path = ods(tmp_path / "汇龙镇.ods", {"附件2": rows})
    loaded, _ = load([path], default_config(), "2022-06")
    f2 = loaded.submissions["汇龙镇"].f2
    assert [(r.name, r.category.value if r.category else None, r.lead_unit) for r in f2] == [
        ("甲养老院", "A", "汇龙镇民政办"), ("乙养老院", "A", "汇龙镇民政办"), ("丙活动站", "C", "汇龙镇民政办")]
    assert [p for p in pairs(loaded.findings) if p[0] == "VALUE_REQUIRED"] == []


def test_a_tab_or_line_break_in_an_ods_cell_separates_what_it_separates(tmp_path: Path) -> None:
    """python-calamine drops <text:tab/> and <text:line-break/> from an .ods cell: points 1<tab>3 were read as 13 (a
    黄 facility LEVEL_UNDERRATED to 红), 6<line break>7 as 67 (VALUE_INVALID), where the .xlsx and .xls of the same
    report read 1、3 and 6、7 (blind audit of formats). A comment's text on the cell stays out of its value."""
    rows = [
        ["附件2："],
        ["养老服务诈骗风险隐患“红橙黄”风险管控名单"],
        ["填报单位（盖章）：汇龙镇民政办"],
        _F2_HEAD,
        [1, "甲养老院", "A", Markup("<text:p>1<text:tab/>3</text:p>"), "黄", "汇龙镇民政办", None],
        [2, "乙养老院", "A", Markup("<text:p>6<text:line-break/>7</text:p>"), "橙", "汇龙镇民政办",
         Markup("<office:annotation><text:p>批注<text:tab/>甲</text:p></office:annotation><text:p>新<text:s/>增"
                "</text:p><text:p>复查<text:tab/>中</text:p>")],
        ["填报人：张三", None, "负责人：李四", None, "电话：83123456", "填报日期：2022-06-15", None],
    ]
    path = ods(tmp_path / "汇龙镇.ods", {"附件2": rows})
    loaded, _ = load([path], default_config(), "2022-06")
    f2 = loaded.submissions["汇龙镇"].f2
    assert [r.points.items for r in f2] == [(1, 3), (6, 7)]
    assert f2[1].note == "新 增\n复查\t中"
    assert [p for p in pairs(loaded.findings) if p[0] in ("LEVEL_UNDERRATED", "VALUE_INVALID")] == []


_LO_TRUE = RawCell('<table:table-cell table:formula="of:=TRUE()" office:value-type="float" office:value="1" '
                   'calcext:value-type="float"><text:p>TRUE</text:p></table:table-cell>')
_LO_FALSE = RawCell('<table:table-cell table:formula="of:=FALSE()" office:value-type="float" office:value="0" '
                    'calcext:value-type="float"><text:p>FALSE</text:p></table:table-cell>')


def test_true_typed_in_libreoffice_reads_in_an_ods_as_in_its_xlsx(tmp_path: Path) -> None:
    """LibreOffice saves a typed TRUE in an .ods as the formula TRUE() with the value 1: 通报线索 TRUE was VALUE_INVALID
    (值“1”) in the .ods only, the .xlsx and .xls it writes holding a real TRUE (blind audit of formats)."""
    f3_head = ["序号", "养老服务机构及场所名称", "风险隐患点", "是否向属地人民政府和政法机关通报线索",
               "属于非法集资的同步纳入属地防范和处置非法集资工作机制", "打击整治措施", "当月处置进展", "是否立案及立案时间",
               "存量风险是否已有效化解"]
    rows = [
        ["附件3："], ["养老服务诈骗风险隐患分类处置工作进度表"], ["填报单位（盖章）：汇龙镇民政办"], f3_head,
        [1, "甲养老院", "6", _LO_TRUE, "不涉及", "3、4", "已约谈", "否", _LO_FALSE],
        [2, "乙养老院", "7", _LO_FALSE, "不涉及", "3、4、6", "已约谈", "否", "否"],
        ["填报人：张三", None, "负责人：李四", None, "电话：83123456", "填报日期：2022-06-15", None],
    ]
    loaded, _ = load([ods(tmp_path / "汇龙镇.ods", {"附件3": rows})], default_config(), "2022-06")
    assert [(r.clue.value.name, r.resolved.value.name if r.resolved else None)
            for r in loaded.submissions["汇龙镇"].f3] == [("YES", "NO"), ("NO", "NO")]
    assert [p for p in pairs(loaded.findings) if p[0] == "VALUE_INVALID"] == []


def _f3_split_case(path: Path, *, two_rows: bool, case_date: object, report: str = "2022-06-15", case: str = "是",
                   more_rows: int = 0) -> Path:
    """附件3 with 立案时间 in a column of its own, right of 是否立案: under one header merged across both
    (two_rows), or with headers of their own."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件3"
    ws.append(["附件3："])
    ws.append(["养老服务诈骗风险隐患分类处置工作进度表"])
    ws.merge_cells("A2:J2")
    ws.append(["填报单位（盖章）：汇龙镇民政办"])
    heads = ["序号", "养老服务机构及场所名称", "风险隐患点", "是否向属地人民政府和政法机关通报线索",
             "属于非法集资的同步纳入属地防范和处置非法集资工作机制", "打击整治措施", "当月处置进展"]
    if two_rows:
        ws.append([*heads, "是否立案及立案时间", None, "存量风险是否已有效化解"])
        ws.append([None] * 7 + ["是否立案", "立案时间", None])
        ws.merge_cells("H4:I4")
        for col in "ABCDEFGJ":
            ws.merge_cells(f"{col}4:{col}5")
    else:
        ws.append([*heads, "是否立案", "立案时间", "存量风险是否已有效化解"])
    ws.append([1, "甲养老院", "11", "是", "是", "3、4、7", "已移送公安", case, case_date, "否"])
    for i in range(more_rows):
        ws.append([i + 2, f"乙养老院{i}号", "2", "否", "不涉及", "1、2", "已提示", "否", None, "否"])
    ws.append(["填报人：张三", None, "负责人：李四", None, "电话：83123456", None, f"填报日期：{report}"])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def test_a_header_merged_over_the_split_case_date_reads_it_as_one_column(tmp_path: Path) -> None:
    """是否立案及立案时间 merged over 是否立案 | 立案时间: the date column is read with 是否立案 (no COLUMN_UNKNOWN
    for a column the form has), and its date counts (no CASE_DATE_MISSING)."""
    path = _f3_split_case(tmp_path / "汇龙镇.xlsx", two_rows=True, case_date=dt.datetime(2022, 6, 10))
    loaded, _ = load([path], default_config(), "2022-06")
    rec = loaded.submissions["汇龙镇"].f3[0]
    assert rec.case_date == dt.date(2022, 6, 10)
    assert [p for p in pairs(loaded.findings) if p[0] in ("COLUMN_UNKNOWN", "CASE_DATE_MISSING")] == []
    # the other headers merged down over both rows and a long list: one form, its footer (and date) read
    late = _f3_split_case(tmp_path / "b" / "汇龙镇.xlsx", two_rows=True, case_date=dt.datetime(2022, 7, 10),
                          more_rows=11)
    loaded, _ = load([late], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("DATE_IN_FUTURE", "附件3!I6")]
    assert loaded.rows_read == 12


def test_findings_about_the_split_case_date_point_at_its_own_cell(tmp_path: Path, runner) -> None:
    """The date in its own column (I5): DATE_IN_FUTURE and CASE_DATE_MISSING point at I5, where it is (or must
    be) written, not at 是否立案's H5; a date left as its serial number (44722, a General-format cell) is the
    date it stands for."""
    future = _f3_split_case(tmp_path / "a" / "汇龙镇.xlsx", two_rows=False, case_date=dt.datetime(2022, 7, 10))
    code, data = run_json(runner, "check", str(future), "--period", "2022-06")
    assert [(f["code"], f["cell"]) for f in data["findings"] if f["code"] == "DATE_IN_FUTURE"] == [
        ("DATE_IN_FUTURE", "I5")]
    for answer in ("是", "已立案"):
        blank = _f3_split_case(tmp_path / "b" / "汇龙镇.xlsx", two_rows=False, case_date=None, case=answer)
        code, data = run_json(runner, "check", str(blank), "--period", "2022-06")
        assert [(f["code"], f["cell"]) for f in data["findings"] if f["code"] == "CASE_DATE_MISSING"] == [
            ("CASE_DATE_MISSING", "I5")]
    serial = _f3_split_case(tmp_path / "c" / "汇龙镇.xlsx", two_rows=False, case_date=44722)
    loaded, _ = load([serial], default_config(), "2022-06")
    assert loaded.submissions["汇龙镇"].f3[0].case_date == dt.date(2022, 6, 10)
    assert [p for p in pairs(loaded.findings) if p[0] == "CASE_DATE_MISSING"] == []


def test_split_compound_columns_with_the_detail_on_the_left(tmp_path: Path) -> None:
    """立案时间 | 是否立案 and 化解情形 | 存量风险是否已有效化解, the detail typed left of its question: 立案时间 (also a
    header of the field) took the field and 是否立案 was COLUMN_UNKNOWN, CASE_DATE_MISSING at the 是 beside the blank
    date; 化解情形 was an extra column and 是，3 a RESOLVED_NO_CRITERION (blind audit of layouts)."""
    from yanglao_cli.forms import F3 as F3DEF

    specs = specs_for("南阳镇", n=2)
    p = write(tmp_path / "南阳镇.xlsx", "南阳镇", specs)
    wb = openpyxl.load_workbook(p)
    ws = wb["附件3"]
    head = next(r for r in range(1, 10) if ws.cell(r, 1).value == "序号")
    case, resolved = (next(i for i, c in enumerate(F3DEF.columns, start=1) if c.field == f) for f in ("case", "resolved"))
    ws.insert_cols(resolved)  # 化解情形 left of 存量风险…
    ws.insert_cols(case)  # 立案时间 left of 是否立案
    resolved += 2
    ws.cell(head, case, "立案时间")
    ws.cell(head, case + 1, "是否立案")
    ws.cell(head, resolved - 1, "化解情形")
    for r, (date, answer, criterion, solved) in zip((head + 1, head + 2), (("2022-06-10", "是", "3", "是"),
                                                                          (None, "是", None, "否")), strict=True):
        ws.cell(r, case, date)
        ws.cell(r, case + 1, answer)
        ws.cell(r, resolved - 1, criterion)
        ws.cell(r, resolved, solved)
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    letter = openpyxl.utils.get_column_letter(case)
    assert [(f.code.value, f.cell) for f in loaded.findings] == [("CASE_DATE_MISSING", f"{letter}{head + 2}")]
    first = loaded.submissions["南阳镇"].f3[0]
    assert first.case_date == dt.date(2022, 6, 10) and (first.resolved.value.value, first.resolved.detail) == ("YES", "3")


def test_a_file_name_in_gbk_bytes_is_read_and_shown_in_chinese(tmp_path: Path, runner) -> None:
    """A Windows zip unpacked on Linux (or a Samba share) leaves the name in GBK bytes: the workbook is read (it
    was FILE_UNREADABLE, 'No such file'), shown as 汇龙镇报表.xlsx, and its name still gives the unit."""
    import os

    from .conftest import gbk_named_copy, specs_for, write

    src = write(tmp_path / "src.xlsx", "汇龙镇", specs_for("汇龙镇"))
    inbox = tmp_path / "in"
    inbox.mkdir()
    gbk_named_copy(src, inbox, "汇龙镇报表.xlsx")
    code, data = run_json(runner, "check", str(inbox), "--period", "2022-06")
    assert code == 0 and data["summary"]["rows_read"] > 0
    assert {f["file"] for f in data["findings"]} <= {os.path.join(str(inbox), "汇龙镇报表.xlsx")}
    loaded, _ = load([inbox], default_config(), "2022-06")
    assert list(loaded.submissions) == ["汇龙镇"] and loaded.files == [os.path.join(str(inbox), "汇龙镇报表.xlsx")]
    missing = os.fsdecode(os.path.join(os.fsencode(inbox), "南阳镇报表.xlsx".encode("gbk")))
    res = runner.invoke(app, ["check", missing])
    assert res.exit_code == 2 and "南阳镇报表.xlsx" in res.output and "\\udc" not in ascii(res.output)
    # beside a township's returned copy (…_校验标注.xlsx): the copy's pairing measured the GBK name as UTF-8 and
    # the whole run stopped, exit 2, no findings (blind audit of check)
    write(inbox / "南阳镇_校验标注.xlsx", "南阳镇", specs_for("南阳镇"))
    code, data = run_json(runner, "check", str(inbox), "--period", "2022-06")
    assert code == 0 and data["summary"]["files"] == 2 and data["summary"]["units"] == 2


def test_files_that_are_not_reports_say_what_they_are(tmp_path: Path, runner) -> None:
    """A lock file named on the command line, a flat-XML .fods, an .ods missing a part: each one clear Chinese
    line (no library English); a filled .xltx template in the inbox is read like an .xlsx."""
    import shutil

    from .conftest import specs_for, write

    lock = tmp_path / "a" / "~$汇龙镇.xlsx"
    lock.parent.mkdir()
    lock.write_bytes(b"\x06zhang san" + b"\x00" * 150)
    fods = tmp_path / "b" / "南阳镇.fods"
    fods.parent.mkdir()
    fods.write_text('<?xml version="1.0" encoding="UTF-8"?><office:document/>', encoding="utf-8")
    broken = tmp_path / "c" / "北新镇.ods"
    broken.parent.mkdir()
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    for path, words in ((lock, "临时锁定文件"), (fods, ".fods"), (broken, "文件不完整")):
        code, data = run_json(runner, "check", str(path.parent if path is fods else path))
        reasons = [f["message"] for f in data["findings"] if f["code"] == "FILE_UNREADABLE"]
        assert code == 2 and len(reasons) == 1 and words in reasons[0], reasons
        assert reasons[0].isprintable() and "not found" not in reasons[0] and "\n" not in reasons[0]
    template = tmp_path / "d" / "汇龙镇.xltx"
    template.parent.mkdir()
    shutil.copy(write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇")), template)
    code, data = run_json(runner, "check", str(template.parent), "--period", "2022-06")
    assert code == 0 and data["summary"]["rows_read"] > 0 and data["summary"]["files"] == 1
    # an Excel 97–2003 template (.xlt) filled in: read in a folder as when named (it was passed over, the unit
    # reported as sending nothing; blind audit of the formats clerks send)
    old = tmp_path / "e" / "汇龙镇.xlt"
    old.parent.mkdir()
    shutil.copy(Path(__file__).parent / "data" / "汇龙镇_附件2.xls", old)
    code, named = run_json(runner, "check", str(old), "--period", "2022-06")
    code, found = run_json(runner, "check", str(old.parent), "--period", "2022-06")
    assert found["summary"]["files"] == 1 and found["summary"]["rows_read"] == named["summary"]["rows_read"] > 0


@pytest.mark.parametrize("tall", [2, 3])
def test_a_header_merged_down_over_two_rows_is_one_header(tmp_path: Path, runner, tall: int) -> None:
    """Every header cell merged down over rows 3–4 (a two-row header with no sub-headers; or 3–5) and 12
    facilities: the form is found once, its footer's 填报日期 is read (DATE_IN_FUTURE for the case date after it;
    status has the date), and an extra column is one COLUMN_UNKNOWN, not one per header row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件3"
    ws.append(["养老服务诈骗风险隐患分类处置工作进度表"])
    ws.append(["填报单位（盖章）：汇龙镇"])
    ws.append(["序号", "养老服务机构及场所名称", "风险隐患点", "是否向属地人民政府和政法机关通报线索",
               "属于非法集资的同步纳入属地防范和处置非法集资工作机制", "打击整治措施", "当月处置进展",
               "是否立案及立案时间", "存量风险是否已有效化解", "联系电话"])
    for _ in range(tall - 1):
        ws.append([])
    for col in "ABCDEFGHIJ":
        ws.merge_cells(f"{col}3:{col}{2 + tall}")
    for i in range(1, 13):
        ws.append([i, f"汇龙康乐养老院{i}号", "2", "否", "不涉及", "1、2", "已进行风险提示",
                   "是，2022年7月8日" if i == 1 else "否", "否", "83123456"])
    ws.append(["填报人：张三", None, "负责人：李四", "电话：0513-83123456", None, None, None, "填报日期：2022年6月25日"])
    path = tmp_path / "in" / "汇龙镇_附件3.xlsx"
    path.parent.mkdir()
    wb.save(path)
    code, data = run_json(runner, "check", str(path), "--period", "2022-06")
    assert sorted((f["code"], f["cell"]) for f in data["findings"]) == [
        ("COLUMN_UNKNOWN", "J3"), ("DATE_IN_FUTURE", f"H{3 + tall}")]
    assert data["summary"]["rows_read"] == 12
    code, data = run_json(runner, "status", str(path.parent), "--period", "2022-06")
    f3 = next(u for u in data["units"] if u["unit"] == "汇龙镇")["forms"]["F3"]
    assert f3["date"] == "2022-06-25" and f3["late"] is True


def _strict(name: str, data: bytes) -> tuple[str, bytes]:
    """Excel's "Strict Open XML" save: other namespaces."""
    return name, data.replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships").replace(
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main", b"http://purl.oclc.org/ooxml/spreadsheetml/main")


def _backslashed(name: str, data: bytes) -> tuple[str, bytes]:
    """A zip re-packed by an old Windows tool: members named xl\\worksheets\\sheet1.xml."""
    return (name.replace("/", "\\") if name.startswith("xl/worksheets") else name), data


@pytest.mark.parametrize("repack", [_strict, _backslashed], ids=["strict", "backslashes"])
def test_a_repackaged_workbook_gets_a_full_annotated_copy(tmp_path: Path, runner, repack) -> None:
    """Check reads these packages; openpyxl opens them without a worksheet, and the annotated copy held 校验结果
    alone (the backslashed one said as a normal copy; blind audit of other producers). The copy holds every form
    sheet with the finding's comment."""
    from .conftest import rezip, specs_for, write

    specs = specs_for("汇龙镇")
    specs["F2"].rows[0].update(points="11", level="黄")  # LEVEL_UNDERRATED
    plain = write(tmp_path / "plain.xlsx", "汇龙镇", specs)
    odd = rezip(plain, tmp_path / "in" / "汇龙镇.xlsx", repack)
    code, data = run_json(runner, "check", str(odd), "--period", "2022-06", "--annotate", str(tmp_path / "ann"))
    found = [(f["sheet"], f["cell"]) for f in data["findings"] if f["code"] == "LEVEL_UNDERRATED"]
    assert code == 1 and len(found) == 1
    copy = openpyxl.load_workbook(tmp_path / "ann" / "汇龙镇_校验标注.xlsx")
    sheet, cell = found[0]
    assert {"附件1", "附件2", "附件3", "附件4"} <= set(copy.sheetnames)
    assert copy[sheet][cell].comment is not None and "LEVEL_UNDERRATED" in copy[sheet][cell].comment.text


@pytest.mark.parametrize("repack", [None, _strict], ids=["edited", "rebuilt"])
def test_a_hidden_leftover_sheet_stays_hidden_in_the_annotated_copy(tmp_path: Path, runner, repack) -> None:
    """Last month's 附件2 kept on a hidden sheet beside this month's: not read, SUBMISSION_SUPERSEDED (info) on it —
    and that mark showed the sheet in the copy, which checked again read it: last month's facilities listed twice
    (DUPLICATE_FACILITY), DISPOSAL_MISSING (blind audit of formats; the rebuilt copy of an .xls/.ods showed every
    sheet). The copy checked again gives the same findings."""
    from .conftest import rezip, specs_for, write

    specs = specs_for("汇龙镇", n=2)
    p = write(tmp_path / "plain.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    old = wb.copy_worksheet(wb["附件2"])
    old.title = "附件2（上月）"
    old["B5"] = "汇龙上月养老院"
    old.sheet_state = "hidden"
    wb.save(p)
    path = p if repack is None else rezip(p, tmp_path / "in" / "汇龙镇.xlsx", repack)
    code, data = run_json(runner, "check", str(path), "--period", "2022-06", "--annotate", str(tmp_path / "ann"))
    assert [(f["code"], f["sheet"]) for f in data["findings"]] == [("SUBMISSION_SUPERSEDED", "附件2（上月）")]
    (copy,) = (tmp_path / "ann").glob("*.xlsx")
    assert openpyxl.load_workbook(copy)["附件2（上月）"].sheet_state == "hidden"
    again_code, again = run_json(runner, "check", str(copy), "--period", "2022-06")
    assert [(f["code"], f["sheet"]) for f in again["findings"]] == [("SUBMISSION_SUPERSEDED", "附件2（上月）")]
    assert again_code == code == 0


def _names_as_formulas(tmp_path: Path) -> tuple[dict, Path]:
    """汇龙镇's workbook whose 附件3 names are formulas =附件2!B5, =附件2!B6 saved without their results."""
    from .conftest import specs_for, write

    specs = specs_for("汇龙镇", n=2)
    p = write(tmp_path / "plain.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(p)
    for r in (5, 6):
        wb["附件3"][f"B{r}"] = f"=附件2!B{r}"  # (openpyxl saves a formula without its result)
    wb.save(p)
    return specs, p


def test_formulas_without_results_under_a_namespace_prefix_are_found(tmp_path: Path) -> None:
    """<x:c><x:f>附件2!B5</x:f></x:c>, as .NET's Open XML SDK writes: the formulas saved without results were passed
    over (no FORMULA_NO_VALUE, 附件3's names read blank: VALUE_REQUIRED and DISPOSAL_MISSING on each). Said and
    evaluated as without the prefix."""
    import re

    from .conftest import rezip

    specs, p = _names_as_formulas(tmp_path)
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    def prefixed(name: str, data: bytes) -> tuple[str, bytes]:
        if not (name.startswith("xl/worksheets/") or name == "xl/workbook.xml"):
            return name, data
        data = data.replace(b'xmlns="' + main + b'"', b'xmlns:x="' + main + b'"')
        return name, re.sub(rb"<(/?)(?!x:)([A-Za-z][A-Za-z0-9]*)(?=[\s>/])", rb"<\1x:\2", data)

    odd = rezip(p, tmp_path / "in" / "汇龙镇.xlsx", prefixed)
    assert b"<x:f>" in zipfile.ZipFile(odd).read("xl/worksheets/sheet3.xml")
    for path in (p, odd):
        loaded, _ = load([path], default_config(), "2022-06")
        assert pairs(loaded.findings) == [("FORMULA_NO_VALUE", "附件3!B5"), ("FORMULA_NO_VALUE", "附件3!B6")], path
        assert [r.name for r in loaded.submissions["汇龙镇"].f3] == [r["name"] for r in specs["F2"].rows]


def test_formulas_and_errors_in_cells_written_without_references_are_found(tmp_path: Path) -> None:
    """A writer leaving out r="B5" (optional in the format; python-calamine places the cells in order): the formulas
    saved without results and the error cells were not found (no reference to say), the names read blank
    (VALUE_REQUIRED, DISPOSAL_MISSING) and the #DIV/0! an empty cell. Found where the cells are."""
    import re

    from .conftest import rezip

    specs, p = _names_as_formulas(tmp_path)

    def unreferenced(name: str, data: bytes) -> tuple[str, bytes]:
        if name != "xl/worksheets/sheet3.xml":
            return name, data
        data = re.sub(rb'(<c r="G6"[^>]*?)(?: t="\w+")?>.*?</c>', rb'\1 t="e"><v>#DIV/0!</v></c>', data, count=1)
        data = re.sub(rb'(<c) r="[A-Z]+[0-9]+"', rb"\1", data)  # every cell, as the writer does
        return name, re.sub(rb'(<row) r="[0-9]+"', rb"\1", data)

    odd = rezip(p, tmp_path / "in" / "汇龙镇.xlsx", unreferenced)
    sheet = zipfile.ZipFile(odd).read("xl/worksheets/sheet3.xml")
    assert b' r="' not in sheet and b"#DIV/0!" in sheet
    loaded, _ = load([odd], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("FORMULA_NO_VALUE", "附件3!B5"), ("FORMULA_NO_VALUE", "附件3!B6"),
                                      ("VALUE_INVALID", "附件3!G6")]
    assert [r.name for r in loaded.submissions["汇龙镇"].f3] == [r["name"] for r in specs["F2"].rows]


def test_sheets_stored_in_utf16_are_said_unreadable_not_formless(tmp_path: Path, runner) -> None:
    """Worksheet and shared-string parts in UTF-16 (allowed by OPC, written by some scripts): python-calamine read
    them blank and the township was told its workbook held no form, to fill the template again. It is said to be
    re-saved."""
    from .conftest import rezip, specs_for, write

    plain = write(tmp_path / "plain.xlsx", "汇龙镇", specs_for("汇龙镇"))

    def utf16(name: str, data: bytes) -> tuple[str, bytes]:
        if name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml":
            text = data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
            return name, b"\xff\xfe" + text.encode("utf-16-le")
        return name, data

    odd = rezip(plain, tmp_path / "in" / "汇龙镇.xlsx", utf16)
    code, data = run_json(runner, "check", str(odd))
    assert [f["code"] for f in data["findings"]] == ["FILE_UNREADABLE"] and code == 2
    assert "UTF-16" in data["findings"][0]["message"] and "另存为 .xlsx" in data["findings"][0]["message"]


def test_a_serial_date_reads_alike_as_an_xls_integer_or_an_xlsx_float() -> None:
    """python-calamine gives .xls numbers as int and .xlsx numbers as float: 44722 is 2022-06-10 either way; a
    small number (a case number, a count) is no date."""
    from yanglao_cli.parse import _serial_date

    assert _serial_date(44722) == _serial_date(44722.0) == "2022-06-10"
    assert _serial_date(12) == _serial_date(44722.5) == _serial_date(True) == ""
    # other programs' dates, joined after 是 as the day (they were written out as stored: blind audit)
    assert _serial_date(44732.0004976852) == _serial_date(dt.datetime(2022, 6, 20, 0, 0, 43)) == \
        _serial_date(dt.datetime(2022, 6, 20, 23, 59, 30)) == _serial_date("2022-06-20T00:00:00.000Z") == "2022-06-20"
    assert _serial_date(44732.9995) == ""  # (a time of day is no date typed)
    assert _serial_date("2022-06-20") == _serial_date("第2022-06号") == ""  # text is joined as written


def _form_sheet(sheet: str, title: str, *heads: list) -> tuple[openpyxl.Workbook, object]:
    """A workbook of one form's sheet as a township starts it: title, 填报单位 line, header rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append([title])
    ws.append(["填报单位（盖章）：汇龙镇"])
    for head in heads:
        ws.append(head)
    return wb, ws


def _f2_with_headings(path: Path, items: list[str | tuple[str, str]]) -> Path:
    """附件2 whose list holds headings (a text merged across the row) among facilities (name, points)."""
    wb, ws = _form_sheet("附件2", "养老服务诈骗风险隐患“红橙黄”风险管控名单", _F2_HEAD)
    for item in items:
        if isinstance(item, str):
            ws.append([item])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=7)
        else:
            ws.append([1, item[0], "A", item[1], "黄", "汇龙镇民政办", None])
    ws.append(["填报人：张三", None, "负责人：李四", None, "填报日期：2022年6月15日"])
    wb.save(path)
    return path


def test_a_numbered_part_merged_across_the_list_is_no_facility(tmp_path: Path) -> None:
    """四、其他 and （二）新增机构 merged across the whole row head a part of the list (as 一、红色名单 does): not
    facilities, no VALUE_INVALID; the facilities under them are read."""
    path = _f2_with_headings(tmp_path / "汇龙镇.xlsx", ["四、其他", ("甲养老院", "2"), "（二）新增机构", ("乙养老院", "3")])
    loaded, _ = load([path], default_config(), "2022-06")
    assert [r.name for r in loaded.submissions["汇龙镇"].f2] == ["甲养老院", "乙养老院"]
    assert loaded.rows_read == 2 and pairs(loaded.findings) == []


@pytest.mark.parametrize("heading", ["（一）汇龙镇", "常乐镇", "1.三厂街道", "常乐镇（2家）", "吕四港镇共2家", "三厂街道：",
                                     "（二）海门区"])
def test_a_place_merged_across_the_list_heads_its_part(tmp_path: Path, heading: str) -> None:
    """A list in parts by place, a township's name merged across the row ((一)汇龙镇, 常乐镇（2家）): each was a facility
    of three errors, VALUE_REQUIRED twice and DISPOSAL_MISSING (audit at scale). A heading; a facility named after
    its place (东兴村养老院) is still one."""
    path = _f2_with_headings(tmp_path / "汇龙镇.xlsx", [heading, ("甲养老院", "2"), "东兴村养老院", ("乙养老院", "3")])
    loaded, _ = load([path], default_config(), "2022-06")
    assert [r.name for r in loaded.submissions["汇龙镇"].f2] == ["甲养老院", "东兴村养老院", "乙养老院"]


@pytest.mark.parametrize("name", ["阳光颐养社区", "（一）福寿康养小镇", "康乐保健品超市", "东兴村养老院", "颐和小镇",
                                  "（一）夕阳红社区", "银龄园区", "1.爱晚小镇", "东兴村"])
def test_a_facility_named_after_a_kind_of_place_merged_across_is_still_read(tmp_path: Path, name: str) -> None:
    """A facility's name ending like a place's (…社区, …小镇, …超市) merged across its row by mistake: taken for a
    place's heading, it was dropped unsaid (review). A name with a facility's words is a facility, read and
    flagged."""
    path = _f2_with_headings(tmp_path / "汇龙镇.xlsx", [name, ("甲养老院", "2")])
    loaded, _ = load([path], default_config(), "2022-06")
    assert [r.name for r in loaded.submissions["汇龙镇"].f2] == [name, "甲养老院"]


def test_a_facility_named_like_a_numbered_heading_is_still_read(tmp_path: Path) -> None:
    """一、康乐养老院 merged across the row names a facility (a name of its own): read and flagged, not skipped as a
    part's heading; headings naming a kind of place (三、日间照料中心, 四、…场所) or holding digits are headings."""
    headings = ["（二）6月新增机构", "三、2022年新排查机构", "四、未经登记但从事养老服务经营活动的场所", "五、社区居家养老服务站",
                "（六）农村互助养老服务点", "七、日间照料中心"]
    path = _f2_with_headings(tmp_path / "汇龙镇.xlsx", ["一、康乐养老院", *headings, ("甲养老院", "2")])
    loaded, _ = load([path], default_config(), "2022-06")
    assert [r.name for r in loaded.submissions["汇龙镇"].f2] == ["一、康乐养老院", "甲养老院"]
    assert {p[1] for p in pairs(loaded.findings)} >= {"附件2!D4"}


def test_odd_merges_and_durations_give_findings_not_errors(tmp_path: Path, runner) -> None:
    """Found by fuzzing: merges overlapping each other made --annotate an internal error; a merge over a whole
    column (H5:H1048576) made it take a minute (openpyxl builds every covered cell: the copy is rebuilt instead);
    a duration cell (72:00:00) reached a message as Python's '3 days, 0:00:00'."""
    from .conftest import specs_for, write

    specs = specs_for("汇龙镇")
    specs["F2"].rows[1]["category"] = "X类"  # VALUE_INVALID at C6
    path = write(tmp_path / "in" / "汇龙镇.xlsx", "汇龙镇", specs)
    wb = openpyxl.load_workbook(path)
    wb["附件2"].merged_cells.add("B5:D5")
    wb["附件2"].merged_cells.add("C5:C6")
    wb["附件3"].merged_cells.add("J5:J1048576")
    wb["附件4"]["E7"] = dt.timedelta(days=3)
    wb["附件4"]["E7"].number_format = "[h]:mm:ss"
    wb.save(path)
    from yanglao_cli.safety import editable

    assert not editable(path)  # the covered million cells count: rebuilt from the values, not opened by openpyxl
    res = runner.invoke(app, ["check", str(path), "--annotate", str(tmp_path / "ann"), "--format", "json"])
    assert res.exit_code == 1 and "Traceback" not in res.output and "内部错误" not in res.output
    import json

    data = json.loads(res.stdout)
    messages = [f["message"] for f in data["findings"] if f["cell"] == "E7"]
    assert messages and "72:00:00" in messages[0] and "days" not in messages[0]
    copy = openpyxl.load_workbook(tmp_path / "ann" / "汇龙镇_校验标注.xlsx")
    assert {"附件2", "附件3", "附件4"} <= set(copy.sheetnames)


def test_annotated_copies_of_renamed_sheets_and_of_corrected_copies(tmp_path: Path, runner) -> None:
    """An .ods sheet named 附件2[6月] (a name .xlsx does not allow) is 附件2_6月_ in the rebuilt copy: its findings
    are marked there too. A marked copy corrected and checked again gets one 校验结果 sheet (the stale one goes).
    A TOML slip is said in Chinese with its line."""
    rows = [["附件2："], ["养老服务诈骗风险隐患“红橙黄”风险管控名单"], ["填报单位（盖章）：汇龙镇"], _F2_HEAD,
            [1, "甲养老院", "X类", "2", "黄", "汇龙镇民政办", None]]
    path = ods(tmp_path / "a" / "汇龙镇.ods", {"附件2[6月]": rows})
    code, data = run_json(runner, "check", str(path), "--annotate", str(tmp_path / "ann"))
    assert ("附件2[6月]", "C5") in {(f["sheet"], f["cell"]) for f in data["findings"]}
    copy = openpyxl.load_workbook(tmp_path / "ann" / "汇龙镇_校验标注.xlsx")
    assert copy["附件2_6月_"]["C5"].comment is not None
    again = tmp_path / "b" / "汇龙镇_校验标注.xlsx"
    again.parent.mkdir()
    again.write_bytes((tmp_path / "ann" / "汇龙镇_校验标注.xlsx").read_bytes())
    run_json(runner, "check", str(again), "--annotate", str(tmp_path / "ann2"))
    second = openpyxl.load_workbook(next((tmp_path / "ann2").glob("*.xlsx")))
    assert second.sheetnames.count("校验结果") == 1 and "校验结果1" not in second.sheetnames
    bad = tmp_path / "bad.toml"
    bad.write_text('units = ["汇龙镇"]\n[deadlines\n', encoding="utf-8")
    res = runner.invoke(app, ["check", str(path), "--config", str(bad)])
    assert res.exit_code == 2 and "第 2 行" in res.output and "Expected" not in res.output


def test_three_row_headers_with_sub_headers_under_a_merged_parent(tmp_path: Path) -> None:
    """Rows 3–5 one header: the other headers merged down over all three, and 处置情况 (or 存量风险是否已有效化解)
    merged over rows 3–4 with its sub-headers in row 5. One form: its 12 rows, its footer's date (DATE_IN_FUTURE
    for a case date after it), 通报线索 found under its group (no COLUMN_MISSING), nothing unknown."""
    heads = ["序号", "养老服务机构及场所名称", "风险隐患点", "处置情况", None, "打击整治措施", "当月处置进展",
             "是否立案及立案时间", "存量风险是否已有效化解"]
    wb, ws = _form_sheet("附件3", "养老服务诈骗风险隐患分类处置工作进度表", heads, [],
                         [None, None, None, "是否向属地人民政府和政法机关通报线索", "属于非法集资的同步纳入属地防范和处置非法集资工作机制"])
    ws.merge_cells("D3:E4")
    for col in "ABCFGHI":
        ws.merge_cells(f"{col}3:{col}5")
    for i in range(1, 13):
        ws.append([i, f"汇龙康乐养老院{i}号", "2", "否", "不涉及", "1、2", "已提示",
                   "是，2022年7月8日" if i == 1 else "否", "否"])
    ws.append(["填报人：张三", None, "负责人：李四", None, None, "填报日期：2022年6月15日"])
    path = tmp_path / "汇龙镇.xlsx"
    wb.save(path)
    loaded, _ = load([path], default_config(), "2022-06")
    assert loaded.rows_read == 12 and pairs(loaded.findings) == [("DATE_IN_FUTURE", "附件3!H6")]


@pytest.mark.parametrize("layout", ["group_over_five", "sheet3_no_label"])
def test_a_group_header_over_more_sub_headers_than_columns_merged_down(tmp_path: Path, layout: str) -> None:
    """处置情况 merged over D3:H4 with five sub-headers in row 5 (通报线索 … 是否立案), four headers merged down over
    rows 3–5: one 附件3 header — more sub-headers than cells merged down beside them. It was read as a 附件2
    (COLUMN_MISSING 类别, five COLUMN_UNKNOWN 处置情况) wherever the sheet did not say 附件3 itself."""
    heads = ["序号", "养老服务机构及场所名称", "风险隐患点", "处置情况", None, None, None, None, "存量风险是否已有效化解"]
    subs = [None, None, None, "是否通报线索", "是否纳入处非机制", "打击整治措施（填序号）", "处置进展", "是否立案"]
    sheet = "附件3" if layout == "group_over_five" else "Sheet3"
    wb, ws = _form_sheet(sheet, "养老服务诈骗风险隐患分类处置工作进度表", heads, [], subs)
    ws.merge_cells("D3:H4")
    for col in "ABCI":
        ws.merge_cells(f"{col}3:{col}5")
    ws.append(["1.", "汇龙康乐养老院", "6", "否", "不涉及", "3、4", "已约谈", "×", "否"])
    ws.append(["2.", "汇龙幸福老年公寓", "1", "否", "√", "1、2", "已提示", "未立案", "否"])
    ws.append(["填报人：张三", None, "负责人：李四", None, None, "填报日期：2022年6月15日"])
    path = tmp_path / "汇龙镇.xlsx"
    wb.save(path)
    loaded, _ = load([path], default_config(), "2022-06")
    assert loaded.rows_read == 2 and pairs(loaded.findings) == [("CLUE_NOT_REPORTED", f"{sheet}!D6")]


def test_a_data_row_under_a_group_header_is_not_its_sub_headers(tmp_path: Path) -> None:
    """Under 处置情况 merged over D3:E3 (one header row above the data) the first row is data, not sub-headers:
    its texts 是 | 不涉及 sit under the group, and the list is read from it."""
    heads = ["序号", "养老服务机构及场所名称", "风险隐患点", "处置情况", None, "打击整治措施", "当月处置进展",
             "是否立案及立案时间", "存量风险是否已有效化解"]
    wb, ws = _form_sheet("附件3", "养老服务诈骗风险隐患分类处置工作进度表", heads,
                         [None, None, None, "是否向属地人民政府和政法机关通报线索", "属于非法集资的同步纳入属地防范和处置非法集资工作机制"])
    ws.merge_cells("D3:E3")
    for col in "ABCFGHI":
        ws.merge_cells(f"{col}3:{col}4")
    ws.append([None, "汇龙康乐养老院", "6", "否", "不涉及", "3、4", "已约谈", "否", "否"])
    ws.append(["填报人：张三", None, "负责人：李四", None, None, "填报日期：2022年6月15日"])
    path = tmp_path / "汇龙镇.xlsx"
    wb.save(path)
    loaded, _ = load([path], default_config(), "2022-06")
    assert loaded.rows_read == 1 and pairs(loaded.findings) == [("CLUE_NOT_REPORTED", "附件3!D5")]


@pytest.mark.parametrize("hide", ["", "E", "E:E,J:XFD", "F"])
def test_a_hidden_copy_of_a_column_is_not_read_for_the_one_on_screen(tmp_path: Path, hide: str) -> None:
    """风险隐患等级 twice, E (last month: 黄) and F (this month: 橙 for point 6). With E hidden the clerk sees only F:
    F is the level (no LEVEL_UNDERRATED at a cell nobody sees) and E an extra column said to be hidden. Shown, or
    with F hidden, the left one is read as before; a hidden column with no twin is still read."""
    wb, ws = _form_sheet("附件2", "养老服务诈骗风险隐患“红橙黄”风险管控名单",
                         ["序号", "养老服务机构及场所名称", "类别", "风险隐患点", "风险隐患等级", "风险隐患等级",
                          "牵头排查单位", "备注"])
    ws.append([1, "汇龙康乐养老院", "A", "6", "黄", "橙", "汇龙镇民政办", None])
    ws.append(["填报人：张三", None, "负责人：李四", None, "填报日期：2022年6月15日"])
    for span in filter(None, hide.split(",")):
        first, _, last = span.partition(":")
        ws.column_dimensions.group(first, last or first, hidden=True)
    path = tmp_path / "汇龙镇.xlsx"
    wb.save(path)
    loaded, _ = load([path], default_config(), "2022-06")
    got = pairs(loaded.findings)
    if hide.startswith("E"):
        assert got == [("COLUMN_UNKNOWN", "附件2!E3")] and "风险隐患等级（隐藏列）" in loaded.findings[0].message
    else:  # the hidden twin right of it is said to be hidden too: the clerk sees one 风险隐患等级 column
        assert got == [("COLUMN_UNKNOWN", "附件2!F3"), ("LEVEL_UNDERRATED", "附件2!E4")]
        assert ("（隐藏列）" in loaded.findings[0].message) == (hide == "F")
    lone = tmp_path / "lone" / "汇龙镇.xlsx"
    lone.parent.mkdir()
    ws.delete_cols(6)
    ws.column_dimensions.group("E", "E", hidden=True)
    wb.save(lone)
    loaded, _ = load([lone], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("LEVEL_UNDERRATED", "附件2!E4")]


def test_hidden_column_spans_are_read_from_the_sheet_head() -> None:
    from yanglao_cli.safety import _hidden_columns

    head = (b'<worksheet><cols><col min="2" max="3" width="9" hidden="1"/><col max="7" min="5" hidden="true"/>'
            b'<col min="9" max="9" hidden="0"/><x:col min="20" max="16384" hidden="1"/></cols><sheetData>'
            b'<row r="1"><c r="A1"><v>1</v></c></row></sheetData><cols><col min="1" max="1" hidden="1"/></cols>')
    assert _hidden_columns(head) == ((1, 2), (4, 6), (19, 16383))
    assert _hidden_columns(b'<worksheet><sheetData><row r="1"/></sheetData></worksheet>') == ()


def test_hidden_columns_of_an_ods_table_are_read_from_its_column_declarations() -> None:
    """LibreOffice hides a column with table:visibility="collapse" on its declaration (repeats counted)."""
    from yanglao_cli.safety import _ods_cells

    content = (b'<office:spreadsheet><table:table table:name="\xe9\x99\x84\xe4\xbb\xb62">'
               b'<table:table-column table:number-columns-repeated="4"/>'
               b'<table:table-column table:visibility="collapse"/>'
               b'<table:table-column table:number-columns-repeated="2"/>'
               b'<table:table-column table:visibility="collapse" table:number-columns-repeated="16377"/>'
               b'<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p>'
               b'</table:table-cell></table:table-row></table:table>'
               b'<table:table table:name="B"><table:table-column/><table:table-row/></table:table>'
               b'</office:spreadsheet>')
    hidden: dict = {}
    _ods_cells(iter((content,)), {}, hidden)
    assert hidden == {"附件2": ((4, 4), (7, 16383))}


def test_a_hidden_twin_under_a_group_header_is_named_by_its_own_sub_header(tmp_path: Path) -> None:
    """附件4's 问题数 over 正在整治 | 整治完成 | 总计 | 总计, the first 总计 last month's, hidden: the visible 总计 is read
    (no STATS_SUM_MISMATCH against the stale 99) and the hidden one is named 总计（隐藏列）, not 问题数."""
    wb, ws = _form_sheet("附件4", "打击整治养老服务诈骗专项行动战果统计表",
                         ["提供养老服务活动的机构、场所", "问题数", None, None, None, "存在的苗头性问题",
                          "存在明显问题但不构成犯罪的问题", "对涉嫌犯罪移送司法机关依法打击的问题", "接收公安提示函",
                          "接收检察建议书", "接收司法建议书", "接收监察建议书"],
                         [None, "正在整治", "整治完成", "总计", "总计"])
    ws.merge_cells("B3:E3")
    for col in "AFGHIJKL":
        ws.merge_cells(f"{col}3:{col}4")
    ws.append(["汇龙镇", 2, 1, 99, 3, 1, 1, 1, 0, 0, 0, 0])
    ws.append(["填报人：张三", None, "负责人：李四", None, None, "填报日期：2022年6月15日"])
    ws.column_dimensions.group("D", "D", hidden=True)
    path = tmp_path / "汇龙镇.xlsx"
    wb.save(path)
    loaded, _ = load([path], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("COLUMN_UNKNOWN", "附件4!D4")]  # its own words' cell, not 问题数's merge
    assert "“总计（隐藏列）”" in loaded.findings[0].message


@pytest.mark.parametrize(("name", "expected"), [
    ("汇龙镇_附件2_隐藏列.xls", [("COLUMN_UNKNOWN", "附件2!E3")]),  # a small Workbook stream (the mini stream)
    ("汇龙镇_6月_隐藏列.xls", [("COLUMN_UNKNOWN", "附件2!E4"), ("LEVEL_UNDERRATED", "附件2!F6")]),  # four forms
])
def test_a_hidden_copy_of_a_column_in_an_xls_is_not_read_for_the_one_on_screen(name: str, expected: list) -> None:
    """Saved as .xls (LibreOffice, WPS's default in many offices): last month's 风险隐患等级 hidden in E was read
    for this month's in F — the visible level's LEVEL_UNDERRATED missed, a false one at the hidden cell."""
    path = Path(__file__).parent / "data" / name
    loaded, _ = load([path], default_config(), "2022-06")
    assert pairs(loaded.findings) == expected and "（隐藏列）" in loaded.findings[0].message


def test_column_visibility_of_a_damaged_xls_is_none_not_an_error(tmp_path: Path) -> None:
    from yanglao_cli.biff import hidden_columns

    data = (Path(__file__).parent / "data" / "汇龙镇_6月_隐藏列.xls").read_bytes()
    assert hidden_columns(Path(__file__).parent / "data" / "汇龙镇_6月_隐藏列.xls") == {"附件2": ((4, 4),)}
    for i, broken in enumerate([data[:3000], data[:512] + b"\xff" * (len(data) - 512), data[:8] + b"\0" * 600,
                                b"PK\x03\x04" + data[4:], data[:0x30] + b"\x05\0\0\0" + data[0x34:]]):
        p = tmp_path / f"{i}.xls"
        p.write_bytes(broken)
        assert hidden_columns(p) == {}


def test_a_hidden_pair_of_split_columns_gives_way_to_the_visible_pair(tmp_path: Path) -> None:
    """Last month's 是否立案 | 立案时间 hidden in H:I left of this month's J:K (是 | 2022-06-03): 是 was read from J but
    its date from the hidden I — a false CASE_DATE_MISSING at a cell nobody sees (review)."""
    wb, ws = _form_sheet("附件3", "养老服务诈骗风险隐患分类处置工作进度表",
                         ["序号", "养老服务机构及场所名称", "风险隐患点", "是否向属地人民政府和政法机关通报线索",
                          "属于非法集资的同步纳入属地防范和处置非法集资工作机制", "打击整治措施", "当月处置进展",
                          "是否立案", "立案时间", "是否立案", "立案时间", "存量风险是否已有效化解"])
    ws.append([1, "汇龙康乐养老院", "6", "是", "不涉及", "3、4", "已约谈", "否", None, "是", "2022-06-03", "否"])
    ws.append(["填报人：张三", None, "负责人：李四", None, None, "填报日期：2022年6月15日"])
    ws.column_dimensions.group("H", "I", hidden=True)
    path = tmp_path / "汇龙镇.xlsx"
    wb.save(path)
    loaded, _ = load([path], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("COLUMN_UNKNOWN", "附件3!H3"), ("COLUMN_UNKNOWN", "附件3!I3")]
    assert all("（隐藏列）" in f.message for f in loaded.findings)
    (row,) = loaded.submissions["汇龙镇"].f3
    assert row.case_date == dt.date(2022, 6, 3) and row.extra == {"是否立案（隐藏列）": "否"}


def test_column_visibility_reading_stays_bounded_on_hostile_declarations() -> None:
    """An .ods declaring a hidden column of width 0 over and over never advanced (and rebuilt its spans each time:
    minutes); an .xls sheet list pointing every sheet at one long body without DIMENSIONS walked it once per
    sheet. Width 0 counts as 1 and stops at Excel's last column; a sheet's COLINFO is looked for in its head."""
    import struct

    from yanglao_cli.biff import _from_biff
    from yanglao_cli.safety import _ods_cells

    decl = b'<table:table-column table:visibility="collapse" table:number-columns-repeated="0"/>'
    content = b'<table:table table:name="S">' + decl * 20000 + b"<table:table-row/></table:table>"
    hidden: dict = {}
    _ods_cells(iter((content,)), {}, hidden)
    assert len(hidden["S"]) == 16384 and hidden["S"][-1] == (16383, 16383)

    def rec(typ: int, body: bytes = b"") -> bytes:
        return struct.pack("<HH", typ, len(body)) + body

    def boundsheet(offset: int, name: str) -> bytes:
        raw = name.encode("utf-16-le")
        return rec(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name), 1) + raw)

    colinfo = rec(0x007D, struct.pack("<HHHHHH", 4, 4, 0, 15, 1, 0))
    bof = rec(0x0809, struct.pack("<HH", 0x0600, 5) + b"\0" * 12)
    at = len(bof + boundsheet(0, "附件2") + boundsheet(0, "附件3") + rec(0x000A))  # the sheets' body follows
    for filler, expected in ((0, {"附件2": ((4, 4),), "附件3": ((4, 4),)}), (5000, {})):
        globals_ = bof + boundsheet(at, "附件2") + boundsheet(at, "附件3") + rec(0x000A)
        body = rec(0x0809, struct.pack("<HH", 0x0600, 0x10) + b"\0" * 12) + rec(0x0000) * filler + colinfo
        assert _from_biff(globals_ + body)[0] == expected


def _compound_file(stream: bytes, shift: int) -> bytes:
    """A compound file (version 3: 512-byte sectors, or 4: 4096) holding one Workbook stream in regular sectors."""
    import struct

    size, end, free = 1 << shift, 0xFFFFFFFE, 0xFFFFFFFF
    stream = stream.ljust(max(4096, -(-len(stream) // size) * size), b"\0")
    n_stream = len(stream) // size
    fat = [0xFFFFFFFD, end] + [3 + i for i in range(n_stream - 1)] + [end]  # FAT, directory, stream
    fat += [free] * (size // 4 - len(fat))
    head = bytearray(size)
    head[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", head, 0x18, 0x3E, shift - 6, 0xFFFE, shift, 6)
    struct.pack_into("<IIIIIIII", head, 0x2C, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", head, 0x4C, 0, *[free] * 108)

    def entry(name: str, kind: int, start: int, length: int) -> bytes:
        e = bytearray(128)
        raw = (name + "\0").encode("utf-16-le")
        e[:len(raw)] = raw
        struct.pack_into("<HBB", e, 0x40, len(raw), kind, 1)
        struct.pack_into("<III", e, 0x44, free, free, 1 if kind == 5 else free)
        struct.pack_into("<II", e, 0x74, start, length)
        return bytes(e)

    directory = (entry("Root Entry", 5, end, 0) + entry("Workbook", 2, 2, len(stream))).ljust(size, b"\0")
    return bytes(head) + struct.pack(f"<{size // 4}I", *fat) + directory + stream


def test_a_workbook_embedded_in_a_word_document_is_no_workbook(tmp_path: Path) -> None:
    """A .doc holding a pasted Excel table (ObjectPool/_123/Workbook) was taken for the town's report when the
    check for workbooks saved under a document's name looked at any Workbook stream (review); only one at the
    file's top is a workbook."""
    import struct

    from yanglao_cli import safety
    from yanglao_cli.biff import _workbook_stream

    whole = _compound_file(b"\x09\x08" + b"\0" * 600, 9)
    assert _workbook_stream(whole, top_only=True) is not None
    # the same, its Workbook under a storage ObjectPool: root -> ObjectPool (storage) -> Workbook
    size, free = 512, 0xFFFFFFFF
    directory = bytearray(whole[2 * size: 3 * size])
    root, stream = bytes(directory[:128]), bytearray(directory[128:256])
    storage = bytearray(128)
    raw = "ObjectPool\0".encode("utf-16-le")
    storage[:len(raw)] = raw
    struct.pack_into("<HBB", storage, 0x40, len(raw), 1, 1)
    struct.pack_into("<III", storage, 0x44, free, free, 2)  # its child: the Workbook entry
    directory = (root + bytes(storage) + bytes(stream)).ljust(size, b"\0")
    nested = whole[:2 * size] + directory + whole[3 * size:]
    assert _workbook_stream(nested) is not None and _workbook_stream(nested, top_only=True) is None
    (tmp_path / "工作总结.doc").write_bytes(nested)
    (tmp_path / "报表.doc").write_bytes(whole)
    assert not safety.holds_workbook(tmp_path / "工作总结.doc") and safety.holds_workbook(tmp_path / "报表.doc")


def _rec(typ: int, body: bytes = b"") -> bytes:
    """One BIFF record."""
    import struct

    return struct.pack("<HH", typ, len(body)) + body


def _biff(sheet: str, *records: bytes) -> bytes:
    """A BIFF8 Workbook stream of one worksheet whose body holds `records` (between its BOF and EOF)."""
    import struct

    bof = _rec(0x0809, struct.pack("<HH", 0x0600, 5) + b"\0" * 12)
    name = sheet.encode("utf-16-le")
    sheet_at = len(bof) + 4 + 8 + len(name) + len(_rec(0x000A))
    globals_ = bof + _rec(0x0085, struct.pack("<IBBBB", sheet_at, 0, 0, len(sheet), 1) + name) + _rec(0x000A)
    return globals_ + _rec(0x0809, struct.pack("<HH", 0x0600, 0x10) + b"\0" * 12) + b"".join(records) + _rec(0x000A)


@pytest.mark.parametrize("shift", [9, 12])
def test_hidden_columns_of_an_xls_in_either_compound_file_version(tmp_path: Path, shift: int) -> None:
    """Version 4 compound files (4096-byte sectors) put sector 0 after a whole sector of header, not at byte 512."""
    import struct

    from yanglao_cli.biff import hidden_columns

    stream = _biff("附件2", _rec(0x007D, struct.pack("<HHHHHH", 4, 5, 0, 15, 1, 0)), _rec(0x0200, b"\0" * 14))
    path = tmp_path / "x.xls"
    path.write_bytes(_compound_file(stream, shift))
    assert hidden_columns(path) == {"附件2": ((4, 5),)}


def test_cells_of_an_ods_showing_a_formula_error_are_found() -> None:
    """python-calamine reads an .ods cell showing #N/A as empty: VALUE_REQUIRED (“不能为空”) for a cell the clerk sees
    an error in. Its position and text are taken from content.xml, as the sheet XML gives them for .xlsx."""
    from yanglao_cli.safety import _ods_cells

    content = ('<table:table table:name="附件3"><table:table-row><table:table-cell office:value-type="string">'
               '<text:p>序号</text:p></table:table-cell></table:table-row><table:table-row>'
               '<table:table-cell table:number-columns-repeated="1"/>'
               '<table:table-cell table:formula="of:=VLOOKUP(1;[.A1:.B2];2;0)" office:value-type="string" '
               'office:string-value="" calcext:value-type="error"><text:p>#N/A</text:p></table:table-cell>'
               '</table:table-row></table:table>').encode()
    errors: dict = {}
    _ods_cells(iter((content,)), {}, {}, errors)
    assert errors == {"附件3": {"B2": "#N/A"}}


def test_an_ods_error_cell_before_numbers_shown_as_words_reads_both() -> None:
    """LibreOffice writes an error cell as a float (office:value-type="float" calcext:value-type="error"): its
    error text was kept under the name of the dict of numbers shown as words, and the next such cell made the
    whole .ods FILE_UNREADABLE (AttributeError; found by type-checking). Each is read where it is."""
    from yanglao_cli.safety import _ods_cells

    content = ('<table:table table:name="附件3"><table:table-row><table:table-cell/>'
               '<table:table-cell table:formula="of:=1/0" office:value-type="float" office:value="0" '
               'calcext:value-type="error"><text:p>#N/A</text:p></table:table-cell></table:table-row>'
               '<table:table-row><table:table-cell/><table:table-cell office:value-type="float" office:value="1" '
               'calcext:value-type="float"><text:p>是</text:p></table:table-cell></table:table-row>'
               '</table:table>').encode()
    errors: dict = {}
    shown: dict = {}
    _ods_cells(iter((content,)), {}, {}, errors, {}, {}, None, shown)
    assert errors == {"附件3": {"B1": "#N/A"}} and shown == {"附件3": {"B2": "是"}}


def test_cells_of_an_xls_showing_a_formula_error_are_found() -> None:
    """python-calamine reads an .xls cell showing #N/A (a FORMULA record whose cached result is an error, or an
    error typed as a constant) as empty: VALUE_REQUIRED for a cell the clerk sees an error in."""
    import struct

    from yanglao_cli.biff import _from_biff

    na = struct.pack("<HHH", 4, 1, 15) + bytes([2, 0, 0x2A, 0, 0, 0, 0xFF, 0xFF]) + b"\0" * 8  # B5: #N/A
    number = struct.pack("<HHH", 5, 2, 15) + struct.pack("<d", 3.0) + b"\0" * 8  # C6: 3, not an error
    typed = struct.pack("<HHHBB", 6, 3, 15, 0x07, 1)  # D7: #DIV/0! typed in
    stream = _biff("附件3", _rec(0x0200, b"\0" * 14), _rec(0x0006, na), _rec(0x0006, number), _rec(0x0205, typed))
    assert _from_biff(stream) == ({}, {"附件3": {"B5": "#N/A", "D7": "#DIV/0!"}})


def test_an_annotated_copy_marks_a_hidden_column_beside_it_and_keeps_it_hidden(tmp_path: Path, runner) -> None:
    """The hidden twin E (last month's level) is marked （隐藏列）. Shown in the copy, it was read as this month's
    level when the copy was checked again (LEVEL_UNDERRATED from last month's value): the column stays hidden and
    the mark goes on the nearest cell shown, saying which column; checking the copy gives the same findings."""
    wb, ws = _form_sheet("附件2", "养老服务诈骗风险隐患“红橙黄”风险管控名单",
                         ["序号", "养老服务机构及场所名称", "类别", "风险隐患点", "风险隐患等级", "风险隐患等级",
                          "牵头排查单位", "备注"])
    ws.append([1, "汇龙康乐养老院", "A", "6", "黄", "橙", "汇龙镇民政办", None])
    ws.column_dimensions.group("E", "E", hidden=True)
    ws.column_dimensions.group("J", "XFD", hidden=True)
    path = tmp_path / "汇龙镇.xlsx"
    wb.save(path)
    code, first = run_json(runner, "check", str(path), "--period", "2022-06", "--annotate", str(tmp_path / "ann"))
    assert code == 0 and [(f["code"], f["cell"]) for f in first["findings"]] == [("COLUMN_UNKNOWN", "E3")]
    copy_path = tmp_path / "ann" / "汇龙镇_校验标注.xlsx"
    copy = openpyxl.load_workbook(copy_path)["附件2"]
    assert copy["E3"].comment is None and "隐藏的 E 列" in copy["F3"].comment.text
    assert "（隐藏列）" in copy["F3"].comment.text
    # 校验结果's link goes to the mark, not into the hidden column (blind audit of WPS-made layouts)
    link = openpyxl.load_workbook(copy_path)["校验结果"]["E3"]
    assert (link.value, link.hyperlink.location) == ("E3", "'附件2'!F3")
    dims = {(d.min, d.max): d.hidden for d in copy.column_dimensions.values() if d.min}
    assert dims.get((5, 5)) is True and dims.get((10, 16384)) is True
    _, again = run_json(runner, "check", str(copy_path), "--period", "2022-06")
    assert [(f["code"], f["cell"]) for f in again["findings"]] == [("COLUMN_UNKNOWN", "E3")]


def test_a_hidden_helper_column_makes_no_blank_row_a_facility(tmp_path: Path) -> None:
    """A hidden helper column (辅助, x or =ROW() filled down the template's rows): the rows the clerk sees blank
    were read as facilities (VALUE_REQUIRED on every cell of them, an error); only its header is said."""
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs_for("汇龙镇"))
    wb = openpyxl.load_workbook(p)
    ws = wb["附件2"]
    ws.insert_cols(1)
    ws["A4"] = "辅助"
    for r in range(5, 11):
        ws.cell(r, 1, "x")
    ws.column_dimensions["A"].hidden = True
    wb.save(p)
    loaded, _ = load([p], default_config(), "2022-06")
    assert [(f.code.value, f.sheet, f.cell) for f in loaded.findings] == [("COLUMN_UNKNOWN", "附件2", "A4")]


def _f3_1904(path: Path) -> Path:
    """附件3 saved by an old Mac Excel (dates counted from 1904), its 立案时间 and 填报日期 General numbers."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    _f3_split_case(path, two_rows=False, case_date=None)
    wb = openpyxl.load_workbook(path)
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws["I5"] = (dt.date(2022, 6, 10) - dt.date(1904, 1, 1)).days  # 43260, General
    ws["G6"] = "填报日期："
    ws["H6"] = (dt.date(2022, 6, 15) - dt.date(1904, 1, 1)).days
    wb.save(path)
    return path


@pytest.mark.parametrize("saved", ["xlsx", "xls"])
def test_a_1904_workbook_s_plain_number_dates_count_from_1904(tmp_path: Path, runner, saved: str) -> None:
    """A date kept as a plain number in a workbook counting from 1904 was read four years early: 填报日期 2018
    made the township's forms not this period's (SUBMISSION_MISSING), its 立案时间 2018. The .xls is the same
    workbook saved by LibreOffice (DATEMODE 1)."""
    path = _f3_1904(tmp_path / "汇龙镇.xlsx") if saved == "xlsx" else \
        Path(__file__).parent / "data" / "汇龙镇_附件3_1904.xls"
    loaded, _ = load([path], default_config(), "2022-06")
    assert loaded.submissions["汇龙镇"].f3[0].case_date == dt.date(2022, 6, 10)
    assert pairs(loaded.findings) == []
    code, data = run_json(runner, "status", str(path), "--period", "2022-06")
    (unit,) = [u for u in data["units"] if u["unit"] == "汇龙镇"]
    assert (unit["forms"]["F3"]["date"], unit["forms"]["F3"]["cell"]) == ("2022-06-15", "H6")
    # the same numbers in a workbook counting from 1900 are the dates they are there (four years and a day later)
    plain = _f3_split_case(tmp_path / "b" / "汇龙镇.xlsx", two_rows=False, case_date=43260)
    loaded, _ = load([plain], default_config(), "2018-06")
    assert loaded.submissions["汇龙镇"].f3[0].case_date == dt.date(2018, 6, 9)


def test_the_1904_date_mode_is_read_from_an_xls_workbook_s_globals() -> None:
    import struct

    from yanglao_cli.biff import _date1904

    def rec(typ: int, body: bytes = b"") -> bytes:
        return struct.pack("<HH", typ, len(body)) + body

    bof = rec(0x0809, struct.pack("<HH", 0x0600, 5) + b"\0" * 12)
    assert _date1904(bof + rec(0x0022, struct.pack("<H", 1)) + rec(0x000A)) is True
    assert _date1904(bof + rec(0x0022, struct.pack("<H", 0)) + rec(0x000A)) is False
    assert _date1904(bof + rec(0x000A) + rec(0x0022, struct.pack("<H", 1))) is False  # a sheet's, not the globals'


def test_an_xls_with_its_structure_protected_is_read_and_a_password_is_still_said(runner) -> None:
    """An .xls saved with 审阅→保护工作簿 is encrypted with Excel's built-in password and opens without one: it was
    FILE_UNREADABLE, the township told to take away a password it never set, its rows missing from the
    consolidation (blind audit of formats). Read decrypted in memory, with the findings of the same workbook
    unprotected; one with a password to open is still said to have one. (Both saved by LibreOffice.)"""
    data = Path(__file__).parent / "data"
    examples = Path(__file__).parent.parent / "examples" / "2022-06"
    code, plain = run_json(runner, "check", str(examples / "南阳镇_2022年6月_附件1-4.xlsx"), "--period", "2022-06")
    code2, protected = run_json(runner, "check", str(data / "南阳镇_保护工作簿.xls"), "--period", "2022-06")
    assert [(f["code"], f["sheet"], f["cell"]) for f in protected["findings"]] == \
        [(f["code"], f["sheet"], f["cell"]) for f in plain["findings"]] and code2 == code
    assert protected["summary"]["rows_read"] == plain["summary"]["rows_read"] > 0
    code, locked = run_json(runner, "check", str(data / "南阳镇_打开密码.xls"))
    assert code == 2 and [f["code"] for f in locked["findings"]] == ["FILE_UNREADABLE"]
    assert "密码" in locked["findings"][0]["message"]


def test_the_built_in_password_opens_an_rc4_cryptoapi_verifier() -> None:
    """Excel 2002 on writes RC4 CryptoAPI (SHA-1, a 40- or 128-bit key): its verifier, made here as [MS-OFFCRYPTO]
    2.3.5.2 says, is accepted for VelvetSweatshop and refused for another password."""
    import hashlib
    import struct

    from yanglao_cli.biff import _block_keys, _rc4

    password = "VelvetSweatshop".encode("utf-16-le")
    salt, verifier = bytes(range(16)), bytes(range(100, 116))
    for bits in (40, 128):
        key = hashlib.sha1(hashlib.sha1(salt + password).digest() + b"\0\0\0\0").digest()[:bits // 8]
        sealed = _rc4(key.ljust(16, b"\0") if bits == 40 else key, verifier + hashlib.sha1(verifier).digest())
        csp = "Microsoft Enhanced Cryptographic Provider v1.0\0".encode("utf-16-le")
        header = struct.pack("<IIIIIIII", 0x04, 0, 0x6801, 0x8004, bits, 1, 0, 0) + csp
        body = (struct.pack("<HHH", 1, 2, 2) + struct.pack("<II", 0x04, len(header)) + header
                + struct.pack("<I", 16) + salt + sealed[:16] + struct.pack("<I", 20) + sealed[16:])
        assert _block_keys(body, password) is not None, bits
        assert _block_keys(body, "别的密码".encode("utf-16-le")) is None


def test_hidden_rows_of_an_ods_table_are_read_from_its_rows() -> None:
    """A row LibreOffice hides or filters out (table:visibility="collapse"/"filter"): findings there say so, as in
    .xlsx and .xls; a collapsed run of empty rows to the sheet's end is not listed row by row."""
    from yanglao_cli.safety import _ods_cells

    row = b'<table:table-row%s><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>'
    content = (b'<table:table table:name="\xe9\x99\x84\xe4\xbb\xb62">' + row % b"" + row % b' table:visibility="collapse"'
               + row % b' table:number-rows-repeated="2" table:visibility="filter"'
               + b'<table:table-row table:number-rows-repeated="1048000" table:visibility="collapse"/>'
               + b"</table:table>")
    hidden: dict = {}
    _ods_cells(iter((content,)), hidden_rows=hidden)
    assert hidden == {"附件2": frozenset({2, 3, 4})}


def _f3_formatted(path: Path, answers: list[tuple[object, object]], fmt: str, count_fmt: str | None = None) -> Path:
    """附件3 whose 通报线索 and 存量风险已化解 hold numbers shown as words through their cells' number format."""
    f3_head = ["序号", "养老服务机构及场所名称", "风险隐患点", "是否向属地人民政府和政法机关通报线索",
               "属于非法集资的同步纳入属地防范和处置非法集资工作机制", "打击整治措施", "当月处置进展", "是否立案及立案时间",
               "存量风险是否已有效化解"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附件3"
    for row in (["附件3："], ["养老服务诈骗风险隐患分类处置工作进度表"], ["填报单位（盖章）：汇龙镇民政办"], f3_head):
        ws.append(row)
    for i, (clue, resolved) in enumerate(answers, start=1):
        ws.append([i, f"{'甲乙丙丁'[i - 1]}养老院", "6", clue, "不涉及", "3、4", "已约谈", "否", resolved])
        for col in "DI":
            ws[f"{col}{ws.max_row}"].number_format = fmt
        if count_fmt:
            ws[f"C{ws.max_row}"].number_format = count_fmt
    ws.append(["填报人：张三", None, "负责人：李四", None, "电话：83123456", "填报日期：2022-06-15", None])
    wb.save(path)
    return path


@pytest.mark.parametrize("fmt", ['"是";"是";"否"', '[=1]"是";[=0]"否";General', '[=1]"是";"否"'])
def test_a_number_shown_as_yes_or_no_by_its_format_reads_as_shown(tmp_path: Path, fmt: str) -> None:
    """1 and 0 typed into 是/否 cells a township formatted to show 是 and 否: the clerk sees 是 and 否 and means
    them; they were VALUE_INVALID “1” (blind audit of formats)."""
    path = _f3_formatted(tmp_path / "汇龙镇.xlsx", [(1, 0), (0, 0)], fmt)
    loaded, _ = load([path], default_config(), "2022-06")
    assert [(r.clue.value.name, r.resolved.value.name) for r in loaded.submissions["汇龙镇"].f3] == \
        [("YES", "NO"), ("NO", "NO")]
    assert [p for p in pairs(loaded.findings) if p[0] in ("VALUE_INVALID", "VALUE_REQUIRED")] == []


def test_a_number_in_a_yes_or_no_cell_without_such_a_format_is_still_invalid(tmp_path: Path) -> None:
    path = _f3_formatted(tmp_path / "汇龙镇.xlsx", [(1, "否")], "0")
    loaded, _ = load([path], default_config(), "2022-06")
    assert [p for p in pairs(loaded.findings) if p[0] == "VALUE_INVALID"] == [("VALUE_INVALID", "附件3!D5")]


def test_a_number_in_a_column_of_numbers_is_read_whatever_its_format_shows(tmp_path: Path) -> None:
    """Only the columns that take words read a number as its format shows it: 风险隐患点 6 stays point 6 (a
    format showing 0 as “-” in a column of counts is the number 0)."""
    path = _f3_formatted(tmp_path / "汇龙镇.xlsx", [("是", "否")], "General", count_fmt='"无";"无";"无"')
    wb = openpyxl.load_workbook(path)
    wb.active["C5"] = 6
    wb.save(path)
    loaded, _ = load([path], default_config(), "2022-06")
    assert [r.points.items for r in loaded.submissions["汇龙镇"].f3] == [(6,)]
    assert pairs(loaded.findings) == []


def test_an_xls_number_shown_as_yes_or_no_by_its_format_reads_as_shown(tmp_path: Path) -> None:
    """The same 1/0 under "是";"是";"否" saved as .xls (LibreOffice): read from its FORMAT, XF and number records."""
    path = Path(__file__).parent / "data" / "汇龙镇_是否格式.xls"
    loaded, _ = load([path], default_config(), "2022-06")
    assert [(r.clue.value.name, r.resolved.value.name) for r in loaded.submissions["汇龙镇"].f3] == \
        [("YES", "NO"), ("NO", "YES")]
    assert [p for p in pairs(loaded.findings) if p[0] in ("VALUE_INVALID", "VALUE_REQUIRED")] == []


@pytest.mark.parametrize("saved", ["xls", "ods"])
def test_the_same_workbook_saved_by_libreoffice_reads_alike_as_xls_and_ods(saved: str) -> None:
    """附件3 as LibreOffice saves it: 通报线索 =IF(1=1,1,0) and a typed 0 under "是";"是";"否" (read as 是 and 否 in the
    .xlsx only: review), 当月处置进展 =IF(C6="11","重点关注","") showing "" — stored by LibreOffice without a value,
    which is no formula saved without its result (FORMULA_NO_VALUE was said: review)."""
    path = Path(__file__).parent / "data" / f"汇龙镇_是否公式.{saved}"
    loaded, _ = load([path], default_config(), "2022-06")
    assert [(r.clue.value.name, r.resolved.value.name) for r in loaded.submissions["汇龙镇"].f3] == \
        [("YES", "NO"), ("NO", "YES")]
    assert pairs(loaded.findings) == [("CLUE_NOT_REPORTED", "附件3!D6"), ("RESOLVED_NO_CRITERION", "附件3!I6")]


@pytest.mark.parametrize(("code", "value", "shown"), [
    ('"是";"是";"否"', 1, "是"), ('"是";"是";"否"', 0, "否"), ('"是";"是";"否"', -1, "是"),
    ('[=1]"是";[=0]"否";General', 1, "是"), ('[=1]"是";[=0]"否";General', 0, "否"),
    ('[=1]"是";[=0]"否";General', 2, None), ('[=1]"是";"否"', 0, "否"), ('[Red][=1]"是";[=0]"否"', 0, "否"),
    ('0;-0;"-"', 0, "-"), ('0;-0;"-"', 3, None), ("General", 1, None), ('0"家"', 1, None), ('"无"', 0, "无"),
    ('\\是;\\是;\\否', 0, "否"), ("是;是;否", 1, "是"), ('yyyy"年"m"月"', 1, None), ('0;-0;;@', 0, ""),
])
def test_the_text_a_number_shows_through_its_format(code: str, value: float, shown: str | None) -> None:
    from yanglao_cli import safety

    assert safety.shown_text(safety._sections(code), value) == shown


def test_formulas_an_ods_holds_without_their_values_are_said_and_recomputed(tmp_path: Path) -> None:
    """LibreOffice stores every formula's value; an .ods another program wrote may not. 总数 =10+10 and 占比
    =[.D5]/[.C5]*100 without values were a blank 总数 (VALUE_REQUIRED) and a silent 占比 (audit's list)."""
    f1 = ["序号", "乡镇", "辖区内应当排查的养老服务机构及场所总数（家）", "已经排查的养老服务机构及场所数量（家）", "已排查占比（%）",
          "是否成立了专项行动领导小组，主要负责人及职务", "是否抽调专门工作力量组成专班", "是否利用新闻媒体等平台开展广泛宣传，具体宣传方式",
          "是否建立了部门间信息共享机制，具体涉及部门", "是否已开通了投诉举报通道，具体渠道"]
    rows = [["附件1："], ["养老服务诈骗风险隐患排查工作进度表"], ["填报单位（盖章）：汇龙镇"], f1,
            [1, "汇龙镇", RawCell('<table:table-cell table:formula="of:=10+10"/>'), 19,
             RawCell('<table:table-cell table:formula="of:=ROUND([.D5]/[.C5]*100;1)"><text:p/></table:table-cell>'),
             "是，王某某（副镇长）", "是", "是，微信公众号", "是，公安", "是，12345热线"],
            ["填报人：张三", None, "负责人：李四", None, "电话：83123456", "填报日期：2022-06-15", None]]
    loaded, _ = load([ods(tmp_path / "汇龙镇.ods", {"附件1": rows})], default_config(), "2022-06")
    assert pairs(loaded.findings) == [("FORMULA_NO_VALUE", "附件1!C5"), ("FORMULA_NO_VALUE", "附件1!E5")]
    [line] = loaded.submissions["汇龙镇"].f1
    assert (line.total, line.checked, line.percent) == (20, 19, 95.0)


@pytest.mark.parametrize(("odf", "excel"), [
    ("=[.D5]/[.C5]*100", "=D5/C5*100"), ("=SUM([.C5:.C9])", "=SUM(C5:C9)"), ("=[$附件2.B5]", "=附件2!B5"),
    ("=['my sheet'.B5]", "='my sheet'!B5"), ('=IF([.A1]="a;b";1;2)', '=IF(A1="a;b",1,2)'),
])
def test_an_odf_formula_is_read_as_excel_writes_it(odf: str, excel: str) -> None:
    from yanglao_cli.safety import _excel_formula

    assert _excel_formula(odf) == excel


@pytest.mark.parametrize("suffix", ["xls", "ods"])
def test_a_consolidated_workbook_saved_as_xls_or_ods_keeps_its_marks(tmp_path: Path, runner, suffix: str) -> None:
    """The examples' 汇龙镇 and 南阳镇 consolidated, then saved by LibreOffice 7.4 as .xls and .ods (tests/data): the
    comments marking the townships' errors are in both files, but were read from .xlsx only — checked (or
    consolidated one level up) the saved copy gave LEVEL_UNDERRATED and CLUE_NOT_REPORTED again as this level's
    errors, exit 1, against SPEC's workbook that checks without errors (blind audit of the template round trip).
    They are read from the .xls NOTE records and the .ods annotations."""
    from yanglao_cli.safety import cell_notes

    path = Path(__file__).parent / "data" / f"启东市民政局_2022-06_两镇汇总.{suffix}"
    notes = cell_notes(path)
    assert notes["附件2"]["E8"].endswith("（LEVEL_UNDERRATED）") and "\n" in notes["附件2"]["E8"]
    assert notes["附件3"]["D8"].endswith("（CLUE_NOT_REPORTED）")
    code, data = run_json(runner, "check", str(path))
    assert code == 0 and data["summary"]["errors"] == 0
    assert sorted((f["sheet"], f["cell"]) for f in data["findings"] if f["code"] == "REPORTED_BELOW") == \
        [("附件2", "E8"), ("附件3", "D8")]
    toml = tmp_path / "南通.toml"
    toml.write_text('reporting_unit = "南通市民政局"\nunits = ["启东市", "海门区"]\n', encoding="utf-8")
    code, data = run_json(runner, "consolidate", str(path), "-o", str(tmp_path / "up"), "--period", "2022-06",
                          "--config", str(toml))
    assert data["summary"]["errors"] == 0 and data["summary"]["rows_read"] == data["summary"]["rows_written"] > 0


_ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def _ods_of(path: Path, table: str) -> Path:
    """An .ods whose content is one sheet 附件2 holding `table`'s rows (the XML between its table tags)."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", f'<office:document-content {_ODS_NS}><office:body><office:spreadsheet>'
                                  f'<table:table table:name="附件2">{table}</table:table></office:spreadsheet>'
                                  '</office:body></office:document-content>')
    return path


def test_notes_of_a_damaged_or_hostile_file_are_none(tmp_path: Path) -> None:
    """A cut-off .xls, and an .ods whose rows claim a million repeats, give no notes or bounded ones: no error."""
    from yanglao_cli.safety import cell_notes

    data = (Path(__file__).parent / "data" / "启东市民政局_2022-06_两镇汇总.xls").read_bytes()
    cut = tmp_path / "cut.xls"
    cut.write_bytes(data[: len(data) // 3])
    assert cell_notes(cut) == {}
    rows = ('<table:table-row table:number-rows-repeated="99999999"><table:table-cell/></table:table-row>'
            '<table:table-row><table:table-cell table:number-columns-repeated="3"/><table:table-cell>'
            '<office:annotation><text:p>甲</text:p><text:p>乙</text:p></office:annotation></table:table-cell>'
            '</table:table-row>')
    assert cell_notes(_ods_of(tmp_path / "x.ods", rows)) == {}  # (row 1,048,577: beyond any sheet)
    assert cell_notes(_ods_of(tmp_path / "x.ods", rows.replace("99999999", "6"))) == {"附件2": {"D7": "甲\n乙"}}


def _record(typ: int, body: bytes) -> bytes:
    import struct

    return struct.pack("<HH", typ, len(body)) + body


def test_xls_note_text_is_counted_in_utf16_units(tmp_path: Path) -> None:
    """A note whose text holds characters outside the BMP (𠀀, 😀: two UTF-16 units each, TXO counts units): read as
    one unit each, the text never looked complete and the formatting runs after it were read as more of it —
    \\x00\\x08 carried into the next level's comments (review). A pair split over two CONTINUE records joins."""
    import struct

    from yanglao_cli.biff import _notes

    text = "区镇批注：𠀀😀点\n第二行"
    units = text.encode("utf-16-le")
    split = 2 * 6  # between 𠀀's two surrogate halves (区镇批注： is 5 units)
    sheet = b"".join([
        _record(0x0809, struct.pack("<HH", 0x0600, 0x10) + bytes(12)),
        _record(0x005D, struct.pack("<HHHH", 0x15, 0x12, 0x19, 7) + bytes(14)),
        _record(0x01B6, struct.pack("<HH", 0, 0) + bytes(6) + struct.pack("<HHH", len(units) // 2, 16, 0) + bytes(4)),
        _record(0x003C, b"\x01" + units[:split]),
        _record(0x003C, b"\x01" + units[split:]),
        _record(0x003C, bytes(16)),  # the formatting runs
        _record(0x001C, struct.pack("<HHHH", 4, 2, 0, 7) + b"\x00\x00\x00"),
        _record(0x000A, b""),
    ])
    name = "附件2".encode("utf-16-le")
    head_len = len(_record(0x0809, struct.pack("<HH", 0x0600, 0x05) + bytes(12))) + \
        len(_record(0x0085, bytes(4) + b"\x00\x00" + bytes([3, 1]) + name)) + len(_record(0x000A, b""))
    globals_ = b"".join([
        _record(0x0809, struct.pack("<HH", 0x0600, 0x05) + bytes(12)),
        _record(0x0085, struct.pack("<I", head_len) + b"\x00\x00" + bytes([3, 1]) + name),
        _record(0x000A, b""),
    ])
    assert _notes(globals_ + sheet) == {"附件2": {"C5": text}}


def test_ods_note_text_keeps_its_spaces_tabs_and_line_breaks(tmp_path: Path) -> None:
    """text:s (a run of spaces), text:tab and text:line-break in an .ods annotation: itertext dropped them (甲  乙 read
    甲 乙, a leading space lost; review)."""
    from yanglao_cli.safety import cell_notes

    rows = ('<table:table-row><table:table-cell><office:annotation><text:p>甲<text:s text:c="2"/>乙<text:tab/>丙'
            '</text:p><text:p><text:s/>前<text:line-break/>后<text:span>尾</text:span></text:p></office:annotation>'
            '</table:table-cell></table:table-row>')
    assert cell_notes(_ods_of(tmp_path / "x.ods", rows)) == {"附件2": {"A1": "甲  乙\t丙\n 前\n后尾"}}


# ---- other programs' writers (blind audit of files written by SheetJS, Gnumeric, pylightxl …) ----------------


def _indented(path: Path) -> Path:
    """The .ods laid out as SheetJS and Gnumeric write it: each row's cells on lines of their own."""
    return rezip(path, path.with_name("indented_" + path.name), lambda name, data: (name, data.replace(
        b"<table:table-cell", b"\n      <table:table-cell").replace(b"</table:table-row>", b"\n    </table:table-row>")
        .replace(b"<text:p>", b"\n        <text:p>") if name == "content.xml" else data))


def test_an_ods_whose_cells_are_indented_is_read_as_written_compact(tmp_path: Path) -> None:
    """python-calamine stops at whitespace between a row's cells ("Expecting 'table-cell'"): every .ods SheetJS or
    Gnumeric writes was FILE_UNREADABLE (exit 2, its rows lost). Read as the same file without the indentation;
    a cell's own spaces stay."""
    rows = [
        ["附件2：", None, None, None, None, None, None],
        ["养老服务诈骗风险隐患“红橙黄”风险管控名单", None, None, None, None, None, None],
        ["填报单位（盖章）：汇龙镇", None, None, None, None, None, None],
        _F2_HEAD,
        [1, "甲 养老院", "A", "2", "黄", "汇龙镇民政办", None],
        [2, "乙养老院", "A", "7", "黄", "汇龙镇民政办", None],
        ["填报人：张三", None, "负责人：李四", None, "电话：83123456", "填报日期：2022-06-15", None],
    ]
    compact = ods(tmp_path / "汇龙镇.ods", {"附件2": rows})
    indented = _indented(compact)
    assert b">\n      <table:table-cell" in zipfile.ZipFile(indented).read("content.xml")
    seen = []
    for path in (compact, indented):
        loaded, _ = load([path], default_config(), "2022-06")
        seen.append(([(r.name, r.points.items) for r in loaded.submissions["汇龙镇"].f2],
                     [p for p in pairs(loaded.findings) if not p[0].startswith(("DISPOSAL", "SUBMISSION"))]))
    assert seen[0] == seen[1] == ([("甲 养老院", (2,)), ("乙养老院", (7,))], [("LEVEL_UNDERRATED", "附件2!E6")])


def test_a_broken_ods_is_still_unreadable_after_its_layout_is_taken_out(tmp_path: Path, runner) -> None:
    """Taking out the layout whitespace is tried once; an .ods broken otherwise stays FILE_UNREADABLE."""
    path = _indented(ods(tmp_path / "汇龙镇.ods", {"附件2": [_F2_HEAD, [1, "甲养老院", "A", "2", "黄", None, None]]}))
    broken = rezip(path, tmp_path / "broken" / "汇龙镇.ods", lambda name, data: (
        name, data.replace(b"</table:table-row>", b"</table:table-rowx>", 1) if name == "content.xml" else data))
    code, out = run_json(runner, "check", str(broken))
    assert code == 2 and [f["code"] for f in out["findings"]] == ["FILE_UNREADABLE"]


def test_a_gnumeric_xls_number_format_is_no_date(runner) -> None:
    """Gnumeric numbers its own formats from 50 (the 占比's 0.0 is 50 in its .xls); python-calamine takes 50–58 for
    Excel's East Asian date formats whatever the file defines, so 80 was 1900-03-20: VALUE_INVALID, and the
    percentage replaced one level up. Read as the number the clerk typed: the PERCENT_MISMATCH it is."""
    path = Path(__file__).parent / "data" / "南阳镇_附件1_gnumeric.xls"
    loaded, _ = load([path], default_config(), "2022-06")
    row = loaded.submissions["南阳镇"].f1[0]
    assert (row.total, row.checked, row.percent) == (24, 22, 80)
    assert pairs(loaded.findings) == [("PERCENT_MISMATCH", "附件1!E5")]
    assert "填80%" in loaded.findings[0].message


def test_serials_of_dates_python_calamine_gives_are_the_numbers_stored() -> None:
    from yanglao_cli.reader import _serial

    assert [_serial(v, False) for v in (dt.date(1900, 1, 1), dt.date(1900, 2, 28), dt.date(1900, 3, 1),
                                        dt.date(1900, 3, 20), dt.datetime(1900, 4, 2, 7, 12), dt.time(12, 0))] == \
        [1, 59, 61, 80, 93.3, 0.5]
    assert _serial(dt.date(1904, 1, 31), True) == 30 and _serial("80", False) is None


def test_the_format_ids_python_calamine_misreads_are_found_in_the_xls_records() -> None:
    """An XF whose format, defined in the file under an id below 164, shows no date: its number cells are listed;
    a date format under such an id, and an id the file leaves to Excel, are not."""
    import struct

    from yanglao_cli.biff import _from_biff

    def fmt(i: int, code: str) -> bytes:
        return _rec(0x041E, struct.pack("<HHB", i, len(code), 1) + code.encode("utf-16-le"))

    xfs = b"".join(_rec(0x00E0, struct.pack("<HH", 0, i) + b"\0" * 16) for i in (50, 51, 14, 0, 200))
    cells = b"".join(_rec(0x0203, struct.pack("<HHH", 4, c, xf) + struct.pack("<d", 80.0)) for c, xf in enumerate(
        range(5)))
    stream = _biff("附件1", _rec(0x0200, b"\0" * 14), cells)
    head = stream.index(b"\x85\x00")  # the globals: FORMAT and XF records go before the sheet list
    stream = stream[:head] + fmt(50, "0.0") + fmt(51, 'yyyy"年"m"月"') + fmt(200, "0.0") + xfs + stream[head:]
    # (the sheet's offset in the BOUNDSHEET record moves with what was put before it)
    at = struct.unpack_from("<I", stream, stream.index(b"\x85\x00") + 4)[0]
    moved = len(fmt(50, "0.0") + fmt(51, 'yyyy"年"m"月"') + fmt(200, "0.0") + xfs)
    stream = bytearray(stream)
    struct.pack_into("<I", stream, stream.index(b"\x85\x00") + 4, at + moved)
    numbers: dict = {}
    _from_biff(bytes(stream), {}, {}, numbers)
    assert numbers == {"附件1": {"A5": False}}


def test_date_formats_without_date_letters_and_ids_never_misread_stay_dates() -> None:
    """Weekdays (aaaa), eras (ggge), the system's long date ([$-F800]) are dates; General, G/通用格式 and an exponent are
    not; ids python-calamine never takes for a date (7, a currency) are left alone (review)."""
    from yanglao_cli.biff import _misread_xfs

    codes = {50: "aaaa", 51: "[$-411]ggge", 52: "[$-F800]", 53: "General", 54: "G/通用格式", 55: "0.00E+00",
             56: "[DBNum1][$-804]0", 7: "¥#,##0.00", 57: "0.0", 60: "yyyy-mm-dd", 200: "yyyy-mm-dd", 201: "0.0"}
    xfs = list(codes)
    assert {xfs[k]: v for k, v in _misread_xfs(codes, xfs).items()} == {
        53: False, 54: False, 55: False, 56: False, 57: False, 60: True}


def test_a_sheetjs_xls_date_under_a_thai_format_id_is_a_date() -> None:
    """SheetJS's .xls puts its yyyy-mm-dd at format id 60, which python-calamine keeps for a Thai number format:
    the 填报日期 was 44727.0004976852, VALUE_INVALID (blind audit in China's time zone). Read as the date it shows."""
    path = Path(__file__).parent / "data" / "汇龙镇_附件1_sheetjs.xls"
    loaded, _ = load([path], default_config(), "2022-06")
    assert loaded.submissions["汇龙镇"].footers["F1"].date == dt.date(2022, 6, 15)
    assert pairs(loaded.findings) == []


@pytest.mark.parametrize(("text", "day", "hour"), [
    ("2022-06-15T00:00:00.000Z", "2022-06-15", None),  # SheetJS: the clerk's own clock, a Z after it
    ("2022-06-15T16:30:00.000Z", "2022-06-15", dt.time(16, 30)),  # on time for Wednesday 17:00, not 00:30
    ("2022-06-15T17:30:00+08:00", "2022-06-15", dt.time(17, 30)),
    ("2022-06-15T17:00:43Z", "2022-06-15", dt.time(17, 0)),  # seconds dropped, as the deadline is to the minute
    ("2022-06-15T00:00:00.123Z", "2022-06-15", None),
])
def test_a_zoned_iso_date_time_is_read_as_excel_shows_it(text: str, day: str, hour) -> None:
    """SheetJS stores an .xlsx date cell (t="d") as an ISO text with a Z, which python-calamine gives as text: it
    was VALUE_INVALID for a 填报日期 LibreOffice shows as a date. Read as Excel and LibreOffice show it: the clock
    as written, to the minute."""
    from yanglao_cli.normalize import parse_date, time_of

    assert str(parse_date(text).value) == day and time_of(text) == hour


def test_a_footer_date_written_by_sheetjs_is_the_report_date(tmp_path: Path) -> None:
    specs = specs_for("汇龙镇", date="2022-06-15T16:30:00.000Z")
    p = write(tmp_path / "汇龙镇.xlsx", "汇龙镇", specs)
    loaded, _ = load([p], default_config(), "2022-06")
    assert pairs(loaded.findings) == []
    assert {f.date for f in loaded.submissions["汇龙镇"].footers.values()} == {dt.date(2022, 6, 15)}


def test_an_xlsb_showing_no_form_says_to_save_it_as_xlsx(tmp_path: Path, runner) -> None:
    """python-calamine reads some programs' .xlsb (SheetJS) with every column but the first blank: the clerk was
    told the form was wrong, and is now also told to save it as .xlsx."""
    wb = openpyxl.Workbook()
    wb.active["A1"] = "序号"
    wb.save(tmp_path / "汇龙镇.xlsb")
    code, out = run_json(runner, "check", str(tmp_path / "汇龙镇.xlsb"))
    assert code == 1 and [f["code"] for f in out["findings"]] == ["FORM_NOT_FOUND"]
    assert "另存为 .xlsx" in out["findings"][0]["message"]


def test_a_rebuilt_annotated_copy_shows_a_fraction_read_as_a_percentage_so(tmp_path: Path, runner) -> None:
    """附件1's 占比 0.85 in an .ods percentage cell (17 of 20 checked: 85 %): the copy rebuilt from the values wrote
    0.85 in a General cell, which checked again was 0.85 % — a PERCENT_MISMATCH the township never made, in a copy
    said to need no sending back (blind audit of other programs' files). 0.85 in a plain number cell shows 0.85: it
    is 0.85 %, as in an .xlsx's General cell (audit of formats: read by the counts, a form's error went unsaid)."""
    from yanglao_cli.forms import F1 as F1DEF

    percent = RawCell('<table:table-cell office:value-type="percentage" office:value="0.85"><text:p>85%</text:p>'
                      '</table:table-cell>')
    rows = [["附件1："], ["养老服务诈骗风险隐患排查工作进度表"], ["填报单位（盖章）：汇龙镇"], [c.header for c in F1DEF.columns],
            [1, "汇龙镇", 20, 17, percent, "是，王某某（副镇长）", "是", "是，横幅", "是，公安", "是，12345热线"],
            ["填报人：张三", None, "负责人：李四", None, "填报日期：2022-06-15"]]
    path = ods(tmp_path / "in" / "汇龙镇.ods", {"附件1": rows})
    code, out = run_json(runner, "check", str(path), "--period", "2022-06", "-a", str(tmp_path / "ann"))
    assert code == 0 and out["findings"] == []
    copy = next((tmp_path / "ann").glob("*.xlsx"))
    assert openpyxl.load_workbook(copy)["附件1"]["E5"].number_format == "0.0%"
    code, again = run_json(runner, "check", str(copy), "--period", "2022-06")
    assert code == 0 and again["findings"] == []
    # above 100 % as well: 22 checked of 20 (CHECKED_EXCEEDS_TOTAL, the township's), its 1.1 shown 110.0 % in the
    # copy — shown 1.1, the copy's check added a PERCENT_MISMATCH (blind audit of annotated copies)
    rows[4][2:5] = [20, 22, RawCell('<table:table-cell office:value-type="percentage" office:value="1.1"><text:p>110%'
                                    '</text:p></table:table-cell>')]
    path = ods(tmp_path / "over" / "汇龙镇.ods", {"附件1": rows})
    code, out = run_json(runner, "check", str(path), "--period", "2022-06", "-a", str(tmp_path / "ann2"))
    assert pairs(out["findings"]) == [("CHECKED_EXCEEDS_TOTAL", "附件1!D5")]
    copy = next((tmp_path / "ann2").glob("*.xlsx"))
    assert openpyxl.load_workbook(copy)["附件1"]["E5"].number_format == "0.0%"
    code, again = run_json(runner, "check", str(copy), "--period", "2022-06")
    assert pairs(again["findings"]) == [("CHECKED_EXCEEDS_TOTAL", "附件1!D5")]
    rows[4][2:5] = [20, 17, 0.85]
    path = ods(tmp_path / "plain" / "汇龙镇.ods", {"附件1": rows})
    code, out = run_json(runner, "check", str(path), "--period", "2022-06")
    assert code == 1 and pairs(out["findings"]) == [("PERCENT_MISMATCH", "附件1!E5")]


def test_an_ods_date_value_with_a_zone_is_read_in_china_s_time(tmp_path: Path) -> None:
    """SheetJS's .ods stores date values in UTC (office:date-value="2022-06-14T16:00:00.000Z" for 15 June typed in
    China, 09:30Z for 17:30), which python-calamine gives as text: read as the .xlsx's clock, the 填报日期 was a day
    early, a late 附件4 on time, a 立案 a false DATE_IN_FUTURE (review). Read in China's time."""
    def dated(value: str) -> RawCell:
        return RawCell(f'<table:table-cell office:value-type="date" office:date-value="{value}">'
                       f"<text:p>{value[:10]}</text:p></table:table-cell>")

    rows = [["附件2："], ["养老服务诈骗风险隐患“红橙黄”风险管控名单"], ["填报单位（盖章）：汇龙镇"], _F2_HEAD,
            [1, "甲养老院", "A", "2", "黄", "汇龙镇民政办", None],
            ["填报人：张三", None, "负责人：李四", None, "填报日期：", dated("2022-06-14T16:00:00.000Z"), None]]
    path = ods(tmp_path / "汇龙镇.ods", {"附件2": rows})
    loaded, _ = load([path], default_config(), "2022-06")
    assert loaded.submissions["汇龙镇"].footers["F2"].date == dt.date(2022, 6, 15)


def test_an_xls_reference_saved_with_0_reads_the_text_it_refers_to(tmp_path: Path, runner) -> None:
    """附件3's names as =附件2!B5, =附件2!B6 in an .xls LibreOffice saved without recalculating them (tests/data,
    made by LibreOffice 7.4 from an .xlsx whose formulas held their text): the records hold 0 as their result, read
    as two facilities named 0 — each 附件2 row DISPOSAL_MISSING, a DUPLICATE_FACILITY (audit of formats). Every
    program opening it shows the names: FORMULA_NO_VALUE, the name followed, as an .xlsx without results."""
    path = tmp_path / "北新镇_2022年6月报表.xls"
    path.write_bytes((Path(__file__).parent / "data" / "北新镇_附件3引用附件2.xls").read_bytes())
    code, data = run_json(runner, "check", path, "--period", "2022-06")
    assert code == 0 and [(f["code"], f["sheet"], f["cell"]) for f in data["findings"]] == [
        ("FORMULA_NO_VALUE", "附件3", "B5"), ("FORMULA_NO_VALUE", "附件3", "B6")]
    assert all("附件2!B" in f["message"] for f in data["findings"])
    run_json(runner, "consolidate", path, "-o", tmp_path / "out", "--period", "2022-06")
    ws = openpyxl.load_workbook(tmp_path / "out" / "启东市民政局_2022-06_汇总.xlsx")["附件3"]
    names = {c.value for c in ws["B"] if isinstance(c.value, str)}
    assert {"长青养老院", "夕阳红护理站"} <= names and "0" not in names


@pytest.mark.parametrize("name", ["启东市_附件1_百分比.xls", "启东市_附件1_百分比.ods"])
def test_a_percentage_cell_of_an_xls_or_ods_is_read_as_it_shows(runner, name: str) -> None:
    """LibreOffice's .xls and .ods of one 附件1: 0.85 in a 0% cell is 85% (汇龙镇 85/100 right, 南阳镇 17/2000 wrong),
    0.85 in a General cell 0.85% (北新镇 85/100 wrong) — as the .xlsx reads; the .xls and .ods guessed from the counts,
    南阳镇's error gone, exit 0 (audit of formats)."""
    code, data = run_json(runner, "check", str(Path(__file__).parent / "data" / name))
    assert code == 1 and pairs(data["findings"]) == [("PERCENT_MISMATCH", "附件1!E6"), ("PERCENT_MISMATCH", "附件1!E7")]


def _sheet_offset_into_globals(src: Path, dst: Path) -> Path:
    """`src` (an .xls of the 512-byte sectors LibreOffice writes) with its second sheet's BOUNDSHEET offset pointing
    at that record itself, in the workbook's own records: no worksheet there."""
    import struct

    d = bytearray(src.read_bytes())
    size_ = 1 << struct.unpack_from("<H", d, 0x1E)[0]
    fat: list[int] = []
    for s in (s for s in struct.unpack_from("<109I", d, 0x4C) if s < 0xFFFFFFFA):
        fat += struct.unpack_from(f"<{size_ // 4}I", d, (s + 1) * size_)

    def chain(s: int) -> list[int]:
        out = []
        while s < 0xFFFFFFFA:
            out.append(s)
            s = fat[s]
        return out

    dirs = b"".join(bytes(d[(s + 1) * size_:(s + 2) * size_]) for s in chain(struct.unpack_from("<I", d, 0x30)[0]))
    start = length = 0
    for i in range(len(dirs) // 128):
        e = dirs[i * 128:(i + 1) * 128]
        if e[:16].decode("utf-16-le", "ignore").startswith("Workbook"):
            start, length = struct.unpack_from("<II", e, 116)
    sectors = chain(start)
    stream = b"".join(bytes(d[(s + 1) * size_:(s + 2) * size_]) for s in sectors)
    at, found = 0, []
    while at + 4 <= length:
        typ, n = struct.unpack_from("<HH", stream, at)
        if typ == 0x85:
            found.append(at)
        at += 4 + n
    target = found[1]
    for k, b in enumerate(struct.pack("<I", target)):
        p = target + 4 + k
        d[(sectors[p // size_] + 1) * size_ + p % size_] = b
    dst.write_bytes(bytes(d))
    return dst


def test_an_xls_sheet_whose_offset_leads_to_no_worksheet_is_unreadable(tmp_path: Path, runner) -> None:
    """附件2's BOUNDSHEET offset pointing back into the workbook's own records: python-calamine read an empty sheet,
    its rows lost, 未发现问题, exit 0 (audit of hostile input). FILE_UNREADABLE, naming the sheet."""
    src = Path(__file__).parent / "data" / "汇龙镇_6月_隐藏列.xls"
    code, data = run_json(runner, "check", str(_sheet_offset_into_globals(src, tmp_path / "坏.xls")))
    assert code == 2 and [f["code"] for f in data["findings"]] == ["FILE_UNREADABLE"]
    assert "位置不是工作表" in data["findings"][0]["message"]
    code, data = run_json(runner, "check", str(src))
    assert "FILE_UNREADABLE" not in {f["code"] for f in data["findings"]}


def test_an_ods_with_libreoffice_macros_is_read(tmp_path: Path) -> None:
    """An .ods LibreOffice saved with Basic macros (a converted .xlsm's VBA, or a clerk's own) keeps them as XML
    naming the OpenOffice DTD: the whole file was FILE_UNREADABLE, 不安全的 XML 声明 (corpus sweep). Those parts are
    never read; a DOCTYPE in content.xml is refused as before."""
    rows = [
        ["附件2：", None, None, None, None, None, None],
        ["养老服务诈骗风险隐患“红橙黄”风险管控名单", None, None, None, None, None, None],
        ["填报单位（盖章）：汇龙镇民政办", None, None, None, None, None, None],
        _F2_HEAD,
        [1, "甲养老院", "A", "2", "黄", "汇龙镇民政办", None],
        ["填报人：张三", None, "负责人：李四", None, "电话：83123456", "填报日期：2022-06-15", None],
    ]
    path = ods(tmp_path / "汇龙镇.ods", {"附件2": rows})
    dtd = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE {0} PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" ' \
          '"{1}.dtd">\n'
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("Basic/script-lc.xml", dtd.format("library:libraries", "libraries") + "<library:libraries/>")
        z.writestr("Basic/VBAProject/Module1.xml", dtd.format("script:module", "module") + "<script:module/>")
        z.writestr("Dialogs/dialog-lc.xml", dtd.format("library:libraries", "libraries") + "<library:libraries/>")
    loaded, _ = load([path], default_config(), "2022-06")
    assert [r.name for r in loaded.submissions["汇龙镇"].f2] == ["甲养老院"]
    assert "FILE_UNREADABLE" not in {c for c, _ in pairs(loaded.findings)}
    rezip(path, tmp_path / "坏.ods", lambda name, data: (name, data.replace(
        b"?>", b"?><!DOCTYPE x [<!ENTITY a 'b'>]>", 1) if name == "content.xml" else data))
    loaded, _ = load([tmp_path / "坏.ods"], default_config(), "2022-06")
    assert "FILE_UNREADABLE" in {c for c, _ in pairs(loaded.findings)}


@pytest.mark.parametrize("where", ["basic/sheet1.xml", "scripts/sheet1.xml", "docProps/sheet1.xml"])
def test_a_sheet_kept_where_nothing_else_is_read_is_still_checked(tmp_path: Path, where: str) -> None:
    """An .xlsx's relationships may put a sheet anywhere: one at docProps/ (or, since .ods macros are passed over,
    basic/, scripts/) with a DOCTYPE and an entity was read (review). It is refused as at its usual place."""
    def move(name: str, data: bytes) -> tuple[str, bytes]:
        if name == "xl/worksheets/sheet1.xml":
            return where, (b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE worksheet [<!ENTITY x "m">]>'
                           + (data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data))
        if name == "xl/_rels/workbook.xml.rels":
            data = data.replace(b'Target="/xl/worksheets/sheet1.xml"', f'Target="/{where}"'.encode()) \
                .replace(b'Target="worksheets/sheet1.xml"', f'Target="/{where}"'.encode())
        if name == "[Content_Types].xml":
            data = data.replace(b"/xl/worksheets/sheet1.xml", f"/{where}".encode())
        return name, data

    moved = rezip(write(tmp_path / "base.xlsx", "汇龙镇", specs_for("汇龙镇")), tmp_path / "汇龙镇.xlsx", move)
    loaded, _ = load([moved], default_config(), "2022-06")
    assert [c for c, _ in pairs(loaded.findings)] == ["FILE_UNREADABLE"]


def test_a_readers_words_for_an_odd_file_are_said_plainly() -> None:
    """An Excel 4.0 macro sheet in an .xlsb is no damage; the reader's internal values are not shown (robustness sweep
    of packages' test spreadsheets)."""
    from yanglao_cli.reader import _calamine_reason

    class XmlError(Exception):
        pass

    macro = _calamine_reason(XmlError("Unrecognized BoundSheet8:dt: xl/macrosheets/sheet1.bin"))
    assert "宏表" in macro and "损坏" not in macro
    odd = _calamine_reason(ValueError("Expecting 'table-cell', found 'Start(BytesStart { buf: Borrowed(\"table:x"))
    assert "BytesStart" not in odd and "Borrowed" not in odd
    text = _calamine_reason(ValueError("Expecting 'table-cell', found 'Text(BytesText { content: Borrowed(\"\\n\") })"))
    assert "Bytes" not in text and "技术细节：Expecting 'table-cell', found）" in text
