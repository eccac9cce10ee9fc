"""Cells that show nothing far below or beside the table: a formula giving "" filled down a whole column, a space
typed at row 1,048,576. python-calamine reads a sheet as rows x columns to its farthest cell, so such a file was
refused whole as too large (FILE_UNREADABLE, every row lost); it is read as if those cells were not there. A far
cell that shows something is still refused (test_reliability's hostile files)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from yanglao_cli import safety

from .conftest import rezip, run_json, specs_for, write


def _sheet_part(src: Path, title: str) -> str:
    """The member holding the sheet `title` (openpyxl writes sheet1.xml … in the workbook's order)."""
    import zipfile

    with zipfile.ZipFile(src) as z:
        names = re.findall(r'<sheet [^>]*name="([^"]*)"', z.read("xl/workbook.xml").decode())
    return f"xl/worksheets/sheet{names.index(title) + 1}.xml"


def _with_cells(src: Path, dst: Path, title: str, cells: str) -> Path:
    part = _sheet_part(src, title)

    def change(name: str, data: bytes) -> tuple[str, bytes]:
        return name, data.replace(b"</sheetData>", cells.encode() + b"</sheetData>") if name == part else data

    return rezip(src, dst, change)


def _filled_down(col: str, first: int, last: int) -> str:
    """=IF(B{first}="","",ROW()) in `col` from row `first` to `last`, as Excel writes a shared formula with its
    results: the empty text."""
    head = (f'<row r="{first}"><c r="{col}{first}" t="str"><f t="shared" ref="{col}{first}:{col}{last}" si="7">'
            f'IF(B{first}="","",ROW())</f><v></v></c></row>')
    return head + "".join(f'<row r="{r}"><c r="{col}{r}" t="str"><f t="shared" si="7"/><v></v></c></row>'
                          for r in range(first + 1, last + 1))


def _keys(data: dict) -> list[tuple]:
    return [(f["code"], f["sheet"], f["cell"], f["message"]) for f in data["findings"]]


@pytest.fixture(scope="module")
def township(tmp_path_factory) -> Path:
    specs = specs_for("汇龙镇")
    specs["F2"].rows[1]["level"] = "黄色"  # one planted error, so that the findings have cells to compare
    return write(tmp_path_factory.mktemp("far") / "汇龙镇.xlsx", "汇龙镇", specs)


@pytest.mark.parametrize("cells", [
    '<row r="1048576"><c r="J1048576" t="inlineStr"><is><t xml:space="preserve"> </t></is></c></row>',
    '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t></t></is></c></row>',
    '<row r="1048576"><c r="Z1048576" t="str"><f>""</f><v></v></c></row>',
], ids=["space", "empty-text-last-column", "formula-giving-empty-text"])
def test_a_far_cell_showing_nothing_reads_as_the_table_alone(runner, township: Path, tmp_path: Path,
                                                              cells: str) -> None:
    far = _with_cells(township, tmp_path / "远处空格" / "汇龙镇.xlsx", "附件2", cells)
    code0, plain = run_json(runner, "check", str(township))
    code, data = run_json(runner, "check", str(far))
    assert "FILE_UNREADABLE" not in {f["code"] for f in data["findings"]}
    assert (code, _keys(data)) == (code0, _keys(plain)) and "LEVEL_UNDERRATED" in {k[0] for k in _keys(plain)}
    assert data["summary"]["rows_read"] == plain["summary"]["rows_read"] > 0


def test_a_formula_giving_empty_text_filled_down_is_read(runner, township: Path, tmp_path: Path) -> None:
    # column Z down to row 300,000: 7.8 million cells, beyond the 6 million the reader is allowed
    far = _with_cells(township, tmp_path / "公式下拉" / "汇龙镇.xlsx", "附件3", _filled_down("Z", 40, 300_000))
    code0, plain = run_json(runner, "check", str(township))
    code, data = run_json(runner, "check", str(far))
    assert (code, _keys(data), data["summary"]) == (code0, _keys(plain), plain["summary"])
    facts = safety.inspect_zip(far)
    assert list(facts.trimmed) == [_sheet_part(township, "附件3")]
    part = facts.trimmed[_sheet_part(township, "附件3")]
    assert len(part) < 50_000 and b'r="Z' not in part and b"</sheetData>" in part


def test_a_far_cell_showing_something_is_still_refused(runner, township: Path, tmp_path: Path) -> None:
    far = _with_cells(township, tmp_path / "远处有字" / "汇龙镇.xlsx", "附件2",
                      '<row r="1048576"><c r="J1048576" t="inlineStr"><is><t>x</t></is></c></row>')
    code, data = run_json(runner, "check", str(far))
    assert code == 2 and [f["code"] for f in data["findings"]] == ["FILE_UNREADABLE"]
    assert "工作表“附件2”的数据区域过大（A1:J1048576）" in data["findings"][0]["message"]


def test_a_blank_shared_string_far_away_shows_nothing(tmp_path: Path) -> None:
    """A cell holding a shared string of spaces (Excel keeps the string of a cell whose text was spaced out):
    blank by its index, so it does not extend the sheet."""
    from yanglao_cli.reader import open_workbook

    from .test_reliability import _NS, raw_xlsx

    sst = f'<sst {_NS} count="2" uniqueCount="2"><si><t>甲</t></si><si><t xml:space="preserve">   </t></si></sst>'
    path = raw_xlsx(tmp_path / "共享空白.xlsx", f'<worksheet {_NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
                                              '</row><row r="1048576"><c r="M1048576" t="s"><v>1</v></c></row>'
                                              "</sheetData></worksheet>", shared=sst)
    trimmed = safety.inspect_zip(path).trimmed
    assert list(trimmed) == ["xl/worksheets/sheet1.xml"] and b"M1048576" not in trimmed["xl/worksheets/sheet1.xml"]
    assert [g.rows for g in open_workbook(path, path.name).sheets] == [[["甲"]]]


def test_rows_written_out_of_order_are_not_lost_when_trimmed() -> None:
    """A program writing a row of the table after the far blank one: the rows are not cut at the far row."""
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c></row>'
             '<row r="1048576"><c r="J1048576" t="inlineStr"><is><t> </t></is></c></row>'
             '<row r="2"><c r="A2" t="inlineStr"><is><t>乙</t></is></c></row>'
             "</sheetData></worksheet>")
    kept = safety._trim_part(sheet.encode(), 2, 1)
    assert "甲".encode() in kept and "乙".encode() in kept and b"J1048576" not in kept


