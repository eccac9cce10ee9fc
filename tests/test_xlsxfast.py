"""The fast worksheet writes exactly what xlsxwriter's own writes, for every kind of cell."""

from __future__ import annotations

import datetime as dt
import functools
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs
from xlsxwriter.worksheet import Worksheet

from yanglao_cli import writer, xlsxfast
from yanglao_cli.config import default_config
from yanglao_cli.service import run_consolidate
from yanglao_cli.xlsxfast import FastWorksheet

FIXED = dt.datetime(2022, 1, 1)
EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "2022-06"


def _book(path: Path, cls: type, fill) -> bytes:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                         "strings_to_urls": False})
    wb.set_properties({"created": FIXED})
    wb.worksheet_class = cls
    fmts = [wb.add_format({"border": 1}), wb.add_format({"bold": True, "text_wrap": True}), None]
    fill(wb, fmts)
    wb.close()
    return path.read_bytes()


def _members(data: bytes, path: Path) -> dict[str, bytes]:
    path.write_bytes(data)
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _same(tmp_path: Path, fill) -> None:
    stock = _book(tmp_path / "stock.xlsx", Worksheet, fill)
    fast = _book(tmp_path / "fast.xlsx", FastWorksheet, fill)
    if stock != fast:  # say which part differs
        assert _members(fast, tmp_path / "f.zip") == _members(stock, tmp_path / "s.zip")
    assert stock == fast


def _same_with_put_row(tmp_path: Path, fill) -> None:
    """_same, the stock class writing put_row's cells one by one."""
    Worksheet.put_row = FastWorksheet._put_one_by_one
    try:
        _same(tmp_path, fill)
    finally:
        del Worksheet.put_row


def test_worksheet_class_is_the_fast_one_on_this_xlsxwriter():
    assert xlsxfast.worksheet_class() is FastWorksheet


def test_every_kind_of_cell_is_written_as_xlsxwriter_writes_it(tmp_path):
    def fill(wb, fmts):
        bold, wrap, none = fmts
        ws = wb.add_worksheet("附件2")
        ws.set_column(0, 3, 12)
        ws.write_string(0, 0, "标题", bold)
        ws.merge_range(1, 0, 1, 5, "合并的标题", bold)
        ws.set_row(2, 30)
        ws.write_string(3, 0, "没有格式的文字", none)
        ws.write_string(3, 1, "有格式", bold)
        ws.write_string(3, 2, "  前后空格  ", wrap)
        ws.write_string(3, 3, "x" * 9000, wrap)  # long: xlsxwriter's own path
        ws.write_string(3, 4, "<&>\"'\x01", wrap)
        ws.write_number(4, 0, 1, bold)
        ws.write_number(4, 1, 2.5, bold)
        ws.write_number(4, 2, -1e20, none)
        ws.write_number(4, 3, 12345678901234567, wrap)
        ws.write_blank(5, 0, None, bold)
        ws.write_blank(5, 1, None, None)
        ws.write_formula(5, 2, "=1+1", bold, 2)
        ws.write_boolean(5, 3, True, bold)
        ws.write_datetime(5, 4, dt.datetime(2022, 6, 30), wb.add_format({"num_format": "yyyy-mm-dd"}))
        ws.write_rich_string(6, 0, bold, "红", "色", wrap)
        ws.write_comment(7, 2, "批注")
        ws.write_comment(40, 7, "只有批注的行")
        ws.set_row(50, 20)
        ws.set_row(51, 0.3)  # rounds to 0 pixels: hidden
        ws.set_row(52, 0)
        ws.set_row(53, 15, bold)
        ws.set_row(54, 15, None, {"hidden": True})
        ws.set_row(55, None)
        ws.set_row(1_048_576, 15)  # beyond the sheet
        wb.add_worksheet("只有行高").set_row(5, 22.5)  # before any cell: the columns' dimensions start at A
        from_c = wb.add_worksheet("从C列起")
        from_c.write_string(0, 2, "C1", bold)
        from_c.set_row(3, 20)  # the dimensions stay C1:C4
        from_c.write_string(5, 1, "B6", bold)  # then grow left: B1:C6
        for r, options in enumerate(({"level": 1}, {"level": 2, "hidden": True}, {"collapsed": True}), start=56):
            ws.set_row(r, 18, None, options)  # outline rows: xlsxwriter's own <row>
            ws.write_string(r, 0, "分级", bold)
        for r in (53, 54, 55):  # the formatted, hidden and default-height rows hold cells too
            ws.write_number(r, 1, r, bold)
        tall = wb.add_worksheet("默认行高")
        tall.set_default_row(20)  # rows without their own height get ht= too
        tall.write_string(0, 0, "默认", bold)
        tall.set_row(1, 15)  # back at the original height: still a custom height here
        tall.write_string(1, 0, "原高", bold)
        bars = wb.add_worksheet("数据条")
        bars.write_number(0, 0, 5, bold)
        bars.conditional_format(0, 0, 0, 0, {"type": "data_bar", "data_bar_2010": True})  # Excel 2010 rows
        wb.add_worksheet("宽表").write_string(70, 70, "第71列", bold)  # beyond the fast path's 64 columns
        ws.put_row(20, [("甲", bold), (3, wrap), ("", bold), (None, bold), (2.5, None), ("乙", None), ("", None)])
        if isinstance(ws, FastWorksheet):
            ws.put_row(21, [("x" * 9000, bold), (float("1e300"), bold)])
        else:
            ws.write_string(21, 0, "x" * 9000, bold)
            ws.write_number(21, 1, float("1e300"), bold)
        wb.add_worksheet("空表")

    _same_with_put_row(tmp_path, fill)