@pytest.mark.parametrize("cells, recalc, unvalued", [
    ('<c r="A1"><f>1+1</f><v>2</v></c>', False, set()),
    ('<c r="A1" t="str"><f>IF(1,"","")</f><v></v></c>', False, set()),
    ('<c r="A1"><f>1+1</f><v></v></c>', False, {"A1"}),  # an empty result that is no text: not calculated
    ('<c r="A1"><f>1+1</f></c>', False, {"A1"}),
    ('<c r="A1"><f>1+1</f><v>0</v></c>', True, {"A1"}),  # fullCalcOnLoad: a 0 is the writer's placeholder
    ('<c r="A1"><f>1+1</f><v>0</v></c>', False, set()),
    ('<c r="A1"><f t="shared" ref="A1:A2" si="0">B1</f><v>3</v></c><c r="A2"><f t="shared" si="0"/></c>', False,
     {"A2"}),
    ('<c r="A1" t="str"><f>IF(1,"","")</f><v></v></c><c r="A2"><f>1+1</f><v/></c>', False, {"A2"}),
])
def test_formulas_without_value_same_by_counts_and_cell_by_cell(cells: str, recalc: bool, unvalued: set) -> None:
    """The C-speed count of formulas and results agrees with the cell-by-cell reading."""
    refs: dict[str, str] = {}
    assert safety._formulas_without_value(f"<sheetData><row r=\"1\">{cells}</row></sheetData>".encode(), recalc,
                                          refs) == unvalued
    assert set(refs) == unvalued


# ---- from the review of the change ---------------------------------------------------------------------


def test_a_struck_row_is_still_said_on_a_trimmed_sheet(runner, township: Path, tmp_path: Path) -> None:
    """The sheet as trimmed is read for its struck, percent and hidden-row facts: a facility struck through
    (withdrawn) was read as live once a space sat at J1048576."""
    import openpyxl
    from openpyxl.styles import Font

    struck = tmp_path / "划掉" / "汇龙镇.xlsx"
    struck.parent.mkdir()
    wb = openpyxl.load_workbook(township)
    for c in wb["附件2"][6]:
        c.font = Font(strike=True)
    wb.save(struck)
    far = _with_cells(struck, tmp_path / "划掉远处" / "汇龙镇.xlsx", "附件2",
                      '<row r="1048576"><c r="J1048576" t="inlineStr"><is><t> </t></is></c></row>')
    code0, plain = run_json(runner, "check", str(struck))
    code, data = run_json(runner, "check", str(far))
    assert (code, _keys(data)) == (code0, _keys(plain)) and any("删除线" in k[3] for k in _keys(plain))


def test_a_far_blank_on_the_first_sheet_does_not_refuse_the_next(runner, township: Path, tmp_path: Path) -> None:
    """A space far down 附件1 that fits the budget alone was counted whole, and the next, ordinary sheet was
    refused as too large (naming it): a sheet of over two million cells is looked at for far blanks anyway."""
    far = _with_cells(township, tmp_path / "第一张" / "汇龙镇.xlsx", "附件1",
                      '<row r="545440"><c r="K545440" t="inlineStr"><is><t> </t></is></c></row>')
    code0, plain = run_json(runner, "check", str(township))
    code, data = run_json(runner, "check", str(far))
    assert (code, _keys(data)) == (code0, _keys(plain))