def test_nan_is_refused_like_xlsxwriter_does(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "n.xlsx"))
    wb.worksheet_class = FastWorksheet
    ws = wb.add_worksheet()
    with pytest.raises(TypeError):
        ws.put_row(0, [(float("nan"), None)])
    wb.close()


_VALUES = hs.one_of(hs.text(max_size=12), hs.integers(-10**12, 10**12),
                    hs.floats(allow_nan=False, allow_infinity=False), hs.none())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(grid=hs.lists(hs.lists(hs.tuples(_VALUES, hs.integers(0, 2)), max_size=12), max_size=40),
       gaps=hs.integers(0, 20), heights=hs.lists(hs.floats(0, 409), max_size=40))
def test_random_grids_are_written_identically(tmp_path, grid, gaps, heights):
    def fill(wb, fmts):
        ws = wb.add_worksheet()
        for r, height in enumerate(heights):  # some rows' heights before their cells, some after
            if r % 3 == 0:
                ws.set_row(r * (gaps + 1), height)
        for r, row in enumerate(grid):
            cells = [(v, fmts[f]) for v, f in row]
            if isinstance(ws, FastWorksheet) and r % 2:
                ws.put_row(r * (gaps + 1), cells)
            else:
                FastWorksheet._put_one_by_one(ws, r * (gaps + 1), cells)
        for r, height in enumerate(heights):
            if r % 3:
                ws.set_row(r * (gaps + 1) + 1, height)

    _same(tmp_path, fill)


def _examples_consolidated(tmp_path):
    # the examples have marked cells, comments, merged "未报送" rows, a chart and every sheet
    _, cons = run_consolidate([EXAMPLES], tmp_path / "out", default_config(), "2022-06", workers=1)
    assert cons.f2 and cons.findings
    return cons