@pytest.mark.parametrize("cell", [
    '<c r="A1048576"><f>1+1</f><v></v></c>',  # a formula saved without its result: it may show something
    '<c r="J1048576" t="inlineStr"><is><t><![CDATA[庚]]></t></is></c>',  # text as CDATA shows
], ids=["formula-without-result", "cdata"])
def test_a_far_cell_that_may_show_something_is_refused(runner, township: Path, tmp_path: Path, cell: str) -> None:
    far = _with_cells(township, tmp_path / "远处" / "汇龙镇.xlsx", "附件2", f'<row r="1048576">{cell}</row>')
    code, data = run_json(runner, "check", str(far))
    assert code == 2 and [f["code"] for f in data["findings"]] == ["FILE_UNREADABLE"]


def test_cells_left_open_cost_no_scan_to_the_end_each(runner, tmp_path: Path) -> None:
    """Thousands of cells opened and never closed (a crafted sheet) made each cell's pattern run to the end of
    the part: 22 KB took 35 s. The patterns stop at the next cell; the file is refused at once."""
    import time

    from .test_reliability import _NS, raw_xlsx

    rows = ['<row><c r="A1" t="inlineStr"><is><t>甲</t></is></c></row>']
    rows += [f'<row><c r="J{1048576 - 8000 + i}" s=":c>"><v></v></row>' for i in range(8000)]
    path = raw_xlsx(tmp_path / "未闭合.xlsx", f'<worksheet {_NS}><sheetData>{"".join(rows)}</sheetData></worksheet>')
    start = time.perf_counter()
    code, data = run_json(runner, "check", str(path))
    assert time.perf_counter() - start < 20 and code == 2
    assert [f["code"] for f in data["findings"]] == ["FILE_UNREADABLE"]


def test_shared_strings_not_read_whole_have_no_blank_one() -> None:
    """An <si> left open: no index can be trusted, so no string is taken for blank (and nothing is trimmed by it)."""
    assert safety._blank_strings(b"<sst><si><t> </t></si><si><t>x</t><si><t></t></si></sst>") == frozenset()
    assert safety._blank_strings(b"<sst><si><t> </t></si><si><t>x</t></si><si><t/></si></sst>") == {0, 2}


def test_a_row_out_of_order_keeps_its_formula_saved_without_result() -> None:
    """The far blank row written before a near row whose formula has no result: the rows after the cut are not
    all beyond the table, so none is cut whole (the formula, to be recalculated, was lost; second review)."""
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c><c r="B1"><v>5</v></c></row>'
             '<row r="1048576"><c r="J1048576" t="inlineStr"><is><t> </t></is></c></row>'
             '<row r="3"><c r="B3"><f>SUM(B1:B2)</f></c></row></sheetData></worksheet>').encode()
    kept = safety._trim_part(sheet, 3, 2)
    assert b"<f>SUM(B1:B2)</f>" in kept and b"J1048576" not in kept


def test_blank_text_filled_down_is_cut_whole_not_kept_as_empty_rows() -> None:
    """Spaces filled down a column as a shared string: the rows after the table are cut at once, not kept as a
    million empty rows (35 MB a sheet held in memory; second review)."""
    near = '<row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c></row>'
    far = "".join(f'<row r="{r}"><c r="K{r}" t="s"><v>0</v></c></row>' for r in range(2, 20_002))
    sheet = f'<worksheet xmlns="x"><sheetData>{near}{far}</sheetData></worksheet>'.encode()
    kept = safety._trim_part(sheet, 1, 1)
    assert len(kept) < 200 and "甲".encode() in kept and kept.endswith(b"</sheetData></worksheet>")


def test_cell_tags_left_open_by_the_thousand_cost_no_scan_each(runner, tmp_path: Path) -> None:
    """20,000 "<c " without a ">" (sheet parts are not checked for nesting): a pattern's attributes ran over "<" to
    the end of the run for each of them (10 s for a 2 KB file; second review)."""
    import time

    from .test_reliability import _NS, raw_xlsx

    sheet = (f'<worksheet {_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>甲</t></is></c></row>'
             f'<row r="2">{"<c " * 20_000}</row><row r="1048576"><c r="Z1048576" t="str"><f>""</f><v></v></c></row>'
             "</sheetData></worksheet>")
    path = raw_xlsx(tmp_path / "未闭合属性.xlsx", sheet)
    start = time.perf_counter()
    code, _ = run_json(runner, "check", str(path))
    assert time.perf_counter() - start < 20 and code in (1, 2)