def test_consolidated_workbook_is_byte_for_byte_what_stock_xlsxwriter_writes(tmp_path, monkeypatch):
    cons = _examples_consolidated(tmp_path)
    monkeypatch.setattr(xlsxfast, "DEFLATE_AHEAD_BYTES", 1)  # every worksheet deflated ahead, in the thread
    deflated: list[str] = []
    real = xlsxfast._deflate_file
    monkeypatch.setattr(xlsxfast, "_deflate_file", lambda path: deflated.append(path) or real(path))
    fast = writer.write_consolidated(cons, tmp_path / "fast.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "fast.xlsx") as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    assert len(deflated) == len(sheets) >= 6
    assert xlsxwriter.workbook.ZipFile is zipfile.ZipFile  # xlsxwriter's own name is put back
    assert xlsxwriter.packager.SharedStrings is xlsxwriter.sharedstrings.SharedStrings  # and this one
    monkeypatch.setattr(writer, "FastWorkbook", xlsxwriter.Workbook)  # xlsxwriter's own workbook and sheets
    # (deflated at this tool's level: xlsxfast.DEFLATE_LEVEL)
    monkeypatch.setattr(xlsxwriter.workbook, "ZipFile",
                        functools.partial(zipfile.ZipFile, compresslevel=xlsxfast.DEFLATE_LEVEL))
    stock = writer.write_consolidated(cons, tmp_path / "stock.xlsx").read_bytes()
    if fast != stock:  # say which part differs
        assert _members(fast, tmp_path / "f.zip") == _members(stock, tmp_path / "s.zip")
    assert fast == stock


def test_a_sheet_that_could_not_be_deflated_ahead_is_deflated_as_usual(tmp_path, monkeypatch):
    cons = _examples_consolidated(tmp_path)
    expected = writer.write_consolidated(cons, tmp_path / "plain.xlsx").read_bytes()
    monkeypatch.setattr(xlsxfast, "DEFLATE_AHEAD_BYTES", 1)

    def unreadable(path):
        raise OSError("gone")

    monkeypatch.setattr(xlsxfast, "_deflate_file", unreadable)
    assert writer.write_consolidated(cons, tmp_path / "fallback.xlsx").read_bytes() == expected


def test_a_deflated_stream_is_not_used_for_other_data():
    ready = xlsxfast._Deflated(b"stream", 10)
    assert ready.compress(b"12345") == b""
    with pytest.raises(RuntimeError):
        ready.flush()  # 5 bytes passed through, 10 were deflated


def test_plain_rows_are_written_as_cell_by_cell(tmp_path, monkeypatch):
    _, cons = run_consolidate([EXAMPLES], tmp_path / "out", default_config(), "2022-06", workers=1)
    fast = writer.write_consolidated(cons, tmp_path / "rows.xlsx").read_bytes()

    def cell_by_cell(self, cells):
        for i, (v, fmt) in enumerate(cells):
            self.value(i, v, fmt)

    monkeypatch.setattr(writer._Sheet, "plain_row", cell_by_cell)
    assert writer.write_consolidated(cons, tmp_path / "cells.xlsx").read_bytes() == fast


def test_rows_kept_as_xml_are_given_back_as_cells_when_asked_for(tmp_path):
    """put_row keeps a plain row as its XML; a cell written into that row later, a second put_row over it, a
    chart reading it and autofit get its cells back — the file is still what stock xlsxwriter writes."""

    def fill(wb, fmts):
        bold, wrap = fmts[0], fmts[1]
        first = wb.add_worksheet("先写")
        first.write_string(0, 0, "表头", wrap)  # numbered first by xlsxwriter: the rows below must not come first
        ws = wb.add_worksheet("数据")
        for r in range(1, 40):
            ws.put_row(r, [(f"机构{r % 7}", bold), (r, wrap), ("", bold), (None, wrap), (r * 1.5, bold)])
            ws.set_row(r, 15 + r % 3)
        ws.write_string(5, 2, "补写", wrap)  # into a row kept as XML
        ws.put_row(6, [("重写", wrap), (7, bold)])  # a row put twice
        ws.write_comment(8, 1, "批注")
        chart = wb.add_chart({"type": "column"})
        chart.add_series({"values": "=数据!$B$2:$B$20", "categories": "=数据!$A$2:$A$20"})
        ws.insert_chart("H2", chart)
        fitted = wb.add_worksheet("自适应")
        fitted.put_row(0, [("一段比较长的文字", bold), (12345678, wrap)])
        fitted.autofit()

    _same_with_put_row(tmp_path, fill)


def test_a_plain_row_is_kept_as_xml_not_as_cell_objects(tmp_path):
    wb = xlsxfast.FastWorkbook(str(tmp_path / "x.xlsx"))
    ws = wb.add_worksheet()
    fmt = wb.add_format({"border": 1})
    ws.put_row(3, [("甲", fmt), (1, fmt), ("", fmt)])
    assert dict.get(ws.table, 3) is None and 3 in ws.table.rendered
    assert ws.table[3][1].number == 1 and 3 not in ws.table.rendered  # asked for: cells again
    wb.close()


_TRICKY = hs.lists(hs.sampled_from(list("红橙黄是否养老院 _x0F&<>\"'\n\t\r\x01\x1f\ufffe\uffff😀") +
                                   ["_x0000_", "_x00Fa_", "<r>", "</r>"]), max_size=8).map("".join)


@settings(max_examples=200, deadline=None)
@given(strings=hs.lists(_TRICKY, max_size=30, unique=True))
def test_shared_strings_are_written_as_xlsxwriter_writes_them(strings):
    """FastSharedStrings joins the strings xlsxwriter writes unchanged and leaves every other one to it: the
    same sharedStrings.xml for control characters, _xHHHH_, XML specials, spaces at either end, rich strings."""
    import io

    from xlsxwriter.sharedstrings import SharedStrings, SharedStringTable

    def xml(cls: type) -> str:
        table = SharedStringTable()
        for text in strings + strings[:3]:
            table._get_shared_string_index(text)
        table._sort_string_data()  # as the workbook does before writing: the table's strings in index order
        sst = cls()
        sst.string_table = table
        out = io.StringIO()
        sst._set_xml_writer(out)
        sst._assemble_xml_file()
        return out.getvalue()

    assert xml(xlsxfast.FastSharedStrings) == xml(SharedStrings)
    assert all(f"{text}</t></si>" in xml(SharedStrings) for text in strings if text.isalpha())


def test_rows_whose_formats_were_numbered_beforehand_are_written_as_xlsxwriter_writes_them(tmp_path):
    """writer.Styles numbers its formats when it makes them: a row kept as XML holds their numbers, a format made
    later still gets its number on first use, and a cell asked for again is the cell it was."""

    def fill(wb, fmts):
        late = wb.add_format({"italic": True, "border": 2})
        for fmt in wb.formats:
            if fmt is not late:
                fmt._get_xf_index()
        ws = wb.add_worksheet("数据")
        for r in range(1, 30):
            ws.put_row(r, [(f"机构{r % 5}", fmts[0]), (r, late), ("", fmts[1]), (None, late)])
            ws.set_row(r, 16)
        ws.write_string(4, 1, "补写", fmts[1])  # into a row kept as XML: its cells come back first
        if isinstance(ws, FastWorksheet):
            text = ws.table.rendered[5][0]
            assert f's="{fmts[0].xf_index}" t="s"' in text and "\x01" in text  # numbered; late: a placeholder

    _same_with_put_row(tmp_path, fill)


def test_the_workbook_is_deflated_at_the_chosen_level(tmp_path):
    """Level 5 deflates a province's 50 MB of XML in half the time of zlib's default (issue 9): every part."""
    import zlib

    cons = _examples_consolidated(tmp_path)
    path = writer.write_consolidated(cons, tmp_path / "w.xlsx")
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            comp = zlib.compressobj(xlsxfast.DEFLATE_LEVEL, zlib.DEFLATED, -15)
            assert len(comp.compress(z.read(info)) + comp.flush()) == info.compress_size, info.filename


def test_the_consolidated_rows_hold_their_formats_numbers(tmp_path, monkeypatch):
    """writer.Styles numbers its formats as it makes them, so that no sheet's rows are searched for placeholders
    when the workbook is written (issue 9: 0.5 s at 2,000 units)."""
    cons = _examples_consolidated(tmp_path)
    batches: list[bool] = []
    real = xlsxfast._numbered
    monkeypatch.setattr(xlsxfast, "_numbered", lambda text, formats: batches.append("\x01" in text) or
                        real(text, formats))
    writer.write_consolidated(cons, tmp_path / "w.xlsx")
    assert batches and not any(batches)
